"""Set-up use cases of the operator app: the first-start wizard (one
transaction), the unit profile and logo, layanan, periods (close/reopen),
population and sample targets, unsur sets and the choice lists with their
one-key entry codes.

Every function opens its own transaction on ``db`` and raises
:class:`ServiceError` with an Indonesian message when it refuses; nothing is
stored half-done.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain import sample
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka
from skm_desktop.domain.sample import Progress
from skm_desktop.domain.unit import UnitProfile
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Layanan, Opsi, Periode, Respondent, TargetSampel, Unit

from . import ServiceError, get_or_refuse, survey

LOGO_MAX_BYTES = 2 * 1024 * 1024
CHOICE_LISTS = ("jenis_kelamin", "pendidikan", "pekerjaan")
CHOICE_LABELS = {"jenis_kelamin": "Jenis kelamin", "pendidikan": "Pendidikan", "pekerjaan": "Pekerjaan"}
_RESPONDENT_COLUMN = {
    "jenis_kelamin": Respondent.jenis_kelamin,
    "pendidikan": Respondent.pendidikan,
    "pekerjaan": Respondent.pekerjaan,
}


# ---------------------------------------------------------------- plain views
@dataclass(frozen=True)
class LayananInfo:
    id: int
    nama: str
    aktif: bool
    responden: int  # questionnaires of the unit (all periods, held ones too) that name it


@dataclass(frozen=True)
class PeriodeRow:
    info: survey.PeriodeInfo
    responden: int
    frozen: bool


@dataclass(frozen=True)
class TargetRow:
    layanan_id: int
    layanan: str
    populasi: int | None  # None: no target set yet
    metode: str | None
    target: int | None
    collected: int


@dataclass(frozen=True)
class ChoiceItem:
    label: str
    kode: str = ""


@dataclass
class SetupPlan:
    """Everything the first-start wizard collects."""

    profile: UnitProfile
    layanan: list[str]
    periode_nama: str
    tanggal_mulai: dt.date | None
    tanggal_selesai: dt.date | None
    unsur_set: UnsurSet
    n_prioritas: int = 3
    choices: dict[str, list[ChoiceItem]] = field(default_factory=dict)
    #: population of the first period per layanan name (as typed in ``layanan``); 0 or absent: no target
    populasi: dict[str, int] = field(default_factory=dict)
    #: how the targets are computed from the populations (a key of domain.sample.METODE_SAMPEL)
    metode_sampel: str = "krejcie-morgan"


# ---------------------------------------------------------------- validation helpers
def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def check_nip(nip: str) -> str:
    """NIP of a civil servant: 18 digits, spaces allowed; empty is allowed."""
    nip = _clean(nip)
    if not nip:
        return ""
    digits = nip.replace(" ", "")
    if not digits.isdigit() or len(digits) != 18:
        raise ServiceError(
            f"NIP '{nip}' tidak sah: NIP terdiri dari 18 angka (spasi boleh), misalnya 19700512 199803 1 004."
        )
    return nip


def check_logo(data: bytes | None) -> bytes | None:
    if data is None or len(data) == 0:
        return None
    if len(data) > LOGO_MAX_BYTES:
        raise ServiceError(f"Berkas logo terlalu besar ({len(data) // 1024} KB); maksimal 2 MB.")
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8")):
        raise ServiceError("Logo harus berupa gambar PNG atau JPEG.")
    return bytes(data)


def _check_profile(p: UnitProfile) -> tuple[str, dict[str, str | bytes | None]]:
    """(nama, the other Unit columns), checked."""
    nama = _clean(p.nama)
    if not nama:
        raise ServiceError("Nama unit pelayanan wajib diisi.")
    email = _clean(p.email)
    if email and ("@" not in email or " " in email):
        raise ServiceError(f"Alamat email '{email}' tidak sah.")
    return nama, dict(
        alamat=(p.alamat or "").strip(),
        kota=_clean(p.kota),
        telepon=_clean(p.telepon),
        email=email,
        instansi_induk=_clean(p.instansi_induk),
        logo=check_logo(p.logo),
        pejabat_nama=_clean(p.pejabat_nama),
        pejabat_jabatan=_clean(p.pejabat_jabatan),
        pejabat_nip=check_nip(p.pejabat_nip),
    )


def check_layanan_names(names: Sequence[str]) -> list[str]:
    clean = [_clean(n) for n in names if _clean(n)]
    if not clean:
        raise ServiceError("Isi minimal satu jenis layanan.")
    seen: dict[str, str] = {}
    for n in clean:
        if n.casefold() in seen:
            raise ServiceError(f"Jenis layanan '{n}' tertulis lebih dari sekali.")
        if len(n) > 200:
            raise ServiceError(f"Nama jenis layanan '{n[:40]}…' terlalu panjang (maksimal 200 huruf).")
        seen[n.casefold()] = n
    return clean


def check_choices(jenis: str, items: Sequence[ChoiceItem]) -> list[ChoiceItem]:
    """Labels non-empty and unique; codes one key (letter or digit), unique, optional."""
    what = CHOICE_LABELS.get(jenis)
    if what is None:
        raise ServiceError(f"Daftar '{jenis}' tidak dikenal.")
    out: list[ChoiceItem] = []
    labels: set[str] = set()
    codes: dict[str, str] = {}
    for i, it in enumerate(items, start=1):
        label = _clean(it.label)
        kode = (it.kode or "").strip().upper()
        if not label:
            if kode:
                raise ServiceError(f"{what}, baris {i}: kode '{kode}' tanpa nama pilihan.")
            continue
        if label.casefold() in labels:
            raise ServiceError(f"{what}: pilihan '{label}' tertulis lebih dari sekali.")
        labels.add(label.casefold())
        if kode:
            if len(kode) != 1 or not kode.isalnum():
                raise ServiceError(
                    f"{what}, pilihan '{label}': kode harus satu huruf atau angka (tertulis '{it.kode.strip()}')."
                )
            if kode in codes:
                raise ServiceError(f"{what}: kode '{kode}' dipakai oleh '{codes[kode]}' dan '{label}'.")
            codes[kode] = label
        out.append(ChoiceItem(label, kode))
    if not out:
        raise ServiceError(f"Daftar {what.lower()} tidak boleh kosong.")
    return out


def default_choices() -> dict[str, list[ChoiceItem]]:
    lists = {"jenis_kelamin": kar.JENIS_KELAMIN, "pendidikan": kar.PENDIDIKAN, "pekerjaan": kar.PEKERJAAN}
    out = {j: [ChoiceItem(l, str(i + 1)) for i, l in enumerate(ls)] for j, ls in lists.items()}
    out["jenis_kelamin"] = [ChoiceItem("Laki-laki", "L"), ChoiceItem("Perempuan", "P")]
    return out


def _write_choices(s: Session, unit_id: int, jenis: str, items: Sequence[ChoiceItem]) -> None:
    for row in s.scalars(select(Opsi).where(Opsi.unit_id == unit_id, Opsi.jenis == jenis)):
        s.delete(row)
    s.flush()
    for i, it in enumerate(items):
        s.add(Opsi(unit_id=unit_id, jenis=jenis, urutan=i, label=it.label, kode=it.kode))
    s.flush()


# ---------------------------------------------------------------- first start
def create_unit_setup(db: Database, plan: SetupPlan) -> tuple[int, int]:
    """Create unit, layanan, first period and its unsur set in ONE transaction.

    Returns (unit_id, periode_id). Any refusal leaves the database untouched.
    """
    nama, prof = _check_profile(plan.profile)
    names = check_layanan_names(plan.layanan)
    if not 1 <= int(plan.n_prioritas) <= 9:
        raise ServiceError("Jumlah unsur prioritas harus 1 sampai 9.")
    choices = {j: check_choices(j, plan.choices[j]) for j in plan.choices}
    targets = check_populations(names, plan.populasi, plan.metode_sampel)
    with db.session() as s:
        u = survey.create_unit(s, nama, **prof)
        layanan = [survey.add_layanan(s, u.id, n) for n in names]
        p = survey.create_periode(s, u.id, plan.periode_nama, plan.unsur_set, plan.tanggal_mulai, plan.tanggal_selesai)
        p.n_prioritas = int(plan.n_prioritas)
        s.flush()
        for lay in layanan:
            if lay.nama in targets:
                populasi, target = targets[lay.nama]
                s.add(
                    TargetSampel(
                        periode_id=p.id, layanan_id=lay.id, populasi=populasi, metode=plan.metode_sampel, target=target
                    )
                )
        for jenis, items in choices.items():
            _write_choices(s, u.id, jenis, items)
        s.flush()
        return u.id, p.id


def first_unit(db: Database) -> tuple[int, int | None] | None:
    """(unit_id, latest periode_id) of the first unit, or None for an empty database."""
    with db.read_session() as s:
        u = s.scalars(select(Unit).order_by(Unit.id)).first()
        if u is None:
            return None
        periods = survey.periode_list(s, u.id)
        return u.id, (periods[-1].id if periods else None)


# ---------------------------------------------------------------- profile and logo
def get_profile(db: Database, unit_id: int) -> UnitProfile:
    with db.read_session() as s:
        u = survey.get_unit(s, unit_id)
        return UnitProfile(**{f.name: getattr(u, f.name) for f in fields(UnitProfile)})


def update_profile(db: Database, unit_id: int, profile: UnitProfile) -> None:
    """Store the profile (the logo too: ``profile.logo`` None removes it)."""
    nama, values = _check_profile(profile)
    with db.session() as s:
        u = survey.get_unit(s, unit_id)
        other = survey.find_unit(s, nama)
        if other is not None and other.id != u.id:
            raise ServiceError(f"Unit '{nama}' sudah ada.")
        u.nama = nama
        for k, v in values.items():
            setattr(u, k, v)


def set_logo(db: Database, unit_id: int, data: bytes | None) -> None:
    data = check_logo(data)
    with db.session() as s:
        survey.get_unit(s, unit_id).logo = data


# ---------------------------------------------------------------- layanan
def layanan_rows(db: Database, unit_id: int, with_counts: bool = True) -> list[LayananInfo]:
    """The unit's layanan in list order (``responden`` is 0 when not counted)."""
    with db.read_session() as s:
        counts = {}
        if with_counts:
            counts = dict(
                s.execute(
                    select(Respondent.layanan_id, func.count())
                    .join(Periode, Periode.id == Respondent.periode_id)
                    .where(Periode.unit_id == unit_id)
                    .group_by(Respondent.layanan_id)
                ).all()
            )
        return [LayananInfo(l.id, l.nama, bool(l.aktif), counts.get(l.id, 0)) for l in survey.layanan_list(s, unit_id)]


def add_layanan(db: Database, unit_id: int, nama: str) -> int:
    with db.session() as s:
        return survey.add_layanan(s, unit_id, nama).id


def rename_layanan(db: Database, layanan_id: int, nama: str) -> None:
    with db.session() as s:
        survey.rename_layanan(s, layanan_id, nama)


def set_layanan_active(db: Database, layanan_id: int, aktif: bool) -> None:
    with db.session() as s:
        lay = s.get(Layanan, layanan_id)
        if lay is None:
            raise ServiceError("Jenis layanan tidak ditemukan (mungkin sudah dihapus).")
        lay.aktif = bool(aktif)


def delete_layanan(db: Database, layanan_id: int) -> None:
    with db.session() as s:
        lay = s.get(Layanan, layanan_id)
        if lay is None:
            raise ServiceError("Jenis layanan tidak ditemukan (mungkin sudah dihapus).")
        try:
            survey.delete_layanan(s, layanan_id)
        except ServiceError as e:
            raise ServiceError(f"'{lay.nama}': {e}") from None


def move_layanan(db: Database, layanan_id: int, step: int) -> None:
    """Move a layanan up (step -1) or down (+1) in the list."""
    with db.session() as s:
        lay = s.get(Layanan, layanan_id)
        if lay is None:
            raise ServiceError("Jenis layanan tidak ditemukan (mungkin sudah dihapus).")
        items = survey.layanan_list(s, lay.unit_id)
        i = [x.id for x in items].index(layanan_id)
        j = i + step
        if 0 <= j < len(items):
            items[i], items[j] = items[j], items[i]
        for k, x in enumerate(items):
            x.urutan = k


# ---------------------------------------------------------------- periods
def periode_rows(db: Database, unit_id: int) -> list[PeriodeRow]:
    with db.read_session() as s:
        out = []
        for p in survey.periode_list(s, unit_id):
            n = survey.respondent_count(s, p.id, include_held=True)
            out.append(PeriodeRow(survey.periode_info(p), n, n > 0))
        return out


def get_periode(db: Database, periode_id: int) -> tuple[str, survey.PeriodeInfo] | None:
    """(unit name, period) or None when the period does not exist."""
    with db.read_session() as s:
        p = s.get(Periode, periode_id)
        return None if p is None else (p.unit.nama, survey.periode_info(p))


def create_periode(
    db: Database,
    unit_id: int,
    nama: str,
    tanggal_mulai: dt.date | None,
    tanggal_selesai: dt.date | None,
    copy_from: int | None = None,
) -> int:
    """A new period; its unsur set, N prioritas and targets' populations are
    copied from ``copy_from`` (else the standard set)."""
    with db.session() as s:
        us = survey.unsur_set(s, copy_from) if copy_from else None
        p = survey.create_periode(s, unit_id, nama, us, tanggal_mulai, tanggal_selesai)
        if copy_from:
            src = get_or_refuse(s, Periode, copy_from, "Periode sumber")
            p.n_prioritas = src.n_prioritas
            for t in src.target:
                s.add(
                    TargetSampel(
                        periode_id=p.id, layanan_id=t.layanan_id, populasi=t.populasi, metode=t.metode, target=t.target
                    )
                )
        s.flush()
        return p.id


def update_periode(db: Database, /, periode_id: int, **values: Any) -> None:
    """nama, tanggal_mulai, tanggal_selesai, n_prioritas (closing: see set_periode_closed)."""
    if "ditutup" in values:
        raise ServiceError("Gunakan tutup/buka periode untuk mengubah status periode.")
    with db.session() as s:
        survey.update_periode(s, periode_id, **values)


def set_periode_closed(db: Database, periode_id: int, closed: bool) -> None:
    with db.session() as s:
        survey.update_periode(s, periode_id, ditutup=bool(closed))


def delete_periode(db: Database, periode_id: int) -> None:
    with db.session() as s:
        p = s.get(Periode, periode_id)
        if p is None:
            raise ServiceError("Periode tidak ditemukan.")
        n = survey.respondent_count(s, periode_id, include_held=True)
        if n:
            raise ServiceError(f"Periode '{p.nama}' berisi {n} kuesioner dan tidak dapat dihapus.")
        if len(survey.periode_list(s, p.unit_id)) == 1:
            raise ServiceError("Periode satu-satunya tidak dapat dihapus; unit memerlukan minimal satu periode.")
        s.delete(p)


# ---------------------------------------------------------------- population and sample target
MAX_POPULASI = 10_000_000  # the largest population the forms accept (a whole city served in a year)


def check_populations(layanan: Sequence[str], populasi: dict[str, int], metode: str) -> dict[str, tuple[int, int]]:
    """{layanan name: (populasi, target)} for the layanan given a population above 0.

    ``layanan`` are the checked names; ``populasi`` is keyed by the names as typed
    (spaces are tidied). Refuses an unknown method, a population that is not a
    whole number from 0 to MAX_POPULASI, or one for a layanan not in the list."""
    if metode not in sample.METODE_SAMPEL:
        raise ServiceError(f"Metode sampel '{metode}' tidak dikenal; pilihan: {', '.join(sample.METODE_SAMPEL)}.")
    known = {n.casefold(): n for n in layanan}
    out: dict[str, tuple[int, int]] = {}
    for typed, value in (populasi or {}).items():
        name = " ".join(str(typed).split())
        if name.casefold() not in known:
            raise ServiceError(f"Populasi diisi untuk jenis layanan '{name}' yang tidak ada di daftar layanan.")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POPULASI:
            raise ServiceError(
                f"{name}: populasi harus bilangan bulat 0 sampai {angka(MAX_POPULASI)} (tertulis '{value}')."
            )
        if value > 0:
            out[known[name.casefold()]] = (value, compute_target(value, metode))
    return out


def compute_target(populasi: int, metode: str) -> int:
    try:
        return sample.target(int(populasi), metode)
    except DomainError as e:
        raise ServiceError(str(e)) from None


def target_rows(db: Database, periode_id: int) -> list[TargetRow]:
    """Every layanan of the period's unit with its target (if any) and collected count."""
    with db.read_session() as s:
        p = s.get(Periode, periode_id)
        if p is None:
            raise ServiceError("Periode tidak ditemukan.")
        targets = {
            t.layanan_id: t for t in s.scalars(select(TargetSampel).where(TargetSampel.periode_id == periode_id))
        }
        out = []
        for lay in survey.layanan_list(s, p.unit_id):
            t = targets.get(lay.id)
            out.append(
                TargetRow(
                    lay.id,
                    lay.nama,
                    t.populasi if t else None,
                    t.metode if t else None,
                    t.target if t else None,
                    survey.respondent_count(s, periode_id, lay.id),
                )
            )
        return out


def set_target(db: Database, periode_id: int, layanan_id: int, populasi: int, metode: str) -> int:
    """Store the population of a layanan and the target computed by ``metode``; returns the target."""
    if isinstance(populasi, bool) or not isinstance(populasi, int) or not 0 <= populasi <= MAX_POPULASI:
        raise ServiceError(f"Populasi harus bilangan bulat 0 sampai {angka(MAX_POPULASI)} (tertulis '{populasi}').")
    if metode not in sample.METODE_SAMPEL:
        raise ServiceError(f"Metode sampel '{metode}' tidak dikenal.")
    target = compute_target(populasi, metode)
    with db.session() as s:
        lay = s.get(Layanan, layanan_id)
        p = s.get(Periode, periode_id)
        if lay is None or p is None or lay.unit_id != p.unit_id:
            raise ServiceError("Jenis layanan atau periode tidak ditemukan.")
        t = s.scalars(
            select(TargetSampel).where(TargetSampel.periode_id == periode_id, TargetSampel.layanan_id == layanan_id)
        ).first()
        if t is None:
            t = TargetSampel(periode_id=periode_id, layanan_id=layanan_id)
            s.add(t)
        t.populasi, t.metode, t.target = populasi, metode, target
        return target


def set_targets(db: Database, periode_id: int, items: Sequence[tuple[int, int | None, str]]) -> None:
    """Store several (layanan_id, populasi, metode) in one transaction;
    populasi None removes the target of that layanan."""
    with db.session() as s:
        p = s.get(Periode, periode_id)
        if p is None:
            raise ServiceError("Periode tidak ditemukan.")
        names = {l.id: l.nama for l in survey.layanan_list(s, p.unit_id)}
        current = {
            t.layanan_id: t for t in s.scalars(select(TargetSampel).where(TargetSampel.periode_id == periode_id))
        }
        for layanan_id, populasi, metode in items:
            if layanan_id not in names:
                raise ServiceError("Jenis layanan tidak ditemukan (mungkin sudah dihapus).")
            t = current.get(layanan_id)
            if populasi is None:
                if t is not None:
                    s.delete(t)
                continue
            if isinstance(populasi, bool) or not isinstance(populasi, int) or not 0 <= populasi <= MAX_POPULASI:
                raise ServiceError(
                    f"{names[layanan_id]}: populasi harus bilangan bulat 0 sampai "
                    f"{angka(MAX_POPULASI)} (tertulis '{populasi}')."
                )
            if metode not in sample.METODE_SAMPEL:
                raise ServiceError(f"{names[layanan_id]}: metode sampel '{metode}' tidak dikenal.")
            if t is None:
                t = TargetSampel(periode_id=periode_id, layanan_id=layanan_id)
                s.add(t)
            t.populasi, t.metode, t.target = populasi, metode, compute_target(populasi, metode)


def clear_target(db: Database, periode_id: int, layanan_id: int) -> None:
    with db.session() as s:
        for t in s.scalars(
            select(TargetSampel).where(TargetSampel.periode_id == periode_id, TargetSampel.layanan_id == layanan_id)
        ):
            s.delete(t)


def progress(db: Database, periode_id: int) -> list[Progress]:
    from . import results  # imported here: the main window needs set-up, not results, to open

    with db.read_session() as s:
        return results.progress(s, periode_id)


# ---------------------------------------------------------------- unsur set
def get_unsur_set(db: Database, periode_id: int) -> tuple[UnsurSet, bool, int]:
    """(unsur set, frozen?, questionnaires in the period)."""
    with db.read_session() as s:
        n = survey.respondent_count(s, periode_id, include_held=True)
        return survey.unsur_set(s, periode_id), n > 0, n


def save_unsur_set(db: Database, periode_id: int, us: UnsurSet) -> None:
    """Store an edited unsur set. On a frozen set (questionnaires exist) only
    names, questions, answer texts and the weights mode may change; anything
    else is refused with an explanation."""
    with db.session() as s:
        current = survey.unsur_set(s, periode_id)
        if current.codes == us.codes:
            survey.update_unsur_texts(s, periode_id, us)
        else:
            survey.set_unsur_set(s, periode_id, us)


# ---------------------------------------------------------------- choice lists
def get_choices(db: Database, unit_id: int) -> dict[str, list[ChoiceItem]]:
    with db.read_session() as s:
        rows = s.execute(
            select(Opsi.jenis, Opsi.label, Opsi.kode).where(Opsi.unit_id == unit_id).order_by(Opsi.jenis, Opsi.urutan)
        ).all()
    out: dict[str, list[ChoiceItem]] = {j: [] for j in CHOICE_LISTS}
    for jenis, label, kode in rows:
        if jenis in out:
            out[jenis].append(ChoiceItem(label, kode or ""))
    return out


def set_choices(db: Database, unit_id: int, jenis: str, items: Sequence[ChoiceItem]) -> None:
    """Replace a choice list. A label already used by questionnaires cannot be
    removed or renamed (the stored answers would lose their category)."""
    items = check_choices(jenis, items)
    col = _RESPONDENT_COLUMN[jenis]
    with db.session() as s:
        survey.get_unit(s, unit_id)
        used = dict(
            s.execute(
                select(col, func.count())
                .join(Periode, Periode.id == Respondent.periode_id)
                .where(Periode.unit_id == unit_id, col.is_not(None))
                .group_by(col)
            ).all()
        )
        keep = {it.label for it in items}
        for label, n in used.items():
            if label not in keep:
                raise ServiceError(
                    f"{CHOICE_LABELS[jenis]} '{label}' dipakai oleh {n} kuesioner sehingga "
                    "tidak dapat dihapus atau diganti namanya."
                )
        _write_choices(s, unit_id, jenis, items)


# ---------------------------------------------------------------- the operator app's view
def periods(db: Database, unit_id: int) -> list[survey.PeriodeInfo]:
    """The unit's periods, oldest first (no counting: cheap enough for a toolbar)."""
    with db.read_session() as s:
        return [survey.periode_info(p) for p in survey.periode_list(s, unit_id)]


def unit_name(db: Database, unit_id: int) -> str:
    with db.read_session() as s:
        return survey.get_unit(s, unit_id).nama


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _bound(fn: Callable[Concatenate[Database, _P], _R]) -> Callable[Concatenate[SetupService, _P], _R]:
    """The module function ``fn`` as a SetupService method: called with the service's database."""

    @functools.wraps(fn)
    def method(self: SetupService, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        return fn(self._db, *args, **kwargs)

    return method


class SetupService:
    """The set-up use cases bound to one database, for the GUI: each method is
    one transaction (see the module functions of the same name), returns plain
    data and raises :class:`ServiceError` with an Indonesian message."""

    # checks that need no database
    check_nip = staticmethod(check_nip)
    check_logo = staticmethod(check_logo)
    check_layanan_names = staticmethod(check_layanan_names)
    check_choices = staticmethod(check_choices)
    default_choices = staticmethod(default_choices)
    compute_target = staticmethod(compute_target)

    def __init__(self, db: Database) -> None:
        self._db = db

    # first start, unit
    create_unit_setup = _bound(create_unit_setup)
    first_unit = _bound(first_unit)
    unit_name = _bound(unit_name)
    get_profile = _bound(get_profile)
    update_profile = _bound(update_profile)
    set_logo = _bound(set_logo)

    # layanan
    layanan_rows = _bound(layanan_rows)
    add_layanan = _bound(add_layanan)
    rename_layanan = _bound(rename_layanan)
    set_layanan_active = _bound(set_layanan_active)
    delete_layanan = _bound(delete_layanan)
    move_layanan = _bound(move_layanan)

    # periods
    periods = _bound(periods)
    periode_rows = _bound(periode_rows)
    get_periode = _bound(get_periode)
    create_periode = _bound(create_periode)
    update_periode = _bound(update_periode)
    set_periode_closed = _bound(set_periode_closed)
    delete_periode = _bound(delete_periode)

    # population and sample targets
    target_rows = _bound(target_rows)
    set_target = _bound(set_target)
    set_targets = _bound(set_targets)
    clear_target = _bound(clear_target)
    progress = _bound(progress)

    # unsur set and choice lists
    get_unsur_set = _bound(get_unsur_set)
    save_unsur_set = _bound(save_unsur_set)
    get_choices = _bound(get_choices)
    set_choices = _bound(set_choices)
