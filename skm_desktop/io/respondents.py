"""The respondent file format (format-impor.md): header mapping, row validation
and writing. All checks name row, column, value and what was expected."""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import Options, RespondentRecord, parse_no_kuesioner, parse_sumber
from skm_desktop.domain.scoring import parse_answer

from .cells import append_row, check_rows, csv_row
from .tabular import Table, parse_date, unescape_text

BASE_COLUMNS = ("no_kuesioner", "tanggal", "jenis_layanan", "jenis_kelamin", "usia", "pendidikan",
                "pekerjaan")
TAIL_COLUMNS = ("saran", "batch", "posisi", "operator", "sumber")
UNSUR_RE = re.compile(r"^u(\d+)$")
MAX_ERRORS_LISTED = 50


def norm_header(h: object) -> str:
    return "_".join(str(h or "").strip().lower().replace("_", " ").split())


def columns_for(unsur_codes: Sequence[str]) -> list[str]:
    return list(BASE_COLUMNS) + [c.lower() for c in unsur_codes] + list(TAIL_COLUMNS)


@dataclass
class Problem:
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        prefix = (", ".join(where).capitalize() + ": ") if where else ""
        return prefix + self.message


@dataclass
class ParseResult:
    records: list[tuple[int, RespondentRecord]] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unsur_columns: list[str] = field(default_factory=list)
    new_layanan: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_report(self, limit: int = MAX_ERRORS_LISTED) -> str:
        lines = [f"Berkas tidak diimpor: {len(self.errors)} kesalahan ditemukan, tidak ada data yang disimpan."]
        lines += [f"- {e}" for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"- … dan {len(self.errors) - limit} kesalahan lain.")
        return "\n".join(lines)


def unsur_columns_in(header: Sequence[object]) -> list[str]:
    cols = [norm_header(h) for h in header]
    found = sorted({c for c in cols if UNSUR_RE.match(c)}, key=lambda c: int(c[1:]))
    return found


def parse_table(table: Table, unsur_codes: Sequence[str] | None, options: Options,
                default_sumber: str = "impor") -> ParseResult:
    """Validate every row. ``unsur_codes`` None: take the u-columns of the file
    (a new period); they must then be u1..un without gaps."""
    res = ParseResult()
    header = [norm_header(h) for h in table.header]
    if not any(header):
        res.errors.append(Problem("baris judul (header) kosong; baris pertama harus berisi nama kolom "
                                  "seperti no_kuesioner, u1, u2, …", row=1))
        return res
    positions: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        if h in positions:
            res.errors.append(Problem(f"nama kolom '{table.header[i]}' muncul dua kali", row=1, column=h))
        positions[h] = i
    file_unsur = [c for c in header if UNSUR_RE.match(c)]
    if unsur_codes is None:
        nums = sorted(int(c[1:]) for c in file_unsur)
        if not nums:
            res.errors.append(Problem("tidak ada kolom unsur (u1, u2, …); baris pertama harus berisi "
                                      "nama kolom", row=1))
        elif nums != list(range(1, len(nums) + 1)):
            res.errors.append(Problem(f"kolom unsur harus berurutan u1 … u{len(nums)} tanpa lompatan "
                                      f"(ada: {', '.join('u%d' % n for n in nums)})", row=1))
        unsur = [f"u{n}" for n in nums]
    else:
        unsur = [c.lower() for c in unsur_codes]
        for c in unsur:
            if c not in positions:
                res.errors.append(Problem(f"kolom unsur '{c}' tidak ada; periode ini memiliki "
                                          f"{len(unsur)} unsur ({unsur[0]} … {unsur[-1]})", row=1))
    if "no_kuesioner" not in positions:
        res.errors.append(Problem("kolom wajib 'no_kuesioner' tidak ada", row=1))
    known = set(BASE_COLUMNS) | set(TAIL_COLUMNS) | set(unsur)
    for i, h in enumerate(header):
        if h and h not in known:
            extra = "kolom unsur ini tidak ada di set unsur periode" if UNSUR_RE.match(h) else "kolom tidak dikenal"
            res.warnings.append(Problem(f"{extra}; diabaikan", row=1, column=str(table.header[i]).strip()))
    if res.errors:
        return res
    res.unsur_columns = unsur
    if not table.rows:
        res.errors.append(Problem("berkas tidak berisi baris data (hanya judul kolom)"))
        return res

    pos = positions
    u_pos = [pos[c] for c in unsur]
    layanan_known = {x.casefold(): x for x in options.layanan}
    new_layanan: dict[str, str] = {}
    seen: dict[int, int] = {}

    def cell(row: list, name: str):
        i = pos.get(name)
        if i is None or i >= len(row):
            return None
        v = row[i]
        if isinstance(v, str):
            v = unescape_text(v.strip())
            return v if v != "" else None
        return v

    errs = res.errors
    rowno = 0

    def check(col, fn, raw):
        try:
            return fn(raw)
        except DomainError as e:
            msg = str(e)
            shown = _show(raw)
            if f"'{shown}'" not in msg and f" {shown} " not in f" {msg} ":
                msg = f"nilai '{shown}': {msg}"
            errs.append(Problem(msg, rowno, col, raw))
            return None

    # Values repeat a lot (a handful of dates, ages, education levels…): each
    # distinct raw value is validated once; failures are never cached so that
    # every bad row is reported.
    def memo_check(col, fn):
        cache: dict = {}

        def run(raw):
            try:
                return cache[raw]
            except KeyError:
                pass
            except TypeError:  # unhashable: never the case for cells, but be safe
                return check(col, fn, raw)
            n = len(errs)
            v = check(col, fn, raw)
            if len(errs) == n:
                cache[raw] = v
            return v
        return run

    c_tanggal = memo_check("tanggal", parse_date)
    c_jk = memo_check("jenis_kelamin", lambda v: kar.normalize_jenis_kelamin(v, options.jenis_kelamin))
    c_usia = memo_check("usia", kar.parse_usia)
    c_pend = memo_check("pendidikan", lambda v: kar.normalize_pendidikan(v, options.pendidikan))
    c_pek = memo_check("pekerjaan", lambda v: kar.normalize_pekerjaan(v, options.pekerjaan))
    fast_answer = {**{str(v): v for v in (1, 2, 3, 4)}, **{v: v for v in (1, 2, 3, 4)},
                   **{c: i for i, c in enumerate("abcd", start=1)},
                   **{c: i for i, c in enumerate("ABCD", start=1)}, "": None, None: None}
    unsur_cols = list(zip(unsur, u_pos))

    for rowno, row in table.rows:
        n_before = len(errs)
        raw_no = cell(row, "no_kuesioner")
        no = check("no_kuesioner", parse_no_kuesioner, raw_no)
        if no is not None:
            if no in seen:
                errs.append(Problem(f"nomor kuesioner {no} sudah dipakai di baris {seen[no]}", rowno,
                                    "no_kuesioner", raw_no))
            else:
                seen[no] = rowno
        tanggal = c_tanggal(cell(row, "tanggal"))
        lay = cell(row, "jenis_layanan")
        if lay is not None:
            lay = " ".join(str(lay).split())
            if lay.casefold() in layanan_known:
                lay = layanan_known[lay.casefold()]
            else:
                lay = new_layanan.setdefault(lay.casefold(), lay)
        jk = c_jk(cell(row, "jenis_kelamin"))
        usia = c_usia(cell(row, "usia"))
        pend = c_pend(cell(row, "pendidikan"))
        pek = c_pek(cell(row, "pekerjaan"))
        answers = []
        n_row = len(row)
        for c, i in unsur_cols:
            raw = row[i] if i < n_row else None
            if raw.__class__ is str:
                raw = raw.strip()
            if raw.__class__ is not bool and raw in fast_answer:
                answers.append(fast_answer[raw])
            else:
                answers.append(check(c, parse_answer, raw))
        posisi = check("posisi", _parse_posisi, cell(row, "posisi"))
        sumber_raw = cell(row, "sumber")
        sumber = check("sumber", parse_sumber, sumber_raw) if sumber_raw is not None else default_sumber
        if len(errs) == n_before:
            res.records.append((rowno, RespondentRecord(
                no_kuesioner=no, answers=tuple(answers), tanggal=tanggal, layanan=lay,
                jenis_kelamin=jk, usia=usia, pendidikan=pend, pekerjaan=pek,
                saran=_text(cell(row, "saran")), sumber=sumber or default_sumber,
                batch=_text(cell(row, "batch")), operator=_text(cell(row, "operator")), posisi=posisi)))
    res.new_layanan = list(new_layanan.values())
    return res


def _parse_posisi(v) -> int | None:
    """Position of the form in its paper batch: empty, or a whole number 1 … 100000."""
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    text = str(v).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise DomainError("posisi dalam batch harus bilangan bulat 1 sampai 100000")
    return int(text)


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _show(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = "" if v is None else str(v)
    return s if len(s) <= 40 else s[:37] + "…"


# ------------------------------------------------------------------ writing
def record_row(rec: RespondentRecord, for_xlsx: bool) -> list:
    """The cells of one respondent, unescaped; io/cells.py escapes every text when it writes them."""
    tanggal = rec.tanggal if for_xlsx else (rec.tanggal.isoformat() if rec.tanggal else None)
    row = [rec.no_kuesioner, tanggal, rec.layanan, rec.jenis_kelamin, rec.usia, rec.pendidikan,
           rec.pekerjaan]
    row += list(rec.answers)
    row += [rec.saran, rec.batch, rec.posisi, rec.operator, rec.sumber]
    return [None if v == "" else v for v in row]


def write_csv(path: Path, unsur_codes: Sequence[str], records: Sequence[RespondentRecord]) -> None:
    """UTF-8 with BOM and ';' so that Indonesian Excel opens it directly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(csv_row(columns_for(unsur_codes)))
        for rec in records:
            w.writerow(csv_row(record_row(rec, False)))


def write_xlsx(path: Path, unsur_codes: Sequence[str], records: Sequence[RespondentRecord]) -> None:
    from openpyxl import Workbook

    rows = [columns_for(unsur_codes)] + [record_row(rec, True) for rec in records]
    check_rows("Responden", rows)  # refused before anything is streamed to disk
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Responden")
    for row in rows:
        append_row(ws, row)
    wb.save(path)
