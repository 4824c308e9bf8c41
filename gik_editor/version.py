"""The program's version, written here only: pyproject.toml (dynamic version), build.spec (the Windows
program's file properties), the Windows installer, `--version` and 帮助 → 关于 read it."""
VERSION = "0.1.0"
# The publisher named in the Windows program's file properties and in its installer (控制面板 → 程序).
PUBLISHER = "政府信息公开年报编辑器开发组"
