"""Readers that turn other files into a report, each with a log of what it could not read.

Every reader returns an ImportResult, or raises storage.GikFileError (Chinese
message) when the input cannot be used at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..report import Report
from ..storage import GikFileError

SUFFIXES = (".xlsx", ".txt", ".html", ".htm", ".docx")


@dataclass
class ImportResult:
    report: Report
    log: list[str] = field(default_factory=list)   # Chinese lines: what could not be placed, printed totals that disagree


def read_any(source: str | Path) -> ImportResult:
    """Import a supported file (chosen by its suffix) into a report plus its import log."""
    suffix = Path(source).suffix.lower()
    if suffix == ".xlsx":
        from . import xlsx
        return xlsx.read(source)
    if suffix in (".txt", ".html", ".htm", ".docx"):
        from . import published
        return published.read(source)
    raise GikFileError(f"不支持导入“{Path(source).name}”：只能导入 .xlsx、.txt、.html、.htm、.docx 文件。")
