"""Run every benchmark and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # a few minutes on 2 cores
    python benchmarks/run.py --bundle   # also build the pyinstaller bundle and time it

Each benchmarks/bench_*.py has `run() -> dict`; figures are medians of several
runs, and ratios compare against a reference measured in the same run.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# (module, what it measures) in the order of the report
SUITES = [
    ("bench_core", "核心：重算与检查、打开保存、批量检查"),
    ("bench_edit", "编辑：单元格修改到重绘"),
    ("bench_startup", "启动：显示窗口（对比空白 PySide6 窗口）"),
    ("bench_xlsx", "Excel 导出（对比 LibreOffice 转 PDF）"),
    ("bench_pdf", "PDF 导出（对比 LibreOffice 转 PDF）"),
    ("bench_import", "导入已发布的年报：网页、Word、文本、10页PDF；批量检查200个混合文件"),
    ("bench_rollup", "汇总下级单位报告：200个混合文件（导入所占比例）、1000个 .gik"),
]
BUNDLE = ("bench_bundle", "打包：体积与启动（对比最小 PySide6 程序）")

# metric → (limit, how the figure must compare) for the targets the issues set
TARGETS = {
    "cell_edit_recompute_ms": (1.0, "<"),
    "text_edit_recompute_ms": (1.0, "<"),
    "cell_edit_reviewed_recompute_ms": (1.0, "<"),
    "batch_s": (3.0, "<"),
    "cell_edit_repaint_ms": (16.0, "<"),
    "xlsx_export_sample_s": (0.3, "<"),
    "pdf_sample_export_s": (0.5, "<"),
    "pdf_full_2021_export_s": (0.5, "<"),
    "import_html_s": (0.1, "<="),
    "import_docx_s": (0.1, "<="),
    "import_txt_s": (0.1, "<="),
    "import_txt_spaces_s": (0.1, "<="),
    "import_pdf_10_pages_s": (0.5, "<="),
    "batch_200_mixed_s": (30.0, "<="),
    "rollup_200_mixed_s": (30.0, "<="),
    "rollup_1000_gik_s": (5.0, "<="),
    "bundle_mb": (160, "<="),
    "startup_ratio": (1.3, "<="),
    "peak_memory_ratio": (1.3, "<="),
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    try:
        import PySide6
        qt = f", PySide6 {PySide6.__version__}"
    except ImportError:
        qt = ""
    return f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; Python {platform.python_version()}{qt}"


def verdict(key: str, value) -> str:
    target = TARGETS.get(key)
    if target is None or not isinstance(value, (int, float)):
        return ""
    limit, op = target
    ok = value < limit if op == "<" else value <= limit
    return f"{'✔' if ok else '✘'} 目标 {op} {limit}"


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
    return str(value)


def package_lines(dist: Path) -> list[str]:
    """The office packages as their builds recorded them (dist/*-buildinfo.json, e.g. tools/build-windows.sh's
    folder and installer sizes and build time): built separately, so reported, not re-measured here."""
    lines = []
    for info in sorted(dist.glob("*-buildinfo.json")):
        built = time.strftime("%Y-%m-%d", time.localtime(info.stat().st_mtime))
        for key, value in json.loads(info.read_text(encoding="utf-8")).items():
            shown = f"{value / 1e6:.1f} MB" if key.endswith("_bytes") else fmt(value)
            lines.append(f"| `{info.name}` ({built}) | `{key}` | {shown} |")
    if not lines:
        return []
    return ["", "## Office packages (from their builds)", "", "| 构建记录 | 项 | 数值 |", "|---|---|---|", *lines]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", action="store_true", help="also build and time the pyinstaller bundle")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args(argv)
    suites = SUITES + ([BUNDLE] if args.bundle else [])
    rows, failures = [], []
    started = time.time()
    for name, what in suites:
        print(f"== {name}: {what}", flush=True)
        try:
            module = importlib.import_module(name)
            for key, value in module.run().items():
                print(f"   {key}: {fmt(value)}", flush=True)
                rows.append((what, key, value))
        except Exception:                           # one broken suite must not hide the others
            failures.append((name, traceback.format_exc(limit=3)))
            print(failures[-1][1], file=sys.stderr)
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `python benchmarks/run.py{' --bundle' if args.bundle else ''}` on "
        f"{time.strftime('%Y-%m-%d')} in {time.time() - started:.0f} s.",
        "",
        f"Machine: {machine()}.",
        "",
        "| 项目 | 指标 | 数值 | 目标 |",
        "|---|---|---|---|",
    ]
    lines += [f"| {what} | `{key}` | {fmt(value)} | {verdict(key, value)} |" for what, key, value in rows]
    lines += package_lines(HERE.parent / "dist")
    if failures:
        lines += ["", "## Suites that failed to run", ""]
        lines += [f"- `{name}`: `{tb.strip().splitlines()[-1]}`" for name, tb in failures]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
