"""What every enforcement service shares: locking a case (stale forms refused), the agency's
settings and review catalogue, writing a step (ledger entry + timeline line), applying a
transition, and idempotency keys.

Order inside a service, so that a refusal writes nothing: permission → fresh, locked case (stale
check) → transition lookup → input and guard checks → writes → ledger entry → event after commit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, ParamSpec, TypeVar

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from yiwang.contracts.enforcement import CaseStatusChanged
from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.ledger import record
from yiwang.kernel.modules.settings import settings_for
from yiwang.kernel.people.models import Person

from ..actions import ACTIONS
from ..models import Case, CaseDeadline, CaseEvent, IdempotencyKey, LegalReview, ReviewCatalogueEntry
from ..rules import EnforcementSettings, ReviewCatalogue, ReviewFacts, ReviewReason, needs_legal_review
from ..rules.common import cn_date
from ..workflow import ReviewStatus, Transition, status_label, transition_for

P = ParamSpec("P")
R = TypeVar("R")

# Ledger action names: "enforcement.case.<past verb>" for each workflow action.
PAST: dict[str, str] = {
    "file": "submitted_for_filing",
    "approve_filing": "filed",
    "reject_filing": "not_filed",
    "start_investigation": "investigation_started",
    "finish_investigation": "investigation_finished",
    "submit_case_review": "submitted_for_case_review",
    "return_for_investigation": "returned_for_investigation",
    "return_for_examination": "returned_for_examination",
    "issue_notice": "notified",
    "request_hearing": "hearing_requested",
    "close_statements": "statements_closed",
    "start_hearing": "hearing_started",
    "finish_hearing": "hearing_finished",
    "submit_review": "submitted_for_review",
    "complete_review": "review_completed",
    "submit_discussion": "submitted_for_discussion",
    "finish_discussion": "discussed",
    "submit_decision": "submitted_for_decision",
    "decide": "decided",
    "decide_no_penalty": "decided_no_penalty",
    "withdraw_filing": "filing_withdrawn",
    "terminate": "terminated",
    "transfer_to_judiciary": "transferred",
    "deliver": "delivered",
    "record_performance": "performed",
    "apply_court_enforcement": "court_enforcement_applied",
    "finish_enforcement": "enforcement_finished",
    "close": "closed",
    "archive": "archived",
    "impose_measure": "measure_imposed",
    "lift_measure": "measure_lifted",
    "dispose_items": "items_disposed",
    "issue_reminder": "reminded",
    "decide_enforcement": "enforcement_decided",
    "decide_substitute": "substitute_decided",
    "enforce": "enforced",
    "perform_substitute": "substitute_performed",
    "collect_costs": "costs_collected",
    "start_inspection": "inspection_started",
    "record_findings": "findings_recorded",
    "no_problem": "concluded_no_problem",
    "order_correction": "correction_ordered",
    "recheck_passed": "recheck_passed",
    "refer_for_penalty": "referred",
    "accept": "accepted",
    "request_supplement": "supplement_requested",
    "reject_application": "application_rejected",
    "withdraw_application": "application_withdrawn",
    "grant": "granted",
    "refuse": "refused",
    "notify_party": "party_notified",
    "assess": "assessed",
}

CLOSED_STATUSES = frozenset({"closed", "archived"})


def today() -> date:
    return timezone.localdate()


def act_date(value: date | None, field: str = "on") -> date:
    """The day a step happened: today by default; never a day still to come."""
    day = value or today()
    if day > today():
        raise DomainError("date_in_future", f"日期{cn_date(day)}晚于今天，请据实填写", field)
    return day


def happened_at(on: date | None) -> datetime:
    """The moment to show for a step that happened on `on`: now when today, else 09:00 that day."""
    now = timezone.now()
    if on is None or on == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(on, time(9, 0)))


def require_action(actor: Person | None, action: str, case: Case) -> None:
    """The permission the workflow action needs, held over the case's handling unit."""
    require(actor, ACTIONS[action].permission, case)


def locked(case: Case | int, *, expected_status: str | None = None) -> Case:
    """The case re-read under a row lock. A form that saw another status is refused (stale)."""
    pk = case.pk if isinstance(case, Case) else case
    fresh = Case.objects.select_for_update().select_related("agency", "unit", "domain").get(pk=pk)
    if expected_status is not None and fresh.status != expected_status:
        raise DomainError(
            "stale_status",
            f"案件状态已变为“{fresh.status_label}”（页面显示为“{status_label(fresh.kind, expected_status)}”），"
            "请刷新页面后重试",
            "status",
            details={"status": fresh.status, "expected": expected_status},
        )
    return fresh


def refuse_if_closed(case: Case) -> None:
    if case.status in CLOSED_STATUSES:
        raise DomainError("case_closed", f"案件已{case.status_label}，不能再修改", "status")


def settings_of(case_or_agency: Any) -> EnforcementSettings:
    agency = case_or_agency.agency if isinstance(case_or_agency, Case) else case_or_agency
    found = settings_for("enforcement", agency)
    return found if isinstance(found, EnforcementSettings) else EnforcementSettings()


def catalogue_of(case_or_agency: Any) -> ReviewCatalogue:
    """ENF-30: the agency's own catalogue when its legal unit has set one, else the settings' default."""
    agency = case_or_agency.agency if isinstance(case_or_agency, Case) else case_or_agency
    row = ReviewCatalogueEntry.objects.filter(agency=agency).first()
    return row.as_rule() if row is not None else settings_of(agency).catalogue()


def primary_party(case: Case) -> Any:
    return case.parties.filter(is_primary=True).first()


def review_facts(case: Case, *, fine: Any = None, use_draft: bool = True) -> ReviewFacts:
    """What the catalogue looks at, from the case, its party and (draft) decision."""
    party = primary_party(case)
    amount = fine
    if amount is None and use_draft:
        decision = getattr(case, "decision", None) if _has_decision(case) else None
        amount = decision.fine_amount if decision is not None else case.proposed_fine
    return ReviewFacts(
        kind=case.kind,
        party_type=party.party_type if party is not None else "organization",
        fine_amount=amount,
        ordinary_procedure=case.ordinary_procedure,
        hearing_held=case.hearing_held,
        major_public_interest=case.major_public_interest,
        major_social_risk=case.major_social_risk,
        major_rights=case.major_rights,
        complex_case=case.complex_case,
    )


def _has_decision(case: Case) -> bool:
    try:
        case.decision  # noqa: B018 — a reverse one-to-one raises when missing
    except models.ObjectDoesNotExist:
        return False
    return True


def has_decision(case: Case) -> bool:
    return _has_decision(case)


def review_reasons(case: Case, *, fine: Any = None) -> list[ReviewReason]:
    return needs_legal_review(review_facts(case, fine=fine), catalogue_of(case))


def current_review(case: Case) -> LegalReview | None:
    """The review that counts now: not withdrawn, not superseded by a changed draft."""
    return (
        LegalReview.objects.filter(case=case, superseded_at__isnull=True)
        .exclude(status=ReviewStatus.WITHDRAWN)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def write_step(
    *,
    actor: Person | None,
    case: Case,
    action: str,
    label: str,
    subject: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    ledger_action: str | None = None,
    on: date | None = None,
) -> CaseEvent:
    """One ledger entry and the matching line of the case's timeline.

    The timeline line is dated `on`, the day the step happened, when that is not today (a step
    recorded afterwards); the ledger entry keeps the time it was written."""
    entry = record(
        actor=actor,
        action=ledger_action or f"enforcement.case.{action}",
        subject=subject if subject is not None else case,
        before=before,
        after=after,
        data={"case_id": case.pk, "case_number": case.number, **(data or {})},
    )
    return CaseEvent.objects.create(
        case=case,
        at=happened_at(on),
        actor=actor,
        actor_name=str(actor) if actor is not None else "系统",
        action=action[:40],
        label=label[:200],
        from_status=from_status,
        to_status=to_status,
        note=note,
        ledger_seq=entry.seq,
    )


def plan(actor: Person | None, case: Case, action: str) -> Transition:
    """Permission for `action`, then the transition out of the case's current status (or
    `transition_not_allowed`). Writes nothing."""
    require_action(actor, action, case)
    return transition_for(case.kind, case.status, action)


def apply(
    *,
    actor: Person | None,
    case: Case,
    transition: Transition,
    note: str = "",
    data: dict[str, Any] | None = None,
    fields: tuple[str, ...] = (),
    on: date | None = None,
) -> CaseEvent:
    """Move the case along `transition` (already checked), with `fields` saved alongside."""
    from_status = case.status
    case.status = transition.target
    case.version += 1
    case.status_changed_at = happened_at(on)
    case.save(update_fields=["status", "version", "status_changed_at", *fields])
    event = write_step(
        actor=actor,
        case=case,
        action=transition.action,
        label=transition.label,
        before={"status": from_status},
        after={"status": case.status},
        data=data,
        from_status=from_status,
        to_status=case.status,
        note=note,
        ledger_action=f"enforcement.case.{PAST.get(transition.action, transition.action)}",
        on=on,
    )
    publish_on_commit(
        CaseStatusChanged(
            case_id=case.pk,
            agency_id=case.agency_id,
            kind=case.kind,
            from_status=from_status,
            to_status=case.status,
            action=transition.action,
        )
    )
    return event


def close_deadlines(case: Case, *kinds: str, satisfied_on: date | None = None, cancel: bool = False) -> int:
    """Mark the case's open deadlines of `kinds` (all when none given) satisfied or no longer applying."""
    qs = CaseDeadline.objects.filter(case=case, satisfied_on__isnull=True, cancelled_at__isnull=True)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if cancel:
        return qs.update(cancelled_at=timezone.now())
    return qs.update(satisfied_on=satisfied_on or today())


# ---------------------------------------------------------------- idempotency


def _clean_key(value: str) -> str:
    key = "".join(str(value).split())
    if not key or len(key) > 100:
        raise DomainError("idempotency_key_invalid", "提交编号无效（1至100个字符）", "idempotency_key")
    return key


def _result_of(row: IdempotencyKey, operation: str) -> Any:
    if row.operation != operation:
        raise DomainError(
            "idempotency_key_reused", "该提交编号已用于另一项操作，请刷新页面后重新提交", "idempotency_key"
        )
    if not row.result_type or row.result_id is None:
        return None
    model = apps.get_model(row.result_type)
    return model._default_manager.get(pk=row.result_id)


def idempotent(operation: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Make a service apply once per ``idempotency_key`` (per actor): a form or API request sent
    twice returns the first result and writes nothing more. Without a key the service runs as is.

    The key row is inserted before the work, in the same transaction: a concurrent duplicate
    waits on the unique index until the first commits, then returns its result; a refused
    first attempt rolls the key back, so the corrected form can be sent with the same key.
    """

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            raw = kwargs.get("idempotency_key")
            if not raw:
                return fn(*args, **kwargs)
            key = _clean_key(str(raw))
            actor = kwargs.get("actor")
            actor_id = getattr(actor, "pk", None)
            with transaction.atomic():
                existing = IdempotencyKey.objects.filter(actor_id=actor_id, key=key).first()
                if existing is not None:
                    return _result_of(existing, operation)
                try:
                    with transaction.atomic():
                        row = IdempotencyKey.objects.create(key=key, actor_id=actor_id, operation=operation)
                except IntegrityError:
                    first = IdempotencyKey.objects.get(actor_id=actor_id, key=key)
                    return _result_of(first, operation)
                result = fn(*args, **kwargs)
                if isinstance(result, models.Model):
                    row.result_type = result._meta.label
                    row.result_id = result.pk
                    row.save(update_fields=["result_type", "result_id"])
                return result

        return inner

    return wrap
