"""The report document: metadata, text per section and sub-part, cell values.

Blank is not 0: a cell that was never filled is absent from `values`; it counts
as 0 in sums but stays known as blank (and is printed blank).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from .formats import SECTION_KEYS, Format, get_format

Value = int | Decimal

ORGAN_TYPES = ("国务院部门", "省级政府", "省级部门", "市级政府", "市级部门",
               "县级政府", "县级部门", "乡", "镇", "街道", "其他")
MONEY_UNITS = ("元", "万元")


@dataclass
class Meta:
    organ_name: str = ""          # 机关全称
    organ_type: str = ""          # one of ORGAN_TYPES, or "" when not chosen
    year: int = 0                 # 报告年度
    address: str = ""
    phone: str = ""
    postcode: str = ""
    email: str = ""
    website: str = ""
    publish_date: str = ""        # ISO date, or "" before publication
    drafter: str = ""             # 拟稿人
    reviewer: str = ""            # 审核人
    signer: str = ""              # 签发人


@dataclass
class TextBlock:
    """A titled sub-part (or a section's untitled intro when title is "")."""
    title: str = ""
    text: str = ""                # paragraphs separated by "\n"
    carried: tuple[str, ...] = () # paragraphs taken over from last year, not yet edited or confirmed

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p.strip()]

    def carried_paragraphs(self) -> list[str]:
        """The paragraphs of the text that are still last year's, unconfirmed."""
        mark = set(self.carried)
        return [p for p in self.paragraphs() if p in mark]


@dataclass
class SectionText:
    intro: TextBlock = field(default_factory=TextBlock)
    parts: list[TextBlock] = field(default_factory=list)

    def blocks(self) -> list[TextBlock]:
        return [self.intro, *self.parts]


@dataclass
class Prior:
    """Last year's figures that the cross-year rules need, kept inside this year's file."""
    year: int
    format_id: str
    values: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Mark:
    """A finding marked 已核对: the reviewer's reason and a digest of what it was about then (reviews.py)."""
    reason: str
    fingerprint: str
    message: str = ""             # the finding's wording when it was marked, kept for a reader of the file


@dataclass(frozen=True)
class UnitSource:
    """One unit report that went into a roll-up: the unit, the file as it was named, its SHA-256."""
    unit: str
    file: str
    sha256: str


@dataclass
class RollUp:
    """What makes a report a roll-up (综合报告): the unit reports summed into its tables, and the units without one."""
    units: tuple[UnitSource, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass
class Report:
    format_id: str
    meta: Meta = field(default_factory=Meta)
    title: str = ""               # "" → the usual 〈机关全称〉YYYY年度政府信息公开工作年度报告
    preamble: str = ""            # paragraphs before 一、总体情况
    sections: dict[str, SectionText] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    printed: dict[str, Value | None] = field(default_factory=dict)  # totals as printed in an imported report
    money_unit: str = ""          # unit of the 2019 采购总金额, chosen by the user ("" = not chosen)
    prior: Prior | None = None
    review: dict[str, str] = field(default_factory=dict)  # cell id → why it needs a manual check (migration)
    migration_note: str = ""
    reviewed: dict[str, Mark] = field(default_factory=dict)  # finding (reviews.mark_key) → 已核对 mark
    rollup: RollUp | None = None  # set when the tables are the sum of units' reports (rollup.py)

    def __post_init__(self) -> None:
        for key in SECTION_KEYS:
            self.sections.setdefault(key, SectionText())

    @property
    def format(self) -> Format:
        return get_format(self.format_id)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        year = f"{self.meta.year}年度" if self.meta.year else "年度"
        return f"{self.meta.organ_name}{year}政府信息公开工作年度报告"

    def get(self, cell_id: str) -> Value | None:
        return self.values.get(cell_id)

    def set(self, cell_id: str, value: Value | None) -> None:
        """Set an input cell; None makes it blank. Computed cells cannot be set."""
        spec = self.format.cells[cell_id]
        if spec.computed:
            raise ValueError(f"{cell_id} is computed")
        if value is None:
            self.values.pop(cell_id, None)
        else:
            self.values[cell_id] = value

    def copy(self) -> Report:
        return copy.deepcopy(self)


def new_report(format_id: str, year: int, organ_name: str = "", organ_type: str = "") -> Report:
    """An empty report with the format's default sub-part titles."""
    fmt = get_format(format_id)
    report = Report(format_id=format_id, meta=Meta(organ_name=organ_name, organ_type=organ_type, year=year))
    for section in fmt.sections:
        report.sections[section.key] = SectionText(
            parts=[TextBlock(part_title(p.title, year)) for p in section.parts])
    return report


def part_title(template: str, year: int) -> str:
    return template.format(year=year, next_year=year + 1)


def format_value(v: Value | None) -> str:
    """How a value is printed: blank stays blank, decimals without exponent or trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        text = format(v, "f")
        return text if "." not in text else text.rstrip("0").rstrip(".")
    return str(v)
