"""Changes to the local calendar (CAL-02, CAL-03): one transaction each, with a ledger entry.

Every service checks ``calendar.manage_override`` as a platform-wide grant (the calendar object
has no organization, so only system-wide grants cover it), validates before writing, drops the
per-year cache and publishes `CalendarChanged` after commit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from yiwang.kernel.errors import DomainError, NotFound
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.ledger import record

from . import rules, sources, store
from .events import CalendarChanged
from .models import CalendarOverride, CalendarYear

PERMISSION = "calendar.manage_override"


def _require(actor: Any, obj: Any) -> None:
    from yiwang.kernel.access import require

    require(actor, PERMISSION, obj)


def _text(value: Any, *, code: str, label: str, field: str, max_length: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise DomainError(code, f"请填写{label}", field)
    if len(text) > max_length:
        raise DomainError(code, f"{label}不能超过{max_length}字（当前{len(text)}字）", field)
    return text


def _source(source_document: Any, source_number: Any, source_date: Any) -> dict[str, Any]:
    """CAL-03: every local decision names its document and the document's date."""
    if not isinstance(source_date, date):
        raise DomainError("invalid_source_date", "请填写依据文件的发布日期", "source_date")
    if source_date > timezone.localdate():
        raise DomainError(
            "invalid_source_date", f"依据文件的发布日期{source_date:%Y-%m-%d}晚于今天", "source_date"
        )
    return {
        "source_document": _text(
            source_document, code="source_required", label="依据文件", field="source_document", max_length=200
        ),
        "source_number": _text(
            source_number,
            code="invalid_source_number",
            label="文号",
            field="source_number",
            max_length=80,
            required=False,
        ),
        "source_date": source_date,
    }


def _who(actor: Any) -> dict[str, Any]:
    return {
        "entered_by_person_id": getattr(actor, "pk", None),
        "entered_by_name": "" if actor is None else str(actor)[:100],
    }


def _override_snapshot(o: CalendarOverride) -> dict[str, Any]:
    return {
        "day": o.day.isoformat(),
        "is_working_day": o.is_working_day,
        "reason": o.reason,
        "source_document": o.source_document,
        "source_number": o.source_number,
        "source_date": o.source_date.isoformat(),
        "withdrawn": o.withdrawn_at is not None,
    }


def _year_snapshot(y: CalendarYear) -> dict[str, Any]:
    return {
        "year": y.year,
        "source_document": y.source_document,
        "source_number": y.source_number,
        "source_date": y.source_date.isoformat(),
        "withdrawn": y.withdrawn_at is not None,
    }


def _check_day(day: Any) -> date:
    if not isinstance(day, date):
        raise DomainError("invalid_date", "请填写日期", "day")
    if not 2000 <= day.year <= 2200:
        raise DomainError("invalid_date", f"日期{day:%Y-%m-%d}超出可录入范围（2000—2200年）", "day")
    return day


@transaction.atomic
def override_create(
    *,
    actor: Any,
    day: date,
    is_working_day: bool,
    reason: str,
    source_document: str,
    source_date: date,
    source_number: str = "",
) -> CalendarOverride:
    """Declare `day` a working day or a day off; wins over the packaged data (CAL-03)."""
    _require(actor, CalendarOverride(day=day if isinstance(day, date) else None))
    day = _check_day(day)
    if not isinstance(is_working_day, bool):
        raise DomainError("invalid_override", "请选择该日上班还是休息", "is_working_day")
    clean_reason = _text(reason, code="reason_required", label="事由", field="reason", max_length=200)
    source = _source(source_document, source_number, source_date)
    if CalendarOverride.objects.filter(day=day, withdrawn_at__isnull=True).exists():
        raise DomainError("override_exists", f"{day:%Y-%m-%d}已有本地调整，请先撤销原调整再录入", "day")
    override = CalendarOverride.objects.create(
        day=day, is_working_day=is_working_day, reason=clean_reason, **source, **_who(actor)
    )
    record(
        actor=actor, action="calendar.override.created", subject=override, after=_override_snapshot(override)
    )
    store.invalidate()
    publish_on_commit(CalendarChanged(day, day, "override_created"))
    return override


@transaction.atomic
def override_withdraw(*, actor: Any, override_id: int, reason: str) -> CalendarOverride:
    """Withdraw an override; the row stays with who withdrew it and why (CAL-03)."""
    _require(actor, CalendarOverride())
    override = CalendarOverride.objects.select_for_update().filter(pk=override_id).first()
    if override is None:
        raise NotFound("该日历调整不存在")
    if override.withdrawn_at is not None:
        raise DomainError(
            "override_already_withdrawn", f"{override.day:%Y-%m-%d}的调整已于此前撤销", "override_id"
        )
    clean_reason = _text(reason, code="reason_required", label="撤销原因", field="reason", max_length=200)
    before = _override_snapshot(override)
    override.withdrawn_at = timezone.now()
    override.withdrawn_by_name = "" if actor is None else str(actor)[:100]
    override.withdraw_reason = clean_reason
    override.save(update_fields=["withdrawn_at", "withdrawn_by_name", "withdraw_reason", "changed_at"])
    record(
        actor=actor,
        action="calendar.override.withdrawn",
        subject=override,
        before=before,
        after=_override_snapshot(override),
        data={"reason": clean_reason},
    )
    store.invalidate()
    publish_on_commit(CalendarChanged(override.day, override.day, "override_withdrawn"))
    return override


def _check_declarable(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2200:
        raise DomainError("invalid_year", "年度应为2000—2200之间的整数", "year")
    if sources.package_covers(year):
        raise DomainError(
            "calendar_year_already_published",
            f"{year}年的节假日安排已由日历数据包提供，无需本地录入全年安排；如有变化请录入单日调整",
            "year",
        )
    if CalendarYear.objects.filter(year=year, withdrawn_at__isnull=True).exists():
        raise DomainError("calendar_year_already_declared", f"{year}年已确认全年安排已录入", "year")
    return year


@transaction.atomic
def calendar_year_declare(
    *, actor: Any, year: int, source_document: str, source_date: date, source_number: str = ""
) -> CalendarYear:
    """Declare `year`'s schedule completely entered as overrides, so computations may use it (CAL-02)."""
    _require(actor, CalendarYear())
    year = _check_declarable(year)
    source = _source(source_document, source_number, source_date)
    if not CalendarOverride.objects.filter(day__year=year, withdrawn_at__isnull=True).exists():
        raise DomainError(
            "calendar_year_without_overrides",
            f"{year}年尚未录入任何节假日或调休安排，不能确认全年安排已录入",
            "year",
        )
    declared = CalendarYear.objects.create(year=year, **source, **_who(actor))
    record(actor=actor, action="calendar.year.declared", subject=declared, after=_year_snapshot(declared))
    store.invalidate()
    publish_on_commit(CalendarChanged(date(year, 1, 1), date(year, 12, 31), "year_declared"))
    return declared


@transaction.atomic
def calendar_year_import(
    *, actor: Any, year: int, schedule: str, source_document: str, source_date: date, source_number: str = ""
) -> CalendarYear:
    """Enter a published year in one step: every listed day as an override, then declare the year.

    `schedule` is the notice copied line by line (``2027-02-06至2027-02-12 休 春节``; see
    `rules.parse_schedule_lines`). All or nothing: any bad line writes nothing.
    """
    _require(actor, CalendarYear())
    year = _check_declarable(year)
    source = _source(source_document, source_number, source_date)
    entries = rules.parse_schedule_lines(schedule, year)
    taken = set(
        CalendarOverride.objects.filter(
            day__in=[d for d, _, _ in entries], withdrawn_at__isnull=True
        ).values_list("day", flat=True)
    )
    if taken:
        first = min(taken)
        raise DomainError(
            "override_exists", f"{first:%Y-%m-%d}已有本地调整，请先撤销原调整再录入", "schedule"
        )
    for day, working, reason in entries:
        if not reason:
            raise DomainError("reason_required", f"{day:%Y-%m-%d}缺少事由", "schedule")
        override_create(
            actor=actor,
            day=day,
            is_working_day=working,
            reason=reason,
            source_document=source["source_document"],
            source_number=source["source_number"],
            source_date=source["source_date"],
        )
    return calendar_year_declare(
        actor=actor,
        year=year,
        source_document=source["source_document"],
        source_number=source["source_number"],
        source_date=source["source_date"],
    )


@transaction.atomic
def calendar_year_withdraw(*, actor: Any, calendar_year_id: int, reason: str) -> CalendarYear:
    """Withdraw a year declaration: computations reaching into that year fail again (CAL-02)."""
    _require(actor, CalendarYear())
    declared = CalendarYear.objects.select_for_update().filter(pk=calendar_year_id).first()
    if declared is None:
        raise NotFound("该年度安排不存在")
    if declared.withdrawn_at is not None:
        raise DomainError(
            "calendar_year_already_withdrawn", f"{declared.year}年的确认已于此前撤销", "calendar_year_id"
        )
    clean_reason = _text(reason, code="reason_required", label="撤销原因", field="reason", max_length=200)
    before = _year_snapshot(declared)
    declared.withdrawn_at = timezone.now()
    declared.withdrawn_by_name = "" if actor is None else str(actor)[:100]
    declared.withdraw_reason = clean_reason
    declared.save(update_fields=["withdrawn_at", "withdrawn_by_name", "withdraw_reason", "changed_at"])
    record(
        actor=actor,
        action="calendar.year.withdrawn",
        subject=declared,
        before=before,
        after=_year_snapshot(declared),
        data={"reason": clean_reason},
    )
    store.invalidate()
    year = declared.year
    publish_on_commit(CalendarChanged(date(year, 1, 1), date(year, 12, 31), "year_withdrawn"))
    return declared
