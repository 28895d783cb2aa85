"""Exporting a period's respondents (CSV/XLSX), the import template, and the
.skm package (a whole period that another installation imports)."""
from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from skm_desktop import __version__
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.unsur import UnsurSet, unsur_set_from_dict, unsur_to_dict
from skm_desktop.io.respondents import write_csv, write_xlsx
from skm_desktop.io.template import write_template
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Periode, Rtl, Unit

from . import ServiceError, survey

PACKAGE_FORMAT = "skm-desktop-paket"
PACKAGE_VERSION = 1


def export_respondents(db: Database, out: Path | str, periode: str | None = None) -> int:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".skm":
        return export_package(db, out, periode)
    if suffix not in (".csv", ".xlsx"):
        raise ServiceError(f"Format ekspor '{out.suffix}' tidak dikenal; gunakan .xlsx, .csv, atau .skm.")
    with db.read_session() as s:
        p = survey.find_periode(s, periode)
        codes = [u.kode for u in survey.unsur_rows(s, p.id)]
        records = [rec for _, rec in survey.load_records(s, p.id)]
    (write_csv if suffix == ".csv" else write_xlsx)(out, codes, records)
    return len(records)


def export_template(db: Database, out: Path | str, periode: str | None = None) -> None:
    with db.read_session() as s:
        p = survey.find_periode(s, periode)
        us = survey.unsur_set(s, p.id)
        write_template(Path(out), us, survey.options(s, p.unit_id), p.unit.nama, p.nama)


# ------------------------------------------------------------------ .skm package
def _record_to_json(rec: RespondentRecord) -> dict:
    return {"no_kuesioner": rec.no_kuesioner, "tanggal": rec.tanggal.isoformat() if rec.tanggal else None,
            "jenis_layanan": rec.layanan, "jenis_kelamin": rec.jenis_kelamin, "usia": rec.usia,
            "pendidikan": rec.pendidikan, "pekerjaan": rec.pekerjaan, "jawaban": list(rec.answers),
            "saran": rec.saran, "sumber": rec.sumber, "batch": rec.batch, "posisi": rec.posisi,
            "operator": rec.operator}


def _record_from_json(d: dict) -> RespondentRecord:
    return RespondentRecord(
        no_kuesioner=d["no_kuesioner"], answers=tuple(d["jawaban"]),
        tanggal=dt.date.fromisoformat(d["tanggal"]) if d.get("tanggal") else None,
        layanan=d.get("jenis_layanan"), jenis_kelamin=d.get("jenis_kelamin"), usia=d.get("usia"),
        pendidikan=d.get("pendidikan"), pekerjaan=d.get("pekerjaan"), saran=d.get("saran") or "",
        sumber=d.get("sumber") or "impor", batch=d.get("batch") or "", operator=d.get("operator") or "",
        posisi=d.get("posisi"))


def export_package(db: Database, out: Path, periode: str | None = None) -> int:
    with db.read_session() as s:
        p = survey.find_periode(s, periode)
        u: Unit = p.unit
        us = survey.unsur_set(s, p.id)
        opts = survey.options(s, u.id)
        records = [rec for _, rec in survey.load_records(s, p.id)]
        rtl = [{"urutan": r.urutan, "unsur_kode": r.unsur_kode, "program": r.program, "waktu": r.waktu,
                "penanggung_jawab": r.penanggung_jawab, "realisasi": r.realisasi,
                "realisasi_deskripsi": r.realisasi_deskripsi, "realisasi_hambatan": r.realisasi_hambatan}
               for r in s.scalars(select(Rtl).where(Rtl.periode_id == p.id).order_by(Rtl.urutan))]
        data = {
            "format": PACKAGE_FORMAT, "versi_format": PACKAGE_VERSION, "dibuat_oleh": f"SKM Desktop {__version__}",
            "unit": {"nama": u.nama, "alamat": u.alamat, "kota": u.kota, "pejabat_nama": u.pejabat_nama,
                     "pejabat_jabatan": u.pejabat_jabatan, "pejabat_nip": u.pejabat_nip},
            "opsi": {"jenis_kelamin": list(opts.jenis_kelamin), "pendidikan": list(opts.pendidikan),
                     "pekerjaan": list(opts.pekerjaan)},
            "layanan": list(opts.layanan),
            "periode": {"nama": p.nama,
                        "tanggal_mulai": p.tanggal_mulai.isoformat() if p.tanggal_mulai else None,
                        "tanggal_selesai": p.tanggal_selesai.isoformat() if p.tanggal_selesai else None,
                        "n_prioritas": p.n_prioritas},
            "unsur_set": {"bobot": us.mode.value, "unsur": [unsur_to_dict(x) for x in us.unsur]},
            "responden": [_record_to_json(r) for r in records],
            "rtl": rtl,
        }
    from skm_desktop.storage.files import atomic_write
    with atomic_write(out) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("paket.json", json.dumps(data, ensure_ascii=False, indent=1))
    return len(records)


@dataclass
class PackageReport:
    unit: str
    periode: str
    imported: int
    skipped_identical: int


def import_package(db: Database, path: Path | str, unit: str | None = None, periode: str | None = None) -> PackageReport:
    """Read a .skm package. Re-importing the same package adds nothing;
    a questionnaire number stored with different content is refused."""
    from .importing import ImportRefused

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as z:
            data = json.loads(z.read("paket.json").decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != PACKAGE_FORMAT:
            raise ValueError("format")
    except Exception:
        raise ImportRefused(f"Berkas {path.name} bukan paket SKM (.skm) yang sah atau rusak.") from None
    versi = data.get("versi_format", 0)
    if isinstance(versi, int) and versi > PACKAGE_VERSION:
        raise ImportRefused(f"Paket {path.name} dibuat oleh versi SKM Desktop yang lebih baru.")
    problem = _package_problem(data)
    if problem:
        raise ImportRefused(f"Paket {path.name} rusak atau telah diubah: {problem}. Tidak ada data yang disimpan.")
    try:
        us = unsur_set_from_dict(data["unsur_set"])
        records = [_record_from_json(r) for r in data["responden"]]
    except Exception as e:  # noqa: BLE001 - any malformed value: refused, nothing stored
        raise ImportRefused(f"Paket {path.name} rusak atau telah diubah ({e}). Tidak ada data yang disimpan.") from None
    try:
        return _store_package(db, path, data, us, records, unit, periode)
    except ServiceError:
        raise
    except DomainError as e:
        raise ImportRefused(f"Paket {path.name} tidak diimpor: {e}") from None
    except (KeyError, TypeError, ValueError, AttributeError, SQLAlchemyError) as e:
        # the shape check above should catch every malformed package; should one slip
        # through, the transaction is rolled back and the operator gets a message
        raise ImportRefused(f"Paket {path.name} tidak dapat diimpor: isinya tidak sesuai "
                            f"({type(e).__name__}). Tidak ada data yang disimpan.") from None


_TEXT_OR_NONE = (str, type(None))
_RECORD_FIELDS = {"no_kuesioner": int, "tanggal": _TEXT_OR_NONE, "jenis_layanan": _TEXT_OR_NONE,
                  "jenis_kelamin": _TEXT_OR_NONE, "usia": (int, type(None)), "pendidikan": _TEXT_OR_NONE,
                  "pekerjaan": _TEXT_OR_NONE, "jawaban": list, "saran": _TEXT_OR_NONE, "sumber": _TEXT_OR_NONE,
                  "batch": _TEXT_OR_NONE, "operator": _TEXT_OR_NONE, "posisi": (int, type(None))}
_RTL_FIELDS = {"urutan": int, "unsur_kode": str, "program": str, "waktu": str, "penanggung_jawab": str,
               "realisasi": str, "realisasi_deskripsi": str, "realisasi_hambatan": str}
_UNIT_FIELDS = ("nama", "alamat", "kota", "pejabat_nama", "pejabat_jabatan", "pejabat_nip")


def _is(value, types) -> bool:
    if isinstance(value, bool):  # JSON true/false is never a number here
        return types is bool
    return isinstance(value, types)


def _date_ok(v) -> bool:
    if v is None:
        return True
    try:
        dt.date.fromisoformat(v)
        return True
    except (TypeError, ValueError):
        return False


def _package_problem(data: dict) -> str | None:
    """What is malformed in a package (field named), or None. Values are checked by the domain later."""
    unit = data.get("unit")
    if not isinstance(unit, dict) or not _is(unit.get("nama"), str) or not unit["nama"].strip():
        return "nama unit tidak ada"
    for k in _UNIT_FIELDS[1:]:
        if not _is(unit.get(k, ""), _TEXT_OR_NONE):
            return f"unit.{k} bukan teks"
    opsi = data.get("opsi", {})
    if not isinstance(opsi, dict) or not all(
            k in ("jenis_kelamin", "pendidikan", "pekerjaan") and isinstance(v, list)
            and all(_is(x, str) and x.strip() for x in v) for k, v in opsi.items()):
        return "daftar pilihan (opsi) tidak sah"
    layanan = data.get("layanan", [])
    if not isinstance(layanan, list) or not all(_is(x, str) and x.strip() for x in layanan):
        return "daftar jenis layanan tidak sah"
    per = data.get("periode")
    if not isinstance(per, dict) or not _is(per.get("nama"), str) or not per["nama"].strip():
        return "nama periode tidak ada"
    for k in ("tanggal_mulai", "tanggal_selesai"):
        if not _date_ok(per.get(k)):
            return f"periode.{k} bukan tanggal TTTT-BB-HH"
    if not _is(per.get("n_prioritas", 3), int):
        return "periode.n_prioritas bukan bilangan bulat"
    us = data.get("unsur_set")
    if not isinstance(us, dict) or not isinstance(us.get("unsur"), list) or not us["unsur"]:
        return "set unsur tidak ada"
    for i, u in enumerate(us["unsur"], 1):
        if not isinstance(u, dict) or not _is(u.get("kode"), str) or not _is(u.get("nama"), str):
            return f"unsur ke-{i} tidak lengkap"
        labels = u.get("labels")
        if labels is not None and (not isinstance(labels, list) or len(labels) != 4
                                   or not all(_is(x, str) and x.strip() for x in labels)):
            return f"unsur ke-{i}: label jawaban harus 4 teks"
        for k in ("pertanyaan", "definisi"):
            if not _is(u.get(k, ""), str):
                return f"unsur ke-{i}: {k} bukan teks"
        if not _is(u.get("bobot"), (str, int, type(None))):
            return f"unsur ke-{i}: bobot tidak sah"
    resp = data.get("responden")
    if not isinstance(resp, list):
        return "daftar responden tidak ada"
    for i, r in enumerate(resp, 1):
        if not isinstance(r, dict):
            return f"responden ke-{i} tidak sah"
        for k, types in _RECORD_FIELDS.items():
            if (k in ("no_kuesioner", "jawaban") or k in r) and not _is(r.get(k), types):
                return f"responden ke-{i}, kolom {k}: nilai {r.get(k)!r} tidak sah"
        if not _date_ok(r.get("tanggal")):
            return f"responden ke-{i}, kolom tanggal: {r['tanggal']!r} bukan tanggal TTTT-BB-HH"
        if not all(_is(a, (int, type(None))) for a in r["jawaban"]):
            return f"responden ke-{i} (no. {r['no_kuesioner']}): jawaban harus 1–4 atau kosong"
    rtl = data.get("rtl", [])
    if not isinstance(rtl, list):
        return "rencana tindak lanjut tidak sah"
    for i, r in enumerate(rtl, 1):
        if not isinstance(r, dict) or set(r) != set(_RTL_FIELDS) or not all(
                _is(r[k], t) for k, t in _RTL_FIELDS.items()):
            return f"rencana tindak lanjut ke-{i} tidak sah"
    return None


def _store_package(db: Database, path: Path, data: dict, us: UnsurSet, records: list, unit: str | None,
                   periode: str | None) -> "PackageReport":
    from .importing import ImportRefused, bulk_insert

    with db.session() as s:
        uname = unit or data["unit"]["nama"]
        u = survey.find_unit(s, uname)
        if u is None:
            prof = {k: v for k, v in data["unit"].items() if k != "nama"}
            u = survey.create_unit(s, uname, **prof)
            for jenis, labels in data.get("opsi", {}).items():
                survey.set_options(s, u.id, jenis, labels)
        pname = periode or data["periode"]["nama"]
        p = next((x for x in survey.periode_list(s, u.id) if x.nama.casefold() == pname.casefold()), None)
        if p is None:
            pd = data["periode"]
            p = survey.create_periode(
                s, u.id, pname, us,
                dt.date.fromisoformat(pd["tanggal_mulai"]) if pd.get("tanggal_mulai") else None,
                dt.date.fromisoformat(pd["tanggal_selesai"]) if pd.get("tanggal_selesai") else None)
            p.n_prioritas = data["periode"].get("n_prioritas", 3)
            for r in data.get("rtl", []):
                s.add(Rtl(periode_id=p.id, **r))
        elif survey.unsur_set(s, p.id).codes != us.codes:
            raise ImportRefused(f"Set unsur paket berbeda dengan set unsur periode '{p.nama}'.")
        known = {l.casefold() for l in survey.options(s, u.id).layanan}
        for name in data.get("layanan", []):
            if name.casefold() not in known:
                survey.add_layanan(s, u.id, name)
                known.add(name.casefold())
        # held questionnaires (ditahan) count too: their numbers are taken in the period
        stored = {rec.no_kuesioner: rec for _, rec in survey.load_records(s, p.id, include_held=True)}
        new, same, conflicts = [], 0, []
        lay_ids = survey.layanan_ids(s, u.id)
        seen: set[int] = set()
        for rec in records:
            rec = survey.validate_for_periode(s, p.id, rec)
            if rec.no_kuesioner in seen:
                raise ImportRefused(f"Paket {path.name} rusak: nomor kuesioner {rec.no_kuesioner} muncul dua kali.")
            seen.add(rec.no_kuesioner)
            if rec.layanan and rec.layanan not in lay_ids:
                raise ImportRefused(f"Paket {path.name} rusak: kuesioner no. {rec.no_kuesioner} memakai jenis "
                                    f"layanan '{rec.layanan}' yang tidak ada dalam daftar layanan paket.")
            old = stored.get(rec.no_kuesioner)
            if old is None:
                new.append(rec)
            elif old == rec:
                same += 1
            else:
                conflicts.append(rec.no_kuesioner)
        if conflicts:
            shown = ", ".join(str(n) for n in conflicts[:20])
            raise ImportRefused(f"Paket tidak diimpor: {len(conflicts)} nomor kuesioner sudah tersimpan dengan isi "
                                f"berbeda (no. {shown}{' …' if len(conflicts) > 20 else ''}).")
        bulk_insert(s, p, new)
        return PackageReport(u.nama, p.nama, len(new), same)
