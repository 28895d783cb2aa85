"""The ``rekap`` commands of the command line (cli.md, rekap.md):

    skm-desktop rekap add FILE... --db PATH [--unit NAME] [--unit-baru] [--ganti]
    skm-desktop rekap summary --db PATH [--tahun YYYY] [--json]
    skm-desktop rekap template --db PATH --out FILE.xlsx|FILE.csv

Kept apart from cli.py (which registers them) so the recap's commands are one file.
Bad input raises ServiceError (exit 2 in cli.main); ``add`` exits 2 when any file was refused.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parsers(sub: Any, db_arg: Callable[[Any], None]) -> None:
    """Register ``rekap`` and its subcommands on ``sub`` (argparse subparsers)."""
    r = sub.add_parser("rekap", help="rekap SKM kota/kabupaten/provinsi dari banyak unit")
    rsub = r.add_subparsers(dest="rekap_command", metavar="PERINTAH", required=True)
    c = rsub.add_parser("add", help="tambahkan paket .skm dan/atau ringkasan (.xlsx/.csv); folder juga boleh")
    db_arg(c)
    c.add_argument("files", metavar="FILE", nargs="+")
    c.add_argument("--unit", help="simpan unit yang belum dikenal sebagai unit ini (satu nama unit saja)")
    c.add_argument(
        "--unit-baru", dest="baru", action="store_true", help="buat unit baru untuk setiap nama unit yang belum ada"
    )
    c.add_argument(
        "--ganti", action="store_true", help="paket menggantikan periode yang tersimpan walau tidak lebih baru"
    )
    c.add_argument("--json", action="store_true", help="hasil per berkas sebagai JSON")
    c = rsub.add_parser("summary", help="angka rekap satu tahun")
    db_arg(c)
    c.add_argument("--tahun", help="tahun rekap (bawaan: tahun terakhir yang berisi data)")
    c.add_argument("--json", action="store_true")
    c = rsub.add_parser("template", help="templat ringkasan kosong (.xlsx atau .csv)")
    db_arg(c)
    c.add_argument("--out", required=True, help="berkas yang ditulis")


def run(a: Any, open_db: Callable[..., Any]) -> int:
    from skm_desktop.services import ServiceError
    from skm_desktop.services.rekap import RekapService

    if a.rekap_command == "template":
        RekapService.write_template(a.out)
        print(f"Templat ringkasan ditulis: {a.out}")
        return EXIT_OK
    if a.rekap_command == "summary":
        tahun = None
        if a.tahun is not None:
            t = a.tahun.strip()
            if not (len(t) == 4 and t.isascii() and t.isdigit()):
                raise ServiceError(f"--tahun '{a.tahun}' tidak sah; tulis tahun empat angka, mis. 2025.")
            tahun = int(t)
        with open_db(a.sub_db, create=False) as db:
            svc = RekapService(db)
            y = svc.summary(tahun)
        if a.json:
            print(json.dumps(RekapService.summary_json(y), ensure_ascii=False, indent=2))
        else:
            print(format_rekap(y))
        return EXIT_OK
    with open_db(a.sub_db) as db:
        svc = RekapService(db)
        files = svc.expand_paths(a.files)
        if not files:
            raise ServiceError("Tidak ada berkas .skm, .xlsx, atau .csv yang ditemukan di " + ", ".join(a.files) + ".")

        def progress(done: int, total: int, name: str) -> None:
            if name and total > 1 and sys.stderr.isatty():
                print(f"\r[{done + 1}/{total}] {name[:60]:<60}", end="", file=sys.stderr, flush=True)

        res = svc.add_files(files, a.unit, a.ganti, baru=a.baru, progress=progress)
    if sys.stderr.isatty() and len(files) > 1:
        print(file=sys.stderr)
    if a.json:
        doc = [
            {"berkas": r.berkas, "status": r.status, "alasan": r.alasan, "unit": r.unit, "rows": r.rows}
            for r in res.results
        ]
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    for r in res.results:
        line = f"[{r.status}] {r.alasan}"
        if not a.json:
            print(line, file=sys.stderr if r.status == "ditolak" else sys.stdout)
        for w in r.warnings:
            print(f"Peringatan: {w}", file=sys.stderr)
    counts = ", ".join(f"{res.count(s)} {s}" for s in ("ditambahkan", "diganti", "dilewati", "ditolak"))
    print(f"{len(res.results)} berkas: {counts}.", file=sys.stderr if a.json else sys.stdout)
    return EXIT_BAD_INPUT if res.count("ditolak") else EXIT_OK


def format_rekap(y: Any) -> str:
    from skm_desktop.domain import formatting as f
    from skm_desktop.domain import rekap

    k = y.kategori
    lines = [f"Rekap SKM tahun {y.tahun} (dibandingkan dengan {y.previous_tahun})"]
    lines.append(f"Unit melapor: {len(y.units)}; belum melapor: {len(y.not_reported)}")
    target = y.realisasi_total.target
    lines.append(
        f"Responden: {f.angka(y.respondents)}; target sampel: " + (f.angka(target) if target else "belum diisi")
    )
    lines.append(f"IKM rata-rata unit: {f.angka(y.ikm_mean_units, 2)}")
    lines.append(
        "IKM gabungan responden: "
        + (f.angka(y.ikm_pooled, 2) if y.ikm_pooled is not None else "– (tidak semua unit mengirim data responden)")
    )
    if k is not None:
        used = "rata-rata unit" if y.headline == rekap.HEADLINE_MEAN else "gabungan responden"
        lines.append(f"IKM kota ({used}): {f.angka(y.ikm, 2)} — mutu {k.mutu} ({k.kinerja})")
    if y.sasaran is not None:
        lines.append(
            f"Sasaran IKM: {f.angka(y.sasaran.target, 2)}; realisasi {f.angka(y.sasaran.realisasi, 2)} — "
            + ("tercapai" if y.sasaran.tercapai else "belum tercapai")
        )
    lines.append("Jumlah unit per mutu: " + ", ".join(f"{m} {n}" for m, n in y.mutu_counts.items()))
    c = y.changes
    lines.append(f"Dibandingkan {y.previous_tahun}: {c.compared} unit; naik {c.naik}, turun {c.turun}, tetap {c.tetap}")
    if c.mutu_transitions:
        lines.append(
            "Perubahan mutu: " + ", ".join(f"{p.replace('->', '→')} {n}" for p, n in c.mutu_transitions.items())
        )
    if y.lowest_unsur is not None:
        lines.append(f"Unsur terendah: {y.lowest_unsur.kode} ({f.angka(y.lowest_unsur.konversi, 2)})")
    lines += [
        "",
        f"{'No':>3}  {'Unit':<40} {'Kelompok':<12} {'IKM':>6} Mutu  {'Sumber':<9} {'Cara IKM tahunan':<20} {'Lalu':>6} Ubah",
    ]
    for u in y.units:
        prev = f.angka(u.previous.ikm, 2) if u.previous is not None else "–"
        lines.append(
            f"{u.rank:>3}  {u.figure.unit[:40]:<40} {u.figure.kelompok[:12]:<12} {f.angka(u.figure.ikm, 2):>6} "
            f"{u.figure.mutu:<4}  {u.figure.source:<9} {u.figure.metode[:20]:<20} {prev:>6} {u.change or '–'}"
        )
    if y.not_reported:
        lines += ["", "Belum melapor: " + ", ".join(y.not_reported)]
    if y.checks:
        lines += ["", "Periksa (angka unit yang tidak saling cocok):"]
        lines += [f"- {ch.unit}, {ch.periode}: {ch.message}" for ch in y.checks]
    return "\n".join(lines)
