"""Dokumen › Foto Dokumentasi and Realisasi RTL Lalu: the operator adds a photo with a caption, a broken file
is refused with a message, a photo is removed; the strategi of an open RTL is saved."""

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog


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


def test_strategi_of_an_open_rtl_is_saved(qtbot, page):  # noqa: F811
    from skm_desktop.services import laporan_teks, survey

    db = page.ctx.db
    with db.session() as s:
        unit = survey.get_unit(s)
        prev = survey.periode_list(s, unit.id)[0]
        laporan_teks.add_rtl(s, prev.id, "U3", "Menambah loket", "TW II", "Kepala TU")
    page.tabs.setCurrentWidget(page.realisasi)
    tab = page.realisasi
    tab.refresh()
    tab.table.selectRow(tab.table.rowCount() - 1)
    tab.strategi.setFocus()
    qtbot.keyClicks(tab.strategi, "Loket kedua dibuka saat antrean panjang")
    qtbot.mouseClick(tab.save, Qt.MouseButton.LeftButton)
    assert "tersimpan" in tab.status.text()
    with db.read_session() as s:
        items = laporan_teks.list_rtl(s, prev.id)
    assert items[-1].realisasi_strategi == "Loket kedua dibuka saat antrean panjang"
