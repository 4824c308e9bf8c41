"""The window's tabs (基本信息 and one per section) and the blank report a new window starts with."""
from __future__ import annotations

from datetime import date

from gik_editor.formats import SECTION_TITLES, format_for_year
from gik_editor.report import Report, new_report

META_TAB = "基本信息"
TAB_KEYS = (META_TAB, "一", "二", "三", "四", "五", "六")
TAB_LABELS = {META_TAB: "基本信息", "一": SECTION_TITLES["一"], "二": "二、主动公开", "三": "三、依申请公开",
              "四": "四、复议诉讼", "五": "五、问题与改进", "六": "六、其他事项"}


def default_year() -> int:
    """Reports are written early in the year about the year before."""
    return date.today().year - 1


def empty_report(year: int | None = None) -> Report:
    year = year or default_year()
    return new_report(format_for_year(year).id, year)
