"""Typed metadata → an edit, the way the 基本信息 tab takes it: the fields by their labels, dates, years, choices.

The window and the command line (`set --meta 机关全称=…`) accept the same values and refuse the same ones;
every refusal is a MetaInputError whose str() is a Chinese message.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import NamedTuple

from .edits import SetMeta, SetReportField
from .report import MONEY_UNITS, ORGAN_TYPES, Report

DATE_PARTS = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
FIRST_YEAR, LAST_YEAR = 2000, 2100       # the 报告年度 box's range (older years are rule D1's business)
MAX_FIELD = 1000                          # what a .gik file holds in one field of 基本信息 or the title
INVALID = re.compile("[\ud800-\udfff\x00-\x1f\x7f]")   # lone surrogates (undecodable bytes), control characters


class MetaInputError(ValueError):
    """str() is a Chinese message."""


class MetaField(NamedTuple):
    label: str          # as the 基本信息 tab names it
    name: str           # the attribute of Meta (or of Report when `of_report`)
    of_report: bool = False


META_FIELDS = (
    MetaField("机关全称", "organ_name"), MetaField("机关类型", "organ_type"), MetaField("报告年度", "year"),
    MetaField("报告标题", "title", of_report=True), MetaField("金额单位", "money_unit", of_report=True),
    MetaField("通信地址", "address"), MetaField("邮政编码", "postcode"), MetaField("联系电话", "phone"),
    MetaField("电子邮箱", "email"), MetaField("发布网站", "website"), MetaField("发布日期", "publish_date"),
    MetaField("拟稿人", "drafter"), MetaField("审核人", "reviewer"), MetaField("签发人", "signer"),
)


def normalize_date(text: str) -> str | None:
    """'2021年1月25日', '2021/1/25', '2021-01-25' → '2021-01-25'; '' stays ''; None when not a date."""
    if not text.strip():
        return ""
    m = DATE_PARTS.match(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def find_field(name: str) -> MetaField:
    """The field a user names by its label (机关全称) or its name in the file (organ_name)."""
    wanted = name.strip()
    for f in META_FIELDS:
        if wanted in (f.label, f.name):
            return f
    raise MetaInputError(f"基本信息中没有“{wanted}”这一项。可以修改的有：{'、'.join(f.label for f in META_FIELDS)}。")


def current(report: Report, f: MetaField) -> object:
    return getattr(report if f.of_report else report.meta, f.name)


def typed_meta(report: Report, f: MetaField, text: str) -> SetMeta | SetReportField:
    """The edit that gives field `f` the value typed as `text` (surrounding spaces dropped)."""
    text = text.strip()
    if INVALID.search(text):
        raise MetaInputError(f"“{f.label}”中有换行、控制字符或无法识别的字符。")
    if len(text) > MAX_FIELD:
        raise MetaInputError(f"“{f.label}”太长（最多{MAX_FIELD}字）。")
    value: object = text
    if f.name == "organ_type" and text not in ("", *ORGAN_TYPES):
        raise MetaInputError(f"机关类型“{text}”不在可选的类型中：{'、'.join(ORGAN_TYPES)}（留空为不选）。")
    if f.name == "year":
        value = _year(text)
    if f.name == "publish_date":
        value = normalize_date(text)
        if value is None:
            raise MetaInputError(f"“{text}”不是日期，请按“2021-01-25”或“2021年1月25日”的样式填写。")
    if f.name == "money_unit":
        unpriced = report.format.unpriced_money()
        if not unpriced:
            raise MetaInputError(f"本报告使用{report.format.title}，表中的金额都印有单位，不用选择金额单位。")
        if text not in ("", *MONEY_UNITS):
            raise MetaInputError(f"“{unpriced[0].col_label}”的单位只能是“元”或“万元”（留空为不选）。")
    return SetReportField(f.name, value) if f.of_report else SetMeta(f.name, value)


def _year(text: str) -> int:
    digits = unicodedata.normalize("NFKC", text).removesuffix("年度").removesuffix("年")
    if not digits.isascii() or not digits.isdigit() or not FIRST_YEAR <= int(digits) <= LAST_YEAR:
        raise MetaInputError(f"报告年度“{text}”应为{FIRST_YEAR}至{LAST_YEAR}之间的四位数年份。")
    return int(digits)
