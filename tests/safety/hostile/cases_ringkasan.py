"""Hostile summary sheets (ringkasan, rekap.md) fed to `skm-desktop rekap add`."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.xlsx_raw import xlsx_ikm_cells

from .harness import case

G = "ringkasan"
CMD = ("rekap", "add")
HEADER = "unit,kelompok,tahun,periode,ikm,u1,u2,u3,u4,u5,u6,u7,u8,u9,responden,target,metode,mutu"
U9 = ",".join(["85"] * 9)
GOOD = f"Dinas Uji,Dinas,2024,Semester I,84.39,{U9},100,120,kertas,B"


def rk(filename: str, *expect: str, args: tuple[str, ...] = ("--unit-baru",)):
    return case(filename, *expect, args=args, group=G, command=CMD)


def write(p: Path, *rows: str, header: str = HEADER) -> None:
    p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


@rk("kosong.csv", "kosong")
def ring_empty(p):
    p.write_bytes(b"")


@rk("judul-saja.csv", "tidak berisi baris ringkasan")
def ring_header_only(p):
    write(p)


@rk("tanpa-kolom.csv", "kolom wajib tidak ada", "unit")
def ring_missing_columns(p):
    write(p, "x,2024,80", header="nama,tahun,ikm")


@rk("ikm-luar.csv", "baris 3", "kolom ikm", "120", "25–100")
def ring_ikm_out_of_range(p):
    write(p, GOOD, f"Dinas Dua,Dinas,2024,Semester I,120,{U9},1,1,kertas,")


@rk("unsur-antara.csv", "baris 2", "kolom u3", "antara 4 dan 25")
def ring_u_between_4_and_25(p):
    write(p, "Dinas Uji,Dinas,2024,,84.39,85,85,12.5,85,85,85,85,85,85,,,,")


@rk("skala-campur.csv", "baris 2", "bercampur")
def ring_mixed_scales(p):
    write(p, "Dinas Uji,Dinas,2024,,,3.5,85,85,85,85,85,85,85,85,,,,")


@rk("angka-raksasa.csv", "baris 2", "kolom ikm", "kolom responden")
def ring_huge_numbers(p):
    write(p, f"Dinas Uji,Dinas,2024,,{'9' * 5000},{U9},{'9' * 400},,,")


@rk("bukan-angka.csv", "baris 2", "kolom ikm", "nan", "baris 3", "infinity", "baris 4", "1e2")
def ring_nan_inf_exponent(p):
    write(
        p,
        f"Dinas A,Dinas,2024,,nan,{U9},,,,",
        f"Dinas B,Dinas,2024,,Infinity,{U9},,,,",
        f"Dinas C,Dinas,2024,,1e2,{U9},,,,",
    )


@rk("angka-nan.xlsx", "baris 2", "kolom ikm", "nan", "baris 3", "inf", "25–100")
def ring_xlsx_nan_inf_cells(p):
    xlsx_ikm_cells(p, ["NaN", "1E999"])


@rk("tahun-aneh.csv", "baris 2", "kolom tahun", "baris 3", "baris 4")
def ring_bad_years(p):
    write(
        p,
        "Dinas A,Dinas,२०२४,,80,,,,,,,,,,,,,",
        "Dinas B,Dinas,1999,,80,,,,,,,,,,,,,",
        "Dinas C,Dinas,20 24x,,80,,,,,,,,,,,,,",
    )


@rk("ganda.csv", "baris 3", "sudah ada di baris 2")
def ring_duplicate_unit_period(p):
    write(p, GOOD, GOOD.replace("Semester I", "semester 1"))


@rk("kelompok.csv", "baris 2", "kolom kelompok", "kantor")
def ring_unknown_kelompok(p):
    write(p, GOOD.replace(",Dinas,", ",Kantor,"))


@rk("unsur-sebagian.csv", "baris 2", "hanya 2 dari 9")
def ring_partial_unsur(p):
    write(p, "Dinas Uji,2024,80,85,85", header="unit,tahun,ikm,u1,u2")


@rk("negatif.csv", "baris 2", "kolom responden", "kolom target", "kolom metode", "kolom mutu")
def ring_negative_and_words(p):
    write(p, f"Dinas Uji,Dinas,2024,,84,{U9},-5,12.5,surat,Sangat Baik")


@rk("unit-asing.csv", "baris 2", "'dinas asing' belum ada", "--unit", args=())
def ring_unknown_unit_without_choice(p):
    write(p, GOOD.replace("Dinas Uji", "Dinas Asing"))


@rk("unit-panjang.csv", "baris 2", "kolom unit", "200 karakter")
def ring_unit_name_too_long(p):
    write(p, GOOD.replace("Dinas Uji", "D" * 5000))


@rk("satu-baris.csv", "baris 1", "karakter")
def ring_10mb_line(p):
    p.write_bytes(b"unit," * (2 * 1024 * 1024))


@rk("banyak-baris.csv", "200000 baris")
def ring_too_many_rows(p):
    p.write_bytes((HEADER + "\n").encode() + (GOOD + "\n").encode() * 210_000)


@rk("palsu.xlsx", "bukan berkas excel")
def ring_fake_xlsx(p):
    p.write_bytes(b"unit,tahun,ikm\nA,2024,80\n")


@rk("utf16.csv", "utf-16")
def ring_utf16(p):
    p.write_bytes(("\ufeff" + HEADER + "\n" + GOOD + "\n").encode("utf-16-le"))


@rk("bukan-paket.skm", "bukan paket skm")
def package_not_a_zip(p):
    p.write_bytes(b"unit,tahun,ikm\nA,2024,80\n")


@rk("paket-terpotong.skm", "rusak")
def package_truncated(p):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("paket.json", '{"format": "skm-desktop-paket", "versi_format": 1}' * 1000)
    p.write_bytes(buf.getvalue()[:-40])
