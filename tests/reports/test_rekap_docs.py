"""The recap documents (issue #15): the rekap laporan PDF and XLSX and the exposé hold
exactly the figures of RekapService's summary (domain.rekap), read back from the
files as a reader would (pdftotext, openpyxl, LibreOffice)."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from skm_desktop.domain import rekap
from skm_desktop.domain.formatting import angka
from skm_desktop.domain.rekap import mutu_of
from skm_desktop.services import ServiceError, documents, rekap_dokumen
from skm_desktop.services.rekap import RekapService
from tests.helpers.rekap_kota import FIXTURE, make_kota, raw_unit

from .conftest import flat, pdftotext, soffice


@pytest.fixture
def kota(db, tmp_path):
    return make_kota(db, tmp_path)


def rekap_mutu(x) -> str:
    return mutu_of(x).mutu


def a2(x) -> str:
    return angka(x, 2) if x is not None else "–"


def _pages(pdf: Path) -> list[str]:
    text = pdftotext(pdf)
    return [flat(p) for p in text.split("\f")]


def test_rekap_pdf_holds_the_summary(db, kota, tmp_path):
    y = kota.summary(2023)
    prev = kota.summary(2022)
    out = documents.build(db, "rekap", tmp_path / "rekap.pdf", None, tahun=2023)
    pages = _pages(out)
    text = " ".join(pages)
    assert f"IKM tahun 2023 adalah {a2(y.ikm_2dp)}, mutu pelayanan {y.kategori.mutu} ({y.kategori.kinerja})" in text
    # pdftotext places lone centred dashes (no figure) out of order: compare the figures' sequence
    ranking = flat(" ".join(p for p in pages if "Peringkat IKM unit pelayanan tahun 2023" in p).replace("–", " "))
    prev2 = {u.figure.unit: u.previous for u in prev.units}
    for u in y.units:
        p1, p2 = u.previous, prev2.get(u.figure.unit)
        change = {"naik": "Naik", "turun": "Turun", "tetap": "Tetap", None: "–"}[u.change]
        sel = "–" if u.selisih_2dp is None else ("+" if u.selisih_2dp > 0 else "") + a2(u.selisih_2dp)
        row = (
            f"{u.rank} {u.figure.unit} {u.figure.kelompok} {a2(u.figure.ikm_2dp)} {u.figure.mutu} "
            f"{a2(p1.ikm_2dp if p1 else None)} {p1.mutu if p1 else '–'} "
            f"{a2(p2.ikm_2dp if p2 else None)} {p2.mutu if p2 else '–'} {change} {sel}"
        )
        assert flat(row.replace("–", " ")) in ranking, row
    # the per-unit table (read in layout mode: one printed row per line): every unit's
    # period rows, then its annual row, in rank order
    layout = [p for p in pdftotext(out, "-layout").split("\f") if "Nilai per unsur" in p]
    lines = [ln for p in layout for ln in p.splitlines()]
    units = " ".join(p for p in pages if "Nilai per unsur" in p)  # reading order: whole names
    expected = []
    for u in y.units:
        f = u.figure
        assert f.unit in units, f.unit
        expected += [
            rf"{p.periode}\s+"
            + "".join(
                rf"{re.escape(a2(rekap.two_dp(p.unsur[c])))}\s+" for c in sorted(p.unsur, key=lambda k: int(k[1:]))
            )
            + rf"{re.escape(a2(p.ikm_2dp))}\s+{rekap_mutu(p.ikm)}\b"
            for p in f.periods
            if p.periode != "Tahunan"  # a whole-year period is the annual row itself
        ]
        expected.append(rf"{re.escape(a2(f.ikm_2dp))}\s+{f.mutu}\s+{re.escape(angka(f.responden))}\b")
    pos = 0
    for pat in expected:  # in this order, each on its own line
        while pos < len(lines) and not re.search(pat, lines[pos]):
            pos += 1
        assert pos < len(lines), pat
        pos += 1
    assert "Puskesmas Data Mentah" in units and "data responden" in units
    c = y.changes
    assert f"{c.naik} unit naik, {c.turun} unit turun, {c.tetap} unit tetap" in text
    for pair, n in c.mutu_transitions.items():
        assert f"{pair.replace('->', '→')} {n}" in re.sub(r"\s*→\s*", "→", text)  # pdftotext drops the spaces
    belum = next(p for p in pdftotext(out, "-layout").split("\f") if "belum menyampaikan" in p)
    assert y.not_reported == ("UPT Belum Lapor",)
    for i, name in enumerate(y.not_reported, 1):
        assert re.search(rf"^\s*{i}\s+{re.escape(name)}\s*$", belum, re.M), name
    # the kesimpulan is generated from the same figures
    assert f"IKM Pemerintah Kota Uji tahun 2023 sebesar {a2(y.ikm_2dp)}" in text
    assert "Sasaran IKM tahun 2023 sebesar 88,50" in text
    # the check table is the operator's (XLSX), not in the public PDF
    assert "ringkasan tidak dipakai" not in text and "padahal" not in text


def test_rekap_landscape_table_repeats_its_header_and_keeps_each_unit_whole(db, kota, tmp_path):
    out = documents.build(db, "rekap", tmp_path / "rekap.pdf", None, tahun=2023)
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    texts = [flat(t) for t in pdftotext(out).split("\f")]
    table_pages = [i for i, t in enumerate(texts) if "U1 U2 U3" in t or "Nilai per unsur" in t]
    assert len(table_pages) >= 2
    for i in table_pages:
        box = reader.pages[i].mediabox
        assert box.width > box.height  # landscape
        assert "Nilai per unsur (konversi)" in texts[i]  # the header on every page of the table
    annual = re.compile(r"\s(Rata-rata semester|Rata-rata triwulan|Gabungan responden|Tahunan)\s")
    period = re.compile(r"\s(Semester I{1,2}|Triwulan I{1,3}V?)\s")
    layout = pdftotext(out, "-layout").split("\f")
    seen = 0
    for i in table_pages:  # a unit's rows are never split: every page holds whole units
        page = layout[i].splitlines()
        starts = [k for k, ln in enumerate(page) if re.match(r"^\s*\d+\s{2,}\S", ln)]  # a unit's number and name
        lines = [k for k, ln in enumerate(page) if annual.search(ln) or period.search(ln)]
        assert starts and lines and starts[0] <= lines[0], i  # the page begins with a unit's first row
        assert annual.search(page[lines[-1]]), i  # and ends with a unit's annual row
        lines = [page[k] for k in lines]
        assert len(starts) == sum(1 for ln in lines if annual.search(ln)), i
        seen += len(starts)
    assert seen == len(kota.summary(2023).units)
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # the cover stays portrait


def test_edited_texts_replace_the_generated_ones(db, kota, tmp_path):
    rekap_dokumen.set_teks(db, 2023, "kesimpulan", "Pelayanan membaik di hampir semua unit.")
    t = rekap_dokumen.teks(db, 2023)
    assert t["kesimpulan"][1:] == ("Pelayanan membaik di hampir semua unit.", True)
    assert t["latar_belakang"][2] is False and "Pemerintah Kota Uji" in t["latar_belakang"][1]
    text = flat(pdftotext(documents.build(db, "rekap", tmp_path / "r.pdf", None, tahun=2023)))
    assert "Pelayanan membaik di hampir semua unit." in text
    assert "IKM Pemerintah Kota Uji tahun 2023 sebesar" not in text
    rekap_dokumen.set_teks(db, 2023, "kesimpulan", "  ")  # empty: back to the generated text
    assert rekap_dokumen.teks(db, 2023)["kesimpulan"][2] is False
    with pytest.raises(ServiceError, match="tidak dikenal"):
        rekap_dokumen.set_teks(db, 2023, "bab_v", "x")
    with pytest.raises(ServiceError, match="terlalu panjang"):
        rekap_dokumen.set_teks(db, 2023, "jadwal", "x" * 20_001)
    with pytest.raises(ServiceError, match="karakter kendali"):
        rekap_dokumen.set_teks(db, 2023, "jadwal", "a\x00b")


def _xlsx_rows(path: Path, sheet: str) -> list[list]:
    wb = openpyxl.load_workbook(path)
    return [list(r) for r in wb[sheet].iter_rows(min_row=3, values_only=True)]


def test_rekap_xlsx_values_equal_the_summary_and_print_setup(db, kota, tmp_path):
    y = kota.summary(2023)
    out = documents.build(db, "rekap", tmp_path / "rekap.xlsx", None, tahun=2023)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Hasil per unit"
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$1:$2" or ws.print_title_rows == "1:2"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_area
    rows = _xlsx_rows(out, "Hasil per unit")
    annual = [r for r in rows if r[3] == "Tahunan"]
    assert [(r[0], r[1]) for r in annual] == [(i, u.figure.unit) for i, u in enumerate(y.units, 1)]
    n = len(annual[0]) - 13  # unsur columns
    for r, u in zip(annual, y.units):
        assert Decimal(str(r[4 + n])) == u.figure.ikm_2dp and r[5 + n] == u.figure.mutu
        assert r[7 + n] == u.figure.responden and r[8 + n] == u.figure.target
    periods = [(r[1], r[3], Decimal(str(r[4 + n]))) for r in rows if r[3] != "Tahunan"]
    assert periods == [
        (u.figure.unit, p.periode, p.ikm_2dp) for u in y.units for p in u.figure.periods if p.periode != "Tahunan"
    ]
    rank = _xlsx_rows(out, "Peringkat")
    assert [(r[0], r[1], Decimal(str(r[2]))) for r in rank] == [
        (u.rank, u.figure.unit, u.figure.ikm_2dp) for u in y.units
    ]
    summ = {r[0]: r[1] for r in _xlsx_rows(out, "Ringkasan")}
    assert Decimal(str(summ["IKM daerah"])) == y.ikm_2dp and summ["Mutu"] == y.kategori.mutu
    assert (summ["Naik"], summ["Turun"], summ["Tetap"]) == (y.changes.naik, y.changes.turun, y.changes.tetap)
    assert [r[1] for r in _xlsx_rows(out, "Belum melapor")] == list(y.not_reported)
    means = rekap.unsur_means([u.figure for u in y.units])
    assert [(r[0], Decimal(str(r[2]))) for r in _xlsx_rows(out, "Unsur")] == [(m.kode, m.konversi_2dp) for m in means]
    assert [(r[0], r[1], r[2]) for r in _xlsx_rows(out, "Tren")][-1] == (2023, 88.5, float(y.ikm_2dp))
    checks = _xlsx_rows(out, "Pemeriksaan")
    assert [(r[0], r[1], r[2], r[3]) for r in checks] == [
        (c.unit, c.periode, c.published, c.recomputed) for c in y.checks
    ]
    assert y.checks  # the reference's own disagreements are there


@pytest.mark.sqlite_only  # LibreOffice reads the file; the figures are checked on both engines above
def test_libreoffice_reads_the_same_values(db, kota, tmp_path):
    y = kota.summary(2023)
    out = documents.build(db, "rekap", tmp_path / "rekap.xlsx", None, tahun=2023)
    soffice(out, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76")
    with open(tmp_path / "rekap.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[2:]
    annual = [r for r in rows if r[3] == "Tahunan"]
    n = len(annual[0]) - 13
    assert [(r[1], r[4 + n], r[5 + n]) for r in annual] == [
        (u.figure.unit, str(u.figure.ikm_2dp), u.figure.mutu) for u in y.units
    ]


def test_ekspose_is_one_full_landscape_page(db, kota, tmp_path):
    y = kota.summary(2023)
    out = documents.build(db, "ekspose", tmp_path / "e.pdf", None, tahun=2023)
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    assert len(reader.pages) == 1 and reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    text = flat(pdftotext(out))
    assert a2(y.ikm_2dp) in text and f"Mutu {y.kategori.mutu} · {y.kategori.kinerja}" in text
    assert "Sasaran: 88,50" in text and "TERCAPAI" in text
    for m, n in y.mutu_counts.items():
        assert f"{m} {n} unit" in text
    assert f"▲ {y.changes.naik} naik" in text and f"▼ {y.changes.turun} turun" in text
    # the two tables side by side, each read on its own (pdftotext -x/-W crop, in points)
    top = flat(pdftotext(out, "-x", "230", "-y", "250", "-W", "290", "-H", "345"))
    low = flat(pdftotext(out, "-x", "520", "-y", "250", "-W", "322", "-H", "345"))
    for u in y.units[:5]:
        assert f"{u.rank} {u.figure.unit} {a2(u.figure.ikm_2dp)} {u.figure.mutu}" in top
    for u in y.units[-5:]:
        assert f"{u.rank} {u.figure.unit} {a2(u.figure.ikm_2dp)} {u.figure.mutu}" in low
    # fills the page: the lowest text sits near the bottom margin
    bbox = pdftotext(out, "-bbox")
    ys = [float(v) for v in re.findall(r'yMax="([\d.]+)"', bbox)]
    assert max(ys) > 0.85 * float(reader.pages[0].mediabox.height)


def test_refusals_name_what_is_wrong(db, kota, tmp_path):
    with pytest.raises(ServiceError, match="ekspose dapat dibuat sebagai PDF; format XLSX hanya untuk"):
        documents.build(db, "ekspose", tmp_path / "e.xlsx", None, tahun=2023)
    with pytest.raises(ServiceError, match="Belum ada unit dengan angka IKM tahun 2030"):
        documents.build(db, "rekap", tmp_path / "r.pdf", None, tahun=2030)
    with pytest.raises(ServiceError, match="Folder tujuan"):
        documents.build(db, "rekap", tmp_path / "tidak-ada" / "r.pdf", None, tahun=2023)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx")) == []


def test_cli_report_rekap_and_ekspose(db_target, db, kota, tmp_path):
    from skm_desktop.cli import main

    db.close()
    for kind, name in (("rekap", "r.pdf"), ("rekap", "r.xlsx"), ("ekspose", "e.pdf")):
        assert (
            main(["report", "--db", str(db_target), "--kind", kind, "--tahun", "2023", "--out", str(tmp_path / name)])
            == 0
        )
        assert (tmp_path / name).stat().st_size > 1000
    assert main(["report", "--db", str(db_target), "--kind", "ekspose", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_one_raw_unit_first_year_pooled_headline(db, tmp_path):
    """A first recap: one unit with raw respondents, nothing to compare with; the pooled headline."""
    raw_unit(db, "Puskesmas Tunggal", 2024, 20)
    svc = RekapService(db)
    svc.set_headline("pooled")
    y = svc.summary()
    assert y.headline == "pooled" and y.ikm_pooled is not None
    text = flat(pdftotext(documents.build(db, "rekap", tmp_path / "r.pdf", None)))
    assert f"IKM tahun 2024 adalah {a2(y.ikm_2dp)}" in text and "gabungan seluruh responden" in text
    assert "perubahan belum dapat dihitung" in text and "Semua unit yang terdaftar telah menyampaikan" in text
    ek = flat(pdftotext(documents.build(db, "ekspose", tmp_path / "e.pdf", None)))
    assert "Belum ada unit dengan IKM tahun 2023 untuk dibandingkan" in ek and "IKM terendah" not in ek
    # no sasaran typed in: that part is left out, never the program's state printed
    assert "belum diisi" not in ek and "Sasaran vs realisasi" not in ek and f"IKM tahun 2024: {a2(y.ikm_2dp)}" in ek


def test_semester_rows_print_their_own_unsur_values_and_respondents(db, kota, tmp_path):
    """As the published recaps do: each semester row shows the u1…u9 and responden the
    unit sent for it, so a reader can see the annual row is their mean."""
    out = documents.build(db, "rekap", tmp_path / "rekap.pdf", None, tahun=2023)
    layout = pdftotext(out, "-layout")
    rows = list(csv.DictReader(FIXTURE.open(encoding="utf-8"), delimiter=";"))
    checked = 0
    for r in rows:
        if r["tahun"] != "2023" or not r["periode"].startswith("Semester") or not r["u1"]:
            continue
        values = [a2(Decimal(r[f"u{i}"].replace(",", "."))) for i in range(1, 10)]
        line = r"\s+".join(re.escape(v) for v in values)
        assert re.search(
            rf"Semester I{{1,2}}\s+{line}\s+\S+\s+[ABCD]\s+{re.escape(angka(int(r['responden'])))}", layout
        ), (
            r["unit"],
            r["periode"],
        )
        checked += 1
    assert checked >= 10  # the fixture has 16 such rows


def test_unit_table_header_and_rows_use_the_same_unsur_codes(db, kota, tmp_path):
    """The city's unsur means may name other codes than the rows' nine (a unit with its own
    unsur set): the per-unit table's header and values both follow RekapDokumen.unsur_codes."""
    from dataclasses import replace

    from skm_desktop.reports import rekap_xlsx

    doc = rekap_dokumen.dokumen(db, 2023)
    codes = [f"U{i}" for i in range(1, 10)]
    assert list(doc.unsur_codes) == codes
    custom = replace(doc, unsur_city=(("K1", "Keramahan", Decimal("80.00"), "B"), *doc.unsur_city[2:]))
    header, rows, annual = rekap_xlsx.unit_rows(custom)
    assert header[4:13] == codes and header[13] == "IKM"
    assert all(len(r) == len(header) for r in rows)
    first = custom.units[0]
    assert rows[annual[0]][4:13] == list(first.unsur) and rows[annual[0]][13] == first.ikm
    out = tmp_path / "kustom.pdf"
    from skm_desktop.reports import rekap as r_rekap

    r_rekap.build_pdf(custom, out, True)
    table = " ".join(p for p in _pages(out) if "Hasil SKM per unit pelayanan tahun" in p)
    assert all(re.search(rf"\b{c}\b", table) for c in codes) and "K1" not in table


@pytest.mark.parametrize("n", [4, 5, 7, 9])
def test_ekspose_lowest_table_never_repeats_a_unit_of_the_highest(db, kota, tmp_path, n):
    """With 6–9 units the lowest table holds only the units after the top five; with five
    or fewer there is no lowest table."""
    from dataclasses import replace

    from skm_desktop.reports import rekap_ekspose

    doc = rekap_dokumen.dokumen(db, 2023)
    assert len(doc.ranking) >= 9
    small = replace(doc, ranking=doc.ranking[:n])
    out = rekap_ekspose.build_pdf(small, tmp_path / f"e{n}.pdf", True)
    text = flat(pdftotext(out))
    for r in small.ranking:
        assert len(re.findall(rf"(?<!\w){re.escape(r.unit)}(?!\w)", text)) == 1, r.unit
    assert ("IKM terendah" in text) == (n > 5)


def test_a_unit_counted_from_its_package_shows_no_method_of_its_ignored_summary_rows(db, tmp_path):
    raw_unit(db, "Puskesmas Ganda", 2024, 20)
    sheet = tmp_path / "r.csv"
    sheet.write_text(
        "unit,tahun,ikm,metode\nPuskesmas Ganda,2024,70,kios\nKelurahan Lain,2024,85,online\n", encoding="utf-8"
    )
    svc = RekapService(db)
    assert {r.status for r in svc.add_files([sheet], baru=True).results} == {"ditambahkan"}
    doc = rekap_dokumen.dokumen(db, 2024)
    by_unit = {u.unit: (u.sumber, u.metode) for u in doc.units}
    assert by_unit == {"Puskesmas Ganda": ("paket", "data responden"), "Kelurahan Lain": ("ringkasan", "online")}
