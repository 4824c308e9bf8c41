"""The official report formats, as data, and a registry by id.

A new national revision (or a local variant) is one more data module registered in FORMATS (its tables,
its years, its text skeleton and the roles its cells play in the rules) and a migration table from the
format before it registered in MIGRATIONS. Nothing outside this package names a format.
"""
from .base import CellKind, CellSpec, Format, GridCell, Role, Section, Sum, Table, TextPart
from .common import SECTION_KEYS, SECTION_TITLES
from .fmt2019 import FORMAT as FORMAT_2019
from .fmt2021 import FORMAT as FORMAT_2021
from .m2019_2021 import MIGRATION as MIGRATION_2019_2021
from .migrations import Migration

FORMATS: dict[str, Format] = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}
# (source format id, target format id) → the table that moves a report between them
MIGRATIONS: dict[tuple[str, str], Migration] = {(m.source, m.target): m for m in (MIGRATION_2019_2021,)}
CHINESE_COUNTS = ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十")


def get_format(format_id: str) -> Format:
    return FORMATS[format_id]


def by_years() -> list[Format]:
    """The registered formats, oldest first."""
    return sorted(FORMATS.values(), key=lambda f: f.first_year)


def format_for_year(year: int) -> Format:
    """The format a report for `year` must use: the latest one in force that year (the oldest before any)."""
    formats = by_years()
    covering = [f for f in formats if f.covers(year)]
    return covering[-1] if covering else formats[0]


def latest_format() -> Format:
    """The format in force now, for a report whose year is not known."""
    return by_years()[-1]


def successor(fmt: Format) -> Format | None:
    """The format that replaced `fmt`, if any."""
    later = [f for f in by_years() if f.first_year > fmt.first_year]
    return later[0] if later else None


def formats_named() -> str:
    """How many formats the editor knows, in words: 两种."""
    n = len(FORMATS)
    return f"{CHINESE_COUNTS[n] if n < len(CHINESE_COUNTS) else n}种"


__all__ = ["CellKind", "CellSpec", "Format", "GridCell", "Role", "Section", "Sum", "Table", "TextPart",
           "SECTION_KEYS", "SECTION_TITLES", "FORMATS", "FORMAT_2019", "FORMAT_2021", "get_format",
           "format_for_year", "latest_format", "successor", "by_years", "formats_named", "MIGRATIONS", "Migration"]
