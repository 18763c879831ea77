"""Ending a case (ENF-10): termination, transfer to judicial organs, closing and archiving — and
corrections of its data (ENF-16)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from yiwang.kernel.access import can, require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import Person

from .. import rules
from ..models import Case, Correction, JudicialTransfer, LegalReview, Party
from ..rules import raise_problems
from ..workflow import ReviewStatus
from . import common
from .guards import GuardContext, check_guards
from .inputs import text

ENDING_ACTIONS = frozenset({"withdraw_filing", "terminate", "decide_no_penalty"})


def supersede_reviews(case: Case) -> None:
    """A case that leaves its review path (terminated, transferred, returned) leaves its review too."""
    LegalReview.objects.filter(case=case, superseded_at__isnull=True).exclude(
        status=ReviewStatus.WITHDRAWN
    ).update(superseded_at=timezone.now())


@common.idempotent("case_terminate")
@transaction.atomic
def case_terminate(
    *,
    actor: Person | None,
    case: Case,
    action: str,
    reasons: str,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """撤销立案, 终止 or 不予处罚, with reasons (ENF-10); the case still closes and archives."""
    if action not in ENDING_ACTIONS:
        raise DomainError("action_invalid", f"“{action}”不是终止案件的操作", "action")
    common.require_action(actor, action, case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, action)
    day = common.act_date(on)
    check_guards(case, t, GuardContext(on=day, actor=actor, reasons=reasons))
    case.reasons = reasons.strip()
    supersede_reviews(case)
    common.close_deadlines(case, cancel=True)
    common.apply(actor=actor, case=case, transition=t, note=reasons, fields=("reasons",), on=day)
    return case


@common.idempotent("case_transfer_judicial")
@transaction.atomic
def case_transfer_judicial(
    *,
    actor: Person | None,
    case: Case,
    organ: str,
    reasons: str,
    on: date | None = None,
    approved_by: Person | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> JudicialTransfer:
    """移送司法机关 when a crime is suspected (ENF-32 point 8), approved by the agency head."""
    common.require_action(actor, "transfer_to_judiciary", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "transfer_to_judiciary")
    day = common.act_date(on)
    approver = approved_by or actor
    check_guards(case, t, GuardContext(on=day, actor=actor, approved_by=approver))
    assert approver is not None
    transfer = JudicialTransfer.objects.create(
        case=case,
        organ=text(organ, "organ", "接收机关", max_length=200),
        reasons=text(reasons, "reasons", "移送理由"),
        transferred_on=day,
        approved_by=approver,
    )
    supersede_reviews(case)
    common.close_deadlines(case, cancel=True)
    common.apply(actor=actor, case=case, transition=t, note=f"移送{transfer.organ}：{reasons}", on=day)
    return transfer


@common.idempotent("transfer_receipt_record")
@transaction.atomic
def transfer_receipt_record(
    *,
    actor: Person | None,
    case: Case,
    receipt_on: date,
    receipt_number: str = "",
    idempotency_key: str | None = None,
) -> JudicialTransfer:
    """The judicial organ's receipt for a transferred case (needed before closing)."""
    require(actor, "enforcement.transfer_case", case)
    case = common.locked(case)
    transfer = (
        JudicialTransfer.objects.select_for_update().filter(case=case).order_by("-transferred_on").first()
    )
    if transfer is None:
        raise DomainError("transfer_missing", "本案没有移送记录", "case")
    day = common.act_date(receipt_on, "receipt_on")
    if day < transfer.transferred_on:
        raise DomainError("receipt_before_transfer", "回执日期不能早于移送日期", "receipt_on")
    transfer.receipt_on = day
    transfer.receipt_number = receipt_number.strip()[:80]
    transfer.save(update_fields=["receipt_on", "receipt_number"])
    common.write_step(
        actor=actor,
        case=case,
        action="transfer_receipt",
        label=f"{transfer.organ}出具接收回执",
        subject=transfer,
        on=day,
    )
    return transfer


@common.idempotent("case_close")
@transaction.atomic
def case_close(
    *,
    actor: Person | None,
    case: Case,
    report: str,
    approved_by: Person | None = None,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """结案 with the closing report approved by the agency head (ENF-70)."""
    common.require_action(actor, "close", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "close")
    day = common.act_date(on)
    approver = approved_by or actor
    check_guards(case, t, GuardContext(on=day, actor=actor, report=report, approved_by=approver))
    case.closing_report = report.strip()
    case.closed_on = day
    common.close_deadlines(case, cancel=True)
    common.apply(
        actor=actor,
        case=case,
        transition=t,
        note=report,
        data={"approved_by": str(approver) if approver else None},
        fields=("closing_report", "closed_on"),
        on=day,
    )
    return case


@common.idempotent("case_archive")
@transaction.atomic
def case_archive(
    *,
    actor: Person | None,
    case: Case,
    archive_number: str,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """归档: only a complete case file (every document the path needs generated, ENF-70)."""
    common.require_action(actor, "archive", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "archive")
    day = common.act_date(on)
    number = text(archive_number, "archive_number", "档案号", max_length=60)
    check_guards(case, t, GuardContext(on=day, actor=actor))
    case.archive_number = number
    case.archived_on = day
    common.close_deadlines(case, cancel=True)
    common.apply(
        actor=actor, case=case, transition=t, note=number, fields=("archive_number", "archived_on"), on=day
    )
    return case


# ENF-16: what may be corrected, with its label and how a text value is read.
CORRECTABLE: dict[str, str] = {
    "title": "案由",
    "place": "违法地点",
    "summary": "简要案情",
    "legal_basis": "立案依据",
    "found_on": "发现日期",
    "party.name": "当事人名称",
    "party.identifier": "当事人证件号码",
    "party.legal_representative": "法定代表人",
    "party.address": "当事人地址",
    "party.phone": "当事人联系电话",
}


def _value(obj: Any, attr: str) -> str:
    value = getattr(obj, attr)
    return "" if value is None else (value.isoformat() if isinstance(value, date) else str(value))


@common.idempotent("case_correct")
@transaction.atomic
def case_correct(
    *,
    actor: Person | None,
    case: Case,
    field: str,
    new_value: str,
    reason: str,
    approver: Person,
    idempotency_key: str | None = None,
) -> Correction:
    """ENF-16: correct a recorded fact, keeping field, old value, new value, reason and approver
    (who must be able to approve on this case). Archived files are not changed."""
    require(actor, "enforcement.correct_case", case)
    case = common.locked(case)
    if case.status == "archived":
        raise DomainError("case_archived", "案件已归档，不能更正", "status")
    if field not in CORRECTABLE:
        raise DomainError("correction_field_invalid", f"“{field}”不是可以更正的项目", "field")
    if approver is None or not can(approver, "enforcement.approve_case", case):
        raise DomainError("correction_approver_unauthorized", "批准人须为本机关负责人", "approver")
    target: Any = case
    attr = field
    if field.startswith("party."):
        target = case.parties.filter(is_primary=True).first()
        attr = field.split(".", 1)[1]
        if target is None:
            raise DomainError("party_missing", "本案没有登记当事人", "field")
    old = _value(target, attr)
    new = new_value.strip()
    raise_problems(rules.correction_problems(rules.Correction(field, old, new, reason, approver.name)))
    parsed: Any = new
    if attr == "found_on":
        try:
            parsed = date.fromisoformat(new)
        except ValueError as exc:
            raise DomainError("date_invalid", f"日期“{new}”格式应为 YYYY-MM-DD", "new_value") from exc
    elif attr == "identifier":
        assert isinstance(target, Party)
        raise_problems(rules.party_identifier_problems(target.party_type, new.upper()))
        parsed = new.upper()
    elif attr in ("title", "name") and not new:
        raise DomainError("text_required", f"{CORRECTABLE[field]}不能为空", "new_value")
    setattr(target, attr, parsed)
    target.save(update_fields=[attr])
    if field == "party.name":
        case.party_name = new
    case.version += 1
    case.save(update_fields=["party_name", "version"])
    correction = Correction.objects.create(
        case=case,
        field=field,
        field_label=CORRECTABLE[field],
        old_value=old,
        new_value=new,
        reason=reason.strip(),
        approver=approver,
        recorded_by=actor,
    )
    common.write_step(
        actor=actor,
        case=case,
        action="corrected",
        label=f"更正{CORRECTABLE[field]}",
        subject=correction,
        before={field: old},
        after={field: new},
        data={"reason": reason.strip(), "approver": approver.name},
        note=reason,
    )
    return correction
