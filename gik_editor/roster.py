"""The county office's list of units (名单) and the pairing of unit reports with it, by 全称, 简称 or with a typo.

A roster is a .txt (one unit a line) or an .xlsx (the column headed 单位/名称, else the first column). Names are
compared without spaces and punctuation; a report is paired with a roster name when its organ name or its file
name is the same, contains it (简称 inside 全称), holds its characters in order (县政府办 in 某县人民政府办公室),
or differs by one mistyped character (such a pairing is listed for the office to confirm). The county's prefix every unit shares (某某县) is left out before a typo is judged, so that
某县财政局 and 某县教育局 are never taken for each other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .storage import GikFileError, read_limited

MAX_ROSTER_BYTES = 2 * 1024 * 1024
MAX_NAMES = 10_000
SAME = 0.75                   # likeness from which two names are one unit (a typo in a four-character name is 0.75)
SURE = 0.9                    # from here on nobody needs to confirm the pairing (简称 inside 全称, the same file name)
NUMBERING = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]\s*)")
REGION_PREFIX = re.compile(r"^.{1,8}?(?:自治州|自治县|省|州|县|市|区|旗)(?=.{2,})")
ROSTER_HEADINGS = ("单位", "名称", "机关")


def read_roster(path: str | Path) -> list[str]:
    """The unit names of a roster file, in its order, without duplicates; GikFileError when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        names = _xlsx_names(path)
    elif suffix in (".txt", ".csv"):
        data = read_limited(path, MAX_ROSTER_BYTES, "单位名单文件过大（超过2MB）。")
        names = [line.split(",")[0] for line in _decode(data).splitlines()]
    else:
        raise GikFileError(f"单位名单“{path.name}”应为文本文件（.txt，每行一个单位）或 Excel 工作簿（.xlsx）。")
    cleaned = [NUMBERING.sub("", n).strip().strip("\ufeff") for n in names]
    out = list(dict.fromkeys(n for n in cleaned if n and key(n)))[:MAX_NAMES]
    if not out:
        raise GikFileError(f"单位名单“{path.name}”中没有读出任何单位名称。")
    return out


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):       # WPS and Notepad on a Chinese PC still save GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise GikFileError("单位名单的文字编码无法识别，请另存为 UTF-8 文本。")


def _xlsx_names(path: Path) -> list[str]:
    from .importers.xlsx_guard import read_sheets
    stored, _ = read_sheets(path)
    if not stored:
        return []
    rows = next(iter(stored.values()))
    texts = [[str(v).strip() if v is not None else "" for v in row] for row in rows]
    column = 0
    for r, row in enumerate(texts[:5]):            # a heading row: the column headed 单位名称 holds the names
        for c, text in enumerate(row):
            if any(h in text for h in ROSTER_HEADINGS) and len(text) <= 8:
                column = c
                texts = texts[r + 1:]
                break
        else:
            continue
        break
    return [row[column] for row in texts if column < len(row)]


def key(name: str) -> str:
    """A name as compared: letters, digits and Chinese characters only; 人民政府 said as 政府."""
    return "".join(c for c in name if c.isalnum()).replace("人民政府", "政府").replace("办事处", "")


def _core(name: str) -> str:
    return REGION_PREFIX.sub("", name)


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(c in rest for c in short)


def likeness(roster_name: str, organ: str, file_stem: str = "") -> float:
    """How surely a report of `organ` (in file `file_stem`) is the roster's unit: 1 the same name, 0 nothing alike."""
    a, b = key(roster_name), key(organ)
    if not a:
        return 0.0
    best = 0.0
    if b:
        if a == b:
            return 1.0
        short, long = sorted((a, b), key=len)
        if len(short) >= 2 and short in long:
            best = 0.95                          # 教育局 in 某县教育局
        elif _core(a) == _core(b):
            best = 0.95                          # 甲县教育局 / 教育局 after the prefix
        elif len(short) >= 3 and _in_order(short, long) and len(short) * 3 >= len(long):
            best = 0.85                          # 县政府办 / 某县人民政府办公室
        elif len(short) >= 4 and _one_edit(a, b):
            best = 0.8                           # one character mistyped, left out or added
        else:
            best = SequenceMatcher(None, _core(a), _core(b)).ratio()
    stem = key(file_stem)
    if stem and len(_core(a)) >= 2 and (_core(a) in stem):
        best = max(best, 0.9)                   # 教育局2023年报.docx
    return best


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@dataclass
class Pairing:
    """The roster's units with their report's index (None: no report), and the reports left without a unit."""
    units: list[tuple[str, int | None]] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)
    fuzzy: list[tuple[str, int]] = field(default_factory=list)   # paired by a typo or by 简称 letters: to confirm


def pair(roster: list[str], reports: list[tuple[str, str]]) -> Pairing:
    """Each roster name with at most one report ((organ, file stem) pairs), best likeness first."""
    scored = sorted(((likeness(name, organ, stem), i, j) for i, name in enumerate(roster)
                     for j, (organ, stem) in enumerate(reports)), key=lambda t: (-t[0], t[1], t[2]))
    unit_of: dict[int, int] = {}
    taken: set[int] = set()
    fuzzy: list[tuple[str, int]] = []
    for score, i, j in scored:
        if score < SAME:
            break
        if i in unit_of or j in taken:
            continue
        unit_of[i] = j
        taken.add(j)
        if score < SURE:
            fuzzy.append((roster[i], j))
    return Pairing([(name, unit_of.get(i)) for i, name in enumerate(roster)],
                   [j for j in range(len(reports)) if j not in taken], fuzzy)
