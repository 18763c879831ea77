"""Enforcement API: reads (lists, case, timeline, queues) and one thin POST view per service.

Every POST parses its input serializer, resolves the ids it names within the actor's reach, calls
exactly one service and answers the case (or the review, the document) as it is afterwards. A
refusal is the uniform error body ``{code, message, field}`` with nothing written. Every step
takes ``idempotency_key`` (sent twice, applied once) and ``expected_status``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.access.web import actor_of
from yiwang.kernel.errors import NotFound
from yiwang.kernel.organizations.selectors import organization_list_for

from .. import selectors, services
from ..forms import CaseFilterForm
from ..models import Case, LegalReview
from . import inputs as i
from . import refs
from . import serializers as s

ERRORS = {
    400: OpenApiResponse(
        s.EnforcementErrorSerializer, description="规则拒绝：{code, message, field}，未作任何改动"
    ),
    403: OpenApiResponse(s.EnforcementErrorSerializer, description="无权执行此操作"),
    404: OpenApiResponse(s.EnforcementErrorSerializer, description="对象不存在或无权访问"),
}
TAG = ["执法案件"]


def _page(request: Request, view: APIView, qs: Any, serializer: Any, **context: Any) -> Response:
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True, context=context).data)


def case_answer(actor: Any, case: Case, code: int = status.HTTP_200_OK) -> Response:
    fresh = selectors.case_get_for(actor=actor, case_id=case.pk)
    context = {"next_steps": selectors.next_steps_for(actor=actor, case=fresh)}
    return Response(s.CaseDetailSerializer(fresh, context=context).data, status=code)


# ---------------------------------------------------------------- reads

LIST_FILTERS = [
    OpenApiParameter("q", str, description="案件编号、案由或当事人包含"),
    OpenApiParameter("status", str, description="状态代码"),
    OpenApiParameter("kind", str, description="执法类别：penalty/coercion/inspection/permit/levy"),
    OpenApiParameter("unit", int, description="承办机构编号（含下级）"),
    OpenApiParameter("officer", int, description="承办人员编号"),
    OpenApiParameter("mine", bool, description="只看我承办的"),
    OpenApiParameter("filed_from", str, description="登记日期自（YYYY-MM-DD）"),
    OpenApiParameter("filed_to", str, description="登记日期至（YYYY-MM-DD）"),
    OpenApiParameter("overdue", bool, description="只看有超期事项的"),
]


class CaseListView(APIView):
    @extend_schema(
        tags=TAG,
        summary="案件列表（可筛选、分页）",
        parameters=LIST_FILTERS,
        responses=s.CaseSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        actor = actor_of(request)
        form = CaseFilterForm(request.query_params, choices=selectors.filter_choices_for(actor=actor))
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            raise refs.invalid(field, str(errors[0]))
        qs = selectors.case_list_for(actor=actor, **form.selector_filters(actor))
        return _page(request, self, qs, s.CaseSerializer)

    @extend_schema(
        tags=TAG,
        summary="登记案件（行政处罚案件报请立案审批，ENF-10）",
        request=i.CaseFileInput,
        responses={201: s.CaseDetailSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        v = refs.parse(i.CaseFileInput, request)
        unit = (
            organization_list_for(actor=actor, permission="enforcement.file_case")
            .filter(pk=v.pop("unit"))
            .first()
        )
        if unit is None:
            raise NotFound("承办机构不存在或无权在该机构登记案件", "unit")
        party = services.PartyInput(**v.pop("party"))
        v["violation_type"] = refs.violation_type(v.get("violation_type"))
        if "case_source" in v:
            v["source"] = v.pop("case_source")
        case = services.case_file(actor=actor, unit=unit, party=party, **v)
        return case_answer(actor, case, status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    @extend_schema(
        tags=TAG,
        summary="一个案件（含当事人、承办人员、拟决定和本人可办理的下一步）",
        responses={200: s.CaseDetailSerializer, 404: ERRORS[404]},
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        return case_answer(actor, selectors.case_get_for(actor=actor, case_id=pk))


class TimelineView(APIView):
    @extend_schema(
        tags=TAG, summary="案件办理记录（每一步及其台账序号，ENF-70）", responses=s.EventSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        case = selectors.case_get_for(actor=actor, case_id=pk)
        return Response(s.EventSerializer(selectors.timeline_for(actor=actor, case=case), many=True).data)


class DeadlinesView(APIView):
    @extend_schema(
        tags=TAG,
        summary="案件的期限（规则编号、起算日、是否超期）",
        responses=s.DeadlineSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        case = selectors.case_get_for(actor=actor, case_id=pk)
        return Response(s.DeadlineSerializer(selectors.deadlines_for(actor=actor, case=case), many=True).data)


class CaseReviewsView(APIView):
    @extend_schema(
        tags=TAG, summary="案件的法制审核（含历次审核意见）", responses=s.ReviewSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        case = selectors.case_get_for(actor=actor, case_id=pk)
        return Response(s.ReviewSerializer(case.reviews.order_by("-submitted_at", "-pk"), many=True).data)


class CorrectionsView(APIView):
    @extend_schema(tags=TAG, summary="更正记录（ENF-16）", responses=s.CorrectionSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        case = selectors.case_get_for(actor=actor, case_id=pk)
        return Response(s.CorrectionSerializer(case.corrections.order_by("pk"), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="更正案件信息（ENF-16）",
        request=i.CorrectionInput,
        responses={200: s.CaseDetailSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        actor, case = refs.case(request, pk)
        v = refs.parse(i.CorrectionInput, request)
        v.pop("expected_status", None)
        v["approver"] = refs.approver(actor, case, v["approver"], "approver")
        services.case_correct(actor=actor, case=case, **v)
        return case_answer(actor, case)


class DocumentsView(APIView):
    @extend_schema(
        tags=TAG,
        summary="案件已生成的文书（含 SHA-256、SM3 和台账序号）",
        responses=s.DocumentSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        case = selectors.case_get_for(actor=actor, case_id=pk)
        return Response(s.DocumentSerializer(selectors.documents_for(actor=actor, case=case), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="生成执法文书（DOCX 或 PDF，存档并记入台账）",
        request=i.DocumentInput,
        responses={201: s.DocumentSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        actor, case = refs.case(request, pk)
        v = refs.parse(i.DocumentInput, request)
        doc = services.document_generate(
            actor=actor,
            case=case,
            kind=v["kind"],
            fmt=v["format"],
            source_id=v.get("source_id"),
            idempotency_key=v.get("idempotency_key"),
        )
        return Response(s.DocumentSerializer(doc).data, status=status.HTTP_201_CREATED)


class DocumentDownloadView(APIView):
    @extend_schema(
        tags=TAG,
        summary="下载文书（仅限有权查看该案件的人员）",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="文书文件"),
            404: ERRORS[404],
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        doc = selectors.document_get_for(actor=actor_of(request), document_id=pk)
        response = HttpResponse(bytes(doc.content), content_type=doc.media_type)
        response["Content-Disposition"] = content_disposition_header(True, doc.filename) or "attachment"
        response["Cache-Control"] = "private, no-store"
        return response


class ReviewDetailView(APIView):
    @extend_schema(
        tags=["法制审核"], summary="一项法制审核", responses={200: s.ReviewSerializer, 404: ERRORS[404]}
    )
    def get(self, request: Request, pk: int) -> Response:
        review = selectors.review_get_for(actor=actor_of(request), review_id=pk)
        return Response(s.ReviewSerializer(review).data)


class ReviewQueueView(APIView):
    @extend_schema(
        tags=["工作队列"],
        summary="法制审核队列（含超期标记，ENF-37）",
        responses=s.QueueReviewSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = selectors.review_queue_for(actor=actor_of(request), on=timezone.localdate())
        return _page(request, self, qs, s.QueueReviewSerializer)


class DecisionQueueView(APIView):
    @extend_schema(
        tags=["工作队列"], summary="待机关负责人决定的事项", responses=s.QueueCaseSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        return _page(
            request, self, selectors.head_decision_queue_for(actor=actor_of(request)), s.QueueCaseSerializer
        )


class TodoView(APIView):
    @extend_schema(
        tags=["工作队列"], summary="我的待办（期限和可办理的环节）", responses=s.TodoSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        items = selectors.todo_for(actor=actor_of(request), on=timezone.localdate())
        return Response(s.TodoSerializer(items, many=True).data)


class OverdueView(APIView):
    @extend_schema(
        tags=["工作队列"],
        summary="超期事项（所监督的机关，ENF-111）",
        responses=s.OverdueSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = selectors.overdue_for(actor=actor_of(request), on=timezone.localdate())
        return _page(request, self, qs, s.OverdueSerializer)


class CatalogueView(APIView):
    @extend_schema(
        tags=["法制审核"],
        summary="修改本机关的法制审核目录（ENF-30，法制机构维护）",
        request=i.CatalogueInput,
        responses={200: s.CatalogueSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = actor_of(request)
        agency = (
            organization_list_for(actor=actor, permission="enforcement.manage_catalogue")
            .filter(pk=pk)
            .first()
        )
        if agency is None:
            raise NotFound("行政机关不存在或无权维护其法制审核目录")
        changes = {k: v for k, v in refs.parse(i.CatalogueInput, request).items() if v is not None}
        key = changes.pop("idempotency_key", None)
        row = services.catalogue_update(actor=actor, agency=agency, idempotency_key=key, **changes)
        return Response(s.CatalogueSerializer(row).data)


# ---------------------------------------------------------------- one POST view per step

Call = Callable[[Any, Case, dict[str, Any]], Any]


def case_step(name: str, summary: str, body: type[drf.Serializer[Any]], call: Call) -> type[APIView]:
    """The POST view of one step: parse `body`, call the service through `call`, answer the case."""

    class StepView(APIView):
        @extend_schema(
            tags=TAG,
            summary=summary,
            request=body,
            responses={200: s.CaseDetailSerializer, **ERRORS},
            operation_id=f"enforcement_cases_{name.replace('-', '_')}",
        )
        def post(self, request: Request, pk: int) -> Response:
            actor, case = refs.case(request, pk)
            call(actor, case, refs.parse(body, request))
            return case_answer(actor, case)

    StepView.__name__ = StepView.__qualname__ = "".join(p.title() for p in name.split("-")) + "View"
    return StepView


ReviewCall = Callable[[Any, LegalReview, dict[str, Any]], Any]


def review_step(name: str, summary: str, body: type[drf.Serializer[Any]], call: ReviewCall) -> type[APIView]:
    class StepView(APIView):
        @extend_schema(
            tags=["法制审核"],
            summary=summary,
            request=body,
            responses={200: s.ReviewSerializer, **ERRORS},
            operation_id=f"enforcement_reviews_{name}",
        )
        def post(self, request: Request, pk: int) -> Response:
            actor = actor_of(request)
            review = selectors.review_get_for(actor=actor, review_id=pk)
            call(actor, review, refs.parse(body, request))
            return Response(s.ReviewSerializer(selectors.review_get_for(actor=actor, review_id=pk)).data)

    StepView.__name__ = StepView.__qualname__ = f"Review{name.title()}View"
    return StepView
