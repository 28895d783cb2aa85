"""The recap documents (issue #15): the rekap laporan (PDF, XLSX or DOCX) and the one-page exposé.

:func:`dokumen` gathers :class:`reports.rekap_model.RekapDokumen` from the figures of
:mod:`domain.rekap` (through :func:`services.rekap.summaries`); :func:`renderer` says what
writes one of them, and :func:`services.documents.build` (the one entry for every document)
checks the request and writes it atomically. The texts of BAB I, the jadwal and the kesimpulan are
generated from the figures and editable per year (:func:`set_teks`), stored as settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from skm_desktop.domain import rekap
from skm_desktop.domain.formatting import angka
from skm_desktop.io.ringkasan import TAHUN_MIN
from skm_desktop.reports.rekap_model import (
    CheckRow,
    PeriodeRow,
    RankRow,
    RealisasiRow,
    RekapDokumen,
    TrendPoint,
    UnitRow,
)
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Pengaturan, RekapRingkasan, Unit

from . import ServiceError
from . import rekap as svc_rekap
from .forms import standard_unsur_set

KINDS = ("rekap", "ekspose")
TREND_YEARS = 5  # the trend shows this year and up to four before it
KEY_WILAYAH = "rekap_wilayah"
TEKS_MAX = 20_000
WILAYAH_MAX = 120

#: kunci -> (heading, default wording). Placeholders: {wilayah}, {tahun}, {units}.
TEKS: dict[str, tuple[str, str]] = {
    "latar_belakang": (
        "Latar belakang",
        "Setiap penyelenggara pelayanan publik wajib menilai kinerja pelayanannya secara berkala "
        "bersama masyarakat penggunanya. Survei Kepuasan Masyarakat (SKM) menurut Peraturan Menteri "
        "PANRB Nomor 14 Tahun 2017 adalah alat ukur yang sama bagi semua unit, sehingga hasil "
        "unit-unit di lingkungan {wilayah} dapat dihimpun dan dibandingkan.\n"
        "Rekapitulasi ini menghimpun hasil SKM {units} unit pelayanan tahun {tahun} menjadi satu "
        "gambaran kinerja pelayanan publik daerah.",
    ),
    "maksud_tujuan": (
        "Maksud dan tujuan",
        "Rekapitulasi ini dimaksudkan untuk mengetahui Indeks Kepuasan Masyarakat (IKM) daerah dan "
        "setiap unit pelayanan tahun {tahun}, peringkat dan perubahannya dibandingkan tahun-tahun "
        "sebelumnya, serta unsur pelayanan yang perlu mendapat perhatian, sebagai bahan pembinaan "
        "dan perbaikan pelayanan.",
    ),
    "dasar_hukum": (
        "Dasar hukum",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.\n"
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun "
        "2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.",
    ),
    "jadwal": (
        "Jadwal pengumpulan data",
        "Unit pelayanan melaksanakan survei pada tahun {tahun} dan menyampaikan hasilnya (paket data "
        "responden atau lembar ringkasan) kepada penyusun rekap paling lambat akhir Januari tahun berikutnya.",
    ),
    "kesimpulan": ("Kesimpulan", ""),  # generated from the figures (see _kesimpulan)
}
TEKS_KEYS = tuple(TEKS)


def _key(tahun: int, kunci: str) -> str:
    return f"rekap_teks:{tahun}:{kunci}"


def _setting(db: Database, key: str) -> str | None:
    with db.read_session() as s:
        row = s.get(Pengaturan, key)
        return None if row is None else row.nilai


def _put(s: Session, key: str, value: str | None) -> None:
    row = s.get(Pengaturan, key)
    if value is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(Pengaturan(kunci=key, nilai=value))
    else:
        row.nilai = value


def _check_kunci(kunci: str) -> None:
    if kunci not in TEKS:
        raise ServiceError(f"Teks rekap '{kunci}' tidak dikenal; pilihan: {', '.join(TEKS_KEYS)}.")


def wilayah(db: Database) -> str:
    """The region's name printed on the recap ("Pemerintah Kota …"); a damaged setting reads as ""."""
    v = _setting(db, KEY_WILAYAH) or ""
    return v if len(v) <= WILAYAH_MAX and v.isprintable() else ""


def _clean_wilayah(nama: str) -> str:
    nama = " ".join(nama.split())
    if len(nama) > WILAYAH_MAX:
        raise ServiceError(f"Nama wilayah paling panjang {WILAYAH_MAX} huruf ({len(nama)} diketik).")
    if not nama.isprintable():
        raise ServiceError("Nama wilayah berisi karakter kendali yang tidak dapat dicetak.")
    return nama


def set_wilayah(db: Database, nama: str) -> None:
    nama = _clean_wilayah(nama)
    with db.session() as s:
        _put(s, KEY_WILAYAH, nama or None)


def stored_teks(db: Database, tahun: int) -> dict[str, str]:
    """The texts the operator wrote for ``tahun`` (only those; damaged or oversized ones are ignored)."""
    out: dict[str, str] = {}
    with db.read_session() as s:
        rows = s.scalars(select(Pengaturan).where(Pengaturan.kunci.like(f"rekap_teks:{tahun}:%")))
        for r in rows:
            kunci = r.kunci.rsplit(":", 1)[-1]
            if kunci in TEKS and isinstance(r.nilai, str) and 0 < len(r.nilai) <= TEKS_MAX:
                out[kunci] = r.nilai
    return out


def _clean_teks(kunci: str, isi: str) -> str:
    """``isi`` as it is stored (line ends unified, trimmed), or the reason it is refused."""
    _check_kunci(kunci)
    isi = isi.replace("\r\n", "\n").replace("\u2029", "\n").strip()
    if len(isi) > TEKS_MAX:
        raise ServiceError(f"Teks '{TEKS[kunci][0]}' terlalu panjang ({len(isi)} huruf; paling banyak {TEKS_MAX}).")
    if any(not (c.isprintable() or c in "\n\t") for c in isi):
        raise ServiceError(f"Teks '{TEKS[kunci][0]}' berisi karakter kendali yang tidak dapat dicetak.")
    return isi


def set_teks(db: Database, tahun: int, kunci: str, isi: str) -> None:
    """Store the operator's wording of ``kunci`` for ``tahun``; an empty text returns to the generated one."""
    isi = _clean_teks(kunci, isi)
    svc_rekap._tahun(tahun)
    with db.session() as s:
        _put(s, _key(tahun, kunci), isi or None)


def teks(db: Database, tahun: int | None = None) -> dict[str, tuple[str, str, bool]]:
    """kunci -> (heading, text, edited) for the editor: the stored wording or the generated one."""
    return {k: (t.judul, t.isi, t.ditulis) for k, t in teks_rekap(db, tahun).items()}


@dataclass(frozen=True)
class TeksRekap:
    """One editable text of the recap laporan, for the editor."""

    judul: str
    isi: str  # what the laporan prints now
    otomatis: str  # the wording generated from the figures
    ditulis: bool  # the operator's own wording is stored


def teks_rekap(db: Database, tahun: int | None = None) -> dict[str, TeksRekap]:
    """kunci -> the text printed now and the generated one, in the laporan's order."""
    doc = dokumen(db, tahun)
    stored = stored_teks(db, doc.tahun)
    return {k: TeksRekap(TEKS[k][0], doc.teks[k], _generated(doc, k), k in stored) for k in TEKS_KEYS}


def simpan_teks(db: Database, tahun: int, nama_wilayah: str, isi: Mapping[str, str]) -> None:
    """The wilayah name and the texts of ``tahun`` stored together, or nothing when one is
    refused (every reason named). A text equal to the generated wording (or empty) is not
    stored: the laporan keeps generating it from the figures."""
    svc_rekap._tahun(tahun)
    errors: list[str] = []
    clean: dict[str, str] = {}
    nama = ""
    try:
        nama = _clean_wilayah(nama_wilayah)
    except ServiceError as e:
        errors.append(str(e))
    for kunci, text in isi.items():
        try:
            clean[kunci] = _clean_teks(kunci, text)
        except ServiceError as e:
            errors.append(str(e))
    if errors:
        raise ServiceError("\n".join(errors))
    # the generated wording as the editor showed it (the stored wilayah) and as it will
    # read with the wilayah about to be stored: either one stays generated
    now = dokumen(db, tahun)
    docs = (now, replace(now, wilayah=nama))
    with db.session() as s:
        _put(s, KEY_WILAYAH, nama or None)
        for kunci, text in clean.items():
            same = " ".join(text.split()) in {" ".join(_generated(d, kunci).split()) for d in docs}
            _put(s, _key(tahun, kunci), None if same else text or None)


# ---------------------------------------------------------------- gathering
def _d2(x: Fraction | Decimal | None) -> Decimal | None:
    return None if x is None else rekap.two_dp(x)


def _sasaran_2dp(y: rekap.RekapYear) -> Decimal | None:
    return None if y.sasaran is None else rekap.two_dp(y.sasaran.target)


def _metode(db: Database, tahun: int) -> dict[str, str]:
    """unit -> the collection method its summary rows of ``tahun`` name ("" when none)."""
    per: dict[str, set[str]] = {}
    with db.read_session() as s:
        q = (
            select(Unit.nama, RekapRingkasan.metode)
            .join(RekapRingkasan, RekapRingkasan.unit_id == Unit.id)
            .where(RekapRingkasan.tahun == tahun)
        )
        for nama, metode in s.execute(q):
            if metode:
                per.setdefault(nama, set()).add(str(metode)[:20])
    return {u: (ms.pop() if len(ms) == 1 else "campuran") for u, ms in per.items()}


def _unit_row(u: rekap.RankedUnit, real: rekap.Realisasi, metode: dict[str, str], codes: list[str]) -> UnitRow:
    f = u.figure
    return UnitRow(
        f.unit,
        f.kelompok or "Lainnya",
        # the period rows under the annual one: a period that is itself the whole year is the annual row
        tuple(
            PeriodeRow(
                p.periode,
                p.ikm_2dp,
                p.mutu,
                tuple(_d2(p.unsur.get(c)) for c in codes) if p.unsur else (),
                p.responden,
            )
            for p in f.periods
            if p.periode != rekap.TAHUNAN
        ),
        tuple(_d2(f.unsur.get(c)) for c in codes),
        f.ikm_2dp,
        f.mutu,
        f.kategori.kinerja,
        f.metode,
        f.source,
        # the method its summary rows name only when the figure comes from them (raw data wins)
        metode.get(f.unit, "") if f.source == "ringkasan" else "data responden",
        f.responden,
        f.target,
        _d2(real.persen) if f.target else None,
    )


def _realisasi(r: rekap.Realisasi) -> RealisasiRow:
    return RealisasiRow(r.nama, r.target, r.responden, _d2(r.persen))


def dokumen(db: Database, tahun: int | None = None) -> RekapDokumen:
    """Every figure and text of the recap documents of ``tahun`` (default: the newest year)."""
    ys = svc_rekap.years(db)
    if tahun is None:
        if not ys:
            raise ServiceError("Basis data rekap belum berisi data unit; tambahkan paket .skm atau ringkasan dahulu.")
        tahun = ys[0]
    svc_rekap._tahun(tahun)
    wanted = sorted(t for t in {*ys, tahun, tahun - 1} if tahun - TREND_YEARS < t <= tahun and t >= TAHUN_MIN)
    got = svc_rekap.summaries(db, wanted)
    y = got[tahun]
    if not y.units:
        raise ServiceError(f"Belum ada unit dengan angka IKM tahun {tahun}; rekap tidak dapat dibuat.")
    py = got.get(tahun - 1)
    prev2 = {u.figure.unit: u.previous for u in py.units} if py is not None else {}
    us = standard_unsur_set()
    names = {x.kode.upper(): x.nama for x in us.unsur}
    codes = [x.kode.upper() for x in us.unsur]
    metode = _metode(db, tahun)
    units = tuple(_unit_row(u, r, metode, codes) for u, r in zip(y.units, y.realisasi_unit, strict=True))
    ranking = tuple(
        RankRow(
            u.rank,
            u.figure.unit,
            u.figure.ikm_2dp,
            u.figure.mutu,
            None if u.previous is None else u.previous.ikm_2dp,
            "" if u.previous is None else u.previous.mutu,
            None if (p2 := prev2.get(u.figure.unit)) is None else p2.ikm_2dp,
            "" if p2 is None else p2.mutu,
            u.change or "",
            u.selisih_2dp,
        )
        for u in y.units
    )
    kelompok: dict[str, list[str]] = {}
    for r in units:
        kelompok.setdefault(r.kelompok, []).append(r.unit)
    listed = svc_rekap.kelompok_list(db)
    order = sorted(kelompok, key=lambda k_: rekap.kelompok_order(k_, listed))
    figures = [u.figure for u in y.units]
    city_unsur = tuple(
        (m.kode, names.get(m.kode, m.kode), m.konversi_2dp, rekap.mutu_of(m.konversi).mutu)
        for m in rekap.unsur_means(figures)
    )
    low = y.lowest_unsur
    trend = tuple(TrendPoint(t, got[t].ikm_2dp, _sasaran_2dp(got[t])) for t in wanted if got[t].ikm is not None)
    k = y.kategori
    sas = y.sasaran
    doc = RekapDokumen(
        wilayah=wilayah(db),
        tahun=tahun,
        previous_tahun=tahun - 1,
        previous2_tahun=tahun - 2,
        ikm=y.ikm_2dp,
        mutu="" if k is None else k.mutu,
        kinerja="" if k is None else k.kinerja,
        headline="gabungan seluruh responden"
        if y.headline == rekap.HEADLINE_POOLED
        else "rata-rata IKM unit pelayanan",
        ikm_mean_units=_d2(y.ikm_mean_units),
        ikm_pooled=_d2(y.ikm_pooled),
        units=units,
        ranking=ranking,
        kelompok_units=tuple((k_, tuple(kelompok[k_])) for k_ in order),
        metode_counts=tuple(rekap.count_labels(r.metode or "tidak disebut" for r in units)),
        cara_counts=tuple(rekap.count_labels(r.cara for r in units)),
        mutu_counts=tuple(y.mutu_counts.items()),
        compared=y.changes.compared,
        naik=y.changes.naik,
        turun=y.changes.turun,
        tetap=y.changes.tetap,
        transitions=tuple((p.replace("->", " → "), n) for p, n in y.changes.mutu_transitions.items()),
        only_current=y.changes.only_current,
        only_previous=y.changes.only_previous,
        unsur_city=city_unsur,
        unsur_codes=tuple(codes),
        lowest_unsur=""
        if low is None
        else f"{low.kode} {names.get(low.kode, '')} ({angka(low.konversi_2dp, 2)})".replace("  ", " "),
        trend=trend,
        sasaran=None if sas is None else _d2(sas.target),
        sasaran_tercapai=None if sas is None else sas.tercapai,
        selisih_sasaran=None if sas is None else _d2(sas.selisih),
        realisasi_kelompok=tuple(_realisasi(r) for r in y.realisasi_kelompok),
        realisasi_total=_realisasi(y.realisasi_total),
        respondents=y.respondents,
        not_reported=y.not_reported,
        checks=tuple(CheckRow(c.unit, c.periode, c.published, c.recomputed, c.message) for c in y.checks),
    )
    stored = stored_teks(db, tahun)
    for kunci, (judul, _default) in TEKS.items():
        doc.teks[kunci] = stored.get(kunci) or _generated(doc, kunci)
        doc.teks_judul[kunci] = judul
    return doc


def _generated(d: RekapDokumen, kunci: str) -> str:
    """The wording of ``kunci`` generated from the figures (and the wilayah) of ``d``."""
    if kunci == "kesimpulan":
        return _kesimpulan(d)
    ctx = {"wilayah": d.wilayah or "daerah", "tahun": str(d.tahun), "units": str(len(d.units))}
    return TEKS[kunci][1].format(**ctx)


def _kesimpulan(d: RekapDokumen) -> str:
    """The generated kesimpulan: one sentence per figure."""
    wil = d.wilayah or "daerah"
    out = [
        f"IKM {wil} tahun {d.tahun} sebesar {angka(d.ikm, 2)} dengan mutu pelayanan {d.mutu} "
        f"({d.kinerja}), dihitung sebagai {d.headline} dari {len(d.units)} unit pelayanan "
        f"dan {angka(d.respondents)} responden."
    ]
    counts = ", ".join(f"{n} unit bermutu {m}" for m, n in d.mutu_counts if n)
    out.append(f"Sebaran mutu unit: {counts}.")
    if d.compared:
        line = (
            f"Dibandingkan tahun {d.previous_tahun}, dari {d.compared} unit yang dapat dibandingkan "
            f"{d.naik} unit naik, {d.turun} unit turun, dan {d.tetap} unit tetap"
        )
        if d.transitions:
            line += "; perubahan mutu: " + ", ".join(f"{p} sebanyak {n} unit" for p, n in d.transitions)
        out.append(line + ".")
    if d.lowest_unsur:
        out.append(f"Unsur dengan nilai rata-rata terendah di seluruh unit adalah {d.lowest_unsur}.")
    if d.sasaran is not None:
        hasil = "tercapai" if d.sasaran_tercapai else "belum tercapai"
        out.append(f"Sasaran IKM tahun {d.tahun} sebesar {angka(d.sasaran, 2)} {hasil}.")
    if d.not_reported:
        out.append(f"Sebanyak {len(d.not_reported)} unit belum melaporkan hasil SKM tahun {d.tahun}.")
    return "\n".join(out)


# ---------------------------------------------------------------- writing
def renderer(
    db: Database, kind: str, suffix: str, tahun: int | None, invariant: bool | None
) -> Callable[[Path], object]:
    """What writes the recap document ``kind`` of ``tahun`` as ``suffix`` (already checked by
    :func:`services.documents.build`, the one entry for every document), its figures gathered now."""
    doc = dokumen(db, tahun)
    if kind == "ekspose":
        from skm_desktop.reports import rekap_ekspose

        return lambda tmp: rekap_ekspose.build_pdf(doc, tmp, invariant)
    if suffix == ".xlsx":
        from skm_desktop.reports import rekap_xlsx

        return lambda tmp: rekap_xlsx.build_xlsx(doc, tmp)
    from skm_desktop.reports import rekap as r_rekap

    if suffix == ".docx":
        return lambda tmp: r_rekap.build_docx(doc, tmp)
    return lambda tmp: r_rekap.build_pdf(doc, tmp, invariant)


class RekapDokumenService:
    """The recap documents bound to one database (for the Rekap page and the Dokumen page)."""

    TEKS_KEYS = TEKS_KEYS

    def __init__(self, db: Database) -> None:
        self._db = db

    def dokumen(self, tahun: int | None = None) -> RekapDokumen:
        return dokumen(self._db, tahun)

    def teks(self, tahun: int | None = None) -> dict[str, tuple[str, str, bool]]:
        return teks(self._db, tahun)

    def teks_rekap(self, tahun: int | None = None) -> dict[str, TeksRekap]:
        return teks_rekap(self._db, tahun)

    def simpan_teks(self, tahun: int, nama_wilayah: str, isi: Mapping[str, str]) -> None:
        simpan_teks(self._db, tahun, nama_wilayah, isi)

    def set_teks(self, tahun: int, kunci: str, isi: str) -> None:
        set_teks(self._db, tahun, kunci, isi)

    def wilayah(self) -> str:
        return wilayah(self._db)

    def set_wilayah(self, nama: str) -> None:
        set_wilayah(self._db, nama)
