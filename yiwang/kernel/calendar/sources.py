"""Packaged holiday data: `chinesecalendar` (primary) and `holidays` (cross-check). No ORM.

`chinesecalendar` ships the State Council's schedules year by year (holidays, adjusted working
days); a year it does not ship has no data and is never guessed (CAL-02). The `holidays` package
knows the same schedules (``holidays.China`` with ``weekend_workdays``) but *estimates* future
years; it is used only to cross-check, and its disagreements are reported to administrators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from chinese_calendar import constants as cc

from .rules import DayInfo, DayKind, DayOrigin


def _distribution_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


PRIMARY_NAME = "chinesecalendar"
PRIMARY_VERSION = _distribution_version("chinesecalendar")
SECONDARY_NAME = "holidays"
SECONDARY_VERSION = _distribution_version("holidays")  # imported only when cross-checking (slow import)

_CHINESE_NAMES = {h.value: h.chinese for h in cc.Holiday}


def package_years() -> range:
    """The years `chinesecalendar` has published schedules for."""
    years = [d.year for d in cc.holidays]
    return range(min(years), max(years) + 1)


def package_covers(year: int) -> bool:
    return year in package_years()


def holiday_name(english: str) -> str:
    return _CHINESE_NAMES.get(english, english)


@cache
def package_special_days(year: int) -> dict[date, DayInfo]:
    """Holidays and adjusted working days of `year` from `chinesecalendar` (empty if not covered)."""
    out: dict[date, DayInfo] = {}
    if not package_covers(year):
        return out
    for d, name in cc.holidays.items():
        if d.year == year:
            out[d] = DayInfo(d, DayKind.HOLIDAY, holiday_name(name), DayOrigin.PACKAGE)
    for d, name in cc.workdays.items():
        if d.year == year:
            kind = DayKind.ADJUSTED_WORKDAY if d.weekday() >= 5 else DayKind.WORKDAY
            out[d] = DayInfo(d, kind, f"{holiday_name(name)}调休上班", DayOrigin.PACKAGE)
    return out


@dataclass(frozen=True)
class SecondaryDay:
    day: date
    working: bool
    name: str


@cache
def secondary_year(year: int) -> dict[date, SecondaryDay]:
    """Every day of `year` as the `holidays` package sees it (working or not, with its name)."""
    import holidays as holidays_pkg

    cn = holidays_pkg.country_holidays("CN", years=year, language="zh_CN")
    out: dict[date, SecondaryDay] = {}
    d = date(year, 1, 1)
    while d.year == year:
        out[d] = SecondaryDay(d, bool(cn.is_working_day(d)), str(cn.get(d) or ""))
        d += timedelta(days=1)
    return out
