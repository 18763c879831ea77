"""Legal review of major decisions: ENF-30…36 (seed 000 §6, seed 001 annex 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement import rules
from yiwang.modules.enforcement.rules import (
    CHECKLIST,
    EscalationRuling,
    Finding,
    PartyType,
    ReviewCatalogue,
    ReviewFacts,
    ReviewOutcome,
)
from yiwang.modules.enforcement.workflow import REVIEW_TRANSITIONS, Kind


def penalty(amount: str, party: str = PartyType.PERSON, **kw) -> ReviewFacts:
    return ReviewFacts(kind=Kind.PENALTY, party_type=party, fine_amount=Decimal(amount), **kw)


def codes(reasons) -> list[str]:
    return [r.code for r in reasons]


def all_ok() -> list[Finding]:
    return [Finding(p.code, True) for p in CHECKLIST]


# ---------------------------------------------------------------- ENF-30


def test_fine_of_5000_on_a_person_needs_review__ENF_30_seed001_annex4():
    reasons = rules.needs_legal_review(penalty("5000"))
    assert codes(reasons) == ["fine_over_threshold"]
    assert "公民" in reasons[0].text and "5,000元" in reasons[0].text
    assert str(reasons[0]) == reasons[0].text


def test_fine_just_below_5000_on_a_person_needs_none__ENF_30_seed001_annex4():
    assert rules.needs_legal_review(penalty("4999.99")) == []


def test_fine_of_50000_on_an_organization_needs_review__ENF_30_seed001_annex4():
    assert rules.needs_legal_review(penalty("49999", PartyType.ORGANIZATION)) == []
    reasons = rules.needs_legal_review(penalty("50000", PartyType.ORGANIZATION))
    assert codes(reasons) == ["fine_over_threshold"]
    assert "法人或者其他组织" in reasons[0].text


def test_every_coercive_decision_needs_review__ENF_30_seed001_annex4():
    assert codes(rules.needs_legal_review(ReviewFacts(kind=Kind.COERCION))) == ["coercion"]
    off = ReviewCatalogue(all_coercion=False)
    assert rules.needs_legal_review(ReviewFacts(kind=Kind.COERCION), off) == []


def test_decision_after_hearing_needs_review__ENF_30_seed000_6_2():
    assert codes(rules.needs_legal_review(penalty("100", hearing_held=True))) == ["after_hearing"]
    permit = ReviewFacts(kind=Kind.PERMIT, hearing_held=True)
    assert codes(rules.needs_legal_review(permit)) == ["permit_after_hearing"]
    assert rules.needs_legal_review(permit, ReviewCatalogue(permits_after_hearing=False)) == []


def test_major_public_interest_rights_and_complex_cases_need_review__ENF_30_seed000_6_2():
    facts = ReviewFacts(kind=Kind.INSPECTION, major_social_risk=True, major_rights=True, complex_case=True)
    reasons = rules.needs_legal_review(facts)
    assert codes(reasons) == ["major_public_interest", "major_rights", "complex_case"]
    assert all(r.text and r.source for r in reasons)
    levy = ReviewFacts(kind=Kind.LEVY, major_public_interest=True)
    assert codes(rules.needs_legal_review(levy)) == ["major_public_interest"]


def test_review_all_ordinary_penalties_switch__ENF_30_seed000_6_2():
    small = penalty("200")
    assert rules.needs_legal_review(small) == []
    cat = ReviewCatalogue(review_all_ordinary=True)
    assert codes(rules.needs_legal_review(small, cat)) == ["ordinary_procedure"]
    summary = penalty("200", ordinary_procedure=False)
    assert rules.needs_legal_review(summary, cat) == []


def test_catalogue_thresholds_are_settings__ENF_30():
    cat = ReviewCatalogue(person_fine_threshold=3000)
    assert codes(rules.needs_legal_review(penalty("3000"), cat)) == ["fine_over_threshold"]


# ---------------------------------------------------------------- ENF-31


def test_submission_needs_finished_investigation_draft_and_materials__ENF_31_seed001_annex4():
    problems = rules.review_submission_problems(
        investigation_finished=False, draft_decision_present=False, materials=["filing_approval"]
    )
    assert [p.code for p in problems] == [
        "investigation_not_finished",
        "draft_decision_missing",
        "material_missing",
        "material_missing",
    ]
    messages = " ".join(p.message for p in problems)
    assert "现场检查（勘验）笔录" in messages and "照片等证据" in messages
    assert "立案审批表" not in messages


def test_complete_submission_passes_and_require_raises_first__ENF_31():
    materials = ["filing_approval", "inspection_record", "photos_evidence"]
    ok = rules.review_submission_problems(
        investigation_finished=True, draft_decision_present=True, materials=materials
    )
    assert ok == []
    rules.require_review_submission(
        investigation_finished=True, draft_decision_present=True, materials=materials
    )
    with pytest.raises(DomainError) as exc:
        rules.require_review_submission(
            investigation_finished=True, draft_decision_present=False, materials=[]
        )
    assert exc.value.code == "draft_decision_missing"
    assert len(exc.value.details["problems"]) == 4


# ---------------------------------------------------------------- ENF-32 / ENF-33


def test_checklist_has_the_nine_points__ENF_32_seed000_6_3_seed001_annex4():
    assert [p.number for p in CHECKLIST] == list(range(1, 10))
    assert len({p.code for p in CHECKLIST}) == 9
    text = "".join(p.question for p in CHECKLIST)
    for words in (
        "主体",
        "执法资格",
        "程序",
        "证据",
        "裁量基准",
        "法定权限",
        "文书",
        "移送司法机关",
        "相对人权利",
    ):
        assert words in text


def test_every_point_must_be_answered_and_problems_explained__ENF_32():
    findings = [*all_ok()[:7], Finding("crime_transfer", False)]
    problems = rules.checklist_problems(findings)
    assert [p.code for p in problems] == ["checklist_incomplete", "finding_note_missing"]
    assert "第9项" in problems[0].message
    assert "涉嫌犯罪，应当移送" in problems[1].message
    assert rules.checklist_problems(all_ok()) == []
    dup = rules.checklist_problems([*all_ok(), Finding("lawful_body", True), Finding("<b>x</b>", True)])
    assert [p.code for p in dup] == ["checklist_duplicate_point", "checklist_unknown_point"]


def test_outcomes_passed_returned_not_passed__ENF_33():
    assert [o.value for o in ReviewOutcome] == ["passed", "returned", "not_passed"]
    assert set(rules.OUTCOME_ACTIONS.values()) <= {t.action for t in REVIEW_TRANSITIONS["submitted"]}
    assert rules.outcome_problems(ReviewOutcome.PASSED, all_ok()) == []
    bad = [*all_ok()[:4], Finding("basis_and_discretion", False, "裁量过重"), *all_ok()[5:]]
    problems = rules.outcome_problems(ReviewOutcome.PASSED, bad)
    assert [p.code for p in problems] == ["outcome_inconsistent"]
    assert "第5项" in problems[0].message
    assert rules.outcome_problems(ReviewOutcome.RETURNED, bad) == []
    bare = rules.outcome_problems(ReviewOutcome.NOT_PASSED, all_ok())
    assert [p.code for p in bare] == ["opinion_reason_missing"]
    assert rules.outcome_problems(ReviewOutcome.NOT_PASSED, all_ok(), "主体不适格") == []
    assert [p.code for p in rules.outcome_problems("maybe", all_ok())] == ["outcome_invalid"]


# ---------------------------------------------------------------- ENF-34 / ENF-35 / ENF-36


def test_escalation_needs_reasons_basis_and_consultation__ENF_34_seed000_6_3_2():
    problems = rules.escalation_problems(review_opinion="", unit_reasons=" ", unit_basis="", consulted=False)
    assert [p.code for p in problems] == [
        "review_opinion_missing",
        "objection_reasons_missing",
        "objection_basis_missing",
        "consultation_not_held",
    ]
    assert (
        rules.escalation_problems(
            review_opinion="证据不足",
            unit_reasons="已补充监测报告",
            unit_basis="大气污染防治法第九十九条",
            consulted=True,
        )
        == []
    )


def test_decision_without_review_is_refused__ENF_35_seed000_6():
    reasons = rules.needs_legal_review(penalty("8000"))
    with pytest.raises(DomainError) as exc:
        rules.require_review_passed(reasons=reasons, outcome=None)
    assert exc.value.code == "review_required"
    assert "重大执法决定未经法制审核，不得作出决定" in exc.value.message
    assert exc.value.details["reasons"] == ["fine_over_threshold"]


def test_decision_after_failed_review_is_refused__ENF_35_seed000_6_4_1():
    reasons = rules.needs_legal_review(ReviewFacts(kind=Kind.COERCION))
    for outcome in (ReviewOutcome.RETURNED, ReviewOutcome.NOT_PASSED):
        with pytest.raises(DomainError) as exc:
            rules.require_review_passed(reasons=reasons, outcome=outcome)
        assert exc.value.code == "review_required"
        assert "审核未通过" in exc.value.message


def test_passed_review_or_head_ruling_or_no_reason_clears__ENF_35_ENF_34():
    reasons = rules.needs_legal_review(penalty("8000"))
    rules.require_review_passed(reasons=reasons, outcome=ReviewOutcome.PASSED)
    rules.require_review_passed(
        reasons=reasons, outcome=ReviewOutcome.NOT_PASSED, ruling=EscalationRuling.PROCEED
    )
    rules.require_review_passed(reasons=[], outcome=None)
    assert not rules.review_cleared(ReviewOutcome.NOT_PASSED, EscalationRuling.UPHOLD)


def test_reviewer_ratio_below_five_percent_warns__ENF_36_seed000_6_1_2():
    assert rules.reviewer_ratio_warning(2, 40) is None
    warning = rules.reviewer_ratio_warning(2, 41)
    assert warning is not None and warning.code == "reviewer_ratio_low"
    assert "至少应有3名" in warning.message
    assert rules.reviewer_ratio_warning(0, 0) is None
    assert rules.reviewer_ratio_warning(1, 10, minimum_percent=10) is None
