"""A child process that reads, checks and writes one hostile input at a time, under a time and memory limit.

The fuzz tests cannot run a reader in-process: a hang inside one C call (int() of a hundred-million-digit
Decimal, a quadratic regex) never returns to Python, so no signal handler runs, and memory it takes is
the test runner's. The worker runs with RLIMIT_AS; the parent waits SECONDS per input, and a worker
that does not answer in time (a hang) or dies (memory, a crash) fails the test with the input named.

GIK_FUZZ_TARGET=/path/to/another/checkout points the worker at other code (to see the tests fail on the
code from before a fix).
"""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 10                      # per input; every input takes well under a second when nothing is wrong
MEMORY = 1536 * 1024 * 1024       # address space of the worker (about 250 MB is used after the imports)

WORKER = r"""
import io, json, os, resource, sys, traceback
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
from pathlib import Path
from gik_editor import storage
from gik_editor.importers import read_any
from gik_editor.rules import check

def write_everything(report, out):
    # Every writer a user can reach from a report they opened: the workbooks, Word, PDF, the web page.
    from gik_editor.exporters import docx, findings, html, pdf, xlsx
    from gik_editor.batch import result_for
    from gik_editor.batch_xlsx import write_summary
    xlsx.export(report, out / "r.xlsx")
    docx.export(report, out / "r.docx")
    html.export(report, out / "r.html")
    pdf.export(report, out / "r.pdf")
    findings.export(report, out / "f.xlsx")
    write_summary([result_for(report, report.meta.organ_name)], out / "b.xlsx")

# Warm up before the clock runs: imports, fonts and templates are loaded once, not inside the first input's limit.
import tempfile
write_everything(storage.load(Path("examples") / "honghe-2020.gik"), Path(tempfile.mkdtemp()))
print("ready", flush=True)
for line in sys.stdin:
    job = json.loads(line)
    path, out = Path(job["path"]), Path(job["out"])
    try:
        if job["op"] == "gik":
            report = storage.load(path)
        else:
            report = read_any(path).report
        check(report)
        if job.get("write"):
            write_everything(report, out)
        answer = {{"outcome": "ok"}}
    except storage.GikFileError as e:
        answer = {{"outcome": "refused", "message": str(e)}}
    except BaseException:
        answer = {{"outcome": "crash", "error": traceback.format_exc()[-3000:]}}
    print(json.dumps(answer), flush=True)
"""


class Broken(AssertionError):
    """What the fuzzer found: a crash, a hang or a death, with the input it was given."""


class Sandbox:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None
        self.target = os.environ.get("GIK_FUZZ_TARGET", str(ROOT))
        self.tally: dict[str, dict[str, int]] = {}     # suffix → outcome → inputs (printed by the tests)

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKER.format(memory=MEMORY)], cwd=self.target, text=True, bufsize=1,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": self.target, "QT_QPA_PLATFORM": "offscreen"})
        if self._readline(300) != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def _readline(self, seconds: float) -> str | None:
        ready, _, _ = select.select([self.proc.stdout], [], [], seconds)
        if not ready:
            return None
        return self.proc.stdout.readline().strip()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc.stdin.close()
            self.proc.stdout.close()
            self.proc = None

    def run(self, data: bytes, suffix: str, write: bool = False) -> str:
        """'ok' or 'refused'; raises Broken (with the input saved next to the tests' temp files) otherwise."""
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        path = self.workdir / f"input{suffix}"
        path.write_bytes(data)
        out = self.workdir / "out"
        out.mkdir(exist_ok=True)
        op = "gik" if suffix == ".gik" else "import"
        self.proc.stdin.write(json.dumps({"op": op, "path": str(path), "out": str(out), "write": write}) + "\n")
        self.proc.stdin.flush()
        line = self._readline(SECONDS)
        if not line:
            hung = self.proc.poll() is None
            self.stop()
            kept = self.workdir / f"broken{suffix}"
            kept.write_bytes(data)
            what = f"no answer within {SECONDS} s" if hung else "the worker died (memory limit or crash)"
            raise Broken(f"{what} on {len(data)} bytes of {suffix} (kept as {kept}): {data[:300]!r}")
        answer = json.loads(line)
        if answer["outcome"] == "crash":
            raise Broken(f"crash on {suffix} input {data[:300]!r}:\n{answer['error']}")
        if answer["outcome"] == "refused":
            assert answer["message"].strip()
        counts = self.tally.setdefault(suffix, {"ok": 0, "refused": 0})
        counts[answer["outcome"]] += 1
        return answer["outcome"]
