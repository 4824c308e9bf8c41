"""Reads the real published reports in tests/data/published/real/ (their README says the layout) into reports."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from gik_editor.importers.published_parser import _split_lead
from gik_editor.report import Report, TextBlock, new_report

FOLDER = Path(__file__).resolve().parent / "data" / "published" / "real"
SUB_PART = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "“”《》〈〉、。"


def full_width(line: str) -> str:
    """`, : ; ( )` at Chinese text back to full width (the page store made them half width)."""
    out, opened = list(line), []
    for i, c in enumerate(line):
        before, after = line[i - 1:i], line[i + 1:i + 2]
        if c == "(":
            full = _cjk(before) or _cjk(after) or not before
            opened.append(full)
            if full:
                out[i] = "（"
        elif c == ")":
            if opened.pop() if opened else _cjk(before):
                out[i] = "）"
        elif c in ",:;" and (_cjk(before) or _cjk(after)):
            out[i] = HALF_TO_FULL[c]
    return "".join(out)


def load(path: Path) -> Report:
    header: dict[str, str] = {}
    blocks: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# "):
            key, value = raw[2:].split(":", 1)
            header[key.strip()] = value.strip()
        elif raw.startswith("[") and raw.endswith("]"):
            current = raw[1:-1]
            blocks[current] = []
        elif raw.strip() and current is not None:
            as_published = current == "values" or header.get("punctuation", "").startswith("as published")
            blocks[current].append(raw.strip() if as_published else full_width(raw.strip()))
    year = int(header["year"])
    report = new_report(header["format"], year, header["organ"], header.get("organ_type", ""))
    for section in report.sections.values():
        section.parts = []
    report.money_unit = header.get("money_unit", "")
    report.preamble = "\n".join(blocks.get("preamble", []))
    for key, lines in blocks.items():
        if key in ("preamble", "values"):
            continue
        section = report.sections[key]
        target = section.intro
        for line in lines:
            if SUB_PART.match(line):
                # a run-in heading ("（一）主动公开方面。全年…") split as the importer splits it
                title, rest = _split_lead(line) or (line, "")
                target = TextBlock(title, rest)
                section.parts.append(target)
            else:
                target.text = f"{target.text}\n{line}" if target.text else line
    for line in blocks.get("values", []):
        cell, value = (x.strip() for x in line.split("="))
        for cell_id, one in _row(report, cell, value.split("|")[0]):
            if one != "_":
                report.values[cell_id] = _number(one)
    return report


def _number(text: str) -> int | Decimal:
    return Decimal(text) if "." in text else int(text)


def _row(report: Report, key: str, value: str) -> list[tuple[str, str]]:
    """`t3.open = 22 0 0 0 0 0`: a whole row, its cells in the format's order (`_` a cell left blank).
    A row of computed cells only (`t3.total`, the published 总计 row) is kept for the check, not entered."""
    numbers = value.split()
    if len(numbers) == 1 and "." in key[3:]:
        return [(key, value.strip())]
    cells = _cells(report, key, computed=False)
    if not cells and _cells(report, key, computed=True):
        return []
    if len(cells) != len(numbers):
        raise ValueError(f"{key}: {len(numbers)} numbers for {len(cells)} cells")
    return list(zip(cells, numbers))


def _cells(report: Report, key: str, computed: bool) -> list[str]:
    return [c.id for t in report.format.tables for c in t.cells
            if c.id.startswith(key + ".") and c.computed == computed]


def published_totals(name: str) -> list[tuple[str, list[int | Decimal | None], int | Decimal]]:
    """Every `row = parts… | total` line of a report: the row's cells and the total the report printed with it."""
    rows = []
    in_values = False
    for line in (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            in_values = line == "[values]"
        elif in_values and "|" in line:
            key, value = (x.strip() for x in line.split("=", 1))
            parts, total = value.split("|")
            rows.append((key, [None if p == "_" else _number(p) for p in parts.split()], _number(total.strip())))
    return rows


def all_reports() -> dict[str, Report]:
    return {p.stem: load(p) for p in sorted(FOLDER.glob("*.txt"))}


def is_whole(name: str) -> bool:
    """A whole report (header "# whole: yes …"): all six parts and the whole tables."""
    return any(line.startswith("# whole: yes") for line in (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines())


def image_tables(name: str) -> set[str]:
    """The tables a report published as pictures (header "# images: t2, t3, t4 …"): their cells were not read."""
    for line in (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# images:"):
            return {t.strip() for t in line.split(":", 1)[1].split("(")[0].split(",")}
    return set()


def cut_tables(name: str) -> set[str]:
    """The tables an excerpt shows only the first rows of (header "# cut: t3")."""
    for line in (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# cut:"):
            return {t.strip() for t in line.split(":", 1)[1].split(",")}
    return set()
