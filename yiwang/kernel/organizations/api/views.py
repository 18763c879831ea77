"""Organizations API: list and read what the actor may view; create and update through the services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.access.web import actor_of
from yiwang.kernel.errors import NotFound

from .. import selectors, services
from .serializers import OrganizationCreateSerializer, OrganizationSerializer, OrganizationUpdateSerializer


def _parents_context(orgs: list[Any]) -> dict[str, Any]:
    return {"parents_by_path": {o.path: o.pk for o in orgs}}


class OrganizationListView(APIView):
    @extend_schema(
        summary="机关单位列表（按树的先序排列，仅含有权查看的机构）",
        parameters=[
            OpenApiParameter("parent", int, description="只列出该机构的直接下级"),
            OpenApiParameter("kind", str, description="机构类型"),
            OpenApiParameter("q", str, description="名称包含"),
        ],
        responses=OrganizationSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        parent = request.query_params.get("parent")
        try:
            parent_id = int(parent) if parent else None
        except ValueError:
            parent_id = -1
        qs = selectors.organization_list_for(
            actor=actor_of(request),
            parent_id=parent_id,
            kind=request.query_params.get("kind") or None,
            search=request.query_params.get("q", ""),
        )
        paginator = LimitOffsetPagination()
        page: list[Any] = list(paginator.paginate_queryset(qs, request, view=self) or [])
        data = OrganizationSerializer(page, many=True, context=_parents_context(page)).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        summary="新建机构（统一社会信用代码按 DIS-03 校验）",
        request=OrganizationCreateSerializer,
        responses={201: OrganizationSerializer},
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        body = OrganizationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        parent_id = values.pop("parent", None)
        parent = None
        if parent_id is not None:
            try:
                parent = selectors.organization_get_for(actor=actor, organization_id=parent_id)
            except NotFound as exc:
                raise NotFound("上级机构不存在或无权访问", "parent") from exc
        org = services.organization_create(actor=actor, parent=parent, **values)
        return Response(OrganizationSerializer(org).data, status=status.HTTP_201_CREATED)


class OrganizationDetailView(APIView):
    @extend_schema(summary="一个机构", responses=OrganizationSerializer)
    def get(self, request: Request, pk: int) -> Response:
        org = selectors.organization_get_for(actor=actor_of(request), organization_id=pk)
        return Response(OrganizationSerializer(org).data)

    @extend_schema(
        summary="修改名称、简称、统一社会信用代码或有效状态",
        request=OrganizationUpdateSerializer,
        responses=OrganizationSerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        org = selectors.organization_get_for(actor=actor, organization_id=pk)
        body = OrganizationUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        org = services.organization_update(actor=actor, organization=org, **body.validated_data)
        return Response(OrganizationSerializer(org).data)
