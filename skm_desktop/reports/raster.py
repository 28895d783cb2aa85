"""Pictures of vector graphics for formats that take only bitmaps (a chart in a DOCX):
the reportlab Drawing is drawn into a one-page PDF by reportlab itself (same fonts,
same colours as the PDF documents) and rasterised by PDFium (pypdfium2)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing

# a chart 16.5 cm wide at 200 dpi is 1300 pixels: sharp on paper, ~60 kB as PNG
DPI = 200
MAX_PIXELS = 4000 * 4000  # a drawing larger than this is drawn at a lower resolution


def pdf_page_png(pdf: bytes, page: int = 0, dpi: float = DPI) -> bytes:
    """One page of a PDF as PNG bytes."""
    doc = pdfium.PdfDocument(pdf)
    try:
        pg = doc[page]
        w, h = pg.get_size()
        scale = dpi / 72
        if w * h * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (w * h)) ** 0.5
        img = pg.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
        out = io.BytesIO()
        img.save(out, "PNG")
        return out.getvalue()
    finally:
        doc.close()


def drawing_png(drawing: Drawing, dpi: float = DPI) -> bytes:
    """A reportlab Drawing (a chart) as PNG bytes, white background."""
    return pdf_page_png(renderPDF.drawToString(drawing), 0, dpi)
