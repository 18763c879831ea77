"""A small document model between the case data and the file formats.

Each standard document is built once as a `Document` of blocks (headings, paragraphs, label/value
forms, grids, signature lines); `docx.py` and `pdf.py` each render any `Document`, so the Word
file and the PDF always say the same thing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True  # first-line indent of two characters
    align: str = "justify"  # justify / left / center / right


@dataclass(frozen=True)
class Fields:
    """A form: each row holds one or two (label, value) pairs."""

    rows: tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths


@dataclass(frozen=True)
class Sign:
    """Right-aligned closing lines: agency and seal, date."""

    lines: tuple[str, ...]


Block = Heading | Para | Fields | Grid | Sign


@dataclass(frozen=True)
class Document:
    kind: str  # DocumentKind value
    title: str
    agency: str
    number: str
    issued_on: date | None
    blocks: tuple[Block, ...]

    def text(self) -> str:
        """Every visible string, in order (what a reader of the PDF or DOCX should find)."""
        parts = [self.agency, self.title, self.number]
        for b in self.blocks:
            if isinstance(b, Heading | Para):
                parts.append(b.text)
            elif isinstance(b, Fields):
                parts.extend(x for row in b.rows for pair in row for x in pair)
            elif isinstance(b, Grid):
                parts.extend(b.header)
                parts.extend(x for row in b.rows for x in row)
            else:
                parts.extend(b.lines)
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class RenderedDocument:
    """A generated file with its digests, ready to be stored and entered in the ledger."""

    kind: str
    title: str
    number: str
    filename: str
    media_type: str
    content: bytes
    sha256: str
    sm3: str

    @classmethod
    def of(cls, doc: Document, extension: str, media_type: str, content: bytes) -> RenderedDocument:
        stem = doc.title + (f"（{doc.number}）" if doc.number else "")
        for ch in '/\\:*?"<>|':
            stem = stem.replace(ch, "_")
        return cls(
            kind=doc.kind,
            title=doc.title,
            number=doc.number,
            filename=f"{stem}.{extension}",
            media_type=media_type,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            sm3=hashlib.new("sm3", content).hexdigest(),
        )
