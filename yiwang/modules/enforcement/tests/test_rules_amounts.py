"""Amounts, party identifiers, corrections (issue 3 §2, ENF-16)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement import rules
from yiwang.modules.enforcement.rules import Correction, LegalBasis, PartyType

AIR = LegalBasis("《中华人民共和国大气污染防治法》", "第九十九条", Decimal("100000"), Decimal("1000000"))


def test_negative_amount_is_refused__ENF_10_amount():
    with pytest.raises(DomainError) as exc:
        rules.require_amount("-1", AIR)
    assert exc.value.code == "amount_invalid"
    assert "负数" in exc.value.message


def test_amount_above_legal_maximum_is_refused__ENF_10_amount():
    problems = rules.amount_problems(Decimal("1000000.01"), AIR)
    assert [p.code for p in problems] == ["amount_above_legal_maximum"]
    assert "第九十九条" in problems[0].message and "1,000,000元" in problems[0].message
    assert rules.amount_problems(Decimal("1000000"), AIR) == []


def test_amount_below_minimum_needs_mitigation__ENF_10_amount():
    assert [p.code for p in rules.amount_problems("50000", AIR)] == ["amount_below_legal_minimum"]
    assert rules.amount_problems("50000", AIR, mitigated=True) == []


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", "1.001", "", "<script>"])
def test_malformed_amounts_are_invalid__ENF_10_amount(bad):
    problems = rules.amount_problems(bad)
    assert [p.code for p in problems] == ["amount_invalid"]


def test_amount_without_basis_only_checks_form__ENF_10_amount():
    assert rules.require_amount("12.50") == Decimal("12.50")
    assert rules.require_amount("１０００") == Decimal("1000")  # full-width digits read as digits


def test_party_identifiers_are_check_digit_validated__issue3_party():
    assert rules.party_identifier_problems(PartyType.PERSON, "11010519491231002X") == []
    assert rules.party_identifier_problems(PartyType.PERSON, "11010519491231002x") == []
    bad = rules.party_identifier_problems(PartyType.PERSON, "110105194912310021")
    assert [p.code for p in bad] == ["id_number_invalid"]
    assert rules.party_identifier_problems(PartyType.ORGANIZATION, "91410423MA40K8XW5B") == []
    org_bad = rules.party_identifier_problems(PartyType.ORGANIZATION, "91410423MA40K8XW5")
    assert [p.code for p in org_bad] == ["credit_code_invalid"]


def test_correction_records_field_old_new_reason_approver__ENF_16():
    ok = Correction("party_address", "鲁山县城关镇", "鲁山县琴台街道", "当事人住所登记错误", "张雷虹")
    assert rules.correction_problems(ok) == []
    bad = Correction(" ", "a", "a", "", "")
    assert [p.code for p in rules.correction_problems(bad)] == [
        "correction_field_missing",
        "correction_unchanged",
        "correction_reason_missing",
        "correction_approver_missing",
    ]


def test_id_number_of_a_resident_born_before_the_county_code_existed__GB11643() -> None:
    """鲁山县's code 410423 dates from 1983; a card issued later to someone born in 1978 carries it."""
    body = "41042319780512442"
    from stdnum.cn import ric

    number = body + ric.calc_check_digit(body + "0")
    assert rules.party_identifier_problems("person", number) == []
    wrong = body + ("0" if number[-1] != "0" else "1")
    assert [p.code for p in rules.party_identifier_problems("person", wrong)] == ["id_number_invalid"]
    assert [p.code for p in rules.party_identifier_problems("person", "410423197802304421")] == [
        "id_number_invalid"
    ]
