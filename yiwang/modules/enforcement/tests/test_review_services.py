"""Legal review through the services: outcomes and resubmission history (ENF-33), disagreement and
the head's ruling (ENF-34), the catalogue (ENF-30), reviewer ratio (ENF-36), time limit (ENF-37)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from yiwang.kernel import ledger
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.modules.enforcement import selectors, services
from yiwang.modules.enforcement.models import LegalReview, ReviewCatalogueEntry, ReviewFinding
from yiwang.modules.enforcement.rules import CHECKLIST, Finding

from .conftest import MATERIALS, D, Flow, World, all_ok

pytestmark = pytest.mark.django_db


def _weak_evidence() -> list[Finding]:
    return [
        Finding(p.code, p.code != "facts_and_evidence", "缺少监测报告，粉尘排放事实证据不足")
        for p in CHECKLIST
    ]


def test_returned_review_is_resubmitted_with_history__ENF_33(flow: Flow) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    services.review_answer(
        actor=flow.w.reviewer,
        review=review,
        outcome="returned",
        findings=_weak_evidence(),
        opinion="请补充证据",
        on=D(2026, 3, 17),
    )
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("returned", "returned")
    services.review_submit(
        actor=flow.w.officer, case=case, materials=MATERIALS, note="已补充监测报告", on=D(2026, 3, 19)
    )
    review.refresh_from_db()
    assert (review.status, review.round, review.outcome) == ("submitted", 2, "")
    assert review.due_on == D(2026, 3, 26)
    services.review_answer(
        actor=flow.w.reviewer,
        review=review,
        outcome="passed",
        findings=all_ok(),
        opinion="同意",
        on=D(2026, 3, 20),
    )
    review.refresh_from_db()
    assert review.status == "passed" and review.reviewed_fine == Decimal("80000.00")
    assert [s.round for s in review.submissions.all()] == [1, 2]
    assert [o.outcome for o in review.opinions.all()] == ["returned", "passed"]
    first = review.opinions.first()
    assert first is not None
    bad = ReviewFinding.objects.get(opinion=first, point="facts_and_evidence")
    assert (bad.ok, bad.number, "监测报告" in bad.note) == (False, 4, True)
    assert ReviewFinding.objects.filter(opinion=first).count() == 9


def test_passed_with_a_problem_point_is_inconsistent__ENF_33(flow: Flow) -> None:
    case = flow.until("legal_review")
    size = ledger.size()
    with pytest.raises(DomainError) as info:
        services.review_answer(
            actor=flow.w.reviewer,
            review=case.reviews.get(),
            outcome="passed",
            findings=_weak_evidence(),
            opinion="同意",
        )
    assert info.value.code == "outcome_inconsistent" and ledger.size() == size


def test_disagreement_goes_to_the_head_with_both_opinions__ENF_34_seed000_s6_3(flow: Flow) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    services.review_answer(
        actor=flow.w.reviewer,
        review=review,
        outcome="not_passed",
        findings=_weak_evidence(),
        opinion="证据不足，不同意处罚",
        on=D(2026, 3, 17),
    )
    with pytest.raises(DomainError) as missing:
        services.review_object(
            actor=flow.w.officer, review=review, unit_reasons="现场照片、询问笔录足以证明", unit_basis=" "
        )
    assert missing.value.code == "objection_basis_missing"
    services.review_object(
        actor=flow.w.officer,
        review=review,
        unit_reasons="现场照片、询问笔录足以证明",
        unit_basis="《行政处罚法》第四十条",
    )
    with pytest.raises(DomainError) as not_consulted:
        services.review_escalate(actor=flow.w.officer, review=review, consultation_note="")
    assert not_consulted.value.code == "consultation_not_held"
    escalation = services.review_escalate(
        actor=flow.w.officer, review=review, consultation_note="3月18日协商，未达成一致"
    )
    assert escalation.both_opinions() == {
        "review": {"outcome": "not_passed", "opinion": "证据不足，不同意处罚"},
        "unit": {"reasons": "现场照片、询问笔录足以证明", "basis": "《行政处罚法》第四十条"},
    }
    queue = [(c.pk, vars(c)["head_action"]) for c in selectors.head_decision_queue_for(actor=flow.w.head)]
    assert queue == [(case.pk, "审核意见分歧，待负责人决定")]
    with pytest.raises(Forbidden):
        services.review_head_decide(actor=flow.w.reviewer, review=review, ruling="proceed", note="x")
    services.review_head_decide(
        actor=flow.w.head, review=review, ruling="proceed", note="证据已足以认定", on=D(2026, 3, 19)
    )
    review.refresh_from_db()
    assert review.status == "ruled_proceed" and review.cleared
    services.review_complete(actor=flow.w.officer, case=case, on=D(2026, 3, 19))
    services.case_transition(actor=flow.w.officer, case=case, action="submit_decision", on=D(2026, 3, 19))
    decision = services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20))
    assert decision.issued


def test_head_upholding_the_review_keeps_the_decision_blocked__ENF_34_ENF_35(flow: Flow) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    services.review_answer(
        actor=flow.w.reviewer,
        review=review,
        outcome="not_passed",
        findings=_weak_evidence(),
        opinion="不同意",
    )
    services.review_object(actor=flow.w.officer, review=review, unit_reasons="理由", unit_basis="依据")
    services.review_escalate(actor=flow.w.officer, review=review, consultation_note="未达成一致")
    services.review_head_decide(actor=flow.w.head, review=review, ruling="uphold", note="证据确有不足")
    with pytest.raises(DomainError) as info:
        services.case_decide(actor=flow.w.head, case=case)
    assert info.value.code == "review_required"


def test_catalogue_is_per_agency_and_edited_by_its_legal_unit__ENF_30(world: World) -> None:
    with pytest.raises(Forbidden):
        services.catalogue_update(
            actor=world.officer, agency=world.tree.bureau, organization_fine_threshold=30000
        )
    with pytest.raises(DomainError) as info:
        services.catalogue_update(
            actor=world.reviewer, agency=world.tree.bureau, organization_fine_threshold=-1
        )
    assert info.value.code == "threshold_invalid"
    row = services.catalogue_update(
        actor=world.reviewer, agency=world.tree.bureau, organization_fine_threshold=30000
    )
    assert row.as_rule().organization_fine_threshold == 30000
    assert row.as_rule().person_fine_threshold == 5000
    assert ReviewCatalogueEntry.objects.count() == 1
    small = Flow(world, fine=Decimal("40000"))
    case = small.until("rights_heard")
    with pytest.raises(DomainError) as blocked:
        services.case_decide(actor=world.head, case=case)
    assert blocked.value.code == "review_required" and "30,000元以上" in blocked.value.message


def test_person_fine_threshold_of_5000__ENF_30_seed001_annex4(world: World) -> None:
    from .conftest import PERSON

    flow = Flow(world, fine=Decimal("5000"), party=PERSON, violation="fume_uncontrolled")
    case = flow.until("rights_heard")
    with pytest.raises(DomainError) as info:
        services.case_decide(actor=world.head, case=case)
    assert info.value.code == "review_required" and "公民" in info.value.message


def test_review_queue_flags_overdue_reviews__ENF_37(flow: Flow) -> None:
    case = flow.until("legal_review")  # submitted 2026-03-16, due 2026-03-23
    queue = [
        (r.case_id, vars(r)["overdue"])
        for r in selectors.review_queue_for(actor=flow.w.reviewer, on=D(2026, 3, 23))
    ]
    assert queue == [(case.pk, False)]
    late = [vars(r)["overdue"] for r in selectors.review_queue_for(actor=flow.w.reviewer, on=D(2026, 3, 24))]
    assert late == [True]
    overdue = list(selectors.overdue_for(actor=flow.w.supervisor, on=D(2026, 3, 24)))
    assert [(d.case_id, d.kind, d.rule) for d in overdue] == [(case.pk, "review", "ENF-37")]
    assert selectors.review_queue_for(actor=flow.w.officer).count() == 0


def test_reviewer_ratio_warning__ENF_36_seed000_s6_1(world: World) -> None:
    # four officers with valid certificates (a fifth has expired), one reviewer: 1 ≥ ceil(4 × 5 %) = 1
    assert selectors.reviewer_ratio_for(actor=world.head, agency=world.tree.bureau) is None
    from yiwang.kernel.people.models import RoleAssignment

    RoleAssignment.objects.filter(person=world.reviewer).delete()
    world.reviewer.forget_grants()
    warning = selectors.reviewer_ratio_for(actor=world.head, agency=world.tree.bureau)
    assert (
        warning is not None
        and warning.code == "reviewer_ratio_low"
        and "法制审核人员0名，低于执法人员总数4名的5%" in warning.message
    )


def test_withdrawing_a_submission_frees_the_case(flow: Flow) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    with pytest.raises(DomainError) as pending:
        services.case_transition(
            actor=flow.w.officer, case=case, action="return_for_investigation", reasons="补充调查"
        )
    assert pending.value.code == "review_pending"
    services.review_withdraw(actor=flow.w.officer, review=review, reason="需补充调查")
    services.case_transition(
        actor=flow.w.officer, case=case, action="return_for_investigation", reasons="补充监测"
    )
    case.refresh_from_db()
    assert case.status == "investigating"
    assert LegalReview.objects.get(pk=review.pk).status == "withdrawn"


def test_review_answer_publishes_its_event(
    flow: Flow, event_log: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from yiwang.contracts.enforcement import ReviewConcluded, ReviewSubmitted

    submitted = event_log(ReviewSubmitted)
    concluded = event_log(ReviewConcluded)
    with django_capture_on_commit_callbacks(execute=True):
        flow.until("reviewed")
    assert [(e.round, e.due_on) for e in submitted] == [(1, D(2026, 3, 23))]
    assert [(e.status, e.outcome) for e in concluded] == [("passed", "passed")]
