"""The laporan's method and analysis sections, read back from the PDF with pdftotext:
the worked calculation of metode-skm.md, the sample-size formula with the unit's
population, the change against the previous period, the trend chart only with two
periods, the tim pelaksana and the FKP date."""

import datetime as dt
import re
import subprocess

import pytest

from skm_desktop.domain.analisis import rumus_sampel
from skm_desktop.domain.formatting import angka
from skm_desktop.services import (
    ServiceError,
    demo,
    documents,
    importing,
    lampiran_foto,
    laporan_teks,
    results,
    survey,
)
from skm_desktop.storage.models import Periode, TargetSampel

from .conftest import flat, jpeg


def pdftext(path, layout: bool = True) -> str:
    """pdftotext's text: -layout keeps a table row on one line; without it, a cell that
    wraps over two lines is read as one piece."""
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _worked_period(db, worked, populasi=None, metode="krejcie-morgan") -> int:
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Contoh Hitung", kota="Kota Uji")
        lay = survey.add_layanan(s, u.id, "Surat Keterangan")
        p = survey.create_periode(s, u.id, "Tahun 2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = demo.generate_records(5, seed=1, layanan=(("Surat Keterangan", 1.0),))
        importing.bulk_insert(s, p, [r.with_(answers=a) for r, a in zip(recs, worked)])
        if populasi is not None or metode:
            s.add(TargetSampel(periode_id=p.id, layanan_id=lay.id, populasi=populasi, metode=metode, target=5))
        return p.id


def test_worked_calculation_equals_the_engine(db, tmp_path, worked_answers):
    pid = _worked_period(db, worked_answers, populasi=None)
    out = documents.build(db, "laporan", tmp_path / "l.pdf", pid, invariant=True)
    text = pdftext(out)
    ft = flat(text)
    with db.read_session() as s:
        sm = results.summary(s, pid)
    assert angka(sm.ikm, 3) == "3,502" and angka(sm.ikm_konversi_2dp, 2) == "87,55"
    assert "Tabel 2.4 Perhitungan IKM periode ini" in ft or "Perhitungan IKM periode ini" in ft
    for r in sm.unsur:
        row = f"{r.kode} {angka(r.total)} {angka(r.answered)} {angka(r.nrr, 3)} 0,111 {angka(r.nrr_tertimbang, 3)}"
        assert row in ft, row
    assert "U8 15 4 3,750 0,111 0,416" in ft  # the blank answer left out of U8 only
    assert "Σ NRR × bobot = IKM 3,502" in ft
    assert "IKM × 25 = IKM konversi 87,55" in ft
    assert "Mutu pelayanan (tabel interval) B (Baik)" in ft
    assert "1 ÷ 9" in ft and "0,111" in ft
    # no population stored: no formula table, and the section says nothing half-done
    assert "Perhitungan sampel minimum" not in ft
    # a single period: the trend table but no trend chart (nor its entry in the daftar gambar)
    assert "Grafik perkembangan IKM konversi" not in ft
    assert "Perkembangan IKM dari periode ke periode" in ft
    # no previous period: no change table
    assert "Perbandingan dengan Periode Sebelumnya" not in ft
    # the Likert table and the interval table
    assert "Nilai persepsi (skala 1–4) dan artinya" in ft
    assert "3,5324 – 4,00 88,31 – 100,00 A Sangat Baik" in ft


@pytest.mark.parametrize("populasi,metode", [(400, "krejcie-morgan"), (550, "slovin-10")])
def test_sample_size_formula_with_the_population(db, tmp_path, populasi, metode, worked_answers):
    pid = _worked_period(db, worked_answers, populasi=populasi, metode=metode)
    out = documents.build(db, "laporan", tmp_path / "l.pdf", pid, invariant=True)
    ft = flat(pdftext(out, layout=False))
    r = rumus_sampel(populasi, metode)
    assert r is not None
    # the table row: layanan, its population N, the worked formula, the minimum sample
    row = [ln.split() for ln in pdftext(out).splitlines() if ln.split()[:3] == ["1", "Surat", "Keterangan"]]
    assert any(x[3] == angka(populasi) and x[-1] == angka(r.sampel) for x in row), row
    assert {400: "= 384,1 ÷ 1,9578 = 196,19", 550: "= 550 ÷ 6,5 = 84,62"}[populasi] in ft
    if metode == "krejcie-morgan":
        assert r.sampel == 196
        assert "S = X²·N·P(1−P) ÷ (d²·(N−1) + X²·P(1−P))" in ft
        assert "3,841 × 400 × 0,25 ÷ (0,0025 × 399 + 3,841 × 0,25)" in ft
        assert "X² = 3,841, P = 0,5, dan d = 0,05" in ft
    else:
        assert r.sampel == 85  # metode-skm.md: N=550, e=0.10 -> 85
        assert "n = N ÷ (1 + N·e²)" in ft
        assert "550 ÷ (1 + 550 × 0,10²)" in ft
    assert f"metode {r.label}" in ft


def test_change_table_against_the_previous_period(db, multi, tmp_path):
    text = pdftext(documents.build(db, "laporan", tmp_path / "l.pdf", multi, invariant=True))
    ft = flat(text)
    with db.read_session() as s:
        prev = laporan_teks.previous_periode(s, multi)
        lalu, kini = results.summary(s, prev.id), results.summary(s, multi)
    assert "Perubahan NRR per unsur: Semester I 2024 dan Semester II 2024" in ft
    for a, b in zip(lalu.unsur, kini.unsur):
        d = b.nrr_3dp - a.nrr_3dp
        sign = "+" if d > 0 else ""
        arah = "naik" if d > 0 else "turun" if d < 0 else "tetap"
        row = f"{angka(a.nrr, 3)} {angka(b.nrr, 3)} {sign}{angka(d, 3)} {arah}"
        assert row in ft, row
    assert f"IKM konversi {angka(lalu.ikm_konversi_2dp, 2)} {angka(kini.ikm_konversi_2dp, 2)}" in ft
    # two periods plus a typed-in year: the trend chart is there, with annual and semester told apart
    assert "Grafik perkembangan IKM konversi" in ft
    legend = [ln.split() for ln in text.splitlines() if "Tahunan" in ln]
    assert ["Tahunan", "Semester"] in legend, legend
    # several layanan: the layanan × unsur table; the answers chart; the gap to mutu A
    assert "NRR per unsur menurut jenis layanan" in ft
    assert "Sebaran jawaban responden per unsur (%)" in ft
    assert "Jarak nilai setiap unsur ke mutu A" in ft
    for g in kini.unsur:
        if g.mutu == "A":
            continue
        gap = angka(max(0, 88.31 - float(g.konversi_2dp)), 2)
        assert f"{angka(g.nrr, 3)} {angka(g.konversi_2dp, 2)} {g.mutu}" in ft
        assert gap in ft


def test_tim_pelaksana_and_fkp_in_the_lampiran(db, p100, tmp_path):
    with db.session() as s:
        uid = s.get(Periode, p100).unit_id
        laporan_teks.set_teks(s, uid, None, "tim_pelaksana", "dr. Sari Dewi | Ketua\nAndi Pratama | Pengolah data\n")
        laporan_teks.set_teks(s, uid, p100, "tanggal_fkp", "11-05-2024")
        laporan_teks.add_rtl(s, p100, "U3", "Menambah loket", "TW II", "Kepala TU")
    ft = flat(pdftext(documents.build(db, "laporan", tmp_path / "l.pdf", p100, invariant=True)))
    # a first period has no Lampiran 3 (realisation of an earlier plan): the tim follows as Lampiran 3
    assert "Lampiran 3. Tim Pelaksana Survei" in ft and "Lampiran 4." not in ft
    assert "Susunan tim pelaksana survei tercantum pada Lampiran 3." in ft
    # no earlier RTL, so no Tabel L.1 before it: the team table is the first L-table
    assert "Tabel L.1 Susunan tim pelaksana survei" in ft and "Tabel L.2" not in ft
    assert "1 dr. Sari Dewi Ketua" in ft and "2 Andi Pratama Pengolah data" in ft
    assert "forum konsultasi publik (FKP) pada tanggal 11 Mei 2024" in ft


@pytest.mark.parametrize(
    "kunci,isi",
    [
        ("tanggal_fkp", "31-02-2024"),
        ("tim_pelaksana", " | Ketua"),
        ("tim_pelaksana", "x" * 300 + " | Ketua"),
        ("tim_pelaksana", "\n".join(f"Orang {i} | Anggota" for i in range(41))),
    ],
)
def test_hostile_tim_and_fkp_refused(db, p100, kunci, isi):
    with db.session() as s:
        uid = s.get(Periode, p100).unit_id
        with pytest.raises(ServiceError):
            laporan_teks.set_teks(s, uid, p100, kunci, isi)


def test_strategi_of_the_previous_rtl_in_the_lampiran(db, multi, tmp_path):
    with db.session() as s:
        prev = laporan_teks.previous_periode(s, multi)
        items = laporan_teks.list_rtl(s, prev.id)
        b = next(i for i in items if i.realisasi == "belum")
        laporan_teks.set_realisasi(
            s, b.id, "belum", "", "Anggaran belum tersedia.", "Diusulkan dalam anggaran perubahan"
        )
        # None keeps the stored strategy; a hostile length is refused
        laporan_teks.set_realisasi(s, b.id, "belum", "", "Anggaran belum tersedia.")
        with pytest.raises(ServiceError, match="Strategi penyelesaian paling panjang"):
            laporan_teks.set_realisasi(s, b.id, "belum", "", "", "x" * 1001)
    ft = flat(pdftext(documents.build(db, "laporan", tmp_path / "l.pdf", multi, invariant=True), layout=False))
    assert "Tabel L.2 Strategi penyelesaian rencana tindak lanjut periode Semester I 2024" in ft
    assert "Diusulkan dalam anggaran perubahan" in ft
    assert "U3 – Menambah petugas loket" in ft
    # the L-tables and the lampiran counted in print order: realisation, strategy, team; photos last
    with db.session() as s:
        uid = s.get(Periode, multi).unit_id
        laporan_teks.set_teks(s, uid, None, "tim_pelaksana", "dr. Budi | Ketua\n")
        lampiran_foto.add_foto(s, multi, jpeg(400, 300), "a.jpg", "Pengisian kuesioner")
    ft = flat(pdftext(documents.build(db, "laporan", tmp_path / "l2.pdf", multi, invariant=True), layout=False))
    for line in (
        "Tabel L.1 Realisasi rencana tindak lanjut periode Semester I 2024",
        "Tabel L.2 Strategi penyelesaian",
        "Tabel L.3 Susunan tim pelaksana survei",
        "Susunan tim pelaksana survei tercantum pada Lampiran 4.",
        "Lampiran 3. Realisasi Rencana Tindak Lanjut Periode Sebelumnya",
        "Lampiran 4. Tim Pelaksana Survei",
        "Lampiran 5. Dokumentasi Pelaksanaan Survei",
        "Gambar L.1 Pengisian kuesioner",
    ):
        assert line in ft, line
    assert "Lampiran 6." not in ft and "Tabel L.4" not in ft


def test_every_section_on_no_heading_at_a_page_foot_no_near_empty_page(db, multi, tmp_path):
    """With every new part present (change table, layanan × unsur, tim, FKP, strategi, photos):
    no heading is the last line of a page and no page carries fewer than three lines."""
    import io as _io

    from PIL import Image

    from skm_desktop.services import lampiran_foto

    with db.session() as s:
        uid = s.get(Periode, multi).unit_id
        laporan_teks.set_teks(s, uid, None, "tim_pelaksana", "\n".join(f"Anggota {i} | Petugas" for i in range(1, 9)))
        laporan_teks.set_teks(s, uid, multi, "tanggal_fkp", "20-01-2025")
        for i in range(3):
            b = _io.BytesIO()
            Image.new("RGB", (1600 if i != 1 else 900, 1200), (40 * i, 120, 160)).save(b, "JPEG")
            lampiran_foto.add_foto(s, multi, b.getvalue(), f"f{i}.jpg", f"Kegiatan survei {i + 1}")
    pages = pdftext(documents.build(db, "laporan", tmp_path / "l.pdf", multi, invariant=True)).split("\f")
    pages = [p for p in pages if p.strip()]
    assert any("Gambar L.3 Kegiatan survei 3" in p for p in pages)
    for i, t in enumerate(pages[1:], 2):  # the cover has no running header
        lines = [x.strip() for x in t.strip().splitlines() if x.strip()]
        body = lines[1:-1]  # without the running header and the footer
        photo_page = any(x.startswith("Gambar L.") for x in body)
        assert len(body) >= 3 or photo_page, f"page {i} carries only {body!r}"
        if "DAFTAR ISI" in t or "DAFTAR TABEL" in t or "DAFTAR GAMBAR" in t:
            continue  # the lists' entries look like headings
        last = body[-1]
        assert not re.match(r"^(\d+\.\d+|Lampiran \d+\.) [A-Z]", last), f"heading {last!r} at the foot of page {i}"
        assert not re.match(r"^Tabel (\d+|L)\.\d+ ", last), f"table caption {last!r} alone at the foot of page {i}"


def test_worked_calculation_with_an_unanswered_unsur(db, tmp_path, worked_answers):
    """U9 answered by nobody: its row says it is left out, the others carry the
    renormalised weight (0,111 over 8 × 0,111 = 0,125) and Σ is still the engine's IKM."""
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Tanpa Sarana")
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = demo.generate_records(5, seed=2)
        importing.bulk_insert(
            s, p, [r.with_(answers=a[:8] + (None,), layanan=None) for r, a in zip(recs, worked_answers)]
        )
        pid = p.id
    ft = flat(pdftext(documents.build(db, "laporan", tmp_path / "l.pdf", pid, invariant=True)))
    with db.read_session() as s:
        sm = results.summary(s, pid)
    assert "U9 0 0 – tidak dihitung –" in ft
    assert f"U1 16 5 3,200 0,125 {angka(sm.by_kode('U1').nrr_tertimbang, 3)}" in ft
    assert f"Σ NRR × bobot = IKM {angka(sm.ikm, 3)}" in ft
    assert f"IKM × 25 = IKM konversi {angka(sm.ikm_konversi_2dp, 2)}" in ft


def test_hostile_stored_fkp_date_refused_with_its_name(db, p100, tmp_path):
    from skm_desktop.storage.models import Teks

    with db.session() as s:
        s.add(Teks(unit_id=s.get(Periode, p100).unit_id, periode_id=p100, kunci="tanggal_fkp", isi="kemarin sore"))
    with pytest.raises(ServiceError, match="Tanggal forum konsultasi publik 'kemarin sore' tidak sah"):
        documents.build(db, "laporan", tmp_path / "l.pdf", p100, invariant=True)
    assert not (tmp_path / "l.pdf").exists()


def test_worked_calculation_in_the_docx(db, tmp_path, worked_answers):
    """The Word laporan carries the same worked calculation as the PDF: every unsur's
    total, respondents, NRR and weighted NRR, Σ = IKM and × 25 = konversi."""
    import docx

    pid = _worked_period(db, worked_answers, populasi=None)
    d = docx.Document(str(documents.build(db, "laporan", tmp_path / "l.docx", pid)))
    parts = [p.text for p in d.paragraphs] + [" ".join(c.text for c in row.cells) for t in d.tables for row in t.rows]
    ft = flat("\n".join(parts))
    with db.read_session() as s:
        sm = results.summary(s, pid)
    for r in sm.unsur:
        row = f"{r.kode} {angka(r.total)} {angka(r.answered)} {angka(r.nrr, 3)} 0,111 {angka(r.nrr_tertimbang, 3)}"
        assert row in ft, row
    assert "Σ NRR × bobot = IKM 3,502" in ft and "IKM × 25 = IKM konversi 87,55" in ft
