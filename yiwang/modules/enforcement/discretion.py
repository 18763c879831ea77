"""Discretion assistance (裁量辅助, ENF-112) as pure functions: no ORM, no I/O.

For a draft decision the selector (`selectors_discretion`) gathers the agency's past decided cases
of the same violation type; this module

- ranks them by similarity to the draft (`similar_cases`): the facts' text (character-bigram TF-IDF
  with cosine similarity, docs/adr/0006-discretion-similarity.md), the nearness of the fine (on a
  logarithmic scale: 10万 is as near 20万 as 50万 is to 100万) and the circumstance band;
- places the draft's fine in the distribution of their fines (`distribution`: percentile,
  minimum, quartiles, median, maximum);
- lays out a small strip chart of that distribution (`strip_chart`) that the template draws as
  offline SVG — coordinates only, so the template escapes every label.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Weights of the three similarities; they add up to 1.
TEXT_WEIGHT = 0.5
AMOUNT_WEIGHT = 0.3
CIRCUMSTANCE_WEIGHT = 0.2

CIRCUMSTANCE_ORDER = ("minor", "ordinary", "serious", "grave")
CIRCUMSTANCE_LABELS = {"minor": "轻微", "ordinary": "一般", "serious": "较重", "grave": "严重"}

_NOISE = re.compile(r"[^\w]|_", re.UNICODE)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PastCase:
    """A decided case as the ranking sees it."""

    case_id: int
    number: str
    title: str
    facts: str
    fine: Decimal | None
    circumstance: str = ""
    decided_on: date | None = None
    unit: str = ""

    @property
    def circumstance_label(self) -> str:
        return CIRCUMSTANCE_LABELS.get(self.circumstance, "—")


@dataclass(frozen=True)
class Draft:
    """The draft decision being weighed."""

    facts: str
    fine: Decimal | None
    circumstance: str = ""


@dataclass(frozen=True)
class SimilarCase:
    case: PastCase
    text: float
    amount: float
    circumstance: float

    @property
    def score(self) -> float:
        return TEXT_WEIGHT * self.text + AMOUNT_WEIGHT * self.amount + CIRCUMSTANCE_WEIGHT * self.circumstance

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def text_percent(self) -> int:
        return round(self.text * 100)


def normalize_text(text: str) -> str:
    """What the text similarity compares: full-width forms folded (NFKC), digit runs replaced by
    one placeholder (dates and readings differ in every case), punctuation and spaces removed."""
    folded = unicodedata.normalize("NFKC", text or "")
    return _NOISE.sub("", _DIGITS.sub("0", folded))


def text_similarities(query: str, documents: Sequence[str]) -> list[float]:
    """Cosine similarity of `query` to each document over character-bigram TF-IDF vectors.

    Bigrams need no word segmentation (Chinese has no spaces) and inverse document frequency
    discounts the boilerplate every decision shares (“经查”、“你单位”). The vocabulary is fitted on
    the documents and the query together, so a rare term shared by both counts.
    """
    if not documents:
        return []
    texts = [normalize_text(query), *(normalize_text(d) for d in documents)]
    if not any(len(t) >= 2 for t in texts):
        return [0.0] * len(documents)
    from sklearn.feature_extraction.text import TfidfVectorizer  # import on first use: ~1 s
    from sklearn.metrics.pairwise import linear_kernel

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True, lowercase=False)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no bigram at all (empty vocabulary)
        return [0.0] * len(documents)
    # Rows are L2-normalised, so the dot product is the cosine.
    scores = linear_kernel(matrix[0:1], matrix[1:]).ravel()
    return [float(min(1.0, max(0.0, s))) for s in scores]


def amount_similarity(a: Decimal | None, b: Decimal | None) -> float:
    """1 for equal fines, falling linearly in |log10(a/b)| to 0 at a factor of ten; 0 when unknown."""
    if a is None or b is None:
        return 0.0
    if a <= 0 or b <= 0:
        return 1.0 if a == b else 0.0
    distance = abs(math.log10(float(a) / float(b)))
    return max(0.0, 1.0 - distance)


def circumstance_similarity(a: str, b: str) -> float:
    """1 for the same band, 0.5 for a neighbouring band, 0 otherwise or when unknown."""
    if a not in CIRCUMSTANCE_ORDER or b not in CIRCUMSTANCE_ORDER:
        return 0.0
    gap = abs(CIRCUMSTANCE_ORDER.index(a) - CIRCUMSTANCE_ORDER.index(b))
    return {0: 1.0, 1: 0.5}.get(gap, 0.0)


def similar_cases(draft: Draft, past: Sequence[PastCase], *, limit: int = 5) -> list[SimilarCase]:
    """ENF-112: the `limit` past cases most like the draft, best first (ties: the more recent)."""
    texts = text_similarities(draft.facts, [p.facts for p in past])
    ranked = [
        SimilarCase(
            case=p,
            text=t,
            amount=amount_similarity(draft.fine, p.fine),
            circumstance=circumstance_similarity(draft.circumstance, p.circumstance),
        )
        for p, t in zip(past, texts, strict=True)
    ]
    ranked.sort(key=lambda s: (-s.score, -(s.case.decided_on or date.min).toordinal(), -s.case.case_id))
    return ranked[:limit]


@dataclass(frozen=True)
class Distribution:
    """Where a value stands among past fines (ENF-112)."""

    count: int
    minimum: Decimal
    q1: Decimal
    median: Decimal
    q3: Decimal
    maximum: Decimal
    value: Decimal | None
    below: int = 0
    equal: int = 0
    above: int = 0

    @property
    def percentile(self) -> int | None:
        """Percentile rank of the value: share of past fines below it, ties counting half."""
        if self.value is None or not self.count:
            return None
        return round((self.below + self.equal / 2) * 100 / self.count)

    @property
    def position(self) -> str:
        """In words, for the panel."""
        p = self.percentile
        if p is None:
            return "拟作出的决定尚未确定罚款金额"
        if self.value is not None and self.value > self.maximum:
            return "高于以往同类案件的最高罚款"
        if self.value is not None and self.value < self.minimum:
            return "低于以往同类案件的最低罚款"
        if p < 25:
            return "处于以往同类案件的较低区间"
        if p <= 75:
            return "处于以往同类案件的中间区间"
        return "处于以往同类案件的较高区间"


def _quantize(x: float | Decimal) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"))


def distribution(amounts: Sequence[Decimal], value: Decimal | None) -> Distribution | None:
    """The distribution of `amounts` and the position of `value` in it; None without amounts."""
    xs = sorted(amounts)
    if not xs:
        return None
    if len(xs) == 1:
        q1 = med = q3 = xs[0]
    else:
        q1_f, med_f, q3_f = statistics.quantiles([float(x) for x in xs], n=4, method="inclusive")
        q1, med, q3 = _quantize(q1_f), _quantize(med_f), _quantize(q3_f)
    below = equal = above = 0
    if value is not None:
        below = sum(1 for x in xs if x < value)
        equal = sum(1 for x in xs if x == value)
        above = len(xs) - below - equal
    return Distribution(len(xs), xs[0], q1, med, q3, xs[-1], value, below, equal, above)


# ---------------------------------------------------------------- strip chart


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class StripChart:
    """Coordinates of the strip chart (viewBox 0 0 width height): one dot per past fine, the
    quartile box and median, the standard's range as a band, the draft as a marker."""

    width: int
    height: int
    axis_y: float
    dots: list[Mark] = field(default_factory=list)
    box: tuple[float, float] | None = None
    median_x: float | None = None
    band: tuple[float, float] | None = None  # x and width
    draft: Mark | None = None
    ticks: list[Mark] = field(default_factory=list)
    title: str = ""

    @property
    def axis_end(self) -> int:
        return self.width - 16

    @property
    def median_top(self) -> float:
        return self.axis_y - 8

    @property
    def median_bottom(self) -> float:
        return self.axis_y + 8

    @property
    def band_height(self) -> float:
        return self.axis_y - 4


WIDTH, HEIGHT, PAD = 560, 96, 28


def strip_chart(
    amounts: Sequence[Decimal],
    dist: Distribution | None,
    *,
    draft: Decimal | None = None,
    band: tuple[Decimal, Decimal] | None = None,
    label: Callable[[Decimal], str] = str,
) -> StripChart | None:
    """Lay out the chart on a linear scale spanning the fines, the draft and the band."""
    if dist is None:
        return None
    fmt = label
    values = [float(a) for a in amounts]
    extra = [float(draft)] if draft is not None else []
    if band is not None:
        extra += [float(band[0]), float(band[1])]
    lo, hi = min(values + extra), max(values + extra)
    if hi == lo:
        lo, hi = lo * 0.9, hi * 1.1 if hi else 1.0

    def x(v: float | Decimal) -> float:
        return round(PAD + (float(v) - lo) * (WIDTH - 2 * PAD) / (hi - lo), 1)

    axis = 52.0
    dots = [Mark(x(a), axis - 14 - 6 * (i % 3), fmt(a)) for i, a in enumerate(sorted(amounts))]
    # min and max labels on one line, the median's below them so close values do not overlap
    ticks = [Mark(x(dist.minimum), axis + 22, fmt(dist.minimum))]
    if dist.maximum != dist.minimum:
        ticks.append(Mark(x(dist.median), axis + 36, "中位数 " + fmt(dist.median)))
        ticks.append(Mark(x(dist.maximum), axis + 22, fmt(dist.maximum)))
    return StripChart(
        width=WIDTH,
        height=HEIGHT,
        axis_y=axis,
        dots=dots,
        box=(x(dist.q1), x(dist.q3)),
        median_x=x(dist.median),
        band=(x(band[0]), round(x(band[1]) - x(band[0]), 1)) if band is not None else None,
        draft=Mark(x(draft), axis, fmt(draft)) if draft is not None else None,
        ticks=ticks,
        title=f"以往{dist.count}件同类案件的罚款分布",
    )
