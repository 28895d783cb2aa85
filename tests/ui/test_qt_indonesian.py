"""Qt's own texts (context menus, standard buttons) appear in Indonesian."""

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from skm_desktop.ui.app import make_application


def _texts(menu):
    return [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_context_menus_and_buttons_are_indonesian(qtbot):
    make_application()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    texts = _texts(edit.createStandardContextMenu())
    assert "Urungkan" in texts and "Salin" in texts and "Tempel" in texts and "Pilih semua" in texts
    assert not {"Undo", "Copy", "Paste", "Select All"} & set(texts)
    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    assert "Potong" in _texts(plain.createStandardContextMenu())
    box = QMessageBox(
        QMessageBox.Icon.Question, "Uji", "Lanjutkan?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    qtbot.addWidget(box)
    labels = {b.text().replace("&", "") for b in box.buttons()}
    assert labels == {"Ya", "Tidak"}
    bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(bb)
    assert {b.text().replace("&", "") for b in bb.buttons()} == {"OK", "Batal"}
