"""The files the editor reads and writes, listed once: the importers and the exporters.

read_any, the command line, the batch, the window's menus, file dialogs and drops all read these lists.
Pure data (no reader or writer is imported here), so the window can name them at start-up.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import NamedTuple


class Importer(NamedTuple):
    module: str                   # under gik_editor.importers; its read(source) returns an ImportResult
    name: str                     # the kind of file, in a file dialog
    suffixes: tuple[str, ...]

    @property
    def file_filter(self) -> str:
        return f"{self.name} ({' '.join('*' + s for s in self.suffixes)})"


IMPORTERS: tuple[Importer, ...] = (
    Importer("xlsx", "Excel 工作簿", (".xlsx",)),
    Importer("published", "文本", (".txt",)),
    Importer("published", "网页", (".html", ".htm")),
    Importer("published", "Word 文档", (".docx",)),
    Importer("published", "PDF 文件", (".pdf",)),
)
SUFFIXES = tuple(s for i in IMPORTERS for s in i.suffixes)
SUFFIX_LIST = "、".join(SUFFIXES)          # .xlsx、.txt、.html、.htm、.docx、.pdf
IMPORT_FILTER = ";;".join([f"可导入的文件 ({' '.join('*' + s for s in SUFFIXES)})",
                           *(i.file_filter for i in IMPORTERS)])
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


class Exporter(NamedTuple):
    key: str                      # the module under gik_editor.exporters, and the command line's --option
    name: str                     # the kind of file, in a file dialog: Word 文档
    what: str                     # in a sentence: 已导出Word
    suffix: str
    menu: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]   # the 导出 menu's entries: (text, options)
    options: tuple[str, ...] = ()  # the keyword options its export() takes
    name_tail: str = ""           # what the suggested file name adds to the report's: （问题清单）
    on_command_line: bool = True  # (the findings list is the window's: the command line has validate --json)

    @property
    def file_filter(self) -> str:
        return f"{self.name} (*{self.suffix})"

    def module(self) -> ModuleType:
        """The writer (its library loads now): module().export(report, path, **options)."""
        return importlib.import_module(f"gik_editor.exporters.{self.key}")


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("xlsx", "Excel 工作簿", "Excel", ".xlsx", (("Excel 工作簿(&E)…", ()),)),
    Exporter("pdf", "PDF 文件", "PDF", ".pdf",
             (("PDF(&P)…", ()), ("PDF 签发稿（附发文稿纸，供领导签发）(&S)…", (("sign_off", True),))),
             options=("sign_off",)),
    Exporter("docx", "Word 文档", "Word", ".docx", (("Word 文档(&W)…", ()),)),
    Exporter("html", "网页", "网页", ".html", (("网页(&H)…", ()),)),
    Exporter("findings", "Excel 工作簿", "问题清单", ".xlsx", (("问题清单（Excel）(&Q)…", ()),),
             name_tail="（问题清单）", on_command_line=False),
)


def exporter(key: str) -> Exporter:
    return next(e for e in EXPORTERS if e.key == key)
