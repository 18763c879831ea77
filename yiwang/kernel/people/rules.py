"""Rules about enforcement certificates, as pure functions (no ORM, no I/O).

- ENF-113: warn 30 days before a certificate expires; an expired certificate cannot be assigned
  to investigation steps. ENF-11: investigation needs officers whose valid certificates cover the
  case's domain. `certificate_usable_for` is what the enforcement module asks.
- Issue 2 (bad input): a certificate whose dates are in the wrong order is refused with
  `certificate_dates_reversed`.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Any, Protocol

from yiwang.kernel.errors import DomainError

from .workflow import CertificateStatus

WARNING_DAYS = 30  # ENF-113


class _Domain(Protocol):
    code: str
    label: str


class CertificateLike(Protocol):
    number: str
    status: str
    valid_from: datetime.date
    valid_to: datetime.date

    @property
    def domain(self) -> Any: ...


class WarningLevel(StrEnum):
    """What a page shows next to a certificate."""

    NONE = "none"  # valid, more than 30 days left
    EXPIRING = "expiring"  # valid, expires within 30 days (ENF-113)
    EXPIRED = "expired"  # last valid day has passed
    NOT_YET_VALID = "not_yet_valid"
    INACTIVE = "inactive"  # suspended or revoked

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def badge(self) -> str:
        """CSS class of the badge in `ui/yiwang.css`."""
        return _BADGES[self]


_LABELS = {
    WarningLevel.NONE: "有效",
    WarningLevel.EXPIRING: "即将到期",
    WarningLevel.EXPIRED: "已过期",
    WarningLevel.NOT_YET_VALID: "尚未生效",
    WarningLevel.INACTIVE: "暂扣/注销",
}
_BADGES = {
    WarningLevel.NONE: "good",
    WarningLevel.EXPIRING: "warn",
    WarningLevel.EXPIRED: "bad",
    WarningLevel.NOT_YET_VALID: "warn",
    WarningLevel.INACTIVE: "bad",
}


def days_left(cert: CertificateLike, today: datetime.date) -> int:
    """Days until the last valid day: 0 on the last day, negative once expired."""
    return (cert.valid_to - today).days


def is_expired(cert: CertificateLike, today: datetime.date) -> bool:
    return today > cert.valid_to


def certificate_warning_level(
    cert: CertificateLike, today: datetime.date, *, warning_days: int = WARNING_DAYS
) -> WarningLevel:
    """ENF-113: EXPIRING from 30 days before the last valid day through that day, then EXPIRED."""
    if cert.status != CertificateStatus.VALID:
        return WarningLevel.INACTIVE
    if is_expired(cert, today):
        return WarningLevel.EXPIRED
    if today < cert.valid_from:
        return WarningLevel.NOT_YET_VALID
    if days_left(cert, today) <= warning_days:
        return WarningLevel.EXPIRING
    return WarningLevel.NONE


def _domain_code(domain: Any) -> str:
    return str(getattr(domain, "code", domain))


def certificate_refusal(cert: CertificateLike, domain: Any, on_date: datetime.date) -> DomainError | None:
    """Why `cert` cannot be used for enforcement in `domain` on `on_date`, or None when it can.

    ENF-113 (expired → not usable), ENF-11 (the certificate must cover the case's domain).
    `domain` is an `EnforcementDomain` or its code.
    """
    if cert.status == CertificateStatus.SUSPENDED:
        return DomainError(
            "certificate_suspended", f"执法证 {cert.number} 已被暂扣，不能用于执法", "certificate"
        )
    if cert.status == CertificateStatus.REVOKED:
        return DomainError("certificate_revoked", f"执法证 {cert.number} 已注销，不能用于执法", "certificate")
    if is_expired(cert, on_date):
        return DomainError(
            "certificate_expired",
            f"执法证 {cert.number} 已于{cert.valid_to:%Y-%m-%d}过期，不能用于执法",
            "certificate",
        )
    if on_date < cert.valid_from:
        return DomainError(
            "certificate_not_yet_valid",
            f"执法证 {cert.number} 自{cert.valid_from:%Y-%m-%d}起才生效",
            "certificate",
        )
    if _domain_code(cert.domain) != _domain_code(domain):
        held = getattr(cert.domain, "label", _domain_code(cert.domain))
        wanted = getattr(domain, "label", _domain_code(domain))
        return DomainError(
            "certificate_wrong_domain",
            f"执法证 {cert.number} 的执法领域为“{held}”，不涵盖“{wanted}”",
            "certificate",
        )
    return None


def certificate_usable_for(cert: CertificateLike, domain: Any, on_date: datetime.date) -> bool:
    """True when `cert` may be assigned to enforcement steps in `domain` on `on_date` (ENF-11, ENF-113)."""
    return certificate_refusal(cert, domain, on_date) is None


def check_certificate_dates(valid_from: datetime.date, valid_to: datetime.date) -> None:
    """Refuse reversed or equal dates (bad input of issue 2; the DB constraint backs this up)."""
    if valid_from >= valid_to:
        raise DomainError(
            "certificate_dates_reversed",
            f"执法证有效期有误：开始日期（{valid_from:%Y-%m-%d}）必须早于截止日期（{valid_to:%Y-%m-%d}）",
            "valid_to",
        )
