"""/api/calendar/: computations for signed-in clients, overrides for calendar.manage_override."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from yiwang.kernel.calendar.models import CalendarOverride, CalendarYear

from .samples import MISSING, SCHEDULE, SOURCE

pytestmark = pytest.mark.django_db

OVERRIDE = {
    "day": "2026-10-09",
    "is_working_day": False,
    "reason": "国庆假期延长一天",
    "source_document": SOURCE["source_document"],
    "source_number": SOURCE["source_number"],
    "source_date": "2026-11-03",
}


@pytest.fixture
def api(person: Any, api_client_for: Callable[[Any], APIClient]) -> APIClient:
    return api_client_for(person)


@pytest.fixture
def keeper_api(keeper: Any, api_client_for: Callable[[Any], APIClient]) -> APIClient:
    return api_client_for(keeper)


def test_add__CAL_04(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:add"), {"start": "2026-09-28", "n": "7"})
    assert r.status_code == 200
    assert r.json() == {"start": "2026-09-28", "n": 7, "due": "2026-10-13"}


def test_token_clients_are_served__CAL_04(person: Any) -> None:
    token = Token.objects.create(user=person.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    r = client.get(reverse("calendar_api:between"), {"a": "2026-09-28", "b": "2026-10-13"})
    assert r.status_code == 200
    assert r.json()["working_days"] == 7


def test_anonymous_gets_401_in_the_uniform_body(api_client: APIClient) -> None:
    r = api_client.get(reverse("calendar_api:add"), {"start": "2026-09-28", "n": "7"})
    assert r.status_code == 401
    assert r.json() == {"code": "not_authenticated", "message": "请先登录或提供有效的令牌", "field": None}


def test_bad_date_names_the_field(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:add"), {"start": "2026-02-30", "n": "7"})
    assert r.status_code == 400
    body = r.json()
    assert (body["code"], body["field"]) == ("invalid_date", "start")
    assert "格式有误" in body["message"]


def test_missing_parameter_is_a_validation_error(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:add"), {"start": "2026-09-28"})
    assert r.status_code == 400
    body = r.json()
    assert (body["code"], body["field"]) == ("invalid", "n")
    assert body["message"].startswith("输入有误")


def test_into_a_year_without_data__CAL_02(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:add"), {"start": f"{MISSING - 1}-12-28", "n": "10"})
    assert r.status_code == 400
    body = r.json()
    assert body["code"] == "calendar_year_unavailable"
    assert body["message"].startswith(f"{MISSING}年节假日安排尚未发布")
    assert body["details"] == {"year": MISSING}


def test_day__CAL_05(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:day", kwargs={"day": "2026-10-10"}))
    assert r.status_code == 200
    assert r.json() == {
        "date": "2026-10-10",
        "is_working_day": True,
        "kind": "adjusted_workday",
        "kind_label": "调休上班",
        "name": "国庆节调休上班",
        "origin": "package",
    }


def test_deadline_explains__CAL_06(api: APIClient) -> None:
    r = api.get(
        reverse("calendar_api:deadline"), {"rule_id": "CAL-04", "start": "2026-09-28", "working_days": "7"}
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["rule_id"], body["start"], body["due"], body["kind"], body["amount"]) == (
        "CAL-04",
        "2026-09-28",
        "2026-10-13",
        "working_days",
        7,
    )
    assert body["explanation"].startswith("依据CAL-04：")


def test_years_show_coverage_and_warnings__CAL_02(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:years"))
    assert r.status_code == 200
    body = r.json()
    assert {"year", "available", "data_source", "status_label", "override_count"} <= set(body["years"][0])
    assert isinstance(body["warnings"], list)


def test_crosscheck__CAL_01(api: APIClient) -> None:
    assert api.get(reverse("calendar_api:crosscheck", kwargs={"year": 2026})).json() == []
    rows = api.get(reverse("calendar_api:crosscheck", kwargs={"year": 2005})).json()
    assert [r["date"] for r in rows] == ["2005-12-31"]


def test_creating_an_override_needs_the_permission__CAL_03(
    api: APIClient, ledger_size: Callable[[], int]
) -> None:
    before = ledger_size()
    r = api.post(reverse("calendar_api:overrides"), OVERRIDE, format="json")
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert "录入和撤销工作日历调整" in r.json()["message"]
    assert CalendarOverride.objects.count() == 0
    assert ledger_size() == before


def test_override_create_list_withdraw__CAL_03(keeper_api: APIClient, api: APIClient) -> None:
    r = keeper_api.post(reverse("calendar_api:overrides"), OVERRIDE, format="json")
    assert r.status_code == 201, r.json()
    created = r.json()
    assert (created["day"], created["is_working_day"], created["reason"]) == (
        "2026-10-09",
        False,
        "国庆假期延长一天",
    )
    assert (
        api.get(reverse("calendar_api:add"), {"start": "2026-09-28", "n": "7"}).json()["due"] == "2026-10-14"
    )
    listed = api.get(reverse("calendar_api:overrides"), {"year": "2026"}).json()
    assert [o["id"] for o in listed] == [created["id"]]
    url = reverse("calendar_api:override-withdraw", kwargs={"pk": created["id"]})
    r = keeper_api.post(url, {"reason": "录入错误"}, format="json")
    assert r.status_code == 200
    assert r.json()["withdrawn_at"] is not None
    assert api.get(reverse("calendar_api:overrides"), {"year": "2026"}).json() == []
    assert len(api.get(reverse("calendar_api:overrides"), {"year": "2026", "all": "1"}).json()) == 1


def test_override_validation_errors_write_nothing__CAL_03(
    keeper_api: APIClient, ledger_size: Callable[[], int]
) -> None:
    before = ledger_size()
    r = keeper_api.post(reverse("calendar_api:overrides"), {**OVERRIDE, "reason": ""}, format="json")
    assert r.status_code == 400
    assert (r.json()["code"], r.json()["field"]) == ("invalid", "reason")
    r = keeper_api.post(
        reverse("calendar_api:overrides"), {**OVERRIDE, "source_date": "2099-01-01"}, format="json"
    )
    assert (r.json()["code"], r.json()["field"]) == ("invalid_source_date", "source_date")
    assert CalendarOverride.objects.count() == 0
    assert ledger_size() == before


def test_override_list_refuses_a_bad_year(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:overrides"), {"year": "明年"})
    assert r.status_code == 400
    assert (r.json()["code"], r.json()["field"]) == ("invalid_year", "year")


def test_withdraw_unknown_override_is_404(keeper_api: APIClient) -> None:
    r = keeper_api.post(
        reverse("calendar_api:override-withdraw", kwargs={"pk": 999}), {"reason": "x"}, format="json"
    )
    assert r.status_code == 404
    assert r.json() == {"code": "not_found", "message": "该日历调整不存在", "field": None}


def test_year_import_and_withdraw__CAL_02(keeper_api: APIClient, api: APIClient) -> None:
    payload = {"year": MISSING, "schedule": SCHEDULE, **OVERRIDE}
    r = keeper_api.post(reverse("calendar_api:year-import"), payload, format="json")
    assert r.status_code == 201, r.json()
    assert (
        api.get(reverse("calendar_api:day", kwargs={"day": f"{MISSING}-10-09"})).json()["is_working_day"]
        is True
    )
    pk = r.json()["id"]
    r = keeper_api.post(
        reverse("calendar_api:year-withdraw", kwargs={"pk": pk}), {"reason": "更正"}, format="json"
    )
    assert r.status_code == 200
    r = api.get(reverse("calendar_api:day", kwargs={"day": f"{MISSING}-10-09"}))
    assert r.status_code == 400 and r.json()["code"] == "calendar_year_unavailable"


def test_declare_year_needs_permission__CAL_02(api: APIClient) -> None:
    payload = {"year": MISSING, **{k: v for k, v in OVERRIDE.items() if k.startswith("source")}}
    r = api.post(reverse("calendar_api:years"), payload, format="json")
    assert r.status_code == 403
    assert CalendarYear.objects.count() == 0


def test_declare_year_refusal_from_the_rules__CAL_02(keeper_api: APIClient) -> None:
    payload = {"year": MISSING, **{k: v for k, v in OVERRIDE.items() if k.startswith("source")}}
    r = keeper_api.post(reverse("calendar_api:years"), payload, format="json")
    assert r.status_code == 400
    assert r.json()["code"] == "calendar_year_without_overrides"
    keeper_api.post(reverse("calendar_api:overrides"), {**OVERRIDE, "day": f"{MISSING}-01-01"}, format="json")
    r = keeper_api.post(reverse("calendar_api:years"), payload, format="json")
    assert r.status_code == 201
    assert r.json()["year"] == MISSING
    assert date.fromisoformat(r.json()["source_date"]) == date(2026, 11, 3)
