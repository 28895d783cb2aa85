"""Reading scans made from the program's own printed scannable forms: every distortion
of the issue (150-300 dpi, rotation up to 5 degrees, shift, scale, upside down, noise,
JPEG; crosses, ticks and filled boxes in black, blue and pencil), planted double,
faint and erased marks. Measured: fields read right, clean forms sent to review, and
fields stored wrongly (must be zero)."""

from __future__ import annotations

import json
import random
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from PIL import Image

from skm_desktop.domain import pindai as dp
from skm_desktop.domain.pindai import Cetakan
from skm_desktop.io import pindai as ip
from skm_desktop.storage.database import open_database
from tests.helpers.pindai_scan import distort, mark, render
from tests.helpers.units import unit_with_periode

DPIS = (150, 200, 300)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from skm_desktop.services import pindai

    d = tmp_path_factory.mktemp("pindai")
    db = open_database(d / "skm.db")
    try:
        _, pid = unit_with_periode(db, layanan=("KTP", "Kartu Keluarga", "Akta Kelahiran"))
        pdf, side = pindai.cetak(db, Cetakan(pid, 3, 101), d / "kuesioner.pdf")
    finally:
        db.close()
    lay = json.loads(side.read_text(encoding="utf-8"))
    pages = {dpi: render(pdf, dpi) for dpi in DPIS}
    return pid, lay, pages


def _fill(img, lay, dpi, r, blank_share=0.05):
    """Marks one box of every field as a citizen would; returns the truth by field key."""
    truth = {}
    no_age = r.random() < blank_share  # an age is given whole or not at all
    for key, boxes in ip.groups(lay).items():
        if no_age if key.startswith("usia") else r.random() < blank_share:
            truth[key] = None
            continue
        b = r.choice(boxes)
        mark(img, b, dpi, r.choice(["x", "v", "fill"]), r.choice(["hitam", "biru", "pensil"]), r)
        truth[key] = b["value"]
    return truth


def _expected(truth):
    out = {k: v for k, v in truth.items() if not k.startswith("usia")}
    t, u = truth["usia:puluhan"], truth["usia:satuan"]
    out["usia"] = int(t + u) if t and u else (None if not t and not u else "ragu")
    return out


def _read(lay, scan):
    sheet = ip.locate(scan, lambda: ip.code_cells(lay["code"]))
    return sheet, ip.read_fields(sheet, lay)


def test_layout_json_names_fields_as_the_import_does(printed):
    _, lay, _ = printed
    assert lay["version"] == 1 and lay["page_mm"] == [210.0, 297.0]
    fields = {b["field"] for b in lay["boxes"]}
    assert fields == {f"u{i}" for i in range(1, 10)} | {
        "jenis_kelamin",
        "usia",
        "pendidikan",
        "pekerjaan",
        "jenis_layanan",
    }
    assert {b["value"] for b in lay["boxes"] if b["field"] == "u1"} == {"1", "2", "3", "4"}
    assert {b["value"] for b in lay["boxes"] if b["field"] == "jenis_layanan"} == {
        "KTP",
        "Kartu Keluarga",
        "Akta Kelahiran",
    }
    for b in lay["boxes"]:
        assert b["w"] == b["h"] == 5.0 and 15 < b["x"] < 192 and 30 < b["y"] < 270
    assert lay["areas"][0]["field"] == "saran" and lay["areas"][0]["h"] >= 18


def test_clean_forms_are_read_right_and_rarely_sent_to_review(printed):
    pid, lay, pages = printed
    r = random.Random(17)
    fields = right = wrong = forms = reviewed = 0
    for dpi in DPIS:
        for n in range(12):
            k = n % 3
            img = pages[dpi][k].copy()
            truth = _expected(_fill(img, lay, dpi, r))
            sheet, got = _read(lay, distort(img, r, flip=n % 4 == 3, jpeg=r.choice([None, 60, 85])))
            assert sheet.code.no == 101 + k and sheet.code.periode == pid
            forms += 1
            reviewed += bool(got.ragu)
            for key, want in truth.items():
                fields += 1
                if key in got.ragu:
                    print("ragu", dpi, n, key, want)
                    continue
                if got.values[key] == want:
                    right += 1
                else:
                    wrong += 1
    print(
        f"\npindai bersih: {forms} lembar, {fields} isian, benar {right / fields:.2%}, "
        f"ke pemeriksaan {reviewed / forms:.1%}, salah tersimpan {wrong}"
    )
    assert wrong == 0
    assert right / fields >= 0.999
    assert reviewed / forms <= 0.02


@pytest.mark.parametrize("trouble", ["double", "faint", "erased", "erased-and-remarked"])
def test_planted_ambiguity_goes_to_review_never_stored(printed, trouble):
    _, lay, pages = printed
    # a seed of its own per case, the same in every run (hash() of a str changes per process)
    r = random.Random(zlib.crc32(trouble.encode()))
    g = ip.groups(lay)
    for dpi in DPIS:
        for n in range(3):
            img = pages[dpi][0].copy()
            truth = _expected(_fill(img, lay, dpi, r, blank_share=0))
            key = r.choice(sorted(k for k in g if not k.startswith("usia")))
            already = next(b for b in g[key] if b["value"] == truth[key])
            other = r.choice([b for b in g[key] if b is not already])
            if trouble == "double":
                mark(img, other, dpi, r.choice(["x", "v"]), r.choice(["hitam", "biru", "pensil"]), r)
            elif trouble == "faint":
                img = pages[dpi][0].copy()
                truth = _expected(_fill(img, lay, dpi, random.Random(n), blank_share=0))
                # the field's only mark is too light to trust: clear it, then plant the faint one
                for b in g[key]:
                    _clear(img, b, dpi)
                mark(img, other, dpi, "faint")
            else:
                mark(img, other, dpi, "erased")
                if trouble == "erased":
                    for b in g[key]:
                        if b is not other:
                            _clear(img, b, dpi)
            _, got = _read(lay, distort(img, r, flip=n == 2))
            assert key in got.ragu, (dpi, trouble, key)
            for k, want in truth.items():
                if k != key and k not in got.ragu:
                    assert got.values[k] == want, (dpi, trouble, k)


def _clear(img, box, dpi):
    """Removes any mark inside a box (keeps its outline)."""
    from PIL import ImageDraw

    s = dpi / 25.4
    ImageDraw.Draw(img).rectangle(
        [(box["x"] + 0.6) * s, (box["y"] + 0.6) * s, (box["x"] + box["w"] - 0.6) * s, (box["y"] + box["h"] - 0.6) * s],
        fill=(255, 255, 255),
    )


def test_saran_crop_is_an_upright_png(printed):
    _, lay, pages = printed
    r = random.Random(3)
    sheet, _ = _read(lay, distort(pages[200][1].copy(), r, flip=True))
    a = lay["areas"][0]
    png = sheet.crop(a["x"], a["y"], a["w"], a["h"])
    im = Image.open(__import__("io").BytesIO(png))
    assert im.format == "PNG" and abs(im.width / im.height - a["w"] / a["h"]) < 0.15


def test_a_page_without_marks_or_code_is_refused(printed):
    _, lay, pages = printed
    with pytest.raises(ip.ScanError, match="tanda sudut"):
        _read(lay, Image.new("L", (1240, 1754), 250))
    img = pages[150][0].copy()
    from PIL import ImageDraw

    ImageDraw.Draw(img).rectangle([100, 130, 700, 160], fill=(255, 255, 255))  # the code row wiped out
    with pytest.raises(ip.ScanError, match="kode nomor"):
        _read(lay, img.convert("L"))


@settings(max_examples=300, deadline=None)
@given(
    no=hst.integers(1, 99_999),
    periode=hst.integers(1, dp.PERIODE_MAX),
    flips=hst.sets(hst.integers(0, dp.CODE_BITS - 1), min_size=1, max_size=3),
)
def test_a_misread_code_is_never_a_wrong_number(no, periode, flips):
    bits = dp.encode(no, periode, 77)
    assert dp.decode([0.9 if b else 0.02 for b in bits]) == dp.Code(no, periode, 77)
    bad = [(0.02 if b else 0.9) if i in flips else (0.9 if b else 0.02) for i, b in enumerate(bits)]
    assert dp.decode(bad) is None
    unclear = [0.9 if b else 0.02 for b in bits]
    unclear[min(flips)] = 0.4
    assert dp.decode(unclear) is None


@settings(max_examples=300, deadline=None)
@given(hst.lists(hst.tuples(hst.floats(0, 1), hst.floats(0, 1)), min_size=2, max_size=10))
def test_decide_never_picks_one_of_two_marks(stats):
    values = [str(i) for i in range(len(stats))]
    k = dp.decide(values, [m for m, _ in stats], [i for _, i in stats])
    marked = sum(i >= dp.INK_MARKED for _, i in stats)
    if marked >= 2:
        assert k.ragu and k.value is None
    if not k.ragu and k.value is not None:
        others = [s for j, s in enumerate(stats) if values[j] != k.value]
        assert all(i < dp.INK_SUSPECT and m < dp.MEAN_SUSPECT for m, i in others)


def test_hostile_files_are_refused_before_decoding(tmp_path):
    bomb = tmp_path / "bom.png"
    Image.new("1", (9000, 9000)).save(bomb)  # 81 million pixels, a few kB on disk
    with pytest.raises(ip.ScanError, match="terlalu besar"):
        list(ip.pages(bomb))
    fake = tmp_path / "palsu.pdf"
    fake.write_bytes(b"%PDF-1.4 bukan pdf")
    with pytest.raises(ip.ScanError, match="bukan PDF"):
        list(ip.pages(fake))
    txt = tmp_path / "catatan.txt"
    txt.write_text("x")
    with pytest.raises(ip.ScanError, match="bukan PDF, PNG"):
        list(ip.pages(txt))
    broken = tmp_path / "rusak.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 50)
    with pytest.raises(ip.ScanError):
        list(ip.pages(broken))


def test_a_pdf_with_too_many_pages_is_refused_before_rendering(printed, tmp_path, monkeypatch):
    from skm_desktop.io import limits

    _, _, pages = printed
    pdf = tmp_path / "tebal.pdf"
    imgs = [p.convert("L").resize((620, 877)) for p in pages[150]]
    imgs[0].save(pdf, save_all=True, append_images=imgs[1:], resolution=75)
    monkeypatch.setattr(limits, "MAX_SCAN_PAGES", 2)
    with pytest.raises(ip.ScanError, match="3 halaman; paling banyak 2"):
        next(ip.pages(pdf))


@settings(max_examples=200, deadline=None)
@given(hst.lists(hst.integers(0, 255), min_size=1, max_size=400), hst.floats(0, 100))
def test_paper_percentile_from_the_histogram_is_the_sorted_values_percentile(values, q):
    hist = [0] * 256
    for v in values:
        hist[v] += 1
    s = sorted(values)
    pos = (len(s) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(s) - 1)
    assert ip._percentile(hist, q) == pytest.approx(s[lo] + (s[hi] - s[lo]) * (pos - lo), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    angle=hst.floats(-5, 5),
    scale=hst.floats(2.5, 25),
    shift=hst.tuples(hst.floats(-300, 300), hst.floats(-300, 300)),
    wobble=hst.lists(hst.tuples(hst.floats(-2, 2), hst.floats(-2, 2)), min_size=4, max_size=4),
)
def test_the_corner_fit_recovers_the_page_transform(angle, scale, shift, wobble):
    import math

    c, s = math.cos(math.radians(angle)) * scale, math.sin(math.radians(angle)) * scale
    px = [(c * x - s * y + shift[0], s * x + c * y + shift[1]) for x, y in ip.MARK_CENTRES]
    A, resid = ip._affine(ip.MARK_CENTRES, px)
    assert [*A[0], *A[1]] == pytest.approx([c, -s, shift[0], s, c, shift[1]], abs=1e-6)
    assert resid < 1e-6 and ip._scale(A) == pytest.approx(scale)
    # marks found a little off: the fit is the least-squares one (its residuals sum to zero on
    # each axis) and the largest residual is at most the largest displacement
    moved = [(x + dx, y + dy) for (x, y), (dx, dy) in zip(px, wobble, strict=True)]
    A, resid = ip._affine(ip.MARK_CENTRES, moved)
    for axis, (a, b, t) in enumerate(A):
        errs = [a * x + b * y + t - p[axis] for (x, y), p in zip(ip.MARK_CENTRES, moved, strict=True)]
        assert sum(errs) == pytest.approx(0, abs=1e-6)
    assert resid <= max(max(abs(dx), abs(dy)) for dx, dy in wobble) + 1e-6


def test_a_scan_is_read_without_numpy(printed, tmp_path):
    """The bundle ships no numpy: a page is read end to end in a process where importing it fails."""
    import subprocess
    import sys

    _, lay, pages = printed
    r = random.Random(8)
    img = pages[200][2].copy()
    truth = _expected(_fill(img, lay, 200, r, blank_share=0))
    scan = tmp_path / "halaman.png"
    distort(img, r, flip=True, jpeg=None).save(scan)
    (tmp_path / "tata-letak.json").write_text(json.dumps(lay), encoding="utf-8")
    code = """
import json, sys
sys.modules["numpy"] = None  # any import of numpy now raises ImportError
from pathlib import Path
from skm_desktop.io import pindai as ip
lay = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
(page,) = ip.pages(Path(sys.argv[1]))
sheet = ip.locate(page.gray, lambda: ip.code_cells(lay["code"]))
a = lay["areas"][0]
assert sheet.crop(a["x"], a["y"], a["w"], a["h"])[:4] == b"\\x89PNG"
got = ip.read_fields(sheet, lay)
print(json.dumps({"no": sheet.code.no, "values": got.values, "ragu": got.ragu}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code, str(scan), str(tmp_path / "tata-letak.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["no"] == 103 and got["ragu"] == [] and got["values"] == truth
