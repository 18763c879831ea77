"""Local overrides and year declarations (CAL-02, CAL-03): permission, validation, ledger, events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from yiwang.kernel.calendar import add_working_days, is_working_day, services
from yiwang.kernel.calendar.events import CalendarChanged
from yiwang.kernel.calendar.models import CalendarOverride, CalendarYear
from yiwang.kernel.errors import DomainError, Forbidden, NotFound
from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.kernel.testing import HOSTILE

from .samples import MISSING, SCHEDULE, SOURCE

pytestmark = pytest.mark.django_db

EXTRA_DAY_OFF = {
    "day": date(2026, 10, 9),
    "is_working_day": False,
    "reason": "国庆假期延长一天",
    **SOURCE,
}


def _rows() -> tuple[int, int]:
    return CalendarOverride.objects.count(), CalendarYear.objects.count()


def test_override_wins_and_is_recorded_in_the_ledger__CAL_03(
    keeper: Any, ledger_size: Callable[[], int]
) -> None:
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)
    before = ledger_size()
    override = services.override_create(actor=keeper, **EXTRA_DAY_OFF)
    assert not is_working_day(date(2026, 10, 9))
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 14)
    assert ledger_size() == before + 1
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.action == "calendar.override.created"
    assert entry.subject_type == "calendar.calendaroverride"
    assert entry.subject_id == str(override.pk)
    assert entry.actor_name == keeper.name
    assert override.entered_by_person_id == keeper.pk
    assert (
        override.source_label
        == "国务院办公厅关于" + f"{MISSING}年部分节假日安排的通知（{SOURCE['source_number']}），2026-11-03"
    )


def test_withdrawing_an_override_restores_the_packaged_day__CAL_03(
    keeper: Any, ledger_size: Callable[[], int]
) -> None:
    override = services.override_create(actor=keeper, **EXTRA_DAY_OFF)
    before = ledger_size()
    services.override_withdraw(actor=keeper, override_id=override.pk, reason="录入错误")
    assert is_working_day(date(2026, 10, 9))
    assert add_working_days(date(2026, 9, 28), 7) == date(2026, 10, 13)
    override.refresh_from_db()
    assert override.withdrawn_at is not None
    assert override.withdraw_reason == "录入错误"
    assert ledger_size() == before + 1
    assert (
        LedgerEntry.objects.order_by("-seq").values_list("action", flat=True).first()
        == "calendar.override.withdrawn"
    )
    # The same day may be overridden again once the earlier one is withdrawn.
    services.override_create(actor=keeper, **EXTRA_DAY_OFF)
    assert CalendarOverride.objects.filter(day=date(2026, 10, 9)).count() == 2


def test_weekend_override_to_work_is_an_adjusted_working_day__CAL_03(keeper: Any) -> None:
    from yiwang.kernel.calendar import day_info

    services.override_create(
        actor=keeper, day=date(2026, 6, 13), is_working_day=True, reason="防汛值守", **SOURCE
    )
    info = day_info(date(2026, 6, 13))
    assert info.is_working
    assert info.kind == "adjusted_workday"
    assert info.name == "防汛值守"


def test_without_permission_nothing_is_written__CAL_03(
    make_person: Callable[..., Any], ledger_size: Callable[[], int]
) -> None:
    before = (_rows(), ledger_size())
    with pytest.raises(Forbidden):
        services.override_create(actor=make_person(), **EXTRA_DAY_OFF)
    with pytest.raises(Forbidden):
        services.override_create(actor=None, **EXTRA_DAY_OFF)
    assert (_rows(), ledger_size()) == before


def test_a_grant_scoped_to_one_bureau_does_not_cover_the_calendar__CAL_03(
    make_person: Callable[..., Any], org_tree: dict[str, Any], ledger_size: Callable[[], int]
) -> None:
    """The calendar is platform-wide: only a system-wide grant may change it."""
    clerk = make_person("calendar.manage_override", scope=org_tree["bureau"])
    before = (_rows(), ledger_size())
    with pytest.raises(Forbidden):
        services.override_create(actor=clerk, **EXTRA_DAY_OFF)
    assert (_rows(), ledger_size()) == before


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"reason": "  "}, "reason_required", "reason"),
        ({"reason": HOSTILE["long_chinese"]}, "reason_required", "reason"),
        ({"source_document": ""}, "source_required", "source_document"),
        ({"source_date": None}, "invalid_source_date", "source_date"),
        ({"source_date": timezone.localdate() + timedelta(days=1)}, "invalid_source_date", "source_date"),
        ({"day": date(1999, 12, 31)}, "invalid_date", "day"),
        ({"day": "2026-10-09"}, "invalid_date", "day"),
        ({"is_working_day": "yes"}, "invalid_override", "is_working_day"),
    ],
)
def test_bad_override_input_is_refused_before_writing__CAL_03(
    keeper: Any, ledger_size: Callable[[], int], change: dict[str, Any], code: str, field: str
) -> None:
    before = (_rows(), ledger_size())
    with pytest.raises(DomainError) as exc:
        services.override_create(actor=keeper, **{**EXTRA_DAY_OFF, **change})
    assert (exc.value.code, exc.value.field) == (code, field)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)
    assert (_rows(), ledger_size()) == before


def test_a_second_active_override_for_the_same_day_is_refused__CAL_03(
    keeper: Any, ledger_size: Callable[[], int]
) -> None:
    services.override_create(actor=keeper, **EXTRA_DAY_OFF)
    before = (_rows(), ledger_size())
    with pytest.raises(DomainError) as exc:
        services.override_create(actor=keeper, **{**EXTRA_DAY_OFF, "is_working_day": True})
    assert exc.value.code == "override_exists"
    assert "2026-10-09" in exc.value.message
    assert (_rows(), ledger_size()) == before


@pytest.mark.parametrize("kind", ["script", "emoji", "rtl", "sql", "fullwidth_digits", "combining"])
def test_hostile_text_is_stored_as_given(keeper: Any, kind: str) -> None:
    override = services.override_create(actor=keeper, **{**EXTRA_DAY_OFF, "reason": HOSTILE[kind]})
    override.refresh_from_db()
    assert override.reason == HOSTILE[kind].strip()


def test_withdraw_refusals(
    keeper: Any, make_person: Callable[..., Any], ledger_size: Callable[[], int]
) -> None:
    override = services.override_create(actor=keeper, **EXTRA_DAY_OFF)
    with pytest.raises(NotFound):
        services.override_withdraw(actor=keeper, override_id=override.pk + 1000, reason="x")
    with pytest.raises(Forbidden):
        services.override_withdraw(actor=make_person(), override_id=override.pk, reason="x")
    with pytest.raises(DomainError) as exc:
        services.override_withdraw(actor=keeper, override_id=override.pk, reason=" ")
    assert exc.value.code == "reason_required"
    services.override_withdraw(actor=keeper, override_id=override.pk, reason="录入错误")
    before = ledger_size()
    with pytest.raises(DomainError) as exc:
        services.override_withdraw(actor=keeper, override_id=override.pk, reason="再次撤销")
    assert exc.value.code == "override_already_withdrawn"
    assert ledger_size() == before


# ---------------------------------------------------------------- CAL-02: a year entered locally


def test_a_year_without_data_fails_until_declared__CAL_02(
    keeper: Any, ledger_size: Callable[[], int]
) -> None:
    last_day = date(MISSING - 1, 12, 31)
    with pytest.raises(DomainError) as exc:
        add_working_days(last_day, 1)
    assert exc.value.code == "calendar_year_unavailable"
    assert exc.value.message.startswith(f"{MISSING}年节假日安排尚未发布")

    before = ledger_size()
    declared = services.calendar_year_import(actor=keeper, year=MISSING, schedule=SCHEDULE, **SOURCE)
    overrides = CalendarOverride.objects.filter(day__year=MISSING).count()
    assert overrides == 33  # 3 + 8 + 1 + 1 + 3 + 1 + 5 + 1 + 1 + 1 + 7 + 1 days listed
    assert ledger_size() == before + overrides + 1
    assert declared.year == MISSING

    # Now computable: 01-01…01-03 are off, so the first working day is the next working weekday.
    first = add_working_days(last_day, 1)
    assert first.year == MISSING and first > date(MISSING, 1, 3) and first.weekday() < 5
    assert not is_working_day(date(MISSING, 10, 1))
    assert is_working_day(date(MISSING, 10, 9))
    assert is_working_day(date(MISSING, 2, 14))


def test_withdrawing_a_year_makes_it_unavailable_again__CAL_02(
    keeper: Any, missing_year_entered: Any
) -> None:
    assert is_working_day(date(MISSING, 10, 9))
    services.calendar_year_withdraw(
        actor=keeper, calendar_year_id=missing_year_entered.pk, reason="通知有更正"
    )
    with pytest.raises(DomainError) as exc:
        is_working_day(date(MISSING, 10, 9))
    assert exc.value.code == "calendar_year_unavailable"
    assert (
        LedgerEntry.objects.order_by("-seq").values_list("action", flat=True).first()
        == "calendar.year.withdrawn"
    )


@pytest.mark.parametrize(
    ("year", "schedule", "code"),
    [
        (2026, "2026-10-09 休 延长", "calendar_year_already_published"),
        (MISSING, f"{MISSING}-01-01 休 元旦\n{MISSING}-01-01 班 重复", "invalid_schedule_line"),
        (MISSING, f"{MISSING}-01-01 休 元旦\n{MISSING + 1}-01-01 休 元旦", "invalid_schedule_line"),
        (MISSING, "", "invalid_schedule_line"),
        (1999, "1999-01-01 休 元旦", "invalid_year"),
    ],
)
def test_a_bad_year_import_writes_nothing__CAL_02(
    keeper: Any, ledger_size: Callable[[], int], year: int, schedule: str, code: str
) -> None:
    before = (_rows(), ledger_size())
    with pytest.raises(DomainError) as exc:
        services.calendar_year_import(actor=keeper, year=year, schedule=schedule, **SOURCE)
    assert exc.value.code == code
    assert (_rows(), ledger_size()) == before


def test_an_import_clashing_with_an_existing_override_writes_nothing__CAL_02(
    keeper: Any, ledger_size: Callable[[], int]
) -> None:
    services.override_create(
        actor=keeper, day=date(MISSING, 2, 8), is_working_day=False, reason="春节", **SOURCE
    )
    before = (_rows(), ledger_size())
    with pytest.raises(DomainError) as exc:
        services.calendar_year_import(actor=keeper, year=MISSING, schedule=SCHEDULE, **SOURCE)
    assert exc.value.code == "override_exists"
    assert (_rows(), ledger_size()) == before


def test_declaring_needs_overrides_and_only_once__CAL_02(keeper: Any, ledger_size: Callable[[], int]) -> None:
    with pytest.raises(DomainError) as exc:
        services.calendar_year_declare(actor=keeper, year=MISSING, **SOURCE)
    assert exc.value.code == "calendar_year_without_overrides"
    services.override_create(
        actor=keeper, day=date(MISSING, 1, 1), is_working_day=False, reason="元旦", **SOURCE
    )
    services.calendar_year_declare(actor=keeper, year=MISSING, **SOURCE)
    before = (_rows(), ledger_size())
    with pytest.raises(DomainError) as exc:
        services.calendar_year_declare(actor=keeper, year=MISSING, **SOURCE)
    assert exc.value.code == "calendar_year_already_declared"
    assert (_rows(), ledger_size()) == before


def test_year_services_need_the_permission__CAL_02(make_person: Callable[..., Any]) -> None:
    with pytest.raises(Forbidden):
        services.calendar_year_import(actor=make_person(), year=MISSING, schedule=SCHEDULE, **SOURCE)
    assert _rows() == (0, 0)


def test_changes_announce_calendar_changed_after_commit__CAL_03(
    keeper: Any, event_log: Callable[[type], list[Any]], django_capture_on_commit_callbacks: Any
) -> None:
    received = event_log(CalendarChanged)
    with django_capture_on_commit_callbacks(execute=True):
        override = services.override_create(actor=keeper, **EXTRA_DAY_OFF)
        assert received == []  # not before commit
    assert received == [CalendarChanged(date(2026, 10, 9), date(2026, 10, 9), "override_created")]
    with django_capture_on_commit_callbacks(execute=True):
        services.override_withdraw(actor=keeper, override_id=override.pk, reason="撤销")
    assert received[-1].change == "override_withdrawn"
