"""Issue 3 "done when", in Chromium: a new user takes a penalty case of 鲁山县环境保护局 from filing
to archive through the pages — the officer (lushan.jc1) files and investigates, the head
(lushan.head) approves and decides, the legal reviewer (lushan.fazhi) reviews. On the way: the
expired certificate refused next to its field (ENF-113), the head's decision blocked for lack of a
legal review (ENF-35) and then passed, every standard document generated, each step on the
timeline with its ledger entry checked on the public /ledger/ page. No CSP or console errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect

from yiwang.kernel.people.seeds import DEMO_ACCOUNTS

from .conftest import DESKTOP, PHONE, Server, Visitor, Watch, _new_context, _watch_page, log_in

pytestmark = pytest.mark.browser
ACCOUNTS = {a.username: a for a in DEMO_ACCOUNTS}
COMPANY = "鲁山县琴台建材有限公司"
CREDIT_CODE = "91410423MA40K8XW5B"
DOCUMENTS = (
    "filing_approval",
    "inquiry_record",
    "inspection_record",
    "advance_notice",
    "review_opinion",
    "penalty_decision",
    "delivery_receipt",
)


class Desk:
    """One person at their own browser: signed in, working on the case."""

    def __init__(self, visitor: Visitor, username: str) -> None:
        self.v = visitor
        self.page = visitor.page
        self.name = ACCOUNTS[username].name
        log_in(visitor, username, ACCOUNTS[username].password)
        expect(self.page.get_by_test_id("who")).to_have_text(self.name)

    def shot(self, name: str) -> None:
        self.v.screenshot(f"enforcement-{name}")

    def open_case(self, url: str) -> None:
        self.page.goto(url)
        expect(self.page.get_by_test_id("case-title")).to_be_visible()

    def step(self, action: str) -> None:
        self.page.locator(f'[data-testid="next-steps"] a[data-action="{action}"]').click()
        expect(self.page.get_by_test_id("step-form")).to_be_visible()

    def record(self, slug: str) -> None:
        self.page.locator(f'[data-testid="next-steps"] a[data-step="{slug}"]').click()
        expect(self.page.get_by_test_id("step-form")).to_be_visible()

    def submit(self) -> None:
        self.page.get_by_test_id("step-form").locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def done(self, status: str) -> None:
        """The step applied: back on the case page with the new status."""
        form_error = self.page.get_by_test_id("form-error")
        if form_error.count():
            raise AssertionError(form_error.inner_text())
        expect(self.page.get_by_test_id("case-status")).to_have_attribute("data-status", status)

    def check(self, field: str, text: str, *, on: bool = True) -> None:
        box = self.page.locator(f'[data-field="{field}"] label', has_text=text).locator("input")
        box.check() if on else box.uncheck()


@pytest.fixture
def desks(browser: Browser, server: Server) -> Iterator[dict[str, Visitor]]:
    """Three desktop browsers (officer, head, reviewer), each with its own cookies and watch."""
    opened: dict[str, Visitor] = {}
    for who in ("officer", "head", "reviewer"):
        watch = Watch(base_url=server.url)
        context = _new_context(browser, server, watch, viewport=DESKTOP, locale="zh-CN")
        page = context.new_page()
        _watch_page(page, watch)
        opened[who] = Visitor(page=page, watch=watch, context=context)
    yield opened
    for visitor in opened.values():
        visitor.context.close()
    for visitor in opened.values():
        visitor.watch.assert_clean()


def _now() -> datetime:
    return datetime.now(ZoneInfo("Asia/Shanghai"))


def test_a_penalty_case_from_filing_to_archive_in_the_browser__ENF_10_ENF_35(
    desks: dict[str, Visitor], browser: Browser, server: Server
) -> None:
    officer = Desk(desks["officer"], "lushan.jc1")
    today = _now().strftime("%Y-%m-%d")
    midnight = _now().replace(hour=0, minute=0, second=0, microsecond=0)
    earlier = max(_now() - timedelta(minutes=40), midnight)  # records made today, before now
    page = officer.page

    # 1. The officer registers the case (ENF-10: it goes to the head for filing approval).
    page.goto("/enforcement/cases/")
    officer.shot("01-case-list")
    page.get_by_test_id("case-new").click()
    page.select_option("#id_unit", label="环境监察大队")
    page.fill("#id_title", "未采取措施控制粉尘排放案")
    page.select_option("#id_violation_type", label="未采取措施控制粉尘排放")
    page.select_option("#id_party_type", "organization")
    page.fill("#id_party_name", COMPANY)
    page.fill("#id_party_identifier", CREDIT_CODE)
    page.fill("#id_party_legal_representative", "陈志强")
    page.fill("#id_party_address", "鲁山县琴台街道建设路18号")
    page.fill("#id_place", "鲁山县琴台街道建设路18号厂区")
    page.fill("#id_summary", "石料破碎生产线未配套建设除尘设施，粉尘无组织排放。")
    officer.shot("02-case-new")
    page.get_by_test_id("submit").click()
    officer.done("filing_pending")
    case_url = page.url
    number = page.get_by_test_id("case-number").inner_text()
    assert re.fullmatch(r"鲁环罚〔\d{4}〕\d+号", number), number

    # 2. The head approves filing.
    head = Desk(desks["head"], "lushan.head")
    head.open_case(case_url)
    head.step("approve_filing")
    head.page.fill("#id_opinion", "同意立案，由环境监察大队调查。")
    head.submit()
    head.done("filed")

    # 3. The officer assigns officers: the expired certificate is refused next to the field (ENF-113).
    officer.open_case(case_url)
    officer.record("officers")
    officer.check("certificates", "周海涛")
    officer.check("certificates", "郑国强")
    officer.submit()
    error = page.locator('[data-for="certificates"]')
    expect(error).to_contain_text("郑国强")
    officer.shot("03-officers-expired-certificate")
    officer.check("certificates", "郑国强", on=False)
    officer.check("certificates", "吴晓东")
    officer.submit()
    officer.done("filed")
    officer.step("start_investigation")
    officer.submit()
    officer.done("investigating")

    # 4. Investigation records: on-site inspection, evidence, inquiry; then the report.
    officer.record("inspection")
    page.fill("#id_started_at", earlier.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ended_at", (earlier + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "鲁山县琴台街道建设路18号厂区")
    page.locator('[data-field="inspectors"] input[type=checkbox]').first.check()
    page.locator('[data-field="inspectors"] input[type=checkbox]').nth(1).check()
    page.fill("#id_recorder", "吴晓东")
    page.fill("#id_present_person", "刘洋")
    page.fill("#id_findings", "破碎、筛分工序未配套建设除尘设施，作业时粉尘无组织排放，厂区地面积尘明显。")
    officer.submit()
    officer.done("investigating")
    officer.record("evidence")
    page.select_option("#id_kind", "photo")
    page.fill("#id_title", "现场照片十二张")
    page.fill("#id_collected_on", today)
    officer.submit()
    officer.done("investigating")
    officer.record("inquiry")
    page.fill("#id_started_at", (earlier + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ended_at", (earlier + timedelta(minutes=35)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "鲁山县环境保护局询问室")
    page.locator('[data-field="inquirers"] input[type=checkbox]').first.check()
    page.locator('[data-field="inquirers"] input[type=checkbox]').nth(1).check()
    page.fill("#id_recorder", "吴晓东")
    page.fill("#id_interviewee_name", "陈志强")
    page.fill("#id_relation", "法定代表人")
    page.fill("#id_qas", "问：生产线是否配套建设了除尘设施？\n答：还没有建，正在联系厂家。")
    officer.submit()
    officer.done("investigating")
    officer.step("finish_investigation")
    page.fill("#id_report", "经调查，当事人未采取有效措施控制粉尘排放，事实清楚，证据确凿，建议罚款。")
    officer.submit()
    officer.done("investigation_finished")

    # 5. Draft decision (60,000 yuan on an organisation: in the review catalogue, ENF-30),
    #    case review, advance notice (ENF-13), the party waives statement and defence.
    officer.record("draft-decision")
    page.select_option("#id_kind", "fine")
    page.fill("#id_fine_amount", "60000")
    page.fill("#id_facts", "你单位石料破碎生产线未配套建设除尘设施，粉尘无组织排放。")
    page.fill("#id_other_measures", "责令立即改正违法行为")
    officer.submit()
    officer.done("investigation_finished")
    officer.step("submit_case_review")
    officer.submit()
    officer.done("case_review")
    officer.step("issue_notice")
    page.fill("#id_served_on", today)
    page.fill("#id_contact_person", "周海涛")
    page.fill("#id_contact_phone", "0375-5000000")
    officer.submit()
    officer.done("notified")
    officer.record("statement")
    page.select_option("#id_kind", "waiver")
    page.fill("#id_received_on", today)
    officer.submit()
    officer.done("notified")
    officer.step("close_statements")
    officer.submit()
    officer.done("rights_heard")

    # 6. The head tries to decide: blocked, no legal review (ENF-35); nothing changes.
    head.open_case(case_url)
    expect(head.page.get_by_test_id("review-block")).to_contain_text("不得作出决定")
    head.record("decide")
    expect(head.page.get_by_test_id("review-block")).to_be_visible()
    head.submit()
    refusal = head.page.get_by_test_id("form-error")
    expect(refusal).to_have_attribute("data-code", "review_required")
    expect(refusal).to_contain_text("重大执法决定未经法制审核，不得作出决定")
    expect(head.page.get_by_test_id("case-status")).to_have_attribute("data-status", "rights_heard")
    head.shot("04-decision-blocked-without-review")

    # 7. The officer submits for legal review with the materials (ENF-31).
    officer.open_case(case_url)
    officer.step("submit_review")
    for material in ("立案审批表", "现场检查（勘验）笔录", "照片等证据"):
        officer.check("materials", material)
    officer.submit()
    officer.done("legal_review")

    # 8. The reviewer answers the checklist point by point and passes (ENF-32, ENF-33).
    reviewer = Desk(desks["reviewer"], "lushan.fazhi")
    reviewer.page.goto("/enforcement/reviews/")
    row = reviewer.page.get_by_test_id("review-queue").locator("tr", has_text=number)
    expect(row).to_be_visible()
    reviewer.shot("05-review-queue")
    row.get_by_test_id("review-open").click()
    checklist = reviewer.page.get_by_test_id("checklist")
    expect(checklist.locator(".point")).to_have_count(9)
    reviewer.page.check('input[name="outcome"][value="passed"]')
    reviewer.page.fill(
        "#id_opinion", "主体合法，程序合法，事实清楚，证据充分，适用依据正确，裁量适当，同意作出处罚决定。"
    )
    reviewer.shot("06-review-checklist")
    reviewer.submit()
    reviewer.done("legal_review")
    expect(reviewer.page.get_by_test_id("current-review-status")).to_have_text("审核通过")

    # 9. The review cleared the decision: the officer moves on, the head decides.
    officer.open_case(case_url)
    officer.step("complete_review")
    officer.submit()
    officer.done("reviewed")
    officer.step("submit_decision")
    officer.submit()
    officer.done("decision_pending")
    head.page.goto("/enforcement/decisions/")
    decision_row = head.page.get_by_test_id("decision-queue").locator("tr", has_text=number)
    expect(decision_row).to_contain_text("审核通过")
    head.shot("07-decision-queue")
    decision_row.get_by_role("link", name="办理").click()
    expect(head.page.get_by_test_id("review-block")).to_have_count(0)
    head.submit()
    head.done("decided")
    chart = head.page.get_by_test_id("flow-chart")
    chart.locator("summary").click()
    expect(chart.locator('g.node.current[data-status="decided"]')).to_be_visible()
    head.shot("08a-flow-chart-current-status")

    # 10. Delivery with receipt (ENF-14), payment (ENF-15).
    officer.open_case(case_url)
    officer.step("deliver")
    page.fill("#id_delivered_on", today)
    page.select_option("#id_method", "direct")
    page.fill("#id_recipient", COMPANY)
    page.fill("#id_place", "鲁山县琴台街道建设路18号")
    page.locator('[data-field="officers"] input[type=checkbox]').first.check()
    page.fill("#id_receipt_signer", "陈志强")
    officer.submit()
    officer.done("delivered")
    officer.record("payment")
    page.fill("#id_amount", "60000")
    page.fill("#id_paid_on", today)
    page.fill("#id_receipt_number", "豫财缴 0012345")
    officer.submit()
    officer.done("executed")

    # 11. Every standard document, generated and listed with its digests and ledger entry.
    for kind in DOCUMENTS:
        page.get_by_test_id(f"generate-{kind}").click()
        page.wait_for_load_state()
        expect(page.locator(f'[data-testid="document-table"] tr[data-kind="{kind}"]')).to_have_count(1)
    expect(page.get_by_test_id("missing-documents")).to_have_count(0)
    with page.expect_download() as download:
        page.locator('[data-testid="document-table"] tr[data-kind="penalty_decision"]').get_by_test_id(
            "document-download"
        ).click()
    assert download.value.suggested_filename.endswith(".pdf")

    # 12. Close (approved by the head) and archive.
    officer.step("close")
    page.fill("#id_report", "罚款已全部缴纳，违法行为已改正，建议结案。")
    page.select_option("#id_approved_by", label=ACCOUNTS["lushan.head"].name)
    officer.submit()
    officer.done("closed")
    head.open_case(case_url)
    head.step("archive")
    head.page.fill("#id_archive_number", f"{_now().year}-永久-001")
    head.submit()
    head.done("archived")
    head.shot("08-case-archived")

    # 13. Each step is on the timeline with its ledger entry; the public page checks one.
    timeline = head.page.get_by_test_id("timeline")
    for label in (
        "登记案件",
        "负责人批准立案",
        "调查终结",
        "送达事先告知书",
        "法制审核：审核通过",
        "负责人批准作出决定",
        "送达",
        "结案",
        "归档",
    ):
        expect(timeline).to_contain_text(label)
    steps = timeline.locator("li")
    links = timeline.get_by_test_id("ledger-link")
    assert links.count() == steps.count() >= 25
    decided = timeline.locator('li[data-action="decide"]').get_by_test_id("ledger-link")
    decided_url = decided.get_attribute("href")
    last = links.last
    seq = last.inner_text().split("#")[1]
    last.click()
    head.page.wait_for_load_state()
    result = head.page.locator(".ledger-result")
    expect(result).to_contain_text(f"第 {seq} 号记录")
    expect(result).to_contain_text("enforcement.case.archived")
    head.shot("09-ledger-check")
    assert decided_url
    head.page.goto(decided_url)
    expect(head.page.locator(".ledger-result")).to_contain_text("enforcement.case.decided")

    # 14. The archived case on a phone: readable, nothing wider than the screen.
    watch = Watch(base_url=server.url)
    context = _new_context(
        browser,
        server,
        watch,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    phone_page = context.new_page()
    _watch_page(phone_page, watch)
    phone = Visitor(page=phone_page, watch=watch, context=context)
    Desk(phone, "lushan.jc1").open_case(case_url)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot("enforcement-10-case-phone")
    context.close()
    watch.assert_clean()
