"""The pages of the main window, in navigation order.

Each entry: (title shown to the user, factory). A factory builds the page as
``factory(ctx: AppContext, parent)``; the page listens to the context's
signals and refreshes itself. The page classes are imported by plain
``import`` statements (visible to PyInstaller, linters and type checkers) in
:func:`page_class`, one for each page, so a page's module is loaded only when
the page is first shown and the window opens as fast as with its first page
alone (importing all seven modules costs about half a second more).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QWidget

from .context import AppContext

PageFactory = Callable[[AppContext, QWidget], QWidget]


def page_class(title: str) -> PageFactory:
    """The class of the page called ``title`` (built as ``cls(ctx, parent)``); its module is
    imported here, on first use."""
    match title:
        case "Entri Kuesioner":
            from skm_desktop.ui.entry.page import EntryPage as page
        case "Hasil":
            from skm_desktop.ui.hasil import HasilPage as page
        case "Pengaturan":
            from skm_desktop.ui.pengaturan import PengaturanPage as page
        case "Kios":
            from skm_desktop.ui.kiosk.settings import KioskSettingsPage as page
        case "Verifikasi":
            from skm_desktop.ui.kualitas import VerifikasiPage as page
        case "Jejak Audit":
            from skm_desktop.ui.kualitas import AuditPage as page
        case "Dokumen":
            from skm_desktop.ui.dokumen import DokumenPage as page
        case "Rekap":
            from skm_desktop.ui.rekap import RekapPage as page
        case _:
            raise KeyError(title)
    return page


def build_page(title: str, ctx: AppContext, parent: QWidget) -> QWidget:
    return page_class(title)(ctx, parent)


#: in navigation order
TITLES = ("Entri Kuesioner", "Hasil", "Pengaturan", "Kios", "Verifikasi", "Jejak Audit", "Dokumen", "Rekap")
PAGES: list[tuple[str, PageFactory]] = [(title, partial(build_page, title)) for title in TITLES]
