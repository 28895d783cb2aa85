"""Summary sheets (``ringkasan``) of units that send only their figures (rekap.md).

Read through the hardened table reader (:func:`tabular.read_table`: size and row
limits, XLSX sheet ``Ringkasan`` or the first sheet, CSV ``,`` or ``;``). Checked
all or nothing: every bad row is named with row, column, value and what was
expected; a file with any error gives no rows. Numbers are kept as the Decimals
written (``84,39`` and ``84.39`` alike) so the recap can tell rounding from a
disagreement.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from skm_desktop.domain import rekap
from skm_desktop.domain.category import KATEGORI
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, parse_angka

from . import limits as L
from .cells import append_row, csv_row, put
from .problems import Problem, ProblemList
from .respondents import norm_header
from .tabular import Table, read_table, unescape_text

SHEET = "Ringkasan"
UNSUR_COLUMNS = tuple(f"u{i}" for i in range(1, rekap.N_UNSUR_RINGKASAN + 1))
COLUMNS = (
    "unit",
    "kelompok",
    "tahun",
    "periode",
    "ikm",
    *UNSUR_COLUMNS,
    "responden",
    "target",
    "metode",
    "unsur_prioritas",
    "rtl",
    "realisasi_rtl",
    "mutu",
)
REQUIRED = ("unit", "tahun")
KELOMPOK_SYNONYMS = {"opd": "Dinas", "uptd": "UPT", "sekretariat daerah": "Sekretariat", "setda": "Sekretariat"}
METODE = ("kertas", "kios", "online", "campuran")
METODE_SYNONYMS = {"offline": "kertas", "manual": "kertas", "kiosk": "kios"}
TEXT_MAX = {"unit": 200, "unsur_prioritas": 2000, "rtl": 4000}
TAHUN_MIN = 2017  # PermenPAN-RB 14/2017
NUMBER_MAX_CHARS = 20
WHOLE_MAX_CHARS = 12


@dataclass(frozen=True)
class RingkasanRow:
    """One checked summary row, as written (numbers exact)."""

    row: int  # row number in the file
    unit: str
    kelompok: str  # "" when not given
    tahun: int
    periode: str  # one of rekap.PERIODE_NAMES
    ikm: Decimal | None
    unsur: tuple[Decimal, ...]  # u1…u9 as written (empty when not given)
    skala: str  # "nrr" (1–4), "konversi" (25–100), "" when no unsur values
    responden: int | None
    target: int | None
    metode: str
    unsur_prioritas: str
    rtl: str
    realisasi_rtl: Decimal | None
    mutu: str

    def stored_values(self) -> dict[str, object]:
        """The row as stored (rekap_ringkasan columns): exact decimals as text."""
        vals: dict[str, object] = {"ikm": _text_or_none(self.ikm)}
        for i, col in enumerate(UNSUR_COLUMNS):
            vals[col] = str(self.unsur[i]) if i < len(self.unsur) else None
        vals.update({k: getattr(self, k) for k in ("skala", "responden", "target", "metode", "unsur_prioritas", "rtl")})
        vals.update(realisasi_rtl=_text_or_none(self.realisasi_rtl), mutu=self.mutu)
        return vals

    def figure(self) -> rekap.RingkasanFigure:
        """The row as the recap engine reads it (unsur on the converted scale)."""
        factor = 25 if self.skala == "nrr" else 1
        return rekap.RingkasanFigure(
            self.periode,
            self.ikm,
            tuple(v * factor for v in self.unsur),
            factor,
            self.responden,
            self.target,
            self.mutu,
        )


def _text_or_none(d: Decimal | None) -> str | None:
    return None if d is None else str(d)


@dataclass
class RingkasanResult:
    rows: list[RingkasanRow] = field(default_factory=list)
    errors: ProblemList = field(default_factory=ProblemList)
    warnings: ProblemList = field(default_factory=ProblemList)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_report(self, name: str, limit: int = 30) -> str:
        kept = list(self.errors)
        lines = [f"Berkas {name} tidak ditambahkan: {len(self.errors)} kesalahan, tidak ada data yang disimpan."]
        lines += [f"- {e}" for e in kept[:limit]]
        if len(self.errors) > limit:
            lines.append(f"- … dan {len(self.errors) - limit} masalah lain.")
        return "\n".join(lines)


def _shown(v: object) -> str:
    t = " ".join(str(v).split())
    return t if len(t) <= 40 else t[:39] + "…"


def _angka(t: str) -> Decimal:
    """Unsigned text read by :func:`formatting.parse_angka`; ValueError when it is no number."""
    if t[:1] in "+-":
        raise ValueError
    try:
        return parse_angka(t)
    except DomainError:
        raise ValueError from None


def parse_decimal(value: object) -> Decimal:
    """``84,39`` / ``84.39`` / an XLSX number, exactly; ValueError when not a plain decimal.
    Text is read by :func:`formatting.parse_angka`, except that a lone point is always a
    decimal point (``89.847``: a published figure, never eighty-nine thousand)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):  # an XLSX number cell may hold NaN or 1E999 (inf)
            raise ValueError
        return Decimal(repr(value))
    t = "".join(str(value).split())
    if len(t) > NUMBER_MAX_CHARS:
        raise ValueError
    if "," not in t and t.count(".") == 1:
        t = t.replace(".", ",")
    return _angka(t)


def _whole(value: object) -> int:
    """A whole number 0–10⁸: an XLSX number, or text such as ``1234`` or ``1.234`` (thousands point)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        n = value
    else:
        t = "".join(str(value).split())
        if len(t) > WHOLE_MAX_CHARS or "," in t:
            raise ValueError
        d = _angka(t)
        if d.as_tuple().exponent != 0:  # 12.5 is no whole number
            raise ValueError
        n = int(d)
    if not 0 <= n <= 10**8:
        raise ValueError
    return n


def parse_periode(value: object) -> str | None:
    """Tahunan, Semester I/II, Triwulan I–IV (also ``Semester 1``, ``TW II``, ``Rata-rata Tahunan``)."""
    return rekap.periode_of_text(str(value), blank_is_tahunan=True)


def parse_kelompok(value: str, kelompok: Sequence[str]) -> str | None:
    """The kelompok of the list ``value`` names (ignoring case and spaces, or by a common
    synonym such as OPD → Dinas while that kelompok is still in the list); None otherwise."""
    key = " ".join(value.split()).casefold()
    by_key = {k.casefold(): k for k in kelompok}
    return by_key.get(key) or by_key.get(KELOMPOK_SYNONYMS.get(key, "").casefold())


def parse_ringkasan(
    table: Table, kelompok: Sequence[str] = rekap.KELOMPOK, today: dt.date | None = None
) -> RingkasanResult:
    """Check every row of a summary sheet; ``kelompok``: the database's kelompok list."""
    res = RingkasanResult()
    res.errors.extend(table.problems)
    header = [norm_header(h)[: L.MAX_HEADER_CHARS] for h in table.header]
    pos: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in pos and h:
            res.errors.append(Problem(f"nama kolom '{_shown(table.header[i])}' muncul dua kali", row=1, column=h))
        if h:
            pos.setdefault(h, i)
    missing = [c for c in REQUIRED if c not in pos]
    if missing:
        res.errors.append(
            Problem(f"kolom wajib tidak ada: {', '.join(missing)} (kolom yang dikenal: {', '.join(COLUMNS)})", row=1)
        )
    if "ikm" not in pos and not all(u in pos for u in UNSUR_COLUMNS):
        res.errors.append(Problem("kolom ikm tidak ada, dan kolom u1 … u9 tidak lengkap; salah satunya wajib", row=1))
    unknown = [table.header[i] for i, h in enumerate(header) if h and h not in COLUMNS]
    if unknown:
        res.warnings.append(Problem(f"kolom tidak dikenal diabaikan: {', '.join(_shown(u) for u in unknown[:10])}", 1))
    if res.errors:
        return res
    this_year = (today or dt.date.today()).year
    seen: dict[tuple[str, int, str], int] = {}
    for rownum, cells in table.rows:
        err = res.errors

        def cell(col: str, cells: list = cells) -> object:
            i = pos.get(col)
            v = cells[i] if i is not None and i < len(cells) else None
            if isinstance(v, str):
                v = unescape_text(v).strip()
                return v or None
            return v

        def bad(col: str, value: object, expected: str, rownum: int = rownum, err: ProblemList = err) -> None:
            err.append(Problem(f"nilai '{_shown(value)}' tidak sah; {expected}", row=rownum, column=col, value=value))

        before = len(err)
        texts: dict[str, str] = {}
        for col, limit in TEXT_MAX.items():
            v = cell(col)
            t = "" if v is None else " ".join(str(v).split()) if col == "unit" else str(v).strip()
            if len(t) > limit:
                bad(col, t, f"teks paling panjang {limit} karakter")
            texts[col] = t
        if not texts["unit"]:
            err.append(Problem("nama unit wajib diisi", row=rownum, column="unit"))
        kel = ""
        v = cell("kelompok")
        if v is not None:
            found = parse_kelompok(str(v), kelompok)
            if found is None:
                bad("kelompok", v, f"harus salah satu dari: {', '.join(kelompok)} (OPD = Dinas, UPTD = UPT)")
            else:
                kel = found
        tahun = 0
        v = cell("tahun")
        try:
            tahun = _whole(v) if v is not None else -1
            text = str(v).strip()
            if isinstance(v, str) and not (len(text) == 4 and text.isdigit()):
                raise ValueError
            if not TAHUN_MIN <= tahun <= this_year + 1:
                raise ValueError
        except ValueError:
            bad("tahun", v if v is not None else "", f"tahun empat angka {TAHUN_MIN}–{this_year + 1}")
        v = cell("periode")
        periode = parse_periode(v if v is not None else "")
        if periode is None:
            bad("periode", v, "Tahunan, Semester I, Semester II, atau Triwulan I–IV")
        ikm: Decimal | None = None
        v = cell("ikm")
        if v is not None:
            try:
                ikm = parse_decimal(v)
                if not 25 <= ikm <= 100:
                    raise ValueError
            except ValueError:
                bad("ikm", v, "IKM konversi 25–100, seperti 84,39")
                ikm = None
        unsur: list[Decimal] = []
        scales: set[str] = set()
        for col in UNSUR_COLUMNS:
            v = cell(col)
            if v is None:
                continue
            try:
                d = parse_decimal(v)
            except ValueError:
                bad(col, v, "nilai unsur: NRR 1–4 atau konversi 25–100")
                continue
            if 1 <= d <= 4:
                scales.add("nrr")
            elif 25 <= d <= 100:
                scales.add("konversi")
            elif 4 < d < 25:
                bad(col, v, "nilai antara 4 dan 25 bukan NRR (1–4) maupun konversi (25–100)")
                continue
            else:
                bad(col, v, "nilai unsur: NRR 1–4 atau konversi 25–100")
                continue
            unsur.append(d)
        if len(scales) > 1:
            err.append(
                Problem(
                    "nilai u1 … u9 bercampur NRR (1–4) dan konversi (25–100); tulis semuanya pada satu skala",
                    row=rownum,
                    column="u1",
                )
            )
        given_u = sum(1 for c in UNSUR_COLUMNS if cell(c) is not None)
        if given_u and given_u != len(UNSUR_COLUMNS):
            err.append(
                Problem(f"hanya {given_u} dari 9 nilai unsur diisi; isi u1 … u9 semuanya atau kosongkan", rownum)
            )
        elif ikm is None and cell("ikm") is None and not given_u:
            err.append(Problem("ikm kosong dan u1 … u9 kosong; salah satunya wajib", row=rownum, column="ikm"))
        nums: dict[str, int | None] = {}
        for col in ("responden", "target"):
            v = cell(col)
            nums[col] = None
            if v is not None:
                try:
                    nums[col] = _whole(v)
                except ValueError:
                    bad(col, v, "bilangan bulat 0 atau lebih")
        metode = ""
        v = cell("metode")
        if v is not None:
            key = " ".join(str(v).split()).casefold()
            metode = key if key in METODE else METODE_SYNONYMS.get(key, "")
            if not metode:
                bad("metode", v, "kertas, kios, online, atau campuran (offline/manual = kertas)")
        real: Decimal | None = None
        v = cell("realisasi_rtl")
        if v is not None:
            try:
                real = parse_decimal(str(v).strip().removesuffix("%").strip() if isinstance(v, str) else v)
                if not 0 <= real <= 100:
                    raise ValueError
            except ValueError:
                bad("realisasi_rtl", v, "persen 0–100")
                real = None
        mutu = ""
        v = cell("mutu")
        if v is not None:
            m = str(v).strip().upper()[:1]
            if m not in {k.mutu for k in KATEGORI} or len(str(v).split()[0]) != 1:
                bad("mutu", v, "A, B, C, atau D")
            else:
                mutu = m
        if len(err) > before or periode is None:
            continue
        ukey = (texts["unit"].casefold(), tahun, periode)
        first = seen.setdefault(ukey, rownum)
        if first != rownum:
            err.append(
                Problem(
                    f"unit '{texts['unit']}' {periode} {tahun} sudah ada di baris {first}", row=rownum, column="unit"
                )
            )
            continue
        row = RingkasanRow(
            rownum,
            texts["unit"],
            kel,
            tahun,
            periode,
            ikm,
            tuple(unsur),
            scales.pop() if scales else "",
            nums["responden"],
            nums["target"],
            metode,
            texts["unsur_prioritas"],
            texts["rtl"],
            real,
            mutu,
        )
        fig = row.figure()
        if mutu and mutu != rekap.mutu_of(fig.ikm_used).mutu:
            res.warnings.append(
                Problem(
                    f"mutu {mutu} tidak sesuai dengan IKM {angka(fig.ikm_used, 2)} "
                    f"(mutu {rekap.mutu_of(fig.ikm_used).mutu}); angka yang tertulis disimpan, mutu dihitung ulang",
                    row=rownum,
                    column="mutu",
                )
            )
        res.rows.append(row)
    if not table.rows and not res.errors:
        res.errors.append(Problem("berkas tidak berisi baris ringkasan di bawah baris judul", row=2))
    if res.errors:
        res.rows = []
    return res


def read_ringkasan(path: Path | str, kelompok: Sequence[str] = rekap.KELOMPOK) -> RingkasanResult:
    """Read and check a summary file; raises tabular.FileProblem when the file cannot be read at all."""
    return parse_ringkasan(read_table(path, SHEET), kelompok)


# ---------------------------------------------------------------- the template
COLUMN_HELP = {
    "unit": "nama unit, sama persis dengan nama unit di basis data rekap (wajib)",
    "kelompok": "Sekretariat, Inspektorat, Dinas, Badan, RSUD, Satpol PP, Kecamatan, Kelurahan, Puskesmas, UPT, Lainnya",
    "tahun": "tahun survei, empat angka (wajib)",
    "periode": "Tahunan (bila kosong), Semester I, Semester II, Triwulan I … Triwulan IV",
    "ikm": "IKM konversi 25–100 seperti tertulis di laporan unit, mis. 84,39 (wajib bila u1 … u9 kosong)",
    "u1 … u9": "nilai per unsur: semuanya NRR (1–4) atau semuanya konversi (25–100)",
    "responden": "jumlah responden (bilangan bulat)",
    "target": "target sampel (bilangan bulat)",
    "metode": "kertas, kios, online, atau campuran",
    "unsur_prioritas": "unsur yang diprioritaskan (teks)",
    "rtl": "rencana tindak lanjut (teks)",
    "realisasi_rtl": "persen RTL periode lalu yang sudah direalisasikan, 0–100",
    "mutu": "mutu seperti tertulis di laporan unit (A, B, C, D); dihitung ulang dari IKM",
}


def write_template(path: Path, as_csv: bool | None = None) -> None:
    """An empty summary sheet (.xlsx with dropdowns and a Petunjuk sheet, or .csv: the header).
    ``as_csv`` None: by the file's suffix."""
    path = Path(path)
    if as_csv or (as_csv is None and path.suffix.lower() == ".csv"):
        import csv

        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            csv.writer(fh).writerow(csv_row(COLUMNS))
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    append_row(ws, COLUMNS)
    for i, name in enumerate(COLUMNS, start=1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = max(7, min(30, len(name) + 4))
    ws.column_dimensions["A"].width = 36
    ws.freeze_panes = "B2"
    for col, values in (
        ("kelompok", rekap.KELOMPOK),
        ("periode", rekap.PERIODE_NAMES),
        ("metode", METODE),
        ("mutu", ("A", "B", "C", "D")),
    ):
        letter = get_column_letter(COLUMNS.index(col) + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.add(f"{letter}2:{letter}1000")
        ws.add_data_validation(dv)
    help_ws = wb.create_sheet("Petunjuk")
    put(help_ws, 1, 1, "Kolom")
    put(help_ws, 1, 2, "Isi")
    help_ws["A1"].font = help_ws["B1"].font = Font(bold=True)
    for r, (col, text) in enumerate(COLUMN_HELP.items(), start=2):
        put(help_ws, r, 1, col)
        put(help_ws, r, 2, text)
    put(help_ws, len(COLUMN_HELP) + 3, 1, "Satu baris per unit dan periode. Baris Tahunan di samping baris semester")
    put(help_ws, len(COLUMN_HELP) + 4, 1, "diperiksa terhadap rata-rata semesternya; rata-rata itulah yang dipakai.")
    help_ws.column_dimensions["A"].width = 18
    help_ws.column_dimensions["B"].width = 100
    wb.save(path)
