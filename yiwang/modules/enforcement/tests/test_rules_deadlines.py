"""Deadlines: ENF-14 delivery, ENF-15 execution, ENF-37 review, with the kernel calendar (CAL-04, CAL-06).

Tests that count working days use the real kernel calendar, whose local overrides live in the
database; those are marked `django_db`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from yiwang.modules.enforcement import rules
from yiwang.modules.enforcement.rules import DayBasis


@pytest.mark.django_db
def test_delivery_within_seven_working_days__ENF_14_cal04():
    d = rules.delivery_deadline(date(2026, 9, 28))
    assert d.due == date(2026, 10, 13)  # National Day holiday skipped, 10-10 worked (CAL-05)
    assert (d.rule, d.start, d.basis, d.days) == ("ENF-14", date(2026, 9, 28), DayBasis.WORKING_DAYS, 7)
    assert "第八十五条" in d.source
    assert (
        d.explain()
        == "自2026年9月28日起7个工作日，至2026年10月13日止（ENF-14，行政处罚法第六十一条、第八十五条）"
    )
    assert not d.is_overdue(date(2026, 10, 13)) and d.is_overdue(date(2026, 10, 14))
    assert d.is_overdue(date(2026, 10, 1), done_on=date(2026, 10, 14))


def test_delivery_on_the_spot_is_due_the_same_day__ENF_14_seed001_annex7():
    d = rules.delivery_deadline(date(2026, 5, 6), on_spot=True)
    assert d.due == d.start == date(2026, 5, 6)
    assert "当日" in d.explain()


def test_delivery_before_decision_is_refused__ENF_14():
    problems = rules.delivery_problems(date(2026, 3, 5), date(2026, 3, 1))
    assert [p.code for p in problems] == ["delivery_before_decision"]
    assert "2026年3月1日" in problems[0].message and "2026年3月5日" in problems[0].message
    assert rules.delivery_problems(date(2026, 3, 5), date(2026, 3, 5)) == []
    future = rules.delivery_problems(date(2026, 3, 5), date(2026, 3, 9), today=date(2026, 3, 6))
    assert [p.code for p in future] == ["delivery_in_future"]


@pytest.mark.django_db
def test_payment_within_fifteen_calendar_days__ENF_15_seed001_annex7():
    d = rules.payment_deadline(date(2026, 3, 2))
    assert (d.due, d.basis, d.days, d.rule) == (date(2026, 3, 17), DayBasis.CALENDAR_DAYS, 15, "ENF-15")
    # the 15th day is Sunday 2026-09-20, an adjusted working day (CAL-05): it stays
    assert rules.payment_deadline(date(2026, 9, 5)).due == date(2026, 9, 20)
    # last day on the National Day holiday moves to the next working day (民法典 art. 203)
    assert rules.payment_deadline(date(2026, 9, 16)).due == date(2026, 10, 8)
    assert rules.payment_deadline(date(2026, 3, 2), days=30).due == date(2026, 4, 1)


def test_late_surcharge_three_percent_a_day_capped_at_the_fine__ENF_15():
    fine = Decimal("10000")
    due = date(2026, 3, 17)
    assert rules.late_surcharge(fine, due, due) == Decimal("0.00")
    assert rules.late_surcharge(fine, due, date(2026, 3, 18)) == Decimal("300.00")
    assert rules.late_surcharge(fine, due, date(2026, 3, 27)) == Decimal("3000.00")
    assert rules.late_surcharge(fine, due, date(2026, 4, 19)) == Decimal("9900.00")
    assert rules.late_surcharge(fine, due, date(2026, 4, 20)) == fine  # 34 days would be 10,200
    assert rules.late_surcharge(Decimal("333.33"), due, date(2026, 3, 18)) == Decimal("10.00")


def test_court_application_deadline_is_delivery_plus_six_plus_three_months__ENF_15():
    d = rules.court_enforcement_deadline(date(2026, 3, 10))
    assert rules.remedy_limits_end(date(2026, 3, 10)) == date(2026, 9, 10)  # 行政诉讼法 art. 46
    assert d.start == date(2026, 9, 11)
    assert d.due == date(2026, 12, 10)
    assert d.alert_on == date(2026, 11, 10)
    assert (d.rule, d.months, d.basis) == ("ENF-15", 3, DayBasis.CALENDAR_DAYS)
    assert "第五十三条" in d.source and "第四十六条" in d.source
    assert not rules.court_application_window_open(date(2026, 3, 10), date(2026, 9, 10))
    assert rules.court_application_window_open(date(2026, 3, 10), date(2026, 9, 11))
    assert not rules.court_application_window_open(date(2026, 3, 10), date(2026, 12, 11))
    assert d.should_alert(date(2026, 11, 10)) and not d.should_alert(date(2026, 11, 9))


def test_month_arithmetic_ends_on_the_last_day_when_no_corresponding_day__ENF_15():
    assert rules.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert rules.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    d = rules.court_enforcement_deadline(date(2026, 8, 31), alert_days=10)
    assert d.due == date(2027, 5, 28) and d.alert_on == date(2027, 5, 18)


@pytest.mark.django_db
def test_review_time_limit_in_working_days_with_overdue_flag__ENF_37():
    d = rules.review_deadline(date(2026, 9, 28))
    # 29, 30 Sept, 8, 9 Oct and the adjusted working Saturday 10 Oct (CAL-05)
    assert (d.rule, d.due, d.basis, d.days) == ("ENF-37", date(2026, 10, 10), DayBasis.WORKING_DAYS, 5)
    assert not rules.is_overdue(d, date(2026, 10, 10))
    assert rules.is_overdue(d, date(2026, 10, 11))
    assert not rules.is_overdue(d, date(2026, 10, 20), done_on=date(2026, 10, 10))
    assert rules.review_deadline(date(2026, 3, 2), working_days=3).due == date(2026, 3, 5)


@pytest.mark.django_db
def test_hearing_request_within_five_working_days__ENF_10():
    d = rules.hearing_request_deadline(date(2026, 4, 30))
    assert d.due == date(2026, 5, 11)  # Labour Day holiday 1–5 May 2026, Saturday 9 May worked


@pytest.mark.django_db
def test_coercion_reminder_periods_count_working_days__ENF_15():
    assert rules.court_application_earliest(date(2026, 3, 2)) == date(2026, 3, 16)
    assert rules.substitute_earliest(date(2026, 3, 6)) == date(2026, 3, 11)
    s = rules.seizure_deadline(date(2026, 3, 2))
    assert s.due == date(2026, 4, 1) and rules.seizure_deadline(date(2026, 3, 2), extended=True).due == date(
        2026, 5, 1
    )


def test_a_calendar_can_be_passed_in__ENF_37():
    class EveryDayWorks:
        def add_working_days(self, start: date, n: int) -> date:
            return date.fromordinal(start.toordinal() + n)

        def is_working_day(self, d: date) -> bool:
            return True

    d = rules.review_deadline(date(2026, 10, 1), calendar=EveryDayWorks())
    assert d.due == date(2026, 10, 6)
