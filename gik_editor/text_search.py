"""Find and replace in the report's text: the preamble and every text block, in reading order.

A location is "preamble" or "text.<节>.<块号>", as in the findings, so the window shows a match the
way it shows a finding.
"""
from __future__ import annotations

from typing import NamedTuple

from .report import Report

PREAMBLE = "preamble"


class Match(NamedTuple):
    location: str
    start: int
    end: int


def text_places(report: Report) -> list[tuple[str, str]]:
    """(location, text) of every place that holds text, in reading order."""
    return [(PREAMBLE, report.preamble)] + [(f"text.{key}.{i}", block.text)
                                            for key, section in report.sections.items()
                                            for i, block in enumerate(section.blocks())]


def find_all(report: Report, needle: str) -> list[Match]:
    """Every occurrence of `needle` (none for an empty one), in reading order, not overlapping."""
    if not needle:
        return []
    found = []
    for location, text in text_places(report):
        start = text.find(needle)
        while start >= 0:
            found.append(Match(location, start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    return found


def replaced_texts(report: Report, needle: str, replacement: str) -> dict[str, str]:
    """The new text of every place where `needle` occurs, with each occurrence replaced."""
    if not needle:
        return {}
    return {location: text.replace(needle, replacement)
            for location, text in text_places(report) if needle in text}


def text_block(location: str) -> tuple[str, int]:
    """(section, block number) of a location "text.<节>.<块号>"."""
    _, key, index = location.split(".")
    return key, int(index)


def text_at(report: Report, location: str) -> str:
    if location == PREAMBLE:
        return report.preamble
    key, index = text_block(location)
    return report.sections[key].blocks()[index].text
