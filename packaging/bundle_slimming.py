"""What build.spec and packaging/reference.spec leave out of the bundle, shared so that the editor and
the yardstick window are slimmed exactly the same way.

PyInstaller's Qt hooks collect every plugin of every Qt module the program touches, all ~100
translation catalogues, and the system libraries those plugins link (GTK, cairo, pango, Wayland,
Kerberos …). The editor needs a handful: a platform plugin per system, the input-method bridges
(拼音 input goes through them), and the Chinese catalogue for Qt's own dialogs.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import PurePath

# Plugin file stems ("libqxcb.so", "qwindows.dll" → "qxcb", "qwindows") kept per plugin folder;
# every other folder of plugins/ is dropped whole.
KEEP_PLUGINS: dict[str, set[str]] = {
    # xcb: the Linux desktop (Kylin, UOS, Wayland sessions via XWayland); offscreen: headless runs
    # and the CI smoke test; windows/cocoa: the other systems' only platform.
    "platforms": {"qxcb", "qoffscreen", "qwindows", "qcocoa"},
    # compose: dead keys; ibus: IBus and fcitx5 (which also speaks the IBus protocol).
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    # Native look on Windows 10/11.
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
    # The window icon on Windows is an .ico; PNG is built into QtGui.
    "imageformats": {"qico"},
    # 打印: the CUPS printers of Kylin/UOS (Windows printing is built into QtPrintSupport).
    "printsupport": {"cupsprintersupport"},
}

# Translation catalogues kept: Qt's own dialogs (file chooser, message boxes) in Chinese.
KEEP_TRANSLATION = "zh_CN"

# Python modules PyInstaller would otherwise pull in through optional imports: openpyxl's numpy
# support (39 MB); Pillow's codecs for AVIF, WebP, colour profiles and its own font engine (10 MB
# of libraries; reportlab needs Pillow itself, the reports have no pictures); TLS for URLs reportlab
# could fetch (the program never goes online; hashlib falls back to its built-in digests);
# multiprocessing, reachable only through asyncio, whose presence adds a start-up hook (10 ms).
EXCLUDED_MODULES = [
    "numpy", "PIL._avif", "PIL._webp", "PIL._imagingcms", "PIL._imagingft", "PIL._imagingtk",
    "PIL.ImageQt", "PIL.ImageTk", "ssl", "_ssl", "_hashlib", "multiprocessing",
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "xmlrpc", "test",
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtSvg", "PySide6.QtSvgWidgets",
    # pdfplumber renders page images with PDFium (8.7 MB); the PDF import only reads text and lines.
    "pypdfium2", "pypdfium2_raw",
    # Charts, barcodes and drawings of reportlab, and the parts of lxml python-docx and openpyxl never
    # use (lxml.etree is what they need): 4 MB, and the modules count twice on Windows, where each of
    # the two programs carries its own archive of them.
    "reportlab.graphics", "lxml.objectify", "lxml.html", "lxml.isoschematron",
]

# Windows: the 20 MB software OpenGL fallback; widgets draw with the raster engine.
# Linux: the CUPS client library is taken from the PC (every desktop that prints has libcups2):
# it talks to the PC's own print service, and bundling the build machine's would bring its
# GnuTLS, Kerberos and Avahi along (8 MB). Without it the print dialog still prints to PDF.
DROP_FILES = {"opengl32sw.dll", "libcups.so.2"}

# Files the bootloader or Python loads by name, never through a link-time reference.
_ALWAYS_ROOTS = ("libpython", "python3", "base_library")


def _plugin_place(dest: str) -> tuple[str, str] | None:
    """(plugin folder, file stem) for a Qt plugin, None for anything else."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if "plugins" not in parts[:-2] or not ("PySide6" in parts or "Qt" in parts):
        return None
    folder = parts[-2]
    stem = parts[-1].split(".")[0]
    if not sys.platform.startswith("win") and stem.startswith("lib"):
        stem = stem[3:]
    return folder, stem


# pdfminer's character maps (CMaps) kept: the Chinese (GB) ones and the few that belong to no script.
# A Chinese PDF's fonts are Identity-encoded (built into pdfminer) or name a GB CMap; the Japanese,
# Korean and traditional-Chinese ones (5.7 MB) would only matter for PDFs in those scripts.
_OTHER_SCRIPTS_CMAPS = re.compile(r"JIS|Japan|RKSJ|EUC|Hankaku|Hiragana|Katakana|NWP|Roman|WP-Symbol|Add-|Ext-|"
                                  r"^(78|83|90)|^[HV]\.|KSC|Korea|UniKS|CNS|B5|ETen|ETHK|HK")


def _keep_data(dest: str) -> bool:
    path = dest.replace("\\", "/")
    if "/translations/" in path and path.endswith(".qm"):
        return KEEP_TRANSLATION in path.rsplit("/", 1)[-1]
    if path.startswith("pdfminer/cmap/"):
        name = path.rsplit("/", 1)[-1]
        return "GB" in name or not _OTHER_SCRIPTS_CMAPS.search(name)
    return True


def _keep_plugin(dest: str) -> bool:
    place = _plugin_place(dest)
    if place is None:
        return True
    folder, stem = place
    return stem in KEEP_PLUGINS.get(folder, ())


def _basename(dest: str) -> str:
    return PurePath(dest.replace("\\", "/")).name


def _linked_names(path: str) -> list[str]:
    """The libraries a binary names directly. On Linux PyInstaller's get_imports asks ldd, which also
    lists the libraries of those libraries, so a library left to the PC would keep its own
    dependencies in the bundle; objdump reads only the binary's own DT_NEEDED entries."""
    if sys.platform.startswith("linux"):
        out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
        return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]
    from PyInstaller.depend.bindepend import get_imports
    return [name for name, _path in get_imports(path)]


def _unreferenced(binaries: list[tuple]) -> set[str]:
    """Destination names of libraries that no kept extension module, plugin or library links."""

    # Every copy of a name counts: PySide6's wheels bring their own VCRUNTIME140.dll beside Qt, and the
    # one beside python311.dll must stay too, or a PC without the Visual C++ redistributable cannot
    # start the program ("Failed to load Python DLL"). Windows looks beside the loading module first.
    by_name: dict[str, list[str]] = {}
    for dest, _src, _kind in binaries:
        by_name.setdefault(_basename(dest).lower(), []).append(dest)
    libraries = {dest for dest, _src, kind in binaries if kind == "BINARY" and _plugin_place(dest) is None}
    roots = [(dest, src) for dest, src, kind in binaries
             if dest not in libraries or _basename(dest).startswith(_ALWAYS_ROOTS)]
    reached: set[str] = set()
    pending = list(roots)
    sources = {dest: src for dest, src, _kind in binaries}
    while pending:
        dest, src = pending.pop()
        if dest in reached:
            continue
        reached.add(dest)
        for name in _linked_names(src):
            pending += [(hit, sources[hit]) for hit in by_name.get(_basename(name).lower(), ()) if hit not in reached]
    return libraries - reached


def slim(analysis) -> list[str]:
    """Drop unused plugins, translations and the libraries only they needed, in place.

    Returns the names dropped, for the build log.
    """
    def wanted(dest: str) -> bool:
        return _keep_plugin(dest) and _keep_data(dest) and _basename(dest).lower() not in DROP_FILES

    binaries = [e for e in analysis.binaries if wanted(e[0])]
    datas = [e for e in analysis.datas if wanted(e[0])]
    orphans = _unreferenced([e for e in binaries if e[2] != "SYMLINK"])
    binaries = [e for e in binaries if e[0] not in orphans]
    # PyInstaller links a library's name into the top folder (the link can sit in either list);
    # a link to a dropped file would dangle.
    present = {e[0] for e in binaries + datas if e[2] != "SYMLINK"}
    binaries = [e for e in binaries if e[2] != "SYMLINK" or e[1] in present]
    datas = [e for e in datas if e[2] != "SYMLINK" or e[1] in present]
    kept = {e[0] for e in binaries + datas}
    dropped = sorted({e[0] for e in analysis.binaries + analysis.datas} - kept)
    analysis.binaries[:] = binaries
    analysis.datas[:] = datas
    return dropped
