"""The Dokumen page: the period selector and the five tabs. Every read and write
goes through services.dokumen.DokumenService; the page never holds a Session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from skm_desktop.services import dokumen as svc
from skm_desktop.ui.context import AppContext, Page
from skm_desktop.ui.parts import hrow, tuned

from .export import ExportTab
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
        v.addWidget(self.tabs, 1)
        self.periode.currentIndexChanged.connect(self._periode_changed)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        ctx.follow(self.reload, self._refresh_tab, on_periode=self._ctx_periode)

    # shared state -------------------------------------------------------
    @property
    def service(self) -> svc.DokumenService:
        """The documents service bound to the open database."""
        return self.ctx.service(svc.DokumenService)

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
        pid = self.periode_id()
        if pid is not None and pid != self.ctx.periode_id:
            self.ctx.set_periode(pid)  # the window's period selector follows
        self.export.refresh()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        w = self.tabs.currentWidget()
        if w is not self.export and hasattr(w, "refresh"):
            w.refresh()
