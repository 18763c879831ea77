"""Background entry points of the ledger (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .autocheckpoint import is_due_now
from .services import checkpoint_create


@task()
def checkpoint_if_due() -> int | None:
    """Make a checkpoint if the latest one is older or further behind than the settings allow.

    Returns the size of the checkpoint made, or None when none was due.
    """
    if not is_due_now():
        return None
    checkpoint = checkpoint_create(actor=None)
    return checkpoint.size if checkpoint is not None else None
