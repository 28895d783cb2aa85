"""Documents a unit can publish as they come out (issue #14): the pre-flight check,
no app state in the printed text, blank signature lines, the period's dates from the
questionnaires, the percentages rule, and the one-page publikasi — read back from
the PDFs' extracted text."""

import datetime as dt

import pytest

from skm_desktop import cli
from skm_desktop.domain.formatting import angka, persen
from skm_desktop.services import demo, documents, importing, laporan_teks, pemeriksaan, results, survey
from skm_desktop.storage.models import Periode, Unit

from .conftest import flat, pdf_pages

#: Phrases that describe the program's state, never the survey: none may be printed.
APP_STATE = (
    "belum diisi",
    "Belum diisi",
    "(nama pejabat)",
    "(nama",
    "(rencana tindak lanjut",
    "di basis data",
    "pilihan ini",
    "dientri atau diimpor",
    "kosongkan",
)


def _bare_unit(db) -> int:
    """100 respondents, no profile at all, an imported period without dates (data October–December)."""
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Tanpa Profil")
        survey.add_layanan(s, u.id, "Pemeriksaan Umum")
        p = survey.create_periode(s, u.id, "Impor 2024", None, None, None)
        recs = demo.generate_records(100, seed=11, layanan=(("Pemeriksaan Umum", 1.0),))
        recs = [r.with_(tanggal=dt.date(2024, 10, 1) + dt.timedelta(days=i % 92)) for i, r in enumerate(recs)]
        importing.bulk_insert(s, p, recs)
        return p.id


def _fill_everything(db, pid: int) -> None:
    """The `multi` unit with a complete profile, named team and an RTL for every priority unsur."""
    with db.session() as s:
        p = s.get(Periode, pid)
        u = s.get(Unit, p.unit_id)
        u.alamat, u.telepon, u.email = "Jl. Sehat 1", "(0274) 123456", "rsud@contoh.go.id"
        u.pejabat_nip = "19700101 199503 1 002"
        laporan_teks.set_teks(s, u.id, pid, "pelaksana", "Tim SKM: dr. Ani (ketua), Budi, Citra.")
        sm = results.summary(s, pid)
        have = {r.unsur_kode for r in laporan_teks.list_rtl(s, pid)}
        for r in sm.prioritas:
            if r.kode not in have:
                laporan_teks.add_rtl(s, pid, r.kode, f"Program perbaikan {r.kode}", "TW II", "Sekretariat")


def _text(path) -> str:
    return flat("\n".join(pdf_pages(path)))


# ---------------------------------------------------------------- the pure check
def _bahan(**kw) -> pemeriksaan.Bahan:
    base = dict(
        kind="laporan",
        periode="2024",
        pejabat_nama="dr. Sari",
        pejabat_nip="19800101 200501 2 001",
        tempat="Kota Uji",
        tanggal_laporan=dt.date(2025, 1, 20),
        tanggal_periode=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        tanggal_data=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        layanan_tanpa_target=(),
        prioritas=(("U8", "Penanganan pengaduan"), ("U3", "Waktu penyelesaian")),
        rtl_unsur=frozenset({"U8", "U3"}),
        pelaksana_bawaan=False,
    )
    base.update(kw)
    return pemeriksaan.Bahan(**base)


def test_check_of_a_complete_document_finds_nothing():
    assert pemeriksaan.periksa(_bahan()) == []
    assert pemeriksaan.periksa(_bahan(kind="publikasi")) == []


def test_check_names_every_missing_item_and_where_to_fix_it():
    b = _bahan(
        pejabat_nama=" ",
        pejabat_nip="",
        tempat="",
        tanggal_laporan=None,
        tanggal_periode=(None, None),
        tanggal_data=(dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        layanan_tanpa_target=("Apotek", "Laboratorium"),
        rtl_unsur=frozenset({"U8"}),
        pelaksana_bawaan=True,
    )
    found = {t.kunci: t for t in pemeriksaan.periksa(b)}
    assert list(found) == ["pejabat", "nip", "tempat", "tanggal", "jadwal", "sampel", "pelaksana", "rtl:U3"]
    assert found["pejabat"].tempat == "Pengaturan › Profil Unit"
    assert found["sampel"].pesan == "Populasi dan target sampel belum diisi untuk layanan Apotek, Laboratorium."
    assert "1 Oktober – 31 Desember 2024" in found["jadwal"].pesan and found["jadwal"].tujuan == "pengaturan:periode"
    assert "U3 Waktu penyelesaian" in found["rtl:U3"].pesan and found["rtl:U3"].tujuan == "dokumen:rtl"
    assert found["tanggal"].baris().endswith("(isi di Dokumen › Buat dokumen › Tanggal laporan)")
    # the publikasi has no sample table and no BAB II; the blank questionnaire has nothing to check
    pub = {t.kunci for t in pemeriksaan.periksa(_bahan(**{**b.__dict__, "kind": "publikasi"}))}
    assert "sampel" not in pub and "pelaksana" not in pub and "rtl:U3" in pub
    assert pemeriksaan.periksa(_bahan(**{**b.__dict__, "kind": "kuesioner"})) == []
    assert all(t.tujuan in pemeriksaan.TUJUAN for t in found.values())


def test_check_reads_the_database(db, tmp_path):
    pid = _bare_unit(db)
    keys = [t.kunci for t in documents.preflight(db, "laporan", pid)]
    with db.read_session() as s:
        prio = [f"rtl:{r.kode}" for r in results.summary(s, pid).prioritas]
    assert keys == ["pejabat", "nip", "tempat", "jadwal", "sampel", "pelaksana", *prio]


# ---------------------------------------------------------------- the CLI
def test_cli_report_warns_and_still_makes_the_document(db, tmp_path, capsys):
    _bare_unit(db)
    out = tmp_path / "lap.pdf"
    rc = cli.main(["report", "--db", db.label, "--kind", "laporan", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 0 and out.exists()
    assert "Peringatan: Nama pejabat penandatangan belum diisi. (isi di Pengaturan › Profil Unit)" in err
    assert "Peringatan: Populasi dan target sampel belum diisi untuk layanan Pemeriksaan Umum." in err
    assert "Traceback" not in err


def test_cli_report_strict_refuses_and_writes_nothing(db, tmp_path, capsys):
    _bare_unit(db)
    folder = tmp_path / "keluar"
    folder.mkdir()
    out = folder / "pub.pdf"
    rc = cli.main(["report", "--db", db.label, "--kind", "publikasi", "--strict", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2
    assert list(folder.iterdir()) == []  # no file, no temporary left behind
    assert "NIP pejabat penandatangan belum diisi" in err and "tidak dibuat (--strict)" in err


def test_cli_report_strict_on_a_complete_unit_makes_it(db, multi, tmp_path, capsys):
    _fill_everything(db, multi)
    assert documents.preflight(db, "laporan", multi) == []
    out = tmp_path / "lap.pdf"
    rc = cli.main(["report", "--db", db.label, "--kind", "laporan", "--strict", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert out.exists()


# ---------------------------------------------------------------- no app state
@pytest.mark.parametrize("kind", ["laporan", "publikasi"])
def test_bare_unit_prints_blank_lines_never_app_state(db, tmp_path, kind):
    pid = _bare_unit(db)
    text = _text(documents.build(db, kind, tmp_path / f"{kind}.pdf", pid, invariant=True))
    for phrase in APP_STATE:
        assert phrase not in text, phrase
    # the signature lines a person fills in by hand
    assert "……………………, " in text and "NIP. ……………………………………" in text
    assert "Pimpinan Unit" in text
    # the dates come from the questionnaires, and the document says so; signed 20 days after the last one
    assert "1 Oktober – 31 Desember 2024" in text
    assert "……………………, 20 Januari 2025" in text
    if kind == "laporan":
        assert "(berdasarkan tanggal kuesioner)" in text
        # no plan: no RTL section, and the Saran does not point at one
        assert "Rencana tindak lanjut pada Bab IV" not in text
        assert "Rencana Tindak Lanjut Periode Sebelumnya" not in text  # a first period: no Lampiran 3
        assert "Rencana tindak lanjut perbaikan pelayanan" not in text
    else:
        assert "Waktu survei: 1 Oktober – 31 Desember 2024 (berdasarkan tanggal kuesioner)" in text


def test_complete_multi_layanan_unit_prints_everything(db, multi, tmp_path):
    _fill_everything(db, multi)
    text = _text(documents.build(db, "laporan", tmp_path / "l.pdf", multi, invariant=True))
    for phrase in APP_STATE:
        assert phrase not in text, phrase
    assert "Rencana tindak lanjut pada Bab IV agar dilaksanakan" in text
    assert "NIP. 19700101 199503 1 002" in text and "dr. Budi" in text
    assert "Tim SKM: dr. Ani (ketua), Budi, Citra." in text
    assert "Realisasi rencana tindak lanjut periode Semester I 2024" in text


# ---------------------------------------------------------------- the percentages rule
def _three_jobs(db, unit: str) -> int:
    """A period of three respondents, one each of PNS, TNI and POLRI (33,33 % each)."""
    with db.session() as s:
        u = survey.create_unit(s, unit, kota="Kota Uji")
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = demo.generate_records(3, seed=4)
        jobs = ("PNS", "TNI", "POLRI")
        importing.bulk_insert(s, p, [r.with_(pekerjaan=j, layanan=None) for r, j in zip(recs, jobs)])
        return p.id


def test_equal_counts_print_equal_percentages_with_the_note(db, tmp_path):
    pid = _three_jobs(db, "Kelurahan Tiga")
    lap = _text(documents.build(db, "laporan", tmp_path / "l.pdf", pid, invariant=True))
    pub = _text(documents.build(db, "publikasi", tmp_path / "p.pdf", pid, invariant=True))
    for job in ("PNS", "TNI", "POLRI"):
        assert f"{job} 1 33,33%" in lap
        assert f"{job} 1 33,33%" in pub
    assert "Jumlah 3 100,00%" in lap  # the true total, never the 99,99 of the parts
    assert "Jumlah yang tercetak 99,99% karena setiap persentase dibulatkan sendiri" in lap
    assert "pekerjaan 99,99%" in pub
    assert "33,34%" not in lap and "33,34%" not in pub


# ---------------------------------------------------------------- the publikasi
def test_publikasi_of_a_complete_unit(db, multi, tmp_path):
    _fill_everything(db, multi)
    pages = pdf_pages(documents.build(db, "publikasi", tmp_path / "p.pdf", multi, invariant=True))
    assert len(pages) == 1  # always one sheet, also with three layanan and a full RTL
    with db.read_session() as s:
        sm, per, kr = results.summary(s, multi), results.per_layanan(s, multi), results.karakteristik(s, multi)
    text = flat(pages[0])
    assert "Jl. Sehat 1, Kota Uji" in text and "Telp. (0274) 123456 · rsud@contoh.go.id" in text
    assert "Waktu survei: 1 Juli – 31 Desember 2024" in text
    assert angka(sm.ikm_konversi_2dp, 2) in text and angka(sm.ikm, 3) in text
    assert sm.mutu in text and sm.kinerja in text
    for nama, s2 in per:
        assert f"{nama} {angka(s2.respondents)} {angka(s2.ikm, 3)} {angka(s2.ikm_konversi_2dp, 2)}" in text
    # always the three lowest, whatever their mutu, each with its plan
    assert len(sm.prioritas) == 3
    for r in sm.prioritas:
        assert f"{r.kode} {r.unsur.nama}"[:18] in text and angka(r.nrr, 3) in text
    assert "Menindaklanjuti setiap pengaduan dalam 3 hari kerja" in text
    for fld in ("jenis_kelamin", "pendidikan", "pekerjaan"):
        for row in kr[fld].rows:
            assert f"{row.label} {angka(row.count)} {persen(row.percent)}" in text
    assert "NIP. 19700101 199503 1 002" in text


def test_period_dates_from_the_questionnaires(db):
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Tanggal")
        both = survey.create_periode(s, u.id, "Tanpa tanggal", None, None, None)
        half = survey.create_periode(s, u.id, "Setengah", None, dt.date(2024, 9, 1), None)
        typed = survey.create_periode(s, u.id, "Lengkap", None, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
        empty = survey.create_periode(s, u.id, "Kosong", None, None, None)
        days = (dt.date(2024, 10, 3), dt.date(2024, 11, 30), dt.date(2024, 10, 15))
        for p in (both, half, typed):
            recs = demo.generate_records(3, seed=1)
            importing.bulk_insert(s, p, [r.with_(tanggal=d, layanan=None) for r, d in zip(recs, days)])
        got = {p.nama: laporan_teks.rentang_periode(s, p) for p in (both, half, typed, empty)}
    assert got["Tanpa tanggal"] == laporan_teks.Rentang(dt.date(2024, 10, 3), dt.date(2024, 11, 30), True)
    assert got["Setengah"] == laporan_teks.Rentang(dt.date(2024, 9, 1), dt.date(2024, 11, 30), True)
    assert got["Lengkap"] == laporan_teks.Rentang(dt.date(2024, 1, 1), dt.date(2024, 3, 31), False)
    assert got["Kosong"] == laporan_teks.Rentang(None, None, False)


# ---------------------------------------------------------------- the same in the DOCX
def _docx_text(path) -> str:
    """Every paragraph and table cell of the Word document, as one flat text."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append(" ".join(c.text for c in row.cells))
    return flat("\n".join(parts))


def test_docx_of_a_bare_unit_prints_no_app_state(db, tmp_path):
    pid = _bare_unit(db)
    text = _docx_text(documents.build(db, "laporan", tmp_path / "l.docx", pid))
    for phrase in APP_STATE:
        assert phrase not in text, phrase
    assert "NIP. ……………………………………" in text and "Pimpinan Unit" in text
    assert "1 Oktober – 31 Desember 2024" in text and "(berdasarkan tanggal kuesioner)" in text
    with db.read_session() as s:
        sm = results.summary(s, pid)
    assert angka(sm.ikm_konversi_2dp, 2) in text  # the figure the engine gives


def test_docx_equal_counts_equal_percentages(db, tmp_path):
    pid = _three_jobs(db, "Kelurahan Tiga Word")
    text = _docx_text(documents.build(db, "laporan", tmp_path / "l.docx", pid))
    for job in ("PNS", "TNI", "POLRI"):
        assert f"{job} 1 33,33%" in text
    assert "Jumlah 3 100,00%" in text and "33,34%" not in text


def test_docx_of_a_complete_multi_layanan_unit(db, multi, tmp_path):
    _fill_everything(db, multi)
    text = _docx_text(documents.build(db, "laporan", tmp_path / "l.docx", multi))
    for phrase in APP_STATE:
        assert phrase not in text, phrase
    assert "NIP. 19700101 199503 1 002" in text and "Tim SKM: dr. Ani (ketua), Budi, Citra." in text
    with db.read_session() as s:
        for nama, sm in results.per_layanan(s, multi):
            assert f"{nama} {angka(sm.respondents)}" in text
