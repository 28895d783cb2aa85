"""A city or province for the Rekap page's tests and benchmark: real-length unit names
(shaped like Banjarmasin's and Pontianak's), summary rows only (fast)."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = (
    "Pontianak Utara", "Pontianak Selatan", "Pontianak Tenggara", "Pontianak Barat", "Banjarmasin Tengah",
    "Banjarmasin Timur", "Samarinda Seberang", "Sungai Kunjang", "Balikpapan Kota", "Tarakan Timur",
)  # fmt: skip
DINAS = (
    "Kependudukan dan Pencatatan Sipil", "Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Pemberdayaan Perempuan dan Perlindungan Anak", "Ketahanan Pangan, Pertanian dan Perikanan",
    "Perumahan Rakyat dan Kawasan Permukiman", "Komunikasi, Informatika dan Statistik", "Lingkungan Hidup",
    "Pekerjaan Umum dan Penataan Ruang", "Koperasi, Usaha Mikro dan Tenaga Kerja", "Perhubungan",
)  # fmt: skip
SHAPES = (
    ("Puskesmas", "UPT Puskesmas Kecamatan {place}"),
    ("Dinas", "Dinas {dinas}"),
    ("Kecamatan", "Kecamatan {place}"),
    ("Kelurahan", "Kelurahan {place} {n}"),
    ("UPT", "UPTD Balai Layanan {dinas} Wilayah {place}"),
    ("Badan", "Badan Pengelola Keuangan, Pendapatan dan Aset Daerah {place}"),
)


def unit_names(n: int) -> list[tuple[str, str]]:
    """``n`` distinct (name, kelompok) pairs shaped like a real province's units."""
    out, seen, i = [], set(), 0
    while len(out) < n:
        kel, shape = SHAPES[i % len(SHAPES)]
        name = shape.format(place=PLACES[(i // 6) % len(PLACES)], dinas=DINAS[(i // 3) % len(DINAS)], n=i // 60 + 1)
        if name in seen:
            name = f"{name} {i // 60 + 2}"
        if name not in seen:
            seen.add(name)
            out.append((name, kel))
        i += 1
    return out


def write_city_sheet(path: Path, n_units: int, years: tuple[int, ...] = (2024, 2025), seed: int = 15) -> Path:
    """A summary sheet (CSV) of ``n_units`` units, a Tahunan row per year (a few units skip the latest)."""
    rnd = random.Random(seed)
    lines = ["unit,kelompok,tahun,periode,ikm,responden,target"]
    for i, (name, kel) in enumerate(unit_names(n_units)):
        for t in years:
            if t == years[-1] and i % 50 == 49:
                continue  # belum melapor
            ikm = f"{rnd.uniform(62, 95):.2f}"
            lines.append(f'"{name}",{kel},{t},Tahunan,{ikm},{rnd.randint(80, 400)},{rnd.choice(["", "150", "200"])}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_city(db, folder: Path, n_units: int) -> None:
    from skm_desktop.services.rekap import RekapService

    res = RekapService(db).add_files([write_city_sheet(folder / "ringkasan.csv", n_units)], baru=True)
    bad = [r.alasan for r in res.results if r.status == "ditolak"]
    if bad:
        raise SystemExit("\n".join(bad))
