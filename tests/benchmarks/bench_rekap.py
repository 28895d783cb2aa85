"""City recap at scale: 156 units, 300,000 respondents (rekap.md, issue #15).

    python tests/benchmarks/bench_rekap.py [--units 156] [--respondents 300000] [--db URL]

Writes one .skm package per unit straight through io.package (the same writer the
export uses, without building 156 unit databases first), then times, each in a fresh
process as an operator would run them:
  add     = skm-desktop rekap add FOLDER --db kota.db --unit-baru   (target < 60 s)
  summary = skm-desktop rekap summary --db kota.db --json            (target < 2 s)
  report  = skm-desktop report --db kota.db --kind rekap --out rekap.pdf (target < 15 s), also
            the .xlsx, the .docx (target < 15 s) and the exposé
With --ringkasan the units send summary sheets instead (semester rows with u1…u9 for three
years: the per-unit table prints three rows per unit), e.g. --units 600 --ringkasan.
and reports each one's peak memory (ru_maxrss of the child; target < 1 GB), and checks
the pooled figure against the one computed from the generated answers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skm_desktop.domain.respondent import RespondentRecord  # noqa: E402
from skm_desktop.domain.scoring import Tally, summarize  # noqa: E402
from skm_desktop.domain.unsur import unsur_to_dict  # noqa: E402
from skm_desktop.io import package  # noqa: E402
from skm_desktop.services.forms import standard_unsur_set  # noqa: E402

KELOMPOK = ["Dinas", "Badan", "Kecamatan", "Kelurahan", "Puskesmas", "UPT"]
LAYANAN = ["Pelayanan A", "Pelayanan B", "Pelayanan C"]


def write_packages(folder: Path, n_units: int, n_total: int, seed: int = 15) -> Tally:
    rnd = random.Random(seed)
    us = standard_unsur_set()
    total = Tally(len(us))
    for i in range(n_units):
        n = n_total // n_units + (1 if i < n_total % n_units else 0)
        bias = rnd.choice([[2, 3, 3, 4], [3, 3, 4, 4], [3, 4, 4, 4], [3, 3, 3, 4]])
        recs = []
        for no in range(1, n + 1):
            a = tuple(rnd.choice(bias) for _ in range(9))
            total.add(a)
            recs.append(
                RespondentRecord(
                    no, a, dt.date(2025, 1 + no % 12, 1 + no % 28), LAYANAN[no % 3], jenis_kelamin="Laki-laki"
                ).to_dict()
            )
        data = {
            "format": package.PACKAGE_FORMAT,
            "versi_format": package.PACKAGE_VERSION,
            "dibuat_oleh": "SKM Desktop (bench)",
            "dibuat_pada": "2026-01-15T08:00:00.000000Z",
            "unit": {"nama": f"{KELOMPOK[i % len(KELOMPOK)]} Uji {i + 1:03d}"},
            "opsi": {"jenis_kelamin": ["Laki-laki", "Perempuan"]},
            "layanan": LAYANAN,
            "periode": {"nama": "Tahun 2025", "tanggal_mulai": "2025-01-01", "tanggal_selesai": "2025-12-31"},
            "unsur_set": {"bobot": us.mode.value, "unsur": [unsur_to_dict(x) for x in us.unsur]},
            "responden": recs,
            "rtl": [],
        }
        package.write_package(folder / f"unit-{i + 1:03d}.skm", data)
    return total


MEASURED = ROOT / "tests" / "safety" / "hostile" / "_measured_cli.py"  # writes the child's own peak (VmHWM)


def run(args: list[str], workdir: Path) -> tuple[float, float, str, float]:
    """(wall seconds, peak MB of the child, stdout, CPU seconds) of `python -m skm_desktop ARGS`
    in a fresh process. CPU time is reported too: on a shared machine wall time includes waiting."""
    peak_file = workdir / "peak.txt"
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    env = {**os.environ, "SKM_PEAK_FILE": str(peak_file), "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, str(MEASURED), *args], capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args[:2])} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return seconds, int(peak_file.read_text()) / 1024, p.stdout, cpu


def write_ringkasan(path: Path, n_units: int, years: tuple[int, ...] = (2023, 2024, 2025), seed: int = 15) -> None:
    """Semester I and II rows with u1…u9 (konversi) for every unit and year, as a unit would send them."""
    rnd = random.Random(seed)
    lines = ["unit;kelompok;tahun;periode;u1;u2;u3;u4;u5;u6;u7;u8;u9;responden;metode"]
    for i in range(n_units):
        k = KELOMPOK[i % len(KELOMPOK)]
        for tahun in years:
            for sem in ("Semester I", "Semester II"):
                us = ";".join(f"{rnd.uniform(72, 99):.2f}".replace(".", ",") for _ in range(9))
                lines.append(f"{k} Uji {i + 1:03d};{k};{tahun};{sem};{us};{rnd.randint(40, 400)};online")
    path.write_text("\n".join(lines), encoding="utf-8")


def time_reports(db: str, d: Path) -> None:
    for kind, name in (
        ("rekap", "rekap.pdf"),
        ("rekap", "rekap.xlsx"),
        ("rekap", "rekap.docx"),
        ("ekspose", "ekspose.pdf"),
    ):
        out = d / name
        s, mb, _, cpu = run(["report", "--db", db, "--kind", kind, "--out", str(out)], d)
        pages = ""
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            pages = f"   {len(PdfReader(str(out)).pages)} pages"
        target = "   (target < 15 s)" if name in ("rekap.pdf", "rekap.docx") else ""
        print(f"report {kind} {out.suffix}: {s:6.2f} s (CPU {cpu:5.2f} s)   peak {mb:6.0f} MB{pages}{target}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=156)
    ap.add_argument("--respondents", type=int, default=300_000)
    ap.add_argument("--db", help="a server URL instead of a SQLite file in a temporary folder")
    ap.add_argument(
        "--ringkasan", action="store_true", help="summary sheets (3 years, semester rows) instead of packages"
    )
    a = ap.parse_args()
    if a.ringkasan:
        with tempfile.TemporaryDirectory() as d:
            sheet = Path(d) / "ringkasan.csv"
            write_ringkasan(sheet, a.units)
            db = a.db or str(Path(d) / "kota.db")
            s_add, mb_add, _, cpu = run(["rekap", "add", str(sheet), "--db", db, "--unit-baru"], Path(d))
            print(f"rekap add ({a.units} units x 3 years x 2 semesters): {s_add:6.1f} s   peak {mb_add:6.0f} MB")
            time_reports(db, Path(d))
        return 0
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "paket"
        folder.mkdir()
        t = time.perf_counter()
        total = write_packages(folder, a.units, a.respondents)
        print(f"packages: {a.units} written in {time.perf_counter() - t:.1f} s")
        db = a.db or str(Path(d) / "kota.db")
        s_add, mb_add, _, cpu = run(["rekap", "add", str(folder), "--db", db, "--unit-baru"], Path(d))
        print(f"rekap add:     {s_add:6.1f} s (CPU {cpu:5.1f} s)   peak {mb_add:6.0f} MB   (target < 60 s, < 1024 MB)")
        for what in ("first", "again"):  # the first one after the add also checkpoints the WAL
            s_sum, mb_sum, out, cpu = run(["rekap", "summary", "--db", db, "--json"], Path(d))
            print(
                f"rekap summary ({what}): {s_sum:6.2f} s (CPU {cpu:5.2f} s)   peak {mb_sum:6.0f} MB"
                "   (target < 2 s, < 1024 MB)"
            )
        doc = json.loads(out)
        expected = summarize(standard_unsur_set(), total).ikm_konversi
        assert doc["units"] == a.units and doc["respondents"] == a.respondents, doc["units"]
        assert abs(Fraction(doc["ikm_pooled"]) - expected) < Fraction(1, 10**9), (doc["ikm_pooled"], float(expected))
        print(
            f"pooled IKM {doc['ikm_pooled_2dp']} = the generated answers' {float(expected):.4f}; units {doc['units']}"
        )
        time_reports(db, Path(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
