"""Bantuan: the guide opens inside the app and follows its links; the key card
is one PDF page carrying the period's own codes; the folders open; the main
window's Bantuan menu has the entries."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLineEdit

from skm_desktop.services import ServiceError, survey
from skm_desktop.services import bantuan as svc
from skm_desktop.ui import bantuan
from skm_desktop.ui.context import AppContext
from tests.safety.helpers import run_with_dialogs

LAYANAN = ("Surat Keterangan Domisili", "Pengantar KTP-el dan KK", "Izin Keramaian Warga")


@pytest.fixture
def ctx(db):
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Bantuan")
        for name in LAYANAN:
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, "Semester I 2025", None, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
        return AppContext(db, u.id, p.id, "Tes")


def test_guide_opens_every_topic_and_follows_links(qtbot):
    dlg = bantuan.PanduanDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.topics.count() == len(bantuan.TOPIK) == 8
    for row, (name, _title) in enumerate(bantuan.TOPIK):
        item = dlg.topics.item(row)
        qtbot.mouseClick(dlg.topics.viewport(), Qt.MouseButton.LeftButton, pos=dlg.topics.visualItemRect(item).center())
        text = dlg.browser.toPlainText()
        assert dlg.topics.currentRow() == row
        assert "tidak ditemukan" not in text and len(text) > 300, name
    # the keys page carries the grid's own key list
    dlg.topics.setCurrentRow(1)
    text = dlg.browser.toPlainText()
    assert all(k in text for k, _ in svc.TOMBOL) and "F2" in text and "<!--" not in dlg.browser.toHtml()
    # a link to another page of the guide stays in the guide
    dlg.topics.setCurrentRow(0)
    dlg.browser.anchorClicked.emit(QUrl("mengetik.html"))
    assert dlg.topics.currentRow() == 1
    dlg.browser.anchorClicked.emit(QUrl("https://contoh.go.id/"))
    assert "bukan halaman panduan" in dlg.browser.toPlainText()


def test_guide_page_missing_or_too_big_is_said_not_thrown(tmp_path, monkeypatch):
    monkeypatch.setattr(bantuan, "panduan_dir", lambda: tmp_path)
    assert "tidak ditemukan" in bantuan.read_page("memulai.html")
    (tmp_path / "memulai.html").write_bytes(b"x" * (bantuan.PAGE_MAX + 1))
    assert "terlalu besar" in bantuan.read_page("memulai.html")
    (tmp_path / "memulai.html").write_bytes(b"\xff\xfe\x00bukan utf-8\xff")
    assert "tidak dapat dibaca" in bantuan.read_page("memulai.html")


def test_key_card_has_the_periods_codes_on_one_page(qtbot, ctx, tmp_path):
    opened = []
    out = bantuan.save_kartu_tombol(None, ctx, ask=lambda default: str(tmp_path / "kartu"), opener=opened.append)
    assert out == tmp_path / "kartu.pdf" and opened == [out]
    pages = PdfReader(str(out)).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    with ctx.db.read_session() as s:
        from skm_desktop.services.entry import keying_choices

        choices = keying_choices(s, ctx.unit_id)
        us = survey.unsur_set(s, ctx.periode_id)
    assert [c.label for c in choices["layanan"]] == list(LAYANAN)
    for c in choices["layanan"]:
        assert f"{c.kode} {c.label}" in text
    for key in ("jenis_kelamin", "pendidikan", "pekerjaan"):
        for c in choices[key]:
            assert f"{c.kode} {c.label}" in text
    for u in us.unsur:
        assert u.kode in text and " ".join(u.nama.split()) in text
    assert "F2" in text and "F3" in text and "Kelurahan Bantuan" in text and "Semester I 2025" in text


def test_key_card_shrinks_a_long_layanan_list_to_one_page(ctx, tmp_path):
    with ctx.db.session() as s:
        for i in range(40):
            survey.add_layanan(s, ctx.unit_id, f"Layanan tambahan nomor {i + 1} dengan nama yang panjang")
    out = svc.buat_kartu_tombol(ctx.db, ctx.periode_id, tmp_path / "k.pdf")
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    assert "nomor 40" in " ".join(reader.pages[0].extract_text().split())


def test_key_card_refusals(ctx, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ServiceError, match="berakhiran .pdf"):
        svc.buat_kartu_tombol(ctx.db, ctx.periode_id, out / "k.docx")
    with pytest.raises(ServiceError, match="tidak ada"):
        svc.buat_kartu_tombol(ctx.db, ctx.periode_id, out / "tidak-ada" / "k.pdf")
    with pytest.raises(ServiceError, match="Periode tidak ditemukan"):
        svc.buat_kartu_tombol(ctx.db, 9999, out / "k.pdf")
    from skm_desktop.reports import kartu_tombol

    def broken(data, path, invariant=None):
        path.write_bytes(b"%PDF-1.4 setengah")
        raise PermissionError("terkunci")

    monkeypatch.setattr(kartu_tombol, "build_pdf", broken)
    with pytest.raises(ServiceError, match="tidak dapat ditulis"):
        svc.buat_kartu_tombol(ctx.db, ctx.periode_id, out / "k.pdf")
    assert list(out.iterdir()) == []  # nothing half-written


def test_folders_open_where_the_app_keeps_them(qtbot, monkeypatch, tmp_path):
    from skm_desktop.ui import app_paths

    opened = []
    for kind, where in (("data", app_paths.data_dir), ("cadangan", app_paths.backup_dir), ("log", app_paths.log_dir)):
        assert bantuan.open_folder(kind, opener=opened.append) == where()
    assert opened == [app_paths.data_dir(), app_paths.backup_dir(), app_paths.log_dir()]


def test_main_window_bantuan_menu(qtbot, ctx, monkeypatch, tmp_path):
    from skm_desktop.ui.main_window import MainWindow

    w = MainWindow(ctx.db, "Tes")
    qtbot.addWidget(w)
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "B&antuan")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Panduan…",
        "Cetak &kartu tombol…",
        "Buka folder &data",
        "Buka folder &cadangan",
        "Buka folder &log",
        "&Tentang SKM Desktop",
    ]
    opened = []
    monkeypatch.setattr(bantuan.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    # the Indonesian save dialog, answered as an operator would: the name typed, then Simpan
    run_with_dialogs(
        qtbot,
        next(a for a in menu.actions() if a.text() == "Cetak &kartu tombol…").trigger,
        [(lambda d: d.findChild(QLineEdit, "fileNameEdit").setText(str(tmp_path / "kartu")), "fileAcceptButton")],
    )
    assert (tmp_path / "kartu.pdf").stat().st_size > 1000 and opened[-1].toLocalFile() == str(tmp_path / "kartu.pdf")
    next(a for a in menu.actions() if a.text() == "&Panduan…").trigger()
    assert w._panduan.isVisible() and "Memulai" in w._panduan.browser.toPlainText()
    w._panduan.close()
