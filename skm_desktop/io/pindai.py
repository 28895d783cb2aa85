"""Reading scanned questionnaires (numpy + Pillow; PDFs through pypdfium2).

A page is located by its four corner marks (an affine transform from the layout's
millimetres to pixels: rotation, shift, scale; upside-down pages are tried turned by
180 degrees), its code row gives the form number and period (domain.pindai, a CRC:
a misread is refused, never a wrong number), then every box of the layout is
sampled for darkness relative to the paper and each field decided by
domain.pindai.decide. Every input is bounded before it is decoded (io.limits)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
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
    gray: np.ndarray  # uint8, 2-D


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
            page = pdf[i]
            try:
                w, h = page.get_size()
                if w * h * scale * scale > limits.MAX_SCAN_PIXELS or w <= 0 or h <= 0:
                    raise ScanError(f"{path.name} halaman {i + 1}: ukuran halaman tidak wajar.")
                bitmap = page.render(scale=scale, grayscale=True)
                img = bitmap.to_pil().convert("L")
                bitmap.close()
            finally:
                page.close()
            yield Page(path.name, i + 1, np.asarray(img))
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


def _to_gray(im: Image.Image) -> np.ndarray:
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGB")
    return np.asarray(im.convert("L"))


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
@dataclass
class Sheet:
    """A located page: pixels of layout millimetres, and what its code says."""

    gray: np.ndarray
    paper: float
    A: np.ndarray  # 2x3: [x_px, y_px] = A @ [x_mm, y_mm, 1]
    code: dp.Code

    @property
    def px_per_mm(self) -> float:
        return float(np.sqrt(abs(np.linalg.det(self.A[:, :2]))))

    def at(self, x: float, y: float) -> tuple[float, float]:
        v = self.A @ np.array([x, y, 1.0])
        return float(v[0]), float(v[1])

    def box_stats(self, x: float, y: float, w: float, h: float, inset: float) -> tuple[float, float]:
        """(mean darkness, share of ink pixels) inside the box, ``inset`` mm within its outline."""
        cx, cy = self.at(x + w / 2, y + h / 2)
        s = self.px_per_mm
        hw, hh = max((w / 2 - inset) * s, 1.0), max((h / 2 - inset) * s, 1.0)
        H, W = self.gray.shape
        x0, x1 = int(round(cx - hw)), int(round(cx + hw))
        y0, y1 = int(round(cy - hh)), int(round(cy + hh))
        if x0 < 0 or y0 < 0 or x1 > W or y1 > H or x1 <= x0 or y1 <= y0:
            return 1.0, 1.0  # outside the image: never a confident blank
        patch = self.gray[y0:y1, x0:x1].astype(np.float32)
        d = np.clip((self.paper - patch) / self.paper, 0.0, 1.0)
        return float(d.mean()), float((d > INK).mean())

    def crop(self, x: float, y: float, w: float, h: float, dpi: int = 100) -> bytes:
        """The region as an upright, deskewed grayscale PNG at ``dpi``."""
        k = dpi / 25.4  # output pixels per mm
        size = (max(1, int(w * k)), max(1, int(h * k)))
        ox, oy = self.at(x, y)
        a = self.A
        coeffs = (a[0, 0] / k, a[0, 1] / k, ox, a[1, 0] / k, a[1, 1] / k, oy)
        im = Image.fromarray(self.gray).transform(
            size, Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR, fillcolor=255
        )
        # the paper and its scanner noise become white, ink keeps 16 grey levels: a blank saran
        # is a few kB, a written one stays legible (the crop of every stored form is kept)
        g = np.asarray(im)
        g = np.where(g > self.paper * 0.82, 255, (g // 16) * 16).astype(np.uint8)
        im = Image.fromarray(g)
        buf = io.BytesIO()
        im.save(buf, "PNG", optimize=True)
        return buf.getvalue()


def _paper_level(g: np.ndarray) -> float:
    sample = g[::7, ::7].ravel()
    return max(float(np.percentile(sample, 92)), 40.0)


def _find_marks(g: np.ndarray, paper: float) -> list[tuple[float, float]] | None:
    """Centres (px) of the four corner marks, in image order TL, TR, BL, BR, or None."""
    H, W = g.shape
    ppm = W / 210.0  # a guess: the scan is the whole A4 width
    f = max(int(ppm / 2), 1)  # coarse grid of ~2 px per mm
    h2, w2 = H // f, W // f
    coarse = g[: h2 * f, : w2 * f].reshape(h2, f, w2, f).mean(axis=(1, 3))
    dark = (coarse < paper * 0.55).astype(np.int32)
    k = max(int(round(MARK_MM * ppm / f * 0.8)), 3)  # window a bit inside the mark
    ii = np.zeros((h2 + 1, w2 + 1), np.int32)
    ii[1:, 1:] = dark.cumsum(0).cumsum(1)
    sums = ii[k:, k:] - ii[:-k, k:] - ii[k:, :-k] + ii[:-k, :-k]  # sums[y, x]: window at (y, x)
    reach_x, reach_y = int(45 * ppm / f), int(45 * ppm / f)
    found = []
    for bottom, right in ((False, False), (False, True), (True, False), (True, True)):
        ys = slice(sums.shape[0] - reach_y, sums.shape[0]) if bottom else slice(0, reach_y)
        xs = slice(sums.shape[1] - reach_x, sums.shape[1]) if right else slice(0, reach_x)
        region = sums[ys, xs]
        if region.size == 0:
            return None
        j = int(region.argmax())
        ry, rx = divmod(j, region.shape[1])
        if region[ry, rx] < 0.9 * k * k:
            return None
        cy0 = (ys.start + ry + k / 2) * f
        cx0 = (xs.start + rx + k / 2) * f
        found.append(_refine(g, paper, cx0, cy0, ppm))
    return found


def _refine(g: np.ndarray, paper: float, cx: float, cy: float, ppm: float) -> tuple[float, float]:
    """The centroid of the dark pixels of the mark around a coarse centre."""
    r = int(MARK_MM * 0.9 * ppm)
    H, W = g.shape
    y0, y1, x0, x1 = max(int(cy) - r, 0), min(int(cy) + r, H), max(int(cx) - r, 0), min(int(cx) + r, W)
    win = g[y0:y1, x0:x1] < paper * 0.55
    yy, xx = np.nonzero(win)
    if len(xx) == 0:
        return cx, cy
    return x0 + float(xx.mean()) + 0.5, y0 + float(yy.mean()) + 0.5


def _affine(mm_pts: Sequence[tuple[float, float]], px_pts: Sequence[tuple[float, float]]) -> tuple[np.ndarray, float]:
    M = np.array([[x, y, 1.0] for x, y in mm_pts])
    P = np.array(px_pts)
    sol, *_ = np.linalg.lstsq(M, P, rcond=None)
    A = sol.T
    resid = float(np.abs(M @ sol - P).max())
    return A, resid


def locate(
    g: np.ndarray,
    code_cells: Callable[[], Sequence[tuple[float, float, float, float]]],
) -> Sheet:
    """The transform and code of a page; ScanError (Indonesian) when the marks or the code cannot be read."""
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
        ppm = float(np.sqrt(abs(np.linalg.det(A[:, :2]))))
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
