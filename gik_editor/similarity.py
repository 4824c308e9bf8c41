"""How much of one report's text stands in another's (内容雷同), as evaluators measure it.

宿迁's score sheet deducts for a report repeating last year's by more than 50 %: the share of this
year's text, punctuation and whitespace ignored, found in the other text in runs of at least 10
characters (reference/format.md §4.7, D8). The same measure compares two units' reports in a batch or
a roll-up. A run of 10 characters is long enough that the stock phrases every report shares
(《中华人民共和国政府信息公开条例》 is 15, but is one phrase among hundreds) do not make two reports alike.
"""
from __future__ import annotations

from .report import Report

MIN_RUN = 10                 # characters: a shorter common run is a stock phrase, not copied text
ALIKE_SHARE = 0.5            # more than half of the text found in the other: 内容雷同


def normalized(text: str) -> str:
    """The characters that count: letters, digits and Chinese characters, without punctuation or spaces."""
    return "".join(c for c in text if c.isalnum())


def shared_share(text: str, other: str, run: int = MIN_RUN) -> float:
    """The share (0–1) of `text`'s characters that lie in a run of at least `run` characters also in `other`.

    Every common run of `run` or more characters is a chain of common `run`-grams, so marking the
    characters of each `run`-gram of `text` found in `other` marks exactly those runs; linear in the lengths.
    """
    mine, theirs = normalized(text), normalized(other)
    if not mine or len(theirs) < run:
        return 0.0
    grams = {theirs[i:i + run] for i in range(len(theirs) - run + 1)}
    covered = 0
    reach = 0                # the first character not yet covered by a found run
    for i in range(len(mine) - run + 1):
        if mine[i:i + run] in grams:
            covered += i + run - max(reach, i)
            reach = i + run
    return covered / len(mine)


def body_text(report: Report) -> str:
    """The words 内容雷同 (D8) compares: every section's text, without the opening, the headings or the
    tables. The opening says what every report must say (依据, 六个部分, 统计期限, 联系方式), often from the
    county's own template, as the headings do: a report that repeats only that is no copy of last year's
    (平潭综合实验区社会事业局 2023: 97 % of its opening, 36 % of the rest), nor of another unit's."""
    return "\n".join(b.text for s in report.sections.values() for b in s.blocks())
