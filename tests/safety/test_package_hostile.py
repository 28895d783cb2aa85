"""Hostile .skm packages, each run through the real command line in its own process:
``python -m skm_desktop import X.skm --db DB`` must exit 2 with an Indonesian message
naming the place, print no traceback, leave the database's content unchanged, stay
under 500 MB peak memory and 30 s. Run with -s to see the count, max memory and time."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from skm_desktop.domain.respondent import KIOSK_NO_MIN, PAPER_NO_MAX
from skm_desktop.io import package
from skm_desktop.services import survey
from skm_desktop.services.demo import create_demo
from skm_desktop.services.exporting import export_package
from skm_desktop.storage.database import open_database

ROOT = Path(__file__).resolve().parents[2]
PERIODE = "Semester II 2024"
RSS_MAX_KB = 500 * 1024
TIME_MAX_S = 30.0
STATS: list[tuple[str, float, int]] = []

# one child process per case: its own peak memory is RUSAGE_CHILDREN of this runner
RUNNER = r"""
import json, resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run([sys.executable, "-m", "skm_desktop", *sys.argv[1:]], capture_output=True, text=True,
                   timeout=120)
print(json.dumps({"code": r.returncode, "out": r.stdout, "err": r.stderr, "sec": time.monotonic() - t,
                  "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


# ------------------------------------------------------------------ zips made by hand (to lie)
def raw_zip(members, *, entries: int | None = None) -> bytes:
    """A zip of ``members``: dicts with name, data (stored as given), and optional
    method, crc, csize, usize (the header's claims; default: the truth)."""
    out, central = bytearray(), bytearray()
    for m in members:
        name = m["name"].encode("utf-8")
        data = m["data"]
        method = m.get("method", 0)
        crc = m.get("crc", zlib.crc32(data) if method == 0 else 0)
        csize, usize = m.get("csize", len(data)), m.get("usize", len(data))
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, crc, csize, usize, len(name), 0)
        out += name + data
        central += (
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                csize,
                usize,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    n = len(members) if entries is None else entries
    return bytes(
        out
        + central
        + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, n & 0xFFFF, n & 0xFFFF, len(central), len(out), 0)
    )


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_repeated(block: bytes, times: int) -> tuple[bytes, int]:
    """Raw deflate of ``block`` * ``times`` without building it: after a full flush the
    compressor forgets its history, so every block compresses to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush()
    return first + again * (times - 1) + tail, len(block) * times


def skm(data: dict | bytes | str) -> bytes:
    if isinstance(data, dict):
        data = json.dumps(data, separators=(",", ":"))
    if isinstance(data, str):
        data = data.encode("utf-8")
    return raw_zip(
        [{"name": "paket.json", "data": deflate(data), "method": 8, "crc": zlib.crc32(data), "usize": len(data)}]
    )


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def base(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    db = open_database(d / "basis.db")
    create_demo(db, n=30)
    export_package(db, d / "asli.skm", PERIODE)
    db.close()
    data = json.loads(zipfile.ZipFile(d / "asli.skm").read("paket.json"))
    yield d, data
    if STATS:
        print(
            f"\n[paket berbahaya] {len(STATS)} kasus; memori puncak maks "
            f"{max(s[2] for s in STATS) / 1024:.0f} MB ({max(STATS, key=lambda s: s[2])[0]}); waktu maks "
            f"{max(s[1] for s in STATS):.1f} s ({max(STATS, key=lambda s: s[1])[0]})"
        )


def logical_content(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()


def run_cli(tmp: Path, *args: str) -> dict:
    env = dict(
        os.environ,
        HOME=str(tmp),
        XDG_DATA_HOME=str(tmp / "data"),
        APPDATA=str(tmp / "data"),
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
    )
    r = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, env=env, timeout=180, cwd=tmp
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def refused(case: str, tmp: Path, base_dir: Path, content: bytes, *needles: str, prepare=None) -> str:
    db = tmp / "kota.db"
    shutil.copy(base_dir / "basis.db", db)
    if prepare:
        prepare(db)
    before = logical_content(db)
    f = tmp / f"{case}.skm"
    f.write_bytes(content)
    r = run_cli(tmp, "import", str(f), "--db", str(db))
    STATS.append((case, r["sec"], r["rss_kb"]))
    err = r["err"]
    assert r["code"] == 2, (case, r)
    assert "Traceback" not in err and "Traceback" not in r["out"], err
    assert f.name in err, err
    assert "Tidak ada data yang disimpan" in err, err
    for n in needles:
        assert n in err, (n, err)
    assert logical_content(db) == before, f"{case}: the database changed"
    assert r["rss_kb"] < RSS_MAX_KB, (case, r["rss_kb"])
    assert r["sec"] < TIME_MAX_S, (case, r["sec"])
    return err


def edited(data: dict, edit) -> dict:
    d = copy.deepcopy(data)
    edit(d)
    return d


def _set(path: str, value):
    """An edit that sets data[a][b]... (ints index lists)."""
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]

    def edit(d):
        for k in keys[:-1]:
            d = d[k]
        d[keys[-1]] = value

    return edit


# ------------------------------------------------------------------ the zip itself
def test_json_bomb_declared(tmp_path, base):
    d, _ = base
    data, usize = deflate_repeated(b" " * (1 << 20), 1024)  # 1 GB of spaces in about 1 MB
    content = raw_zip([{"name": "paket.json", "data": data, "method": 8, "usize": usize}])
    refused("bom-json", tmp_path, d, content, "paket.json", "batas")


def test_json_bomb_whose_header_lies(tmp_path, base):
    d, _ = base
    data, _ = deflate_repeated(b" " * (1 << 20), 1024)
    content = raw_zip([{"name": "paket.json", "data": data, "method": 8, "usize": 2000}])
    refused("bom-json-bohong", tmp_path, d, content, "rusak")


def test_header_lying_about_a_real_package(tmp_path, base):
    d, data = base
    raw = json.dumps(data).encode()
    content = raw_zip(
        [{"name": "paket.json", "data": deflate(raw), "method": 8, "crc": zlib.crc32(raw), "usize": len(raw) // 3}]
    )
    refused("kepala-bohong", tmp_path, d, content, "rusak")


def test_header_claiming_more_than_there_is(tmp_path, base):
    d, data = base
    raw = json.dumps(data).encode()
    content = raw_zip([{"name": "paket.json", "data": raw, "usize": len(raw) * 2, "csize": len(raw) * 2}])
    refused("kepala-lebih", tmp_path, d, content, "rusak")


def test_many_members(tmp_path, base):
    d, data = base
    members = [{"name": f"f{i}.txt", "data": b""} for i in range(20_000)]
    members.append({"name": "paket.json", "data": json.dumps(data).encode()})
    refused("banyak-berkas", tmp_path, d, raw_zip(members), "20001 berkas")


def test_end_record_lying_about_member_count(tmp_path, base):
    d, data = base
    members = [{"name": f"f{i}.txt", "data": b""} for i in range(50)] + [
        {"name": "paket.json", "data": json.dumps(data).encode()}
    ]
    refused("jumlah-bohong", tmp_path, d, raw_zip(members, entries=2), "berkas")


def test_nested_zip_as_paket_json(tmp_path, base):
    d, data = base
    inner = skm(data)
    content = raw_zip([{"name": "paket.json", "data": inner}])
    refused("zip-bersarang", tmp_path, d, content, "arsip zip lain")


def test_nested_package_beside_paket_json(tmp_path, base):
    d, data = base
    content = raw_zip(
        [{"name": "paket.json", "data": json.dumps(data).encode()}, {"name": "lagi.skm", "data": skm(data)}]
    )
    refused("paket-dalam-paket", tmp_path, d, content, "arsip lain", "lagi.skm")


@pytest.mark.parametrize("name", ["../paket.json", "/etc/paket.json", "a\\..\\paket.json", "ba\x01d"])
def test_path_traversal_names(tmp_path, base, name):
    d, data = base
    content = raw_zip([{"name": "paket.json", "data": json.dumps(data).encode()}, {"name": name, "data": b"x"}])
    refused("nama-jalur", tmp_path, d, content, "tidak aman")


@pytest.mark.parametrize("kind", ["bukan-zip", "kosong", "terpotong", "tanpa-json", "enkripsi", "bzip2"])
def test_not_a_package(tmp_path, base, kind):
    d, data = base
    good = skm(data)
    content = {
        "bukan-zip": b"bukan paket sama sekali",
        "kosong": b"",
        "terpotong": good[: len(good) // 2],
        "tanpa-json": raw_zip([{"name": "lain.json", "data": b"{}"}]),
        "enkripsi": None,
        "bzip2": None,
    }[kind]
    if kind in ("enkripsi", "bzip2"):
        raw = json.dumps(data).encode()
        content = raw_zip([{"name": "paket.json", "data": raw, "method": 12 if kind == "bzip2" else 0}])
        if kind == "enkripsi":  # set the encrypted flag in both headers
            b = bytearray(content)
            b[6] |= 1
            at = b.find(b"PK\x01\x02")
            b[at + 8] |= 1
            content = bytes(b)
    refused(f"bukan-paket-{kind}", tmp_path, d, content)


# ------------------------------------------------------------------ JSON shape
def test_deep_nesting(tmp_path, base):
    d, data = base
    text = json.dumps(data)[:-1] + ',"rtl":' + "[" * 20_000 + "]" * 20_000 + "}"
    refused("sarang-dalam", tmp_path, d, skm(text), "bersarang terlalu dalam")


@pytest.mark.parametrize(
    "case,text,needle",
    [
        ("nan", '{"format":"skm-desktop-paket","versi_format":1,"x":NaN}', "tidak sah"),
        ("bilangan-raksasa", '{"format":"skm-desktop-paket","versi_format":' + "9" * 5000 + "}", "tidak sah"),
        ("bukan-json", '{"format":"skm-desktop-paket",', "bukan JSON"),
        ("bukan-utf8", b'{"format":"skm-desktop-paket","x":"\xff\xfe"}', "UTF-8"),
        ("bukan-objek", "[1,2,3]", "bukan paket SKM"),
    ],
)
def test_broken_json(tmp_path, base, case, text, needle):
    d, _ = base
    refused(case, tmp_path, d, skm(text), needle)


@pytest.mark.parametrize(
    "versi,needle",
    [
        (2, "dibuat oleh versi yang lebih baru"),
        ("1", "versi_format harus bilangan bulat"),
        (1.0, "versi_format harus bilangan bulat"),
        (True, "versi_format harus bilangan bulat"),
        (0, "versi_format 0 tidak sah"),
    ],
)
def test_version(tmp_path, base, versi, needle):
    d, data = base
    refused(f"versi-{versi!r}", tmp_path, d, skm(edited(data, _set("versi_format", versi))), needle)


WRONG_TYPES = [
    ("unit", [1], "unit: harus objek"),
    ("unit.nama", 5, "unit.nama: harus teks"),
    ("unit.nama", "   ", "unit.nama: wajib diisi"),
    ("opsi.pendidikan", [1, 2], "opsi.pendidikan ke-1: harus teks"),
    ("layanan", {"a": 1}, "layanan: harus daftar"),
    ("periode.nama", 2024, "periode.nama: harus teks"),
    ("periode.tanggal_mulai", "01-07-2024", "periode.tanggal_mulai"),
    ("unsur_set.bobot", [1], "unsur_set.bobot"),
    ("unsur_set.unsur", "U1", "unsur_set.unsur: harus daftar"),
    ("unsur_set.unsur.0.labels", ["a", "b", "c"], "unsur ke-1.labels"),
    ("responden", {"a": 1}, "responden: harus daftar"),
    ("responden.0", [1, 2], "responden ke-1: kuesioner harus berupa objek"),
    ("responden.0.no_kuesioner", "1", "responden ke-1: no_kuesioner"),
    ("responden.2.jawaban", "444444444", "jawaban harus daftar"),
    ("responden.3.jawaban", [4.0] * 9, "jawaban U1 4.0"),
    ("responden.4.usia", "20", "usia '20'"),
    ("responden.5.tanggal", 20240701, "tanggal 20240701"),
    ("responden.6.sumber", 5, "sumber harus teks"),
    ("responden.7.posisi", -1, "posisi -1"),
    ("responden.9.kolom_baru", 1, "kolom tidak dikenal"),
    ("rtl", "x", "rtl: harus daftar"),
    ("rtl.0", {"urutan": 1}, "rtl ke-1: kolom"),
    ("kolom_asing", 1, "paket: kolom tidak dikenal"),
]


@pytest.mark.parametrize("path,value,needle", WRONG_TYPES, ids=[f"{p}={v!r}"[:40] for p, v, _ in WRONG_TYPES])
def test_wrong_types(tmp_path, base, path, value, needle):
    d, data = base
    if path.startswith("rtl.") and not data["rtl"]:
        data = edited(data, _set("rtl", [{}]))
    refused("tipe-" + path, tmp_path, d, skm(edited(data, _set(path, value))), needle)


def test_every_bad_record_is_named_in_a_bounded_list(tmp_path, base):
    d, data = base

    def edit(x):
        for r in x["responden"]:
            r["jawaban"] = [5] * 9

    err = refused(
        "semua-rusak",
        tmp_path,
        d,
        skm(edited(data, edit)),
        "responden ke-1 ",
        "responden ke-20 ",
        f"{len(data['responden'])} masalah",
    )
    assert "responden ke-21 " not in err and "dan 10 masalah lain" in err
    assert len(err) < 5000


def test_huge_arrays(tmp_path, base):
    d, data = base
    refused(
        "layanan-raksasa",
        tmp_path,
        d,
        skm(edited(data, _set("layanan", [f"L{i}" for i in range(100_000)]))),
        "layanan: berisi",
    )
    refused(
        "jawaban-raksasa", tmp_path, d, skm(edited(data, _set("responden.0.jawaban", [4] * 100_000))), "responden ke-1"
    )
    refused("opsi-raksasa", tmp_path, d, skm(edited(data, _set("opsi.pekerjaan", ["x" * 10] * 5000))), "opsi.pekerjaan")


def test_too_long_texts(tmp_path, base):
    d, data = base
    refused("layanan-panjang", tmp_path, d, skm(edited(data, _set("layanan.0", "L" * 5000))), "layanan ke-1")
    refused(
        "pilihan-panjang",
        tmp_path,
        d,
        skm(edited(data, _set("responden.0.pekerjaan", "P" * 500))),
        "responden ke-1",
        "pekerjaan",
    )
    refused(
        "saran-panjang",
        tmp_path,
        d,
        skm(edited(data, _set("responden.1.saran", "s" * 100_000))),
        "responden ke-2",
        "saran",
    )


def test_300000_respondents_in_about_one_megabyte(tmp_path, base):
    d, data = base
    x = copy.deepcopy(data)
    x["responden"] = [
        {"no_kuesioner": i, "jawaban": [4] * 9}
        if i <= PAPER_NO_MAX
        else {"no_kuesioner": KIOSK_NO_MIN + i, "jawaban": [4] * 9, "sumber": "kiosk"}
        for i in range(1, 300_001)
    ]
    content = skm(x)
    assert len(content) < 2 * 1024 * 1024
    refused("300rb-responden", tmp_path, d, content, "terlalu banyak")


# ------------------------------------------------------------------ content against the period
def test_other_unit_needs_an_explicit_choice(tmp_path, base):
    d, data = base
    err = refused(
        "unit-lain",
        tmp_path,
        d,
        skm(edited(data, _set("unit.nama", "Puskesmas Lain"))),
        "'Puskesmas Lain'",
        "'Kelurahan Sukamaju'",
        "--unit",
    )
    assert "unit tersendiri" in err


def test_closed_period(tmp_path, base):
    d, data = base

    def close(db_path):
        db = open_database(db_path, create=False)
        with db.session() as s:
            survey.update_periode(s, survey.find_periode(s, PERIODE).id, ditutup=True)
        db.close()

    refused("periode-ditutup", tmp_path, d, skm(data), "sudah ditutup", PERIODE, prepare=close)


@pytest.mark.parametrize(
    "no,sumber,needle",
    [
        (KIOSK_NO_MIN + 5, "kertas", "nomor kios"),
        (7, "kiosk", "nomor kertas/impor"),
        (PAPER_NO_MAX + 1, "kiosk", "tidak dipakai"),
        (0, "kertas", "no_kuesioner 0"),
        (10_000_000, "kiosk", "no_kuesioner 10000000"),
    ],
)
def test_number_ranges(tmp_path, base, no, sumber, needle):
    d, data = base

    def edit(x):
        x["responden"][3].update(no_kuesioner=no, sumber=sumber)

    refused(f"nomor-{no}-{sumber}", tmp_path, d, skm(edited(data, edit)), "responden ke-4", needle)


def test_record_content(tmp_path, base):
    d, data = base
    first = data["responden"][0]["no_kuesioner"]
    refused(
        "nomor-ganda",
        tmp_path,
        d,
        skm(edited(data, _set("responden.5.no_kuesioner", first))),
        "responden ke-6",
        "sudah dipakai responden ke-1",
    )
    refused("jawaban-5", tmp_path, d, skm(edited(data, _set("responden.2.jawaban.4", 5))), "responden ke-3", "U5")
    refused("jawaban-0", tmp_path, d, skm(edited(data, _set("responden.2.jawaban.0", 0))), "responden ke-3", "U1")
    refused(
        "jumlah-unsur",
        tmp_path,
        d,
        skm(edited(data, _set("responden.4.jawaban", [4] * 8))),
        "responden ke-5",
        "8 jawaban",
    )
    refused(
        "tanggal-lampau",
        tmp_path,
        d,
        skm(edited(data, _set("responden.1.tanggal", "2016-12-31"))),
        "responden ke-2",
        "di luar rentang",
    )
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    refused(
        "tanggal-depan",
        tmp_path,
        d,
        skm(edited(data, _set("responden.1.tanggal", future))),
        "responden ke-2",
        "di luar rentang",
    )
    refused(
        "layanan-asing",
        tmp_path,
        d,
        skm(edited(data, _set("responden.1.jenis_layanan", "Tak Ada"))),
        "responden ke-2",
        "Tak Ada",
    )


def test_unsur_set_other_than_the_periods(tmp_path, base):
    d, data = base

    def edit(x):
        extra = dict(x["unsur_set"]["unsur"][-1], kode="U10", nama="Unsur tambahan")
        x["unsur_set"]["unsur"].append(extra)
        for r in x["responden"]:
            r["jawaban"].append(3)

    refused("set-unsur-lain", tmp_path, d, skm(edited(data, edit)), "Set unsur", "10 unsur", "9 unsur")


# ------------------------------------------------------------------ what is accepted
def test_largest_allowed_package_imports_in_time(tmp_path, base):
    """RESPONDEN_MAX forms: imported whole, under the time and memory bounds."""
    d, data = base
    x = copy.deepcopy(data)
    lay = x["layanan"]
    x["responden"] = [
        {
            "no_kuesioner": i,
            "jawaban": [1 + (i + k) % 4 for k in range(9)],
            "tanggal": "2024-08-01",
            "jenis_layanan": lay[i % len(lay)],
            "jenis_kelamin": "Perempuan",
            "usia": 20 + i % 50,
            "pendidikan": "SMA",
            "pekerjaan": "Swasta",
            "saran": "",
            "sumber": "kertas",
            "batch": f"B{i // 50}",
            "posisi": 1 + i % 50,
            "operator": "Rina",
        }
        for i in range(1, package.RESPONDEN_MAX + 1)
    ]
    f = tmp_path / "besar.skm"
    f.write_bytes(skm(x))
    db = tmp_path / "kota.db"
    shutil.copy(d / "basis.db", db)
    r = run_cli(tmp_path, "import", str(f), "--db", str(db), "--periode", "Periode Besar")
    STATS.append(("terbesar-diterima", r["sec"], r["rss_kb"]))
    print(
        f"\n[paket {package.RESPONDEN_MAX} kuesioner, {f.stat().st_size / 1e6:.1f} MB] "
        f"{r['sec']:.1f} s, {r['rss_kb'] / 1024:.0f} MB"
    )
    assert r["code"] == 0, r["err"]
    assert f"{package.RESPONDEN_MAX} kuesioner baru" in r["out"]
    assert r["rss_kb"] < RSS_MAX_KB and r["sec"] < TIME_MAX_S


def test_largest_texts_in_wide_unicode_stay_within_bounds(tmp_path, base):
    """paket.json near its size cap, all of it 4-byte characters (the widest Python strings)."""
    d, data = base
    x = copy.deepcopy(data)
    rnd = random.Random(7)
    wide = [chr(0x1F300 + k) for k in range(700)]  # 4-byte characters, varied so they do not compress away
    # 16 texts of 20 kB in turn: more than deflate's 32 kB window, so they do not compress away
    pool = ["".join(rnd.choices(wide, k=5000)) for _ in range(16)]
    x["responden"] = [
        {"no_kuesioner": i, "jawaban": [4] * 9, "saran": pool[i % 16]}
        for i in range(1, 1 + (package.JSON_MAX - 200_000) // 20_050)
    ]
    f = tmp_path / "lebar.skm"
    f.write_bytes(skm(json.dumps(x, ensure_ascii=False, separators=(",", ":"))))
    db = tmp_path / "kota.db"
    shutil.copy(d / "basis.db", db)
    r = run_cli(tmp_path, "import", str(f), "--db", str(db), "--periode", "Periode Lebar")
    STATS.append(("teks-unicode-lebar", r["sec"], r["rss_kb"]))
    assert r["code"] == 0, r["err"]
    assert r["rss_kb"] < RSS_MAX_KB and r["sec"] < TIME_MAX_S


def test_other_unit_with_explicit_unit_and_summary_keeps_the_own_unit(tmp_path, base):
    d, data = base
    db = tmp_path / "kota.db"
    shutil.copy(d / "basis.db", db)
    f = tmp_path / "lain.skm"
    f.write_bytes(skm(edited(data, _set("unit.nama", "Puskesmas Lain"))))
    r = run_cli(tmp_path, "import", str(f), "--db", str(db), "--unit", "Puskesmas Lain")
    assert r["code"] == 0, r["err"]
    assert "Puskesmas Lain" in r["out"]
    own = run_cli(tmp_path, "summary", "--db", str(db), "--json")
    assert own["code"] == 0 and json.loads(own["out"])["unit"] == "Kelurahan Sukamaju"
    other = run_cli(tmp_path, "summary", "--db", str(db), "--json", "--unit", "Puskesmas Lain")
    assert other["code"] == 0 and json.loads(other["out"])["unit"] == "Puskesmas Lain"
    # merged into the own unit on explicit request: everything already there, nothing added
    merged = run_cli(tmp_path, "import", str(f), "--db", str(db), "--unit", "Kelurahan Sukamaju")
    assert merged["code"] == 0 and "0 kuesioner baru" in merged["out"], merged
