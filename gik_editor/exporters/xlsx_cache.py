"""Store the computed totals as the cached results of their formulas.

openpyxl writes formulas without results. Excel, WPS and LibreOffice
recalculate on open (the workbook asks them to), but previews, Excel's
Protected View and programs that only read files show the cached result, so
the exporter puts the core's totals there.
"""
from __future__ import annotations

import io
import re
import zipfile

# openpyxl writes a formula cell as <c r="D25" s="7"><f>…</f><v></v></c> (or <v/>).
_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)><f>([^<]*)</f><v(?:></v>|\s*/>)</c>')


def fill(xlsx: bytes, sheet_numbers: list[int], results: list[dict[str, object]]) -> bytes:
    """The same workbook with results[i] (address → number or None) cached in sheet{sheet_numbers[i]}.xml."""
    wanted = {f"xl/worksheets/sheet{n}.xml": res for n, res in zip(sheet_numbers, results)}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in wanted:
                data = _fill_sheet(data.decode("utf-8"), wanted[info.filename]).encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def _fill_sheet(xml: str, results: dict[str, object]) -> str:
    def cached(m: re.Match[str]) -> str:
        ref, style, formula = m.groups()
        if ref not in results:
            return str(m.group())
        value = results[ref]
        if value is None:                       # the formula's result is the empty text ""
            return f'<c r="{ref}"{style} t="str"><f>{formula}</f><v></v></c>'
        return f'<c r="{ref}"{style}><f>{formula}</f><v>{value}</v></c>'
    return _FORMULA_CELL.sub(cached, xml)
