"""Reading the statistics tables of a published report from its stream of cells, by label.

A row is found by its printed label (wherever it sits), its numbers are the
cells that follow it. Table 二's columns are matched by the header printed in
each block; table 三's columns follow the official order; table 四 has no row
labels, so its fifteen numbers are the cells after the last header.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formats import CellKind, Format, Table
from ..report import MONEY_UNITS, Value
from .published_labels import Row, Vocabulary, norm, parse_value, vocabulary


def table_name(table: Table) -> str:
    return f"表{table.section}"


@dataclass
class Placed:
    """What the readers put into the report, and what they could not."""
    fmt: Format
    values: dict[str, Value] = field(default_factory=dict)
    printed: dict[str, Value | None] = field(default_factory=dict)
    money_unit: str = ""
    placeholders: dict[str, list[str]] = field(default_factory=dict)   # placeholder → cells
    problems: list[str] = field(default_factory=list)
    stray_cells: list[str] = field(default_factory=list)

    def put(self, cell_id: str, text: str) -> None:
        spec = self.fmt.cells[cell_id]
        where = f"{table_name(self.fmt.table_of(cell_id))}“{spec.name}”"
        parsed = parse_value(text, spec.kind)
        if parsed.bad:
            self.problems.append(f"{where}的内容“{_short(text)}”不是有效的数字，未导入。")
            return
        if parsed.placeholder:
            self.placeholders.setdefault(parsed.placeholder, []).append(where)
        if spec.kind is CellKind.MONEY and parsed.unit in MONEY_UNITS:
            if not spec.unit:
                self.money_unit = parsed.unit
            elif parsed.unit != spec.unit:
                self.problems.append(f"{where}写的是“{_short(text)}”，而表头的单位是{spec.unit}："
                                     "已按原数字导入，请核对单位。")
        if spec.computed:
            self.printed[cell_id] = parsed.value
        elif parsed.value is not None:
            self.values[cell_id] = parsed.value


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class TableReader:
    """Consumes the cells of one table, one at a time, in reading order."""

    def __init__(self, table: Table, placed: Placed) -> None:
        self.table = table
        self.voc: Vocabulary = vocabulary(table)
        self.placed = placed
        self.row: Row | None = None
        self.row_text = ""                           # the row's label as printed (it may arrive in pieces)
        self.got: list[str] = []
        self.headers: list[str] = []
        self.after_data = False
        self.group = ""
        self.pending: list[str] = []
        self.done: set[tuple[str, ...]] = set()      # rows already read (by their cell ids)
        self.touched = False
        self.loose = ""                              # the last unknown word: perhaps the start of a wrapped label
        self.whole_rows = False                      # the front end marks row ends (RowEnd): a row closes there

    def knows(self, n: str) -> bool:
        return self.voc.kind_of(n) != ""

    def feed(self, text: str) -> None:
        n = norm(text)
        kind = self.voc.kind_of(n) if n else ""
        if kind:
            self.touched = True
        if not kind and n and self.loose and self.row is None and self.knows(norm(self.loose + text)):
            # A label wrapped over two cells or lines (商业 / 企业): the first piece was not a stray word.
            self.placed.stray_cells.pop()
            joined, self.loose = self.loose + text, ""
            self.feed(joined)
            return
        self.loose = ""
        if self.row is not None:
            if not self.got and n not in self.voc.texts and self._continues_label(text):
                return
            if not kind:
                self.got.append(text)
                if len(self.got) == len(self.row.cell_ids) and not self.whole_rows:
                    self._close(self.row)
                return
            self._close(self.row)
        label = self.voc.resolve(n)
        if kind == "row":
            self._start(label, text)
        elif kind in ("group", "title"):
            self.group = label
            if kind == "title":
                self.headers, self.after_data = [], False
        elif kind == "header":
            if self.after_data:
                self.headers, self.after_data = [], False
            self.headers.append(label)
            self.pending = []
        elif kind == "":
            self._value_without_label(text, n)

    def end_row(self) -> None:
        """A printed row ended (text tables give whole rows): the cells read since its label are all it has."""
        self.whole_rows = True
        if self.row is not None:
            self._close(self.row)

    def interrupt(self) -> None:
        """The table ends here (another table or a heading follows)."""
        if self.row is not None:
            self._close(self.row)
        unlabelled = self.voc.unlabelled
        if self.pending and unlabelled and unlabelled.cell_ids not in self.done:
            self._place(unlabelled, self.pending)
            self._short_row(unlabelled, len(self.pending))
        self.pending = []

    def missing_rows(self) -> list[str]:
        rows = [r for rs in self.voc.rows.values() for r in rs]
        if self.voc.unlabelled:
            rows.append(self.voc.unlabelled)
        return [self._row_name(r) for r in rows if r.cell_ids not in self.done]

    # ---- internals ----------------------------------------------------------------

    def _value_without_label(self, text: str, n: str) -> None:
        unlabelled = self.voc.unlabelled
        # Only numbers and blanks count towards table 四's row: a stray word must not shift its columns.
        is_value = not parse_value(text, CellKind.SIGNED).bad
        if unlabelled and self.headers and unlabelled.cell_ids not in self.done and is_value:
            self.touched = True
            self.pending.append(text)
            if len(self.pending) == len(unlabelled.cell_ids):
                self._place(unlabelled, self.pending)
                self.pending = []
            return
        if n:
            self.placed.stray_cells.append(f"{table_name(self.table)}中的“{_short(text)}”")
            self.loose = text

    def _start(self, label: str, printed: str = "") -> None:
        candidates = self.voc.rows[label]
        row = next((r for r in candidates if self.group in r.groups), candidates[0])
        self.row, self.row_text, self.got = row, printed, []

    def _continues_label(self, text: str) -> bool:
        """A word where the row's first number should be, that completes its wrapped label (…政府信息 / 公开申请数量)."""
        if any(ch.isdigit() for ch in text) or not parse_value(text, CellKind.MONEY).bad:
            return False
        joined = norm(self.row_text + text)
        if self.voc.kind_of(joined) != "row":
            return False
        self._start(self.voc.resolve(joined), self.row_text + text)
        return True

    def _close(self, row: Row) -> None:
        """The row being read (`row`, which is self.row) ends: its numbers are placed."""
        got = self.got
        self.row, self.got, self.after_data = None, [], True
        extra = len(got) - len(row.cell_ids)
        if extra > 0:
            # A whole row with more cells than the label needs: the blank places under its merged label come
            # first, places past the row's last cell (a table whose blocks differ in width) last.
            lead = next((i for i, t in enumerate(got) if t.strip()), len(got))
            drop = min(extra, lead, row.covered)
            for text in got[drop + len(row.cell_ids):]:
                if text.strip():
                    self.placed.stray_cells.append(f"{table_name(self.table)}中的“{_short(text)}”")
            got = got[drop:drop + len(row.cell_ids)]
        if row.cell_ids in self.done:
            self.placed.problems.append(f"{table_name(self.table)}的{self._row_phrase(row)}重复出现，"
                                        "只导入了第一次出现的数字。")
            return
        self._place(row, got)
        if len(got) < len(row.cell_ids):
            self._short_row(row, len(got))

    def _place(self, row: Row, texts: list[str]) -> None:
        self.done.add(row.cell_ids)
        for cell_id, text in zip(self._columns(row), texts):
            self.placed.put(cell_id, text)

    def _columns(self, row: Row) -> tuple[str, ...]:
        """The row's cell ids in the order the printed header names them (table 二), else grid order."""
        if not row.flat_headers:
            return row.cell_ids
        by_label = {self.voc.col_label[c]: c for c in row.cell_ids}
        named = [h for h in self.headers if h in by_label]
        if len(named) == len(row.cell_ids) and len(set(named)) == len(named):
            return tuple(by_label[h] for h in named)
        return row.cell_ids

    def _short_row(self, row: Row, got: int) -> None:
        self.placed.problems.append(
            f"{table_name(self.table)}的{self._row_phrase(row)}只有{got}个单元格（应有{len(row.cell_ids)}个），"
            "缺少的单元格按空白导入，表格可能不完整。")

    def _row_phrase(self, row: Row) -> str:
        return f"“{self._row_name(row)}”一行" if row.label else "数字行"

    def _row_name(self, row: Row) -> str:
        return self.placed.fmt.cells[row.cell_ids[0]].row_label if row.label else "数字行"
