"""The Rekap page: the unit table model (600 units, roles tested without widgets), and
packages and a summary sheet added through the page as an operator would, the table
and headline checked against RekapService.summary()."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLabel, QLineEdit, QPushButton, QRadioButton

from skm_desktop.domain import rekap
from skm_desktop.domain.formatting import angka
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.services.exporting import export_package
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.rekap import RekapService
from skm_desktop.storage.database import open_database
from skm_desktop.ui.rekap.model import (
    COL_CHANGE,
    COL_IKM,
    COL_KELOMPOK,
    COL_PREV,
    COL_RANK,
    COL_UNIT,
    COLUMNS,
    KELOMPOK_ROLE,
    SORT_ROLE,
    UNIT_ROLE,
    UnitFilterProxy,
    UnitTableModel,
)
from tests.helpers.dialogs import click_message_button, drive
from tests.helpers.pages import main_window_on

KELOMPOK = ("Dinas", "Kecamatan", "Puskesmas")


# ---------------------------------------------------------------- the model, headless
def city_year(n: int) -> rekap.RekapYear:
    cur, prev = [], []
    for i in range(n):
        name, kel = f"Unit {i:04d}", KELOMPOK[i % 3]
        ikm = Decimal(70) + Decimal(i % 250) / 10
        cur.append(rekap.UnitYearInput(name, kel, ringkasan=(rekap.RingkasanFigure(rekap.TAHUNAN, ikm),)))
        if i % 2:  # every other unit has last year's figure
            prev.append(rekap.UnitYearInput(name, kel, ringkasan=(rekap.RingkasanFigure(rekap.TAHUNAN, Decimal(80)),)))
    return rekap.compute(2025, cur, prev, known_units=[f"Unit {i:04d}" for i in range(n)])


def column(proxy, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [proxy.index(r, col).data(role) for r in range(proxy.rowCount())]


def test_model_of_600_units_roles_sort_and_filter():
    y = city_year(600)
    model = UnitTableModel()
    t0 = time.monotonic()
    model.set_year(y)
    proxy = UnitFilterProxy()
    proxy.setSourceModel(model)
    assert model.rowCount() == 600 and model.columnCount() == len(COLUMNS)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    first = model.index(0, 0)
    u = y.units[0]
    assert first.data(UNIT_ROLE) == u.figure.unit and first.data(KELOMPOK_ROLE) == u.figure.kelompok
    assert model.index(0, COL_IKM).data() == angka(u.figure.ikm_2dp, 2)
    assert model.index(0, COL_IKM).data(SORT_ROLE) == u.figure.ikm_2dp
    assert model.index(0, COL_RANK).data(SORT_ROLE) == u.rank == 1
    assert model.data(model.index(600, 0)) is None and model.data(QModelIndex()) is None
    # every column sorts both ways, blank cells (no previous figure) last either way
    for col in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(col, order)
            values = column(proxy, col, SORT_ROLE)
            known = [v for v in values if v is not None]
            assert values[: len(known)] == known, (col, order)
            keyed = [v.casefold() if isinstance(v, str) else v for v in known]
            assert keyed == sorted(keyed, reverse=order == Qt.SortOrder.DescendingOrder), (col, order)
    proxy.sort(COL_PREV, Qt.SortOrder.DescendingOrder)
    assert column(proxy, COL_PREV)[-1] == "–" and column(proxy, COL_CHANGE)[-1] == "–"
    assert column(proxy, COL_PREV)[0] == angka(80, 2)
    proxy.sort(COL_IKM, Qt.SortOrder.DescendingOrder)
    assert column(proxy, COL_RANK, SORT_ROLE)[0] == 1
    # filter by kelompok and by a part of the name
    proxy.set_kelompok("Kecamatan")
    assert proxy.rowCount() == 200 and set(column(proxy, COL_KELOMPOK)) == {"Kecamatan"}
    proxy.set_search("  unit 000 ")
    assert sorted(column(proxy, COL_UNIT)) == ["Unit 0001", "Unit 0004", "Unit 0007"]
    proxy.set_kelompok("")
    proxy.set_search("UNIT 059")
    assert proxy.rowCount() == 10
    assert time.monotonic() - t0 < 20  # 22 sorts of 600 rows and the filters (generous: a shared machine)
    model.set_year(None)
    assert model.rowCount() == 0 and proxy.rowCount() == 0


# ---------------------------------------------------------------- through the page
def unit_db(path: Path, unit: str, periode: str, start: dt.date, end: dt.date, answers: int) -> Path:
    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(s, unit)
        pid = survey.create_periode(s, u.id, periode, standard_unsur_set(), start, end).id
    for no in range(1, 21):
        survey.save_respondent(db, pid, RespondentRecord(no, (answers + no % 2,) * 9, start))
    out = path.with_suffix(".skm")
    export_package(db, out)
    db.close()
    return out


@pytest.fixture
def city(qtbot, tmp_path):
    """A city database holding one unit of its own, opened in the main window on the Rekap page."""
    QSettings().remove("berkas/folder_rekap")
    path = tmp_path / "kota.db"
    db = open_database(path)
    with db.session() as s:
        survey.create_unit(s, "Dinas Kesehatan")
    w, page = main_window_on(qtbot, db, "Rekap")
    yield page, RekapService(db)
    w.close()
    db.close()


def files_step(folder: Path, names: list[str]):
    """Answer the file dialog: go to the folder, type the names in, then the accept button."""

    def prepare(d):
        assert isinstance(d, QFileDialog)
        assert d.fileMode() == QFileDialog.FileMode.ExistingFiles
        d.setDirectory(str(folder))
        d.findChild(QLineEdit, "fileNameEdit").setText(" ".join(f'"{n}"' for n in names))

    return (prepare, "fileAcceptButton")


def choose(radio: str, unit: str | None = None):
    def prepare(d):
        d.findChild(QRadioButton, radio).setChecked(True)
        if unit is not None:
            combo = d.combo
            combo.setCurrentIndex(combo.findText(unit))

    return (prepare, "unitOk")


def operator_does(fn):
    """What the operator triggers (a button or menu entry), in the shape drive() triggers."""
    return SimpleNamespace(trigger=fn)


def test_add_packages_and_a_summary_sheet_through_the_page(qtbot, city, tmp_path):
    page, svc = city
    src = tmp_path / "src"
    src.mkdir()
    a = unit_db(src / "a.db", "Puskesmas Alpha", "Semester I 2025", dt.date(2025, 1, 1), dt.date(2025, 6, 30), 3)
    b = unit_db(src / "b.db", "Dinkes", "Tahun 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), 2)
    sheet = src / "ringkasan.csv"
    sheet.write_text(
        "unit,kelompok,tahun,periode,ikm,responden,mutu,rtl\n"
        "Kecamatan Barat,Kecamatan,2025,Semester I,80.10,100,B,Antrean diperpendek\n"
        "Kecamatan Barat,Kecamatan,2025,Semester II,84.30,110,A,Antrean diperpendek\n"
        "Kecamatan Barat,Kecamatan,2024,Tahunan,79.00,150,,\n",
        encoding="utf-8",
    )
    assert page.year is None and "belum berisi data" in page.title_label.text()
    summaries = []
    acts = [a for a in page.add_button.menu().actions() if not a.isSeparator()]
    assert acts == [page.add_files_action, page.add_folder_action, page.template_action]
    driver = drive(
        qtbot,
        page.add_files_action,
        [
            files_step(src, [a.name, b.name, sheet.name]),
            choose("unitNew"),  # Puskesmas Alpha: a new unit
            choose("unitExisting", "Dinas Kesehatan"),  # "Dinkes" is the city's Dinas Kesehatan
            choose("unitNew"),  # Kecamatan Barat
            "summaryClose",
        ],
    )
    assert not driver.buttons
    units = {u.nama for u in svc.units()}
    assert units == {"Dinas Kesehatan", "Puskesmas Alpha", "Kecamatan Barat"}  # "Dinkes" never made
    y = svc.summary()
    assert y.tahun == 2025 and page.year_combo.currentText() == "2025"
    got = [
        [page.proxy.index(r, c).data() for c in (COL_RANK, COL_UNIT, COL_IKM, COL_PREV)]
        for r in range(page.proxy.rowCount())
    ]
    want = [
        [angka(u.rank), u.figure.unit, angka(u.figure.ikm_2dp, 2), angka(u.previous.ikm_2dp, 2) if u.previous else "–"]
        for u in y.units
    ]
    assert got == want and len(got) == 3
    assert page.ikm_label.text() == angka(y.ikm_2dp, 2) and page.mutu_label.text() == y.kategori.mutu
    assert "3 unit melapor" in page.facts_label.text() and "0 belum melapor" in page.facts_label.text()
    assert page.tabs.tabText(1) == f"Pemeriksaan ({len(y.checks)})" and y.checks  # 84,30 published as A
    shown = [page.check_table.item(r, 5).text() for r in range(page.check_table.rowCount())]
    assert shown == [c.message for c in y.checks]
    # the unit's detail: its periods, where it came from, its RTL
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, COL_UNIT).data() == "Kecamatan Barat")
    page.view.selectRow(row)
    assert "ringkasan" in page.detail_source.text() and "ringkasan.csv" in page.detail_source.text()
    assert page.period_table.rowCount() == 2 and "Antrean diperpendek" in page.detail_rtl.text()
    # search and kelompok filter
    page.search.setText("alpha")
    assert page.proxy.rowCount() == 1 and page.count_label.text() == "1 dari 3 unit"
    page.search.clear()
    page.kelompok_combo.setCurrentIndex(page.kelompok_combo.findData("Kecamatan"))
    assert page.proxy.rowCount() == 1

    # the same files again: nothing changes, the summary dialog says why
    drive(qtbot, operator_does(lambda: summaries.append(page.add_paths([str(a), str(sheet)]))), ["summaryClose"])
    assert [r.status for r in summaries[-1].results] == ["dilewati", "dilewati"]
    assert {u.nama for u in svc.units()} == units


def test_unknown_unit_skipped_stores_nothing_and_refusal_is_listed(qtbot, city, tmp_path):
    page, svc = city
    unit_db(tmp_path / "a.db", "Puskesmas Alpha", "Semester I 2025", dt.date(2025, 1, 1), dt.date(2025, 6, 30), 3)
    (tmp_path / "rusak.skm").write_bytes(b"bukan paket")  # the folder: a.skm, rusak.skm (a.db is no data file)
    out = []
    drive(qtbot, operator_does(lambda: out.append(page.add_paths([str(tmp_path)]))), ["unitSkip", "summaryClose"])
    [skipped, refused] = out[0].results
    assert skipped.status == refused.status == "ditolak" and skipped.unknown_units == ("Puskesmas Alpha",)
    assert "rusak.skm" in refused.alasan and {u.nama for u in svc.units()} == {"Dinas Kesehatan"}
    assert page.year is None


def test_unit_choice_starts_with_nothing_chosen(qtbot):
    from skm_desktop.ui.rekap.dialogs import UnitChoiceDialog

    d = UnitChoiceDialog("a.skm", ("Puskesmas Alfa",), ["Puskesmas Alpha", "Dinas Kesehatan"])
    qtbot.addWidget(d)
    ok = d.findChild(QPushButton, "unitOk")
    assert not ok.isEnabled() and d.combo.currentIndex() == -1 and not d.combo.isEnabled()
    d.existing.setChecked(True)
    assert d.combo.isEnabled() and not ok.isEnabled()  # a unit must still be picked
    d.combo.setCurrentIndex(0)
    assert ok.isEnabled() and d.choice() == ("Puskesmas Alpha", False)
    d.new.setChecked(True)
    assert ok.isEnabled() and not d.combo.isEnabled() and d.choice() == (None, True)
    many = UnitChoiceDialog("r.csv", ("A", "B"), ["Dinas Kesehatan"])
    qtbot.addWidget(many)
    assert not many.existing.isEnabled()  # several names: only new units, or skip the file


def test_settings_dialog_stores_target_kelompok_sasaran_and_asks_before_losing(qtbot, city, tmp_path):
    page, svc = city
    sheet = tmp_path / "r.csv"
    sheet.write_text("unit,kelompok,tahun,ikm,responden\nDinas Kesehatan,Dinas,2025,82.00,90\n", encoding="utf-8")
    svc.add_files([sheet])
    page.reload()
    from skm_desktop.ui.rekap.dialogs import PengaturanRekapDialog

    dlg = PengaturanRekapDialog(svc, 2025, page)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg, timeout=5000)
    t = dlg.table
    t.setCurrentCell(0, 2)
    t.setFocus()
    qtbot.keyClick(t, "1")  # typing on a cell opens its editor, which takes the rest
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "20")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    t.setCurrentCell(0, 1)
    t.setFocus()
    qtbot.keyClick(t, Qt.Key.Key_F2)  # the kelompok cell's editor: a list of the kelompok names
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.currentText() == "Dinas"
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next name in the list: Badan
    assert t.item(0, 1).text() == "Badan"
    assert dlg.has_unsaved()
    dlg.sasaran.setText("85,5")
    qtbot.keyClick(dlg.sasaran, Qt.Key.Key_Return)  # Enter stores (Simpan is the default button)
    assert svc.targets(2025) == {"Dinas Kesehatan": 120} and svc.sasaran(2025) == Decimal("85.5")
    assert {u.nama: u.kelompok for u in svc.units()} == {"Dinas Kesehatan": "Badan"}
    assert not dlg.has_unsaved() and "Tersimpan" in dlg.message.text()
    # a refused target is named and nothing else is lost
    t.item(0, 2).setText("banyak")
    qtbot.mouseClick(dlg.findChild(QPushButton, "pengaturanSimpan"), Qt.MouseButton.LeftButton)
    assert "bukan bilangan bulat" in dlg.message.text() and svc.targets(2025) == {"Dinas Kesehatan": 120}
    # closing with a change not stored asks; "Kembali" keeps the dialog and the typing
    t.item(0, 2).setText("130")
    timer = click_message_button(qtbot, "Kembali")
    dlg.reject()
    timer.stop()
    assert dlg.isVisible() and t.item(0, 2).text() == "130"
    timer = click_message_button(qtbot, "Tutup")
    dlg.reject()
    timer.stop()
    assert not dlg.isVisible() and svc.targets(2025) == {"Dinas Kesehatan": 120}
    page.reload()
    y = svc.summary(2025)
    assert y.sasaran is not None and "sasaran 85,50" in page.facts_label.text()
    assert page.proxy.index(0, 7).data() == "120"


def test_a_target_is_read_the_indonesian_way_whole_numbers_only(qtbot, city, tmp_path):
    """ "1.500" is 1500; "1.5" and "1.50" (not thousands groups) and "12,5" are refused,
    named, and the stored target stays."""
    page, svc = city
    sheet = tmp_path / "r.csv"
    sheet.write_text("unit,kelompok,tahun,ikm,responden\nDinas Kesehatan,Dinas,2025,82.00,90\n", encoding="utf-8")
    svc.add_files([sheet])
    from skm_desktop.ui.rekap.dialogs import PengaturanRekapDialog

    dlg = PengaturanRekapDialog(svc, 2025, page)
    qtbot.addWidget(dlg)
    dlg.show()
    save = dlg.findChild(QPushButton, "pengaturanSimpan")
    dlg.table.item(0, 2).setText("1.500")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert svc.targets(2025) == {"Dinas Kesehatan": 1500} and "Tersimpan" in dlg.message.text()
    for typed in ("1.5", "1.50", "12,5", "2.5000"):
        dlg.table.item(0, 2).setText(typed)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert f"Dinas Kesehatan: target '{typed}' bukan bilangan bulat" in dlg.message.text()
        assert svc.targets(2025) == {"Dinas Kesehatan": 1500}
    dlg.done(0)


def test_the_hints_name_the_buttons_the_page_has(qtbot, city, tmp_path):
    """The empty page and the trend note send the operator to buttons and menu items that
    exist, by the names they show."""
    page, svc = city
    shown = page.add_button.text().replace("&", "")
    assert f"“{shown}”" in page.facts_label.text()
    sheet = tmp_path / "r.csv"
    sheet.write_text("unit,kelompok,tahun,ikm,responden\nDinas Kesehatan,Dinas,2025,82.00,90\n", encoding="utf-8")
    svc.add_files([sheet])
    page.reload()
    page.tabs.setCurrentIndex(2)  # the trend tab, where the note is
    path = f"{page.settings_button.text().replace('&', '')} › {page.settings_action.text()}"
    assert path in page.trend_note.text()
    from skm_desktop.ui.rekap.dialogs import PengaturanRekapDialog

    dlg = PengaturanRekapDialog(svc, 2025, page)
    qtbot.addWidget(dlg)
    assert page.settings_action.text().rstrip("…") in dlg.windowTitle()
    labels = [lab.text() for lab in dlg.findChildren(QLabel)]
    assert any(t.startswith("Sasaran IKM daerah tahun 2025") for t in labels)
    assert not any("kota" in t for t in labels)
    assert "kota" not in page.title_label.text() + page.trend_chart._title  # a province recaps too


def test_adding_data_and_closing_the_settings_read_the_recap_once(qtbot, city, tmp_path, monkeypatch):
    """Adding data reloads the page once (through setupChanged); closing the settings dialog
    reloads only when something was saved there."""
    page, svc = city
    reads = []
    real = page.reload
    monkeypatch.setattr(page, "reload", lambda: (reads.append(1), real())[1])
    sheet = tmp_path / "r.csv"
    sheet.write_text("unit,kelompok,tahun,ikm,responden\nDinas Kesehatan,Dinas,2025,82.00,90\n", encoding="utf-8")
    drive(qtbot, operator_does(lambda: page.add_paths([str(sheet)])), ["summaryClose"])
    assert len(reads) == 1 and page.year is not None and page.year.tahun == 2025

    def close_settings(change: bool):
        def step():
            dlg = QApplication.activeModalWidget()
            if change:
                dlg.table.item(0, 2).setText("90")
                qtbot.mouseClick(dlg.findChild(QPushButton, "pengaturanSimpan"), Qt.MouseButton.LeftButton)
            qtbot.mouseClick(dlg.findChild(QPushButton, "pengaturanTutup"), Qt.MouseButton.LeftButton)

        QTimer.singleShot(0, step)
        page.settings_action.trigger()

    reads.clear()
    close_settings(change=False)
    assert reads == []
    close_settings(change=True)
    assert len(reads) == 1 and svc.targets(2025) == {"Dinas Kesehatan": 90}
    assert page.proxy.index(0, 7).data() == "90"


def test_a_summary_units_detail_reads_its_sources_once(qtbot, city, tmp_path, monkeypatch):
    page, svc = city
    sheet = tmp_path / "r.csv"
    sheet.write_text("unit,kelompok,tahun,ikm,responden\nDinas Kesehatan,Dinas,2025,82.00,90\n", encoding="utf-8")
    svc.add_files([sheet])
    page.reload()
    calls = []
    real = page.svc.sumber_ringkasan
    monkeypatch.setattr(page.svc, "sumber_ringkasan", lambda *a: (calls.append(a), real(*a))[1])
    page.view.clearSelection()
    page.view.selectRow(0)
    assert calls == [("Dinas Kesehatan", 2025)]
    assert "r.csv" in page.detail_source.text()


def test_recap_documents_from_the_page(qtbot, city, tmp_path):
    """Buat dokumen… › Laporan rekap (PDF), Tabel rekap (Excel), Ekspose: each written in the
    background from the year chosen on the page, and opened."""
    from tests.helpers.dialogs import file_step

    page, svc = city
    sheet = tmp_path / "ringkasan.csv"
    sheet.write_text(
        "unit,kelompok,tahun,periode,ikm,responden\n"
        "Kecamatan Barat,Kecamatan,2025,Tahunan,80.10,100\n"
        "Kelurahan Timur,Kelurahan,2025,Tahunan,88.40,120\n",
        encoding="utf-8",
    )
    svc.add_files([sheet], baru=True)
    page.reload()
    opened = []
    page.opener = lambda p: opened.append(p)
    y = svc.summary(2025)
    for (kind, suffix), act in page.doc_actions.items():
        out = tmp_path / f"{kind}{suffix}"
        drive(qtbot, act, [file_step(out)])
        qtbot.waitUntil(lambda o=out: o.exists(), timeout=60000)
    assert [p.name for p in opened] == ["rekap.pdf", "rekap.xlsx", "rekap.docx", "ekspose.pdf"]
    import subprocess

    text = subprocess.run(["pdftotext", str(tmp_path / "rekap.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Kelurahan Timur" in text and angka(y.ikm_2dp, 2) in text
