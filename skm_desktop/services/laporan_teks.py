"""What the operator writes into the laporan: editable texts with default
wording (per unit or per period), the rencana tindak lanjut (RTL) per priority
unsur with its realisation, and past IKM figures typed in by hand for the trend.

Texts are looked up period first, then unit, then the default wording below
(filled with the unit's and period's names and dates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from skm_desktop.domain import tanggal as tgl
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import bulan_tahun, parse_angka, rentang_tanggal, tanggal
from skm_desktop.domain.numbers import round_half_up
from skm_desktop.domain.rtl import JANGKA, JANGKA_LABEL, TRIWULAN  # noqa: F401  (re-exported for the UI)
from skm_desktop.storage.models import IkmManual, Periode, Respondent, Rtl, Teks, Unit

from . import ServiceError, get_or_refuse

# ---------------------------------------------------------------- texts
#: kunci -> (judul for the editor, default wording). Placeholders: {unit},
#: {periode}, {tahun}, {kota}, {instansi}, {mulai}, {selesai}, {rentang}.
TEKS: dict[str, tuple[str, str]] = {
    "kata_pengantar": (
        "Kata pengantar",
        (
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa karena laporan Survei Kepuasan "
            "Masyarakat (SKM) {unit} periode {periode} telah selesai disusun.\n"
            "Survei ini kami laksanakan untuk mendengar langsung penilaian para pengguna layanan atas "
            "pelayanan yang kami berikan, sebagaimana diamanatkan Peraturan Menteri PANRB Nomor 14 "
            "Tahun 2017. Hasilnya menjadi dasar bagi kami untuk menetapkan prioritas perbaikan pelayanan "
            "pada periode berikutnya.\n"
            "Terima kasih kami sampaikan kepada seluruh responden yang telah meluangkan waktu mengisi "
            "kuesioner, serta kepada tim pelaksana survei. Kritik dan saran untuk penyempurnaan laporan "
            "ini kami terima dengan senang hati."
        ),
    ),
    "latar_belakang": (
        "BAB I – Latar belakang",
        (
            "Pelayanan publik yang baik adalah hak setiap warga negara. Undang-Undang Nomor 25 Tahun 2009 "
            "tentang Pelayanan Publik mewajibkan setiap penyelenggara pelayanan untuk mengikutsertakan "
            "masyarakat, antara lain dengan menilai kinerja pelayanan secara berkala.\n"
            "Sebagai penyelenggara pelayanan publik, {unit} melaksanakan Survei Kepuasan Masyarakat "
            "(SKM) dengan berpedoman pada Peraturan Menteri PANRB Nomor 14 Tahun 2017. Survei ini "
            "mengukur pendapat pengguna layanan atas sembilan unsur pelayanan, mulai dari persyaratan "
            "sampai sarana dan prasarana, sehingga kekuatan dan kelemahan pelayanan dapat diketahui "
            "secara terukur."
        ),
    ),
    "dasar_hukum": (
        "BAB I – Dasar hukum",
        (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.\n"
            "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun "
            "2009 tentang Pelayanan Publik.\n"
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 "
            "tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik."
        ),
    ),
    "maksud_tujuan": (
        "BAB I – Maksud dan tujuan",
        (
            "Survei ini dimaksudkan untuk memperoleh gambaran tingkat kepuasan masyarakat terhadap "
            "pelayanan {unit} pada periode {periode}.\n"
            "Tujuannya adalah mengukur Indeks Kepuasan Masyarakat (IKM) unit, mengetahui unsur pelayanan "
            "yang sudah baik dan yang masih perlu diperbaiki, serta menyusun rencana tindak lanjut "
            "berdasarkan data."
        ),
    ),
    "sasaran": (
        "BAB I – Sasaran",
        (
            "Meningkatnya peran serta masyarakat dalam menilai kinerja pelayanan.\n"
            "Terdorongnya unit pelayanan untuk terus memperbaiki dan berinovasi dalam pelayanan.\n"
            "Tersedianya ukuran kepuasan masyarakat yang dapat dibandingkan dari periode ke periode."
        ),
    ),
    "manfaat": (
        "BAB I – Manfaat",
        (
            "Diketahuinya unsur pelayanan yang masih lemah dan perlu segera diperbaiki.\n"
            "Tersedianya bahan penetapan kebijakan dan rencana tindak lanjut pelayanan.\n"
            "Diketahuinya kinerja unit pelayanan secara berkala dan kecenderungannya.\n"
            "Masyarakat memperoleh informasi tentang kinerja pelayanan yang mereka terima."
        ),
    ),
    "pelaksana": (
        "BAB II – Pelaksana",
        (
            "Survei dilaksanakan secara mandiri oleh tim pelaksana SKM {unit} yang ditunjuk oleh "
            "pimpinan unit. Tim menyiapkan kuesioner, mengumpulkan dan memeriksa isian, mengolah data, "
            "dan menyusun laporan ini."
        ),
    ),
    "metode": (
        "BAB II – Metode pengumpulan data",
        (
            "Data dikumpulkan dengan kuesioner yang diisi sendiri oleh pengguna layanan setelah menerima "
            "pelayanan. Setiap unsur dinilai dengan skala empat (1 sampai 4); jawaban yang kosong tidak "
            "dihitung untuk unsur tersebut saja."
        ),
    ),
    "jadwal": (
        "BAB II – Jadwal (satu kegiatan per baris: kegiatan | waktu)",
        (
            "Persiapan | {persiapan}\n"
            "Pengumpulan data | {rentang}\n"
            "Pengolahan data | {pengolahan}\n"
            "Penyusunan dan penyampaian laporan | {pelaporan}"
        ),
    ),
    "lokasi": ("BAB II – Lokasi", ("Survei dilaksanakan di lokasi pelayanan {unit}{di_kota}.")),
    "analisis": ("BAB IV – Analisis (kosongkan untuk kalimat otomatis dari hasil)", ""),
    "kesimpulan": ("BAB V – Kesimpulan (kosongkan untuk kalimat otomatis dari hasil)", ""),
    "saran_penutup": (
        "BAB V – Saran",
        (
            "{saran_rtl}"
            "Survei berikutnya dilaksanakan dengan metode dan unsur yang sama agar hasilnya dapat "
            "dibandingkan."
        ),
    ),
    "tempat": ("Tempat penandatanganan (kosongkan untuk kota unit)", ""),
    "tim_pelaksana": ("Lampiran – Tim pelaksana (satu orang per baris: nama | jabatan dalam tim)", ""),
    "tanggal_fkp": ("Tanggal forum konsultasi publik (FKP), mis. 11-05-2024 (kosongkan bila tidak ada)", ""),
    "tanggal_laporan": (
        "Tanggal laporan (mis. 14-12-2024 atau 14 Desember 2024; bawaan: 20 hari setelah "
        "pengumpulan data selesai. Bulan penyusunan laporan pada jadwal BAB II mengikuti "
        "tanggal ini)",
        "{tanggal_laporan}",
    ),
}
SARAN_RTL = "Rencana tindak lanjut pada Bab IV agar dilaksanakan sesuai jadwal dan dipantau realisasinya.\n"
#: The default report date: this many days after the last day of data collection
#: (the kata pengantar, BAB V and the publikasi are signed on it; the jadwal's
#: "penyusunan dan penyampaian laporan" month is the month of the report date).
HARI_PELAPORAN = 20
TEKS_KEYS = tuple(TEKS)


@dataclass(frozen=True)
class Rentang:
    """The survey's dates as every document prints them: the period's own, and where the
    period has none (an imported period), the first and last tanggal of its questionnaires."""

    mulai: dt.date | None
    selesai: dt.date | None
    dari_data: bool  # at least one end comes from the questionnaires


def rentang_periode(s: Session, p: Periode) -> Rentang:
    mulai, selesai = p.tanggal_mulai, p.tanggal_selesai
    if mulai is not None and selesai is not None:
        return Rentang(mulai, selesai, False)
    first, last = s.execute(
        select(func.min(Respondent.tanggal), func.max(Respondent.tanggal)).where(
            Respondent.periode_id == p.id, Respondent.ditahan.is_(False)
        )
    ).one()
    if mulai is None and selesai is None:
        return Rentang(first, last, first is not None)
    # one end typed: the other from the data, unless that would turn the range around
    if mulai is None and first is not None and selesai is not None and first <= selesai:
        return Rentang(first, selesai, True)
    if selesai is None and last is not None and mulai is not None and last >= mulai:
        return Rentang(mulai, last, True)
    return Rentang(mulai, selesai, False)


def default_tanggal_laporan(s: Session, p: Periode | None) -> dt.date | None:
    """The report date while the operator has not set one: HARI_PELAPORAN days after collection ends
    (a fixed date, never today's date, so a document built twice is the same)."""
    if p is None:
        return None
    r = rentang_periode(s, p)
    end = r.selesai or r.mulai
    return end + dt.timedelta(days=HARI_PELAPORAN) if end else None


def _stored_tanggal(s: Session, unit_id: int, periode_id: int | None) -> dt.date | None:
    for pid in (periode_id, None) if periode_id is not None else (None,):
        r = _row(s, unit_id, pid, "tanggal_laporan")
        if r is not None:  # the same lookup order as get_teks; an empty text means the default
            return parse_tanggal(r.isi) if r.isi.strip() else None
    return None


def _context(s: Session, unit: Unit, p: Periode | None) -> dict[str, str]:
    r = rentang_periode(s, p) if p is not None else Rentang(None, None, False)
    mulai, selesai = r.mulai, r.selesai
    default_date = default_tanggal_laporan(s, p)
    after = _stored_tanggal(s, unit.id, p.id if p else None) or default_date
    before = (mulai - dt.timedelta(days=10)) if mulai else None
    return {
        "unit": unit.nama,
        "periode": p.nama if p else "",
        "kota": unit.kota or "",
        "di_kota": f", {unit.kota}" if unit.kota else "",
        "instansi": unit.instansi_induk or "",
        "tahun": str(akhir.year) if (akhir := selesai or mulai) else "",
        "mulai": tanggal(mulai),
        "selesai": tanggal(selesai),
        "rentang": _rentang_teks(r, p),
        "persiapan": bulan_tahun(before) if before else "sebelum pengumpulan data",
        "pengolahan": bulan_tahun(selesai) if selesai else "setelah pengumpulan data",
        "pelaporan": bulan_tahun(after) if after else "setelah pengolahan data",
        "tanggal_laporan": tanggal(default_date, ""),
        # the Saran points to the plan only when the laporan has one (its Bab IV section)
        "saran_rtl": SARAN_RTL if p is not None and list_rtl(s, p.id) else "",
    }


def _rentang_teks(r: Rentang, p: Periode | None) -> str:
    if r.mulai is None and r.selesai is None:
        return f"periode {p.nama}" if p is not None else ""
    return rentang_tanggal(r.mulai, r.selesai) + (" (berdasarkan tanggal kuesioner)" if r.dari_data else "")


def default_teks(s: Session, unit_id: int, periode_id: int | None, kunci: str) -> str:
    if kunci not in TEKS:
        raise ServiceError(f"Bagian teks laporan '{kunci}' tidak dikenal.")
    unit = get_or_refuse(s, Unit, unit_id, "Unit")
    p = s.get(Periode, periode_id) if periode_id is not None else None
    return TEKS[kunci][1].format(**_context(s, unit, p))


def _row(s: Session, unit_id: int, periode_id: int | None, kunci: str) -> Teks | None:
    q = select(Teks).where(Teks.unit_id == unit_id, Teks.kunci == kunci)
    q = q.where(Teks.periode_id.is_(None) if periode_id is None else Teks.periode_id == periode_id)
    return s.scalars(q).first()


@dataclass(frozen=True)
class TeksValue:
    kunci: str
    judul: str
    isi: str
    asal: str  # "periode" | "unit" | "bawaan"


def get_teks(s: Session, unit_id: int, periode_id: int | None, kunci: str) -> TeksValue:
    """The text in force: the period's own, else the unit's, else the default wording."""
    judul = TEKS[kunci][0] if kunci in TEKS else kunci
    if periode_id is not None:
        r = _row(s, unit_id, periode_id, kunci)
        if r is not None:
            return TeksValue(kunci, judul, r.isi, "periode")
    r = _row(s, unit_id, None, kunci)
    if r is not None:
        return TeksValue(kunci, judul, r.isi, "unit")
    return TeksValue(kunci, judul, default_teks(s, unit_id, periode_id, kunci), "bawaan")


def all_teks(s: Session, unit_id: int, periode_id: int | None) -> dict[str, TeksValue]:
    return {k: get_teks(s, unit_id, periode_id, k) for k in TEKS_KEYS}


def set_teks(s: Session, unit_id: int, periode_id: int | None, kunci: str, isi: str) -> None:
    """Store a text for the period (``periode_id``) or for every period of the unit (None)."""
    if kunci not in TEKS:
        raise ServiceError(f"Bagian teks laporan '{kunci}' tidak dikenal.")
    if kunci in ("tanggal_laporan", "tanggal_fkp") and isi.strip():
        parse_tanggal(isi)
    if kunci == "tim_pelaksana":
        tim_rows(isi)
    r = _row(s, unit_id, periode_id, kunci)
    if r is None:
        s.add(Teks(unit_id=unit_id, periode_id=periode_id, kunci=kunci, isi=isi))
    else:
        r.isi = isi
    s.flush()


def reset_teks(s: Session, unit_id: int, periode_id: int | None, kunci: str) -> None:
    """Drop the stored text so the next level (unit, then default) applies again."""
    q = delete(Teks).where(Teks.unit_id == unit_id, Teks.kunci == kunci)
    q = q.where(Teks.periode_id.is_(None) if periode_id is None else Teks.periode_id == periode_id)
    s.execute(q)


def parse_tanggal(text: str) -> dt.date:
    """'14-12-2024', '14/12/2024', '14.12.2024' or '14 Desember 2024' (:mod:`domain.tanggal`)."""
    try:
        return tgl.parse(text)
    except DomainError:
        raise ServiceError(
            f"Tanggal laporan '{str(text).strip()[:40]}' tidak sah; tulis seperti 14-12-2024 atau 14 Desember 2024."
        ) from None


def tanggal_laporan(s: Session, unit_id: int, periode_id: int) -> dt.date | None:
    """The date the laporan and publikasi are signed: the operator's, else the default
    (HARI_PELAPORAN days after collection ends, in the jadwal's pelaporan month)."""
    v = get_teks(s, unit_id, periode_id, "tanggal_laporan").isi.strip()
    if v:
        return parse_tanggal(v)
    return default_tanggal_laporan(s, s.get(Periode, periode_id))


def jadwal_rows(isi: str) -> list[tuple[str, str]]:
    """The schedule text as (kegiatan, waktu) rows; lines without '|' keep an empty waktu."""
    rows = []
    for line in isi.splitlines():
        if not line.strip():
            continue
        a, _, b = line.partition("|")
        rows.append((a.strip(), b.strip()))
    return rows


MAX_TIM = 40
MAX_STRATEGI = 1000
MAX_TIM_FIELD = 200


def tim_rows(isi: str) -> list[tuple[str, str]]:
    """The tim pelaksana text as (nama, jabatan dalam tim) rows, one person a line."""
    rows = [(a.strip(), b.strip()) for a, _, b in (x.partition("|") for x in isi.splitlines() if x.strip())]
    if len(rows) > MAX_TIM:
        raise ServiceError(f"Tim pelaksana berisi {len(rows)} orang; paling banyak {MAX_TIM} baris.")
    for i, (a, b) in enumerate(rows, 1):
        if not a or len(a) > MAX_TIM_FIELD or len(b) > MAX_TIM_FIELD:
            raise ServiceError(
                f"Tim pelaksana baris {i}: tulis 'nama | jabatan dalam tim' (nama wajib, masing-masing "
                f"paling banyak {MAX_TIM_FIELD} huruf)."
            )
    return rows


# ---------------------------------------------------------------- RTL


@dataclass(frozen=True)
class RtlItem:
    id: int
    periode_id: int
    urutan: int
    unsur_kode: str
    program: str
    waktu: str
    penanggung_jawab: str
    realisasi: str
    realisasi_deskripsi: str
    realisasi_hambatan: str
    realisasi_strategi: str = ""

    @property
    def triwulan(self) -> tuple[str, ...]:
        parts = [x.strip() for x in self.waktu.split(",")]
        return tuple(t for t in TRIWULAN if t in parts)

    @property
    def jangka(self) -> str | None:
        w = self.waktu.strip().lower()
        return w if w in JANGKA else None


def _item(r: Rtl) -> RtlItem:
    return RtlItem(
        r.id,
        r.periode_id,
        r.urutan,
        r.unsur_kode,
        r.program,
        r.waktu or "",
        r.penanggung_jawab or "",
        r.realisasi or "",
        r.realisasi_deskripsi or "",
        r.realisasi_hambatan or "",
        r.realisasi_strategi or "",
    )


def normalize_waktu(waktu: str) -> str:
    """'TW I, TW III' → 'TW I,TW III' (in order); 'jangka pendek'; refuses anything else."""
    w = " ".join(waktu.split())
    if not w:
        return ""
    if w.lower() in JANGKA:
        return w.lower()
    parts = [" ".join(x.split()).upper().replace("TW", "TW").strip() for x in w.split(",") if x.strip()]
    bad = [x for x in parts if x not in TRIWULAN]
    if bad:
        raise ServiceError(
            f"Waktu RTL '{waktu}' tidak dikenal; pilih TW I–TW IV (boleh lebih dari satu) "
            "atau jangka pendek/menengah/panjang."
        )
    return ",".join(t for t in TRIWULAN if t in parts)


def list_rtl(s: Session, periode_id: int) -> list[RtlItem]:
    return [_item(r) for r in s.scalars(select(Rtl).where(Rtl.periode_id == periode_id).order_by(Rtl.urutan, Rtl.id))]


def _check_rtl(unsur_kode: str, program: str) -> tuple[str, str]:
    kode = unsur_kode.strip().upper()
    program = " ".join(program.split())
    if not kode:
        raise ServiceError("Unsur RTL wajib dipilih.")
    if not program:
        raise ServiceError(f"Program/kegiatan RTL untuk unsur {kode} wajib diisi.")
    return kode, program


def add_rtl(
    s: Session, periode_id: int, unsur_kode: str, program: str, waktu: str = "", penanggung_jawab: str = ""
) -> int:
    if s.get(Periode, periode_id) is None:
        raise ServiceError("Periode tidak ditemukan.")
    kode, program = _check_rtl(unsur_kode, program)
    n = s.scalar(select(func.max(Rtl.urutan)).where(Rtl.periode_id == periode_id))
    r = Rtl(
        periode_id=periode_id,
        urutan=(n + 1) if n is not None else 0,
        unsur_kode=kode,
        program=program,
        waktu=normalize_waktu(waktu),
        penanggung_jawab=penanggung_jawab.strip(),
    )
    s.add(r)
    s.flush()
    return r.id


def update_rtl(s: Session, rtl_id: int, unsur_kode: str, program: str, waktu: str, penanggung_jawab: str) -> None:
    r = s.get(Rtl, rtl_id)
    if r is None:
        raise ServiceError("RTL tidak ditemukan (mungkin sudah dihapus).")
    r.unsur_kode, r.program = _check_rtl(unsur_kode, program)
    r.waktu = normalize_waktu(waktu)
    r.penanggung_jawab = penanggung_jawab.strip()


def delete_rtl(s: Session, rtl_id: int) -> None:
    s.execute(delete(Rtl).where(Rtl.id == rtl_id))


def set_realisasi(
    s: Session, rtl_id: int, status: str, deskripsi: str = "", hambatan: str = "", strategi: str | None = None
) -> None:
    """The realisation of an RTL; ``strategi`` (how an RTL still open will be carried out)
    is kept as stored when None."""
    r = s.get(Rtl, rtl_id)
    if r is None:
        raise ServiceError("RTL tidak ditemukan (mungkin sudah dihapus).")
    status = status.strip().lower()
    if status not in ("", "sudah", "belum"):
        raise ServiceError(f"Status realisasi '{status}' tidak dikenal; pilih sudah atau belum.")
    r.realisasi, r.realisasi_deskripsi, r.realisasi_hambatan = status, deskripsi.strip(), hambatan.strip()
    if strategi is not None:
        if len(strategi) > MAX_STRATEGI:
            raise ServiceError(f"Strategi penyelesaian paling panjang {MAX_STRATEGI} huruf (tertulis {len(strategi)}).")
        r.realisasi_strategi = strategi.strip()


def previous_periode(s: Session, periode_id: int) -> Periode | None:
    """The period of the same unit just before this one (by start date, then creation)."""
    from . import survey

    p = get_or_refuse(s, Periode, periode_id, "Periode")
    periods = survey.periode_list(s, p.unit_id)
    ids = [x.id for x in periods]
    i = ids.index(periode_id)
    return periods[i - 1] if i > 0 else None


@dataclass(frozen=True)
class Realisasi:
    items: tuple[RtlItem, ...]
    sudah: int
    direncanakan: int

    @property
    def persen(self) -> Fraction | None:
        """RTL done ÷ RTL planned × 100 (metode-skm.md); None when nothing was planned."""
        return None if not self.direncanakan else Fraction(self.sudah * 100, self.direncanakan)


def realisasi(s: Session, periode_id: int) -> Realisasi:
    items = tuple(list_rtl(s, periode_id))
    return Realisasi(items, sum(1 for r in items if r.realisasi == "sudah"), len(items))


# ---------------------------------------------------------------- manual IKM
@dataclass(frozen=True)
class IkmManualItem:
    id: int
    label: str
    ikm_konversi: Decimal


def list_ikm_manual(s: Session, unit_id: int) -> list[IkmManualItem]:
    rows = s.scalars(select(IkmManual).where(IkmManual.unit_id == unit_id).order_by(IkmManual.label))
    return [IkmManualItem(r.id, r.label, Decimal(r.ikm_konversi)) for r in rows]


def parse_ikm(text: str) -> Decimal:
    try:
        d = parse_angka(text, "nilai IKM")
    except DomainError:
        raise ServiceError(f"Nilai IKM '{str(text).strip()[:40]}' bukan angka; tulis seperti 86,89.") from None
    if not Decimal(25) <= d <= Decimal(100):
        raise ServiceError(f"Nilai IKM {text} di luar rentang 25–100 (nilai konversi).")
    return round_half_up(d, 2)


def set_ikm_manual(s: Session, unit_id: int, label: str, ikm_konversi: str | Decimal) -> None:
    label = " ".join(str(label).split())
    if not label:
        raise ServiceError("Label tahun/periode IKM wajib diisi.")
    if len(label) > 40:
        raise ServiceError("Label tahun/periode IKM paling panjang 40 huruf.")
    d = parse_ikm(str(ikm_konversi)) if not isinstance(ikm_konversi, Decimal) else parse_ikm(str(ikm_konversi))
    r = s.scalars(select(IkmManual).where(IkmManual.unit_id == unit_id, IkmManual.label == label)).first()
    if r is None:
        s.add(IkmManual(unit_id=unit_id, label=label, ikm_konversi=str(d)))
    else:
        r.ikm_konversi = str(d)
    s.flush()


def delete_ikm_manual(s: Session, ikm_id: int) -> None:
    s.execute(delete(IkmManual).where(IkmManual.id == ikm_id))
