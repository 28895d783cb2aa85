"""Scans made from the program's own printed scannable forms: render the PDF, draw a
citizen's marks with Pillow, then distort the page as a scanner would."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

INKS = {"hitam": (25, 25, 30), "biru": (20, 40, 170), "pensil": (120, 120, 125)}


def render(pdf: Path, dpi: int, first: int = 0, count: int | None = None) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc) if count is None else min(len(doc), first + count)
    out = []
    for i in range(first, n):
        page = doc[i]
        out.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
        page.close()
    doc.close()
    return out


def mark(img: Image.Image, box: dict, dpi: int, kind: str = "x", ink: str = "hitam", rnd: random.Random | None = None):
    """Draws one mark in ``box`` (layout mm): x = cross, v = tick, fill = filled box,
    faint = a very light tick, erased = the grey smudge a rubbed-out mark leaves, dot = a ballpoint dot."""
    r = rnd or random.Random(0)
    d = ImageDraw.Draw(img)
    s = dpi / 25.4
    x0, y0 = box["x"] * s, box["y"] * s
    w, h = box["w"] * s, box["h"] * s
    j = lambda v: v + r.uniform(-0.06, 0.06) * w  # noqa: E731 - a hand is never exact
    colour = INKS[ink]
    lw = max(2, int(round((0.5 if ink != "pensil" else 0.6) * s)))
    if kind == "x":
        d.line([(j(x0 + 0.15 * w), j(y0 + 0.15 * h)), (j(x0 + 0.85 * w), j(y0 + 0.85 * h))], fill=colour, width=lw)
        d.line([(j(x0 + 0.85 * w), j(y0 + 0.15 * h)), (j(x0 + 0.15 * w), j(y0 + 0.85 * h))], fill=colour, width=lw)
    elif kind == "v":
        pts = [
            (j(x0 + 0.15 * w), j(y0 + 0.5 * h)),
            (j(x0 + 0.42 * w), j(y0 + 0.85 * h)),
            (j(x0 + 0.9 * w), j(y0 + 0.1 * h)),
        ]
        d.line(pts, fill=colour, width=lw, joint="curve")
    elif kind == "fill":
        d.rectangle([x0 + 0.12 * w, y0 + 0.12 * h, x0 + 0.88 * w, y0 + 0.88 * h], fill=colour)
    elif kind == "faint":
        pts = [(x0 + 0.2 * w, y0 + 0.5 * h), (x0 + 0.45 * w, y0 + 0.85 * h), (x0 + 0.85 * w, y0 + 0.15 * h)]
        d.line(pts, fill=(205, 205, 208), width=lw)
    elif kind == "erased":
        d.rectangle([x0 + 0.1 * w, y0 + 0.1 * h, x0 + 0.9 * w, y0 + 0.9 * h], fill=(212, 212, 214))
    else:
        raise ValueError(kind)


def distort(
    img: Image.Image,
    rnd: random.Random,
    angle: float | None = None,
    flip: bool = False,
    noise: float = 6.0,
    jpeg: int | None = 70,
) -> Image.Image:
    """Rotate (<= 5 degrees), shift, scale (0.97-1.03), maybe turn upside down, add noise and JPEG."""
    a = rnd.uniform(-5, 5) if angle is None else angle
    w, h = img.size
    sc = rnd.uniform(0.97, 1.03)
    img = img.resize((int(w * sc), int(h * sc)), Image.BILINEAR)
    img = img.rotate(a, resample=Image.BILINEAR, expand=True, fillcolor=(250, 250, 248))
    # the scanner's bed is a little larger than the sheet (a flatbed, or an ADF's guides) and
    # holds the whole turned sheet: a sheet cut off by the scanner is refused, rightly
    W = max(int(w * 1.06), img.width + int(0.03 * w))
    H = max(int(h * 1.04), img.height + int(0.02 * h))
    canvas = Image.new("RGB", (W, H), (250, 250, 248))
    dx, dy = int(rnd.uniform(-0.012, 0.012) * w), int(rnd.uniform(-0.008, 0.008) * h)
    canvas.paste(img, ((W - img.width) // 2 + dx, (H - img.height) // 2 + dy))
    if flip:
        canvas = canvas.rotate(180)
    g = canvas.convert("L").filter(ImageFilter.GaussianBlur(0.5))
    out = ImageChops.add(g, _noise(g.size, noise, rnd), 1.0, -128) if noise else g
    if jpeg:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=jpeg)
        out = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return out


NOISE_TILE = 241  # px: a prime, so the tile's repeats line up with no printed grid


def _noise(size: tuple[int, int], sigma: float, rnd: random.Random) -> Image.Image:
    """Gaussian scanner noise around 128 (added with an offset of -128): a tile of seeded
    values laid over the page from a random origin (Image.effect_noise cannot be seeded)."""
    t = NOISE_TILE
    tile = Image.frombytes("L", (t, t), bytes(min(255, max(0, round(128 + rnd.gauss(0, sigma)))) for _ in range(t * t)))
    out = Image.new("L", size)
    ox, oy = rnd.randrange(t), rnd.randrange(t)
    for y in range(-oy, size[1], t):
        for x in range(-ox, size[0], t):
            out.paste(tile, (x, y))
    return out
