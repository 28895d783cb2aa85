"""Indonesian for Qt's own texts (context menus, standard buttons, file dialogs).

Qt ships no Indonesian translation (there is no qtbase_id.qm), so without this a
right click in any text field shows "Undo / Cut / Copy / Paste" and a message
box says "Yes / No". These texts are compiled by build/make_qt_translation.py
into resources/translations/qt_id.qm, which the app loads; anything not listed
stays as Qt has it. (Pure data: no Qt import here.)
"""
from __future__ import annotations

# the Qt classes whose texts these are (a .qm message is found by context + text)
CONTEXTS = ("QLineEdit", "QWidgetTextControl", "QAbstractSpinBox", "QPlatformTheme", "QDialogButtonBox",
            "QMessageBox", "QWizard", "QFileDialog", "QFileSystemModel", "QScrollBar",
            "QUnicodeControlCharacterMenu", "QInputDialog", "QGnomeTheme", "QShortcut")

# source text (as in Qt's sources) -> Indonesian; "&" marks the keyboard accelerator
TEXTS: dict[str, str] = {
    # text fields (QLineEdit, QTextEdit, QPlainTextEdit) and spin boxes
    "&Undo": "&Urungkan", "&Redo": "U&langi", "Cu&t": "Po&tong", "&Copy": "&Salin", "&Paste": "T&empel",
    "Delete": "Hapus", "Select All": "Pilih semua", "&Select All": "&Pilih semua",
    "Copy &Link Location": "Salin alamat &tautan", "&Step up": "&Naik", "Step &down": "T&urun",
    "Insert Unicode control character": "Sisipkan karakter kendali Unicode",
    # standard buttons (QDialogButtonBox, QMessageBox)
    "OK": "OK", "&OK": "&OK", "Save": "Simpan", "&Save": "&Simpan", "Save All": "Simpan semua",
    "Open": "Buka", "&Open": "&Buka", "&Yes": "&Ya", "Yes to &All": "Ya untuk &semua", "&No": "&Tidak",
    "N&o to All": "T&idak untuk semua", "Abort": "Hentikan", "Retry": "Coba lagi", "Ignore": "Abaikan",
    "Close": "Tutup", "&Close": "&Tutup", "Cancel": "Batal", "&Cancel": "&Batal", "Discard": "Buang",
    "Help": "Bantuan", "Apply": "Terapkan", "Reset": "Atur ulang", "Restore Defaults": "Kembalikan bawaan",
    "Don't Save": "Jangan simpan", "Close without Saving": "Tutup tanpa menyimpan",
    "Show Details...": "Tampilkan rincian…", "Hide Details...": "Sembunyikan rincian…",
    "< &Back": "< &Kembali", "&Next >": "&Lanjut >", "&Finish": "&Selesai", "&Next": "&Lanjut",
    # file dialog (Qt's own dialog; on Windows the system dialog is in the system's language)
    "Look in:": "Lihat di:", "File &name:": "&Nama berkas:", "Files of type:": "Jenis berkas:",
    "&Choose": "&Pilih", "Back": "Kembali", "Forward": "Maju", "Parent Directory": "Folder induk",
    "Create New Folder": "Buat folder baru", "List View": "Tampilan daftar", "Detail View": "Tampilan rinci",
    "Name": "Nama", "Size": "Ukuran", "Type": "Jenis", "Kind": "Jenis", "Date Modified": "Tanggal diubah",
    "New Folder": "Folder baru", "&New Folder": "Folder &baru", "&Rename": "&Ganti nama", "&Delete": "&Hapus",
    "Show &hidden files": "Tampilkan berkas &tersembunyi", "All Files (*)": "Semua berkas (*)",
    "Recent Places": "Tempat terakhir", "Directories": "Folder", "Directory:": "Folder:",
    "Computer": "Komputer", "My Computer": "Komputer saya", "File": "Berkas", "File Folder": "Folder berkas",
    "Folder": "Folder", "Drive": "Diska", "Unknown": "Tidak dikenal",
    "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti berkas itu?",
    "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nBerkas tidak ditemukan.\nPeriksa kembali nama berkasnya.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nFolder tidak ditemukan.\nPeriksa kembali nama foldernya.",
    # scroll bars' context menu
    "Scroll here": "Gulir ke sini", "Left edge": "Tepi kiri", "Top": "Atas", "Right edge": "Tepi kanan",
    "Bottom": "Bawah", "Page left": "Satu halaman ke kiri", "Page up": "Satu halaman ke atas",
    "Page right": "Satu halaman ke kanan", "Page down": "Satu halaman ke bawah", "Scroll left": "Gulir ke kiri",
    "Scroll up": "Gulir ke atas", "Scroll right": "Gulir ke kanan", "Scroll down": "Gulir ke bawah",
}
