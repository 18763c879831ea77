"""`manage.py workdays …` (CAL-01…04): output, Chinese errors, exit codes."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from yiwang.kernel.calendar import calendar_warnings, services, sources

from .samples import MISSING, SOURCE

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def run_from_shell(capsys: Any, *args: str) -> tuple[int, str, str]:
    from yiwang.kernel.calendar.management.commands.workdays import Command

    with pytest.raises(SystemExit) as exc:
        Command().run_from_argv(["manage.py", "workdays", *args])
        raise SystemExit(0)
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out, captured.err


def test_add_prints_the_deadline__CAL_04() -> None:
    assert run("add", "2026-09-28", "7") == "2026-10-13\n"


def test_add_accepts_full_width_digits__CAL_04() -> None:
    assert run("add", "２０２６-０９-２８", "７") == "2026-10-13\n"


def test_between_prints_the_count__CAL_04() -> None:
    assert run("between", "2026-09-28", "2026-10-13") == "7\n"
    assert run("between", "2026-10-13", "2026-09-28") == "-7\n"


def test_check_names_the_kind_of_day__CAL_05() -> None:
    assert run("check", "2026-10-10") == "2026-10-10 工作日（调休上班：国庆节调休上班）\n"
    assert run("check", "2026-10-01") == "2026-10-01 非工作日（节假日：国庆节）\n"
    assert run("check", "2026-06-13") == "2026-06-13 非工作日（周末）\n"


def test_check_shows_a_local_override__CAL_03(keeper: Any) -> None:
    services.override_create(
        actor=keeper, day=date(2026, 10, 9), is_working_day=False, reason="延长假期", **SOURCE
    )
    assert run("check", "2026-10-09") == "2026-10-09 非工作日（节假日：延长假期）\n"


def test_bad_date_is_a_chinese_error_with_exit_code_2(capsys: Any) -> None:
    with pytest.raises(CommandError) as exc:
        run("add", "2026-13-01", "7")
    assert exc.value.returncode == 2
    assert "日期“2026-13-01”格式有误" in str(exc.value)
    code, out, err = run_from_shell(capsys, "add", "2026-13-01", "7")
    assert (code, out) == (2, "")
    assert err.strip() == "日期“2026-13-01”格式有误，应为“年-月-日”，例如 2026-09-28"
    assert "Traceback" not in err and "CommandError" not in err


def test_bad_count_is_refused(capsys: Any) -> None:
    code, _out, err = run_from_shell(capsys, "add", "2026-09-28", "七")
    assert code == 2
    assert "天数“七”应为整数" in err


def test_a_year_without_data_exits_1__CAL_02(capsys: Any) -> None:
    code, out, err = run_from_shell(capsys, "add", f"{MISSING - 1}-12-28", "7")
    assert (code, out) == (1, "")
    assert err.startswith(f"{MISSING}年节假日安排尚未发布")


def test_shell_success_exits_0(capsys: Any) -> None:
    code, out, err = run_from_shell(capsys, "add", "2026-09-28", "7")
    assert (code, out, err) == (0, "2026-10-13\n", "")


def test_crosscheck_agreeing_year__CAL_01() -> None:
    out = run("crosscheck", "2026")
    assert "2026年" in out and "不一致 0 处" in out


def test_crosscheck_disagreement_is_listed_and_fails__CAL_01(capsys: Any) -> None:
    code, out, err = run_from_shell(capsys, "crosscheck", "2005")
    assert code == 1
    assert "不一致 1 处" in out
    assert "2005-12-31：本系统为休息日（周末），holidays 为工作日" in out
    assert "1 处不一致需要核对" in err


def test_crosscheck_bad_year(capsys: Any) -> None:
    code, _out, err = run_from_shell(capsys, "crosscheck", "明年")
    assert code == 2
    assert "年度“明年”应为2000—2200之间的四位数字" in err


def test_years_lists_coverage_and_warnings__CAL_02() -> None:
    today = timezone.localdate()
    lines = run("years").splitlines()
    for year in range(today.year - 1, today.year + 3):
        line = next(x for x in lines if x.startswith(f"{year}年："))
        assert ("已发布（chinesecalendar" in line) == sources.package_covers(year)
        assert ("无数据" in line) == (not sources.package_covers(year))
    shown = [x for x in lines if x.startswith("提醒：")]
    assert shown == [f"提醒：{w.message}" for w in calendar_warnings()]
