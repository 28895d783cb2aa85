import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# commands run by the tests log into a temporary folder, not the user's data folder
if "SKM_DESKTOP_LOG_DIR" not in os.environ:
    import tempfile
    os.environ["SKM_DESKTOP_LOG_DIR"] = tempfile.mkdtemp(prefix="skm-test-log-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SPEC = ROOT.parent / "shared" / "spec"

# PySide6 6.12 on CPython < 3.12 takes a reference from True on every emit() of a
# Python-declared Signal; a long test session would abort ("bool_dealloc").
from skm_desktop.ui.app import guard_pyside_refcounts  # noqa: E402

guard_pyside_refcounts()


@pytest.fixture
def db(tmp_path):
    from skm_desktop.storage.database import open_database
    d = open_database(tmp_path / "skm.db")
    yield d
    d.close()


@pytest.fixture
def std_set():
    from skm_desktop.services.forms import standard_unsur_set
    return standard_unsur_set()
