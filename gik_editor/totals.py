"""Computed cells: every total is derived from the format's sum relations, never typed."""
from __future__ import annotations

from .report import Report, Value


def compute_totals(report: Report) -> dict[str, Value | None]:
    """Values of the computed cells. A total whose parts are all blank is blank too."""
    values = report.values
    out: dict[str, Value | None] = {}
    for table in report.format.tables:
        for s in table.sums:
            total: Value = 0
            any_value = False
            for p in s.parts:
                v = out[p] if p in out else values.get(p)
                if v is not None:
                    total += v
                    any_value = True
            out[s.target] = total if any_value else None
    return out


def all_values(report: Report) -> dict[str, Value | None]:
    """Entered and computed values together, keyed by cell id (blank cells absent or None)."""
    merged: dict[str, Value | None] = dict(report.values)
    merged.update(compute_totals(report))
    return merged
