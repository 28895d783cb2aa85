"""Exporting a period's respondents (CSV/XLSX), the import template, and the
.skm package (a whole period that another installation imports)."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from skm_desktop import __version__
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import validate_all
from skm_desktop.domain.unsur import unsur_to_dict
from skm_desktop.io import package
from skm_desktop.io.package import PACKAGE_FORMAT, PACKAGE_VERSION
from skm_desktop.io.respondents import write_csv, write_xlsx
from skm_desktop.io.template import write_template
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Rtl, Unit

from . import ServiceError, survey
from .importing import ImportRefused, bulk_insert


def export_respondents(db: Database, out: Path | str, periode: str | None = None, unit: str | None = None) -> int:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".skm":
        return export_package(db, out, periode, unit)
    if suffix not in (".csv", ".xlsx"):
        raise ServiceError(f"Format ekspor '{out.suffix}' tidak dikenal; gunakan .xlsx, .csv, atau .skm.")
    with db.read_session() as s:
        p = survey.find_periode(s, periode, unit_id_for(s, unit))
        codes = [u.kode for u in survey.unsur_rows(s, p.id)]
        records = [rec for _, rec in survey.load_records(s, p.id)]
    (write_csv if suffix == ".csv" else write_xlsx)(out, codes, records)
    return len(records)


def export_template(db: Database, out: Path | str, periode: str | None = None, unit: str | None = None) -> None:
    with db.read_session() as s:
        p = survey.find_periode(s, periode, unit_id_for(s, unit))
        us = survey.unsur_set(s, p.id)
        write_template(Path(out), us, survey.options(s, p.unit_id), p.unit.nama, p.nama)


# ------------------------------------------------------------------ .skm package
def export_package(db: Database, out: Path | str, periode: str | None = None, unit: str | None = None) -> int:
    """Write the period as a .skm package; refused when the package would be larger than
    a package reader accepts (what is written here can always be read back)."""
    out = Path(out)
    with db.read_session() as s:
        p = survey.find_periode(s, periode, unit_id_for(s, unit))
        u: Unit = p.unit
        us = survey.unsur_set(s, p.id)
        opts = survey.options(s, u.id)
        records = [rec for _, rec in survey.load_records(s, p.id)]
        if len(records) > package.RESPONDEN_MAX:
            raise ServiceError(
                f"Periode '{p.nama}' berisi {len(records)} kuesioner; satu paket .skm memuat paling "
                f"banyak {package.RESPONDEN_MAX}. Ekspor ke .xlsx atau .csv."
            )
        rtl = [
            {
                "urutan": r.urutan,
                "unsur_kode": r.unsur_kode,
                "program": r.program,
                "waktu": r.waktu,
                "penanggung_jawab": r.penanggung_jawab,
                "realisasi": r.realisasi,
                "realisasi_deskripsi": r.realisasi_deskripsi,
                "realisasi_hambatan": r.realisasi_hambatan,
            }
            for r in s.scalars(select(Rtl).where(Rtl.periode_id == p.id).order_by(Rtl.urutan))
        ]
        data = {
            "format": PACKAGE_FORMAT,
            "versi_format": PACKAGE_VERSION,
            "dibuat_oleh": f"SKM Desktop {__version__}",
            "dibuat_pada": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "unit": {
                "nama": u.nama,
                "alamat": u.alamat,
                "kota": u.kota,
                "pejabat_nama": u.pejabat_nama,
                "pejabat_jabatan": u.pejabat_jabatan,
                "pejabat_nip": u.pejabat_nip,
            },
            "opsi": {
                "jenis_kelamin": list(opts.jenis_kelamin),
                "pendidikan": list(opts.pendidikan),
                "pekerjaan": list(opts.pekerjaan),
            },
            "layanan": list(opts.layanan),
            "periode": {
                "nama": p.nama,
                "tanggal_mulai": p.tanggal_mulai.isoformat() if p.tanggal_mulai else None,
                "tanggal_selesai": p.tanggal_selesai.isoformat() if p.tanggal_selesai else None,
                "n_prioritas": p.n_prioritas,
            },
            "unsur_set": {"bobot": us.mode.value, "unsur": [unsur_to_dict(x) for x in us.unsur]},
            "responden": [r.to_dict() for r in records],
            "rtl": rtl,
        }
    from skm_desktop.storage.files import atomic_write

    try:
        with atomic_write(out) as tmp:
            package.write_package(tmp, data)
    except package.PackageError as e:
        raise ServiceError(str(e)) from None
    return len(records)


def unit_id_for(s: Session, unit: str | None) -> int | None:
    """The named unit's id (refused when absent), or None: the database's own unit."""
    if not unit:
        return None
    u = survey.find_unit(s, unit)
    if u is None:
        names = [x.nama for x in s.scalars(select(Unit).order_by(Unit.id))]
        raise ServiceError(f"Unit '{unit}' tidak ada" + (f"; yang ada: {', '.join(names)}." if names else "."))
    return u.id


@dataclass
class PackageReport:
    unit: str
    periode: str
    imported: int
    skipped_identical: int
    created_unit: bool = False
    created_periode: bool = False


class OtherUnitPackage(ImportRefused):
    """The package belongs to another unit than the database's own: the operator must choose.

    ``package_unit`` and ``own_unit`` name both; calling import_package again with
    ``unit=package_unit`` stores the period as that (separate) unit, with ``unit=own_unit``
    it is merged into the database's own unit."""

    def __init__(self, message: str, package_unit: str, own_unit: str):
        super().__init__(message)
        self.package_unit = package_unit
        self.own_unit = own_unit


def read_package_info(path: Path | str) -> package.Package:
    """The checked content of a package (to show before importing); raises ImportRefused."""
    try:
        return package.read_package(path)
    except package.PackageError as e:
        raise ImportRefused(str(e)) from None


def import_package(
    db: Database, path: Path | str, unit: str | None = None, periode: str | None = None, *, operator: str = ""
) -> PackageReport:
    """Import a .skm package into the database, all or nothing.

    ``unit``: None stores the package in the database's own unit (the unit created first)
    when the package is of that unit, or when the database has no unit yet; a package of
    another unit is then refused with :class:`OtherUnitPackage`. A name stores it
    explicitly as that unit (an existing one, or a new one made with the package's profile).
    ``periode``: the period name in that unit (default: the package's).
    Re-importing the same package adds nothing; a number stored with different content,
    a closed period, or a different unsur set is refused."""
    path = Path(path)
    pkg = read_package_info(path)
    try:
        return _store_package(db, path, pkg, unit, periode, operator)
    except ServiceError:
        raise
    except DomainError as e:
        raise ImportRefused(f"Paket {path.name} tidak diimpor: {e} Tidak ada data yang disimpan.") from None
    except (KeyError, TypeError, ValueError, AttributeError, SQLAlchemyError) as e:
        # the typed check should catch every malformed package; should one slip
        # through, the transaction is rolled back and the operator gets a message
        raise ImportRefused(
            f"Paket {path.name} tidak dapat diimpor: isinya tidak sesuai "
            f"({type(e).__name__}). Tidak ada data yang disimpan."
        ) from None


def _store_package(
    db: Database,
    path: Path,
    pkg: package.Package,
    unit: str | None,
    periode: str | None,
    operator: str,
    session: Session | None = None,
) -> PackageReport:
    """Store ``pkg`` in its own transaction, or inside ``session`` (the caller's transaction)."""
    with nullcontext(session) if session is not None else db.session() as s:
        own = s.scalars(select(Unit).order_by(Unit.id)).first()
        target = " ".join((unit or "").split())
        if target:
            u = survey.find_unit(s, target)
        elif own is None or own.nama.casefold() == pkg.unit_nama.casefold():
            u, target = own, pkg.unit_nama
        else:
            raise OtherUnitPackage(
                f"Paket {path.name} berasal dari unit '{pkg.unit_nama}', sedangkan basis data ini milik unit "
                f"'{own.nama}'. Tidak ada data yang disimpan. Pilih dengan tegas: --unit \"{pkg.unit_nama}\" "
                f'menyimpannya sebagai unit tersendiri, --unit "{own.nama}" menggabungkannya ke unit ini.',
                pkg.unit_nama,
                own.nama,
            )
        created_unit = u is None
        if u is None:
            profile = {k: v for k, v in pkg.unit.items() if k != "nama"}
            u = survey.create_unit(s, target, **profile)
            for jenis, labels in pkg.opsi.items():
                if labels:
                    survey.set_options(s, u.id, jenis, labels)
        pname = " ".join((periode or pkg.periode.nama).split())
        p = next((x for x in survey.periode_list(s, u.id) if x.nama.casefold() == pname.casefold()), None)
        created_periode = p is None
        if p is None:
            p = survey.create_periode(
                s, u.id, pname, pkg.unsur_set, pkg.periode.tanggal_mulai, pkg.periode.tanggal_selesai
            )
            p.n_prioritas = min(pkg.periode.n_prioritas, len(pkg.unsur_set))
            for r in pkg.rtl:
                s.add(Rtl(periode_id=p.id, **r))
        else:
            if p.ditutup:
                raise ImportRefused(
                    f"Paket {path.name} tidak diimpor: periode '{p.nama}' unit '{u.nama}' sudah "
                    "ditutup; buka kembali periode itu sebelum mengimpor. Tidak ada data yang disimpan."
                )
            if survey.unsur_set(s, p.id).codes != pkg.unsur_set.codes:
                raise ImportRefused(
                    f"Set unsur paket {path.name} ({len(pkg.unsur_set)} unsur) berbeda dengan set "
                    f"unsur periode '{p.nama}' ({len(survey.unsur_rows(s, p.id))} unsur). "
                    "Tidak ada data yang disimpan."
                )
        known = {l.casefold() for l in survey.options(s, u.id).layanan}
        for name in pkg.layanan:
            if name.casefold() not in known:
                survey.add_layanan(s, u.id, name)
                known.add(name.casefold())
        # the whole package is checked against the period with a handful of queries
        n_unsur = len(survey.unsur_rows(s, p.id))
        opts = survey.options(s, u.id)
        # held questionnaires (ditahan) count too: their numbers are taken in the period
        stored = {rec.no_kuesioner: rec for _, rec in survey.load_records(s, p.id, include_held=True)}
        valid, invalid = validate_all(pkg.records, n_unsur, opts)
        n_problems = len(invalid)
        problems = [
            f"- responden ke-{i + 1} (no. {rec.no_kuesioner}): {e}" for i, rec, e in invalid[: package.PROBLEMS_SHOWN]
        ]
        new, same, conflicts = [], 0, []
        for rec in valid:
            old = stored.get(rec.no_kuesioner)
            if old is None:
                new.append(rec)
            elif old == rec:
                same += 1
            else:
                conflicts.append(rec.no_kuesioner)
        if n_problems:
            more = n_problems - len(problems)
            raise ImportRefused(
                f"Paket {path.name} tidak diimpor: {n_problems} kuesioner tidak sesuai dengan "
                f"periode '{p.nama}' unit '{u.nama}':\n"
                + "\n".join(problems)
                + (f"\n… dan {more} lainnya." if more else "")
                + "\nTidak ada data yang disimpan."
            )
        if conflicts:
            shown = ", ".join(str(n) for n in conflicts[: package.PROBLEMS_SHOWN])
            raise ImportRefused(
                f"Paket tidak diimpor: {len(conflicts)} nomor kuesioner sudah tersimpan dengan isi "
                f"berbeda (no. {shown}{' …' if len(conflicts) > package.PROBLEMS_SHOWN else ''}). "
                "Tidak ada data yang disimpan."
            )
        bulk_insert(
            s,
            p,
            new,
            operator=operator,
            keterangan=f"Impor paket {path.name}: {len(new)} kuesioner baru, {same} sudah ada",
        )
        return PackageReport(u.nama, p.nama, len(new), same, created_unit, created_periode)
