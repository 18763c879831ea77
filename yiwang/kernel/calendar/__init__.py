"""工作日历 — the working-day calendar (rules CAL-01…06).

    from yiwang.kernel.calendar import add_working_days, working_days_between, is_working_day
    add_working_days(date(2026, 9, 28), 7)  # date(2026, 10, 13), CAL-04

Data: `chinesecalendar` (primary), cross-checked against `holidays`; local overrides in the
database win (CAL-03); a year without data raises `DomainError("calendar_year_unavailable")`
instead of guessing (CAL-02). Store deadlines with `models.DeadlineFields` (CAL-06).
Layout: `rules` (pure arithmetic), `sources` (packaged data), `store` (per-year cache),
`selectors` (reads), `services` (overrides and year declarations, with ledger entries).
"""

from .rules import CalendarYearUnavailable, DayInfo, DayKind, DeadlineBasis, DeadlineInfo
from .selectors import (
    add_working_days,
    calendar_warnings,
    compute_deadline,
    crosscheck,
    day_info,
    is_working_day,
    recompute_deadline,
    upcoming_year_warnings,
    working_days_between,
    year_coverage,
)

__all__ = [
    "CalendarYearUnavailable",
    "DayInfo",
    "DayKind",
    "DeadlineBasis",
    "DeadlineInfo",
    "add_working_days",
    "calendar_warnings",
    "compute_deadline",
    "crosscheck",
    "day_info",
    "is_working_day",
    "recompute_deadline",
    "upcoming_year_warnings",
    "working_days_between",
    "year_coverage",
]
