"""The laporan PDF: figures equal to services.results, Indonesian formats,
page numbers of the lists, page count, reproducibility."""

import re

import pytest

from skm_desktop.domain.formatting import angka, persen
from skm_desktop.reports.common import roman
from skm_desktop.services import documents, results

from .conftest import flat, pdf_layout_pages, pdf_pages


def _toc_entries(layout: list[str], title: str) -> list[tuple[str, str]]:
    """(text, printed page) of one list (DAFTAR ISI / TABEL / GAMBAR), from layout text."""
    start = next(i for i, t in enumerate(layout) if re.search(rf"^\s*{title}\s*$", t, re.M))
    out, pending = [], ""
    for i in range(start, len(layout)):
        lines = [x for x in layout[i].splitlines() if x.strip()]
        if i > start and (
            not re.search(r"\.  \.  \.", layout[i]) or re.search(r"^\s*DAFTAR (ISI|TABEL|GAMBAR)\s*$", layout[i], re.M)
        ):
            break
        for line in lines[1:-1]:  # skip running header and footer
            if re.search(rf"^\s*{title}\s*$", line):
                continue
            m = re.match(r"^\s*(.*?)\s*(?:\.\s+)+\.?\s*([ivx]+|\d+)\s*$", line)
            if m:
                out.append(((pending + " " + m.group(1)).strip(), m.group(2)))
                pending = ""
            else:
                pending = (pending + " " + line.strip()).strip()
        if i > start + 3:
            break
    return out


def _label_of(pages: list[str], idx: int) -> str:
    """Printed page label in the footer of page idx (0-based)."""
    last = pages[idx].strip().splitlines()[-1]
    return last.split()[-1]


def _page_of(pages, label):
    return [i for i in range(1, len(pages)) if _label_of(pages, i) == label]


@pytest.fixture(scope="module")
def laporan_100(tmp_path_factory):
    from skm_desktop.storage.database import open_database

    from .conftest import make_p100

    tmp = tmp_path_factory.mktemp("lap100")
    db = open_database(tmp / "skm.db")
    pid = make_p100(db)
    out = documents.build(db, "laporan", tmp / "laporan.pdf", pid, invariant=True)
    with db.read_session() as s:
        sm = results.summary(s, pid)
        kr = results.karakteristik(s, pid)
    again = documents.build(db, "laporan", tmp / "again.pdf", pid, invariant=True)
    db.close()
    return out, pdf_pages(out), pdf_layout_pages(out), sm, kr, again


def test_figures_match_engine_and_are_indonesian(laporan_100):
    _, pages, _, sm, kr, _ = laporan_100
    text = flat("\n".join(pages))
    assert sm.respondents == 100
    assert f"IKM (Σ NRR tertimbang) {angka(sm.ikm_3dp, 3)} {angka(sm.ikm_konversi_2dp, 2)} {sm.mutu}" in text
    for r in sm.unsur:
        row = (
            f"{r.kode} {r.unsur.nama} {angka(r.answered)} {angka(r.nrr, 3)} {angka(r.nrr_tertimbang, 3)} "
            f"{angka(r.konversi_2dp, 2)} {r.mutu}"
        )
        assert row in text, row
    for field in ("jenis_kelamin", "pendidikan", "pekerjaan"):
        for row in kr[field].rows:
            assert f"{row.label} {angka(row.count)} {persen(row.percent)}" in text
    assert f"Kinerja unit pelayanan {sm.kinerja}" in text
    # Indonesian formats only: a decimal comma, never a decimal point in a figure
    assert angka(sm.ikm_konversi_2dp, 2) in text and "," in angka(sm.ikm_konversi_2dp, 2)
    assert str(sm.ikm_konversi_2dp) not in text
    assert "31 Desember 2024" in text
    assert "PUSKESMAS SEHAT SELALU" in pages[0]
    # weakest/strongest sentences come from the ranking
    low, high = sm.ranking()[0], sm.ranking()[-1]
    assert f"Nilai terendah ada pada unsur {low.kode} {low.unsur.nama}" in text
    assert f"nilai tertinggi diperoleh unsur {high.kode} {high.unsur.nama}" in text


def test_toc_page_numbers_point_at_the_headings(laporan_100):
    _, pages, layout, _, _, _ = laporan_100
    entries = _toc_entries(layout, "DAFTAR ISI")
    titles = [t for t, _ in entries]
    for must in (
        "Kata Pengantar",
        "BAB I PENDAHULUAN",
        "BAB III HASIL PENGOLAHAN DATA",
        "LAMPIRAN",
        "3.3 Indeks Kepuasan Masyarakat per Unsur",
        "Lampiran 2. Olah Data per Responden",
    ):
        assert must in titles, titles
    for title, label in entries:
        where = _page_of(pages, label)
        assert where, (title, label)
        head = flat(title)
        found = [i for i in where if head.casefold() in flat(pages[i]).casefold()]
        assert found, f"'{title}' not on the page printed as {label}"
    # lists of tables and figures
    tabel = _toc_entries(layout, "DAFTAR TABEL")
    assert any(t.startswith("Tabel 3.1 Responden menurut jenis kelamin") for t, _ in tabel)
    for title, label in tabel:
        cap = flat(title)[:40]
        assert any(cap in flat(pages[i]) for i in _page_of(pages, label)), (title, label)
    gambar = _toc_entries(layout, "DAFTAR GAMBAR")
    assert any("Nilai rata-rata (NRR) per unsur" in t for t, _ in gambar)
    for title, label in gambar:
        assert any(flat(title)[:40] in flat(pages[i]) for i in _page_of(pages, label)), (title, label)


def test_page_count_and_labels(laporan_100):
    _, pages, _, _, _, _ = laporan_100
    body = next(i for i, t in enumerate(pages) if t.startswith("BAB I\nPENDAHULUAN"))
    assert _label_of(pages, 1) == "ii"  # kata pengantar
    assert _label_of(pages, body - 1) == roman(body)
    assert _label_of(pages, body) == "1"
    assert _label_of(pages, len(pages) - 1) == str(len(pages) - body)
    # 100 rows of olah data fit on 3 pages; the whole report stays compact
    assert 18 <= len(pages) <= 32  # a first period has no Lampiran 3 (no earlier RTL)


def test_reproducible_bytes(laporan_100):
    a, b = laporan_100[0].read_bytes(), laporan_100[-1].read_bytes()
    assert a == b
    assert b"DejaVu" in a  # fonts embedded


def test_several_layanan_blank_heavy_and_rtl(db, multi, tmp_path):
    out = documents.build(db, "laporan", tmp_path / "l.pdf", multi, invariant=True)
    pages = pdf_pages(out)
    text = flat("\n".join(pages))
    with db.read_session() as s:
        sm = results.summary(s, multi)
        per = results.per_layanan(s, multi)
    u8 = sm.by_kode("U8")
    assert u8.blank > 130 and u8.nrr is not None
    assert f"U8 {u8.unsur.nama} {angka(u8.answered)} {angka(u8.nrr, 3)}" in text
    assert f"U8 {angka(u8.blank)} kosong" in text
    assert len(per) == 3
    for name, s2 in per:
        assert f"{name} {angka(s2.respondents)} {angka(s2.ikm, 3)} {angka(s2.ikm_konversi_2dp, 2)} {s2.mutu}" in text
    # previous period's RTL: 1 of 3 done
    assert "1 dari 3 kegiatan sudah dilaksanakan (33,33%)" in text
    assert "Anggaran belum tersedia." in text
    assert "Menindaklanjuti setiap pengaduan dalam 3 hari kerja" in text
    # target vs realised per layanan (Krejcie & Morgan)
    assert "Krejcie & Morgan" in text
    # trend: manual 2023 and both periods
    assert "2023 79,50 B" in text
    assert "diketik manual" in text and "dihitung dari kuesioner" in text


def test_unsur_without_answers_is_stated(db, tmp_path):
    import datetime as dt

    from skm_desktop.services import demo, importing, survey

    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Kosong")
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = [r.with_(answers=r.answers[:8] + (None,), layanan=None) for r in demo.generate_records(30, seed=9)]
        importing.bulk_insert(s, p, recs)
        pid = p.id
    out = documents.build(db, "laporan", tmp_path / "k.pdf", pid, invariant=True)
    text = flat("\n".join(pdf_pages(out)))
    with db.read_session() as s:
        sm = results.summary(s, pid)
    assert [r.kode for r in sm.tanpa_jawaban] == ["U9"]
    assert "U9 Sarana dan prasarana tidak dijawab oleh satu pun responden" in text
    assert "dinormalkan ulang" in text
    assert f"{angka(sm.ikm_konversi_2dp, 2)}" in text
    pub = documents.build(db, "publikasi", tmp_path / "p.pdf", pid, invariant=True)
    assert "tanpa jawaban" in flat(pdf_pages(pub)[0])


def test_one_layanan_selection(db, multi, tmp_path):
    with db.read_session() as s:
        from skm_desktop.services import survey
        from skm_desktop.storage.models import Periode

        unit_id = s.get(Periode, multi).unit_id
        lid = survey.layanan_ids(s, unit_id)["Laboratorium"]
        sm = results.summary(s, multi, lid)
    out = documents.build(db, "laporan", tmp_path / "lab.pdf", multi, lid, invariant=True)
    text = flat("\n".join(pdf_pages(out)))
    assert "Layanan Laboratorium" in text
    assert f"IKM (Σ NRR tertimbang) {angka(sm.ikm_3dp, 3)} {angka(sm.ikm_konversi_2dp, 2)}" in text
    assert "IKM per jenis layanan" not in text


def test_questionnaire_lampiran_on_one_page(laporan_100):
    _, pages, _, _, _, _ = laporan_100
    start = [i for i, t in enumerate(pages) if "Lampiran 1. Kuesioner" in t and ". ." not in t.replace("  ", " ")]
    assert start
    page = flat(pages[start[-1]])
    assert "No. Kuesioner" in page and "9. Sarana dan prasarana" in page and "Terima kasih atas kesediaan" in page


def test_page_breaks_no_orphan_heading_no_lonely_figure_toc_on_one_page(laporan_100):
    _, pages, _, _, _, _ = laporan_100
    daftar_isi = [i for i, t in enumerate(pages) if "DAFTAR ISI" in t.splitlines()[:3]]
    nxt = pages[daftar_isi[0] + 1]
    assert "DAFTAR TABEL" in nxt  # the daftar isi fits on its one page
    for i, t in enumerate(pages):
        lines = [x for x in t.strip().splitlines() if x.strip()]
        body = lines[1:-1]  # without running header and footer
        if body and re.match(r"^\d+\.\d+ ", body[-1]):
            raise AssertionError(f"heading {body[-1]!r} alone at the foot of page {i + 1}")
        # never a page holding only a figure caption before the next chapter
        if (
            i + 1 < len(pages)
            and pages[i + 1].startswith("BAB ")
            and "DAFTAR GAMBAR" not in t
            and any(x.startswith("Gambar ") for x in body)
        ):
            assert any(x.startswith("Tabel ") or re.match(r"^\d+\.\d+ ", x) for x in body), (
                f"page {i + 1} holds a lone figure"
            )


def test_keep_headings_with_next_merges_into_the_block():
    from reportlab.platypus import KeepTogether, Paragraph

    from skm_desktop.reports.common import Heading, keep_headings_with_next
    from skm_desktop.reports.styles import Styles

    st = Styles()
    h = Heading("4.4 Tren", st.h2, 1)
    p = Paragraph("x", st.body)
    out = keep_headings_with_next([h, KeepTogether([p]), p])
    assert len(out) == 2 and isinstance(out[0], KeepTogether) and out[0]._content[0] is h


def test_sumber_labels_use_indonesian_kios():
    from skm_desktop.reports.laporan import SUMBER_LABEL

    assert SUMBER_LABEL["kiosk"] == "Kios layar sentuh"
    assert not any("kiosk" in v.lower() for v in SUMBER_LABEL.values())
