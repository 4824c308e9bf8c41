"""Nothing outside gik_editor/formats/ names a format: no format's year, no label of its tables or text.

A new revision is then one data module (and a migration table) in gik_editor/formats/; code that
quoted "2021" or a label of the 2021 tables would silently keep doing the old format's thing.
"""
import ast
import re
from pathlib import Path

from gik_editor.formats import FORMATS, Role

ROOT = Path(__file__).resolve().parents[1]
FORMAT_YEAR = re.compile(r"(?<!\d)(2019|2021)(?![\d\-/]|年\d)")    # (a date such as 2021-01-25 is an example)
SHORTEST_LABEL = 4                  # 规章, 总计, 其他 are ordinary words


def _labels() -> set[str]:
    out: set[str] = set()
    for fmt in FORMATS.values():
        out |= {fmt.name, fmt.basis, fmt.title, fmt.short}
        for table in fmt.tables:
            out |= {g.text for g in table.grid if g.role is not Role.BLANK}
            out |= {c.row_label for c in table.cells} | {c.col_label for c in table.cells}
        for section in fmt.sections:
            out |= {section.title} | {p.title for p in section.parts}
    return {label for label in out if len(label) >= SHORTEST_LABEL}


def _sources() -> list[Path]:
    files = sorted((ROOT / "gik_editor").rglob("*.py")) + sorted((ROOT / "ui").rglob("*.py"))
    return [f for f in files if "formats" not in f.relative_to(ROOT).parts]


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string and number written in the code, without docstrings."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, str(node.value)) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, int))
            and not isinstance(node.value, bool) and id(node) not in docstrings]


def test_no_format_year_or_format_label_outside_the_formats():
    labels = _labels()
    found = []
    for path in _sources():
        for line, text in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{line}"
            if FORMAT_YEAR.search(text):
                found.append(f"{where} {text!r}")
            found += [f"{where} {label!r}" for label in labels if label in text]
    assert found == []


def test_the_scan_sees_what_it_is_meant_to_catch():
    code = ast.parse('"""2021 in a docstring is prose."""\nx = fmt.id == "2021"\ny = "（七）总计" + "x"\nz = 2019\n')
    texts = [t for _, t in _literals(code)]
    assert "2021" in texts and "2019" in texts and "（七）总计" in texts
    assert not any("docstring" in t for t in texts)
    assert "（七）总计" in _labels()
