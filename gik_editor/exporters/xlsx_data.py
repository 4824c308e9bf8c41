"""The machine-readable copy of the whole report inside the workbook (hidden sheet 数据).

Layout: A1 the marker, B1 the layout version, C1 the number of chunks, D1 the
SHA-256 of the JSON; A2 a note for people; A3… the .gik JSON split into chunks
below Excel's 32767-character cell limit. The JSON is the .gik content with
every character XML cannot hold escaped, so the text comes back exactly.
"""
from __future__ import annotations

import hashlib
import json
import re

from .. import storage
from ..report import Report

SHEET = "数据"
MARKER = "gik_editor"
VERSION = 1
FIRST_CHUNK_ROW = 3
CHUNK = 30_000
NOTE = "本工作表保存年报的完整数据，供年报编辑器读回，请勿修改。"

# Characters XML 1.0 cannot carry (JSON escapes the ASCII controls itself), and the "_x" of
# "_x0041_", which Excel reads as an escaped character and would change on its next save.
_XML_UNSAFE = re.compile("[\ud800-\udfff\ufffe\uffff]|_(?=x)")


def encode(report: Report) -> tuple[list[str], str]:
    """The JSON chunks and their checksum."""
    text = json.dumps(storage.to_dict(report), ensure_ascii=False, separators=(",", ":"))
    text = _XML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    chunks = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    return chunks, checksum(text)


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class DataSheetError(Exception):
    """The data sheet is present but unusable; str() says why, in Chinese."""


def decode(rows: list[tuple[object, ...]]) -> Report:
    """The report from the data sheet's rows (values, first row first)."""
    head = tuple(rows[0]) + (None,) * 4 if rows else (None,) * 4
    version, count, digest = head[1], head[2], head[3]
    if isinstance(version, int) and version > VERSION:
        raise DataSheetError("数据工作表由更新版本的年报编辑器生成，请升级本程序")
    if not isinstance(count, int) or not 1 <= count <= len(rows) - FIRST_CHUNK_ROW + 1:
        raise DataSheetError("数据工作表不完整")
    parts: list[str] = []
    for row in rows[FIRST_CHUNK_ROW - 1:FIRST_CHUNK_ROW - 1 + count]:
        part = row[0] if row else None
        if not isinstance(part, str):
            raise DataSheetError("数据工作表不完整")
        parts.append(part)
    text = "".join(parts)
    if checksum(text) != digest:
        raise DataSheetError("数据工作表已被修改")
    try:
        return storage.loads(text, "数据工作表")
    except storage.GikFileError as e:
        raise DataSheetError(str(e)) from None
