""".gik files: exact round trips, atomic saves, and one clear error for anything wrong."""
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import reports

from gik_editor import storage
from gik_editor.rules import prior_of
from gik_editor.storage import GikFileError

SAMPLE_GIK = Path(__file__).resolve().parent.parent / "examples" / "honghe-2020.gik"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports())
def test_save_load_returns_an_equal_report(tmp_path, report):
    report.printed = {"t3.total.total": 3, "t4.review.total": None}
    report.prior = prior_of(report)
    report.review = {next(iter(report.format.cells)): "需人工核对"}
    report.sections["一"].parts[0].carried = ("沿用的段落",)
    path = tmp_path / "r.gik"
    storage.save(report, path)
    assert storage.load(path) == report
    assert storage.loads(storage.dumps(report)) == report


def test_sample_round_trip_is_byte_identical(sample, tmp_path):
    storage.save(sample, tmp_path / "s.gik")
    assert (tmp_path / "s.gik").read_bytes() == SAMPLE_GIK.read_bytes()


def test_sample_holds_the_published_report(sample):
    assert sample.display_title == "洪合镇2020年度政府信息公开工作年度报告"
    assert sample.format_id == "2019" and sample.meta.year == 2020
    assert sample.values["t2.license.delta"] == -233
    assert sample.values["t2.procurement.amount"] == Decimal("49966945.1")
    assert sample.values["t3.new.natural"] == 5 and "t3.new.business" not in sample.values
    assert sample.printed["t4.direct.total"] == 0 and sample.printed["t3.carry_out.total"] is None
    assert "槜美洪合" in sample.sections["一"].intro.text
    assert sample.sections["五"].parts[2].title == "（三）2021年进一步改进措施"
    assert sample.sections["六"].intro.text == "无"


def _raw(sample):
    return json.loads(storage.dumps(sample))


BAD_EDITS = {
    "not an object": lambda d: [d],
    "another program": lambda d: {**d, "app": "excel"},
    "no schema": lambda d: {k: v for k, v in d.items() if k != "schema_version"},
    "schema is text": lambda d: {**d, "schema_version": "1"},
    "unknown format": lambda d: {**d, "format_id": "2099"},
    "year is text": lambda d: {**d, "meta": {**d["meta"], "year": "2020"}},
    "year absurd": lambda d: {**d, "meta": {**d["meta"], "year": 10**30}},
    "name is number": lambda d: {**d, "meta": {**d["meta"], "organ_name": 5}},
    "value is text": lambda d: {**d, "values": {**d["values"], "t3.new.natural": "五"}},
    "value is bool": lambda d: {**d, "values": {**d["values"], "t3.new.natural": True}},
    "value is float": lambda d: {**d, "values": {**d["values"], "t3.new.natural": 1.5}},
    "value huge": lambda d: {**d, "values": {**d["values"], "t3.new.natural": 10**40}},
    "money huge": lambda d: {**d, "values": {**d["values"], "t2.procurement.amount": "1e400"}},
    "money nan": lambda d: {**d, "values": {**d["values"], "t2.procurement.amount": "NaN"}},
    "unknown cell": lambda d: {**d, "values": {**d["values"], "t9.x.y": 1}},
    "typed total": lambda d: {**d, "values": {**d["values"], "t3.new.total": 1}},
    "sections list": lambda d: {**d, "sections": []},
    "unknown section": lambda d: {**d, "sections": {**d["sections"], "七": {}}},
    "parts not list": lambda d: {**d, "sections": {**d["sections"], "一": {"parts": "x"}}},
    "text not text": lambda d: {**d, "sections": {**d["sections"], "一": {"intro": {"text": 1}}}},
    "bad unit": lambda d: {**d, "money_unit": "美元"},
    "prior bad": lambda d: {**d, "prior": {"year": 2019, "format_id": "2019", "values": {"t3.x": 1}}},
    "review bad": lambda d: {**d, "review": {"t3.new.natural": 1}},
}


@pytest.mark.parametrize("name", sorted(BAD_EDITS))
def test_wrong_content_gives_one_clear_error(sample, name):
    data = json.dumps(BAD_EDITS[name](_raw(sample)), ensure_ascii=False)
    with pytest.raises(GikFileError) as e:
        storage.loads(data, "x.gik")
    assert "x.gik" in str(e.value) or "升级" in str(e.value)


def test_newer_schema_is_refused_politely(sample):
    data = json.dumps({**_raw(sample), "schema_version": storage.SCHEMA_VERSION + 1})
    with pytest.raises(GikFileError, match="更新版本"):
        storage.loads(data)


@pytest.mark.parametrize("data", [
    b"", b"\x00\xff\xfe garbage", b"{", b"[1, 2", b"null", b'"text"', b"NaN",
    b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "年报".encode("gbk"), b'{"app": "gik_editor", "schema_version": 1, "format_id": "2019", "values": {"t3.new.natural": 1' + b"0" * 5000 + b"}}",
])
def test_corrupt_bytes_give_the_clear_error(data):
    with pytest.raises(GikFileError):
        storage.loads(data)


def test_a_file_that_is_not_text_is_named_without_jargon():
    with pytest.raises(GikFileError) as e:
        storage.loads("年报".encode("gbk"), "上年.gik")
    assert str(e.value).startswith("“上年.gik”不是年报文件：") and "UTF" not in str(e.value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data):
    try:
        storage.loads(data)
    except GikFileError:
        pass


def test_too_large_file_is_refused(tmp_path):
    big = tmp_path / "big.gik"
    with open(big, "wb") as f:
        f.truncate(storage.MAX_FILE_BYTES + 1)
    with pytest.raises(GikFileError, match="太大"):
        storage.load(big)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(GikFileError, match="不存在"):
        storage.load(tmp_path / "none.gik")
    with pytest.raises(GikFileError):
        storage.load(tmp_path)


def test_failed_save_keeps_the_old_file_and_leaves_no_temp(sample, tmp_path, monkeypatch):
    path = tmp_path / "r.gik"
    storage.save(sample, path)
    before = path.read_bytes()
    changed = sample.copy()
    changed.values["t3.new.natural"] = 6

    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(GikFileError, match="磁盘空间不足"):
        storage.save(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.gik"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_gives_a_clear_message(sample, tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(GikFileError, match="没有权限"):
            storage.save(sample, tmp_path / "r.gik")
    finally:
        tmp_path.chmod(0o700)


def test_a_lone_surrogate_is_refused_not_saved_into_a_crash(sample):
    for edit in (lambda d: d.update(preamble="\ud83d"),
                 lambda d: d["meta"].update(organ_name="洪合\udc00镇"),
                 lambda d: d["sections"]["一"]["parts"][0].update(carried=["\ud800"])):
        raw = _raw(sample)
        edit(raw)
        with pytest.raises(GikFileError, match="无效字符"):
            storage.loads(json.dumps(raw))
