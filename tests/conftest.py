import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# commands run by the tests log into a temporary folder, not the user's data folder
if "SKM_DESKTOP_LOG_DIR" not in os.environ:
    import tempfile

    os.environ["SKM_DESKTOP_LOG_DIR"] = tempfile.mkdtemp(prefix="skm-test-log-")
# ... and keep their data (automatic backups, server queues) out of the user's data folder
if "SKM_TEST_KEEP_DATA_HOME" not in os.environ and sys.platform.startswith("linux"):
    import tempfile

    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="skm-test-data-")
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


# --------------------------------------------------------------------------- engines
# The storage, CLI, safety, quality and reports tests run on SQLite AND on a real
# PostgreSQL server (build/setup-test.sh starts one and exports SKM_TEST_PG_URL).
# A test that is about the SQLite file itself is marked ``@pytest.mark.sqlite_only``.
PG_TEST_DIRS = {"storage", "services", "cli", "safety", "quality", "reports"}
PG_URL_ENV = "SKM_TEST_PG_URL"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file; not run on PostgreSQL")


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    try:
        top = Path(str(metafunc.definition.path)).relative_to(ROOT / "tests").parts[0]
    except ValueError:
        top = ""
    both = top in PG_TEST_DIRS and metafunc.definition.get_closest_marker("sqlite_only") is None
    metafunc.parametrize("engine", ["sqlite", "postgresql"] if both else ["sqlite"])


class PgServer:
    """Fresh databases on the test server: copies of a template that already holds the
    current schema (CREATE DATABASE ... TEMPLATE: milliseconds), dropped after the test."""

    TEMPLATE = f"skm_test_tpl_{os.getpid()}"  # per test run: two runs on one server never collide

    def __init__(self, url: str):
        from skm_desktop.storage.server import parse_server_url

        self.server = parse_server_url(url)
        self.made: list[str] = []
        self._n = 0
        self._admin = None

    def admin(self):
        import psycopg

        if self._admin is None or self._admin.closed:
            s = self.server
            self._admin = psycopg.connect(
                host=s.host, port=s.port, user=s.user, dbname=s.database, autocommit=True, connect_timeout=10
            )
        return self._admin

    def url_for(self, name: str) -> str:
        s = self.server
        return f"postgresql://{s.user}@{s.host}:{s.port}/{name}"

    def _create(self, name: str, template: str) -> None:
        self.admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')

    def prepare(self) -> None:
        from skm_desktop.storage.database import open_database

        self._create(self.TEMPLATE, "template0")
        open_database(self.url_for(self.TEMPLATE)).close()

    def fresh(self, empty: bool = False) -> str:
        """The URL of a new database: with the SKM schema, or ``empty`` (no tables)."""
        self._n += 1
        name = f"skm_t{os.getpid()}_{self._n}"
        self._create(name, "template0" if empty else self.TEMPLATE)
        self.made.append(name)
        return self.url_for(name)

    def drop_all(self) -> None:
        while self.made:
            self.admin().execute(f'DROP DATABASE IF EXISTS "{self.made.pop()}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_server():
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.fail(
            f"{PG_URL_ENV} belum di-set: tes ini butuh server PostgreSQL sungguhan. Jalankan "
            "`bash build/setup-test.sh` (menyalakan server pengujian sementara), atau "
            "`bash build/pg-test-cluster.sh .venv/bin/python -m pytest ...`.",
            pytrace=False,
        )
    srv = PgServer(url)
    srv.prepare()
    yield srv
    srv.drop_all()
    srv.admin().execute(f'DROP DATABASE IF EXISTS "{PgServer.TEMPLATE}" WITH (FORCE)')
    srv.admin().close()


@pytest.fixture
def new_db(engine, tmp_path, request):
    """``new_db(name)`` -> what ``--db``/open_database take for a fresh database on this
    test's engine: ``tmp_path / name`` (SQLite) or a new server database's URL."""
    if engine == "sqlite":
        yield lambda name="skm.db", empty=False: tmp_path / name
        return
    srv = request.getfixturevalue("pg_server")
    made = []

    def make(name="skm.db", empty=False):
        made.append(srv.fresh(empty=empty))
        return made[-1]

    yield make
    srv.drop_all()


@pytest.fixture
def db_target(new_db):
    """One fresh database for the test (a path or a server URL)."""
    return new_db()


@pytest.fixture
def db(db_target):
    from skm_desktop.storage.database import open_database

    d = open_database(db_target)
    yield d
    d.close()


@pytest.fixture
def std_set():
    from skm_desktop.services.forms import standard_unsur_set

    return standard_unsur_set()


@pytest.fixture
def worked_answers():
    """The 5-respondent worked example of metode-skm.md (U8 blank for R4): IKM 3,502 → 87,55."""
    return [
        (4, 4, 3, 4, 3, 4, 4, 4, 4),
        (3, 3, 4, 4, 3, 4, 4, 4, 3),
        (4, 3, 3, 4, 4, 3, 4, 4, 4),
        (3, 4, 4, 3, 3, 4, 3, None, 3),
        (2, 3, 3, 4, 3, 3, 4, 3, 3),
    ]


# --------------------------------------------------------------------------- no test hangs on a dialog
STRAY_MODAL_S = 20  # a message box nobody answers for this long is a failing test, never a hung suite


@pytest.fixture(autouse=True)
def no_unanswered_modal(request):
    """GUI tests: a modal dialog left unanswered (a question the test did not expect) is
    closed after STRAY_MODAL_S seconds and the test fails, instead of the suite hanging."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

    request.getfixturevalue("qtbot")  # the QApplication exists
    stray: list[str] = []
    seen: dict[int, float] = {}

    def look() -> None:
        w = QApplication.activeModalWidget()
        if not isinstance(w, (QMessageBox, QInputDialog)):  # a question; progress dialogs may last
            seen.clear()
            return
        first = seen.setdefault(id(w), time.monotonic())
        if time.monotonic() - first > STRAY_MODAL_S:
            text = getattr(w, "text", lambda: "")()
            stray.append(f"{w.__class__.__name__} '{w.windowTitle()}': {text}"[:300])
            seen.pop(id(w), None)
            w.reject() if hasattr(w, "reject") else w.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(look)
    timer.start()
    yield
    timer.stop()
    assert not stray, f"a dialog was left unanswered for {STRAY_MODAL_S} s: {stray}"
