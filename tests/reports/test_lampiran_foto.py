"""Documentation photos of a period: hostile files refused with a clear message and
nothing stored; good ones scaled down (≤ 1600 px, ≤ 1 MB) and printed in the lampiran."""

import io
import struct
import subprocess
import zlib

import pytest
from PIL import Image

from skm_desktop.io import foto as io_foto
from skm_desktop.services import ServiceError, documents, lampiran_foto

from .conftest import jpeg, pdftotext


def _png_header_only(w: int, h: int) -> bytes:
    """A PNG whose header claims w × h pixels (a decompression bomb's first bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


HOSTILE = {
    "teks": (b"ini bukan foto" * 10, "bukan foto JPEG atau PNG"),
    "gif": (b"GIF89a" + b"\0" * 100, "bukan foto JPEG atau PNG"),
    "kosong": (b"", "bukan foto JPEG atau PNG"),
    "terpotong": (jpeg(200, 100)[:300], "rusak atau terpotong"),
    "bom": (_png_header_only(100_000, 100_000), "piksel"),
    "raksasa": (b"\xff\xd8\xff" + b"\0" * (io_foto.MAX_MASUK + 1), "terlalu besar"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_photos_refused_nothing_stored(db, p100, kind):
    data, words = HOSTILE[kind]
    with db.session() as s:
        with pytest.raises(ServiceError, match=words):
            lampiran_foto.add_foto(s, p100, data, f"{kind}.jpg", "uji")
    with db.read_session() as s:
        assert lampiran_foto.list_foto(s, p100) == []


def test_too_large_file_refused_before_reading(tmp_path):
    big = tmp_path / "besar.jpg"
    with big.open("wb") as fh:
        fh.truncate(io_foto.MAX_MASUK + 10)  # sparse: the size is checked, the bytes never read
    with pytest.raises(ServiceError, match="besar.jpg terlalu besar"):
        lampiran_foto.read_file(big)


def test_photo_scaled_down_and_at_most_twelve(db, p100):
    big = jpeg(3000, 2000, noise=True)
    assert len(big) > io_foto.MAX_SIMPAN
    with db.session() as s:
        lampiran_foto.add_foto(s, p100, big, "besar.jpg", "Petugas  membagikan\nkuesioner")
        for i in range(11):
            lampiran_foto.add_foto(s, p100, jpeg(400, 300), f"f{i}.jpg", f"Foto {i}")
        with pytest.raises(ServiceError, match="sudah memiliki 12 foto"):
            lampiran_foto.add_foto(s, p100, jpeg(400, 300), "f13.jpg")
    with db.read_session() as s:
        items = lampiran_foto.list_foto(s, p100)
        data = lampiran_foto.foto_data(s, p100)
    assert len(items) == 12
    first = items[0]
    assert first.keterangan == "Petugas membagikan kuesioner"
    assert first.lebar <= 1600 and first.tinggi <= 1067 and max(first.lebar, first.tinggi) >= 1000
    assert first.ukuran <= io_foto.MAX_SIMPAN
    img = Image.open(io.BytesIO(data[0][1]))
    assert img.format == "JPEG" and img.size == (first.lebar, first.tinggi)
    with db.session() as s:
        lampiran_foto.remove_foto(s, items[-1].id)
    with db.read_session() as s:
        assert len(lampiran_foto.list_foto(s, p100)) == 11


def test_photos_printed_in_the_lampiran_with_captions(db, p100, tmp_path):
    png = io.BytesIO()
    Image.new("RGBA", (800, 600), (0, 200, 0, 128)).save(png, "PNG")
    with db.session() as s:
        lampiran_foto.add_foto(s, p100, jpeg(1200, 900), "a.jpg", "Responden mengisi kuesioner di kios")
        lampiran_foto.add_foto(s, p100, png.getvalue(), "b.png", "Forum konsultasi publik")
        with pytest.raises(ServiceError, match="paling panjang 200"):
            lampiran_foto.add_foto(s, p100, jpeg(10, 10), "c.jpg", "x" * 201)
    out = documents.build(db, "laporan", tmp_path / "l.pdf", p100, invariant=True)
    ft = " ".join(_pdftext(out).split())
    assert "Dokumentasi Pelaksanaan Survei" in ft
    assert "Gambar L.1 Responden mengisi kuesioner di kios" in ft
    assert "Gambar L.2 Forum konsultasi publik" in ft
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len([ln for ln in listing.splitlines()[2:] if ln.strip()]) >= 2


def _pdftext(path, layout: bool = True) -> str:
    return pdftotext(path, *(["-layout"] if layout else []))


def test_large_jpeg_decoded_at_reduced_scale(monkeypatch):
    """A big camera JPEG is decoded at 1/2..1/8 scale, never at full size, and still
    comes out at MAX_SISI on its long side."""
    from PIL import ImageOps

    seen = []
    real = ImageOps.exif_transpose

    def spy(img, *a, **k):
        seen.append(img.size)
        return real(img, *a, **k)

    monkeypatch.setattr(ImageOps, "exif_transpose", spy)
    f = io_foto.siapkan(jpeg(6600, 2000), "kamera.jpg")
    assert seen and seen[0][0] <= 3300 and seen[0][0] >= 2 * io_foto.MAX_SISI
    assert f.lebar == io_foto.MAX_SISI


def test_new_photo_sorts_last_after_deleting_some(db, p100):
    with db.session() as s:
        ids = [lampiran_foto.add_foto(s, p100, jpeg(40, 30), f"f{i}.jpg", f"Foto {i}") for i in range(4)]
        lampiran_foto.remove_foto(s, ids[0])
        lampiran_foto.remove_foto(s, ids[1])
    with db.session() as s:
        new = lampiran_foto.add_foto(s, p100, jpeg(40, 30), "baru.jpg", "Foto baru")
    with db.read_session() as s:
        items = lampiran_foto.list_foto(s, p100)
    assert [i.keterangan for i in items] == ["Foto 2", "Foto 3", "Foto baru"]
    assert items[-1].id == new
