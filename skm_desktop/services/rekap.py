"""City / province recap (rekap.md): adding many units' data and the recap figures.

A recap database is an ordinary SKM Desktop database with many units. Data comes
in as .skm packages (raw respondents, stored through the package import path as
the unit's own periods) or as summary sheets (``ringkasan``: the unit's published
figures). :class:`RekapService` is bound to a database; every file is added all or
nothing in its own transaction, and the figures come from :mod:`domain.rekap`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from skm_desktop.domain import rekap
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.scoring import Tally, summarize
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.io import package
from skm_desktop.io import ringkasan as ring
from skm_desktop.io.tabular import FileProblem
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import (
    IkmManual,
    Pengaturan,
    Periode,
    RekapPaket,
    RekapRingkasan,
    RekapSasaran,
    RekapTarget,
    Respondent,
    Unit,
    utcnow,
)

from . import ServiceError, results, survey
from .exporting import _store_package
from .importing import ImportRefused

DITAMBAHKAN, DIGANTI, DILEWATI, DITOLAK = "ditambahkan", "diganti", "dilewati", "ditolak"
SUFFIXES = (".skm", ".xlsx", ".xlsm", ".csv")
KEY_HEADLINE = "rekap_headline"
KEY_KELOMPOK = "rekap_kelompok"
KELOMPOK_MAX = 50
KELOMPOK_NAME_MAX = 40
LAINNYA = "Lainnya"  # the standard list ends with it; new kelompok go before it
FILES_MAX = 5000  # files in one add (a province: several hundred units, a few periods each)


@dataclass(frozen=True)
class AddResult:
    """What happened to one file: ``status`` ditambahkan / diganti / dilewati / ditolak."""

    berkas: str
    status: str
    alasan: str  # Indonesian: what was stored, or why not
    unit: str = ""
    rows: int = 0  # questionnaires of a package, or summary rows
    warnings: tuple[str, ...] = ()
    unknown_units: tuple[str, ...] = ()  # ditolak because these unit names are not in the database yet


@dataclass(frozen=True)
class UnitInfo:
    id: int
    nama: str
    kelompok: str


@dataclass
class AddSummary:
    results: list[AddResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


Progress = Callable[[int, int, str], None]  # (done, total, file name)


class _Refused(ServiceError):
    pass


class _UnknownUnits(ServiceError):
    """A file refused because its unit names are not in the database (the page asks)."""

    def __init__(self, message: str, names: Sequence[str]):
        super().__init__(message)
        self.names = tuple(names)


@dataclass(frozen=True)
class SumberRingkasan:
    """A stored summary row's own words (the unit detail): where it came from, and its RTL."""

    periode: str
    berkas: str
    unsur_prioritas: str
    rtl: str


class _Skipped(Exception):
    def __init__(self, reason: str, unit: str = ""):
        super().__init__(reason)
        self.unit = unit


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files and folders (their .skm/.xlsx/.csv files, sorted by name) as a list of files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                (f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES), key=lambda f: f.name
            )
        else:
            out.append(p)
        if len(out) > FILES_MAX:
            raise ServiceError(f"Terlalu banyak berkas sekaligus (lebih dari {FILES_MAX}); tambahkan per folder.")
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _waktu(text: str) -> dt.datetime | None:
    """An ISO 8601 time (a package's dibuat_pada) as an aware datetime (UTC when it names no
    zone), so that times written with different zones compare as times; None when unreadable."""
    try:
        t = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")) if 0 < len(text) <= 40 else None
    except ValueError:
        return None
    return None if t is None else t if t.tzinfo is not None else t.replace(tzinfo=dt.timezone.utc)


def _stored_package(db: Database, digest: str) -> tuple[str, str] | None:
    """(unit, periode) a package with this sha256 is already stored as; None when none is."""
    with db.read_session() as s:
        q = (
            select(Unit.nama, Periode.nama)
            .join(Periode, Periode.unit_id == Unit.id)
            .join(RekapPaket, RekapPaket.periode_id == Periode.id)
            .where(RekapPaket.sha256 == digest)
        )
        row = s.execute(q).first()
    return None if row is None else (row[0], row[1])


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Units:
    """The database's units by normalised name, and the operator's --unit mapping."""

    def __init__(self, s: Session, unit: str | None, baru: bool):
        self.by_name = {_norm(u.nama): u for u in s.scalars(select(Unit))}
        self.unit = " ".join((unit or "").split())
        self.baru = baru
        self.mapped_from: str | None = None  # the one unknown name --unit maps

    def resolve(self, s: Session, name: str, kelompok: str = "") -> tuple[Unit, bool]:
        """(unit, created). An unknown name is matched only by --unit (one name), or
        created as a new unit with ``baru``; otherwise refused naming the choices."""
        u = self.by_name.get(_norm(name))
        if u is not None:
            return u, False
        if self.unit:
            if self.mapped_from is not None and self.mapped_from != _norm(name):
                raise _Refused(
                    f"unit '{name}' belum ada; --unit \"{self.unit}\" sudah dipakai untuk unit "
                    f"'{self.mapped_from}'. Tambahkan berkas unit lain secara terpisah."
                )
            target = self.by_name.get(_norm(self.unit))
            self.mapped_from = _norm(name)
            if target is not None:
                return target, False
            return self._create(s, self.unit, kelompok), True
        if self.baru:
            return self._create(s, " ".join(name.split()), kelompok), True
        near = difflib.get_close_matches(_norm(name), list(self.by_name), n=3, cutoff=0.75)
        hint = " Mirip dengan: " + ", ".join(f"'{self.by_name[n].nama}'" for n in near) + "." if near else ""
        raise _Refused(
            f"unit '{name}' belum ada di basis data rekap dan tidak dicocokkan diam-diam.{hint} "
            f'Pilih dengan tegas: --unit "NAMA" menyimpannya sebagai unit NAMA (yang ada, atau unit baru), '
            "atau --unit-baru membuat unit baru dengan nama dari berkas."
        )

    def _create(self, s: Session, name: str, kelompok: str) -> Unit:
        u = survey.create_unit(s, name)
        u.kelompok = kelompok
        self.by_name[_norm(name)] = u
        return u


# ---------------------------------------------------------------- adding files
def _units(s: Session, unit: str | None, baru: bool, mapping: dict[str, str]) -> _Units:
    us = _Units(s, unit, baru)
    us.mapped_from = mapping.get("from")
    return us


def _add_package(
    db: Database, path: Path, unit: str | None, ganti: bool, baru: bool, mapping: dict[str, str], operator: str
) -> AddResult:
    name = path.name
    if path.stat().st_size > package.FILE_MAX:
        package.read_package(path)  # refuses it, naming the limit (hashing it would be wasted work)
    digest = _sha256(path)
    same = _stored_package(db, digest)
    if same is not None:  # before parsing: a city adds the same hundreds of files again and again
        raise _Skipped(
            f"Paket {name} sudah ditambahkan sebelumnya (isi sama, periode '{same[1]}' unit '{same[0]}'); "
            "tidak ada yang berubah.",
            same[0],
        )
    pkg = package.read_package(path)
    warnings: list[str] = []
    with db.session() as s:
        units = _units(s, unit, baru, mapping)
        try:
            u, _ = units.resolve(s, pkg.unit_nama)
        except _Refused as e:
            raise _UnknownUnits(
                f"Paket {name} tidak ditambahkan: {e} Tidak ada data yang disimpan.", [pkg.unit_nama]
            ) from None
        pname = " ".join(pkg.periode.nama.split())
        p = next((x for x in survey.periode_list(s, u.id) if _norm(x.nama) == _norm(pname)), None)
        status = DITAMBAHKAN
        if p is not None:
            old = s.scalars(select(RekapPaket).where(RekapPaket.periode_id == p.id)).first()
            made, made_old = _waktu(pkg.dibuat_pada), _waktu(old.dibuat_pada) if old is not None else None
            # a package of an older version has no time: a timed one is newer; a damaged time is unknown
            newer = old is not None and made is not None and (made > made_old if made_old else not old.dibuat_pada)
            if old is not None and not newer and not ganti:
                if made is not None and made_old is not None and made < made_old:
                    raise _Skipped(
                        f"Paket {name} lebih lama ({pkg.dibuat_pada}) daripada paket periode '{p.nama}' unit "
                        f"'{u.nama}' yang sudah ada ({old.dibuat_pada}); dilewati. --ganti memaksa penggantian.",
                        u.nama,
                    )
                raise ServiceError(
                    f"Paket {name} berbeda dengan paket periode '{p.nama}' unit '{u.nama}' yang sudah ada, "
                    "dan tidak dapat dipastikan lebih baru. --ganti menggantinya. Tidak ada data yang disimpan."
                )
            if old is not None or ganti:
                s.execute(delete(Periode).where(Periode.id == p.id))
                s.expire_all()
                status = DIGANTI
        try:
            rep = _store_package(db, path, pkg, u.nama, None, operator, session=s)
        except ImportRefused as e:
            raise ServiceError(str(e)) from None
        pid = survey.find_periode(s, rep.periode, u.id).id
        s.add(
            RekapPaket(
                periode_id=pid,
                sha256=digest,
                dibuat_pada=pkg.dibuat_pada,
                dibuat_oleh=pkg.dibuat_oleh[:100],
                berkas=name[:255],
            )
        )
        tahun, label = rekap.classify_periode(pname, pkg.periode.tanggal_mulai, pkg.periode.tanggal_selesai)
        if tahun is None:
            warnings.append(
                f"Periode '{rep.periode}' unit '{u.nama}' tidak bertanggal dan namanya tidak diakhiri tahun: "
                "respondennya tersimpan tetapi tidak masuk rekap tahun mana pun. Isi tanggal periode itu, "
                "atau beri nama yang diakhiri tahun (mis. 'Semester I 2025'), lalu tambahkan paketnya lagi."
            )
        else:
            n = len(
                s.scalars(
                    select(RekapRingkasan.id).where(RekapRingkasan.unit_id == u.id, RekapRingkasan.tahun == tahun)
                ).all()
            )
            if n:
                warnings.append(
                    f"{n} baris ringkasan unit '{u.nama}' tahun {tahun} tidak dipakai lagi: data responden "
                    "(paket) mengalahkan ringkasan."
                )
        mapping.update({"from": units.mapped_from} if units.mapped_from else {})
        total = rep.imported + rep.skipped_identical
        what = "menggantikan paket lama" if status == DIGANTI else "ditambahkan"
        return AddResult(
            name,
            status,
            f"Paket {name}: unit '{u.nama}', periode '{rep.periode}' ({label} {tahun or '?'}), "
            f"{total} kuesioner {what}.",
            u.nama,
            total,
            tuple(warnings),
        )


def _add_ringkasan(db: Database, path: Path, unit: str | None, baru: bool, mapping: dict[str, str]) -> AddResult:
    name = path.name
    kelompok = kelompok_list(db)
    res = ring.read_ringkasan(path, kelompok)
    if not res.ok:
        raise ServiceError(res.error_report(name))
    names = {_norm(r.unit) for r in res.rows}
    warnings = [str(w) for w in res.warnings]
    added = replaced = same = 0
    with db.session() as s:
        units = _units(s, unit if len(names) == 1 else None, baru, mapping)
        refused: list[str] = []
        unknown: dict[str, str] = {}
        by_row: dict[int, Unit] = {}
        for r in res.rows:
            try:
                by_row[r.row], _ = units.resolve(s, r.unit, r.kelompok)
            except _Refused as e:
                refused.append(f"- Baris {r.row}, kolom unit: {e}")
                unknown.setdefault(_norm(r.unit), " ".join(r.unit.split()))
        if refused:
            if unit and len(names) > 1:
                refused.insert(0, "- --unit hanya berlaku untuk berkas ringkasan berisi satu unit.")
            raise _UnknownUnits(
                f"Berkas {name} tidak ditambahkan: {len(refused)} baris berisi unit yang belum ada.\n"
                + "\n".join(refused[:30])
                + "\nTidak ada data yang disimpan.",
                list(unknown.values()),
            )
        raw_years = _raw_years(s)
        # the stored rows of the file's years, read once (one query, not one per row)
        q = select(RekapRingkasan).where(RekapRingkasan.tahun.in_({r.tahun for r in res.rows}))
        stored = {(o.unit_id, o.tahun, o.periode): o for o in s.scalars(q)}
        for r in res.rows:
            u = by_row[r.row]
            if r.kelompok and u.kelompok != r.kelompok:
                u.kelompok = r.kelompok
            vals = r.stored_values()
            old = stored.get((u.id, r.tahun, r.periode))
            if old is not None and all(getattr(old, k) == v for k, v in vals.items()):
                same += 1
                continue
            if old is None:
                old = RekapRingkasan(unit_id=u.id, tahun=r.tahun, periode=r.periode)
                s.add(old)
                stored[(u.id, r.tahun, r.periode)] = old
                added += 1
            else:
                replaced += 1
            for k, v in vals.items():
                setattr(old, k, v)
            old.berkas = name[:255]
            old.ditambahkan = utcnow()
            if (u.id, r.tahun) in raw_years:
                warnings.append(
                    f"Baris {r.row}: unit '{u.nama}' mempunyai data responden (paket) tahun {r.tahun}; "
                    "ringkasan disimpan tetapi tidak dipakai (data responden mengalahkan ringkasan)."
                )
        mapping.update({"from": units.mapped_from} if units.mapped_from else {})
    if not added and not replaced:
        return AddResult(name, DILEWATI, f"Ringkasan {name}: {same} baris sudah ada dengan isi sama.", rows=same)
    status = DIGANTI if replaced else DITAMBAHKAN
    return AddResult(
        name,
        status,
        f"Ringkasan {name}: {added} baris baru, {replaced} baris diganti, {same} sama.",
        rows=added + replaced,
        warnings=tuple(warnings),
    )


def _periods_with_data(s: Session) -> list[tuple[Periode, int | None, str]]:
    """(period, tahun, Tahunan/Semester …) of every period holding respondents (an index probe each)."""
    q = select(Periode).where(exists().where(Respondent.periode_id == Periode.id)).order_by(Periode.id)
    return [(p, *rekap.classify_periode(p.nama, p.tanggal_mulai, p.tanggal_selesai)) for p in s.scalars(q)]


def _raw_years(s: Session) -> set[tuple[int, int]]:
    """(unit id, tahun) of every period holding respondents."""
    return {(p.unit_id, tahun) for p, tahun, _ in _periods_with_data(s) if tahun is not None}


# ---------------------------------------------------------------- settings
def _kelompok_of(s: Session) -> tuple[str, ...]:
    row = s.get(Pengaturan, KEY_KELOMPOK)
    raw = row.nilai if row is not None else ""
    try:
        data = json.loads(raw) if raw and len(raw) < 10_000 else None
    except ValueError:
        data = None
    if (
        isinstance(data, list)
        and 0 < len(data) <= KELOMPOK_MAX
        and all(isinstance(x, str) and 0 < len(x.strip()) <= KELOMPOK_NAME_MAX for x in data)
    ):
        return tuple(" ".join(x.split()) for x in data)
    return rekap.KELOMPOK


def kelompok_list(db: Database) -> tuple[str, ...]:
    """The editable kelompok list (setting), or the standard one; a damaged setting is ignored."""
    with db.read_session() as s:
        return _kelompok_of(s)


def _clean_list(names: Sequence[str]) -> list[str]:
    clean = [" ".join(n.split()) for n in names if n.strip()]
    if not clean or len(clean) > KELOMPOK_MAX or any(len(n) > KELOMPOK_NAME_MAX for n in clean):
        raise ServiceError(
            f"Daftar kelompok harus berisi 1–{KELOMPOK_MAX} nama, masing-masing paling panjang "
            f"{KELOMPOK_NAME_MAX} huruf."
        )
    seen: dict[str, str] = {}
    for n in clean:
        if n.casefold() in seen:
            raise ServiceError(
                f"Kelompok '{seen[n.casefold()]}' sudah ada di daftar (nama kelompok tidak boleh dua kali)."
            )
        seen[n.casefold()] = n
    return clean


def _users(s: Session) -> dict[str, list[str]]:
    """kelompok → the names of the units that have it (sorted)."""
    out: dict[str, list[str]] = {}
    for nama, kel in s.execute(select(Unit.nama, Unit.kelompok).order_by(Unit.nama)):
        if kel:
            out.setdefault(kel, []).append(nama)
    return out


def _still_used(users: dict[str, list[str]], kept: Iterable[str]) -> None:
    """Refuse a list that drops a kelompok units still have (naming how many, and a few)."""
    for k, names in users.items():
        if k in kept:
            continue
        shown = ", ".join(f"'{n}'" for n in names[:3]) + (f" dan {len(names) - 3} unit lain" if len(names) > 3 else "")
        raise ServiceError(
            f"Kelompok '{k}' masih dipakai {len(names)} unit ({shown}). Ganti dahulu kelompok unit itu "
            "di tabel pengaturan (atau ganti nama kelompoknya); daftar kelompok tidak diubah."
        )


def set_kelompok_list(db: Database, names: Sequence[str]) -> None:
    """Store the kelompok list (order kept). Refused when it names one twice, is empty or too
    long, or drops a kelompok that units still have (nothing is left without its kelompok)."""
    clean = _clean_list(names)
    with db.session() as s:
        _still_used(_users(s), clean)
        _put(s, KEY_KELOMPOK, json.dumps(clean, ensure_ascii=False))


def kelompok_usage(db: Database) -> dict[str, int]:
    """How many units have each kelompok (only kelompok some unit has)."""
    with db.read_session() as s:
        return {k: len(v) for k, v in _users(s).items()}


def _name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ServiceError("Nama kelompok masih kosong; ketik namanya dahulu.")
    if len(clean) > KELOMPOK_NAME_MAX:
        raise ServiceError(
            f"Nama kelompok '{clean[:KELOMPOK_NAME_MAX]}…' terlalu panjang ({len(clean)} huruf; "
            f"paling panjang {KELOMPOK_NAME_MAX} huruf)."
        )
    return clean


def _known(current: Sequence[str], name: str) -> str:
    key = " ".join(name.split()).casefold()
    found = next((k for k in current if k.casefold() == key), None)
    if found is None:
        raise ServiceError(f"Kelompok '{name}' tidak ada di daftar kelompok.")
    return found


def add_kelompok(db: Database, name: str) -> str:
    """Add ``name`` at the end of the list (before "Lainnya" when the list ends with it)."""
    with db.session() as s:
        current = list(_kelompok_of(s))
        at = len(current) - 1 if current and current[-1] == LAINNYA else len(current)
        clean = _clean_list([*current[:at], _name(name), *current[at:]])
        _put(s, KEY_KELOMPOK, json.dumps(clean, ensure_ascii=False))
        return clean[at]


def rename_kelompok(db: Database, old: str, new: str) -> int:
    """Rename kelompok ``old`` to ``new`` in the list and on every unit that has it, in one
    transaction; returns how many units were renamed along."""
    with db.session() as s:
        current = list(_kelompok_of(s))
        found, name = _known(current, old), _name(new)
        other = next((k for k in current if k != found and k.casefold() == name.casefold()), None)
        if other is not None:  # would merge two kelompok
            raise ServiceError(f"Kelompok '{other}' sudah ada di daftar (nama kelompok tidak boleh dua kali).")
        clean = _clean_list([(name if k == found else k) for k in current])
        renamed = clean[current.index(found)]
        units = list(s.scalars(select(Unit).where(Unit.kelompok == found)))
        for u in units:
            u.kelompok = renamed
        _put(s, KEY_KELOMPOK, json.dumps(clean, ensure_ascii=False))
        return len(units)


def remove_kelompok(db: Database, name: str) -> None:
    """Remove ``name`` from the list; refused while units still have it."""
    current = kelompok_list(db)
    found = _known(current, name)
    set_kelompok_list(db, [k for k in current if k != found])


def reset_kelompok_list(db: Database) -> None:
    """Back to the standard list (rekap.md); refused while units have a kelompok not in it."""
    set_kelompok_list(db, rekap.KELOMPOK)


def _put(s: Session, key: str, value: str) -> None:
    s.merge(Pengaturan(kunci=key, nilai=value))  # the setting's row by its key: updated, or added


def _put_setting(db: Database, key: str, value: str) -> None:
    with db.session() as s:
        _put(s, key, value)


def headline(db: Database) -> str:
    with db.read_session() as s:
        row = s.get(Pengaturan, KEY_HEADLINE)
    return rekap.HEADLINE_POOLED if row is not None and row.nilai == rekap.HEADLINE_POOLED else rekap.HEADLINE_MEAN


def set_headline(db: Database, value: str) -> None:
    if value not in (rekap.HEADLINE_MEAN, rekap.HEADLINE_POOLED):
        raise ServiceError("Angka utama rekap harus 'mean_units' (rata-rata unit) atau 'pooled' (gabungan responden).")
    _put_setting(db, KEY_HEADLINE, value)


def _tahun(tahun: int) -> int:
    if not ring.TAHUN_MIN <= tahun <= 2100:
        raise ServiceError(f"Tahun {tahun} tidak sah; tulis empat angka, {ring.TAHUN_MIN} atau sesudahnya.")
    return tahun


def _unit(s: Session, nama: str) -> Unit:
    u = survey.find_unit(s, nama)
    if u is None:
        raise ServiceError(f"Unit '{nama}' tidak ada di basis data rekap.")
    return u


def set_kelompok(db: Database, unit: str, kelompok: str) -> None:
    k = ring.parse_kelompok(kelompok, kelompok_list(db)) if kelompok.strip() else ""
    if k is None:
        raise ServiceError(f"Kelompok '{kelompok}' tidak dikenal; pilihan: {', '.join(kelompok_list(db))}.")
    with db.session() as s:
        _unit(s, unit).kelompok = k


def set_target(db: Database, unit: str, tahun: int, target: int | None) -> None:
    """Target sample of ``unit`` in ``tahun`` (None removes it)."""
    if target is not None and not 0 <= target <= 10**7:
        raise ServiceError(f"Target sampel {target} tidak sah; tulis bilangan bulat 0 atau lebih.")
    with db.session() as s:
        u = _unit(s, unit)
        row = s.scalars(
            select(RekapTarget).where(RekapTarget.unit_id == u.id, RekapTarget.tahun == _tahun(tahun))
        ).first()
        if target is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(RekapTarget(unit_id=u.id, tahun=tahun, target=target))
        else:
            row.target = target


def set_sasaran(db: Database, tahun: int, ikm: str | Decimal | None) -> None:
    """The city's target IKM (25–100) for ``tahun``; None removes it."""
    value: Decimal | None = None
    if ikm is not None:
        try:
            value = ring.parse_decimal(ikm)
        except ValueError:
            value = None
        if value is None or not 25 <= value <= 100:
            raise ServiceError(f"Sasaran IKM '{ikm}' tidak sah; tulis IKM konversi 25–100, seperti 85,50.")
    with db.session() as s:
        row = s.get(RekapSasaran, _tahun(tahun))
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(RekapSasaran(tahun=tahun, ikm=str(value)))
        else:
            row.ikm = str(value)


def sumber_ringkasan(db: Database, unit: str, tahun: int) -> list[SumberRingkasan]:
    """The stored summary rows of ``unit`` in ``tahun`` (file, unsur prioritas, RTL), by period."""
    with db.read_session() as s:
        u = _unit(s, unit)
        rows = s.scalars(
            select(RekapRingkasan).where(RekapRingkasan.unit_id == u.id, RekapRingkasan.tahun == _tahun(tahun))
        )
        out = [SumberRingkasan(r.periode, r.berkas, r.unsur_prioritas or "", r.rtl or "") for r in rows]
    return sorted(out, key=lambda r: rekap.period_sort_key(r.periode))


def paket_berkas(db: Database, unit: str, tahun: int) -> list[tuple[str, str]]:
    """(periode, package file name) of every package stored for ``unit`` in ``tahun``."""
    with db.read_session() as s:
        u = _unit(s, unit)
        found = s.execute(
            select(Periode.nama, Periode.tanggal_mulai, Periode.tanggal_selesai, RekapPaket.berkas)
            .join(RekapPaket, RekapPaket.periode_id == Periode.id)
            .where(Periode.unit_id == u.id)
        ).all()
    return sorted(
        (nama, berkas)
        for nama, mulai, selesai, berkas in found
        if rekap.classify_periode(nama, mulai, selesai)[0] == tahun
    )


def targets(db: Database, tahun: int) -> dict[str, int]:
    """unit name -> the target sample set for ``tahun`` (RekapTarget; set_target)."""
    with db.read_session() as s:
        q = select(Unit.nama, RekapTarget.target).join(RekapTarget, RekapTarget.unit_id == Unit.id)
        return dict(s.execute(q.where(RekapTarget.tahun == _tahun(tahun))).all())


def sasaran(db: Database, tahun: int) -> Decimal | None:
    """The city's target IKM set for ``tahun`` (a damaged stored value is None)."""
    with db.read_session() as s:
        row = s.get(RekapSasaran, _tahun(tahun))
        return _decimal_or_none(row.ikm) if row is not None else None


def units(db: Database) -> list[UnitInfo]:
    with db.read_session() as s:
        return [UnitInfo(u.id, u.nama, u.kelompok) for u in s.scalars(select(Unit).order_by(Unit.nama))]


# ---------------------------------------------------------------- the figures
def _decimal_or_none(text: str | None) -> Decimal | None:
    """A stored exact decimal read back; a damaged one is None (never a crash)."""
    if text is None:
        return None
    try:
        return ring.parse_decimal(text)
    except ValueError:
        return None


def _figure_of(row: RekapRingkasan) -> rekap.RingkasanFigure | None:
    ikm = _decimal_or_none(row.ikm)
    us = [_decimal_or_none(getattr(row, c)) for c in ring.UNSUR_COLUMNS]
    unsur = tuple(d for d in us if d is not None)
    if len(unsur) != len(us):
        unsur = ()
    factor = 25 if row.skala == "nrr" else 1
    if ikm is None and len(unsur) != rekap.N_UNSUR_RINGKASAN:
        return None
    mutu = row.mutu if row.mutu in ("A", "B", "C", "D") else ""
    return rekap.RingkasanFigure(
        row.periode, ikm, tuple(v * factor for v in unsur), factor, row.responden, row.target, mutu
    )


def years(db: Database) -> list[int]:
    """Every year with a figure (packages or summary rows), newest first."""
    with db.read_session() as s:
        found = set(s.scalars(select(RekapRingkasan.tahun).distinct()))
        found |= {t for _, t in _raw_years(s)}
    return sorted(found, reverse=True)


def _inputs(s: Session, wanted: set[int]) -> dict[int, list[rekap.UnitYearInput]]:
    unit_rows = list(s.scalars(select(Unit)))
    raw: dict[tuple[int, int], list[tuple[str, int]]] = {}
    used: list[Periode] = []
    labels: dict[int, str] = {}
    for p, tahun, label in _periods_with_data(s):
        if tahun in wanted:
            raw.setdefault((p.unit_id, tahun), []).append((p.nama, p.id))
            labels[p.id] = label
            used.append(p)
    for key, periods in raw.items():  # named Semester I … as in the recap, unless two share a label
        names = [labels[pid] for _, pid in periods]
        if len(set(names)) == len(names):
            raw[key] = [(labels[pid], pid) for _, pid in periods]
    counted = results.tallies(s, [p.id for p in used])
    sets = survey.unsur_sets(s, used)
    rows: dict[tuple[int, int], list[rekap.RingkasanFigure]] = {}
    for r in s.scalars(select(RekapRingkasan).where(RekapRingkasan.tahun.in_(wanted))):
        fig = _figure_of(r)
        if fig is not None:
            rows.setdefault((r.unit_id, r.tahun), []).append(fig)
    targets = {
        (t.unit_id, t.tahun): t.target for t in s.scalars(select(RekapTarget).where(RekapTarget.tahun.in_(wanted)))
    }
    manual: dict[tuple[int, int], Decimal] = {}
    for m in s.scalars(select(IkmManual).where(IkmManual.label.in_([str(t) for t in wanted]))):
        d = _decimal_or_none(m.ikm_konversi)
        if d is not None and 25 <= d <= 100:
            manual[(m.unit_id, int(m.label))] = d
    out: dict[int, list[rekap.UnitYearInput]] = {t: [] for t in wanted}
    for u in unit_rows:
        for t in wanted:
            ry = _raw_year(raw.get((u.id, t), []), counted, sets)
            out[t].append(
                rekap.UnitYearInput(
                    u.nama,
                    u.kelompok,
                    ry,
                    tuple(rows.get((u.id, t), ())),
                    targets.get((u.id, t)),
                    manual.get((u.id, t)),
                )
            )
    return out


def _raw_year(
    periods: list[tuple[str, int]], counted: dict[int, Tally], unsur_sets: dict[int, UnsurSet]
) -> rekap.RawYear | None:
    if not periods:
        return None
    sets = [unsur_sets[pid] for _, pid in periods]
    sums = tuple((nama, summarize(us, counted[pid])) for (nama, pid), us in zip(periods, sets))
    if all(x.codes == sets[0].codes for x in sets):
        return rekap.RawYear(sets[0], Tally.merged(counted[pid] for _, pid in periods), sums)
    return rekap.RawYear(None, None, sums)


def summary(db: Database, tahun: int | None = None) -> rekap.RekapYear:
    """The recap of ``tahun`` (default: the newest year with data)."""
    if tahun is None:
        ys = years(db)
        if not ys:
            raise ServiceError("Basis data rekap belum berisi data unit; tambahkan paket .skm atau ringkasan dahulu.")
        tahun = ys[0]
    return summaries(db, [_tahun(tahun)])[tahun]


def summaries(db: Database, tahun_list: Iterable[int]) -> dict[int, rekap.RekapYear]:
    """The recap of every year of ``tahun_list`` (each against its previous year), read in one go."""
    wanted = {_tahun(t) for t in tahun_list}
    with db.read_session() as s:
        inputs = _inputs(s, wanted | {t - 1 for t in wanted})
        known = [u.nama for u in s.scalars(select(Unit))]
        sas = {r.tahun: _decimal_or_none(r.ikm) for r in s.scalars(select(RekapSasaran))}
    head, kelompok = headline(db), kelompok_list(db)
    return {
        t: rekap.compute(
            t, inputs[t], inputs[t - 1], known_units=known, sasaran=sas.get(t), headline=head, kelompok=kelompok
        )
        for t in sorted(wanted)
    }


# ---------------------------------------------------------------- JSON (rekap.md)
def _s2(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def summary_json(y: rekap.RekapYear) -> dict[str, object]:
    """The ``rekap summary --json`` document: numbers unrounded, ``_2dp`` strings half-up."""
    k = y.kategori
    return {
        "tahun": str(y.tahun),
        "previous_tahun": str(y.previous_tahun),
        "units": len(y.units),
        "not_reported": list(y.not_reported),
        "respondents": y.respondents,
        "target": y.realisasi_total.target if any(u.figure.target is not None for u in y.units) else None,
        "ikm_mean_units": None if y.ikm_mean_units is None else float(y.ikm_mean_units),
        "ikm_mean_units_2dp": None if y.ikm_mean_units is None else _s2(rekap.two_dp(y.ikm_mean_units)),
        "ikm_pooled": None if y.ikm_pooled is None else float(y.ikm_pooled),
        "ikm_pooled_2dp": None if y.ikm_pooled is None else _s2(rekap.two_dp(y.ikm_pooled)),
        "headline": y.headline,
        "mutu": None if k is None else k.mutu,
        "kinerja": None if k is None else k.kinerja,
        "mutu_counts": y.mutu_counts,
        "changes": {
            "compared": y.changes.compared,
            "naik": y.changes.naik,
            "turun": y.changes.turun,
            "tetap": y.changes.tetap,
            "mutu_transitions": y.changes.mutu_transitions,
        },
        "unit_rows": [
            {
                "unit": u.figure.unit,
                "kelompok": u.figure.kelompok,
                "rank": u.rank,
                "ikm_2dp": _s2(u.figure.ikm_2dp),
                "mutu": u.figure.mutu,
                "source": u.figure.source,
                "metode": u.figure.metode,
                "responden": u.figure.responden,
                "target": u.figure.target,
                "ikm_prev_2dp": None if u.previous is None else _s2(u.previous.ikm_2dp),
                "mutu_prev": None if u.previous is None else u.previous.mutu,
                "periods": [{"periode": p.periode, "ikm_2dp": _s2(p.ikm_2dp)} for p in u.figure.periods],
            }
            for u in y.units
        ],
        "checks": [
            {"unit": c.unit, "periode": c.periode, "kind": c.kind, "published": c.published, "recomputed": c.recomputed}
            for c in y.checks
        ],
    }


class RekapService:
    """The recap use cases bound to one database (for the Rekap page and the CLI): each
    method is one transaction per file or setting, returns plain data, and raises
    :class:`ServiceError` with an Indonesian message."""

    expand_paths = staticmethod(expand_paths)
    summary_json = staticmethod(summary_json)

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_files(
        self,
        paths: Iterable[Path | str],
        unit: str | None = None,
        ganti: bool = False,
        *,
        baru: bool = False,
        progress: Progress | None = None,
        operator: str = "",
    ) -> AddSummary:
        """Add .skm packages and summary sheets, each file all or nothing in its own transaction.

        ``unit``: the existing (or new) unit an unknown unit name is stored as — one name
        only; ``baru``: every unknown unit name becomes a new unit; ``ganti``: a package
        replaces the stored period even when it is not newer."""
        files = expand_paths(paths)
        out = AddSummary()
        mapping: dict[str, str] = {}  # the --unit mapping lives across files
        for i, path in enumerate(files):
            if progress is not None:
                progress(i, len(files), path.name)
            try:
                if path.suffix.lower() == ".skm":
                    r = _add_package(self._db, path, unit, ganti, baru, mapping, operator)
                else:
                    r = _add_ringkasan(self._db, path, unit, baru, mapping)
            except _Skipped as e:
                r = AddResult(path.name, DILEWATI, str(e), e.unit)
            except _UnknownUnits as e:
                r = AddResult(path.name, DITOLAK, str(e), unknown_units=e.names)
            except (ServiceError, DomainError, FileProblem, package.PackageError) as e:
                r = AddResult(path.name, DITOLAK, str(e))
            except OSError as e:
                r = AddResult(path.name, DITOLAK, f"Berkas {path.name} tidak dapat dibaca ({e.strerror or e}).")
            out.results.append(r)
        if progress is not None:
            progress(len(files), len(files), "")
        return out

    def summary(self, tahun: int | None = None) -> rekap.RekapYear:
        return summary(self._db, tahun)

    def years(self) -> list[int]:
        return years(self._db)

    def units(self) -> list[UnitInfo]:
        return units(self._db)

    def targets(self, tahun: int) -> dict[str, int]:
        return targets(self._db, tahun)

    def sasaran(self, tahun: int) -> Decimal | None:
        return sasaran(self._db, tahun)

    def sumber_ringkasan(self, unit: str, tahun: int) -> list[SumberRingkasan]:
        return sumber_ringkasan(self._db, unit, tahun)

    def paket_berkas(self, unit: str, tahun: int) -> list[tuple[str, str]]:
        return paket_berkas(self._db, unit, tahun)

    def kelompok_list(self) -> tuple[str, ...]:
        return kelompok_list(self._db)

    def set_kelompok_list(self, names: Sequence[str]) -> None:
        set_kelompok_list(self._db, names)

    def kelompok_usage(self) -> dict[str, int]:
        return kelompok_usage(self._db)

    def add_kelompok(self, name: str) -> str:
        return add_kelompok(self._db, name)

    def rename_kelompok(self, old: str, new: str) -> int:
        return rename_kelompok(self._db, old, new)

    def remove_kelompok(self, name: str) -> None:
        remove_kelompok(self._db, name)

    def reset_kelompok_list(self) -> None:
        reset_kelompok_list(self._db)

    def set_kelompok(self, unit: str, kelompok: str) -> None:
        set_kelompok(self._db, unit, kelompok)

    def set_target(self, unit: str, tahun: int, target: int | None) -> None:
        set_target(self._db, unit, tahun, target)

    def set_sasaran(self, tahun: int, ikm: str | Decimal | None) -> None:
        set_sasaran(self._db, tahun, ikm)

    def headline(self) -> str:
        return headline(self._db)

    def set_headline(self, value: str) -> None:
        set_headline(self._db, value)

    @staticmethod
    def write_template(path: Path | str) -> None:
        """The empty summary sheet (.xlsx or .csv), written atomically."""
        from skm_desktop.storage.files import atomic_write

        path = Path(path)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise ServiceError(f"Templat ringkasan ditulis sebagai .xlsx atau .csv, bukan '{path.suffix}'.")
        with atomic_write(path) as tmp:
            ring.write_template(tmp, as_csv=path.suffix.lower() == ".csv")
