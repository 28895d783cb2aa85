"""The operator app's main window: pages from :data:`skm_desktop.ui.pages.PAGES`
in tabs (Ctrl+1..Ctrl+9), a toolbar with the period selector and the operator,
and the Berkas / Bantuan menus. It reads the database through the context's
service objects only."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from skm_desktop import __version__
from skm_desktop.services import ServiceError
from skm_desktop.ui.bantuan import add_bantuan_menu
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.pages import PAGES
from skm_desktop.ui.parts import action, dialog_buttons, tuned
from skm_desktop.ui.unsaved import confirm_leave, editors_of, keep_current, switch_asked

log = logging.getLogger(__name__)
MAX_RECENT = 6


# ---------------------------------------------------------------- operator
class OperatorDialog(QDialog):
    """Asks once per session who is keying (remembered for the next start)."""

    def __init__(self, last: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Operator")
        v = QVBoxLayout(self)
        v.addWidget(
            QLabel("Siapa yang mengetik kuesioner hari ini?\nNama operator ikut tersimpan pada setiap kuesioner.")
        )
        form = QFormLayout()
        self.name = QLineEdit(last)
        self.name.setObjectName("operatorName")
        self.name.setPlaceholderText("mis. Rina")
        self.name.selectAll()
        form.addRow("Nama operator:", self.name)
        v.addLayout(form)
        v.addWidget(dialog_buttons(self, "Mulai", "Lewati"))

    def value(self) -> str:
        return " ".join(self.name.text().split())


def ask_operator(parent: QWidget | None = None) -> str:
    settings = QSettings()
    last = settings.value("operator/last", "", str)
    dlg = OperatorDialog(last, parent)
    if dlg.exec() == QDialog.DialogCode.Accepted and dlg.value():
        settings.setValue("operator/last", dlg.value())
        return dlg.value()
    return last


def recent_files() -> list[str]:
    v = QSettings().value("berkas/terbaru", [], list) or []
    return [str(x) for x in v if x]


def remember_file(path: Path | str) -> None:
    from skm_desktop.services.safety import is_server_url

    p = str(path).strip() if is_server_url(str(path)) else str(Path(path).resolve())  # an address stays text
    files = [p] + [f for f in recent_files() if f != p]
    QSettings().setValue("berkas/terbaru", files[:MAX_RECENT])


# ---------------------------------------------------------------- window
class MainWindow(QMainWindow):
    #: the operator chose another database file (new / open / recent / restored)
    databaseRequested = Signal(str)

    def __init__(self, db, operator: str = "", parent: QWidget | None = None) -> None:
        """``db``: the open database (it must have a unit: see ``ui.app.ensure_unit``)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.autobackup = None
        self.ctx = AppContext(db, None, None, operator, self)
        first = self.ctx.setup.first_unit()
        if first is None:
            raise ServiceError("Basis data belum memiliki unit pelayanan. Jalankan penyiapan atau impor data.")
        self.ctx.unit_id, pid = first
        self.ctx.set_periode(pid)
        self.ctx.setupChanged.connect(self._reload_periods)
        self.ctx.periodeChanged.connect(lambda _id: self._update_title())
        self.ctx.dataChanged.connect(self._after_save)
        remember_file(self.ctx.database_label if self.ctx.is_server else self.ctx.database_path)
        self._build_toolbar()
        self._build_pages()
        self._build_menus()
        self._reload_periods()
        self.resize(1366, 740)
        self.setMinimumSize(1000, 600)

    # ------------------------------------------------------------ parts
    def _build_toolbar(self) -> None:
        tb = QToolBar("Periode dan operator")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setFloatable(False)
        tb.addWidget(QLabel(" Periode: "))
        self.periode_combo = tuned(
            QComboBox(), "periodeCombo", tip="Periode survei yang sedang dikerjakan", min_width=200
        )
        self.periode_combo.currentIndexChanged.connect(self._periode_chosen)
        tb.addWidget(self.periode_combo)
        tb.addSeparator()
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorLabel")
        tb.addWidget(self.operator_label)
        tb.addAction(action(self, "Ganti operator…", self.change_operator))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self._show_operator()

    def _build_pages(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pageTabs")
        self.tabs.setDocumentMode(True)
        # Only the first page is built at start-up (the window opens fast even on a
        # large period); the others are built the first time they are shown.
        self.pages: list[QWidget | None] = []
        self._holders: list[QWidget] = []
        for i, (title, _factory) in enumerate(PAGES):
            holder = QWidget()
            holder.setObjectName(f"pageHolder{i}")
            lay = QVBoxLayout(holder)
            lay.setContentsMargins(0, 0, 0, 0)
            self._holders.append(holder)
            self.pages.append(None)
            self.tabs.addTab(holder, title if i >= 9 else f"{title}  (Ctrl+{i + 1})")
            if i < 9:
                self.addAction(action(self, "", lambda _=False, n=i: self.show_page(n), f"Ctrl+{i + 1}"))
        self.setCentralWidget(self.tabs)
        if PAGES:
            self.page(0)
        self._shown_page = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._page_switched)

    # ------------------------------------------------------------ unsaved changes
    def unsaved_editors(self) -> list:
        """Every editor of the pages built so far (the visible page first)."""
        order = [self._shown_page] + [i for i in range(len(self.pages)) if i != self._shown_page]
        return [ed for i in order if 0 <= i < len(self.pages) for ed in editors_of(self.pages[i])]

    def may_discard_unsaved(self) -> bool:
        """Ask about every unsaved change (Simpan / Buang / Batal); False: stay."""
        return confirm_leave(self, self.unsaved_editors())

    def _page_switched(self, n: int) -> None:
        if n != self._shown_page:
            left = self.pages[self._shown_page] if 0 <= self._shown_page < len(self.pages) else None
            # asked only while the window is shown (not while it is being torn down)
            if n >= 0 and self.isVisible() and not switch_asked(self, self.tabs, self._shown_page, n, editors_of(left)):
                return
            self._shown_page = n
        self.page(n)

    def page(self, n: int) -> QWidget | None:
        """The page at tab ``n``, built on first use."""
        if not 0 <= n < len(PAGES):
            return None
        if self.pages[n] is None:
            title, factory = PAGES[n]
            try:
                page = factory(self.ctx, self._holders[n])
            except Exception as e:  # one broken page must not keep the others from working
                log.exception("halaman %s gagal dimuat", title)
                page = QLabel(f"Halaman '{title}' tidak dapat dimuat:\n{e}")
                page.setAlignment(Qt.AlignmentFlag.AlignCenter)
                page.setWordWrap(True)
            self._holders[n].layout().addWidget(page)
            page.show()
            self.pages[n] = page
        return self.pages[n]

    def show_page(self, n: int) -> None:
        if 0 <= n < self.tabs.count():
            self.tabs.setCurrentIndex(n)
            if self.tabs.currentIndex() == n:  # not kept on an unsaved page
                self.page(n).setFocus()

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&Berkas")
        a = m.addAction("Basis data &baru…", self.new_database)
        a.setShortcut(QKeySequence.StandardKey.New)
        a = m.addAction("&Buka…", self.open_database_dialog)
        a.setShortcut(QKeySequence.StandardKey.Open)
        self.server_action = m.addAction("Sambungkan ke &server…", self.connect_server)
        self.recent_menu = m.addMenu("&Terbaru")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        self.import_action = m.addAction("&Impor…", self.import_file)
        self.export_action = m.addAction("&Ekspor…", self.export_file)
        self.template_action = m.addAction("Te&mplat impor…", self.import_template)
        self.pindai_action = m.addAction("Pin&dai kuesioner…", self.pindai_kuesioner)
        m.addSeparator()
        m.addAction("&Cadangkan…", self.backup)
        m.addAction("&Pulihkan…", self.restore)
        m.addSeparator()
        a = m.addAction("&Keluar", self.close)
        a.setShortcut(QKeySequence("Ctrl+Q"))
        h = mb.addMenu("B&antuan")
        add_bantuan_menu(h, self)
        h.addAction("&Tentang SKM Desktop", self.about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.ctx.database_label if self.ctx.is_server else str(self.ctx.database_path.resolve())
        files = [f for f in recent_files() if f != current and (self.ctx.is_server or Path(f) != Path(current))]
        if not files:
            a = self.recent_menu.addAction("(belum ada)")
            a.setEnabled(False)
        for f in files:
            self.recent_menu.addAction(f, lambda p=f: self._request_database(p))

    def _request_database(self, path: str) -> None:
        """Another database replaces this window: ask about unsaved changes first."""
        if self.may_discard_unsaved():
            self.databaseRequested.emit(path)

    # ------------------------------------------------------------ periods and title
    def _reload_periods(self) -> None:
        periods = [
            (p.id, p.nama + (" (ditutup)" if p.ditutup else "")) for p in self.ctx.setup.periods(self.ctx.unit_id)
        ]
        self.periode_combo.blockSignals(True)
        self.periode_combo.clear()
        for pid, nama in periods:
            self.periode_combo.addItem(nama, pid)
        i = self.periode_combo.findData(self.ctx.periode_id)
        if i < 0 and periods:
            i = len(periods) - 1
            self.ctx.set_periode(periods[-1][0])
        self.periode_combo.setCurrentIndex(i)
        self.periode_combo.blockSignals(False)
        self._update_title()

    def _periode_chosen(self, i: int) -> None:
        pid = self.periode_combo.itemData(i)
        if pid is None or pid == self.ctx.periode_id:
            return
        if not self.may_discard_unsaved():  # every page reloads for the new period
            keep_current(self.periode_combo, self.periode_combo.findData(self.ctx.periode_id))
            return
        self.ctx.set_periode(pid)

    def _update_title(self) -> None:
        found = self.ctx.setup.get_periode(self.ctx.periode_id) if self.ctx.periode_id else None
        if found is not None:
            unit, periode = found[0], found[1].nama
        else:
            unit, periode = self.ctx.setup.unit_name(self.ctx.unit_id), "belum ada periode"
        self.setWindowTitle(f"{unit} — {periode} — {self._database_name()} · SKM Desktop")

    def _database_name(self) -> str:
        return self.ctx.database_label if self.ctx.is_server else self.ctx.database_path.name

    def _start_folder(self) -> Path:
        return Path.home() if self.ctx.is_server else self.ctx.database_path.parent

    # ------------------------------------------------------------ operator
    def _show_operator(self) -> None:
        self.operator_label.setText(f"  Operator: {self.ctx.operator or '(belum diisi)'}  ")

    def change_operator(self) -> None:
        self.ctx.operator = ask_operator(self) or self.ctx.operator
        self._show_operator()
        self.ctx.setupChanged.emit()

    # ------------------------------------------------------------ files
    def _after_save(self) -> None:
        if self.autobackup is not None:
            self.autobackup.maybe_backup()

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Basis data baru", str(self._start_folder() / "skm-baru.db"), "Basis data SKM (*.db)"
        )
        if not path:
            return
        if not path.lower().endswith(".db"):
            path += ".db"
        if Path(path).exists():
            QMessageBox.warning(
                self,
                "Basis data baru",
                f"Berkas {path} sudah ada. Pilih nama lain, atau gunakan Buka… untuk membukanya.",
            )
            return
        self._request_database(path)

    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Buka basis data", str(self._start_folder()), "Basis data SKM (*.db);;Semua berkas (*)"
        )
        if path:
            self._request_database(path)

    def import_file(self) -> None:
        from skm_desktop.ui.berkas import import_dialog

        import_dialog(self, self.ctx)

    def export_file(self) -> None:
        from skm_desktop.ui.berkas import export_dialog

        export_dialog(self, self.ctx)

    def pindai_kuesioner(self) -> None:
        from skm_desktop.ui.pindai import pindai_dialog

        pindai_dialog(self, self.ctx)

    def import_template(self) -> None:
        from skm_desktop.ui.berkas import template_dialog

        template_dialog(self, self.ctx)

    def connect_server(self) -> None:
        from skm_desktop.ui.berkas.server import connect_to_server

        url = connect_to_server(self)
        if url:
            self.databaseRequested.emit(url)

    def backup(self) -> None:
        from skm_desktop.ui.cadangan import backup_dialog

        if self.ctx.is_server:
            from skm_desktop.ui.berkas.server import backup_server

            backup_server(self, self.ctx.database_label)
            return
        backup_dialog(self, self.ctx.database_path)

    def restore(self) -> None:
        from skm_desktop.ui.cadangan import restore_dialog

        if not self.may_discard_unsaved():
            return
        if self.ctx.is_server:
            from skm_desktop.ui.berkas.server import restore_server

            if restore_server(self, self.ctx.database_label):
                self.databaseRequested.emit(self.ctx.database_label)
            return
        closed = []  # a restore refused after our connections were closed still reopens the file

        def before_restore() -> None:
            closed.append(True)
            self.ctx.close_database()

        if restore_dialog(self, self.ctx.database_path, before_restore=before_restore) or closed:
            self.databaseRequested.emit(str(self.ctx.database_path))

    def about(self) -> None:
        QMessageBox.about(
            self,
            "Tentang SKM Desktop",
            f"<b>SKM Desktop {__version__}</b><br>"
            "Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017.<br><br>"
            "Aplikasi luring untuk mengetik kuesioner kertas, menghitung NRR dan IKM, "
            "dan menyusun laporan.<br><br>"
            f"Basis data: {self.ctx.database_label}",
        )

    def closeEvent(self, e) -> None:
        if not self.may_discard_unsaved():
            e.ignore()  # Batal: the window stays open, the values typed stay
            return
        for page in self.pages:  # let pages keep their unsaved state (e.g. the row being keyed)
            hook = getattr(page, "before_close", None) if page is not None else None
            if callable(hook):
                hook()
        if self.autobackup is not None:
            try:
                self.autobackup.backup_on_close()
            except Exception:  # never block closing
                log.exception("cadangan saat menutup gagal")
        super().closeEvent(e)
