"""Import a published report (plain text, a saved web page, a Word document, a PDF) into a Report.

Each front end flattens its input into one stream of paragraphs and table
cells (published_items); one label-driven parser (published_parser) turns
that stream into the report and the import log.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..storage import GikFileError, read_limited
from . import ImportResult
from .published_items import MAX_BYTES, TOO_BIG, decode
from .published_parser import parse


def read(path: str | Path) -> ImportResult:
    """Read a .txt, .html/.htm, .docx or .pdf report; GikFileError (Chinese) when it cannot be used at all."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from . import published_docx
        items = published_docx.items(p)
        log: list[str] = []
    elif suffix == ".pdf":
        from . import published_pdf
        items, log = published_pdf.items(p)
    elif suffix in (".html", ".htm", ".txt"):
        data = read_limited(p, MAX_BYTES, TOO_BIG)
        if data[:4] == b"PK\x03\x04":
            raise GikFileError(f"“{p.name}”是压缩文件（可能是改了扩展名的Word文档），不是{suffix}文本。")
        from . import published_html, published_text
        text, log = decode(data, p.name, published_html.declared_charset(data))
        # Read by content, not name: a page saved as .txt, or plain text saved as .html, is common.
        if _looks_like_html(text):
            items = published_html.items(text, p.name)
        else:
            items = published_text.items(text, p.name)
    else:
        raise GikFileError(f"不支持导入“{p.name}”：已发布的年报只能是 .txt、.html、.htm、.docx 或 .pdf 文件。")
    # A Word document has no page furniture: every line of it is the report's.
    report, parse_log = parse(items, p.name, web=suffix != ".docx")
    return ImportResult(report, log + parse_log)


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:p|div|table|body|br|h[1-6])[\s>/]", text[:65536], re.I))
