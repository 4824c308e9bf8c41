"""The common stream every front end (text, web page, Word) flattens a published report into.

A report becomes a list of paragraphs and table cells in reading order; merged
cells appear once. The one parser in published_parser reads that stream by its
labels, so the three front ends only have to get the reading order right.
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from ..storage import GikFileError

MAX_BYTES = 20 * 1024 * 1024        # far above any real report; bounds memory and time
TOO_BIG = "“{name}”太大（{mb} MB），不像是一份年报，未导入。"     # {name}, {mb}: storage.read_limited
MAX_ITEMS = 50_000                  # paragraphs + cells; a report has about 600


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Cell:
    text: str


@dataclass(frozen=True)
class RowEnd:
    """The end of a table row, from front ends that see whole rows (text tables): a row that has more cells
    than its label needs starts with the blank places its merged label covers."""
    text: str = ""


Item = Para | Cell | RowEnd


class Items(list[Item]):
    """The stream, refusing to grow beyond MAX_ITEMS (a hostile file cannot exhaust memory)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        # a web page's containers, each as the [start, end) of the items it holds (set by the web page front end)
        self.blocks: list[tuple[int, int]] = []

    def add(self, item: Item) -> None:
        if len(self) >= MAX_ITEMS:
            raise GikFileError(f"“{self.name}”内容过多（超过{MAX_ITEMS}段文字或单元格），不像是一份年报。")
        self.append(item)


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GBK/GB18030", "utf-16": "UTF-16",
                  "big5": "BIG5"}


def decode(data: bytes, name: str, declared: str = "") -> tuple[str, list[str]]:
    """Text of a .txt/.html file: BOM, then the declared charset, then UTF-8, then GBK (GB18030).

    Returns the text and log lines. Binary data is refused; a few undecodable
    bytes are replaced and reported rather than losing the whole file.
    """
    log: list[str] = []
    candidates = [enc for bom, enc in _BOMS if data.startswith(bom)]
    if not candidates and b"\x00" in data[:65536]:
        raise GikFileError(f"“{name}”不是文本文件（含有二进制数据），无法作为年报导入。")
    candidates += [c for c in (declared, "utf-8", "gb18030") if c and c not in candidates]
    text = None
    for enc in candidates:
        try:
            text = data.decode(enc)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        enc = candidates[0]
        text = data.decode(enc, errors="replace")
        log.append(f"文件中有{text.count(chr(0xFFFD))}处字符无法按{ENCODING_NAMES.get(enc, enc)}编码识别，"
                   "已替换为“�”，请核对导入的文字。")
    if declared and enc != declared and declared in ENCODING_NAMES:
        log.append(f"网页声明的编码是{ENCODING_NAMES[declared]}，实际按{ENCODING_NAMES.get(enc, enc)}读取。")
    controls = sum(1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > 20 and controls > len(text[:65536]) // 100:
        raise GikFileError(f"“{name}”不是文本文件（含有大量控制字符），无法作为年报导入。")
    return text.lstrip("\ufeff"), log
