"""Enforcement certificates (执法证): issue, suspend, reinstate, revoke.

Bad input refused before anything is written: dates in the wrong order
(`certificate_dates_reversed`), a number already registered (`duplicate_certificate_number`),
an unknown or disabled domain (`unknown_domain`), a transition the workflow does not allow
(`invalid_transition`).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.ledger import record
from yiwang.kernel.organizations.models import Organization

from .. import rules
from ..models import EnforcementCertificate, EnforcementDomain, Person
from ..workflow import TRANSITION_ACTIONS, CertificateStatus, can_transition

MANAGE = "people.manage_certificate"


def _clean_number(value: str) -> str:
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in (value or "").strip())
    number = "".join(folded.split()).upper()
    if not number:
        raise DomainError("certificate_number_required", "请填写执法证号", "number")
    if len(number) > 40:
        raise DomainError("certificate_number_too_long", "执法证号不能超过40个字符", "number")
    return number


def _domain(value: EnforcementDomain | str) -> EnforcementDomain:
    code = value.code if isinstance(value, EnforcementDomain) else str(value or "")
    domain = EnforcementDomain.objects.filter(code=code, active=True).first()
    if domain is None:
        raise DomainError("unknown_domain", f"未知或已停用的执法领域：{code}", "domain")
    return domain


@transaction.atomic
def certificate_issue(
    *,
    actor: Person,
    holder: Person,
    number: str,
    issuing_authority: str,
    domain: EnforcementDomain | str,
    valid_from: datetime.date,
    valid_to: datetime.date,
    organization: Organization | None = None,
) -> EnforcementCertificate:
    """Register a certificate held by `holder`, scoped to `organization` (default: the holder's unit)."""
    org = organization or holder.organization
    if org is None:
        raise DomainError("organization_required", "请指定执法单位（持证人不属于任何单位）", "organization")
    require(actor, MANAGE, org)
    rules.check_certificate_dates(valid_from, valid_to)
    clean_number = _clean_number(number)
    authority = " ".join((issuing_authority or "").split())
    if not authority or len(authority) > 100:
        raise DomainError(
            "issuing_authority_required", "请填写发证机关（不超过100个字）", "issuing_authority"
        )
    the_domain = _domain(domain)
    if EnforcementCertificate.objects.filter(number=clean_number).exists():
        raise DomainError(
            "duplicate_certificate_number", f"执法证号 {clean_number} 已登记，不能重复登记", "number"
        )
    cert = EnforcementCertificate.objects.create(
        number=clean_number,
        holder=holder,
        organization=org,
        issuing_authority=authority,
        domain=the_domain,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    record(actor=actor, action="people.certificate.issued", subject=cert, after=cert.as_ledger())
    return cert


@transaction.atomic
def certificate_change_status(
    *, actor: Person, certificate: EnforcementCertificate, status: str, reason: str = ""
) -> EnforcementCertificate:
    """Suspend (暂扣), reinstate or revoke (注销) a certificate; suspension and revocation need a reason."""
    cert = EnforcementCertificate.objects.select_for_update().get(pk=certificate.pk)
    require(actor, MANAGE, cert)
    if status not in CertificateStatus.values:
        raise DomainError("invalid_status", f"未知的执法证状态：{status}", "status")
    if not can_transition(cert.status, status):
        raise DomainError(
            "invalid_transition",
            f"执法证 {cert.number} 当前为“{CertificateStatus(cert.status).label}”，"
            f"不能改为“{CertificateStatus(status).label}”",
            "status",
        )
    clean_reason = " ".join((reason or "").split())
    if status != CertificateStatus.VALID and not clean_reason:
        raise DomainError("reason_required", "暂扣或注销执法证须填写理由", "reason")
    if len(clean_reason) > 200:
        raise DomainError("reason_too_long", "理由不能超过200个字", "reason")
    before = {"status": cert.status, "status_reason": cert.status_reason}
    cert.status = status
    cert.status_reason = clean_reason
    cert.save(update_fields=["status", "status_reason", "updated_at"])
    record(
        actor=actor,
        action=TRANSITION_ACTIONS[status],
        subject=cert,
        before=before,
        after={"status": cert.status, "status_reason": cert.status_reason},
    )
    return cert
