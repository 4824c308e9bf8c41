"""Writes the published-report inputs in this folder (run from the repository root):

    python tests/data/published/make_inputs.py

- honghe-2020.html   the sample as a county portal page: GBK, page chrome, a layout table around the
                     article, the official tables with real rowspan/colspan, labels wrapped with <br>,
                     half-width brackets in places, &nbsp; for blanks
- honghe-2020.docx   the sample as a Word document with real Word tables (gridSpan / vMerge merges)
- shiqiao-2022.txt   a 2021-format report (text copied from a page): "/" and "—" placeholders,
                     "，" for "、", a stray space in a label, a wrapped header, a money amount
- honghe-2020-copied.txt   the sample as a browser copies the web page: a table row per line, cells
                     separated by tabs, empty blank cells, wrapped labels broken across lines
- honghe-2020-wrong-totals.txt   the sample with three printed totals that disagree with their parts
- honghe-2020-truncated.txt      the sample cut off in the middle of table 三

The tables are rendered from the format grid here, independently of the exporters.
"""
from __future__ import annotations

import sys
from decimal import Decimal
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from gik_editor import storage  # noqa: E402
from gik_editor.document import Heading, Paragraph, TableBlock, Title, blocks, cell_texts  # noqa: E402
from gik_editor.formats import Role  # noqa: E402
from gik_editor.report import new_report  # noqa: E402

SAMPLE_TXT = ROOT / "tests" / "data" / "honghe-2020.txt"
WRAPPED = {"本年新制作数量": "本年新<br>制作数量", "本年新公开数量": "本年新<br/>公开数量",
           "商业企业": "商业<br>企业", "科研机构": "科研<br>机构"}


def grid_texts(table, texts: dict[str, str], printed: dict) -> dict[tuple[int, int], tuple]:
    out = {}
    for g in table.grid:
        if g.role is Role.DATA:
            text = printed.get(g.cell_id, texts[g.cell_id])
        else:
            text = g.text
        out[(g.row, g.col)] = (g, text)
    return out


def printed_texts(report) -> dict[str, str]:
    """What the original printed in each total (the sample keeps them in report.printed)."""
    return {cid: ("" if v is None else str(v)) for cid, v in report.printed.items()}


# ---- the web page ------------------------------------------------------------------

def html_table(table, texts, printed) -> str:
    rows = []
    cells = grid_texts(table, texts, printed)
    for r in range(table.n_rows):
        tds = []
        for c in range(table.n_cols):
            if (r, c) not in cells:
                continue
            g, text = cells[(r, c)]
            span = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + \
                   (f' colspan="{g.colspan}"' if g.colspan > 1 else "")
            shown = WRAPPED.get(text) or escape(text).replace("（一）项", "(一)项") or "&nbsp;"
            tds.append(f'<td{span} style="border:1px solid #000"><p align="center">{shown}</p></td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return ('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n'
            + "\n".join(rows) + "\n</table>")


def write_html(report, path: Path) -> None:
    texts = cell_texts(report)
    printed = printed_texts(report)
    body = []
    for b in blocks(report):
        if isinstance(b, Title):
            body.append(f'<h1 class="art-title">{escape(b.text)}</h1>\n'
                        '<div class="art-info">发布日期：2021-01-20　来源：洪合镇人民政府　浏览次数：128　'
                        '字号：[ 大 中 小 ]</div>')
        elif isinstance(b, Heading):
            body.append(f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{escape(b.text)}'
                        '</span></strong></p>')
        elif isinstance(b, Paragraph):
            lead = f"<strong>{escape(b.lead)}</strong>" if b.lead else ""
            # Source line breaks inside a paragraph, as content editors leave them.
            text = escape(b.text).replace("，", "，\n      ", 1)
            body.append(f'<p class="MsoNormal" style="text-indent:2em">&nbsp;&nbsp;{lead}<span>{text}</span></p>')
        elif isinstance(b, TableBlock):
            body.append(html_table(b.table, texts, printed))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(report.display_title)}_秀洲区人民政府门户网站</title>
<style>.art-title {{ font-size: 22px; }} td {{ padding: 2px; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计代码</div>");</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>
<table class="meta" width="100%">
<tr><td>索引号：</td><td>002609718/2021-00012</td><td>发布机构：</td><td>洪合镇</td></tr>
<tr><td>生成日期：</td><td>2021-01-20</td><td>公开方式：</td><td>主动公开</td></tr>
</table>
<table width="1000" align="center"><tr><td class="content">
{chr(10).join(body)}
</td></tr></table>
<div class="share">分享到：微信 微博</div>
<div class="footer"><p>主办单位：嘉兴市秀洲区人民政府办公室　版权所有</p>
<p>网站标识码：3304110001　浙ICP备05008838号</p></div>
<script>window.print && console.log("打印");</script>
</body>
</html>
"""
    path.write_bytes(page.encode("gb18030"))


# ---- the Word document ---------------------------------------------------------------

def write_docx(report, path: Path) -> None:
    import docx
    from docx.shared import Pt

    texts = cell_texts(report)
    printed = printed_texts(report)
    doc = docx.Document()
    for b in blocks(report):
        if isinstance(b, Title):
            doc.add_heading(b.text, level=0)
        elif isinstance(b, Heading):
            doc.add_heading(b.text, level=1)
        elif isinstance(b, Paragraph):
            p = doc.add_paragraph()
            if b.lead:
                p.add_run(b.lead).bold = True
            p.add_run(b.text)
        elif isinstance(b, TableBlock):
            table = b.table
            t = doc.add_table(rows=table.n_rows, cols=table.n_cols)
            t.style = "Table Grid"
            for (r, c), (g, text) in grid_texts(table, texts, printed).items():
                cell = t.cell(r, c)
                if g.rowspan > 1 or g.colspan > 1:
                    cell = cell.merge(t.cell(r + g.rowspan - 1, c + g.colspan - 1))
                cell.text = text.replace("本年新制作", "本年新\n制作")
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(9)
    doc.save(str(path))


# ---- a 2021-format report as copied text ------------------------------------------------

def report_2021():
    r = new_report("2021", 2022, "石桥镇人民政府", "镇")
    v = r.values
    v.update({"t2.rules.issued": 0, "t2.rules.repealed": 0, "t2.rules.in_force": 0,
              "t2.norms.issued": 3, "t2.norms.repealed": 1, "t2.norms.in_force": 12,
              "t2.license.decisions": 56, "t2.penalty.decisions": 14, "t2.coercion.decisions": 2,
              "t2.fee.amount": Decimal("1.25")})
    v.update({"t3.new.natural": 9, "t3.new.business": 2, "t3.carry_in.natural": 1,
              "t3.open.natural": 5, "t3.partial.business": 1, "t3.deny_4.natural": 1,
              "t3.unable_1.natural": 2, "t3.other_1.natural": 1, "t3.other_3.business": 1,
              "t3.carry_out.natural": 1,
              "t4.review.upheld": 1, "t4.review.pending": 1, "t4.direct.corrected": 1})
    r.preamble = "本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。"
    r.sections["一"].intro.text = "2022年，石桥镇认真贯彻落实《中华人民共和国政府信息公开条例》。"
    for i, part in enumerate(r.sections["一"].parts):
        part.text = f"第{i + 1}项工作稳步推进。"
    r.sections["五"].parts[0].text = "信息更新不够及时。\n解读形式较为单一。"
    r.sections["五"].parts[1].text = "加强了栏目巡检。"
    r.sections["五"].parts[2].text = "2023年将进一步规范发布流程。"
    r.sections["六"].parts[0].text = "本机关2022年未收取信息处理费。"
    r.sections["六"].parts[1].text = "已按要求落实。"
    r.sections["六"].parts[2].text = "无。"
    r.sections["六"].parts[3].text = "无。"
    return r


def text_table(table, texts) -> list[str]:
    """One cell per tab-led line, rows separated by blank lines, with the variants real copies show."""
    lines = []
    cells = grid_texts(table, texts, {})
    variants = {"（三）不予公开": "（三） 不予公开", "第二十条第（五）项": "第二十条第(五)项",
                "现行有效件数": "现行有效\n件数"}
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if (r, c) not in cells:
                continue
            g, text = cells[(r, c)]
            text = variants.get(text, text).replace("、行政机关", "，行政机关")
            if g.role is Role.DATA and text == "":
                text = "/" if table.id == "t3" else "—"
            lines.append("\t" + text)
        lines.append("")
    return lines


def write_text_2021(report, path: Path) -> None:
    texts = cell_texts(report)
    lines = []
    for b in blocks(report):
        if isinstance(b, Title):
            lines += [b.text, ""]
        elif isinstance(b, Heading):
            lines.append(b.text)
        elif isinstance(b, Paragraph):
            lines.append("　　" + b.lead + b.text)
        elif isinstance(b, TableBlock):
            lines += [""] + text_table(b.table, texts)
    lines += ["", "石桥镇人民政府", "2023年1月18日"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def write_browser_copy(report, path: Path) -> None:
    texts = cell_texts(report)
    printed = printed_texts(report)
    lines = []
    for b in blocks(report):
        if isinstance(b, (Title, Heading)):
            lines.append(b.text)
        elif isinstance(b, Paragraph):
            lines.append(b.lead + b.text)
        elif isinstance(b, TableBlock):
            cells = grid_texts(b.table, texts, printed)
            for r in range(b.table.n_rows):
                row = [cells[(r, c)][1] for c in range(b.table.n_cols) if (r, c) in cells]
                wrapped = [WRAPPED.get(t, t).replace("<br>", "\n").replace("<br/>", "\n") for t in row]
                lines.append("\t".join(t.replace("一、本年新收政府信息公开申请数量", "一、本年新收政府信息\n公开申请数量")
                                       for t in wrapped))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---- variants of the sample text ------------------------------------------------------

def write_wrong_totals(path: Path) -> None:
    lines = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    # （七）总计 × 自然人 printed 6 (parts sum to 5); 一、本年新收 × 总计 printed 7 (row sums to 5);
    # 行政复议 × 总计 printed 2 (parts sum to 1).
    assert lines[332] == "\t（七）总计" and lines[333] == "\t5"
    lines[333] = "\t6"
    assert lines[107].startswith("\t一、本年新收") and lines[114] == "\t5"
    lines[114] = "\t7"
    assert lines[384] == "\t1"
    lines[384] = "\t2"
    path.write_text("\n".join(lines), encoding="utf-8")


def write_truncated(path: Path) -> None:
    lines = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    assert lines[224] == "\t8.属于行政查询事项"
    path.write_text("\n".join(lines[:228]), encoding="utf-8")   # stops after 3 of its 7 numbers


def main() -> None:
    sample = storage.load(ROOT / "examples" / "honghe-2020.gik")
    write_html(sample, HERE / "honghe-2020.html")
    write_docx(sample, HERE / "honghe-2020.docx")
    write_text_2021(report_2021(), HERE / "shiqiao-2022.txt")
    write_browser_copy(sample, HERE / "honghe-2020-copied.txt")
    write_wrong_totals(HERE / "honghe-2020-wrong-totals.txt")
    write_truncated(HERE / "honghe-2020-truncated.txt")


if __name__ == "__main__":
    main()
