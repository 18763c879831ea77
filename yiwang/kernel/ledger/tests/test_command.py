"""`manage.py ledger …` and automatic checkpoints."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction

from yiwang.kernel import ledger
from yiwang.kernel.ledger.autocheckpoint import _memo
from yiwang.kernel.ledger.models import LedgerCheckpoint, LedgerKey

pytestmark = pytest.mark.django_db


def command(*args: str) -> list[str]:
    out = StringIO()
    call_command("ledger", *args, stdout=out)
    return out.getvalue().splitlines()


def test_checkpoint_and_show_commands(make_entries: Callable[..., Any]) -> None:
    assert command("checkpoint") == ["台账为空，无需签署检查点"]
    make_entries(3)
    assert command("checkpoint")[0].startswith("checkpoint size=3 root=")
    shown = command("show")
    assert shown[0] == f"算法 {django_settings.YIWANG_LEDGER_HASH}；条目 3"
    assert len(shown) == 2 + 3
    detail = command("show", "--seq", "1")
    assert "action: ledger.test.recorded" in detail
    assert any(line.startswith("payload: ") and '"i":1' in line for line in detail)
    assert command("pubkey")[0] == "-----BEGIN PUBLIC KEY-----"
    assert LedgerKey.objects.count() == 1


def test_auto_checkpoint_after_commit_when_enough_entries_are_behind(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.YIWANG_LEDGER_AUTO_CHECKPOINT = True
    settings.YIWANG_LEDGER_CHECKPOINT_ENTRIES = 3
    settings.YIWANG_LEDGER_CHECKPOINT_SECONDS = 3600
    _memo.clear()
    sizes = []
    for i in range(7):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            ledger.record(actor=None, action="ledger.test.recorded", subject=f"s{i}")
        sizes.append(list(LedgerCheckpoint.objects.order_by("size").values_list("size", flat=True)))
    # the first entry is signed at once (no checkpoint yet), then every third
    assert sizes[-1] == [1, 4, 7]
    assert sizes[1] == [1]


def test_auto_checkpoint_can_be_switched_off(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.YIWANG_LEDGER_AUTO_CHECKPOINT = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        ledger.record(actor=None, action="ledger.test.recorded", subject="s")
    assert callbacks == []
    assert LedgerCheckpoint.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused_and_flush_still_empties_the_ledger(db: Any) -> None:
    """Outside `transaction.atomic` nothing is written; Django's flush (test teardown) passes the guard."""
    with pytest.raises(RuntimeError, match="transaction"):
        ledger.record(actor=None, action="ledger.test.recorded", subject="s")
    assert ledger.size() == 0
    with transaction.atomic():
        ledger.record(actor=None, action="ledger.test.recorded", subject="s")
    assert ledger.size() == 1
    call_command("flush", interactive=False, verbosity=0)
    assert ledger.size() == 0


def test_verify_fails_after_a_row_is_changed_directly_in_the_sqlite_file(tmp_path: Path) -> None:
    """The issue's done-when scenario, end to end: a real SQLite file, the real command, exit codes."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "YIWANG_LEDGER_SM2_KEY")}
    env.update(
        YIWANG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings.dev", YIWANG_LEDGER_HASH="sm3"
    )
    root = Path(django_settings.BASE_DIR)

    def manage(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "manage.py", *args] if code is None else [sys.executable, "-c", code]
        return subprocess.run(
            argv, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
        )

    assert manage("migrate", "--noinput").returncode == 0
    seed = (
        "import django; django.setup()\n"
        "from django.db import transaction\n"
        "from yiwang.kernel import ledger\n"
        "for i in range(25):\n"
        "    with transaction.atomic():\n"
        "        ledger.record(actor=None, action='ledger.demo.recorded', subject=f's{i}', data={'i': i})\n"
    )
    assert manage(code=seed).returncode == 0
    assert manage("ledger", "checkpoint").returncode == 0
    ok = manage("ledger", "verify")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1].startswith("OK size=25 root=")

    db = sqlite3.connect(tmp_path / "db.sqlite3")
    db.execute("DROP TRIGGER ledger_ledgerentry_no_update")
    db.execute("UPDATE ledger_ledgerentry SET action = 'ledger.demo.forged' WHERE seq = 17")
    db.commit()
    db.close()
    bad = manage("ledger", "verify")
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[-1].startswith("FAIL first bad entry seq=17:")
