"""The pieces `ModuleContract` is built from catch what they should."""

from __future__ import annotations

import pytest

from yiwang.kernel.testing.contract import _TEMPLATE_HAZARDS, CODENAME, ModuleContract, mounted


@pytest.mark.parametrize(
    ("template", "hazard"),
    [
        ("{{ x|safe }}", "|safe"),
        ("{{ x | safe }}", "|safe"),
        ("{% autoescape off %}{{ x }}{% endautoescape %}", "autoescape off"),
        ("<script>alert(1)</script>", "inline <script>"),
        ("<style>p{}</style>", "<style> block"),
        ('<p style="color:red">', "style= attribute"),
        ('<a onclick="go()">', "on…= handler"),
    ],
)
def test_template_hazards_are_detected(template: str, hazard: str) -> None:
    assert _TEMPLATE_HAZARDS[hazard].search(template)


@pytest.mark.parametrize(
    "template",
    [
        "<script src=\"{% static 'ui/yiwang.js' %}\" defer></script>",
        "{{ x|safeguard }}",
        '<div class="onboarding" data-on="1">',
    ],
)
def test_harmless_templates_pass(template: str) -> None:
    assert not any(rx.search(template) for rx in _TEMPLATE_HAZARDS.values())


def test_codename_pattern() -> None:
    assert CODENAME.match("calendar.manage_override")
    assert CODENAME.match("people.view_enforcement_certificate")
    assert not CODENAME.match("calendar.manage")
    assert not CODENAME.match("Calendar.manage_override")


def test_mounted_finds_routes_with_namespaces() -> None:
    routes = {name: route for route, name, _ in mounted("yiwang.kernel.calendar.api.urls")}
    assert routes["calendar_api:add"] == "/api/calendar/add"
    assert routes["calendar_api:day"] == "/api/calendar/days/<str:day>"
    pages = {name for _, name, _ in mounted("yiwang.kernel.calendar.urls")}
    assert "calendar:index" in pages


def test_an_app_without_urls_has_no_routes() -> None:
    class Sample(ModuleContract):
        app_label = "sample"

    assert Sample.routes(api=False) == [] == Sample.routes(api=True)
    assert Sample.manifest().name == "sample"
