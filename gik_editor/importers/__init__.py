"""Readers that turn other files into a report, each with a log of what it could not read.

Every reader returns an ImportResult, or raises storage.GikFileError (Chinese
message) when the input cannot be used at all.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..filetypes import CONVERT_FIRST, IMPORTERS, SUFFIX_LIST
from ..report import Report
from ..storage import GikFileError


@dataclass
class ImportResult:
    report: Report
    log: list[str] = field(default_factory=list)   # Chinese lines: what could not be placed, printed totals that disagree


def read_any(source: str | Path) -> ImportResult:
    """Import a supported file (chosen by its suffix) into a report plus its import log."""
    suffix = Path(source).suffix.lower()
    for importer in IMPORTERS:
        if suffix in importer.suffixes:
            result: ImportResult = importlib.import_module(f"{__name__}.{importer.module}").read(source)
            return result
    advice = CONVERT_FIRST.get(suffix, "")
    raise GikFileError(f"不支持导入“{Path(source).name}”：只能导入 {SUFFIX_LIST} 文件。{advice}")
