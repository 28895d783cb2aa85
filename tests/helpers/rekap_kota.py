"""A city recap database for the recap document tests (reports and ui): the 16 Pontianak
units of 2023 and their earlier years, a unit with raw respondents, one that never reported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import rekap_dokumen, survey
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.rekap import RekapService

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rekap" / "pontianak-2023.csv"


def year_sheet(path: Path, tahun: int, names: list[str], base: float) -> Path:
    """A Tahunan summary row per unit; IKM spread deterministically around ``base``."""
    lines = ["unit;tahun;periode;ikm;responden"]
    for i, n in enumerate(names):
        ikm = Decimal(str(base)) + Decimal((i * 37) % 17) / 2 - 4
        lines.append(f"{n};{tahun};Tahunan;{str(ikm).replace('.', ',')};{100 + i}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def raw_unit(db, nama: str, tahun: int, n: int, kelompok: str = "") -> None:
    """A unit whose whole-year period holds ``n`` raw questionnaires (as a stored package)."""
    with db.session() as s:
        u = survey.create_unit(s, nama)
        u.kelompok = kelompok
        p = survey.create_periode(s, u.id, f"Tahun {tahun}", standard_unsur_set(), dt.date(tahun, 1, 1), None)
        p.tanggal_selesai, pid = dt.date(tahun, 12, 31), p.id
    for no in range(1, n + 1):
        survey.save_respondent(db, pid, RespondentRecord(no, (3 + no % 2,) * 9, dt.date(tahun, 3, 1)))


def make_kota(db, tmp_path: Path) -> RekapService:
    """The 16 Pontianak units of 2023 (semester and annual rows, the reference's own
    disagreements), 2021/2022 annual rows for all but two of them, a unit with raw
    respondents, one unit that never reported, targets and sasaran."""
    svc = RekapService(db)
    assert svc.add_files([FIXTURE], baru=True).results[0].status == "ditambahkan"
    names = [u.nama for u in svc.units()]
    for tahun, base in ((2021, 84.5), (2022, 86.0)):
        r = svc.add_files([year_sheet(tmp_path / f"r{tahun}.csv", tahun, names[:-2], base)]).results[0]
        assert r.status == "ditambahkan", r.alasan
    raw_unit(db, "Puskesmas Data Mentah", 2023, 30, "Puskesmas")
    with db.session() as s:
        survey.create_unit(s, "UPT Belum Lapor")
    svc.set_sasaran(2022, "85,00")
    svc.set_sasaran(2023, "88,50")
    for i, n in enumerate(names):
        svc.set_target(n, 2023, 150 + 5 * i)
    rekap_dokumen.set_wilayah(db, "Pemerintah Kota Uji")
    return svc
