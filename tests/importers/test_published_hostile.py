"""Whatever a published-report file contains, the import ends with a report and a log or one clear
GikFileError — never a traceback, never a hang, never a file that cannot be opened again."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_editor import storage
from gik_editor.formats import FORMATS, Role
from gik_editor.importers import read_any
from gik_editor.importers.published_items import MAX_BYTES, MAX_ITEMS, Cell, Para
from gik_editor.importers.published_parser import parse

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TXT = ROOT / "tests" / "data" / "honghe-2020.txt"

LABELS = sorted({g.text for f in FORMATS.values() for t in f.tables for g in t.grid if g.text})
WORDS = LABELS + ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
                  "某镇2021年度政府信息公开工作年度报告", "（一）主动公开情况。正文。", "2022年1月20日",
                  "0", "5", "-3", "1.5", "/", "—", "\u00a0", "", "99999999999", "abc", "1e9", "（二）"]
items = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)).flatmap(
    lambda t: st.sampled_from([Para(t), Cell(t)])), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items)
def test_any_stream_of_labels_numbers_and_text_parses_into_a_loadable_report(stream):
    try:
        report, log = parse(stream, "fuzz.txt")
    except storage.GikFileError:
        return
    assert all(isinstance(line, str) and line for line in log)
    assert storage.loads(storage.dumps(report)) == report


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_as_text_or_web_page(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    for suffix in (".txt", ".html"):
        source = folder / f"x{suffix}"
        source.write_bytes(data)
        try:
            result = read_any(source)
        except storage.GikFileError:
            continue
        storage.loads(storage.dumps(result.report))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 403), min_size=1, max_size=40), st.sampled_from(["", "\t", "/", "（", "x\n\t"]))
def test_the_sample_with_lines_dropped_or_damaged(tmp_path_factory, lines, junk):
    text = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    for i in sorted(set(lines), reverse=True):
        text[i] = junk
    source = tmp_path_factory.mktemp("damaged") / "damaged.txt"
    source.write_text("\n".join(text), encoding="utf-8")
    result = read_any(source)
    storage.loads(storage.dumps(result.report))


def test_word_documents_with_damaged_xml_parts(tmp_path):
    import io
    import random
    import zipfile
    with zipfile.ZipFile(ROOT / "tests" / "data" / "published" / "honghe-2020.docx") as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    rng = random.Random(2026)
    for i in range(80):
        name = rng.choice(["word/document.xml", "word/numbering.xml", "word/styles.xml"])
        data = bytearray(parts[name])
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.choice(b'0123456789"<>/=wabc-')
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for part, content in parts.items():
                z.writestr(part, bytes(data) if part == name else content)
        source = tmp_path / f"damaged{i}.docx"
        source.write_bytes(buf.getvalue())
        try:
            result = read_any(source)
        except storage.GikFileError:
            continue
        storage.loads(storage.dumps(result.report))


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    source = tmp_path / "huge.txt"
    with open(source, "wb") as f:
        f.truncate(MAX_BYTES + 1)             # sparse: no time or disk spent
    with pytest.raises(storage.GikFileError, match="太大"):
        read_any(source)


def test_a_file_with_too_many_cells_is_refused(tmp_path):
    source = tmp_path / "cells.txt"
    source.write_text("\t1\n" * (MAX_ITEMS + 1), encoding="utf-8")
    with pytest.raises(storage.GikFileError, match="内容过多"):
        read_any(source)


def test_text_in_an_unknown_encoding_is_imported_with_replacement_marks_and_a_log(tmp_path, sample):
    # A stray 0xFF byte is neither UTF-8 nor GB18030.
    text = SAMPLE_TXT.read_bytes().replace("一、总体情况\n".encode(), "一、总体情况\n".encode() + b"\xff", 1)
    source = tmp_path / "mixed.txt"
    source.write_bytes(text)
    result = read_any(source)
    assert any("无法按" in line for line in result.log)
    assert result.report.values == sample.values


def test_missing_file(tmp_path):
    with pytest.raises(storage.GikFileError, match="不存在"):
        read_any(tmp_path / "nowhere.txt")


def test_every_official_label_is_known_to_the_reader():
    # A label the reader could not tell apart from a number would make that row unreadable.
    from gik_editor.importers.published_labels import norm, vocabulary
    for fmt in FORMATS.values():
        for table in fmt.tables:
            voc = vocabulary(table)
            for g in table.grid:
                if g.text and g.role is not Role.BLANK:
                    assert voc.kind_of(norm(g.text)), (fmt.id, g.text)
