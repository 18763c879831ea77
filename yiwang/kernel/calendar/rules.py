"""Working-day arithmetic as pure functions (rules CAL-01…06). No ORM, no I/O.

A year's calendar is a `YearCalendar`: the sorted ordinals of its working days plus a description
of every day that is not an ordinary weekday or weekend (holidays, adjusted working days, local
overrides). The arithmetic takes a ``lookup(year) -> YearCalendar`` so it can run on packaged data
alone (tests) or on packaged data plus the database's overrides (`selectors`). A lookup raises
`CalendarYearUnavailable` for a year without published data: nothing is ever guessed (CAL-02).

Counting convention (CAL-04): "within N working days from day D" — D itself is not counted, the
deadline is the N-th working day after D.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from yiwang.kernel.errors import DomainError

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# CAL-02: administrators are warned from this month/day of the year before a year without data.
WARN_FROM_MONTH_DAY = (10, 1)


class DayKind(StrEnum):
    """What a day is, in the order a month view shows them (CAL-01)."""

    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    ADJUSTED_WORKDAY = "adjusted_workday"  # a weekend day designated a working day (调休上班)

    @property
    def label(self) -> str:
        return DAY_KIND_LABELS[self]


DAY_KIND_LABELS = {
    DayKind.WORKDAY: "工作日",
    DayKind.WEEKEND: "周末",
    DayKind.HOLIDAY: "节假日",
    DayKind.ADJUSTED_WORKDAY: "调休上班",
}


class DeadlineBasis(StrEnum):
    """How a legal time limit counts (rules page: "either calendar days or working days")."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"

    @property
    def label(self) -> str:
        return "工作日" if self is DeadlineBasis.WORKING_DAYS else "自然日"


class YearSource(StrEnum):
    PACKAGE = "package"  # chinesecalendar's data
    LOCAL = "local"  # an administrator declared the year complete through local overrides (CAL-02, CAL-03)


class DayOrigin(StrEnum):
    WEEKDAY_RULE = "weekday_rule"
    PACKAGE = "package"
    OVERRIDE = "override"


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    name: str = ""  # holiday name, or the reason of a local override
    origin: DayOrigin = DayOrigin.WEEKDAY_RULE

    @property
    def is_working(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY)

    @property
    def label(self) -> str:
        return self.name or self.kind.label


@dataclass(frozen=True)
class YearCalendar:
    """One year's working days. `special` holds every day that is not a plain weekday/weekend."""

    year: int
    source: YearSource
    working: tuple[int, ...]  # sorted ordinals of working days
    special: dict[date, DayInfo] = field(default_factory=dict)
    override_count: int = 0

    def is_working(self, d: date) -> bool:
        o = d.toordinal()
        i = bisect_left(self.working, o)
        return i < len(self.working) and self.working[i] == o

    def info(self, d: date) -> DayInfo:
        if d in self.special:
            return self.special[d]
        return DayInfo(d, DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKDAY)

    def days(self) -> list[DayInfo]:
        first = date(self.year, 1, 1).toordinal()
        last = date(self.year, 12, 31).toordinal()
        return [self.info(date.fromordinal(o)) for o in range(first, last + 1)]


Lookup = Callable[[int], YearCalendar]


class CalendarYearUnavailable(DomainError):
    """CAL-02: the holiday schedule of `year` is neither packaged nor declared locally."""

    def __init__(self, year: int, field: str | None = None) -> None:
        super().__init__(
            "calendar_year_unavailable",
            f"{year}年节假日安排尚未发布或尚未录入本系统，无法计算涉及{year}年的工作日期限。"
            f"请系统管理员在国务院办公厅发布通知后，于“工作日历”中录入{year}年的节假日和调休安排并确认全年已录入。",
            field,
            details={"year": year},
        )
        self.year = year


def build_year(
    year: int,
    source: YearSource,
    base: dict[date, DayInfo],
    overrides: Iterable[tuple[date, bool, str]] = (),
) -> YearCalendar:
    """Assemble a year from weekday rules, `base` special days and local overrides (CAL-01, CAL-03).

    `overrides` are ``(day, is_working_day, reason)``; they win over `base` (CAL-03).
    """
    special = {d: info for d, info in base.items() if d.year == year}
    count = 0
    for d, working, reason in overrides:
        if d.year != year:
            continue
        count += 1
        if working:
            kind = DayKind.ADJUSTED_WORKDAY if d.weekday() >= 5 else DayKind.WORKDAY
        else:
            kind = DayKind.HOLIDAY
        special[d] = DayInfo(d, kind, reason, DayOrigin.OVERRIDE)
    first = date(year, 1, 1).toordinal()
    last = date(year, 12, 31).toordinal()
    ordinals: list[int] = []
    for o in range(first, last + 1):
        d = date.fromordinal(o)
        info = special.get(d)
        if info is None:
            if d.weekday() < 5:
                ordinals.append(o)
        elif info.is_working:
            ordinals.append(o)
    return YearCalendar(year, source, tuple(ordinals), special, count)


def add_working_days(lookup: Lookup, start: date, n: int) -> date:
    """The `n`-th working day after `start` (CAL-04); `start` itself is never counted.

    ``n == 0`` returns `start` unchanged; a negative `n` counts backwards (the n-th working day
    before `start`). Every year the count passes through must have data (CAL-02).
    """
    if n == 0:
        return start
    origin = start.toordinal()
    year = start.year
    cal = lookup(year)
    if n > 0:
        idx = bisect_right(cal.working, origin)
        remaining = n
        while True:
            available = len(cal.working) - idx
            if remaining <= available:
                return date.fromordinal(cal.working[idx + remaining - 1])
            remaining -= available
            year += 1
            cal = lookup(year)
            idx = 0
    idx = bisect_left(cal.working, origin)
    remaining = -n
    while True:
        if remaining <= idx:
            return date.fromordinal(cal.working[idx - remaining])
        remaining -= idx
        year -= 1
        cal = lookup(year)
        idx = len(cal.working)


def working_days_between(lookup: Lookup, a: date, b: date) -> int:
    """Working days stepped onto when moving from `a` to `b`: `a` not counted, `b` counted (CAL-04).

    For ``a < b`` the count of working days in ``(a, b]``; for ``a == b`` zero; for ``b < a`` the
    negative count of working days in ``[b, a)``. So ``working_days_between(a, add_working_days(a, n))
    == n`` for every `n`. Only the years the interval covers need data (CAL-02).
    """
    if a == b:
        return 0
    if a < b:
        lo_day, hi_day, sign = a + timedelta(days=1), b, 1
    else:
        lo_day, hi_day, sign = b, a - timedelta(days=1), -1
    lo, hi = lo_day.toordinal(), hi_day.toordinal()
    total = 0
    for year in range(lo_day.year, hi_day.year + 1):
        cal = lookup(year)
        total += bisect_right(cal.working, hi) - bisect_left(cal.working, lo)
    return sign * total


def non_working_days(lookup: Lookup, a: date, b: date) -> list[DayInfo]:
    """Days in ``(a, b]`` that are not working days, with their names (for explanations, CAL-06)."""
    out: list[DayInfo] = []
    d = a + timedelta(days=1)
    while d <= b:
        cal = lookup(d.year)
        info = cal.info(d)
        if not info.is_working:
            out.append(info)
        d += timedelta(days=1)
    return out


@dataclass(frozen=True)
class DeadlineInfo:
    """A computed deadline that keeps its rule id and start day, so it can be recomputed (CAL-06)."""

    rule_id: str
    start: date
    due: date
    kind: DeadlineBasis
    amount: int
    skipped: tuple[DayInfo, ...] = ()
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "kind": str(self.kind),
            "amount": self.amount,
            "explanation": self.explain(),
        }

    def explain(self) -> str:
        """A Chinese sentence saying how the deadline was reached (CAL-04, CAL-06)."""
        unit = "个工作日" if self.kind is DeadlineBasis.WORKING_DAYS else "日（自然日）"
        direction = "起算" if self.amount >= 0 else "向前倒数"
        text = (
            f"依据{self.rule_id}：自{cn_date(self.start)}（当日不计）{direction}{abs(self.amount)}{unit}，"
            f"期限为{cn_date(self.due)}（{WEEKDAY_NAMES[self.due.weekday()]}）。"
        )
        if self.kind is DeadlineBasis.WORKING_DAYS and self.skipped:
            text += f"期间不计入的非工作日共{len(self.skipped)}天：{describe_days(self.skipped)}。"
        if self.sources:
            text += f"节假日数据：{'；'.join(self.sources)}。"
        return text


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def describe_days(days: Iterable[DayInfo]) -> str:
    """Group consecutive days with the same label: "国庆节10月1日至10月7日、周末10月11日"."""
    groups: list[tuple[str, date, date]] = []
    for info in sorted(days, key=lambda i: i.day):
        label = info.label
        if groups and groups[-1][0] == label and (info.day - groups[-1][2]).days == 1:
            groups[-1] = (label, groups[-1][1], info.day)
        else:
            groups.append((label, info.day, info.day))
    parts = []
    for label, first, last in groups:
        span = f"{first.month}月{first.day}日"
        if last != first:
            span += f"至{last.month}月{last.day}日"
        parts.append(f"{label}{span}")
    return "、".join(parts)


def parse_date_text(value: str, field: str | None = None) -> date:
    """Parse ``YYYY-MM-DD`` (full-width digits accepted) or refuse with a Chinese message."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        shown = text[:40]
        raise DomainError(
            "invalid_date", f"日期“{shown}”格式有误，应为“年-月-日”，例如 2026-09-28", field
        ) from None


def parse_day_count(value: Any, field: str | None = None, *, limit: int = 3660) -> int:
    """Parse a day count (full-width digits accepted); refuse anything that is not a whole number."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        n = int(text)
    except ValueError:
        raise DomainError("invalid_day_count", f"天数“{text[:20]}”应为整数", field) from None
    if abs(n) > limit:
        raise DomainError("invalid_day_count", f"天数{n}超出允许范围（±{limit}）", field)
    return n


def parse_year(value: Any, field: str | None = "year") -> int:
    """Parse a four-digit year (full-width digits accepted) or refuse with a Chinese message."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if len(text) != 4 or not text.isdigit() or not 2000 <= int(text) <= 2200:
        raise DomainError("invalid_year", f"年度“{text[:20]}”应为2000—2200之间的四位数字，例如 2026", field)
    return int(text)


def warning_years(today: date, available: Callable[[int], bool]) -> list[int]:
    """Years an administrator must be warned about (CAL-02).

    The current year when it has no data, and next year from `WARN_FROM_MONTH_DAY` on when next
    year has no data.
    """
    years = []
    if not available(today.year):
        years.append(today.year)
    if (today.month, today.day) >= WARN_FROM_MONTH_DAY and not available(today.year + 1):
        years.append(today.year + 1)
    return years


_REST_WORDS = {"休", "休息", "放假", "假"}
_WORK_WORDS = {"班", "上班", "工作"}


def parse_schedule_lines(
    text: str, year: int, field: str | None = "schedule"
) -> list[tuple[date, bool, str]]:
    """Parse a year's schedule as an administrator copies it from the State Council notice (CAL-02).

    One entry per line: ``日期 休|班 事由`` where 日期 is ``2027-02-06`` or a range
    ``2027-02-06至2027-02-12`` (also ``..`` or ``~``). Blank lines and lines starting with ``#`` are
    ignored. Every day must fall in `year` and appear only once. Errors name the line.
    """
    out: dict[date, tuple[date, bool, str]] = {}
    for number, raw in enumerate(unicodedata.normalize("NFKC", text).splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 3:
            raise DomainError(
                "invalid_schedule_line", f"第{number}行应为“日期 休/班 事由”：{line[:60]}", field
            )
        when, what, reason = parts
        if what not in _REST_WORDS | _WORK_WORDS:
            raise DomainError(
                "invalid_schedule_line", f"第{number}行第二项应为“休”或“班”：{what[:20]}", field
            )
        for sep in ("至", "..", "~"):
            if sep in when:
                first_text, last_text = when.split(sep, 1)
                break
        else:
            first_text = last_text = when
        try:
            first, last = parse_date_text(first_text), parse_date_text(last_text)
        except DomainError as exc:
            raise DomainError("invalid_schedule_line", f"第{number}行：{exc.message}", field) from None
        if last < first or (last - first).days > 31:
            raise DomainError("invalid_schedule_line", f"第{number}行日期范围有误：{when[:40]}", field)
        d = first
        while d <= last:
            if d.year != year:
                raise DomainError(
                    "invalid_schedule_line", f"第{number}行的{d.isoformat()}不属于{year}年", field
                )
            if d in out:
                raise DomainError("invalid_schedule_line", f"第{number}行的{d.isoformat()}重复出现", field)
            out[d] = (d, what in _WORK_WORDS, reason.strip()[:200])
            d += timedelta(days=1)
    if not out:
        raise DomainError("invalid_schedule_line", "未填写任何日期", field)
    return sorted(out.values())
