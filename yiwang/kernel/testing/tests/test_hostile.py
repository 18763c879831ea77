"""Hostile strings and the factories that use them (issue 2, item 8: "tests that bite")."""

from __future__ import annotations

import unicodedata

import factory
import pytest
from django.contrib.auth.models import Group

from yiwang.kernel.testing import HOSTILE, SCRIPT, HostileFuzzer, HostileSequence, all_hostile, hostile_text
from yiwang.kernel.testing.hostile import HOSTILE_CONTROL, KINDS


def test_the_promised_kinds_are_there() -> None:
    assert hostile_text("script") == "<script>alert(1)</script>" == SCRIPT
    long = hostile_text("long_chinese")
    assert len(long) == 2000
    assert all("\u4e00" <= ch <= "\u9fff" for ch in long)
    assert hostile_text("fullwidth_digits") == "１２３４５６７８９０"
    assert unicodedata.normalize("NFKC", hostile_text("fullwidth_digits")) == "1234567890"
    assert any(ord(ch) > 0xFFFF for ch in hostile_text("emoji"))  # outside the BMP (4-byte UTF-8)
    assert "\u202e" in hostile_text("rtl") and "\u200f" in hostile_text("rtl")
    assert "'" in hostile_text("sql") and '"' in hostile_text("sql") and "--" in hostile_text("sql")
    assert "\x00" not in "".join(HOSTILE.values())  # PostgreSQL refuses NUL in text
    assert "\x00" in HOSTILE_CONTROL["nul"]


def test_cut_to_length_and_kept_unique() -> None:
    assert len(hostile_text("long_chinese", max_length=200)) == 200
    assert hostile_text("script", max_length=2, unique=12345) == "45"
    text = hostile_text("script", max_length=10, unique=12)
    assert len(text) == 10 and text.endswith("#12") and text.startswith("<script")
    assert hostile_text(index=len(KINDS)) == hostile_text(index=0)
    assert all(len(t) <= 30 for t in all_hostile(max_length=30))


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = HostileSequence(max_length=150, unique=True)


@pytest.mark.django_db
def test_sequence_cycles_through_every_kind_and_saves() -> None:
    groups = GroupFactory.create_batch(len(KINDS))
    stored = [Group.objects.get(pk=g.pk).name for g in groups]
    assert stored == [g.name for g in groups]  # round-trips through the database unchanged
    prefixes = {name.rsplit("#", 1)[0] for name in stored}
    assert len(prefixes) == len(KINDS)


def test_fuzzer_is_reproducible() -> None:
    fuzzer = HostileFuzzer(max_length=50)
    factory.random.reseed_random("yiwang")
    first = [fuzzer.fuzz() for _ in range(10)]
    factory.random.reseed_random("yiwang")
    assert [fuzzer.fuzz() for _ in range(10)] == first
    assert all(len(t) <= 50 for t in first)
