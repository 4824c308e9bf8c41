"""D8 between units: which units' texts stand more than half in another unit's (“与某某单位报告雷同”).

Comparing every pair with similarity.shared_share would read each text once per other unit (200 units:
40,000 comparisons). Instead every 10-character run of every text is indexed once, and each text is walked
once, crediting each other unit that holds the run; the result is exactly shared_share for every pair.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .rules import MIN_TEXT_COMPARED
from .similarity import ALIKE_SHARE, MIN_RUN, normalized, report_text

if TYPE_CHECKING:
    from .rollup import Unit


def shares(texts: list[str], run: int = MIN_RUN) -> dict[tuple[int, int], float]:
    """(i, j) → the share of text i found in text j in runs of at least `run` characters, for every pair > 0."""
    plain = [normalized(t) for t in texts]
    holders: dict[str, set[int]] = defaultdict(set)
    for j, text in enumerate(plain):
        for k in range(len(text) - run + 1):
            holders[text[k:k + run]].add(j)
    out: dict[tuple[int, int], float] = {}
    for i, text in enumerate(plain):
        if not text:
            continue
        covered: dict[int, int] = defaultdict(int)
        reach: dict[int, int] = {}
        for k in range(len(text) - run + 1):
            for j in holders[text[k:k + run]]:
                if j != i:
                    covered[j] += k + run - max(reach.get(j, 0), k)
                    reach[j] = k + run
        out.update(((i, j), c / len(text)) for j, c in covered.items())
    return out


def mark_alike(units: list[Unit]) -> None:
    """Each unit whose text stands more than half in another unit's gets that unit in `alike`."""
    texts = [report_text(u.report) if u.report is not None else "" for u in units]
    long_enough = [len(normalized(t)) >= MIN_TEXT_COMPARED for t in texts]
    for (i, j), share in sorted(shares([t if ok else "" for t, ok in zip(texts, long_enough)]).items()):
        if share > ALIKE_SHARE:
            units[i].alike.append((units[j].name, round(share, 3)))
