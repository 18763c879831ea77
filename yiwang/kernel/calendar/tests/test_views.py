"""The 工作日历 staff pages and the read-only admin with its warnings (CAL-01…06)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.kernel.calendar import calendar_warnings, services
from yiwang.kernel.calendar.models import CalendarOverride, CalendarYear
from yiwang.kernel.testing import SCRIPT, SCRIPT_ESCAPED

from .samples import MISSING, SCHEDULE, SOURCE

pytestmark = pytest.mark.django_db

FORM = {
    "day": "2026-10-09",
    "is_working_day": "0",
    "reason": "国庆假期延长一天",
    "source_document": SOURCE["source_document"],
    "source_number": SOURCE["source_number"],
    "source_date": "2026-11-03",
}


@pytest.fixture
def web(person: Any, client_for: Callable[[Any], Client]) -> Client:
    return client_for(person)


@pytest.fixture
def keeper_web(keeper: Any, client_for: Callable[[Any], Client]) -> Client:
    return client_for(keeper)


def test_anonymous_is_sent_to_login(client: Client) -> None:
    r = client.get(reverse("calendar:index"))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("ui:login"))


def test_month_view_marks_holidays_and_adjusted_days__CAL_05(web: Client) -> None:
    r = web.get(reverse("calendar:index"), {"year": "2026"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "工作日历 · 2026年" in html
    assert 'class="day k-adjusted_workday" title="2026-10-10 国庆节调休上班" data-date="2026-10-10"' in html
    assert 'class="day k-holiday" title="2026-10-01 国庆节" data-date="2026-10-01"' in html
    assert 'class="day k-weekend" title="2026-10-11 周末" data-date="2026-10-11"' in html
    assert html.count('class="month"') == 12
    assert "录入单日调整" not in html  # no permission, no management links


def test_page_shows_the_administrators_warnings__CAL_02(web: Client) -> None:
    html = web.get(reverse("calendar:index")).content.decode()
    for warning in calendar_warnings():
        assert f'data-code="{warning.code}">{warning.message}</p>' in html


def test_a_year_without_data_says_so__CAL_02(web: Client) -> None:
    html = web.get(reverse("calendar:index"), {"year": str(MISSING)}).content.decode()
    assert f"{MISSING}年节假日安排尚未发布" in html
    assert 'class="month"' not in html


def test_deadline_partial_for_htmx__CAL_04(web: Client) -> None:
    params = {"rule_id": "CAL-04", "start": "2026-09-28", "amount": "7", "basis": "working_days"}
    r = web.get(reverse("calendar:deadline"), params, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200
    assert "<html" not in html
    assert 'data-due="2026-10-13"' in html
    assert "期限：2026年10月13日" in html


def test_deadline_page_without_scripts__CAL_04(web: Client) -> None:
    params = {"rule_id": "CAL-04", "start": "2026-09-28", "amount": "7", "basis": "working_days"}
    html = web.get(reverse("calendar:deadline"), params).content.decode()
    assert "<html" in html and 'data-due="2026-10-13"' in html


def test_deadline_error_is_shown_by_the_form__CAL_02(web: Client) -> None:
    params = {"rule_id": "CAL-04", "start": f"{MISSING - 1}-12-28", "amount": "10", "basis": "working_days"}
    html = web.get(reverse("calendar:deadline"), params, HTTP_HX_REQUEST="true").content.decode()
    assert 'role="alert"' in html
    assert f"{MISSING}年节假日安排尚未发布" in html


def test_deadline_in_calendar_days(web: Client) -> None:
    params = {"rule_id": "ENF-60", "start": "2026-09-28", "amount": "15", "basis": "calendar_days"}
    html = web.get(reverse("calendar:deadline"), params, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-due="2026-10-13"' in html


def test_override_form_needs_the_permission__CAL_03(web: Client) -> None:
    assert web.get(reverse("calendar:override-new")).status_code == 403
    assert web.post(reverse("calendar:override-new"), FORM).status_code == 403
    assert CalendarOverride.objects.count() == 0


def test_override_form_creates_and_withdraws__CAL_03(
    keeper_web: Client, ledger_size: Callable[[], int]
) -> None:
    before = ledger_size()
    assert keeper_web.get(reverse("calendar:override-new")).status_code == 200
    r = keeper_web.post(reverse("calendar:override-new"), FORM)
    assert r.status_code == 302
    override = CalendarOverride.objects.get()
    assert override.day == date(2026, 10, 9)
    assert ledger_size() == before + 1
    html = keeper_web.get(reverse("calendar:index"), {"year": "2026"}).content.decode()
    assert "国庆假期延长一天" in html
    assert 'class="day k-holiday o-override"' in html
    r = keeper_web.post(
        reverse("calendar:override-withdraw", kwargs={"pk": override.pk}), {"reason": "录入错误"}
    )
    assert r.status_code == 302
    override.refresh_from_db()
    assert override.withdrawn_at is not None


def test_override_form_shows_rule_errors_by_the_field__CAL_03(
    keeper_web: Client, ledger_size: Callable[[], int]
) -> None:
    before = ledger_size()
    r = keeper_web.post(reverse("calendar:override-new"), {**FORM, "source_date": "2099-01-01"})
    assert r.status_code == 200
    assert "依据文件的发布日期2099-01-01晚于今天" in r.content.decode()
    assert CalendarOverride.objects.count() == 0
    assert ledger_size() == before


def test_withdraw_without_permission_is_403(web: Client, keeper: Any) -> None:
    override = services.override_create(
        actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason="延长", **SOURCE
    )
    r = web.post(reverse("calendar:override-withdraw", kwargs={"pk": override.pk}), {"reason": "x"})
    assert r.status_code == 403
    override.refresh_from_db()
    assert override.withdrawn_at is None


def test_year_import_form__CAL_02(keeper_web: Client) -> None:
    data = {
        "year": str(MISSING),
        "schedule": SCHEDULE,
        **{k: v for k, v in FORM.items() if k.startswith("source")},
    }
    r = keeper_web.post(reverse("calendar:year-import"), data)
    assert r.status_code == 302
    assert CalendarYear.objects.filter(year=MISSING).exists()
    html = keeper_web.get(reverse("calendar:index"), {"year": str(MISSING)}).content.decode()
    assert html.count('class="month"') == 12


def test_year_import_form_names_the_bad_line__CAL_02(keeper_web: Client) -> None:
    data = {
        "year": str(MISSING),
        "schedule": f"{MISSING}-01-01 休 元旦\n{MISSING}-01-02 睡 元旦",
        **{k: v for k, v in FORM.items() if k.startswith("source")},
    }
    r = keeper_web.post(reverse("calendar:year-import"), data)
    assert r.status_code == 200
    assert "第2行第二项应为“休”或“班”" in r.content.decode()
    assert CalendarOverride.objects.count() == 0


def test_hostile_override_text_is_escaped(keeper: Any, keeper_web: Client) -> None:
    services.override_create(
        actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason=SCRIPT, **SOURCE
    )
    html = keeper_web.get(reverse("calendar:index"), {"year": "2026"}).content.decode()
    assert SCRIPT not in html
    assert SCRIPT_ESCAPED in html


def test_admin_changelist_shows_the_warnings__CAL_02(
    make_person: Callable[..., Any], client_for: Any
) -> None:
    admin = client_for(make_person(superuser=True))
    r = admin.get(reverse("admin:calendar_calendaroverride_changelist"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "录入或撤销请使用“工作日历”页面" in html
    for warning in calendar_warnings():
        assert warning.message in html
    assert admin.get(reverse("admin:calendar_calendaroverride_add")).status_code == 403
