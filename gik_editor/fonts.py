"""Chinese fonts for the PDF: the PC's own Song/FangSong/Hei/Kai faces where present, else the shipped one.

reportlab embeds only TrueType (glyf) outlines, so the CFF/OpenType Noto CJK
fonts of most Linux desktops cannot be used; a font that fails to load is
skipped. Every character of the report is checked against the chosen faces
before anything is drawn: a character no usable face has is named in a
GikFileError, never printed as a blank box. reportlab is imported lazily.
"""
from __future__ import annotations

import os
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .resources import resource_path
from .storage import GikFileError

SHIPPED_FILE = "wqy-microhei.ttc"
SHIPPED_NAME = "文泉驿微米黑（随程序提供）"

# What each part of the document is set in (GB/T 9704: title 小标宋, body 仿宋, level-1
# heading 黑体, level-2 heading 楷体; tables and page numbers 宋体).
ROLES = ("title", "heading", "body", "lead", "table", "folio")

# Known font files by lower-case file name → how a message names them: Windows' own, the CESI
# faces of Kylin and UOS (GB18030 before GB2312), the free faces of Debian-like desktops. The face
# used from a collection (.ttc) is its first one, which for every collection listed is the
# simplified-Chinese face.
_SONG = (("simsun.ttc", "宋体"), ("simsun.ttf", "宋体"), ("stsong.ttf", "华文宋体"),
         ("cesi_ss_gb18030.ttf", "CESI宋体"), ("cesi_ss_gb2312.ttf", "CESI宋体"), ("uming.ttc", "AR PL UMing"))
_FANGSONG = (("simfang.ttf", "仿宋"), ("stfangso.ttf", "华文仿宋"), ("cesi_fs_gb18030.ttf", "CESI仿宋"),
             ("仿宋_gb2312.ttf", "仿宋_GB2312"), ("fs_gb2312.ttf", "仿宋_GB2312"), ("cesi_fs_gb2312.ttf", "CESI仿宋"))
_HEI = (("simhei.ttf", "黑体"), ("msyh.ttc", "微软雅黑"), ("stxihei.ttf", "华文细黑"),
        ("cesi_ht_gb18030.ttf", "CESI黑体"), ("cesi_ht_gb2312.ttf", "CESI黑体"),
        ("wqy-zenhei.ttc", "文泉驿正黑"), ("wqy-microhei.ttc", "文泉驿微米黑"),
        ("droidsansfallbackfull.ttf", "Droid Sans Fallback"))
_KAI = (("simkai.ttf", "楷体"), ("stkaiti.ttf", "华文楷体"), ("cesi_kt_gb18030.ttf", "CESI楷体"),
        ("楷体_gb2312.ttf", "楷体_GB2312"), ("cesi_kt_gb2312.ttf", "CESI楷体"), ("ukai.ttc", "AR PL UKai"))
_XIAOBIAOSONG = (("fzxbsjw.ttf", "方正小标宋简体"), ("方正小标宋简体.ttf", "方正小标宋简体"),
                 ("cesi_xbs_gb18030.ttf", "CESI小标宋"), ("cesi_xbs_gb2312.ttf", "CESI小标宋"),
                 ("stzhongs.ttf", "华文中宋"))

PREFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "title": _XIAOBIAOSONG + _HEI + _SONG,
    "heading": _HEI + _SONG,
    "body": _FANGSONG + _SONG + _HEI,
    "lead": _KAI + _FANGSONG + _SONG + _HEI,
    "table": _SONG + _FANGSONG + _HEI,
    "folio": _SONG + _HEI,
}


@dataclass(frozen=True)
class FontFace:
    """One face of one font file."""
    label: str          # how the user knows it, e.g. 仿宋（simfang.ttf）
    path: Path
    index: int = 0      # face inside a .ttc collection


def shipped_face() -> FontFace:
    return FontFace(SHIPPED_NAME, resource_path("fonts", SHIPPED_FILE))


def font_dirs() -> list[Path]:
    """Where Windows, Linux (Kylin, UOS, Debian…) and macOS keep fonts, system-wide and per user."""
    home = Path.home()
    if sys.platform.startswith("win"):
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts",
            home / ".fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]


@lru_cache(maxsize=4)
def _installed(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Lower-case file name → path of every known CJK font file under `dirs` (first found wins)."""
    wanted = {name for prefs in PREFERENCES.values() for name, _ in prefs}
    found: dict[str, Path] = {}
    for top in dirs:
        for folder, _, files in os.walk(top, onerror=lambda e: None):
            for f in files:
                low = f.lower()
                if low in wanted and low not in found:
                    found[low] = Path(folder) / f
    return found


def candidates(role: str) -> list[FontFace]:
    """The faces that may set `role`, best first: the PC's fonts in order of preference, then the shipped one."""
    installed = _installed(tuple(font_dirs()))
    out = [FontFace(f"{label}（{installed[name].name}）", installed[name])
           for name, label in PREFERENCES[role] if name in installed]
    return out + [shipped_face()]


@lru_cache(maxsize=32)
def _load(path: Path, index: int, mtime: float) -> Any:
    """The parsed reportlab TTFont, or None when the file cannot be embedded (CFF outlines, damaged, no licence)."""
    from reportlab.pdfbase.ttfonts import TTFont
    try:
        # the name is unique per file, face and version, so two fonts never share one registration
        name = f"gik-{zlib.crc32(str(path).encode('utf-8', 'surrogatepass')):08x}-{index}-{int(mtime)}"
        return TTFont(name, str(path), subfontIndex=index)
    except Exception:           # any unusable font file is simply not a candidate
        return None


def load(face: FontFace) -> Any:
    """The reportlab TTFont of a face, or None when it cannot be used."""
    try:
        mtime = face.path.stat().st_mtime
    except OSError:
        return None
    return _load(face.path, face.index, mtime)


def covers(face: FontFace) -> frozenset[int]:
    """The code points the face has a glyph for (empty when the face cannot be used)."""
    font = load(face)
    return frozenset() if font is None else _coverage(font)


@lru_cache(maxsize=32)
def _coverage(font: Any) -> frozenset[int]:
    return frozenset(font.face.charToGlyph)


def needed(text: str) -> set[int]:
    """Code points that must have a glyph: every visible character (spacing is drawn without one)."""
    return {ord(c) for c in set(text) if not c.isspace()}


def choose(pieces: Iterable[str]) -> dict[str, FontFace]:
    """For every role the first face that has every character of the printed text.

    Raises GikFileError naming each character that no usable face has, with where it occurs.
    """
    pieces = list(pieces)
    chars = needed("".join(pieces))
    chosen: dict[str, FontFace] = {}
    for role in ROLES:
        for face in candidates(role):
            if chars <= covers(face):
                chosen[role] = face
                break
        else:
            raise GikFileError(_missing_message(chars, candidates(role), pieces))
    return chosen


def _missing_message(chars: set[int], faces: list[FontFace], pieces: list[str]) -> str:
    usable = [f for f in faces if covers(f)]
    if not usable:
        return f"找不到可用的中文字体：随程序提供的字体文件“{shipped_face().path}”缺失或已损坏，请重新安装本程序。"
    missing = sorted(chars - covers(usable[-1]))
    names = "、".join(describe(cp) for cp in missing[:10])
    more = f"等{len(missing)}个字符" if len(missing) > 10 else ""
    where = _context(chr(missing[0]), pieces)
    return (f"无法生成PDF：字体中没有{names}{more}的字形，打印出来会是空白。"
            f"{where}请安装含有这些字的TrueType中文字体（如Windows自带的宋体、仿宋）后再导出，或改用其他写法。")


def describe(cp: int) -> str:
    """'“槜”（U+69DC）' — the character itself and its code point, so the user can find it."""
    return f"“{chr(cp)}”（U+{cp:04X}）" if unicodedata.category(chr(cp))[0] != "C" else f"U+{cp:04X}"


def _context(char: str, pieces: list[str]) -> str:
    for piece in pieces:
        i = piece.find(char)
        if i >= 0:
            snippet = piece[max(0, i - 10):i + 11].replace("\n", " ")
            return f"它出现在：“{snippet}”。"
    return ""
