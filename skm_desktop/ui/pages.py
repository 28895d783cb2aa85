"""The pages of the main window, in navigation order.

Each entry: (title shown to the user, factory). A factory builds the page as
``factory(ctx: AppContext, parent)``; the page listens to the context's
signals and refreshes itself. The imports are plain ``import`` statements
(visible to PyInstaller, linters and type checkers) inside the factories, so
a page's module is loaded only when the page is first shown and the window
opens as fast as with its first page alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from .context import AppContext

PageFactory = Callable[[AppContext, QWidget], QWidget]


def entry_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.entry.page import EntryPage

    return EntryPage(ctx, parent)


def hasil_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.hasil import HasilPage

    return HasilPage(ctx, parent)


def pengaturan_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.pengaturan import PengaturanPage

    return PengaturanPage(ctx, parent)


def kiosk_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.kiosk.settings import KioskSettingsPage

    return KioskSettingsPage(ctx, parent)


def verifikasi_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.kualitas import VerifikasiPage

    return VerifikasiPage(ctx, parent)


def audit_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.kualitas import AuditPage

    return AuditPage(ctx, parent)


def dokumen_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.dokumen import DokumenPage

    return DokumenPage(ctx, parent)


def rekap_page(ctx: AppContext, parent: QWidget) -> QWidget:
    from skm_desktop.ui.rekap import RekapPage

    return RekapPage(ctx, parent)


PAGES: list[tuple[str, PageFactory]] = [
    ("Entri Kuesioner", entry_page),
    ("Hasil", hasil_page),
    ("Pengaturan", pengaturan_page),
    ("Kios", kiosk_page),
    ("Verifikasi", verifikasi_page),
    ("Jejak Audit", audit_page),
    ("Dokumen", dokumen_page),
    ("Rekap", rekap_page),
]
