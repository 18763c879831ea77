"""台账 (ledger): append-only Merkle log of every state change, with proofs and signed checkpoints.

Rules: storage resists deletion and alteration, 防删改 (ENF-79); deleting, editing or faking records
is detected (ENF-80: `manage.py ledger verify`); retention clears content, never the fact that it
existed (ENF-78: payloads are deletable, entries and proofs stay). Design: docs/adr/0004-ledger.md.

Public interface for the rest of the platform::

    from yiwang.kernel.ledger import record, size
    record(actor=person, action="people.certificate.issued", subject=certificate, after={...})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import LedgerEntry


def record(
    *,
    actor: Any,
    action: str,
    subject: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> LedgerEntry:
    """Append a ledger entry in the current transaction (see :func:`.recording.record`)."""
    from .recording import record as _record

    return _record(actor=actor, action=action, subject=subject, before=before, after=after, data=data)


def size() -> int:
    """Number of entries in the ledger."""
    from .recording import size as _size

    return _size()


__all__ = ["record", "size"]
