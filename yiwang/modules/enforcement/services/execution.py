"""Delivery and execution (ENF-14, ENF-15): the receipt, payments with the late surcharge, the
performance of other obligations, the court-enforcement application and its deadline alert."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import Person

from .. import rules
from ..models import (
    Case,
    CaseDeadline,
    CaseOfficer,
    CourtApplication,
    DeadlineKind,
    Decision,
    Delivery,
    DeliveryMethod,
    Payment,
)
from ..rules import raise_problems
from ..rules.common import cn_date
from ..workflow import allowed
from . import common
from .guards import GuardContext, check_guards
from .inputs import text

EXECUTE = "enforcement.execute_case"


def _decision(case: Case) -> Decision:
    decision = Decision.objects.filter(case=case).first()
    if decision is None or not decision.issued:
        raise DomainError("decision_missing", "尚未作出决定", "decision")
    return decision


@common.idempotent("delivery_record")
@transaction.atomic
def delivery_record(
    *,
    actor: Person | None,
    case: Case,
    delivered_on: date,
    method: str,
    recipient: str,
    place: str,
    officers: Sequence[CaseOfficer],
    delivered_at: datetime | None = None,
    on_spot: bool = False,
    receipt_signed: bool = True,
    receipt_signer: str = "",
    witness: str = "",
    remarks: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Delivery:
    """ENF-14: the decision handed over on the spot or within 7 working days, never dated before the
    decision (``delivery_before_decision``). Starts the payment period (ENF-15, 15 days) and the
    court-enforcement application window with its alert."""
    common.require_action(actor, "deliver", case)
    case = common.locked(case, expected_status=expected_status)
    has_transition = any(t.action == "deliver" for t in allowed(case.kind, case.status))
    t = common.plan(actor, case, "deliver") if has_transition else None
    if t is None and case.kind != "coercion":
        common.plan(actor, case, "deliver")  # raises transition_not_allowed
    decision = _decision(case)
    day = delivered_on
    raise_problems(rules.delivery_problems(case.decided_on or day, day, today=common.today()))
    if t is not None:
        check_guards(case, t, GuardContext(on=day, actor=actor, delivered_on=day))
    if method not in DeliveryMethod.values:
        raise DomainError("delivery_method_invalid", f"送达方式“{method}”无效", "method")
    if method == DeliveryMethod.LEFT and not witness.strip():
        raise DomainError("witness_required", "留置送达须有见证人并记明情况", "witness")
    if not receipt_signed and method == DeliveryMethod.DIRECT:
        raise DomainError("receipt_unsigned", "直接送达须由受送达人在送达回证上签收", "receipt_signed")
    ids = {o.pk for o in officers}
    delivered_by = list(CaseOfficer.objects.filter(case=case, removed_at__isnull=True, pk__in=ids))
    if not delivered_by or len(delivered_by) != len(ids):
        raise DomainError("delivery_officer_missing", "须填写送达人（本案承办人员）", "officers")
    delivery = Delivery.objects.create(
        case=case,
        document_title="行政处罚决定书" if case.kind == "penalty" else f"{decision.get_kind_display()}决定书",
        document_number=decision.number or case.number,
        delivered_on=day,
        delivered_at=delivered_at,
        method=method,
        on_spot=on_spot,
        recipient=text(recipient, "recipient", "受送达人", max_length=200),
        place=text(place, "place", "送达地点", max_length=300),
        receipt_signed=receipt_signed,
        receipt_signer=receipt_signer.strip()[:100],
        witness=witness.strip()[:100],
        remarks=remarks.strip(),
        recorded_by=actor,
    )
    delivery.delivered_by.set(delivered_by)
    common.close_deadlines(case, DeadlineKind.DELIVERY, satisfied_on=day)
    s = common.settings_of(case)
    if decision.total_due > 0:
        CaseDeadline.from_rule(
            rules.payment_deadline(day, days=decision.payment_days), case=case, kind=DeadlineKind.PAYMENT
        ).save()
        CaseDeadline.from_rule(
            rules.court_enforcement_deadline(day, alert_days=s.court_alert_days),
            case=case,
            kind=DeadlineKind.COURT_APPLICATION,
        ).save()
    case.delivered_on = day
    if t is not None:
        common.apply(
            actor=actor,
            case=case,
            transition=t,
            note=f"{delivery.get_method_display()}，受送达人{delivery.recipient}",
            data={"delivery_id": delivery.pk},
            fields=("delivered_on",),
            on=day,
        )
    else:
        case.save(update_fields=["delivered_on"])
        common.write_step(
            actor=actor, case=case, action="delivered", label="送达决定书", subject=delivery, on=day
        )
    return delivery


def paid_total(case: Case) -> Decimal:
    total = Payment.objects.filter(case=case).aggregate(s=Sum("amount"))["s"]
    return Decimal(total or 0)


def amount_due(case: Case, decision: Decision, on: date) -> Decimal:
    """What the party owes on `on`: the fine and confiscation plus the 3 %/day surcharge (ENF-15)."""
    d = CaseDeadline.objects.filter(case=case, kind=DeadlineKind.PAYMENT).order_by("-start").first()
    surcharge = rules.late_surcharge(decision.fine_amount or Decimal(0), d.due, on) if d else Decimal(0)
    return decision.total_due + surcharge


@common.idempotent("payment_record")
@transaction.atomic
def payment_record(
    *,
    actor: Person | None,
    case: Case,
    amount: Decimal,
    paid_on: date,
    receipt_number: str = "",
    note: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Payment:
    """ENF-15: a payment by the party. When everything due is paid the case is executed."""
    require(actor, EXECUTE, case)
    case = common.locked(case, expected_status=expected_status)
    if case.status not in ("delivered", "court_enforcement"):
        raise DomainError("not_in_execution", f"案件当前为“{case.status_label}”，不在执行阶段", "status")
    day = common.act_date(paid_on, "paid_on")
    value = rules.require_amount(amount)
    if value <= 0:
        raise DomainError("amount_invalid", "缴纳金额须大于0", "amount")
    decision = _decision(case)
    if case.delivered_on is not None and day < case.delivered_on:
        raise DomainError(
            "payment_before_delivery", f"缴纳日期早于决定送达日期{cn_date(case.delivered_on)}", "paid_on"
        )
    due = amount_due(case, decision, day)
    paid = paid_total(case)
    if paid + value > due:
        raise DomainError(
            "payment_exceeds_due", f"缴纳金额超过应缴金额：应缴{due}元，已缴{paid}元，本次{value}元", "amount"
        )
    surcharge = max(Decimal(0), paid + value - decision.total_due) - max(
        Decimal(0), paid - decision.total_due
    )
    payment = Payment.objects.create(
        case=case,
        paid_on=day,
        amount=value,
        surcharge=surcharge,
        receipt_number=receipt_number.strip()[:60],
        note=note.strip()[:200],
        recorded_by=actor,
    )
    common.write_step(
        actor=actor,
        case=case,
        action="payment_recorded",
        label=f"当事人缴纳{value}元",
        subject=payment,
        after={"amount": str(value), "surcharge": str(surcharge)},
        on=day,
    )
    if paid + value >= due:
        common.close_deadlines(case, DeadlineKind.PAYMENT, satisfied_on=day)
        common.close_deadlines(case, DeadlineKind.COURT_APPLICATION, cancel=True)
        if case.status == "delivered":
            t = common.plan(actor, case, "record_performance")
            common.apply(actor=actor, case=case, transition=t, note="罚款已全部缴纳", on=day)
    return payment


@common.idempotent("performance_record")
@transaction.atomic
def performance_record(
    *,
    actor: Person | None,
    case: Case,
    on: date | None = None,
    note: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """The party performed a decision without money to pay (or the case's other execution ended)."""
    common.require_action(actor, "record_performance", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "record_performance")
    day = common.act_date(on)
    decision = Decision.objects.filter(case=case).first()
    if decision is not None and decision.issued and paid_total(case) < decision.total_due:
        raise DomainError("fine_unpaid", "罚款尚未缴清，请登记缴款", "amount")
    check_guards(case, t, GuardContext(on=day, actor=actor, reasons=note))
    common.close_deadlines(case, DeadlineKind.PAYMENT, satisfied_on=day)
    common.close_deadlines(case, DeadlineKind.COURT_APPLICATION, cancel=True)
    common.apply(actor=actor, case=case, transition=t, note=note, on=day)
    return case


@common.idempotent("court_application_record")
@transaction.atomic
def court_application_record(
    *,
    actor: Person | None,
    case: Case,
    applied_on: date,
    court: str,
    reminder_on: date | None,
    reference: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> CourtApplication:
    """ENF-15: apply to the people's court after the payment period and the remedy periods have
    passed, within 3 months (行政强制法 art. 53), ten working days after a reminder (art. 54)."""
    common.require_action(actor, "apply_court_enforcement", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "apply_court_enforcement")
    day = common.act_date(applied_on, "applied_on")
    check_guards(case, t, GuardContext(on=day, actor=actor))
    if reminder_on is None:
        raise DomainError(
            "reminder_missing",
            "申请人民法院强制执行前，须催告当事人履行义务（行政强制法第五十四条）",
            "reminder_on",
        )
    earliest = rules.court_application_earliest(common.act_date(reminder_on, "reminder_on"))
    if day < earliest:
        raise DomainError(
            "reminder_period_open",
            f"催告书送达十个工作日后仍未履行的，方可申请（{cn_date(earliest)}起）（行政强制法第五十四条）",
            "applied_on",
        )
    application = CourtApplication.objects.create(
        case=case,
        reminder_on=reminder_on,
        applied_on=day,
        court=text(court, "court", "受理法院", max_length=200),
        reference=reference.strip()[:80],
        recorded_by=actor,
    )
    common.close_deadlines(case, DeadlineKind.COURT_APPLICATION, satisfied_on=day)
    common.close_deadlines(case, DeadlineKind.PAYMENT, cancel=True)  # followed up by the court now
    common.apply(
        actor=actor,
        case=case,
        transition=t,
        note=application.court,
        data={"application_id": application.pk},
        on=day,
    )
    return application


@common.idempotent("court_enforcement_finish")
@transaction.atomic
def court_enforcement_finish(
    *,
    actor: Person | None,
    case: Case,
    finished_on: date,
    result: str,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """The court's enforcement ended; the case is executed."""
    common.require_action(actor, "finish_enforcement", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "finish_enforcement")
    day = common.act_date(finished_on, "finished_on")
    outcome = text(result, "result", "执行结果")
    application = CourtApplication.objects.filter(case=case).order_by("-applied_on").first()
    if application is not None:
        application.finished_on = day
        application.result = outcome
        application.save(update_fields=["finished_on", "result"])
    common.close_deadlines(case, DeadlineKind.PAYMENT, satisfied_on=day)
    common.apply(actor=actor, case=case, transition=t, note=outcome, on=day)
    return case
