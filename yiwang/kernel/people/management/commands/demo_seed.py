"""`manage.py demo_seed`: load the demo (idempotent) and print the demo accounts.

1. The kernel's own demo: built-in roles, the system administrator, the organization trees of the
   seed documents, people with accounts, positions, role assignments and certificates — all
   through the services, so every row is in the ledger.
2. Every installed module whose manifest names a ``demo_seed`` (a dotted path, imported with
   ``import_string`` so the kernel never imports a module statically), and every other part that
   has ``seeds.py`` with ``seed_demo()`` — called with ``actor=`` the system administrator when it
   accepts one, in INSTALLED_APPS order.
3. A ledger checkpoint, when the ledger offers ``checkpoint_create``.

Running it again creates nothing new.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from yiwang.kernel.people.seeds import ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_ACCOUNTS, seed_demo

_OWN = {"yiwang.kernel.people", "yiwang.kernel.organizations"}


def call_seeder(seeder: Any, admin: Any) -> Any:
    """Call a part's ``seed_demo``, passing ``actor=admin`` when it takes an actor."""
    kwargs = {"actor": admin} if "actor" in inspect.signature(seeder).parameters else {}
    return seeder(**kwargs)


def other_seeders() -> list[tuple[str, Any]]:
    found = []
    for config in apps.get_app_configs():
        if config.name in _OWN or not config.name.startswith("yiwang."):
            continue
        manifest = getattr(config, "manifest", None)
        dotted = getattr(manifest, "demo_seed", None)
        if dotted:
            found.append((str(config.verbose_name), import_string(dotted)))
            continue
        name = f"{config.name}.seeds"
        if importlib.util.find_spec(name) is None:
            continue
        seeder = getattr(importlib.import_module(name), "seed_demo", None)
        if callable(seeder):
            found.append((str(config.verbose_name), seeder))
    return found


def _checkpoint() -> Any:
    for name in ("yiwang.kernel.ledger", "yiwang.kernel.ledger.services"):
        if importlib.util.find_spec(name) is None:
            continue
        create = getattr(importlib.import_module(name), "checkpoint_create", None)
        if callable(create):
            return create()
    return None


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会重复创建），并列出演示账号和密码"

    def handle(self, *args: Any, **options: Any) -> None:
        from yiwang.kernel import ledger

        before = ledger.size()
        with transaction.atomic():
            report = seed_demo()
        for label, seeder in other_seeders():
            call_seeder(seeder, report.admin)
            self.stdout.write(f"已载入演示数据：{label}")
        written = ledger.size() - before
        checkpoint = _checkpoint()
        self.stdout.write(
            f"台账新增 {written} 条记录" + (f"，检查点 size={checkpoint.size}" if checkpoint else "")
        )
        self._print_accounts(report)

    def _print_accounts(self, report: Any) -> None:
        rows = [
            ("账号", "密码", "姓名", "说明"),
            (ADMIN_USERNAME, ADMIN_PASSWORD, report.admin.name, "系统管理员"),
        ]
        rows += [(a.username, a.password, a.name, a.duty) for a in DEMO_ACCOUNTS]
        widths = [max(_width(r[i]) for r in rows) for i in range(4)]
        self.stdout.write("")
        self.stdout.write("演示账号（仅供演示，切勿用于生产环境）：")
        for i, row in enumerate(rows):
            self.stdout.write("  ".join(_pad(cell, widths[n]) for n, cell in enumerate(row)).rstrip())
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
