"""Permission checks. (Filled in by the access work: can / require / has_permission_anywhere.)"""

from __future__ import annotations

from typing import Any


def has_permission_anywhere(actor: Any, permission: str) -> bool:
    return bool(actor is not None and getattr(getattr(actor, "user", None), "is_superuser", False))
