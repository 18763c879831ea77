"""Resolving what an API request names (the case, people, reference rows) within the actor's reach,
and parsing bodies. A missing or foreign id answers like a missing object (`NotFound`)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers as drf
from rest_framework.request import Request

from yiwang.kernel.access.web import actor_of
from yiwang.kernel.errors import DomainError, NotFound
from yiwang.kernel.people.models import EnforcementCertificate, Person

from .. import selectors
from ..models import Case, CaseOfficer, DiscretionStandard, LegalProvision, ViolationType


def case(request: Request, pk: int) -> tuple[Any, Case]:
    actor = actor_of(request)
    return actor, selectors.case_get_for(actor=actor, case_id=pk)


def parse(serializer: type[drf.Serializer[Any]], request: Request) -> dict[str, Any]:
    body = serializer(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def invalid(field: str, message: str) -> DomainError:
    return DomainError("invalid", f"输入有误：{message}", field)


def approver(actor: Any, case: Case, person_id: int | None, field: str = "approved_by") -> Person | None:
    """A person who may approve on this case (the agency head), or None when none was named."""
    if person_id is None:
        return None
    found = selectors.approvers_for(actor=actor, case=case).filter(pk=person_id).first()
    if found is None:
        raise NotFound("批准人不存在或不是有权批准的机关负责人", field)
    return found


def officers(ids: list[int]) -> list[CaseOfficer]:
    """The case officers named by id; the service checks they are on the case (``officer_not_on_case``)."""
    return [CaseOfficer(pk=pk) for pk in dict.fromkeys(ids)]


def certificates(ids: list[int]) -> list[EnforcementCertificate]:
    """Certificates named by id; the service checks agency, validity and domain (ENF-11, ENF-113)."""
    return [EnforcementCertificate(pk=pk) for pk in dict.fromkeys(ids)]


def violation_type(pk: int | None) -> ViolationType | None:
    if pk is None:
        return None
    found = ViolationType.objects.filter(pk=pk, active=True).first()
    if found is None:
        raise NotFound("违法行为类型不存在", "violation_type")
    return found


def provision(pk: int | None) -> LegalProvision | None:
    if pk is None:
        return None
    found = LegalProvision.objects.filter(pk=pk, active=True).first()
    if found is None:
        raise NotFound("法律条款不存在", "basis_provision")
    return found


def standard(pk: int | None) -> DiscretionStandard | None:
    if pk is None:
        return None
    found = DiscretionStandard.objects.filter(pk=pk, active=True).first()
    if found is None:
        raise NotFound("裁量基准不存在", "discretion_standard")
    return found
