"""Officers on a case: ENF-11 certificates, ENF-12 withdrawal, ENF-113 expiry."""

from __future__ import annotations

from datetime import date

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement import rules
from yiwang.modules.enforcement.rules import CertificateStatus, Interest, OfficerCertificate, WithdrawalReason

DAY = date(2026, 3, 2)
DOMAIN = "生态环境"


def officer(
    no: str,
    name: str = "王建国",
    *,
    domain: str = DOMAIN,
    valid_from: date = date(2024, 1, 1),
    valid_to: date = date(2028, 12, 31),
    status: str = CertificateStatus.VALID,
) -> OfficerCertificate:
    return OfficerCertificate(name, no, domain, valid_from, valid_to, status)


def test_two_valid_officers_pass__ENF_11_seed000_4_2_1():
    assert rules.check_officers([officer("41040001"), officer("41040002", "李敏")], DOMAIN, DAY) == []


def test_one_officer_only_is_refused__ENF_11_seed001_annex5():
    with pytest.raises(DomainError) as exc:
        rules.require_officers([officer("41040001")], DOMAIN, DAY)
    assert exc.value.code == "officers_too_few"
    assert "至少2名" in exc.value.message and "仅1名" in exc.value.message


def test_same_officer_twice_counts_once__ENF_11():
    problems = rules.check_officers([officer("41040001"), officer(" 41040001 ")], DOMAIN, DAY)
    assert [p.code for p in problems] == ["officers_too_few"]


def test_expired_certificate_cannot_be_assigned__ENF_11_ENF_113():
    expired = officer("ZF-0012", "赵刚", valid_to=date(2026, 3, 1))
    with pytest.raises(DomainError) as exc:
        rules.require_officers([officer("41040001"), expired], DOMAIN, DAY)
    assert exc.value.code == "certificate_expired"
    assert exc.value.message.startswith("执法人员赵刚的执法证 ZF-0012 已于2026年3月1日过期")
    assert exc.value.field == "officers"
    # the certificate's last day still counts
    assert rules.certificate_problem(expired, DOMAIN, date(2026, 3, 1)) is None


def test_out_of_domain_certificate_is_refused__ENF_11():
    p = rules.certificate_problem(officer("41040003", domain="市场监管"), DOMAIN, DAY)
    assert p is not None and p.code == "certificate_out_of_domain"
    assert "41040003" in p.message and "市场监管" in p.message and "生态环境" in p.message


def test_suspended_or_not_yet_valid_certificate_is_not_valid__ENF_11():
    suspended = officer("41040004", status=CertificateStatus.SUSPENDED)
    future = officer("41040005", valid_from=date(2026, 4, 1))
    problems = rules.check_officers([suspended, future], DOMAIN, DAY)
    assert [p.code for p in problems] == ["certificate_not_valid", "certificate_not_valid"]
    assert "暂扣" in problems[0].message
    assert "2026年4月1日" in problems[1].message and "2026年3月2日" in problems[1].message


def test_expiry_warned_thirty_days_ahead__ENF_113():
    soon = officer("41040006", "孙丽", valid_to=date(2026, 3, 20))
    later = officer("41040007", valid_to=date(2026, 4, 2))
    edge = officer("41040008", valid_to=date(2026, 4, 1))
    warnings = rules.expiring_certificates([later, edge, soon], DAY, warn_days=30)
    assert [w.code for w in warnings] == ["certificate_expiring", "certificate_expiring"]
    assert "41040006" in warnings[0].message and "还剩18天" in warnings[0].message
    assert "41040008" in warnings[1].message
    d = rules.certificate_deadline(soon.valid_from, soon.valid_to)
    assert d.rule == "ENF-113" and d.alert_on == date(2026, 2, 18) and d.should_alert(DAY)


def test_officer_with_interest_must_withdraw__ENF_12_seed001_annex7():
    a, b = officer("41040001"), officer("41040002", "李敏")
    interests = [
        Interest("41040002", WithdrawalReason.RELATIVE),
        Interest("99999999", WithdrawalReason.IS_PARTY),
    ]
    problems = rules.withdrawal_problems([a, b], interests)
    assert [p.code for p in problems] == ["officer_must_withdraw"]
    assert "李敏" in problems[0].message and "近亲属" in problems[0].message and "回避" in problems[0].message
    assert rules.withdrawal_problems([a], interests) == []
