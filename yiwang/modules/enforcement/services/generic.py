"""Transitions that carry no data of their own beyond a reason, a report or a date: one service,
`case_transition`, checks the permission and every guard the table names (ENF-01, ENF-10).

Steps with data (filing, officers, notice, hearing, review, decision, delivery, payment, court,
transfer, closing, archiving) have their own services and are refused here (``use_own_service``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import Person

from ..models import Case
from . import common
from .closing import supersede_reviews
from .guards import GuardContext, check_guards

GENERIC_ACTIONS = frozenset(
    {
        "start_investigation",
        "submit_case_review",
        "return_for_investigation",
        "return_for_examination",
        "submit_discussion",
        "submit_decision",
        "start_hearing",
        "lift_measure",
        "dispose_items",
        "issue_reminder",
        "enforce",
        "perform_substitute",
        "collect_costs",
        "start_inspection",
        "record_findings",
        "no_problem",
        "order_correction",
        "recheck_passed",
        "refer_for_penalty",
        "accept",
        "request_supplement",
        "reject_application",
        "withdraw_application",
        "notify_party",
        "assess",
    }
)
# Leaving the review path: a review the case leaves behind no longer counts (ENF-35).
LEAVES_REVIEW = frozenset({"return_for_investigation", "return_for_examination"})


@common.idempotent("case_transition")
@transaction.atomic
def case_transition(
    *,
    actor: Person | None,
    case: Case,
    action: str,
    on: date | None = None,
    reasons: str = "",
    report: str = "",
    approved_by: Person | None = None,
    amount: Decimal | None = None,
    materials_complete: bool = False,
    notified_on: date | None = None,
    reminder_on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """Apply `action` to the case after its permission and guards (e.g. ``start_investigation``
    checks ENF-11 officers and ENF-12 withdrawal; ``submit_decision`` checks ENF-35)."""
    if action not in GENERIC_ACTIONS:
        raise DomainError("use_own_service", f"“{action}”须通过专门的办理步骤完成", "action")
    common.require_action(actor, action, case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, action)
    day = common.act_date(on)
    ctx = GuardContext(
        on=day,
        actor=actor,
        reasons=reasons,
        report=report,
        approved_by=approved_by,
        amount=amount,
        materials_complete=materials_complete,
        notified_on=notified_on,
        reminder_on=reminder_on,
    )
    check_guards(case, t, ctx)
    if action in LEAVES_REVIEW:
        supersede_reviews(case)
    note = reasons or report
    data = {"amount": str(amount)} if amount is not None else None
    common.apply(actor=actor, case=case, transition=t, note=note, data=data, on=day)
    return case
