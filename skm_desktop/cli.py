"""Command line of SKM Desktop (../shared/spec/cli.md is the contract).

Bad input: a plain Indonesian message on stderr and exit code 2, never a
traceback. Anything else unexpected: exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from skm_desktop import __version__, cli_rekap

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2
REPORT_KINDS = ("laporan", "publikasi", "olah-data", "kuesioner", "kuesioner-pindai", "rekap", "ekspose")


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.code = code


# argparse's own texts, in Indonesian (argparse looks its module-level ``_`` up at call time)
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "expected one argument": "memerlukan satu nilai",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "pilihan ambigu: %(option)s cocok dengan %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
}


def _parser() -> argparse.ArgumentParser:
    if not getattr(argparse, "_skm_id", False):
        original = argparse._

        def _id(text: str) -> str:
            return _ARGPARSE_ID.get(text, original(text))

        argparse._ = _id
        argparse._skm_id = True
    p = argparse.ArgumentParser(
        prog="skm-desktop", description="SKM Desktop — Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017)."
    )
    p.add_argument(
        "--version", action="version", version=f"SKM Desktop {__version__}", help="tampilkan versi program lalu keluar"
    )
    p.add_argument("--db", help="berkas basis data (bawaan: folder data pengguna)")
    p.add_argument("--kiosk", action="store_true", help="buka mode kios layar sentuh")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH")

    def db_arg(c):
        c.add_argument(
            "--db",
            dest="sub_db",
            metavar="PATH",
            required=True,
            help="berkas basis data, atau postgresql://PENGGUNA@HOST[:PORT]/BASISDATA",
        )

    def cmd(name, help_):
        c = sub.add_parser(name, help=help_)
        db_arg(c)
        return c

    c = cmd("import", "impor responden dari .xlsx, .csv, atau paket .skm")
    c.add_argument("file", metavar="FILE")
    c.add_argument("--unit", help="nama unit (dibuat bila belum ada); paket .skm unit lain hanya diimpor dengan --unit")
    c.add_argument("--periode", help="nama periode (dibuat bila belum ada)")
    c.add_argument(
        "--ganti",
        "--replace",
        dest="replace",
        action="store_true",
        help="baris berkas menggantikan kuesioner bernomor sama yang sudah tersimpan",
    )

    def selection(c, tahun: str) -> None:
        """The options that choose what a summary or a document is about."""
        c.add_argument("--unit", help="nama unit (bawaan: unit pertama basis data)")
        c.add_argument("--periode", help="nama periode (bawaan: periode terakhir)")
        c.add_argument("--layanan", help="jenis layanan saja (bawaan: semua)")
        c.add_argument("--tahun", type=int, metavar="YYYY", help=tahun)

    c = cmd("summary", "ringkasan hasil (NRR, IKM, mutu)")
    selection(c, "seluruh responden periode-periode tahun itu digabung")
    c.add_argument("--json", action="store_true")
    c = cmd("report", "buat dokumen PDF/XLSX/DOCX")
    selection(c, "laporan/publikasi tahunan: seluruh periode tahun itu; rekap/ekspose: tahun rekap")
    c.add_argument(
        "--out",
        required=True,
        help="berkas yang ditulis (.pdf; .xlsx untuk olah-data dan rekap; .docx Word untuk laporan dan rekap)",
    )
    c.add_argument("--kind", choices=REPORT_KINDS, default="laporan", help="jenis dokumen (bawaan: laporan)")
    c.add_argument(
        "--strict",
        action="store_true",
        help="tolak (kode 2, tidak ada berkas) bila pemeriksaan menemukan isian yang belum lengkap",
    )
    c.add_argument(
        "--lampiran",
        choices=("lengkap", "ringkas"),
        help="lampiran olah data: setiap responden, atau tabel per unsur (bawaan laporan: ringkas di atas 500 responden)",
    )
    c.add_argument(
        "--copies", type=int, default=1, metavar="N", help="kuesioner-pindai: jumlah lembar bernomor (1-2000)"
    )
    c.add_argument("--mulai", type=int, default=1, metavar="NO", help="kuesioner-pindai: nomor lembar pertama")
    c = cmd("export", "ekspor responden periode ke .xlsx, .csv, atau paket .skm")
    c.add_argument("--unit", help="nama unit (bawaan: unit pertama basis data)")
    c.add_argument("--periode", help="nama periode (bawaan: periode terakhir)")
    c.add_argument("--out", required=True, help="berkas yang ditulis")
    c = cmd("template", "templat Excel kosong untuk impor")
    c.add_argument("--unit", help="nama unit (bawaan: unit pertama basis data)")
    c.add_argument("--periode", help="nama periode (bawaan: periode terakhir)")
    c.add_argument("--out", required=True, help="berkas yang ditulis")
    c = cmd("demo", "isi basis data dengan unit demo")
    c.add_argument("--responden", type=int, default=320, help=argparse.SUPPRESS)
    c = cmd("pindai", "baca hasil pindai kuesioner pindai (PDF, atau folder PNG/JPG/TIFF)")
    c.add_argument("target", metavar="FILE.pdf|FOLDER")
    c.add_argument("--unit", help="nama unit periode --periode (bawaan: unit pertama basis data)")
    c.add_argument("--periode", help="hanya lembar periode ini (bawaan: periode yang tercetak pada lembar)")
    c.add_argument("--json", action="store_true")
    c = cmd("backup", "salinan cadangan yang konsisten")
    c.add_argument("--out", required=True, help="berkas yang ditulis")
    c = cmd("restore", "pulihkan dari cadangan (berkas sekarang dicadangkan dulu)")
    c.add_argument("file", metavar="FILE")
    c = sub.add_parser("server-sql", help="cetak SQL untuk menyiapkan basis data di server PostgreSQL")
    c.add_argument("--basisdata", default="skm", help="nama basis data di server (bawaan: skm)")
    c.add_argument("--pemilik", default="skm_pemilik", help="peran pemilik skema (bawaan: skm_pemilik)")
    c.add_argument("--pengguna", default="skm_operator", help="peran PC operator dan kios (bawaan: skm_operator)")
    c = sub.add_parser("pindah", help="salin seluruh basis data antara berkas dan server PostgreSQL")
    c.add_argument("--from", dest="source", metavar="SRC", required=True, help="berkas atau postgresql://… sumber")
    c.add_argument("--to", dest="target", metavar="DST", required=True, help="berkas atau postgresql://… tujuan")
    c.add_argument("--ganti", dest="replace", action="store_true", help="ganti isi tujuan yang tidak kosong")
    cli_rekap.add_parsers(sub, db_arg)
    return p


def _open(path: str, create: bool = True):
    from skm_desktop.storage.database import DamagedDatabase, DatabaseError, open_database

    try:
        db = open_database(path, create=create)
    except DamagedDatabase as e:
        raise CliError(f"{e}{_restore_hint(path)}") from None
    except DatabaseError as e:
        raise CliError(str(e)) from None
    if db.peringatan:
        print(f"Peringatan: {db.peringatan}", file=sys.stderr)
    return db


def _restore_hint(path: str) -> str:
    """For a damaged file: the newest good automatic backup and the command that restores it."""
    try:
        from skm_desktop.domain.tanggal import format_display_waktu
        from skm_desktop.paths import user_data_dir
        from skm_desktop.services.autobackup import list_backups
        from skm_desktop.storage.recovery import is_good_backup

        folder = user_data_dir() / "cadangan"
        for e in list_backups(folder, db_path=path):
            if not is_good_backup(e.path):
                continue
            return (
                f"\nCadangan utuh terbaru: {e.path} ({format_display_waktu(e.taken)}).\n"
                f'Pulihkan dengan: skm-desktop restore "{e.path}" --db "{path}"'
            )
    except Exception:  # noqa: BLE001 - a hint must never hide the real message
        pass
    return ""


def cmd_import(a) -> int:
    from skm_desktop.services.importing import ImportRefused, import_file
    from skm_desktop.storage.database import DatabaseError, remove_database_files
    from skm_desktop.storage.server import is_server_url

    path = Path(a.file)
    # a server database is never removed (a refused import is one rolled-back transaction)
    existed = is_server_url(a.sub_db) or (Path(a.sub_db).exists() and Path(a.sub_db).stat().st_size > 0)
    refused: ImportRefused | None = None
    with _open(a.sub_db) as db:
        try:
            if path.suffix.lower() == ".skm":
                from skm_desktop.services.exporting import import_package

                r = import_package(db, path, a.unit, a.periode)
                print(
                    f"Paket diimpor ke {r.unit} / periode {r.periode}: {r.imported} kuesioner baru, "
                    f"{r.skipped_identical} sudah ada (sama, dilewati)."
                )
                return EXIT_OK
            r = import_file(db, path, a.unit, a.periode, replace=a.replace)
        except ImportRefused as e:
            refused = e
    if refused is not None:  # the database is closed now: a file this command created goes again
        if not existed:
            try:
                remove_database_files(a.sub_db)
            except DatabaseError:  # another program opened the new file meanwhile: it stays
                pass
        raise CliError(str(refused)) from None
    for w in r.warnings:
        print(f"Peringatan: {w}", file=sys.stderr)
    if len(r.warnings) > len(list(r.warnings)):
        print(f"Peringatan: … dan {len(r.warnings) - len(list(r.warnings))} peringatan lain.", file=sys.stderr)
    extra = []
    if r.created_periode:
        extra.append(f"periode '{r.periode}' dibuat")
    if r.created_layanan:
        extra.append("jenis layanan baru: " + ", ".join(r.created_layanan))
    if r.replaced:
        extra.append(f"{r.replaced} kuesioner diganti")
    print(
        f"{r.imported} kuesioner diimpor ke {r.unit} / periode {r.periode}"
        + (f" ({'; '.join(extra)})" if extra else "")
        + "."
    )
    return EXIT_OK


def _selection(s, a):
    from skm_desktop.services import survey
    from skm_desktop.services.exporting import unit_id_for

    p = survey.find_periode(s, getattr(a, "periode", None), unit_id_for(s, getattr(a, "unit", None)))
    return p, _layanan_id(s, a, p.unit_id)


def _layanan_id(s, a, unit_id: int) -> int | None:
    from skm_desktop.services import survey

    if not getattr(a, "layanan", None):
        return None
    ids = {k.casefold(): v for k, v in survey.layanan_ids(s, unit_id).items()}
    lay_id = ids.get(a.layanan.strip().casefold())
    if lay_id is None:
        raise CliError(f"Jenis layanan '{a.layanan}' tidak ada; pilihan: " + ", ".join(survey.layanan_ids(s, unit_id)))
    return lay_id


def _year_selection(s, a) -> tuple[int, int | None]:
    """(unit id, layanan id) of `--tahun`: the named unit or the database's own."""
    from skm_desktop.services import tahunan
    from skm_desktop.services.exporting import unit_id_for

    if getattr(a, "periode", None):
        raise CliError("Pilih --periode atau --tahun, tidak keduanya.")
    unit_id = tahunan.year_periods(s, unit_id_for(s, getattr(a, "unit", None)), a.tahun)[0].unit_id
    return unit_id, _layanan_id(s, a, unit_id)


def cmd_summary(a) -> int:
    from skm_desktop.services import results

    with _open(a.sub_db, create=False) as db, db.read_session() as s:
        if a.tahun is not None:
            return _summary_tahun(s, a)
        p, lay_id = _selection(s, a)
        if a.json:
            print(json.dumps(results.summary_dict(s, p.id, lay_id), ensure_ascii=False, indent=2))
        else:
            print(format_summary(s, p, lay_id))
    return EXIT_OK


def _summary_tahun(s, a) -> int:
    from skm_desktop.domain import formatting as f
    from skm_desktop.services import tahunan

    unit_id, lay_id = _year_selection(s, a)
    if a.json:
        print(json.dumps(tahunan.summary_dict(s, unit_id, a.tahun, lay_id), ensure_ascii=False, indent=2))
        return EXIT_OK
    th = tahunan.tahunan(s, unit_id, a.tahun, lay_id)
    unit = tahunan.year_periods(s, unit_id, a.tahun)[0].unit.nama
    lines = [summary_text(f"{unit} — {th.label}", th.summary), "", "Per periode (IKM periode masing-masing):"]
    for nama, sm in th.parts:
        ikm = "belum ada jawaban" if sm.ikm is None else f"{f.angka(sm.ikm_konversi_2dp, 2)} ({sm.mutu})"
        lines.append(f"  {nama:<30} responden {f.angka(sm.respondents):>7}   IKM konversi {ikm}")
    lines.append(f"IKM tahun {a.tahun} dihitung dari seluruh responden semua periode (bukan rata-rata IKM periode).")
    print("\n".join(lines))
    return EXIT_OK


def format_summary(s, p, lay_id) -> str:
    from skm_desktop.services import results

    return summary_text(f"{p.unit.nama} — periode {p.nama}", results.summary(s, p.id, lay_id))


def summary_text(title: str, sm) -> str:
    from skm_desktop.domain import formatting as f

    lines = [
        title,
        f"Responden: {f.angka(sm.respondents)}",
        f"Bobot: {sm.unsur_set.mode.label}",
        "",
        f"{'Unsur':<44} {'Terisi':>7} {'Kosong':>7} {'NRR':>7} {'NRR×bobot':>10} {'Konversi':>9}  Mutu",
    ]
    for r in sm.unsur:
        name = f"{r.kode} {r.unsur.nama}"
        lines.append(
            f"{name[:44]:<44} {f.angka(r.answered):>7} {f.angka(r.blank):>7} {f.angka(r.nrr, 3):>7} "
            f"{f.angka(r.nrr_tertimbang, 3):>10} {f.angka(r.konversi, 2):>9}  {r.mutu or '–'}"
        )
    lines.append("")
    if sm.ikm is None:
        lines.append("IKM: belum ada jawaban.")
    else:
        lines.append(f"IKM (nilai indeks): {f.angka(sm.ikm, 3)}")
        lines.append(f"IKM konversi: {f.angka(sm.ikm_konversi_2dp, 2)} — mutu {sm.mutu} ({sm.kinerja})")
        lines.append(
            "Prioritas perbaikan: " + ", ".join(f"{r.kode} {r.unsur.nama} ({f.angka(r.nrr, 3)})" for r in sm.prioritas)
        )
        lines.append(
            "Unsur perlu ditingkatkan (mutu C/D): " + (", ".join(r.kode for r in sm.perlu_ditingkatkan) or "tidak ada")
        )
    if sm.tanpa_jawaban:
        lines.append(
            "Catatan: unsur tanpa jawaban tidak dihitung dalam IKM dan bobot unsur lain "
            "disesuaikan: " + ", ".join(r.kode for r in sm.tanpa_jawaban)
        )
    return "\n".join(lines)


def cmd_report(a) -> int:
    try:
        from skm_desktop.services import documents
    except ImportError:
        raise CliError("Pembuatan dokumen belum tersedia di versi ini.", EXIT_ERROR) from None
    with _open(a.sub_db, create=False) as db:
        if a.kind in documents.REKAP_KINDS:  # the city recap (rekap.md): every unit of the database
            out = documents.build(db, a.kind, Path(a.out), None, tahun=a.tahun)
            print(f"Dokumen {a.kind} ditulis ke {out}.")
            return EXIT_OK
        if a.tahun is not None:
            with db.read_session() as s:
                unit_id, lay_id = _year_selection(s, a)
            out = documents.build(
                db, a.kind, Path(a.out), None, lay_id, lampiran=a.lampiran, tahun=a.tahun, unit_id=unit_id
            )
            print(f"Dokumen {a.kind} tahun {a.tahun} ditulis ke {out}.")
            return EXIT_OK
        with db.read_session() as s:
            p, lay_id = _selection(s, a)
        if a.kind == "kuesioner-pindai":
            from skm_desktop.domain.pindai import Cetakan
            from skm_desktop.services import pindai

            pdf, side = pindai.cetak(db, Cetakan(p.id, a.copies, a.mulai), Path(a.out))
            print(
                f"{a.copies} kuesioner pindai (nomor {a.mulai}-{a.mulai + a.copies - 1}) ditulis ke {pdf}; tata letak: {side}."
            )
            return EXIT_OK
        temuan = documents.preflight(db, a.kind, p.id, lay_id)
        for t in temuan:
            print(f"Peringatan: {t.baris()}", file=sys.stderr)
        if temuan and a.strict:
            raise CliError(
                f"Dokumen {a.kind} tidak dibuat (--strict): {len(temuan)} isian belum lengkap, lihat peringatan di atas."
            )
        out = documents.build(db, a.kind, Path(a.out), periode_id=p.id, layanan_id=lay_id, lampiran=a.lampiran)
    print(f"Dokumen {a.kind} ditulis ke {out}.")
    return EXIT_OK


def cmd_export(a) -> int:
    from skm_desktop.services.exporting import export_respondents

    with _open(a.sub_db, create=False) as db:
        n = export_respondents(db, a.out, a.periode, a.unit)
    print(f"{n} kuesioner diekspor ke {a.out}.")
    return EXIT_OK


def cmd_template(a) -> int:
    from skm_desktop.services.exporting import export_template

    with _open(a.sub_db, create=False) as db:
        export_template(db, a.out, a.periode, a.unit)
    print(f"Templat impor ditulis ke {a.out}.")
    return EXIT_OK


def cmd_demo(a) -> int:
    from skm_desktop.services.demo import create_demo

    with _open(a.sub_db) as db:
        name = create_demo(db, n=a.responden)
    print(f"Unit demo '{name}' dibuat di {a.sub_db}.")
    return EXIT_OK


def cmd_backup(a) -> int:
    from skm_desktop.storage.backup import backup_file
    from skm_desktop.storage.server import is_server_url

    if is_server_url(a.sub_db):  # a server database: copied into a portable SQLite file
        from skm_desktop.services.pindah import backup_to_file

        report = _transfer(lambda: backup_to_file(a.sub_db, a.out))
        print(f"Cadangan {report.respondents} responden dari server ditulis ke {a.out}.")
        return EXIT_OK
    with _open(a.sub_db, create=False):  # refuses a missing or damaged file before copying it
        pass
    try:
        out = backup_file(a.sub_db, a.out)
    except OSError as e:
        raise CliError(f"Cadangan gagal: {e}", EXIT_ERROR) from None
    print(f"Cadangan ditulis ke {out}.")
    return EXIT_OK


def cmd_restore(a) -> int:
    from skm_desktop.storage.database import DatabaseError, DatabaseInUse
    from skm_desktop.storage.recovery import restore_file, schema_revision
    from skm_desktop.storage.server import is_server_url

    try:
        if not Path(a.file).exists():
            raise CliError(f"Berkas cadangan {a.file} tidak ditemukan.")
        schema_revision(a.file)
    except DatabaseError as e:
        raise CliError(f"Cadangan tidak dapat dipakai: {e}") from None
    if is_server_url(a.sub_db):
        return _restore_server(a)
    try:
        saved = restore_file(a.file, a.sub_db)
    except DatabaseInUse as e:  # another program is storing forms in it: replacing would lose them
        raise CliError(f"Pemulihan ditolak: {e}") from None
    print(
        f"Basis data {a.sub_db} dipulihkan dari {a.file}."
        + (f" Berkas sebelumnya disimpan sebagai {saved}." if saved else "")
    )
    return EXIT_OK


def _restore_server(a) -> int:
    import datetime as dt

    from skm_desktop.paths import user_data_dir
    from skm_desktop.services.pindah import restore_into_server

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    saved = user_data_dir() / "cadangan" / f"server-sebelum-pemulihan-{stamp}.db"
    report = _transfer(lambda: restore_into_server(a.file, a.sub_db, safety_copy=saved))
    print(
        f"Basis data server dipulihkan dari {a.file} ({report.respondents} responden)."
        + (f" Isi sebelumnya disimpan sebagai {saved}." if saved.exists() else "")
    )
    return EXIT_OK


def cmd_server_sql(a) -> int:
    from skm_desktop.storage.server import ServerUrlError, setup_sql

    try:
        print(setup_sql(a.basisdata, a.pemilik, a.pengguna), end="")
    except ServerUrlError as e:
        raise CliError(str(e)) from None
    return EXIT_OK


def cmd_pindah(a) -> int:
    from skm_desktop.services.pindah import pindah

    report = _transfer(lambda: pindah(a.source, a.target, replace=a.replace))
    print(
        f"Basis data disalin dari {a.source} ke {a.target}: "
        f"{report.rows.get('unit', 0)} unit, {report.respondents} responden, "
        f"{report.rows.get('audit', 0)} catatan jejak audit."
    )
    return EXIT_OK


def _transfer(work):
    """Run a whole-database copy; a refusal (non-empty target, unreadable source) is bad input."""
    from skm_desktop.storage.database import DatabaseError

    try:
        return work()
    except DatabaseError as e:
        raise CliError(str(e)) from None


def cmd_pindai(a) -> int:
    from skm_desktop.services import pindai

    with _open(a.sub_db, create=False) as db:
        periode_id = None
        if a.periode:
            with db.read_session() as s:
                periode_id = _selection(s, a)[0].id
        r = pindai.baca(db, Path(a.target), periode_id, operator="pindai")
    if a.json:
        print(json.dumps(r.as_json(), ensure_ascii=False))
    else:
        print(
            f"{r.pages} halaman, {r.forms} lembar: {r.stored} disimpan, {r.review} menunggu pemeriksaan, "
            f"{r.refused} ditolak."
        )
        for d in r.ditolak:
            print(f"Ditolak: {d.berkas} halaman {d.halaman}: {d.pesan}", file=sys.stderr)
    return EXIT_OK


def cmd_gui(a) -> int:
    try:
        from skm_desktop.ui.app import run
    except ImportError as e:
        raise CliError(f"Antarmuka grafis tidak dapat dimuat: {e}", EXIT_ERROR) from None
    return run(db_path=a.db, kiosk=a.kiosk)


COMMANDS = {
    "import": cmd_import,
    "summary": cmd_summary,
    "report": cmd_report,
    "export": cmd_export,
    "template": cmd_template,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "pindah": cmd_pindah,
    "pindai": cmd_pindai,
    "server-sql": cmd_server_sql,
    "rekap": lambda a: cli_rekap.run(a, _open),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from skm_desktop.domain.errors import DomainError

    try:
        if args.command is None:
            return cmd_gui(args)
        _log_start(args.command)
        from skm_desktop.storage import database

        database.DEFAULT_PROGRAM = f"perintah 'skm-desktop {args.command}'"  # named in lock files
        return COMMANDS[args.command](args)
    except CliError as e:
        print(str(e), file=sys.stderr)
        return e.code
    except DomainError as e:  # ServiceError and validation problems: bad input
        print(str(e), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return EXIT_ERROR
    except OSError as e:
        print(f"Gagal membaca/menulis berkas: {e}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as e:  # noqa: BLE001 - unexpected: a plain message, the traceback goes to the log
        import logging

        from skm_desktop.storage.server import describe_failure

        said = describe_failure(e)
        if said is not None:  # the database refused (the transaction was rolled back): said plainly
            logging.getLogger("skm_desktop.cli").warning("basis data menolak pada perintah %s: %s", args.command, e)
            print(said, file=sys.stderr)
            return EXIT_BAD_INPUT
        from skm_desktop.logs import current_log_file

        logging.getLogger("skm_desktop.cli").exception("kesalahan tak terduga pada perintah %s", args.command)
        where = current_log_file()
        print(
            "Terjadi kesalahan yang tidak terduga" + (f"; rinciannya dicatat di {where}." if where else "."),
            file=sys.stderr,
        )
        return EXIT_ERROR


def _log_start(command: str) -> None:
    """Commands are logged to the rotating log file in the data folder (see skm_desktop.logs)."""
    import logging

    from skm_desktop.logs import setup_logging

    if setup_logging() is not None:
        logging.getLogger("skm_desktop.cli").info("perintah: %s", command)


if __name__ == "__main__":
    sys.exit(main())
