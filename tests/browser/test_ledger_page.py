"""The public ledger page: anyone sees the signed checkpoints and can check an entry's hash."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import Server, Visitor

pytestmark = pytest.mark.browser
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def test_public_page_shows_signed_checkpoints(visitor: Visitor) -> None:
    page = visitor.page
    page.goto("/ledger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("台账核验")
    rows = page.locator("table.ledger-checkpoints tbody tr")
    expect(rows.first).to_be_visible()
    size = int(rows.first.get_attribute("data-size") or 0)
    assert size > 10  # the demo data wrote entries and demo_seed signed a checkpoint
    expect(rows.first.locator(".badge")).to_have_text("有效")
    assert HEX64.match(rows.first.locator("code.hash").inner_text().strip())
    visitor.screenshot("ledger-public")
    visitor.watch.assert_clean()


def test_anyone_can_check_an_entry_hash(visitor: Visitor) -> None:
    page = visitor.page
    page.goto("/ledger/")
    # Look an entry up by its number, read its leaf hash, then check that hash (as a citizen would).
    page.fill("#ledger-q", "3")
    page.get_by_role("button", name="核验").click()
    result = page.locator("#check-result .ledger-result")
    expect(result).to_be_visible()
    leaf_hash = result.locator("dt:text-is('叶哈希') + dd code").inner_text().strip()
    assert HEX64.match(leaf_hash)

    page.goto("/ledger/")  # a fresh page: the result below can only come from checking the hash
    expect(result).to_have_count(0)
    page.fill("#ledger-q", leaf_hash)
    page.get_by_role("button", name="核验").click()
    expect(result).to_have_attribute("data-verified", "yes")
    expect(result).to_contain_text("已核验")
    expect(result).to_contain_text(leaf_hash)
    visitor.screenshot("ledger-check-ok")

    page.fill("#ledger-q", "0" * 64)
    page.get_by_role("button", name="核验").click()
    expect(page.locator("#check-result [role=alert]")).to_be_visible()
    expect(page.locator("#check-result .ledger-result")).to_have_count(0)
    visitor.watch.assert_clean()


def test_checking_works_without_scripts(browser_without_js: Visitor, server: Server) -> None:
    page = browser_without_js.page
    page.goto("/ledger/?q=3")
    expect(page.locator("#check-result .ledger-result")).to_be_visible()
    browser_without_js.watch.assert_clean()


def test_ledger_page_on_a_phone(phone: Visitor) -> None:
    phone.page.goto("/ledger/")
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("台账核验")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("ledger-public-phone")
    phone.watch.assert_clean()
