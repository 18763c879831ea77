"""Helpers for pages: who is acting, and how refusals become HTTP answers.

`staff_page` wraps a view: it needs a signed-in user, turns `NotFound` into the site's 404 page
and `Forbidden` into its 403 page — the same answers whether an object is missing or outside the
actor's scope.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from yiwang.kernel.errors import Forbidden, NotFound


def actor_of(request: HttpRequest | Any) -> Any:
    """The `Person` behind the request's user, or None (anonymous, or an account without a person)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person
    except (AttributeError, ObjectDoesNotExist):
        return None


def staff_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc

    return login_required(wrapped)
