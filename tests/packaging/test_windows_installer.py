"""What the Windows installer script and build promise, read from their sources (issue 14): per-user
install without administrator rights by default, an all-users option, shortcuts, the .gik association
with our icon, an uninstaller that removes only what it installed, version and publisher, the notices.
The installer itself is built and run under Wine by tools/build-windows.sh and tools/smoke-windows.sh."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NSI = (ROOT / "packaging" / "windows" / "installer.nsi").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "packaging"))


def _section(name: str) -> str:
    return re.search(rf'^Section "{re.escape(name)}".*?^SectionEnd', NSI, re.S | re.M).group(0)


def test_current_user_without_admin_rights_is_the_default_and_all_users_an_option():
    assert "!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" in NSI
    # Highest: a clerk without rights gets no UAC prompt; an administrator may choose all users
    assert "!define MULTIUSER_EXECUTIONLEVEL Highest" in NSI
    assert "!insertmacro MULTIUSER_PAGE_INSTALLMODE" in NSI
    assert "!define MULTIUSER_INSTALLMODE_COMMANDLINE" in NSI            # /AllUsers, /CurrentUser
    assert "!define MULTIUSER_USE_PROGRAMFILES64" in NSI
    assert "Target amd64-unicode" in NSI and '!insertmacro MUI_LANGUAGE "SimpChinese"' in NSI


def test_shortcuts_and_the_gik_association_with_our_icon():
    main = _section("${NAME}")
    assert '$SMPROGRAMS\\${NAME}.lnk' in main and '$DESKTOP\\${NAME}.lnk' in main
    assert 'WriteRegStr SHCTX "Software\\Classes\\.gik" "" "${PROGID}"' in main
    assert "resources\\icons\\gik-editor.ico" in main
    assert '\'"$INSTDIR\\gik-editor.exe" "%1"\'' in main


def test_the_uninstaller_removes_only_what_was_installed():
    uninstall = _section("Uninstall")
    # never the whole folder (a clerk may have saved reports in it), never the user's documents
    assert not re.search(r'RMDir /r "\$INSTDIR"\s', uninstall)
    assert 'RMDir "$INSTDIR"' in uninstall
    assert "$DOCUMENTS" not in NSI and "*.gik" not in uninstall
    for installed in ("_internal", "licenses", "gik-editor.exe", "gik-editor-cli.exe", "uninstall.exe"):
        assert f"$INSTDIR\\{installed}" in uninstall, installed
    # the file type goes only while it is still ours
    assert '${If} $0 == "${PROGID}"' in uninstall


def test_version_and_publisher_reach_the_installer_and_the_programs():
    from gik_editor.version import PUBLISHER, VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION) and PUBLISHER
    for key in ("ProductName", "CompanyName", "FileVersion", "ProductVersion"):
        assert f'VIAddVersionKey /LANG=${{LANG_SIMPCHINESE}} "{key}"' in NSI
    assert '"Publisher" "${PUBLISHER}"' in NSI and '"DisplayVersion" "${VERSION}"' in NSI
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'StringStruct("CompanyName", PUBLISHER)' in spec and 'StringStruct("FileVersion", VERSION)' in spec
    build = (ROOT / "tools" / "build-windows.sh").read_text(encoding="utf-8")
    assert "gik-editor-$VERSION-setup.exe" in build and "gik_editor/version.py" in build


def test_the_notices_are_shown_by_the_installer():
    assert '!insertmacro MUI_PAGE_LICENSE "${NOTICES}"' in NSI
    notices = (ROOT / "packaging" / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for named in ("LGPL", "PySide6", "WenQuanYi", "CPython", "openpyxl", "reportlab", "python-docx", "lxml", "Pillow"):
        assert named in notices, named
    build = (ROOT / "tools" / "build-windows.sh").read_text(encoding="utf-8")
    assert "packaging/collect_licenses.py" in build        # (tests/packaging/test_collect_licenses.py)


def test_the_scripts_are_valid_bash():
    for script in ("build-windows.sh", "smoke-windows.sh", "windows-env.sh"):
        checked = subprocess.run(["bash", "-n", str(ROOT / "tools" / script)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
