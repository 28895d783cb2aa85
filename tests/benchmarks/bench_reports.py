"""Benchmark of the documents (issue 5).

    /tmp/venv/bin/python tests/benchmarks/bench_reports.py

Measures, in one run:
- olah-data PDF for 10,000 respondents (documents.build, in process);
- LibreOffice printing the equivalent olah-data XLSX (same 10,000 rows, live
  formulas) to PDF with `soffice --headless --convert-to pdf` (skipped when
  soffice is absent) — target: our PDF not slower than LibreOffice;
- the full laporan for 10,000 respondents (target < 10 s) and for 100 (< 2 s);
- publikasi and kuesioner for 10,000.
Times are wall-clock seconds; "best of n" where stated (the machine is shared).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skm_desktop.services import demo, documents, importing, survey  # noqa: E402
from skm_desktop.storage.database import open_database  # noqa: E402


def make_db(path: Path, n: int):
    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(
            s, f"Unit Uji {n}", kota="Kota Uji", pejabat_nama="Nama Pejabat", pejabat_jabatan="Kepala Unit"
        )
        for name, _ in demo.LAYANAN:
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        importing.bulk_insert(s, p, demo.generate_records(n, seed=1))
        pid = p.id
    return db, pid


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def best(fn, n: int = 3) -> float:
    return min(timed(fn) for _ in range(n))


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    tmp = Path(tempfile.mkdtemp(prefix="skm-bench-docs-"))
    db10k, p10k = make_db(tmp / "10k.db", 10_000)
    db100, p100 = make_db(tmp / "100.db", 100)
    documents.build(db100, "kuesioner", tmp / "warm.pdf", p100)  # fonts and imports loaded once
    rows = []

    t_od = best(lambda: documents.build(db10k, "olah-data", tmp / "olah10k.pdf", p10k), 3)
    rows.append(("olah-data PDF, 10.000 responden (best of 3)", t_od))
    t_x = best(lambda: documents.build(db10k, "olah-data", tmp / "olah10k.xlsx", p10k), 2)
    rows.append(("olah-data XLSX, 10.000 responden (best of 2)", t_x))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    t_lo = None
    if soffice:
        prof = f"-env:UserInstallation=file://{tmp}/lo-profile"

        def lo():
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    prof,
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(tmp / "lo"),
                    str(tmp / "olah10k.xlsx"),
                ],
                check=True,
                capture_output=True,
                timeout=900,
            )

        first = timed(lo)  # includes creating the LibreOffice profile
        t_lo = best(lo, 2)
        rows.append(("LibreOffice: XLSX 10.000 → PDF, first run (profile creation)", first))
        rows.append(("LibreOffice: XLSX 10.000 → PDF (best of 2)", t_lo))
    t_l10k = best(lambda: documents.build(db10k, "laporan", tmp / "lap10k.pdf", p10k), 2)
    rows.append(("laporan lengkap, 10.000 responden (best of 2)   target < 10 s", t_l10k))
    t_l100 = best(lambda: documents.build(db100, "laporan", tmp / "lap100.pdf", p100), 3)
    rows.append(("laporan lengkap, 100 responden (best of 3)      target < 2 s", t_l100))
    rows.append(
        (
            "publikasi, 10.000 responden (best of 3)",
            best(lambda: documents.build(db10k, "publikasi", tmp / "pub.pdf", p10k), 3),
        )
    )
    rows.append(("kuesioner (best of 3)", best(lambda: documents.build(db10k, "kuesioner", tmp / "k.pdf", p10k), 3)))
    from pypdf import PdfReader

    pages = {n: len(PdfReader(str(tmp / n)).pages) for n in ("olah10k.pdf", "lap10k.pdf", "lap100.pdf")}
    if soffice and (tmp / "lo" / "olah10k.pdf").exists():
        pages["LibreOffice olah10k.pdf"] = len(PdfReader(str(tmp / "lo" / "olah10k.pdf")).pages)
    for label, t in rows:
        print(f"{label:<66} {t:7.2f} s")
    print("halaman:", ", ".join(f"{k} = {v}" for k, v in pages.items()))
    if t_lo is not None:
        print(f"olah-data PDF / LibreOffice = {t_od / t_lo:.2f} (target ≤ 1)")
        # the XLSX printed by LibreOffice shows the same IKM as our PDF (LibreOffice prints 81.10 in its
        # default en-US locale where our document prints 81,10)
        import re

        ours = " ".join((p.extract_text() or "") for p in PdfReader(str(tmp / "olah10k.pdf")).pages[-3:])
        theirs = " ".join((p.extract_text() or "") for p in PdfReader(str(tmp / "lo" / "olah10k.pdf")).pages)
        m1 = re.search(r"IKM konversi \*\*\)\s*([\d.,]+)", ours)
        m2 = re.search(r"IKM konversi \*\*\)\s*([\d.,]+)", theirs)
        a = m1.group(1) if m1 else "?"
        b = m2.group(1) if m2 else "?"
        print(
            f"IKM konversi: PDF kami {a}, PDF LibreOffice dari XLSX {b}",
            "(sama)" if a.replace(",", ".") == b else "(BERBEDA)",
        )
    print("verdict:", "OK" if (t_l10k < 10 and t_l100 < 2 and (t_lo is None or t_od <= t_lo)) else "MELESET")
    for d in (db10k, db100):
        d.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
