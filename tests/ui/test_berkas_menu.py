"""Berkas > Impor…, Ekspor… and Templat impor… driven through the menu as an operator
would: the QAction is triggered and every dialog is answered by clicks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableWidget

from skm_desktop.services import survey
from skm_desktop.services.berkas import BerkasService
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.storage.database import open_database
from skm_desktop.ui import main_window as mw
from skm_desktop.ui.berkas import dialogs
from tests.helpers.dialogs import drive, file_step

HEADER = (
    "no_kuesioner;tanggal;jenis_layanan;jenis_kelamin;usia;pendidikan;pekerjaan;"
    + ";".join(f"u{i}" for i in range(1, 10))
    + ";saran"
)


def make_db(path: Path, unit: str = "Puskesmas Uji", n: int = 0) -> Path:
    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(s, unit)
        pid = survey.create_periode(
            s, u.id, "2026", standard_unsur_set(), dt.date(2026, 1, 1), dt.date(2026, 12, 31)
        ).id
        survey.add_layanan(s, u.id, "Poli Umum")
    from skm_desktop.domain.respondent import RespondentRecord

    for no in range(1, n + 1):
        survey.save_respondent(
            db,
            pid,
            RespondentRecord(
                no_kuesioner=no,
                answers=(3, 4, 2, 4, 3, 4, 4, 3, 2),
                layanan="Poli Umum",
                tanggal=dt.date(2026, 3, no % 28 + 1),
                sumber="kertas",
            ),
        )
    db.close()
    return path


def stored(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT no_kuesioner, tanggal, sumber FROM responden ORDER BY no_kuesioner").fetchall()
    finally:
        con.close()


@pytest.fixture
def window(qtbot, tmp_path):
    made = []

    def make(path: Path | None = None):
        db = open_database(path or make_db(tmp_path / "skm.db"))
        w = mw.MainWindow(db, "Rina")
        qtbot.addWidget(w)
        w.show()
        made.append((w, db))
        return w

    yield make
    for w, db in made:
        w.close()
        db.close()


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER] + rows) + "\n", encoding="utf-8")
    return path


def good_rows(first: int, n: int) -> list[str]:
    return [
        f"{no};2026-05-{no % 28 + 1:02d};Poli Umum;L;35;SMA;Swasta;4;4;3;4;3;4;3;4;4;baik"
        for no in range(first, first + n)
    ]


def test_import_good_csv_through_the_menu(qtbot, window, tmp_path):
    w = window()
    src = write_csv(tmp_path / "kiriman rekan.csv", good_rows(101, 30))
    changed = []
    w.ctx.dataChanged.connect(lambda: changed.append(True))
    seen = {}

    def look(d):  # the preview shows the mapping, the target and the row count
        seen["count"] = d.findChild(QTableWidget, "previewTable").rowCount()
        seen["rows"] = d.findChild(dialogs.QLabel, "previewRowCount").text()
        seen["target"] = d.findChild(dialogs.QLabel, "previewTarget").text()
        m = d.findChild(QTableWidget, "mappingTable")
        seen["mapping"] = {m.item(i, 0).text(): m.item(i, 1).text() for i in range(m.rowCount())}

    d = drive(qtbot, w.import_action, [file_step(src), (look, "importButton"), "okButton"])
    assert seen["rows"] == "30 baris data" and seen["count"] == 20
    assert seen["target"] == "Puskesmas Uji — periode 2026"
    assert seen["mapping"]["no_kuesioner"] == "no_kuesioner" and seen["mapping"]["u9"] == "u9"
    assert "30 kuesioner diimpor ke Puskesmas Uji — periode 2026" in d.texts[-1]
    assert [r[0] for r in stored(w.ctx.database_path)] == list(range(101, 131))
    assert changed
    # the folder is remembered for the next import
    assert QSettings().value("berkas/folder_impor", "", str) == str(tmp_path)


def test_unrecognised_column_is_shown_and_warnings_are_asked(qtbot, window, tmp_path):
    w = window()
    rows = good_rows(1, 3)
    rows[1] = rows[1].replace("2026-05-03", "2025-06-01")  # plausible, but outside the period
    src = tmp_path / "b.csv"
    src.write_text(HEADER + ";catatan_lain\n" + "\n".join(r + ";x" for r in rows) + "\n", encoding="utf-8")
    seen = {}

    def look(d):
        seen["unrec"] = d.findChild(dialogs.QLabel, "unrecognisedLabel").text()
        m = d.findChild(QTableWidget, "mappingTable")
        seen["last"] = (m.item(m.rowCount() - 1, 0).text(), m.item(m.rowCount() - 1, 1).text())

    d = drive(qtbot, w.import_action, [file_step(src), (look, "importButton"), "cancelButton"])
    assert "catatan_lain" in seen["unrec"] and seen["last"] == ("catatan_lain", "— tidak dikenali —")
    assert "2 peringatan. Simpan juga?" in d.texts[0]
    assert "Baris 3, kolom tanggal: tanggal 01-06-2025 di luar rentang periode" in d.texts[0]
    assert stored(w.ctx.database_path) == []  # cancelled: nothing stored
    d = drive(qtbot, w.import_action, [file_step(src), "importButton", "saveAnywayButton", "okButton"])
    assert "3 kuesioner diimpor" in d.texts[-1]
    assert len(stored(w.ctx.database_path)) == 3


def test_bad_file_lists_every_bad_row_and_saves_them(qtbot, window, tmp_path):
    w = window()
    rows = good_rows(1, 40)
    bad_rows = [3, 9, 17, 25, 38]  # file rows (header is row 1): data index + 2
    for r in bad_rows:
        rows[r - 2] = rows[r - 2].replace(";4;4;3;4;", ";7;4;3;4;", 1)  # u1 = 7: not 1-4
    src = write_csv(tmp_path / "salah.csv", rows)
    seen = {}
    out = tmp_path / "kesalahan.xlsx"

    def look(d):
        t = d.findChild(QTableWidget, "problemsTable")
        seen["rows"] = [
            (t.item(i, 0).text(), t.item(i, 1).text(), t.item(i, 2).text(), t.item(i, 3).text())
            for i in range(t.rowCount())
        ]
        seen["headers"] = [t.horizontalHeaderItem(j).text() for j in range(t.columnCount())]

    drive(
        qtbot,
        w.import_action,
        [file_step(src), "importButton", (look, "saveXlsxButton"), file_step(out), "closeButton", "closeButton"],
    )
    assert seen["headers"] == ["Baris", "Kolom", "Nilai", "Masalah"]
    u1 = [r for r in seen["rows"] if r[1] == "u1"]
    assert [int(r[0]) for r in u1] == bad_rows and all(r[2] == "7" for r in u1)
    assert stored(w.ctx.database_path) == []  # all or nothing
    ws = load_workbook(out).active
    got = [[c.value for c in row] for row in ws.iter_rows()]
    assert got[0] == ["Baris", "Kolom", "Nilai", "Masalah"]
    assert [r[0] for r in got[1:] if r[1] == "u1"] == bad_rows
    assert len(got) - 1 == len(seen["rows"])


def test_error_list_xlsx_keeps_formulas_out(tmp_path):
    from skm_desktop.io.problems import Problem
    from skm_desktop.services.berkas import save_problems

    out = tmp_path / "k.xlsx"
    save_problems(out, [Problem("nilai salah", 2, "saran", '=HYPERLINK("http://x")')], total=3)
    ws = load_workbook(out).active
    assert ws["C2"].value == '\'=HYPERLINK("http://x")' and ws["C2"].data_type == "s"
    assert "2 masalah lain" in ws["D3"].value


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".skm"])
def test_export_and_reimport_into_a_fresh_database(qtbot, window, tmp_path, suffix, monkeypatch):
    src = make_db(tmp_path / "asal.db", n=25)
    w = window(src)
    out = tmp_path / f"ekspor{suffix}"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    d = drive(qtbot, w.export_action, [file_step(out), "openFolderButton"])
    assert out.is_file() and "25 kuesioner periode 2026 diekspor" in d.texts[0]
    assert str(out) in d.texts[0] and opened == [str(tmp_path)]
    fresh = window(make_db(tmp_path / "baru.db"))
    d = drive(qtbot, fresh.import_action, [file_step(out), "importButton", "okButton"])
    assert d.texts[-1].startswith("25 kuesioner diimpor ke Puskesmas Uji — periode 2026")
    a, b = stored(src), stored(fresh.ctx.database_path)
    assert [r[:2] for r in a] == [r[:2] for r in b] and len(b) == 25


def test_package_of_another_unit_asks_and_stores_as_chosen(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    other = window(make_db(tmp_path / "lain.db", unit="Puskesmas Lain", n=5))
    pkg = tmp_path / "lain.skm"
    drive(qtbot, other.export_action, [file_step(pkg), "closeButton"])
    w = window()
    d = drive(qtbot, w.import_action, [file_step(pkg), "importButton", "cancelButton"])
    assert "Puskesmas Lain" in d.texts[0] and stored(w.ctx.database_path) == []
    d = drive(qtbot, w.import_action, [file_step(pkg), "importButton", "mergeUnitButton", "okButton"])
    assert "5 kuesioner diimpor ke Puskesmas Uji" in d.texts[-1]
    assert len(stored(w.ctx.database_path)) == 5


def test_closed_period_is_refused_with_nothing_stored(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    src = window(make_db(tmp_path / "asal.db", n=4))
    pkg = tmp_path / "p.skm"
    drive(qtbot, src.export_action, [file_step(pkg), "closeButton"])
    target = make_db(tmp_path / "tutup.db")
    con = sqlite3.connect(target)
    con.execute("UPDATE periode SET ditutup = 1")
    con.commit()
    con.close()
    w = window(target)
    d = drive(qtbot, w.import_action, [file_step(pkg), "importButton", "okButton"])
    assert "ditutup" in d.texts[-1] and stored(target) == []


def test_template_through_the_menu(qtbot, window, tmp_path, monkeypatch):
    w = window()
    out = tmp_path / "templat"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # the system cannot open it
    d = drive(qtbot, w.template_action, [file_step(out), "openFolderButton", "okButton"])
    written = tmp_path / "templat.xlsx"
    assert written.is_file() and str(written) in d.texts[0]
    assert "tidak dapat dibuka" in d.texts[1] and str(written) in d.texts[1]
    ws = load_workbook(written).worksheets[0]
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    assert "no_kuesioner" in [str(h).strip().lower() for h in header if h]


def test_unreadable_file_is_refused_with_a_message(qtbot, window, tmp_path):
    w = window()
    src = tmp_path / "lama.xls"
    src.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    d = drive(qtbot, w.import_action, [file_step(src), "okButton"])
    assert ".xls" in d.texts[0] and "xlsx" in d.texts[0]


def test_work_runs_in_the_background_and_names_are_plain_text(qtbot, window, tmp_path):
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    w = window()
    threads = []
    real = BerkasService.check_import

    def spy(self, *a, **k):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(self, *a, **k)

    BerkasService.check_import = spy
    try:
        src = write_csv(tmp_path / "<i>tebal.csv", good_rows(1, 2))
        seen = {}

        def look(d):
            seen["path"] = [lab for lab in d.findChildren(QLabel) if "tebal" in lab.text()][0]
            seen["fmt"] = seen["path"].textFormat()

        drive(qtbot, w.import_action, [file_step(src), (look, "importButton"), "okButton"])
    finally:
        BerkasService.check_import = real
    assert threads == [False]
    assert seen["fmt"] == Qt.TextFormat.PlainText


def test_error_list_saved_as_pdf(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    w = window()
    rows = good_rows(1, 3)
    rows[0] = rows[0].replace("Poli Umum;L;35", "Poli Umum;Q;35")
    src = write_csv(tmp_path / "salah.csv", rows)
    pdf = tmp_path / "kesalahan.pdf"
    drive(
        qtbot,
        w.import_action,
        [file_step(src), "importButton", "savePdfButton", file_step(pdf), "closeButton", "closeButton"],
    )
    assert pdf.read_bytes()[:5] == b"%PDF-" and stored(w.ctx.database_path) == []


def pick_type_and_name(path: Path, file_type: str | None):
    """Answer a save dialog as an operator: choose the "Jenis berkas" (when given), type the name."""

    def prepare(d):
        if file_type is not None:
            combo = d.findChild(QComboBox, "fileTypeCombo")
            combo.setCurrentIndex(combo.findText(file_type))
        d.findChild(QLineEdit, "fileNameEdit").setText(str(path))

    return (prepare, "fileAcceptButton")


@pytest.mark.parametrize(
    ("file_type", "suffix"), [(None, ".xlsx"), ("CSV (*.csv)", ".csv"), ("Paket SKM (*.skm)", ".skm")]
)
def test_export_name_typed_without_suffix_gets_the_chosen_formats(qtbot, window, tmp_path, file_type, suffix):
    w = window(make_db(tmp_path / "asal.db", n=3))
    typed = tmp_path / "hasil-ekspor"
    d = drive(qtbot, w.export_action, [pick_type_and_name(typed, file_type), "closeButton"])
    written = typed.with_name("hasil-ekspor" + suffix)
    assert written.is_file() and str(written) in d.texts[0]
    assert not typed.exists() and [p.name for p in tmp_path.glob("hasil-ekspor*")] == [written.name]
    if suffix == ".xlsx":
        assert load_workbook(written).worksheets[0].max_row == 4  # header + 3 questionnaires
    elif suffix == ".csv":
        assert written.read_text(encoding="utf-8-sig").count("\n") >= 4


def test_export_name_with_a_known_suffix_is_kept_whatever_the_filter(qtbot, window, tmp_path):
    w = window(make_db(tmp_path / "asal.db", n=2))
    drive(qtbot, w.export_action, [pick_type_and_name(tmp_path / "data.csv", None), "closeButton"])
    assert (tmp_path / "data.csv").is_file() and not (tmp_path / "data.csv.xlsx").exists()


def test_folder_that_cannot_be_opened_after_an_export_is_said_with_the_path(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    w = window(make_db(tmp_path / "asal.db", n=2))
    d = drive(qtbot, w.export_action, [file_step(tmp_path / "e.xlsx"), "openFolderButton", "okButton"])
    assert "tidak dapat dibuka" in d.texts[1] and str(tmp_path / "e.xlsx") in d.texts[1]
