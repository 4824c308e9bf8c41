"""The one list of importers and exporters is what the command line, the batch and read_any use."""
import importlib
import inspect

from gik_editor.batch import FOLDER_SUFFIXES
from gik_editor.cli import build_parser
from gik_editor.filetypes import CONVERT_FIRST, EXPORTERS, IMPORT_FILTER, IMPORTERS, SUFFIXES


def test_every_listed_writer_and_reader_exists_with_the_options_it_is_given():
    for e in EXPORTERS:
        export = e.module().export
        assert set(e.options) <= set(inspect.signature(export).parameters), e.key
        assert all(set(dict(options)) <= set(e.options) for _, options in e.menu)
    for i in IMPORTERS:
        assert callable(importlib.import_module(f"gik_editor.importers.{i.module}").read)
    assert not set(SUFFIXES) & set(CONVERT_FIRST)


def test_the_command_line_and_the_batch_offer_what_the_lists_say():
    offered = [e for e in EXPORTERS if e.on_command_line]
    args = build_parser().parse_args(["export", "r.gik", *(f"--{e.key}=out{e.suffix}" for e in offered)])
    assert all(getattr(args, e.key) == f"out{e.suffix}" for e in offered)
    assert not hasattr(args, "findings")
    assert set(SUFFIXES) < set(FOLDER_SUFFIXES)
    assert IMPORT_FILTER.startswith("可导入的文件 (*.xlsx *.txt *.html *.htm *.docx *.pdf);;Excel 工作簿 (*.xlsx)")
