"""The respondent file format (format-impor.md): header mapping, row validation
and writing. All checks name row, column, value and what was expected."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import PAPER_NO_MAX, Options, RespondentRecord, parse_no_kuesioner, parse_sumber
from skm_desktop.domain.scoring import parse_answer

from . import limits as L
from .cells import append_row, check_rows, csv_row
from .problems import Problem, ProblemList
from .tabular import Table, parse_date, unescape_text

__all__ = ["Problem", "ParseResult", "parse_table", "columns_for", "write_csv", "write_xlsx"]

BASE_COLUMNS = ("no_kuesioner", "tanggal", "jenis_layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan")
TAIL_COLUMNS = ("saran", "batch", "posisi", "operator", "sumber")
UNSUR_RE = re.compile(r"^u(\d+)$")
MAX_ERRORS_LISTED = L.MAX_PROBLEMS_KEPT
# Survey dates before the regulation (PermenPAN-RB 14/2017) cannot belong to an
# SKM under it; dates more than a year ahead are typing errors (a period is
# planned at most a year ahead). Both are errors; a plausible date outside the
# target period's tanggal_mulai … tanggal_selesai is only a warning.
EARLIEST_TANGGAL = dt.date(2017, 1, 1)
LATEST_TANGGAL_AHEAD = dt.timedelta(days=366)
NUMERIC_COLUMNS = ("no_kuesioner", "tanggal", "usia", "posisi")
TEXT_LIMITS = {
    "saran": L.MAX_SARAN_CHARS,
    "batch": L.MAX_SHORT_TEXT_CHARS,
    "operator": L.MAX_SHORT_TEXT_CHARS,
    "jenis_layanan": L.MAX_SHORT_TEXT_CHARS,
}


def norm_header(h: object) -> str:
    return "_".join(str(h or "").strip().lower().replace("_", " ").split())


def columns_for(unsur_codes: Sequence[str]) -> list[str]:
    return list(BASE_COLUMNS) + [c.lower() for c in unsur_codes] + list(TAIL_COLUMNS)


@dataclass
class ParseResult:
    records: list[tuple[int, RespondentRecord]] = field(default_factory=list)
    errors: ProblemList = field(default_factory=ProblemList)
    warnings: ProblemList = field(default_factory=ProblemList)
    unsur_columns: list[str] = field(default_factory=list)
    new_layanan: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_report(self, limit: int = MAX_ERRORS_LISTED) -> str:
        lines = [f"Berkas tidak diimpor: {len(self.errors)} kesalahan ditemukan, tidak ada data yang disimpan."]
        kept = list(self.errors)
        lines += [f"- {e}" for e in kept[:limit]]
        if len(self.errors) > limit:
            lines.append(f"- … dan {len(self.errors) - min(limit, len(kept))} masalah lain.")
        return "\n".join(lines)

    def warning_report(self, limit: int = MAX_ERRORS_LISTED) -> str:
        kept = list(self.warnings)
        lines = [f"- {w}" for w in kept[:limit]]
        if len(self.warnings) > limit:
            lines.append(f"- … dan {len(self.warnings) - min(limit, len(kept))} peringatan lain.")
        return "\n".join(lines)


def unsur_columns_in(header: Sequence[object]) -> list[str]:
    cols = [norm_header(h) for h in header]
    found = sorted({c for c in cols if UNSUR_RE.match(c)}, key=lambda c: int(c[1:]))
    return found


def parse_table(
    table: Table,
    unsur_codes: Sequence[str] | None,
    options: Options,
    default_sumber: str = "impor",
    periode_dates: tuple[dt.date | None, dt.date | None] = (None, None),
    periode_name: str = "",
    today: dt.date | None = None,
) -> ParseResult:
    """Validate every row. ``unsur_codes`` None: take the u-columns of the file
    (a new period); they must then be u1..un without gaps. ``periode_dates``:
    the target period's (tanggal_mulai, tanggal_selesai); a date outside them is
    a warning."""
    res = ParseResult()
    res.errors.extend(table.problems)
    for i, h in enumerate(table.header):
        if len(str(h)) > L.MAX_HEADER_CHARS:
            res.errors.append(
                Problem(
                    f"nama kolom ke-{i + 1} panjangnya {len(str(h))} karakter; nama kolom "
                    f"paling panjang {L.MAX_HEADER_CHARS} karakter",
                    row=1,
                )
            )
    if res.errors and not table.rows and not table.header:
        return res
    header = [norm_header(h)[: L.MAX_HEADER_CHARS] for h in table.header]
    if not any(header):
        res.errors.append(
            Problem(
                "baris judul (header) kosong; baris pertama harus berisi nama kolom seperti no_kuesioner, u1, u2, …",
                row=1,
            )
        )
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
            res.errors.append(
                Problem("tidak ada kolom unsur (u1, u2, …); baris pertama harus berisi nama kolom", row=1)
            )
        elif nums != list(range(1, len(nums) + 1)):
            res.errors.append(
                Problem(
                    f"kolom unsur harus berurutan u1 … u{len(nums)} tanpa lompatan "
                    f"(ada: {', '.join(f'u{n}' for n in nums)})",
                    row=1,
                )
            )
        unsur = [f"u{n}" for n in nums]
    else:
        unsur = [c.lower() for c in unsur_codes]
        for c in unsur:
            if c not in positions:
                res.errors.append(
                    Problem(
                        f"kolom unsur '{c}' tidak ada; periode ini memiliki "
                        f"{len(unsur)} unsur ({unsur[0]} … {unsur[-1]})",
                        row=1,
                    )
                )
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
    if not table.rows and not res.errors:
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
            v = v.strip()
            if v[:1] == "'":  # only a quoted cell can carry the formula escape (cheap test first)
                v = unescape_text(v)
            return v or None
        return v

    def bad_digits(col: str, raw) -> bool:
        """Only ASCII 0-9 are digits: '²' or '٥' in a number column is an error, never a crash."""
        if raw.__class__ is str and not raw.isascii() and any(ch.isdigit() or ch.isnumeric() for ch in raw):
            errs.append(
                Problem(
                    f"nilai '{_show(raw)}' memakai angka selain 0-9 (misalnya angka Arab atau "
                    "pangkat); ketik ulang dengan angka biasa 0-9",
                    rowno,
                    col,
                    raw,
                )
            )
            return True
        return False

    def text(row: list, name: str) -> str:
        v = cell(row, name)
        if v is None:  # most cells of most columns: nothing to check
            return ""
        v = _text(v)
        limit = TEXT_LIMITS[name]
        if len(v) > limit:
            errs.append(Problem(f"teks {len(v)} karakter; paling panjang {limit} karakter", rowno, name, _show(v)))
        return v

    def numeric(row: list, name: str):
        v = cell(row, name)
        return None if bad_digits(name, v) else v

    errs = res.errors
    rowno = 0

    # the message of a value already refused in a column: a file with the same
    # bad value in thousands of rows is reported row by row without re-parsing
    refused: dict = {}

    def check(col, fn, raw):
        key = (col, raw) if raw.__class__ in (str, int, float) else None
        msg = refused.get(key) if key is not None else None
        if msg is not None:
            if errs.full:
                errs.total += 1
            else:
                errs.append(Problem(msg, rowno, col, _show(raw)))
            return None
        n = len(errs)
        v = _check(col, fn, raw)
        if key is not None and len(errs) > n and len(refused) < 10_000:
            kept = list(errs)
            if kept and len(kept) == len(errs):
                refused[key] = kept[-1].message
        return v

    def _check(col, fn, raw):
        try:
            return fn(raw)
        except DomainError as e:
            msg = str(e)
            if len(msg) > 300:  # the message quotes the value: keep the list readable and bounded
                msg = msg[:297] + "…"
            shown = _show(raw)
            if f"'{shown}'" not in msg and f" {shown} " not in f" {msg} ":
                msg = f"nilai '{shown}': {msg}"
            errs.append(Problem(msg, rowno, col, _show(raw)))
            return None
        except (ValueError, OverflowError, TypeError):  # a parser that missed a case: still a named error
            errs.append(Problem(f"nilai '{_show(raw)}' tidak dapat dibaca", rowno, col, _show(raw)))
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

    today = today or dt.date.today()
    latest = today + LATEST_TANGGAL_AHEAD
    p_start, p_end = periode_dates

    def plausible_date(v):
        if isinstance(v, str) and len(v) > 40:
            raise DomainError(f"tanggal '{_show(v)}' terlalu panjang; gunakan TTTT-BB-HH atau HH/BB/TTTT")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            raise DomainError(f"tanggal '{_show(v)}' berupa angka; gunakan TTTT-BB-HH atau sel tanggal Excel")
        d = parse_date(v)
        if d is not None and not EARLIEST_TANGGAL <= d <= latest:
            raise DomainError(
                f"tanggal {d:%d-%m-%Y} tidak masuk akal untuk survei; harus antara "
                f"{EARLIEST_TANGGAL:%d-%m-%Y} (PermenPAN-RB 14/2017) dan {latest:%d-%m-%Y}"
            )
        return d

    c_tanggal = memo_check("tanggal", plausible_date)
    outside: list[tuple[int, dt.date]] = []
    c_jk = memo_check("jenis_kelamin", lambda v: kar.normalize_jenis_kelamin(v, options.jenis_kelamin))
    c_usia = memo_check("usia", kar.parse_usia)
    c_pend = memo_check("pendidikan", lambda v: kar.normalize_pendidikan(v, options.pendidikan))
    c_pek = memo_check("pekerjaan", lambda v: kar.normalize_pekerjaan(v, options.pekerjaan))
    fast_answer: dict[object, int | None] = {
        **{str(v): v for v in (1, 2, 3, 4)},
        **{v: v for v in (1, 2, 3, 4)},
        **{c: i for i, c in enumerate("abcd", start=1)},
        **{c: i for i, c in enumerate("ABCD", start=1)},
        "": None,
        None: None,
    }
    unsur_cols = list(zip(unsur, u_pos))

    for rowno, row in table.rows:
        n_before = len(errs)
        raw_no = cell(row, "no_kuesioner")
        no = None if bad_digits("no_kuesioner", raw_no) else check("no_kuesioner", parse_no_kuesioner, raw_no)
        if no is not None and no > PAPER_NO_MAX:
            errs.append(
                Problem(
                    f"nomor kuesioner {no} terlalu besar: nomor kuesioner kertas/impor paling besar "
                    f"{PAPER_NO_MAX}; nomor di atasnya milik kios",
                    rowno,
                    "no_kuesioner",
                    raw_no,
                )
            )
            no = None
        if no is not None:
            if no in seen:
                errs.append(
                    Problem(f"nomor kuesioner {no} sudah dipakai di baris {seen[no]}", rowno, "no_kuesioner", raw_no)
                )
            else:
                seen[no] = rowno
        tanggal = c_tanggal(numeric(row, "tanggal"))
        if tanggal is not None and ((p_start and tanggal < p_start) or (p_end and tanggal > p_end)):
            outside.append((rowno, tanggal))
        lay = text(row, "jenis_layanan") or None
        if lay is not None:
            lay = " ".join(str(lay).split())
            if lay.casefold() in layanan_known:
                lay = layanan_known[lay.casefold()]
            else:
                lay = new_layanan.setdefault(lay.casefold(), lay)
        jk = c_jk(cell(row, "jenis_kelamin"))
        usia = c_usia(numeric(row, "usia"))
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
            elif bad_digits(c, raw):
                answers.append(None)
            else:
                answers.append(check(c, parse_answer, raw))
        raw_posisi = numeric(row, "posisi")
        posisi = None if raw_posisi is None else check("posisi", _parse_posisi, raw_posisi)
        sumber_raw = cell(row, "sumber")
        sumber = check("sumber", parse_sumber, sumber_raw) if sumber_raw is not None else default_sumber
        if sumber == "kiosk":
            errs.append(
                Problem(
                    "sumber 'kiosk' tidak boleh diimpor dari CSV/XLSX: asal kios hanya dicatat oleh "
                    "kios sendiri dan paket .skm buatan program ini; tulis 'kertas' atau 'impor', "
                    "atau kosongkan",
                    rowno,
                    "sumber",
                    sumber_raw,
                )
            )
        saran, batch, operator = text(row, "saran"), text(row, "batch"), text(row, "operator")
        if len(errs) == n_before and no is not None:  # a missing number was reported above
            res.records.append(
                (
                    rowno,
                    RespondentRecord(
                        no_kuesioner=no,
                        answers=tuple(answers),
                        tanggal=tanggal,
                        layanan=lay,
                        jenis_kelamin=jk,
                        usia=usia,
                        pendidikan=pend,
                        pekerjaan=pek,
                        saran=saran,
                        sumber=sumber or default_sumber,
                        batch=batch,
                        operator=operator,
                        posisi=posisi,
                    ),
                )
            )
    res.new_layanan = list(new_layanan.values())
    if outside:
        span = f"{p_start:%d-%m-%Y}" if p_start else "awal"
        span += " s.d. " + (f"{p_end:%d-%m-%Y}" if p_end else "akhir")
        for r, d in outside:
            res.warnings.append(
                Problem(
                    f"tanggal {d:%d-%m-%Y} di luar rentang periode '{periode_name}' ({span})",
                    r,
                    "tanggal",
                    d.isoformat(),
                )
            )
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
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or not 1 <= int(text) <= 100_000:
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
    row = [rec.no_kuesioner, tanggal, rec.layanan, rec.jenis_kelamin, rec.usia, rec.pendidikan, rec.pekerjaan]
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
