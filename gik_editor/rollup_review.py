"""D8 between units: which units' texts stand more than half in another unit's (“与某某单位报告雷同”).

Comparing every pair with similarity.shared_share would read each text once per other unit (200 units:
40,000 comparisons; 200 copies of one template took 14 s). Instead every 10-character run of every text is
indexed once with the set of texts that hold it, and each text is walked once: a stretch of positions whose
runs are held by the same texts credits each of them with the whole stretch at once. The result is exactly
shared_share for every pair; copies of one template are the fast case, not the slow one.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .rules import MIN_TEXT_COMPARED
from .similarity import ALIKE_SHARE, MIN_RUN, body_text, normalized

if TYPE_CHECKING:
    from .rollup import Unit

NAMED_ALIKE = 5          # a unit alike to many others is told the five closest and how many more


def _holders(plain: list[str], run: int) -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for j, text in enumerate(plain):
        for k in range(len(text) - run + 1):
            found[text[k:k + run]].add(j)
    canonical: dict[frozenset[int], frozenset[int]] = {}
    # One object per distinct set, so that a stretch of equal sets is told by identity, not by comparing sets.
    return {gram: canonical.setdefault(frozenset(s), frozenset(s)) for gram, s in found.items()}


def iter_shares(texts: list[str], run: int = MIN_RUN, plain: bool = False) -> Iterator[tuple[int, dict[int, float]]]:
    """For each text i: {j: the share of text i found in text j in runs of at least `run` characters} (> 0 only).
    `plain`: the texts are normalized already."""
    if not plain:
        texts = [normalized(t) for t in texts]
    holders = _holders(texts, run)
    for i, text in enumerate(texts):
        covered: dict[int, int] = defaultdict(int)
        reach: dict[int, int] = {}
        k, last = 0, len(text) - run + 1
        while k < last:
            held = holders[text[k:k + run]]
            end = k + 1
            while end < last and holders[text[end:end + run]] is held:
                end += 1
            # runs starting at k … end-1 are all in each text of `held`: they cover [k, end - 1 + run)
            for j in held:
                if j != i:
                    covered[j] += end - 1 + run - max(reach.get(j, 0), k)
                    reach[j] = end - 1 + run
            k = end
        yield i, {j: c / len(text) for j, c in covered.items()}


def shares(texts: list[str], run: int = MIN_RUN) -> dict[tuple[int, int], float]:
    """(i, j) → the share of text i found in text j, for every pair with a share above 0."""
    return {(i, j): share for i, found in iter_shares(texts, run) for j, share in found.items()}


def mark_alike(units: list[Unit]) -> None:
    """Each unit whose text stands more than half in other units' gets the closest of them in `alike`
    (NAMED_ALIKE at most; `alike_more` counts the rest)."""
    texts = [normalized(body_text(u.report)) if u.report is not None else "" for u in units]
    compared = [t if len(t) >= MIN_TEXT_COMPARED else "" for t in texts]
    for i, found in iter_shares(compared, plain=True):
        alike = sorted(((share, j) for j, share in found.items() if share > ALIKE_SHARE), key=lambda t: (-t[0], t[1]))
        units[i].alike = [(units[j].name, round(share, 3)) for share, j in alike[:NAMED_ALIKE]]
        units[i].alike_more = max(0, len(alike) - NAMED_ALIKE)
