"""DIS-03: the unified social credit code's check character."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc

from yiwang.kernel.errors import DomainError
from yiwang.kernel.organizations.seeds import (
    demo_credit_codes,
    fabricate_credit_code,
    organization_code_check,
)
from yiwang.kernel.organizations.validators import normalize_credit_code


def test_credit_code_check_character__DIS_03() -> None:
    assert normalize_credit_code("11320982738291246T") == "11320982738291246T"
    for wrong in "0123456789ABCDEFGHJKLMNPQRUWXY":
        with pytest.raises(DomainError) as info:
            normalize_credit_code("11320982738291246" + wrong)
        assert info.value.code == "invalid_credit_code"
        assert "校验位不正确" in info.value.message
        assert info.value.field == "credit_code"


def test_credit_code_full_width_and_spaces_are_folded__DIS_03() -> None:
    assert normalize_credit_code("１１３２０９８２７３８２９１２４６Ｔ") == "11320982738291246T"
    assert normalize_credit_code(" 11320982 73829124 6t ") == "11320982738291246T"


@pytest.mark.parametrize(
    "value",
    ["", "1132098273829124", "11320982738291246T0", "1132098273829124IT", "A1320982738291246T", "<script>"],
)
def test_credit_code_malformed_is_refused__DIS_03(value: str) -> None:
    with pytest.raises(DomainError) as info:
        normalize_credit_code(value)
    assert info.value.code == "invalid_credit_code"
    assert "统一社会信用代码" in info.value.message


def test_fabricated_demo_codes_are_valid_and_unique__DIS_03() -> None:
    codes = demo_credit_codes()
    assert len(codes) == len(set(codes.values())) >= 20
    for code in codes.values():
        assert uscc.is_valid(code)
        assert normalize_credit_code(code) == code
    assert codes["lushan-epb"][2:8] == "410423"  # the county's division code
    assert fabricate_credit_code("410423", "x") == fabricate_credit_code("410423", "x")  # deterministic


def test_organization_code_check_character_gb_11714() -> None:
    # Σ = 1·3+2·7+3·9+4·10+5·5+6·8+7·4+8·2 = 201; 11 − 201 mod 11 = 8
    assert organization_code_check("12345678") == "8"
    assert organization_code_check("00000000") == "0"  # 11 → 0
