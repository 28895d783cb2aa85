"""A realistic demo unit: several layanan, a period of a few hundred
questionnaires with plausible (not uniform) answers, blanks, saran and an RTL."""

from __future__ import annotations

import datetime as dt
import random

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain import sample
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import IkmManual, Rtl, TargetSampel

from . import ServiceError, survey
from .importing import bulk_insert


def _squeeze_date(r: RespondentRecord, start: dt.date) -> RespondentRecord:
    """The record with its 2024 date squeezed into the half year from ``start``."""
    if r.tanggal is None:
        return r
    return r.with_(tanggal=start + (r.tanggal - dt.date(2024, 1, 2)) / 2)


DEMO_UNIT = "Kelurahan Sukamaju"
LAYANAN = (
    ("Surat Keterangan Domisili", 0.34),
    ("Pengantar KTP-el dan KK", 0.30),
    ("Surat Keterangan Tidak Mampu", 0.16),
    ("Surat Pengantar Nikah", 0.10),
    ("Legalisasi Dokumen", 0.10),
)
POPULASI = (420, 380, 190, 120, 130)
# Tendency per unsur (mean on the 1–4 scale): waktu and pengaduan weaker, biaya strong.
TENDENCY = (3.30, 3.22, 3.02, 3.78, 3.28, 3.35, 3.45, 2.96, 3.15)
SARAN = (
    "Antrean pagi terlalu panjang, mohon ditambah loket.",
    "Petugas ramah dan cepat, terima kasih.",
    "Ruang tunggu panas, perlu kipas angin atau AC.",
    "Informasi persyaratan sebaiknya ditempel di depan.",
    "Kotak pengaduan tidak jelas tindak lanjutnya.",
    "Pelayanan sudah baik, pertahankan.",
    "Mohon disediakan air minum untuk warga yang menunggu.",
    "Jam buka pelayanan agar tepat waktu.",
    "Parkir kendaraan sempit.",
    "Proses tanda tangan lurah kadang lama.",
)


# The demo's RTL: last semester's plan (with its realisasi) and this semester's.
DEMO_RTL: dict[str, tuple[dict[str, str], ...]] = {
    "prev": (
        {
            "unsur_kode": "U8",
            "program": "Membuat alur penanganan pengaduan yang dipasang di ruang tunggu",
            "waktu": "TW III",
            "penanggung_jawab": "Sekretaris Kelurahan",
            "realisasi": "sudah",
            "realisasi_deskripsi": "Banner alur pengaduan terpasang sejak Agustus.",
        },
        {
            "unsur_kode": "U3",
            "program": "Menambah satu loket pada jam sibuk",
            "waktu": "TW III,TW IV",
            "penanggung_jawab": "Kasi Pelayanan Umum",
            "realisasi": "belum",
            "realisasi_hambatan": "Belum ada tambahan petugas.",
        },
    ),
    "now": (
        {
            "unsur_kode": "U8",
            "program": "Menyediakan kanal pengaduan WhatsApp dan rekap bulanan tindak lanjut",
            "waktu": "TW I,TW II",
            "penanggung_jawab": "Sekretaris Kelurahan",
        },
        {
            "unsur_kode": "U3",
            "program": "Menerapkan nomor antrean dan target waktu per layanan",
            "waktu": "TW I",
            "penanggung_jawab": "Kasi Pelayanan Umum",
        },
        {
            "unsur_kode": "U9",
            "program": "Memperbaiki ruang tunggu (kipas angin, air minum)",
            "waktu": "TW II",
            "penanggung_jawab": "Kasi Trantib dan Umum",
        },
    ),
}


def _answer(rng: random.Random, mean: float) -> int:
    x = rng.gauss(mean, 0.55)
    return max(1, min(4, int(round(x))))


def generate_records(
    n: int,
    seed: int = 2024,
    year: int = 2024,
    layanan: tuple[tuple[str, float], ...] = LAYANAN,
    blank_rate: float = 0.012,
) -> list[RespondentRecord]:
    rng = random.Random(seed)
    names = [l for l, _ in layanan]
    weights = [w for _, w in layanan]
    out = []
    start = dt.date(year, 1, 2)
    for i in range(1, n + 1):
        lay = rng.choices(names, weights)[0]
        shift = rng.gauss(0, 0.25)  # respondents differ in how generous they are
        answers = tuple(None if rng.random() < blank_rate else _answer(rng, m + shift) for m in TENDENCY)
        age = max(17, min(80, int(rng.gauss(38, 12))))
        out.append(
            RespondentRecord(
                no_kuesioner=i,
                answers=answers,
                tanggal=start + dt.timedelta(days=int((i - 1) * 330 / max(1, n))),
                layanan=lay,
                jenis_kelamin=rng.choices(kar.JENIS_KELAMIN, (0.46, 0.54))[0],
                usia=age,
                pendidikan=rng.choices(kar.PENDIDIKAN, (0.12, 0.16, 0.40, 0.08, 0.20, 0.03, 0.01))[0],
                pekerjaan=rng.choices(kar.PEKERJAAN, (0.10, 0.01, 0.01, 0.30, 0.25, 0.13, 0.20))[0],
                saran=SARAN[rng.randrange(len(SARAN))] if rng.random() < 0.18 else "",
                sumber="kertas",
                batch=f"B{(i - 1) // 50 + 1:02d}",
                operator=rng.choice(("Rina", "Agus")),
            )
        )
    return out


def create_demo(db: Database, n: int = 320, seed: int = 2024) -> str:
    with db.session() as s:
        if survey.find_unit(s, DEMO_UNIT) is not None:
            raise ServiceError(f"Unit demo '{DEMO_UNIT}' sudah ada di basis data ini.")
        u = survey.create_unit(
            s,
            DEMO_UNIT,
            alamat="Jl. Merdeka No. 12, Kecamatan Sukamaju",
            kota="Kota Contoh",
            telepon="(021) 555-0123",
            instansi_induk="Pemerintah Kota Contoh",
            pejabat_nama="Drs. Ahmad Fauzi, M.Si.",
            pejabat_jabatan="Lurah Sukamaju",
            pejabat_nip="19700512 199803 1 004",
        )
        lay_ids = [survey.add_layanan(s, u.id, name).id for name, _ in LAYANAN]
        prev = survey.create_periode(s, u.id, "Semester I 2024", None, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
        p = survey.create_periode(s, u.id, "Semester II 2024", None, dt.date(2024, 7, 1), dt.date(2024, 12, 31))
        for per, recs in ((prev, generate_records(n * 3 // 4, seed + 1, 2024)), (p, generate_records(n, seed, 2024))):
            start = dt.date(2024, 7, 1) if per is p else dt.date(2024, 1, 2)
            recs = [_squeeze_date(r, start) for r in recs]
            bulk_insert(s, per, recs)
            for lid, pop in zip(lay_ids, POPULASI):
                s.add(
                    TargetSampel(
                        periode_id=per.id,
                        layanan_id=lid,
                        populasi=pop // 2,
                        metode="slovin-10",
                        target=sample.slovin(pop // 2, "0.10"),
                    )
                )
        s.add(IkmManual(unit_id=u.id, label="2022", ikm_konversi="79.86"))
        s.add(IkmManual(unit_id=u.id, label="2023", ikm_konversi="81.42"))
        periode_of = {"prev": prev, "now": p}
        s.add_all(
            Rtl(periode_id=periode_of[key].id, urutan=urutan, **fields)
            for key, rows in DEMO_RTL.items()
            for urutan, fields in enumerate(rows)
        )
        return u.nama
