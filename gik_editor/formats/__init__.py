"""The official report formats, as data, and a registry by id."""
from .base import CellKind, CellSpec, Format, GridCell, Role, Section, Sum, Table, TextPart
from .common import SECTION_KEYS, SECTION_TITLES
from .fmt2019 import FORMAT as FORMAT_2019
from .fmt2021 import FORMAT as FORMAT_2021

FORMATS: dict[str, Format] = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}


def get_format(format_id: str) -> Format:
    return FORMATS[format_id]


def format_for_year(year: int) -> Format:
    """The format a report for `year` must use (2019 tables up to 2020, the 2021 revision after)."""
    return FORMAT_2019 if year <= 2020 else FORMAT_2021


__all__ = ["CellKind", "CellSpec", "Format", "GridCell", "Role", "Section", "Sum", "Table", "TextPart",
           "SECTION_KEYS", "SECTION_TITLES", "FORMATS", "FORMAT_2019", "FORMAT_2021", "get_format",
           "format_for_year"]
