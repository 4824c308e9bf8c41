"""The report as a sequence of printable blocks, in official order.

Every exporter (PDF, Word, HTML, Excel's 正文 sheet) walks this one sequence,
so they all print the same words in the same order, and every importer reads
that order back.
"""
from __future__ import annotations

from dataclasses import dataclass

from .formats import CellKind, Table
from .report import Report, TextBlock, format_value
from .totals import all_values

RUN_IN_END = "。：:．.！？"


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    """A section heading such as 一、总体情况."""
    section: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""          # a sub-part title printed run-in before the text, with its closing 。
    carried: bool = False   # taken over from last year and not yet confirmed


@dataclass(frozen=True)
class TableBlock:
    table: Table


Block = Title | Heading | Paragraph | TableBlock


def run_in(title: str) -> str:
    """'（一）主动公开情况' → '（一）主动公开情况。' (a title already ending in punctuation is kept)."""
    return title if not title or title[-1] in RUN_IN_END else title + "。"


def _paragraphs(block: TextBlock) -> list[Paragraph]:
    carried = set(block.carried)
    paras = block.paragraphs()
    if not paras:
        return []           # a heading with nothing under it is not printed (rule D16 asks for its text)
    out = [Paragraph(p, carried=p in carried) for p in paras]
    if block.title:
        out[0] = Paragraph(out[0].text, run_in(block.title), out[0].carried)
    return out


def blocks(report: Report) -> list[Block]:
    out: list[Block] = [Title(report.display_title)]
    out += [Paragraph(p) for p in report.preamble.split("\n") if p.strip()]
    fmt = report.format
    for section in fmt.sections:
        text = report.sections[section.key]
        out.append(Heading(section.key, section.title))
        out += _paragraphs(text.intro)
        if section.table:
            out.append(TableBlock(fmt.table(section.table)))
        for part in text.parts:
            out += _paragraphs(part)
    return out


def cell_texts(report: Report) -> dict[str, str]:
    """Printed text of every value cell (entered and computed), blank cells as ''.

    An amount whose header prints no unit (the 2019 采购总金额) carries the unit the clerk
    chose, so every reader — and our importers — can tell 元 from 万元.
    """
    values = all_values(report)
    texts = {cid: format_value(values.get(cid)) for cid in report.format.cells}
    if report.money_unit:
        for cid, spec in report.format.cells.items():
            if spec.kind is CellKind.MONEY and not spec.unit and texts[cid]:
                texts[cid] += report.money_unit
    return texts
