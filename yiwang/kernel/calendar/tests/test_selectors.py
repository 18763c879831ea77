"""Public calendar reads on the real store (packaged data + database): CAL-01…06, cache, warnings."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import isolate_apps

from yiwang.kernel.calendar import (
    DeadlineBasis,
    add_working_days,
    calendar_warnings,
    compute_deadline,
    crosscheck,
    is_working_day,
    recompute_deadline,
    services,
    upcoming_year_warnings,
    working_days_between,
    year_coverage,
)
from yiwang.kernel.calendar.models import DeadlineFields
from yiwang.kernel.calendar.rules import DayOrigin, YearSource
from yiwang.kernel.calendar.selectors import month_views
from yiwang.kernel.errors import DomainError

from .samples import MISSING, SOURCE

pytestmark = pytest.mark.django_db


def test_public_functions_follow_the_rules_page__CAL_04() -> None:
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)
    assert working_days_between(date(2026, 9, 28), date(2026, 10, 13)) == 7


@pytest.mark.parametrize(
    "day", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
)
def test_adjusted_working_days_of_2026__CAL_05(day: str) -> None:
    assert is_working_day(date.fromisoformat(day))


def test_datetimes_are_taken_as_their_date_and_wrong_types_refused() -> None:
    from datetime import datetime

    assert add_working_days(datetime(2026, 9, 28, 17, 30), 7) == date(2026, 10, 13)
    with pytest.raises(TypeError):
        add_working_days("2026-09-28", 7)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        add_working_days(date(2026, 9, 28), 7.0)  # type: ignore[arg-type]


# ---------------------------------------------------------------- CAL-06


def test_compute_deadline_keeps_rule_and_start__CAL_06() -> None:
    info = compute_deadline("CAL-04", date(2026, 9, 28), working_days=7)
    assert (info.rule_id, info.start, info.due, info.kind, info.amount) == (
        "CAL-04",
        date(2026, 9, 28),
        date(2026, 10, 13),
        DeadlineBasis.WORKING_DAYS,
        7,
    )
    text = info.explain()
    assert "依据CAL-04" in text and "2026年10月13日" in text and "国庆节10月1日至10月7日" in text
    assert "2026年依 chinesecalendar" in text


def test_compute_deadline_in_calendar_days__CAL_06() -> None:
    info = compute_deadline("ENF-60", date(2026, 9, 28), calendar_days=15)
    assert info.due == date(2026, 10, 13)
    assert info.kind is DeadlineBasis.CALENDAR_DAYS
    assert "15日（自然日）" in info.explain()
    # Calendar days need no holiday data, so a year without data is no obstacle.
    assert compute_deadline("ENF-60", date(MISSING, 3, 1), calendar_days=10).due == date(MISSING, 3, 11)


def test_compute_deadline_names_local_overrides_it_used__CAL_06(keeper: Any) -> None:
    services.override_create(
        actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason="国庆假期延长", **SOURCE
    )
    info = compute_deadline("CAL-04", date(2026, 9, 28), working_days=7)
    assert info.due == date(2026, 10, 14)
    assert "本地调整2026年10月9日休息（国庆假期延长）" in info.explain()


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"rule_id": "", "working_days": 7}, "invalid_rule_id", "rule_id"),
        ({"rule_id": "<script>", "working_days": 7}, "invalid_rule_id", "rule_id"),
        ({"rule_id": "CAL-04"}, "invalid_deadline_basis", "working_days"),
        (
            {"rule_id": "CAL-04", "working_days": 3, "calendar_days": 3},
            "invalid_deadline_basis",
            "working_days",
        ),
    ],
)
def test_compute_deadline_refuses_bad_input(kwargs: dict[str, Any], code: str, field: str) -> None:
    rule_id = kwargs.pop("rule_id")
    with pytest.raises(DomainError) as exc:
        compute_deadline(rule_id, date(2026, 9, 28), **kwargs)
    assert (exc.value.code, exc.value.field) == (code, field)


def test_deadline_into_a_year_without_data_is_refused__CAL_02() -> None:
    with pytest.raises(DomainError) as exc:
        compute_deadline("CAL-04", date(MISSING - 1, 12, 28), working_days=10)
    assert exc.value.code == "calendar_year_unavailable"
    assert exc.value.field == "working_days"
    assert f"{MISSING}年节假日安排尚未发布" in exc.value.message


@isolate_apps("yiwang.kernel.calendar")
def test_deadline_fields_store_and_recompute__CAL_06(keeper: Any) -> None:
    class ReplyDeadline(DeadlineFields):
        class Meta(DeadlineFields.Meta):
            app_label = "calendar"

    names = {f.name for f in ReplyDeadline._meta.get_fields()}
    assert {"due_date", "deadline_rule_id", "deadline_start", "deadline_basis", "deadline_amount"} <= names
    assert [c.name for c in ReplyDeadline._meta.constraints] == [
        "calendar_replydeadline_deadline_basis_valid"
    ]

    row = ReplyDeadline()
    assert row.set_deadline(compute_deadline("CAL-04", date(2026, 9, 28), working_days=7)) is True
    assert (
        row.due_date,
        row.deadline_rule_id,
        row.deadline_start,
        row.deadline_basis,
        row.deadline_amount,
    ) == (
        date(2026, 10, 13),
        "CAL-04",
        date(2026, 9, 28),
        "working_days",
        7,
    )
    assert row.set_deadline(recompute_deadline(row)) is False
    services.override_create(
        actor=keeper, day=date(2026, 10, 12), is_working_day=False, reason="停电", **SOURCE
    )
    assert row.set_deadline(recompute_deadline(row)) is True
    assert row.due_date == date(2026, 10, 14)
    assert "依据CAL-04" in recompute_deadline(row).explain()
    row.set_deadline(compute_deadline("ENF-60", date(2026, 9, 28), calendar_days=15))
    assert recompute_deadline(row).due == date(2026, 10, 13)


# ---------------------------------------------------------------- CAL-02 coverage and warnings


def test_year_coverage_reports_package_local_and_missing__CAL_02(missing_year_entered: Any) -> None:
    rows = {c.year: c for c in year_coverage(range(MISSING - 1, MISSING + 2))}
    assert rows[MISSING - 1].source is YearSource.PACKAGE
    assert rows[MISSING].source is YearSource.LOCAL and rows[MISSING].override_count == 33
    assert not rows[MISSING + 1].available
    assert "无数据" in rows[MISSING + 1].label


def test_warning_from_october_1_before_a_year_without_data__CAL_02() -> None:
    assert upcoming_year_warnings(date(MISSING - 1, 9, 30)) == []
    warnings = upcoming_year_warnings(date(MISSING - 1, 10, 1))
    assert [(w.year, w.code, w.level) for w in warnings] == [
        (MISSING, "calendar_next_year_missing", "warning")
    ]
    assert f"{MISSING}年节假日安排尚无数据" in warnings[0].message
    assert "还有92天" in warnings[0].message


def test_warning_is_an_error_once_the_year_has_begun__CAL_02() -> None:
    warnings = upcoming_year_warnings(date(MISSING, 1, 2))
    assert [(w.year, w.level) for w in warnings] == [(MISSING, "error")]


def test_declaring_the_year_silences_the_warning__CAL_02(missing_year_entered: Any) -> None:
    assert upcoming_year_warnings(date(MISSING - 1, 12, 1)) == []


def test_crosscheck_reports_disagreements_with_holidays__CAL_01() -> None:
    assert crosscheck(2026) == []
    found = crosscheck(2005)
    assert [d.day for d in found] == [date(2005, 12, 31)]
    assert not found[0].expected
    assert "2005-12-31：本系统为休息日" in found[0].message()


def test_crosscheck_marks_local_overrides_as_expected__CAL_03(keeper: Any) -> None:
    services.override_create(
        actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason="延长", **SOURCE
    )
    found = crosscheck(2026)
    assert [(d.day, d.expected, d.origin) for d in found] == [(date(2026, 10, 9), True, DayOrigin.OVERRIDE)]
    assert calendar_warnings(date(2026, 6, 1)) == []


def test_crosscheck_of_a_local_year_flags_days_missing_from_the_schedule__CAL_02(keeper: Any) -> None:
    services.calendar_year_import(actor=keeper, year=MISSING, schedule=f"{MISSING}-01-01 休 元旦", **SOURCE)
    warnings = [
        w
        for w in calendar_warnings(date(MISSING - 1, 11, 21))
        if w.code == "calendar_crosscheck_disagreement"
    ]
    assert [w.year for w in warnings] == [MISSING]
    assert "不一致" in warnings[0].message


def test_crosscheck_of_a_year_without_data_is_refused__CAL_02() -> None:
    with pytest.raises(DomainError) as exc:
        crosscheck(MISSING)
    assert exc.value.code == "calendar_year_unavailable"


def test_month_views_cover_the_year_monday_first__CAL_01() -> None:
    months = month_views(2026)
    assert [m.month for m in months] == list(range(1, 13))
    october = months[9]
    days = [d for week in october.weeks for d in week if d is not None]
    assert len(days) == 31
    assert october.weeks[0][:3] == [None, None, None]  # 2026-10-01 is a Thursday
    assert next(d for d in days if d.day == date(2026, 10, 10)).kind == "adjusted_workday"


# ---------------------------------------------------------------- cache


def test_a_warm_year_costs_one_query(django_assert_num_queries: Any) -> None:
    add_working_days(date(2026, 9, 28), 7)
    with django_assert_num_queries(1):  # the freshness stamp, checked on every call inside a transaction
        assert add_working_days(date(2026, 3, 2), 30) == date(2026, 4, 14)


def test_a_rolled_back_override_is_not_served_from_the_cache__CAL_03(keeper: Any) -> None:
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.override_create(
            actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason="试", **SOURCE
        )
        assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 14)
        raise RuntimeError("roll back")
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)


@pytest.mark.django_db(transaction=True)
def test_outside_transactions_the_cache_is_trusted_until_a_change__CAL_03(
    make_person: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    settings.YIWANG_CALENDAR_CACHE_SECONDS = 3600
    keeper = make_person("calendar.manage_override")
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)
    add_working_days(date(2026, 9, 28), 7)
    with django_assert_num_queries(0):
        assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)
    services.override_create(
        actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason="延长", **SOURCE
    )
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 14)
