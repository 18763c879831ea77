"""Content-Security-Policy: nothing from outside, no inline script or style, on every kind of response.

Besides the header, the templates and static files are read: an inline ``<script>``, a ``style``
attribute or an outside URL would be blocked in the browser, so it must not be written at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/accounts/login/", "/api/docs/", "/api/docs/?script=", "/healthz", "/no-such-page/"]


def _policy(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_a_strict_policy(url: str) -> None:
    response = Client().get(url)
    assert response.status_code in (200, 404)
    policy = _policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    for sources in policy.values():
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources
        assert not [s for s in sources if s.startswith(("http:", "https:", "*"))], sources


@pytest.mark.django_db
def test_signed_in_pages_carry_the_policy_too() -> None:
    client = Client()
    client.force_login(User.objects.create_user(username="clerk", password="x-long-password-1"))
    policy = _policy(client.get("/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]


def _project_files(pattern: str) -> list[Path]:
    return [
        p
        for p in (ROOT / "yiwang").rglob(pattern)
        if "vendor" not in p.parts and "node_modules" not in p.parts
    ]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\-][\w:-]*)\s*=", re.IGNORECASE)
OUTSIDE_URL = re.compile(r"""(?:src|href|action|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
COMMENT = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}|<!--.*?-->", re.DOTALL)
JS_URL = re.compile(r"""href\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def test_templates_have_no_inline_script_style_handler_or_outside_url() -> None:
    templates = _project_files("*.html")
    assert len(templates) >= 5
    offenders = []
    for path in templates:
        text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"))
        for name, pattern in [
            ("inline <script>", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("inline event handler", INLINE_HANDLER),
            ("outside URL", OUTSIDE_URL),
            ("javascript: URL", JS_URL),
        ]:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {name}: {match.group(0).strip()}")
    assert offenders == [], "\n".join(offenders)


def test_static_css_and_js_load_nothing_from_outside() -> None:
    files = _project_files("*.css") + _project_files("*.js")
    assert files
    offenders = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(
            r"""(?:url\(\s*["']?|@import\s+["']|fetch\(\s*["'])\s*(?:https?:)?//""", text
        ):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == [], "\n".join(offenders)
