"""People API: thin views that call one selector or service each."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.access.web import actor_of
from yiwang.kernel.errors import NotFound
from yiwang.kernel.organizations.selectors import organization_get_for

from .. import selectors, services
from . import serializers as s


def _page(request: Request, view: APIView, qs: Any, serializer: Any, **context: Any) -> Response:
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True, context=context).data)


def _me(request: Request) -> Any:
    actor = actor_of(request)
    if actor is None:
        raise NotFound("当前账号未关联人员信息")
    return actor


def _org(actor: Any, org_id: Any, field: str) -> Any:
    try:
        return organization_get_for(actor=actor, organization_id=org_id)
    except NotFound as exc:
        raise NotFound("单位不存在或无权访问", field) from exc


def _person(actor: Any, person_id: Any, field: str = "person") -> Any:
    try:
        return selectors.person_get_for(actor=actor, person_id=person_id)
    except NotFound as exc:
        raise NotFound("人员不存在或无权访问", field) from exc


class PersonListView(APIView):
    @extend_schema(
        summary="人员列表（有权查看的范围内）",
        parameters=[OpenApiParameter("q", str, description="姓名包含")],
        responses=s.PersonSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = selectors.person_list_for(actor=actor_of(request), search=request.query_params.get("q", ""))
        return _page(request, self, qs, s.PersonSerializer)

    @extend_schema(
        summary="登记人员（可同时开通账号）",
        request=s.PersonCreateSerializer,
        responses={201: s.PersonSerializer},
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        body = s.PersonCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["organization"] = _org(actor, values["organization"], "organization")
        person = services.person_create(actor=actor, **values)
        return Response(s.PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailView(APIView):
    @extend_schema(summary="一名人员", responses=s.PersonSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            s.PersonSerializer(selectors.person_get_for(actor=actor_of(request), person_id=pk)).data
        )


class MeView(APIView):
    @extend_schema(
        summary="当前登录人员、角色和执法证（含到期提醒，ENF-113）",
        responses=inline_serializer(
            "Me",
            {
                "person": s.PersonSerializer(),
                "positions": s.PositionSerializer(many=True),
                "roles": s.RoleAssignmentSerializer(many=True),
                "certificates": s.CertificateSerializer(many=True),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        actor = _me(request)
        today = timezone.localdate()
        return Response(
            {
                "person": s.PersonSerializer(actor).data,
                "positions": s.PositionSerializer(
                    selectors.positions_of(actor=actor, person=actor), many=True
                ).data,
                "roles": s.RoleAssignmentSerializer(
                    selectors.assignments_of(actor=actor, person=actor), many=True
                ).data,
                "certificates": s.CertificateSerializer(
                    selectors.certificates_of(actor=actor, person=actor), many=True, context={"today": today}
                ).data,
            }
        )


class PositionCreateView(APIView):
    @extend_schema(
        summary="任命岗位", request=s.PositionCreateSerializer, responses={201: s.PositionSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        body = s.PositionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["person"] = _person(actor, values["person"])
        values["organization"] = _org(actor, values["organization"], "organization")
        position = services.position_assign(actor=actor, **values)
        return Response(s.PositionSerializer(position).data, status=status.HTTP_201_CREATED)


class RoleListView(APIView):
    @extend_schema(
        summary="角色（内置角色及有权查看的单位自定义角色）", responses=s.RoleSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        return _page(request, self, selectors.role_list_for(actor=actor_of(request)), s.RoleSerializer)

    @extend_schema(
        summary="定义本单位角色", request=s.RoleCreateSerializer, responses={201: s.RoleSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        body = s.RoleCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["organization"] = _org(actor, values["organization"], "organization")
        role = services.role_create(actor=actor, **values)
        return Response(s.RoleSerializer(role).data, status=status.HTTP_201_CREATED)


class RoleAssignmentListView(APIView):
    @extend_schema(
        summary="一名人员当前的角色授权",
        parameters=[OpenApiParameter("person", int, required=True)],
        responses=s.RoleAssignmentSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        actor = actor_of(request)
        person = _person(actor, request.query_params.get("person"))
        return _page(
            request, self, selectors.assignments_of(actor=actor, person=person), s.RoleAssignmentSerializer
        )

    @extend_schema(
        summary="授予角色（只能在本人授权范围内，且不超出本人权限）",
        request=s.RoleGrantSerializer,
        responses={201: s.RoleAssignmentSerializer},
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        body = s.RoleGrantSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["person"] = _person(actor, values["person"])
        values["role"] = selectors.role_get_for(actor=actor, role_id=values["role"])
        org_id = values["organization"]
        values["organization"] = None if org_id is None else _org(actor, org_id, "organization")
        assignment = services.role_grant(actor=actor, **values)
        return Response(s.RoleAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class RoleRevokeView(APIView):
    @extend_schema(summary="撤销授权", request=None, responses=s.RoleAssignmentSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        assignment = selectors.assignment_get_for(actor=actor, assignment_id=pk)
        return Response(
            s.RoleAssignmentSerializer(services.role_revoke(actor=actor, assignment=assignment)).data
        )


class CertificateListView(APIView):
    @extend_schema(
        summary="执法证（有权查看的范围内）",
        parameters=[OpenApiParameter("attention", bool, description="只列出30天内到期和已过期的（ENF-113）")],
        responses=s.CertificateSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        attention = request.query_params.get("attention") in ("1", "true", "yes")
        qs = selectors.certificate_list_for(actor=actor_of(request), attention_only=attention, today=today)
        return _page(request, self, qs, s.CertificateSerializer, today=today)

    @extend_schema(
        summary="登记执法证", request=s.CertificateIssueSerializer, responses={201: s.CertificateSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        body = s.CertificateIssueSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["holder"] = _person(actor, values["holder"], "holder")
        org_id = values.pop("organization", None)
        values["organization"] = None if org_id is None else _org(actor, org_id, "organization")
        cert = services.certificate_issue(actor=actor, **values)
        return Response(s.CertificateSerializer(cert).data, status=status.HTTP_201_CREATED)


class CertificateDetailView(APIView):
    @extend_schema(summary="一张执法证", responses=s.CertificateSerializer)
    def get(self, request: Request, pk: int) -> Response:
        cert = selectors.certificate_get_for(actor=actor_of(request), certificate_id=pk)
        return Response(s.CertificateSerializer(cert).data)


class CertificateStatusView(APIView):
    @extend_schema(
        summary="暂扣、恢复或注销执法证",
        request=s.CertificateStatusSerializer,
        responses=s.CertificateSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        cert = selectors.certificate_get_for(actor=actor, certificate_id=pk)
        body = s.CertificateStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cert = services.certificate_change_status(actor=actor, certificate=cert, **body.validated_data)
        return Response(s.CertificateSerializer(cert).data)
