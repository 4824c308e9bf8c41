"""Hypothesis strategies for whole reports of both formats (shared by the core, storage and exporter tests)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gik_editor.formats import FORMATS, CellKind
from gik_editor.report import ORGAN_TYPES, Report, new_report

# Text a clerk could type: CJK, ASCII, full-width punctuation; no control characters.
text_chars = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                           exclude_characters="\r\n\x00\u2028\u2029")
line = st.text(text_chars, max_size=40).map(str.strip)
paragraphs = st.lists(line.filter(bool), max_size=3).map("\n".join)


def values_for(format_id: str):
    cells = [c for c in FORMATS[format_id].cells.values() if not c.computed]

    def value(kind: CellKind):
        if kind is CellKind.MONEY:
            return st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
        if kind is CellKind.SIGNED:
            return st.integers(-10**5, 10**5)
        return st.integers(0, 10**5)

    return st.fixed_dictionaries({}, optional={c.id: value(c.kind) for c in cells})


@st.composite
def reports(draw, format_id: str | None = None) -> Report:
    fid = format_id or draw(st.sampled_from(sorted(FORMATS)))
    fmt = FORMATS[fid]
    year = draw(st.integers(fmt.first_year, fmt.last_year or 2030))
    report = new_report(fid, year, draw(line), draw(st.sampled_from(("",) + ORGAN_TYPES)))
    report.meta.phone = draw(line)
    report.meta.signer = draw(line)
    report.preamble = draw(paragraphs)
    for key, sec in report.sections.items():
        sec.intro.text = draw(paragraphs)
        for part in sec.parts:
            part.text = draw(paragraphs)
    report.values = {k: (Decimal(v) if isinstance(v, Decimal) else v) for k, v in draw(values_for(fid)).items()}
    if fid == "2019":
        report.money_unit = draw(st.sampled_from(("", "元", "万元")))
    return report
