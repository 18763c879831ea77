"""Make a checkpoint automatically after commit when the latest one is too old or too far behind.

Settings (defaults in brackets): ``YIWANG_LEDGER_CHECKPOINT_SECONDS`` [300] and
``YIWANG_LEDGER_CHECKPOINT_ENTRIES`` [1000]; ``YIWANG_LEDGER_AUTO_CHECKPOINT`` [True] turns it off.
The decision uses a per-process memo of the latest checkpoint, so a normal commit costs no query;
the task re-checks inside its own transaction, so duplicate enqueues are harmless.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)

# (checkpoint size, monotonic time when that checkpoint was seen/made)
_memo: dict[str, tuple[int, float]] = {}


def _limits() -> tuple[float, int]:
    return (
        float(getattr(settings, "YIWANG_LEDGER_CHECKPOINT_SECONDS", 300)),
        int(getattr(settings, "YIWANG_LEDGER_CHECKPOINT_ENTRIES", 1000)),
    )


def schedule_after_commit(seq: int) -> None:
    if not getattr(settings, "YIWANG_LEDGER_AUTO_CHECKPOINT", True):
        return
    transaction.on_commit(lambda: _maybe_enqueue(seq + 1))


def note_checkpoint(size: int, made_at: dt.datetime) -> None:
    """Remember the latest checkpoint (size, and when it was made on the monotonic clock)."""
    age = max(0.0, (timezone.now() - made_at).total_seconds())
    _memo["latest"] = (size, time.monotonic() - age)


def _is_due(size: int, cp_size: int, seen_at: float) -> bool:
    max_age, max_behind = _limits()
    if size <= cp_size:
        return False
    return size - cp_size >= max_behind or time.monotonic() - seen_at >= max_age


def _maybe_enqueue(size: int) -> None:
    memo = _memo.get("latest")
    if memo is not None and memo[0] <= size and not _is_due(size, *memo):
        return
    # Until the task reports back (it may run in another process), assume it will sign `size`, so
    # this process enqueues at most once per threshold instead of after every commit.
    _memo["latest"] = (size, time.monotonic())
    try:
        from .tasks import checkpoint_if_due

        checkpoint_if_due.enqueue()
    except Exception:  # the committed change must never fail because of a checkpoint
        log.exception("could not enqueue the ledger checkpoint task")


def is_due_now() -> bool:
    """Read the head and the latest checkpoint from the database and decide (refreshes the memo)."""
    from .models import LedgerCheckpoint, LedgerHead

    size = LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first() or 0
    latest = LedgerCheckpoint.objects.order_by("-size").values_list("size", "time").first()
    if latest is None:
        return size > 0
    note_checkpoint(*latest)
    return _is_due(size, *_memo["latest"])
