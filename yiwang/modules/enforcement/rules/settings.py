"""Per-agency settings as typed data, with defaults from the rules pages (*setting* in enforcement.md).

`EnforcementSettings` is the module's settings dataclass (for the manifest, later); `ReviewCatalogue`
is the legal-review catalogue an agency's legal unit edits (ENF-30). Both are frozen dataclasses
of plain values (int, bool, str, tuple) so the kernel's settings store can validate and merge them.
"""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class EnforcementSettings:
    """Deadlines, thresholds and formats an agency may change without a release."""

    # Case number format (issue 3 §2), e.g. 鲁环罚〔2026〕12号; placeholders {year}, {serial}, {serial:03d}.
    case_number_template: str = "鲁环罚〔{year}〕{serial}号"
    # ENF-15: days the party has to pay, from receipt of the decision (行政处罚法 art. 67).
    payment_days: int = 15
    # ENF-15: warn this many days before the court-enforcement application deadline is lost.
    court_alert_days: int = 30
    # ENF-37: legal-review time limit in working days.
    review_working_days: int = 5
    # ENF-36: reviewers as a share of officers, in percent.
    reviewer_min_percent: int = 5
    # ENF-113: warn this many days before a certificate expires.
    certificate_warn_days: int = 30
