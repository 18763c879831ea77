"""Demo data of discretion assistance (ENF-112) and case-file evaluation (ENF-110)."""

from __future__ import annotations

from typing import Any

import pytest

from yiwang.kernel.people.seeds import seed_demo as seed_people
from yiwang.modules.enforcement.models import Case, DiscretionStandard, FileEvaluation
from yiwang.modules.enforcement.seeds_history import BASIS, FILES, seed_history_demo
from yiwang.modules.enforcement.services.evaluation import evaluation_run


@pytest.mark.django_db
def test_demo_bureau_gets_own_standards_and_a_year_of_closed_files__ENF_110_ENF_112(ledger_size: Any) -> None:
    report = seed_people()
    made = seed_history_demo(actor=report.admin)
    agency = report.organizations["lushan-epb"]
    assert made["files"] == len(FILES)
    own = DiscretionStandard.objects.filter(agency=agency)
    assert own.filter(violation_type__code="air_exceed").count() == 4
    assert own.filter(violation_type__code="eia_unapproved", method="percent").count() == 4
    assert {s.basis for s in own} == {BASIS}
    assert Case.objects.filter(agency=agency, status__in=("closed", "archived")).count() == len(FILES)
    size = ledger_size()
    assert seed_history_demo(actor=report.admin) == {"standards": 0, "files": 0}  # idempotent
    assert ledger_size() == size
    run = evaluation_run(actor=report.admin, scope=agency)
    weak = set().union(*(set(r.weak) for r in FileEvaluation.objects.filter(run=run)))
    assert {"amounts_consistent", "delivery_in_time", "documents_complete", "archived"} <= weak
