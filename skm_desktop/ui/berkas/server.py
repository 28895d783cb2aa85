"""Berkas › Sambungkan ke server…, and backup/restore of a server database from the
operator app (a portable file this PC can open, restore or move)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.services import ServiceError
from skm_desktop.services.server import pgpass_path, save_password, server_url
from skm_desktop.ui.berkas.worker import run_in_background
from skm_desktop.ui.parts import dialog_buttons, intro, tuned


class ServerDialog(QDialog):
    """The fields of a server address; the password optionally into the user's pgpass file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle("Sambungkan ke server PostgreSQL")
        self.setMinimumWidth(480)
        self.url: str | None = None
        v = QVBoxLayout(self)
        v.addWidget(
            intro(
                "Basis data bersama untuk beberapa komputer (PC kios, PC operator, tim pengetik). "
                "Alamat dan nama pengguna didapat dari petugas TI yang menyiapkan server."
            )
        )
        self.host = tuned(QLineEdit(), "serverHost", placeholder="mis. 192.168.1.10")
        self.port = tuned(QSpinBox(), "serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = tuned(QLineEdit("skm"), "serverDatabase")
        self.user = tuned(QLineEdit("skm_operator"), "serverUser")
        self.password = tuned(QLineEdit(), "serverPassword", placeholder="kosongkan bila sudah tersimpan")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for label, field in (
            ("Alamat server:", self.host),
            ("Port:", self.port),
            ("Basis data:", self.database),
            ("Nama pengguna:", self.user),
            ("Kata sandi:", self.password),
        ):
            form.addRow(label, field)
        v.addLayout(form)
        self.remember = QCheckBox(f"Simpan kata sandi di berkas kata sandi PostgreSQL komputer ini\n({pgpass_path()})")
        self.remember.setObjectName("serverRemember")
        self.remember.setChecked(True)
        v.addWidget(self.remember)
        note = QLabel("Kata sandi tidak pernah disimpan di pengaturan SKM Desktop.")
        note.setProperty("role", "hint")
        v.addWidget(note)
        v.addWidget(dialog_buttons(self, "Sambungkan", "Batal"))

    def accept(self) -> None:
        try:
            url = server_url(self.host.text(), self.port.value(), self.database.text(), self.user.text())
            if self.password.text() and self.remember.isChecked():
                save_password(url, self.password.text())
        except ServiceError as e:
            QMessageBox.warning(self, self.windowTitle(), str(e))
            return
        self.url = url
        super().accept()


def connect_to_server(parent: QWidget | None) -> str | None:
    """The address the operator chose, or None."""
    dlg = ServerDialog(parent)
    return dlg.url if dlg.exec() == QDialog.DialogCode.Accepted else None


def backup_server(parent: QWidget | None, label: str) -> Path | None:
    """Copy the server database into a portable file the operator chooses."""
    from skm_desktop.services.pindah import backup_to_file

    stamp = dt.date.today().isoformat()  # a file name, sorted by date (not a date shown to a person)
    path, _ = QFileDialog.getSaveFileName(
        parent, "Cadangkan basis data server", str(Path.home() / f"cadangan-server-{stamp}.db"), "Basis data (*.db)"
    )
    if not path:
        return None
    out = Path(path) if Path(path).suffix else Path(path + ".db")
    report = _copy(
        parent, "Cadangkan", "Menyalin basis data dari server…", lambda: backup_to_file(label, out), "Cadangan gagal"
    )
    if report is None:
        return None
    QMessageBox.information(
        parent,
        "Cadangkan",
        f"Cadangan {report.respondents} responden dari server ditulis ke\n{out}\n\n"
        "Berkas ini dapat dibuka di komputer mana pun, atau dipulihkan ke server dengan Berkas › Pulihkan….",
    )
    return out


def restore_server(parent: QWidget | None, label: str) -> bool:
    """Replace the server database with a backup file, after saving its present content."""
    from skm_desktop.paths import user_data_dir
    from skm_desktop.services.pindah import restore_into_server

    path, _ = QFileDialog.getOpenFileName(
        parent, "Pulihkan basis data server dari cadangan", str(Path.home()), "Basis data (*.db);;Semua berkas (*)"
    )
    if not path:
        return False
    asked = QMessageBox.question(
        parent,
        "Pulihkan",
        f"Isi basis data di server ({label}) akan diganti dengan isi cadangan\n{path}\n\n"
        "Komputer lain yang sedang memakai server sebaiknya berhenti dulu. Isi server sekarang "
        "disalin dulu ke folder cadangan komputer ini. Lanjutkan?",
    )
    if asked != QMessageBox.StandardButton.Yes:
        return False
    saved = user_data_dir() / "cadangan" / f"server-sebelum-pemulihan-{dt.datetime.now():%Y%m%d-%H%M%S}.db"
    report = _copy(
        parent,
        "Pulihkan",
        "Memulihkan basis data server…",
        lambda: restore_into_server(path, label, safety_copy=saved),
        "Pemulihan gagal; isi server tidak berubah",
    )
    if report is None:
        return False
    QMessageBox.information(
        parent,
        "Pulihkan",
        f"Basis data server dipulihkan ({report.respondents} responden)."
        + (f"\nIsi sebelumnya disimpan di {saved}." if saved.exists() else ""),
    )
    return True


def _copy(parent: QWidget | None, title: str, doing: str, work, failed: str):
    """A whole-database copy in the background; its report, or None after saying why it failed."""
    ok, value = run_in_background(parent, doing, work)
    if not ok:
        QMessageBox.warning(parent, title, f"{failed}: {value}")
        return None
    return value
