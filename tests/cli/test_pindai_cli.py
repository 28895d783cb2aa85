"""skm-desktop report --kind kuesioner-pindai and skm-desktop pindai, end to end on both
engines: print numbered forms, mark and scan them (tests.helpers.pindai_scan), read them
back; certain sheets are stored as sumber 'pindai', doubtful ones held until confirmed,
repeated numbers refused by number."""

from __future__ import annotations

import json
import random
import subprocess

import pytest
from PIL import Image

from skm_desktop.cli import main
from skm_desktop.io import pindai as ip
from skm_desktop.services import pindai, results, survey
from skm_desktop.storage.database import open_database
from tests.helpers.pindai_scan import distort, mark, render
from tests.helpers.units import unit_with_periode


@pytest.fixture
def printed(db_target, tmp_path, capsys):
    db = open_database(db_target)
    try:
        _, pid = unit_with_periode(db, layanan=("KTP", "Kartu Keluarga"))
        with db.session() as s:  # a second period: sheets of 2025 are refused when --periode names it
            other = survey.create_periode(s, survey.find_periode(s, "2025").unit_id, "2026").id
    finally:
        db.close()
    pdf = tmp_path / "kuesioner.pdf"
    assert (
        main(
            [
                "report",
                "--db",
                str(db_target),
                "--periode",
                "2025",
                "--kind",
                "kuesioner-pindai",
                "--copies",
                "4",
                "--mulai",
                "7",
                "--out",
                str(pdf),
            ]
        )
        == 0
    )
    capsys.readouterr()
    return db_target, pid, other, pdf, json.loads((tmp_path / "kuesioner.layout.json").read_text(encoding="utf-8"))


def _marked(pdf, lay, dpi=200, seed=1):
    """The printed sheets marked: (images, truth by number)."""
    r = random.Random(seed)
    imgs, truth = [], {}
    for i, img in enumerate(render(pdf, dpi)):
        t = {}
        for key, boxes in ip.groups(lay).items():
            b = r.choice(boxes)
            mark(img, b, dpi, r.choice(["x", "v", "fill"]), r.choice(["hitam", "biru"]), r)
            t[key] = b["value"]
        truth[7 + i] = t
        imgs.append(img)
    return imgs, truth


def _run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_printed_form_reads_as_a_questionnaire(printed):
    _, _, _, pdf, lay = printed
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "KUESIONER SURVEI KEPUASAN MASYARAKAT" in text and "00008" in text
    assert "Beri tanda X atau ✓ pada satu kotak" in text
    assert "Kartu Keluarga" in text and "SARAN / MASUKAN / PENGADUAN" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")] == ["4"]
    assert len([b for b in lay["boxes"] if b["field"] == "usia"]) == 19


def test_scans_are_stored_held_or_refused_by_number(printed, tmp_path, capsys):
    target, pid, _, pdf, lay = printed
    imgs, truth = _marked(pdf, lay)
    mark(imgs[2], ip.groups(lay)["u4"][0], 200, "x")  # sheet 9: a second mark on unsur 4
    if truth[9]["u4"] == "1":
        mark(imgs[2], ip.groups(lay)["u4"][1], 200, "x")
    r = random.Random(4)
    scans = [distort(im, r, flip=i == 1) for i, im in enumerate(imgs[:3])] + [distort(imgs[0], r)]
    scan = tmp_path / "pindai.pdf"
    scans[0].save(scan, save_all=True, append_images=scans[1:], resolution=200)
    code, out, _ = _run(capsys, "pindai", str(scan), "--db", str(target), "--json")
    assert code == 0
    assert json.loads(out) == {
        "pages": 4,
        "forms": 4,
        "stored": 2,
        "review": 1,
        "refused": 1,
        "refused_reasons": {"nomor_ganda": 1},
    }
    db = open_database(target)
    try:
        with db.read_session() as s:
            assert results.summary(s, pid).respondents == 2  # the doubtful sheet is not counted
            recs = {rec.no_kuesioner: rec for _, rec in survey.load_records(s, pid)}
        assert set(recs) == {7, 8}
        for no, rec in recs.items():
            t = truth[no]
            assert rec.sumber == "pindai" and rec.batch == "pindai.pdf" and rec.posisi == no - 6
            assert rec.answers == tuple(int(t[f"u{i}"]) for i in range(1, 10))
            assert (rec.jenis_kelamin, rec.pendidikan, rec.layanan) == (
                t["jenis_kelamin"],
                t["pendidikan"],
                t["jenis_layanan"],
            )
            assert rec.usia == int(t["usia:puluhan"] + t["usia:satuan"])
        with db.read_session() as s:
            ids = {rec.no_kuesioner: rid for rid, rec in survey.load_records(s, pid)}
        png = pindai.saran_gambar(db, ids[7])
        assert Image.open(__import__("io").BytesIO(png)).format == "PNG"
        (held,) = pindai.antrean(db, pid)
        assert held.no_kuesioner == 9 and held.ragu == ("u4",) and held.pilihan["u4"] == ("1", "2", "3", "4")
        assert pindai.gambar_halaman(db, held.id)[:4] == b"\x89PNG"
        values = dict(held.values) | {"u4": "3"}
        pindai.konfirmasi(db, held.id, values, operator="Rina")
        assert pindai.antrean(db, pid) == []
        with db.read_session() as s:
            assert results.summary(s, pid).respondents == 3
    finally:
        db.close()
    # the same scans again: every number refused, nothing stored twice
    code, out, _ = _run(capsys, "pindai", str(scan), "--db", str(target), "--json")
    assert json.loads(out)["refused_reasons"] == {"nomor_ganda": 4} and json.loads(out)["stored"] == 0


def test_a_folder_of_images_and_other_periods(printed, tmp_path, capsys):
    target, _, _, pdf, lay = printed
    imgs, _ = _marked(pdf, lay, dpi=150, seed=2)
    d = tmp_path / "scans"
    d.mkdir()
    r = random.Random(5)
    distort(imgs[0], r, jpeg=None).save(d / "a.png")
    distort(imgs[1], r).convert("RGB").save(d / "b.jpg", quality=75)
    distort(imgs[2], r, jpeg=None).save(d / "c.tiff")
    Image.new("L", (1240, 1754), 250).save(d / "d-kosong.png")
    (d / "catatan.txt").write_text("bukan pindai")
    code, out, _ = _run(capsys, "pindai", str(d), "--db", str(target), "--periode", "2026", "--json")
    assert code == 0 and json.loads(out) == {
        "pages": 4,
        "forms": 0,
        "stored": 0,
        "review": 0,
        "refused": 4,
        "refused_reasons": {"periode_lain": 3, "tidak_terbaca": 1},
    }
    code, out, err = _run(capsys, "pindai", str(d), "--db", str(target), "--periode", "2025")
    assert code == 0 and "3 disimpan" in out and "d-kosong.png halaman 1" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--copies", "0"], "Jumlah salinan 0"),
        (["--copies", "2001"], "Jumlah salinan 2001"),
        (["--copies", "10", "--mulai", "99995"], "melewati batas"),
        (["--mulai", "0"], "Nomor awal 0"),
    ],
)
def test_silly_copies_are_refused_and_nothing_written(printed, tmp_path, capsys, args, message):
    target = printed[0]
    out = tmp_path / "x.pdf"
    code, _, err = _run(
        capsys,
        "report",
        "--db",
        str(target),
        "--periode",
        "2025",
        "--kind",
        "kuesioner-pindai",
        "--out",
        str(out),
        *args,
    )
    assert code == 2 and message in err and not out.exists()


def test_unreadable_input_exits_2(printed, tmp_path, capsys):
    target = printed[0]
    code, _, err = _run(capsys, "pindai", str(tmp_path / "tidak-ada.pdf"), "--db", str(target))
    assert code == 2 and "tidak ada" in err
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.7\n rusak")
    code, _, err = _run(capsys, "pindai", str(bad), "--db", str(target))
    assert code == 2 and "bukan PDF" in err and "Traceback" not in err


def test_sheets_printed_before_the_choices_changed_or_of_a_closed_period_are_refused(printed, tmp_path, capsys):
    target, pid, _, pdf, lay = printed
    imgs, _ = _marked(pdf, lay, dpi=150, seed=3)
    r = random.Random(6)
    scan = tmp_path / "pindai.pdf"
    scans = [distort(im, r) for im in imgs[:2]]
    scans[0].save(scan, save_all=True, append_images=scans[1:], resolution=150)
    db = open_database(target)
    try:
        with db.session() as s:
            survey.add_layanan(s, survey.find_periode(s, "2025").unit_id, "Akta Kelahiran")  # a new box on the form
    finally:
        db.close()
    code, out, _ = _run(capsys, "pindai", str(scan), "--db", str(target), "--json")
    assert code == 0 and json.loads(out)["refused_reasons"] == {"tata_letak_lain": 2}
    # printed again with the new choices, read while the period is closed
    pdf2 = tmp_path / "baru.pdf"
    assert (
        main(["report", "--db", str(target), "--periode", "2025", "--kind", "kuesioner-pindai", "--out", str(pdf2)])
        == 0
    )
    lay2 = json.loads((tmp_path / "baru.layout.json").read_text(encoding="utf-8"))
    (img,), _ = _marked(pdf2, lay2, dpi=150, seed=4)
    distort(img, r, jpeg=None).save(tmp_path / "baru.png")
    db = open_database(target)
    try:
        with db.session() as s:
            survey.update_periode(s, pid, ditutup=True)
    finally:
        db.close()
    capsys.readouterr()
    code, out, _ = _run(capsys, "pindai", str(tmp_path / "baru.png"), "--db", str(target), "--json")
    assert code == 0 and json.loads(out)["refused_reasons"] == {"periode_ditutup": 1}


def test_an_unfilled_sheet_is_no_respondent(printed, tmp_path, capsys):
    target, pid, _, pdf, _ = printed
    (img,) = render(pdf, 150, 0, 1)
    distort(img, random.Random(8), jpeg=None).save(tmp_path / "kosong.png")
    code, out, _ = _run(capsys, "pindai", str(tmp_path / "kosong.png"), "--db", str(target), "--json")
    assert code == 0 and json.loads(out)["refused_reasons"] == {"kosong": 1}
    db = open_database(target)
    try:
        with db.read_session() as s:
            assert results.summary(s, pid).respondents == 0
    finally:
        db.close()
