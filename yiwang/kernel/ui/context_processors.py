"""Navigation built from the manifests, filtered by what the signed-in person may do."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from yiwang.kernel.modules.registry import all_nav


def _person(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def navigation(request: HttpRequest) -> dict[str, Any]:
    from yiwang.kernel.access.checks import has_permission_anywhere

    person = _person(request)
    items = []
    for item in all_nav():
        if not item.public and (
            person is None or (item.permission and not has_permission_anywhere(person, item.permission))
        ):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items, "current_person": person}
