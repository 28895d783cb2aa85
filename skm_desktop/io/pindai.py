"""Reading scanned questionnaires (Pillow alone, no numpy; PDFs through pypdfium2).

A page is located by its four corner marks (an affine transform from the layout's
millimetres to pixels: rotation, shift, scale; upside-down pages are tried turned by
180 degrees), its code row gives the form number and period (domain.pindai, a CRC:
a misread is refused, never a wrong number), then every box of the layout is
sampled for darkness relative to the paper and each field decided by
domain.pindai.decide. Every input is bounded before it is decoded (io.limits)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, mul, sub
from pathlib import Path
from typing import Any

from PIL import Image

from skm_desktop.domain import pindai as dp

from . import limits

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
RENDER_DPI = 150
INK = 0.30  # a pixel this much darker than the paper is ink
MARK_MM = 6.0
MARK_CENTRES = ((11.0, 11.0), (199.0, 11.0), (11.0, 286.0), (199.0, 286.0))  # TL, TR, BL, BR (mm)
INSET_MM = 1.0  # answer boxes are sampled this far inside their printed outline


class ScanError(ValueError):
    """A file or page that cannot be read (Indonesian message naming it)."""


@dataclass
class Page:
    source: str  # file name
    page: int  # 1-based page (or frame) in that file
    gray: Image.Image  # mode "L"


def pages(path: Path) -> Iterator[Page]:
    """The pages of one scan file, one at a time (a PDF is rendered page by page)."""
    path = Path(path)
    size = path.stat().st_size
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if size > limits.MAX_SCAN_FILE_BYTES:
            raise ScanError(f"{path.name}: berkas {size // 2**20} MB terlalu besar untuk hasil pindai.")
        yield from _pdf_pages(path)
    elif suffix in IMAGE_SUFFIXES:
        if size > limits.MAX_SCAN_IMAGE_BYTES:
            raise ScanError(f"{path.name}: gambar {size // 2**20} MB terlalu besar untuk satu halaman pindai.")
        yield from _image_pages(path)
    else:
        raise ScanError(f"{path.name}: bukan PDF, PNG, JPG atau TIFF.")


def _pdf_pages(path: Path) -> Iterator[Page]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise ScanError(f"{path.name}: bukan PDF yang dapat dibaca.") from None
    try:
        n = len(pdf)
        if n > limits.MAX_SCAN_PAGES:
            raise ScanError(f"{path.name}: {n} halaman; paling banyak {limits.MAX_SCAN_PAGES} dalam satu PDF.")
        scale = RENDER_DPI / 72
        for i in range(n):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                raise ScanError(f"{path.name} halaman {i + 1}: halaman PDF rusak.") from None
            try:
                w, h = page.get_size()
                if w * h * scale * scale > limits.MAX_SCAN_PIXELS or w <= 0 or h <= 0:
                    raise ScanError(f"{path.name} halaman {i + 1}: ukuran halaman tidak wajar.")
                bitmap = page.render(scale=scale, grayscale=True)
                img = bitmap.to_pil().convert("L")
                bitmap.close()
            except pdfium.PdfiumError:
                raise ScanError(f"{path.name} halaman {i + 1}: halaman PDF rusak.") from None
            finally:
                page.close()
            yield Page(path.name, i + 1, img)
    finally:
        pdf.close()


def _image_pages(path: Path) -> Iterator[Page]:
    try:
        im = Image.open(path)
    except (OSError, Image.DecompressionBombError, ValueError):
        raise ScanError(f"{path.name}: gambar tidak dapat dibaca.") from None
    with im:
        frames = getattr(im, "n_frames", 1)
        if frames > limits.MAX_SCAN_PAGES:
            raise ScanError(f"{path.name}: {frames} halaman; terlalu banyak.")
        for k in range(frames):
            try:
                im.seek(k)
                w, h = im.size
                if w * h > limits.MAX_SCAN_PIXELS:
                    raise ScanError(f"{path.name}: gambar {w}x{h} piksel terlalu besar.")
                g = _to_gray(im)
            except (OSError, ValueError, Image.DecompressionBombError) as e:
                if isinstance(e, ScanError):
                    raise
                raise ScanError(f"{path.name} halaman {k + 1}: gambar rusak.") from None
            yield Page(path.name, k + 1, g)


def _to_gray(im: Image.Image) -> Image.Image:
    """The current frame as a grayscale image of its own (the file can be closed afterwards)."""
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGB")
    g = im.convert("L")
    g.load()
    return g


def scan_files(target: Path) -> list[Path]:
    """The scan files of ``target`` (one file, or the PDF/image files of a folder, sorted by name)."""
    target = Path(target)
    if target.is_dir():
        found = []
        for p in sorted(target.iterdir()):
            if p.is_file() and p.suffix.lower() in (*IMAGE_SUFFIXES, ".pdf"):
                found.append(p)
                if len(found) > limits.MAX_SCAN_FILES:
                    raise ScanError(f"Folder {target.name}: lebih dari {limits.MAX_SCAN_FILES} berkas pindai.")
        if not found:
            raise ScanError(f"Folder {target.name} tidak berisi PDF, PNG, JPG atau TIFF.")
        return found
    if not target.exists():
        raise ScanError(f"Berkas {target} tidak ada.")
    return [target]


# ---------------------------------------------------------------- locating a page
Affine = tuple[tuple[float, float, float], tuple[float, float, float]]  # [x_px, y_px] = A @ [x_mm, y_mm, 1]


def _below(level: float, on: int = 255) -> list[int]:
    """A lookup table for Image.point: ``on`` where a grey value is below ``level``, else 0."""
    return [on if v < level else 0 for v in range(256)]


@dataclass
class Sheet:
    """A located page: pixels of layout millimetres, and what its code says."""

    gray: Image.Image  # mode "L"
    paper: float
    A: Affine
    code: dp.Code
    _weights: tuple[list[float], list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # per grey value: its darkness relative to the paper (0..1), and whether it is ink
        p = self.paper
        self._weights = (
            [min(max((p - v) / p, 0.0), 1.0) for v in range(256)],
            [1 if (p - v) / p > INK else 0 for v in range(256)],
        )

    @property
    def px_per_mm(self) -> float:
        return _scale(self.A)

    def at(self, x: float, y: float) -> tuple[float, float]:
        (a, b, c), (d, e, f) = self.A
        return a * x + b * y + c, d * x + e * y + f

    def box_stats(self, x: float, y: float, w: float, h: float, inset: float) -> tuple[float, float]:
        """(mean darkness, share of ink pixels) inside the box, ``inset`` mm within its outline."""
        cx, cy = self.at(x + w / 2, y + h / 2)
        s = self.px_per_mm
        hw, hh = max((w / 2 - inset) * s, 1.0), max((h / 2 - inset) * s, 1.0)
        W, H = self.gray.size
        x0, x1 = int(round(cx - hw)), int(round(cx + hw))
        y0, y1 = int(round(cy - hh)), int(round(cy + hh))
        if x0 < 0 or y0 < 0 or x1 > W or y1 > H or x1 <= x0 or y1 <= y0:
            return 1.0, 1.0  # outside the image: never a confident blank
        hist = self.gray.crop((x0, y0, x1, y1)).histogram()
        n = (x1 - x0) * (y1 - y0)
        dark, ink = self._weights
        return sum(map(mul, hist, dark)) / n, sum(map(mul, hist, ink)) / n

    def crop(self, x: float, y: float, w: float, h: float, dpi: int = 100) -> bytes:
        """The region as an upright, deskewed grayscale PNG at ``dpi``."""
        k = dpi / 25.4  # output pixels per mm
        size = (max(1, int(w * k)), max(1, int(h * k)))
        ox, oy = self.at(x, y)
        (a, b, _), (d, e, _) = self.A
        coeffs = (a / k, b / k, ox, d / k, e / k, oy)
        im = self.gray.transform(size, Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR, fillcolor=255)
        # the paper and its scanner noise become white, ink keeps 16 grey levels: a blank saran
        # is a few kB, a written one stays legible (the crop of every stored form is kept)
        white = self.paper * 0.82
        im = im.point([255 if v > white else (v // 16) * 16 for v in range(256)])
        buf = io.BytesIO()
        im.save(buf, "PNG", optimize=True)
        return buf.getvalue()


def _scale(A: Affine) -> float:
    """Pixels per millimetre of a transform (the square root of its area scale)."""
    (a, b, _), (d, e, _) = A
    return math.sqrt(abs(a * e - b * d))


def _paper_level(g: Image.Image) -> float:
    """The grey of the paper: the 92nd percentile of the page's pixels (at least 40)."""
    return max(_percentile(g.histogram(), 92), 40.0)


def _percentile(hist: Sequence[int], q: float) -> float:
    """The ``q``-th percentile of the values counted by a 256-bin histogram, interpolated
    between the two nearest ranks (as numpy.percentile does by default)."""
    n = sum(hist)
    if n == 0:
        return 0.0
    pos = (n - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, n - 1)
    cum = list(accumulate(hist))

    def at(rank: int) -> int:  # the value of the pixel of this rank (0 = the darkest)
        return next(v for v, c in enumerate(cum) if c > rank)

    v_lo = at(lo)
    return v_lo + (at(hi) - v_lo) * (pos - lo)


def _find_marks(g: Image.Image, paper: float) -> list[tuple[float, float]] | None:
    """Centres (px) of the four corner marks, in image order TL, TR, BL, BR, or None."""
    W, H = g.size
    ppm = W / 210.0  # a guess: the scan is the whole A4 width
    f = max(int(ppm / 2), 1)  # coarse grid of ~2 px per mm
    h2, w2 = H // f, W // f
    if h2 == 0 or w2 == 0:
        return None
    coarse = g.crop((0, 0, w2 * f, h2 * f)).reduce(f) if f > 1 else g
    dark = coarse.point(_below(paper * 0.55, 1)).tobytes()  # 1 = dark, a byte per coarse pixel, row by row
    k = max(int(round(MARK_MM * ppm / f * 0.8)), 3)  # window a bit inside the mark
    sy, sx = h2 - k + 1, w2 - k + 1  # window positions (y, x): window at (y, x) covers [y, y+k) x [x, x+k)
    reach = int(45 * ppm / f)
    found = []
    for bottom, right in ((False, False), (False, True), (True, False), (True, True)):
        ys = range(max(sy - reach, 0), sy) if bottom else range(0, min(reach, sy))
        xs = range(max(sx - reach, 0), sx) if right else range(0, min(reach, sx))
        if not ys or not xs:
            return None
        best = _densest_window(dark, w2, ys, xs, k)
        if best is None:
            return None
        ry, rx = best
        found.append(_refine(g, paper, (rx + k / 2) * f, (ry + k / 2) * f, ppm))
    return found


def _densest_window(dark: bytes, width: int, ys: range, xs: range, k: int) -> tuple[int, int] | None:
    """The first (row by row) k x k window, among those at rows ``ys`` and columns ``xs`` of the
    0/1 image ``dark`` (``width`` bytes a row), with the most dark pixels; None when even that
    one is less than 90% dark."""
    x0, x1 = xs.start, xs.stop - 1 + k  # the columns the windows cover
    # per covered row: the dark-pixel count of every window of k columns starting at xs
    runs = []
    for y in range(ys.start, ys.stop - 1 + k):
        row = dark[y * width + x0 : y * width + x1]
        c = [0, *accumulate(row)]
        runs.append(list(map(sub, c[k:], c[: len(c) - k])))
    col = [0] * len(xs)  # the window sums of the first k rows, then slid down row by row
    for r in runs[:k]:
        col = list(map(add, col, r))
    best, where = -1, (0, 0)
    for i in range(len(ys)):
        if i:
            col = list(map(sub, map(add, col, runs[i + k - 1]), runs[i - 1]))
        m = max(col)
        if m > best:
            best, where = m, (ys.start + i, xs.start + col.index(m))
    if best < 0.9 * k * k:
        return None
    return where


def _refine(g: Image.Image, paper: float, cx: float, cy: float, ppm: float) -> tuple[float, float]:
    """The centroid of the dark pixels of the mark around a coarse centre."""
    r = int(MARK_MM * 0.9 * ppm)
    W, H = g.size
    y0, y1, x0, x1 = max(int(cy) - r, 0), min(int(cy) + r, H), max(int(cx) - r, 0), min(int(cx) + r, W)
    if x1 <= x0 or y1 <= y0:
        return cx, cy
    win = g.crop((x0, y0, x1, y1)).point(_below(paper * 0.55))
    rows = _counts(win)
    cols = _counts(win.transpose(Image.Transpose.TRANSPOSE))
    n = sum(rows)
    if n == 0:
        return cx, cy
    mx = sum(i * c for i, c in enumerate(cols)) / n
    my = sum(i * c for i, c in enumerate(rows)) / n
    return x0 + mx + 0.5, y0 + my + 0.5


def _counts(mask: Image.Image) -> list[int]:
    """The number of set (255) pixels of each row of a 0/255 image."""
    w, h = mask.size
    data = mask.tobytes()
    return [data.count(255, y * w, (y + 1) * w) for y in range(h)]


def _affine(mm_pts: Sequence[tuple[float, float]], px_pts: Sequence[tuple[float, float]]) -> tuple[Affine, float]:
    """The least-squares affine transform from millimetres to pixels (the 3x3 normal equations,
    solved by Cramer's rule) and its largest residual in pixels."""
    rows = [(x, y, 1.0) for x, y in mm_pts]
    N = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    det = _det3(N)  # never 0: the marks are the fixed corners of a rectangle
    A = []
    for axis in range(2):
        rhs = [sum(r[i] * p[axis] for r, p in zip(rows, px_pts, strict=True)) for i in range(3)]
        sol = []
        for col in range(3):
            Nc = [[rhs[i] if j == col else N[i][j] for j in range(3)] for i in range(3)]
            sol.append(_det3(Nc) / det)
        A.append((sol[0], sol[1], sol[2]))
    affine: Affine = (A[0], A[1])
    resid = max(
        abs(a * x + b * y + c - p[axis])
        for (x, y, _), p in zip(rows, px_pts, strict=True)
        for axis, (a, b, c) in enumerate(affine)
    )
    return affine, resid


def _det3(m: Sequence[Sequence[float]]) -> float:
    return (
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    )


def locate(
    g: Image.Image,
    code_cells: Callable[[], Sequence[tuple[float, float, float, float]]],
) -> Sheet:
    """The transform and code of a page (a grayscale image); ScanError (Indonesian) when the
    marks or the code cannot be read."""
    if g.mode != "L":
        g = g.convert("L")
    paper = _paper_level(g)
    if paper < 120:
        raise ScanError("halaman terlalu gelap atau bukan kertas putih")
    marks = _find_marks(g, paper)
    if marks is None:
        raise ScanError(
            "tanda sudut tidak ditemukan (halaman terpotong, miring lebih dari 5°, atau bukan kuesioner pindai)"
        )
    cells = code_cells()
    for order in ((0, 1, 2, 3), (3, 2, 1, 0)):  # upright, then turned by 180 degrees
        A, resid = _affine([MARK_CENTRES[i] for i in order], marks)
        ppm = _scale(A)
        if resid > 1.2 * ppm or not 2.0 < ppm < 30:
            raise ScanError("tanda sudut tidak membentuk persegi panjang yang wajar (halaman terlipat atau melengkung)")
        sheet = Sheet(g, paper, A, dp.Code(0, 0, 0))
        dark = [sheet.box_stats(x, y, w, h, 0)[0] for x, y, w, h in cells]
        code = dp.decode(dark)
        if code is not None:
            sheet.code = code
            return sheet
    raise ScanError("kode nomor kuesioner tidak terbaca (tercoret, kotor, atau bukan lembar dari program ini)")


def code_cells(code: dict[str, Any]) -> list[tuple[float, float, float, float]]:
    """The cells of a layout's code row, each sampled 0.6 mm inside (x, y, w, h in mm)."""
    x, y, w, h, n = code["x"], code["y"], code["cell_w"], code["h"], code["cells"]
    return [(x + i * w + 0.6, y + 0.7, w - 1.2, h - 1.4) for i in range(n)]


# ---------------------------------------------------------------- reading the fields
@dataclass
class Bacaan:
    """What one page says: values by import field name, fields in doubt, their confidence."""

    values: dict[str, str | int | None] = field(default_factory=dict)
    ragu: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)


def groups(layout: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The layout's boxes by field (usia split into usia:puluhan and usia:satuan), in print order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for b in layout["boxes"]:
        key = b["field"] + (f":{b['digit']}" if b.get("digit") else "")
        out.setdefault(key, []).append(b)
    return out


def read_fields(sheet: Sheet, layout: dict[str, Any]) -> Bacaan:
    res = Bacaan()
    decided: dict[str, dp.Keputusan] = {}
    for key, boxes in groups(layout).items():
        stats = [sheet.box_stats(b["x"], b["y"], b["w"], b["h"], INSET_MM) for b in boxes]
        decided[key] = dp.decide([b["value"] for b in boxes], [s[0] for s in stats], [s[1] for s in stats])
    tens, units = decided.pop("usia:puluhan", None), decided.pop("usia:satuan", None)
    for key, k in decided.items():
        res.values[key] = k.value
        res.confidence[key] = k.confidence
        if k.ragu:
            res.ragu.append(key)
    if tens is not None and units is not None:
        res.confidence["usia"] = min(tens.confidence, units.confidence)
        if tens.ragu or units.ragu or (tens.value is None) != (units.value is None):
            res.values["usia"] = None
            res.ragu.append("usia")
        else:
            res.values["usia"] = int(tens.value + units.value) if tens.value and units.value else None
    return res


def field_region(layout: dict[str, Any], key: str) -> tuple[float, float, float, float]:
    """The region (mm, x y w h) showing one field's boxes and labels (and its question), for the review screen."""
    boxes = [b for b in layout["boxes"] if b["field"] == key]
    y0 = min(b["y"] for b in boxes) - (8.5 if key.startswith("u") else 1.5)
    y1 = max(b["y"] + b["h"] for b in boxes) + (5 if key.startswith("u") else 1.5)
    return 14.0, y0, 182.0, y1 - y0
