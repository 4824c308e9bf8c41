"""The sign-off copy (签发稿) of the PDF: the document as published, then a 发文稿纸 page for the signatures.

The document ends as it is published: room for the seal, the organ's name centred
over the date, the date four characters from the right margin (GB/T 9704 7.3.5).
拟稿、审核、签发 are not part of the document: they go on the approval slip
(发文稿纸), a page of its own after the document with no page number, which is
filed with the signed copy and never published. The file is named …-签发稿.pdf
so that nobody uploads it by mistake.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus import Table as RLTable

from ..report import Report
from .linebreak import title_lines
from .pdf_text import CJKText

SUFFIX = "-签发稿"
SLIP_TITLE = "发文稿纸"
SLIP_SIZE = 16.0                                  # 三号, like the body
SIGNERS = (("签发", "signer", 5), ("审核", "reviewer", 2), ("拟稿", "drafter", 2))   # label, meta field, lines
HAND_DATE = "年　　月　　日"
PUBLICITY = "主动公开"
LABEL_W = 34 * mm
PAD = 6.0
PIECES = (SLIP_TITLE, HAND_DATE, PUBLICITY, "拟稿单位文件标题公开方式正文页数共页", "0123456789",
          *(label for label, _, _ in SIGNERS))


def signed_copy_path(path: Path | str) -> Path:
    """`path` named as the sign-off copy (报告.pdf → 报告-签发稿.pdf); a name that says so already is kept."""
    path = Path(path)
    if "签发稿" in path.stem:
        return path
    return path.with_name(f"{path.stem}{SUFFIX}{path.suffix or '.pdf'}")


class Signature(Flowable):  # type: ignore[misc]   # reportlab ships no types: Flowable is Any
    """Room for the seal, then the organ name centred over the date, the date `date_right` from the right.

    Drawn at exact positions, so that the blanks of an unset date (　　年　　月　　日) keep their width.
    """

    def __init__(self, organ: str, date: str, font: str, size: float, line: float, seal_space: float,
                 date_right: float) -> None:
        super().__init__()
        self.organ, self.date, self.font, self.size = organ, date, font, size
        self.line, self.seal_space, self.date_right = line, seal_space, date_right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.seal_space + 2 * self.line

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        right = self.width - self.date_right
        middle = right - pdfmetrics.stringWidth(self.date, self.font, self.size) / 2
        organ_w = pdfmetrics.stringWidth(self.organ, self.font, self.size)
        first = 2 * self.line - self.size            # baseline of the organ's line, under the seal's room
        if organ_w > self.width:                     # a name longer than a line shrinks, never runs off the page
            c.setFont(self.font, self.size * self.width / organ_w)
            organ_w = self.width
        # centred over the date, or as near as the right margin lets a long name stand
        c.drawString(max(0.0, min(middle - organ_w / 2, self.width - organ_w)), first, self.organ)
        c.setFont(self.font, self.size)
        c.drawRightString(right, first - self.line, self.date)


class _Signing(Flowable):  # type: ignore[misc]   # reportlab ships no types: Flowable is Any
    """A signature box of the slip: the name typed in 基本信息 (if any) at the top, the date written by hand."""

    def __init__(self, name: str, font: str, size: float, lines: int) -> None:
        super().__init__()
        self.name, self.font, self.size, self.lines = name, font, size, lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.lines * self.size * 1.8

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        height = self.lines * self.size * 1.8
        if self.name:
            c.drawString(0, height - self.size * 1.2, self.name)
        c.drawRightString(self.width - self.size, self.size * 0.3, HAND_DATE)


class _SlipStart(Flowable):  # type: ignore[misc]   # reportlab ships no types: Flowable is Any
    """Notes the page the slip starts on (drawn, so after every page of the document)."""

    def __init__(self, state: dict[str, int]) -> None:
        super().__init__()
        self.state = state

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state["slip_page"] = self.canv.getPageNumber()


class _PageCount(Flowable):  # type: ignore[misc]   # reportlab ships no types: Flowable is Any
    """共N页: the document's pages, the pages before the slip's first."""

    def __init__(self, font: str, size: float, state: dict[str, int]) -> None:
        super().__init__()
        self.font, self.size, self.state = font, size, state

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.size * 1.3

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        first = self.state.get("slip_page", self.canv.getPageNumber())
        self.canv.drawString(0, self.size * 0.25, f"共{first - 1}页")


def slip(report: Report, title: str, fonts: dict[str, str], width: float) -> list[Flowable]:
    """The 发文稿纸 page's flowables: its title and the form with 签发、审核、拟稿 and what is signed."""
    body, heading = fonts["body"], fonts["heading"]
    meta = report.meta
    state: dict[str, int] = {}

    def text(value: str, font: str = body, align: str = "left") -> CJKText:
        return CJKText([(value, font)], SLIP_SIZE, SLIP_SIZE * 1.5, align=align, balance=True)

    rows: list[list[Flowable]] = [[text(label, heading, "center"), _Signing(getattr(meta, key).strip(), body, SLIP_SIZE, n)]
                        for label, key, n in SIGNERS]
    rows += [[text("拟稿单位", heading, "center"), text(meta.organ_name.strip())],
             # the title breaks where the document's does, before 政府信息公开工作年度报告
             [text("文件标题", heading, "center"),
              text("\n".join(title_lines(title, width - LABEL_W - 2 * PAD, SLIP_SIZE)))],
             [text("公开方式", heading, "center"), text(PUBLICITY)],
             [text("正文页数", heading, "center"), _PageCount(body, SLIP_SIZE, state)]]
    form = RLTable(rows, colWidths=[LABEL_W, width - LABEL_W], style=[
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
        ("FONT", (0, 0), (-1, -1), body, SLIP_SIZE),
        ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
        ("VALIGN", (1, 0), (1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
    ])
    heading_text = CJKText([(f"{meta.organ_name.strip()}{SLIP_TITLE}", fonts["title"])], 22.0, 22.0 * 1.45,
                           align="center", balance=True)
    return [_SlipStart(state), heading_text, Spacer(1, 10 * mm), form]
