#!/usr/bin/env bash
# Build the 信创 Linux program (UOS 统信 20, Kylin 麒麟 V10, Debian 10+; glibc >= 2.28) on a Debian 12
# machine as root, from nothing (docs/packaging.md, 信创):
#   dist/linux-compat/gik-editor/                  the one folder (copy + install.sh, as dist/gik-editor/)
#   dist/cn.gik-editor_<version>_amd64.deb         the UOS app-store layout under /opt/apps/cn.gik-editor/
#   dist/linux-compat-buildinfo.json               sizes, the highest GLIBC required, build time
#
#   sudo bash tools/build-linux-compat.sh          then: sudo bash tools/smoke-linux-compat.sh
#   COMPAT_XZ_LEVEL=6 sudo bash tools/build-linux-compat.sh    the smallest .deb (xz -6: minutes longer)
#
# It builds inside a Debian bullseye chroot (the oldest Debian still served) with CPython 3.11
# compiled there so that it needs no glibc newer than 2.28, and PySide6 6.9.3, the last release
# whose wheels are manylinux_2_28. The debootstrap tarball, the compiled CPython and the wheels are
# kept in build/linux-compat/cache/, so a second run takes a fraction of the first.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/linux-compat-lib.sh
compat_require_root
started=$(date +%s)

PYSIDE=6.9.3
PY_VERSION=3.11.2
# Debian 12's own python3.11 source (the upstream release, unpatched); checked before use.
PY_ORIG=python3.11_${PY_VERSION}.orig.tar.gz
PY_ORIG_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
case "$COMPAT_ARCH" in
  amd64) PIP_ARCH=x86_64; OLD_LIBM=GLIBC_2.2.5 ;;
  arm64) PIP_ARCH=aarch64; OLD_LIBM=GLIBC_2.17 ;;
  *) compat_die "不支持的架构 $COMPAT_ARCH" ;;
esac
# What the build chroot needs: a C compiler for CPython, objdump for the slimming, and the system
# libraries Qt's xcb platform links, which PyInstaller copies into the folder.
BUILD_PACKAGES="gcc make libc6-dev binutils ca-certificates zlib1g-dev libffi-dev libssl-dev libbz2-dev liblzma-dev \
libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 \
libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-xkb1 libxcb-util1 libxkbcommon-x11-0 libx11-xcb1 libdbus-1-3 \
libfontconfig1 libglib2.0-0 libgl1 libegl1"
# Left to the PC (every UOS/Kylin desktop has them): the bullseye builds of these need glibc 2.29/2.30.
LEFT_TO_PC="libpng16.so.16 libsystemd.so.0"

VERSION=$(sed -n 's/^VERSION = "\(.*\)"/\1/p' gik_editor/version.py)
# amd64 is the main target; another architecture builds beside it.
OUT_DIR=dist/linux-compat; [ "$COMPAT_ARCH" = amd64 ] || OUT_DIR=dist/linux-compat-$COMPAT_ARCH
OUT=$OUT_DIR/gik-editor
DEB=dist/${COMPAT_APPID}_${VERSION}_${COMPAT_ARCH}.deb
BUILDINFO=dist/linux-compat-buildinfo.json; [ "$COMPAT_ARCH" = amd64 ] || BUILDINFO=dist/linux-compat-$COMPAT_ARCH-buildinfo.json
ROOT=$COMPAT_WORK/build-root-$COMPAT_ARCH
CACHE=$COMPAT_WORK/cache
trap 'compat_cleanup' EXIT
trap 'exit 130' INT TERM

compat_host_apt debootstrap binutils curl ca-certificates python3 python3-pip dpkg-dev xz-utils
mkdir -p "$CACHE" dist
# a failed run must not leave the previous run's package and figures looking current
rm -f "$DEB" "$BUILDINFO"

# 1. The build chroot: bullseye + compiler + the libraries to bundle.
compat_say "build chroot"
compat_make_root "$ROOT" "$BUILD_PACKAGES"
compat_mount "$ROOT"

# 2. CPython 3.11 built against glibc 2.28's symbol versions (cached as a tarball of /opt/python3.11).
#    glibc 2.29 gave exp, exp2, log, log2 and pow new versions; binding them to the old ones keeps
#    the interpreter loadable on 2.28. sem_clockwait is new in 2.30: configure is told it is absent.
python_tar=$CACHE/python-$PY_VERSION-$COMPAT_ARCH-glibc$GLIBC_MAX.tar
if [ ! -f "$python_tar" ]; then
  if [ ! -f "$CACHE/$PY_ORIG" ]; then
    compat_say "download $PY_ORIG"
    curl -fsSL -o "$CACHE/$PY_ORIG.part" "$COMPAT_MIRROR/pool/main/p/python3.11/$PY_ORIG"
    mv "$CACHE/$PY_ORIG.part" "$CACHE/$PY_ORIG"
  fi
  echo "$PY_ORIG_SHA256  $CACHE/$PY_ORIG" | sha256sum -c --quiet - || compat_die "$PY_ORIG 校验和不符"
  cp "$CACHE/$PY_ORIG" "$ROOT/tmp/python.tar.gz"
  {
    for fn in exp exp2 log log2 pow; do echo "__asm__(\".symver $fn,$fn@$OLD_LIBM\");"; done
  } > "$ROOT/tmp/old-libm.h"
  compat_say "compile CPython $PY_VERSION in the chroot (about 2-4 minutes)"
  flock /tmp/gik-heavy.lock chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root sh -ec '
    cd /tmp && rm -rf Python-* && tar xzf python.tar.gz && cd Python-*
    ./configure -q --prefix=/opt/python3.11 --enable-shared --with-ensurepip=install \
      CFLAGS="-include /tmp/old-libm.h" LDFLAGS="-Wl,-rpath,/opt/python3.11/lib" ac_cv_func_sem_clockwait=no
    make -s -j"$(nproc)" >/tmp/python-make.log 2>&1 || { tail -30 /tmp/python-make.log; exit 1; }
    make -s altinstall >/tmp/python-install.log 2>&1 || { tail -30 /tmp/python-install.log; exit 1; }
    rm -rf /tmp/Python-* /tmp/python.tar.gz' >"$COMPAT_WORK/python-build.log" 2>&1 \
    || { tail -30 "$COMPAT_WORK/python-build.log" >&2; compat_die "CPython 编译失败（见 $COMPAT_WORK/python-build.log）"; }
  tar -C "$ROOT" -cf "$python_tar.part" opt/python3.11 && mv "$python_tar.part" "$python_tar"
else
  tar -C "$ROOT" -xf "$python_tar"
fi

# 3. The wheels, fetched on this machine for the target (manylinux_2_28 and older tags only), from
#    pyproject.toml's own list with PySide6 pinned to the last release that runs on glibc 2.28
#    (its QtPdf is in PySide6-Addons; there is no PySide6-Pdf 6.9).
requirements=$("$HOST_PY" - "$PYSIDE" <<'EOF'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
pyside = sys.argv[1]
wanted = [d for d in project["dependencies"] if not d.lower().startswith("pyside6")]
wanted += [f"PySide6-Essentials=={pyside}", f"PySide6-Addons=={pyside}"]
wanted += project["optional-dependencies"]["build"]
print("\n".join(wanted))
EOF
)
printf '%s\n' "$requirements" > "$ROOT/tmp/requirements.txt"
wheels=$CACHE/wheels-$COMPAT_ARCH
key=$(sha256sum < "$ROOT/tmp/requirements.txt" | cut -c1-12)
if [ ! -f "$wheels/.complete-$key" ]; then
  compat_say "download wheels for manylinux_2_28_$PIP_ARCH"
  platforms=()
  for minor in $(seq 28 -1 17); do platforms+=(--platform "manylinux_2_${minor}_$PIP_ARCH"); done
  platforms+=(--platform "manylinux2014_$PIP_ARCH")
  [ "$PIP_ARCH" = x86_64 ] && platforms+=(--platform manylinux2010_x86_64 --platform manylinux1_x86_64)
  rm -rf "$wheels" && mkdir -p "$wheels"
  "$HOST_PY" -m pip download -q --only-binary=:all: "${platforms[@]}" --python-version 3.11 --implementation cp \
    --abi cp311 --abi abi3 --abi none -d "$wheels" -r "$ROOT/tmp/requirements.txt" >"$COMPAT_WORK/pip-download.log" 2>&1 \
    || { grep -v '^WARNING: Location' "$COMPAT_WORK/pip-download.log" | tail -20 >&2; compat_die "下载 Python 包失败"; }
  touch "$wheels/.complete-$key"
fi
mkdir -p "$ROOT/tmp/wheels"
cp -al "$wheels"/*.whl "$ROOT/tmp/wheels/" 2>/dev/null || cp "$wheels"/*.whl "$ROOT/tmp/wheels/"
compat_say "pip install in the chroot"
compat_in_root "$ROOT" /opt/python3.11/bin/python3.11 -m pip install -q --no-index --find-links /tmp/wheels \
  --disable-pip-version-check -r /tmp/requirements.txt >"$COMPAT_WORK/pip.log" 2>&1 \
  || { tail -20 "$COMPAT_WORK/pip.log" >&2; compat_die "chroot 中 pip install 失败"; }

# 4. The folder, built by the unchanged build.spec from this tree's files.
compat_say "PyInstaller in the chroot"
rm -rf "$ROOT/src" && mkdir -p "$ROOT/src"
if git rev-parse --git-dir >/dev/null 2>&1; then
  git ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$ROOT/src" -xf -
else
  tar --exclude=./build --exclude=./dist --exclude=./.git -cf - . | tar -C "$ROOT/src" -xf -
fi
flock /tmp/gik-heavy.lock chroot "$ROOT" /usr/bin/env -i PATH=/opt/python3.11/bin:/usr/bin:/bin HOME=/root \
  LANG=C.UTF-8 PYINSTALLER_CONFIG_DIR=/src/build/pyinstaller-cache sh -ec '
  cd /src && python3.11 -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec' \
  >"$COMPAT_WORK/pyinstaller.log" 2>&1 \
  || { tail -30 "$COMPAT_WORK/pyinstaller.log" >&2; compat_die "PyInstaller 失败（见 $COMPAT_WORK/pyinstaller.log）"; }
rm -rf "$OUT_DIR" && mkdir -p "$OUT_DIR"
cp -a "$ROOT/src/dist/gik-editor" "$OUT"
for lib in $LEFT_TO_PC; do rm -f "$OUT/_internal/$lib"*; done
cp packaging/linux/install.sh packaging/linux/gik-editor.desktop packaging/linux/gik-editor-mime.xml "$OUT/"

compat_say "the folder is built; licences, glibc check, .deb"
# 5. Third-party notices beside the program: the licences of everything in the folder.
"$HOST_PY" packaging/collect_licenses.py "$ROOT/opt/python3.11/lib/python3.11/site-packages" "$OUT" \
  --python-licence "$ROOT/opt/python3.11/lib/python3.11/LICENSE.txt" \
  --python "Python 3.11 (CPython, compiled from Debian 12's python3.11 source)" --debian-root "$ROOT" \
  --python-prefix "$ROOT/opt/python3.11" --requirements "$ROOT/tmp/requirements.txt" \
  || compat_die "许可证收集失败"

# 6. The glibc floor: every ELF file of the folder, the build fails above GLIBC_MAX.
"$HOST_PY" packaging/linux-compat/glibc_floor.py "$OUT" --max "$GLIBC_MAX" --json > "$COMPAT_WORK/glibc.json" || {
  "$HOST_PY" packaging/linux-compat/glibc_floor.py "$OUT" --max "$GLIBC_MAX" >&2 || true
  compat_die "文件夹需要比 glibc $GLIBC_MAX 更新的系统"
}
compat_umount "$ROOT"

# 7. The .deb in the UOS app-store layout.
compat_say "dpkg-deb (xz)"
"$HOST_PY" packaging/linux-compat/make_deb.py "$OUT" "$DEB" --appid "$COMPAT_APPID" --version "$VERSION" \
  --arch "$COMPAT_ARCH" --work "$COMPAT_WORK/deb" --xz-level "${COMPAT_XZ_LEVEL:-1}" || compat_die ".deb 打包失败"

# 8. What was built, for CI and benchmarks/RESULTS.md.
"$HOST_PY" - "$OUT" "$DEB" "$COMPAT_WORK/glibc.json" "$(( $(date +%s) - started ))" "$PYSIDE" "$COMPAT_ARCH" "$BUILDINFO" <<'EOF'
import json, os, sys
folder, deb, glibc, seconds, pyside, arch, name = sys.argv[1:]
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs
           if not os.path.islink(os.path.join(d, f)))
floor = json.load(open(glibc))
info = {"arch": arch, "folder": folder, "folder_bytes": size, "deb": deb, "deb_bytes": os.path.getsize(deb),
        "highest_glibc": floor["highest_glibc"], "elf_files": floor["elf_files"], "pyside6": pyside,
        "build_seconds": int(seconds)}
json.dump(info, open(name, "w"), indent=2)
print(json.dumps(info, indent=2))
EOF
compat_say "built $OUT and $DEB in $(( $(date +%s) - started )) s; smoke test: sudo bash tools/smoke-linux-compat.sh"
