"""Bantuan menu: the offline guide (HTML pages in resources/panduan shown in a
QTextBrowser), the printable key card, the data / backup / log folders and the
About box. The main window only adds the menu entries (:func:`add_bantuan_menu`)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.paths import resources_dir
from skm_desktop.services import ServiceError, bantuan

from . import app_paths
from .files import choose_file, open_document, suffixed

#: the guide's pages, in reading order (file in resources/panduan, title)
TOPIK = (
    ("memulai.html", "Memulai"),
    ("mengetik.html", "Mengetik kuesioner"),
    ("kios.html", "Kios"),
    ("dokumen.html", "Dokumen"),
    ("cadangan.html", "Cadangan & pemulihan"),
    ("impor-ekspor.html", "Impor & ekspor"),
    ("server.html", "Beberapa komputer (server)"),
    ("rekap.html", "Rekap kota / provinsi"),
)
PAGE_MAX = 256 * 1024  # bytes of one guide page; a larger file is not a page of ours
TOMBOL_MARK = "<!--TOMBOL-->"


def panduan_dir() -> Path:
    return resources_dir() / "panduan"


def tombol_table() -> str:
    """The entry grid's keys as an HTML table (the same list the key card prints)."""
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in bantuan.TOMBOL)
    return f'<table border="1" cellspacing="0" cellpadding="4">{rows}</table>'


def read_page(name: str) -> str:
    """The HTML of one guide page, or an Indonesian note saying why it cannot be shown."""
    path = panduan_dir() / name
    try:
        size = path.stat().st_size
        if size > PAGE_MAX:
            return (
                f"<p>Halaman panduan <b>{html.escape(name)}</b> terlalu besar ({size // 1024} KB; "
                f"paling besar {PAGE_MAX // 1024} KB) dan tidak ditampilkan.</p>"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (
            f"<p>Halaman panduan <b>{html.escape(name)}</b> tidak ditemukan di "
            f"{html.escape(str(path.parent))}. Pasang ulang aplikasi untuk memulihkannya.</p>"
        )
    except (OSError, UnicodeDecodeError) as e:
        return f"<p>Halaman panduan <b>{html.escape(name)}</b> tidak dapat dibaca: {html.escape(str(e))}.</p>"
    return text.replace(TOMBOL_MARK, tombol_table())


class PanduanDialog(QDialog):
    """The guide: topics on the left, the page on the right; links between pages stay inside."""

    def __init__(self, parent: QWidget | None = None, topik: str = TOPIK[0][0]) -> None:
        super().__init__(parent)
        self.setObjectName("panduanDialog")
        self.setWindowTitle("Panduan SKM Desktop")
        self.resize(900, 620)
        lay = QVBoxLayout(self)
        body = QHBoxLayout()
        self.topics = QListWidget()
        self.topics.setObjectName("panduanTopik")
        self.topics.addItems([t for _, t in TOPIK])
        self.topics.setFixedWidth(200)
        body.addWidget(self.topics)
        self.browser = QTextBrowser()
        self.browser.setObjectName("panduanIsi")
        self.browser.setOpenLinks(False)  # every link is one of our pages; nothing goes online
        self.browser.anchorClicked.connect(self._link)
        body.addWidget(self.browser, 1)
        lay.addLayout(body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.topics.currentRowChanged.connect(self._show)
        names = [n for n, _ in TOPIK]
        self.topics.setCurrentRow(names.index(topik) if topik in names else 0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(TOPIK):
            self.browser.setHtml(read_page(TOPIK[row][0]))

    def _link(self, url: QUrl) -> None:
        name = Path(url.path()).name
        names = [n for n, _ in TOPIK]
        if name in names:
            self.topics.setCurrentRow(names.index(name))
        else:
            self.browser.setHtml(f"<p>Tautan <b>{html.escape(url.toString())}</b> bukan halaman panduan.</p>")


def show_panduan(parent: QWidget | None = None) -> PanduanDialog:
    dlg = PanduanDialog(parent)
    dlg.show()
    return dlg


def save_kartu_tombol(parent: QWidget | None, ctx, ask=None, opener=None) -> Path | None:
    """Ask where to save the key card of the current period, write it, offer to open it.
    ``ask`` (tests) replaces the file dialog; ``opener`` the PDF viewer."""
    if ctx.periode_id is None:
        QMessageBox.information(parent, "Kartu tombol", "Belum ada periode survei; buat periode di Pengaturan.")
        return None
    name = "Kartu-tombol-SKM.pdf"
    if ask is None:
        path = choose_file(parent, "Simpan kartu tombol", "kartu", PDF_FILTER, name)
    else:
        path = ask(str(Path.home() / name))
    if not path:
        return None
    path = str(suffixed(path, PDF_FILTER))
    try:
        out = bantuan.buat_kartu_tombol(ctx.db, ctx.periode_id, path)
    except ServiceError as e:
        QMessageBox.warning(parent, "Kartu tombol", str(e))
        return None
    open_document(parent, Path(out), opener)
    return out


PDF_FILTER = "PDF (*.pdf)"
FOLDERS = {
    "data": ("folder data", app_paths.data_dir),
    "cadangan": ("folder cadangan", app_paths.backup_dir),
    "log": ("folder log", app_paths.log_dir),
}


def open_folder(kind: str, parent: QWidget | None = None, opener=None) -> Path | None:
    """Open the data, backup or log folder in the file manager."""
    label, where = FOLDERS[kind]
    try:
        folder = where()
    except OSError as e:
        QMessageBox.warning(parent, "Buka folder", f"Tidak dapat membuka {label}: {e.strerror or e}.")
        return None
    ok = (opener or (lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p)))))(folder)
    if ok is False:
        QMessageBox.information(
            parent, "Buka folder", f"Pengelola berkas tidak dapat dibuka. {label.capitalize()} ada di:\n{folder}"
        )
    return folder


def add_bantuan_menu(menu: QMenu, window) -> None:
    """Put the guide, the key card and the folders in the Bantuan menu of ``window``
    (a MainWindow with ``ctx``); the About entry stays the window's own."""
    a = menu.addAction("&Panduan…", lambda: setattr(window, "_panduan", show_panduan(window)))
    a.setShortcut(QKeySequence("F1"))
    menu.addAction("Cetak &kartu tombol…", lambda: save_kartu_tombol(window, window.ctx))
    menu.addSeparator()
    menu.addAction("Buka folder &data", lambda: open_folder("data", window))
    menu.addAction("Buka folder &cadangan", lambda: open_folder("cadangan", window))
    menu.addAction("Buka folder &log", lambda: open_folder("log", window))
    menu.addSeparator()
