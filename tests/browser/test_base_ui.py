"""The base UI in Chromium: sign in with a demo account, navigate, switch language, sign out, on a phone too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from yiwang.kernel.people.seeds import ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_ACCOUNTS

from .conftest import Visitor, log_in

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390
OFFICER = next(a for a in DEMO_ACCOUNTS if a.username == "lushan.jc2")


def test_home_page_is_chinese_and_clean(visitor: Visitor) -> None:
    page = visitor.page
    page.goto("/")
    expect(page).to_have_title(re.compile("一网政务平台"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("heading", level=1)).to_have_text("一网政务平台")
    expect(page.get_by_test_id("login")).to_have_text("登录")
    visitor.screenshot("home-desktop")
    visitor.watch.assert_clean()


def test_sign_in_see_navigation_switch_language_and_sign_out(visitor: Visitor) -> None:
    page = visitor.page
    log_in(visitor, OFFICER.username, OFFICER.password)
    expect(page).to_have_url(f"{visitor.watch.base_url}/")
    expect(page.get_by_test_id("who")).to_have_text(OFFICER.name)
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name="我的", exact=True)).to_be_visible()
    visitor.screenshot("signed-in-desktop")

    page.get_by_test_id("language").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("logout")).to_have_text("Sign out")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    visitor.screenshot("signed-in-english")

    page.get_by_test_id("language").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_test_id("logout")).to_have_text("退出")

    page.get_by_test_id("logout").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("login")).to_be_visible()
    expect(page.get_by_test_id("who")).to_have_count(0)
    visitor.watch.assert_clean()


def test_a_wrong_password_is_explained_in_chinese(visitor: Visitor) -> None:
    log_in(visitor, "lushan.jc1", "not-the-password")
    expect(visitor.page.get_by_test_id("login-error")).to_contain_text("请输入一个正确的")
    visitor.watch.assert_clean()


def test_the_administrator_sees_the_whole_navigation(visitor: Visitor) -> None:
    log_in(visitor, ADMIN_USERNAME, ADMIN_PASSWORD)
    links = visitor.page.get_by_role("navigation", name="主导航").get_by_role("link")
    labels = links.all_inner_texts()
    assert {"我的", "人员", "执法证"} <= set(labels), labels
    visitor.screenshot("administrator-home")
    nav = visitor.page.get_by_role("navigation", name="主导航")
    for label in labels:
        nav.get_by_role("link", name=label, exact=True).click()
        visitor.page.wait_for_load_state()
        assert visitor.page.locator("main h1").count() >= 1, f"{label}: no heading"
    visitor.watch.assert_clean()


def test_an_english_browser_gets_chinese_until_it_chooses(english_browser: Visitor) -> None:
    english_browser.page.goto("/")
    expect(english_browser.page.locator("html")).to_have_attribute("lang", "zh-CN")
    english_browser.watch.assert_clean()


def test_phone_layout_menu_and_sign_in(phone: Visitor) -> None:
    page = phone.page
    page.goto("/accounts/login/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("login-phone")
    log_in(phone, OFFICER.username, OFFICER.password)
    toggle = page.get_by_role("button", name="菜单")
    nav = page.get_by_role("navigation", name="主导航")
    expect(toggle).to_be_visible()
    expect(nav).to_be_hidden()
    toggle.click()
    expect(nav).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="我的", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("menu-phone")
    nav.get_by_role("link", name="我的", exact=True).click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("me-phone")
    phone.watch.assert_clean()


def test_every_section_fits_a_phone_screen(phone: Visitor) -> None:
    """No page is wider than the phone: wide tables scroll inside their own box."""
    page = phone.page
    log_in(phone, ADMIN_USERNAME, ADMIN_PASSWORD)
    urls = page.locator("#site-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(urls) >= 5, urls
    too_wide = {}
    for url in urls:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[url] = width
        phone.screenshot("phone" + url.rstrip("/").replace("/", "-"))
    assert too_wide == {}, too_wide
    phone.watch.assert_clean()
