#!/usr/bin/env bash
# Build the one-folder Linux program dist/gik-editor/ from build.spec (docs/packaging.md).
#   bash tools/build.sh            build (reuses dist/gik-editor/ when nothing that goes into it changed)
#   bash tools/build.sh --force    build even so
# Needs the build extra: pip install -e ".[build]"
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import PyInstaller" 2>/dev/null; then
  echo "需要 PyInstaller：python3 -m pip install -e \".[build]\"" >&2
  exit 2
fi

# One build at a time in this tree: a second caller waits, then finds the folder up to date.
mkdir -p build
exec 9>build/build.lock
flock 9

stamp_file=dist/gik-editor.stamp
stamp=$(python3 packaging/source_stamp.py)
if [ "${1:-}" != "--force" ] && [ -x dist/gik-editor/gik-editor ] && [ -f "$stamp_file" ] \
   && [ "$(cat "$stamp_file")" = "$stamp" ]; then
  echo "dist/gik-editor/ is up to date ($(du -sh dist/gik-editor | cut -f1))."
  exit 0
fi

rm -f "$stamp_file"
# A fresh work folder, and PyInstaller's cache of processed binaries kept in this tree: the shared
# one under ~/.cache is emptied by any other build run with --clean, which then breaks this one.
rm -rf build/pyinstaller
PYINSTALLER_CONFIG_DIR="$PWD/build/pyinstaller-cache" python3 -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller build.spec
# What the IT person needs next to the program on Kylin/UOS: menu entry, .gik file type, installer.
cp packaging/linux/install.sh packaging/linux/gik-editor.desktop packaging/linux/gik-editor-mime.xml dist/gik-editor/
# The third-party notices and licences of what the folder carries (this Python, its libraries, and the
# system libraries PyInstaller took from this machine's Debian packages).
python_licence=$(python3 -c 'import pathlib, sys, sysconfig
own = pathlib.Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
print(own if own.is_file() else f"/usr/share/doc/python3.{sys.version_info[1]}/copyright")')
python3 packaging/collect_licenses.py "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
  dist/gik-editor --python-licence "$python_licence" --python "Python $(python3 -c 'import platform; print(platform.python_version())')" \
  $(command -v dpkg >/dev/null && echo --debian-root /) \
  $(python3 -c 'import sys; print("--python-prefix " + sys.prefix if sys.prefix != "/usr" else "")')
echo "$stamp" > "$stamp_file"
echo "Built dist/gik-editor/ ($(du -sh dist/gik-editor | cut -f1)): run dist/gik-editor/gik-editor"
