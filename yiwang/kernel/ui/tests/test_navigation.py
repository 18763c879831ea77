"""Navigation comes from the manifests and shows only what the visitor may open."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from yiwang.kernel.modules.registry import all_nav
from yiwang.kernel.ui.context_processors import navigation

pytestmark = pytest.mark.django_db


def _reversible(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def test_anonymous_visitors_see_only_public_entries() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    items = navigation(request)["nav_items"]
    public = [i for i in all_nav() if i.public and _reversible(i.url_name)]
    assert [i["label"] for i in items] == [i.label for i in public]


def test_a_superuser_sees_every_entry_that_has_a_page() -> None:
    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser(username="root", password="x-long-password-1")
    items = navigation(request)["nav_items"]
    assert [i["label"] for i in items] == [i.label for i in all_nav() if _reversible(i.url_name)]


def test_signed_in_users_without_a_person_see_entries_that_need_no_permission() -> None:
    request = RequestFactory().get("/")
    request.user = User.objects.create_user(username="plain", password="x-long-password-1")
    items = navigation(request)["nav_items"]
    expected = [i for i in all_nav() if (i.public or i.permission is None) and _reversible(i.url_name)]
    assert [i["label"] for i in items] == [i.label for i in expected]


def test_the_current_section_is_marked() -> None:
    root = User.objects.create_superuser(username="root", password="x-long-password-1")
    entries = [i for i in all_nav() if _reversible(i.url_name) and reverse(i.url_name) != "/"]
    assert entries, "no manifest declares a navigation entry with a page"
    url = reverse(entries[0].url_name)
    request = RequestFactory().get(url + "sub/")
    request.user = root
    marked = [i["url"] for i in navigation(request)["nav_items"] if i["active"]]
    assert url in marked


def test_every_entry_has_an_english_label_when_english_is_chosen() -> None:
    from django.utils import translation

    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser(username="root", password="x-long-password-1")
    with translation.override("en"):
        english = [i["label"] for i in navigation(request)["nav_items"]]
    chinese = [i["label"] for i in navigation(request)["nav_items"]]
    assert chinese == [i.label for i in all_nav() if _reversible(i.url_name)]
    assert len(english) == len(chinese)
    assert all(e != c and e.isascii() for e, c in zip(english, chinese, strict=True)), english
