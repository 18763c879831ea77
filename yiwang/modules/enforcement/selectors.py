"""Reads that depend on who asks; every one takes the actor (missing and forbidden → `NotFound`).

Lists are single scoped queries (`scoped_to`: a prefix match on the handling unit's path) with
their related rows joined, ordered on indexed columns, so the pages can page through 200,000 cases.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.db.models.expressions import RawSQL
from django.utils import timezone

from yiwang.kernel.access import can, get_for, grants_of
from yiwang.kernel.errors import NotFound
from yiwang.kernel.modules.settings import settings_for
from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.organizations.selectors import organization_list_for
from yiwang.kernel.people.models import EnforcementCertificate, Person, RoleAssignment

from . import rules
from .actions import ACTIONS
from .documents import DocumentKind
from .models import (
    Case,
    CaseDeadline,
    CaseEvent,
    CaseOfficer,
    CaseScopedQuerySet,
    DeadlineKind,
    Decision,
    GeneratedDocument,
    Inquiry,
    Inspection,
    LegalReview,
)
from .workflow import REVIEW_CLEARS_DECISION, ReviewStatus, Transition, allowed

VIEW = "enforcement.view_case"
REVIEW = "enforcement.review_case"
DECIDE = "enforcement.decide_case"
SUPERVISE = "enforcement.supervise_case"

# Deadlines the agency must meet (the party's own periods are followed up through these).
OVERDUE_KINDS = (
    DeadlineKind.REVIEW,
    DeadlineKind.DELIVERY,
    DeadlineKind.PAYMENT,
    DeadlineKind.COURT_APPLICATION,
    DeadlineKind.SEIZURE,
)
FINAL_STATUSES = ("closed", "archived")
# The case's long texts, left out where a list only names the case.
CASE_LONG_FIELDS = ("summary", "legal_basis", "investigation_report", "closing_report", "reasons")


def _open_deadlines() -> CaseScopedQuerySet:
    qs: CaseScopedQuerySet = CaseDeadline.objects.filter(satisfied_on__isnull=True, cancelled_at__isnull=True)
    return qs


def case_list_for(
    *,
    actor: Person | None,
    status: str | list[str] | None = None,
    kind: str | None = None,
    unit: Organization | None = None,
    officer: Person | None = None,
    text: str = "",
    filed_from: date | None = None,
    filed_to: date | None = None,
    overdue: bool = False,
    on: date | None = None,
) -> QuerySet[Case]:
    """The cases the actor may view, filtered; newest first.

    `unit` covers its subtree; `officer` keeps cases where that person is an active officer;
    `text` matches the number, the cause or the party; `filed_from`/`filed_to` bound the
    registration day (inclusive); `overdue` keeps cases with an open deadline past due.
    """
    qs = Case.objects.scoped_to(actor, VIEW).select_related("agency", "unit", "domain", "violation_type")
    if status:
        qs = qs.filter(status__in=[status] if isinstance(status, str) else status)
    if kind:
        qs = qs.filter(kind=kind)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if officer is not None:
        qs = qs.filter(
            Exists(CaseOfficer.objects.filter(case=OuterRef("pk"), person=officer, removed_at__isnull=True))
        )
    words = text.strip()
    if words:
        qs = qs.filter(text_match(words))
    tz = timezone.get_current_timezone()
    if filed_from is not None:
        qs = qs.filter(filed_at__gte=timezone.make_aware(_midnight(filed_from), tz))
    if filed_to is not None:
        qs = qs.filter(filed_at__lt=timezone.make_aware(_midnight(filed_to + timedelta(days=1)), tz))
    if overdue:
        day = on or timezone.localdate()
        qs = qs.filter(
            Exists(_open_deadlines().filter(case=OuterRef("pk"), kind__in=OVERDUE_KINDS, due__lt=day))
        )
    return qs.order_by("-filed_at", "-id")


# The expression of the bigram index of migration 0009 (the query must repeat it exactly).
_BIGRAMS_HOLD = (
    'enf_bigrams(upper("enforcement_case"."number"::text || \' \' || "enforcement_case"."title"::text'
    ' || \' \' || "enforcement_case"."party_name"::text)) @> enf_bigrams(upper(%s))'
)


def text_match(words: str) -> Q:
    """The search box: number, cause or party containing `words`. On PostgreSQL a search of two
    or more characters first narrows to the cases whose bigram index entry holds all the words'
    bigrams (migration 0009), then checks the exact match on those."""
    exact = Q(number__icontains=words) | Q(title__icontains=words) | Q(party_name__icontains=words)
    if connection.vendor != "postgresql" or len(words) < 2:
        return exact
    # a constant expression; the words are a bound parameter
    return Q(RawSQL(_BIGRAMS_HOLD, [words], output_field=BooleanField())) & exact  # noqa: S611


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time.min)


def case_get_for(*, actor: Person | None, case_id: Any, permission: str = VIEW) -> Case:
    return get_for(
        Case.objects.select_related("agency", "unit", "domain", "violation_type"),
        actor=actor,
        permission=permission,
        pk=case_id,
    )


def review_get_for(*, actor: Person | None, review_id: Any) -> LegalReview:
    return get_for(
        LegalReview.objects.select_related("case", "case__unit", "case__agency"),
        actor=actor,
        permission=VIEW,
        pk=review_id,
    )


def review_queue_for(*, actor: Person | None, on: date | None = None) -> QuerySet[LegalReview]:
    """The reviewer's queue: submissions waiting for an opinion and disagreements to consult on,
    soonest due first, with ``overdue`` (ENF-37) annotated."""
    day = on or timezone.localdate()
    return (
        LegalReview.objects.scoped_to(actor, REVIEW)
        .filter(superseded_at__isnull=True, status__in=(ReviewStatus.SUBMITTED, ReviewStatus.DISPUTED))
        .select_related("case", "case__unit", "case__agency", "case__decision")
        .annotate(overdue=When_(When(due_on__lt=day, then=Value(True)), default=Value(False)))
        .order_by("due_on", "pk")
    )


HEAD_ACTIONS = {
    "filing_pending": "立案审批",
    "decision_pending": "作出决定",
    "collective_discussion": "集体讨论",
}


def head_decision_queue_for(*, actor: Person | None) -> QuerySet[Case]:
    """What waits for the agency head: filing approval, collective discussion, the decision, and
    legal reviews escalated to them (ENF-34) or blocking a drafted decision (ENF-35), annotated
    with ``head_action`` (Chinese), longest waiting first."""
    current = LegalReview.objects.filter(case=OuterRef("pk"), superseded_at__isnull=True)
    blocked = current.filter(
        status__in=(
            ReviewStatus.ESCALATED,
            ReviewStatus.RETURNED,
            ReviewStatus.NOT_PASSED,
            ReviewStatus.UPHELD,
        )
    )
    escalated = current.filter(status=ReviewStatus.ESCALATED)
    return (
        Case.objects.scoped_to(actor, DECIDE)
        .alias(has_block=Exists(blocked), escalated=Exists(escalated))
        .filter(Q(status__in=tuple(HEAD_ACTIONS)) | Q(status="legal_review", has_block=True))
        .select_related("agency", "unit")
        .annotate(
            head_action=When_(
                *(When(status=s, then=Value(label)) for s, label in HEAD_ACTIONS.items()),
                When(escalated=True, then=Value("审核意见分歧，待负责人决定")),
                default=Value("法制审核未通过，不得作出决定"),
                output_field=CharField(),
            )
        )
        .order_by("status_changed_at", "pk")
    )


@dataclass(frozen=True)
class TodoItem:
    """One line of an officer's to-do: a deadline to meet or a next step to take."""

    case: Case
    label: str
    due: date | None = None
    overdue: bool = False
    alert: bool = False
    deadline: CaseDeadline | None = None
    action: str = ""


def todo_for(*, actor: Person | None, on: date | None = None, limit: int = 200) -> list[TodoItem]:
    """The officer's to-do: open deadlines of the cases they handle (overdue first, then the
    soonest; certificate reminders from their alert day, ENF-113) and the next steps they may take."""
    if actor is None:
        return []
    day = on or timezone.localdate()
    mine = CaseOfficer.objects.filter(person=actor, removed_at__isnull=True).values("case_id")
    cases = list(
        Case.objects.scoped_to(actor, VIEW)
        .filter(pk__in=mine)
        .exclude(status__in=FINAL_STATUSES)
        .select_related("unit", "agency")
        .order_by("-status_changed_at")[:limit]
    )
    by_id = {c.pk: c for c in cases}
    items: list[TodoItem] = []
    deadlines = _open_deadlines().filter(case_id__in=by_id).select_related("officer").order_by("due")
    for d in deadlines:
        if d.kind == DeadlineKind.CERTIFICATE and (d.officer is None or d.officer.person_id != actor.pk):
            continue
        if d.kind == DeadlineKind.CERTIFICATE and not (d.alert_on is not None and d.alert_on <= day):
            continue
        if d.kind == DeadlineKind.CERTIFICATE:
            label = f"执法证到期提醒：{d.label}，有效期至{rules.cn_date(d.due)}（ENF-113）"
        else:
            label = f"{by_id[d.case_id].number} {d.get_kind_display()}：{d.explain()}"
        items.append(
            TodoItem(
                case=by_id[d.case_id],
                label=label,
                due=d.due,
                overdue=d.due < day,
                alert=d.should_alert(day),
                deadline=d,
            )
        )
    for case in cases:
        for t in next_steps_for(actor=actor, case=case):
            items.append(TodoItem(case=case, label=f"{case.number}：{t.label}", action=t.action))
    items.sort(key=lambda i: (not i.overdue, i.due is None, i.due or day, i.case.pk))
    return items


def next_steps_for(*, actor: Person | None, case: Case) -> list[Transition]:
    """The transitions out of the case's status the actor holds the permission for."""
    return [t for t in allowed(case.kind, case.status) if can(actor, ACTIONS[t.action].permission, case)]


def overdue_for(
    *, actor: Person | None, on: date | None = None, kinds: tuple[str, ...] = OVERDUE_KINDS
) -> QuerySet[CaseDeadline]:
    """The supervisor's page: open deadlines past due in the bodies the actor supervises, oldest first."""
    day = on or timezone.localdate()
    return (
        _open_deadlines()
        .scoped_to(actor, SUPERVISE)
        .filter(due__lt=day, kind__in=kinds)
        .select_related("case", "agency")
        .defer(*(f"case__{name}" for name in CASE_LONG_FIELDS))
        .order_by("due", "pk")
    )


def timeline_for(*, actor: Person | None, case: Case) -> QuerySet[CaseEvent]:
    """Every step of the case in order, each with its ledger sequence number (ENF-70)."""
    if not can(actor, VIEW, case):
        raise NotFound()
    return CaseEvent.objects.filter(case=case).order_by("at", "pk")


def deadlines_for(*, actor: Person | None, case: Case) -> QuerySet[CaseDeadline]:
    if not can(actor, VIEW, case):
        raise NotFound()
    return CaseDeadline.objects.filter(case=case).select_related("officer", "review").order_by("due", "pk")


def documents_for(*, actor: Person | None, case: Case) -> QuerySet[GeneratedDocument]:
    """The generated documents of a case, without their bytes."""
    if not can(actor, VIEW, case):
        raise NotFound()
    return GeneratedDocument.objects.filter(case=case).defer("content").order_by("generated_at", "pk")


def document_get_for(*, actor: Person | None, document_id: Any) -> GeneratedDocument:
    """One stored document with its bytes (for download)."""
    return get_for(
        GeneratedDocument.objects.select_related("case"), actor=actor, permission=VIEW, pk=document_id
    )


def case_file_missing(case: Case) -> list[tuple[str, str]]:
    """ENF-70: the documents the case's path needs that have not been generated yet, as
    ``(kind, Chinese label)``. A penalty case needs its filing approval; once decided, the notice,
    the decision and the delivery receipt; the review opinion when reviewed; the records when made."""
    if case.kind != "penalty":
        wanted = [DocumentKind.INSPECTION_RECORD] if Inspection.objects.filter(case=case).exists() else []
    else:
        wanted = [DocumentKind.FILING_APPROVAL] if case.filed_on is not None else []
        decision = Decision.objects.filter(case=case).first()
        if decision is not None and decision.issued:
            wanted += [
                DocumentKind.ADVANCE_NOTICE,
                DocumentKind.PENALTY_DECISION,
                DocumentKind.DELIVERY_RECEIPT,
            ]
            if LegalReview.objects.filter(case=case, opinions__isnull=False).exists():
                wanted.append(DocumentKind.REVIEW_OPINION)
        if Inquiry.objects.filter(case=case).exists():
            wanted.append(DocumentKind.INQUIRY_RECORD)
        if Inspection.objects.filter(case=case).exists():
            wanted.append(DocumentKind.INSPECTION_RECORD)
    have = set(GeneratedDocument.objects.filter(case=case).values_list("kind", flat=True))
    return [(k.value, str(k.label)) for k in wanted if k not in have]


def review_cleared(case: Case) -> bool:
    """ENF-35 for the pages: does a current review clear the decision?"""
    return LegalReview.objects.filter(
        case=case, superseded_at__isnull=True, status__in=tuple(REVIEW_CLEARS_DECISION)
    ).exists()


def reviewer_ratio_for(
    *, actor: Person | None, agency: Organization, on: date | None = None
) -> rules.Problem | None:
    """ENF-36: warn when the agency's legal reviewers are fewer than the set share of its officers
    (officers: valid certificates at the agency; reviewers: people granted legal review there)."""
    if not can(actor, VIEW, agency):
        raise NotFound()
    day = on or timezone.localdate()
    officers = (
        EnforcementCertificate.objects.filter(
            organization__path__startswith=agency.path, status="valid", valid_to__gte=day, valid_from__lte=day
        )
        .values("holder_id")
        .distinct()
        .count()
    )
    reviewers = {
        a.person_id
        for a in RoleAssignment.objects.current(day)
        .filter(Q(organization__path__startswith=agency.path), role__active=True)
        .select_related("role")
        if REVIEW in a.role.permission_set()
    }
    found = settings_for("enforcement", agency)
    minimum = found.reviewer_min_percent if isinstance(found, rules.EnforcementSettings) else 5
    return rules.reviewer_ratio_warning(len(reviewers), officers, minimum_percent=minimum)


def officer_list_for(*, actor: Person | None) -> QuerySet[Person]:
    """Officers (certificate holders) of the bodies whose cases the actor may view, for filters."""
    holders = EnforcementCertificate.objects.scoped_to(actor, VIEW).values("holder_id")
    return Person.objects.filter(pk__in=holders, active=True).order_by("name", "pk")


FILTER_CHOICES_SECONDS = 60
FILTER_UNITS_MAX = 300


@dataclass(frozen=True)
class FilterChoices:
    """The case list's unit and officer choices: ``(pk, name)`` pairs in display order."""

    units: tuple[tuple[int, str], ...]
    officers: tuple[tuple[int, str], ...]


def filter_choices_for(*, actor: Person | None) -> FilterChoices:
    """Units and officers the actor may filter the case list by, for their viewing scope.

    The filter bar is drawn on every visit of the list while units and officers change rarely, so
    the two lists are kept in the cache for `FILTER_CHOICES_SECONDS`, keyed by the scope itself
    (the actor's view prefixes): colleagues with the same scope share them, and a changed grant
    is a different key. A new officer may appear up to a minute late in the drop-down; filtering
    by a submitted id is always checked against the same scoped lists.
    """
    prefixes = grants_of(actor).prefixes(VIEW)
    if prefixes == ():
        return FilterChoices((), ())
    digest = hashlib.sha256(repr(prefixes).encode()).hexdigest()[:32]
    key = f"enforcement:filter-choices:{digest}"
    found = cache.get(key)
    if isinstance(found, FilterChoices):
        return found
    units = organization_list_for(actor=actor, permission=VIEW).order_by("path").values_list("pk", "name")
    officers = officer_list_for(actor=actor).values_list("pk", "name")
    found = FilterChoices(tuple(units[:FILTER_UNITS_MAX]), tuple(officers))
    cache.set(key, found, FILTER_CHOICES_SECONDS)
    return found


def officer_candidates_for(*, actor: Person | None, case: Case) -> QuerySet[EnforcementCertificate]:
    """Certificates of the case's agency an officer may show (ENF-11). Expired, suspended and
    other-domain certificates are listed too: the service refuses them with the reason (ENF-113)."""
    if not can(actor, VIEW, case):
        raise NotFound()
    return (
        EnforcementCertificate.objects.filter(
            organization__path__startswith=case.agency.path, holder__active=True
        )
        .select_related("holder", "domain", "organization")
        .order_by("holder__name", "valid_to", "pk")
    )


APPROVING = ("enforcement.approve_case", "enforcement.decide_case")


def approvers_for(*, actor: Person | None, case: Case, on: date | None = None) -> QuerySet[Person]:
    """People who may approve on the case (the agency head: approve or decide held at the case's
    unit or above) — the approver of a closing report, a transfer or a correction (ENF-16)."""
    if not can(actor, VIEW, case):
        raise NotFound()
    day = on or timezone.localdate()
    path = case.unit.path
    step = Organization.steplen
    prefixes = [path[:n] for n in range(step, len(path) + 1, step)]
    rows = (
        RoleAssignment.objects.current(day)
        .filter(Q(organization__isnull=True) | Q(organization__path__in=prefixes), role__active=True)
        .select_related("role")
    )
    ids = {
        a.person_id for a in rows if a.role.grants_all or any(p in a.role.permission_set() for p in APPROVING)
    }
    return Person.objects.filter(pk__in=ids, active=True).order_by("name", "pk")
