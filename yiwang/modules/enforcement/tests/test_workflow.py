"""Transition tables (ENF-01, ENF-10, ENF-30…35): shape, reachability, refusals."""

from __future__ import annotations

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement import workflow as wf
from yiwang.modules.enforcement.workflow import (
    ARCHIVED,
    GUARDS,
    PERMISSION_LABELS,
    REVIEW_TRANSITIONS,
    START,
    STATUSES,
    TRANSITIONS,
    Kind,
    PenaltyStatus,
    ReviewStatus,
)

ALL_KINDS = list(Kind)


def test_five_kinds_with_glossary_labels__ENF_01():
    assert {k.value: k.label for k in Kind} == {
        "penalty": "行政处罚",
        "coercion": "行政强制",
        "inspection": "行政检查",
        "permit": "行政许可",
        "levy": "行政征收征用",
    }
    assert set(TRANSITIONS) == set(Kind) == set(STATUSES) == set(START)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_table_covers_exactly_the_status_enum__ENF_01(kind):
    enum = STATUSES[kind]
    assert set(TRANSITIONS[kind]) == set(enum.values)
    for transitions in TRANSITIONS[kind].values():
        for t in transitions:
            assert t.target in enum.values
    labels = [str(label) for label in enum.labels]
    assert len(labels) == len(set(labels)), "status labels are unique within a kind"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_status_reachable_from_start__ENF_10(kind):
    assert wf.reachable(TRANSITIONS[kind], START[kind]) == set(STATUSES[kind].values)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_status_can_reach_archived__ENF_10(kind):
    for status in STATUSES[kind].values:
        assert ARCHIVED in wf.reachable(TRANSITIONS[kind], status), status


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_nothing_leaves_archived__ENF_10(kind):
    assert wf.allowed(kind, ARCHIVED) == ()
    finals = [s for s, ts in TRANSITIONS[kind].items() if not ts]
    assert finals == [ARCHIVED]


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_terminated_and_transferred_close_and_archive__ENF_10(kind):
    for status in ("terminated", "transferred"):
        if status in STATUSES[kind].values:
            assert [t.target for t in wf.allowed(kind, status)] == ["closed"]
            assert ARCHIVED in wf.reachable(TRANSITIONS[kind], status)


def test_penalty_main_path_follows_enf_10_order__ENF_10_seed001_annex5():
    path = [
        ("file", "filing_pending"),
        ("approve_filing", "filed"),
        ("start_investigation", "investigating"),
        ("finish_investigation", "investigation_finished"),
        ("submit_case_review", "case_review"),
        ("issue_notice", "notified"),
        ("request_hearing", "hearing"),
        ("finish_hearing", "rights_heard"),
        ("submit_review", "legal_review"),
        ("complete_review", "reviewed"),
        ("submit_discussion", "collective_discussion"),
        ("finish_discussion", "decision_pending"),
        ("decide", "decided"),
        ("deliver", "delivered"),
        ("record_performance", "executed"),
        ("close", "closed"),
        ("archive", "archived"),
    ]
    status = START[Kind.PENALTY]
    for action, expected in path:
        status = wf.transition_for(Kind.PENALTY, status, action).target
        assert status == expected


def test_filing_is_approved_by_the_agency_head__ENF_10():
    t = wf.transition_for(Kind.PENALTY, PenaltyStatus.FILING_PENDING, "approve_filing")
    assert t.permission == "enforcement.approve_case"
    assert wf.transition_for(Kind.PENALTY, PenaltyStatus.DECISION_PENDING, "decide").permission == (
        "enforcement.decide_case"
    )


def test_investigation_needs_two_certified_officers_and_withdrawal__ENF_11_ENF_12():
    t = wf.transition_for(Kind.PENALTY, PenaltyStatus.FILED, "start_investigation")
    assert "two_certified_officers" in t.guards
    assert "no_conflict_of_interest" in t.guards
    t = wf.transition_for(Kind.INSPECTION, "planned", "start_inspection")
    assert {"two_certified_officers", "certificates_shown"} <= set(t.guards)


def test_every_major_decision_is_guarded_by_review__ENF_35():
    decide = wf.transition_for(Kind.PENALTY, PenaltyStatus.DECISION_PENDING, "decide")
    assert "review_passed_if_required" in decide.guards
    assert "advance_notice_given" in decide.guards  # ENF-13
    for action in ("decide_enforcement", "decide_substitute"):
        assert "review_passed" in wf.transition_for(Kind.COERCION, "enforcement_review", action).guards
    assert "review_passed" in wf.transition_for(Kind.COERCION, "measure_review", "impose_measure").guards
    for action in ("grant", "refuse"):
        assert (
            "review_passed_if_required" in wf.transition_for(Kind.PERMIT, "decision_pending", action).guards
        )
    assert "review_passed_if_required" in wf.transition_for(Kind.LEVY, "decision_pending", "decide").guards


def test_decision_only_after_advance_notice_on_every_path__ENF_13():
    """Remove the notice step: the decision must become unreachable."""
    table = {
        s: tuple(t for t in ts if t.action != "issue_notice") for s, ts in TRANSITIONS[Kind.PENALTY].items()
    }
    assert "decided" not in wf.reachable(table, START[Kind.PENALTY])


def test_coercion_includes_substitute_performance__ENF_01_seed001():
    status = "initiated"
    for action, expected in [
        ("issue_reminder", "reminded"),
        ("submit_review", "enforcement_review"),
        ("decide_substitute", "substitute_decided"),
        ("perform_substitute", "substitute_performed"),
        ("collect_costs", "executed"),
    ]:
        status = wf.transition_for(Kind.COERCION, status, action).target
        assert status == expected


def test_permit_flow_accept_examine_hearing_decide_deliver__ENF_01_seed001_annex7():
    status = "applied"
    for action, expected in [
        ("request_supplement", "supplementing"),
        ("accept", "accepted"),
        ("start_hearing", "hearing"),
        ("finish_hearing", "heard"),
        ("submit_review", "legal_review"),
        ("complete_review", "decision_pending"),
        ("refuse", "refused"),
        ("deliver", "delivered"),
        ("close", "closed"),
        ("archive", "archived"),
    ]:
        status = wf.transition_for(Kind.PERMIT, status, action).target
        assert status == expected
    assert wf.transition_for(Kind.PERMIT, "applied", "reject_application").target == "not_accepted"


def test_transition_not_allowed_names_status_and_action__ENF_10():
    with pytest.raises(DomainError) as exc:
        wf.transition_for(Kind.PENALTY, PenaltyStatus.INVESTIGATING, "decide")
    assert exc.value.code == "transition_not_allowed"
    assert "调查取证" in exc.value.message
    assert "负责人批准作出决定" in exc.value.message
    assert exc.value.details == {"status": "investigating", "action": "decide"}


def test_transition_out_of_archived_refused__ENF_10():
    with pytest.raises(DomainError) as exc:
        wf.transition_for(Kind.LEVY, "archived", "close")
    assert exc.value.code == "transition_not_allowed"
    assert "已归档" in exc.value.message


def test_unknown_action_and_status_are_refused_not_crashing__ENF_10():
    with pytest.raises(DomainError) as exc:
        wf.transition_for(Kind.PENALTY, "no_such_status", "<script>")
    assert exc.value.code == "transition_not_allowed"
    assert "<script>" in exc.value.message
    assert wf.allowed(Kind.PENALTY, "no_such_status") == ()


def test_every_action_label_permission_and_guard_is_declared():
    tables = [*TRANSITIONS.values(), REVIEW_TRANSITIONS]
    used_actions = {t.action for table in tables for ts in table.values() for t in ts}
    assert used_actions == set(wf.ACTIONS)
    for table in tables:
        for ts in table.values():
            assert len({t.action for t in ts}) == len(ts), "one action leads to one target"
            for t in ts:
                assert t.permission in PERMISSION_LABELS
                assert t.permission.startswith("enforcement.") and t.permission.endswith("_case")
                assert t.label == wf.ACTIONS[t.action].label
    assert wf.used_guards() == set(GUARDS)
    for guard in GUARDS.values():
        assert guard.source and guard.description


def test_review_flow_return_resubmit_escalate_rule__ENF_33_ENF_34():
    s: str = wf.REVIEW_START
    for action, expected in [
        ("return", "returned"),
        ("resubmit", "submitted"),
        ("reject", "not_passed"),
        ("object", "disputed"),
        ("escalate", "escalated"),
        ("rule_proceed", "ruled_proceed"),
    ]:
        s = wf.review_transition_for(s, action).target
        assert s == expected
    assert s in wf.REVIEW_CLEARS_DECISION
    assert "both_opinions_attached" in wf.review_transition_for("disputed", "escalate").guards


def test_review_every_status_reaches_an_end_and_ends_are_final__ENF_33():
    for status in ReviewStatus.values:
        assert wf.reachable(REVIEW_TRANSITIONS, status) & wf.REVIEW_FINAL, status
    for status in wf.REVIEW_FINAL:
        assert REVIEW_TRANSITIONS[status] == ()
    assert wf.reachable(REVIEW_TRANSITIONS, wf.REVIEW_START) == set(ReviewStatus.values)
    with pytest.raises(DomainError) as exc:
        wf.review_transition_for("passed", "reject")
    assert "审核通过" in exc.value.message


def test_status_label_is_per_kind():
    assert wf.status_label(Kind.PENALTY, "decided") == "已作出处罚决定"
    assert wf.status_label(Kind.LEVY, "decided") == "已作出征收征用决定"
    assert wf.status_label("permit", "unknown") == "unknown"
