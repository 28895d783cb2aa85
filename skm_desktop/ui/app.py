"""Start of the GUI: ``skm-desktop [--db PATH] [--kiosk]`` calls :func:`run`."""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from skm_desktop import palette
from skm_desktop.paths import resources_dir
from skm_desktop.services.safety import Database, DatabaseError, ExternalChanges, has_unit, is_server_url, open_for

from .app_paths import APP_NAME, ORG_NAME

log = logging.getLogger(__name__)
STYLE = resources_dir() / "styles" / "skm.qss"  # source tree or frozen bundle
POLL_MS = 1500  # how often the operator app looks for forms stored by the kiosk or a CLI import


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    if not getattr(app, "_skm_translator", None):
        tr = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if tr.load("qtbase_id", folder):  # should a Qt build ever ship one
            app.installTranslator(tr)
        elif tr.load(str(resources_dir() / "translations" / "qt_id.qm")):  # build/make_qt_translation.py
            app.installTranslator(tr)
        app._skm_translator = tr
    apply_style(app)
    return app


STYLE_MAX_BYTES = 256 * 1024  # the bundled sheet is a few kB; anything larger is not ours


def apply_style(app: QApplication) -> None:
    """The one application sheet (skm.qss with its @colours from skm_desktop.palette).
    A missing, oversized or broken sheet is logged and the app runs in Qt's own look."""
    try:
        if STYLE.stat().st_size > STYLE_MAX_BYTES:
            log.warning("lembar gaya %s terlalu besar; tampilan bawaan Qt dipakai", STYLE)
            return
        app.setStyleSheet(palette.fill_qss(STYLE.read_text(encoding="utf-8")))
    except OSError:
        log.warning("lembar gaya %s tidak ditemukan", STYLE)
    except (UnicodeDecodeError, ValueError) as e:
        log.warning("lembar gaya %s tidak dapat dipakai: %s", STYLE, e)


def as_target(path: Path | str) -> Path | str:
    """A file path, or a server address kept as text (Path() would fold its '//')."""
    return str(path).strip() if is_server_url(str(path)) else Path(path)


def open_db(path: Path | str, parent: QWidget | None = None, program: str = "operator") -> Database | None:
    """Open with the safety net (integrity check, offer of a backup) when it is there.
    ``program`` "operator" also takes the operator lock (a second operator app is refused)."""
    if _has("skm_desktop.ui.safety"):
        from skm_desktop.ui.safety import open_database_interactive

        return open_database_interactive(path, parent, program=program)
    try:
        return open_for(path, program)
    except DatabaseError as e:
        QMessageBox.critical(parent, "SKM Desktop", f"Basis data tidak dapat dibuka.\n\n{e}")
        return None


def watch_external_changes(db: Database, ctx, parent) -> QTimer | None:
    """Every POLL_MS ask the database whether another program (kiosk, CLI import) changed it,
    and tell the pages through ``ctx`` (setupChanged and/or dataChanged)."""
    try:
        changes = ExternalChanges(db)
    except Exception:  # noqa: BLE001 - the app works without it (pages refresh on their own saves)
        log.exception("pemantauan perubahan basis data tidak dapat disiapkan")
        return None

    def poll() -> None:
        kind = changes.poll()
        if kind == "setup":
            ctx.setupChanged.emit()
        if kind is not None:
            ctx.dataChanged.emit()

    timer = QTimer(parent)
    timer.setObjectName("externalChangesTimer")
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    timer.start()
    timer._skm_changes = changes
    return timer


def ensure_unit(db: Database, parent: QWidget | None = None) -> bool:
    """A database without a unit gets the first-start wizard. False: the operator cancelled."""
    if has_unit(db):
        return True
    if not _has("skm_desktop.ui.wizard"):
        QMessageBox.information(
            parent,
            "SKM Desktop",
            "Basis data ini belum memiliki unit pelayanan. Impor data atau isi demo "
            "terlebih dahulu (skm-desktop demo --db BERKAS).",
        )
        return False
    from skm_desktop.ui.wizard import SetupWizard

    wiz = SetupWizard(db, parent)
    return bool(wiz.exec()) and has_unit(db)


class Launcher:
    """Owns the open database and its main window; switches files on request."""

    def __init__(self, app: QApplication, operator: str | None = None) -> None:
        self.app = app
        self.window = None
        self.db: Database | None = None
        self.operator = operator

    def open(self, path: Path | str) -> bool:
        from .main_window import MainWindow, ask_operator

        path = as_target(path)
        db = open_db(path, self.window)
        if db is None:
            return False
        if db.peringatan:  # e.g. a SQLite file on a network share: it opens, with a warning
            QMessageBox.warning(self.window, "SKM Desktop", db.peringatan)
        if not ensure_unit(db, self.window):
            db.close()
            return False
        if self.operator is None:
            self.operator = ask_operator(self.window)
        old_window, old_db = self.window, self.db
        win = MainWindow(db, self.operator)
        if _has("skm_desktop.services.autobackup") and not db.is_server:  # a server is backed up on the server
            from skm_desktop.services.autobackup import AutoBackup

            from .app_paths import backup_dir

            try:
                win.autobackup = AutoBackup(db.path, backup_dir())
            except Exception:
                log.exception("cadangan otomatis tidak dapat disiapkan")
        win.databaseRequested.connect(self._switch)
        win.external_changes = watch_external_changes(db, win.ctx, win)
        self.window, self.db = win, db
        if old_window is not None:
            self.operator = old_window.ctx.operator
            old_window.close()
            old_window.deleteLater()
        if old_db is not None and old_db is not db:
            old_db.close()
        screen = self.app.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        if avail is not None and (avail.width() < 1500 or avail.height() < 860):
            win.showMaximized()  # 1366x768 laptops: every pixel for the grid
        else:
            win.resize(
                min(1680, avail.width() * 9 // 10) if avail else 1366,
                min(1000, avail.height() * 9 // 10) if avail else 740,
            )
            win.show()
        return True

    def _switch(self, path: str) -> None:
        if self.db is not None and self.db.is_server:
            same = str(path).strip() == self.db.label
        else:
            same = (
                self.db is not None
                and not is_server_url(str(path))
                and Path(path).resolve() == Path(self.db.path).resolve()
            )
        if same:  # restored over the open file: reopen it
            self.db.close()
            self.db = None
        self.open(path)


def run(db_path: str | None, kiosk: bool = False) -> int:
    app = make_application()
    if _has("skm_desktop.ui.safety"):
        from skm_desktop.ui.safety import install_exception_hook

        try:
            install_exception_hook()
        except Exception:
            log.exception("penangan galat tidak dapat dipasang")
    from .app_paths import default_database

    path = as_target(db_path) if db_path else default_database()
    if kiosk:
        db = open_db(path, program="kiosk")
        if db is None:
            return 1
        from skm_desktop.ui.kiosk import start_kiosk

        app._skm_kiosk = start_kiosk(db)
        code = app.exec()
        db.close()
        return code
    launcher = Launcher(app)
    if not launcher.open(path):
        return 1
    app._skm_launcher = launcher
    code = app.exec()
    if launcher.window is not None:
        launcher.window.deleteLater()
        launcher.window = None
    if launcher.db is not None:
        launcher.db.close()
    del app._skm_launcher
    return code
