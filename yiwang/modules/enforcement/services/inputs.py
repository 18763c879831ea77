"""Plain input records the services take (forms and API serializers fill them), and their checks."""

from __future__ import annotations

from dataclasses import dataclass

from yiwang.kernel.errors import DomainError

from .. import rules
from ..rules import PartyType, raise_problems


@dataclass(frozen=True)
class PartyInput:
    """当事人: a natural person with a 居民身份证号码 or an organization with a 统一社会信用代码."""

    party_type: str
    name: str
    identifier: str
    legal_representative: str = ""
    address: str = ""
    phone: str = ""

    def cleaned(self) -> PartyInput:
        """Trimmed, identifier upper-cased; refuses a missing name, unknown type or bad identifier."""
        if self.party_type not in PartyType.values:
            raise DomainError("party_type_invalid", f"当事人类型“{self.party_type}”无效", "party_type")
        name = " ".join(self.name.split())
        if not name:
            raise DomainError("party_name_required", "请填写当事人名称或姓名", "party.name")
        if len(name) > 200:
            raise DomainError("text_too_long", "当事人名称不能超过200个字", "party.name")
        identifier = "".join(self.identifier.split()).upper()
        raise_problems(
            [
                rules.Problem(p.code, p.message, "party.identifier")
                for p in rules.party_identifier_problems(self.party_type, identifier)
            ]
        )
        if self.party_type == PartyType.ORGANIZATION and not self.legal_representative.strip():
            raise DomainError(
                "legal_representative_required",
                "当事人为单位的，须填写法定代表人或负责人",
                "party.legal_representative",
            )
        return PartyInput(
            party_type=self.party_type,
            name=name,
            identifier=identifier,
            legal_representative=self.legal_representative.strip()[:100],
            address=self.address.strip()[:300],
            phone=self.phone.strip()[:40],
        )


@dataclass(frozen=True)
class IntervieweeInput:
    """被询问人 of an inquiry record."""

    name: str
    gender: str = ""
    id_number: str = ""
    employer: str = ""
    position: str = ""
    phone: str = ""
    address: str = ""


def text(value: str, field: str, label: str, *, max_length: int | None = None, required: bool = True) -> str:
    """A trimmed text input: refused when required and empty, or longer than `max_length`."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise DomainError("text_required", f"请填写{label}", field)
    if max_length is not None and len(cleaned) > max_length:
        raise DomainError("text_too_long", f"{label}不能超过{max_length}个字", field)
    return cleaned
