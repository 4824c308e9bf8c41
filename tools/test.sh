#!/usr/bin/env bash
# Install what the tests need on a fresh machine, then run the whole suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: poppler (pdftotext/pdffonts/pdftoppm), LibreOffice Calc (formula oracle) and
# Writer (opens our .docx),
# a full-coverage TrueType CJK face, the xcb libraries a real Qt window needs (and that the
# bundle build copies in), Xvfb and x11-utils for the frozen-window test, binutils for
# pyinstaller's strip/objdump, and fcitx5 + xdotool for the 拼音 input test.
apt_packages=(poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui fonts-wqy-microhei fonts-arphic-uming
              libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
              libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libegl1
              xvfb x11-utils binutils fcitx5 fcitx5-chinese-addons xdotool dbus-daemon)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m pip install -q -e ".[test,build]"
# Lint and import order, then the type check (strict on the core): either failing stops the run.
python3 -m ruff check .
python3 -m mypy
export QT_QPA_PLATFORM=offscreen
exec python3 -m pytest -q "$@"
