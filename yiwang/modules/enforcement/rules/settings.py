"""Per-agency settings as typed data, with defaults from the rules pages (*setting* in enforcement.md).

`EnforcementSettings` is the module's settings dataclass (the manifest's ``settings``): the kernel
stores what an organization changed and `settings_for` merges it down the tree. `ReviewCatalogue`
is the legal-review catalogue an agency's legal unit edits (ENF-30); its stored copy is the
`ReviewCatalogueEntry` row of the agency, whose defaults come from the catalogue fields of
`EnforcementSettings`. Both are frozen dataclasses of plain values (int, bool, str, tuple) so the
kernel's settings store can validate and merge them; field metadata gives the Chinese label and
bounds the kernel checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReviewCatalogue:
    """ENF-30: which decisions need legal review (重大执法决定法制审核目录清单).

    Defaults: seed 001 annex 4 (fine ≥ 5,000 yuan on a natural person, ≥ 50,000 yuan on an
    organization; every coercive decision) and seed 000 §6(2)1 (after a hearing; major public
    interest or social risk; major rights of the party or a third party; complex cases with several
    legal relations; optionally every ordinary-procedure penalty; permits that went through a hearing).
    Amounts are whole yuan; "以上" includes the amount itself.
    """

    person_fine_threshold: int = 5000
    organization_fine_threshold: int = 50000
    all_coercion: bool = True
    after_hearing: bool = True
    major_public_interest: bool = True
    major_rights: bool = True
    complex_cases: bool = True
    review_all_ordinary: bool = False
    permits_after_hearing: bool = True
    # ENF-31: materials the handling unit submits (seed 001 annex 4 "应提交审核材料").
    required_materials: tuple[str, ...] = ("filing_approval", "inspection_record", "photos_evidence")


def _s(label: str, **bounds: object) -> dict[str, object]:
    return {"label": label, **bounds}


@dataclass(frozen=True)
class EnforcementSettings:
    """Deadlines, thresholds and formats an agency may change without a release."""

    # Case number format (issue 3 §2), e.g. 鲁环罚〔2026〕12号; placeholders {year}, {serial}, {serial:03d}.
    case_number_template: str = field(
        default="鲁环罚〔{year}〕{serial}号", metadata=_s("行政处罚案件编号格式")
    )
    coercion_number_template: str = field(
        default="鲁环强〔{year}〕{serial}号", metadata=_s("行政强制案件编号格式")
    )
    inspection_number_template: str = field(
        default="鲁环查〔{year}〕{serial}号", metadata=_s("行政检查编号格式")
    )
    permit_number_template: str = field(default="鲁环许〔{year}〕{serial}号", metadata=_s("行政许可编号格式"))
    levy_number_template: str = field(
        default="鲁环征〔{year}〕{serial}号", metadata=_s("行政征收征用编号格式")
    )
    # ENF-15: days the party has to pay, from receipt of the decision (行政处罚法 art. 67).
    payment_days: int = field(default=15, metadata=_s("缴纳罚款期限（日）", min=1, max=90))
    # ENF-15: warn this many days before the court-enforcement application deadline is lost.
    court_alert_days: int = field(default=30, metadata=_s("申请法院强制执行提前提醒（日）", min=1, max=90))
    # ENF-37: legal-review time limit in working days.
    review_working_days: int = field(default=5, metadata=_s("法制审核时限（工作日）", min=1, max=30))
    # ENF-36: reviewers as a share of officers, in percent.
    reviewer_min_percent: int = field(default=5, metadata=_s("法制审核人员最低占比（%）", min=0, max=100))
    # ENF-113: warn this many days before a certificate expires.
    certificate_warn_days: int = field(default=30, metadata=_s("执法证到期提前提醒（日）", min=1, max=180))
    # ENF-30 defaults for an agency whose legal unit has not edited its catalogue yet.
    review_person_fine_threshold: int = field(
        default=5000, metadata=_s("法制审核目录：对公民罚款金额标准（元）", min=0)
    )
    review_organization_fine_threshold: int = field(
        default=50000, metadata=_s("法制审核目录：对法人或其他组织罚款金额标准（元）", min=0)
    )
    review_all_ordinary: bool = field(default=False, metadata=_s("一般程序行政处罚决定均须法制审核"))
    # What the documents print about the agency (ENF-13 remedies, payment); empty: derived from
    # the organization tree (review body = the people's government above; court = its county court).
    agency_address: str = field(default="", metadata=_s("文书：机关地址"))
    agency_phone: str = field(default="", metadata=_s("文书：联系电话"))
    review_body: str = field(default="", metadata=_s("文书：行政复议机关"))
    court: str = field(default="", metadata=_s("文书：管辖人民法院"))
    payment_place: str = field(default="", metadata=_s("文书：罚款缴纳地点"))

    def catalogue(self) -> ReviewCatalogue:
        """The default review catalogue these settings give (ENF-30)."""
        return ReviewCatalogue(
            person_fine_threshold=self.review_person_fine_threshold,
            organization_fine_threshold=self.review_organization_fine_threshold,
            review_all_ordinary=self.review_all_ordinary,
        )

    def number_template(self, kind: str) -> str:
        """The case number format for a kind of case (ENF-01)."""
        return {
            "coercion": self.coercion_number_template,
            "inspection": self.inspection_number_template,
            "permit": self.permit_number_template,
            "levy": self.levy_number_template,
        }.get(str(kind), self.case_number_template)
