"""Opening the database safely from the GUI, and never dying silently.

- :func:`open_database_interactive` opens a database file; when the integrity
  check finds it damaged it is never written to: the operator is offered the
  newest good backup (the damaged file is kept aside, renamed, before anything
  is restored).
- :func:`install_exception_hook` turns any unexpected error into a friendly
  Indonesian dialog that names the log file, and logs the traceback.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from skm_desktop.domain.tanggal import format_display_waktu
from skm_desktop.logs import current_log_file, setup_logging
from skm_desktop.services import safety as svc
from skm_desktop.services.safety import BackupEntry, Database

log = logging.getLogger(__name__)
TITLE = "SKM Desktop"
is_good_backup = svc.is_good_backup
restore_damaged = svc.restore_damaged


# ------------------------------------------------------------------ backups
def _default_backup_dir() -> Path:
    from skm_desktop.ui.app_paths import backup_dir

    return backup_dir()


def newest_good_backup(db_path: Path, backup_dir: Path | None = None) -> BackupEntry | None:
    """The newest backup of ``db_path`` that passes the integrity check."""
    return svc.newest_good_backup(db_path, backup_dir if backup_dir is not None else _default_backup_dir())


def describe_backup(e: BackupEntry) -> str:
    return f"{format_display_waktu(e.taken)} ({e.reason_label})"


# ------------------------------------------------------------------ dialogs
def _box(parent, icon, text: str, informative: str = "") -> QMessageBox:
    box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    box.setObjectName("safetyMessage")
    return box


def _error(parent, text: str, informative: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Critical, text, informative)
    ok = box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
    ok.setObjectName("tutupButton")
    box.exec()


def open_database_interactive(
    path: Path | str, parent: QWidget | None = None, backup_dir: Path | str | None = None, program: str = "operator"
) -> Database | None:
    """Open ``path`` for ``program`` (services.safety.open_for); on damage offer the newest
    good backup. Returns None when the operator gives up or another operator app holds the
    file (a message has then been shown)."""
    path = str(path).strip() if svc.is_server_url(str(path)) else Path(path)
    folder = Path(backup_dir) if backup_dir is not None else _default_backup_dir()
    try:
        return svc.open_for(path, program)
    except svc.DatabaseInUse as e:
        log.warning("sedang dipakai: %s", e)
        _error(parent, "Basis data ini sedang dipakai program lain.", str(e))
        return None
    except svc.DamagedDatabase as e:
        log.error("integritas gagal: %s", e)  # SQLite's own (English) wording stays in the log
        return _offer_restore(
            path,
            folder,
            program,
            f"Berkas: {path}\nPemeriksaan keutuhan (integrity check) gagal: "
            "sebagian isi berkas tidak terbaca, misalnya karena listrik padam "
            "atau media penyimpanan bermasalah.",
            parent,
        )
    except (svc.NotSkmDatabase, svc.NewerDatabase) as e:
        log.error("tidak dapat dibuka: %s", e)
        _error(parent, "Berkas ini tidak dapat dibuka.", str(e))
        return None
    except svc.DatabaseError as e:
        log.error("tidak dapat dibuka: %s", e)
        _error(parent, "Basis data tidak dapat dibuka.", str(e))
        return None


def _offer_restore(path: Path, folder: Path, program: str, problem: str, parent) -> Database | None:
    while True:
        good = newest_good_backup(path, folder)
        box = _box(
            parent,
            QMessageBox.Icon.Warning,
            "Basis data rusak dan tidak akan diubah.",
            problem
            + "\n\n"
            + (
                f"Cadangan utuh terbaru: {describe_backup(good)}.\n"
                "Memulihkan akan mengganti isi basis data dengan cadangan itu; kuesioner yang "
                "dimasukkan setelah waktu cadangan perlu dimasukkan ulang. Berkas yang rusak "
                "disimpan dengan nama lain, tidak dihapus."
                if good
                else "Tidak ada cadangan otomatis yang utuh di folder cadangan. "
                "Anda dapat memilih berkas cadangan sendiri."
            ),
        )
        restore_btn = None
        if good:
            restore_btn = box.addButton("Pulihkan cadangan terbaru", QMessageBox.ButtonRole.AcceptRole)
            restore_btn.setObjectName("pulihkanTerbaruButton")
        choose_btn = box.addButton("Pilih berkas cadangan…", QMessageBox.ButtonRole.ActionRole)
        choose_btn.setObjectName("pilihCadanganButton")
        cancel_btn = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
        cancel_btn.setObjectName("batalButton")
        box.setDefaultButton(restore_btn or choose_btn)
        box.exec()
        clicked = box.clickedButton()
        if clicked is None or clicked is cancel_btn:
            return None
        if clicked is restore_btn:
            chosen = good.path
        else:
            name, _ = QFileDialog.getOpenFileName(
                parent, "Pilih berkas cadangan", str(folder), "Basis data SKM (*.db *.sqlite);;Semua berkas (*)"
            )
            if not name:
                continue
            chosen = Path(name)
            if not is_good_backup(chosen):
                _error(parent, "Berkas yang dipilih bukan cadangan SKM yang utuh.", str(chosen))
                continue
        try:
            aside = svc.restore_damaged(path, chosen)
            db = svc.open_for(path, program)
        except (OSError, svc.DatabaseError) as e:
            log.exception("pemulihan gagal")
            _error(parent, "Pemulihan gagal.", str(e))
            return None
        done = _box(
            parent,
            QMessageBox.Icon.Information,
            "Basis data dipulihkan dari cadangan.",
            f"Cadangan: {chosen.name}\nBerkas yang rusak disimpan sebagai: {aside}",
        )
        done.addButton("OK", QMessageBox.ButtonRole.AcceptRole).setObjectName("okButton")
        done.exec()
        return db


# ------------------------------------------------------------------ crashes
_showing = threading.Lock()


def error_message(log_path: Path | None) -> tuple[str, str]:
    where = (
        f"Catatan teknis kesalahan ini disimpan di:\n{log_path}\n"
        "Kirimkan berkas tersebut kepada petugas TI bila masalah berulang."
    )
    if log_path is None:
        where = "Catatan teknis tidak dapat disimpan (folder log tidak dapat ditulis)."
    return (
        "Terjadi kesalahan yang tidak terduga.",
        "Kuesioner yang sudah tersimpan tetap aman. Bila layar tampak tidak wajar, simpan pekerjaan "
        "Anda lalu tutup dan buka kembali aplikasi.\n\n" + where,
    )


def show_unexpected_error(exc_type, exc, tb) -> None:
    log_path = current_log_file()
    logging.getLogger("skm_desktop").error("kesalahan tak terduga", exc_info=(exc_type, exc, tb))
    text, info = error_message(log_path)
    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        print(f"{text}\n{info}", file=sys.stderr)
        return
    if not _showing.acquire(blocking=False):
        return  # one dialog at a time; the rest are in the log
    try:
        box = _box(QApplication.activeWindow(), QMessageBox.Icon.Critical, text, info)
        box.setObjectName("unexpectedErrorDialog")
        box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole).setObjectName("tutupButton")
        box.exec()
    except Exception:  # the dialog itself failed: at least say it on stderr
        print(f"{text}\n{info}", file=sys.stderr)
    finally:
        _showing.release()


def _excepthook(exc_type, exc, tb):
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    show_unexpected_error(exc_type, exc, tb)


def _thread_hook(args):
    show_unexpected_error(args.exc_type, args.exc_value, args.exc_traceback)


_fault_file = None


def install_exception_hook(log_folder: Path | str | None = None) -> Path | None:
    """Log to the data folder and route unexpected errors to a friendly dialog.
    Returns the log file path."""
    global _fault_file
    if log_folder is None:
        from skm_desktop.ui.app_paths import log_dir

        log_folder = log_dir()
    path = setup_logging(log_folder)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
    if path is not None and _fault_file is None:
        try:  # hard crashes (segfault in a driver) still leave a trace next to the log
            _fault_file = open(path.with_name("crash.log"), "a", encoding="utf-8")
            faulthandler.enable(_fault_file)
        except OSError:
            _fault_file = None
    return path
