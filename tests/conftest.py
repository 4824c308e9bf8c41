import os
import sys
from pathlib import Path

# pytest-qt aborts without a display; every GUI test runs offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # shared helpers such as strategies.py

import pytest  # noqa: E402

SAMPLE_GIK = ROOT / "examples" / "honghe-2020.gik"
SAMPLE_TXT = ROOT / "tests" / "data" / "honghe-2020.txt"


@pytest.fixture
def sample():
    from gik_editor import storage
    return storage.load(SAMPLE_GIK)
