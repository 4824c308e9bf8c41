"""Importing a Word document: real Word tables with merged cells; broken and hostile .docx files."""
import io
import sys
import zipfile
from pathlib import Path

import pytest

from gik_editor import storage
from gik_editor.importers import read_any

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "tests" / "data" / "published"
DOCX = PUBLISHED / "honghe-2020.docx"


def test_word_document_with_merged_table_cells_reads_back_to_the_sample(sample):
    with zipfile.ZipFile(DOCX) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:vMerge w:val="restart"' in xml and "w:gridSpan" in xml    # the tables really are merged
    result = read_any(DOCX)
    assert result.report == sample
    assert result.log == []


def test_word_export_reads_back_into_an_equal_report(tmp_path, sample):
    from gik_editor.exporters import docx
    from gik_editor.totals import compute_totals
    out = tmp_path / "out.docx"
    docx.export(sample, out)
    expected = sample.copy()
    expected.printed = compute_totals(sample)      # a printed copy shows the computed totals
    assert read_any(out).report == expected


def test_2021_report_through_the_word_exporter(tmp_path):
    from gik_editor.exporters import docx
    from gik_editor.totals import compute_totals
    sys.path.insert(0, str(PUBLISHED))
    from make_inputs import report_2021
    report = report_2021()
    out = tmp_path / "out.docx"
    docx.export(report, out)
    imported = read_any(out).report
    assert imported.format_id == "2021"
    assert imported.values == report.values and imported.sections == report.sections
    assert imported.printed == compute_totals(report)


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (64 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(storage.GikFileError, match="解压后异常巨大"):
        read_any(bomb)


def _docx_with(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return buf.getvalue()


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为.docx"),          # an old .doc renamed
    (b"PK\x03\x04garbage", "不是.docx格式"),
    (b"not a zip at all", "不是.docx格式"),
])
def test_files_that_are_not_word_documents(tmp_path, content, message):
    source = tmp_path / "bad.docx"
    source.write_bytes(content)
    with pytest.raises(storage.GikFileError, match=message):
        read_any(source)


def test_zip_without_a_document_part(tmp_path):
    source = tmp_path / "empty.docx"
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(storage.GikFileError, match="document.xml"):
        read_any(source)


def test_corrupt_document_xml_gives_a_message(tmp_path):
    source = tmp_path / "corrupt.docx"
    source.write_bytes(_docx_with(b"<w:document><unclosed>"))
    with pytest.raises(storage.GikFileError, match="不是有效的Word文档"):
        read_any(source)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(_r(text))}</w:tc>"


def test_tracked_deletions_text_box_copies_and_old_horizontal_merges(tmp_path):
    text_box = (f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
                f"{_p(_r('（框内）'))}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
                f"{_p(_r('（框内）'))}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    hmerged = '<w:hMerge w:val="restart"/>'
    rows = [
        [_tc("第二十条第（一）项", hmerged), _tc("", '<w:hMerge/>'), _tc("", '<w:hMerge w:val="continue"/>'),
         _tc("", '<w:hMerge w:val="continue"/>')],
        [_tc("信息内容"), _tc("本年新制作数量"), _tc("本年新公开数量"), _tc("对外公开总数量")],
        [_tc("规章"), _tc("1"), _tc("2"), _tc("3")],
    ]
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"
    body = (_p(_r("某局2020年度政府信息公开工作年度报告")) + _p(_r("一、总体情况"))
            + _p(_r("本局"), '<w:del w:id="1" w:author="x"><w:r><w:delText>删掉的</w:delText></w:r></w:del>',
                 f'<w:ins w:id="2" w:author="x">{_r("依法")}</w:ins>', _r("公开。"), text_box)
            + _p(_r("二、主动公开政府信息情况")) + table)
    xml = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()
    source = tmp_path / "tracked.docx"
    source.write_bytes(_docx_with(xml))
    report = read_any(source).report
    assert report.sections["一"].intro.text == "本局依法公开。（框内）"
    assert (report.values["t2.rules.made"], report.values["t2.rules.published"],
            report.values["t2.rules.public_total"]) == (1, 2, 3)


def test_numbers_of_word_automatic_lists_are_put_back(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def add(text, level=None):
        p = document.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    add("某镇2021年度政府信息公开工作年度报告")
    add("总体情况", 0)
    add("主动公开情况。公开信息120条。", 1)
    add("依申请公开情况", 1)
    add("收到申请2件。")
    for heading in ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
                    "存在的主要问题及改进情况"):
        add(heading, 0)
    add("存在的主要问题。更新不及时。", 1)           # the numbering restarts under a new heading
    add("其他需要报告的事项", 0)
    add("无。")
    source = tmp_path / "numbered.docx"
    document.save(str(source))
    report = read_any(source).report
    assert [(p.title, p.text) for p in report.sections["一"].parts] == [
        ("（一）主动公开情况", "公开信息120条。"), ("（二）依申请公开情况", "收到申请2件。")]
    assert [(p.title, p.text) for p in report.sections["五"].parts] == [("（一）存在的主要问题", "更新不及时。")]
    assert report.sections["六"].intro.text == "无。"


def test_entity_expansion_in_document_xml_is_not_expanded(tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    source = tmp_path / "laughs.docx"
    source.write_bytes(_docx_with(laughs))
    with pytest.raises(storage.GikFileError):
        read_any(source)


def test_a_word_line_with_web_words_is_kept(sample, tmp_path):
    from gik_editor.exporters import docx
    from gik_editor.importers.published import read
    sample.sections["六"].intro.text = "在门户网站首页设置年报专栏"        # no 。, and 首页 is a web-page word
    docx.export(sample, tmp_path / "r.docx")
    got = read(tmp_path / "r.docx").report
    assert got.sections["六"].intro.text == "在门户网站首页设置年报专栏"
