"""Finding shipped files (fonts, icons, the sample) from source and from the pyinstaller bundle."""
from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """The project root from source; the bundle's data folder when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. resource_path("fonts", "wqy-microhei.ttc")."""
    return base_dir().joinpath("resources", *parts)


def user_guide_path() -> Path:
    """The user guide (docs/user-guide.md; its pictures are beside it in docs/screenshots/)."""
    return base_dir() / "docs" / "user-guide.md"


def sample_path() -> Path:
    """The bundled sample report (examples/honghe-2020.gik)."""
    return base_dir() / "examples" / "honghe-2020.gik"
