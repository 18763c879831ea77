"""Staff pages (/organizations/) and API (/api/organizations/)."""

from __future__ import annotations

from typing import Any

import pytest

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.organizations.tests.trees import build_lushan, code
from yiwang.kernel.people.services import person_create, position_assign

pytestmark = pytest.mark.django_db
VIEW = "organizations.view_organization"
MANAGE = "organizations.manage_organization"


@pytest.fixture
def lushan(manager: Any) -> Any:
    return build_lushan(manager)


def test_tree_shows_only_the_actors_subtree(make_person: Any, lushan: Any, client_for: Any) -> None:
    viewer = make_person(VIEW, scope=lushan.bureau)
    page = client_for(viewer).get("/organizations/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "鲁山县环境保护局" in text and "法制股" in text and "环境监察大队" in text
    assert "鲁山县司法局" not in text and "鲁山县人民政府" not in text
    assert [r.indent for r in page.context["rows"]] == [0, 1, 1]


def test_tree_needs_login(client: Any) -> None:
    response = client.get("/organizations/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_detail_shows_units_and_people(make_person: Any, manager: Any, lushan: Any, client_for: Any) -> None:
    viewer = make_person(VIEW, "people.view_person", scope=lushan.bureau)
    clerk = person_create(actor=manager, name="孙丽娟", organization=lushan.bureau)
    position_assign(
        actor=manager, person=clerk, organization=lushan.legal_unit, title="法制股股长", is_head=True
    )
    client = client_for(viewer)
    page = client.get(f"/organizations/{lushan.bureau.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "法制股" in text and "环境监察大队" in text
    assert lushan.bureau.credit_code in text
    people_url = f"/people/in/{lushan.bureau.pk}/"
    assert people_url in text  # loaded by htmx, plain link without scripts
    fragment = client.get(people_url, HTTP_HX_REQUEST="true").content.decode()
    assert "孙丽娟" in fragment and "法制股股长" in fragment and "<html" not in fragment


def test_create_form_shows_the_chinese_error_and_writes_nothing__DIS_03(
    make_person: Any, lushan: Any, client_for: Any, ledger_size: Any
) -> None:
    head = make_person(VIEW, MANAGE, scope=lushan.county)
    rows, entries = Organization.objects.count(), ledger_size()
    page = client_for(head).post(
        f"/organizations/{lushan.county.pk}/new/",
        {"name": "鲁山县财政局", "kind": "department", "credit_code": "11320982738291246U"},
    )
    assert page.status_code == 200
    assert "校验位不正确" in page.content.decode()
    assert (Organization.objects.count(), ledger_size()) == (rows, entries)


def test_create_form_adds_a_unit(make_person: Any, lushan: Any, client_for: Any) -> None:
    head = make_person(VIEW, MANAGE, scope=lushan.bureau)
    response = client_for(head).post(
        f"/organizations/{lushan.bureau.pk}/new/", {"name": "土壤股", "kind": "unit"}
    )
    unit = Organization.objects.get(name="土壤股")
    assert response.status_code == 302 and response["Location"] == f"/organizations/{unit.pk}/"
    assert unit.path.startswith(lushan.bureau.path)


def test_edit_page_is_forbidden_without_manage(make_person: Any, lushan: Any, client_for: Any) -> None:
    viewer = make_person(VIEW, scope=lushan.bureau)
    assert client_for(viewer).get(f"/organizations/{lushan.bureau.pk}/edit/").status_code == 403


def test_api_list_is_scoped_and_in_tree_order(make_person: Any, lushan: Any, api_client_for: Any) -> None:
    viewer = make_person(VIEW, scope=lushan.bureau)
    body = api_client_for(viewer).get("/api/organizations/").json()
    assert [o["name"] for o in body["results"]] == ["鲁山县环境保护局", "法制股", "环境监察大队"]
    assert body["results"][1]["parent_id"] == lushan.bureau.pk
    assert body["results"][0]["parent_id"] == lushan.county.pk
    children = api_client_for(viewer).get(f"/api/organizations/?parent={lushan.bureau.pk}").json()
    assert [o["kind"] for o in children["results"]] == ["unit", "unit"]


def test_api_create_with_invalid_credit_code_gives_the_stable_code__DIS_03(
    make_person: Any, lushan: Any, api_client_for: Any, ledger_size: Any
) -> None:
    head = make_person(VIEW, MANAGE, scope=lushan.county)
    rows, entries = Organization.objects.count(), ledger_size()
    response = api_client_for(head).post(
        "/api/organizations/",
        {
            "parent": lushan.county.pk,
            "name": "鲁山县财政局",
            "kind": "department",
            "credit_code": "113209827382912460",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_credit_code",
        "message": "统一社会信用代码“113209827382912460”校验位不正确，请核对后重新输入",
        "field": "credit_code",
    }
    assert (Organization.objects.count(), ledger_size()) == (rows, entries)


def test_api_create_and_update(make_person: Any, lushan: Any, api_client_for: Any) -> None:
    head = make_person(VIEW, MANAGE, scope=lushan.county)
    api = api_client_for(head)
    created = api.post(
        "/api/organizations/",
        {"parent": lushan.county.pk, "name": "鲁山县财政局", "kind": "department", "credit_code": code("cz")},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["level"] == "county"
    pk = created.json()["id"]
    patched = api.patch(f"/api/organizations/{pk}/", {"short_name": "县财政局"}, format="json")
    assert patched.status_code == 200 and patched.json()["short_name"] == "县财政局"


def test_api_create_under_an_invisible_parent_is_not_found(
    make_person: Any, lushan: Any, api_client_for: Any
) -> None:
    head = make_person(VIEW, MANAGE, scope=lushan.bureau)
    response = api_client_for(head).post(
        "/api/organizations/",
        {"parent": lushan.neighbour.pk, "name": "办公室", "kind": "unit"},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["field"] == "parent"


def test_api_needs_authentication(api_client: Any) -> None:
    response = api_client.get("/api/organizations/")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
