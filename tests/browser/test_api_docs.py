"""The API docs page renders Swagger UI from bundled assets, within the Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import RESULTS, Visitor

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_without_csp_violations_or_outside_requests(visitor: Visitor) -> None:
    page = visitor.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("一网 Yiwang API", timeout=20_000)
    expect(page.locator(".swagger-ui .opblock-tag").first).to_be_visible()
    operations = page.locator(".swagger-ui .opblock")
    assert operations.count() > 3
    # Open one operation: Swagger UI renders its parameters (more DOM, more chances for inline styles).
    operations.first.locator(".opblock-summary").click()
    expect(operations.first.locator(".opblock-body")).to_be_visible()
    visitor.page.screenshot(path=str(RESULTS / "api-docs.png"))
    assert any(url.endswith("/api/schema/") for url in requested), requested
    assert all(url.startswith(visitor.watch.base_url) for url in requested), requested
    visitor.watch.assert_clean()


def test_swagger_ui_is_usable_on_a_phone(phone: Visitor) -> None:
    phone.page.goto("/api/docs/")
    expect(phone.page.locator(".swagger-ui .info .title")).to_contain_text("一网 Yiwang API", timeout=20_000)
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 400
    phone.screenshot("api-docs-phone")
    phone.watch.assert_clean()
