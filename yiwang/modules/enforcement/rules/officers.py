"""Officers on a case: certificates (ENF-11, ENF-113) and withdrawal for interest (ENF-12).

Plain dataclasses stand for the certificates and the declared interests; the services map the
people module's rows onto them, so these rules run without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

from .common import Problem, cn_date, raise_problems

MINIMUM_OFFICERS = 2  # ENF-11: 执法人员不得少于两人 (行政处罚法 art. 42, 55)


class CertificateStatus(models.TextChoices):
    """Same values as the people module's certificate status."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "已注销"


@dataclass(frozen=True)
class OfficerCertificate:
    """An officer as the rules see them: name and the enforcement certificate (执法证) held."""

    name: str
    certificate_number: str
    domain: str
    valid_from: date
    valid_to: date
    status: str = CertificateStatus.VALID


def certificate_problem(officer: OfficerCertificate, domain: str, on_date: date) -> Problem | None:
    """Why `officer` may not act in `domain` on `on_date`, or None (ENF-11, ENF-113)."""
    no = officer.certificate_number
    if officer.status != CertificateStatus.VALID:
        label = dict(CertificateStatus.choices).get(officer.status, officer.status)
        return Problem(
            "certificate_not_valid",
            f"执法人员{officer.name}的执法证 {no} 状态为“{label}”，{cn_date(on_date)}不能执法",
            "officers",
        )
    if on_date < officer.valid_from:
        return Problem(
            "certificate_not_valid",
            f"执法人员{officer.name}的执法证 {no} 自{cn_date(officer.valid_from)}起生效，{cn_date(on_date)}尚未生效",
            "officers",
        )
    if on_date > officer.valid_to:
        return Problem(
            "certificate_expired",
            f"执法人员{officer.name}的执法证 {no} 已于{cn_date(officer.valid_to)}过期，不得指派参与调查取证",
            "officers",
        )
    if officer.domain != domain:
        return Problem(
            "certificate_out_of_domain",
            f"执法人员{officer.name}的执法证 {no} 执法领域为“{officer.domain}”，不涵盖本案领域“{domain}”",
            "officers",
        )
    return None


def check_officers(
    officers: Sequence[OfficerCertificate], domain: str, on_date: date, *, minimum: int = MINIMUM_OFFICERS
) -> list[Problem]:
    """ENF-11: at least `minimum` different officers, each with a valid certificate covering `domain`.

    Problems with individual certificates come first (they say what to fix); the count is of
    distinct certificates, so one officer listed twice is still one officer.
    """
    problems = [p for o in officers if (p := certificate_problem(o, domain, on_date)) is not None]
    distinct = {o.certificate_number.strip() for o in officers if o.certificate_number.strip()}
    if len(distinct) < minimum:
        problems.append(
            Problem(
                "officers_too_few",
                f"调查取证、检查须由至少{minimum}名持有效执法证的执法人员进行，当前仅{len(distinct)}名",
                "officers",
            )
        )
    return problems


def require_officers(
    officers: Sequence[OfficerCertificate], domain: str, on_date: date, *, minimum: int = MINIMUM_OFFICERS
) -> None:
    raise_problems(check_officers(officers, domain, on_date, minimum=minimum))


def expiring_certificates(
    officers: Iterable[OfficerCertificate], on_date: date, *, warn_days: int = 30
) -> list[Problem]:
    """ENF-113: certificates that expire within `warn_days` (still valid today), soonest first."""
    found: list[tuple[date, Problem]] = []
    for o in officers:
        if o.valid_from <= on_date <= o.valid_to and o.valid_to - on_date <= timedelta(days=warn_days):
            left = (o.valid_to - on_date).days
            found.append(
                (
                    o.valid_to,
                    Problem(
                        "certificate_expiring",
                        f"执法人员{o.name}的执法证 {o.certificate_number} 将于{cn_date(o.valid_to)}到期（还剩{left}天），请及时换证",
                        "officers",
                    ),
                )
            )
    return [p for _, p in sorted(found, key=lambda x: x[0])]


class WithdrawalReason(models.TextChoices):
    """ENF-12: grounds for 回避 (行政处罚法 art. 43; seed 001 annex 7 调查岗)."""

    IS_PARTY = "is_party", "本人是案件当事人"
    RELATIVE = "relative", "与当事人有近亲属关系"
    DIRECT_INTEREST = "direct_interest", "与案件有直接利害关系"
    OTHER_RELATION = "other_relation", "有其他关系可能影响公正执法"


@dataclass(frozen=True)
class Interest:
    """An interest declared by the officer, raised by the party, or found by the agency."""

    certificate_number: str
    reason: str
    note: str = ""


def withdrawal_problems(
    officers: Iterable[OfficerCertificate], interests: Iterable[Interest]
) -> list[Problem]:
    """ENF-12: every assigned officer with an interest in the case must withdraw.

    The agency head decides on withdrawal (行政处罚法 art. 43(3)); once decided, the officer is
    removed from the case and `check_officers` runs again on those who remain.
    """
    by_number: dict[str, list[Interest]] = {}
    for i in interests:
        by_number.setdefault(i.certificate_number.strip(), []).append(i)
    labels = dict(WithdrawalReason.choices)
    problems = []
    for o in officers:
        for i in by_number.get(o.certificate_number.strip(), []):
            reason = labels.get(i.reason, i.reason)
            problems.append(
                Problem(
                    "officer_must_withdraw",
                    f"执法人员{o.name}（执法证 {o.certificate_number}）{reason}，应当回避",
                    "officers",
                )
            )
    return problems
