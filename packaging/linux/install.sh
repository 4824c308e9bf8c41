#!/bin/sh
# 安装政府信息公开年报编辑器（麒麟、统信UOS、Debian 等）：把本文件夹复制到安装位置，
# 在开始菜单加入图标，并让 .gik 文件双击即用本程序打开。
#   以 root 运行（sudo sh install.sh）：装到 /opt/gik-editor，所有用户可用；
#   以普通用户运行：装到 ~/.local/opt/gik-editor，只有本用户可用。
#   卸载：sh install.sh --uninstall（用安装时的同一身份）。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
  PREFIX=/opt/gik-editor; SHARE=/usr/share; BIN=/usr/local/bin
else
  PREFIX="$HOME/.local/opt/gik-editor"; SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"; BIN="$HOME/.local/bin"
fi

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$SHARE/applications" >/dev/null 2>&1 || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$SHARE/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$PREFIX"
  rm -f "$BIN/gik-editor" "$SHARE/applications/gik-editor.desktop" \
        "$SHARE/icons/hicolor/256x256/apps/gik-editor.png" "$SHARE/mime/packages/gik-editor.xml"
  refresh
  echo "已卸载政府信息公开年报编辑器。"
  exit 0
fi

if [ "$HERE" != "$PREFIX" ]; then
  rm -rf "$PREFIX"
  mkdir -p "$(dirname "$PREFIX")"
  cp -a "$HERE" "$PREFIX"
fi
mkdir -p "$BIN" "$SHARE/applications" "$SHARE/icons/hicolor/256x256/apps" "$SHARE/mime/packages"
ln -sf "$PREFIX/gik-editor" "$BIN/gik-editor"
sed "s|@PREFIX@|$PREFIX|g" "$HERE/gik-editor.desktop" > "$SHARE/applications/gik-editor.desktop"
cp "$HERE/_internal/resources/icons/gik-editor.png" "$SHARE/icons/hicolor/256x256/apps/gik-editor.png"
cp "$HERE/gik-editor-mime.xml" "$SHARE/mime/packages/gik-editor.xml"
refresh
echo "已安装到 $PREFIX。开始菜单“办公”中可找到“政府信息公开年报编辑器”；命令行：gik-editor validate 文件.gik"
