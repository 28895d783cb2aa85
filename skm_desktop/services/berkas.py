"""Berkas menu of the operator app: preview, check and import a respondent file or a
.skm package, export the period, write the import template and the error list.

The same services the CLI uses (services.importing, services.exporting) do the work;
this object only binds them to the open database so that the GUI never holds it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from skm_desktop.io.problem_sheet import write_problems_xlsx
from skm_desktop.io.problems import Problem
from skm_desktop.io.respondents import BASE_COLUMNS, TAIL_COLUMNS, UNSUR_RE, norm_header
from skm_desktop.io.tabular import FileProblem, read_table
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Unit

from . import ServiceError, exporting, importing, survey

PREVIEW_ROWS = 20
PREVIEW_CELL_CHARS = 80
IMPORT_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".skm")
EXPORT_SUFFIXES = (".csv", ".xlsx", ".skm")


@dataclass
class ColumnMap:
    """One column of the file: the field it goes to, or None when not recognised."""

    column: str
    field: str | None
    note: str = ""


@dataclass
class FilePreview:
    path: Path
    kind: str  # "csv", "xlsx" or "skm"
    header: list[str]
    rows: list[list[str]]  # the first PREVIEW_ROWS rows, as short texts
    n_rows: int
    mapping: list[ColumnMap] = field(default_factory=list)
    unit: str = ""  # where the rows go (a package: the unit it comes from)
    periode: str = ""
    package_unit: str | None = None  # a package: the unit that made it

    @property
    def unrecognised(self) -> list[str]:
        return [m.column for m in self.mapping if m.field is None]


def _short(v: object) -> str:
    if v is None:
        return ""
    t = " ".join(str(v).split())
    return t if len(t) <= PREVIEW_CELL_CHARS else t[: PREVIEW_CELL_CHARS - 1] + "…"


def column_mapping(header: Iterable[object], unsur_codes: Iterable[str] | None) -> list[ColumnMap]:
    """Which file column goes to which field, recognised exactly as the importer does
    (names normalised by io.respondents.norm_header); ``unsur_codes`` None: a new period,
    every u-column counts."""
    codes = None if unsur_codes is None else {c.lower() for c in unsur_codes}
    known = set(BASE_COLUMNS) | set(TAIL_COLUMNS)
    out, seen = [], set()
    for h in header:
        n = norm_header(h)
        shown = str(h if h is not None else "").strip()
        if not n:
            out.append(ColumnMap(shown, None, "kolom tanpa nama; diabaikan"))
        elif n in seen:
            out.append(ColumnMap(shown, None, "nama kolom muncul dua kali"))
        elif n in known or (UNSUR_RE.match(n) and (codes is None or n in codes)):
            out.append(ColumnMap(shown, n))
        elif UNSUR_RE.match(n):
            out.append(ColumnMap(shown, None, "unsur ini tidak ada di set unsur periode; diabaikan"))
        else:
            out.append(ColumnMap(shown, None, "kolom tidak dikenal; diabaikan"))
        seen.add(n)
    return out


class BerkasService:
    """Import, export and template for the GUI, bound to one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------ import
    def unsur_codes(self, unit: str | None, periode: str | None) -> list[str] | None:
        """The unsur codes of the named period of the named unit, or None when it does not exist
        (the import then creates it from the file's u-columns)."""
        if not periode:
            return None
        with self._db.read_session() as s:
            if unit:
                u = survey.find_unit(s, unit)
                uid = None if u is None else u.id
            else:
                uid = s.scalar(select(Unit.id).order_by(Unit.id).limit(1))
            if uid is None:
                return None
            periods = survey.periode_list(s, uid)
            p = next((x for x in periods if x.nama.casefold() == periode.strip().casefold()), None)
            return None if p is None else [r.kode for r in survey.unsur_rows(s, p.id)]

    def preview(self, path: Path | str, unit: str | None, periode: str | None) -> FilePreview:
        """The first rows and the column mapping of a file, read within the importer's
        limits; raises ImportRefused when the file cannot be read at all."""
        path = Path(path)
        if path.suffix.lower() == ".skm":
            pkg = exporting.read_package_info(path)
            header = (
                ["no_kuesioner", "tanggal", "jenis_layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan"]
                + [u.kode.lower() for u in pkg.unsur_set.unsur]
                + ["saran", "sumber"]
            )
            rows = [
                [
                    _short(v)
                    for v in (
                        r.no_kuesioner,
                        r.tanggal.isoformat() if r.tanggal else "",
                        r.layanan,
                        r.jenis_kelamin,
                        r.usia,
                        r.pendidikan,
                        r.pekerjaan,
                        *r.answers,
                        r.saran,
                        r.sumber,
                    )
                ]
                for r in pkg.records[:PREVIEW_ROWS]
            ]
            return FilePreview(
                path,
                "skm",
                header,
                rows,
                len(pkg.records),
                [ColumnMap(h, h) for h in header],
                pkg.unit_nama,
                pkg.periode.nama,
                package_unit=pkg.unit_nama,
            )
        try:
            table = read_table(path)
        except FileProblem as e:
            raise importing.ImportRefused(str(e)) from None
        header = [str(h) for h in table.header]
        rows = [[_short(v) for v in cells] for _, cells in table.rows[:PREVIEW_ROWS]]
        return FilePreview(
            path,
            table.kind,
            header,
            rows,
            len(table.rows),
            column_mapping(header, self.unsur_codes(unit, periode)),
            unit or "",
            periode or "",
        )

    def check_import(
        self, path: Path | str, unit: str | None, periode: str | None, replace: bool = False
    ) -> importing.ImportReport:
        """Everything checked as for the real import, nothing stored (raises ImportRefused)."""
        return importing.import_file(self._db, path, unit, periode, replace=replace, dry_run=True)

    def import_file(
        self, path: Path | str, unit: str | None, periode: str | None, replace: bool = False, operator: str = ""
    ) -> importing.ImportReport:
        return importing.import_file(self._db, path, unit, periode, replace=replace, operator=operator)

    def import_package(self, path: Path | str, unit: str | None = None, operator: str = "") -> exporting.PackageReport:
        """Raises OtherUnitPackage when the package is another unit's and ``unit`` is None."""
        return exporting.import_package(self._db, path, unit, operator=operator)

    # ------------------------------------------------------------ export
    def export(self, path: Path | str, unit: str, periode: str) -> int:
        """The period as .csv, .xlsx or .skm (by the suffix); the number of questionnaires."""
        if Path(path).suffix.lower() not in EXPORT_SUFFIXES:
            raise ServiceError(f"Format ekspor '{Path(path).suffix}' tidak dikenal; gunakan .xlsx, .csv, atau .skm.")
        return exporting.export_respondents(self._db, path, periode, unit)

    def template(self, path: Path | str, unit: str, periode: str) -> None:
        exporting.export_template(self._db, path, periode, unit)


def save_problems(path: Path | str, problems: Iterable[Problem], total: int | None = None) -> None:
    """The error list of a refused file as XLSX (written whole or not at all)."""
    from skm_desktop.storage.files import atomic_write

    problems = list(problems)
    with atomic_write(Path(path)) as tmp:
        write_problems_xlsx(tmp, problems, omitted=(total - len(problems)) if total else 0)
