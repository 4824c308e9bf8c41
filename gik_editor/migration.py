"""One engine that moves a report from one format to another by the migration tables in formats/.

Used by 转换格式, by 以上年报告为模板新建 when the year needs a newer format, and by whatever reads
reports of several formats together. Nothing is lost silently: values that go to a near but not
identical cell are pre-filled and flagged in `report.review`; values without a counterpart are
listed in `report.migration_note`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .formats import MIGRATIONS, CellKind, Format, get_format, successor
from .formats.migrations import Migration
from .report import Report, SectionText, TextBlock, Value, format_value, part_title
from .storage import GikFileError
from .totals import compute_totals


def migration_path(source: str, target: str) -> list[Migration] | None:
    """The migrations that lead from format `source` to `target` ([] when they are the same), if any do."""
    paths: dict[str, list[Migration]] = {source: []}
    todo = [source]
    while todo:
        here = todo.pop(0)
        if here == target:
            return paths[here]
        for (a, b), m in MIGRATIONS.items():
            if a == here and b not in paths:
                paths[b] = paths[here] + [m]
                todo.append(b)
    return None


def conversion_target(fmt: Format) -> Format | None:
    """The newer format a report in `fmt` can be converted to (转换格式), if there is one."""
    after = successor(fmt)
    while after is not None and not migration_path(fmt.id, after.id):
        after = successor(after)
    return after


@dataclass
class MappedValues:
    """Table values of a report expressed in another format."""
    values: dict[str, Value] = field(default_factory=dict)
    review: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)   # one Chinese line per value without a counterpart
    dropped_zeros: list[str] = field(default_factory=list)   # …the same for a plain 0 (nothing is lost)


def _show(value: Value | None, unit: str = "") -> str:
    return "空" if value is None else format_value(value) + unit


def map_values(report: Report, migration: Migration) -> MappedValues:
    """Every entered value of `report` (in the migration's source format) placed into the target's cells."""
    out = MappedValues()
    old, new = get_format(migration.source), get_format(migration.target)
    hints = dict(migration.hints)
    for cid, spec in old.cells.items():           # format order, so the note reads like the table
        value = report.values.get(cid)
        if value is None or spec.computed:
            continue
        move = migration.move_of(cid)
        if move is not None:
            out.values[move.target] = value
            out.review[move.target] = move.review.format(name=spec.name, value=_show(value))
        elif cid in new.cells and not new.cells[cid].computed:
            out.values[cid] = value
        else:
            unit = (report.money_unit or "（单位未注明）") if spec.kind is CellKind.MONEY else ""
            hint = f"（{hints[cid]}）" if cid in hints else ""
            line = f"表{old.table_of(cid).section}“{spec.name}”：{_show(value, unit)}{hint}"
            (out.dropped_zeros if value == 0 and not hint else out.dropped).append(line)
    return out


# A migration note lists what needs a look first; the zeros that had nowhere to go follow under this line,
# and the window folds them away (a 2019 report has a dozen of them and they ask for nothing).
ZEROS_HEADING = "以下数值为0，新格式中没有对应栏目，无需处理："


def dropped_lines(mapped: MappedValues, heading: str) -> list[str]:
    """The values left behind, under `heading`; the zeros last, under ZEROS_HEADING."""
    lines = [heading, *mapped.dropped] if mapped.dropped else []
    return lines + ([ZEROS_HEADING, *mapped.dropped_zeros] if mapped.dropped_zeros else [])


def note_parts(note: str) -> tuple[list[str], list[str]]:
    """The lines of a migration note that ask for something, and those that do not (the zeros left behind)."""
    shown: list[str] = []
    folded: list[str] = []
    in_zeros = False
    for line in note.splitlines():
        if line == ZEROS_HEADING:
            in_zeros = True
        elif in_zeros and not line.startswith("表"):
            in_zeros = False
        (folded if in_zeros else shown).append(line)
    return shown, folded


def replace_citations(text: str, migration: Migration) -> tuple[str, int]:
    """The text with the old format's notice and name replaced by the new ones, and how many were replaced."""
    count = 0
    for citation in migration.citations:
        text, n = re.subn(citation.pattern, citation.replacement, text)
        count += n
    return text, count


def _block(block: TextBlock, migration: Migration) -> tuple[TextBlock, int]:
    text, n = replace_citations(block.text, migration)
    carried = tuple(replace_citations(p, migration)[0] for p in block.carried)
    return TextBlock(block.title, text, carried), n


def migrate_sections(report: Report, migration: Migration) -> tuple[dict[str, SectionText], int, int]:
    """Sections with citations updated and the target's new sub-parts added,
    with the number of citations replaced and of sub-parts added."""
    old, new = get_format(migration.source), get_format(migration.target)
    out: dict[str, SectionText] = {}
    count = added = 0
    for key, section in report.sections.items():
        intro, n = _block(section.intro, migration)
        count += n
        parts = []
        for part in section.parts:
            block, n = _block(part, migration)
            count += n
            parts.append(block)
        known = {p.title for p in old.section(key).parts}
        have = {_plain(p.title) for p in parts}
        fresh = [TextBlock(title) for p in new.section(key).parts if p.title not in known
                 if _plain(title := part_title(p.title, report.meta.year)) not in have]
        added += len(fresh)
        out[key] = SectionText(intro, parts + fresh)
    return out, count, added


def _plain(title: str) -> str:
    return "".join(title.split())


def _printed_mismatches(report: Report) -> list[str]:
    """Totals printed in the imported report that disagreed with their parts; `printed` is not migrated."""
    totals = compute_totals(report)
    lines = []
    for cid, printed in report.printed.items():
        computed = totals.get(cid)
        if (printed or 0) != (computed or 0):
            lines.append(f"原报告“{report.format.cells[cid].name}”印为{_show(printed)}，分项之和为{_show(computed)}。")
    return lines


def migrate(report: Report, target: str) -> Report:
    """The same report (same year, same text) in format `target`, with what needs a look flagged."""
    path = migration_path(report.format_id, target)
    if not path:
        raise GikFileError(f"{report.format.title}的报告不能转换为{get_format(target).title}。"
                           if report.format_id != target else f"本报告已经使用{report.format.title}，无需转换。")
    for migration in path:
        report = _step(report, migration)
    return report


def _step(report: Report, migration: Migration) -> Report:
    old, new = get_format(migration.source), get_format(migration.target)
    mapped = map_values(report, migration)
    sections, citations, added = migrate_sections(report, migration)
    preamble, n = replace_citations(report.preamble, migration)
    lines = [f"本报告已由{old.title}（{old.basis}）转换为{new.title}（{new.basis}）。"]
    if 0 < report.meta.year < new.first_year:
        lines.append(f"注意：{report.meta.year}年度报告按规定应使用{old.title}，报送时请使用原格式。")
    if mapped.review:
        lines.append(f"有{len(mapped.review)}个单元格的数值由相近栏目转入，已标为“需人工核对”。")
    lines += dropped_lines(mapped, f"以下数值在{new.short}中没有对应栏目，未转入：")
    if citations + n:
        lines.append(f"正文中引用的{old.short}通知已改为{new.basis}（{citations + n}处）。")
    mismatches = _printed_mismatches(report)
    if mismatches:
        lines.append("原报告中印出的合计与分项之和不符（转换后合计按分项重新计算）：")
        lines += mismatches
    if added and migration.added_parts_note:
        lines.append(migration.added_parts_note)
    if report.migration_note:
        lines += ["", report.migration_note]
    moved = {c: m.target for c in report.review if (m := migration.move_of(c)) is not None}
    review = {**{moved.get(c, c): note for c, note in report.review.items() if moved.get(c, c) in new.cells},
              **mapped.review}
    return Report(
        format_id=new.id,
        meta=replace(report.meta),
        title=report.title,
        preamble=preamble,
        sections=sections,
        values=mapped.values,
        prior=None if report.prior is None else replace(report.prior, values=dict(report.prior.values)),
        review=review,
        migration_note="\n".join(lines),
    )
