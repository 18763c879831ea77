"""Render a `Document` as PDF (A4) with the CJK font embedded; output is byte-for-byte repeatable."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from yiwang.kernel.errors import DomainError

from .fonts import cjk_font
from .model import Document, Fields, Grid, Heading, Para, RenderedDocument

BODY = 12
ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
FRAME_W = A4[0] - 50 * mm


def _style(
    font: str, size: float, *, align: str = "justify", indent: bool = False, leading: float = 1.6
) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{align}{indent}",
        fontName=font,
        fontSize=size,
        leading=size * leading,
        alignment=ALIGN[align],
        firstLineIndent=2 * size if indent else 0,
        wordWrap="CJK",
        spaceAfter=size * 0.3,
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _fields(block: Fields, font: str) -> Table:
    style = _style(font, 10.5, align="left", leading=1.45)
    cols = 2 * max(len(row) for row in block.rows)
    widths = [0.18, 0.32, 0.18, 0.32] if cols == 4 else [0.22, 0.78]
    data: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    for r, row in enumerate(block.rows):
        spans += [("BACKGROUND", (2 * i, r), (2 * i, r), colors.HexColor("#f3f4f6")) for i in range(len(row))]
        cells: list[Any] = []
        for label, value in row:
            cells += [_p(label, style), _p(value, style)]
        if len(cells) < cols:
            spans.append(("SPAN", (len(cells) - 1, r), (cols - 1, r)))
            cells += [""] * (cols - len(cells))
        data.append(cells)
    table = Table(data, colWidths=[w * FRAME_W for w in widths])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *spans,
            ]
        )
    )
    return table


def _grid(block: Grid, font: str) -> Table:
    style = _style(font, 10.5, align="left", leading=1.45)
    total = sum(block.widths)
    data = [[_p(h, style) for h in block.header]] + [[_p(c, style) for c in row] for row in block.rows]
    table = Table(data, colWidths=[w / total * FRAME_W for w in block.widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f4f6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def render_pdf(doc: Document) -> RenderedDocument:
    font = cjk_font()
    missing = font.missing(doc.text())
    if missing:
        shown = "、".join(missing[:10])
        raise DomainError(
            "pdf_glyph_missing",
            f"PDF字体缺少以下字符，无法正确生成：{shown}。请改用包含这些字符的字体（环境变量 YIWANG_PDF_FONT）或生成Word文档",
            details={"characters": missing},
        )
    name = font.name
    story: list[Flowable] = [
        _p(doc.agency, _style(name, 16, align="center")),
        _p(doc.title, _style(name, 20, align="center", leading=1.5)),
    ]
    if doc.number:
        story.append(_p(doc.number, _style(name, BODY, align="center")))
    story.append(Spacer(1, 4 * mm))
    for block in doc.blocks:
        if isinstance(block, Heading):
            story.append(_p(block.text, _style(name, BODY + 1, align="left")))
        elif isinstance(block, Para):
            story.append(_p(block.text, _style(name, BODY, align=block.align, indent=block.indent)))
        elif isinstance(block, Fields):
            story += [_fields(block, name), Spacer(1, 3 * mm)]
        elif isinstance(block, Grid):
            story += [_grid(block, name), Spacer(1, 3 * mm)]
        else:
            story.append(Spacer(1, 6 * mm))
            story += [_p(line, _style(name, BODY, align="right")) for line in block.lines]

    def footer(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(name, 9)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"第 {canvas.getPageNumber()} 页")
        canvas.restoreState()

    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=22 * mm,
        title=f"{doc.title} {doc.number}".strip(),
        author=doc.agency,
        subject=doc.title,
        creator="Yiwang",
        invariant=1,
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return RenderedDocument.of(doc, "pdf", "application/pdf", buf.getvalue())
