"""Dokumen › Foto Dokumentasi: the operator adds a photo with a caption, a broken file
is refused with a message, a photo is removed."""

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from .test_dokumen import page  # noqa: F401  (the fixture)


def test_add_refuse_and_remove_photos(qtbot, page, tmp_path, monkeypatch):  # noqa: F811
    good = tmp_path / "kegiatan.jpg"
    Image.new("RGB", (2400, 1800), (30, 90, 160)).save(good, "JPEG")
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"bukan foto")
    page.tabs.setCurrentWidget(page.foto)
    tab = page.foto
    chosen = [str(good)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen[0], ""))
    tab.keterangan.setFocus()
    qtbot.keyClicks(tab.keterangan, "Responden mengisi kuesioner")
    qtbot.mouseClick(tab.add, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == "Responden mengisi kuesioner"
    assert tab.table.item(0, 1).text() == "1600 × 1200"
    assert "kegiatan.jpg tersimpan" in tab.status.text()
    chosen[0] = str(bad)
    qtbot.mouseClick(tab.add, Qt.MouseButton.LeftButton)
    assert "bukan foto JPEG atau PNG" in tab.status.text()
    assert tab.table.rowCount() == 1
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.delete, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 0
    assert Path(good).exists()
