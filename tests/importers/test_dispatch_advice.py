"""Files clerks often have instead of the ones we read: the message says how to turn them into one."""
import pytest

from gik_editor.importers import read_any
from gik_editor.storage import GikFileError


@pytest.mark.parametrize("name, advice", [("年报.doc", "另存为“Word 文档（*.docx）”"), ("年报.wps", "WPS 文字"),
                                          ("表格.xls", "另存为“Excel 工作簿（*.xlsx）”"), ("年报.ofd", "网页"),
                                          ("年报.json", "")])
def test_unsupported_files_are_refused_with_what_to_do(tmp_path, name, advice):
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(GikFileError) as refused:
        read_any(path)
    assert str(refused.value).startswith(f"不支持导入“{name}”：只能导入 .xlsx、.txt、.html、.htm、.docx、.pdf 文件。")
    assert advice in str(refused.value)
