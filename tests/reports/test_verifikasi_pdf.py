"""The verification statistics PDF (reports.verifikasi): plain data in, bundled fonts out."""

import datetime as dt

from pypdf import PdfReader

from skm_desktop.domain import kualitas as kq
from skm_desktop.domain.kualitas import ItemDiketik, SelisihNilai
from skm_desktop.reports import verifikasi as report
from skm_desktop.reports.model import KinerjaVerifikasi

from .conftest import flat, pdf_pages


def data() -> KinerjaVerifikasi:
    items = [ItemDiketik(1, "Rina", "Budi", 16, "selesai"), ItemDiketik(2, "Rina", "Budi", 16, "selesai")]
    diffs = [SelisihNilai(1, "2", "3", "3")]
    est = kq.perkiraan_kesalahan(40, 30, 2, 16, items, diffs)
    batches = [kq.BatchStatus("B1", 10, 2, kq.STATUS_SEDANG, 4), kq.BatchStatus("B2", 20, 0, kq.STATUS_BELUM, None)]
    return KinerjaVerifikasi(
        "Puskesmas <Sehat> & Selalu",
        "Tahun 2024",
        dt.date(2024, 12, 31),
        kq.statistik_operator([("Rina", 30)], [("Budi", 900, 120_000)], items, diffs),
        kq.ringkasan_lines(est),
        kq.bagian_terverifikasi(est, batches).kalimat(),
        batches,
    )


def fonts(path) -> set[str]:
    out = set()
    for page in PdfReader(str(path)).pages:
        for f in page["/Resources"]["/Font"].values():
            out.add(str(f.get_object()["/BaseFont"]))
    return out


def test_statistics_pdf_text_and_fonts(tmp_path):
    out = report.build_pdf(data(), tmp_path / "kinerja.pdf", invariant=True)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = flat(pages[0])
    assert "Kinerja Entri dan Verifikasi Data — Puskesmas <Sehat> & Selalu" in text
    assert "Periode Tahun 2024. Dicetak 31 Desember 2024." in text
    assert "Budi 0 2 27.000 32 1 31,25 0 0,00" in text  # 900 keys in 2 minutes; 1 mismatch in 32 fields
    assert "Rina 30 0 – 32 1 31,25 1 31,25" in text
    assert "Kesalahan entri pertama: 1 isian, yaitu 31,25 per 1.000 isian" in text
    assert "Sebanyak 2 dari 30 kuesioner kertas (6,67%) telah diverifikasi dengan entri ganda" in text
    assert "B1 10 2 sedang" in text and "B2 20 0 belum diverifikasi" in text
    used = fonts(out)
    assert used and all("DejaVuSans" in f for f in used), used  # the bundled DejaVu, never Helvetica


def test_statistics_pdf_is_reproducible(tmp_path):
    a = report.build_pdf(data(), tmp_path / "a.pdf", invariant=True).read_bytes()
    b = report.build_pdf(data(), tmp_path / "b.pdf", invariant=True).read_bytes()
    assert a == b


def test_statistics_pdf_without_paper_forms(tmp_path):
    est = kq.perkiraan_kesalahan(5, 0, 0, 16, [], [])
    d = KinerjaVerifikasi(
        "Unit", "P1", dt.date(2025, 1, 2), [], kq.ringkasan_lines(est), kq.bagian_terverifikasi(est, []).kalimat(), []
    )
    text = flat(pdf_pages(report.build_pdf(d, tmp_path / "k.pdf", invariant=True))[0])
    assert "belum dapat diperkirakan" in text and "Belum ada kuesioner kertas di periode ini." in text
