import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SPEC = ROOT.parent / "shared" / "spec"


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
