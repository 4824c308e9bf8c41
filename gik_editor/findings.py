"""What a rule says about a report: a finding, its severity, and where it is."""
from __future__ import annotations

from dataclasses import dataclass

from .report import Value

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    """One finding of rules.check: the rule's id (reference/format.md §4), and the two sides where it compares."""
    rule: str
    severity: str
    cells: tuple[str, ...]        # cell ids, or text locations "text.<节>.<块号>" (0 = intro, 1… = sub-parts)
    expected: Value | None
    actual: Value | None
    message: str
