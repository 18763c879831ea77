"""Certificate services: issue, dates, numbers, status changes — and nothing written on refusal."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import EnforcementCertificate, EnforcementDomain
from yiwang.kernel.people.services import certificate_change_status, certificate_issue, person_create
from yiwang.kernel.people.workflow import CertificateStatus

pytestmark = pytest.mark.django_db
MANAGE = "people.manage_certificate"
TODAY = timezone.localdate()


@pytest.fixture
def setting(manager: Any) -> Any:
    tree = build_lushan(manager)
    officer = person_create(actor=manager, name="吴晓东", organization=tree.inspection)
    return tree, officer


def issue(actor: Any, holder: Any, **kw: Any) -> EnforcementCertificate:
    values: dict[str, Any] = {
        "number": "ZF-410423-0102",
        "issuing_authority": "河南省人民政府",
        "domain": "ecology",
        "valid_from": TODAY - datetime.timedelta(days=100),
        "valid_to": TODAY + datetime.timedelta(days=20),
    }
    values.update(kw)
    return certificate_issue(actor=actor, holder=holder, **values)


def test_issue_writes_the_certificate_and_a_ledger_entry(
    manager: Any, setting: Any, ledger_size: Any
) -> None:
    tree, officer = setting
    before = ledger_size()
    cert = issue(manager, officer, number=" zf-410423-0102 ")
    assert cert.number == "ZF-410423-0102"
    assert cert.organization == tree.inspection
    assert cert.domain == EnforcementDomain.objects.get(code="ecology")
    assert ledger_size() == before + 1


def test_certificate_dates_reversed_refused_nothing_written__issue2_bad_input(
    manager: Any, setting: Any, ledger_size: Any
) -> None:
    _tree, officer = setting
    rows, entries = EnforcementCertificate.objects.count(), ledger_size()
    with pytest.raises(DomainError) as info:
        issue(manager, officer, valid_from=datetime.date(2027, 3, 1), valid_to=datetime.date(2026, 3, 1))
    assert info.value.code == "certificate_dates_reversed"
    assert info.value.message == "执法证有效期有误：开始日期（2027-03-01）必须早于截止日期（2026-03-01）"
    assert info.value.field == "valid_to"
    assert (EnforcementCertificate.objects.count(), ledger_size()) == (rows, entries)


def test_database_refuses_reversed_certificate_dates(setting: Any) -> None:
    tree, officer = setting
    with pytest.raises(IntegrityError), transaction.atomic():
        EnforcementCertificate.objects.create(
            number="RAW-1",
            holder=officer,
            organization=tree.inspection,
            issuing_authority="河南省人民政府",
            domain=EnforcementDomain.objects.get(code="ecology"),
            valid_from=TODAY,
            valid_to=TODAY - datetime.timedelta(days=1),
        )


def test_duplicate_number_and_unknown_domain_are_refused(
    manager: Any, setting: Any, ledger_size: Any
) -> None:
    _tree, officer = setting
    issue(manager, officer)
    entries = ledger_size()
    with pytest.raises(DomainError) as info:
        issue(manager, officer, number="ＺＦ－410423－0102")  # full-width variant of the same number
    assert info.value.code == "duplicate_certificate_number"
    with pytest.raises(DomainError) as info:
        issue(manager, officer, number="ZF-2", domain="astrology")
    assert info.value.code == "unknown_domain"
    assert ledger_size() == entries


def test_only_those_managing_certificates_there_may_issue(
    make_person: Any, setting: Any, ledger_size: Any
) -> None:
    tree, officer = setting
    outsider = make_person(MANAGE, scope=tree.neighbour)
    entries = ledger_size()
    with pytest.raises(Forbidden):
        issue(outsider, officer)
    assert ledger_size() == entries
    insider = make_person(MANAGE, scope=tree.bureau)
    assert issue(insider, officer).holder == officer


def test_suspend_reinstate_revoke(manager: Any, setting: Any, ledger_size: Any) -> None:
    _tree, officer = setting
    cert = issue(manager, officer)
    with pytest.raises(DomainError) as info:
        certificate_change_status(actor=manager, certificate=cert, status=CertificateStatus.SUSPENDED)
    assert info.value.code == "reason_required"
    before = ledger_size()
    cert = certificate_change_status(
        actor=manager, certificate=cert, status=CertificateStatus.SUSPENDED, reason="涉嫌违规执法，暂扣待查"
    )
    cert = certificate_change_status(actor=manager, certificate=cert, status=CertificateStatus.VALID)
    cert = certificate_change_status(
        actor=manager, certificate=cert, status=CertificateStatus.REVOKED, reason="调离执法岗位"
    )
    assert ledger_size() == before + 3
    with pytest.raises(DomainError) as info:
        certificate_change_status(actor=manager, certificate=cert, status=CertificateStatus.VALID)
    assert info.value.code == "invalid_transition"
    assert "已注销" in info.value.message
