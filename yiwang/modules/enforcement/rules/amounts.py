"""Amounts, parties and corrections: checks on the data a case carries (issue 3 §2, ENF-16)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from .common import Problem, raise_problems
from .review import PartyType


@dataclass(frozen=True)
class LegalBasis:
    """The provision a penalty rests on and the range of fines it allows (None: no bound stated)."""

    title: str  # e.g. 《中华人民共和国大气污染防治法》
    article: str  # e.g. 第九十九条
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def citation(self) -> str:
        return f"{self.title}{self.article}"


def _yuan(d: Decimal) -> str:
    return f"{d:,.2f}元".replace(".00元", "元")


def amount_problems(
    amount: Decimal | str | int, basis: LegalBasis | None = None, *, mitigated: bool = False
) -> list[Problem]:
    """A fine must be a non-negative sum in fen, within the range of its legal basis.

    Below the minimum is allowed only when the penalty is mitigated (减轻处罚, 行政处罚法 art. 32).
    """
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return [Problem("amount_invalid", f"金额“{amount}”不是有效的数字", "amount")]
    if not value.is_finite():
        return [Problem("amount_invalid", f"金额“{amount}”不是有效的数字", "amount")]
    if value < 0:
        return [Problem("amount_invalid", f"金额不能为负数（填写为{amount}）", "amount")]
    if value != value.quantize(Decimal("0.01")):
        return [Problem("amount_invalid", f"金额最多保留到分（两位小数），填写为{amount}", "amount")]
    if basis is None:
        return []
    if basis.maximum is not None and value > basis.maximum:
        return [
            Problem(
                "amount_above_legal_maximum",
                f"罚款{_yuan(value)}超过{basis.citation}规定的上限{_yuan(basis.maximum)}",
                "amount",
            )
        ]
    if basis.minimum is not None and value < basis.minimum and not mitigated:
        return [
            Problem(
                "amount_below_legal_minimum",
                f"罚款{_yuan(value)}低于{basis.citation}规定的下限{_yuan(basis.minimum)}；确需减轻处罚的，应写明减轻处罚的情节和依据",
                "amount",
            )
        ]
    return []


def require_amount(
    amount: Decimal | str | int, basis: LegalBasis | None = None, *, mitigated: bool = False
) -> Decimal:
    raise_problems(amount_problems(amount, basis, mitigated=mitigated))
    return Decimal(str(amount))


def _validate_id_number(value: str) -> None:
    """GB 11643: 18 characters, a real birth date, the check digit. The first six digits are not
    matched against python-stdnum's table of division codes by birth year: that table dates codes
    such as 410423 (鲁山县, "[1983-]") from their creation, so it would refuse a resident born before
    1983 whose card carries the code in force when it was issued."""
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        raise ValidationError()
    if value[17] != ric.calc_check_digit(value):
        raise ValidationError()
    ric.get_birth_date(value)


def party_identifier_problems(party_type: str, identifier: str) -> list[Problem]:
    """A person's 居民身份证号码 (GB 11643 check digit) or an organization's 统一社会信用代码
    (GB 32100 check character)."""
    value = identifier.strip().upper()
    if party_type == PartyType.PERSON:
        try:
            _validate_id_number(value)
        except ValidationError:
            return [
                Problem(
                    "id_number_invalid",
                    f"居民身份证号码“{identifier}”无效（长度、出生日期或校验码不符）",
                    "identifier",
                )
            ]
        return []
    try:
        uscc.validate(value)
    except ValidationError:
        return [
            Problem(
                "credit_code_invalid",
                f"统一社会信用代码“{identifier}”无效（长度、字符或校验码不符）",
                "identifier",
            )
        ]
    return []


@dataclass(frozen=True)
class Correction:
    """ENF-16: a change to a case's recorded data."""

    field: str
    old_value: str
    new_value: str
    reason: str
    approver: str


def correction_problems(c: Correction) -> list[Problem]:
    """ENF-16: a correction names the field, changes something, gives a reason and an approver."""
    problems = []
    if not c.field.strip():
        problems.append(Problem("correction_field_missing", "须写明更正的项目", "field"))
    if c.old_value == c.new_value:
        problems.append(Problem("correction_unchanged", "更正后的内容与原内容相同", "new_value"))
    if not c.reason.strip():
        problems.append(Problem("correction_reason_missing", "须写明更正理由", "reason"))
    if not c.approver.strip():
        problems.append(Problem("correction_approver_missing", "更正须经批准，请填写批准人", "approver"))
    return problems
