"""Render a `Document` as DOCX (python-docx); output is byte-for-byte repeatable."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from .model import Document, Fields, Grid, Heading, Para, RenderedDocument, Sign

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT = ("FangSong", "仿宋")
TITLE_FONT = ("SimSun", "宋体")
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _run(p: Paragraph, text: str, size: float, font: tuple[str, str] = BODY_FONT, bold: bool = False) -> None:
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font[0]
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font[1])


def _para(
    container: object,
    text: str,
    size: float = 14,
    *,
    align: str = "justify",
    indent: bool = False,
    **kw: object,
) -> Paragraph:
    p: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = ALIGN[align]
    p.paragraph_format.line_spacing = 1.4
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    for i, line in enumerate(text.split("\n")):
        if i:
            p.add_run().add_break()
        _run(p, line, size, **kw)  # type: ignore[arg-type]
    return p


def _cell_text(cell: object, text: str) -> None:
    cell.paragraphs[0].text = ""  # type: ignore[attr-defined]
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    for i, line in enumerate(text.split("\n")):
        if i:
            p.add_run().add_break()
        _run(p, line, 11)


def _fields(d: object, block: Fields) -> None:
    cols = 2 * max(len(row) for row in block.rows)
    table = d.add_table(rows=len(block.rows), cols=cols)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(3.0), Cm(5.0), Cm(3.0), Cm(5.0)] if cols == 4 else [Cm(3.6), Cm(12.4)]
    for r, row in enumerate(block.rows):
        cells = table.rows[r].cells
        for i, (label, value) in enumerate(row):
            _cell_text(cells[2 * i], label)
            _cell_text(cells[2 * i + 1], value)
        used = 2 * len(row)
        if used < cols:
            cells[used - 1].merge(cells[cols - 1])
        for c, w in enumerate(widths):
            table.rows[r].cells[c].width = w


def _grid(d: object, block: Grid) -> None:
    table = d.add_table(rows=1 + len(block.rows), cols=len(block.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    total = sum(block.widths)
    for r, row in enumerate((block.header, *block.rows)):
        for c, text in enumerate(row):
            cell = table.rows[r].cells[c]
            _cell_text(cell, text)
            cell.width = Cm(16 * block.widths[c] / total)


def _repack(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so the same document always has the same digest."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(doc: Document) -> RenderedDocument:
    d = new_docx()
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    props = d.core_properties
    stamp = datetime.combine(doc.issued_on, time(0, 0)) if doc.issued_on else datetime(2000, 1, 1)
    props.title = f"{doc.title} {doc.number}".strip()
    props.subject = doc.title
    props.author = props.last_modified_by = doc.agency
    props.created = props.modified = stamp
    props.revision = 1
    props.comments = ""
    _para(d, doc.agency, 18, align="center", font=TITLE_FONT)
    _para(d, doc.title, 22, align="center", font=TITLE_FONT, bold=True)
    if doc.number:
        _para(d, doc.number, 14, align="center")
    for block in doc.blocks:
        if isinstance(block, Heading):
            _para(d, block.text, 14, align="left", bold=True)
        elif isinstance(block, Para):
            _para(d, block.text, 14, align=block.align, indent=block.indent)
        elif isinstance(block, Fields):
            _fields(d, block)
        elif isinstance(block, Grid):
            _grid(d, block)
        elif isinstance(block, Sign):
            _para(d, "", 14)
            for line in block.lines:
                _para(d, line, 14, align="right")
    buf = io.BytesIO()
    d.save(buf)
    return RenderedDocument.of(doc, "docx", DOCX_TYPE, _repack(buf.getvalue()))
