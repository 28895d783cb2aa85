"""Reading a 200-page scanned PDF with `skm-desktop pindai`: pages per second and peak memory.

    .venv/bin/python tests/benchmarks/bench_pindai.py [--pages 200] [--dpi 200]

The scan is made from the program's own printed forms (tests.helpers.pindai_scan: marks,
rotation, shift, scale, noise, JPEG), written once to a cache folder, then read by the real
command in a child process (its own peak RSS is the figure quoted). The scan is made in
another child, so the reading process never inherits the generator's memory."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def make_scan(folder: Path, pages: int, dpi: int) -> tuple[Path, Path]:
    from skm_desktop.domain.pindai import Cetakan
    from skm_desktop.io import pindai as ip
    from skm_desktop.services import pindai
    from skm_desktop.storage.database import open_database
    from tests.helpers.pindai_scan import distort, mark, render
    from tests.helpers.units import unit_with_periode

    db_path = folder / "skm.db"
    db = open_database(db_path)
    _, pid = unit_with_periode(db, layanan=("KTP", "Kartu Keluarga"))
    pdf, side = pindai.cetak(db, Cetakan(pid, pages), folder / "kuesioner.pdf")
    db.close()
    lay = json.loads(side.read_text(encoding="utf-8"))
    groups = ip.groups(lay)
    r = random.Random(2026)
    import pypdfium2 as pdfium

    scan = folder / "pindai.pdf"
    whole = pdfium.PdfDocument.new()
    truth = {}
    for start in range(0, pages, 20):  # 20 pages at a time: the generator's memory stays bounded too
        imgs = []
        for k, img in enumerate(render(pdf, dpi, start, 20)):
            t = {}
            for key, boxes in groups.items():
                b = r.choice(boxes)
                mark(img, b, dpi, r.choice(["x", "v", "fill"]), r.choice(["hitam", "biru", "pensil"]), r)
                t[key] = b["value"]
            truth[start + k + 1] = t
            imgs.append(distort(img, r, flip=r.random() < 0.1, jpeg=None))
        part = folder / f"bagian-{start}.pdf"
        imgs[0].save(part, save_all=True, append_images=imgs[1:], resolution=dpi, quality=75)
        piece = pdfium.PdfDocument(str(part))
        whole.import_pages(piece)
        piece.close()
    whole.save(str(scan))
    whole.close()
    (folder / "truth.json").write_text(json.dumps(truth))
    return db_path, scan


def wrong_fields(db_path: Path, truth: dict[str, dict[str, str]]) -> tuple[int, int]:
    """(fields compared, fields stored differently from what was marked)."""
    from skm_desktop.services import survey
    from skm_desktop.storage.database import open_database

    db = open_database(db_path)
    n = bad = 0
    try:
        with db.read_session() as s:
            p = survey.find_periode(s, "2025")
            for _, rec in survey.load_records(s, p.id):
                t = truth[str(rec.no_kuesioner)]
                got = {f"u{i}": str(a) for i, a in enumerate(rec.answers, 1)} | {
                    "jenis_kelamin": rec.jenis_kelamin,
                    "pendidikan": rec.pendidikan,
                    "pekerjaan": rec.pekerjaan,
                    "jenis_layanan": rec.layanan,
                    "usia": str(rec.usia),
                }
                want = {k: v for k, v in t.items() if not k.startswith("usia")}
                want["usia"] = t["usia:puluhan"] + t["usia:satuan"]
                n += len(want)
                bad += sum(got[k] != v for k, v in want.items())
    finally:
        db.close()
    return n, bad


READ = """
import resource, sys
from skm_desktop.cli import main
rc = main(sys.argv[1:])
print(f"PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(rc)
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--make", help=argparse.SUPPRESS)  # child: write the scan into this folder
    a = ap.parse_args()
    if a.make:
        make_scan(Path(a.make), a.pages, a.dpi)
        return 0
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--make", d, "--pages", str(a.pages), "--dpi", str(a.dpi)], check=True
        )
        db, scan = folder / "skm.db", folder / "pindai.pdf"
        print(
            f"pindaian {a.pages} halaman {a.dpi} dpi dibuat dalam {time.perf_counter() - t0:.0f} s "
            f"({scan.stat().st_size / 2**20:.1f} MB)"
        )
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", READ, "pindai", str(scan), "--db", str(db), "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        dt = time.perf_counter() - t0
        peak = int(done.stderr.rsplit("PEAK ", 1)[1]) / 1024
        r = json.loads(done.stdout)
        print(f"hasil: {r}")
        n, bad = wrong_fields(db, json.loads((folder / "truth.json").read_text()))
        print(f"isian tersimpan dibandingkan dengan tanda yang dibuat: {n}, salah: {bad}")
        print(
            f"dibaca {r['pages']} halaman dalam {dt:.1f} s = {r['pages'] / dt:.2f} halaman/detik; "
            f"memori puncak {peak:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
