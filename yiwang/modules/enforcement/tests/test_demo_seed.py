"""The demo bureau (seed 001): cases at every status of the penalty path and of the other kinds,
one blocked for lack of review (ENF-35), all through the services, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from yiwang.kernel import ledger
from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import Person
from yiwang.modules.enforcement import selectors, services
from yiwang.modules.enforcement.models import Case, CaseEvent
from yiwang.modules.enforcement.seeds import SCENARIOS

pytestmark = pytest.mark.django_db

PENALTY_STATUSES = {
    "filing_pending", "not_filed", "investigating", "investigation_finished", "case_review", "notified", "hearing",
    "rights_heard", "legal_review", "collective_discussion", "decision_pending", "decided", "delivered",
    "court_enforcement", "executed", "transferred", "closed", "archived",
}  # fmt: skip


def test_demo_seed_loads_the_bureau_at_every_status_and_the_blocked_case__ENF_10_ENF_35() -> None:
    call_command("demo_seed", stdout=StringIO())
    cases = Case.objects.filter(agency__code="lushan-epb")
    statuses = {(c.kind, c.status) for c in cases}
    assert {s for k, s in statuses if k == "penalty"} >= PENALTY_STATUSES
    assert {"inspection", "coercion", "permit"} <= {k for k, _ in statuses}
    assert not CaseEvent.objects.filter(case__in=cases, ledger_seq__isnull=True).exists()
    head = Person.objects.get(user__username="lushan.head")
    blocked = cases.get(title=SCENARIOS[0].title)
    assert blocked.status == "legal_review" and blocked.decision.fine_amount == 80000
    assert blocked.reviews.get().status == "returned"
    size = ledger.size()
    with pytest.raises(DomainError) as refused:
        services.case_decide(actor=head, case=blocked)
    assert refused.value.code == "review_required" and ledger.size() == size
    queue = {c.pk: vars(c)["head_action"] for c in selectors.head_decision_queue_for(actor=head)}
    assert queue[blocked.pk] == "法制审核未通过，不得作出决定"
    supervisor = Person.objects.get(user__username="lushan.sfj")
    assert {d.kind for d in selectors.overdue_for(actor=supervisor)} >= {"review", "delivery", "payment"}
    officer = Person.objects.get(user__username="lushan.jc1")
    assert selectors.todo_for(actor=officer)


def test_demo_seed_twice_writes_nothing_new() -> None:
    call_command("demo_seed", stdout=StringIO())
    size, count = ledger.size(), Case.objects.count()
    call_command("demo_seed", stdout=StringIO())
    assert (ledger.size(), Case.objects.count()) == (size, count)
