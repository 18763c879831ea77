"""organization_create / organization_update: placement rules, DIS-03, permissions, ledger."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.kernel.organizations.events import OrganizationCreated
from yiwang.kernel.organizations.models import Kind, Level, Organization
from yiwang.kernel.organizations.services import organization_create, organization_update
from yiwang.kernel.organizations.tests.trees import build_lushan, code

pytestmark = pytest.mark.django_db
MANAGE = "organizations.manage_organization"


@pytest.fixture
def lushan(manager: Any) -> Any:
    return build_lushan(manager)


def test_levels_follow_the_tree(manager: Any, lushan: Any) -> None:
    assert (lushan.county.level, lushan.bureau.level, lushan.legal_unit.level) == (
        Level.COUNTY,
        Level.COUNTY,
        Level.COUNTY,
    )
    town = organization_create(
        actor=manager,
        parent=lushan.county,
        name="琴台街道办事处",
        kind=Kind.GOVERNMENT,
        credit_code=code("town"),
    )
    village = organization_create(
        actor=manager, parent=town, name="花园社区居民委员会", kind=Kind.COMMUNITY, credit_code=code("vil")
    )
    office = organization_create(actor=manager, parent=town, name="党政办公室", kind=Kind.UNIT)
    assert (town.level, village.level, office.level) == (Level.TOWN, Level.VILLAGE, Level.TOWN)
    assert lushan.bureau.contains(lushan.legal_unit) and not lushan.bureau.contains(lushan.neighbour)
    assert lushan.legal_unit.body() == lushan.bureau


def test_invalid_credit_code_is_refused_and_nothing_written__DIS_03(
    manager: Any, lushan: Any, ledger_size: Any
) -> None:
    rows, entries = Organization.objects.count(), ledger_size()
    with pytest.raises(DomainError) as info:
        organization_create(
            actor=manager,
            parent=lushan.county,
            name="鲁山县财政局",
            kind=Kind.DEPARTMENT,
            credit_code="11320982738291246U",
        )
    assert info.value.code == "invalid_credit_code"
    assert info.value.message == "统一社会信用代码“11320982738291246U”校验位不正确，请核对后重新输入"
    assert (Organization.objects.count(), ledger_size()) == (rows, entries)
    assert Organization.objects.get(pk=lushan.county.pk).numchild == 2


def test_update_to_invalid_credit_code_is_refused_and_nothing_written__DIS_03(
    manager: Any, lushan: Any, ledger_size: Any
) -> None:
    before, entries = lushan.bureau.credit_code, ledger_size()
    with pytest.raises(DomainError) as info:
        organization_update(actor=manager, organization=lushan.bureau, credit_code="1132098273829124")
    assert info.value.code == "invalid_credit_code"
    assert Organization.objects.get(pk=lushan.bureau.pk).credit_code == before
    assert ledger_size() == entries


@pytest.mark.parametrize(
    ("parent_attr", "kind", "credit"),
    [
        ("legal_unit", Kind.DEPARTMENT, True),  # a department inside a 股
        ("county", Kind.COMMUNITY, True),  # a village committee directly under the county
        ("bureau", Kind.GOVERNMENT, True),  # a town government under a bureau
        (None, Kind.DEPARTMENT, True),  # a department as a root
        (None, Kind.UNIT, False),  # a unit as a root
    ],
)
def test_kind_placed_where_it_cannot_sit_is_refused(
    manager: Any, lushan: Any, ledger_size: Any, parent_attr: str | None, kind: str, credit: bool
) -> None:
    parent = getattr(lushan, parent_attr) if parent_attr else None
    rows, entries = Organization.objects.count(), ledger_size()
    with pytest.raises(DomainError) as info:
        organization_create(
            actor=manager,
            parent=parent,
            name="某机构",
            kind=kind,
            credit_code=code("p" + kind) if credit else None,
        )
    assert info.value.code == "invalid_placement"
    assert "不能设在" in info.value.message
    assert (Organization.objects.count(), ledger_size()) == (rows, entries)


def test_unit_under_a_village_committee_is_refused(manager: Any, lushan: Any) -> None:
    town = organization_create(
        actor=manager,
        parent=lushan.county,
        name="张官营镇人民政府",
        kind=Kind.GOVERNMENT,
        credit_code=code("zgy"),
    )
    village = organization_create(
        actor=manager, parent=town, name="某村民委员会", kind=Kind.COMMUNITY, credit_code=code("cun")
    )
    with pytest.raises(DomainError) as info:
        organization_create(actor=manager, parent=village, name="第一村民小组", kind=Kind.UNIT)
    assert info.value.code == "invalid_placement"
    assert "不能设在村（居）民委员会之下" in info.value.message


def test_level_given_must_match_the_tree(manager: Any, lushan: Any) -> None:
    with pytest.raises(DomainError) as info:
        organization_create(
            actor=manager,
            parent=lushan.county,
            name="鲁山县财政局",
            kind=Kind.DEPARTMENT,
            credit_code=code("cz"),
            level=Level.TOWN,
        )
    assert info.value.code == "level_mismatch"


def test_body_needs_a_credit_code_and_a_unit_has_none__DIS_03(manager: Any, lushan: Any) -> None:
    with pytest.raises(DomainError) as info:
        organization_create(actor=manager, parent=lushan.county, name="鲁山县财政局", kind=Kind.DEPARTMENT)
    assert info.value.code == "credit_code_required"
    with pytest.raises(DomainError) as info:
        organization_create(
            actor=manager, parent=lushan.bureau, name="土壤股", kind=Kind.UNIT, credit_code=code("soil")
        )
    assert info.value.code == "unit_has_no_credit_code"


def test_duplicate_credit_code_is_refused(manager: Any, lushan: Any) -> None:
    with pytest.raises(DomainError) as info:
        organization_create(
            actor=manager,
            parent=lushan.county,
            name="鲁山县财政局",
            kind=Kind.DEPARTMENT,
            credit_code=lushan.bureau.credit_code,
        )
    assert info.value.code == "duplicate_credit_code"
    assert "鲁山县环境保护局" in info.value.message


def test_blank_name_is_refused(manager: Any, lushan: Any) -> None:
    with pytest.raises(DomainError) as info:
        organization_create(actor=manager, parent=lushan.bureau, name="\u3000 ", kind=Kind.UNIT)
    assert info.value.code == "name_required"


def test_create_writes_a_ledger_entry_and_publishes_an_event(
    manager: Any, lushan: Any, ledger_size: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from yiwang.kernel.events.bus import subscribe

    received: list[Any] = []
    name = f"{OrganizationCreated.__module__}.{OrganizationCreated.__qualname__}"
    unsubscribe = subscribe(name, received.append)
    try:
        before = ledger_size()
        with django_capture_on_commit_callbacks(execute=True):
            unit = organization_create(actor=manager, parent=lushan.bureau, name="监察室", kind=Kind.UNIT)
    finally:
        unsubscribe()
    assert ledger_size() == before + 1
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.subject_type, entry.subject_id) == (
        "organizations.organization.created",
        "organizations.organization",
        str(unit.pk),
    )
    assert entry.actor_id == str(manager.pk)
    assert [e.organization_id for e in received] == [unit.pk]


def test_manager_of_one_bureau_cannot_create_under_another(
    make_person: Any, lushan: Any, ledger_size: Any
) -> None:
    head = make_person(MANAGE, scope=lushan.bureau)
    organization_create(actor=head, parent=lushan.bureau, name="开发股", kind=Kind.UNIT)
    rows, entries = Organization.objects.count(), ledger_size()
    with pytest.raises(Forbidden):
        organization_create(actor=head, parent=lushan.neighbour, name="办公室", kind=Kind.UNIT)
    with pytest.raises(Forbidden):
        organization_create(
            actor=head, parent=None, name="某县人民政府", kind=Kind.GOVERNMENT, credit_code=code("x")
        )
    assert (Organization.objects.count(), ledger_size()) == (rows, entries)


def test_update_records_only_what_changed(manager: Any, lushan: Any, ledger_size: Any) -> None:
    before = ledger_size()
    organization_update(
        actor=manager, organization=lushan.bureau, short_name="鲁山县环保局", name="鲁山县环境保护局"
    )
    assert ledger_size() == before + 1
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.action == "organizations.organization.updated"
    organization_update(actor=manager, organization=lushan.bureau, short_name="鲁山县环保局")
    assert ledger_size() == before + 1  # nothing changed, nothing recorded
    assert Organization.objects.get(pk=lushan.bureau.pk).short_name == "鲁山县环保局"


def test_database_refuses_a_community_that_is_not_village_level(lushan: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.add_child(
            lushan.county,
            create_kwargs={
                "name": "社区",
                "kind": Kind.COMMUNITY,
                "level": Level.COUNTY,
                "code": "bad-community",
            },
        )


def test_database_refuses_a_unit_with_a_credit_code(lushan: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.add_child(
            lushan.bureau,
            create_kwargs={
                "name": "股",
                "kind": Kind.UNIT,
                "level": Level.COUNTY,
                "code": "bad-unit",
                "credit_code": code("bad"),
            },
        )
