"""The step pages of a legal review (ENF-32…34): the reviewer's opinion with the checklist, the
handling unit's objection, consultation, escalation with both opinions, the head's ruling, withdrawal.
Each calls exactly one service; those without an idempotency key of their own go through `once`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yiwang.kernel.people.models import Person

from .. import forms as f
from .. import services
from ..models import LegalReview


@dataclass(frozen=True)
class ReviewStep:
    slug: str
    title: str
    form: type[f.StepForm]
    run: Callable[[Person, LegalReview, Any], Any]
    done: str
    permission: str
    template: str = "enforcement/step_review.html"
    lead: str = ""


def _answer(actor: Person, review: LegalReview, form: Any) -> Any:
    v = form.values(*form.answer_fields())
    return services.review_answer(
        actor=actor,
        review=review,
        outcome=v["outcome"],
        findings=form.findings(),
        opinion=v["opinion"],
        on=v["on"],
        idempotency_key=form.key,
        expected_status=form.expected,
    )


REVIEW_STEP_SPECS: dict[str, ReviewStep] = {
    s.slug: s
    for s in (
        ReviewStep(
            "answer",
            "法制审核意见",
            f.ReviewAnswerForm,
            _answer,
            "已作出审核意见",
            "enforcement.review_case",
            template="enforcement/step_review_answer.html",
            lead="ENF-32：逐项审核；ENF-33：审核通过、退回补正或审核不通过",
        ),
        ReviewStep(
            "object",
            "承办机构提出异议",
            f.ReviewObjectForm,
            lambda a, r, form: services.review_object(
                actor=a, review=r, **form.values(), expected_status=form.expected, idempotency_key=form.key
            ),
            "已提出异议，请与法制审核机构协商",
            "enforcement.submit_case",
            lead="ENF-34：列明异议理由和依据",
        ),
        ReviewStep(
            "settle",
            "协商一致，重新审核",
            f.ReviewSettleForm,
            lambda a, r, form: services.review_settle(
                actor=a, review=r, **form.values(), idempotency_key=form.key
            ),
            "协商一致，已重新进入审核",
            "enforcement.review_case",
        ),
        ReviewStep(
            "escalate",
            "协商不成，报请负责人决定",
            f.ReviewEscalateForm,
            lambda a, r, form: services.review_escalate(
                actor=a, review=r, **form.values(), idempotency_key=form.key
            ),
            "已将双方意见报请机关负责人决定",
            "enforcement.submit_case",
            lead="ENF-34：审核机构与承办机构双方意见一并报送机关负责人",
        ),
        ReviewStep(
            "ruling",
            "负责人决定意见分歧",
            f.ReviewRulingForm,
            lambda a, r, form: services.review_head_decide(
                actor=a, review=r, **form.values(), idempotency_key=form.key
            ),
            "已作出决定",
            "enforcement.decide_case",
            lead="ENF-34：机关负责人对照双方意见作出决定",
        ),
        ReviewStep(
            "withdraw",
            "撤回送审",
            f.ReviewWithdrawForm,
            lambda a, r, form: services.review_withdraw(
                actor=a, review=r, **form.values(), idempotency_key=form.key
            ),
            "已撤回送审",
            "enforcement.submit_case",
        ),
    )
}
