"""Double-entry verification (verifikasi entri ganda).

A second operator keys a paper batch, or a random sample of N % of a period,
BLIND: the keying screen only ever receives the questionnaire's number, batch
and position (:class:`BlindItem`), never the first entry. Each second entry is
compared field by field with the stored questionnaire; every difference is a
mismatch (:class:`Selisih`) resolved against the paper by choosing the first
value, the second value or another value. The choice is recorded (who, when)
and, when all mismatches of a questionnaire are resolved, applied to the stored
questionnaire through :func:`survey.change_respondent`, which writes an audit
row "verifikasi" with the before/after values.

Also here: batch status (belum diverifikasi / sedang / terverifikasi),
per-operator statistics (forms keyed, keystrokes per hour, mismatches and
errors per 1,000 fields), the period's error estimate, a PDF of the statistics,
and :func:`verified_share` for the laporan.

Fields compared: tanggal, jenis layanan, jenis kelamin, usia, pendidikan,
pekerjaan and every unsur answer. Saran (free text) is not double-keyed.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skm_desktop.domain import formatting as fmt
from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain import tanggal as tgl
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.scoring import parse_answer
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import (KinerjaEntri, Periode, Respondent, Verifikasi, VerifikasiItem,
                                        VerifikasiSelisih, utcnow)

from . import ServiceError, survey

STATUS_BELUM = "belum diverifikasi"
STATUS_SEDANG = "sedang"
STATUS_SELESAI = "terverifikasi"
TANPA_BATCH = "(tanpa bundel)"

PILIHAN = {"pertama": "Entri pertama", "kedua": "Entri kedua", "lain": "Nilai lain"}
BASE_FIELDS = (("tanggal", "Tanggal"), ("jenis_layanan", "Jenis layanan"), ("jenis_kelamin", "Jenis kelamin"),
               ("usia", "Usia"), ("pendidikan", "Pendidikan"), ("pekerjaan", "Pekerjaan"))
Z95 = 1.959963984540054


# ------------------------------------------------------------------ fields
@dataclass(frozen=True)
class Isian:
    """One keyed field of the verification form."""
    key: str
    label: str
    pilihan: tuple[str, ...] = ()  # the coded choices (code = position + 1), if any


def form_fields(s: Session, periode_id: int) -> list[Isian]:
    p = s.get(Periode, periode_id)
    opts = survey.options(s, p.unit_id)
    lists = {"jenis_layanan": opts.layanan, "jenis_kelamin": opts.jenis_kelamin,
             "pendidikan": opts.pendidikan, "pekerjaan": opts.pekerjaan}
    out = [Isian(k, label, tuple(lists.get(k, ()))) for k, label in BASE_FIELDS]
    out += [Isian(u.kode.lower(), u.kode, ()) for u in survey.unsur_rows(s, periode_id)]
    return out


def _label_of(fields: list[Isian], key: str) -> str:
    return next((f.label for f in fields if f.key == key), key)


def canonical(rec: RespondentRecord, fields: list[Isian]) -> dict[str, str]:
    """The compared values of a stored record, as text ('' = empty)."""
    out = {"tanggal": rec.tanggal.isoformat() if rec.tanggal else "",
           "jenis_layanan": rec.layanan or "", "jenis_kelamin": rec.jenis_kelamin or "",
           "usia": "" if rec.usia is None else str(rec.usia), "pendidikan": rec.pendidikan or "",
           "pekerjaan": rec.pekerjaan or ""}
    keys = [f.key for f in fields if f.key not in out]
    for key, a in zip(keys, rec.answers):
        out[key] = "" if a is None else str(a)
    return out


def parse_value(isian: Isian, raw: str) -> str:
    """A keyed value (a code, a name, a number) as canonical text; raises DomainError."""
    text = " ".join(str(raw or "").split())
    if text in ("", "-"):
        return ""
    key = isian.key
    if key == "tanggal":
        return tgl.parse(text).isoformat()  # no base date: shortcuts (14, 1412) refused
    if key == "usia":
        return str(kar.parse_usia(text))
    if isian.pilihan or key in ("jenis_layanan", "jenis_kelamin", "pendidikan", "pekerjaan"):
        if text.isdigit():
            i = int(text)
            if 1 <= i <= len(isian.pilihan):
                return isian.pilihan[i - 1]
            raise DomainError(f"kode {text} tidak ada; pilihan 1 sampai {len(isian.pilihan)}")
        if key == "jenis_kelamin":
            return kar.normalize_jenis_kelamin(text, isian.pilihan) or ""
        if key == "pendidikan":
            return kar.normalize_pendidikan(text, isian.pilihan) or ""
        if key == "pekerjaan":
            return kar.normalize_pekerjaan(text, isian.pilihan) or ""
        match = [x for x in isian.pilihan if x.casefold() == text.casefold()]
        if not match:
            raise DomainError(f"'{text}' tidak terdaftar")
        return match[0]
    a = parse_answer(text)
    return "" if a is None else str(a)


def parse_form(fields: list[Isian], values: Mapping[str, str]) -> dict[str, str]:
    """All keyed values as canonical text; the first bad one raises ServiceError naming the field."""
    out = {}
    for f in fields:
        try:
            out[f.key] = parse_value(f, values.get(f.key, ""))
        except DomainError as e:
            raise ServiceError(f"Isian {f.label}: {e}.") from None
    return out


def _apply(rec: RespondentRecord, fields: list[Isian], values: Mapping[str, str]) -> RespondentRecord:
    kw = {}
    for key, v in values.items():
        if key == "tanggal":
            kw["tanggal"] = dt.date.fromisoformat(v) if v else None
        elif key == "usia":
            kw["usia"] = int(v) if v else None
        elif key == "jenis_layanan":
            kw["layanan"] = v or None
        elif key in ("jenis_kelamin", "pendidikan", "pekerjaan"):
            kw[key] = v or None
    answers = list(rec.answers)
    u_keys = [f.key for f in fields if f.key not in dict(BASE_FIELDS)]
    for i, key in enumerate(u_keys):
        if key in values:
            answers[i] = int(values[key]) if values[key] else None
    return rec.with_(answers=tuple(answers), **kw)


def show_value(key: str, value: str | None) -> str:
    """A canonical value as the user reads it."""
    if value is None:
        return ""
    if value == "":
        return "(kosong)"
    if key == "tanggal":
        return fmt.tanggal(dt.date.fromisoformat(value))
    return value


# ------------------------------------------------------------------ keystrokes
def catat_ketikan(s: Session, periode_id: int, operator: str, no_kuesioner: int | None, ketukan: int,
                  durasi_ms: int, jenis: str = "entri") -> None:
    """Store the key presses and keying time of one questionnaire (for keystrokes per hour).
    The entry screen calls this with ``jenis="entri"``; verification keying uses "verifikasi"."""
    if jenis not in ("entri", "verifikasi"):
        raise ServiceError(f"Jenis pengetikan '{jenis}' tidak dikenal.")
    s.add(KinerjaEntri(periode_id=periode_id, operator=(operator or "").strip(), jenis=jenis,
                       no_kuesioner=no_kuesioner, ketukan=max(0, int(ketukan)),
                       durasi_ms=max(0, int(durasi_ms)), waktu=utcnow()))
    s.flush()


# ------------------------------------------------------------------ jobs
@dataclass(frozen=True)
class JobInfo:
    id: int
    periode_id: int
    jenis: str
    batch: str
    persen: int | None
    operator: str
    dibuat: dt.datetime
    selesai: dt.datetime | None
    n_item: int
    n_diketik: int  # keyed a second time (resolved or not)
    n_selesai: int
    n_selisih: int
    n_selisih_terbuka: int

    @property
    def label(self) -> str:
        if self.jenis == "batch":
            return f"Bundel {self.batch or TANPA_BATCH}"
        return f"Sampel acak {self.persen}%"

    @property
    def semua_diketik(self) -> bool:
        return self.n_diketik >= self.n_item


def _job_info(s: Session, v: Verifikasi) -> JobInfo:
    counts = dict(s.execute(select(VerifikasiItem.status, func.count()).where(VerifikasiItem.verifikasi_id == v.id)
                            .group_by(VerifikasiItem.status)).all())
    n_sel, n_open = s.execute(
        select(func.count(VerifikasiSelisih.id),
               func.count(VerifikasiSelisih.id).filter(VerifikasiSelisih.nilai_final.is_(None)))
        .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
        .where(VerifikasiItem.verifikasi_id == v.id)).one()
    n = sum(counts.values())
    return JobInfo(v.id, v.periode_id, v.jenis, v.batch, v.persen, v.operator, v.dibuat, v.selesai, n,
                   counts.get("diketik", 0) + counts.get("selesai", 0), counts.get("selesai", 0), n_sel, n_open)


def job_info(s: Session, job_id: int) -> JobInfo:
    v = s.get(Verifikasi, job_id)
    if v is None:
        raise ServiceError("Verifikasi tidak ditemukan.")
    return _job_info(s, v)


def jobs(s: Session, periode_id: int, open_only: bool = False) -> list[JobInfo]:
    q = select(Verifikasi).where(Verifikasi.periode_id == periode_id).order_by(Verifikasi.id)
    if open_only:
        q = q.where(Verifikasi.selesai.is_(None))
    return [_job_info(s, v) for v in s.scalars(q)]


def _paper_forms(s: Session, periode_id: int):
    """(id, no, batch, posisi, operator) of the period's questionnaires that have paper (not kiosk)."""
    return s.execute(select(Respondent.id, Respondent.no_kuesioner, Respondent.batch, Respondent.posisi,
                            Respondent.operator)
                     .where(Respondent.periode_id == periode_id, Respondent.sumber != "kiosk")
                     .order_by(Respondent.no_kuesioner)).all()


def _verified_ids(s: Session, periode_id: int) -> set[int]:
    return set(s.scalars(select(VerifikasiItem.responden_id)
                         .join(Verifikasi, Verifikasi.id == VerifikasiItem.verifikasi_id)
                         .where(Verifikasi.periode_id == periode_id, VerifikasiItem.status == "selesai")))


def _open_ids(s: Session, periode_id: int) -> dict[int, int]:
    """respondent id -> open job id, for items not yet finished in unfinished jobs."""
    return dict(s.execute(select(VerifikasiItem.responden_id, Verifikasi.id)
                          .join(Verifikasi, Verifikasi.id == VerifikasiItem.verifikasi_id)
                          .where(Verifikasi.periode_id == periode_id, Verifikasi.selesai.is_(None),
                                 VerifikasiItem.status != "selesai")).all())


def _open_batch_jobs(s: Session, periode_id: int) -> dict[str, int]:
    """batch label -> id of its unfinished batch job."""
    return dict(s.execute(select(Verifikasi.batch, Verifikasi.id).where(
        Verifikasi.periode_id == periode_id, Verifikasi.jenis == "batch", Verifikasi.selesai.is_(None))).all())


def _check_can_start(s: Session, periode_id: int, operator: str) -> Periode:
    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    if p.ditutup:
        raise ServiceError(f"Periode '{p.nama}' sudah ditutup; buka kembali di Pengaturan untuk memverifikasi.")
    if not (operator or "").strip():
        raise ServiceError("Nama operator verifikasi wajib diisi.")
    return p


def _create_job(s: Session, periode_id: int, jenis: str, operator: str, forms, batch: str = "",
                persen: int | None = None, benih: int | None = None) -> int:
    v = Verifikasi(periode_id=periode_id, jenis=jenis, batch=batch, persen=persen, benih=benih,
                   operator=operator.strip(), dibuat=utcnow())
    s.add(v)
    s.flush()
    for i, (rid, no, _b, _pos, op) in enumerate(forms):
        s.add(VerifikasiItem(verifikasi_id=v.id, urutan=i, responden_id=rid, no_kuesioner=no,
                             operator_1=op or "", status="antre"))
    s.flush()
    return v.id


def _paper_order(form):
    rid, no, batch, pos, op = form
    return (batch or "", pos is None, pos or 0, no)


def mulai_batch(db: Database, periode_id: int, batch: str, operator: str) -> int:
    """Start verifying one paper batch (every form of it not yet verified). Returns the job id."""
    batch = (batch or "").strip()
    shown = batch or TANPA_BATCH
    with db.session() as s:
        _check_can_start(s, periode_id, operator)
        forms = [f for f in _paper_forms(s, periode_id) if (f.batch or "") == batch]
        if not forms:
            raise ServiceError(f"Bundel {shown} tidak ada di periode ini (atau hanya berisi isian kios).")
        if _open_batch_jobs(s, periode_id).get(batch) is not None:
            raise ServiceError(f"Bundel {shown} sedang diverifikasi; lanjutkan verifikasi yang sudah dimulai.")
        open_ids, verified = _open_ids(s, periode_id), _verified_ids(s, periode_id)
        todo = sorted((f for f in forms if f.id not in verified and f.id not in open_ids), key=_paper_order)
        if not todo:
            if all(f.id in verified for f in forms):
                raise ServiceError(f"Bundel {shown} sudah terverifikasi.")
            raise ServiceError(f"Kuesioner bundel {shown} yang belum terverifikasi sedang berada dalam sampel acak "
                               "yang belum selesai; selesaikan sampel itu dulu.")
        return _create_job(s, periode_id, "batch", operator, todo, batch=batch)


def mulai_sampel(db: Database, periode_id: int, persen: int, operator: str, seed: int | None = None) -> int:
    """Start verifying a random sample of ``persen`` % of the paper forms not yet verified."""
    try:
        persen = int(persen)
    except (TypeError, ValueError):
        raise ServiceError("Persentase sampel harus bilangan bulat 1 sampai 100.") from None
    if not 1 <= persen <= 100:
        raise ServiceError("Persentase sampel harus 1 sampai 100.")
    with db.session() as s:
        _check_can_start(s, periode_id, operator)
        verified, open_ids = _verified_ids(s, periode_id), _open_ids(s, periode_id)
        pool = [f for f in _paper_forms(s, periode_id) if f.id not in verified and f.id not in open_ids]
        if not pool:
            raise ServiceError("Tidak ada kuesioner kertas yang belum diverifikasi di periode ini.")
        n = max(1, math.ceil(Fraction(persen, 100) * len(pool)))
        benih = seed if seed is not None else random.SystemRandom().randrange(2 ** 31)
        chosen = sorted(random.Random(benih).sample(pool, n), key=_paper_order)
        return _create_job(s, periode_id, "sampel", operator, chosen, persen=persen, benih=benih)


def batalkan(db: Database, job_id: int) -> None:
    """Cancel a job that has no resolved mismatch yet (e.g. started by mistake)."""
    with db.session() as s:
        v = s.get(Verifikasi, job_id)
        if v is None:
            raise ServiceError("Verifikasi tidak ditemukan.")
        resolved = s.scalar(select(func.count(VerifikasiSelisih.id))
                            .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
                            .where(VerifikasiItem.verifikasi_id == job_id,
                                   VerifikasiSelisih.nilai_final.is_not(None)))
        if resolved or v.selesai is not None:
            raise ServiceError("Verifikasi yang sudah memiliki selisih terselesaikan tidak dapat dibatalkan.")
        s.delete(v)


# ------------------------------------------------------------------ blind keying
@dataclass(frozen=True)
class BlindItem:
    """What the verifying operator may see: which paper form to key. Never its values."""
    item_id: int
    urutan: int  # 1-based
    total: int
    no_kuesioner: int
    batch: str
    posisi: int | None
    operator_sama: bool = False  # keyed the first time by the same operator (less independent)


def next_item(s: Session, job_id: int) -> BlindItem | None:
    v = s.get(Verifikasi, job_id)
    items = list(s.scalars(select(VerifikasiItem).where(VerifikasiItem.verifikasi_id == job_id)
                           .order_by(VerifikasiItem.urutan)))
    for i, it in enumerate(items, start=1):
        if it.status == "antre":
            r = s.get(Respondent, it.responden_id) if it.responden_id is not None else None
            return BlindItem(it.id, i, len(items), it.no_kuesioner, (r.batch if r else "") or "",
                             r.posisi if r else None,
                             bool(it.operator_1) and it.operator_1.casefold() == v.operator.casefold())
    return None


def item_place(s: Session, item_id: int) -> str:
    """Where the paper form of an item is: "B01 / 3" (batch / position)."""
    it = s.get(VerifikasiItem, item_id)
    r = s.get(Respondent, it.responden_id) if it is not None and it.responden_id is not None else None
    if r is None:
        return "(sudah dihapus)"
    return (r.batch or TANPA_BATCH) + (f" / {r.posisi}" if r.posisi is not None else "")


def simpan_entri_kedua(db: Database, item_id: int, values: Mapping[str, str], ketukan: int = 0,
                       durasi_ms: int = 0) -> None:
    """Store the blind second entry of one form and compare it with the stored one.
    Bad input raises ServiceError naming the field; nothing is stored then."""
    with db.session() as s:
        it = s.get(VerifikasiItem, item_id)
        if it is None:
            raise ServiceError("Kuesioner verifikasi tidak ditemukan.")
        if it.status != "antre":
            raise ServiceError(f"Kuesioner no. {it.no_kuesioner} sudah diketik ulang.")
        v = s.get(Verifikasi, it.verifikasi_id)
        fields = form_fields(s, v.periode_id)
        second = parse_form(fields, values)
        loaded = survey.load_records(s, v.periode_id, ids=[it.responden_id]) if it.responden_id else []
        if not loaded:
            raise ServiceError(f"Kuesioner no. {it.no_kuesioner} sudah dihapus dari data; lewati kuesioner ini.")
        first = canonical(loaded[0][1], fields)
        it.entri_kedua = json.dumps(second, ensure_ascii=False)
        it.waktu_ketik = utcnow()
        it.n_isian = len(fields)
        diffs = [f.key for f in fields if first[f.key] != second[f.key]]
        it.n_selisih = len(diffs)
        for key in diffs:
            s.add(VerifikasiSelisih(item_id=it.id, isian=key, nilai_1=first[key], nilai_2=second[key]))
        it.status = "diketik" if diffs else "selesai"
        catat_ketikan(s, v.periode_id, v.operator, it.no_kuesioner, ketukan, durasi_ms, "verifikasi")
        _maybe_finish(s, v)


def lewati(db: Database, item_id: int) -> None:
    """Take a form out of the job (its paper is missing, or it was deleted)."""
    with db.session() as s:
        it = s.get(VerifikasiItem, item_id)
        if it is None or it.status != "antre":
            raise ServiceError("Hanya kuesioner yang belum diketik ulang yang dapat dilewati.")
        v = s.get(Verifikasi, it.verifikasi_id)
        s.delete(it)
        s.flush()
        _maybe_finish(s, v)


def _maybe_finish(s: Session, v: Verifikasi) -> None:
    s.flush()
    left = s.scalar(select(func.count()).select_from(VerifikasiItem)
                    .where(VerifikasiItem.verifikasi_id == v.id, VerifikasiItem.status != "selesai"))
    if not left and v.selesai is None:
        v.selesai = utcnow()


# ------------------------------------------------------------------ mismatches
@dataclass(frozen=True)
class Selisih:
    id: int
    item_id: int
    no_kuesioner: int
    isian: str
    label: str
    nilai_1: str
    nilai_2: str
    nilai_final: str | None
    pilihan: str
    operator_1: str
    operator_2: str
    operator: str  # who resolved it
    waktu: dt.datetime | None

    @property
    def selesai(self) -> bool:
        return self.nilai_final is not None

    def tampil(self, which: str) -> str:
        return show_value(self.isian, {"1": self.nilai_1, "2": self.nilai_2, "final": self.nilai_final}[which])


def daftar_selisih(s: Session, job_id: int) -> list[Selisih]:
    v = s.get(Verifikasi, job_id)
    if v is None:
        raise ServiceError("Verifikasi tidak ditemukan.")
    fields = form_fields(s, v.periode_id)
    order = {f.key: i for i, f in enumerate(fields)}
    rows = s.execute(select(VerifikasiSelisih, VerifikasiItem)
                     .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
                     .where(VerifikasiItem.verifikasi_id == job_id)).all()
    out = [Selisih(d.id, it.id, it.no_kuesioner, d.isian, _label_of(fields, d.isian), d.nilai_1, d.nilai_2,
                   d.nilai_final, d.pilihan, it.operator_1, v.operator, d.operator, d.waktu)
           for d, it in rows]
    items = {it.id: it.urutan for _, it in rows}
    out.sort(key=lambda x: (items[x.item_id], order.get(x.isian, 99)))
    return out


def selesaikan(db: Database, selisih_id: int, pilihan: str, operator: str, nilai_lain: str | None = None) -> None:
    """Resolve one mismatch against the paper. When the last mismatch of a form is
    resolved, the chosen values are applied to the stored questionnaire (audited)."""
    if pilihan not in PILIHAN:
        raise ServiceError(f"Pilihan '{pilihan}' tidak dikenal.")
    with db.session() as s:
        d = s.get(VerifikasiSelisih, selisih_id)
        if d is None:
            raise ServiceError("Selisih tidak ditemukan.")
        it = s.get(VerifikasiItem, d.item_id)
        v = s.get(Verifikasi, it.verifikasi_id)
        if d.nilai_final is not None:
            raise ServiceError(f"Selisih no. {it.no_kuesioner} ini sudah diselesaikan.")
        fields = form_fields(s, v.periode_id)
        isian = next((f for f in fields if f.key == d.isian), None)
        if isian is None:
            raise ServiceError(f"Isian '{d.isian}' sudah tidak ada di set unsur periode ini.")
        if pilihan == "pertama":
            final = d.nilai_1
        elif pilihan == "kedua":
            final = d.nilai_2
        else:
            try:
                final = parse_value(isian, nilai_lain or "")
            except DomainError as e:
                raise ServiceError(f"Kuesioner no. {it.no_kuesioner}, isian {isian.label}: {e}.") from None
        d.nilai_final, d.pilihan = final, pilihan
        d.operator, d.waktu = (operator or "").strip(), utcnow()
        s.flush()
        rest = s.scalar(select(func.count()).select_from(VerifikasiSelisih)
                        .where(VerifikasiSelisih.item_id == it.id, VerifikasiSelisih.nilai_final.is_(None)))
        if rest:
            return
        loaded = survey.load_records(s, v.periode_id, ids=[it.responden_id]) if it.responden_id else []
        if not loaded:
            # deleted meanwhile: the resolution stays recorded, there is nothing to correct
            it.status = "selesai"
            _maybe_finish(s, v)
            return
        rid, current = loaded[0]
        finals = {x.isian: x.nilai_final for x in
                  s.scalars(select(VerifikasiSelisih).where(VerifikasiSelisih.item_id == it.id))}
        now = canonical(current, fields)
        changes = [f"{_label_of(fields, k)}: {show_value(k, now[k])} → {show_value(k, val)}"
                   for k, val in finals.items() if now.get(k) != val]
        label = _job_info(s, v).label
        note = (f"Verifikasi entri ganda ({label}), dicocokkan dengan kertas: " + "; ".join(changes)
                if changes else f"Verifikasi entri ganda ({label}): entri pertama sesuai kertas, tidak ada perubahan")
        survey.change_respondent(s, rid, _apply(current, fields, finals), operator=operator, aksi="verifikasi",
                                 keterangan=note)
        it.status = "selesai"
        _maybe_finish(s, v)


# ------------------------------------------------------------------ status and statistics
@dataclass(frozen=True)
class BatchStatus:
    batch: str
    n_kuesioner: int
    n_terverifikasi: int
    status: str
    job_id: int | None  # its unfinished batch job, if any (a random sample does not make it "sedang")

    @property
    def label(self) -> str:
        return self.batch or TANPA_BATCH


def batch_status(s: Session, periode_id: int) -> list[BatchStatus]:
    forms = _paper_forms(s, periode_id)
    verified, open_jobs = _verified_ids(s, periode_id), _open_batch_jobs(s, periode_id)
    groups: dict[str, list] = {}
    for f in forms:
        groups.setdefault(f.batch or "", []).append(f)
    out = []
    for batch in sorted(groups, key=lambda b: (b == "", _natural(b))):
        fs = groups[batch]
        v = sum(1 for f in fs if f.id in verified)
        job = open_jobs.get(batch)
        status = STATUS_SELESAI if v == len(fs) else (STATUS_SEDANG if job is not None else STATUS_BELUM)
        out.append(BatchStatus(batch, len(fs), v, status, job))
    return out


def _natural(text: str):
    import re
    return [(0, int(t), "") if t.isdigit() else (1, 0, t.casefold()) for t in re.split(r"(\d+)", text) if t]


@dataclass(frozen=True)
class OperatorStat:
    operator: str
    kuesioner_entri: int  # first entries keyed (paper forms)
    kuesioner_verifikasi: int  # forms keyed as the second operator
    ketukan: int
    durasi_ms: int
    isian_diperiksa: int  # fields of his/her forms compared in verification
    selisih: int
    kesalahan: int  # resolved against him/her
    belum_diselesaikan: int

    @property
    def ketukan_per_jam(self) -> Fraction | None:
        return Fraction(self.ketukan * 3_600_000, self.durasi_ms) if self.durasi_ms > 0 else None

    @property
    def selisih_per_1000(self) -> Fraction | None:
        return Fraction(self.selisih * 1000, self.isian_diperiksa) if self.isian_diperiksa else None

    @property
    def kesalahan_per_1000(self) -> Fraction | None:
        return Fraction(self.kesalahan * 1000, self.isian_diperiksa) if self.isian_diperiksa else None


def _keyed_items(s: Session, periode_id: int):
    return s.execute(select(VerifikasiItem.id, VerifikasiItem.operator_1, Verifikasi.operator,
                            VerifikasiItem.n_isian, VerifikasiItem.status, VerifikasiItem.responden_id)
                     .join(Verifikasi, Verifikasi.id == VerifikasiItem.verifikasi_id)
                     .where(Verifikasi.periode_id == periode_id, VerifikasiItem.status != "antre")).all()


def _mismatches(s: Session, periode_id: int):
    return s.execute(select(VerifikasiSelisih.item_id, VerifikasiSelisih.nilai_1, VerifikasiSelisih.nilai_2,
                            VerifikasiSelisih.nilai_final)
                     .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
                     .join(Verifikasi, Verifikasi.id == VerifikasiItem.verifikasi_id)
                     .where(Verifikasi.periode_id == periode_id)).all()


def statistik_operator(s: Session, periode_id: int) -> list[OperatorStat]:
    stats: dict[str, dict] = {}

    def get(op: str) -> dict:
        return stats.setdefault(op or "", dict(entri=0, verif=0, ket=0, dur=0, isian=0, sel=0, sal=0, buka=0))

    for op, n in s.execute(select(Respondent.operator, func.count()).where(
            Respondent.periode_id == periode_id, Respondent.sumber != "kiosk").group_by(Respondent.operator)):
        get(op)["entri"] += n
    for op, ket, dur in s.execute(select(KinerjaEntri.operator, func.sum(KinerjaEntri.ketukan),
                                         func.sum(KinerjaEntri.durasi_ms))
                                  .where(KinerjaEntri.periode_id == periode_id).group_by(KinerjaEntri.operator)):
        get(op)["ket"] += ket or 0
        get(op)["dur"] += dur or 0
    items = {}
    for iid, op1, op2, n, status, _rid in _keyed_items(s, periode_id):
        items[iid] = (op1 or "", op2 or "")
        get(op2)["verif"] += 1
        get(op1)["isian"] += n
        get(op2)["isian"] += n
    for iid, v1, v2, final in _mismatches(s, periode_id):
        op1, op2 = items.get(iid, ("", ""))
        for op, mine in ((op1, v1), (op2, v2)):
            st = get(op)
            st["sel"] += 1
            if final is None:
                st["buka"] += 1
            elif final != mine:
                st["sal"] += 1
    return [OperatorStat(op or "(tanpa nama)", d["entri"], d["verif"], d["ket"], d["dur"], d["isian"], d["sel"],
                         d["sal"], d["buka"])
            for op, d in sorted(stats.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))]


@dataclass(frozen=True)
class PerkiraanKesalahan:
    """The period's data-quality figures from double entry."""
    n_kuesioner: int  # counted questionnaires (held ones excluded)
    n_kertas: int  # of which on paper (kiosk excluded): what can be verified
    n_terverifikasi: int
    isian_per_kuesioner: int
    isian_diperiksa: int  # fields compared in finished forms
    selisih: int
    kesalahan_entri_pertama: int  # resolved against the first entry
    belum_diselesaikan: int

    @property
    def porsi_terverifikasi(self) -> Fraction | None:
        return Fraction(self.n_terverifikasi, self.n_kertas) if self.n_kertas else None

    @property
    def selisih_per_1000(self) -> Fraction | None:
        return Fraction(self.selisih * 1000, self.isian_diperiksa) if self.isian_diperiksa else None

    @property
    def kesalahan_per_1000(self) -> Fraction | None:
        """Single-keying error rate: first-entry errors per 1,000 fields checked."""
        return (Fraction(self.kesalahan_entri_pertama * 1000, self.isian_diperiksa)
                if self.isian_diperiksa else None)

    @property
    def selang_95(self) -> tuple[Decimal, Decimal] | None:
        """Wilson 95 % interval of the error rate, per 1,000 fields."""
        n = self.isian_diperiksa
        if not n:
            return None
        p = self.kesalahan_entri_pertama / n
        z2 = Z95 * Z95
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = Z95 / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        return (Decimal(max(0.0, centre - half) * 1000), Decimal(min(1.0, centre + half) * 1000))

    @property
    def isian_belum_diverifikasi(self) -> int:
        return (self.n_kertas - self.n_terverifikasi) * self.isian_per_kuesioner

    @property
    def perkiraan_isian_salah(self) -> Fraction | None:
        """Expected wrong fields left in the not-yet-verified paper forms."""
        rate = self.kesalahan_per_1000
        return None if rate is None else rate * self.isian_belum_diverifikasi / 1000

    @property
    def perkiraan_per_1000_data(self) -> Fraction | None:
        """Expected wrong fields per 1,000 fields of all paper data (verified forms are corrected)."""
        rate, share = self.kesalahan_per_1000, self.porsi_terverifikasi
        return None if rate is None or share is None else rate * (1 - share)


def perkiraan_kesalahan(s: Session, periode_id: int) -> PerkiraanKesalahan:
    fields = form_fields(s, periode_id)
    n_all = survey.respondent_count(s, periode_id)
    paper = {f.id for f in _paper_forms(s, periode_id)}
    verified = _verified_ids(s, periode_id) & paper
    items = _keyed_items(s, periode_id)
    done = {i[0] for i in items if i[4] == "selesai"}
    isian = sum(i[3] for i in items if i[0] in done)
    sel = err = buka = 0
    for iid, v1, v2, final in _mismatches(s, periode_id):
        if final is None:
            buka += 1
        if iid in done:
            sel += 1
            err += final != v1
    return PerkiraanKesalahan(n_all, len(paper), len(verified), len(fields), isian, sel, err, buka)


@dataclass(frozen=True)
class VerifiedShare:
    """How much of a period's data was verified by double entry (for the laporan)."""
    n_kuesioner: int
    n_kertas: int
    n_terverifikasi: int
    n_batch: int
    n_batch_terverifikasi: int
    kesalahan_per_1000: Fraction | None

    @property
    def porsi(self) -> Fraction | None:
        return Fraction(self.n_terverifikasi, self.n_kertas) if self.n_kertas else None

    def kalimat(self) -> str:
        """One Indonesian sentence for the laporan."""
        if not self.n_terverifikasi:
            return "Belum ada kuesioner yang diverifikasi dengan entri ganda."
        text = (f"Sebanyak {fmt.angka(self.n_terverifikasi)} dari {fmt.angka(self.n_kertas)} kuesioner kertas "
                f"({fmt.persen(self.porsi * 100)}) telah diverifikasi dengan entri ganda")
        if self.n_batch:
            text += (f"; {fmt.angka(self.n_batch_terverifikasi)} dari {fmt.angka(self.n_batch)} batch "
                     "terverifikasi penuh")
        if self.kesalahan_per_1000 is not None:
            text += (f"; kesalahan pengetikan yang ditemukan {fmt.angka(self.kesalahan_per_1000, 2)} "
                     "per 1.000 isian dan sudah dibetulkan sesuai kertas")
        return text + "."


def verified_share(s: Session, periode_id: int) -> VerifiedShare:
    est = perkiraan_kesalahan(s, periode_id)
    batches = [b for b in batch_status(s, periode_id) if b.batch]
    return VerifiedShare(est.n_kuesioner, est.n_kertas, est.n_terverifikasi, len(batches),
                         sum(1 for b in batches if b.status == STATUS_SELESAI), est.kesalahan_per_1000)


# ------------------------------------------------------------------ printing
def cetak_statistik_pdf(db: Database, periode_id: int, out: Path | str) -> Path:
    """A one-page PDF (A4 landscape) of the per-operator statistics and the period's estimate."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    out = Path(out)
    with db.read_session() as s:
        p = s.get(Periode, periode_id)
        if p is None:
            raise ServiceError("Periode tidak ditemukan.")
        unit = p.unit.nama
        rows = statistik_operator(s, periode_id)
        est = perkiraan_kesalahan(s, periode_id)
        batches = batch_status(s, periode_id)
        share = verified_share(s, periode_id)
    st = getSampleStyleSheet()
    story = [Paragraph(escape(f"Kinerja Entri dan Verifikasi Data — {unit}"), st["Title"]),
             Paragraph(escape(f"Periode {p.nama}. Dicetak {fmt.tanggal(dt.date.today())}."), st["Normal"]),
             Spacer(1, 0.4 * cm)]
    head = ["Operator", "Kuesioner\ndientri", "Kuesioner\ndiverifikasi", "Ketukan\nper jam", "Isian\ndiperiksa",
            "Selisih", "Selisih per\n1.000 isian", "Kesalahan", "Kesalahan per\n1.000 isian"]
    data = [head] + [[r.operator, fmt.angka(r.kuesioner_entri), fmt.angka(r.kuesioner_verifikasi),
                      fmt.angka(r.ketukan_per_jam), fmt.angka(r.isian_diperiksa), fmt.angka(r.selisih),
                      fmt.angka(r.selisih_per_1000, 2), fmt.angka(r.kesalahan),
                      fmt.angka(r.kesalahan_per_1000, 2)] for r in rows]
    t = Table(data, repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                           ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 9),
                           ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [t, Spacer(1, 0.5 * cm), Paragraph("Perkiraan kesalahan data periode", st["Heading3"])]
    for line in ringkasan_lines(est):
        story.append(Paragraph(escape(line), st["Normal"]))
    story += [Paragraph(escape(share.kalimat()), st["Normal"]), Spacer(1, 0.4 * cm),
              Paragraph("Status bundel", st["Heading3"])]
    bt = Table([["Bundel", "Kuesioner", "Terverifikasi", "Status"]]
               + [[b.label, fmt.angka(b.n_kuesioner), fmt.angka(b.n_terverifikasi), b.status] for b in batches],
               repeatRows=1)
    bt.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 9),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("ALIGN", (1, 1), (2, -1), "RIGHT")]))
    story.append(bt)
    from skm_desktop.storage.files import atomic_write
    with atomic_write(out) as tmp:
        SimpleDocTemplate(str(tmp), pagesize=landscape(A4), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                          topMargin=1.5 * cm, bottomMargin=1.5 * cm, title="Kinerja Entri dan Verifikasi",
                          author="SKM Desktop").build(story)
    return out


def ringkasan_lines(est: PerkiraanKesalahan) -> list[str]:
    """The period's estimate as Indonesian sentences (screen and PDF)."""
    lines = [f"Kuesioner kertas: {fmt.angka(est.n_kertas)}; terverifikasi entri ganda: "
             f"{fmt.angka(est.n_terverifikasi)} ({fmt.persen(est.porsi_terverifikasi * 100) if est.porsi_terverifikasi is not None else '–'})."]
    if not est.isian_diperiksa:
        lines.append("Belum ada kuesioner yang selesai diverifikasi, sehingga tingkat kesalahan belum dapat diperkirakan.")
        return lines
    lo, hi = est.selang_95
    lines.append(f"Isian diperiksa: {fmt.angka(est.isian_diperiksa)}; selisih: {fmt.angka(est.selisih)} "
                 f"({fmt.angka(est.selisih_per_1000, 2)} per 1.000 isian).")
    lines.append(f"Kesalahan entri pertama: {fmt.angka(est.kesalahan_entri_pertama)} isian, yaitu "
                 f"{fmt.angka(est.kesalahan_per_1000, 2)} per 1.000 isian "
                 f"(selang kepercayaan 95%: {fmt.angka(lo, 2)}–{fmt.angka(hi, 2)}).")
    lines.append(f"Perkiraan isian salah yang tersisa di kuesioner yang belum diverifikasi: "
                 f"{fmt.angka(est.perkiraan_isian_salah, 1)} dari {fmt.angka(est.isian_belum_diverifikasi)} isian "
                 f"(≈ {fmt.angka(est.perkiraan_per_1000_data, 2)} per 1.000 isian seluruh data kertas).")
    if est.belum_diselesaikan:
        lines.append(f"Masih ada {fmt.angka(est.belum_diselesaikan)} selisih yang belum dicocokkan dengan kertas.")
    return lines
