"""`get_for`: fetch one object the actor may see, or `NotFound` — missing and forbidden look alike."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from yiwang.kernel.errors import NotFound

M = TypeVar("M", bound=models.Model)


def get_for(queryset: models.QuerySet[M], *, actor: Any, permission: str, pk: Any) -> M:
    """The object with primary key `pk` if it exists *and* `actor` holds `permission` over it.

    Otherwise raise `NotFound` with the same message either way, so the API and the pages answer
    404 with identical bodies and nobody learns whether a record exists elsewhere.
    """
    scoped = getattr(queryset, "scoped_to", None)
    if scoped is None:
        raise TypeError(f"{queryset.model.__name__} has no scoped queryset")
    try:
        obj: M | None = scoped(actor, permission).filter(pk=pk).first()
    except (ValueError, TypeError):  # malformed id from a URL or a JSON body
        obj = None
    if obj is None:
        raise NotFound()
    return obj
