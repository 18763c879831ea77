"""ENF-10 end to end: a penalty case of the bureau from filing to archive, every step through a
service, each in the ledger and on the timeline."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from yiwang.kernel import ledger
from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.modules.enforcement.models import CaseDeadline, CaseEvent, GeneratedDocument
from yiwang.modules.enforcement.selectors import timeline_for

from .conftest import D, Flow

pytestmark = pytest.mark.django_db


def test_penalty_case_from_filing_to_archive__ENF_10(flow: Flow) -> None:
    start = ledger.size()
    case = flow.until("archived")
    assert case.status == "archived"
    assert case.number == "鲁环罚〔2026〕1号"
    assert case.decided_fine == Decimal("80000.00")
    assert case.archive_number == "2026-永久-012"
    events = list(timeline_for(actor=flow.w.supervisor, case=case))
    statuses = [e.to_status for e in events if e.to_status]
    assert statuses == [
        "clue",
        "filing_pending",
        "filed",
        "investigating",
        "investigation_finished",
        "case_review",
        "notified",
        "rights_heard",
        "legal_review",
        "reviewed",
        "decision_pending",
        "decided",
        "delivered",
        "executed",
        "closed",
        "archived",
    ]
    # every timeline line points at its own ledger entry
    seqs = [e.ledger_seq for e in events]
    assert None not in seqs and len(set(seqs)) == len(seqs)
    assert ledger.size() - start >= len(events)
    actions = set(LedgerEntry.objects.filter(seq__in=seqs).values_list("action", flat=True))
    assert {"enforcement.case.decided", "enforcement.case.delivered", "enforcement.case.archived"} <= actions
    # the documents of the file are stored with their digests and ledger entries
    docs = GeneratedDocument.objects.filter(case=case)
    assert {d.kind for d in docs} == {
        "filing_approval",
        "inquiry_record",
        "inspection_record",
        "advance_notice",
        "review_opinion",
        "penalty_decision",
        "delivery_receipt",
    }
    assert all(d.ledger_seq is not None and len(d.sm3) == 64 for d in docs)
    # no deadline is left open on an archived case
    assert not CaseDeadline.objects.filter(
        case=case, satisfied_on__isnull=True, cancelled_at__isnull=True
    ).exists()


def test_deadlines_are_stored_with_rule_and_start_day__CAL_06_ENF_14_ENF_15(flow: Flow) -> None:
    case = flow.until("delivered")
    rows = {d.kind: d for d in CaseDeadline.objects.filter(case=case)}
    delivery = rows["delivery"]
    assert (delivery.rule, delivery.start, delivery.basis, delivery.days) == (
        "ENF-14",
        D(2026, 3, 20),
        "working_days",
        7,
    )
    assert delivery.due == D(2026, 3, 31)
    assert delivery.satisfied_on == D(2026, 3, 23)
    payment = rows["payment"]
    assert (payment.rule, payment.start, payment.days, payment.due) == (
        "ENF-15",
        D(2026, 3, 23),
        15,
        D(2026, 4, 7),
    )
    court = rows["court_application"]
    # delivered 2026-03-23: review and litigation limits end 2026-09-23, the application window 2026-12-23
    assert (court.start, court.due, court.months) == (D(2026, 9, 24), D(2026, 12, 23), 3)
    assert court.alert_on == D(2026, 11, 23)
    assert "ENF-15" in court.explain()
    review = rows["review"]
    assert (review.rule, review.start, review.due) == ("ENF-37", D(2026, 3, 16), D(2026, 3, 23))
    assert review.satisfied_on == D(2026, 3, 18)


def test_timeline_dates_steps_on_the_day_they_happened(flow: Flow) -> None:
    case = flow.until("filed")
    filed = CaseEvent.objects.get(case=case, action="approve_filing")
    from django.utils import timezone

    assert timezone.localtime(filed.at).date() == D(2026, 3, 3)
    assert case.filed_on == D(2026, 3, 3)


def test_each_step_publishes_its_event(
    flow: Flow, event_log: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from yiwang.contracts.enforcement import CaseStatusChanged, DecisionIssued

    changed = event_log(CaseStatusChanged)
    issued = event_log(DecisionIssued)
    with django_capture_on_commit_callbacks(execute=True):
        flow.until("decided")
    assert [e.to_status for e in changed][-1] == "decided"
    assert (
        len(issued) == 1 and issued[0].number == "鲁环罚〔2026〕1号" and issued[0].fine_amount == "80000.00"
    )
