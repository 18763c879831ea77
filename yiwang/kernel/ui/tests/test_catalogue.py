"""The committed English catalogue: every translation in the .po is in the compiled .mo Django loads."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(po: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (single forms only, as Yiwang's catalogue has)."""
    entries: dict[str, str] = {}
    key: str | None = None
    current: dict[str, str] = {}
    for raw in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith(("msgid ", "msgstr ")):
            key, _, literal = line.partition(" ")
            current[key] = ast.literal_eval(literal)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line and current:
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", "")
            current, key = {}, None
    return entries


def test_every_interface_string_has_an_english_translation() -> None:
    entries = _entries(PO)
    assert len(entries) >= 25
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    with PO.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = {msgid: msgstr for msgid, msgstr in _entries(PO).items() if compiled.gettext(msgid) != msgstr}
    assert stale == {}, "run `make messages` and commit locale/en/LC_MESSAGES/django.mo"
