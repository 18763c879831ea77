"""Per-year calendars built from packaged data plus database overrides, cached per process.

Deadline arithmetic runs often, so each year's working days are built once and kept. The cache is
dropped right after an override or year declaration changes in this process (and again when that
transaction commits); other processes notice through a cheap stamp (row count and latest change
of both tables) checked at most every ``YIWANG_CALENDAR_CACHE_SECONDS`` (default 5). Inside a
transaction the stamp is checked on every call, so uncommitted or rolled-back changes are never
served from the cache.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from . import sources
from .rules import CalendarYearUnavailable, YearCalendar, YearSource, build_year

_lock = threading.RLock()
_years: dict[int, YearCalendar | None] = {}
_stamp: tuple[Any, ...] | None = None
_checked_at = 0.0


def _ttl() -> float:
    return float(getattr(settings, "YIWANG_CALENDAR_CACHE_SECONDS", 5))


def _current_stamp() -> tuple[Any, ...]:
    """Row counts and latest changes of both tables, in one query."""
    from .models import CalendarOverride, CalendarYear

    q = connection.ops.quote_name
    o, y, t = q(CalendarOverride._meta.db_table), q(CalendarYear._meta.db_table), q("changed_at")
    sql = (  # identifiers come from model metadata, never from input
        f"SELECT (SELECT COUNT(*) FROM {o}), (SELECT MAX({t}) FROM {o}), "  # noqa: S608
        f"(SELECT COUNT(*) FROM {y}), (SELECT MAX({t}) FROM {y})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return tuple(str(v) for v in row)


def _ensure_fresh() -> None:
    global _stamp, _checked_at
    now = time.monotonic()
    if not connection.in_atomic_block and _stamp is not None and now - _checked_at < _ttl():
        return
    stamp = _current_stamp()
    with _lock:
        if stamp != _stamp:
            _years.clear()
            _stamp = stamp
        # A stamp seen inside a transaction may be rolled back: the next call outside re-checks.
        _checked_at = 0.0 if connection.in_atomic_block else now


def invalidate() -> None:
    """Forget every cached year now and once more when the current transaction commits."""
    _clear()
    transaction.on_commit(_clear)


def _clear() -> None:
    global _stamp
    with _lock:
        _years.clear()
        _stamp = None


def _build(year: int) -> YearCalendar | None:
    from .models import CalendarOverride, CalendarYear

    overrides = [
        (o.day, o.is_working_day, o.reason)
        for o in CalendarOverride.objects.filter(day__year=year, withdrawn_at__isnull=True)
    ]
    if sources.package_covers(year):
        return build_year(year, YearSource.PACKAGE, sources.package_special_days(year), overrides)
    if CalendarYear.objects.filter(year=year, withdrawn_at__isnull=True).exists():
        return build_year(year, YearSource.LOCAL, {}, overrides)
    return None


def year_calendar(year: int) -> YearCalendar:
    """The year's calendar, or `CalendarYearUnavailable` when it has no data (CAL-02)."""
    _ensure_fresh()
    try:
        cal = _years[year]
    except KeyError:
        cal = _build(year)
        with _lock:
            _years[year] = cal
    if cal is None:
        raise CalendarYearUnavailable(year)
    return cal


def year_available(year: int) -> bool:
    try:
        year_calendar(year)
    except CalendarYearUnavailable:
        return False
    return True


def lookup_for_field(field: str | None) -> Any:
    """A lookup whose unavailable-year error names the input `field` (for forms and the API)."""

    def lookup(year: int) -> YearCalendar:
        try:
            return year_calendar(year)
        except CalendarYearUnavailable as exc:
            raise CalendarYearUnavailable(exc.year, field) from None

    return lookup
