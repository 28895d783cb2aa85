"""Data-quality figures of double-entry verification (pure): batch status, per-operator
statistics (keystrokes per hour, mismatches and errors per 1,000 fields), the period's
error estimate with its Wilson 95 % interval, the verified share for the laporan and
the size and draw of a random verification sample.

Inputs are plain tuples gathered by services.verifikasi; nothing here reads a file or
a database."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, TypeVar

from . import formatting as fmt

STATUS_BELUM = "belum diverifikasi"
STATUS_SEDANG = "sedang"
STATUS_SELESAI = "terverifikasi"
TANPA_BATCH = "(tanpa bundel)"
# the kinds of verification job: a paper batch, or a random sample of a period
JENIS_BATCH = "batch"
JENIS_SAMPEL = "sampel"
JENIS_VERIFIKASI = (JENIS_BATCH, JENIS_SAMPEL)
Z95 = 1.959963984540054

T = TypeVar("T")


# ------------------------------------------------------------------ inputs
class Kertas(NamedTuple):
    """A paper (not kiosk) questionnaire of the period."""

    id: int
    no_kuesioner: int
    batch: str | None
    posisi: int | None
    operator: str | None


class ItemDiketik(NamedTuple):
    """A verification item keyed a second time (status 'diketik' or 'selesai')."""

    id: int
    operator_1: str | None
    operator_2: str | None
    n_isian: int
    status: str
    responden_id: int | None = None


class SelisihNilai(NamedTuple):
    """One mismatch: the first, second and (once resolved against the paper) final value."""

    item_id: int
    nilai_1: str
    nilai_2: str
    nilai_final: str | None


# ------------------------------------------------------------------ rates
def per_1000(count: int, isian: int) -> Fraction | None:
    """``count`` per 1,000 fields; None when no field was checked."""
    return Fraction(count * 1000, isian) if isian else None


def ketukan_per_jam(ketukan: int, durasi_ms: int) -> Fraction | None:
    return Fraction(ketukan * 3_600_000, durasi_ms) if durasi_ms > 0 else None


def selang_wilson_95(salah: int, n: int) -> tuple[Decimal, Decimal] | None:
    """Wilson 95 % interval of the rate salah/n, per 1,000 (None when n = 0)."""
    if not n:
        return None
    p = salah / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (Decimal(max(0.0, centre - half) * 1000), Decimal(min(1.0, centre + half) * 1000))


# ------------------------------------------------------------------ sample
def ukuran_sampel(persen: int, n_pool: int) -> int:
    """How many of ``n_pool`` forms a sample of ``persen`` % takes: rounded up, at least one."""
    return max(1, math.ceil(Fraction(persen, 100) * n_pool))


def pilih_sampel(pool: Sequence[T], persen: int, benih: int) -> list[T]:
    """The forms of a random sample; the same ``benih`` (seed) always draws the same forms."""
    import random  # only the verification sample needs it (models import this module at start)

    return random.Random(benih).sample(list(pool), ukuran_sampel(persen, len(pool)))


def urutan_kertas(form: Kertas) -> tuple[str, bool, int, int]:
    """Paper order: batch, then position in the batch (unknown last), then number."""
    rid, no, batch, pos, op = form
    return (batch or "", pos is None, pos or 0, no)


def urutan_alami(text: str) -> list[tuple[int, int, str]]:
    """Sort key 'B2' < 'B10'."""
    return [
        (0, int(t), "") if t.isascii() and t.isdigit() else (1, 0, t.casefold())
        for t in re.split(r"([0-9]+)", text)
        if t
    ]


# ------------------------------------------------------------------ batches
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


def status_bundel(forms: Iterable[Kertas], verified: set[int], open_batch_jobs: dict[str, int]) -> list[BatchStatus]:
    """Per batch: forms, verified forms and status (terverifikasi / sedang / belum), in natural order."""
    groups: dict[str, list[Kertas]] = {}
    for f in forms:
        groups.setdefault(f.batch or "", []).append(f)
    out = []
    for batch in sorted(groups, key=lambda b: (b == "", urutan_alami(b))):
        fs = groups[batch]
        v = sum(1 for f in fs if f.id in verified)
        job = open_batch_jobs.get(batch)
        status = STATUS_SELESAI if v == len(fs) else (STATUS_SEDANG if job is not None else STATUS_BELUM)
        out.append(BatchStatus(batch, len(fs), v, status, job))
    return out


# ------------------------------------------------------------------ operators
#: the columns of the per-operator statistics, on the Verifikasi page and in its PDF
KOLOM_OPERATOR = (
    "Operator",
    "Kuesioner dientri",
    "Kuesioner diverifikasi",
    "Ketukan per jam",
    "Isian diperiksa",
    "Selisih",
    "Selisih per 1.000 isian",
    "Kesalahan",
    "Kesalahan per 1.000 isian",
)


@dataclass(frozen=True, kw_only=True)
class Pemeriksaan:
    """What double entry found in the fields it compared: how many differed, how
    many of those were errors (the value the paper refutes) and how many still
    wait for the paper. Given by keyword, after the owner's own fields."""

    isian_diperiksa: int
    selisih: int
    kesalahan: int
    belum_diselesaikan: int

    @property
    def selisih_per_1000(self) -> Fraction | None:
        return per_1000(self.selisih, self.isian_diperiksa)

    @property
    def kesalahan_per_1000(self) -> Fraction | None:
        """Errors per 1,000 fields checked."""
        return per_1000(self.kesalahan, self.isian_diperiksa)


@dataclass(frozen=True)
class OperatorStat(Pemeriksaan):
    """One operator's keying; the Pemeriksaan is of the fields of his/her forms,
    a mismatch counted for both operators, an error for the one refuted."""

    operator: str
    kuesioner_entri: int  # first entries keyed (paper forms)
    kuesioner_verifikasi: int  # forms keyed as the second operator
    ketukan: int
    durasi_ms: int

    @property
    def ketukan_per_jam(self) -> Fraction | None:
        return ketukan_per_jam(self.ketukan, self.durasi_ms)

    def baris(self) -> list[str]:
        """The row under :data:`KOLOM_OPERATOR`, formatted for display (page and PDF)."""
        return [
            self.operator,
            fmt.angka(self.kuesioner_entri),
            fmt.angka(self.kuesioner_verifikasi),
            fmt.angka(self.ketukan_per_jam),
            fmt.angka(self.isian_diperiksa),
            fmt.angka(self.selisih),
            fmt.angka(self.selisih_per_1000, 2),
            fmt.angka(self.kesalahan),
            fmt.angka(self.kesalahan_per_1000, 2),
        ]


def statistik_operator(
    entri: Iterable[tuple[str | None, int]],
    ketikan: Iterable[tuple[str | None, int | None, int | None]],
    items: Iterable[ItemDiketik],
    selisih: Iterable[SelisihNilai],
) -> list[OperatorStat]:
    """Per operator: ``entri`` = (operator, paper forms keyed first), ``ketikan`` = (operator,
    key presses, keying ms), ``items`` the keyed verification items, ``selisih`` their mismatches.
    A mismatch counts for both operators; it is an error of the one whose value the paper refutes."""
    stats: dict[str, dict[str, int]] = {}

    def get(op: str | None) -> dict[str, int]:
        return stats.setdefault(op or "", dict(entri=0, verif=0, ket=0, dur=0, isian=0, sel=0, sal=0, buka=0))

    for op, n in entri:
        get(op)["entri"] += n
    for op, ket, dur in ketikan:
        get(op)["ket"] += ket or 0
        get(op)["dur"] += dur or 0
    by_item = {}
    for it in items:
        iid, op1, op2, n = it[0], it[1], it[2], it[3]
        by_item[iid] = (op1 or "", op2 or "")
        get(op2)["verif"] += 1
        get(op1)["isian"] += n
        get(op2)["isian"] += n
    for iid, v1, v2, final in selisih:
        op1, op2 = by_item.get(iid, ("", ""))
        for op, mine in ((op1, v1), (op2, v2)):
            st = get(op)
            st["sel"] += 1
            if final is None:
                st["buka"] += 1
            elif final != mine:
                st["sal"] += 1
    return [
        OperatorStat(
            op or "(tanpa nama)",
            d["entri"],
            d["verif"],
            d["ket"],
            d["dur"],
            isian_diperiksa=d["isian"],
            selisih=d["sel"],
            kesalahan=d["sal"],
            belum_diselesaikan=d["buka"],
        )
        for op, d in sorted(stats.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
    ]


# ------------------------------------------------------------------ the period
@dataclass(frozen=True)
class PerkiraanKesalahan(Pemeriksaan):
    """The period's data-quality figures from double entry. The Pemeriksaan is of
    the fields of finished forms, its errors those of the first entry: the
    kesalahan_per_1000 is the single-keying error rate."""

    n_kuesioner: int  # counted questionnaires (held ones excluded)
    n_kertas: int  # of which on paper (kiosk excluded): what can be verified
    n_terverifikasi: int
    isian_per_kuesioner: int

    @property
    def porsi_terverifikasi(self) -> Fraction | None:
        return Fraction(self.n_terverifikasi, self.n_kertas) if self.n_kertas else None

    @property
    def selang_95(self) -> tuple[Decimal, Decimal] | None:
        """Wilson 95 % interval of the error rate, per 1,000 fields."""
        return selang_wilson_95(self.kesalahan, self.isian_diperiksa)

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


def perkiraan_kesalahan(
    n_kuesioner: int,
    n_kertas: int,
    n_terverifikasi: int,
    isian_per_kuesioner: int,
    items: Iterable[ItemDiketik],
    selisih: Iterable[SelisihNilai],
) -> PerkiraanKesalahan:
    """Only finished forms count towards the rates; open mismatches are counted everywhere."""
    items = list(items)
    done = {i[0] for i in items if i[4] == "selesai"}
    isian = sum(i[3] for i in items if i[0] in done)
    sel = err = buka = 0
    for iid, v1, _v2, final in selisih:
        if final is None:
            buka += 1
        if iid in done:
            sel += 1
            err += final != v1
    return PerkiraanKesalahan(
        n_kuesioner,
        n_kertas,
        n_terverifikasi,
        isian_per_kuesioner,
        isian_diperiksa=isian,
        selisih=sel,
        kesalahan=err,
        belum_diselesaikan=buka,
    )


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
        porsi = self.porsi
        if not self.n_terverifikasi or porsi is None:
            return "Belum ada kuesioner yang diverifikasi dengan entri ganda."
        text = (
            f"Sebanyak {fmt.angka(self.n_terverifikasi)} dari {fmt.angka(self.n_kertas)} kuesioner kertas "
            f"({fmt.persen(porsi * 100)}) telah diverifikasi dengan entri ganda"
        )
        if self.n_batch:
            text += (
                f"; {fmt.angka(self.n_batch_terverifikasi)} dari {fmt.angka(self.n_batch)} batch terverifikasi penuh"
            )
        if self.kesalahan_per_1000 is not None:
            text += (
                f"; kesalahan pengetikan yang ditemukan {fmt.angka(self.kesalahan_per_1000, 2)} "
                "per 1.000 isian dan sudah dibetulkan sesuai kertas"
            )
        return text + "."


def bagian_terverifikasi(est: PerkiraanKesalahan, batches: Iterable[BatchStatus]) -> VerifiedShare:
    """The laporan's share from the estimate and the named batches (forms without a batch are no batch)."""
    named = [b for b in batches if b.batch]
    return VerifiedShare(
        est.n_kuesioner,
        est.n_kertas,
        est.n_terverifikasi,
        len(named),
        sum(1 for b in named if b.status == STATUS_SELESAI),
        est.kesalahan_per_1000,
    )


def ringkasan_lines(est: PerkiraanKesalahan) -> list[str]:
    """The period's estimate as Indonesian sentences (screen and PDF)."""
    lines = [
        f"Kuesioner kertas: {fmt.angka(est.n_kertas)}; terverifikasi entri ganda: "
        f"{fmt.angka(est.n_terverifikasi)} ({fmt.persen(est.porsi_terverifikasi * 100) if est.porsi_terverifikasi is not None else '–'})."
    ]
    selang = est.selang_95  # None exactly when no field was checked
    if not est.isian_diperiksa or selang is None:
        lines.append(
            "Belum ada kuesioner yang selesai diverifikasi, sehingga tingkat kesalahan belum dapat diperkirakan."
        )
        return lines
    lo, hi = selang
    lines.append(
        f"Isian diperiksa: {fmt.angka(est.isian_diperiksa)}; selisih: {fmt.angka(est.selisih)} "
        f"({fmt.angka(est.selisih_per_1000, 2)} per 1.000 isian)."
    )
    lines.append(
        f"Kesalahan entri pertama: {fmt.angka(est.kesalahan)} isian, yaitu "
        f"{fmt.angka(est.kesalahan_per_1000, 2)} per 1.000 isian "
        f"(selang kepercayaan 95%: {fmt.angka(lo, 2)}–{fmt.angka(hi, 2)})."
    )
    lines.append(
        f"Perkiraan isian salah yang tersisa di kuesioner yang belum diverifikasi: "
        f"{fmt.angka(est.perkiraan_isian_salah, 1)} dari {fmt.angka(est.isian_belum_diverifikasi)} isian "
        f"(≈ {fmt.angka(est.perkiraan_per_1000_data, 2)} per 1.000 isian seluruh data kertas)."
    )
    if est.belum_diselesaikan:
        lines.append(f"Masih ada {fmt.angka(est.belum_diselesaikan)} selisih yang belum dicocokkan dengan kertas.")
    return lines
