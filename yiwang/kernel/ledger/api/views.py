"""Public ledger API: anyone may fetch checkpoints and proofs and check an entry hash (no login)."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.errors import DomainError

from .. import selectors
from ..models import LedgerCheckpoint
from .serializers import (
    CheckpointSerializer,
    ConsistencyProofSerializer,
    EntryCheckSerializer,
    ErrorSerializer,
    InclusionProofSerializer,
)

TAG = ["台账"]
MAX_INDEX = 2**62


def int_param(request: Request, name: str) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw.strip() == "":
        raise DomainError("missing_parameter", f"缺少参数 {name}", name)
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_INDEX:
        raise DomainError("invalid_parameter", f"参数 {name} 必须是非负整数", name)
    return int(raw)


class PublicAPIView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class CheckpointLatestView(PublicAPIView):
    @extend_schema(
        tags=TAG,
        summary="最新检查点",
        responses={200: CheckpointSerializer, 404: ErrorSerializer},
        operation_id="ledger_checkpoint_latest",
    )
    def get(self, request: Request) -> Response:
        checkpoint = selectors.checkpoint_latest()
        if checkpoint is None:
            raise DomainError("no_checkpoint", "台账尚未签署任何检查点", status=404)
        return Response(CheckpointSerializer(checkpoint).data)


class CheckpointListView(ListAPIView):
    """History of signed checkpoints, newest first."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = CheckpointSerializer

    def get_queryset(self) -> QuerySet[LedgerCheckpoint]:
        return LedgerCheckpoint.objects.select_related("key").order_by("-size")

    @extend_schema(tags=TAG, summary="检查点历史", operation_id="ledger_checkpoint_list")
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)


class InclusionProofView(PublicAPIView):
    @extend_schema(
        tags=TAG,
        summary="包含证明",
        description="条目 index（即 seq）在大小为 size 的树中的审计路径（RFC 6962 §2.1.1）。size 不得超过最新检查点。",
        parameters=[
            OpenApiParameter("index", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True),
            OpenApiParameter("size", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True),
        ],
        responses={200: InclusionProofSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        operation_id="ledger_proof_inclusion",
    )
    def get(self, request: Request) -> Response:
        index, size = int_param(request, "index"), int_param(request, "size")
        proof = selectors.inclusion_proof(index=index, size=size)
        return Response(InclusionProofSerializer(asdict(proof)).data)


class ConsistencyProofView(PublicAPIView):
    @extend_schema(
        tags=TAG,
        summary="一致性证明",
        description="证明大小为 second 的树是大小为 first 的树的延续（RFC 6962 §2.1.2）。",
        parameters=[
            OpenApiParameter("first", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True),
            OpenApiParameter("second", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True),
        ],
        responses={200: ConsistencyProofSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        operation_id="ledger_proof_consistency",
    )
    def get(self, request: Request) -> Response:
        first, second = int_param(request, "first"), int_param(request, "second")
        proof = selectors.consistency_proof(first=first, second=second)
        return Response(ConsistencyProofSerializer(asdict(proof)).data)


class EntryByHashView(PublicAPIView):
    @extend_schema(
        tags=TAG,
        summary="按叶哈希核验条目",
        description="返回条目的序号、时间、操作和叶哈希，以及它是否被最新检查点覆盖（服务器端已验证包含证明）。不返回内容。",
        responses={200: EntryCheckSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        operation_id="ledger_entry_by_hash",
    )
    def get(self, request: Request, leaf_hash: str) -> Response:
        entry = selectors.entry_get_by_leaf_hash(leaf_hash=leaf_hash)
        return Response(EntryCheckSerializer(selectors.entry_check(entry=entry)).data)
