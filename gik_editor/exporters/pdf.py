"""The report as a PDF ready for signature and filing.

The page follows GB/T 9704 (党政机关公文格式): A4, top margin 37 mm, left 28 mm,
a 156 × 225 mm text area of 22 lines, title in 小标宋/黑体 22 pt, body in 仿宋
16 pt with a two-character first-line indent, level-1 headings in 黑体, run-in
sub-part titles in 楷体, 28 characters a line, page numbers "— 1 —" 7 mm under the text area,
odd pages at the right, even pages at the left, one character in.
The document is walked from `document.blocks()` and the tables from their
format grid, so nothing here knows a particular table. Fonts are embedded
(subset); `fonts.choose` refuses a character that no font has.

`render()` gives the bytes that `export()` writes and the print preview shows and prints.
"""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from .. import fonts
from ..document import Block, Heading, TableBlock, Title, blocks, cell_texts
from ..document import Paragraph as TextParagraph
from ..report import Report
from ..storage import GikFileError, write_atomic
from . import pdf_signoff, pdf_table
from .linebreak import title_lines
from .pdf_text import CJKText

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

PAGE_W, PAGE_H = A4
TOP, LEFT = 37 * mm, 28 * mm
TEXT_W, TEXT_H = 156 * mm, 225 * mm
BOTTOM = PAGE_H - TOP - TEXT_H
LINES_PER_PAGE = 22
LINE = TEXT_H / LINES_PER_PAGE           # fixed line pitch of the body, ≈ 29 pt
CHARS_PER_LINE = 28
BODY_SIZE = 16.0                         # 三号
PITCH = TEXT_W / CHARS_PER_LINE          # the body's character grid: 28 characters a line, ≈ 15.8 pt
TITLE_SIZE = 22.0                        # 二号
FOLIO_SIZE = 14.0                        # 四号
FOLIO_GAP = 7 * mm                       # from the text area's bottom edge to the dashes
INDENT = 2 * PITCH                       # two characters
DATE_RIGHT = 4 * BODY_SIZE               # GB/T 9704: the date stands four characters from the right
SEAL_SPACE = 2 * LINE                    # the seal (Ø 42 mm) sits over the organ name and date
FOLIO_SAMPLE = "— 0123456789 —"
CREATOR = "政府信息公开年报编辑器"


def export(report: Report, path: Path, sign_off: bool = False) -> None:
    """Write the report's PDF to `path` atomically; GikFileError (Chinese) on a missing glyph or a write failure.

    `sign_off`: the copy for signature (the document as published, then a 发文稿纸 page with
    签发、审核、拟稿); name its file with `pdf_signoff.signed_copy_path`.
    """
    write_atomic(Path(path), render(report, sign_off))


def render(report: Report, sign_off: bool = False) -> bytes:
    """The PDF file's bytes: exactly what export() writes and the print preview shows."""
    values = {cid: clean(t) for cid, t in cell_texts(report).items()}
    story_blocks = blocks(report)
    faces = fonts.choose(_printed_pieces(report, story_blocks, values, sign_off))
    names = {role: _register(face) for role, face in faces.items()}
    story = _story(report, story_blocks, values, names, sign_off)
    fmt = report.format
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=LEFT, rightMargin=PAGE_W - LEFT - TEXT_W, topMargin=TOP,
        bottomMargin=BOTTOM, title=clean(report.display_title), author=clean(report.meta.organ_name),
        subject=f"{fmt.name}（{fmt.basis}）", creator=CREATOR, lang="zh-CN",
        keywords=", ".join(["政府信息公开工作年度报告", *([str(report.meta.year)] if report.meta.year else [])]),
        # the canvas would otherwise start every page in Helvetica, a font that is never embedded
        initialFontName=names["body"], initialFontSize=BODY_SIZE)
    frame = Frame(LEFT, BOTTOM, TEXT_W, TEXT_H, 0, 0, 0, 0, id="text")

    def folio(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(names["folio"], FOLIO_SIZE)
        # the dashes sit at mid-height of the digits, their top FOLIO_GAP under the text area;
        # GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字
        y = BOTTOM - FOLIO_GAP - FOLIO_SIZE * 0.45
        text = f"— {document.page} —"
        if document.page % 2:
            canvas.drawRightString(LEFT + TEXT_W - FOLIO_SIZE, y, text)
        else:
            canvas.drawString(LEFT + FOLIO_SIZE, y, text)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=folio),
                          PageTemplate(id="slip", frames=[frame])])     # the 发文稿纸 has no page number
    try:
        doc.build(story)
    except LayoutError as e:
        raise GikFileError("无法排版PDF：有一处内容比一整页还高，请把过长的段落分成几段后重试。") from e
    return buf.getvalue()


def clean(text: str) -> str:
    """The text as printed: control and invisible format characters (zero-width spaces, stray
    surrogates) and Unicode noncharacters dropped; they have no glyph and carry nothing to print."""
    return "".join(c for c in text if c == "\n" or not _invisible(c))


def _invisible(c: str) -> bool:
    cp = ord(c)
    return (unicodedata.category(c) in ("Cc", "Cf", "Cs")
            or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE)


def sign_date(iso: str) -> str:
    """'2021-01-20' → '2021年1月20日' (GB/T 9704: Arabic numerals, no leading zeros); blank → room to write one."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", iso)
    if m:
        return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
    return clean(iso).strip() or "　　　　年　　月　　日"


def _printed_pieces(report: Report, story_blocks: list[Block], values: dict[str, str], sign_off: bool) -> list[str]:
    pieces: list[str] = [FOLIO_SAMPLE]
    for b in story_blocks:
        if isinstance(b, (Title, Heading)):
            pieces.append(clean(b.text))
        elif isinstance(b, TextParagraph):
            pieces += [clean(b.lead), clean(b.text)]
        elif isinstance(b, TableBlock):
            pieces += [g.text for g in b.table.grid]
    pieces += values.values()
    if sign_off:
        pieces += [clean(report.meta.organ_name), sign_date(report.meta.publish_date), *pdf_signoff.PIECES]
        pieces += [clean(getattr(report.meta, key)) for _, key, _ in pdf_signoff.SIGNERS]
    return pieces


def _register(face: fonts.FontFace) -> str:
    font = fonts.load(face)
    if font is None:     # chosen a moment ago, so only a file removed in between gets here
        raise GikFileError(f"字体“{face.label}”无法读取，请重试。")
    pdfmetrics.registerFont(font)
    name: str = font.fontName           # a reportlab TTFont, which ships no types
    return name


def _story(report: Report, story_blocks: list[Block], values: dict[str, str], names: dict[str, str],
           sign_off: bool) -> list[Flowable]:
    story: list[Flowable] = []
    for b in story_blocks:
        if isinstance(b, Title):
            title = "\n".join(title_lines(clean(b.text).replace("\n", " "), TEXT_W, TITLE_SIZE))
            story += [CJKText([(title, names["title"])], TITLE_SIZE, TITLE_SIZE * 1.45, align="center", balance=True),
                      Spacer(1, LINE)]
        elif isinstance(b, Heading):
            story.append(CJKText([(b.text, names["heading"])], BODY_SIZE, LINE, INDENT, "left", keep_with_next=True,
                                 pitch=PITCH))
        elif isinstance(b, TextParagraph):
            runs = [(clean(b.lead), names["lead"])] if b.lead else []
            if story and getattr(story[-1], "keepWithNext", False):
                # a heading stays with the first two lines of its text, not with all of a long paragraph
                # (kept with all of it, a paragraph longer than the rest of the page would leave the page empty)
                heading = story.pop()
                heading.keepWithNext = False
                story += [CondPageBreak(3 * LINE), heading]
            story.append(CJKText(runs + [(clean(b.text), names["body"])], BODY_SIZE, LINE, INDENT, pitch=PITCH))
        elif isinstance(b, TableBlock):
            table, first = pdf_table.build(b.table, values, names["table"], TEXT_W, TEXT_H - LINE)
            gap = Spacer(1, LINE / 4)
            before = [gap]
            if story and getattr(story[-1], "keepWithNext", False):
                # a heading right before its table moves with the table's first block
                before = [story.pop(), gap]
                first += LINE
            story += [CondPageBreak(first + gap.height), *before, table, Spacer(1, LINE / 2)]
    if sign_off:
        # GB/T 9704 7.3.5.4: the signature never stands alone on a page, so it keeps the last paragraph
        tail = story.pop() if story and isinstance(story[-1], CJKText) else None
        signature = pdf_signoff.Signature(clean(report.meta.organ_name).strip(), sign_date(report.meta.publish_date),
                                          names["body"], BODY_SIZE, LINE, SEAL_SPACE, DATE_RIGHT)
        story.append(KeepTogether(([tail] if tail else []) + [signature]))
        story += [NextPageTemplate("slip"), PageBreak(),
                  *pdf_signoff.slip(report, clean(report.display_title), names, TEXT_W)]
    return story
