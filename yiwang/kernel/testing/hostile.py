"""Hostile strings for test data: every text field should survive them and every page escape them.

    from yiwang.kernel.testing import hostile_text, HOSTILE
    hostile_text("script")                 # '<script>alert(1)</script>'
    hostile_text(index=n, max_length=100)  # cycle through all kinds, cut to the field's length
    hostile_text("long_chinese")           # 2,000 Chinese characters

In factory_boy factories use `HostileSequence` (deterministic, cycles through every kind, can be
made unique) or `HostileFuzzer` (random kind, seeded through ``factory.random``):

    class CaseFactory(factory.django.DjangoModelFactory):
        title = HostileSequence(max_length=200)
        code = HostileSequence(max_length=40, unique=True)

NUL characters are left out on purpose: PostgreSQL refuses them in text, so they belong in tests of
input validation (``HOSTILE_CONTROL``), not in factories.
"""

from __future__ import annotations

from typing import Any

import factory
from factory import fuzzy
from factory.random import randgen

SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

_CHINESE_SOURCE = (
    "县人民政府关于进一步规范行政执法行为推进政务公开工作的通知各乡镇人民政府街道办事处县政府各部门"
    "为深入贯彻落实法治政府建设实施纲要全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度"
)


def _long_chinese(n: int = 2000) -> str:
    reps = n // len(_CHINESE_SOURCE) + 1
    return (_CHINESE_SOURCE * reps)[:n]


HOSTILE: dict[str, str] = {
    "script": SCRIPT,
    "attribute": '"><img src=x onerror=alert(1)>',
    "template": "{{ request.user }}{% csrf_token %}${7*7}",
    "long_chinese": _long_chinese(),
    "fullwidth_digits": "１２３４５６７８９０",
    "emoji": "😀👍🏽🇨🇳👨\u200d👩\u200d👧",
    "rtl": "\u202eabc\u202c \u200fمرحبا\u200f שלום",
    "sql": "'; DROP TABLE people_person; -- \"Robert'); --",
    "whitespace": "\u3000前后全角空格\u3000\t",
    "combining": "Z\u0364\u0351a\u0308\u0316l\u036eg\u0317o",
    "mixed": f"{SCRIPT}执法１２３😀\u202e\"'",
}

HOSTILE_CONTROL: dict[str, str] = {
    "nul": "a\x00b",
    "newlines": "第一行\r\n第二行\n\u2028第三行",
}

KINDS: tuple[str, ...] = tuple(HOSTILE)


def hostile_text(
    kind: str | None = None, *, index: int = 0, max_length: int | None = None, unique: Any = None
) -> str:
    """One hostile string: `kind` by name, or the `index`-th kind in turn; cut to `max_length`.

    With `unique`, a suffix ``#<unique>`` is kept at the end (still within `max_length`).
    """
    text = HOSTILE[kind] if kind is not None else HOSTILE[KINDS[index % len(KINDS)]]
    suffix = "" if unique is None else f"#{unique}"
    if max_length is not None:
        if len(suffix) >= max_length:
            return suffix[-max_length:]
        text = text[: max_length - len(suffix)]
    return text + suffix


def all_hostile(max_length: int | None = None) -> list[str]:
    return [hostile_text(k, max_length=max_length) for k in KINDS]


class HostileSequence(factory.Sequence):
    """factory_boy declaration: the n-th object gets the n-th hostile kind (cycled)."""

    def __init__(self, *, max_length: int | None = None, unique: bool = False) -> None:
        super().__init__(lambda n: hostile_text(index=n, max_length=max_length, unique=n if unique else None))


class HostileFuzzer(fuzzy.BaseFuzzyAttribute):
    """factory_boy fuzzer: a random hostile kind (reproducible through ``factory.random.reseed_random``)."""

    def __init__(self, *, max_length: int | None = None, kinds: tuple[str, ...] = KINDS) -> None:
        super().__init__()
        self.max_length = max_length
        self.kinds = kinds

    def fuzz(self) -> str:
        kind = randgen.choice(self.kinds)
        return hostile_text(kind, max_length=self.max_length)
