""".gik files: versioned UTF-8 JSON, written atomically, read defensively.

Every key is documented in docs/file-format.md. Anything wrong with a file
raises one GikFileError with a Chinese message; nothing is half-loaded.
"""
from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

from .formats import FORMATS, SECTION_KEYS, CellKind
from .numbers import NumberError, OutOfRange, json_number, parse_decimal
from .report import (
    MONEY_UNITS,
    Meta,
    Prior,
    Report,
    RollUp,
    SectionText,
    TextBlock,
    UnitSource,
    Value,
)
from .reviews import marks_in, marks_out

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
    if report.reviewed:
        d["reviewed"] = marks_out(report)
    if report.rollup is not None:
        d["rollup"] = {"units": [{"unit": u.unit, "file": u.file, "sha256": u.sha256} for u in report.rollup.units],
                       "missing": list(report.rollup.missing)}
    return d


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n"


def save(report: Report, path: str | os.PathLike[str], private: bool = False) -> None:
    """Write atomically: a crash at any moment leaves either the old or the new complete file."""
    # A lone surrogate (pasted from a broken source) cannot be UTF-8: it becomes "?" rather than a crash.
    write_atomic(Path(path), dumps(report).encode("utf-8", "replace"), private)


def disk_stamp(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """What tells one version of a file on disk from another (modification time, size); None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


SIDE_SUFFIX = ".saving"
STALE_SIDE_FILE_SECONDS = 5     # a side file this old that nobody holds is what a killed save left behind


def write_atomic(path: Path, data: bytes, private: bool = False) -> None:
    """Write to a new side file in the same folder, fsync, then rename it over the target.

    - The side file gets a unique name and is created exclusively (mkstemp: O_EXCL, never through a
      symlink someone planted), so two saves of one file never write into each other and the file is
      always one whole report.
    - A target that is a symlink is written through: its target file is replaced, the link stays.
    - The saved file keeps the mode (and, where allowed, the owner) of the file it replaces; a new file
      gets the usual mode for the user's umask; `private` files (recovery copies) are 0600.
    - A side file left by a save that was killed is removed by a later save of the same file, once it
      is stale and no running save holds its lock.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    tmp: str | None = None
    try:
        try:
            old = os.stat(target)
        except FileNotFoundError:
            old = None
        if old is not None and not stat.S_ISREG(old.st_mode):
            raise GikFileError(f"无法保存“{path}”：{_NOT_REGULAR}")
        _remove_stale_side_files(folder, target.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=SIDE_SUFFIX, dir=folder)
        with os.fdopen(fd, "wb") as f:
            _lock_side_file(f.fileno())
            _set_mode(f.fileno(), old, private)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(folder)
    except OSError as e:
        raise GikFileError(os_message(e, Path(path), "保存")) from e
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _read_umask() -> int:
    mask = os.umask(0o022)        # the only way to read it; read once, at import, before any thread runs
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _set_mode(fd: int, old: os.stat_result | None, private: bool) -> None:
    if not hasattr(os, "fchmod"):         # Windows: the side file gets the folder's permissions
        return
    if private:
        os.fchmod(fd, 0o600)
        return
    if old is None:
        os.fchmod(fd, 0o666 & ~_UMASK)
        return
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)     # root or a group member saving someone's file
        except OSError:
            pass
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _lock_side_file(fd: int) -> None:
    """Held until the side file is closed (renamed or abandoned): tells a live save from a killed one."""
    try:
        import fcntl
    except ImportError:                   # Windows: stale side files are left for the user to delete
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass


def _remove_stale_side_files(folder: Path, name: str) -> None:
    """Side files of `name` that a killed save left: our own regular files, stale, and locked by nobody."""
    try:
        import fcntl
    except ImportError:
        return
    prefix, now = f".{name}.", time.time()
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(SIDE_SUFFIX)
                   and len(e.name) > len(prefix) + len(SIDE_SUFFIX)]
    except OSError:
        return
    for entry in entries:
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)   # a planted symlink: ELOOP
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if (not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid()
                    or now - st.st_mtime < STALE_SIDE_FILE_SECONDS):
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)      # raises while a save is writing it
            if os.path.samestat(st, os.lstat(entry.path)):
                os.unlink(entry.path)
        except OSError:
            continue
        finally:
            os.close(fd)


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
    """The bytes of `path`; GikFileError with `too_big` ({name}, {mb}) over max_bytes, or the OS's reason in Chinese.

    Only a regular file is read, and never more than max_bytes + 1 bytes: /dev/zero, /dev/urandom, a FIFO
    (opened without blocking, so a pipe with no writer cannot hang us) or a folder is refused before reading.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise GikFileError(os_message(e, path, "打开")) from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise GikFileError(f"无法打开“{path.name}”：{_NOT_REGULAR}")
        if st.st_size > max_bytes:
            raise GikFileError(too_big.format(name=path.name, mb=st.st_size // 1024 // 1024))
        chunks, total = [], 0
        while total <= max_bytes:            # the size may have changed since fstat: bound the read itself
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise GikFileError(too_big.format(name=path.name, mb=total // 1024 // 1024))
        return b"".join(chunks)
    except OSError as e:
        raise GikFileError(os_message(e, path, "打开")) from e
    finally:
        os.close(fd)


_NOT_REGULAR = "这不是普通文件（可能是设备、管道或文件夹）。"


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
        raw = json_loads(text)
    except (ValueError, RecursionError):
        raise GikFileError(f"“{name}”不是年报文件，或文件已损坏（内容不是有效的JSON）。") from None
    return from_dict(raw, name)


def json_loads(text: str) -> Any:
    """JSON whose numbers went through the one bounded parser before any conversion (a 4,301-digit count,
    1e100000000 become numbers.OutOfRange); NaN and Infinity are refused. ValueError/RecursionError if broken."""
    return json.loads(text, parse_float=json_number, parse_int=json_number, parse_constant=_no_constant)


def _no_constant(token: str) -> None:
    raise ValueError(token)


class _Bad(Exception):
    pass


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise _Bad(message)


def _object(v: object, message: str) -> dict[str, object]:
    """A JSON object from the file (its keys are text: JSON has no other), or _Bad(message)."""
    if not isinstance(v, dict):
        raise _Bad(message)
    return v


def _year(v: object, message: str) -> int:
    """A year from the file: an integer (not true/false) from 0 to 9999, or _Bad(message)."""
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 9999:
        raise _Bad(message)
    return v


SURROGATE = re.compile("[\ud800-\udfff]")


def _text(v: object, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(v, str):
        raise _Bad(f"{what}应为文本。")
    _expect(len(v) <= limit, f"{what}过长。")
    # A lone surrogate is valid JSON but no valid text: it could never be saved again.
    _expect(not SURROGATE.search(v), f"{what}含有无效字符。")
    return v


def _is_format(v: object) -> TypeGuard[str]:
    # A list or an object is unhashable: `in FORMATS` would raise TypeError instead of answering.
    return isinstance(v, str) and v in FORMATS


def _shown(v: object) -> str:
    """A value from the file, quoted in a message: only strings, and only their start."""
    if isinstance(v, str):
        return v[:20]
    if isinstance(v, OutOfRange):
        return v.token
    return str(v) if v is None or isinstance(v, (bool, int, Decimal)) else "…"   # (numbers here are bounded)


def _str(d: dict[str, object], key: str, where: str, limit: int = MAX_TEXT) -> str:
    return _text(d.get(key, ""), f"{where}“{key}”", limit)


def _block_in(raw: object, where: str) -> TextBlock:
    d = _object(raw, f"{where}格式不对。")
    carried = d.get("carried", [])
    if not isinstance(carried, list) or len(carried) > 10_000:
        raise _Bad(f"{where}的“carried”应为文本列表。")
    return TextBlock(_str(d, "title", where, 1000), _str(d, "text", where),
                     tuple(_text(c, f"{where}的沿用段落") for c in carried))


def _value_in(cid: str, v: object, kind: CellKind | None) -> Value:
    # Every number here came through numbers.json_number (bounded) or is a string: no conversion can blow up.
    _expect(not isinstance(v, OutOfRange), f"单元格{cid}的数值超出范围。")
    _expect(not isinstance(v, bool), f"单元格{cid}的值不是数字。")
    if kind is CellKind.MONEY:
        try:
            dec = parse_decimal(v) if isinstance(v, str) else Decimal(v) if isinstance(v, (int, Decimal)) else None
        except NumberError as e:
            _expect(str(e) != "超出范围", f"单元格{cid}的金额超出范围。")
            dec = None
        if dec is None or not dec.is_finite():
            raise _Bad(f"单元格{cid}的值不是数字。")
        _expect(abs(dec) < MAX_MONEY, f"单元格{cid}的金额超出范围。")
        return dec
    if isinstance(v, Decimal) and v == v.to_integral_value():
        v = int(v)
    if not isinstance(v, int):
        raise _Bad(f"单元格{cid}的值应为整数。")
    _expect(abs(v) <= MAX_COUNT, f"单元格{cid}的数值超出范围。")
    return v


def _values_in(d: object, format_id: str, where: str, computed_ok: bool) -> dict[str, Value]:
    return {cid: _value_in(cid, v, kind) for cid, v, kind in _cells_in(d, format_id, where, computed_ok)}


def _printed_in(d: object, format_id: str, where: str) -> dict[str, Value | None]:
    """Totals as an imported report printed them: a blank (null) is kept as printed."""
    return {cid: None if v is None else _value_in(cid, v, kind) for cid, v, kind in _cells_in(d, format_id, where, True)}


def _cells_in(raw: object, format_id: str, where: str,
              computed_ok: bool) -> Iterator[tuple[str, object, CellKind | None]]:
    """(cell id, value as in the file, the cell's kind) of each cell of a values object, its cell checked."""
    d = _object(raw, f"{where}格式不对。")
    cells = FORMATS[format_id].cells
    for cid, v in d.items():
        _expect(cid in cells, f"{where}中有本格式不存在的单元格“{str(cid)[:40]}”。")
        _expect(computed_ok or not cells[cid].computed, f"{where}中的单元格{cid}是自动计算的合计，不能填写。")
        yield cid, v, cells[cid].kind


MAX_UNITS = 100_000
SHA256 = re.compile("[0-9a-f]{64}")


def _rollup_in(raw: object) -> RollUp | None:
    if raw is None:
        return None
    d = _object(raw, "汇总信息格式不对。")
    units, missing = d.get("units", []), d.get("missing", [])
    if not (isinstance(units, list) and isinstance(missing, list) and len(units) + len(missing) <= MAX_UNITS):
        raise _Bad("汇总信息的单位列表格式不对。")
    sources = []
    for item in units:
        u = _object(item, "汇总信息的单位列表格式不对。")
        sha = u.get("sha256")
        if not isinstance(sha, str) or SHA256.fullmatch(sha) is None:
            raise _Bad("汇总信息中的校验码无效。")
        sources.append(UnitSource(_text(u.get("unit"), "汇总单位名称", 1000), _text(u.get("file"), "汇总文件名", 4000), sha))
    return RollUp(tuple(sources), tuple(_text(m, "未提交单位名称", 1000) for m in missing))


def from_dict(raw: object, name: str = "文件") -> Report:
    """A report from parsed JSON; GikFileError when anything is missing, mistyped or out of range."""
    try:
        return _from_dict(raw)
    except _Bad as e:
        raise GikFileError(f"“{name}”已损坏：{e}") from None
    except RecursionError:
        raise GikFileError(f"“{name}”已损坏：嵌套过深。") from None


def _from_dict(top: object) -> Report:
    raw = _object(top, "顶层应为对象。")
    if raw.get("app") != APP_ID:
        raise _Bad("这不是本程序保存的年报文件。")
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Bad("缺少文件版本号。")
    if version > SCHEMA_VERSION:
        raise GikFileError("这个文件由更新版本的年报编辑器保存（文件版本"
                           f"{version}），请升级本程序后再打开。")
    _expect(version >= 1, "文件版本号无效。")
    format_id = raw.get("format_id")
    if not _is_format(format_id):
        raise _Bad(f"未知的报告格式“{_shown(format_id)}”。")

    meta_raw = _object(raw.get("meta", {}), "基本信息格式不对。")
    meta = Meta()
    for key, default in vars(Meta()).items():
        if key not in meta_raw:
            continue
        v = meta_raw[key]
        if isinstance(default, int):
            _year(v, "报告年度应为四位数的年份。")
        else:
            _text(v, f"基本信息“{key}”", 1000)
        setattr(meta, key, v)

    sections_raw = _object(raw.get("sections", {}), "正文格式不对。")
    sections = {}
    for key in SECTION_KEYS:
        s = _object(sections_raw.get(key, {}), f"第{key}节格式不对。")
        parts = s.get("parts", [])
        if not isinstance(parts, list) or len(parts) > 100:
            raise _Bad(f"第{key}节的分项格式不对。")
        sections[key] = SectionText(_block_in(s.get("intro", {}), f"第{key}节"),
                                    [_block_in(p, f"第{key}节分项") for p in parts])
    _expect(set(sections_raw) <= set(SECTION_KEYS), "正文中有未知的节。")

    money_unit = _str(raw, "money_unit", "", 10)
    _expect(money_unit in ("", *MONEY_UNITS), "金额单位只能是“元”或“万元”。")

    prior_raw = raw.get("prior")
    prior = None
    if prior_raw is not None:
        prior_d = _object(prior_raw, "上年数据格式不对。")
        year = _year(prior_d.get("year"), "上年数据的年度无效。")
        pid = prior_d.get("format_id")
        if not _is_format(pid):
            raise _Bad("上年数据的格式无效。")
        prior = Prior(year, pid, _values_in(prior_d.get("values", {}), pid, "上年数据", True))

    review_raw = _object(raw.get("review", {}), "待核对标记格式不对。")
    review = {cid: _text(note, "待核对标记") for cid, note in review_raw.items()}
    _expect(set(review) <= set(FORMATS[format_id].cells), "待核对标记中有未知的单元格。")
    try:
        reviewed = marks_in(raw.get("reviewed", []))
    except ValueError as e:
        raise _Bad(str(e)) from None
    for key, m in reviewed.items():
        _text(key, "已核对标记")
        _text(m.reason, "已核对标记的理由")

    return Report(
        format_id=format_id,
        rollup=_rollup_in(raw.get("rollup")),
        meta=meta,
        title=_str(raw, "title", "", 1000),
        preamble=_str(raw, "preamble", ""),
        sections=sections,
        values=_values_in(raw.get("values", {}), format_id, "表格数据", False),
        printed=_printed_in(raw.get("printed", {}), format_id, "原报告合计"),
        money_unit=money_unit,
        prior=prior,
        review=review,
        migration_note=_str(raw, "migration_note", ""),
        reviewed=reviewed,
    )
