"""Building the documents (laporan, publikasi, olah data, kuesioner): gathers
every figure from services.results / survey / laporan_teks in one read
session, then hands plain data to the renderers in skm_desktop.reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.sample import METODE_SAMPEL
from skm_desktop.domain.scoring import Summary
from skm_desktop.domain.unit import UnitProfile
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.storage.database import Database
from skm_desktop.storage.files import atomic_write
from skm_desktop.storage.models import Layanan, Periode, TargetSampel, Unit

from . import ServiceError, get_or_refuse, laporan_teks, pemeriksaan, rekap_dokumen, results, survey

if TYPE_CHECKING:
    from skm_desktop.reports.model import Analisis, FotoLampiran, Laporan, OlahData, RtlRow, SaranGroup, Selection

KINDS = ("laporan", "publikasi", "olah-data", "kuesioner")  # the documents of one unit
REKAP_KINDS = rekap_dokumen.KINDS  # the documents of every unit of the database (rekap.md)
# formats other than PDF and the documents that have them
FORMAT_KINDS = {".xlsx": ("olah-data", "rekap"), ".docx": ("laporan", "rekap")}
FORMAT_LABELS = {".pdf": "PDF", ".xlsx": "XLSX", ".docx": "DOCX (Word)"}


def formats(kind: str) -> tuple[str, ...]:
    """The file suffixes a document kind can be written as, PDF first."""
    return (".pdf",) + tuple(f for f, kinds in FORMAT_KINDS.items() if kind in kinds)


KIND_LABELS = {
    "laporan": "Laporan Hasil SKM",
    "publikasi": "Publikasi hasil (1 halaman)",
    "olah-data": "Olah data per responden",
    "kuesioner": "Kuesioner kosong",
}
Progress = Callable[[int, str], None] | None
LAMPIRAN = ("lengkap", "ringkas")
LAMPIRAN_LABELS = {
    None: "Otomatis (ringkas di atas 500 responden)",
    "lengkap": "Lengkap (setiap responden)",
    "ringkas": "Ringkas (tabel per unsur, responden di berkas Excel)",
}
RINGKAS_DI_ATAS = 500  # respondents above which the laporan's olah-data lampiran is ringkas by default


def lampiran_choice(lampiran: str | None, respondents: int, default: str | None = None) -> str:
    """ "lengkap" or "ringkas": the operator's choice, else ``default``, else ringkas above
    :data:`RINGKAS_DI_ATAS` respondents."""
    if lampiran is None:
        lampiran = default or ("ringkas" if respondents > RINGKAS_DI_ATAS else "lengkap")
    if lampiran not in LAMPIRAN:
        raise ServiceError(f"Pilihan lampiran olah data '{lampiran}' tidak dikenal; pilihan: {', '.join(LAMPIRAN)}.")
    return lampiran


def _olah(sel: Selection, recs: Sequence[tuple[int, RespondentRecord]], lampiran: str) -> OlahData:
    """The olah-data table; a large unit's full table in the compact layout."""
    from skm_desktop.reports.model import OlahData

    if lampiran == "ringkas":
        return OlahData(sel, [], ringkas=True)
    rows = [(rec.no_kuesioner, rec.answers) for _, rec in recs]
    return OlahData(sel, rows, compact=len(rows) > RINGKAS_DI_ATAS)


def _unit_info(u: Unit) -> UnitProfile:
    return UnitProfile(
        u.nama,
        u.alamat or "",
        u.kota or "",
        u.telepon or "",
        u.email or "",
        u.instansi_induk or "",
        u.logo,
        u.pejabat_nama or "",
        u.pejabat_jabatan or "",
        u.pejabat_nip or "",
    )


def selection(s: Session, periode_id: int, layanan_id: int | None = None) -> Selection:
    from skm_desktop.reports.model import Selection

    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    lay = None
    if layanan_id is not None:
        l = s.get(Layanan, layanan_id)
        if l is None or l.unit_id != p.unit_id:
            raise ServiceError("Jenis layanan tidak ditemukan pada unit periode ini.")
        lay = l.nama
    rentang = laporan_teks.rentang_periode(s, p)
    return Selection(
        _unit_info(p.unit),
        p.nama,
        rentang.mulai,
        rentang.selesai,
        lay,
        survey.unsur_set(s, periode_id),
        results.summary(s, periode_id, layanan_id),
        survey.options(s, p.unit_id),
        rentang.dari_data,
    )


def olah_data(s: Session, periode_id: int, layanan_id: int | None = None, lampiran: str | None = None) -> OlahData:
    """The olah-data document: every respondent unless ``lampiran`` is "ringkas"."""
    sel = selection(s, periode_id, layanan_id)
    choice = lampiran_choice(lampiran, sel.summary.respondents, default="lengkap")
    recs = survey.load_records(s, periode_id, layanan_id) if choice == "lengkap" else []
    return _olah(sel, recs, choice)


def _rtl_rows(s: Session, periode_id: int, us: UnsurSet) -> list[RtlRow]:
    from skm_desktop.reports.model import RtlRow

    names = {u.kode: u.nama for u in us.unsur}
    out = []
    for r in laporan_teks.list_rtl(s, periode_id):
        out.append(
            RtlRow(
                r.unsur_kode,
                names.get(r.unsur_kode, r.unsur_kode),
                r.program,
                r.triwulan,
                r.jangka,
                r.waktu,
                r.penanggung_jawab,
                r.realisasi,
                r.realisasi_deskripsi,
                r.realisasi_hambatan,
                r.realisasi_strategi,
            )
        )
    return out


def saran_groups(recs: Sequence[tuple[int, RespondentRecord]], us: UnsurSet) -> tuple[list[SaranGroup], int]:
    """Saran/pengaduan grouped by unsur: by the unsur the text names or clearly speaks of
    (keywords of each unsur); the rest under 'Lainnya'. Identical texts are counted once with ×n."""
    from skm_desktop.reports.model import SaranGroup

    texts = [rec.saran.strip() for _, rec in recs if rec.saran and rec.saran.strip()]
    groups: dict[str | None, dict[str, int]] = {}
    for t in texts:
        k = classify_saran(t, us)
        g = groups.setdefault(k, {})
        g[t] = g.get(t, 0) + 1
    out = []
    for u in us.unsur:
        if u.kode in groups:
            items = tuple(f"{t} (×{n})" if n > 1 else t for t, n in groups[u.kode].items())
            out.append(SaranGroup(u.kode, f"{u.kode} {u.nama}", items))
    if None in groups:
        items = tuple(f"{t} (×{n})" if n > 1 else t for t, n in groups[None].items())
        out.append(SaranGroup(None, "Lainnya / umum", items))
    return out, len(texts)


_KEYWORDS = {
    "persyaratan": ("syarat", "persyaratan", "berkas", "dokumen"),
    "prosedur": ("prosedur", "alur", "mekanisme", "informasi", "antre", "antri", "loket"),
    "waktu": ("waktu", "lama", "cepat", "lambat", "jam", "tepat waktu", "menunggu"),
    "biaya": ("biaya", "tarif", "pungli", "bayar", "gratis", "mahal"),
    "produk": ("produk", "hasil", "salah ketik", "surat"),
    "kompetensi": ("kompeten", "kemampuan", "paham", "menguasai"),
    "perilaku": ("ramah", "sopan", "sikap", "petugas", "judes"),
    "pengaduan": ("pengaduan", "aduan", "keluhan", "kotak saran", "tindak lanjut"),
    "sarana": ("ruang", "parkir", "kipas", "ac", "air minum", "toilet", "kursi", "sarana", "fasilitas", "panas"),
}


def classify_saran(text: str, us: UnsurSet) -> str | None:
    t = f" {text.lower()} "
    for u in us.unsur:
        if u.kode.lower() in t.split():
            return u.kode
    best: tuple[str, int] | None = None
    for u in us.unsur:
        name = u.nama.lower()
        for topic, words in _KEYWORDS.items():
            if topic in name or (topic == "prosedur" and "prosedur" in name):
                for w in words:
                    if (f" {w}" in t) and (best is None or len(w) > best[1]):
                        best = (u.kode, len(w))
    return best[0] if best else None


def laporan(
    s: Session,
    periode_id: int,
    layanan_id: int | None = None,
    with_olah: bool = True,
    light: bool = False,
    lampiran: str | None = None,
    with_analisis: bool = True,
) -> Laporan:
    """Everything the laporan prints. ``light``: only what the one-page publikasi needs
    (no questionnaire records, no trend); ``lampiran``: the olah-data lampiran "lengkap" /
    "ringkas" (None: by the respondents); ``with_analisis`` False: no BAB II–IV analysis
    (the year's laporan makes its own)."""
    from skm_desktop.reports.model import Laporan

    sel = selection(s, periode_id, layanan_id)
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    teks = {k: v.isi for k, v in laporan_teks.all_teks(s, p.unit_id, periode_id).items()}
    samples = _samples(s, periode_id, layanan_id)
    prev = laporan_teks.previous_periode(s, periode_id)
    recs: list[tuple[int, RespondentRecord]] = [] if light else survey.load_records(s, periode_id, layanan_id)
    saran, n_saran = saran_groups(recs, sel.unsur_set)
    trend: list[results.TrendPoint] = [] if light else results.trend(s, p.unit_id)
    trend_prev: tuple[str, Decimal, Decimal] | None = None
    if layanan_id is None and not light:
        names = [t.label for t in trend]
        if p.nama in names:
            i = names.index(p.nama)
            before = [(t.label, t.ikm_konversi_2dp) for t in trend[:i] if t.ikm_konversi_2dp is not None]
            cur = trend[i].ikm_konversi_2dp
            if before and cur is not None:
                label, value = before[-1]
                trend_prev = (label, value, cur - value)
    lap = Laporan(
        sel=sel,
        teks=teks,
        karakteristik=results.karakteristik(s, periode_id, layanan_id),
        per_layanan=results.per_layanan(s, periode_id) if layanan_id is None else [],
        progress=results.progress(s, periode_id) if layanan_id is None else [],
        targets=_targets(samples),
        sumber=results.sumber_counts(s, periode_id),
        trend=trend,
        trend_prev=trend_prev,
        rtl=_rtl_rows(s, periode_id, sel.unsur_set),
        **_rtl_prev(s, prev),
        saran=saran,
        saran_total=n_saran,
        tempat=teks.get("tempat", "").strip() or p.unit.kota or "",
        tanggal_laporan=laporan_teks.tanggal_laporan(s, p.unit_id, periode_id),
        jadwal=laporan_teks.jadwal_rows(teks["jadwal"]),
        olah=_olah(sel, recs, lampiran_choice(lampiran, sel.summary.respondents)) if with_olah and not light else None,
        extras={} if light else {"verifikasi": _verification_sentence(s, periode_id)},
        analisis=_analisis(
            s,
            sel.summary,
            samples,
            prev,
            layanan_id,
            teks,
            _foto(s, [periode_id]),
        )
        if with_analisis and not light
        else _empty_analisis(),
    )
    return lap


def _empty_analisis() -> Analisis:
    from skm_desktop.reports.model import Analisis

    return Analisis()


class _Sample(NamedTuple):
    """One sample target of a period with the questionnaires collected for it."""

    layanan: str
    populasi: int | None
    metode: str
    target: int
    terkumpul: int


def _samples(s: Session, periode_id: int, layanan_id: int | None, suffix: str = "") -> list[_Sample]:
    """The period's sample targets (the one layanan's only, when given; its name + suffix),
    each with its collected count, read once for the sample table and the formula."""
    return [
        _Sample(nama + suffix, pop, metode, target, survey.respondent_count(s, periode_id, lid))
        for nama, lid, pop, metode, target in _target_rows(s, periode_id)
        if layanan_id is None or lid == layanan_id
    ]


def _foto(s: Session, periode_ids: Sequence[int]) -> list[FotoLampiran]:
    """The documentation photos of the periods, in order, at most MAX_FOTO in all."""
    from skm_desktop.reports.model import FotoLampiran

    from . import lampiran_foto

    out = [FotoLampiran(k, d, w, h) for pid in periode_ids for k, d, w, h in lampiran_foto.foto_data(s, pid)]
    return out[: lampiran_foto.MAX_FOTO]


def _analisis(
    s: Session,
    sm: Summary,
    samples: Sequence[_Sample],
    prev: Periode | None,
    layanan_id: int | None,
    teks: dict[str, str],
    foto: Sequence[FotoLampiran],
) -> Analisis:
    """BAB II–IV figures beyond the ranking of the summary ``sm`` (sample formula, answer
    shares, gap to mutu A, change against ``prev``, the period before) and the
    lampiran's tim / FKP / photos."""
    from skm_desktop.domain import analisis as an
    from skm_desktop.reports.model import Analisis, SampelLayanan

    sampel = [SampelLayanan(x.layanan, an.rumus_sampel(x.populasi, x.metode), x.target, x.terkumpul) for x in samples]
    perubahan: list[an.PerubahanUnsur] = []
    ikm_lalu = selisih = None
    if prev is not None:
        lalu = results.summary(s, prev.id, layanan_id)
        if lalu.ikm is not None and sm.ikm is not None:
            perubahan = an.perubahan_unsur(lalu, sm)
            ikm_lalu, selisih = lalu.ikm_konversi_2dp, an.selisih_ikm(lalu, sm)
    fkp = teks.get("tanggal_fkp", "").strip()
    try:
        tanggal_fkp = laporan_teks.parse_tanggal(fkp) if fkp else None
    except ServiceError:
        raise ServiceError(
            f"Tanggal forum konsultasi publik '{fkp[:40]}' tidak sah; perbaiki di Dokumen › Teks Laporan "
            "(tulis seperti 11-05-2024)."
        ) from None
    return Analisis(
        sampel=sampel,
        sebaran=[(r.kode, r.unsur.nama, an.answer_shares(r)) for r in sm.unsur],
        gap_a=an.gap_ke_a(sm),
        perubahan=perubahan,
        perubahan_periode=prev.nama if perubahan and prev is not None else None,
        ikm_lalu=ikm_lalu,
        selisih_ikm=selisih,
        tim=laporan_teks.tim_rows(teks.get("tim_pelaksana", "")),
        tanggal_fkp=tanggal_fkp,
        foto=list(foto),
    )


class _RtlPrev(TypedDict):
    rtl_prev: list[RtlRow]
    rtl_prev_periode: str | None
    rtl_prev_persen: Fraction | None
    rtl_prev_sudah: int


def _rtl_prev(s: Session, prev: Periode | None) -> _RtlPrev:
    """The Laporan's realisation fields: the RTL of the period before and how much of it was done."""
    real = laporan_teks.realisasi(s, prev.id) if prev else None
    return {
        "rtl_prev": _rtl_rows(s, prev.id, survey.unsur_set(s, prev.id)) if prev else [],
        "rtl_prev_periode": prev.nama if prev else None,
        "rtl_prev_persen": real.persen if real else None,
        "rtl_prev_sudah": real.sudah if real else 0,
    }


def _target_rows(s: Session, periode_id: int) -> list[Any]:
    """(layanan, layanan id, populasi, metode, target) of the period's sample targets."""
    return list(
        s.execute(
            select(Layanan.nama, Layanan.id, TargetSampel.populasi, TargetSampel.metode, TargetSampel.target)
            .join(TargetSampel, TargetSampel.layanan_id == Layanan.id)
            .where(TargetSampel.periode_id == periode_id)
            .order_by(Layanan.urutan, Layanan.id)
        ).all()
    )


def _targets(samples: Sequence[_Sample]) -> list[tuple[str, int | None, str, int, int]]:
    """(layanan, populasi, metode label, target, realised) rows of the sample table."""
    return [(x.layanan, x.populasi, METODE_SAMPEL.get(x.metode, x.metode), x.target, x.terkumpul) for x in samples]


def laporan_tahun(
    s: Session,
    unit_id: int | None,
    tahun: int,
    layanan_id: int | None = None,
    light: bool = False,
    lampiran: str | None = None,
) -> Laporan:
    """The laporan of a whole year: every respondent of the year's periods pooled
    (services.tahunan), each period's figures beside the year's, the RTL of all the
    year's periods, the realisation of the period before the year. The unit's own
    texts apply (a period's overrides belong to that period's laporan); the olah-data
    lampiran is the per-unsur table (each period's XLSX holds its respondents)."""
    from dataclasses import replace

    from skm_desktop.domain.sample import Progress as SampleProgress
    from skm_desktop.reports.model import OlahData

    from . import tahunan

    if lampiran == "lengkap":
        raise ServiceError(
            "Lampiran olah data lengkap dibuat per periode; laporan tahunan memuat tabel per unsur "
            "(pilih lampiran ringkas, atau buat olah data setiap periode)."
        )
    lampiran_choice(lampiran, 0)
    periods = tahunan.year_periods(s, unit_id, tahun)
    th = tahunan.tahunan(s, unit_id, tahun, layanan_id, periods)
    first, last = periods[0], periods[-1]
    base = laporan(s, last.id, layanan_id, with_olah=False, light=light, with_analisis=False)
    starts = [p.tanggal_mulai for p in periods if p.tanggal_mulai]
    ends = [p.tanggal_selesai for p in periods if p.tanggal_selesai]
    sel = replace(
        base.sel,
        periode=th.label,
        tanggal_mulai=min(starts) if starts else None,
        tanggal_selesai=max(ends) if ends else None,
        unsur_set=th.summary.unsur_set,
        summary=th.summary,
        gabungan=tuple(p.nama for p in periods),
    )
    ids = [p.id for p in periods]
    teks = {k: v.isi for k, v in laporan_teks.all_teks(s, last.unit_id, None).items()}
    teks["tanggal_laporan"] = base.teks.get("tanggal_laporan", "")
    recs = [] if light else [r for pid in ids for r in survey.load_records(s, pid, layanan_id)]
    saran, n_saran = saran_groups(recs, sel.unsur_set)
    prev = laporan_teks.previous_periode(s, first.id)
    sumber: dict[str, int] = {}
    for pid in ids:
        for k, n in results.sumber_counts(s, pid).items():
            sumber[k] = sumber.get(k, 0) + n
    per_layanan = tahunan.per_layanan(s, last.unit_id, tahun, periods) if layanan_id is None and not light else []
    samples = [x for p in periods for x in _samples(s, p.id, layanan_id, f" ({p.nama})")]
    progress = []
    if layanan_id is None:
        for p in periods:
            progress += [
                SampleProgress(f"{x.label} ({p.nama})", x.target, x.collected) for x in results.progress(s, p.id)
            ]
    return replace(
        base,
        sel=sel,
        teks=teks,
        karakteristik={} if light else tahunan.karakteristik(s, ids, layanan_id),
        per_layanan=per_layanan,
        progress=progress,
        targets=_targets(samples),
        sumber=sumber,
        trend_prev=None,
        rtl=[r for p in periods for r in _rtl_rows(s, p.id, survey.unsur_set(s, p.id))],
        **_rtl_prev(s, prev),
        saran=saran,
        saran_total=n_saran,
        olah=None if light else OlahData(sel, [], ringkas=True),
        extras={},
        periode_tahun=th.parts,
        # the year's own analysis: the pooled summary, every period's sample and
        # photos, the change against the period before the year
        analisis=_empty_analisis()
        if light
        else _analisis(s, th.summary, samples, prev, layanan_id, teks, _foto(s, ids)),
    )


def _check_lampiran(kind: str, suffix: str, lampiran: str | None) -> None:
    if lampiran is None:
        return
    if kind not in ("laporan", "olah-data"):
        raise ServiceError("Pilihan lampiran (lengkap/ringkas) hanya berlaku untuk laporan dan olah data.")
    if suffix == ".xlsx" and lampiran == "ringkas":
        raise ServiceError("Berkas Excel olah data selalu memuat setiap responden; pilihan ringkas hanya untuk PDF.")


def _verification_sentence(s: Session, periode_id: int) -> str:
    """How much of the keyed paper data was verified by double entry (issue: data quality)."""
    from . import verifikasi

    share = verifikasi.verified_share(s, periode_id)
    return share.kalimat() if share.n_kertas else ""


def generated_teks(s: Session, periode_id: int, kunci: str) -> str:
    """The automatic wording of 'analisis' / 'kesimpulan' from this period's results
    (what the laporan prints while the operator has not written their own)."""
    from skm_desktop.reports import texts

    if kunci == "analisis":
        return texts.analisis(results.summary(s, periode_id))
    if kunci == "kesimpulan":
        return texts.kesimpulan(laporan(s, periode_id, with_olah=False))
    raise ServiceError(f"Bagian '{kunci}' tidak memiliki kalimat otomatis.")


def preflight(db: Database, kind: str, periode_id: int, layanan_id: int | None = None) -> list[pemeriksaan.Temuan]:
    """What the document ``kind`` would still miss (services.pemeriksaan); empty when complete."""
    with db.read_session() as s:
        return pemeriksaan.periksa(pemeriksaan.bahan(s, kind, periode_id, layanan_id))


def build(
    db: Database,
    kind: str,
    out: Path,
    periode_id: int | None,
    layanan_id: int | None = None,
    progress: Progress = None,
    invariant: bool | None = None,
    lampiran: str | None = None,
    tahun: int | None = None,
    unit_id: int | None = None,
) -> Path:
    """Write one document; returns its path. By the suffix: olah-data goes to .pdf or .xlsx,
    the laporan to .pdf or .docx (Word); the recap documents (:data:`REKAP_KINDS`) are of
    every unit of ``tahun`` (None: the latest year with figures), as in rekap.md;
    ``lampiran`` ("lengkap" / "ringkas") chooses the olah-data table of the laporan and the
    olah-data PDF; ``tahun``: the laporan or publikasi of that whole year of the unit
    ``unit_id`` (every respondent of its periods pooled) instead of one period."""
    out = Path(out)
    suffix = _check_out(kind, out)
    _check_lampiran(kind, suffix, lampiran)
    step = progress or (lambda pct, msg: None)
    if kind in REKAP_KINDS:
        step(2, "Mengambil angka rekap")
        return _write(out, rekap_dokumen.renderer(db, kind, suffix, tahun, invariant), step)
    if tahun is not None and kind not in TAHUN_KINDS:
        raise ServiceError(f"Dokumen {kind} dibuat per periode; untuk satu tahun tersedia: {', '.join(TAHUN_KINDS)}.")
    if tahun is None and periode_id is None:
        raise ServiceError("Pilih periode (atau tahun) dokumen terlebih dahulu.")
    step(2, "Mengambil data")
    render: Callable[[Path], Path]
    with db.read_session() as s:
        if kind in TAHUN_KINDS:
            light = kind == "publikasi"
            if tahun is not None:
                lap = laporan_tahun(s, unit_id, tahun, layanan_id, light=light, lampiran=lampiran)
            else:
                assert periode_id is not None
                lap = laporan(s, periode_id, layanan_id, with_olah=not light, light=light, lampiran=lampiran)
            render = _laporan_renderer(kind, lap, suffix, invariant, progress)
        elif kind == "olah-data":
            from skm_desktop.reports import olah_data as r_olah

            assert periode_id is not None
            od = olah_data(s, periode_id, layanan_id, lampiran)
            if suffix == ".xlsx":
                render = lambda tmp: r_olah.build_xlsx(od, tmp, progress)  # noqa: E731
            else:
                render = lambda tmp: r_olah.build_pdf(od, tmp, invariant, progress)  # noqa: E731
        else:
            from skm_desktop.reports import kuesioner as r_kuesioner

            assert periode_id is not None
            sel = selection(s, periode_id, layanan_id)
            render = lambda tmp: r_kuesioner.build_pdf(sel, tmp, invariant, progress)  # noqa: E731
    return _write(out, render, step)


def _write(out: Path, render: Callable[[Path], object], step: Callable[[int, str], None]) -> Path:
    step(10, "Menyusun dokumen")
    try:
        with atomic_write(out) as tmp:
            render(tmp)
    except PermissionError:
        raise ServiceError(
            f"Berkas {out.name} tidak dapat ditulis; mungkin sedang dibuka di program lain. "
            "Tutup berkas itu lalu coba lagi."
        ) from None
    step(100, "Selesai")
    return out


def _check_out(kind: str, out: Path) -> str:
    """The output's suffix, after checking the kind, the suffix (FORMAT_KINDS) and the folder."""
    if kind not in KINDS + REKAP_KINDS:
        raise ServiceError(f"Jenis dokumen '{kind}' tidak dikenal; pilihan: {', '.join(KINDS + REKAP_KINDS)}.")
    suffix = out.suffix.lower()
    for fmt, kinds in FORMAT_KINDS.items():
        if suffix == fmt and kind not in kinds:
            raise ServiceError(
                f"Dokumen {kind} dapat dibuat sebagai {' atau '.join(FORMAT_LABELS[f] for f in formats(kind))}; "
                f"format {FORMAT_LABELS[fmt]} hanya untuk "
                f"{' dan '.join(kinds)}."
            )
    if suffix != ".pdf" and suffix not in FORMAT_KINDS:
        raise ServiceError(
            "Nama berkas keluaran harus berakhiran .pdf (atau "
            + ", ".join(f"{f} untuk {' dan '.join(k)}" for f, k in FORMAT_KINDS.items())
            + f"): {out.name}"
        )
    if out.parent and not out.parent.exists():
        raise ServiceError(f"Folder tujuan {out.parent} tidak ada.")
    return suffix


TAHUN_KINDS = ("laporan", "publikasi")


def _laporan_renderer(
    kind: str, lap: Laporan, suffix: str, invariant: bool | None, progress: Progress
) -> Callable[[Path], Path]:
    if kind == "laporan":
        from skm_desktop.reports import laporan as r_laporan

        if suffix == ".docx":
            return lambda tmp: r_laporan.build_docx(lap, tmp, progress)
        return lambda tmp: r_laporan.build_pdf(lap, tmp, invariant, progress)
    from skm_desktop.reports import publikasi as r_publikasi

    return lambda tmp: r_publikasi.build_pdf(lap, tmp, invariant, progress)
