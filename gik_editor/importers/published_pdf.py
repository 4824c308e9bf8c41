"""Front end for a report published as PDF, with pdfplumber (imported lazily: only a PDF import needs it).

Tables are found by their ruling lines; their cells become the stream's cells
(a merged cell once, a blank cell as an empty cell), so a table broken across
pages, with its header repeated or not, simply continues. The text outside the
tables is read line by line in reading order and the lines are joined back into
paragraphs by their layout: a paragraph starts on an indented or centred line,
after a line that stops short of the right margin, after a gap or a change of
font size. Page numbers ("— 1 —", "第1页") are left out. A PDF with no ruled table
is read as text laid out with spaces (published_text), as `pdftotext -layout` does.
"""
from __future__ import annotations

import io
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..storage import GikFileError, read_limited
from .published_items import Cell, Items, Para

MAX_PDF_BYTES = 60 * 1024 * 1024     # a signed report with scanned seals can be large; its text is small
MAX_PAGES = 300
_TIME_LIMIT = 30                     # seconds; a real report takes well under one
MIN_CHARS = 20                       # fewer characters than this in the whole file: a scan
_FOLIO = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－\s]*$")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=[{_CJK}0-9A-Za-z])|(?<=[0-9A-Za-z])[ \u00a0]+(?=[{_CJK}])")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str


@dataclass
class _Table:
    page: int
    top: float
    rows: list[list[str | None]]


def items(path: Path) -> tuple[Items, list[str]]:
    """The stream of a PDF report and log lines; GikFileError for a scan, an encrypted or broken file."""
    data = read_limited(path, MAX_PDF_BYTES, "“{name}”太大（{mb} MB），不像是一份年报，未导入。")
    if b"%PDF-" not in data[:1024]:
        raise GikFileError(f"“{path.name}”不是PDF文件（文件内容与扩展名不符）。")
    pieces, layout_text, chars, images = _read(data, path.name)
    if chars < MIN_CHARS:
        what = "只有图片，没有文字" if images else "没有可读出的文字"
        raise GikFileError(f"“{path.name}”是扫描件或图片（{what}），无法读出其中的文字和表格。"
                           "请用这份报告的Word文件或网页导入，或先用文字识别（OCR）软件把它转成文字。")
    if not any(isinstance(p, _Table) for p in pieces):
        # No ruled table: the tables are columns of text; read the page as pdftotext -layout would give it.
        from . import published_text
        return published_text.items(layout_text, path.name), [
            "PDF中的表格没有表格线，已按文字对齐的位置读出各栏，请核对表格中的数字。"]
    return _stream(pieces, path.name), []


def _read(data: bytes, name: str) -> tuple[list[_Line | _Table], str, int, int]:
    import pdfplumber  # lazy: pdfminer's start-up cost is paid only when a PDF is imported
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    pieces: list[_Line | _Table] = []
    layout: list[str] = []
    chars = images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise GikFileError(f"“{name}”有{len(pdf.pages)}页，不像是一份年报，未导入。")
            deadline = time.monotonic() + _TIME_LIMIT
            for number, page in enumerate(pdf.pages):
                if time.monotonic() > deadline:
                    raise GikFileError(f"“{name}”的PDF结构异常（无法在{_TIME_LIMIT}秒内读完），未导入。")
                chars += len(page.chars)
                images += len(page.images)
                if page.chars:
                    pieces += _page(page, number)
            if chars >= MIN_CHARS and not any(isinstance(p, _Table) for p in pieces):
                # Only then is the page's text laid out with spaces (it costs as much as the rest).
                layout = [page.extract_text(layout=True) for page in pdf.pages if page.chars]
    except GikFileError:
        raise
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise GikFileError(f"“{name}”设置了打开密码或加密，无法读取。请先用PDF软件去掉密码后再导入。") from None
    except Exception as e:           # pdfminer raises many types (PSSyntaxError, KeyError, ValueError …) for a broken file
        raise GikFileError(f"“{name}”不是有效的PDF文件，或文件已损坏：{type(e).__name__}。") from None
    return pieces, "\n".join(layout), chars, images


def _page(page: Any, number: int) -> list[_Line | _Table]:     # (a pdfplumber page)
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    out: list[_Line | _Table] = [_Table(number, t.bbox[1], t.extract()) for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text = page.filter(outside) if boxes else page
    lines = [line for line in text.extract_text_lines(return_chars=True) if line["text"].strip()]
    kept = [_Line(number, ln["top"], ln["bottom"], ln["x0"], ln["x1"],
                  statistics.median(c["size"] for c in ln["chars"]), _CJK_GAP.sub("", ln["text"]).strip())
            for ln in lines]
    # Page furniture: a page number as the first or last line of the page.
    for at in (-1, 0):
        if kept and _FOLIO.match(kept[at].text):
            kept.pop(at)
    out += kept
    return sorted(out, key=lambda p: p.top)


def _stream(pieces: list[_Line | _Table], name: str) -> Items:
    out = Items(name)
    lines = [p for p in pieces if isinstance(p, _Line)]
    body = _mode([round(ln.size) for ln in lines]) if lines else 0
    # The margin is where the leftmost body line starts: in a report of short paragraphs most lines are
    # indented first lines, so the most common start would take the indent for the margin.
    left = min((round(ln.x0) for ln in lines if round(ln.size) == body), default=0)
    full = [ln.x1 for ln in lines if round(ln.size) == body]
    right = max(full) if full else 0
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            out.add(Para(_join([ln.text for ln in paragraph])))
            paragraph.clear()

    for piece in pieces:
        if isinstance(piece, _Table):
            flush()
            for row in piece.rows:
                for cell in row:
                    if cell is not None:          # None: covered by a merged cell, printed once
                        out.add(Cell(_cell_text(cell)))
            continue
        if paragraph and not _continues(paragraph[-1], piece, left, right, body):
            flush()
        paragraph.append(piece)
    flush()
    return out


def _continues(prev: _Line, line: _Line, left: float, right: float, body: float) -> bool:
    """Whether `line` carries on the paragraph whose last line is `prev`."""
    size = line.size
    if abs(size - prev.size) > 0.6:
        return False
    if size >= body * 1.2:                            # a title broken over centred lines
        return line.page == prev.page and line.top - prev.bottom < size
    if line.x0 > left + size * 0.8:                   # indented first line, a centred or right-aligned line
        return False
    if prev.x1 < right - size * 1.5:                  # the last line stopped short: its paragraph ended
        return False
    return line.page != prev.page or line.top - prev.bottom < size * 1.2


def _join(texts: list[str]) -> str:
    """Lines of one paragraph as one text: Chinese wraps anywhere; words of Latin script wrapped at a space."""
    out = texts[0]
    for text in texts[1:]:
        if out and text and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalpha():
            out += " "
        out += text
    return out


def _cell_text(cell: str) -> str:
    return "\n".join(_CJK_GAP.sub("", line).strip() for line in cell.split("\n"))


def _mode(values: list[int]) -> int:
    return statistics.mode(values) if values else 0
