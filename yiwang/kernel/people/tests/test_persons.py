"""Persons and positions; hostile strings survive storage and are escaped on pages."""

from __future__ import annotations

from typing import Any

import pytest

from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import Person, Position
from yiwang.kernel.people.services import person_create, person_update, position_assign, position_end
from yiwang.kernel.testing.hostile import HOSTILE, SCRIPT, SCRIPT_ESCAPED

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(manager: Any) -> Any:
    return build_lushan(manager)


def test_user_person_link(manager: Any, tree: Any) -> None:
    person = person_create(
        actor=manager,
        name="孙丽娟",
        organization=tree.legal_unit,
        username="sunlj",
        password="Yiwang-demo-2026",
    )
    assert person.user is not None and person.user.person == person


@pytest.mark.parametrize("kind", ["script", "emoji", "fullwidth_digits", "rtl", "sql", "combining"])
def test_hostile_names_are_stored_and_escaped(manager: Any, tree: Any, client_for: Any, kind: str) -> None:
    name = HOSTILE[kind][:100]
    person = person_create(actor=manager, name=name, organization=tree.legal_unit)
    stored = Person.objects.get(pk=person.pk).name
    assert stored == " ".join(name.split())
    if kind == "script":
        body = client_for(manager).get(f"/people/{person.pk}/").content.decode()
        assert SCRIPT not in body and SCRIPT_ESCAPED in body


def test_long_chinese_name_is_refused_with_its_length(manager: Any, tree: Any, ledger_size: Any) -> None:
    entries = ledger_size()
    with pytest.raises(DomainError) as info:
        person_create(actor=manager, name=HOSTILE["long_chinese"], organization=tree.legal_unit)
    assert info.value.code == "name_too_long" and "2000" in info.value.message
    assert ledger_size() == entries


def test_duplicate_username_and_bad_phone(manager: Any, tree: Any) -> None:
    person_create(actor=manager, name="甲", organization=tree.legal_unit, username="same")
    with pytest.raises(DomainError) as info:
        person_create(actor=manager, name="乙", organization=tree.legal_unit, username="same")
    assert info.value.code == "duplicate_username"
    with pytest.raises(DomainError) as info:
        person_create(actor=manager, name="丙", organization=tree.legal_unit, phone="<script>")
    assert info.value.code == "invalid_phone"
    assert (
        person_create(
            actor=manager, name="丁", organization=tree.legal_unit, phone="０３７５-５０９９９４０"
        ).phone
        == "0375-5099940"
    )


def test_person_create_is_scoped(make_person: Any, tree: Any) -> None:
    clerk = make_person("people.manage_person", scope=tree.bureau)
    person_create(actor=clerk, name="甲", organization=tree.legal_unit)
    with pytest.raises(Forbidden):
        person_create(actor=clerk, name="乙", organization=tree.neighbour)
    with pytest.raises(Forbidden):
        person_create(actor=clerk, name="丙", organization=None)


def test_positions_and_update(manager: Any, tree: Any, ledger_size: Any) -> None:
    person = person_create(actor=manager, name="孙丽娟", organization=tree.legal_unit)
    position = position_assign(
        actor=manager, person=person, organization=tree.legal_unit, title="法制股股长", is_head=True
    )
    with pytest.raises(DomainError) as info:
        position_assign(actor=manager, person=person, organization=tree.legal_unit, title="法制股股长")
    assert info.value.code == "duplicate_position"
    position_end(actor=manager, position=position)
    assert Position.objects.get(pk=position.pk).ended_on is not None
    before = ledger_size()
    person_update(actor=manager, person=person, phone="13800000000")
    assert ledger_size() == before + 1
    person_update(actor=manager, person=person, phone="13800000000")
    assert ledger_size() == before + 1


def test_admin_lists_people_roles_and_certificates_read_only(
    manager: Any, tree: Any, client_for: Any
) -> None:
    person_create(actor=manager, name="孙丽娟", organization=tree.legal_unit)
    client = client_for(manager)
    for model in (
        "person",
        "position",
        "role",
        "roleassignment",
        "enforcementcertificate",
        "enforcementdomain",
    ):
        assert client.get(f"/admin/people/{model}/").status_code == 200, model
    assert client.get("/admin/organizations/organization/").status_code == 200
    assert client.get("/admin/people/person/add/").status_code == 403
    assert client.get("/admin/organizations/organization/add/").status_code == 403
