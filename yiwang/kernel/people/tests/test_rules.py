"""ENF-113 and ENF-11 as pure functions (no database)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.kernel.people import rules
from yiwang.kernel.people.rules import WarningLevel, certificate_usable_for, certificate_warning_level
from yiwang.kernel.people.workflow import TRANSITIONS, CertificateStatus, can_transition

TODAY = datetime.date(2026, 11, 21)


@dataclass(frozen=True)
class Domain:
    code: str
    label: str


@dataclass
class Cert:
    valid_to: datetime.date
    valid_from: datetime.date = datetime.date(2024, 1, 1)
    status: str = CertificateStatus.VALID
    number: str = "ZF-0012"
    domain: Domain = Domain("ecology", "生态环境")


def ends_in(days: int, **kw: object) -> Cert:
    return Cert(valid_to=TODAY + datetime.timedelta(days=days), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("days", "level"),
    [
        (31, WarningLevel.NONE),
        (30, WarningLevel.EXPIRING),  # 30 days before expiry the warning starts
        (1, WarningLevel.EXPIRING),
        (0, WarningLevel.EXPIRING),  # the last valid day
        (-1, WarningLevel.EXPIRED),
        (-400, WarningLevel.EXPIRED),
    ],
)
def test_warning_starts_30_days_before_expiry__ENF_113(days: int, level: WarningLevel) -> None:
    assert certificate_warning_level(ends_in(days), TODAY) == level


def test_suspended_revoked_and_future_certificates__ENF_113() -> None:
    assert (
        certificate_warning_level(ends_in(10, status=CertificateStatus.SUSPENDED), TODAY)
        == WarningLevel.INACTIVE
    )
    assert (
        certificate_warning_level(ends_in(500, status=CertificateStatus.REVOKED), TODAY)
        == WarningLevel.INACTIVE
    )
    future = Cert(
        valid_from=TODAY + datetime.timedelta(days=3), valid_to=TODAY + datetime.timedelta(days=900)
    )
    assert certificate_warning_level(future, TODAY) == WarningLevel.NOT_YET_VALID


def test_warning_levels_have_labels_and_badges__ENF_113() -> None:
    assert WarningLevel.EXPIRING.label == "即将到期" and WarningLevel.EXPIRING.badge == "warn"
    assert WarningLevel.EXPIRED.label == "已过期" and WarningLevel.EXPIRED.badge == "bad"


def test_expired_certificate_is_not_usable__ENF_113() -> None:
    assert certificate_usable_for(ends_in(0), "ecology", TODAY)
    assert not certificate_usable_for(ends_in(-1), "ecology", TODAY)
    refusal = rules.certificate_refusal(ends_in(-1), "ecology", TODAY)
    assert refusal is not None and refusal.code == "certificate_expired"
    assert refusal.message == "执法证 ZF-0012 已于2026-11-20过期，不能用于执法"


def test_certificate_must_cover_the_domain__ENF_11() -> None:
    cert = ends_in(100)
    assert certificate_usable_for(cert, Domain("ecology", "生态环境"), TODAY)
    assert not certificate_usable_for(cert, Domain("market", "市场监管"), TODAY)
    refusal = rules.certificate_refusal(cert, Domain("market", "市场监管"), TODAY)
    assert refusal is not None and refusal.code == "certificate_wrong_domain"
    assert "不涵盖“市场监管”" in refusal.message


def test_suspended_revoked_or_not_yet_valid_certificates_are_not_usable__ENF_113() -> None:
    for status, code in (
        (CertificateStatus.SUSPENDED, "certificate_suspended"),
        (CertificateStatus.REVOKED, "certificate_revoked"),
    ):
        refusal = rules.certificate_refusal(ends_in(100, status=status), "ecology", TODAY)
        assert refusal is not None and refusal.code == code
    future = Cert(
        valid_from=TODAY + datetime.timedelta(days=1), valid_to=TODAY + datetime.timedelta(days=900)
    )
    assert not certificate_usable_for(future, "ecology", TODAY)


def test_certificate_dates_in_the_wrong_order_are_refused__issue2_bad_input() -> None:
    rules.check_certificate_dates(TODAY, TODAY + datetime.timedelta(days=1))
    for valid_to in (TODAY, TODAY - datetime.timedelta(days=1)):
        with pytest.raises(DomainError) as info:
            rules.check_certificate_dates(TODAY, valid_to)
        assert info.value.code == "certificate_dates_reversed"
        assert "开始日期（2026-11-21）必须早于截止日期" in info.value.message


def test_certificate_transitions_are_data() -> None:
    assert can_transition(CertificateStatus.VALID, CertificateStatus.SUSPENDED)
    assert can_transition(CertificateStatus.SUSPENDED, CertificateStatus.VALID)
    assert not can_transition(CertificateStatus.REVOKED, CertificateStatus.VALID)
    assert set(TRANSITIONS) == set(CertificateStatus.values)
