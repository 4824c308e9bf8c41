"""The members of an untrusted zip archive (.docx, .xlsx), read only after its size on disk is vetted."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..storage import GikFileError, os_message

# What zipfile raises for damaged, exotic (a zip version it cannot read) or encrypted archives.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, RuntimeError)


def zip_members(path: Path, max_bytes: int, too_big: str, not_zip: str) -> list[zipfile.ZipInfo]:
    """GikFileError with `too_big` (a file over max_bytes) or `not_zip` (no readable zip), else the members.

    The messages may name {name} (the file's name) and {mb} (its size in MB)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise GikFileError(os_message(e, path, "打开")) from e
    if size > max_bytes:
        raise GikFileError(too_big.format(name=path.name, mb=size // 1024 // 1024))
    try:
        with zipfile.ZipFile(path) as z:
            return z.infolist()
    except ZIP_ERRORS:
        raise GikFileError(not_zip.format(name=path.name)) from None
    except OSError as e:
        raise GikFileError(os_message(e, path, "打开")) from e
