"""`.scoped_to(actor, permission)`: the rows an actor may see, in one query.

A model's queryset mixes in `ScopedQuerySetMixin` and names the path of the organization that
owns each row (``scope_path_field``, default ``"organization__path"``). The filter is an OR of
``path LIKE 'prefix%'`` over the actor's grant prefixes for that permission: one indexed query,
no per-row checks.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q

from .checks import grants_of, known_permission


class ScopedQuerySetMixin:
    scope_path_field: ClassVar[str] = "organization__path"

    def scoped_to(self, actor: Any, permission: str) -> Self:
        known_permission(permission)
        qs: Any = self
        prefixes = grants_of(actor).prefixes(permission)
        if prefixes is None:
            return qs.all()
        if not prefixes:
            return qs.none()
        condition = Q()
        for prefix in prefixes:
            condition |= Q(**{f"{self.scope_path_field}__startswith": prefix})
        return qs.filter(condition)


class ScopedQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """A plain scoped queryset; use ``objects = ScopedQuerySet.as_manager()``."""
