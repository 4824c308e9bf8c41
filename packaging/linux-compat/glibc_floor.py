"""The oldest glibc a folder of Linux programs runs on: the highest GLIBC_x.y symbol version that any
ELF file in it requires (objdump -T), so that the 信创 build can refuse a folder UOS 20 (glibc 2.28)
cannot start.

    python3 glibc_floor.py FOLDER [--max 2.28] [--json]

Exit 0 when every file is within --max, 1 with the offending files and symbols listed when not.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

# objdump -T: "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.29) exp" — only what the file
# needs from outside (*UND*); the versions a library defines itself are no requirement.
_NEEDED = re.compile(r"\*UND\*\s+\S+\s+\(?(GLIBC_(\d+)\.(\d+)(?:\.\d+)?)\)?\s+(\S+)")


def elf_files(folder: Path) -> list[Path]:
    """Every regular file under folder that starts with the ELF magic (programs, libraries, modules)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def required(path: Path) -> list[tuple[tuple[int, int], str]]:
    """((major, minor), symbol) for every glibc-versioned symbol the file needs."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    return [((int(m.group(2)), int(m.group(3))), m.group(4)) for m in map(_NEEDED.search, out.splitlines()) if m]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", default="2.28", help="the highest glibc allowed, e.g. 2.28")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    limit = tuple(int(p) for p in args.max.split("."))
    files = elf_files(args.folder)
    if not files:
        print(f"错误：{args.folder} 中没有 ELF 文件", file=sys.stderr)
        return 2
    highest, too_new = (0, 0), []
    for path in files:
        for version, symbol in required(path):
            highest = max(highest, version)
            if version > limit:
                too_new.append(f"{path.relative_to(args.folder)}: {symbol}@GLIBC_{version[0]}.{version[1]}")
    result = {"elf_files": len(files), "highest_glibc": f"{highest[0]}.{highest[1]}", "limit": args.max,
              "too_new": too_new}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{len(files)} ELF files; highest GLIBC required: {result['highest_glibc']} (limit {args.max})")
        for line in too_new:
            print("  too new: " + line)
    return 1 if too_new else 0


if __name__ == "__main__":
    sys.exit(main())
