"""Case-file evaluation runs (案卷评查, ENF-110, seed 000 §5(4)1).

`evaluation_run` scores every closed or archived penalty file under an organization (an agency,
one of its units, or — for the justice bureau's supervisor — a whole county) closed within the
period, against `evaluation.CHECKLIST`; it stores one result per file and writes one ledger entry
(``enforcement.evaluation.completed``) with the run's summary. Nothing is written when the input
is refused or no file qualifies.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.ledger import record

from .. import evaluation
from ..models import EvaluationRun, FileEvaluation
from ..rules import cn_date
from ..selectors_evaluation import EVALUATE, file_facts, files_to_evaluate
from .common import today

# One run evaluates at most this many files; a larger scope is split by period.
# One run evaluates in the request that starts it, about 20–30 ms per file (its facts are read
# file by file): 1,000 files stay well inside the server's 60 s request timeout. A bigger body
# evaluates a shorter period per run.
MAX_FILES = 1000


@transaction.atomic
def evaluation_run(
    *,
    actor: Any,
    scope: Any,
    period_start: date | None = None,
    period_end: date | None = None,
) -> EvaluationRun:
    """ENF-110: evaluate the closed penalty files under `scope` closed between the two days."""
    require(actor, EVALUATE, scope)
    if period_start is not None and period_end is not None and period_start > period_end:
        raise DomainError(
            "period_invalid",
            f"评查期间的开始日期{cn_date(period_start)}晚于结束日期{cn_date(period_end)}",
            "period_start",
        )
    if period_start is not None and period_start > today():
        raise DomainError(
            "period_invalid", f"评查期间的开始日期{cn_date(period_start)}晚于今天", "period_start"
        )
    cases = list(
        files_to_evaluate(actor=actor, scope=scope, period_start=period_start, period_end=period_end)
    )
    if not cases:
        raise DomainError("nothing_to_evaluate", "所选范围和期间内没有已结案或已归档的行政处罚案卷", "scope")
    if len(cases) > MAX_FILES:
        raise DomainError(
            "too_many_files",
            f"所选范围和期间内有{len(cases)}件案卷，超过单次评查上限{MAX_FILES}件，请缩短评查期间",
            "period_start",
        )
    results = [(case, evaluation.evaluate(file_facts(case))) for case in cases]
    run = EvaluationRun.objects.create(
        scope=scope,
        period_start=period_start,
        period_end=period_end,
        checklist=[i.as_dict() for i in evaluation.CHECKLIST],
        file_count=len(results),
        started_by=actor,
    )
    FileEvaluation.objects.bulk_create(
        FileEvaluation(
            run=run,
            case=case,
            unit_id=case.unit_id,
            score=r.score,
            points=r.points,
            maximum=r.maximum,
            grade=r.grade,
            items=[i.as_dict() for i in r.items],
            weak=r.weak,
        )
        for case, r in results
    )
    scores = [r.score for _, r in results]
    run.average = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1"))
    weak = Counter(code for _, r in results for code in r.weak)
    entry = record(
        actor=actor,
        action="enforcement.evaluation.completed",
        subject=run,
        data={
            "scope_id": scope.pk,
            "scope": str(scope),
            "period": [d.isoformat() if d else None for d in (period_start, period_end)],
            "files": len(results),
            "average": str(run.average),
            "grades": dict(Counter(r.grade for _, r in results)),
            "weak_points": dict(weak.most_common()),
            "results": [[case.pk, str(r.score)] for case, r in results[:1000]],
        },
    )
    run.ledger_seq = entry.seq
    run.save(update_fields=["average", "ledger_seq"])
    return run
