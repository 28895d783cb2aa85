"""No cell the product writes is a formula unless it is the product's own.

Hostile texts go into every user-editable field; every CSV/XLSX the product
writes is produced through the services; every cell is then inspected."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.io import cells
from skm_desktop.io.tabular import FORMULA_TRIGGERS, escape_text, unescape_text
from skm_desktop.services import documents, exporting, importing, survey
from skm_desktop.storage.database import open_database

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=1+1",
    "-tidak ada-",
    "'=kutip",
    "#N/A",
]
UNIT = '=HYPERLINK("http://x","unit")'
PKG = Path(__file__).resolve().parents[2] / "skm_desktop"


def _h(i: int, tail: str = "") -> str:
    """The i-th hostile text (cycled), made unique by ``tail``."""
    return HOSTILE[i % len(HOSTILE)] + tail


@pytest.fixture
def hostile_db(tmp_path, std_set):
    """Every user-editable text of a unit, its lists, its period and its respondents is hostile."""
    path = tmp_path / "jahat.db"
    db = open_database(path)
    unsur = tuple(
        replace(
            u,
            nama=_h(i, f" u{i}"),
            pertanyaan=_h(i + 1, " tanya"),
            definisi=_h(i + 2, " def"),
            labels=tuple(_h(i + k, f" l{k}") for k in range(4)),
        )
        for i, u in enumerate(std_set.unsur)
    )
    us = UnsurSet(unsur=unsur, mode=std_set.mode)
    with db.session() as s:
        u = survey.create_unit(
            s,
            UNIT,
            alamat="+62 jalan",
            kota="-kota-",
            pejabat_nama="@pejabat",
            pejabat_jabatan="=jabatan",
            pejabat_nip="-19800101",
        )
        survey.set_options(s, u.id, "jenis_kelamin", ['=HYPERLINK("http://x","L")', "+P"])
        survey.set_options(s, u.id, "pendidikan", [_h(i, f" p{i}") for i in range(len(HOSTILE))])
        survey.set_options(s, u.id, "pekerjaan", [_h(i, f" k{i}") for i in range(len(HOSTILE))])
        for i in range(4):
            survey.add_layanan(s, u.id, _h(i, f" layanan{i}"))
        p = survey.create_periode(s, u.id, "=periode()", us, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        pid, uid = p.id, u.id
    with db.read_session() as s:
        opts = survey.options(s, uid)
    for no in range(1, 41):
        i = no - 1
        rec = RespondentRecord(
            no_kuesioner=no,
            answers=tuple((i + k) % 4 + 1 for k in range(len(unsur))),
            tanggal=dt.date(2024, 3, 1 + i % 28),
            layanan=opts.layanan[i % len(opts.layanan)],
            jenis_kelamin=opts.jenis_kelamin[i % 2],
            usia=20 + i,
            pendidikan=opts.pendidikan[i % len(opts.pendidikan)],
            pekerjaan=opts.pekerjaan[i % len(opts.pekerjaan)],
            saran=HOSTILE[i % len(HOSTILE)],
            batch=HOSTILE[(i + 3) % len(HOSTILE)],
            operator=HOSTILE[(i + 5) % len(HOSTILE)],
            sumber="kertas",
        )
        survey.save_respondent(db, pid, rec)
    yield db, pid, opts
    db.close()


def _records(db, pid):
    with db.read_session() as s:
        return [rec for _, rec in survey.load_records(s, pid)]


def _reimport(db, path: Path) -> list[RespondentRecord]:
    """Import an export into a new period of the same (hostile) unit, whose lists it uses."""
    rep = importing.import_file(db, path, UNIT, "Periode B")
    assert rep.imported == 40
    with db.read_session() as s:
        return [rec for _, rec in survey.load_records(s, survey.find_periode(s, "Periode B").id)]


def _csv_cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def _assert_text_cells_safe(path: Path, own_formulas: set[tuple[str, str]] = frozenset()) -> int:
    """No cell outside ``own_formulas`` is a formula or text a spreadsheet would take as one."""
    wb = load_workbook(path)
    checked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if (ws.title, c.coordinate) in own_formulas:
                    continue
                assert c.data_type != "f", (path.name, ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    assert not c.value or c.value[0] not in FORMULA_TRIGGERS, (ws.title, c.coordinate, c.value)
                    checked += 1
    return checked


def test_respondent_csv_export_escapes_every_text_cell_and_round_trips(tmp_path, hostile_db):
    db, pid, _ = hostile_db
    out = tmp_path / "ekspor.csv"
    assert exporting.export_respondents(db, out) == 40
    rows = _csv_cells(out)
    header = rows[0]
    for r in rows[1:]:
        for name, v in zip(header, r):
            assert not v or v[0] not in FORMULA_TRIGGERS, (name, v)
    # every text column really carried hostile text, escaped with the one leading quote
    for col in ("jenis_layanan", "jenis_kelamin", "pendidikan", "pekerjaan", "saran", "batch", "operator"):
        values = [r[header.index(col)] for r in rows[1:]]
        assert any(v.startswith("'") for v in values), col
    first = rows[1]
    assert first[header.index("saran")] == "'" + HOSTILE[0] and first[header.index("jenis_kelamin")][:2] == "'="
    assert _reimport(db, out) == _records(db, pid)  # "\r=1", "-tidak ada-", "'=kutip" … come back exactly


def test_respondent_xlsx_export_has_no_formula_and_round_trips(tmp_path, hostile_db):
    db, pid, _ = hostile_db
    out = tmp_path / "ekspor.xlsx"
    exporting.export_respondents(db, out)
    assert _assert_text_cells_safe(out) > 40 * 7
    ws = load_workbook(out)["Responden"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("saran") + 1).value == "'" + HOSTILE[0]
    assert ws.cell(11, header.index("saran") + 1).value == "#N/A"  # text, not an error value
    back = _reimport(db, out)
    # XML keeps no lone carriage return: a CR comes back as a line feed, everything else exactly
    original = [
        r.with_(
            saran=r.saran.replace("\r", "\n"),
            batch=r.batch.replace("\r", "\n"),
            operator=r.operator.replace("\r", "\n"),
        )
        for r in _records(db, pid)
    ]
    assert back == original


def test_template_has_no_formula_and_its_lists_hold_no_injected_text(tmp_path, hostile_db):
    db, _, opts = hostile_db
    out = tmp_path / "templat.xlsx"
    exporting.export_template(db, out)
    assert _assert_text_cells_safe(out) > 20
    wb = load_workbook(out)
    info = wb["Petunjuk"]
    assert info["B2"].value == escape_text('=HYPERLINK("http://x","unit")')
    assert info["B3"].value == "'=periode()"
    daftar = wb["Daftar"]
    listed = {c.value for col in daftar.iter_cols(min_row=2) for c in col if c.value is not None}
    assert {unescape_text(v) for v in listed} == set(opts.pendidikan) | set(opts.pekerjaan) | set(
        opts.jenis_kelamin
    ) | set(opts.layanan)
    ws = wb["Responden"]
    dvs = ws.data_validations.dataValidation
    assert len(dvs) >= 6
    own = re.compile(r"^(Daftar!\$[A-D]\$2:\$[A-D]\$\d+|\"kertas,kiosk,impor\"|1|4|10|120)$")
    for dv in dvs:
        for f in (dv.formula1, dv.formula2):
            assert f is None or own.match(f), f
        for text in (dv.error, dv.errorTitle, dv.prompt, dv.promptTitle):
            assert not text or not any(h.strip() in text for h in HOSTILE if len(h.strip()) > 2), text


def _olah(db, pid, out):
    return documents.build(db, "olah-data", out, pid)


def test_olah_data_xlsx_keeps_its_own_formulas_and_nothing_else(tmp_path, hostile_db):
    db, pid, _ = hostile_db
    out = _olah(db, pid, tmp_path / "olah.xlsx")
    wb = load_workbook(out)
    ws = wb["Olah Data"]
    own = {(ws.title, c.coordinate) for row in ws.iter_rows() for c in row if c.data_type == "f"}
    n = 9
    # per unsur: Σ, count, NRR, weight used, weighted NRR, conversion, mutu, four value counts and blanks;
    # and the five overall figures in column B
    assert len(own) == 12 * n + 5
    for _, ref in own:
        f = ws[ref].value
        assert ref[0] != "A" and not any(x in f for x in ("HYPERLINK", "http", "@", "periode", "+1", "1+1")), f
    assert _assert_text_cells_safe(out, own) > 0
    assert ws["A2"].value.startswith("'=HYPERLINK(")
    assert ws["A2"].data_type == "s"


def test_olah_data_formulas_are_those_of_the_same_answers_with_plain_texts(tmp_path, hostile_db, std_set):
    """User text changes no formula: a plain unit with the same answers gets formula for formula the same sheet."""
    db, pid, _ = hostile_db
    plain = open_database(tmp_path / "biasa.db")
    try:
        with plain.session() as s:
            u = survey.create_unit(s, "Puskesmas Biasa")
            p2 = survey.create_periode(s, u.id, "2024", std_set).id
        for rec in _records(db, pid):
            survey.save_respondent(plain, p2, RespondentRecord(no_kuesioner=rec.no_kuesioner, answers=rec.answers))
        a = load_workbook(_olah(db, pid, tmp_path / "jahat.xlsx"))["Olah Data"]
        b = load_workbook(_olah(plain, p2, tmp_path / "biasa.xlsx"))["Olah Data"]
    finally:
        plain.close()

    def formulas(ws):
        return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.data_type == "f"}

    fa = formulas(a)
    assert fa == formulas(b) and len(fa) == 12 * 9 + 5


# ---------------------------------------------------------------- the writer itself
def test_cells_writer_rules(tmp_path):
    wb = Workbook()
    ws = wb.active
    for j, text in enumerate(HOSTILE, start=1):
        cells.put(ws, 1, j, text)
    cells.put(ws, 2, 1, cells.Formula("=SUM(A1:A1)"))
    cells.append_row(ws, [1, 2.5, None, dt.date(2024, 1, 2), "teks"])
    with pytest.raises(ValueError):
        cells.Formula("SUM(A1)")
    with pytest.raises(cells.CellProblem, match="lembar Sheet, sel C9 .*karakter kendali"):
        cells.put(ws, 9, 3, "saran\x07bel")
    with pytest.raises(TypeError):
        cells.csv_value(cells.Formula("=1"))
    assert cells.csv_row(HOSTILE) == [escape_text(h) for h in HOSTILE]
    assert [unescape_text(v) for v in cells.csv_row(HOSTILE)] == HOSTILE
    wb.save(tmp_path / "x.xlsx")
    back = load_workbook(tmp_path / "x.xlsx").active
    assert back["A2"].data_type == "f"
    assert all(back.cell(1, j).data_type == "s" for j in range(1, len(HOSTILE) + 1))
    assert back["E3"].value == "teks" and back["A3"].value == 1


def test_control_character_refuses_xlsx_export_with_a_message(tmp_path, hostile_db):
    db, pid, _ = hostile_db
    with db.read_session() as s:
        rid, rec = survey.load_records(s, pid)[0]
    survey.update_respondent(db, rid, rec.with_(saran="ada\x01kendali"))
    out = tmp_path / "e.xlsx"
    with pytest.raises(cells.CellProblem, match="lembar Responden, sel .*2 "):
        exporting.export_respondents(db, out)
    assert not out.exists()
    exporting.export_respondents(db, tmp_path / "e.csv")  # CSV holds it


# ---------------------------------------------------------------- no writer outside io/cells.py
# all exercised above; io/problem_sheet.py (the error list of a refused import) by
# tests/ui/test_berkas_menu.py::test_error_list_xlsx_keeps_formulas_out; io/ringkasan.py (the recap's
# summary-sheet template, fixed texts through io.cells) by tests/io/test_ringkasan.py; reports/rekap_xlsx.py
# (the recap's tables, unit names through io.cells.append_row) by tests/reports/test_rekap_docs.py
WRITERS = {
    "io/respondents.py",
    "io/template.py",
    "reports/olah_data.py",
    "io/problem_sheet.py",
    "io/ringkasan.py",
    "reports/rekap_xlsx.py",
}


def test_every_spreadsheet_writer_goes_through_io_cells():
    found = set()
    for f in sorted(PKG.rglob("*.py")):
        rel = f.relative_to(PKG).as_posix()
        if rel in ("io/cells.py", "io/tabular.py", "io/xlsx_fast.py"):
            continue
        src = f.read_text(encoding="utf-8")
        tree = ast.parse(src)
        if "csv.writer" in src or "Workbook(" in src or "DictWriter" in src:
            found.add(rel)
        for node in ast.walk(tree):
            # ws.cell(r, c, value) / ws.cell(..., value=…): a raw write
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "cell":
                assert len(node.args) < 3 and not any(k.arg == "value" for k in node.keywords), (
                    f"{rel}:{node.lineno} writes a cell without io.cells"
                )
            # ws["A1"] = … / ws[f"{col}{row}"] = …
            if isinstance(node, ast.Assign) and "openpyxl" in src:
                for t in node.targets:
                    key = t.slice if isinstance(t, ast.Subscript) else None
                    if isinstance(key, ast.JoinedStr) or (
                        isinstance(key, ast.Constant) and re.fullmatch(r"[A-Z]{1,3}\d+", str(key.value))
                    ):
                        raise AssertionError(f"{rel}:{node.lineno} writes a cell without io.cells")
            # csv writer rows not through csv_row
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("writerow", "writerows")
            ):
                arg = node.args[0] if node.args else None
                assert (
                    isinstance(arg, ast.Call) and getattr(arg.func, "id", getattr(arg.func, "attr", "")) == "csv_row"
                ), f"{rel}:{node.lineno} writes a CSV row without io.cells.csv_row"
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "append"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("ws", "info", "lists", "sheet")
            ):
                raise AssertionError(f"{rel}:{node.lineno} appends a row without io.cells.append_row")
    assert found == WRITERS, "a new spreadsheet writer: route it through io/cells.py and add it to this test"
