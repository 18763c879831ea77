"""Pure working-day arithmetic on the packaged data (no database): rules CAL-01…06."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiwang.kernel.calendar import rules, sources
from yiwang.kernel.calendar.rules import (
    CalendarYearUnavailable,
    DayKind,
    DayOrigin,
    DeadlineBasis,
    DeadlineInfo,
    YearCalendar,
    YearSource,
)
from yiwang.kernel.errors import DomainError

_CACHE: dict[int, YearCalendar] = {}


def packaged(year: int) -> YearCalendar:
    """Packaged data only, as the store builds it when there are no overrides, as of
    chinesecalendar 1.11 (data up to 2026), so these tests keep their meaning after package updates."""
    if year > 2026 or not sources.package_covers(year):
        raise CalendarYearUnavailable(year)
    if year not in _CACHE:
        _CACHE[year] = rules.build_year(year, YearSource.PACKAGE, sources.package_special_days(year))
    return _CACHE[year]


def add(start: date, n: int) -> date:
    return rules.add_working_days(packaged, start, n)


def between(a: date, b: date) -> int:
    return rules.working_days_between(packaged, a, b)


# ---------------------------------------------------------------- CAL-04


def test_seven_working_days_after_sept_28__CAL_04() -> None:
    assert add(date(2026, 9, 28), 7) == date(2026, 10, 13)


def test_seven_working_days_between_sept_28_and_oct_13__CAL_04() -> None:
    assert between(date(2026, 9, 28), date(2026, 10, 13)) == 7


def test_start_day_itself_is_not_counted__CAL_04() -> None:
    # Monday 2026-06-08 + 1 working day is Tuesday, not Monday itself.
    assert add(date(2026, 6, 8), 1) == date(2026, 6, 9)
    # Friday + 1 working day is the next Monday.
    assert add(date(2026, 6, 12), 1) == date(2026, 6, 15)


def test_start_on_a_holiday_counts_from_the_next_working_day__CAL_04() -> None:
    # 2026-10-01 (National Day): the first working day after it is 2026-10-08.
    assert add(date(2026, 10, 1), 1) == date(2026, 10, 8)


def test_zero_working_days_is_the_start_day__CAL_04() -> None:
    assert add(date(2026, 10, 3), 0) == date(2026, 10, 3)


def test_negative_counts_backwards__CAL_04() -> None:
    assert add(date(2026, 10, 13), -7) == date(2026, 9, 28)
    assert add(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_between_is_zero_for_the_same_day_and_signed__CAL_04() -> None:
    assert between(date(2026, 10, 13), date(2026, 10, 13)) == 0
    assert between(date(2026, 10, 13), date(2026, 9, 28)) == -7
    # (a, b]: a holiday stretch contains no working day.
    assert between(date(2026, 9, 30), date(2026, 10, 7)) == 0


def test_counting_crosses_the_new_year__CAL_04() -> None:
    # 2025-12-31 (Wed) + 2: 2026-01-01 and 01-02 are holidays, 01-03 Sat, 01-04 Sun worked (CAL-05).
    assert add(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert add(date(2025, 12, 31), 2) == date(2026, 1, 5)
    assert between(date(2025, 12, 31), date(2026, 1, 5)) == 2
    assert add(date(2026, 1, 5), -2) == date(2025, 12, 31)


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31)),
    n=st.integers(min_value=-400, max_value=400),
)
def test_between_inverts_add__CAL_04(start: date, n: int) -> None:
    try:
        due = add(start, n)
    except CalendarYearUnavailable as exc:
        assert exc.year in (2003, 2027)  # before and after chinesecalendar's data
        return
    assert between(start, due) == n
    if n != 0:
        assert packaged(due.year).is_working(due)


def test_between_agrees_with_chinesecalendar_day_by_day__CAL_04() -> None:
    import chinese_calendar

    a, b = date(2025, 12, 31), date(2026, 12, 31)
    theirs = chinese_calendar.get_workdays(a + timedelta(days=1), b)
    assert between(a, b) == len(theirs) == 248


# ---------------------------------------------------------------- CAL-01, CAL-05

ADJUSTED_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]


@pytest.mark.parametrize("day", ADJUSTED_2026)
def test_2026_adjusted_weekend_days_are_working_days__CAL_05(day: str) -> None:
    d = date.fromisoformat(day)
    assert d.weekday() >= 5
    cal = packaged(2026)
    assert cal.is_working(d)
    assert cal.info(d).kind is DayKind.ADJUSTED_WORKDAY


def test_2026_has_exactly_the_six_adjusted_days__CAL_05() -> None:
    cal = packaged(2026)
    found = sorted(d.isoformat() for d, i in cal.special.items() if i.kind is DayKind.ADJUSTED_WORKDAY)
    assert found == ADJUSTED_2026


def test_weekday_holiday_is_not_a_working_day__CAL_01() -> None:
    info = packaged(2026).info(date(2026, 10, 1))  # Thursday
    assert info.kind is DayKind.HOLIDAY
    assert info.name == "国庆节"
    assert info.origin is DayOrigin.PACKAGE
    assert not info.is_working


def test_plain_weekend_and_weekday__CAL_01() -> None:
    cal = packaged(2026)
    assert cal.info(date(2026, 6, 13)).kind is DayKind.WEEKEND
    assert cal.info(date(2026, 6, 15)).kind is DayKind.WORKDAY
    assert not cal.is_working(date(2026, 6, 13))
    assert cal.is_working(date(2026, 6, 15))


# ---------------------------------------------------------------- CAL-02, CAL-03


def test_a_year_without_data_is_refused_not_guessed__CAL_02() -> None:
    with pytest.raises(DomainError) as exc:
        add(date(2027, 3, 1), 1)
    assert exc.value.code == "calendar_year_unavailable"
    assert exc.value.message.startswith("2027年节假日安排尚未发布")
    assert exc.value.details == {"year": 2027}


def test_a_count_reaching_into_a_year_without_data_is_refused__CAL_02() -> None:
    assert add(date(2026, 12, 28), 3) == date(2026, 12, 31)
    with pytest.raises(CalendarYearUnavailable) as exc:
        add(date(2026, 12, 28), 4)
    assert exc.value.year == 2027
    with pytest.raises(CalendarYearUnavailable):
        between(date(2026, 12, 30), date(2027, 1, 4))
    # Only the interval's own years matter: (2026-12-31, 2026-12-31] needs no 2027 data.
    assert between(date(2026, 12, 31), date(2026, 12, 31)) == 0


def test_overrides_win_over_packaged_data__CAL_03() -> None:
    base = sources.package_special_days(2026)
    cal = rules.build_year(
        2026,
        YearSource.PACKAGE,
        base,
        [(date(2026, 10, 9), False, "延长假期"), (date(2026, 10, 4), True, "抢险值班")],
    )
    assert not cal.is_working(date(2026, 10, 9))
    assert cal.info(date(2026, 10, 9)).origin is DayOrigin.OVERRIDE
    assert cal.info(date(2026, 10, 4)).kind is DayKind.ADJUSTED_WORKDAY
    assert cal.override_count == 2
    lookup = {2026: cal}.__getitem__
    # 9/29, 9/30, 10/4 (worked Sunday), 10/8, 10/10, 10/12, 10/13; 10/9 is now off.
    assert rules.add_working_days(lookup, date(2026, 9, 28), 7) == date(2026, 10, 13)
    assert rules.add_working_days(lookup, date(2026, 9, 28), 3) == date(2026, 10, 4)
    only_off = rules.build_year(2026, YearSource.PACKAGE, base, [(date(2026, 10, 9), False, "延长假期")])
    assert rules.add_working_days({2026: only_off}.__getitem__, date(2026, 9, 28), 7) == date(2026, 10, 14)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 30), []),
        (date(2026, 10, 1), [2027]),
        (date(2026, 12, 31), [2027]),
        (date(2027, 1, 2), [2027]),
        (date(2027, 10, 1), [2027, 2028]),
        (date(2027, 3, 1), [2027]),
    ],
)
def test_administrators_are_warned_from_october_1__CAL_02(today: date, expected: list[int]) -> None:
    assert rules.warning_years(today, lambda year: year <= 2026) == expected


# ---------------------------------------------------------------- CAL-06


def test_deadline_explains_itself_with_rule_and_start__CAL_06() -> None:
    start, due = date(2026, 9, 28), date(2026, 10, 13)
    skipped = tuple(rules.non_working_days(packaged, start, due))
    info = DeadlineInfo(
        "ENF-113", start, due, DeadlineBasis.WORKING_DAYS, 7, skipped, ("2026年依 chinesecalendar",)
    )
    text = info.explain()
    assert text.startswith(
        "依据ENF-113：自2026年9月28日（当日不计）起算7个工作日，期限为2026年10月13日（星期二）。"
    )
    assert "国庆节10月1日至10月7日" in text
    assert "周末10月11日" in text
    assert "共8天" in text
    assert info.as_dict()["due"] == "2026-10-13"
    assert info.as_dict()["rule_id"] == "ENF-113"


def test_describe_days_groups_consecutive_labels__CAL_06() -> None:
    days = rules.non_working_days(packaged, date(2026, 2, 13), date(2026, 3, 2))
    # 2-28 (Saturday) is an adjusted working day (CAL-05), so it is not listed.
    assert rules.describe_days(days) == "春节2月15日至2月23日、周末3月1日"


# ---------------------------------------------------------------- input parsing


def test_dates_accept_full_width_digits() -> None:
    assert rules.parse_date_text("２０２６-０９-２８") == date(2026, 9, 28)
    assert rules.parse_date_text(" 2026-09-28 ") == date(2026, 9, 28)


@pytest.mark.parametrize(
    "text", ["2026-13-01", "2026/09/28", "20260928", "", "<script>alert(1)</script>", "明天"]
)
def test_bad_dates_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(DomainError) as exc:
        rules.parse_date_text(text, "start")
    assert exc.value.code == "invalid_date"
    assert exc.value.field == "start"
    assert "格式有误" in exc.value.message


@pytest.mark.parametrize("text", ["7.5", "七", "", "99999"])
def test_bad_day_counts_are_refused(text: str) -> None:
    with pytest.raises(DomainError) as exc:
        rules.parse_day_count(text, "n")
    assert exc.value.code == "invalid_day_count"


def test_years_are_four_digits() -> None:
    assert rules.parse_year("２０２７") == 2027
    for bad in ("27", "明年", "1999", "20270"):
        with pytest.raises(DomainError) as exc:
            rules.parse_year(bad)
        assert exc.value.code == "invalid_year"


def test_day_count_accepts_full_width_and_negative() -> None:
    assert rules.parse_day_count("７") == 7
    assert rules.parse_day_count("-3") == -3


def test_schedule_lines_expand_ranges__CAL_02() -> None:
    text = """
    # 2027年安排
    2027-01-01 休 元旦
    2027-02-06至2027-02-08 休 春节
    ２０２７-０２-２０ 班 春节调休
    """
    entries = rules.parse_schedule_lines(text, 2027)
    assert entries == [
        (date(2027, 1, 1), False, "元旦"),
        (date(2027, 2, 6), False, "春节"),
        (date(2027, 2, 7), False, "春节"),
        (date(2027, 2, 8), False, "春节"),
        (date(2027, 2, 20), True, "春节调休"),
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2027-01-01 休", "第1行应为"),
        ("2027-01-01 睡 元旦", "第二项应为"),
        ("2026-12-31 休 元旦", "不属于2027年"),
        ("2027-01-01 休 元旦\n2027-01-01 班 调休", "第2行的2027-01-01重复出现"),
        ("2027-02-10至2027-02-01 休 春节", "日期范围有误"),
        ("2027-02-30 休 春节", "第1行：日期"),
        ("\n# 只有注释\n", "未填写任何日期"),
    ],
)
def test_bad_schedule_lines_name_the_line(text: str, fragment: str) -> None:
    with pytest.raises(DomainError) as exc:
        rules.parse_schedule_lines(text, 2027)
    assert exc.value.code == "invalid_schedule_line"
    assert fragment in exc.value.message


def test_packaged_years_and_crosscheck_source_agree_on_2026__CAL_01() -> None:
    assert 2026 in sources.package_years()
    theirs = sources.secondary_year(2026)
    ours = packaged(2026)
    assert [d for d, s in theirs.items() if s.working != ours.is_working(d)] == []
