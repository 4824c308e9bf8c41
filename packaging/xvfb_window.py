"""Run a bundled program on a virtual X screen and watch for its window, as a clerk's desktop would show it.

Used by tests/packaging/test_bundle.py (smoke test of dist/gik-editor/) and
benchmarks/bench_bundle.py (start-up time to the window shown). It goes through the real xcb
platform, so it also proves the bundle carries the xcb libraries Qt needs. Needs Xvfb and xwininfo
(Debian: xvfb, x11-utils) and Pillow for screenshots.
"""
from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# 0x200007 "洪合镇 2020年度 — 政府信息公开年报编辑器": ("gik-editor" "gik_editor")  1280x820+0+0  +0+0
_TREE_LINE = re.compile(r'^\s*(0x[0-9a-f]+) (?:"(.*)"|\(has no name\)): \((?:"([^"]*)" "[^"]*")?\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)')


@dataclass(frozen=True)
class Window:
    id: str
    title: str
    width: int
    height: int
    x: int
    y: int


class Xvfb:
    """A private X server on a free display number, stopped on exit."""

    def __init__(self, size: str = "1280x800") -> None:
        self.size = size
        self.display = ""
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> "Xvfb":
        read_end, write_end = os.pipe()
        # -displayfd: the server picks a free display itself and writes its number once it accepts clients.
        self._proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{self.size}x24",
                                       "-nolisten", "tcp", "-noreset"], pass_fds=(write_end,),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as f:
            number = f.readline().strip()
        if not number:
            self._proc.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(self, *exc) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=self.display, **extra)
        return env

    def windows(self) -> list[Window]:
        """The top-level windows that are mapped (shown) and belong to a program (have a WM_CLASS)."""
        out = subprocess.run(["xwininfo", "-root", "-children"], env=self.env(), capture_output=True,
                             text=True, errors="replace").stdout
        found = []
        for line in out.splitlines():
            m = _TREE_LINE.match(line)
            if not m or not m.group(3):
                continue
            wid, title, _cls, w, h, x, y = m.groups()
            if self._viewable(wid):
                found.append(Window(wid, title or "", int(w), int(h), int(x), int(y)))
        return found

    def _viewable(self, wid: str) -> bool:
        out = subprocess.run(["xwininfo", "-id", wid], env=self.env(), capture_output=True, text=True).stdout
        return "IsViewable" in out

    def screenshot(self, window: Window, path: Path) -> Path:
        from PIL import ImageGrab
        screen = ImageGrab.grab(xdisplay=self.display)
        w, h = screen.size
        box = (max(window.x, 0), max(window.y, 0), min(window.x + window.width, w), min(window.y + window.height, h))
        screen.crop(box).save(path)
        return path


@dataclass
class Launch:
    """A program whose first window is shown."""
    proc: subprocess.Popen
    window: Window
    seconds: float          # wall-clock time from launch to the window shown
    cpu_seconds: float      # processor time the program had used by then (steadier on a busy machine)


def _cpu_seconds(pid: int) -> float:
    """user + system time of a running process, from /proc (10 ms resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch_until_shown(xvfb: Xvfb, cmd: list[str], env: dict[str, str] | None = None,
                       timeout: float = 60) -> Launch:
    """Start `cmd` and wait until its first window is shown."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env or xvfb.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while time.perf_counter() - start < timeout:
        shown = xvfb.windows()
        if shown:
            seconds = time.perf_counter() - start
            return Launch(proc, shown[0], seconds, _cpu_seconds(proc.pid))
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before showing a window:\n"
                               f"{out.decode(errors='replace')}{err.decode(errors='replace')}")
        time.sleep(0.005)
    stop(proc)
    raise TimeoutError(f"{cmd[0]} showed no window within {timeout} s")


def stop(proc: subprocess.Popen) -> tuple[str, str]:
    """End a program started by launch_until_shown; its output."""
    if proc.poll() is None:
        proc.terminate()
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return out.decode(errors="replace"), err.decode(errors="replace")
