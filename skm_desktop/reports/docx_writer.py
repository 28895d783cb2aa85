"""A reportlab story written as a Word document (DOCX), for the documents a unit finishes
in Word. The story is the SAME list of flowables the PDF is built from, translated one
flowable at a time:

- Heading -> Word's own "Heading N" style (level from styles.HEADING_LEVELS), so Word's
  navigation pane and its table of contents find them; other Paragraphs -> a Word
  paragraph style made from their ParagraphStyle (font family of the bundled TTF, size,
  leading, colour, alignment, indents, spacing, keep-with-next); the inline markup
  (<b>, <i>, <u>, <br/>, <font>, <super>, <sub>, entities) -> runs;
- Caption -> a "Judul Tabel" / "Judul Gambar" style, which the daftar tabel / gambar
  (a TOC field over that style) lists;
- PagedTable (the recap's long per-unit and ranking tables, laid out page by page in the
  PDF) -> ONE Word table of all its row groups (Word paginates it): each group's rows kept
  with the next row, so a group never splits across pages, and the header rows repeated;
- Table (and the olah-data grid) -> a Word table: column widths, header rows repeated
  on each page, rows never split, SPAN -> merged cells, BACKGROUND / ROWBACKGROUNDS ->
  shading, GRID / BOX / INNERGRID / LINE* -> borders, ALIGN / VALIGN / FONT / TEXTCOLOR
  per cell;
- Image -> picture; Drawing, Chart, FitFigure -> the chart as a PNG picture (raster.py);
- TableOfContents -> a TOC field (Word updates it on open; LibreOffice: Update index);
- PageBreak -> page break; NextPageTemplate + PageBreak -> a new Word section with that
  page template's size, orientation and margins, its running header and footer (PAGE
  field), roman page numbers before the "body-start" marker and arabic from it;
- KeepTogether / keepWithNext -> "keep with next"; Spacer -> an empty paragraph of that
  height; CondPageBreak -> nothing (Word keeps headings with the next paragraph).

A flowable type without a translation raises UnsupportedFlowable: nothing is dropped
silently (``unsupported_types(story)`` lists them; the laporan's test asserts none)."""

from __future__ import annotations

import io
import random
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.section import Section
from docx.shared import Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import _doNothing
from reportlab.platypus.tableofcontents import TableOfContents

from skm_desktop import palette

from . import raster
from .common import Caption, Chart, DocInfo, FitFigure, Heading, ListOf, Marker, PagedTable, ProgressFn
from .olah_data import GridTable
from .styles import GRID, HEADING_LEVELS, LIGHT, MUTED, SANS, SANS_BOLD, font_face

CAPTION_STYLES = {"tabel": "Judul Tabel", "gambar": "Judul Gambar"}
LANG = "id-ID"  # Word's spelling and hyphenation in Indonesian
CT_OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
MAX_PICTURE_BYTES = 20 * 1024 * 1024  # a picture in the story larger than this is left out (as a damaged one)


# the children of w:settings that come after w:updateFields (ECMA-376 CT_Settings)
SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


class UnsupportedFlowable(TypeError):
    """A flowable the DOCX writer has no translation for (a programming error, caught by tests)."""


def _twips(pt: float) -> int:
    return int(round(pt * 20))


def _hex(color: Any) -> str | None:
    """'RRGGBB' of a reportlab colour (or colour name / hex string); None for none/transparent."""
    if color is None:
        return None
    try:
        c = colors.toColor(color)
    except (ValueError, TypeError):
        return None
    if getattr(c, "alpha", 1) == 0:
        return None
    return c.hexval()[2:].upper()


def _set(el, tag: str, **attrs) -> Any:
    """Append a child ``tag`` with w: attributes to an oxml element; returns it (made by
    lxml in the parent's document, so python-docx's element classes still apply: half a
    million of them in a province's recap)."""
    return etree.SubElement(el, qn(tag), {qn(f"w:{k}"): str(v) for k, v in attrs.items()})


# ---------------------------------------------------------------- inline markup -> runs
@dataclass
class RunSpec:
    text: str = ""
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    font: str | None = None
    size: float | None = None
    color: str | None = None
    vert: str | None = None  # "superscript" | "subscript"
    brk: bool = False  # a line break instead of text


class _Markup(HTMLParser):
    """reportlab paragraph markup -> RunSpecs (whitespace collapsed as reportlab does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = [{}]
        self.runs: list[RunSpec] = []

    def _push(self, **kw) -> None:
        self.stack.append({**self.stack[-1], **kw})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "br":
            self.runs.append(RunSpec(brk=True))
            return
        if tag in ("b", "strong"):
            self._push(bold=True)
        elif tag in ("i", "em"):
            self._push(italic=True)
        elif tag == "u":
            self._push(underline=True)
        elif tag in ("strike", "s"):
            self._push(strike=True)
        elif tag in ("super", "sup"):
            self._push(vert="superscript")
        elif tag == "sub":
            self._push(vert="subscript")
        elif tag == "font":
            kw: dict = {}
            if a.get("name") or a.get("face"):
                kw["font"] = a.get("name") or a.get("face")
            if a.get("size"):
                try:
                    kw["size"] = float(a["size"])
                except ValueError:
                    pass
            if a.get("color"):
                kw["color"] = _hex(a["color"])
            self._push(**kw)
        else:  # <a>, <span>, <para> …: their text is kept, the tag has no Word meaning here
            self._push()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.runs.append(RunSpec(brk=True))

    def handle_endtag(self, tag):
        if tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        if data:
            self.runs.append(RunSpec(text=data, **self.stack[-1]))


_WS = re.compile(r"[ \t\r\n]+")
# characters XML 1.0 cannot hold (a vertical tab pasted from Word, NUL …): lxml refuses them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters an XML document cannot contain (the PDF does not show them either)."""
    return _NOT_XML.sub("", text)


def markup_runs(text: str) -> list[RunSpec]:
    """Runs of a reportlab paragraph text, whitespace collapsed and trimmed per line."""
    p = _Markup()
    p.feed(xml_text(text))
    p.close()
    out: list[RunSpec] = []
    at_line_start = True
    for r in p.runs:
        if r.brk:
            if out and not out[-1].brk:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(r)
            at_line_start = True
            continue
        t = _WS.sub(" ", r.text)
        if at_line_start:
            t = t.lstrip(" ")
        if not t:
            continue
        r.text = t
        out.append(r)
        at_line_start = t.endswith(" ")
    if out and not out[-1].brk:
        out[-1].text = out[-1].text.rstrip(" ")
    return [r for r in out if r.brk or r.text]


# ---------------------------------------------------------------- page templates -> sections
@dataclass
class PageSetup:
    """What a section takes from a reportlab page template."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    decorated: bool  # running header and footer

    @classmethod
    def of(cls, pt: PageTemplate, default_size: tuple[float, float]) -> PageSetup:
        w, h = pt.pagesize or default_size
        fr = pt.frames[0]
        return cls(
            w,
            h,
            left=fr._x1,
            right=w - fr._x1 - fr._width,
            top=h - fr._y1 - fr._height,
            bottom=fr._y1,
            decorated=pt.onPageEnd is not _doNothing,
        )

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


@dataclass
class _Ctx:
    """Where flowables go: the body or a table cell, and the width available there."""

    add: Callable[[Any], None]
    width: float
    keep: bool = False  # kept with what follows (inside a KeepTogether, not its last part)
    group: bool = False  # inside a KeepTogether: a table's rows stay together


@dataclass
class _State:
    template: str
    numfmt: str = "lowerRoman"
    pending_template: str | None = None
    pending_break: bool = False
    restart: bool = False  # the current section's page numbers start at 1


# ---------------------------------------------------------------- the writer
class DocxWriter:
    def __init__(
        self,
        info: DocInfo,
        templates: Sequence[PageTemplate],
        default_size: tuple[float, float],
        progress: ProgressFn = None,
    ) -> None:
        self.info = info
        self.setups = {pt.id: PageSetup.of(pt, default_size) for pt in templates}
        self.first = templates[0].id
        self.progress = progress
        self.doc = Document()
        self.body = self.doc.element.body
        self._final_sectpr = self.body.sectPr
        for child in list(self.body):  # the template's empty first paragraph
            if child is not self._final_sectpr:
                self.body.remove(child)
        self.styles = self.doc.styles
        self._style_ids: dict[tuple, str] = {}
        self.cell_looks: dict[tuple, str] = {}  # a plain table cell's look -> its style (TableXml)
        self._style_names: set[str] = {s.name for s in self.styles}
        self._named: dict[str, Any] = {}  # Word style name asked for -> its style
        self.state = _State(self.first)
        self.deferred: dict[str, str] = {}  # placeholder text -> the XML that replaces its paragraph
        self.used_fonts: set[str] = set()  # reportlab font names, embedded in the file at the end
        self._handlers: dict[type, Callable[[Any, _Ctx], None]] = {
            Heading: self._heading,
            Caption: self._caption,
            Paragraph: self._paragraph,
            GridTable: self._grid,
            PagedTable: self._paged_table,
            Table: self._table,
            ListOf: self._toc,
            TableOfContents: self._toc,
            FitFigure: self._fit_figure,
            Chart: self._chart,
            Drawing: self._drawing,
            Image: self._image,
            KeepTogether: self._keep_together,
            CondPageBreak: self._ignore,  # before Spacer: it is one
            Spacer: self._spacer,
            NextPageTemplate: self._next_template,
            PageBreak: self._page_break,
            Marker: self._marker,
        }
        self._setup_document()
        self._drop_thumbnail()

    # ------------------------------------------------------------ dispatch
    def handler(self, f: Any) -> Callable[[Any, _Ctx], None] | None:
        for cls in type(f).__mro__:
            if cls in self._handlers:
                return self._handlers[cls]
        return None

    def emit(self, f: Any, ctx: _Ctx) -> None:
        h = self.handler(f)
        if h is None:
            raise UnsupportedFlowable(f"DOCX: tidak ada terjemahan untuk {type(f).__name__}")
        h(f, ctx)

    def write(self, story: Sequence, out: Path | io.BytesIO) -> None:
        self._story = story
        ctx = _Ctx(self._add_body, self.setups[self.first].text_width)
        n = max(1, len(story))
        for i, f in enumerate(story):
            self.emit(f, ctx)
            if self.progress and i % 20 == 0:
                self.progress(10 + int(80 * i / n), "Menyusun dokumen Word")
        self._close_section(self._final_sectpr)
        self._embed_fonts()
        if self.progress:
            self.progress(95, "Menyimpan dokumen Word")
        if not self.deferred:
            self.doc.save(out if isinstance(out, io.BytesIO) else str(out))
            return
        buf = io.BytesIO()
        self.doc.save(buf)
        self._save_with_deferred(buf, out)

    def _save_with_deferred(self, buf: io.BytesIO, out: Path | io.BytesIO) -> None:
        """The saved package again, each placeholder paragraph of document.xml replaced by its XML."""
        with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    text = data.decode("utf-8")
                    for marker, xml in self.deferred.items():
                        ph = f"<w:p><w:r><w:t>{marker}</w:t></w:r></w:p>"
                        if text.count(ph) != 1:
                            raise AssertionError(f"placeholder {marker} not found once")
                        text = text.replace(ph, xml)
                    data = text.encode("utf-8")
                dst.writestr(item, data)

    def _add_body(self, el) -> None:
        self._final_sectpr.addprevious(el)

    # ------------------------------------------------------------ document-wide set-up
    def _setup_document(self) -> None:
        cp = self.doc.core_properties
        cp.title, cp.author, cp.subject = (xml_text(x) for x in (self.info.title, self.info.author, self.info.subject))
        cp.comments, cp.keywords, cp.last_modified_by = "", "SKM", xml_text(self.info.author)
        cp.language = LANG
        fam, _, _ = font_face(SANS)
        styles_el = self.styles.element
        rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self._set_fonts(rpr_default, fam)
        lang = rpr_default.find(qn("w:lang"))
        if lang is None:
            lang = _set(rpr_default, "w:lang")
        for k in ("val", "eastAsia", "bidi"):
            lang.set(qn(f"w:{k}"), LANG)
        normal = self.styles["Normal"]
        normal.font.name = fam
        self._set_fonts(normal.element.get_or_add_rPr(), fam)
        # Word asks to update the fields (daftar isi, page numbers) when the file is opened
        settings = self.doc.settings.element
        upd = OxmlElement("w:updateFields")
        upd.set(qn("w:val"), "true")
        # Word refuses a settings part whose children are out of the schema's order
        settings.insert_element_before(upd, *SETTINGS_AFTER_UPDATE_FIELDS)

    def _drop_thumbnail(self) -> None:
        """python-docx's template carries a picture of its own first page: not ours."""
        rels = self.doc.part.package.rels
        for rid, rel in list(rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del rels[rid]

    def _embed_fonts(self) -> None:
        """The bundled TrueType fonts go inside the file, obfuscated as ECMA-376 §17.8.1 asks,
        so Word on a PC without them shows the laporan in the same letters (LibreOffice reads
        them too). The DejaVu licence allows embedding."""
        faces: dict[str, dict[str, str]] = {}
        for name in sorted(self.used_fonts):
            try:
                path = getattr(pdfmetrics.getFont(name).face, "filename", None)
            except KeyError:
                continue
            if not path or not str(path).lower().endswith(".ttf") or not Path(path).is_file():
                continue  # a standard PDF font: nothing to embed
            fam, bold, italic = font_face(name)
            kind = {(False, False): "embedRegular", (True, False): "embedBold", (False, True): "embedItalic"}.get(
                (bold, italic), "embedBoldItalic"
            )
            faces.setdefault(fam, {})[kind] = str(path)
        if not faces:
            return
        ft = self.doc.part.part_related_by(RT.FONT_TABLE)
        root = etree.fromstring(ft.blob)
        n = 0
        for fam, kinds in faces.items():
            font_el = next((f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == fam), None)
            if font_el is None:
                font_el = etree.SubElement(root, qn("w:font"))
                font_el.set(qn("w:name"), fam)
            for kind in ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic"):
                if kind not in kinds:
                    continue
                n += 1
                data = bytearray(Path(kinds[kind]).read_bytes())
                guid = uuid.UUID(int=random.Random(f"{fam}/{kind}").getrandbits(128), version=4)
                key = bytes.fromhex(guid.hex)[::-1]
                for i in range(32):
                    data[i] ^= key[i % 16]
                part = Part(
                    PackURI(f"/word/fonts/font{n}.odttf"), CT_OBFUSCATED_FONT, bytes(data), self.doc.part.package
                )
                el = etree.SubElement(font_el, qn(f"w:{kind}"))
                el.set(qn("r:id"), ft.relate_to(part, RT.FONT))
                el.set(qn("w:fontKey"), "{" + str(guid).upper() + "}")
        ft._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        settings = self.doc.settings.element
        embed = OxmlElement("w:embedTrueTypeFonts")
        zoom = settings.find(qn("w:zoom"))
        if zoom is not None:
            zoom.addnext(embed)
        else:
            settings.insert(0, embed)

    @staticmethod
    def _set_fonts(rpr, family: str) -> None:
        rf = rpr.find(qn("w:rFonts"))
        if rf is None:
            rf = OxmlElement("w:rFonts")
            rpr.insert(0, rf)
        for k in list(rf.attrib):
            if k.endswith("Theme"):
                del rf.attrib[k]  # a theme font would win over the named one
        for k in ("ascii", "hAnsi", "cs", "eastAsia"):
            rf.set(qn(f"w:{k}"), family)

    # ------------------------------------------------------------ paragraph styles
    def style_id(self, ps: ParagraphStyle, word_name: str | None = None) -> str:
        """The Word paragraph style for a reportlab ParagraphStyle (made once per look)."""
        key = (
            word_name,
            ps.name,
            ps.fontName,
            ps.fontSize,
            ps.leading,
            ps.alignment,
            _hex(ps.textColor),
            ps.leftIndent,
            ps.rightIndent,
            ps.firstLineIndent,
            ps.spaceBefore,
            ps.spaceAfter,
            bool(getattr(ps, "keepWithNext", 0)),
        )
        if key in self._style_ids:
            return self._style_ids[key]
        if word_name is not None and word_name in self._named:
            # a Word style already made from another look (chapter and h1 are both Heading 1):
            # the first look stays, as a style can have only one
            self._style_ids[key] = self._named[word_name].style_id
            return self._style_ids[key]
        if word_name is not None and word_name in self._style_names:
            style = self._named[word_name] = self.styles[word_name]
        else:
            # Word derives the style id from the name without spaces: keep both unique
            # ("SKM c 2" and "SKM c2" would share the id SKMc2)
            ids = {s.style_id for s in self.styles}
            name = base = word_name or f"SKM {ps.name}"
            n = 2
            while name in self._style_names or name.replace(" ", "") in ids:
                name = f"{base}-{n}"
                n += 1
            style = self.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.styles["Normal"]
            style.quick_style = word_name is not None
            self._style_names.add(name)
            if word_name is not None:
                self._named[word_name] = style
            toc = re.fullmatch(r"TOC (\d)", name)
            if toc:  # Word's own "toc N" styles (names in lower case, ids TOC1 …): the TOC field uses them
                style.element.name_val = f"toc {toc[1]}"
                style.element.styleId = f"TOC{toc[1]}"
                style.element.attrib.pop(qn("w:customStyle"), None)
        self.used_fonts.add(ps.fontName)
        fam, bold, italic = font_face(ps.fontName)
        f = style.font
        f.name, f.size, f.bold, f.italic = fam, Pt(ps.fontSize), bold, italic
        self._set_fonts(style.element.get_or_add_rPr(), fam)
        col = _hex(ps.textColor)
        f.color.rgb = RGBColor.from_string(col) if col else None
        pf = style.paragraph_format
        pf.alignment = {
            TA_CENTER: WD_ALIGN_PARAGRAPH.CENTER,
            TA_RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
            TA_JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
        }.get(ps.alignment, WD_ALIGN_PARAGRAPH.LEFT)
        pf.space_before, pf.space_after = Pt(ps.spaceBefore or 0), Pt(ps.spaceAfter or 0)
        pf.line_spacing = Pt(max(ps.leading, ps.fontSize))
        pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        pf.left_indent, pf.right_indent = Pt(ps.leftIndent), Pt(ps.rightIndent)
        pf.first_line_indent = Pt(ps.firstLineIndent)
        pf.keep_with_next = bool(getattr(ps, "keepWithNext", 0))
        pf.widow_control = True
        self._style_ids[key] = style.style_id
        return style.style_id

    # ------------------------------------------------------------ paragraphs
    def _new_p(self, ctx: _Ctx, style_id: str | None = None) -> DocxParagraph:
        p_el = OxmlElement("w:p")
        ctx.add(p_el)
        p = DocxParagraph(p_el, None)  # type: ignore[arg-type]
        ppr = p_el.get_or_add_pPr()
        if style_id:
            ppr.style = style_id
        if self.state.pending_break and ctx.add == self._add_body:
            p.paragraph_format.page_break_before = True
            self.state.pending_break = False
        if ctx.keep:
            p.paragraph_format.keep_with_next = True
        return p

    def _runs(self, p: DocxParagraph, runs: Iterable[RunSpec]) -> None:
        for r in runs:
            run = p.add_run()
            if r.brk:
                run.add_break()
                continue
            run.text = r.text
            if r.bold:
                run.bold = True
            if r.italic:
                run.italic = True
            if r.underline:
                run.underline = True
            if r.strike:
                run.font.strike = True
            if r.font:
                self.used_fonts.add(r.font)
                fam, b, i = font_face(r.font)
                run.font.name = fam
                if b:
                    run.bold = True
                if i:
                    run.italic = True
            if r.size:
                run.font.size = Pt(r.size)
            if r.color:
                run.font.color.rgb = RGBColor.from_string(r.color)
            if r.vert == "superscript":
                run.font.superscript = True
            elif r.vert == "subscript":
                run.font.subscript = True

    def _para_into(self, f: Paragraph, ctx: _Ctx, style_id: str) -> DocxParagraph:
        p = self._new_p(ctx, style_id)
        bullet = getattr(f, "bulletText", None)
        if bullet:
            st = f.style
            p.paragraph_format.first_line_indent = Pt(st.bulletIndent - st.leftIndent)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(st.leftIndent))
            p.add_run(f"{bullet}\t")
        self._runs(p, markup_runs(f.text))
        return p

    def _paragraph(self, f: Paragraph, ctx: _Ctx) -> None:
        self._para_into(f, ctx, self.style_id(f.style))

    def heading_level(self, f: Heading) -> int:
        return HEADING_LEVELS.get(f.style.name, f.toc_level + 1)

    def _heading(self, f: Heading, ctx: _Ctx) -> None:
        self._para_into(f, ctx, self.style_id(f.style, f"Heading {self.heading_level(f)}"))

    def _caption(self, f: Caption, ctx: _Ctx) -> None:
        self._para_into(f, ctx, self.style_id(f.style, CAPTION_STYLES.get(f.caption_kind, "Caption")))

    # ------------------------------------------------------------ breaks, spacers, sections
    def _ignore(self, f: Any, ctx: _Ctx) -> None:
        pass

    def _marker(self, f: Marker, ctx: _Ctx) -> None:
        if f.kind == "body-start":  # page 1 (arabic) from here, as the PDF's page labels
            self.state.numfmt = "decimal"
            self.state.restart = True

    def _spacer(self, f: Spacer, ctx: _Ctx) -> None:
        if f.height < 1:
            return
        p = self._new_p(ctx)
        pf = p.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing = Pt(f.height)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        rpr = p._p.get_or_add_pPr()
        mark = OxmlElement("w:rPr")
        _set(mark, "w:sz", val=2)
        rpr.append(mark)

    def _next_template(self, f: NextPageTemplate, ctx: _Ctx) -> None:
        name = f.action[1] if isinstance(f.action, (list, tuple)) and len(f.action) > 1 else None
        if name in self.setups:
            self.state.pending_template = name

    def _page_break(self, f: PageBreak, ctx: _Ctx) -> None:
        if ctx.add != self._add_body:
            return
        nxt = self.state.pending_template
        if nxt is not None and nxt != self.state.template:
            # the section that ends is written into the pPr of its last paragraph
            p = OxmlElement("w:p")
            self._add_body(p)
            sect = OxmlElement("w:sectPr")
            p.get_or_add_pPr().append(sect)
            self._close_section(sect)
            self.state.template = nxt
            self.state.pending_template = None
            self.state.pending_break = False
        else:
            self.state.pending_template = None
            self.state.pending_break = True

    def _close_section(self, sect) -> None:
        for child in list(sect):
            sect.remove(child)
        s = Section(sect, self.doc.part)
        setup = self.setups[self.state.template]
        landscape = setup.width > setup.height
        s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Pt(setup.width), Pt(setup.height)
        s.left_margin, s.right_margin = Pt(setup.left), Pt(setup.right)
        s.top_margin, s.bottom_margin = Pt(setup.top), Pt(setup.bottom)
        s.header_distance, s.footer_distance = Pt(setup.top * 0.45), Pt(setup.bottom * 0.35)
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:fmt"), self.state.numfmt)
        if self.state.restart:
            pg.set(qn("w:start"), "1")
            self.state.restart = False
        sect.insert_element_before(pg, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:docGrid")
        s.header.is_linked_to_previous = False
        s.footer.is_linked_to_previous = False
        if setup.decorated:
            self._decorate(s, setup)

    def _decorate(self, s: Section, setup: PageSetup) -> None:
        """The PDF's running header (unit · period, rule below) and footer (title, rule
        above, page number right)."""
        small = ParagraphStyle("page_header", fontName=SANS, fontSize=7.5, leading=9, textColor=MUTED)
        hp = s.header.paragraphs[0]
        hp.style = None
        hp._p.get_or_add_pPr().style = self.style_id(small, None)
        if self.info.header:
            hp.add_run(xml_text(self.info.header))
        self._rule(hp, "bottom")
        fp = s.footer.paragraphs[0]
        fp._p.get_or_add_pPr().style = self.style_id(small, None)
        self._rule(fp, "top")
        fp.paragraph_format.tab_stops.add_tab_stop(Pt(setup.text_width), WD_TAB_ALIGNMENT.RIGHT)
        fp.add_run(xml_text(self.info.title) + "\t")
        self._field(fp, "PAGE", "1", bold=True, size=8.5, color=palette.TEXT.lstrip("#"))

    @staticmethod
    def _rule(p: DocxParagraph, edge: str) -> None:
        ppr = p._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        _set(bdr, f"w:{edge}", val="single", sz=4, space=4, color=_hex(GRID) or "auto")
        ppr.insert_element_before(
            bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"
        )

    def _field(
        self, p: DocxParagraph, instr: str, result: str, bold: bool = False, size: float | None = None, color=None
    ) -> None:
        def run():
            r = p.add_run()
            if bold:
                r.bold = True
            if size:
                r.font.size = Pt(size)
            if color:
                r.font.color.rgb = RGBColor.from_string(color)
            return r

        _set(run()._r, "w:fldChar", fldCharType="begin")
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} "
        run()._r.append(it)
        _set(run()._r, "w:fldChar", fldCharType="separate")
        run().text = result
        _set(run()._r, "w:fldChar", fldCharType="end")

    # ------------------------------------------------------------ TOC fields
    def _toc(self, f: TableOfContents, ctx: _Ctx) -> None:
        event = getattr(f, "event", "TOCEntry")
        if event == "TOCEntry":
            levels = sorted(set(HEADING_LEVELS.values()))
            instr = f'TOC \\o "{levels[0]}-{levels[-1]}" \\h \\z \\u'
            entries = [
                (self.heading_level(h), _plain(h.toc_text)) for h in _walk(self._story) if isinstance(h, Heading)
            ]
        else:
            kind = event.removeprefix("TOC-")
            instr = f'TOC \\h \\z \\t "{CAPTION_STYLES.get(kind, "Caption")},1"'
            entries = [
                (1, _plain_markup(c.text))
                for c in _walk(self._story)
                if isinstance(c, Caption) and c.caption_kind == kind
            ]
        styles = getattr(f, "levelStyles", None) or []
        first = self._new_p(ctx, None)
        _set(first.add_run()._r, "w:fldChar", fldCharType="begin")
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} "
        first.add_run()._r.append(it)
        _set(first.add_run()._r, "w:fldChar", fldCharType="separate")
        # the field's result until Word / LibreOffice updates it: the entries, page numbers
        # to come from the update (Word asks on open; LibreOffice: Tools > Update > Update All)
        for lvl, text in entries:
            ps = styles[min(lvl - 1, len(styles) - 1)] if styles else None
            # Word's "toc N" styles take the daftar isi's look; the lists keep their own style
            named = f"TOC {lvl}" if event == "TOCEntry" else None
            p = self._new_p(ctx, self.style_id(ps, named) if ps is not None else None)
            p.add_run(xml_text(text))
        last = self._new_p(ctx, None)
        _set(last.add_run()._r, "w:fldChar", fldCharType="end")

    # ------------------------------------------------------------ pictures
    def _picture(self, data: bytes, width_pt: float, height_pt: float, ctx: _Ctx, align: str = "CENTER") -> None:
        scale = min(1.0, ctx.width / width_pt) if width_pt > 0 else 1.0
        p = self._new_p(ctx)
        p.paragraph_format.alignment = {"LEFT": WD_ALIGN_PARAGRAPH.LEFT, "RIGHT": WD_ALIGN_PARAGRAPH.RIGHT}.get(
            str(align).upper(), WD_ALIGN_PARAGRAPH.CENTER
        )
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(2)
        p.paragraph_format.keep_with_next = True
        run = p.add_run()
        self._add_picture(run, data, width_pt * scale, height_pt * scale)

    def _add_picture(self, run, data: bytes, w: float, h: float) -> None:
        inline = self.doc.part.new_pic_inline(io.BytesIO(data), Emu(int(w * 12700)), Emu(int(h * 12700)))
        run._r.add_drawing(inline)

    def _drawing_picture(self, d: Drawing, scale: float, ctx: _Ctx) -> None:
        self._picture(raster.drawing_png(d), d.width * scale, d.height * scale, ctx, getattr(d, "hAlign", "CENTER"))

    def _drawing(self, f: Drawing, ctx: _Ctx) -> None:
        self._drawing_picture(f, 1.0, ctx)

    def _chart(self, f: Chart, ctx: _Ctx) -> None:
        self._drawing_picture(f.drawing, f.scale, ctx)

    def _fit_figure(self, f: FitFigure, ctx: _Ctx) -> None:
        self._drawing_picture(f.drawing, 1.0, ctx)
        self.emit(f.caption, ctx)

    def _image(self, f: Image, ctx: _Ctx) -> None:
        # reportlab keeps a file-like source in its ImageReader (Image.filename is then its repr)
        reader = getattr(f, "_img", None)
        src: Any = getattr(reader, "fp", None) or getattr(reader, "fileName", None) or getattr(f, "filename", None)
        try:
            if hasattr(src, "read"):
                src.seek(0)
                data = src.read(MAX_PICTURE_BYTES + 1)
            else:
                path = Path(str(src))
                if path.stat().st_size > MAX_PICTURE_BYTES:
                    raise ValueError("picture too large")
                data = path.read_bytes()
            if len(data) > MAX_PICTURE_BYTES:
                raise ValueError("picture too large")
            data = _as_png_if_needed(data)
        except Exception:  # a damaged logo must not stop the document (the PDF leaves the space)
            self._spacer(Spacer(1, f.drawHeight), ctx)
            return
        self._picture(data, f.drawWidth, f.drawHeight, ctx, getattr(f, "hAlign", "CENTER"))

    # ------------------------------------------------------------ keep together
    def _keep_together(self, f: KeepTogether, ctx: _Ctx) -> None:
        inner = list(f._content)
        for i, x in enumerate(inner):
            last = i == len(inner) - 1
            self.emit(x, _Ctx(ctx.add, ctx.width, keep=ctx.keep or not last, group=True))

    # ------------------------------------------------------------ tables
    def _table(self, t: Table, ctx: _Ctx) -> None:
        TableXml(self, t, ctx).write()

    def _paged_table(self, f: PagedTable, ctx: _Ctx) -> None:
        """All the groups as one table; every row of a group but its last is kept with the
        next row (and the header rows with the first group), so Word moves a whole group
        to the next page rather than splitting it."""
        t = f.make(f.groups)
        n_head = len(t._cellvalues) - sum(len(g) for g in f.groups)
        keep = set(range(n_head))
        row = n_head
        for g in f.groups:
            keep.update(range(row, row + len(g) - 1))
            row += len(g)
        TableXml(self, t, ctx, frozenset(keep)).write()

    def _grid(self, g: GridTable, ctx: _Ctx) -> None:
        GridXml(self, g, ctx).write()

    # the story walked by the TOC fields for their entries
    _story: Sequence = ()


def _walk(flowables: Iterable) -> Iterator:
    """Every flowable, nested ones (KeepTogether, FitFigure's caption) too."""
    for f in flowables:
        yield f
        if isinstance(f, FitFigure):
            yield f.caption
        inner = getattr(f, "_content", None)
        if isinstance(inner, (list, tuple)) and not isinstance(f, FitFigure):
            yield from _walk(inner)


def walk_all(story: Iterable) -> Iterator:
    """Every flowable including those inside table cells."""
    for f in _walk(story):
        yield f
        if isinstance(f, Table):
            for row in f._cellvalues:
                for v in row:
                    if isinstance(v, (list, tuple)):
                        yield from walk_all(v)
                    elif not isinstance(v, str) and v is not None and hasattr(v, "wrap"):
                        yield from walk_all([v])


def _plain(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _plain_markup(text: str) -> str:
    return " ".join(r.text for r in markup_runs(text) if not r.brk).strip()


def _as_png_if_needed(data: bytes) -> bytes:
    """PNG and JPEG go in as they are; any other picture Pillow reads becomes a PNG."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        return data
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as im:
        im.load()
        out = io.BytesIO()
        im.save(out, "PNG")
        return out.getvalue()


# ---------------------------------------------------------------- table XML
_EDGES = ("top", "left", "bottom", "right")


class TableXml:
    """One reportlab Table as a w:tbl (written with lxml: thousands of cells stay fast)."""

    def __init__(self, w: DocxWriter, t: Table, ctx: _Ctx, keep_rows: frozenset[int] = frozenset()) -> None:
        self.w, self.t, self.ctx = w, t, ctx
        self.keep_rows = keep_rows  # rows kept with the next one (a PagedTable's groups)
        self.rows = t._cellvalues
        self.nr = len(self.rows)
        self.nc = max((len(r) for r in self.rows), default=0)

    def _norm(self, c: int, r: int) -> tuple[int, int]:
        return (c + self.nc if c < 0 else c, r + self.nr if r < 0 else r)

    def _range(self, a, b) -> tuple[int, int, int, int]:
        c0, r0 = self._norm(*a)
        c1, r1 = self._norm(*b)
        return min(c0, c1), min(r0, r1), min(max(c0, c1), self.nc - 1), min(max(r0, r1), self.nr - 1)

    def widths(self) -> list[float]:
        ws = list(self.t._argW) if self.t._argW else [None] * self.nc
        ws += [None] * (self.nc - len(ws))
        known = sum(float(x) for x in ws if isinstance(x, (int, float)))
        free = [i for i, x in enumerate(ws) if not isinstance(x, (int, float))]
        rest = max(20.0, (self.ctx.width - known) / len(free)) if free else 0
        return [float(x) if isinstance(x, (int, float)) else rest for x in ws]

    def spans(self) -> tuple[dict, dict]:
        origin: dict[tuple[int, int], tuple[int, int]] = {}  # (r, c) -> (colspan, rowspan)
        covered: dict[tuple[int, int], tuple[int, int]] = {}  # (r, c) -> origin (r, c)
        for _, a, b in self.t._spanCmds:
            c0, r0, c1, r1 = self._range(a, b)
            if (c0, r0) == (c1, r1):
                continue
            origin[(r0, c0)] = (c1 - c0 + 1, r1 - r0 + 1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        covered[(r, c)] = (r0, c0)
        return origin, covered

    def shading(self) -> dict[tuple[int, int], str]:
        out: dict[tuple[int, int], str] = {}
        for cmd in self.t._bkgrndcmds:
            op, a, b, arg = cmd[0], cmd[1], cmd[2], cmd[3]
            c0, r0, c1, r1 = self._range(a, b)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if op == "BACKGROUND":
                        col = arg[1] if isinstance(arg, (list, tuple)) and len(arg) > 1 else arg
                    elif op == "ROWBACKGROUNDS":
                        col = arg[(r - r0) % len(arg)] if arg else None
                    elif op == "COLBACKGROUNDS":
                        col = arg[(c - c0) % len(arg)] if arg else None
                    else:
                        raise UnsupportedFlowable(f"DOCX: perintah tabel {op} belum diterjemahkan")
                    h = _hex(col)
                    if h is not None:
                        out[(r, c)] = h
                    else:
                        out.pop((r, c), None)
        return out

    def borders(self) -> dict[tuple[int, int], dict[str, tuple[int, str]]]:
        out: dict[tuple[int, int], dict[str, tuple[int, str]]] = {}

        def put(r, c, edge, spec):
            out.setdefault((r, c), {})[edge] = spec

        for cmd in self.t._linecmds:
            op, a, b, weight, color = cmd[:5]
            c0, r0, c1, r1 = self._range(a, b)
            col = _hex(color)
            if col is None or not weight:
                continue
            spec = (max(2, min(96, int(round(float(weight) * 8)))), col)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    edges: list[str] = []
                    if op == "GRID":
                        edges = list(_EDGES)
                    elif op in ("BOX", "OUTLINE"):
                        edges = [e for e, on in zip(_EDGES, (r == r0, c == c0, r == r1, c == c1), strict=True) if on]
                    elif op == "INNERGRID":
                        edges = [e for e, on in zip(_EDGES, (r > r0, c > c0, r < r1, c < c1), strict=True) if on]
                    elif op == "LINEBELOW":
                        edges = ["bottom"]
                    elif op == "LINEABOVE":
                        edges = ["top"]
                    elif op == "LINEBEFORE":
                        edges = ["left"]
                    elif op == "LINEAFTER":
                        edges = ["right"]
                    else:
                        raise UnsupportedFlowable(f"DOCX: garis tabel {op} belum diterjemahkan")
                    for e in edges:
                        put(r, c, e, spec)
        return out

    def write(self) -> None:
        t = self.t
        widths = self.widths()
        origin, covered = self.spans()
        shade = self.shading()
        lines = self.borders()
        tbl = OxmlElement("w:tbl")
        pr = _set(tbl, "w:tblPr")
        _set(pr, "w:tblW", w=_twips(sum(widths)), type="dxa")
        _set(pr, "w:jc", val={"LEFT": "left", "RIGHT": "right"}.get(str(t.hAlign).upper(), "center"))
        cs0 = t._cellStyles[0][0] if t._cellStyles and t._cellStyles[0] else None
        _set(pr, "w:tblLayout", type="fixed")
        if cs0 is not None:
            mar = _set(pr, "w:tblCellMar")
            for edge, v in (
                ("top", cs0.topPadding),
                ("left", cs0.leftPadding),
                ("bottom", cs0.bottomPadding),
                ("right", cs0.rightPadding),
            ):
                _set(mar, f"w:{edge}", w=_twips(v), type="dxa")
        _set(pr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", noHBand="0", noVBand="1")
        grid = _set(tbl, "w:tblGrid")
        for wd in widths:
            _set(grid, "w:gridCol", w=_twips(wd))
        rep = t.repeatRows if isinstance(t.repeatRows, int) else len(t.repeatRows or ())
        heights = list(t._argH or [])
        for r, row in enumerate(self.rows):
            tr = _set(tbl, "w:tr")
            trpr = _set(tr, "w:trPr")
            _set(trpr, "w:cantSplit")
            if r < rep:
                _set(trpr, "w:tblHeader")
            if r < len(heights) and isinstance(heights[r], (int, float)):
                _set(trpr, "w:trHeight", val=_twips(heights[r]), hRule="atLeast")
            keep = self.ctx.keep or (self.ctx.group and r < self.nr - 1) or r in self.keep_rows
            c = 0
            while c < self.nc:
                if (r, c) in covered and covered[(r, c)][0] == r:
                    c += 1
                    continue  # within a horizontal span of this row
                o = covered.get((r, c))
                if o is not None and o[1] != c:
                    c += 1
                    continue
                span_c, span_r = origin.get((r, c), (1, 1))
                vmerge = None
                if o is not None:  # the continuation of a vertical span
                    span_c = origin[o][0]
                    vmerge = "continue"
                elif span_r > 1:
                    vmerge = "restart"
                tc = _set(tr, "w:tc")
                tcpr = _set(tc, "w:tcPr")
                _set(tcpr, "w:tcW", w=_twips(sum(widths[c : c + span_c])), type="dxa")
                if span_c > 1:
                    _set(tcpr, "w:gridSpan", val=span_c)
                if vmerge == "restart":
                    _set(tcpr, "w:vMerge", val="restart")
                elif vmerge == "continue":
                    _set(tcpr, "w:vMerge")
                bd = self._cell_borders(lines, r, c, span_c)
                if bd:
                    tb = _set(tcpr, "w:tcBorders")
                    for edge in _EDGES:
                        if edge in bd:
                            sz, col = bd[edge]
                            _set(tb, f"w:{edge}", val="single", sz=sz, space=0, color=col)
                        else:
                            _set(tb, f"w:{edge}", val="nil")
                if (r, c) in shade:
                    _set(tcpr, "w:shd", val="clear", color="auto", fill=shade[(r, c)])
                cs = t._cellStyles[r][c]
                _set(tcpr, "w:vAlign", val={"TOP": "top", "MIDDLE": "center"}.get(str(cs.valign).upper(), "bottom"))
                value = row[c] if c < len(row) and vmerge != "continue" else ""
                self._cell_content(tc, value, cs, sum(widths[c : c + span_c]), keep)
                c += span_c
        self.ctx.add(tbl)
        if self.ctx.add == self.w._add_body and self.w.state.pending_break:
            # a table right after a page break: Word breaks before the table's first paragraph
            first_p = tbl.find(".//" + qn("w:p"))
            if first_p is not None:
                DocxParagraph(first_p, None).paragraph_format.page_break_before = True  # type: ignore[arg-type]
            self.w.state.pending_break = False

    @staticmethod
    def _cell_borders(lines, r: int, c: int, span_c: int) -> dict[str, tuple[int, str]]:
        first = lines.get((r, c), {})
        last = lines.get((r, c + span_c - 1), {})
        out = {e: first[e] for e in ("top", "left", "bottom") if e in first}
        if "right" in last:
            out["right"] = last["right"]
        return out

    def _cell_content(self, tc, value, cs, width: float, keep: bool) -> None:
        ctx = _Ctx(tc.append, max(20.0, width - cs.leftPadding - cs.rightPadding), keep=keep)
        n_before = len(tc)
        items = value if isinstance(value, (list, tuple)) else [value]
        for v in items:
            if v is None or isinstance(v, str) or not hasattr(v, "wrap"):
                self._plain_cell(ctx, "" if v is None else str(v), cs)
            elif isinstance(v, Spacer) and not isinstance(v, CondPageBreak):
                if v.height >= 2:
                    self.w._spacer(v, ctx)
            else:
                self.w.emit(v, ctx)
                if isinstance(v, Paragraph):
                    p = DocxParagraph(tc[-1], None)  # type: ignore[arg-type]
                    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        if len(tc) == n_before or tc[-1].tag != qn("w:p"):
            tc.append(OxmlElement("w:p"))  # a cell ends with a paragraph (Word's rule)

    def _plain_cell(self, ctx: _Ctx, text: str, cs) -> None:
        """A cell of plain text as minimal XML (a province's table has 40,000 of them):
        one paragraph in the cell's look, a run per line."""
        look = (cs.fontname, cs.fontsize, cs.leading, str(cs.alignment).upper(), _hex(cs.color))
        style = self.w.cell_looks.get(look)
        if style is None:
            ps = ParagraphStyle(
                "sel",
                fontName=cs.fontname,
                fontSize=cs.fontsize,
                leading=cs.leading if cs.leading else cs.fontsize * 1.2,
                alignment={"CENTER": TA_CENTER, "CENTRE": TA_CENTER, "RIGHT": TA_RIGHT, "DECIMAL": TA_RIGHT}.get(
                    look[3], 0
                ),
                textColor=cs.color,
            )
            style = self.w.cell_looks[look] = self.w.style_id(ps, None)
        p = OxmlElement("w:p")
        ctx.add(p)
        ppr = _set(p, "w:pPr")
        _set(ppr, "w:pStyle", val=style)
        if ctx.keep:
            _set(ppr, "w:keepNext")
        for i, line in enumerate(text.split("\n")):
            if i:
                _set(_set(p, "w:r"), "w:br")
            if line:
                t = _set(_set(p, "w:r"), "w:t")
                t.text = xml_text(line)
                if t.text != t.text.strip():
                    t.set(qn("xml:space"), "preserve")


class GridXml:
    """The olah-data respondent grid (drawn straight on the canvas in the PDF) as a Word
    table with its header repeated on each page. Minimal XML per cell: 10 000 rows fit."""

    def __init__(self, w: DocxWriter, g: GridTable, ctx: _Ctx) -> None:
        self.w, self.g, self.ctx = w, g, ctx

    def write(self) -> None:
        g = self.g
        fs = g.font_size
        body = self.w.style_id(
            ParagraphStyle("grid", fontName=SANS, fontSize=fs, leading=fs * 1.15, alignment=TA_CENTER), None
        )
        head = self.w.style_id(
            ParagraphStyle("grid_h", fontName=SANS_BOLD, fontSize=fs, leading=fs * 1.15, alignment=TA_CENTER), None
        )
        tbl = OxmlElement("w:tbl")
        pr = _set(tbl, "w:tblPr")
        _set(pr, "w:tblW", w=_twips(sum(g.widths)), type="dxa")
        _set(pr, "w:jc", val="center")
        bd = _set(pr, "w:tblBorders")
        col = _hex(GRID) or "auto"
        for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _set(bd, f"w:{e}", val="single", sz=3, space=0, color=col)
        _set(pr, "w:tblLayout", type="fixed")
        mar = _set(pr, "w:tblCellMar")
        for e in ("top", "left", "bottom", "right"):
            _set(mar, f"w:{e}", w=10 if e in ("top", "bottom") else 30, type="dxa")
        grid = _set(tbl, "w:tblGrid")
        for wd in g.widths:
            _set(grid, "w:gridCol", w=_twips(wd))
        fill = _hex(LIGHT) or palette.CHART_EMPTY.lstrip("#")
        # the rows as XML text: lxml elements for 100 000 cells cost seconds (python-docx's
        # element classes) where the text costs a fraction of one. A placeholder paragraph
        # stands in the tree and the text replaces it in the saved document.xml.
        parts: list[str] = []

        def row(values, style: str, header: bool = False) -> None:
            parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
            shd = f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>' if header else ""
            for v in values:
                run = f'<w:r><w:t xml:space="preserve">{xml_escape(xml_text(str(v)))}</w:t></w:r>' if v else ""
                parts.append(f'<w:tc>{shd}<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>')
            parts.append("</w:tr>")

        row(g.header, head, header=True)
        for r in g.rows[g.start :]:
            row(r, body)
        w_decl = f' xmlns:w="{nsmap["w"]}"'
        props = "".join(etree.tostring(c, encoding="unicode") for c in tbl).replace(w_decl, "")
        marker = f"SKM-GRID-{len(self.w.deferred) + 1}"
        self.w.deferred[marker] = "<w:tbl>" + props + "".join(parts) + "</w:tbl>"
        p = OxmlElement("w:p")
        _set(_set(p, "w:r"), "w:t").text = marker
        self.ctx.add(p)
        if self.ctx.add != self.w._add_body:
            self.ctx.add(OxmlElement("w:p"))  # a cell ends with a paragraph


def unsupported_types(story: Sequence, writer: DocxWriter | None = None) -> set[str]:
    """Names of the flowable types in ``story`` (nested ones too) the writer cannot translate."""
    w = writer or DocxWriter(DocInfo("", ""), [PageTemplate("x", [_frame()])], (595.0, 842.0))
    return {type(f).__name__ for f in walk_all(story) if w.handler(f) is None}


def _frame():
    from reportlab.platypus import Frame

    return Frame(0, 0, 595, 842)


def write_docx(
    story: Sequence,
    out: Path | io.BytesIO,
    info: DocInfo,
    templates: Sequence[PageTemplate],
    default_size: tuple[float, float],
    progress: ProgressFn = None,
) -> None:
    """Write ``story`` (built for the PDF) as a DOCX with the given page templates."""
    DocxWriter(info, templates, default_size, progress).write(story, out)
