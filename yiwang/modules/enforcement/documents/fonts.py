"""The CJK font embedded in generated PDFs.

A PDF for a party or a court must look the same on every machine, so the font is embedded (as a
TrueType subset, ``/FontFile2``). reportlab embeds TrueType outlines only, so the font must be a
TrueType (glyf) font, not a CFF-based OpenType font such as Noto Sans CJK.

Where it comes from, in order: the ``YIWANG_PDF_FONT`` environment variable (a .ttf/.ttc path), then
Debian's free fonts: ``fonts-wqy-microhei`` (文泉驿微米黑, Apache-2.0 or GPL-3 with font exception —
the default, installed by the project's setup), ``fonts-wqy-zenhei``, ``fonts-arphic-uming``,
``fonts-droid-fallback``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from yiwang.kernel.errors import DomainError

CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
FONT_NAME = "YiwangCJK"


@dataclass(frozen=True)
class EmbeddedFont:
    name: str  # reportlab font name
    path: Path
    codepoints: frozenset[int]

    def missing(self, text: str) -> list[str]:
        """Characters of `text` the font cannot draw (whitespace aside), in order of first use."""
        seen: dict[str, None] = {}
        for ch in text:
            if not ch.isspace() and ord(ch) not in self.codepoints:
                seen.setdefault(ch)
        return list(seen)


def font_path() -> Path:
    configured = os.environ.get("YIWANG_PDF_FONT", "").strip()
    for candidate in (configured, *CANDIDATES) if configured else CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise DomainError(
        "pdf_font_missing",
        "未找到可嵌入PDF的中文TrueType字体。请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei），"
        "或以环境变量 YIWANG_PDF_FONT 指定 .ttf/.ttc 字体文件",
        status=500,
    )


@cache
def _load(path: Path) -> EmbeddedFont:
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except TTFError as exc:
        raise DomainError(
            "pdf_font_unusable", f"字体文件 {path} 无法嵌入PDF（须为TrueType轮廓字体）：{exc}", status=500
        ) from exc
    pdfmetrics.registerFont(font)
    return EmbeddedFont(FONT_NAME, path, frozenset(font.face.charToGlyph))


def cjk_font() -> EmbeddedFont:
    """The registered font, loaded once per process."""
    return _load(font_path())
