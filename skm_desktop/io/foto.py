"""Documentation photos for the laporan's lampiran: a JPEG or PNG file checked as
hostile (size before reading, the format from its first bytes, pixel count from
the header before decoding, Pillow's decompression-bomb guard) and stored as a
JPEG of at most MAX_SISI pixels a side and MAX_SIMPAN bytes."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

MAX_MASUK = 25 * 1024 * 1024  # a camera JPEG is 3–12 MB
MAX_PIKSEL = 60_000_000  # 60 MP: above any phone or camera
MAX_SISI = 1600
MAX_SIMPAN = 1024 * 1024
_MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


class FotoDitolak(ValueError):
    """The photo cannot be used; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Foto:
    data: bytes  # JPEG
    lebar: int
    tinggi: int


def siapkan(data: bytes, nama: str = "foto") -> Foto:
    """The photo scaled down to ≤ MAX_SISI px and ≤ MAX_SIMPAN bytes, or FotoDitolak."""
    from PIL import Image, ImageOps

    if len(data) > MAX_MASUK:
        raise FotoDitolak(f"Foto {nama} terlalu besar ({len(data) // (1024 * 1024)} MB; paling besar 25 MB).")
    fmt = next((f for m, f in _MAGIC.items() if data.startswith(m)), None)
    if fmt is None:
        raise FotoDitolak(f"Berkas {nama} bukan foto JPEG atau PNG.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            src = Image.open(io.BytesIO(data), formats=[fmt])
            w, h = src.size
            if w < 1 or h < 1 or w * h > MAX_PIKSEL:
                raise FotoDitolak(f"Foto {nama} berukuran {w} × {h} piksel; paling banyak 60 juta piksel.")
            if fmt == "JPEG":
                # decode at 1/2, 1/4 or 1/8 scale straight away (the long side kept
                # ≥ 2 × MAX_SISI): a 60 MP camera image never sits in memory at full size
                k = 2 * MAX_SISI / max(w, h)
                if k < 1:
                    src.draft("RGB", (max(1, int(w * k)), max(1, int(h * k))))
            img: Image.Image = ImageOps.exif_transpose(src)
            img.thumbnail((MAX_SISI, MAX_SISI))
            if img.mode not in ("RGB", "L"):
                rgba = img.convert("RGBA")
                bg = Image.new("RGB", rgba.size, (255, 255, 255))
                bg.paste(rgba, mask=rgba.getchannel("A"))
                img = bg
            for quality in (85, 75, 65, 55):
                out = io.BytesIO()
                img.save(out, "JPEG", quality=quality, optimize=True)
                if out.tell() <= MAX_SIMPAN:
                    return Foto(out.getvalue(), img.size[0], img.size[1])
                if quality == 65:
                    img.thumbnail((img.size[0] * 3 // 4, img.size[1] * 3 // 4))
    except FotoDitolak:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise FotoDitolak(f"Foto {nama} menyatakan ukuran piksel yang tidak wajar; foto ditolak.") from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise FotoDitolak(f"Foto {nama} rusak atau terpotong; tidak dapat dibaca.") from None
    raise FotoDitolak(f"Foto {nama} tidak dapat diperkecil sampai 1 MB.")
