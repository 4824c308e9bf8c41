"""2019 trial format → 2021 revision, by reference/format.md §5.

Table 三 and 四 are compatible cell by cell (same ids), except that the single
2019 （六）其他处理 row became three rows; table 二 was redesigned, so most of
its 2019 cells have no counterpart. Nothing is lost silently: approximate
mappings are pre-filled and flagged in `report.review`, values without a
counterpart are listed in `report.migration_note`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .formats import FORMAT_2019, FORMAT_2021, CellKind
from .formats.common import T3_COLS
from .report import Report, SectionText, TextBlock, Value, format_value
from .storage import GikFileError
from .totals import compute_totals

# 2019 cell → 2021 cell: related but not the same concept, so pre-filled and flagged.
APPROXIMATE = {
    "t2.rules.made": "t2.rules.issued",
    "t2.norms.made": "t2.norms.issued",
}
# The whole 2019 （六）其他处理 goes to 3.其他; the clerk may move part of it to 1.
OTHER_ROW = {f"t3.other.{col}": f"t3.other_3.{col}" for col, _ in T3_COLS[:-1]}
# Dropped cells whose value is still a useful hint for a 2021 cell.
HINTS = {
    "t2.rules.public_total": "口径与2021年格式的“现行有效件数”不同，未自动填入，可供参考",
    "t2.norms.public_total": "口径与2021年格式的“现行有效件数”不同，未自动填入，可供参考",
}

OLD_CITATION = re.compile(r"国办公开办函\s*[〔［\[（(【]\s*2019\s*[〕］\]）)】]\s*60\s*号")
NEW_CITATION = "国办公开办函〔2021〕30号"
OLD_FORMAT_NAME = re.compile(r"年度报告格式\s*[（(]\s*试行\s*[）)]")
NEW_FORMAT_NAME = "年度报告格式"


@dataclass
class MappedValues:
    """Table values of a 2019 report expressed in the 2021 format."""
    values: dict[str, Value] = field(default_factory=dict)
    review: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)   # one Chinese line per value without a counterpart


def _show(value: Value | None, unit: str = "") -> str:
    return "空" if value is None else format_value(value) + unit


def map_values(report: Report) -> MappedValues:
    """Every entered value of a 2019-format report placed into the 2021 cells (§5.1–§5.3)."""
    out = MappedValues()
    old, new = FORMAT_2019.cells, FORMAT_2021.cells
    for cid, spec in old.items():           # format order, so the note reads like the table
        value = report.values.get(cid)
        if value is None or spec.computed:
            continue
        if cid in APPROXIMATE:
            target = APPROXIMATE[cid]
            out.values[target] = value
            out.review[target] = (f"需人工核对：由2019年格式“{spec.name}”（{_show(value)}）转入；"
                                  f"“本年新制作数量”与“本年制发件数”口径不完全相同。")
        elif cid in OTHER_ROW:
            target = OTHER_ROW[cid]
            out.values[target] = value
            out.review[target] = (f"需人工核对：由2019年格式“（六）其他处理”（{_show(value)}）整体转入“3.其他”；"
                                  f"其中因申请人无正当理由逾期不补正而不再处理的，请移到“1.”行。")
        elif cid in new and not new[cid].computed:
            out.values[cid] = value
        else:
            unit = (report.money_unit or "（单位未注明）") if spec.kind is CellKind.MONEY else ""
            hint = f"（{HINTS[cid]}）" if cid in HINTS else ""
            table = FORMAT_2019.table_of(cid).section
            out.dropped.append(f"表{table}“{spec.name}”：{_show(value, unit)}{hint}")
    return out


def replace_citations(text: str) -> tuple[str, int]:
    """The text with the 2019 format's notice and name replaced by the 2021 ones, and how many were replaced."""
    text, n = OLD_CITATION.subn(NEW_CITATION, text)
    text, m = OLD_FORMAT_NAME.subn(NEW_FORMAT_NAME, text)
    return text, n + m


def _block(block: TextBlock) -> tuple[TextBlock, int]:
    text, n = replace_citations(block.text)
    carried = tuple(replace_citations(p)[0] for p in block.carried)
    return TextBlock(block.title, text, carried), n


def migrate_sections(sections: dict[str, SectionText]) -> tuple[dict[str, SectionText], int, int]:
    """Sections with citations updated and the missing 2021 sub-parts of 六 added,
    with the number of citations replaced and of sub-parts added."""
    out: dict[str, SectionText] = {}
    count = 0
    for key, section in sections.items():
        intro, n = _block(section.intro)
        count += n
        parts = []
        for part in section.parts:
            block, n = _block(part)
            count += n
            parts.append(block)
        out[key] = SectionText(intro, parts)
    six = out["六"]
    have = {_plain(p.title) for p in six.parts}
    added = [TextBlock(p.title) for p in FORMAT_2021.section("六").parts if _plain(p.title) not in have]
    six.parts += added
    return out, count, len(added)


def _plain(title: str) -> str:
    return "".join(title.split())


def _printed_mismatches(report: Report) -> list[str]:
    """Totals printed in the imported report that disagreed with their parts; `printed` is not migrated."""
    totals = compute_totals(report)
    lines = []
    for cid, printed in report.printed.items():
        computed = totals.get(cid)
        if (printed or 0) != (computed or 0):
            lines.append(f"原报告“{FORMAT_2019.cells[cid].name}”印为{_show(printed)}，分项之和为{_show(computed)}。")
    return lines


def migrate_2019_to_2021(report: Report) -> Report:
    """The same report (same year, same text) in the 2021 format, with what needs a look flagged."""
    if report.format_id != FORMAT_2019.id:
        raise GikFileError("只有使用2019年试行格式的报告才需要转换为2021年修订版格式。")
    mapped = map_values(report)
    sections, citations, added = migrate_sections(report.sections)
    preamble, n = replace_citations(report.preamble)
    lines = ["本报告已由2019年试行格式（国办公开办函〔2019〕60号）转换为2021年修订版格式（国办公开办函〔2021〕30号）。"]
    if 0 < report.meta.year < FORMAT_2021.first_year:
        lines.append(f"注意：{report.meta.year}年度报告按规定应使用2019年试行格式，报送时请使用原格式。")
    if mapped.review:
        lines.append(f"有{len(mapped.review)}个单元格的数值由相近栏目转入，已标为“需人工核对”。")
    if mapped.dropped:
        lines.append("以下数值在2021年格式中没有对应栏目，未转入：")
        lines += mapped.dropped
    if citations + n:
        lines.append(f"正文中引用的2019年格式通知已改为{NEW_CITATION}（{citations + n}处）。")
    mismatches = _printed_mismatches(report)
    if mismatches:
        lines.append("原报告中印出的合计与分项之和不符（转换后合计按分项重新计算）：")
        lines += mismatches
    if added:
        lines.append("“六、其他需要报告的事项”已加入2021年格式的分项，请填写信息处理费收取等情况。")
    if report.migration_note:
        lines += ["", report.migration_note]
    review = {**{OTHER_ROW.get(c, c): note for c, note in report.review.items()
                 if OTHER_ROW.get(c, c) in FORMAT_2021.cells}, **mapped.review}
    return Report(
        format_id=FORMAT_2021.id,
        meta=replace(report.meta),
        title=report.title,
        preamble=preamble,
        sections=sections,
        values=mapped.values,
        prior=None if report.prior is None else replace(report.prior, values=dict(report.prior.values)),
        review=review,
        migration_note="\n".join(lines),
    )
