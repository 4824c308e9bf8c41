"""The program's version, written here only: pyproject.toml (dynamic version), build.spec (the Windows
program's file properties), `--version` and 帮助 → 关于 read it."""
VERSION = "0.1.0"
