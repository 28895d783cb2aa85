"""Pengaturan: everything the first-start wizard set up, editable later —
unit profile and logo, signing official, jenis layanan, periods, population
and sample targets, the unsur set and the choice lists. Every change goes
through services.setup; refusals are shown under the form that caused them."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..context import AppContext
from ..unsaved import switch_asked
from .layanan import LayananTab
from .periode import PeriodeTab, TargetTab
from .profil import ProfilTab
from .unsur import PilihanTab, UnsurTab

__all__ = ["PengaturanPage"]


class PengaturanPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profil = ProfilTab(ctx)
        self.layanan = LayananTab(ctx)
        self.periode = PeriodeTab(ctx)
        self.target = TargetTab(ctx)
        self.unsur = UnsurTab(ctx)
        self.pilihan = PilihanTab(ctx)
        self.tabs = QTabWidget()
        for t in self.all_tabs():
            self.tabs.addTab(t, t.TITLE)
        self._stale: set[QWidget] = set()
        self._shown_index = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._tab_shown)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        ctx.setupChanged.connect(self._setup_changed)
        # the period switch was asked about before (main window, Periode tab): every tab follows it
        ctx.periodeChanged.connect(lambda _id: self._setup_changed(force=True))
        ctx.dataChanged.connect(self._data_changed)
        # nothing is read before the page is first shown (keeps the window quick to open)
        self._stale = set(self.all_tabs())

    def all_tabs(self) -> list:
        return [self.profil, self.layanan, self.periode, self.target, self.unsur, self.pilihan]

    def unsaved_editors(self) -> list:
        """The tabs, the visible one first (see ui.unsaved)."""
        current = self.tabs.currentWidget()
        return [current] + [t for t in self.all_tabs() if t is not current]

    def reload_all(self) -> None:
        for t in self.all_tabs():
            t.reload()
        self._stale.clear()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._tab_shown(self.tabs.currentIndex())

    def _setup_changed(self, force: bool = False) -> None:
        """Reload the visible tab now and the others when they are shown
        (a tab keeps what the operator is typing until then; the visible tab
        too, unless the period changed)."""
        current = self.tabs.currentWidget()
        self._stale = {t for t in self.all_tabs() if t is not current}
        if not force and current.has_unsaved_changes():
            return  # saved or discarded later through the question; both read it back
        if self.isVisible():
            current.reload()
        else:
            self._stale.add(current)

    def _data_changed(self) -> None:
        # questionnaire counts, frozen state and progress depend on the data
        for t in (self.layanan, self.periode, self.target, self.unsur):
            if t is self.tabs.currentWidget() and self.isVisible() and not t.has_unsaved():
                t.reload()
            else:
                self._stale.add(t)

    def _tab_shown(self, index: int) -> None:
        if index != self._shown_index:
            left = self.tabs.widget(self._shown_index)
            # asked only while the operator sees the page (not while the window is being torn down)
            if (
                left is not None
                and index >= 0
                and self.isVisible()
                and not switch_asked(self, self.tabs, self._shown_index, index, [left])
            ):
                return
            self._shown_index = index
        w = self.tabs.currentWidget()
        if w in self._stale:
            self._stale.discard(w)
            w.reload()
