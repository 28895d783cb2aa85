"""Cadangkan… and Pulihkan… dialogs of the main window.

``backup_dialog(parent, db_path)`` copies the open database (SQLite online
backup: safe while the app is in use) to a file the operator chooses, e.g. a
flash disk. ``restore_dialog(parent, db_path, before_restore=None)`` lists the
automatic backups, lets the operator choose one (or any backup file) and
replaces the database with it after confirmation; the current file is backed
up first. The caller must close its database connections before the file is
replaced (pass ``before_restore``, e.g. ``ctx.db.close``) and reopen it when
True is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain import formatting as f
from skm_desktop.services.autobackup import backup_info, list_backups, restore_with_backup, unproven_backups
from skm_desktop.services.safety import backup_file, in_use_refusal
from skm_desktop.ui.messages import choose, tell
from skm_desktop.ui.parts import intro
from skm_desktop.ui.safety import describe_backup, is_good_backup

TITLE = "SKM Desktop"


def _message(parent, icon, text, info="") -> None:
    tell(parent, TITLE, text, icon=icon, info=info, name="cadanganMessage")


def _documents() -> Path:
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(loc) if loc else Path.home()


def _size(path: Path) -> str:
    try:
        kb = path.stat().st_size / 1024
    except OSError:
        return "–"
    return f"{f.angka(kb / 1024, 1)} MB" if kb >= 1024 else f"{f.angka(kb)} KB"


# ------------------------------------------------------------------ backup
class BackupDialog(QDialog):
    def __init__(self, db_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.result_path: Path | None = None
        self.setWindowTitle("Cadangkan data")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.addWidget(
            intro(
                "Salin seluruh basis data (semua unit, periode, dan kuesioner) ke sebuah berkas, "
                "misalnya di flashdisk. Aplikasi boleh tetap terbuka selama penyalinan."
            )
        )
        row = QHBoxLayout()
        row.addWidget(QLabel("Simpan ke:"))
        self.path_edit = QLineEdit(str(_documents() / f"SKM-cadangan-{dt.date.today():%Y-%m-%d}.db"))
        self.path_edit.setObjectName("tujuanEdit")
        row.addWidget(self.path_edit, 1)
        browse = QPushButton("Pilih lokasi…")
        browse.setObjectName("pilihLokasiButton")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        lay.addLayout(row)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Cadangkan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("cadangkanButton")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("batalButton")
        buttons.accepted.connect(self._do_backup)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Simpan cadangan", self.path_edit.text(), "Basis data SKM (*.db)")
        if name:
            self.path_edit.setText(name if name.lower().endswith(".db") else name + ".db")

    def _do_backup(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            _message(self, QMessageBox.Icon.Warning, "Tentukan berkas tujuan cadangan.")
            return
        out = Path(text)
        if out.suffix.lower() != ".db":
            out = out.with_name(out.name + ".db")
        if out.resolve() == self.db_path.resolve():
            _message(
                self,
                QMessageBox.Icon.Warning,
                "Berkas tujuan sama dengan basis data yang sedang dipakai.",
                "Pilih nama atau folder lain.",
            )
            return
        if out.is_dir():
            _message(self, QMessageBox.Icon.Warning, f"{out} adalah folder.", "Tulis juga nama berkasnya.")
            return
        if not out.parent.is_dir():
            _message(
                self,
                QMessageBox.Icon.Warning,
                f"Folder {out.parent} tidak ditemukan.",
                "Periksa apakah flashdisk sudah terpasang.",
            )
            return
        try:
            self.setCursor(Qt.CursorShape.WaitCursor)
            self.result_path = backup_file(self.db_path, out)
        except (OSError, Exception) as e:  # noqa: BLE001 — any failure is shown, nothing half-written stays
            self.unsetCursor()
            _message(self, QMessageBox.Icon.Critical, "Cadangan gagal dibuat.", f"{out}\n{e}")
            return
        self.unsetCursor()
        info = backup_info(self.result_path)
        holds = f"Berisi {f.angka(info.respondents)} kuesioner dalam {f.angka(info.periods)} periode." if info else ""
        _message(
            self,
            QMessageBox.Icon.Information,
            "Cadangan berhasil dibuat.",
            f"{self.result_path}\nUkuran {_size(self.result_path)}. {holds}",
        )
        self.accept()


def backup_dialog(parent: QWidget | None, db_path: Path | str) -> Path | None:
    """Ask where to write a backup and write it. Returns the file written, or None."""
    dlg = BackupDialog(db_path, parent)
    dlg.exec()
    return dlg.result_path


# ------------------------------------------------------------------ restore
class RestoreDialog(QDialog):
    def __init__(
        self,
        db_path: Path | str,
        backup_dir: Path | str,
        parent: QWidget | None = None,
        before_restore: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.backup_dir = Path(backup_dir)
        self.before_restore = before_restore
        self.restored = False
        self.setWindowTitle("Pulihkan data dari cadangan")
        self.resize(720, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(
            intro(
                "Pilih cadangan yang akan dipulihkan. Isi basis data sekarang akan diganti dengan isi "
                "cadangan; sebelum itu basis data sekarang disalin dulu ke folder cadangan, sehingga "
                "pemulihan dapat dibatalkan kemudian."
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("cadanganTable")
        self.table.setHorizontalHeaderLabels(["Waktu cadangan", "Jenis", "Isi", "Ukuran"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemDoubleClicked.connect(lambda _item: self._restore_selected())
        lay.addWidget(self.table, 1)
        self.empty_label = QLabel("Belum ada cadangan otomatis di folder cadangan:\n" + str(self.backup_dir))
        self.empty_label.setWordWrap(True)
        lay.addWidget(self.empty_label)
        old = unproven_backups(self.backup_dir, self.db_path)
        self.unproven_label = QLabel(
            f"{len(old)} cadangan lama bernama '{self.db_path.stem}' dibuat oleh versi sebelumnya dan tidak "
            "mencatat basis data asalnya, sehingga tidak ditampilkan di sini. Bila Anda yakin salah satunya "
            'milik basis data ini, pilih lewat "Pilih berkas lain…".'
        )
        self.unproven_label.setObjectName("cadanganLamaLabel")
        self.unproven_label.setWordWrap(True)
        self.unproven_label.setVisible(bool(old))
        lay.addWidget(self.unproven_label)
        folder = QLabel(f"Folder cadangan: {self.backup_dir}")
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(folder)
        buttons = QHBoxLayout()
        other = QPushButton("Pilih berkas lain…")
        other.setObjectName("pilihBerkasButton")
        other.clicked.connect(self._choose_file)
        buttons.addWidget(other)
        buttons.addStretch(1)
        self.restore_button = QPushButton("Pulihkan")
        self.restore_button.setObjectName("pulihkanButton")
        self.restore_button.clicked.connect(self._restore_selected)
        buttons.addWidget(self.restore_button)
        close = QPushButton("Tutup")
        close.setObjectName("tutupButton")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self._fill()

    def _fill(self) -> None:
        self.entries = [e for e in list_backups(self.backup_dir, db_path=self.db_path)]
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            info = backup_info(e.path)
            holds = f"{f.angka(info.respondents)} kuesioner" if info else "tidak terbaca"
            for c, text in enumerate((describe_backup(e).split(" (")[0], e.reason_label, holds, _size(e.path))):
                item = QTableWidgetItem(text)
                if c in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if self.entries:
            self.table.selectRow(0)
        self.empty_label.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))
        self.restore_button.setEnabled(bool(self.entries))

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Pilih berkas cadangan", str(self.backup_dir), "Basis data SKM (*.db *.sqlite);;Semua berkas (*)"
        )
        if name:
            self.restore_from(Path(name))

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            _message(self, QMessageBox.Icon.Warning, "Pilih dulu cadangan yang akan dipulihkan.")
            return
        self.restore_from(self.entries[rows[0].row()].path)

    def restore_from(self, backup: Path) -> bool:
        if backup.resolve() == self.db_path.resolve():
            _message(self, QMessageBox.Icon.Warning, "Berkas itu adalah basis data yang sedang dipakai.")
            return False
        if not is_good_backup(backup):
            _message(
                self,
                QMessageBox.Icon.Critical,
                "Berkas ini bukan cadangan SKM yang utuh.",
                f"{backup}\nPilih cadangan lain.",
            )
            return False
        info = backup_info(backup)
        answer = choose(
            self,
            TITLE,
            "Pulihkan data dari cadangan ini?",
            [("Pulihkan", "yaPulihkanButton")],
            cancel=("Batal", "batalButton"),
            name="konfirmasiPulihkan",
            info=f"{backup.name}\n"
            + (f"Berisi {f.angka(info.respondents)} kuesioner dalam {f.angka(info.periods)} periode.\n" if info else "")
            + "Kuesioner yang dimasukkan setelah cadangan ini dibuat tidak ada di dalamnya. "
            "Basis data sekarang disalin dulu ke folder cadangan.",
        )
        if answer is None:
            return False
        refusal = in_use_refusal(self.db_path)  # asked before our own connections are closed
        if refusal:
            _message(self, QMessageBox.Icon.Warning, "Pemulihan ditolak; basis data tidak diubah.", refusal)
            return False
        try:
            if self.before_restore is not None:
                self.before_restore()
            saved = restore_with_backup(backup, self.db_path, self.backup_dir)
        except Exception as e:  # noqa: BLE001
            _message(self, QMessageBox.Icon.Critical, "Pemulihan gagal; basis data tidak diubah.", str(e))
            return False
        self.restored = True
        _message(
            self,
            QMessageBox.Icon.Information,
            "Data berhasil dipulihkan.",
            f"Dari: {backup.name}" + (f"\nBasis data sebelumnya disimpan sebagai: {saved.name}" if saved else ""),
        )
        self.accept()
        return True


def restore_dialog(
    parent: QWidget | None,
    db_path: Path | str,
    before_restore: Callable[[], None] | None = None,
    backup_dir: Path | str | None = None,
) -> bool:
    """Let the operator restore a backup over ``db_path``. True when the file was replaced
    (the caller then reopens the database)."""
    if backup_dir is None:
        from skm_desktop.ui.app_paths import backup_dir as default_dir

        backup_dir = default_dir()
    dlg = RestoreDialog(db_path, backup_dir, parent, before_restore)
    dlg.exec()
    return dlg.restored
