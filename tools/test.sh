#!/usr/bin/env bash
# Install what the tests need on a fresh machine, then run the whole suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: poppler (pdftotext/pdffonts/pdftoppm), LibreOffice Calc (formula oracle),
# a full-coverage TrueType CJK face, and the xcb libraries a real Qt window needs.
apt_packages=(poppler-utils libreoffice-calc-nogui fonts-wqy-microhei fonts-arphic-uming
              libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libegl1 libxkbcommon0 xvfb)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m pip install -q -e ".[test]"
export QT_QPA_PLATFORM=offscreen
exec python3 -m pytest -q "$@"
