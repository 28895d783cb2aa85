"""Dokumen page: export in a background thread with progress, the file handed
back on the GUI thread; editors for texts, RTL, realisation and past IKM."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from skm_desktop.services import demo, laporan_teks, results, survey
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.dokumen import DokumenPage


def _click_make(qtbot, ex) -> None:
    """Click Buat; when the pre-flight check lists missing items (the demo has no tim
    pelaksana), answer its dialog with "Buat juga" as an operator who goes on would."""
    qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton)
    if ex.check is not None:
        qtbot.waitUntil(lambda: ex.check is not None and ex.check.isVisible(), timeout=10000)
        qtbot.mouseClick(ex.check.buat, Qt.MouseButton.LeftButton)


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def test_export_runs_in_background_and_opens_the_pdf(qtbot, page, tmp_path):
    opened = []
    page.export.opener = opened.append
    ex = page.export
    ex.kind.setCurrentIndex(ex.kind.findData("publikasi"))
    assert not ex.format.isEnabled()
    assert ex.out.text().endswith(".pdf") and str(tmp_path) in ex.out.text()
    progress = []
    ex.bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(ex.done, timeout=60000) as sig:
        qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton)
        assert not ex.button.isEnabled()  # busy while the thread works
    path = Path(sig.args[0])
    assert path.exists() and path.read_bytes()[:4] == b"%PDF"
    assert opened == [str(path)]
    assert progress and progress[-1] == 100
    assert ex.button.isEnabled() and "Dokumen tersimpan" in ex.status.text()


def test_olah_data_as_xlsx_for_one_layanan(qtbot, page, tmp_path):
    page.export.opener = lambda p: None
    ex = page.export
    ex.kind.setCurrentIndex(ex.kind.findData("olah-data"))
    assert ex.format.isEnabled()
    ex.format.setCurrentIndex(1)
    ex.layanan.setCurrentIndex(2)
    name = ex.layanan.currentText()
    assert ex.out.text().endswith(".xlsx")
    with qtbot.waitSignal(ex.done, timeout=60000) as sig:
        qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton)
    assert sig.args[0].endswith(".xlsx") and Path(sig.args[0]).exists()
    assert name.replace(" ", "-") in Path(sig.args[0]).name


def test_bad_folder_is_refused_with_a_message(qtbot, page, tmp_path):
    ex = page.export
    _type(qtbot, ex.out, str(tmp_path / "tidak-ada" / "laporan.pdf"))
    qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton)
    assert "tidak ditemukan" in ex.status.text()
    assert ex.thread is None


def test_texts_saved_per_period_and_reset(qtbot, page):
    page.tabs.setCurrentIndex(page.TAB_TEKS)
    t = page.teks
    t.keys.setCurrentRow(list(laporan_teks.TEKS_KEYS).index("kata_pengantar"))
    assert "Kelurahan Sukamaju" in t.edit.toPlainText()
    t.edit.setFocus()
    t.edit.selectAll()
    qtbot.keyClicks(t.edit, "Pengantar khusus semester ini.")
    qtbot.mouseClick(t.save, Qt.MouseButton.LeftButton)
    with page.ctx.db.read_session() as s:
        v = laporan_teks.get_teks(s, page.ctx.unit_id, page.ctx.periode_id, "kata_pengantar")
    assert v.isi == "Pengantar khusus semester ini." and v.asal == "periode"
    qtbot.mouseClick(t.reset, Qt.MouseButton.LeftButton)
    with page.ctx.db.read_session() as s:
        assert laporan_teks.get_teks(s, page.ctx.unit_id, page.ctx.periode_id, "kata_pengantar").asal == "bawaan"
    # automatic analysis sentence from the results
    t.keys.setCurrentRow(list(laporan_teks.TEKS_KEYS).index("analisis"))
    assert t.auto.isVisible()
    qtbot.mouseClick(t.auto, Qt.MouseButton.LeftButton)
    with page.ctx.db.read_session() as s:
        low = results.summary(s, page.ctx.periode_id).ranking()[0]
    assert f"{low.kode} {low.unsur.nama}" in t.edit.toPlainText()


def test_rtl_add_edit_delete(qtbot, page):
    page.tabs.setCurrentIndex(page.TAB_RTL)
    r = page.rtl
    n0 = r.table.rowCount()
    assert "prioritas" in r.unsur.itemText(0)
    qtbot.mouseClick(r.add, Qt.MouseButton.LeftButton)  # no program: refused
    assert "wajib diisi" in r.status.text() and r.table.rowCount() == n0
    qtbot.keyClicks(r.program, "Menambah kursi ruang tunggu")
    r.tw[1].setChecked(True)
    r.tw[2].setChecked(True)
    qtbot.keyClicks(r.pj, "Kasi Umum")
    qtbot.mouseClick(r.add, Qt.MouseButton.LeftButton)
    assert r.table.rowCount() == n0 + 1
    assert r.table.item(n0, 3).text() == "TW II, TW III"
    r.table.selectRow(n0)
    r.jangka.setCurrentIndex(r.jangka.findData("jangka menengah"))
    assert not any(cb.isChecked() for cb in r.tw)
    qtbot.mouseClick(r.update_btn, Qt.MouseButton.LeftButton)
    assert r.table.item(n0, 3).text().startswith("Jangka menengah")
    r.table.selectRow(n0)
    qtbot.mouseClick(r.delete, Qt.MouseButton.LeftButton)
    assert r.table.rowCount() == n0


def test_realisation_of_previous_period(qtbot, page):
    page.tabs.setCurrentIndex(page.TAB_REALISASI)
    z = page.realisasi
    assert z.table.rowCount() == 2
    assert "1 dari 2" in z.info.text() and "50,00%" in z.info.text()
    z.table.selectRow(1)
    z.state.setCurrentIndex(z.state.findData("sudah"))
    _type(qtbot, z.desc, "Loket tambahan dibuka sejak Oktober.")
    qtbot.mouseClick(z.save, Qt.MouseButton.LeftButton)
    assert "2 dari 2" in z.info.text() and "100,00%" in z.info.text()


def test_past_ikm_values(qtbot, page):
    page.tabs.setCurrentIndex(page.TAB_IKM)
    k = page.ikm
    assert k.table.rowCount() == 2
    _type(qtbot, k.label, "2021")
    _type(qtbot, k.value, "abc")
    qtbot.mouseClick(k.add, Qt.MouseButton.LeftButton)
    assert "bukan angka" in k.status.text() and k.table.rowCount() == 2
    _type(qtbot, k.value, "77,5")
    qtbot.keyClick(k.value, Qt.Key.Key_Return)
    assert k.table.rowCount() == 3
    assert k.table.item(0, 0).text() == "2021" and k.table.item(0, 1).text() == "77,50"
    assert k.table.item(0, 2).text() == "B"


def test_period_choice_follows_and_drives_the_context(qtbot, page):
    with page.ctx.db.read_session() as s:
        ids = [p.id for p in survey.periode_list(s, page.ctx.unit_id)]
    page.ctx.set_periode(ids[0])
    assert page.periode.currentData() == ids[0]
    assert "Semester-I-2024" in page.export.out.text()
    page.periode.setCurrentIndex(page.periode.findData(ids[1]))
    assert page.ctx.periode_id == ids[1]
    page.tabs.setCurrentIndex(page.TAB_REALISASI)
    assert page.realisasi.table.rowCount() == 2
    page.ctx.set_periode(ids[0])
    assert "periode pertama" in page.realisasi.info.text()


def test_report_date_shown_and_editable(qtbot, page):
    import datetime as dt

    ex = page.export
    info = page.periode_info()
    with page.ctx.db.read_session() as s:
        default = laporan_teks.tanggal_laporan(s, info.unit_id, info.id)
    assert ex.tanggal.date().toPython() == default and "bawaan" in ex.tanggal_asal.text()
    ex.tanggal.setDate(dt.date(2025, 2, 3))
    qtbot.mouseClick(ex.save_tanggal, Qt.MouseButton.LeftButton)
    assert "3 Februari 2025" in ex.status.text() and "diubah" in ex.tanggal_asal.text()
    with page.ctx.db.read_session() as s:
        assert laporan_teks.tanggal_laporan(s, info.unit_id, info.id) == dt.date(2025, 2, 3)
        jadwal = laporan_teks.jadwal_rows(laporan_teks.get_teks(s, info.unit_id, info.id, "jadwal").isi)
    assert jadwal[-1][1] == "Februari 2025"


def test_ikm_column_right_aligned(qtbot, page):
    page.tabs.setCurrentIndex(page.TAB_IKM)
    with page.ctx.db.session() as s:
        laporan_teks.set_ikm_manual(s, page.periode_info().unit_id, "2021", "86,89")
    page.ikm.refresh()
    t = page.ikm.table
    assert t.rowCount() >= 1
    assert t.item(0, 1).textAlignment() & Qt.AlignmentFlag.AlignRight


def test_default_folder_is_documents_skm_desktop(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    demo.create_demo(db, n=20)
    with db.read_session() as s:
        unit = survey.get_unit(s)
        periods = survey.periode_list(s, unit.id)
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda loc: str(tmp_path / "Dokumen")))
    w = DokumenPage(AppContext(db, unit.id, periods[-1].id, "Rina"))
    qtbot.addWidget(w)
    folder = w.default_folder()
    assert folder == tmp_path / "Dokumen" / "SKM Desktop"
    assert w.export.out.text().startswith(str(folder))
    assert not folder.exists()  # showing the page creates nothing ...
    w.export.opener = lambda p: None
    with qtbot.waitSignal(w.export.done, timeout=60000):
        w.export.kind.setCurrentIndex(w.export.kind.findData("kuesioner"))
        qtbot.mouseClick(w.export.button, Qt.MouseButton.LeftButton)
    assert folder.is_dir() and list(folder.glob("kuesioner-*.pdf"))  # ... the first export does


def test_lampiran_choice_for_the_laporan(qtbot, page, tmp_path):
    """The operator picks "Ringkas" with the keyboard; the laporan's lampiran 2 then has no respondent table."""
    from skm_desktop.domain.formatting import angka

    page.export.opener = lambda p: None
    ex = page.export
    ex.kind.setCurrentIndex(ex.kind.findData("publikasi"))
    assert not ex.lampiran.isEnabled()
    ex.kind.setCurrentIndex(ex.kind.findData("olah-data"))
    ex.format.setCurrentIndex(1)
    assert not ex.lampiran.isEnabled()  # the XLSX always has every respondent
    ex.kind.setCurrentIndex(ex.kind.findData("laporan"))
    assert ex.lampiran.isEnabled() and ex.lampiran.currentData() is None  # automatic by default
    ex.lampiran.setFocus()
    while ex.lampiran.currentData() != "ringkas":
        qtbot.keyClick(ex.lampiran, Qt.Key.Key_Down)
    with qtbot.waitSignal(ex.done, timeout=120000) as sig:
        _click_make(qtbot, ex)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(sig.args[0]).pages)
    assert f"rekapitulasi olah data per unsur dari {angka(120)} kuesioner" in " ".join(text.split())
    assert "NO. RESP" not in text


def test_laporan_of_a_whole_year(qtbot, page, tmp_path):
    """Cakupan "Tahun 2024 (gabungan)": only laporan/publikasi can be chosen, the lampiran is the
    per-unsur one, and the laporan pools both semesters with each period beside the year."""
    from pypdf import PdfReader

    page.export.opener = lambda p: None
    ex = page.export
    assert ex.cakupan.itemText(1) == "Tahun 2024 (gabungan)"
    ex.kind.setCurrentIndex(ex.kind.findData("olah-data"))
    ex.cakupan.setFocus()
    qtbot.keyClick(ex.cakupan, Qt.Key.Key_Down)
    assert ex.cakupan.currentData() == 2024
    assert ex.kind.currentData() == "laporan"  # olah-data is per period
    model = ex.kind.model()
    assert not model.item(ex.kind.findData("olah-data")).isEnabled()
    assert not model.item(ex.kind.findData("kuesioner")).isEnabled()
    assert model.item(ex.kind.findData("publikasi")).isEnabled()
    assert not ex.lampiran.isEnabled()
    assert ex.out.text().endswith("laporan-Tahun-2024.pdf")
    with qtbot.waitSignal(ex.done, timeout=120000) as sig:
        _click_make(qtbot, ex)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(sig.args[0]).pages)
    assert "Tahun 2024 (Semester I + Semester II)" in text
    assert "IKM setiap periode dan IKM tahunan" in text and "Gabungan seluruh responden" in text
    qtbot.keyClick(ex.cakupan, Qt.Key.Key_Up)
    assert ex.cakupan.currentData() is None and model.item(ex.kind.findData("olah-data")).isEnabled()


def test_laporan_as_word_through_the_format_choice(qtbot, page, tmp_path):
    import docx

    opened = []
    page.export.opener = opened.append
    ex = page.export
    ex.kind.setFocus()
    ex.kind.setCurrentIndex(ex.kind.findData("laporan"))
    assert ex.format.isEnabled()
    assert [ex.format.itemData(i) for i in range(ex.format.count())] == [".pdf", ".docx"]
    ex.format.setFocus()
    qtbot.keyClick(ex.format, Qt.Key.Key_Down)  # the operator picks "Word (DOCX …)" with the keyboard
    assert ex.format.currentData() == ".docx" and "Word" in ex.format.currentText()
    assert ex.out.text().endswith(".docx")
    assert "Mutakhirkan Semua" in ex.hint.text()
    with qtbot.waitSignal(ex.done, timeout=90000) as sig:
        _click_make(qtbot, ex)
    path = Path(sig.args[0])
    assert path.suffix == ".docx" and opened == [str(path)]
    d = docx.Document(str(path))
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"][:2] == ["KATA PENGANTAR", "DAFTAR ISI"]
    # publikasi has only PDF: the choice goes back and is locked
    ex.kind.setCurrentIndex(ex.kind.findData("publikasi"))
    assert not ex.format.isEnabled() and ex.format.currentData() == ".pdf" and ex.out.text().endswith(".pdf")
