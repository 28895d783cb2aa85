"""Importing respondent files (CSV, XLSX): validate everything first, then store
everything in one transaction — or nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.unsur import Unsur, UnsurSet, renumber
from skm_desktop.io.problems import ProblemList
from skm_desktop.io.respondents import ParseResult, Problem, parse_table
from skm_desktop.io.tabular import FileProblem, Table, read_table
from skm_desktop.storage.bulk import write_rows
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Jawaban, Periode, Respondent, Unit, utcnow

from . import ServiceError, audit, survey
from .forms import standard_unsur_set


class ImportRefused(ServiceError):
    def __init__(self, message: str, result: ParseResult | None = None):
        super().__init__(message)
        self.result = result


@dataclass
class ImportReport:
    unit: str
    periode: str
    imported: int
    replaced: int = 0
    created_unit: bool = False
    created_periode: bool = False
    created_layanan: list[str] = field(default_factory=list)
    warnings: ProblemList = field(default_factory=ProblemList)  # len() counts all, iteration the kept
    dry_run: bool = False  # True: checked only, nothing was stored


class _DryRunDone(Exception):
    """Leaves the session (rolling everything back) with the finished report."""

    def __init__(self, report: ImportReport):
        self.report = report


def unsur_set_for_columns(n: int) -> UnsurSet:
    """The standard 9 unsur, plus added unsur when the file has more columns."""
    std = standard_unsur_set()
    if n < len(std):
        raise ServiceError(
            f"Berkas hanya memiliki {n} kolom unsur; periode baru memerlukan minimal "
            f"{len(std)} unsur (u1 … u{len(std)})."
        )
    extra = tuple(Unsur(kode=f"U{i}", nama=f"Unsur tambahan {i}") for i in range(len(std) + 1, n + 1))
    return UnsurSet(renumber(std.unsur + extra), std.mode)


def import_file(
    db: Database,
    path: Path | str,
    unit: str | None = None,
    periode: str | None = None,
    create_layanan: bool = True,
    replace: bool = False,
    default_sumber: str = "impor",
    operator: str = "",
    dry_run: bool = False,
) -> ImportReport:
    """Import a CSV/XLSX respondent file into (unit, periode), creating them if absent.

    Raises ImportRefused with every problem when anything is wrong; then nothing is stored.
    Warnings (unknown columns, dates outside the period's tanggal_mulai …
    tanggal_selesai) do not stop the import; they come back in
    ``ImportReport.warnings``. To ask the user about them BEFORE storing, call
    with ``dry_run=True`` first: everything is checked exactly as for a real
    import (duplicates in the database included) and the report is returned
    with ``dry_run=True`` and nothing stored; then call again without it.
    """
    if default_sumber == "kiosk":
        raise ImportRefused(
            "Berkas CSV/XLSX tidak dapat diimpor sebagai data kios: asal kios hanya dicatat "
            "oleh kios sendiri dan paket .skm buatan program ini."
        )
    try:
        table = read_table(path)
    except FileProblem as e:
        raise ImportRefused(str(e)) from None
    try:
        return _import(db, table, path, unit, periode, create_layanan, replace, default_sumber, operator, dry_run)
    except _DryRunDone as done:
        return done.report


def _import(
    db: Database,
    table: Table,
    path: Path | str,
    unit: str | None,
    periode: str | None,
    create_layanan: bool,
    replace: bool,
    default_sumber: str,
    operator: str,
    dry_run: bool,
) -> ImportReport:
    with db.session() as s:
        u = survey.find_unit(s, unit) if unit else s.scalars(select(Unit).order_by(Unit.id)).first()
        created_unit = u is None
        if u is None:
            u = survey.create_unit(s, unit or "Unit Pelayanan")
        p = None
        periods = survey.periode_list(s, u.id)
        if periode:
            p = next((x for x in periods if x.nama.casefold() == periode.strip().casefold()), None)
        elif periods:
            p = periods[-1]
        opts = survey.options(s, u.id)
        codes = None if p is None else [x.kode for x in survey.unsur_rows(s, p.id)]
        result = parse_table(
            table,
            codes,
            opts,
            default_sumber=default_sumber,
            periode_dates=(p.tanggal_mulai, p.tanggal_selesai) if p is not None else (None, None),
            periode_name=p.nama if p is not None else "",
        )
        if not result.ok:
            raise ImportRefused(result.error_report(), result)
        if result.new_layanan and not create_layanan:
            raise ImportRefused(
                "Jenis layanan berikut belum terdaftar: "
                + ", ".join(result.new_layanan)
                + ". Tambahkan dulu atau setujui pembuatannya.",
                result,
            )
        created_periode = p is None
        if p is None:
            name = periode or _period_name(result)
            p = survey.create_periode(s, u.id, name, unsur_set_for_columns(len(result.unsur_columns)))
        if p.ditutup:
            raise ImportRefused(f"Periode '{p.nama}' sudah ditutup; buka kembali sebelum mengimpor.")
        for name in result.new_layanan:
            survey.add_layanan(s, u.id, name)
        existing = dict(
            s.execute(select(Respondent.no_kuesioner, Respondent.id).where(Respondent.periode_id == p.id)).all()
        )
        dups = [(row, rec.no_kuesioner) for row, rec in result.records if rec.no_kuesioner in existing]
        if dups and not replace:
            problems = [
                Problem(f"nomor kuesioner {no} sudah ada di periode '{p.nama}'", row, "no_kuesioner", no)
                for row, no in dups
            ]
            result.errors.extend(problems)
            raise ImportRefused(result.error_report(), result)
        replaced_json = None
        if dups:
            ids = [existing[no] for _, no in dups]
            # the replaced questionnaires stay readable in the audit trail
            replaced_json = json.dumps(
                [audit.record_to_dict(r) for _, r in survey.load_records(s, p.id, ids=ids)], ensure_ascii=False
            )
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                s.execute(delete(Jawaban).where(Jawaban.responden_id.in_(part)))
                s.execute(delete(Respondent).where(Respondent.id.in_(part)))
        report = ImportReport(
            u.nama,
            p.nama,
            len(result.records),
            len(dups),
            created_unit,
            created_periode,
            list(result.new_layanan),
            result.warnings,
            dry_run=dry_run,
        )
        if dry_run:
            raise _DryRunDone(report)
        bulk_insert(
            s,
            p,
            [rec for _, rec in result.records],
            operator=operator,
            keterangan=f"Impor berkas {Path(path).name}: {len(result.records)} kuesioner"
            + (f", {len(dups)} menggantikan kuesioner lama" if dups else ""),
            sebelum_json=replaced_json,
        )
        return report


def _period_name(result: ParseResult) -> str:
    years = sorted({rec.tanggal.year for _, rec in result.records if rec.tanggal})
    if len(years) == 1:
        return str(years[0])
    if years:
        return f"{years[0]}–{years[-1]}"
    return str(dt.date.today().year)


def bulk_insert(
    s: Session,
    p: Periode,
    records: Sequence[RespondentRecord],
    *,
    operator: str = "",
    keterangan: str = "",
    sebelum_json: str | None = None,
) -> None:
    """Insert many validated records fast (one executemany per table), with ONE
    audit row (aksi "impor") for the whole batch."""
    lay = survey.layanan_ids(s, p.unit_id)
    unsur_ids = [r.id for r in survey.unsur_rows(s, p.id)]
    now = utcnow()
    if not records:
        return
    conn = s.connection()
    # Plain DB-API executemany for the thousands of rows (the ORM/Core paths cost
    # several times more per row). Values pass through SQLAlchemy's own bind
    # processors for each column type, so they are stored exactly as the ORM
    # would store them, and placeholders follow the driver's style.
    table = Respondent.__table__
    names = [
        "periode_id",
        "no_kuesioner",
        "tanggal",
        "layanan_id",
        "jenis_kelamin",
        "usia",
        "pendidikan",
        "pekerjaan",
        "saran",
        "sumber",
        "batch",
        "operator",
        "posisi",
        "ditahan",
        "created_at",
        "updated_at",
    ]
    procs = [table.c[n].type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for n in names]
    now_v = procs[-1](now) if procs[-1] else now
    held_v = procs[13](False) if procs[13] else False
    date_proc = procs[2]
    dates: dict[dt.date, Any] = {}  # date -> its bound value for the driver
    resp_rows = []
    for rec in records:
        t = rec.tanggal
        if t is not None and date_proc is not None:
            tv = dates.get(t)
            if tv is None:
                tv = dates[t] = date_proc(t)
        else:
            tv = t
        resp_rows.append(
            (
                p.id,
                rec.no_kuesioner,
                tv,
                lay[rec.layanan] if rec.layanan else None,
                rec.jenis_kelamin,
                rec.usia,
                rec.pendidikan,
                rec.pekerjaan,
                rec.saran,
                rec.sumber,
                rec.batch,
                rec.operator,
                rec.posisi,
                held_v,
                now_v,
                now_v,
            )
        )
    write_rows(conn, "responden", names, resp_rows)
    ids = dict(s.execute(select(Respondent.no_kuesioner, Respondent.id).where(Respondent.periode_id == p.id)).all())
    ans = [
        (ids[rec.no_kuesioner], uid, a) for rec in records for uid, a in zip(unsur_ids, rec.answers) if a is not None
    ]
    write_rows(conn, "jawaban", ["responden_id", "unsur_id", "nilai"], ans)
    keterangan = keterangan or f"{len(resp_rows)} kuesioner disimpan sekaligus"
    audit.record(s, audit.Jejak("impor", operator, keterangan), p.id, sebelum_json=sebelum_json)
