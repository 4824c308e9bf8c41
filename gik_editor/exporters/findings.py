"""导出 → 问题清单: the findings of the open report as a workbook, to hand on or tick off on paper."""
from __future__ import annotations

from pathlib import Path

from ..batch import result_for
from ..batch_xlsx import write_summary
from ..report import Report


def export(report: Report, path: Path) -> None:
    write_summary([result_for(report, report.display_title)], Path(path))
