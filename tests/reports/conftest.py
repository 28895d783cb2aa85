"""Data for the document tests: a 100-respondent period, and a unit with
several layanan, a blank-heavy unsur and a previous period with RTL."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from skm_desktop.services import demo, importing, laporan_teks, survey
from skm_desktop.storage.models import TargetSampel


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


def pdf_layout_pages(path: Path) -> list[str]:
    return [p.extract_text(extraction_mode="layout") or "" for p in PdfReader(str(path)).pages]


def pdftotext(pdf: Path, *args: str) -> str:
    """pdftotext (poppler) output of ``pdf`` with the options ``args`` (e.g. -layout, -bbox, -f 2)."""
    import subprocess

    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def soffice(xlsx, outdir, target: str) -> None:
    """Convert ``xlsx`` with LibreOffice (headless, its own profile under ``outdir``) to ``target``."""
    # never skipped: build/test-deps.sh installs LibreOffice for the README's test command and CI
    assert SOFFICE, "LibreOffice (soffice) is required: bash build/test-deps.sh installs it"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{outdir}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def jpeg(w: int, h: int, noise: bool = False) -> bytes:
    """A JPEG of w × h pixels (noise: a photo-like one that does not compress to nothing)."""
    import io
    import random

    from PIL import Image

    img = Image.new("RGB", (w, h), (40, 120, 200))
    if noise:
        rnd = random.Random(3)
        img = Image.frombytes("RGB", (w, h), rnd.randbytes(w * h * 3))
    b = io.BytesIO()
    img.save(b, "JPEG", quality=95)
    return b.getvalue()


def make_p100(db) -> int:
    """One unit, one layanan, 100 respondents."""
    with db.session() as s:
        u = survey.create_unit(
            s,
            "Puskesmas Sehat Selalu",
            alamat="Jl. Kenanga 5",
            kota="Kota Uji",
            pejabat_nama="dr. Sari Dewi",
            pejabat_jabatan="Kepala Puskesmas",
            pejabat_nip="19800101 200501 2 001",
        )
        survey.add_layanan(s, u.id, "Pemeriksaan Umum")
        p = survey.create_periode(s, u.id, "Tahun 2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = demo.generate_records(100, seed=11, layanan=(("Pemeriksaan Umum", 1.0),))
        importing.bulk_insert(s, p, recs)
        return p.id


@pytest.fixture
def p100(db):
    return make_p100(db)


@pytest.fixture
def multi(db):
    """Three layanan, 240 respondents, U8 blank for about 60%; a previous period with realised RTL."""
    lay = (("Rekam Medis", 0.5), ("Laboratorium", 0.3), ("Apotek", 0.2))
    with db.session() as s:
        u = survey.create_unit(
            s, "RSUD Contoh Sejahtera", kota="Kota Uji", pejabat_nama="dr. Budi", pejabat_jabatan="Direktur"
        )
        ids = [survey.add_layanan(s, u.id, n).id for n, _ in lay]
        prev = survey.create_periode(s, u.id, "Semester I 2024", None, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
        p = survey.create_periode(s, u.id, "Semester II 2024", None, dt.date(2024, 7, 1), dt.date(2024, 12, 31))
        importing.bulk_insert(s, prev, demo.generate_records(150, seed=3, layanan=lay))
        recs = demo.generate_records(240, seed=5, layanan=lay)
        recs = [
            r.with_(answers=r.answers[:7] + (None if i % 5 < 3 else r.answers[7],) + r.answers[8:])
            for i, r in enumerate(recs)
        ]
        importing.bulk_insert(s, p, recs)
        for lid, pop in zip(ids, (400, 300, 200)):
            s.add(TargetSampel(periode_id=p.id, layanan_id=lid, populasi=pop, metode="krejcie-morgan", target=80))
        a = laporan_teks.add_rtl(s, prev.id, "U8", "Membuka layanan pengaduan daring", "TW III", "Humas")
        b = laporan_teks.add_rtl(s, prev.id, "U3", "Menambah petugas loket", "jangka pendek", "Bagian Umum")
        laporan_teks.add_rtl(s, prev.id, "U9", "Memperbaiki ruang tunggu", "TW IV", "Bagian Umum")
        laporan_teks.set_realisasi(s, a, "sudah", "Formulir daring aktif sejak Oktober.")
        laporan_teks.set_realisasi(s, b, "belum", "", "Anggaran belum tersedia.")
        laporan_teks.add_rtl(
            s, p.id, "U8", "Menindaklanjuti setiap pengaduan dalam 3 hari kerja", "TW I,TW II", "Humas"
        )
        laporan_teks.set_ikm_manual(s, u.id, "2023", "79,50")
        return p.id
