"""The Dokumen page: the period selector and the five tabs. Every read and write
goes through services.dokumen.DokumenService; the page never holds a Session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from skm_desktop.services import dokumen as svc
from skm_desktop.ui.context import AppContext, Page
from skm_desktop.ui.parts import hrow, tuned
from skm_desktop.ui.unsaved import confirm_leave, keep_current, switch_asked

from .export import ExportTab
from .foto import FotoTab
from .ikm_lalu import IkmLaluTab
from .realisasi import RealisasiTab
from .rtl import RtlTab
from .teks import TeksTab


# ---------------------------------------------------------------- the page
class DokumenPage(Page):
    TAB_BUAT, TAB_TEKS, TAB_RTL, TAB_REALISASI, TAB_IKM = range(5)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "dokumenPage", parent)
        self._folder: Path | None = None
        v = QVBoxLayout(self)
        self.periode = tuned(QComboBox(), "periode", min_width=220)
        v.addLayout(hrow(QLabel("Periode:"), self.periode, None))
        self.tabs = QTabWidget()
        self.export = ExportTab(self)
        self.teks = TeksTab(self)
        self.rtl = RtlTab(self)
        self.realisasi = RealisasiTab(self)
        self.ikm = IkmLaluTab(self)
        self.tabs.addTab(self.export, "Buat dokumen")
        self.tabs.addTab(self.teks, "Teks Laporan")
        self.tabs.addTab(self.rtl, "Rencana Tindak Lanjut")
        self.tabs.addTab(self.realisasi, "Realisasi RTL Lalu")
        self.tabs.addTab(self.ikm, "IKM Tahun Lalu")
        self.foto = FotoTab(self)
        self.tabs.addTab(self.foto, "Foto Dokumentasi")
        v.addWidget(self.tabs, 1)
        self._shown_tab = self.tabs.currentIndex()
        self._shown_periode = -1
        self.periode.currentIndexChanged.connect(self._periode_picked)
        self.tabs.currentChanged.connect(self._tab_picked)
        ctx.follow(self.reload, self._refresh_tab, on_periode=self._ctx_periode)

    # shared state -------------------------------------------------------
    @property
    def service(self) -> svc.DokumenService:
        """The documents service bound to the open database."""
        return self.ctx.service(svc.DokumenService)

    @property
    def foto_service(self):
        """The documentation photos of the open database (lampiran of the laporan)."""
        if getattr(self, "_foto", None) is None or self._foto_db is not self.ctx.db:
            self._foto, self._foto_db = svc.FotoService(self.ctx.db), self.ctx.db
        return self._foto

    def default_folder(self) -> Path:
        """Documents/SKM Desktop (created when the first document is written there or the
        file dialog opens, not merely by showing the page)."""
        if self._folder is None:
            from PySide6.QtCore import QStandardPaths

            d = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            self._folder = (Path(d) if d else Path.home() / "Documents") / "SKM Desktop"
        return self._folder

    def ensure_folder(self, folder: Path) -> None:
        """Create the default output folder when it is the one asked for; other folders are the operator's."""
        if folder == self.default_folder() and not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # reported as a missing folder by the caller

    def set_default_folder(self, folder: Path) -> None:
        self._folder = folder
        self.export.out.clear()
        self.export._suggest_name()

    def periode_id(self) -> int | None:
        return self.periode.currentData()

    def periode_info(self):
        pid = self.periode_id()
        return self._infos.get(pid) if pid is not None else None

    def layanan_items(self) -> list[tuple[int, str]]:
        info = self.periode_info()
        if info is None:
            return []
        return self.service.layanan(info.unit_id)

    # unsaved changes ------------------------------------------------------
    def unsaved_editors(self) -> list:
        """The editing tabs, the visible one first (see ui.unsaved)."""
        editors = [self.teks, self.rtl, self.realisasi, self.ikm]
        current = self.tabs.currentWidget()
        return sorted(editors, key=lambda t: t is not current)

    def _tab_picked(self, index: int) -> None:
        left = self.tabs.widget(self._shown_tab)
        editors = [left] if left in self.unsaved_editors() else []
        if self.isVisible() and not switch_asked(self, self.tabs, self._shown_tab, index, editors):
            return
        self._shown_tab = index
        self._refresh_tab()

    def _periode_picked(self, index: int) -> None:
        # every tab shows the chosen period: ask about what is typed for the one shown so far
        if self.isVisible() and not confirm_leave(self, self.unsaved_editors()):
            keep_current(self.periode, self._shown_periode)
            return
        self._periode_changed()

    def reload(self) -> None:
        self._infos = {p.id: p for p in self.service.periode_list(self.ctx.unit_id)}
        want = self.periode.currentData() or self.ctx.periode_id
        self.periode.blockSignals(True)
        self.periode.clear()
        for pid, info in self._infos.items():
            self.periode.addItem(info.nama, pid)
        i = self.periode.findData(want)
        self.periode.setCurrentIndex(i if i >= 0 else self.periode.count() - 1)
        self.periode.blockSignals(False)
        self._periode_changed()

    def _ctx_periode(self, pid: int) -> None:
        i = self.periode.findData(pid)
        if i >= 0:
            self.periode.setCurrentIndex(i)

    def _periode_changed(self, *_):
        self._shown_periode = self.periode.currentIndex()
        pid = self.periode_id()
        if pid is not None and pid != self.ctx.periode_id:
            self.ctx.set_periode(pid)  # the window's period selector follows
        self.export.refresh()
        self._refresh_tab()

    def open_tujuan(self, tujuan: str) -> None:
        """Open the place where a pre-flight finding is filled in (services.pemeriksaan.TUJUAN)."""
        area, _, rest = tujuan.partition(":")
        if area == "pengaturan":
            self._open_pengaturan(rest)
        elif rest == "rtl":
            self.tabs.setCurrentIndex(self.TAB_RTL)
        elif rest == "tanggal":
            self.tabs.setCurrentIndex(self.TAB_BUAT)
            self.export.tanggal.setFocus()
        elif rest.startswith("teks:"):
            self.tabs.setCurrentIndex(self.TAB_TEKS)
            self.teks.select(rest.partition(":")[2])

    def _open_pengaturan(self, tab: str) -> None:
        """The window's Pengaturan page at one of its tabs (profil, periode, target)."""
        win = self.window()
        tabs = getattr(win, "tabs", None)
        if tabs is None or not hasattr(win, "show_page"):
            return  # the page shown on its own (no window with pages around it)
        found = [i for i in range(tabs.count()) if tabs.tabText(i).startswith("Pengaturan")]
        if not found:
            return
        win.show_page(found[0])
        peng = win.page(found[0])
        target = getattr(peng, tab, None)
        if target is not None and hasattr(peng, "tabs"):
            peng.tabs.setCurrentWidget(target)

    def _refresh_tab(self) -> None:
        w = self.tabs.currentWidget()
        if w is not self.export and hasattr(w, "refresh"):
            w.refresh()
