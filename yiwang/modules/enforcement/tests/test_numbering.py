"""Case numbers per agency and year (issue 3 §2) and amounts in capital numerals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement.documents import amount_in_words, format_case_number
from yiwang.modules.enforcement.documents.numbering import small_number
from yiwang.modules.enforcement.rules import EnforcementSettings


def test_default_case_number_format_of_the_bureau__issue3_case_number():
    template = EnforcementSettings().case_number_template
    assert format_case_number(template, 2026, 12) == "鲁环罚〔2026〕12号"


def test_serial_can_be_zero_padded__issue3_case_number():
    assert format_case_number("鲁环罚字〔{year}〕第{serial:03d}号", 2026, 7) == "鲁环罚字〔2026〕第007号"


@pytest.mark.parametrize(
    "template",
    [
        "鲁环罚〔{year}〕号",
        "{year.__class__}{serial}",
        "{serial}{other}",
        "{serial}}",
        "{{serial}",
        "{serial!r}",
    ],
)
def test_bad_templates_are_refused__issue3_case_number(template):
    with pytest.raises(DomainError) as exc:
        format_case_number(template, 2026, 1)
    assert exc.value.code == "case_number_template_invalid"
    assert exc.value.field == "case_number_template"


def test_serial_must_be_positive__issue3_case_number():
    with pytest.raises(DomainError) as exc:
        format_case_number("{serial}", 2026, 0)
    assert exc.value.code == "case_number_invalid"


@pytest.mark.parametrize(
    "amount, words",
    [
        ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),  # the 零 is optional; written consistently
        ("1409.50", "人民币壹仟肆佰零玖元伍角"),
        ("6007.14", "人民币陆仟零柒元壹角肆分"),
        ("107000.53", "人民币壹拾万柒仟元零伍角叁分"),
        ("325.04", "人民币叁佰贰拾伍元零肆分"),
        ("16", "人民币壹拾陆元整"),
        ("50000", "人民币伍万元整"),
        ("100005", "人民币壹拾万零伍元整"),
        ("100500", "人民币壹拾万零伍佰元整"),
        ("100000000", "人民币壹亿元整"),
        ("100000005", "人民币壹亿零伍元整"),
        ("0.5", "人民币伍角"),
        ("0", "人民币零元整"),
    ],
)
def test_amount_in_capital_numerals(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_negative_amount_in_words_is_refused():
    with pytest.raises(DomainError):
        amount_in_words("-1")


def test_small_numbers_for_periods():
    assert [small_number(n) for n in (1, 5, 10, 15, 20, 60, 99, 100)] == [
        "一", "五", "十", "十五", "二十", "六十", "九十九", "100",
    ]  # fmt: skip
