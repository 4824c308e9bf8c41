"""What a rule says about a report: a finding, its severity, and where it is."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .report import Report, Value
from .text_search import text_block

if TYPE_CHECKING:
    from .formats import Format

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    """One finding of rules.check: the rule's id (reference/format.md §4), and the two sides where it compares."""
    rule: str
    severity: str
    cells: tuple[str, ...]        # cell ids, or text locations "text.<节>.<块号>" (0 = intro, 1… = sub-parts)
    expected: Value | float | str | None          # a number, a share, or the words expected (a notice, a year)
    actual: Value | float | str | None
    message: str
    reviewed: bool = False        # marked 已核对 by the clerk (reviews.py); not counted, listed apart
    reason: str = ""              # the clerk's reason for the mark


def cell_place(fmt: Format, cell: str) -> str:
    """How a message names a cell: 表三“一、本年新收政府信息公开申请数量 × 总计”."""
    return f"表{fmt.table_of(cell).section}“{fmt.cells[cell].name}”"


def row_place(fmt: Format, cell: str) -> str:
    """How a message names the row of a cell: 表二“规章”行."""
    return f"表{fmt.table_of(cell).section}“{fmt.cells[cell].row_label}”行"


def describe_location(report: Report, location: str) -> str:
    """Where a finding is, in the words of the report: 三、… 表 行 × 列, or the text part's heading."""
    if not location:
        return "基本信息"
    fmt = report.format
    if location.startswith("text."):
        key, i = text_block(location)
        section = fmt.section(key)
        blocks = report.sections[key].blocks()
        title = blocks[i].title if 0 < i < len(blocks) else ""
        # 五、（三）2021年进一步改进措施: the sub-part says more than the long section heading.
        return f"{key}、{title}" if title else section.title
    spec = fmt.cells.get(location)
    if spec is None:
        return location
    table = fmt.table_of(location)
    return f"表{table.section} {spec.row_label} × {spec.col_label}"
