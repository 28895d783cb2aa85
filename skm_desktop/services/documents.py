"""Building the documents (laporan, publikasi, olah data, kuesioner): gathers
every figure from services.results / survey / laporan_teks in one read
session, then hands plain data to the renderers in skm_desktop.reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.sample import METODE_SAMPEL
from skm_desktop.domain.unit import UnitProfile
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.storage.database import Database
from skm_desktop.storage.files import atomic_write
from skm_desktop.storage.models import Layanan, Periode, TargetSampel, Unit

from . import ServiceError, get_or_refuse, laporan_teks, results, survey

if TYPE_CHECKING:
    from skm_desktop.reports.model import Laporan, OlahData, RtlRow, SaranGroup, Selection

KINDS = ("laporan", "publikasi", "olah-data", "kuesioner")
# formats other than PDF and the documents that have them
FORMAT_KINDS = {".xlsx": ("olah-data",), ".docx": ("laporan",)}
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
    return Selection(
        _unit_info(p.unit),
        p.nama,
        p.tanggal_mulai,
        p.tanggal_selesai,
        lay,
        survey.unsur_set(s, periode_id),
        results.summary(s, periode_id, layanan_id),
        survey.options(s, p.unit_id),
    )


def olah_data(s: Session, periode_id: int, layanan_id: int | None = None) -> OlahData:
    from skm_desktop.reports.model import OlahData

    sel = selection(s, periode_id, layanan_id)
    recs = survey.load_records(s, periode_id, layanan_id)
    return OlahData(sel, [(rec.no_kuesioner, rec.answers) for _, rec in recs])


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
    s: Session, periode_id: int, layanan_id: int | None = None, with_olah: bool = True, light: bool = False
) -> Laporan:
    """Everything the laporan prints. ``light``: only what the one-page publikasi needs."""
    from skm_desktop.reports.model import Laporan, OlahData

    sel = selection(s, periode_id, layanan_id)
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    teks = {k: v.isi for k, v in laporan_teks.all_teks(s, p.unit_id, periode_id).items()}
    targets: list[tuple[str, int | None, str, int, int]] = []
    rows = s.execute(
        select(Layanan.nama, Layanan.id, TargetSampel.populasi, TargetSampel.metode, TargetSampel.target)
        .join(TargetSampel, TargetSampel.layanan_id == Layanan.id)
        .where(TargetSampel.periode_id == periode_id)
        .order_by(Layanan.urutan, Layanan.id)
    ).all()
    for nama, lid, pop, metode, target in rows:
        if layanan_id is not None and lid != layanan_id:
            continue  # a laporan for one layanan shows that layanan's sample only
        targets.append(
            (nama, pop, METODE_SAMPEL.get(metode, metode), target, survey.respondent_count(s, periode_id, lid))
        )
    prev = laporan_teks.previous_periode(s, periode_id)
    real = laporan_teks.realisasi(s, prev.id) if prev else None
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
        karakteristik={} if light else results.karakteristik(s, periode_id, layanan_id),
        per_layanan=results.per_layanan(s, periode_id) if layanan_id is None and not light else [],
        progress=results.progress(s, periode_id) if layanan_id is None else [],
        targets=targets,
        sumber=results.sumber_counts(s, periode_id),
        trend=trend,
        trend_prev=trend_prev,
        rtl=_rtl_rows(s, periode_id, sel.unsur_set),
        rtl_prev=_rtl_rows(s, prev.id, survey.unsur_set(s, prev.id)) if prev else [],
        rtl_prev_periode=prev.nama if prev else None,
        rtl_prev_persen=real.persen if real else None,
        rtl_prev_sudah=real.sudah if real else 0,
        saran=saran,
        saran_total=n_saran,
        tempat=teks.get("tempat", "").strip() or p.unit.kota or "",
        tanggal_laporan=laporan_teks.tanggal_laporan(s, p.unit_id, periode_id),
        jadwal=laporan_teks.jadwal_rows(teks["jadwal"]),
        olah=OlahData(sel, [(rec.no_kuesioner, rec.answers) for _, rec in recs]) if with_olah and not light else None,
        extras={} if light else {"verifikasi": _verification_sentence(s, periode_id)},
    )
    return lap


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


def build(
    db: Database,
    kind: str,
    out: Path,
    periode_id: int,
    layanan_id: int | None = None,
    progress: Progress = None,
    invariant: bool | None = None,
) -> Path:
    """Write one document; returns its path. By the suffix: olah-data goes to .pdf or .xlsx,
    the laporan to .pdf or .docx (Word)."""
    out = Path(out)
    if kind not in KINDS:
        raise ServiceError(f"Jenis dokumen '{kind}' tidak dikenal; pilihan: {', '.join(KINDS)}.")
    suffix = out.suffix.lower()
    for fmt, kinds in FORMAT_KINDS.items():
        if suffix == fmt and kind not in kinds:
            raise ServiceError(
                f"Dokumen {kind} hanya dapat dibuat sebagai PDF; format {FORMAT_LABELS[fmt]} hanya untuk "
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
    step = progress or (lambda pct, msg: None)
    step(2, "Mengambil data")
    render: Callable[[Path], Path]
    with db.read_session() as s:
        if kind == "olah-data":
            from skm_desktop.reports import olah_data as r_olah

            od = olah_data(s, periode_id, layanan_id)
            if suffix == ".xlsx":
                render = lambda tmp: r_olah.build_xlsx(od, tmp, progress)  # noqa: E731
            else:
                render = lambda tmp: r_olah.build_pdf(od, tmp, invariant, progress)  # noqa: E731
        elif kind == "laporan":
            from skm_desktop.reports import laporan as r_laporan

            lap = laporan(s, periode_id, layanan_id)
            if suffix == ".docx":
                render = lambda tmp: r_laporan.build_docx(lap, tmp, progress)  # noqa: E731
            else:
                render = lambda tmp: r_laporan.build_pdf(lap, tmp, invariant, progress)  # noqa: E731
        elif kind == "publikasi":
            from skm_desktop.reports import publikasi as r_publikasi

            pub = laporan(s, periode_id, layanan_id, with_olah=False, light=True)
            render = lambda tmp: r_publikasi.build_pdf(pub, tmp, invariant, progress)  # noqa: E731
        else:
            from skm_desktop.reports import kuesioner as r_kuesioner

            sel = selection(s, periode_id, layanan_id)
            render = lambda tmp: r_kuesioner.build_pdf(sel, tmp, invariant, progress)  # noqa: E731
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
