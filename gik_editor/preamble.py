"""A draft of the usual preamble (reference/format.md §1.3), written from the report's own metadata.

Most reports open with a paragraph giving the basis, the six parts, the statistical period, where the
report is published and whom to ask. Written from the metadata it cites the notice of the report's own
format (no 〔2019〕60号 in a 2021 report: rule D6), names the report's year throughout (D3) and six
parts (D7), and leaves out every detail the clerk has not filled in.
"""
from __future__ import annotations

from .report import Report

ISSUER = "国务院办公厅政府信息与政务公开办公室"
CONTACTS = (("address", "地址"), ("postcode", "邮编"), ("phone", "电话"), ("email", "电子邮箱"))


def draft_preamble(report: Report) -> str:
    fmt, meta = report.format, report.meta
    organ = meta.organ_name or "本机关"
    # 四's heading has a 、 of its own (行政复议、行政诉讼情况): in a list joined by 、 it reads 及, as reports write it
    parts = "、".join(section.title.split("、", 1)[1].replace("、", "及") for section in fmt.sections)
    sentences = [
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《{ISSUER}关于印发〈{fmt.name}〉"
        f"的通知》（{fmt.basis}）要求编制。",
        f"本报告由{parts}六个部分组成。",
    ]
    if meta.year:
        sentences.append(f"本报告中所列数据的统计期限自{meta.year}年1月1日起至{meta.year}年12月31日止。")
    if meta.website:
        sentences.append(f"本报告电子版可在{meta.website}查阅和下载。")
    contacts = "；".join(f"{label}：{getattr(meta, field)}" for field, label in CONTACTS if getattr(meta, field))
    if contacts:
        sentences.append(f"如对本报告有疑问，请与{organ}联系（{contacts}）。")
    return "".join(sentences)
