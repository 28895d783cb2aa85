"""The pages of the main window, in navigation order.

Each entry: (title shown to the user, "module:Class"). A page class is a
QWidget constructed as ``Class(ctx: AppContext, parent=None)``; it listens to
the context's signals and refreshes itself. Pages are imported when the main
window is built.
"""
PAGES: list[tuple[str, str]] = [
    ("Entri Kuesioner", "skm_desktop.ui.entry.page:EntryPage"),
    ("Hasil", "skm_desktop.ui.hasil:HasilPage"),
    ("Pengaturan", "skm_desktop.ui.pengaturan:PengaturanPage"),
    ("Kios", "skm_desktop.ui.kiosk.settings:KioskSettingsPage"),
    ("Verifikasi", "skm_desktop.ui.kualitas:VerifikasiPage"),
    ("Jejak Audit", "skm_desktop.ui.kualitas:AuditPage"),
    ("Dokumen", "skm_desktop.ui.dokumen:DokumenPage"),
]
