"""What the enforcement pages share: the acting person, paging, the flow chart with the current
status marked, and the links from workflow actions to the pages that perform them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape
from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from yiwang.kernel.access.web import actor_of
from yiwang.kernel.errors import NotFound
from yiwang.kernel.people.models import Person
from yiwang.kernel.ui.pagination import paginate as _paginate

from ..flowchart import flow_chart_svg, review_flow_chart_svg
from ..models import Case

PAGE_SIZE = 30

# The page performing each workflow action (slug of `steps.STEPS`); other actions use the
# generic transition page. The head's deciding actions all go to the decision page.
ACTION_STEPS: dict[str, str] = {
    "approve_filing": "filing-approval",
    "reject_filing": "filing-approval",
    "finish_investigation": "finish-investigation",
    "issue_notice": "notice",
    "request_hearing": "hearing-request",
    "close_statements": "close-statements",
    "finish_hearing": "hearing-record",
    "submit_review": "review-submit",
    "complete_review": "review-complete",
    "finish_discussion": "discussion",
    "decide": "decide",
    "grant": "decide",
    "refuse": "decide",
    "impose_measure": "decide",
    "decide_enforcement": "decide",
    "decide_substitute": "decide",
    "decide_no_penalty": "terminate",
    "withdraw_filing": "terminate",
    "terminate": "terminate",
    "transfer_to_judiciary": "transfer",
    "deliver": "delivery",
    "record_performance": "performance",
    "apply_court_enforcement": "court-application",
    "finish_enforcement": "court-finish",
    "close": "close",
    "archive": "archive",
}

# Legal-review actions (workflow.REVIEW_TRANSITIONS) and their pages, keyed by the review.
REVIEW_STEPS: dict[str, str] = {
    "pass": "answer",
    "return": "answer",
    "reject": "answer",
    "object": "object",
    "settle": "settle",
    "escalate": "escalate",
    "rule_proceed": "ruling",
    "rule_uphold": "ruling",
    "withdraw": "withdraw",
}


def require_actor(request: HttpRequest) -> Person:
    actor = actor_of(request)
    if actor is None:
        raise NotFound("当前账号未关联人员信息")
    return actor


def pk_url(name: str) -> Callable[[Any], str]:
    """``reverse(name, args=[pk])`` for every row of a list: the route is reversed once and each
    primary key put in by formatting (a page of 50 rows would otherwise resolve it 50 times)."""
    marker = "2147483647"
    head, found, tail = reverse(name, args=[marker]).partition(marker)
    if not found:  # a route that does not echo its argument: reverse each time
        return lambda pk: reverse(name, args=[pk])
    return lambda pk: f"{head}{int(pk)}{tail}"


def action_url(case: Case, action: str) -> str:
    slug = ACTION_STEPS.get(action)
    if slug is None:
        return reverse("enforcement:transition", args=[case.pk, action])
    return reverse("enforcement:step", args=[case.pk, slug])


def paginate(request: HttpRequest, items: Any, size: int = PAGE_SIZE, counted: Any = None) -> Page:
    """A page of `items`; the count (of `counted` when given) stops at the kernel's cap
    (`kernel.ui.pagination`)."""
    return _paginate(request, items, size, counted=counted)


def query_without_page(request: HttpRequest) -> str:
    """The current query string without ``page``, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@functools.lru_cache(maxsize=16)
def _chart(kind: str) -> str:
    svg = review_flow_chart_svg() if kind == "review" else flow_chart_svg(kind)
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1].lstrip()
    return svg


def flow_chart(kind: str, current: str | None = None) -> SafeString:
    """The kind's flow chart (generated SVG: presentation attributes only, no script, no style
    attribute) with the box of `current` marked for the stylesheet."""
    svg = _chart(kind)
    if current:
        key = escape(current)
        box = f'<g class="node" data-status="{key}">'
        svg = svg.replace(box, f'<g class="node current" data-status="{key}" aria-current="step">', 1)
    return mark_safe(svg)  # noqa: S308 — generated from the workflow tables, labels escaped by flowchart.render
