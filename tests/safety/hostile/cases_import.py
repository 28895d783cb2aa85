"""Hostile CSV/XLSX files for `skm-desktop import`. Each case writes one file;
``expect`` are the fragments the refusal must contain (the place it names)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from .harness import case

U = [f"u{i}" for i in range(1, 10)]
HEADER = [
    "no_kuesioner",
    "tanggal",
    "jenis_layanan",
    "jenis_kelamin",
    "usia",
    "pendidikan",
    "pekerjaan",
    *U,
    "saran",
    "batch",
    "posisi",
    "operator",
    "sumber",
]
GOOD = ["1", "2024-03-01", "KTP", "L", "34", "SMA", "Swasta", *["4"] * 9, "", "", "", "", "kertas"]


def row(**kw) -> list[str]:
    r = list(GOOD)
    for k, v in kw.items():
        r[HEADER.index(k)] = v
    return r


def csv_text(rows, sep=",") -> str:
    return "\n".join(sep.join(r) for r in [HEADER, *rows]) + "\n"


def write_csv(path: Path, rows, sep=",") -> None:
    path.write_text(csv_text(rows, sep), encoding="utf-8")


# ------------------------------------------------------------------ CSV: the file
@case("kosong.csv", "kosong")
def csv_empty(p):
    p.write_bytes(b"")


@case("bom.csv", "kosong")
def csv_only_bom(p):
    p.write_bytes(b"\xef\xbb\xbf\r\n \r\n")


@case("sampah.csv", "biner", "baris")
def csv_binary_garbage(p):
    p.write_bytes(bytes(range(256)) * 64)


@case("u16.csv", "UTF-16")
def csv_utf16_bom(p):
    p.write_bytes(csv_text([GOOD]).encode("utf-16"))


@case("u16be.csv", "biner", "baris 1")
def csv_utf16_no_bom(p):
    p.write_bytes(csv_text([GOOD]).encode("utf-16-be"))


@case("latin.csv", "bukan UTF-8", "baris 2")
def csv_latin1(p):
    p.write_bytes(csv_text([row(saran="Pelayanan baik sekali é")]).encode("latin-1"))


@case("nul.csv", "NUL", "baris 3")
def csv_nul_in_middle(p):
    p.write_bytes(csv_text([GOOD, row(no_kuesioner="2", saran="a\x00b")]).encode())


@case("besar.csv", "MB", "batas")
def csv_larger_than_limit(p):
    with open(p, "wb") as fh:  # sparse: no disk is used, and the size check comes before any read
        fh.write(",".join(HEADER).encode() + b"\n")
        fh.truncate(33 * 1024 * 1024)


@case("satu-baris.csv", "baris 1", "karakter")
def csv_10mb_one_line(p):
    p.write_bytes(b"1," * (5 * 1024 * 1024))


@case("sepuluh-mb-koma.csv", "baris 2", "karakter")
def csv_10mb_line_of_commas(p):
    p.write_bytes((",".join(HEADER) + "\n").encode() + b"," * (10 * 1024 * 1024))


@case("banyak-baris.csv", "200000 baris")
def csv_too_many_rows(p):
    p.write_bytes(b"no_kuesioner\n" + b"1\n" * (5 * 1024 * 1024))


@case("lebar.csv", "kolom", "batas")
def csv_5000_columns(p):
    p.write_bytes(",".join(["k"] * 5000).encode() + b"\n1\n")


# ------------------------------------------------------------------ CSV: rows
@case("pendek.csv", "Baris 3", "sel", "Baris 4")
def csv_short_and_long_rows(p):
    p.write_text(csv_text([GOOD]) + ",".join(GOOD[:-3]) + "\n" + ",".join(GOOD + ["x", "y"]) + "\n", encoding="utf-8")


@case("kutip.csv", "Baris 3", "kutip")
def csv_unclosed_quote_at_eof(p):
    p.write_text(csv_text([GOOD]) + ",".join(row(no_kuesioner="2")[:-1]) + ',"kertas\n', encoding="utf-8")


@case("sel-besar.csv", "Baris 2", "32767")
def csv_cell_over_excel_limit(p):
    write_csv(p, [row(saran='"' + "x" * 40_000 + '"')])


@case("saran.csv", "Baris 2", "kolom saran", "2000")
def csv_saran_too_long(p):
    write_csv(p, [row(saran="panjang " * 400)])


@case("judul-panjang.csv", "kolom ke-22", "100 karakter")
def csv_header_name_too_long(p):
    p.write_text(",".join(HEADER + ["x" * 500]) + "\n" + ",".join(GOOD + [""]) + "\n", encoding="utf-8")


@case("judul-ulang.csv", "Baris 3", "no_kuesioner")
def csv_header_repeated(p):
    p.write_text(csv_text([GOOD, HEADER]), encoding="utf-8")


@case("kolom-ganda.csv", "muncul dua kali")
def csv_duplicate_column(p):
    p.write_text(",".join(HEADER + ["u3"]) + "\n" + ",".join(GOOD + ["4"]) + "\n", encoding="utf-8")


@case(
    "angka-besar.csv",
    "Baris 2, kolom no_kuesioner",
    "Baris 3, kolom usia",
    "Baris 4, kolom posisi",
    "Baris 5, kolom u1",
)
def csv_huge_numbers(p):
    write_csv(
        p,
        [
            row(no_kuesioner="9" * 5000),
            row(no_kuesioner="3", usia="9" * 5000),
            row(no_kuesioner="4", posisi="1" + "0" * 4500),
            row(no_kuesioner="5", u1="4" * 5000),
        ],
    )


@case("nomor-kios.csv", "Baris 2, kolom no_kuesioner", "99999", "kios")
def csv_number_in_kiosk_range(p):
    write_csv(p, [row(no_kuesioner="100001")])


@case("negatif.csv", "Baris 2, kolom no_kuesioner", "Baris 3, kolom usia", "Baris 4, kolom u2", "Baris 5, kolom posisi")
def csv_negative_and_float(p):
    write_csv(
        p,
        [
            row(no_kuesioner="-1"),
            row(no_kuesioner="3", usia="34.5"),
            row(no_kuesioner="4", u2="2.5"),
            row(no_kuesioner="5", posisi="-3"),
        ],
    )


@case(
    "unicode-angka.csv",
    "Baris 2, kolom u1",
    "Baris 3, kolom no_kuesioner",
    "Baris 4, kolom usia",
    "Baris 5, kolom posisi",
    "Baris 6, kolom tanggal",
    "0-9",
)
def csv_unicode_digits(p):
    write_csv(
        p,
        [
            row(u1="²"),
            row(no_kuesioner="٥"),
            row(no_kuesioner="4", usia="٣٤"),
            row(no_kuesioner="5", posisi="²"),
            row(no_kuesioner="6", tanggal="٢٠٢٤-03-01"),
        ],
    )


@case("tanggal.csv", "Baris 2, kolom tanggal", "Baris 3, kolom tanggal", "Baris 4, kolom tanggal", "tidak masuk akal")
def csv_implausible_dates(p):
    write_csv(
        p,
        [
            row(tanggal="0001-01-01"),
            row(no_kuesioner="2", tanggal="01/01/1900"),
            row(no_kuesioner="3", tanggal="9999-12-31"),
        ],
    )


@case("kios.csv", "Baris 2, kolom sumber", "kiosk", ".skm")
def csv_forged_kiosk_origin(p):
    write_csv(p, [row(sumber="kiosk")])


@case("rumus.csv", "Baris 2, kolom u1", "Baris 2, kolom usia")
def csv_formulas(p):
    write_csv(p, [row(u1="=1+3", usia='=HYPERLINK("http://x")')])


@case("banyak-salah.csv", "Baris 2, kolom u1", "masalah lain")
def csv_many_bad_rows(p):
    """180,000 bad cells: every one counted, the list itself bounded."""
    rows = "\n".join(
        ",".join([str(i), "", "", "", "", "", "", *["9"] * 9, "", "", "", "", ""]) for i in range(1, 20_001)
    )
    p.write_text(",".join(HEADER) + "\n" + rows + "\n", encoding="utf-8")


# ------------------------------------------------------------------ XLSX
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def workbook(
    p: Path,
    sheet_xml: bytes | str,
    *,
    extra: dict | None = None,
    sheet_target="worksheets/sheet1.xml",
    sheet_ct=CT_SHEET,
    shared: str | None = None,
    compression=zipfile.ZIP_DEFLATED,
) -> None:
    """A minimal workbook written by hand, so that every part can be made hostile."""
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_ct}"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    wb = (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Responden" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wbrels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="{sheet_target}"/>'
        + (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if shared is not None
            else ""
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(p, "w", compression) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        if sheet_xml is not None:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        for k, v in (extra or {}).items():
            z.writestr(k, v)


def cells(r: int, values) -> str:
    out = []
    for i, v in enumerate(values):
        col = chr(65 + i) if i < 26 else "A" + chr(65 + i - 26)
        out.append(f'<c r="{col}{r}" t="inlineStr"><is><t>{v}</t></is></c>')
    return f'<row r="{r}">{"".join(out)}</row>'


def sheet(*rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )


GOOD_SHEET_ROWS = (cells(1, HEADER), cells(2, GOOD))


@case("kosong.xlsx", "kosong")
def xlsx_empty(p):
    p.write_bytes(b"")


@case("sampah.xlsx", "bukan berkas Excel")
def xlsx_binary_garbage(p):
    p.write_bytes(b"\x00\x01binary garbage" * 500)


@case("bukan-buku.xlsx", "workbook.xml")
def xlsx_zip_without_workbook(p):
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("dokumen.txt", "halo")


@case("zzzzzz.xlsx", "ZZZZZZ2")
def xlsx_sparse_cell(p):
    workbook(p, sheet(cells(1, HEADER), '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'))


@case("baris-jauh.xlsx", "900000000")
def xlsx_row_900m(p):
    workbook(p, sheet(*GOOD_SHEET_ROWS, '<row r="900000000"><c r="A900000000"><v>7</v></c></row>'))


@case("dimensi.xlsx", "A1:XFD1048576", "batas")
def xlsx_declared_dimension(p):
    workbook(p, sheet(*GOOD_SHEET_ROWS, dimension="A1:XFD1048576"))


@case("16384-kolom.xlsx", "sel BM1", "64 kolom", "masalah lain")
def xlsx_16384_columns(p):
    def col(i):
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    head = "".join(f'<c r="{col(i)}1"><v>{i}</v></c>' for i in range(16384))
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{col(i)}{r}"><v>1</v></c>' for i in range(0, 16384, 8)) + "</row>"
        for r in range(2, 40)
    )
    workbook(p, sheet(f'<row r="1">{head}</row>', rows))


@case("bom-zip.xlsx", "sheet1.xml", "MB")
def xlsx_zip_bomb_declared(p):
    """~100 KB on disk, 100 MB declared: refused from the directory, nothing decompressed."""
    body = sheet(*GOOD_SHEET_ROWS).encode()
    head, tail = body.split(b"</sheetData>")
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        workbook_parts(z)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as fh:
            fh.write(head)
            blank = b" " * (1 << 20)
            for _ in range(100):
                fh.write(blank)
            fh.write(b"</sheetData>" + tail)


@case("rasio.xlsx", "sheet1.xml", "kali")
def xlsx_compression_ratio(p):
    """Under the size limit but 1000x compressed: refused by ratio."""
    body = sheet(*GOOD_SHEET_ROWS).encode()
    head, tail = body.split(b"</sheetData>")
    workbook(p, head + b" " * (20 << 20) + b"</sheetData>" + tail)


@case("bohong.xlsx", "sheet1.xml")
def xlsx_lying_header(p):
    """Directory says 300 bytes; the data inflates to 70 MB: stopped while streaming."""
    body = sheet(*GOOD_SHEET_ROWS).encode()
    head, tail = body.split(b"</sheetData>")
    real = head + b" " * (70 << 20) + b"</sheetData>" + tail
    workbook(p, real)
    data = bytearray(p.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # patch the uncompressed size in the local header and in the central directory
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            n_len = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            start = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[start : start + n_len]) == name:
                struct.pack_into("<I", data, i + off, 300)
            i += 4
    p.write_bytes(bytes(data))


def workbook_parts(z: zipfile.ZipFile) -> None:
    buf = io.BytesIO()
    workbook(buf, None)
    with zipfile.ZipFile(buf) as src:
        for n in src.namelist():
            z.writestr(n, src.read(n))


@case("tanpa-lembar.xlsx", "sheet1.xml", "tidak ada")
def xlsx_missing_sheet_part(p):
    workbook(p, None)


@case("luar-zip.xlsx", "etc/passwd", "tidak ada")
def xlsx_sheet_outside_zip(p):
    workbook(p, sheet(*GOOD_SHEET_ROWS), sheet_target="../../../../etc/passwd")


@case("zip-dalam-zip.xlsx", "sheet1.xml", "XML tidak sah")
def xlsx_nested_zip(p):
    inner = io.BytesIO()
    workbook(inner, sheet(*GOOD_SHEET_ROWS))
    workbook(p, inner.getvalue())


@case("jenis-isi.xlsx", "bukan lembar kerja", "Content_Types")
def xlsx_wrong_content_type(p):
    workbook(p, sheet(*GOOD_SHEET_ROWS), sheet_ct="image/png")


@case("teks-bersama.xlsx", "sharedStrings.xml", "1000000000")
def xlsx_shared_strings_count(p):
    workbook(
        p,
        sheet(*GOOD_SHEET_ROWS),
        shared='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000" '
        'uniqueCount="1000000000"><si><t>a</t></si></sst>',
    )


@case("indeks-teks.xlsx", "Baris 2", "sel B2", "999")
def xlsx_shared_string_index_out_of_range(p):
    workbook(
        p,
        sheet(cells(1, HEADER), '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>999</v></c></row>'),
        shared='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>',
    )


@case("dtd.xlsx", "sheet1.xml", "DTD")
def xlsx_billion_laughs(p):
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    workbook(p, lol)


@case("banyak-bagian.xlsx", "bagian", "200")
def xlsx_too_many_members(p):
    workbook(p, sheet(*GOOD_SHEET_ROWS), extra={f"xl/media/gambar{i}.png": b"x" for i in range(500)})


@case("sel-panjang.xlsx", "sel Q2", "32767")
def xlsx_cell_text_too_long(p):
    values = list(GOOD)
    values[HEADER.index("saran")] = "y" * 40_000
    workbook(p, sheet(cells(1, HEADER), cells(2, values)))


@case("baris-banyak.xlsx", "200000 baris")
def xlsx_too_many_rows(p):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 200_003))
    workbook(p, sheet(cells(1, ["no_kuesioner"]), rows))


@case("rusak.xlsx", "rusak")
def xlsx_truncated(p):
    buf = io.BytesIO()
    workbook(buf, sheet(*GOOD_SHEET_ROWS))
    raw = buf.getvalue()
    i = raw.find(b"xl/worksheets/sheet1.xml") + 40
    p.write_bytes(raw[:i] + bytes(b ^ 0x5A for b in raw[i : i + 200]) + raw[i + 200 :])


@case(
    "nilai-xlsx.xlsx",
    "Baris 2, kolom tanggal",
    "tidak masuk akal",
    "Baris 3, kolom sumber",
    "Baris 4, kolom u1",
    "0-9",
    "Baris 5, kolom no_kuesioner",
    "99999",
)
def xlsx_bad_values(p):
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responden"
    ws.append(HEADER)
    base = [None, None, "KTP", "L", 34, "SMA", "Swasta", *[4] * 9, None, None, None, None, "kertas"]
    for n, change in (
        (1, {"tanggal": dt.datetime(1900, 1, 1)}),
        (2, {"sumber": "kiosk"}),
        (3, {"u1": "٤"}),
        (100_000, {}),
    ):
        r = list(base)
        r[0] = n
        for k, v in change.items():
            r[HEADER.index(k)] = v
        ws.append(r)
    wb.save(p)
