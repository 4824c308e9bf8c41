"""The one parser that turns the stream of a published report into a Report and an import log.

It finds the title (机关 and 年度), the six section headings, the run-in
sub-parts of the text sections, and hands every table cell to the reader of
the table it belongs to. The format is recognised from the labels.
"""
from __future__ import annotations

import datetime
import re

from ..formats import (
    FORMATS,
    MIGRATIONS,
    SECTION_KEYS,
    SECTION_TITLES,
    Format,
    format_for_year,
    get_format,
    latest_format,
)
from ..migration import map_values
from ..report import Meta, Report, SectionText, TextBlock, Value
from ..rules import infer_organ_type
from ..storage import MAX_TEXT, GikFileError
from ..totals import compute_totals
from .published_items import Cell, Item, Items, Para, RowEnd
from .published_labels import distinctive, norm
from .published_tables import Placed, TableReader, table_name
from .published_text_columns import known_texts

_HEADING = re.compile(r"^([一二三四五六])(?:\s*[、.．,，]\s*|\s+)(\S.{1,38})$")
_HEADING_WORDS = {"一": ("总体",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
                 "五": ("问题", "改进"), "六": ("其他",)}
# The official headings, also without "一、" (Word's automatic numbering is not in the text).
_OFFICIAL_HEADINGS = {norm(t): k for k, title in SECTION_TITLES.items() for t in (title, title[2:])}
_LEAD = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
_LEAD_END = "。：:！？"
_LEAD_MAX = 50                      # a sub-part title is short; a longer lead is a sentence
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_HEAD = re.compile(r"(?:19|20)\d{2}\s*年度?$")     # the first line of a title broken before 政府信息公开…
_DATE = re.compile(r"^((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$")
# Web-page furniture around the report: dropped, with a count in the log.
_CHROME = re.compile(r"发布时间|发布日期|来源[:：]|信息来源|浏览次数|阅读次数|访问量|点击数|字号|打印|关闭窗口|分享到|"
                     r"索引号|版权所有|主办单位|承办单位|ICP|网站标识码|技术支持|联系我们|网站地图|公网安备|"
                     r"Copyright|©|上一篇|下一篇|相关链接|扫一扫|当前位置|您的位置|首页|"
                     r"微信\s*微博|QQ空间|全真版|文字版|文件下载|附件下载|下载附件|相关附件|^【?关闭】?$|浏览效果|"
                     r"分辨率|建议使用.{0,20}浏览器|扫码|【打印】|【关闭】")
# A portal's line in a saved Word file or page: 来源：×× 时间：2021-01-20 (its date is the publication date).
_PORTAL_LINE = re.compile(r"^(?:来源[:：].{0,40}(?:时间|日期)[:：]|(?:发布|生成)(?:时间|日期)[:：])")
_PAGE_DATE = re.compile(r"(?:发布|生成|时间|日期)[^0-9]{0,6}((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_CHROME_MAX = 80
MAX_LOG_LINES = 60
# Said first in the log, by the command line and by batch: blank tables must never pass for a clean import.
EMPTY_TABLES = ("警告：没有读出任何统计表的数字，表二、表三、表四全部为空。文件中的表格可能是图片或无法识别的格式，"
                "请核对原文件，或改用这份报告的Word文件、网页导入。")
MAX_PARTS = 100                      # storage accepts up to 100 sub-parts per section


def parse(items: list[Item], name: str, web: bool = True) -> tuple[Report, list[str]]:
    """`web`: the items come from a web page or text copied from one, which may carry page furniture."""
    return _Parser(items, name, web).run()


class _Parser:
    def __init__(self, items: list[Item], name: str, web: bool) -> None:
        self.items = items
        self.name = name
        self.web = web
        self.log: list[str] = []
        self.chrome = 0
        self.contents: set[int] = set()         # a table of contents before the first heading

    def run(self) -> tuple[Report, list[str]]:
        blocks = self.items.blocks if isinstance(self.items, Items) else []     # a web page's containers
        self.page_date = ""
        self._titles_in_cells()
        if self.web and blocks:
            self._only_the_report(blocks)
        if self.web:
            self._cut_after_sign_off()
        headings = self._headings()
        first = min(headings, default=len(self.items))
        meta, title, preamble = self._front_matter(
            [item for i, item in enumerate(self.items[:first]) if i not in self.contents])
        fmt = self._format(meta.year)
        placed = Placed(fmt)
        sections = self._body(headings, fmt, placed)
        self.migrated: set[str] = set()
        review = self._tables_by_their_own_layout(headings, fmt, placed)
        if not headings and not placed.values and not placed.printed:
            raise GikFileError(f"“{self.name}”中没有找到年报的内容：既没有“{SECTION_TITLES['一']}”等标题，也没有年报的统计表。")
        self._sign_off(sections, meta)
        if not meta.publish_date and self.page_date:
            meta.publish_date = self.page_date
            self.log.append(f"网页上的发布日期（{meta.publish_date}）已作为发布日期导入。")
        report = Report(format_id=fmt.id, meta=meta, title=title, preamble=preamble, sections=sections,
                        values=placed.values, printed=placed.printed, money_unit=placed.money_unit, review=review)
        self._report_problems(report, headings, placed)
        return report, self._capped(self.log)

    # ---- structure --------------------------------------------------------------

    def _titles_in_cells(self) -> None:
        """A title in a cell of the page's layout table (old sites set the whole page in tables) is the title."""
        first = next((i for i, item in enumerate(self.items) if isinstance(item, Para) and heading_key(item.text)),
                     None)
        if first is None or not any(isinstance(item, Cell) for item in self.items[:first]):
            return
        items = list(self.items)
        for i in range(first):
            if isinstance(items[i], Cell) and _is_title(_clean(items[i].text).replace("\n", "")):
                items[i] = Para(items[i].text.replace("\n", ""))
        self.items = items

    def _only_the_report(self, blocks: list[tuple[int, int]]) -> None:
        """Keep the page's element that holds the report (the smallest holding all its headings and some text
        after the last), the title above it and a sign-off just below it; the site's header, share bar,
        navigation and footer go, with a line in the log (and the page's publication date kept)."""
        items = self.items
        found = sorted(i for i, item in enumerate(items) if isinstance(item, Para) and heading_key(item.text))
        if len({heading_key(items[i].text) for i in found}) < 3:
            return                                  # no report structure to go by: keep everything
        first, last = found[0], found[-1]
        holding = sorted((e - s, s, e) for s, e in blocks if s <= first and e > last + 1)
        if not holding:
            return
        _, start, end = holding[0]
        texts = [(i, _clean(items[i].text)) for i in range(start, first) if isinstance(items[i], Para)]
        title_at = next((i for i, t in reversed(texts) if _is_title(t)), None)
        if title_at is None:
            title_at = next((i for i in range(start - 1, -1, -1)
                             if isinstance(items[i], Para) and _is_title(_clean(items[i].text))), None)
        keep = list(range(start, end))
        if title_at is not None and title_at < start:
            keep.insert(0, title_at)
        keep += self._sign_off_below(end)
        kept = set(keep)
        dropped = [_clean(item.text) for i, item in enumerate(items) if i not in kept and item.text.strip()]
        if not dropped:
            return
        for text in dropped:
            date = _PAGE_DATE.search(text)
            if date and not self.page_date and len(text) <= _CHROME_MAX:
                self.page_date = _iso(*date.groups())
        after = [t for i, t in ((i, _clean(items[i].text)) for i in range(end, len(items)))
                 if i not in kept and t and not _CHROME.search(t)]
        shown = f"，其中页面下方的有：{'、'.join('“' + t[:20] + '”' for t in after[:3])}等" if after else ""
        self.log.append(f"网页中年报正文以外的{len(dropped)}段文字（网站栏目、分享按钮、页脚等）未导入{shown}。")
        self.items = [items[i] for i in keep]

    def _cut_after_sign_off(self) -> None:
        """Nothing of the report comes after its sign-off: what follows the closing date line below the last
        section (a page's links and footer copied with the text) is left out, and the log says so."""
        items = self.items
        last = max((i for i, item in enumerate(items) if isinstance(item, Para) and heading_key(item.text)),
                   default=None)
        if last is None:
            return
        date = next((i for i in range(last + 1, len(items)) if isinstance(items[i], Para)
                     and _DATE.match(_clean(items[i].text))), None)
        if date is None or not any(isinstance(item, Para) and item.text.strip() for item in items[date + 1:]):
            return
        rest = [_clean(item.text) for item in items[date + 1:] if item.text.strip()]
        if any(isinstance(item, Cell) and norm(item.text) for item in items[date + 1:]) and any(
                norm(item.text) in known_texts() for item in items[date + 1:]):
            return                                    # a table follows: the date was no sign-off
        if any(_LEAD.match(t) or len(t) > 60 and "。" in t and not _CHROME.search(t) for t in rest):
            return                                    # report text follows: when in doubt, keep it
        shown = "、".join("“" + t[:20] + "”" for t in rest[:3])
        self.log.append(f"文末落款之后的{len(rest)}段文字（网页链接、页脚等）未导入：{shown}等。")
        self.items = items[:date + 1]

    def _sign_off_below(self, end: int) -> list[int]:
        """A sign-off (机关 line, date line) standing just below the report's element."""
        for i in range(end, min(end + 4, len(self.items))):
            item = self.items[i]
            if isinstance(item, Para) and _DATE.match(_clean(item.text)):
                return [j for j in range(end, i + 1) if isinstance(self.items[j], Para)
                        and len(_clean(self.items[j].text)) <= 30]
        return []

    def _headings(self) -> dict[int, str]:
        """Positions of the section headings, in order (一 before 二 …).

        For each section, from 六 back to 一, the last heading line before the next section's: a
        table of contents at the top (a run of heading lines) is passed over that way.
        """
        candidates = [(i, key) for i, item in enumerate(self.items)
                      if isinstance(item, Para) and (key := heading_key(item.text))]
        found: dict[int, str] = {}
        bound = len(self.items)
        for key in reversed(SECTION_KEYS):
            before = [i for i, k in candidates if k == key and i < bound]
            if before:
                found[before[-1]] = key
                bound = before[-1]
        contents = [i for i, _ in candidates if i < bound]
        if len(contents) >= 3:
            self.contents = set(contents)
            self.log.append(f"标题前的{len(contents)}行目录未导入。")
        return dict(sorted(found.items()))

    def _front_matter(self, paras: list[Item]) -> tuple[Meta, str, str]:
        texts = [t for t in (_clean(p.text) for p in paras if isinstance(p, Para)) if t]
        # The title is the last title-like line before the first heading: page furniture above it
        # (breadcrumbs, a repeated page title) often reads like a title too.
        titles = [i for i, t in enumerate(texts) if _is_title(t)]
        dated = [i for i in titles if _YEAR.search(texts[i])]
        candidates = dated or titles
        at = candidates[-1] if candidates else None
        meta = Meta()
        title = ""
        if at is None:
            self.log.append("没有找到报告标题（如“××2020年度政府信息公开工作年度报告”），请在基本信息中填写机关名称和年度。")
            before, after = [], texts
        else:
            before, after = texts[:at], texts[at + 1:]
            title = texts[at][:1000]
            if at and _YEAR.match(title) and _is_organ_line(before[-1]):
                title = before.pop() + title          # a title broken after the organ: 洪合镇 / 2020年度…
            elif at and title.startswith("政府信息公开") and _TITLE_HEAD.search(before[-1]) and len(before[-1]) <= 80:
                title = before.pop() + title          # broken before its tail: 洪合镇2020年度 / 政府信息公开…
            year = _YEAR.search(title)
            if year:
                meta.year = int(year.group(1))
                meta.organ_name = _organ(title, year)
        if not meta.year:
            meta.year = self._year_from_text()
        meta.organ_type = infer_organ_type(meta.organ_name)
        if title and title == f"{meta.organ_name}{meta.year}年度政府信息公开工作年度报告":
            title = ""
        skipped = [t for t in before if not _CHROME.search(t)]
        self.chrome += len(before) - len(skipped)
        if skipped:
            self.log.append(f"标题之前的{len(skipped)}段文字不属于年报正文，未导入：“{skipped[0][:30]}”等。")
        preamble = [t for t in after if not self._is_chrome(t, meta)]
        return meta, title, "\n".join(preamble)[:MAX_TEXT]

    def _is_chrome(self, text: str, meta: Meta) -> bool:
        if len(text) > _CHROME_MAX or "。" in text or not (_CHROME if self.web else _PORTAL_LINE).search(text):
            return False
        self.chrome += 1
        date = re.search(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})", text)
        if date and re.search("发布|时间", text) and not meta.publish_date and _iso(*date.groups()):
            meta.publish_date = _iso(*date.groups())
            self.log.append(f"网页上的发布日期（{meta.publish_date}）已作为发布日期导入。")
        return True

    def _year_from_text(self) -> int:
        counts: dict[int, int] = {}
        for item in self.items[:200]:
            if isinstance(item, Para):
                for y in _YEAR.findall(item.text):
                    counts[int(y)] = counts.get(int(y), 0) + 1
        if not counts:
            self.log.append("未能识别报告年度，请在基本信息中填写。")
            return 0
        year = max(counts, key=lambda y: (counts[y], -y))
        self.log.append(f"标题中没有年度，按正文中最常出现的年份定为{year}年，请核对。")
        return year

    def _format(self, year: int) -> Format:
        seen = {norm(i.text) for i in self.items if isinstance(i, Cell)}
        scores = {}
        for fid, fmt in FORMATS.items():
            others = [f for f in FORMATS.values() if f is not fmt]
            scores[fid] = len(seen & distinctive(fmt, others))
        best = max(scores.values())
        if best == 0:
            fmt = format_for_year(year) if year else latest_format()
            self.log.append(f"未能从表格识别报告格式，按年度选用“{fmt.name}”。")
            return fmt
        winners = [fid for fid, s in scores.items() if s == best]
        # One stray label (规范性文件 for 行政规范性文件 is common) is not yet a mix of formats.
        if len(winners) > 1 or sorted(scores.values())[-2] > 1:
            if year:
                # Real reports mix the formats table by table: the year says which format the report is in,
                # each table is read by its own layout and converted (_tables_by_their_own_layout).
                fmt = format_for_year(year)
                self.log.append(f"表格中同时出现了两种格式的栏目名称：按年度选用“{fmt.name}”，各表按其自身的栏目读出。")
                return fmt
            self.log.append("表格中同时出现了两种格式的栏目名称，已按出现较多的一种导入，请核对。")
        return FORMATS[winners[0]] if len(winners) == 1 else (format_for_year(year) if year else latest_format())

    def _tables_by_their_own_layout(self, headings: dict[int, str], fmt: Format, placed: Placed) -> dict[str, str]:
        """Tables printed in an older format's layout (a 2019 table 二, or table 三 with the single
        （六）其他处理 row, in a 2021 report): read by that layout and converted with the format migration,
        values that changed meaning flagged for review. Returns the review notes; the log says what was mapped."""
        review: dict[str, str] = {}
        for (source, target), migration in MIGRATIONS.items():
            if target != fmt.id:
                continue
            old = get_format(source)
            alt = Placed(old)
            readers = self._read(headings, old, alt, texts=False)[0]
            for table in fmt.tables:
                mine, theirs = self.readers.get(table.id), readers.get(table.id)
                if mine is None or theirs is None or not theirs.touched:
                    continue
                name = table_name(table)
                if _fit(theirs, alt, name) <= _fit(mine, placed, name):
                    continue
                self.migrated.add(table.id)
                ours = {c.id for c in old.table(table.id).cells}
                for kept in (placed.values, placed.printed):
                    for cid in [c for c in kept if c.startswith(table.id + ".")]:
                        del kept[cid]
                placed.stray_cells[:] = [t for t in placed.stray_cells if not t.startswith(name)]
                placed.problems[:] = [t for t in placed.problems if not t.startswith(name)]
                placed.problems += [t for t in alt.problems + alt.stray_cells if t.startswith(name)]
                values = {c: v for c, v in alt.values.items() if c in ours}
                mapped = map_values(Report(format_id=old.id, values=values, money_unit=alt.money_unit), migration)
                placed.values.update(mapped.values)
                review.update(mapped.review)
                for cid, v in alt.printed.items():
                    move = migration.move_of(cid)
                    target_id = move.target if move else cid
                    if cid in ours and target_id in fmt.cells and fmt.cells[target_id].computed:
                        placed.printed[target_id] = v
                placed.money_unit = placed.money_unit or alt.money_unit
                self.log.append(f"{name}是按{old.short}的栏目印的，已按其栏目读出并转为{fmt.short}"
                                f"（{len(values)}个数字，其中{len(mapped.review)}个由相近栏目转入，已标为“需人工核对”）。")
                self.log += [f"{name}中没有对应栏目、未转入的数字：{line}" for line in mapped.dropped]
        return review

    def _body(self, headings: dict[int, str], fmt: Format, placed: Placed) -> dict[str, SectionText]:
        """The section texts, every table cell fed to its reader."""
        readers, builders = self._read(headings, fmt, placed, texts=True)
        self.readers = readers
        return {k: b.build(self.log, k) for k, b in builders.items()}

    def _read(self, headings: dict[int, str], fmt: Format, placed: Placed,
              texts: bool) -> tuple[dict[str, TableReader], dict[str, _TextBuilder]]:
        """Every table cell fed to its reader, and (`texts` True) the section texts to their builders.
        `texts` False: only the tables are read (by another format's layout)."""
        readers = {t.id: TableReader(t, placed) for t in fmt.tables}
        marker = _markers(readers)
        builders = {key: _TextBuilder() for key in SECTION_KEYS}
        final = max(headings, default=None)        # page footers follow the last section
        key = None
        current: TableReader | None = None
        table_texts = {t for reader in readers.values() for t in reader.voc.texts}
        for i in range(len(self.items)):
            item = self.items[i]
            if isinstance(item, Para) and norm(item.text) in table_texts:
                item = Cell(item.text)      # a one-cell table row copied as a line of its own (第二十条第（一）项)
            if i in headings:
                key = headings[i]
                if current:
                    current.interrupt()
                table_id = fmt.section(key).table
                current = readers[table_id] if table_id else None
                continue
            if isinstance(item, RowEnd):
                if current:
                    current.end_row()
                continue
            if isinstance(item, Cell):
                n = norm(item.text)
                # A word of two characters (其他, 规章) is too common to say another table has begun.
                other = marker.get(n) if len(n) > 2 else None
                if other and (current is None or not current.knows(n)) and readers[other] is not current:
                    if current:
                        current.interrupt()
                    current = readers[other]
                if current:
                    current.feed(item.text)
                elif n and key:
                    builders[key].add(_clean(item.text))     # a layout table's text: kept as text
                continue
            if not texts:
                continue
            text = _clean(item.text)
            footer = final is not None and i > final and not _LEAD.match(text) and self._is_chrome(text, Meta())
            if text and key and not footer:
                builders[key].add(text)
        if current:
            current.interrupt()
        return readers, builders

    def _sign_off(self, sections: dict[str, SectionText], meta: Meta) -> None:
        """A closing 机关 + date line after 六 is the sign-off: the date becomes 发布日期."""
        last = next((s for s in reversed(list(sections.values())) if any(b.text for b in s.blocks())), None)
        if last is None:
            return
        block = next(b for b in reversed(last.blocks()) if b.text)
        paras = block.text.split("\n")
        date = _DATE.match(paras[-1])
        if not date or not _iso(*date.groups()):
            return
        paras.pop()
        if paras and len(paras[-1]) <= 30 and "。" not in paras[-1] and (
                meta.organ_name and meta.organ_name in paras[-1] or paras[-1].endswith(("政府", "办事处", "局"))):
            paras.pop()
        meta.publish_date = _iso(*date.groups())
        block.text = "\n".join(paras)
        self.log.append(f"文末落款日期已作为发布日期（{meta.publish_date}）导入。")

    # ---- the import log ----------------------------------------------------------

    def _report_problems(self, report: Report, headings: dict[int, str], placed: Placed) -> None:
        log = self.log
        if tables_empty(report):
            log.insert(0, EMPTY_TABLES)
        missing = [SECTION_TITLES[k] for k in SECTION_KEYS if k not in headings.values()]
        if missing:
            log.append(f"没有找到以下标题：{'、'.join('“' + m + '”' for m in missing)}（文件可能不完整，或标题写法不同）。")
        for reader in self.readers.values():
            name = table_name(reader.table)
            if not reader.touched:
                log.append(f"没有找到{name}（{SECTION_TITLES[reader.table.section][2:]}），该表按空白导入。")
                continue
            rows = reader.missing_rows()
            if rows and reader.table.id not in self.migrated:
                shown = "、".join(f"“{r}”" for r in rows[:5])
                more = f"等{len(rows)}行" if len(rows) > 5 else ""
                log.append(f"{name}中没有找到{shown}{more}，按空白导入（表格可能不完整）。")
        log.extend(placed.problems)
        for text in placed.stray_cells:
            log.append(f"{text}没有对应的单元格，未导入。")
        for mark, cells in placed.placeholders.items():
            more = f"等{len(cells)}处" if len(cells) > 3 else ""
            log.append(f"原报告用“{mark}”表示空白：{'、'.join(cells[:3])}{more}，已按空白导入。")
        computed = compute_totals(report)
        fmt = report.format
        for cell_id, printed in report.printed.items():
            total = computed.get(cell_id)
            if (printed or 0) != (total or 0):
                spec = fmt.cells[cell_id]
                log.append(f"{table_name(fmt.table_of(cell_id))}“{spec.name}”原报告为{_num(printed)}，"
                           f"分项之和为{_num(total)}：保留原报告的数字，请核对（检查结果中列为错误）。")
        if self.chrome:
            log.append(f"已略去网页栏目等与年报无关的文字{self.chrome}行。")

    def _capped(self, log: list[str]) -> list[str]:
        if len(log) <= MAX_LOG_LINES:
            return log
        return log[:MAX_LOG_LINES] + [f"……另有{len(log) - MAX_LOG_LINES}条导入记录未列出。"]


def tables_empty(report: Report) -> bool:
    """No number at all in the tables of an imported report (entered or printed)."""
    return not report.values and all(v is None for v in report.printed.values())


def _fit(reader: TableReader, placed: Placed, name: str) -> tuple[int, float]:
    """How well a table's cells fit a format's layout: fewer words and numbers left without a place, then
    more of its rows found."""
    rows = [r for rs in reader.voc.rows.values() for r in rs]
    stray = sum(t.startswith(name) for t in placed.stray_cells + placed.problems)
    return -stray, len(reader.done) / max(1, len(rows))


class _TextBuilder:
    """Paragraphs of one section: the untitled intro, then run-in titled sub-parts."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = [("", [])]

    def add(self, text: str) -> None:
        lead = _split_lead(text)
        if lead and len(self.blocks) <= MAX_PARTS:
            title, rest = lead
            self.blocks.append((title, [rest] if rest else []))
        else:
            self.blocks[-1][1].append(text)

    def build(self, log: list[str], key: str) -> SectionText:
        blocks = []
        for title, paras in self.blocks:
            text = "\n".join(paras)
            if len(text) > MAX_TEXT:
                log.append(f"第{key}部分的一段文字超过{MAX_TEXT}字，超出部分未导入。")
                text = text[:MAX_TEXT]
            blocks.append(TextBlock(title, text))
        return SectionText(blocks[0], blocks[1:])


def _split_lead(text: str) -> tuple[str, str] | None:
    """'（一）主动公开情况。2020年…' → ('（一）主动公开情况', '2020年…'); None for ordinary paragraphs."""
    if not _LEAD.match(text):
        return None
    end = next((i for i, ch in enumerate(text[:_LEAD_MAX + 1]) if ch in _LEAD_END), None)
    if end is None:
        return (text, "") if len(text) <= _LEAD_MAX else None
    title = text[:end] if text[end] == "。" else text[:end + 1]
    return title, text[end + 1:].strip()


def heading_key(text: str) -> str:
    """The section ("一" … "六") a paragraph is the heading of, or ""."""
    t = _clean(text)
    if len(t) <= 40 and norm(t) in _OFFICIAL_HEADINGS:
        return _OFFICIAL_HEADINGS[norm(t)]
    m = _HEADING.match(t)
    if m and not t.endswith("。") and any(w in m.group(2) for w in _HEADING_WORDS[m.group(1)]):
        return m.group(1)
    return ""


def _organ(title: str, year: re.Match[str]) -> str:
    """The organ named in a title: before the year (洪合镇2020年度…), or after it (2020年度洪合镇政府信息公开…)."""
    organ = re.sub(r"关于$", "", title[:year.start()].strip(" ：:—-"))
    if not organ:
        after = re.match(r"(.+?)(?=政府信息公开|政务公开)", title[year.end():].lstrip("度 "))
        organ = after.group(1).strip() if after else ""
    return organ


def _is_organ_line(text: str) -> bool:
    return len(text) <= 30 and "。" not in text and not _CHROME.search(text) and not _YEAR.search(text)


def _is_title(text: str) -> bool:
    return len(text) <= 80 and not _CHROME.search(text) and ("年度报告" in text or "年报" in text or
                                 ("政府信息公开" in text and "报告" in text)) and "。" not in text


def _markers(readers: dict[str, TableReader]) -> dict[str, str]:
    """Printed texts that belong to exactly one table: seeing one means that table has begun."""
    owners: dict[str, set[str]] = {}
    for tid, reader in readers.items():
        for text in reader.voc.texts:
            owners.setdefault(text, set()).add(tid)
    return {text: next(iter(t)) for text, t in owners.items() if len(t) == 1}


def _clean(text: str) -> str:
    return text.strip()


def _iso(y: str, m: str, d: str) -> str:
    """An ISO date, or "" when the printed date does not exist."""
    try:
        return datetime.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def _num(v: Value | None) -> str:
    return "空白" if v is None else str(v)
