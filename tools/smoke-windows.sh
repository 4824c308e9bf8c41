#!/usr/bin/env bash
# Smoke test of what tools/build-windows.sh made, under Wine, as on a fresh Windows PC: a prefix with no
# Visual C++ redistributable (Wine's own runtime DLLs are switched off, so only the folder's count).
#   1. the folder: the C runtime beside python311.dll, no test stand-in DLL, notices and licences;
#   2. gik-editor-cli.exe: --version, validate (exit codes, Chinese output through a pipe and redirected
#      into a file, on a Chinese and on a Western code page), export --pdf --xlsx --docx --html checked
#      on Linux (pdftotext, openpyxl, python-docx);
#   3. gik-editor.exe opens the sample in a real window on Xvfb: build/smoke/windows-window.png;
#   4. the installer installs silently for the current user, the installed program validates, the
#      uninstaller removes it silently and leaves the user's reports.
# Exits non-zero on any failure. Needs: bash tools/build-windows.sh first.
set -uo pipefail
source "$(dirname "$0")/windows-env.sh"
cd "$ROOT"
started=$(date +%s)

need_packages wine=wine /usr/lib/wine/wine64=wine64 /usr/share/i18n/locales/zh_CN=locales x86_64-w64-mingw32-gcc=gcc-mingw-w64-x86-64 Xvfb=xvfb \
  xwininfo=x11-utils pdftotext=poppler-utils import=imagemagick
VERSION=$(python3 -c "import runpy; print(runpy.run_path('gik_editor/version.py')['VERSION'])")
SETUP="dist/gik-editor-$VERSION-setup.exe"
CLI="$WIN_DIST/gik-editor-cli.exe"
[ -f "$CLI" ] && [ -f "$SETUP" ] || { echo "先运行 bash tools/build-windows.sh" >&2; exit 2; }

WORK="$ROOT/build/smoke/windows"
rm -rf "$WORK"
mkdir -p "$WORK/年报"
SAMPLE="$WORK/年报/洪合镇年报.gik"
cp examples/honghe-2020.gik "$SAMPLE"
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND…
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

xvfb_pid=""
cleanup() {
  stop_wine
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
}
trap cleanup EXIT
make_prefix

# --- 1. the folder ---
internal="$WIN_DIST/_internal"
check "VCRUNTIME140.dll and VCRUNTIME140_1.dll beside python311.dll" \
  test -f "$internal/VCRUNTIME140.dll" -a -f "$internal/VCRUNTIME140_1.dll" -a -f "$internal/python311.dll"
check "no test stand-in (icuuc.dll, mscms.dll, bcryptprimitives.dll) in the shipped folder" \
  bash -c "! find '$WIN_DIST' -iname icuuc.dll -o -iname mscms.dll -o -iname bcryptprimitives.dll | grep -q ."
check "third-party notices and the LGPL-3 text in the folder" \
  test -f "$WIN_DIST/THIRD-PARTY-NOTICES.txt" -a -f "$WIN_DIST/licenses/LGPL-3.txt" -a -f "$WIN_DIST/licenses/python/LICENSE.txt"

check "version and publisher in the file properties of gik-editor.exe, gik-editor-cli.exe and the installer" \
  python3 - "$WIN_PYTHON/Lib/site-packages" "$WIN_DIST/gik-editor.exe" "$CLI" "$SETUP" <<'EOF'
import runpy, sys
sys.path.append(sys.argv[1])                  # pefile, from the Windows Python's packages (pure Python)
import pefile
version = runpy.run_path("gik_editor/version.py")
for exe in sys.argv[2:]:
    strings = {}
    for info in getattr(pefile.PE(exe), "FileInfo", []):
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    if (strings.get("ProductName"), strings.get("ProductVersion"), strings.get("CompanyName")) != \
            ("政府信息公开年报编辑器", version["VERSION"], version["PUBLISHER"]):
        sys.exit(f"{exe}: {strings}")
EOF

# --- 2. the command line ---
# WIN_LOCALE picks Wine's code page: zh_CN → 936 (GBK), en_US (the default) → 1252 (Western).
out=$(wine_run "$CLI" --version 2>&1 | tr -d '\r')
check "--version says 政府信息公开年报编辑器 $VERSION ($out)" test "$out" = "政府信息公开年报编辑器 $VERSION"

WIN_LOCALE=zh_CN.UTF-8 wine_run "$CLI" validate "$(winpath "$SAMPLE")" > "$WORK/validate-936.txt" 2>&1
code=$?
check "validate, code page 936, through a pipe: exit 0 (got $code)" test "$code" = 0
check "  … its output is Chinese in GBK: 0个错误" grep -q "0个错误" <(iconv -f GBK -t UTF-8 "$WORK/validate-936.txt")

wine_run "$CLI" validate "$(winpath "$SAMPLE")" > "$WORK/validate-1252.txt" 2>&1
code=$?
check "validate, code page 1252, through a pipe: exit 0, no UnicodeEncodeError (got $code)" test "$code" = 0
check "  … its output is UTF-8 Chinese: 0个错误" grep -q "0个错误" "$WORK/validate-1252.txt"

# Redirected into a file by cmd (a .bat script's `> 结果.txt`), Western code page.
wine_run cmd /c "$(winpath "$CLI") validate $(winpath "$SAMPLE") > $(winpath "$WORK/redirected.txt") 2>&1"
code=$?
check "validate redirected into a file by cmd, code page 1252: exit 0 (got $code)" test "$code" = 0
check "  … the file holds 0个错误 in UTF-8" grep -q "0个错误" "$WORK/redirected.txt"

printf '\377 not a report' > "$WORK/年报/坏文件.gik"
wine_run "$CLI" validate "$(winpath "$WORK/年报/坏文件.gik")" > "$WORK/broken.txt" 2>&1
code=$?
check "an unusable file: exit 2 (got $code)" test "$code" = 2
check "  … a Chinese message, no traceback" bash -c "grep -q '^错误：' '$WORK/broken.txt' && ! grep -q Traceback '$WORK/broken.txt'"

wine_run "$CLI" validate "$(winpath "$SAMPLE")" --json > "$WORK/validate.json" 2>/dev/null
check "validate --json: 0 errors" python3 -c "import json,sys; sys.exit(json.load(open('$WORK/validate.json'))['errors'] != 0)"

base="$WORK/年报/洪合镇年报"
wine_run "$CLI" export "$(winpath "$SAMPLE")" --pdf "$(winpath "$base.pdf")" --xlsx "$(winpath "$base.xlsx")" \
  --docx "$(winpath "$base.docx")" --html "$(winpath "$base.html")" > "$WORK/export.txt" 2>&1
code=$?
check "export --pdf --xlsx --docx --html: exit 0 (got $code)" test "$code" = 0
check "  … the PDF has the title and 槜美洪合 (pdftotext)" python3 - "$base.pdf" <<'EOF'
import subprocess, sys
text = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True, check=True).stdout.replace("\n", "")
sys.exit(not ("洪合镇2020年度政府信息公开工作年度报告" in text and "槜美洪合" in text))
EOF
check "  … the PDF embeds its fonts" bash -c "pdffonts '$base.pdf' | tail -n +3 | awk '{print \$(NF-4)}' | grep -q yes && ! pdffonts '$base.pdf' | tail -n +3 | awk '{print \$(NF-4)}' | grep -qx no"
check "  … openpyxl opens the workbook and finds 洪合镇" python3 - "$base.xlsx" <<'EOF'
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sys.exit(not any("洪合镇" in str(c.value) for s in book for row in s.iter_rows() for c in row if c.value))
EOF
check "  … python-docx opens the document and finds the title" python3 - "$base.docx" <<'EOF'
import sys, docx
text = "".join(p.text for p in docx.Document(sys.argv[1]).paragraphs).replace("\n", "")   # a title may break
sys.exit("洪合镇2020年度政府信息公开工作年度报告" not in text)
EOF
check "  … the web page has the title" grep -q "<title>洪合镇2020年度政府信息公开工作年度报告</title>" "$base.html"

# The PDF import (pdfplumber, pdfminer with its CMaps, cryptography) is in the folder: the exported PDF
# and Word document come back as reports whose tables equal the sample's.
for kind in pdf docx; do
  wine_run "$CLI" import "$(winpath "$base.$kind")" -o "$(winpath "$WORK/back-$kind.gik")" > "$WORK/import-$kind.txt" 2>&1
  code=$?
  check "import of the exported .$kind: exit 0 (got $code)" test "$code" = 0
  check "  … its tables equal the sample's" python3 -c "
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
sys.exit(a['values'] != b['values'])" "$SAMPLE" "$WORK/back-$kind.gik"
done

# --- 3. the window ---
# The Wine session of the command-line runs above has no display; a window opened while it lingers
# (wineserver stays a few seconds) would go to that session and never appear. Start a new one.
stop_wine
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$WORK/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$WORK/display")"
wine_run "$WIN_DIST/gik-editor.exe" "$(winpath "$SAMPLE")" > "$WORK/window.log" 2>&1 &
window=""
# xwininfo prints a Chinese title only in a UTF-8 locale (CI may have none set); a first start in a
# new prefix on a loaded machine can take a minute.
for _ in $(seq 360); do
  window=$(LC_ALL=C.UTF-8 xwininfo -root -tree 2>/dev/null | grep '"洪合镇年报.gik — 政府信息公开年报编辑器"' | awk '{print $1}' | head -1)
  [ -n "$window" ] && break
  sleep 0.5
done
check "gik-editor.exe shows the sample's window, titled with its file name" test -n "$window"
[ -n "$window" ] || LC_ALL=C.UTF-8 xwininfo -root -tree 2>/dev/null | grep -a 'gik-editor.exe' | head -5
if [ -n "$window" ]; then
  sleep 3                                 # the report is read and drawn after the window shows
  mkdir -p build/smoke
  import -window "$window" build/smoke/windows-window.png
  check "  … the screenshot build/smoke/windows-window.png is a drawn window, not blank" python3 - build/smoke/windows-window.png <<'EOF'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("L")
dark = sum(img.histogram()[:110])        # text, lines, icons
print(f"     {img.size[0]}×{img.size[1]}, {dark} dark pixels")
sys.exit(not (img.size[0] >= 800 and dark > 5000))
EOF
fi
stop_wine
check "  … no traceback from the window" bash -c "! grep -q Traceback '$WORK/window.log'"

# --- 4. the installer ---
user=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
profile="$WINEPREFIX/drive_c/users/$user"
installed="$profile/AppData/Local/Programs/gik-editor"
WIN_LOCALE=zh_CN.UTF-8 wine_run "$SETUP" /S > "$WORK/setup.log" 2>&1
code=$?
check "setup.exe /S (current user, no admin rights asked): exit 0 (got $code)" test "$code" = 0
check "  … installed into %LOCALAPPDATA%\\Programs\\gik-editor" test -f "$installed/gik-editor.exe" -a -f "$installed/uninstall.exe"
check "  … Start-menu and desktop shortcuts" \
  test -f "$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/政府信息公开年报编辑器.lnk" -a -f "$profile/Desktop/政府信息公开年报编辑器.lnk"
wine_run reg export 'HKCU\Software\Classes' "$(winpath "$WORK/classes.reg")" /y >/dev/null 2>&1
check "  … .gik opens in the installed editor with its icon" python3 - "$WORK/classes.reg" <<'EOF'
import sys
reg = open(sys.argv[1], encoding="utf-16").read()
sys.exit(not ('[HKEY_CURRENT_USER\\Software\\Classes\\.gik]\n@="GikEditor.Report"' in reg
              and 'gik-editor\\\\gik-editor.exe\\" \\"%1\\""' in reg and "gik-editor.ico" in reg))
EOF
wine_run "$installed/gik-editor-cli.exe" validate "$(winpath "$SAMPLE")" > "$WORK/installed.txt" 2>&1
code=$?
check "the installed program validates the sample: exit 0 (got $code)" bash -c "test $code = 0 && grep -q 0个错误 '$WORK/installed.txt'"

cp "$SAMPLE" "$profile/Documents/我的年报.gik"
cp "$SAMPLE" "$installed/放在程序文件夹里的年报.gik"
wine_run "$installed/uninstall.exe" /S > "$WORK/uninstall.log" 2>&1
# The uninstaller copies itself away and returns at once: wait for it.
for _ in $(seq 120); do [ -e "$installed/gik-editor.exe" ] || [ -e "$installed/_internal" ] || break; sleep 0.5; done
HOME="$WIN_HOME" wineserver -w
check "uninstall.exe /S removes the program" \
  bash -c "test ! -e '$installed/gik-editor.exe' -a ! -e '$installed/_internal' -a ! -e '$installed/uninstall.exe'"
check "  … and its shortcuts" test ! -e "$profile/Desktop/政府信息公开年报编辑器.lnk"
check "  … and the file type" bash -c "! wine reg query 'HKCU\\Software\\Classes\\GikEditor.Report' </dev/null >/dev/null 2>&1"
check "  … and leaves the user's reports (Documents, and one saved in the program's folder)" \
  test -f "$profile/Documents/我的年报.gik" -a -f "$installed/放在程序文件夹里的年报.gik"
rm -f "$profile/Documents/我的年报.gik"
rm -rf "$installed"

# The administrator's choice: for all users (Wine runs everything as administrator, so no UAC prompt here).
everyone="$WINEPREFIX/drive_c/Program Files/gik-editor"
wine_run "$SETUP" /S /AllUsers > "$WORK/setup-all.log" 2>&1
code=$?
check "setup.exe /S /AllUsers: exit 0 (got $code), into Program Files" test "$code" = 0 -a -f "$everyone/gik-editor.exe"
check "  … shortcut in the Start menu of all users" \
  test -f "$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/政府信息公开年报编辑器.lnk"
check "  … .gik associated for all users (HKLM)" \
  bash -c "wine reg query 'HKLM\\Software\\Classes\\.gik' </dev/null 2>/dev/null | grep -q GikEditor.Report"
wine_run "$everyone/uninstall.exe" /S /AllUsers > "$WORK/uninstall-all.log" 2>&1
for _ in $(seq 120); do [ -e "$everyone/gik-editor.exe" ] || break; sleep 0.5; done
HOME="$WIN_HOME" wineserver -w
check "  … and uninstalls again" bash -c "test ! -e '$everyone/gik-editor.exe' && ! wine reg query 'HKLM\\Software\\Classes\\GikEditor.Report' </dev/null >/dev/null 2>&1"

echo "Windows smoke test: $failures failure(s), $(( $(date +%s) - started )) s."
[ "$failures" = 0 ]
