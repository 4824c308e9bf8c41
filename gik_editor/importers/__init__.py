"""Readers that turn other files into a report, each with a log of what it could not read.

Every reader returns an ImportResult, or raises storage.GikFileError (Chinese
message) when the input cannot be used at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..report import Report
from ..storage import GikFileError

SUFFIXES = (".xlsx", ".txt", ".html", ".htm", ".docx", ".pdf")
# What to do with the files clerks most often have instead: the office program turns them into one we read.
CONVERT_FIRST = {
    ".doc": "请先在 Word 或 WPS 文字中打开，另存为“Word 文档（*.docx）”后再导入。",
    ".wps": "请先在 WPS 文字中打开，另存为“Word 文档（*.docx）”后再导入。",
    ".xls": "请先在 Excel 或 WPS 表格中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。",
    ".et": "请先在 WPS 表格中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。",
    ".mht": "请在浏览器中打开网页，另存为“网页，仅HTML（*.html）”后再导入。",
    ".mhtml": "请在浏览器中打开网页，另存为“网页，仅HTML（*.html）”后再导入。",
    ".ofd": "OFD 中的表格无法可靠地读出：请用这份报告的网页（另存为 .html）或原来的 Word 文件导入。",
}


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
    if suffix in (".txt", ".html", ".htm", ".docx", ".pdf"):
        from . import published
        return published.read(source)
    advice = CONVERT_FIRST.get(suffix, "")
    raise GikFileError(f"不支持导入“{Path(source).name}”：只能导入 .xlsx、.txt、.html、.htm、.docx、.pdf 文件。{advice}")
