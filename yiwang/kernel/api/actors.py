"""Who is acting: the `Person` behind a request's user, or None (anonymous or no person linked)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest


def actor_of(request: HttpRequest | Any) -> Any:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person
    except (AttributeError, ObjectDoesNotExist):
        return None
