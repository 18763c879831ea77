"""`manage.py workdays …`: working-day arithmetic from the command line (CAL-01…06).

    workdays add 2026-09-28 7          → 2026-10-13        (CAL-04)
    workdays between 2026-09-28 2026-10-13 → 7
    workdays check 2026-10-10          → 2026-10-10 工作日（调休上班：国庆节调休上班）
    workdays crosscheck 2026           → disagreements with the `holidays` package, exit 1 if any need a look
    workdays years                     → coverage of recent and coming years, with warnings

Bad input prints a Chinese message on stderr and exits with status 2; a year without data exits 1.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yiwang.kernel.errors import DomainError

from ... import rules, selectors, sources

# A year without data and a disagreement needing a look are findings (1); bad input is usage (2).
_EXIT_ONE = {"calendar_year_unavailable", "calendar_crosscheck_disagreement"}


class Command(BaseCommand):
    help = "工作日计算：add / between / check / crosscheck / years"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{add,between,check,crosscheck,years}"
        )
        add = sub.add_parser("add", help="起算日之后第 N 个工作日（起算日不计，CAL-04）")
        add.add_argument("start")
        add.add_argument("n")
        between = sub.add_parser("between", help="A 之后至 B（含）的工作日数；B 早于 A 时为负数")
        between.add_argument("a")
        between.add_argument("b")
        check = sub.add_parser("check", help="某日是否工作日")
        check.add_argument("day")
        cross = sub.add_parser("crosscheck", help="与 holidays 数据包逐日比对")
        cross.add_argument("year")
        sub.add_parser("years", help="各年度数据覆盖情况与提醒")

    def execute(self, *args: Any, **options: Any) -> str | None:
        """From the shell, a refused input is one plain Chinese line on stderr and a non-zero exit."""
        try:
            return super().execute(*args, **options)
        except DomainError as exc:
            code = 1 if exc.code in _EXIT_ONE else 2
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                self.stderr.write(exc.message)
                sys.exit(code)
            raise CommandError(exc.message, returncode=code) from exc

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            start = rules.parse_date_text(options["start"], "start")
            n = rules.parse_day_count(options["n"], "n")
            self.stdout.write(selectors.add_working_days(start, n).isoformat())
        elif action == "between":
            a = rules.parse_date_text(options["a"], "a")
            b = rules.parse_date_text(options["b"], "b")
            self.stdout.write(str(selectors.working_days_between(a, b)))
        elif action == "check":
            day = rules.parse_date_text(options["day"], "day")
            info = selectors.day_info(day)
            verdict = "工作日" if info.is_working else "非工作日"
            detail = info.kind.label + (f"：{info.name}" if info.name else "")
            self.stdout.write(f"{day.isoformat()} {verdict}（{detail}）")
        elif action == "crosscheck":
            self._crosscheck(options["year"])
        else:
            self._years()

    def _crosscheck(self, year_text: str) -> None:
        year = rules.parse_year(year_text)
        found = selectors.crosscheck(year)
        self.stdout.write(
            f"{year}年：{sources.PRIMARY_NAME} {sources.PRIMARY_VERSION}（含本地调整）与 "
            f"{sources.SECONDARY_NAME} {sources.SECONDARY_VERSION} 比对，不一致 {len(found)} 处"
        )
        for d in found:
            self.stdout.write("  " + d.message())
        unexpected = [d for d in found if not d.expected]
        if unexpected:
            raise DomainError(
                "calendar_crosscheck_disagreement", f"{len(unexpected)} 处不一致需要核对", "year"
            )

    def _years(self) -> None:
        for c in selectors.year_coverage():
            extra = f"，本地调整{c.override_count}条" if c.override_count else ""
            self.stdout.write(f"{c.year}年：{c.label}{extra}")
        for w in selectors.calendar_warnings():
            self.stdout.write(f"提醒：{w.message}")
