"""Reads by who asks: the case list and its filters, scoping by organization subtree, the head's
queue, the officer's to-do (ENF-113 reminders), the supervisor's overdue page, numbering."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from yiwang.kernel.errors import NotFound
from yiwang.kernel.organizations.services import organization_create
from yiwang.kernel.organizations.tests.trees import code
from yiwang.modules.enforcement import selectors, services
from yiwang.modules.enforcement.models import Case, CaseDeadline

from .conftest import COMPANY, D, Flow, World, make_certificate, make_person

pytestmark = pytest.mark.django_db


def _file(world: World, title: str, **kw: object) -> Case:
    return services.case_file(
        actor=world.officer,
        unit=world.tree.inspection,
        kind=str(kw.pop("kind", "penalty")),
        title=title,
        party=COMPANY,
        violation_type=world.violation("air_exceed"),
        **kw,  # type: ignore[arg-type]
    )


def test_case_numbers_count_per_agency_kind_and_year(world: World) -> None:
    a = _file(world, "甲案", on=D(2026, 1, 5))
    b = _file(world, "乙案", on=D(2026, 2, 5))
    c = _file(world, "丙案", kind="inspection", on=D(2026, 2, 6))
    d = _file(world, "丁案", on=D(2025, 12, 30))
    assert [a.number, b.number, c.number, d.number] == [
        "鲁环罚〔2026〕1号",
        "鲁环罚〔2026〕2号",
        "鲁环查〔2026〕1号",
        "鲁环罚〔2025〕1号",
    ]


def test_case_number_template_is_a_setting(world: World) -> None:
    from yiwang.kernel.modules.services import module_activation_set

    module_activation_set(
        actor=world.admin,
        organization=world.tree.bureau,
        module="enforcement",
        enabled=True,
        settings={"case_number_template": "鲁环罚字〔{year}〕第{serial:03d}号"},
    )
    assert _file(world, "甲案", on=D(2026, 1, 5)).number == "鲁环罚字〔2026〕第001号"


def test_list_filters(world: World) -> None:
    a = _file(world, "超标排放甲案", on=D(2026, 1, 5))
    b = _file(world, "超标排放乙案", on=D(2026, 2, 5))
    c = _file(world, "现场检查", kind="inspection", on=D(2026, 2, 6))
    services.case_approve_filing(actor=world.head, case=a, approve=True, on=D(2026, 1, 6))
    services.case_assign_officers(
        actor=world.officer, case=a, certificates=[world.certs["c1"], world.certs["c2"]], on=D(2026, 1, 6)
    )

    def pks(**filters: object) -> list[int]:
        return [x.pk for x in selectors.case_list_for(actor=world.head, **filters)]  # type: ignore[arg-type]

    assert pks() == [c.pk, b.pk, a.pk]
    assert pks(status="filed") == [a.pk]
    assert pks(status=["filed", "filing_pending"]) == [b.pk, a.pk]
    assert pks(kind="inspection") == [c.pk]
    assert pks(officer=world.officer2) == [a.pk]
    assert pks(text="乙案") == [b.pk]
    assert pks(text="〔2026〕2号") == [b.pk]
    assert pks(text="琴台建材") == [c.pk, b.pk, a.pk]
    assert pks(filed_from=D(2026, 2, 1), filed_to=D(2026, 2, 5)) == [b.pk]
    assert pks(unit=world.tree.legal_unit) == []


def test_list_is_scoped_to_the_actors_subtree(world: World) -> None:
    case = _file(world, "甲案", on=D(2026, 1, 5))
    assert [c.pk for c in selectors.case_list_for(actor=world.supervisor)] == [
        case.pk
    ]  # county-wide supervisor
    assert list(selectors.case_list_for(actor=world.outsider)) == []  # another body
    assert selectors.case_get_for(actor=world.officer, case_id=case.pk).pk == case.pk
    with pytest.raises(NotFound):
        selectors.case_get_for(actor=world.outsider, case_id=case.pk)
    with pytest.raises(NotFound):
        selectors.case_get_for(actor=world.officer, case_id=10**9)
    with pytest.raises(NotFound):
        selectors.timeline_for(actor=world.outsider, case=case)


def test_overdue_filter_and_page(world: World) -> None:
    flow = Flow(world)
    case = flow.until("decided")  # delivery due 2026-03-31
    assert [c.pk for c in selectors.case_list_for(actor=world.head, overdue=True, on=D(2026, 3, 31))] == []
    assert [c.pk for c in selectors.case_list_for(actor=world.head, overdue=True, on=D(2026, 4, 1))] == [
        case.pk
    ]
    rows = list(selectors.overdue_for(actor=world.supervisor, on=D(2026, 4, 1)))
    assert [(r.kind, r.due) for r in rows] == [("delivery", D(2026, 3, 31))]
    assert (
        list(selectors.overdue_for(actor=world.officer, on=D(2026, 4, 1))) == []
    )  # officers do not supervise


def test_head_queue_shows_what_waits_for_the_head(world: World) -> None:
    a = _file(world, "待立案", on=D(2026, 1, 5))
    flow = Flow(world)
    blocked = flow.until("legal_review")
    review = blocked.reviews.get()
    from yiwang.modules.enforcement.rules import CHECKLIST, Finding

    findings = [Finding(p.code, p.code != "facts_and_evidence", "证据不足") for p in CHECKLIST]
    services.review_answer(
        actor=world.reviewer, review=review, outcome="returned", findings=findings, opinion="补充证据"
    )
    queue = {c.pk: vars(c)["head_action"] for c in selectors.head_decision_queue_for(actor=world.head)}
    assert queue == {a.pk: "立案审批", blocked.pk: "法制审核未通过，不得作出决定"}
    assert list(selectors.head_decision_queue_for(actor=world.officer)) == []


def test_officer_todo_lists_deadlines_and_next_steps__ENF_113(world: World) -> None:
    expiring = make_certificate(
        number="ZF-410423-0999",
        holder=world.officer3,
        organization=world.tree.inspection,
        issuing_authority="河南省人民政府",
        valid_from=D(2024, 1, 1),
        valid_to=D(2026, 4, 10),
    )
    case = _file(world, "甲案", on=D(2026, 3, 2))
    services.case_approve_filing(actor=world.head, case=case, approve=True, on=D(2026, 3, 3))
    services.case_assign_officers(
        actor=world.officer, case=case, certificates=[world.certs["c1"], expiring], on=D(2026, 3, 3)
    )
    cert_deadline = CaseDeadline.objects.get(case=case, kind="certificate", officer__person=world.officer3)
    assert (cert_deadline.rule, cert_deadline.due, cert_deadline.alert_on) == (
        "ENF-113",
        D(2026, 4, 10),
        D(2026, 3, 11),
    )
    early = selectors.todo_for(actor=world.officer3, on=D(2026, 3, 5))
    assert [i.action for i in early] == ["start_investigation"]
    later = selectors.todo_for(actor=world.officer3, on=D(2026, 3, 12))
    assert later[0].deadline == cert_deadline and later[0].alert and "ZF-410423-0999" in later[0].label
    mine = selectors.todo_for(actor=world.officer, on=D(2026, 3, 12))
    assert all(i.deadline is None for i in mine)  # another officer's certificate is not on my list


def test_reviewer_queue_and_documents_listing(world: World) -> None:
    flow = Flow(world, fine=Decimal("80000"))
    case = flow.until("legal_review")
    assert [r.case_id for r in selectors.review_queue_for(actor=world.reviewer)] == [case.pk]
    doc = services.document_generate(actor=world.officer, case=case, kind="filing_approval", fmt="pdf")
    listed = list(selectors.documents_for(actor=world.supervisor, case=case))
    assert [d.pk for d in listed] == [doc.pk]
    assert "content" in listed[0].get_deferred_fields()
    assert bytes(selectors.document_get_for(actor=world.head, document_id=doc.pk).content)[:4] == b"%PDF"


def test_a_second_agency_numbers_on_its_own(world: World) -> None:
    other = organization_create(
        actor=world.admin,
        parent=world.tree.county,
        name="鲁山县城市管理局",
        kind="department",
        credit_code=code("t-urban"),
    )
    from yiwang.kernel.testing.factories import grant

    from .conftest import ROLE

    clerk = make_person(name="何伟", organization=other)
    grant(clerk, ROLE["enforcement_officer"], scope=other)
    mine = _file(world, "甲案", on=D(2026, 1, 5))
    theirs = services.case_file(
        actor=clerk, unit=other, kind="penalty", title="乙案", party=COMPANY, domain="urban", on=D(2026, 1, 5)
    )
    assert mine.number == theirs.number == "鲁环罚〔2026〕1号"  # the template is the bureau's default
    assert theirs.agency == other and mine.agency == world.tree.bureau
    assert datetime.date.today() >= D(2026, 1, 5)


def test_deadlines_carry_their_cases_agency_and_unit(world: World) -> None:
    """The overdue page scopes deadlines by their own copy of the handling unit (ENF-111)."""
    flow = Flow(world)
    case = flow.until("decided")
    deadlines = list(CaseDeadline.objects.filter(case=case))
    assert deadlines
    assert {(d.agency_id, d.unit_id) for d in deadlines} == {(case.agency_id, case.unit_id)}
    d = deadlines[0]
    d.unit = world.tree.neighbour  # a wrong copy is put right on save
    d.save()
    d.refresh_from_db()
    assert d.unit_id == case.unit_id


def test_filter_choices_follow_the_scope_and_are_kept_for_a_minute(
    world: World, django_assert_num_queries: Any
) -> None:
    from django.core.cache import cache

    mine = selectors.filter_choices_for(actor=world.officer)
    assert world.tree.inspection.pk in dict(mine.units)
    assert world.officer.pk in dict(mine.officers)
    theirs = selectors.filter_choices_for(actor=world.outsider)
    assert world.tree.inspection.pk not in dict(theirs.units)
    world.officer.forget_grants()
    world.officer.access_grants()
    with django_assert_num_queries(0):  # kept: the filter bar costs no query on the next visit
        assert selectors.filter_choices_for(actor=world.officer) == mine
    cache.clear()
    assert selectors.filter_choices_for(actor=world.officer) == mine
    assert selectors.filter_choices_for(actor=None).units == ()


def test_text_search_finds_by_cause_party_or_number_and_uses_the_bigram_index(world: World) -> None:
    """On PostgreSQL a search of two or more characters reads the bigram index of migration 0009
    (the query must repeat the index's expression); on both databases it finds what it should."""
    from django.db import connection

    a = _file(world, "超标排放大气污染物案", on=D(2026, 1, 5))
    b = _file(world, "未批先建案", on=D(2026, 1, 6))
    assert [c.pk for c in selectors.case_list_for(actor=world.head, text="大气污染")] == [a.pk]
    assert [c.pk for c in selectors.case_list_for(actor=world.head, text="批先")] == [b.pk]  # two characters
    assert [c.pk for c in selectors.case_list_for(actor=world.head, text=a.number[3:])] == [a.pk]
    assert {c.pk for c in selectors.case_list_for(actor=world.head, text="案")} == {a.pk, b.pk}  # one
    assert list(selectors.case_list_for(actor=world.head, text="排放 先建")) == []  # words in order
    if connection.vendor == "postgresql":
        search = Case.objects.filter(selectors.text_match("琴台")).order_by().values("pk")
        sql, params = search.query.sql_with_params()
        with connection.cursor() as cursor:  # a test table is tiny: make the planner show the index
            cursor.execute("SET LOCAL enable_seqscan = off")  # nor walk another index and filter
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "enf_case_text_bigram_idx" in plan, plan
    else:
        assert connection.vendor == "sqlite"  # development database: a scan of a small table
