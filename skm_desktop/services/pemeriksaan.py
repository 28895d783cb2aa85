"""The pre-flight check of a document a unit publishes: what is still missing
(signing official, NIP, place and date of signing, population and target sample,
RTL for each priority unsur, the survey's dates, the tim pelaksana), each with an
Indonesian message and the place in the program where it is filled in.

:func:`periksa` is a pure function of :class:`Bahan` (plain data); :func:`bahan`
gathers that data in one read session. The CLI prints the findings as warnings
(``report --strict`` refuses); the Dokumen page lists them before building.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from skm_desktop.domain.formatting import rentang_tanggal
from skm_desktop.storage.models import Layanan, Periode, TargetSampel

from . import get_or_refuse, laporan_teks, results, survey

#: Where a finding is fixed: the key the Dokumen page opens, and how the message names it.
TUJUAN = {
    "pengaturan:profil": "Pengaturan › Profil Unit",
    "pengaturan:periode": "Pengaturan › Periode",
    "pengaturan:target": "Pengaturan › Target Sampel",
    "dokumen:tanggal": "Dokumen › Buat dokumen › Tanggal laporan",
    "dokumen:teks:tempat": "Dokumen › Teks Laporan › Tempat penandatanganan",
    "dokumen:teks:pelaksana": "Dokumen › Teks Laporan › BAB II – Pelaksana",
    "dokumen:rtl": "Dokumen › Rencana Tindak Lanjut",
}

#: The documents that carry a signature, a schedule or a plan (the others have nothing to check).
DIPERIKSA = ("laporan", "publikasi")


@dataclass(frozen=True)
class Temuan:
    kunci: str  # stable key: pejabat, nip, tempat, tanggal, sampel, rtl:U3, jadwal, pelaksana
    pesan: str  # Indonesian, names what is missing
    tujuan: str  # a key of TUJUAN

    @property
    def tempat(self) -> str:
        """Where to fix it, as the operator reads it."""
        return TUJUAN[self.tujuan]

    def baris(self) -> str:
        return f"{self.pesan} (isi di {self.tempat})"


@dataclass(frozen=True)
class Bahan:
    kind: str
    periode: str
    pejabat_nama: str
    pejabat_nip: str
    tempat: str
    tanggal_laporan: dt.date | None
    tanggal_periode: tuple[dt.date | None, dt.date | None]  # the period's own dates
    tanggal_data: tuple[dt.date | None, dt.date | None]  # the dates the documents print
    layanan_tanpa_target: tuple[str, ...]  # layanan with questionnaires but no population/target
    prioritas: tuple[tuple[str, str], ...]  # (kode, nama) of the priority unsur
    rtl_unsur: frozenset[str]
    pelaksana_bawaan: bool  # the BAB II pelaksana text is still the default wording


def periksa(b: Bahan) -> list[Temuan]:
    """Every missing item of the document ``b.kind``, in the order a reader meets them."""
    if b.kind not in DIPERIKSA:
        return []
    out: list[Temuan] = []
    if not b.pejabat_nama.strip():
        out.append(Temuan("pejabat", "Nama pejabat penandatangan belum diisi.", "pengaturan:profil"))
    if not b.pejabat_nip.strip():
        out.append(Temuan("nip", "NIP pejabat penandatangan belum diisi.", "pengaturan:profil"))
    if not b.tempat.strip():
        out.append(
            Temuan("tempat", "Tempat penandatanganan belum diisi (kota unit juga kosong).", "dokumen:teks:tempat")
        )
    if b.tanggal_laporan is None:
        out.append(Temuan("tanggal", "Tanggal penandatanganan laporan belum ditentukan.", "dokumen:tanggal"))
    mulai, selesai = b.tanggal_periode
    if mulai is None or selesai is None:
        a, z = b.tanggal_data
        if a is not None or z is not None:
            pesan = (
                f"Periode {b.periode} belum memiliki tanggal mulai dan selesai; jadwal memakai tanggal "
                f"kuesioner pertama dan terakhir ({rentang_tanggal(a, z)})."
            )
        else:
            pesan = f"Periode {b.periode} belum memiliki tanggal mulai dan selesai, dan kuesionernya tidak bertanggal."
        out.append(Temuan("jadwal", pesan, "pengaturan:periode"))
    if b.kind == "laporan":
        if b.layanan_tanpa_target:
            out.append(
                Temuan(
                    "sampel",
                    "Populasi dan target sampel belum diisi untuk layanan " + ", ".join(b.layanan_tanpa_target) + ".",
                    "pengaturan:target",
                )
            )
        if b.pelaksana_bawaan:
            out.append(
                Temuan(
                    "pelaksana",
                    "Tim pelaksana survei belum disebutkan (teks Pelaksana BAB II masih kalimat bawaan).",
                    "dokumen:teks:pelaksana",
                )
            )
    for kode, nama in b.prioritas:
        if kode not in b.rtl_unsur:
            out.append(
                Temuan(
                    f"rtl:{kode}",
                    f"Rencana tindak lanjut untuk unsur prioritas {kode} {nama} belum diisi.",
                    "dokumen:rtl",
                )
            )
    return out


def bahan(s: Session, kind: str, periode_id: int, layanan_id: int | None = None) -> Bahan:
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    u = p.unit
    r = laporan_teks.rentang_periode(s, p)
    teks = laporan_teks.all_teks(s, p.unit_id, periode_id)
    with_target = set(s.scalars(select(TargetSampel.layanan_id).where(TargetSampel.periode_id == periode_id)).all())
    tanpa: list[str] = []
    for lay in s.scalars(select(Layanan).where(Layanan.unit_id == p.unit_id).order_by(Layanan.urutan, Layanan.id)):
        if layanan_id is not None and lay.id != layanan_id:
            continue
        if lay.id not in with_target and survey.respondent_count(s, periode_id, lay.id) > 0:
            tanpa.append(lay.nama)
    sm = results.summary(s, periode_id, layanan_id)
    return Bahan(
        kind=kind,
        periode=p.nama,
        pejabat_nama=u.pejabat_nama or "",
        pejabat_nip=u.pejabat_nip or "",
        tempat=teks["tempat"].isi.strip() or (u.kota or ""),
        tanggal_laporan=laporan_teks.tanggal_laporan(s, p.unit_id, periode_id),
        tanggal_periode=(p.tanggal_mulai, p.tanggal_selesai),
        tanggal_data=(r.mulai, r.selesai),
        layanan_tanpa_target=tuple(tanpa),
        prioritas=tuple((x.kode, x.unsur.nama) for x in sm.prioritas),
        rtl_unsur=frozenset(x.unsur_kode for x in laporan_teks.list_rtl(s, periode_id)),
        pelaksana_bawaan=teks["pelaksana"].asal == "bawaan",
    )
