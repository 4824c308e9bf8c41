"""Rules about what the text says and how (reference/format.md §4.7): D12, D13, D14 and D16.

They read only the text, so rules.py runs them inside its cache of the text findings. Each prefers
missing a case to a false alarm: a clerk taught by wrong warnings ignores the right ones.
"""
from __future__ import annotations

import re
from functools import cache

from .findings import INFO, WARNING, Finding
from .formats import FORMATS, SECTION_TITLES
from .similarity import normalized

Blocks = tuple[tuple[str, int, str, str, tuple[str, ...]], ...]   # (section, index, title, text, carried)
Where = dict[tuple[str, int], str]                                  # (section, index) → "text.<节>.<块号>"

SENTENCE_ENDS = str.maketrans(dict.fromkeys("。；;！？!?\n", "\n"))
# D12: what a report says it did, and the words of a comparison with the year before.
ACTIVITY = ("共", "主动公开", "收到", "受理", "办理", "答复", "处理")
# ...and states a figure: "2022年度报告发布后…" or "2022年办理的建议今年已公开" report no activity of that year.
ACTIVITY_FIGURE = re.compile(r"\d+\s*(?:条|件|次|个|篇|期|场|项)")
COMPARISON = ("较", "比", "相比", "同比", "增长", "下降", "减少", "增加", "持平", "以来")
SELF = ("本机关", "本单位", "本局", "本镇", "本乡", "本街道", "本委", "本办", "我局", "我镇", "我乡", "我委", "我办",
        "我厅", "我区", "我县", "我市", "我街道", "我中心", "我单位")
LIST_MARKS = "（(一二三四五六七八九十）)、.是 　"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in text.translate(SENTENCE_ENDS).split("\n") if s.strip()]


def _d12(year: int, blocks: Blocks, where: Where) -> list[Finding]:
    """Last year's activity stated as this year's: "2021年，我镇共主动公开信息120条" in the 2022 report."""
    if not year:
        return []
    last = f"{year - 1}年"
    out = []
    for s, i, _, text, _ in blocks:
        for sentence in sentences(text):
            rest = sentence.lstrip(LIST_MARKS)
            for me in SELF:
                rest = rest.removeprefix(me)
            if not rest.startswith(last):
                continue
            after = rest[len(last):].removeprefix("度").lstrip("，, ")
            for me in SELF:
                after = after.removeprefix(me)
            if any(w in after[:6] for w in ACTIVITY) and ACTIVITY_FIGURE.search(after) and not any(
                    w in sentence for w in COMPARISON):
                out.append(Finding("D12", WARNING, (where[(s, i)],), year, year - 1,
                                   f"{s}节写的是{last}的工作：“{sentence[:24]}…”，而本报告是{year}年度的。"
                                   f"请改为{year}年的情况；如是与上年比较，请写明“较{last}”。"))
                break
    return out


PROBLEMS = ("问题", "不足")
IMPROVEMENTS = ("改进", "措施", "整改", "计划", "打算")
MIN_PROBLEMS_TEXT = 10          # characters: "无。" or "暂无问题" is no account of problems and improvements


def _d13(blocks: Blocks, where: Where) -> list[Finding]:
    """五 says what went wrong and what was done about it."""
    five = [b for b in blocks if b[0] == "五"]
    said = "".join(text for *_, text, _ in five)
    said = normalized(said) if len(said) < 4 * MIN_PROBLEMS_TEXT else said
    if len(said) < MIN_PROBLEMS_TEXT:
        return [Finding("D13", WARNING, ("text.五.0",), MIN_PROBLEMS_TEXT, len(said),
                        f"“{SECTION_TITLES['五']}”" + ("没有填写" if not said else f"只写了“{said}”（{len(said)}个字，不足{MIN_PROBLEMS_TEXT}个字）")
                        + "，评估时要求写明存在的主要问题和改进情况。请补充。")]
    out = []
    for s, i, title, text, _ in five:
        if i and not text.strip() and any(w in title for w in PROBLEMS + IMPROVEMENTS):
            out.append(Finding("D13", WARNING, (where[(s, i)],), None, None,
                               f"五节的“{title}”下没有内容。请补充；确实没有的，也请写明。"))
    return out


def _d16(blocks: Blocks, where: Where) -> list[Finding]:
    """A sub-part heading with nothing under it (五's are D13's); the exports leave such a heading out.
    A section with no text at all is one finding, not one per heading."""
    out = []
    for key in dict.fromkeys(s for s, *_ in blocks if s != "五"):
        mine = [b for b in blocks if b[0] == key]
        empty = [(i, title) for s, i, title, text, _ in mine if i and title.strip() and not text.strip()]
        if not empty:
            continue
        if len(empty) == len(mine) - 1 and not mine[0][3].strip():
            out.append(Finding("D16", WARNING, (where[(key, 0)],), None, None,
                               f"“{SECTION_TITLES[key]}”还没有内容，其下的小标题都是空的。请逐项填写；"
                               f"没有相关情况的，写明“无”或“本年度未开展”。"))
            continue
        out += [Finding("D16", WARNING, (where[(key, i)],), None, None,
                        f"{key}节的小标题“{title}”下没有内容（导出时不印这样的小标题）。请补充内容；"
                        f"没有相关情况的，写明“无”或“本年度未开展”。") for i, title in empty]
    return out


@cache
def _wording_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # Compiled at the first check, not at start-up: a class of Chinese characters takes ~1 ms to compile,
    # which is why ASCII punctuation is found by itself and its neighbours tested by _chinese.
    notices = "|".join(re.escape(f.basis[f.basis.index("〔") + 1:f.basis.index("〕")]) + r"[〕\])）]" +
                       re.escape(f.basis[f.basis.index("〕") + 1:]) for f in FORMATS.values() if "〔" in f.basis)
    return (re.compile(r"([\u4e00-\u9fff]{2,8})\1"),
            re.compile(r"[,;:()]"),
            re.compile(r"国办(?:发|函)[〔\[(（](?:" + notices + ")"))


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


# Words written twice on purpose: 一一 is one character; these are two-character words said twice.
REPEAT_OK = ("研究研究", "看看", "谢谢")


def _d14(blocks: Blocks, where: Where, preamble: str) -> list[Finding]:
    """Slips a proof-reader marks: a word typed twice, ASCII punctuation in Chinese text, the notice misnamed."""
    twice, ascii_punct, notice = _wording_patterns()
    out = []
    for location, s, text in [("", "", preamble)] * bool(preamble) + [(where[(s, i)], s, t) for s, i, _, t, _ in blocks]:
        cells = (location,) if location else ()
        place = f"{s}节" if s else "开头"
        for m in twice.finditer(text):
            if m.group(0) not in REPEAT_OK and not m.group(1).startswith("一"):
                out.append(Finding("D14", INFO, cells, m.group(1), m.group(0),
                                   f"{place}“{m.group(0)}”疑似重复输入。请改为“{m.group(1)}”；确是原文的，可标记为已核对。"))
        found = [m.group(0) for m in ascii_punct.finditer(text)
                 if m.start() and _chinese(text[m.start() - 1]) and _chinese(text[m.end():m.end() + 1])]
        if found:
            out.append(Finding("D14", INFO, cells, None, "".join(dict.fromkeys(found)),
                               f"{place}中文之间用了半角标点“{' '.join(dict.fromkeys(found))}”，"
                               f"请改为全角标点（，；：（））。"))
        for m in notice.finditer(text):
            out.append(Finding("D14", INFO, cells, None, m.group(0),
                               f"{place}把年报格式的通知写成了“{m.group(0)}…”。请改为“{_right_notice(m.group(0))}”。"))
    return out


def _right_notice(cited: str) -> str:
    """The notice a misnamed citation means: 国办发〔2021〕30 is the format's 国办公开办函〔2021〕30号."""
    numbers = re.findall(r"\d+", cited)
    return next(f.basis for f in FORMATS.values() if re.findall(r"\d+", f.basis) == numbers)


def block_wording_findings(year: int, blocks: Blocks, where: Where) -> list[Finding]:
    """D12 and D14 of text blocks (they read one block at a time)."""
    return _d12(year, blocks, where) + _d14(blocks, where, "")


def wording_findings(year: int, blocks: Blocks, where: Where, preamble: str) -> list[Finding]:
    """D13 and D16 of the whole text, D14 of the preamble."""
    return _d13(blocks, where) + _d14((), where, preamble) + _d16(blocks, where)
