"""The .skm package file: a zip holding one ``paket.json`` (a whole period).

Reading treats the file as hostile: the zip is checked before anything is
decompressed (size on disk, member count from the end record, names, methods,
declared sizes and ratio), ``paket.json`` is streamed with a cap (headers can
lie), its structure is bounded before it is parsed, and the parsed JSON is
checked by a typed validator (types, lengths, ranges, unknown keys) that names
every bad place (a bounded list). Nothing here touches a database: the service
stores a :class:`Package` it got from :func:`read_package`.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from skm_desktop.domain.errors import DomainError, type_name
from skm_desktop.domain.respondent import ANSWERS_MAX, RespondentRecord, check_no_range, check_tanggal
from skm_desktop.domain.unsur import BobotMode, UnsurSet, unsur_set_from_dict

from .zipmember import capped_chunks

PACKAGE_FORMAT = "skm-desktop-paket"
PACKAGE_VERSION = 1
MEMBER = "paket.json"

MiB = 1024 * 1024
FILE_MAX = 32 * MiB  # the .skm file on disk
JSON_MAX = 32 * MiB  # paket.json once decompressed (a 20,000-form period is about 6 MB)
RATIO_MAX = 200  # decompressed / compressed; real packages are 5-30, zip bombs about 1000
MEMBERS_MAX = 8  # from the zip's end record, checked before the member list is read
RESPONDEN_MAX = 20_000  # forms in one package: twice the largest unit survey on record (10,351)
LAYANAN_MAX = 200
OPSI_MAX = 50
RTL_MAX = 200
UNSUR_MAX = ANSWERS_MAX
# structure bounds checked on the raw bytes before json parses them (upper bounds:
# braces and commas inside texts count too, so the bounds are generous)
CONTAINERS_MAX = RESPONDEN_MAX * 2 + 10_000
SEPARATORS_MAX = RESPONDEN_MAX * 40
PROBLEMS_SHOWN = 20

UNIT_FIELDS = {"nama": 200, "alamat": 1000, "kota": 100, "pejabat_nama": 200, "pejabat_jabatan": 200, "pejabat_nip": 40}
OPSI_FIELDS = {"jenis_kelamin": 20, "pendidikan": 100, "pekerjaan": 100}
RTL_TEXT_FIELDS = {
    "unsur_kode": 10,
    "program": 2000,
    "waktu": 200,
    "penanggung_jawab": 200,
    "realisasi": 2000,
    "realisasi_deskripsi": 2000,
    "realisasi_hambatan": 2000,
}
UNSUR_FIELDS = {"kode": 10, "nama": 200, "pertanyaan": 1000, "definisi": 2000}
TOP_KEYS = (
    "format",
    "versi_format",
    "dibuat_oleh",
    "dibuat_pada",
    "unit",
    "opsi",
    "layanan",
    "periode",
    "unsur_set",
    "responden",
    "rtl",
)


class PackageError(Exception):
    """A package refused; ``str(err)`` is an Indonesian message naming the file and the place."""


@dataclass(frozen=True)
class PackagePeriode:
    nama: str
    tanggal_mulai: dt.date | None
    tanggal_selesai: dt.date | None
    n_prioritas: int


@dataclass(frozen=True)
class Package:
    """A checked package: every value has its type and is within its bounds."""

    versi: int
    unit: dict[str, str]  # nama and the unit's profile texts
    opsi: dict[str, tuple[str, ...]]  # jenis -> choice list
    layanan: tuple[str, ...]
    periode: PackagePeriode
    unsur_set: UnsurSet
    records: list[RespondentRecord]
    rtl: list[dict[str, Any]]
    dibuat_oleh: str = ""  # program and version that wrote the package
    dibuat_pada: str = ""  # when it was written, ISO 8601 UTC ("" in packages of older versions)

    @property
    def unit_nama(self) -> str:
        return self.unit["nama"]


# ------------------------------------------------------------------ writing
def write_package(path: Path, data: dict) -> None:
    """Write ``data`` as a package; refused (PackageError) when the reader would refuse it
    for its size. The caller makes the write atomic (storage.files.atomic_write)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(raw) > JSON_MAX:
        raise PackageError(
            f"Paket terlalu besar ({len(raw) / MiB:.1f} MB; batas {JSON_MAX // MiB} MB): ekspor ke .xlsx atau .csv."
        )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(MEMBER, raw)


# ------------------------------------------------------------------ reading
def read_package(path: Path | str, today: dt.date | None = None) -> Package:
    """Read and check the package at ``path``; raises PackageError (nothing else)."""
    path = Path(path)
    name = path.name
    try:
        raw = _read_member(path)
        data = _parse_json(raw, name)
        del raw
        return _check(data, name, today)
    except PackageError:
        raise
    except MemoryError:
        raise PackageError(f"Paket {name} terlalu besar untuk dibaca. Tidak ada data yang disimpan.") from None
    except (
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        struct.error,
    ) as e:
        raise PackageError(
            f"Berkas {name} bukan paket SKM (.skm) yang sah atau rusak ({_reason(e)}). Tidak ada data yang disimpan."
        ) from None


def _reason(e: BaseException) -> str:
    if isinstance(e, FileNotFoundError):
        return "berkas tidak ditemukan"
    if isinstance(e, PermissionError):
        return "berkas tidak dapat dibaca: izin ditolak"
    if isinstance(e, (zipfile.BadZipFile, zlib.error, EOFError, struct.error)):
        return "arsip zip rusak atau tidak utuh"
    return type(e).__name__


def _refuse(name: str, why: str) -> PackageError:
    return PackageError(f"Paket {name} ditolak: {why}. Tidak ada data yang disimpan.")


def _end_record_entries(f, size: int) -> int:
    """Member count from the zip's end-of-central-directory record (read before zipfile
    builds its member list, so a zip of a million tiny members costs nothing)."""
    tail_len = min(size, 22 + 65535)
    f.seek(size - tail_len)
    tail = f.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("no end record")
    _, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, _ = struct.unpack("<4sHHHHIIH", tail[at : at + 22])
    if n_total == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF or disk or cd_disk:
        return -1  # zip64 or multi-disk: never written by SKM Desktop
    return max(n_disk, n_total)


def _read_member(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise FileNotFoundError(path)
    if not path.is_file():
        raise _refuse(name, "bukan berkas biasa")
    size = path.stat().st_size
    if size > FILE_MAX:
        raise _refuse(name, f"ukuran berkas {size / MiB:.1f} MB melebihi batas {FILE_MAX // MiB} MB")
    with open(path, "rb") as f:
        if f.read(4) != b"PK\x03\x04":
            raise PackageError(f"Berkas {name} bukan paket SKM (.skm): bukan arsip zip. Tidak ada data yang disimpan.")
        n = _end_record_entries(f, size)
        if n < 0:
            raise _refuse(name, "arsip memakai format zip64 atau multi-disk yang tidak dipakai paket SKM")
        if n > MEMBERS_MAX:
            raise _refuse(name, f"arsip berisi {n} berkas; paket SKM hanya berisi {MEMBER}")
        f.seek(0)
        with zipfile.ZipFile(f) as z:
            infos = z.infolist()
            if len(infos) > MEMBERS_MAX:
                raise _refuse(name, f"arsip berisi {len(infos)} berkas; paket SKM hanya berisi {MEMBER}")
            seen: set[str] = set()
            for info in infos:
                _check_member_name(name, info.filename)
                if info.filename in seen:
                    raise _refuse(name, f"berkas '{_safe(info.filename)}' muncul dua kali dalam arsip")
                seen.add(info.filename)
            unknown = [i.filename for i in infos if i.filename != MEMBER]
            if unknown:
                nested = [u for u in unknown if u.lower().endswith((".zip", ".skm", ".gz", ".7z", ".rar", ".jar"))]
                if nested:
                    raise _refuse(
                        name, f"arsip berisi arsip lain ('{_safe(nested[0])}'); paket SKM hanya berisi {MEMBER}"
                    )
                raise _refuse(
                    name,
                    f"arsip berisi berkas yang tidak dikenal ('{_safe(unknown[0])}'); paket SKM hanya berisi {MEMBER}",
                )
            if MEMBER not in seen:
                raise PackageError(
                    f"Berkas {name} bukan paket SKM (.skm): {MEMBER} tidak ada. Tidak ada data yang disimpan."
                )
            info = z.getinfo(MEMBER)
            if info.flag_bits & 0x1:
                raise _refuse(name, f"{MEMBER} terenkripsi")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _refuse(name, f"{MEMBER} memakai metode kompresi yang tidak dipakai paket SKM")
            if info.file_size > JSON_MAX:
                raise _refuse(
                    name, f"{MEMBER} berukuran {info.file_size / MiB:.1f} MB setelah dibuka; batas {JSON_MAX // MiB} MB"
                )
            if info.file_size > RATIO_MAX * max(info.compress_size, 1) and info.file_size > MiB:
                raise _refuse(
                    name, f"{MEMBER} dimampatkan {info.file_size // max(info.compress_size, 1)} kali (bom zip)"
                )

            # the header may lie: stream with our own cap, whatever it says
            def too_big() -> PackageError:
                return _refuse(
                    name,
                    f"{MEMBER} lebih besar dari batas {JSON_MAX // MiB} MB setelah "
                    "dibuka (ukuran di kepala arsip tidak benar)",
                )

            chunks: list[bytes] = []
            for chunk in capped_chunks(z, info, JSON_MAX, too_big):
                if not chunks and chunk[:4] == b"PK\x03\x04":
                    raise _refuse(name, f"{MEMBER} berisi arsip zip lain, bukan data paket")
                chunks.append(chunk)
            return b"".join(chunks)


def _check_member_name(name: str, member: str) -> None:
    bad = (
        not member
        or len(member) > 255
        or member.startswith(("/", "\\"))
        or "\\" in member
        or ":" in member
        or any(ord(c) < 32 for c in member)
        or any(part in ("..", ".") for part in member.split("/"))
    )
    if bad:
        raise _refuse(name, f"nama berkas dalam arsip tidak aman ('{_safe(member)}')")


def _safe(text: str, limit: int = 60) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse_json(raw: bytes, name: str) -> Any:
    containers = raw.count(b"{") + raw.count(b"[")
    if containers > CONTAINERS_MAX:
        raise _refuse(
            name,
            f"{MEMBER} berisi terlalu banyak objek/daftar ({containers:,}; batas {CONTAINERS_MAX:,})".replace(",", "."),
        )
    separators = raw.count(b",")
    if separators > SEPARATORS_MAX:
        raise _refuse(
            name,
            f"{MEMBER} berisi terlalu banyak nilai ({separators:,} pemisah; batas {SEPARATORS_MAX:,})".replace(
                ",", "."
            ),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _refuse(name, f"{MEMBER} bukan teks UTF-8 (bita ke-{e.start + 1})") from None

    def no_constant(c: str):
        raise ValueError(f"nilai {c} tidak sah dalam JSON")

    try:
        return json.loads(text, parse_constant=no_constant)
    except RecursionError:
        raise _refuse(name, f"{MEMBER} bersarang terlalu dalam") from None
    except json.JSONDecodeError as e:
        raise _refuse(name, f"{MEMBER} bukan JSON yang sah (baris {e.lineno}, kolom {e.colno}: {e.msg})") from None
    except ValueError as e:  # NaN/Infinity, integers of thousands of digits
        raise _refuse(name, f"{MEMBER} berisi nilai yang tidak sah ({_safe(str(e))})") from None


# ------------------------------------------------------------------ the typed check
class _Problems:
    """Every bad place, counted; the first PROBLEMS_SHOWN kept for the message."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.count = 0

    def add(self, where: str, what: str) -> None:
        self.count += 1
        if len(self.items) < PROBLEMS_SHOWN:
            self.items.append(f"{where}: {what}")

    def message(self, name: str) -> str:
        more = self.count - len(self.items)
        return (
            f"Paket {name} rusak atau telah diubah; {self.count} masalah ditemukan:\n"
            + "\n".join(f"- {x}" for x in self.items)
            + (f"\n… dan {more} masalah lain." if more else "")
            + "\nTidak ada data yang disimpan."
        )


def _is_int(v: object) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


def _text(pr: _Problems, where: str, v: object, limit: int, required: bool = False) -> str | None:
    if v is None and not required:
        return None
    if not isinstance(v, str):
        pr.add(where, f"harus teks, bukan {type_name(v)}")
        return None
    if len(v) > limit:
        pr.add(where, f"teks {len(v)} karakter melebihi batas {limit}")
        return None
    if required and not v.strip():
        pr.add(where, "wajib diisi")
        return None
    return v


def _obj(pr: _Problems, where: str, v: object, allowed, required=()) -> dict | None:
    if not isinstance(v, dict):
        pr.add(where, f"harus objek, bukan {type_name(v)}")
        return None
    unknown = [k for k in v if k not in allowed]
    if unknown:
        pr.add(where, "kolom tidak dikenal: " + ", ".join(_safe(repr(k), 40) for k in unknown[:5]))
    for k in required:
        if k not in v:
            pr.add(where, f"kolom {k} tidak ada")
    return v


def _date(pr: _Problems, where: str, v: object, today: dt.date | None) -> dt.date | None:
    if v is None:
        return None
    if not isinstance(v, str) or len(v) != 10:
        pr.add(where, "harus tanggal TTTT-BB-HH" + ("" if isinstance(v, str) else f", bukan {type_name(v)}"))
        return None
    try:
        d = dt.date.fromisoformat(v)
        check_tanggal(d, today)
        return d
    except ValueError:
        pr.add(where, f"'{_safe(v)}' bukan tanggal TTTT-BB-HH yang sah")
    except DomainError as e:
        pr.add(where, str(e))
    return None


def _list(pr: _Problems, where: str, v: object, limit: int) -> list:
    if not isinstance(v, list):
        pr.add(where, f"harus daftar, bukan {type_name(v)}")
        return []
    if len(v) > limit:
        pr.add(where, f"berisi {len(v):,} butir; batas {limit:,}".replace(",", "."))
        return []
    return v


def _names(pr: _Problems, where: str, v: object, limit: int, length: int) -> tuple[str, ...]:
    out, seen = [], set()
    for i, x in enumerate(_list(pr, where, v, limit), 1):
        t = _text(pr, f"{where} ke-{i}", x, length, required=True)
        if t is not None:
            t = " ".join(t.split())
            key = t.casefold()
            if key in seen:
                pr.add(f"{where} ke-{i}", f"'{_safe(t)}' muncul dua kali")
            seen.add(key)
            out.append(t)
    return tuple(out)


def _check(data: Any, name: str, today: dt.date | None) -> Package:
    if not isinstance(data, dict) or data.get("format") != PACKAGE_FORMAT:
        raise PackageError(f"Berkas {name} bukan paket SKM (.skm) yang sah. Tidak ada data yang disimpan.")
    versi = data.get("versi_format")
    if not _is_int(versi):
        raise _refuse(name, f"versi_format harus bilangan bulat, bukan {type_name(versi)} ({_safe(repr(versi), 30)})")
    if versi > PACKAGE_VERSION:
        raise PackageError(
            f"Paket {name} dibuat oleh versi yang lebih baru dari SKM Desktop (format paket versi "
            f"{versi}; versi ini membaca sampai versi {PACKAGE_VERSION}). Perbarui SKM Desktop "
            "lalu impor lagi. Tidak ada data yang disimpan."
        )
    if versi < 1:
        raise _refuse(name, f"versi_format {versi} tidak sah")
    pr = _Problems()
    _obj(pr, "paket", data, TOP_KEYS, ("unit", "periode", "unsur_set", "responden"))
    dibuat_oleh = _text(pr, "dibuat_oleh", data.get("dibuat_oleh"), 100) or ""
    dibuat_pada = _text(pr, "dibuat_pada", data.get("dibuat_pada"), 40) or ""
    if dibuat_pada:
        try:
            dt.datetime.fromisoformat(dibuat_pada.replace("Z", "+00:00"))
        except ValueError:
            pr.add("dibuat_pada", f"'{_safe(dibuat_pada)}' bukan waktu ISO 8601 (TTTT-BB-HHTjj:mm:ssZ)")

    unit: dict[str, str] = {}
    u = _obj(pr, "unit", data.get("unit"), UNIT_FIELDS, ("nama",))
    if u is not None:
        for k, limit in UNIT_FIELDS.items():
            t = _text(pr, f"unit.{k}", u.get(k), limit, required=(k == "nama"))
            if t is not None:
                unit[k] = " ".join(t.split()) if k == "nama" else t

    opsi: dict[str, tuple[str, ...]] = {}
    o = _obj(pr, "opsi", data.get("opsi", {}), OPSI_FIELDS)
    if o is not None:
        for k, limit in OPSI_FIELDS.items():
            if k in o:
                opsi[k] = _names(pr, f"opsi.{k}", o[k], OPSI_MAX, limit)
    layanan = _names(pr, "layanan", data.get("layanan", []), LAYANAN_MAX, 200)

    per = None
    p = _obj(pr, "periode", data.get("periode"), ("nama", "tanggal_mulai", "tanggal_selesai", "n_prioritas"), ("nama",))
    if p is not None:
        pnama = _text(pr, "periode.nama", p.get("nama"), 100, required=True)
        mulai = _date(pr, "periode.tanggal_mulai", p.get("tanggal_mulai"), today)
        selesai = _date(pr, "periode.tanggal_selesai", p.get("tanggal_selesai"), today)
        if mulai and selesai and selesai < mulai:
            pr.add("periode.tanggal_selesai", "sebelum tanggal mulai")
        n_prio = p.get("n_prioritas", 3)
        if not _is_int(n_prio) or not 1 <= n_prio <= UNSUR_MAX:
            pr.add("periode.n_prioritas", f"harus bilangan bulat 1 sampai {UNSUR_MAX}")
            n_prio = 3
        if pnama is not None:
            per = PackagePeriode(" ".join(pnama.split()), mulai, selesai, n_prio)

    us = _unsur_set(pr, data.get("unsur_set"))
    n_unsur = len(us) if us is not None else None

    rtl = []
    for i, r in enumerate(_list(pr, "rtl", data.get("rtl", []), RTL_MAX), 1):
        where = f"rtl ke-{i}"
        r = _obj(pr, where, r, ("urutan", *RTL_TEXT_FIELDS), ("urutan", *RTL_TEXT_FIELDS))
        if r is None:
            continue
        before = pr.count
        if not _is_int(r.get("urutan")) or not 0 <= r["urutan"] <= RTL_MAX:
            pr.add(f"{where}.urutan", f"harus bilangan bulat 0 sampai {RTL_MAX}")
        for k, limit in RTL_TEXT_FIELDS.items():
            if k in r and r[k] is None:
                pr.add(f"{where}.{k}", "harus teks, bukan kosong")
            elif k in r:
                _text(pr, f"{where}.{k}", r[k], limit)
        if pr.count == before:
            rtl.append(dict(r))

    records = _records(pr, data.get("responden"), n_unsur, layanan, today)
    if pr.count or per is None or us is None:
        if not pr.count:  # never reached: each path to a missing periode or unsur set adds a problem
            pr.add("paket", "periode atau set unsur tidak lengkap")
        raise PackageError(pr.message(name))
    return Package(versi, unit, opsi, layanan, per, us, records, rtl, dibuat_oleh, dibuat_pada)


def _unsur_set(pr: _Problems, v: object) -> UnsurSet | None:
    d = _obj(pr, "unsur_set", v, ("bobot", "unsur"), ("unsur",))
    if d is None:
        return None
    bobot = d.get("bobot", BobotMode.STANDAR.value)
    if not isinstance(bobot, str) or bobot not in {m.value for m in BobotMode}:
        pr.add("unsur_set.bobot", f"harus salah satu dari {', '.join(m.value for m in BobotMode)}")
        return None
    items = _list(pr, "unsur_set.unsur", d.get("unsur"), UNSUR_MAX)
    if not items:
        pr.add("unsur_set.unsur", "tidak ada unsur")
        return None
    before = pr.count
    for i, u in enumerate(items, 1):
        where = f"unsur ke-{i}"
        u = _obj(pr, where, u, (*UNSUR_FIELDS, "labels", "bobot"), ("kode", "nama"))
        if u is None:
            continue
        for k, limit in UNSUR_FIELDS.items():
            _text(pr, f"{where}.{k}", u.get(k), limit, required=k in ("kode", "nama"))
        labels = u.get("labels")
        if labels is not None and (
            not isinstance(labels, list)
            or len(labels) != 4
            or not all(isinstance(x, str) and x.strip() and len(x) <= 100 for x in labels)
        ):
            pr.add(f"{where}.labels", "harus 4 teks (paling panjang 100 karakter)")
        b = u.get("bobot")
        if b is not None and not (isinstance(b, str) and len(b) <= 30) and not _is_int(b):
            pr.add(f"{where}.bobot", "harus angka dalam teks")
    if pr.count > before:
        return None
    try:
        return unsur_set_from_dict({"unsur": items, "bobot": bobot})
    except (DomainError, ValueError, ArithmeticError) as e:
        pr.add("unsur_set", _safe(str(e), 200) or "tidak sah")
        return None


def _records(
    pr: _Problems, v: object, n_unsur: int | None, layanan: tuple[str, ...], today: dt.date | None
) -> list[RespondentRecord]:
    if v is None:
        pr.add("responden", "daftar responden tidak ada")
        return []
    items = _list(pr, "responden", v, RESPONDEN_MAX)
    known = {x.casefold(): x for x in layanan}
    first_at: dict[int, int] = {}
    out = []
    for i, d in enumerate(items, 1):
        no = d.get("no_kuesioner") if isinstance(d, dict) else None
        where = f"responden ke-{i}" + (f" (no. {no})" if _is_int(no) else "")
        try:
            rec = RespondentRecord.from_dict(d)
            check_no_range(rec.no_kuesioner, rec.sumber)
            check_tanggal(rec.tanggal, today)
        except DomainError as e:
            pr.add(where, str(e))
            continue
        if n_unsur is not None and len(rec.answers) != n_unsur:
            pr.add(where, f"memiliki {len(rec.answers)} jawaban; set unsur paket memiliki {n_unsur} unsur")
            continue
        if rec.layanan is not None and rec.layanan.strip():
            canonical = known.get(" ".join(rec.layanan.split()).casefold())
            if canonical is None:
                pr.add(where, f"jenis layanan '{_safe(rec.layanan)}' tidak ada dalam daftar layanan paket")
                continue
            if canonical != rec.layanan:
                rec = rec.with_(layanan=canonical)
        prev = first_at.setdefault(rec.no_kuesioner, i)
        if prev != i:
            pr.add(where, f"nomor kuesioner {rec.no_kuesioner} sudah dipakai responden ke-{prev}")
            continue
        out.append(rec)
    return out
