"""Collective discussion and the decision (ENF-10, ENF-13, ENF-35).

`case_decide` refuses a major decision without a passed legal review (``review_required``) before
anything else about the transition, so the page, the API and any other caller get the same answer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from yiwang.contracts.enforcement import DecisionIssued
from yiwang.kernel.errors import DomainError
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.people.models import Person

from .. import rules
from ..models import Case, CaseDeadline, CollectiveDiscussion, DeadlineKind, Decision, DecisionStatus
from ..rules import raise_problems
from ..workflow import Kind
from . import common
from .guards import GuardContext, check_guards, enf35_problems
from .inputs import text
from .rights import heavier_than_notice, penalty_text

# The actions that make a decision, by kind (the head's; permission enforcement.decide_case).
DECIDING_ACTIONS = frozenset(
    {"decide", "grant", "refuse", "impose_measure", "decide_enforcement", "decide_substitute"}
)
# Decisions that are delivered and may be executed (ENF-14, ENF-15).
DELIVERED_KINDS = frozenset({Kind.PENALTY, Kind.PERMIT, Kind.LEVY, Kind.COERCION})


@common.idempotent("discussion_record")
@transaction.atomic
def discussion_record(
    *,
    actor: Person | None,
    case: Case,
    held_on: date,
    chair: str,
    participants: str,
    summary: str,
    conclusion: str,
    record_signed: bool = True,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> CollectiveDiscussion:
    """集体讨论 (行政处罚法 art. 57): the heads discuss and conclude; the record is signed (ENF-72)."""
    common.require_action(actor, "finish_discussion", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "finish_discussion")
    day = common.act_date(held_on, "held_on")
    if not record_signed:
        raise DomainError("discussion_record_unsigned", "集体讨论记录须经参加人签名", "record_signed")
    check_guards(case, t, GuardContext(on=day, actor=actor), skip=("discussion_record_signed",))
    discussion = CollectiveDiscussion.objects.create(
        case=case,
        held_on=day,
        chair=text(chair, "chair", "主持人", max_length=100),
        participants=text(participants, "participants", "参加人员"),
        summary=text(summary, "summary", "讨论情况"),
        conclusion=text(conclusion, "conclusion", "讨论决定"),
        record_signed=record_signed,
        recorded_by=actor,
    )
    common.apply(
        actor=actor, case=case, transition=t, note=conclusion, data={"discussion_id": discussion.pk}, on=day
    )
    return discussion


@common.idempotent("case_decide")
@transaction.atomic
def case_decide(
    *,
    actor: Person | None,
    case: Case,
    on: date | None = None,
    action: str = "decide",
    fine_amount: Decimal | None = None,
    note: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Decision:
    """The agency head makes the drafted decision (optionally with a changed fine).

    ENF-35 first: a decision in the review catalogue — judged with the final amount — needs a
    legal review that passed (or the head's ruling for the handling unit, ENF-34) and covered this
    amount; otherwise ``review_required``, whatever the case's status. Then the transition and its
    guards: advance notice given (ENF-13), discussion held where required, the amount within the
    basis's range; never heavier than notified (行政处罚法 art. 45). The delivery deadline
    (ENF-14, 7 working days) starts on the decision day.
    """
    if action not in DECIDING_ACTIONS:
        raise DomainError("action_invalid", f"“{action}”不是作出决定的操作", "action")
    common.require_action(actor, action, case)
    case = common.locked(case, expected_status=expected_status)
    day = common.act_date(on)
    decision = Decision.objects.filter(case=case).select_related("basis_provision").first()
    if decision is not None and decision.issued:
        raise DomainError(
            "decision_issued", f"本案已于{rules.cn_date(decision.decided_on or day)}作出决定", "decision"
        )
    fine = (
        Decimal(str(fine_amount)) if fine_amount is not None else (decision.fine_amount if decision else None)
    )
    if fine is not None:
        basis = decision.basis_provision if decision is not None else None
        mitigated = decision.mitigated if decision is not None else False
        raise_problems(rules.amount_problems(fine, basis.as_basis() if basis else None, mitigated=mitigated))
    raise_problems(enf35_problems(case, fine))
    t = common.plan(actor, case, action)
    if decision is None:
        raise DomainError("draft_decision_missing", "尚未拟定处理决定，不能作出决定", "decision")
    check_guards(case, t, GuardContext(on=day, actor=actor, fine=fine), skip=("review_passed_if_required",))
    heavier = heavier_than_notice(case, fine)
    if heavier is not None:
        raise heavier.error()
    before = decision.snapshot()
    decision.fine_amount = fine
    decision.status = DecisionStatus.ISSUED
    decision.decided_on = day
    decision.decided_by = actor
    decision.number = case.number
    decision.save()
    case.decided_on = day
    case.decided_fine = fine
    if case.kind in DELIVERED_KINDS:
        CaseDeadline.from_rule(rules.delivery_deadline(day), case=case, kind=DeadlineKind.DELIVERY).save()
    common.apply(
        actor=actor,
        case=case,
        transition=t,
        note=note or penalty_text(decision.kind, fine, decision.confiscation_amount, decision.other_measures),
        data={"decision": decision.snapshot(), "before": before, "number": decision.number},
        fields=("decided_on", "decided_fine"),
        on=day,
    )
    party = common.primary_party(case)
    publish_on_commit(
        DecisionIssued(
            case_id=case.pk,
            agency_id=case.agency_id,
            kind=case.kind,
            decision_kind=decision.kind,
            number=decision.number,
            decided_on=day,
            party_name=party.name if party is not None else case.party_name,
            party_type=party.party_type if party is not None else "",
            fine_amount=None if fine is None else str(fine),
        )
    )
    return decision
