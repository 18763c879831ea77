"""ENF-113 in the browser: a certificate about to expire is flagged on the officer's and the supervisor's pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from yiwang.kernel.people.seeds import DEMO_ACCOUNTS

from .conftest import Visitor, log_in

pytestmark = pytest.mark.browser
ACCOUNTS = {a.username: a for a in DEMO_ACCOUNTS}


def test_officer_sees_the_expiry_warning_on_their_page__ENF_113(visitor: Visitor) -> None:
    officer = ACCOUNTS["lushan.jc2"]  # certificate expires in 20 days
    log_in(visitor, officer.username, officer.password)
    visitor.page.goto("/people/me/")
    warning = visitor.page.get_by_test_id("certificate-warning")
    expect(warning).to_have_count(1)
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(officer.certificates[0].number)
    expect(warning).to_contain_text("还剩20天")
    visitor.screenshot("certificate-warning-officer")
    visitor.watch.assert_clean()


def test_officer_with_a_valid_certificate_sees_no_warning__ENF_113(visitor: Visitor) -> None:
    officer = ACCOUNTS["lushan.jc1"]  # certificate valid for 700 more days
    log_in(visitor, officer.username, officer.password)
    visitor.page.goto("/people/me/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(officer.name)
    expect(visitor.page.get_by_test_id("certificate-warning")).to_have_count(0)
    visitor.watch.assert_clean()


def test_supervisor_sees_expiring_certificates_in_their_area__ENF_113(visitor: Visitor) -> None:
    supervisor = ACCOUNTS["hebei.sfj"]  # supervises the certificates of 天津市河北区
    expiring = ACCOUNTS["hebei.scjg"]  # certificate expires in 12 days
    log_in(visitor, supervisor.username, supervisor.password)
    visitor.page.goto("/people/certificates/")
    table = visitor.page.get_by_test_id("certificates")
    row = table.locator("tr", has_text=expiring.certificates[0].number)
    expect(row).to_be_visible()
    expect(row).to_have_attribute("data-level", "expiring")
    expect(row).to_contain_text(expiring.name)
    expect(row).to_contain_text("还剩12天")
    # Certificates of another county are not in this supervisor's area.
    expect(table).not_to_contain_text(ACCOUNTS["lushan.jc2"].certificates[0].number)
    visitor.screenshot("certificate-warning-supervisor")
    visitor.watch.assert_clean()


def test_supervisor_page_on_a_phone__ENF_113(phone: Visitor) -> None:
    supervisor = ACCOUNTS["hebei.sfj"]
    log_in(phone, supervisor.username, supervisor.password)
    phone.page.goto("/people/certificates/")
    expect(phone.page.get_by_test_id("certificates")).to_contain_text(
        ACCOUNTS["hebei.scjg"].certificates[0].number
    )
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("certificate-warning-supervisor-phone")
    phone.watch.assert_clean()
