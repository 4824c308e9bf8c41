"""Findings a clerk marks 已核对 with a reason (reviews.py): kept in the .gik, not counted, listed apart, and
open again as soon as what they are about changes."""
import json
from dataclasses import replace

import pytest

from gik_editor import reviews, storage
from gik_editor.batch import result_for
from gik_editor.rules import check
from gik_editor.totals import compute_totals


def values(report):
    return {**report.values, **compute_totals(report)}


def marked(report, rule, reason="已与业务科室核实"):
    f = next(f for f in check(report) if f.rule == rule)
    reviews.mark(report, f, reason, values(report)).apply(report)
    return f


def test_a_marked_finding_is_reviewed_with_its_reason_and_listed_last(sample):
    marked(sample, "T2o-4", "镇的行政许可事项确有4633项")
    got = check(sample)
    f = next(f for f in got if f.rule == "T2o-4")
    assert f.reviewed and f.reason == "镇的行政许可事项确有4633项"
    assert got[-1] == f and not any(g.reviewed for g in got[:-1])


def test_a_mark_reopens_when_its_cells_change_and_holds_when_others_do(sample):
    marked(sample, "T2o-5")
    sample.values["t3.new.natural"] = 5                       # another cell: still reviewed
    assert next(f for f in check(sample) if f.rule == "T2o-5").reviewed
    sample.values["t2.procurement.amount"] += 1                # its own cell: open again
    assert not next(f for f in check(sample) if f.rule == "T2o-5").reviewed


def test_a_mark_on_text_reopens_when_the_text_changes(sample):
    f = marked(sample, "D6")
    assert next(g for g in check(sample) if g.rule == "D6").reviewed
    key, i = f.cells[0].split(".")[1:]
    sample.sections[key].blocks()[int(i)].text += "另增一句。"
    assert not next(g for g in check(sample) if g.rule == "D6").reviewed


def test_marks_are_kept_in_the_file_and_undone_like_any_edit(sample, tmp_path):
    f = next(f for f in check(sample) if f.rule == "T2o-4")
    edit = reviews.mark(sample, f, "核实无误", values(sample))
    undo = edit.apply(sample)
    data = json.loads(storage.dumps(sample))
    [saved] = data["reviewed"]
    assert saved["rule"] == "T2o-4" and saved["reason"] == "核实无误" and saved["cells"] == list(f.cells)
    assert saved["message"] == f.message and saved["subject"] == reviews.subject(f)
    again = storage.loads(storage.dumps(sample))
    assert next(g for g in check(again) if g.rule == "T2o-4").reviewed
    undo.apply(sample)
    assert "reviewed" not in json.loads(storage.dumps(sample))    # no mark: the key is not written
    assert not any(g.reviewed for g in check(sample))



def test_a_mark_survives_a_better_wording_of_its_message(sample, monkeypatch):
    """The mark names what the finding compares, not how it is worded: rewording a message keeps the marks."""
    marked(sample, "T2o-4", "核实无误")
    again = storage.loads(storage.dumps(sample))
    f = next(f for f in check(again) if f.rule == "T2o-4")
    reworded = replace(f, message="（新的措辞）" + f.message, reviewed=False, reason="")
    assert reviews.apply_marks(again, [reworded], values(again))[0].reviewed


def test_marks_of_files_that_named_the_finding_by_its_message_still_hold(sample):
    """Files of 2026-12-05 named a marked finding by rule, places and message (no "subject")."""
    f = next(f for f in check(sample) if f.rule == "T2o-4")
    data = json.loads(storage.dumps(sample))
    data["reviewed"] = [{"rule": f.rule, "cells": list(f.cells), "message": f.message, "reason": "旧文件的标记",
                         "fingerprint": reviews.fingerprint(sample, f, values(sample))}]
    old = storage.loads(json.dumps(data, ensure_ascii=False))
    g = next(g for g in check(old) if g.rule == "T2o-4")
    assert g.reviewed and g.reason == "旧文件的标记"
    assert json.loads(storage.dumps(old))["reviewed"] == data["reviewed"]      # written back as it was read
    reviews.unmark(old, g).apply(old)
    assert not any(h.reviewed for h in check(old))

@pytest.mark.parametrize("bad", [{"x": 1}, [1], [{"rule": 3}], [{"rule": "D4", "cells": "text.一.0"}],
                                 [{"rule": "D4", "reason": ["很长"]}]])
def test_a_file_with_malformed_marks_is_refused_in_chinese(sample, bad):
    data = json.loads(storage.dumps(sample))
    data["reviewed"] = bad
    with pytest.raises(storage.GikFileError, match="已核对标记"):
        storage.loads(json.dumps(data, ensure_ascii=False))


def test_the_findings_workbook_lists_reviewed_findings_apart(sample, tmp_path):
    from openpyxl import load_workbook

    from gik_editor.batch_xlsx import write_summary
    before = result_for(sample, "a.gik")
    marked(sample, "T2o-4", "核实无误")
    result = result_for(sample, "a.gik")
    assert result.warnings == before.warnings - 1
    assert [r[1] for r in result.reviewed] == ["T2o-4"] and result.reviewed[0][4] == "核实无误"
    assert all(r[1] != "T2o-4" for r in result.findings)
    write_summary([result], tmp_path / "问题清单.xlsx")
    book = load_workbook(tmp_path / "问题清单.xlsx")
    rows = list(book["已核对"].iter_rows(values_only=True))
    assert rows[0][-2:] == ("核对理由", "规则") and rows[1][-2:] == ("核实无误", "T2o-4")
