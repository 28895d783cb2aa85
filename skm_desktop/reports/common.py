"""Page templates and shared flowables: the document class with cover / front
matter / body / landscape pages, running header and footer, page labels
(roman for the front matter, arabic from BAB I), and the lists (daftar isi,
tabel, gambar) filled by afterFlowable notifications over multiBuild passes."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from skm_desktop.domain.formatting import angka, tanggal

from .styles import GRID, MUTED, SANS, SANS_BOLD, Styles, table_style

MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25 * mm, 20 * mm, 22 * mm, 20 * mm

ProgressFn = Callable[[int, str], None] | None


def want_invariant(invariant: bool | None) -> bool:
    """Fixed creation date and file id: asked for, or SOURCE_DATE_EPOCH is set (reproducible builds)."""
    if invariant is not None:
        return bool(invariant)
    return bool(os.environ.get("SOURCE_DATE_EPOCH"))


def roman(n: int) -> str:
    out = ""
    for v, s in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= v:
            out += s
            n -= v
    return out


def esc(text: object) -> str:
    """Text for a Paragraph: XML special characters escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- marker flowables
class Marker(Flowable):
    """A zero-size flowable that only tells the document something when drawn."""

    def __init__(self, kind: str, payload=None) -> None:
        super().__init__()
        self.kind, self.payload = kind, payload

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class Heading(Paragraph):
    """A heading that goes into the daftar isi (level 0 = BAB, 1 = sub-bab)."""

    def __init__(self, text: str, style, level: int = 0, toc_text: str | None = None) -> None:
        super().__init__(text, style)
        self.toc_level = level
        self.toc_text = toc_text or text


class Caption(Paragraph):
    """'Tabel 3.1 …' / 'Gambar 3.1 …' captions listed in daftar tabel / gambar."""

    def __init__(self, text: str, style, kind: str) -> None:
        super().__init__(text, style)
        self.caption_kind = kind  # "tabel" | "gambar"


class ListOf(TableOfContents):
    """A daftar tabel / gambar: a TableOfContents listening to its own event."""

    def __init__(self, event: str, **kw) -> None:
        super().__init__(**kw)
        self.event = event

    def notify(self, kind, stuff):
        if kind == self.event:
            self.addEntry(*stuff)


def make_toc(st: Styles, event: str = "TOCEntry") -> TableOfContents:
    toc = ListOf(event, dotsMinLevel=0)
    toc.levelStyles = [st.toc0, st.toc1] if event == "TOCEntry" else [st.toc1.clone("lst", leftIndent=0)]
    # the line leading alone spaces the entries (reportlab's table adds 3 pt above and below each)
    toc.tableStyle = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    return toc


def fit_list_on_page(lst: TableOfContents, avail: float) -> None:
    """Tighten a list's line spacing (down to 1.15 × the font size) so that its entries,
    one line each, fit on one page of height ``avail`` when that is possible."""
    entries = list(getattr(lst, "_entries", []))
    if not entries:
        return
    styles = lst.levelStyles

    def need(scale: float = 1.0) -> float:
        total = 0.0
        for level, *_ in entries:
            sty = styles[min(level, len(styles) - 1)]
            total += max(sty.leading * scale, sty.fontSize * 1.15) + 1 + sty.spaceBefore
        return total

    if need() <= avail:
        return
    scale = 1.0
    while scale > 0.5 and need(scale) > avail:
        scale -= 0.02
    lst.levelStyles = [
        sty.clone(sty.name + "_fit", leading=max(sty.leading * scale, sty.fontSize * 1.15)) for sty in styles
    ]


# ---------------------------------------------------------------- the document
@dataclass
class DocInfo:
    title: str
    header: str  # running header text (unit and period)
    author: str = ""
    subject: str = ""


def selection_info(sel, judul: str, subject: str, header: str = "") -> DocInfo:
    """The metadata of a document about one selection (unit, period, layanan)."""
    return DocInfo(
        title=f"{judul} – {sel.unit.nama} – {sel.judul_seleksi}",
        header=header,
        author=sel.unit.nama,
        subject=subject,
    )


def sheet_doc(out, info: DocInfo, margin: float, invariant: bool | None = None, padding: float | None = None):
    """An SkmDoc of single sheets (publikasi, kuesioner, kartu tombol): one frame ``margin`` from
    every edge, no running header or footer. ``padding`` None keeps reportlab's frame padding."""
    doc = SkmDoc(out, info, invariant=invariant)
    pad = (
        {}
        if padding is None
        else dict.fromkeys(("leftPadding", "rightPadding", "topPadding", "bottomPadding"), padding)
    )
    frame = Frame(margin, margin, A4[0] - 2 * margin, A4[1] - 2 * margin, id="sheet", **pad)
    doc.pageTemplates = []
    doc.addPageTemplates([PageTemplate("sheet", [frame])])
    return doc


def widths(total: float, *fixed: float | None) -> list[float]:
    """Column widths where exactly one entry is None: that column takes what the others leave of ``total``."""
    rest = total - sum(w for w in fixed if w is not None)
    return [rest if w is None else w for w in fixed]


class SkmDoc(BaseDocTemplate):
    def __init__(
        self,
        filename,
        info: DocInfo,
        invariant: bool | None = None,
        progress: ProgressFn = None,
        total_hint: int = 0,
        **kw,
    ) -> None:
        self.info = info
        self.body_start: int | None = None
        self.progress = progress
        self.total_hint = total_hint
        self._flow_count = 0
        self._pass = 0
        self.skip_heavy = False
        self._multi = False
        super().__init__(
            str(filename),
            pagesize=A4,
            leftMargin=MARGIN_L,
            rightMargin=MARGIN_R,
            topMargin=MARGIN_T,
            bottomMargin=MARGIN_B,
            title=info.title,
            author=info.author,
            subject=info.subject,
            creator="SKM Desktop",
            producer="SKM Desktop (ReportLab)",
            invariant=1 if want_invariant(invariant) else 0,
            **kw,
        )
        pw, ph = A4
        fw = pw - MARGIN_L - MARGIN_R
        fh = ph - MARGIN_T - MARGIN_B
        lw, lh = landscape(A4)
        lm = 15 * mm
        self.addPageTemplates(
            [
                PageTemplate("cover", [Frame(MARGIN_L, MARGIN_B, fw, fh, id="cover")], pagesize=A4),
                PageTemplate(
                    "front", [Frame(MARGIN_L, MARGIN_B, fw, fh, id="front")], onPageEnd=self._decorate, pagesize=A4
                ),
                PageTemplate(
                    "body", [Frame(MARGIN_L, MARGIN_B, fw, fh, id="body")], onPageEnd=self._decorate, pagesize=A4
                ),
                PageTemplate(
                    "landscape",
                    [Frame(lm, 15 * mm, lw - 2 * lm, lh - 32 * mm, id="land")],
                    onPageEnd=self._decorate,
                    pagesize=landscape(A4),
                ),
            ]
        )

    # page labels: roman before BAB I, arabic from it
    def page_label(self, page: int | None = None) -> str:
        page = self.page if page is None else page
        if self.body_start is None or page < self.body_start:
            return roman(page)
        return str(page - self.body_start + 1)

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        w, h = canvas._pagesize
        left = MARGIN_L if w < h else 15 * mm
        right = w - (MARGIN_R if w < h else 15 * mm)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(MUTED)
        if self.info.header:
            canvas.drawString(left, h - 12 * mm, self.info.header)
            canvas.line(left, h - 13.5 * mm, right, h - 13.5 * mm)
        canvas.line(left, 12.5 * mm, right, 12.5 * mm)
        canvas.drawString(left, 8.5 * mm, self.info.title)
        canvas.setFont(SANS_BOLD, 8.5)
        canvas.setFillColor(colors.black)
        canvas.drawRightString(right, 8.5 * mm, self.page_label())
        canvas.restoreState()

    def handle_documentBegin(self):
        self._pass += 1
        self.skip_heavy = self._multi and self._pass < 2
        if self.progress:
            self.progress(min(90, 10 + 25 * self._pass), f"Menyusun halaman (tahap {self._pass})")
        self._flow_count = 0
        super().handle_documentBegin()

    def afterFlowable(self, f) -> None:
        self._flow_count += 1
        if self.progress and self.total_hint and self._flow_count % 50 == 0:
            self.progress(min(99, int(100 * self._flow_count / self.total_hint)), f"Menyusun halaman {self.page}")
        if isinstance(f, Marker):
            if f.kind == "body-start":
                self.body_start = self.page
            return
        if isinstance(f, Heading):
            key = f"h{self.seq.nextf('heading')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(f.toc_text, key, level=f.toc_level, closed=f.toc_level > 0)
            self.notify("TOCEntry", (f.toc_level, esc(f.toc_text), self.page, key))
        elif isinstance(f, Caption):
            key = f"c{self.seq.nextf('caption')}"
            self.canv.bookmarkPage(key)
            self.notify("TOC-" + f.caption_kind, (0, f.text, self.page, key))

    def build_all(self, story: list, multi: bool = True) -> None:
        for f in story:
            if isinstance(f, ListOf):
                f.formatter = self.page_label  # physical page -> printed label (roman / arabic)
        if not multi:
            self.build(story)
            return
        self._multi = True
        # The lists are seeded with their final entries (page numbers still unknown),
        # so pass 1 already has the final layout and pass 2 is normally the last one.
        # Pass 1 only lays out: tables, charts and the olah-data grid skip drawing.
        seed_lists(story)
        head = 45  # the list's page heading (h1) and its space
        for f in story:
            if isinstance(f, ListOf):
                fit_list_on_page(f, self.height - head)
        self.multiBuild(story, maxPasses=8)
        if self.skip_heavy:
            self.skip_heavy = False
            self._doSave = 1
            self.build(story[:])


def _walk(flowables):
    for f in flowables:
        yield f
        inner = getattr(f, "_content", None)
        if isinstance(inner, (list, tuple)):
            yield from _walk(inner)


def seed_lists(story: list) -> None:
    """Give every daftar isi / tabel / gambar the entries it will have (same texts and
    link keys, page 0), so the first pass lays the front matter out at its final length."""
    lists = [f for f in story if isinstance(f, ListOf)]
    if not lists:
        return
    h = c = 0
    entries: dict[str, list] = {}
    for f in _walk(story):
        if isinstance(f, Heading):
            h += 1
            entries.setdefault("TOCEntry", []).append((f.toc_level, esc(f.toc_text), 0, f"h{h}"))
        elif isinstance(f, Caption):
            c += 1
            entries.setdefault("TOC-" + f.caption_kind, []).append((0, f.text, 0, f"c{c}"))
    for lst in lists:
        lst.clearEntries()
        lst.addEntries(entries.get(lst.event, []))


def skipping(canv) -> bool:
    """True during a layout-only pass (nothing drawn is kept)."""
    return getattr(getattr(canv, "_doctemplate", None), "skip_heavy", False)


class SkmTable(Table):
    def draw(self):
        if not skipping(self.canv):
            super().draw()


class Chart(Flowable):
    """A reportlab Drawing as a flowable that is not rendered in layout-only passes."""

    def __init__(self, drawing, scale: float = 1.0) -> None:
        super().__init__()
        self.drawing = drawing
        self.scale = scale
        self.hAlign = "CENTER"

    def wrap(self, aw, ah):
        return self.drawing.width * self.scale, self.drawing.height * self.scale

    def draw(self):
        if not skipping(self.canv):
            if self.scale != 1.0:
                self.canv.saveState()
                self.canv.scale(self.scale, self.scale)
                self.drawing.drawOn(self.canv, 0, 0)
                self.canv.restoreState()
            else:
                self.drawing.drawOn(self.canv, 0, 0)


# ---------------------------------------------------------------- table helpers
def data_table(
    rows: Sequence[Sequence],
    widths: Sequence[float],
    st: Styles,
    header_rows: int = 1,
    align_right: Sequence[int] = (),
    align_center: Sequence[int] = (),
    font_size: float = 8.5,
    extra: Sequence = (),
    zebra: bool = True,
    wrap: bool = True,
) -> Table:
    """A table, header repeated on each page, rows never split. Text that may not fit
    its column becomes a wrapping Paragraph; short cells stay plain strings (fast)."""
    body_style = st.cell.clone("c", fontSize=font_size, leading=font_size * 1.25)
    head_style = st.cell_h.clone("h", fontSize=font_size, leading=font_size * 1.25)
    right_style = st.cell_r.clone("r", fontSize=font_size, leading=font_size * 1.25)
    center_style = st.cell_c.clone("cc", fontSize=font_size, leading=font_size * 1.25)
    out = []
    fits: dict[int, int] = {}
    for j, w in enumerate(widths):
        # characters that surely fit on one line (average glyph ~0.62 em)
        fits[j] = int(((w or 100) - 8) / (font_size * 0.62)) if w else 10**6
    for i, r in enumerate(rows):
        row = []
        for j, v in enumerate(r):
            if isinstance(v, Flowable) or not wrap:
                row.append(v)
                continue
            if isinstance(v, RawText):
                row.append(Paragraph(v.text, body_style))
                continue
            text = str(v)
            if len(text) <= fits.get(j, 0) and "\n" not in text:
                row.append(text)
                continue
            sty = head_style if i < header_rows else body_style
            if i >= header_rows and j in align_right:
                sty = right_style
            elif i >= header_rows and j in align_center:
                sty = center_style
            row.append(Paragraph(esc(text), sty))
        out.append(row)
    t = SkmTable(out, colWidths=list(widths), repeatRows=header_rows, splitByRow=1, hAlign="CENTER")
    cmds = table_style(header_rows, zebra, font_size)
    for j in align_right:
        cmds.append(("ALIGN", (j, header_rows), (j, -1), "RIGHT"))
    for j in align_center:
        cmds.append(("ALIGN", (j, header_rows), (j, -1), "CENTER"))
    t.setStyle(TableStyle(cmds + list(extra)))
    return t


class RawText:
    """A cell text that already contains Paragraph markup."""

    def __init__(self, text: str) -> None:
        self.text = text


#: What a printed signature block shows for an item nobody filled in: the dotted
#: lines a person writes on by hand (never an app placeholder such as "(nama pejabat)").
TEMPAT_KOSONG = "……………………"
TANGGAL_KOSONG = "………………… 20…"
NAMA_KOSONG = "……………………………………"
NIP_KOSONG = "NIP. ……………………………………"


def signature_block(
    st: Styles,
    tempat: str,
    tanggal_ttd: str,
    jabatan: str,
    nama: str,
    nip: str,
    width: float = 75 * mm,
) -> Table:
    """Place and date, title, room to sign, name and NIP; what is missing prints as blank lines."""
    s = st.body_left.clone("sig", spaceAfter=0, leading=14)
    name = f"<b><u>{esc(nama)}</u></b>" if nama.strip() else NAMA_KOSONG
    lines = [
        Paragraph(esc(f"{tempat.strip() or TEMPAT_KOSONG}, {tanggal_ttd.strip() or TANGGAL_KOSONG}"), s),
        Paragraph(esc(jabatan.strip() or "Pimpinan Unit"), s),
        Spacer(1, 20 * mm),
        Paragraph(name, s),
        Paragraph(esc(f"NIP. {nip.strip()}") if nip.strip() else NIP_KOSONG, s),
    ]
    t = Table([["", lines]], colWidths=[None, width], hAlign="RIGHT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t  # one row: never split over two pages


def ikm_cells(sm) -> list[str]:
    """Nilai indeks (3 decimals), IKM konversi (2) and mutu of a summary, "–" while it has no IKM."""
    if sm.ikm is None:
        return ["–", "–", sm.mutu or "–"]
    return [angka(sm.ikm, 3), angka(sm.ikm_konversi_2dp, 2), sm.mutu or "–"]


def pejabat_signature(lap, st: Styles) -> Table:
    """The signing official's block of a laporan or publikasi (its place, date and profile)."""
    u = lap.sel.unit
    return signature_block(
        st, lap.tempat, tanggal(lap.tanggal_laporan, ""), u.pejabat_jabatan, u.pejabat_nama, u.pejabat_nip
    )


def paragraphs(text: str, style, bullet: bool = False, st: Styles | None = None) -> list:
    """Editable text (one paragraph per line) as flowables; numbered when ``bullet``."""
    out = []
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    for i, line in enumerate(lines, 1):
        if bullet and st is not None:
            out.append(Paragraph(esc(line), st.bullet, bulletText=f"{i}."))
        else:
            out.append(Paragraph(esc(line), style))
    return out


def keep_headings_with_next(story: list) -> list:
    """A heading followed by a KeepTogether block (a table or figure with its caption) goes
    into that block, so it never stays alone at the foot of a page. (reportlab's keepWithNext
    does not group with a KeepTogether, so the h2 style's keepWithNext alone is not enough.)"""
    out: list = []
    i = 0
    while i < len(story):
        f = story[i]
        nxt = story[i + 1] if i + 1 < len(story) else None
        if isinstance(f, Heading) and isinstance(nxt, KeepTogether):
            out.append(KeepTogether([f] + list(nxt._content)))
            i += 2
            continue
        out.append(f)
        i += 1
    return out


class FitFigure(Flowable):
    """A chart and its caption kept together; when the rest of the page is a little short
    the chart is scaled down (to ``min_scale`` at most) instead of leaving the page mostly
    empty. Always splits into [chart, caption] so the caption is listed in daftar gambar."""

    def __init__(self, drawing, caption: Flowable, min_scale: float = 0.7) -> None:
        super().__init__()
        self.drawing, self.caption, self.min_scale = drawing, caption, min_scale
        caption.keepWithNext = 0  # a figure caption sits below its chart: nothing to keep it with
        self._content = [caption]  # for seed_lists
        self.hAlign = "CENTER"

    def _cap_h(self, aw: float) -> float:
        _, h = self.caption.wrap(aw, 10**6)
        return h + self.caption.getSpaceBefore() + self.caption.getSpaceAfter()

    def wrap(self, aw, ah):
        # never drawn itself: report more than the space left so the frame calls split()
        return self.drawing.width, max(ah, self.drawing.height) + 1

    def split(self, aw, ah):
        room = ah - self._cap_h(aw) - 1  # a point of slack against rounding
        h = self.drawing.height
        if room >= h:
            scale = 1.0
        elif room >= h * self.min_scale:
            scale = room / h
        else:
            frame = getattr(self, "_frame", None)
            if frame is not None and getattr(frame, "_atTop", False):
                scale = max(0.1, room / h)  # taller than a whole page: shrink to fit
            else:
                return []
        return [Chart(self.drawing, scale), self.caption]

    def draw(self):
        pass


class PagedTable(Flowable):
    """A long table laid out one page at a time: on each page a table of the header rows
    and as many whole row groups as fit (a group — e.g. a unit's period rows and its
    annual row — is never split across pages). Each piece is built and measured once, so
    hundreds of groups cost linear time (reportlab re-measures the whole rest of a Table
    at every page break). ``make(groups)`` builds the Table (header included) of some groups."""

    def __init__(self, make: Callable[[Sequence[Sequence]], Table], groups: Sequence[Sequence], probe: int = 16):
        super().__init__()
        self.make, self.groups, self.probe = make, list(groups), probe

    def wrap(self, aw, ah):
        # never drawn itself: report more than the space left so the frame calls split()
        return aw, ah + 1

    def split(self, aw, ah):
        groups = self.groups
        k = min(len(groups), self.probe)
        while True:
            t = self.make(groups[:k])
            t.wrap(aw, ah)
            sizes = [len(g) for g in groups[:k]]
            heights = list(t._rowHeights)
            used = sum(heights[: len(heights) - sum(sizes)]) + 1  # the header rows, a point of slack
            fit, row = 0, len(heights) - sum(sizes)
            for n in sizes:
                part = heights[row : row + n]
                if None in part:  # reportlab stops measuring rows once the space is used up
                    break
                h = sum(part)
                if used + h > ah:
                    break
                used, row, fit = used + h, row + n, fit + 1
            if fit == k < len(groups):
                k = min(len(groups), 2 * k)  # everything probed fits: probe further
                continue
            break
        if fit == 0:
            frame = getattr(self, "_frame", None)
            if frame is None or not getattr(frame, "_atTop", False):
                return []  # not even one group here: the next page
            fit = 1  # a group taller than a page: it goes alone (reportlab will report it)
        first = t if fit == k else self.make(groups[:fit])
        rest = groups[fit:]
        # the next page probably holds about as many groups as this one: probe a little beyond
        return [first] + ([PagedTable(self.make, rest, max(4, fit + 2))] if rest else [])

    def draw(self):
        pass
