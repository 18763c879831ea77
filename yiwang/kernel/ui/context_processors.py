"""Navigation built from the manifests, filtered by what the signed-in person may do."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from yiwang.kernel.modules.manifest import NavItem
from yiwang.kernel.modules.registry import all_nav


def _person(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def _visible(item: NavItem, user: Any, person: Any) -> bool:
    """Public entries for everyone; the rest for signed-in users holding the permission somewhere."""
    from yiwang.kernel.access.checks import has_permission_anywhere

    if item.public:
        return True
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or item.permission is None:
        return True
    return person is not None and has_permission_anywhere(person, item.permission)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    person = _person(request)
    items = []
    for item in all_nav():
        if not _visible(item, user, person):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = url != "/" and request.path.startswith(url)
        items.append({"label": gettext(item.label), "url": url, "active": active})
    return {"nav_items": items, "current_person": person}
