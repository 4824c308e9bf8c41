"""A report that every rule passes: every cell 0, every text part written (tests that need no findings)."""
from gik_editor.report import Report, new_report


def clean_report(format_id: str = "2021", year: int = 2024, organ: str = "某县审计局",
                 organ_type: str = "县级部门") -> Report:
    report = new_report(format_id, year, organ, organ_type)
    fmt = report.format
    report.values.update({c.id: 0 for c in fmt.cells.values() if not c.computed})
    for key, section in report.sections.items():
        for i, block in enumerate(section.parts, 1):
            block.text = f"本年度{key}节第{i}项工作按计划完成。"
    report.sections["五"].intro.text = "本年度存在的主要问题是公开内容不够丰富，已逐项整改。"
    if report.sections["六"].parts:
        report.sections["六"].parts[0].text = "本年度未收取信息处理费。"
    report.money_unit = "元"
    return report


def as_printed(report: Report) -> Report:
    """`report` as a printed copy can give it back: a sub-part with nothing under it is not printed (rule D16)."""
    out = report.copy()
    for section in out.sections.values():
        section.parts = [p for p in section.parts if p.paragraphs()]
    return out
