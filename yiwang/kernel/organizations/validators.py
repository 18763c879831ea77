"""Validation of organization identifiers (rule DIS-03: unified social credit code check character)."""

from __future__ import annotations

from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from yiwang.kernel.errors import DomainError


def normalize_credit_code(value: str) -> str:
    """Return the canonical 18-character code, or raise `DomainError("invalid_credit_code")`.

    DIS-03: alphabet 0-9 A-H J-N P-R T U W X Y, weights 1,3,9,…, check = 31 − (Σ mod 31).
    Full-width characters and spaces are folded first (people paste from Word documents).
    """
    raw = (value or "").strip()
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in raw).replace(" ", "").upper()
    try:
        return str(uscc.validate(folded))
    except InvalidChecksum as exc:
        raise DomainError(
            "invalid_credit_code",
            f"统一社会信用代码“{raw}”校验位不正确，请核对后重新输入",
            "credit_code",
        ) from exc
    except (InvalidLength, InvalidFormat, ValidationError) as exc:
        raise DomainError(
            "invalid_credit_code",
            f"统一社会信用代码“{raw}”格式不正确：应为18位数字或大写字母（不含I、O、Z、S、V）",
            "credit_code",
        ) from exc
