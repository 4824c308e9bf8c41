"""The members of an untrusted zip archive (.docx, .xlsx), read only after its size on disk is vetted.

The archive is read once, from a regular file, with a bounded read (storage.read_limited); libraries are
handed those bytes, and every member is bounded (bound_members) before any library parses it.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from ..storage import GikFileError, read_limited

# What zipfile raises for damaged (also a broken deflate stream: zlib.error), exotic (a zip version it cannot
# read) or encrypted archives.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, RuntimeError,
              zlib.error)


def vetted_zip(path: Path, max_bytes: int, too_big: str, not_zip: str) -> tuple[bytes, list[zipfile.ZipInfo]]:
    """The archive's bytes and members; GikFileError with `too_big` (over max_bytes), `not_zip` (no readable
    zip) or the reason it cannot be opened (also: not a regular file). The messages may name {name} and {mb}."""
    data = read_limited(path, max_bytes, too_big)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return data, z.infolist()
    except ZIP_ERRORS:
        raise GikFileError(not_zip.format(name=path.name)) from None


def zip_members(path: Path, max_bytes: int, too_big: str, not_zip: str) -> list[zipfile.ZipInfo]:
    """The members only (see vetted_zip)."""
    return vetted_zip(path, max_bytes, too_big, not_zip)[1]


def bound_members(infos: list[zipfile.ZipInfo], limit: Callable[[str], int], max_total: int, max_ratio: int,
                  too_big: str) -> None:
    """GikFileError(too_big) unless every member is within limit(its name), inflates at most max_ratio times
    (members over 1 MB) and all together stay within max_total. The sizes are the ones the zip declares,
    which zipfile enforces while reading."""
    total = 0
    for info in infos:
        total += info.file_size
        bomb = info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1)
        if total > max_total or bomb or info.file_size > limit(info.filename):
            raise GikFileError(too_big)
