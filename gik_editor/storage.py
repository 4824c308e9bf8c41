""".gik files: versioned UTF-8 JSON, written atomically, read defensively.

Every key is documented in docs/file-format.md. Anything wrong with a file
raises one GikFileError with a Chinese message; nothing is half-loaded.
"""
from __future__ import annotations

import json
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .formats import FORMATS, SECTION_KEYS, CellKind
from .report import MONEY_UNITS, Meta, Prior, Report, SectionText, TextBlock, Value

SCHEMA_VERSION = 1
APP_ID = "gik_editor"
SUFFIX = ".gik"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TEXT = 200_000                    # characters in one text field
MAX_COUNT = 10**9                     # no office receives a billion of anything
MAX_MONEY = Decimal(10) ** 15


class GikFileError(Exception):
    """A file that cannot be used; str() is a Chinese message for the user."""


# ---- writing --------------------------------------------------------------------

def _value_out(v: Value) -> int | str:
    return str(v) if isinstance(v, Decimal) else v


def _block_out(b: TextBlock) -> dict[str, Any]:
    out: dict[str, Any] = {"title": b.title, "text": b.text}
    if b.carried:
        out["carried"] = list(b.carried)
    return out


def to_dict(report: Report) -> dict[str, Any]:
    d: dict[str, Any] = {
        "app": APP_ID,
        "schema_version": SCHEMA_VERSION,
        "format_id": report.format_id,
        "meta": vars(report.meta).copy(),
        "title": report.title,
        "preamble": report.preamble,
        "money_unit": report.money_unit,
        "sections": {key: {"intro": _block_out(s.intro), "parts": [_block_out(p) for p in s.parts]}
                     for key, s in report.sections.items()},
        "values": {k: _value_out(v) for k, v in sorted(report.values.items())},
        "printed": {k: (None if v is None else _value_out(v)) for k, v in sorted(report.printed.items())},
        "prior": None if report.prior is None else {
            "year": report.prior.year, "format_id": report.prior.format_id,
            "values": {k: _value_out(v) for k, v in sorted(report.prior.values.items())}},
        "review": dict(sorted(report.review.items())),
        "migration_note": report.migration_note,
    }
    return d


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n"


def save(report: Report, path: str | os.PathLike[str]) -> None:
    """Write atomically: a crash at any moment leaves either the old or the new complete file."""
    # A lone surrogate (pasted from a broken source) cannot be UTF-8: it becomes "?" rather than a crash.
    write_atomic(Path(path), dumps(report).encode("utf-8", "replace"))


def disk_stamp(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """What tells one version of a file on disk from another (modification time, size); None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a side file in the same folder, fsync, then rename over the target.

    The side file has a fixed name, so a save killed halfway leaves at most one
    stray file, which the next save of the same file reuses and renames away.
    """
    folder = path.parent if str(path.parent) else Path(".")
    tmp = folder / f".{path.name}.saving"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise GikFileError(os_message(e, path, "保存")) from e


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def os_message(e: OSError, path: Path, action: str) -> str:
    """A Chinese sentence for an operating-system error while `action`-ing `path` (打开, 保存)."""
    import errno
    reason = {
        errno.ENOENT: "文件或文件夹不存在",
        errno.EACCES: "没有权限（文件夹可能是只读的，或文件被其他程序占用）",
        errno.EPERM: "没有权限（文件夹可能是只读的，或文件被其他程序占用）",
        errno.ENOSPC: "磁盘空间不足",
        errno.EFBIG: "文件过大或磁盘空间不足",
        errno.EROFS: "磁盘是只读的",
        errno.EISDIR: "这是一个文件夹，不是文件",
    }.get(e.errno or 0, e.strerror or "未知错误")
    return f"无法{action}“{path}”：{reason}。"


# ---- reading --------------------------------------------------------------------

def load(path: str | os.PathLike[str]) -> Report:
    p = Path(path)
    return loads(read_limited(p, MAX_FILE_BYTES, "“{name}”太大（{mb} MB），不是年报文件。"), p.name)


def read_limited(path: Path, max_bytes: int, too_big: str) -> bytes:
    """The bytes of `path`; GikFileError with `too_big` ({name}, {mb}) over max_bytes, or the OS's reason in Chinese."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise GikFileError(too_big.format(name=path.name, mb=size // 1024 // 1024))
        return path.read_bytes()
    except OSError as e:
        raise GikFileError(os_message(e, path, "打开")) from e


def loads(data: bytes | str, name: str = "文件") -> Report:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise GikFileError(f"“{name}”太大，不是年报文件。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GikFileError(f"“{name}”不是年报文件：内容不是文字，可能是别的程序的文件，或文件已损坏。") from None
    try:
        raw = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise GikFileError(f"“{name}”不是年报文件，或文件已损坏（内容不是有效的JSON）。") from None
    return from_dict(raw, name)


def _no_constant(token: str) -> None:
    raise ValueError(token)


class _Bad(Exception):
    pass


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise _Bad(message)


SURROGATE = re.compile("[\ud800-\udfff]")


def _text(v: Any, what: str, limit: int = MAX_TEXT) -> str:
    _expect(isinstance(v, str), f"{what}应为文本。")
    _expect(len(v) <= limit, f"{what}过长。")
    # A lone surrogate is valid JSON but no valid text: it could never be saved again.
    _expect(not SURROGATE.search(v), f"{what}含有无效字符。")
    return v


def _str(d: dict, key: str, where: str, limit: int = MAX_TEXT) -> str:
    return _text(d.get(key, ""), f"{where}“{key}”", limit)


def _block_in(d: Any, where: str) -> TextBlock:
    _expect(isinstance(d, dict), f"{where}格式不对。")
    carried = d.get("carried", [])
    _expect(isinstance(carried, list) and len(carried) <= 10_000, f"{where}的“carried”应为文本列表。")
    return TextBlock(_str(d, "title", where, 1000), _str(d, "text", where),
                     tuple(_text(c, f"{where}的沿用段落") for c in carried))


def _value_in(cid: str, v: Any, kind: CellKind | None) -> Value:
    _expect(not isinstance(v, bool), f"单元格{cid}的值不是数字。")
    if kind is CellKind.MONEY:
        try:
            dec = Decimal(str(v)) if isinstance(v, (int, str, Decimal)) else None
        except InvalidOperation:
            dec = None
        _expect(dec is not None and dec.is_finite(), f"单元格{cid}的值不是数字。")
        _expect(abs(dec) < MAX_MONEY, f"单元格{cid}的金额超出范围。")
        return dec
    if isinstance(v, Decimal) and v == v.to_integral_value():
        v = int(v)
    _expect(isinstance(v, int), f"单元格{cid}的值应为整数。")
    _expect(abs(v) <= MAX_COUNT, f"单元格{cid}的数值{v}超出范围。")
    return v


def _values_in(d: Any, format_id: str, where: str, computed_ok: bool, allow_none: bool = False) -> dict:
    _expect(isinstance(d, dict), f"{where}格式不对。")
    cells = FORMATS[format_id].cells
    out = {}
    for cid, v in d.items():
        _expect(cid in cells, f"{where}中有本格式不存在的单元格“{str(cid)[:40]}”。")
        _expect(computed_ok or not cells[cid].computed, f"{where}中的单元格{cid}是自动计算的合计，不能填写。")
        out[cid] = None if (v is None and allow_none) else _value_in(cid, v, cells[cid].kind)
    return out


def from_dict(raw: Any, name: str = "文件") -> Report:
    """A report from parsed JSON; GikFileError when anything is missing, mistyped or out of range."""
    try:
        return _from_dict(raw)
    except _Bad as e:
        raise GikFileError(f"“{name}”已损坏：{e}") from None
    except RecursionError:
        raise GikFileError(f"“{name}”已损坏：嵌套过深。") from None


def _from_dict(raw: Any) -> Report:
    _expect(isinstance(raw, dict), "顶层应为对象。")
    if raw.get("app") != APP_ID:
        raise _Bad("这不是本程序保存的年报文件。")
    version = raw.get("schema_version")
    _expect(isinstance(version, int) and not isinstance(version, bool), "缺少文件版本号。")
    if version > SCHEMA_VERSION:
        raise GikFileError("这个文件由更新版本的年报编辑器保存（文件版本"
                           f"{version}），请升级本程序后再打开。")
    _expect(version >= 1, "文件版本号无效。")
    format_id = raw.get("format_id")
    _expect(format_id in FORMATS, f"未知的报告格式“{str(format_id)[:20]}”。")

    meta_raw = raw.get("meta", {})
    _expect(isinstance(meta_raw, dict), "基本信息格式不对。")
    meta = Meta()
    for key, default in vars(Meta()).items():
        if key not in meta_raw:
            continue
        v = meta_raw[key]
        if isinstance(default, int):
            _expect(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9999, "报告年度应为四位数的年份。")
        else:
            _text(v, f"基本信息“{key}”", 1000)
        setattr(meta, key, v)

    sections_raw = raw.get("sections", {})
    _expect(isinstance(sections_raw, dict), "正文格式不对。")
    sections = {}
    for key in SECTION_KEYS:
        s = sections_raw.get(key, {})
        _expect(isinstance(s, dict), f"第{key}节格式不对。")
        parts = s.get("parts", [])
        _expect(isinstance(parts, list) and len(parts) <= 100, f"第{key}节的分项格式不对。")
        sections[key] = SectionText(_block_in(s.get("intro", {}), f"第{key}节"),
                                    [_block_in(p, f"第{key}节分项") for p in parts])
    _expect(set(sections_raw) <= set(SECTION_KEYS), "正文中有未知的节。")

    money_unit = _str(raw, "money_unit", "", 10)
    _expect(money_unit in ("", *MONEY_UNITS), "金额单位只能是“元”或“万元”。")

    prior_raw = raw.get("prior")
    prior = None
    if prior_raw is not None:
        _expect(isinstance(prior_raw, dict), "上年数据格式不对。")
        year, pid = prior_raw.get("year"), prior_raw.get("format_id")
        _expect(isinstance(year, int) and not isinstance(year, bool) and 0 <= year <= 9999, "上年数据的年度无效。")
        _expect(pid in FORMATS, "上年数据的格式无效。")
        prior = Prior(year, pid, _values_in(prior_raw.get("values", {}), pid, "上年数据", True))

    review = raw.get("review", {})
    _expect(isinstance(review, dict), "待核对标记格式不对。")
    for note in review.values():
        _text(note, "待核对标记")
    _expect(set(review) <= set(FORMATS[format_id].cells), "待核对标记中有未知的单元格。")

    return Report(
        format_id=format_id,
        meta=meta,
        title=_str(raw, "title", "", 1000),
        preamble=_str(raw, "preamble", ""),
        sections=sections,
        values=_values_in(raw.get("values", {}), format_id, "表格数据", False),
        printed=_values_in(raw.get("printed", {}), format_id, "原报告合计", True, allow_none=True),
        money_unit=money_unit,
        prior=prior,
        review=dict(review),
        migration_note=_str(raw, "migration_note", ""),
    )
