"""Document numbers (文号) and amounts in capital Chinese numerals (大写金额)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from yiwang.kernel.errors import DomainError

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ALLOWED = re.compile(r"^(year|serial)(?::(0?[1-9])d)?$")


def format_case_number(template: str, year: int, serial: int) -> str:
    """Fill a per-agency number template, e.g. ``鲁环罚〔{year}〕{serial}号`` → ``鲁环罚〔2026〕12号``.

    Only ``{year}`` and ``{serial}`` (optionally zero-padded, ``{serial:03d}``) are understood;
    anything else in braces is refused, so a template can never reach into Python objects.
    """
    if serial < 1 or year < 1:
        raise DomainError("case_number_invalid", f"年份和序号须为正整数（{year}，{serial}）", "serial")
    names = []

    def fill(m: re.Match[str]) -> str:
        spec = _ALLOWED.match(m.group(1))
        if spec is None:
            raise DomainError(
                "case_number_template_invalid",
                f"文号格式“{template}”中的“{m.group(0)}”无法识别，只能使用 {{year}} 和 {{serial}}",
                "case_number_template",
            )
        name, width = spec.group(1), spec.group(2)
        names.append(name)
        value = year if name == "year" else serial
        return f"{value:0{int(width)}d}" if width else str(value)

    result = _PLACEHOLDER.sub(fill, template)
    if "serial" not in names or "{" in result or "}" in result:
        raise DomainError(
            "case_number_template_invalid",
            f"文号格式“{template}”须包含序号 {{serial}}，且花括号须成对",
            "case_number_template",
        )
    return result


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_GROUP_UNITS = ("", "万", "亿", "万亿")


def _group(g: int) -> str:
    out, pending = "", False
    for d, unit in zip(f"{g:04d}", ("仟", "佰", "拾", ""), strict=True):
        if d == "0":
            pending = pending or bool(out)
        else:
            if pending:
                out += "零"
                pending = False
            out += _DIGITS[int(d)] + unit
    return out


def _integer(n: int) -> str:
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_GROUP_UNITS):
        raise DomainError("amount_invalid", "金额过大", "amount")
    out, pending = "", False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            pending = pending or bool(out)
            continue
        if out and (pending or g < 1000):
            out += "零"
        out += _group(g) + _GROUP_UNITS[i]
        pending = False
    return out


def amount_in_words(amount: Decimal | int | str) -> str:
    """``Decimal("107000.53")`` → ``人民币壹拾万柒仟元零伍角叁分`` (人民银行《正确书写票据和结算凭证的基本规定》)."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise DomainError("amount_invalid", "金额不能为负数", "amount")
    fen_total = int(value * 100)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    out = "人民币"
    if yuan:
        out += _integer(yuan) + "元"
    if not jiao and not fen:
        return out + ("整" if yuan else "零元整")
    if jiao:
        if yuan and yuan % 10 == 0:
            out += "零"
        out += _DIGITS[jiao] + "角"
    if fen:
        if yuan and not jiao:
            out += "零"
        out += _DIGITS[fen] + "分"
    return out


def small_number(n: int) -> str:
    """1 → 一, 15 → 十五, 60 → 六十 (for periods written out in documents); 100 and more as digits."""
    lower = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else lower[tens] + "十")) + (lower[ones] if ones else "")


def yuan_figures(amount: Decimal) -> str:
    """``Decimal("50000")`` → ``50,000.00元``."""
    return f"{Decimal(amount):,.2f}元"
