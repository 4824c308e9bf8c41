"""Open a report with the 信创 folder inside the bullseye chroot, on this machine's virtual X screen,
and prove the window shows Chinese: its title names the report, and the screenshot has text drawn
(the chroot has no font at all, so every glyph comes from the shipped WenQuanYi face).

    python3 smoke_window.py CHROOT PROGRAM_IN_CHROOT REPORT_IN_CHROOT SCREENSHOT.png

The chroot shares the network namespace, so Qt reaches the X server over its abstract socket.
Exit 0 when the window showed, 1 with the reason otherwise.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xvfb_window import Xvfb, launch_until_shown, stop  # noqa: E402

# A window of only the empty widgets and frames has few dark pixels; the sample's text in the
# editor's tables and fields gives tens of thousands (measured: see docs/packaging.md).
MIN_DARK_PIXELS = 5000


def dark_pixels(png: Path) -> int:
    from PIL import Image
    return sum(Image.open(png).convert("L").histogram()[:96])


def main(argv: list[str]) -> int:
    root, program, report, shot = argv[0], argv[1], argv[2], Path(argv[3])
    shot.parent.mkdir(parents=True, exist_ok=True)
    with Xvfb(size="1920x1080") as screen:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/home/clerk", "DISPLAY": screen.display}
        cmd = ["chroot", root, "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in env.items()), program, report]
        launch = launch_until_shown(screen, cmd, timeout=90)
        try:
            time.sleep(2.0)                      # the report is read after the window shows
            window = next(w for w in screen.windows() if w.id == launch.window.id)
            screen.screenshot(window, shot)
            alive = launch.proc.poll() is None
        finally:
            out, err = stop(launch.proc)
    dark = dark_pixels(shot)
    print(f"window {window.width}x{window.height} “{window.title}” shown after {launch.seconds:.1f} s; "
          f"{dark} dark pixels in {shot}")
    problems = []
    if "洪合镇" not in window.title:
        problems.append(f"the title does not name the report: {window.title!r}")
    if dark < MIN_DARK_PIXELS:
        problems.append(f"only {dark} dark pixels: no text drawn")
    if not alive:
        problems.append("the editor quit by itself")
    if problems:
        print("\n".join(problems) + "\n" + err[-2000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
