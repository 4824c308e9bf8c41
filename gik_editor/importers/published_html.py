"""Front end for a saved web page (.html/.htm), with the standard library's html.parser.

Block elements become paragraphs, <td>/<th> become cells (a merged cell is
printed once, which is all the label-driven parser needs). Scripts and styles
are skipped. A cell that holds a whole page (an old layout table, or a cell
with a nested table) is not a table cell: its text is read as paragraphs.
"""
from __future__ import annotations

import re
import time
from html.parser import HTMLParser

from ..storage import GikFileError
from .published_items import Cell, Items, Para

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
          "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre", "center", "form",
          "hr", "address", "figure", "figcaption", "caption", "body", "html"}
_SKIP = {"script", "style", "noscript", "template", "title", "select", "textarea", "object", "svg", "iframe"}
_CELL = {"td", "th"}
# Elements that may hold the report's own block (TRS editor divs, article_content, a layout table's cell).
_CONTAINERS = {"div", "td", "th", "table", "article", "section", "main", "body", "center", "form", "html"}
_MAX_RANGES = 20_000
_LAYOUT_CELL = 120          # characters: longer than any official label, so a cell this long is page layout
_MAX_DEPTH = 200            # nested tables deeper than this are flattened
_BREAK = "\x00"             # a block boundary inside a cell (decoded pages never contain NUL)

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_BROKEN_LINE = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}0-9A-Za-z])|"
                          rf"(?<=[0-9A-Za-z])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
# html.parser rescans an unfinished tag to the end of the text for every "<" (quadratic: "<a<a<a…" takes
# minutes). So, before parsing: a "<" that meets another "<" (or the end) before any ">" cannot start a
# tag and is escaped; a tag longer than any real one (an inline image as base64) is dropped.
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*(?:<|$))")
_HUGE_TAG = re.compile(r"<[^<>]{10000,}>")
_CHUNK = 256 * 1024
_TIME_LIMIT = 30            # seconds; a real page takes well under one
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CHARSETS = {"gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
             "cp936": "gb18030", "utf-8": "utf-8", "utf8": "utf-8", "big5": "big5", "utf-16": "utf-16"}


def declared_charset(data: bytes) -> str:
    """The codec the page declares in its <meta> (GBK and GB2312 read as GB18030), or ""."""
    m = _CHARSET.search(data[:8192])
    return _CHARSETS.get(m.group(1).decode("ascii").lower(), "") if m else ""


def items(text: str, name: str) -> Items:
    flattener = _Flattener(Items(name))
    deadline = time.monotonic() + _TIME_LIMIT
    text = _UNCLOSED_TAG.sub("&lt;", _HUGE_TAG.sub(" ", _without_comments(text)))
    for start in range(0, len(text), _CHUNK):
        flattener.feed(text[start:start + _CHUNK])
        if time.monotonic() > deadline:
            raise GikFileError(f"“{name}”的网页结构异常（无法在{_TIME_LIMIT}秒内读完），未导入。")
    flattener.close()
    flattener.finish()
    out = flattener.out
    out.blocks = flattener.ranges
    return out


def _without_comments(text: str) -> str:
    """The page without <!-- … --> (commented-out markup would otherwise look like unfinished tags);
    an unclosed comment runs to the end, as in a browser. Linear: one find per comment."""
    out, pos = [], 0
    while (start := text.find("<!--", pos)) != -1:
        out.append(text[pos:start])
        end = text.find("-->", start + 4)
        if end == -1:
            return "".join(out)
        out.append(" ")
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


class _Table:
    def __init__(self) -> None:
        self.cell: list[str] | None = None      # text of the open cell
        self.layout = False                     # the open cell holds a nested table


class _Flattener(HTMLParser):
    def __init__(self, out: Items) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.text: list[str] = []               # the paragraph being read (outside cells)
        self.tables: list[_Table] = []
        self.skip = 0
        self.too_deep = 0                       # tables nested beyond _MAX_DEPTH, read as part of their parent
        self.open: list[tuple[str, int]] = []   # containers open now: (tag, index of their first item)
        self.ranges: list[tuple[int, int]] = []  # the items each closed container holds: [start, end)

    # ---- html.parser callbacks -----------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag)
        if tag in _CONTAINERS and not self.skip and len(self.open) < _MAX_DEPTH:
            self.open.append((tag, len(self.out)))     # (what came before it has been flushed)

    def _start_tag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self._open_table()
        elif tag in _CELL and self.tables:
            self._close_cell()
            self.tables[-1].cell = []
        elif tag == "tr" and self.tables:
            self._close_cell()
        elif tag == "br" or tag in _BLOCK or tag in _CELL or tag == "tr":     # cells outside a table: lines
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        self._end_tag(tag)
        if tag in _CONTAINERS and any(t == tag for t, _ in self.open):
            self._flush_outside()
            while self.open:                     # elements left unclosed inside it end with it
                open_tag, start = self.open.pop()
                if len(self.ranges) < _MAX_RANGES:
                    self.ranges.append((start, len(self.out)))
                if open_tag == tag:
                    break

    def _end_tag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table":
            if self.too_deep:
                self.too_deep -= 1
            elif self.tables:
                self._close_cell()
                self.tables.pop()
                self._flush_outside()
        elif tag in _CELL or tag == "tr":
            if self.tables:
                self._close_cell()
            else:
                self._break()
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None and not table.layout:
            table.cell.append(data)
        else:
            self.text.append(data)

    def finish(self) -> None:
        while self.tables:
            self._close_cell()
            self.tables.pop()
        self._flush_outside()

    # ---- internals -------------------------------------------------------------------

    def _open_table(self) -> None:
        parent = self.tables[-1] if self.tables else None
        if parent is not None and parent.cell is not None:
            # The enclosing cell is page layout: what it held so far is running text.
            self._emit_paragraphs("".join(parent.cell))
            parent.cell, parent.layout = [], True
        self._flush_outside()
        if len(self.tables) < _MAX_DEPTH:
            self.tables.append(_Table())
        else:
            self.too_deep += 1

    def _close_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is None:
            return
        text = "".join(table.cell)
        layout = table.layout
        table.cell, table.layout = None, False
        self._flush_outside()
        if layout or len(_SPACES.sub("", text)) > _LAYOUT_CELL:
            self._emit_paragraphs(text)
        else:
            self.out.add(Cell(_collapse(text)))

    def _break(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None and not table.layout:
            table.cell.append(_BREAK)
        else:
            self._flush_outside()

    def _flush_outside(self) -> None:
        if self.text:
            self._emit_paragraphs("".join(self.text))
            self.text = []

    def _emit_paragraphs(self, raw: str) -> None:
        for text in _lines(raw):
            if text.strip():
                self.out.add(Para(text))


def _lines(raw: str) -> list[str]:
    """Text between block boundaries, HTML whitespace collapsed (a line break between Chinese characters is
    an artefact of the page source, not a space)."""
    return [_SPACES.sub(" ", _BROKEN_LINE.sub("", piece)).strip(" ") for piece in raw.split(_BREAK)]


def _collapse(text: str) -> str:
    """A cell's text; its block boundaries (<br>, <p>) kept as line breaks, since labels wrap inside cells."""
    return "\n".join(line for line in _lines(text) if line)
