"""Reads of the working-day calendar (CAL-01…06). Public: re-exported by `yiwang.kernel.calendar`.

The calendar is the same for every actor (a national schedule plus the platform's local
overrides), so the arithmetic takes no actor; lists of overrides for pages take one by convention.
"""

from __future__ import annotations

import calendar as pycalendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from yiwang.kernel.errors import DomainError

from . import rules, sources, store
from .rules import (
    CalendarYearUnavailable,
    DayInfo,
    DayKind,
    DayOrigin,
    DeadlineBasis,
    DeadlineInfo,
    YearCalendar,
    YearSource,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import CalendarOverride, CalendarYear, DeadlineFields

_RULE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,39}$")


def _check_date(value: Any, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, got {type(value).__name__}")
    return value


def _check_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def add_working_days(start: date, n: int) -> date:
    """The `n`-th working day after `start`, `start` not counted (CAL-04).

    ``add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)``. ``n == 0`` returns `start`;
    negative `n` counts backwards. Raises `DomainError` ``calendar_year_unavailable`` when the
    count reaches a year without data (CAL-02).
    """
    return rules.add_working_days(store.year_calendar, _check_date(start, "start"), _check_int(n, "n"))


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b` (CAL-04); negative when `b` is before `a`.

    For ``a < b``: the number of working days in ``(a, b]``. ``a == b``: 0. For ``b < a``: minus the
    number of working days in ``[b, a)``. Hence ``working_days_between(a, add_working_days(a, n)) == n``.
    """
    return rules.working_days_between(store.year_calendar, _check_date(a, "a"), _check_date(b, "b"))


def is_working_day(d: date) -> bool:
    """CAL-01: Monday–Friday unless a holiday, plus designated weekend working days; overrides win (CAL-03)."""
    d = _check_date(d, "d")
    return store.year_calendar(d.year).is_working(d)


def day_info(d: date) -> DayInfo:
    """What `d` is (working day, weekend, holiday, adjusted working day), with its name and origin."""
    d = _check_date(d, "d")
    return store.year_calendar(d.year).info(d)


def compute_deadline(
    rule_id: str,
    start: date,
    working_days: int | None = None,
    calendar_days: int | None = None,
) -> DeadlineInfo:
    """A deadline that remembers its rule id and start day (CAL-06), explainable in Chinese.

    Give exactly one of `working_days` (CAL-04 counting) or `calendar_days` (plain date arithmetic,
    the start day not counted either). Errors are `DomainError`s naming the offending field.
    """
    start = _check_date(start, "start")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise DomainError("invalid_rule_id", "期限依据的规则编号格式有误，例如 CAL-04、ENF-113", "rule_id")
    if (working_days is None) == (calendar_days is None):
        raise DomainError("invalid_deadline_basis", "须且只能指定工作日或自然日中的一种期限", "working_days")
    if calendar_days is not None:
        n = _check_int(calendar_days, "calendar_days")
        return DeadlineInfo(rule_id, start, start + timedelta(days=n), DeadlineBasis.CALENDAR_DAYS, n)
    n = _check_int(working_days, "working_days")
    lookup = store.lookup_for_field("working_days")
    due = rules.add_working_days(lookup, start, n)
    lo, hi = (start, due) if due >= start else (due - timedelta(days=1), start - timedelta(days=1))
    skipped = tuple(rules.non_working_days(lookup, lo, hi))
    return DeadlineInfo(rule_id, start, due, DeadlineBasis.WORKING_DAYS, n, skipped, _sources(lo, hi))


def recompute_deadline(stored: DeadlineFields) -> DeadlineInfo:
    """The deadline a row keeping `DeadlineFields` gets from today's calendar (CAL-06)."""
    if stored.deadline_basis == DeadlineBasis.CALENDAR_DAYS:
        return compute_deadline(
            stored.deadline_rule_id, stored.deadline_start, calendar_days=stored.deadline_amount
        )
    return compute_deadline(
        stored.deadline_rule_id, stored.deadline_start, working_days=stored.deadline_amount
    )


def _sources(lo: date, hi: date) -> tuple[str, ...]:
    """Which data the days in ``(lo, hi]`` came from, for the explanation (CAL-06)."""
    out: list[str] = []
    for year in range((lo + timedelta(days=1)).year, hi.year + 1):
        cal = store.year_calendar(year)
        if cal.source is YearSource.PACKAGE:
            out.append(f"{year}年依 {sources.PRIMARY_NAME} {sources.PRIMARY_VERSION}")
        else:
            out.append(f"{year}年依本地录入的全年安排")
        local = [i for d, i in sorted(cal.special.items()) if i.origin is DayOrigin.OVERRIDE and lo < d <= hi]
        for info in local:
            what = "上班" if info.is_working else "休息"
            out.append(f"本地调整{rules.cn_date(info.day)}{what}（{info.name}）")
    return tuple(out)


# ------------------------------------------------------------------ coverage and warnings (CAL-02)


@dataclass(frozen=True)
class YearCoverage:
    year: int
    available: bool
    source: YearSource | None
    override_count: int

    @property
    def label(self) -> str:
        if self.source is YearSource.PACKAGE:
            return f"已发布（{sources.PRIMARY_NAME} {sources.PRIMARY_VERSION}）"
        if self.source is YearSource.LOCAL:
            return "已发布（本地录入全年安排）"
        return "无数据：涉及该年的工作日期限将被拒绝"


def year_coverage(years: range | None = None) -> list[YearCoverage]:
    """Coverage of each year: packaged, declared locally, or without data."""
    if years is None:
        today = timezone.localdate()
        years = range(today.year - 1, today.year + 3)
    out = []
    for y in years:
        try:
            cal: YearCalendar | None = store.year_calendar(y)
        except CalendarYearUnavailable:
            cal = None
        out.append(
            YearCoverage(y, cal is not None, cal.source if cal else None, cal.override_count if cal else 0)
        )
    return out


@dataclass(frozen=True)
class CalendarWarning:
    year: int
    code: str
    level: str  # "error" | "warning"
    message: str


def upcoming_year_warnings(today: date | None = None) -> list[CalendarWarning]:
    """CAL-02: warn from October 1 when next year has no data, and at once when this year has none."""
    today = today or timezone.localdate()
    out = []
    for year in rules.warning_years(today, store.year_available):
        if year == today.year:
            out.append(
                CalendarWarning(
                    year,
                    "calendar_year_unavailable",
                    "error",
                    f"本年度（{year}年）尚无节假日数据：所有涉及{year}年的工作日期限计算都会被拒绝。"
                    f"请立即录入{year}年的节假日和调休安排，并确认全年已录入。",
                )
            )
        else:
            first = date(year, 1, 1)
            out.append(
                CalendarWarning(
                    year,
                    "calendar_next_year_missing",
                    "warning",
                    f"{year}年节假日安排尚无数据，距{rules.cn_date(first)}还有{(first - today).days}天："
                    f"届满日落在{year}年的工作日期限将无法计算。国务院办公厅通常于11月前后发布次年安排，"
                    f"发布后请在“工作日历”录入{year}年的节假日和调休并确认全年已录入，或升级日历数据包。",
                )
            )
    return out


@dataclass(frozen=True)
class Disagreement:
    """A day the platform's calendar and the `holidays` package see differently."""

    day: date
    ours_working: bool
    theirs_working: bool
    ours_label: str
    theirs_label: str
    origin: DayOrigin

    @property
    def expected(self) -> bool:
        """A local override differs on purpose (CAL-03); other disagreements need a look."""
        return self.origin is DayOrigin.OVERRIDE

    def message(self) -> str:
        ours = "工作日" if self.ours_working else "休息日"
        theirs = "工作日" if self.theirs_working else "休息日"
        note = "，本地调整" if self.expected else ""
        their_note = f"（{self.theirs_label}）" if self.theirs_label else ""
        return (
            f"{self.day:%Y-%m-%d}：本系统为{ours}（{self.ours_label}{note}），"
            f"{sources.SECONDARY_NAME} 为{theirs}{their_note}"
        )


def crosscheck(year: int) -> list[Disagreement]:
    """Every day of `year` on which our calendar and the `holidays` package disagree (CAL-01)."""
    cal = store.year_calendar(year)
    out = []
    for d, theirs in sources.secondary_year(year).items():
        ours = cal.info(d)
        if ours.is_working != theirs.working:
            out.append(Disagreement(d, ours.is_working, theirs.working, ours.label, theirs.name, ours.origin))
    return out


def calendar_warnings(today: date | None = None) -> list[CalendarWarning]:
    """What administrators must see: missing years (CAL-02) and unexpected cross-check disagreements."""
    today = today or timezone.localdate()
    out = upcoming_year_warnings(today)
    for year in (today.year, today.year + 1):
        if not store.year_available(year):
            continue
        unexpected = [d for d in crosscheck(year) if not d.expected]
        if unexpected:
            shown = "；".join(d.message() for d in unexpected[:5])
            more = f"等共{len(unexpected)}处" if len(unexpected) > 5 else ""
            out.append(
                CalendarWarning(
                    year,
                    "calendar_crosscheck_disagreement",
                    "warning",
                    f"{year}年日历数据与 {sources.SECONDARY_NAME} {sources.SECONDARY_VERSION} 不一致：{shown}{more}。"
                    f"请核对国务院办公厅通知，必要时录入本地调整。",
                )
            )
    return out


# ------------------------------------------------------------------ pages


def override_list_for(
    *, actor: Any, year: int | None = None, include_withdrawn: bool = False
) -> QuerySet[CalendarOverride]:
    """Overrides are public working-time facts; every signed-in actor may read them."""
    from .models import CalendarOverride

    qs = CalendarOverride.objects.all()
    if year is not None:
        qs = qs.filter(day__year=year)
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs.order_by("day", "pk")


def calendar_year_list_for(*, actor: Any) -> QuerySet[CalendarYear]:
    from .models import CalendarYear

    return CalendarYear.objects.order_by("-year", "-pk")


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    weeks: list[list[DayInfo | None]]  # Monday first; None pads days outside the month

    @property
    def title(self) -> str:
        return f"{self.month}月"


def month_views(year: int) -> list[MonthView]:
    """Twelve Monday-first month grids of `year` (raises when the year has no data)."""
    cal = store.year_calendar(year)
    months = []
    for month in range(1, 13):
        weeks: list[list[DayInfo | None]] = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append([cal.info(d) if d.month == month else None for d in week])
        months.append(MonthView(year, month, weeks))
    return months


__all__ = [
    "CalendarWarning",
    "DayKind",
    "Disagreement",
    "MonthView",
    "YearCoverage",
    "add_working_days",
    "calendar_warnings",
    "compute_deadline",
    "crosscheck",
    "day_info",
    "is_working_day",
    "month_views",
    "recompute_deadline",
    "upcoming_year_warnings",
    "working_days_between",
    "year_coverage",
]
