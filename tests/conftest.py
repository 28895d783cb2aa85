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



@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path_factory):
    """Every test's QSettings live in a temporary folder, never the user's."""
    from PySide6.QtCore import QSettings, QStandardPaths

    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    QSettings.setDefaultFormat(ini)
    QSettings.setPath(ini, user, str(tmp_path_factory.mktemp("pengaturan")))
    yield
    QSettings.setPath(ini, user, QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


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
