"""Statuses and transitions of enforcement certificates (执法证), as data.

"Expired" is not stored: it is computed from `valid_to` and the day asked about (ENF-113), so a
certificate never needs a nightly job to become expired.
"""

from __future__ import annotations

from django.db import models


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "已注销"


TRANSITIONS: dict[str, frozenset[str]] = {
    CertificateStatus.VALID: frozenset({CertificateStatus.SUSPENDED, CertificateStatus.REVOKED}),
    CertificateStatus.SUSPENDED: frozenset({CertificateStatus.VALID, CertificateStatus.REVOKED}),
    CertificateStatus.REVOKED: frozenset(),
}

# Ledger action per target status.
TRANSITION_ACTIONS: dict[str, str] = {
    CertificateStatus.VALID: "people.certificate.reinstated",
    CertificateStatus.SUSPENDED: "people.certificate.suspended",
    CertificateStatus.REVOKED: "people.certificate.revoked",
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
