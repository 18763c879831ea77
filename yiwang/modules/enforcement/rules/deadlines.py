"""Time limits of a case (ENF-14, ENF-15, ENF-37, ENF-113), each returned as a `Deadline` (CAL-06).

Which days count is the statute's choice, not ours:

- 行政处罚法 (2021) art. 85: its "二日、三日、五日、七日" are **working days**. So delivery within
  7 days (art. 61, ENF-14) and the hearing request within 5 days (art. 64) count working days.
  Its other periods (15 days to pay, art. 67) are calendar days.
- 行政强制法 art. 69: its periods of up to ten days are working days (催告 10 days, art. 54;
  代履行 3 days' notice, art. 51); longer ones (查封、扣押 30 days, art. 25) are calendar days.
- Periods counted in months end on the corresponding day of the last month, or its last day
  when there is none (民法典 art. 202). The start day is never counted (民法典 art. 201, CAL-04).
- A party's period whose last day is not a working day ends on the next working day (民法典
  art. 203); the agency's own deadlines are not extended, so its alerts err on the early side.

Working-day arithmetic comes from the kernel calendar (`yiwang.kernel.calendar`); callers may pass
another object with the same two functions (`WorkingCalendar`).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol

from .common import Problem, cn_date


class WorkingCalendar(Protocol):
    """What the rules need from a calendar; the kernel module `yiwang.kernel.calendar` is one."""

    def add_working_days(self, start: date, n: int) -> date: ...

    def is_working_day(self, d: date) -> bool: ...


def _cal(calendar: WorkingCalendar | None) -> WorkingCalendar:
    if calendar is not None:
        return calendar
    from yiwang.kernel import calendar as kernel_calendar

    return kernel_calendar


class DayBasis(StrEnum):
    """How a period counts (same values as the kernel calendar's DeadlineBasis)."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"

    @property
    def label(self) -> str:
        return "工作日" if self is DayBasis.WORKING_DAYS else "自然日"


@dataclass(frozen=True)
class Deadline:
    """A computed deadline that keeps what it was computed from (CAL-06)."""

    rule: str
    start: date
    due: date
    basis: DayBasis
    days: int = 0
    months: int = 0
    source: str = ""
    alert_on: date | None = None

    def is_overdue(self, on: date, done_on: date | None = None) -> bool:
        """Overdue when done after `due`, or not done and `on` is past `due`."""
        if done_on is not None:
            return done_on > self.due
        return on > self.due

    def days_left(self, on: date) -> int:
        return (self.due - on).days

    def should_alert(self, on: date) -> bool:
        return self.alert_on is not None and self.alert_on <= on <= self.due

    def explain(self) -> str:
        if self.months:
            span = f"{self.months}个月"
        elif self.days:
            span = (
                f"{self.days}个{self.basis.label}"
                if self.basis is DayBasis.WORKING_DAYS
                else f"{self.days}日"
            )
        else:
            span = "当日"
        text = f"自{cn_date(self.start)}起{span}，至{cn_date(self.due)}止（{self.rule}"
        return text + (f"，{self.source}）" if self.source else "）")


def add_months(d: date, months: int) -> date:
    """The corresponding day `months` later, or that month's last day (民法典 art. 202)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


def extend_to_working_day(d: date, calendar: WorkingCalendar | None = None) -> date:
    """民法典 art. 203: a period ending on a day off ends on the next working day."""
    cal = _cal(calendar)
    while not cal.is_working_day(d):
        d += timedelta(days=1)
    return d


# ---------------------------------------------------------------- ENF-14 delivery

DELIVERY_WORKING_DAYS = 7


def delivery_deadline(
    decided_on: date, *, on_spot: bool = False, calendar: WorkingCalendar | None = None
) -> Deadline:
    """ENF-14: hand over on the spot when the decision is announced there; otherwise within 7 days,
    which 行政处罚法 art. 85 makes working days."""
    if on_spot:
        return Deadline(
            "ENF-14",
            decided_on,
            decided_on,
            DayBasis.CALENDAR_DAYS,
            0,
            source="行政处罚法第六十一条（当场交付）",
        )
    due = _cal(calendar).add_working_days(decided_on, DELIVERY_WORKING_DAYS)
    return Deadline(
        "ENF-14",
        decided_on,
        due,
        DayBasis.WORKING_DAYS,
        DELIVERY_WORKING_DAYS,
        source="行政处罚法第六十一条、第八十五条",
    )


def delivery_problems(decided_on: date, delivered_on: date, *, today: date | None = None) -> list[Problem]:
    """ENF-14: a decision cannot be delivered before it is made, nor on a day still to come."""
    problems = []
    if delivered_on < decided_on:
        problems.append(
            Problem(
                "delivery_before_decision",
                f"送达日期{cn_date(delivered_on)}早于决定日期{cn_date(decided_on)}，不能在作出决定前送达",
                "delivered_on",
            )
        )
    if today is not None and delivered_on > today:
        problems.append(
            Problem(
                "delivery_in_future", f"送达日期{cn_date(delivered_on)}晚于今天，请据实填写", "delivered_on"
            )
        )
    return problems


# ---------------------------------------------------------------- ENF-15 execution


def payment_deadline(
    received_on: date, *, days: int = 15, calendar: WorkingCalendar | None = None
) -> Deadline:
    """ENF-15: the party pays within `days` (setting, default 15) calendar days of receiving the
    decision (行政处罚法 art. 67); a last day off moves to the next working day (民法典 art. 203)."""
    nominal = received_on + timedelta(days=days)
    due = extend_to_working_day(nominal, calendar)
    return Deadline("ENF-15", received_on, due, DayBasis.CALENDAR_DAYS, days, source="行政处罚法第六十七条")


SURCHARGE_RATE = Decimal("0.03")  # 3 % of the fine per day


def late_surcharge(fine: Decimal, due: date, on: date) -> Decimal:
    """ENF-15: 3 % of the fine for each day after `due` up to `on`, never more than the fine
    (行政处罚法 art. 72(1), 行政强制法 art. 45). Rounded to the fen."""
    days = (on - due).days
    if days <= 0 or fine <= 0:
        return Decimal("0.00")
    amount = min(fine * SURCHARGE_RATE * days, fine)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


ADMINISTRATIVE_REVIEW_DAYS = 60  # 行政复议法 (2023) art. 20
LITIGATION_MONTHS = 6  # 行政诉讼法 art. 46
COURT_APPLICATION_MONTHS = 3  # 行政强制法 art. 53


def remedy_limits_end(delivered_on: date) -> date:
    """The day the party's time to seek review (60 days) and to sue (6 months) has both run out,
    counted from delivery, when the party learns of the decision."""
    review_end = delivered_on + timedelta(days=ADMINISTRATIVE_REVIEW_DAYS)
    litigation_end = add_months(delivered_on, LITIGATION_MONTHS)
    return max(review_end, litigation_end)


def court_enforcement_deadline(delivered_on: date, *, alert_days: int = 30) -> Deadline:
    """ENF-15: last day to apply to the people's court for enforcement.

    When the party neither seeks review or litigation nor performs, an agency without its own
    enforcement power may apply "within three months from the expiry of the time limits"
    (行政强制法 art. 53). The longer limit is litigation, 6 months from knowing the decision
    (行政诉讼法 art. 46; review is 60 days, 行政复议法 art. 20), so:

        deadline = delivery + 6 months + 3 months   (month arithmetic per 民法典 art. 202)

    The window opens the day after the limits end (`start` is that day). `alert_on` is
    `alert_days` before the deadline (setting, default 30: enough for the reminder of art. 54,
    which must precede the application by 10 working days). The deadline is not extended for
    holidays: it is the agency's own, and the alert should rather come early.
    """
    limits_end = remedy_limits_end(delivered_on)
    due = add_months(limits_end, COURT_APPLICATION_MONTHS)
    return Deadline(
        "ENF-15",
        limits_end + timedelta(days=1),
        due,
        DayBasis.CALENDAR_DAYS,
        months=COURT_APPLICATION_MONTHS,
        source="行政强制法第五十三条；行政诉讼法第四十六条；行政复议法第二十条",
        alert_on=due - timedelta(days=alert_days),
    )


def court_application_window_open(delivered_on: date, on: date) -> bool:
    d = court_enforcement_deadline(delivered_on)
    return d.start <= on <= d.due


def court_application_earliest(reminder_delivered_on: date, calendar: WorkingCalendar | None = None) -> date:
    """行政强制法 art. 54: apply only when the reminder was delivered ten (working, art. 69) days ago."""
    return _cal(calendar).add_working_days(reminder_delivered_on, 10)


def substitute_earliest(reminder_on: date, calendar: WorkingCalendar | None = None) -> date:
    """行政强制法 art. 51(2): remind the party three (working, art. 69) days before substitute performance."""
    return _cal(calendar).add_working_days(reminder_on, 3)


def seizure_deadline(decided_on: date, *, extended: bool = False) -> Deadline:
    """行政强制法 art. 25: seizure or detention lasts at most 30 days, once extendable by 30 with
    the agency head's approval."""
    days = 60 if extended else 30
    return Deadline(
        "ENF-15",
        decided_on,
        decided_on + timedelta(days=days),
        DayBasis.CALENDAR_DAYS,
        days,
        source="行政强制法第二十五条",
    )


# ---------------------------------------------------------------- hearing, review, certificates


def hearing_request_deadline(notified_on: date, calendar: WorkingCalendar | None = None) -> Deadline:
    """ENF-10: the party asks for a hearing within 5 (working) days of the notice (行政处罚法 art. 64, 85)."""
    due = _cal(calendar).add_working_days(notified_on, 5)
    return Deadline(
        "ENF-10", notified_on, due, DayBasis.WORKING_DAYS, 5, source="行政处罚法第六十四条、第八十五条"
    )


def review_deadline(
    submitted_on: date, *, working_days: int = 5, calendar: WorkingCalendar | None = None
) -> Deadline:
    """ENF-37: the legal unit answers within `working_days` (setting, default 5) of the submission."""
    due = _cal(calendar).add_working_days(submitted_on, working_days)
    return Deadline(
        "ENF-37", submitted_on, due, DayBasis.WORKING_DAYS, working_days, source="本机关法制审核时限"
    )


def is_overdue(deadline: Deadline, on: date, done_on: date | None = None) -> bool:
    """ENF-37 (and every other deadline): overdue flag for lists and the supervisor's page."""
    return deadline.is_overdue(on, done_on)


def certificate_deadline(valid_from: date, valid_to: date, *, warn_days: int = 30) -> Deadline:
    """ENF-113: a certificate's expiry as a deadline, with the warning day."""
    return Deadline(
        "ENF-113",
        valid_from,
        valid_to,
        DayBasis.CALENDAR_DAYS,
        (valid_to - valid_from).days,
        source="执法证有效期",
        alert_on=valid_to - timedelta(days=warn_days),
    )
