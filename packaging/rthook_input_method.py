"""Runs first in the frozen program on Linux (build.spec runtime_hooks): route 拼音 input to fcitx5.

A fcitx5 desktop (UOS, newer Kylin) sets QT_IM_MODULE=fcitx, asking Qt for fcitx5's own plugin.
The system's copy of that plugin is built against the system's Qt and cannot load into the bundled
one (it uses Qt's private API: "undefined symbol … Qt_6_PRIVATE_API"), so Qt would silently fall back
to plain keys. fcitx5 also serves the IBus portal on the session bus, which the bundled IBus plugin
speaks: use that instead, unless the IT person put a matching fcitx plugin beside the program
(docs/packaging.md). IBus desktops are left as they are.
"""
import os
import sys


def _route_fcitx_to_ibus_portal() -> None:
    if not sys.platform.startswith("linux"):
        return
    requested = os.environ.get("QT_IM_MODULE", "")
    fcitx_session = requested in ("fcitx", "fcitx5") or (not requested and "fcitx" in os.environ.get("XMODIFIERS", ""))
    if not fcitx_session:
        return
    beside = os.path.join(os.path.dirname(sys.executable), "platforminputcontexts")
    if os.path.isdir(beside) and any("fcitx" in name for name in os.listdir(beside)):
        return
    os.environ["QT_IM_MODULE"] = "ibus"
    os.environ.setdefault("IBUS_USE_PORTAL", "1")


_route_fcitx_to_ibus_portal()
