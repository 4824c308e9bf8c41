#!/usr/bin/env bash
# Smoke test of what tools/build-linux-compat.sh made, as root on the Debian 12 build machine; exits
# non-zero on the first failure (docs/packaging.md, 信创):
#   - every ELF file of dist/linux-compat/gik-editor/ needs glibc <= 2.28;
#   - in a clean bullseye chroot (no compiler, no Python, no font; only what a desktop PC has) the
#     folder runs validate and export --pdf --xlsx on the sample and opens it in a window (this
#     machine's Xvfb; screenshot build/smoke/compat-window.png);
#   - the .deb installs there with apt-get, its /usr/bin/gik-editor runs validate, its menu entry
#     and .gik type are registered, and apt-get remove --purge leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/linux-compat-lib.sh
compat_require_root
started=$(date +%s)

VERSION=$(sed -n 's/^VERSION = "\(.*\)"/\1/p' gik_editor/version.py)
OUT_DIR=dist/linux-compat; [ "$COMPAT_ARCH" = amd64 ] || OUT_DIR=dist/linux-compat-$COMPAT_ARCH
FOLDER=$OUT_DIR/gik-editor
DEB=dist/${COMPAT_APPID}_${VERSION}_${COMPAT_ARCH}.deb
ROOT=$COMPAT_WORK/smoke-root-$COMPAT_ARCH
SHOTS=build/smoke
# A desktop PC's share of the folder's needs (the .deb's Depends) plus the two database tools the
# package's scripts call; deliberately no font, no Python, no compiler.
SMOKE_PACKAGES="libgl1 libegl1 libxcb1 libpng16-16 fontconfig-config xkb-data shared-mime-info desktop-file-utils"
APP=/opt/apps/$COMPAT_APPID
trap 'compat_cleanup' EXIT
trap 'exit 130' INT TERM

fail() { printf '失败：%s\n' "$*" >&2; exit 1; }
ok() { printf 'ok   %s\n' "$*"; }
[ -x "$FOLDER/gik-editor" ] || compat_die "没有 $FOLDER：先运行 sudo bash tools/build-linux-compat.sh"
[ -f "$DEB" ] || compat_die "没有 $DEB：先运行 sudo bash tools/build-linux-compat.sh"
compat_host_apt debootstrap binutils python3 python3-pil xvfb x11-utils poppler-utils

# 1. glibc floor over every ELF file
"$HOST_PY" packaging/linux-compat/glibc_floor.py "$FOLDER" --max "$GLIBC_MAX" || fail "需要比 glibc $GLIBC_MAX 更新的系统"
ok "highest GLIBC <= $GLIBC_MAX"

# 2. the folder in a clean chroot
compat_make_root "$ROOT" "$SMOKE_PACKAGES"
compat_mount "$ROOT"
[ ! -e "$ROOT/usr/bin/python3" ] && [ ! -e "$ROOT/usr/bin/gcc" ] || fail "smoke chroot is not clean"
mkdir -p "$ROOT/opt/test" "$ROOT/home/clerk" "$ROOT/tmp/年报 2020" "$SHOTS"
cp -a "$FOLDER" "$ROOT/opt/test/gik-editor"
REPORT="/tmp/年报 2020/洪合镇年报.gik"
cp examples/honghe-2020.gik "$ROOT$REPORT"
# An office PC: no locale, no Python, a user without settings.
as_clerk() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/clerk "$@"; }

out=$(as_clerk /opt/test/gik-editor/gik-editor --version) || fail "--version"
[ "$out" = "政府信息公开年报编辑器 $VERSION" ] || fail "--version printed: $out"
set +e; out=$(as_clerk /opt/test/gik-editor/gik-editor validate "$REPORT" 2>&1); rc=$?; set -e
[ $rc = 0 ] && grep -q "0个错误" <<<"$out" || fail "validate (exit $rc): $out"
ok "validate: $(grep -m1 '个错误' <<<"$out")"

set +e
out=$(as_clerk /opt/test/gik-editor/gik-editor export "$REPORT" --pdf /tmp/out.pdf --xlsx /tmp/out.xlsx 2>&1); rc=$?
set -e
[ $rc = 0 ] && grep -q "已导出PDF" <<<"$out" || fail "export (exit $rc): $out"
pdftotext "$ROOT/tmp/out.pdf" - | tr -d '\n' | grep -q "槜美洪合" || fail "PDF 中没有 槜美洪合"
pdffonts "$ROOT/tmp/out.pdf" | tail -n +3 | awk '$(NF-4) != "yes" {bad=1} END {exit bad}' || fail "PDF 字体未嵌入"
[ -s "$ROOT/tmp/out.xlsx" ] || fail "no workbook"
ok "export --pdf --xlsx: 槜美洪合 in the PDF, fonts embedded ($(stat -c %s "$ROOT/tmp/out.pdf") bytes)"

for source in /tmp/out.pdf /tmp/out.xlsx; do       # PDF import goes through pdfplumber/pypdfium2
  set +e; out=$(as_clerk /opt/test/gik-editor/gik-editor import "$source" -o "$source.gik" 2>&1); rc=$?; set -e
  [ $rc = 0 ] && grep -q "洪合镇" "$ROOT$source.gik" || fail "import $source (exit $rc): $out"
done
ok "import of the exported PDF and workbook"

broken="/tmp/坏文件.gik"; printf '\000\377 not a report' > "$ROOT$broken"
set +e; err=$(as_clerk /opt/test/gik-editor/gik-editor validate "$broken" 2>&1 >/dev/null); rc=$?; set -e
[ $rc = 2 ] && [[ $err == 错误：* ]] || fail "bad file: exit $rc, $err"
ok "a broken file: exit 2, $err"

"$HOST_PY" packaging/linux-compat/smoke_window.py "$ROOT" /opt/test/gik-editor/gik-editor "$REPORT" \
  "$SHOTS/compat-window.png" || fail "the window"
ok "window shown with Chinese text ($SHOTS/compat-window.png)"

# the folder copy's own installer (docs: 信创, folder copy), as root: /opt/gik-editor, then uninstalled
chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root sh /opt/test/gik-editor/install.sh \
  >/dev/null || fail "install.sh"
set +e; out=$(as_clerk /usr/local/bin/gik-editor validate "$REPORT" 2>&1); rc=$?; set -e
[ $rc = 0 ] && grep -q "0个错误" <<<"$out" || fail "gik-editor after install.sh (exit $rc): $out"
chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root sh /opt/gik-editor/install.sh --uninstall \
  >/dev/null || fail "install.sh --uninstall"
[ ! -e "$ROOT/opt/gik-editor" ] && [ ! -e "$ROOT/usr/share/applications/gik-editor.desktop" ] || fail "install.sh --uninstall left files"
ok "install.sh (folder copy) installs to /opt/gik-editor, runs, and uninstalls"

# 3. the .deb: install, run, registered, purge
cp "$DEB" "$ROOT/tmp/package.deb"
chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends /tmp/package.deb >"$COMPAT_WORK/smoke-apt-install.log" 2>&1 \
  || { tail -20 "$COMPAT_WORK/smoke-apt-install.log" >&2; fail "apt-get install ./$(basename "$DEB")"; }
for f in "$APP/info" "$APP/files/gik-editor" "$APP/entries/applications/$COMPAT_APPID.desktop" \
         "/usr/share/applications/$COMPAT_APPID.desktop" "/usr/share/icons/hicolor/256x256/apps/$COMPAT_APPID.png" \
         "/usr/share/doc/$COMPAT_APPID/copyright" "$APP/files/licenses/README.txt"; do
  chroot "$ROOT" test -e "$f" || fail "after install: no $f"     # links resolve inside the chroot
done
"$HOST_PY" -c "import json,sys; i=json.load(open(sys.argv[1])); assert i['appid']==sys.argv[2], i" \
  "$ROOT$APP/info" "$COMPAT_APPID" || fail "info"
as_clerk /usr/bin/desktop-file-validate "/usr/share/applications/$COMPAT_APPID.desktop" || fail "desktop-file-validate"
grep -q '\*\.gik' "$ROOT/usr/share/mime/globs2" || fail ".gik not in the MIME database"
grep -q "$COMPAT_APPID.desktop" "$ROOT/usr/share/applications/mimeinfo.cache" || fail "not in mimeinfo.cache"
set +e; out=$(as_clerk gik-editor validate "$REPORT" 2>&1); rc=$?; set -e
[ $rc = 0 ] && grep -q "0个错误" <<<"$out" || fail "installed gik-editor validate (exit $rc): $out"
ok "apt-get install: $APP, menu entry, *.gik type; gik-editor validate runs"

chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  apt-get remove --purge -y -q "$COMPAT_APPID" >"$COMPAT_WORK/smoke-apt-remove.log" 2>&1 \
  || { tail -20 "$COMPAT_WORK/smoke-apt-remove.log" >&2; fail "apt-get remove --purge"; }
left=$(cd "$ROOT" && find opt/apps usr/bin/gik-editor usr/share/doc/$COMPAT_APPID usr/share/applications \
        usr/share/icons usr/share/mime/packages -name "*$COMPAT_APPID*" -o -name gik-editor 2>/dev/null || true)
[ -z "$left" ] || fail "left after purge: $left"
! grep -q '\*\.gik' "$ROOT/usr/share/mime/globs2" || fail ".gik still in the MIME database"
ok "apt-get remove --purge: nothing left"

compat_cleanup
compat_remove_root "$ROOT"
echo "smoke test passed in $(( $(date +%s) - started )) s"
