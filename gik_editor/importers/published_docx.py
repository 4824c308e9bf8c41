"""Front end for a Word document (.docx), read with python-docx after the zip has been vetted.

Body paragraphs and tables are read in document order (also inside content
controls). A merged cell is read once: gridSpan cells are one <w:tc>, and the
continuation cells of a vertical merge (vMerge="continue") are skipped. A cell
that holds a nested table is page layout: its paragraphs are running text.
The numbers of Word's automatic lists are put back in front of their paragraphs.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import GikFileError
from .published_docx_numbering import Numbering
from .published_items import MAX_BYTES, TOO_BIG, Cell, Items, Para
from .zip_members import bound_members, vetted_zip

if TYPE_CHECKING:                   # python-docx (and its lxml) is imported lazily, by the Word import only
    from lxml.etree import _Element

MAX_UNPACKED = 200 * 1024 * 1024     # all parts together, as the zip declares them
MAX_RATIO = 200                      # unpacked/packed; text XML compresses ~10:1, a bomb ~1000:1
MAX_XML = 30 * 1024 * 1024           # one XML part; parsing needs several times this in memory
MAX_MEMBERS = 5000
MAX_DEPTH = 20                       # nested tables / content controls


def items(path: Path) -> Items:
    data = _vet_zip(path)
    import docx  # lazy: python-docx is only needed for Word import
    from docx.oxml.ns import qn
    broken = f"“{path.name}”不是有效的Word文档（.docx），或文件已损坏"
    try:
        document = docx.Document(io.BytesIO(data))     # the bytes vetted above, not the path read again
        body = document.element.body
        numbering = Numbering(document, qn)
    except Exception as e:            # python-docx raises many types (KeyError, lxml errors, ValueError) for a broken file
        raise GikFileError(f"{broken}：{type(e).__name__}。") from None
    if body is None:
        raise GikFileError(f"{broken}：没有正文。")
    out = Items(path.name)
    _walk(body, out, _Tags(qn, numbering), 0)
    return out


class _Tags:
    """The element names the walk compares against, and the document's list numbering."""

    def __init__(self, qn: Callable[[str], str], numbering: Numbering) -> None:
        self.numbering = numbering
        self.p, self.tbl, self.tr, self.tc = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
        self.sdt, self.content = qn("w:sdt"), qn("w:sdtContent")
        self.t, self.tab, self.br, self.cr = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
        self.vmerge, self.hmerge, self.val, self.tcpr = qn("w:vMerge"), qn("w:hMerge"), qn("w:val"), qn("w:tcPr")
        # Deleted tracked changes, and the fallback copy Word keeps of every text box, are not visible text.
        self.hidden = {qn("w:del"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _vet_zip(path: Path) -> bytes:
    """The document's bytes; refuse what is not a .docx, or would unpack to far more than any report (a zip bomb)."""
    data, infos = vetted_zip(path, MAX_BYTES, TOO_BIG,
                             "“{name}”不是.docx格式的Word文档（如果是旧的.doc文件，请在Word中另存为.docx）。")
    if len(infos) > MAX_MEMBERS:
        raise GikFileError(f"“{path.name}”包含的文件过多，不是正常的Word文档，未导入。")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise GikFileError(f"“{path.name}”不是Word文档（缺少正文部分 word/document.xml）。")
    # python-docx loads every part: each is bounded (XML by MAX_XML, any other part by the total).
    bound_members(infos, lambda name: MAX_XML if name.endswith((".xml", ".rels")) else MAX_UNPACKED,
                  MAX_UNPACKED, MAX_RATIO, f"“{path.name}”解压后异常巨大（可能是恶意构造的压缩包），未导入。")
    return data


def _walk(parent: _Element, out: Items, tags: _Tags, depth: int) -> None:
    for child in parent.iterchildren():
        if child.tag == tags.p:
            _paragraph(child, out, tags)
        elif child.tag == tags.tbl:
            _table(child, out, tags, depth + 1)
        elif child.tag in (tags.sdt, tags.content) and depth < MAX_DEPTH:
            _walk(child, out, tags, depth + 1)


def _paragraph(p: _Element, out: Items, tags: _Tags) -> None:
    for line in (tags.numbering.prefix(p) + _text(p, tags)).split("\n"):
        if line.strip():
            out.add(Para(line))


def _text(element: _Element, tags: _Tags) -> str:
    """Visible text of a paragraph (<w:br> is a line break)."""
    parts: list[str] = []
    for node in element.iter(tags.t, tags.tab, tags.br, tags.cr):
        if any(a.tag in tags.hidden for a in node.iterancestors()):
            continue
        if node.tag == tags.t:
            parts.append(node.text or "")
        elif node.tag == tags.tab:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _table(tbl: _Element, out: Items, tags: _Tags, depth: int) -> None:
    for tr in tbl.iterchildren(tags.tr):
        for tc in tr.iterchildren(tags.tc):
            if _continues_merge(tc, tags):
                continue
            nested = depth < MAX_DEPTH and any(True for _ in tc.iter(tags.tbl))
            if nested:
                _walk(tc, out, tags, depth)
            else:
                paras = [_text(p, tags) for p in tc.iter(tags.p)]
                out.add(Cell("\n".join(p for p in paras if p.strip())))


def _continues_merge(tc: _Element, tags: _Tags) -> bool:
    """A cell covered by the merged cell above (vMerge) or, in old documents, to its left (hMerge)."""
    tcpr = tc.find(tags.tcpr)
    if tcpr is None:
        return False
    for merge in (tcpr.find(tags.vmerge), tcpr.find(tags.hmerge)):
        if merge is not None and merge.get(tags.val) in (None, "continue"):
            return True
    return False
