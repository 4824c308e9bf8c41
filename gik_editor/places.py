"""Places of a report as a user names them on the command line: cells, text blocks, and the list of them all.

A cell is named by its id (t3.open.natural, as `validate --json` prints it) or by its words: the row and
the column label, each whole or any part of it that names one row or column (予以公开/自然人; the table
may lead, 表三/予以公开/自然人; "×" as the messages print it, or "/" or "*", parts them). A text block is
前言, or 节.块 (一.2; 0 is what stands under the heading before the sub-parts) or 节.words of the sub-part
title (五.改进措施), as `set --list` shows them. Every refusal is a PlaceError whose str() is Chinese.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import describe_location
from .formats import SECTION_TITLES, CellSpec, Format, Table
from .report import Report
from .text_search import PREAMBLE, text_block

PREAMBLE_WORDS = ("前言", PREAMBLE)
SEPARATORS = re.compile(r"[×*/]")
TABLE_LEAD = re.compile(r"表([一二三四五六1-6])[:/]?")
SECTION = re.compile(r"([一二三四五六1-6])(?:[.、](.*))?")
ARABIC = dict(zip("123456", "一二三四五六"))
SHOWN = 5               # candidates named in a message about a place that names several


class PlaceError(ValueError):
    """str() is a Chinese message."""


def norm(text: str) -> str:
    """Full-width letters and signs as ASCII, no spaces: how a label is compared with what was typed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# ---- cells --------------------------------------------------------------------------------------

def find_cell(fmt: Format, words: str) -> str:
    """The id of the one cell `words` names in `fmt`."""
    if words.strip() in fmt.cells:
        return words.strip()
    typed = norm(words)
    if typed.lower() in fmt.cells:
        return typed.lower()
    specs = list(fmt.cells.values())
    lead = TABLE_LEAD.match(typed)
    if lead:
        section = ARABIC.get(lead.group(1), lead.group(1))
        specs = [c for c in specs if fmt.table_of(c.id).section == section]
        if not specs:
            raise PlaceError(f"{fmt.title}没有表{section}（有表格的是{'、'.join('表' + t.section for t in fmt.tables)}）。")
        typed = typed[lead.end():]
    cuts = [m.start() for m in SEPARATORS.finditer(typed)]
    if not cuts:
        raise PlaceError(f"“{words}”不是单元格：请写单元格编号（如 t3.open.natural），或“行/列”"
                         f"（如 表三/予以公开/自然人）。单元格编号可用 set 文件 --list 查看。")
    found: dict[str, CellSpec] = {}
    for cut in cuts:      # "本年增/减" has the separator in it: every cut that names a cell counts
        row, col = typed[:cut], typed[cut + 1:]
        for c in _named(specs, row, col):
            found[c.id] = c
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise PlaceError(f"没有找到单元格“{words}”：行名、列名要与表中的写法一致（可以只写其中一段，如“予以公开/自然人”）。"
                         "单元格编号和名称可用 set 文件 --list 查看。")
    listed = "、".join(f"{c.id}“{c.name}”" for c in list(found.values())[:SHOWN])
    more = "等" if len(found) > SHOWN else ""
    raise PlaceError(f"“{words}”可以指{len(found)}个单元格：{listed}{more}；请写得更具体些，或直接写单元格编号。")


def _named(specs: list[CellSpec], row: str, col: str) -> list[CellSpec]:
    rows = _labels({c.row_label for c in specs}, row)
    cols = _labels({c.col_label for c in specs}, col)
    return [c for c in specs if c.row_label in rows and c.col_label in cols]


def _labels(labels: Iterable[str], typed: str) -> set[str]:
    """The labels `typed` names: those it is, or else those it is part of."""
    if not typed:
        return set()
    whole = {label for label in labels if norm(label) == typed}
    return whole or {label for label in labels if typed in norm(label)}


def find_tables(fmt: Format, words: str) -> list[Table]:
    """The tables `words` names: 表三, 三 or 3; 全部 for every one."""
    typed = norm(words).removeprefix("表")
    if typed in ("全部", "所有", "all"):
        return list(fmt.tables)
    section = ARABIC.get(typed, typed)
    found = [t for t in fmt.tables if t.section == section]
    if not found:
        raise PlaceError(f"没有表格“{words}”：可写{'、'.join('表' + t.section for t in fmt.tables)}或“全部”。")
    return found


# ---- text blocks --------------------------------------------------------------------------------

def find_text(report: Report, words: str) -> str:
    """The location ("preamble" or "text.<节>.<块号>") of the text block `words` names."""
    typed = norm(words)
    if typed in PREAMBLE_WORDS:
        return PREAMBLE
    typed = typed.removeprefix("text.")
    m = SECTION.fullmatch(typed)
    if not m:
        raise PlaceError(f"“{words}”不是正文的位置：请写“前言”，或“节.块”（如 一.2；0 为标题下、各分项之前的段落），"
                         "或“节.分项标题”（如 五.改进措施）。位置可用 set 文件 --list 查看。")
    key = ARABIC.get(m.group(1), m.group(1))
    blocks = report.sections[key].blocks()
    part = m.group(2)
    if not part:
        return f"text.{key}.0"
    if part.isascii() and part.isdigit():
        if int(part) < len(blocks):
            return f"text.{key}.{int(part)}"
        have = f"只有{len(blocks) - 1}个分项（{key}.1 至 {key}.{len(blocks) - 1}）" if len(blocks) > 1 else "没有分项"
        raise PlaceError(f"没有“{words}”：第{key}节{have}，{key}.0 是标题下的段落。")
    titled = [i for i, b in enumerate(blocks) if i and norm(b.title) == part] or \
             [i for i, b in enumerate(blocks) if i and part in norm(b.title)]
    if len(titled) == 1:
        return f"text.{key}.{titled[0]}"
    if not titled:
        titles = "、".join(f"{key}.{i} {b.title}" for i, b in enumerate(blocks) if i) or "没有分项"
        raise PlaceError(f"第{key}节没有标题含“{part}”的分项（{titles}）。")
    raise PlaceError(f"第{key}节有{len(titled)}个分项的标题含“{part}”：" +
                     "、".join(f"{key}.{i} {blocks[i].title}" for i in titled) + "；请写分项的编号。")


def short_location(location: str) -> str:
    """How `set --list` shows a text location: 前言, 一.2."""
    if location == PREAMBLE:
        return "前言"
    key, index = text_block(location)
    return f"{key}.{index}"


def text_name(report: Report, location: str) -> str:
    """The heading a text block stands under, in the report's words."""
    if location == PREAMBLE:
        return f"前言（标题之后、“{SECTION_TITLES['一']}”之前）"
    key, index = text_block(location)
    name = describe_location(report, location)
    return f"{name}（各分项之前）" if index == 0 and len(report.sections[key].blocks()) > 1 else name


def text_locations(report: Report) -> list[str]:
    """Every text block, in reading order."""
    return [PREAMBLE] + [f"text.{s.key}.{i}" for s in report.format.sections
                         for i in range(len(report.sections[s.key].blocks()))]


@dataclass(frozen=True)
class CellPlace:
    id: str
    table: str          # the section of its table: 三
    name: str           # 行 × 列
    computed: bool


def cell_places(fmt: Format) -> list[CellPlace]:
    """Every value cell, table by table in the order of the printed form (row by row)."""
    out = []
    for table in fmt.tables:
        specs = {c.id: c for c in table.cells}
        for g in sorted((g for g in table.grid if g.cell_id), key=lambda g: (g.row, g.col)):
            spec = specs[g.cell_id]
            out.append(CellPlace(spec.id, table.section, spec.name, spec.computed))
    return out
