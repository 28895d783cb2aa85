"""One stylesheet and one colour table: no colour literal and no new setStyleSheet in ui/,
the mutu colours from skm_desktop.palette on screen (badge, figures, charts) and on paper."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from skm_desktop import palette
from skm_desktop.ui import app as app_mod

PKG = Path(__file__).resolve().parents[2] / "skm_desktop"
QSS = PKG.parent / "resources" / "styles" / "skm.qss"

# The only dynamic sheets: the application's sheet (skm.qss, read once at start) and the kiosk
# window's sheet (its sizes follow the screen size/dpi and its colours the high-contrast switch).
ALLOWED_SET_STYLE_SHEET = {"ui/app.py": 1, "ui/kiosk/window.py": 1}

HEX = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-zA-Z_])")
RGB = re.compile(r"\b(?:rgba?|hsla?)\s*\(", re.IGNORECASE)
NAMED = re.compile(
    r"^(?:red|green|blue|white|black|gray|grey|yellow|orange|transparent|darkgr[ae]y|"
    r"lightgr[ae]y)$",
    re.IGNORECASE,
)


def colour_offences(source: str, where: str) -> list[str]:
    """Colour literals in Python ``source``: hex or rgb() in a string, QColor(<literal>),
    Qt.GlobalColor.x, a colour name in QColor()/setForeground()/setBackground()."""
    bad = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING and (HEX.search(tok.string) or RGB.search(tok.string)):
            bad.append(f"{where}:{tok.start[0]} colour in a string {tok.string[:40]}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "GlobalColor":
            bad.append(f"{where}:{node.lineno} Qt.GlobalColor")
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "QColor" and node.args and all(isinstance(a, ast.Constant) for a in node.args):
                bad.append(f"{where}:{node.lineno} QColor with a literal")
            if name in ("QColor", "setForeground", "setBackground", "fill"):
                for a in node.args:
                    if isinstance(a, ast.Constant) and isinstance(a.value, str) and NAMED.match(a.value):
                        bad.append(f"{where}:{node.lineno} colour name {a.value!r}")
    return bad


def set_style_sheet_calls(source: str) -> int:
    return sum(
        1
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "setStyleSheet"
    )


def ui_files():
    files = sorted((PKG / "ui").rglob("*.py"))
    assert len(files) > 20
    return files


def test_the_checks_find_what_they_look_for():
    bad = colour_offences(
        'a = QColor("#fff")\nb = "color: #546e7a;"\nc = QColor(1, 2, 3)\n'
        'd = Qt.GlobalColor.gray\ne = "rgba(0, 0, 0, 10)"\nf = it.setForeground("red")\n',
        "x",
    )
    assert len(bad) == 7  # the first line is a hex string and a literal QColor
    assert colour_offences('# a comment #ffffff\nx = QColor(palette.TEXT)\ny = "no. #12"\n', "x") == []
    assert set_style_sheet_calls('w.setStyleSheet("")\nw.styleSheet()\n') == 1


def test_no_colour_literal_in_ui():
    bad = []
    for f in ui_files():
        bad += colour_offences(f.read_text(encoding="utf-8"), f.relative_to(PKG).as_posix())
    assert bad == [], "colours belong in skm_desktop/palette.py or resources/styles/skm.qss:\n" + "\n".join(bad)


def test_set_style_sheet_only_where_a_dynamic_sheet_is_needed():
    found = {}
    for f in ui_files():
        n = set_style_sheet_calls(f.read_text(encoding="utf-8"))
        if n:
            found[f.relative_to(PKG).as_posix()] = n
    assert found == ALLOWED_SET_STYLE_SHEET, (
        "style widgets with setObjectName / ui.gaya.peran() and a rule in "
        "resources/styles/skm.qss instead of setStyleSheet"
    )


def test_palette_is_well_formed_and_neutral():
    hexes = [v for k, v in vars(palette).items() if k.isupper() and isinstance(v, str) and v.startswith("#")]
    hexes += list(palette.MUTU.values()) + list(palette.PDF_SERIES)
    hexes += [v for d in (palette.KIOSK, palette.KIOSK_HIGH_CONTRAST) for v in d.values() if v.startswith("#")]
    assert len(hexes) > 30
    for v in hexes:
        assert re.fullmatch(r"#[0-9a-f]{6}", v), v
    assert set(palette.MUTU) == {"A", "B", "C", "D"}
    assert len(set(palette.MUTU.values())) == 4
    assert palette.mutu("C") == palette.MUTU["C"] and palette.mutu(None) == palette.MUTU_NONE
    assert palette.rgb("#2e7d32") == (0x2E, 0x7D, 0x32)
    tree = ast.parse((PKG / "palette.py").read_text(encoding="utf-8"))
    imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imports |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imports <= {"__future__", "re"}  # importable by ui and reports alike


def _contrast(a: str, b: str) -> float:
    def lum(c: str) -> float:
        ch = [x / 255 for x in palette.rgb(c)]
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_mutu_colours_carry_white_bold_text():
    for m, c in palette.MUTU.items():
        assert _contrast(c, "#ffffff") >= 3.9, m  # large bold text on the badge


def test_stylesheet_tokens_are_all_known():
    text = QSS.read_text(encoding="utf-8")
    assert "@mutu-A" in text
    filled = palette.fill_qss(text)
    assert "@" not in filled
    for c in palette.MUTU.values():
        assert c in filled
    with pytest.raises(ValueError, match="@warna-baru"):
        palette.fill_qss("QLabel { color: @warna-baru; }")


def test_oversized_or_broken_sheet_is_refused_and_the_app_runs(qapp, tmp_path, monkeypatch, caplog):
    before = qapp.styleSheet()
    big = tmp_path / "big.qss"
    big.write_bytes(b"/*" + b" " * (app_mod.STYLE_MAX_BYTES + 1) + b"*/")
    monkeypatch.setattr(app_mod, "STYLE", big)
    app_mod.apply_style(qapp)
    assert qapp.styleSheet() == before and "terlalu besar" in caplog.text
    bad = tmp_path / "bad.qss"
    bad.write_text("QLabel { color: @tidak-ada; }", encoding="utf-8")
    monkeypatch.setattr(app_mod, "STYLE", bad)
    app_mod.apply_style(qapp)
    assert qapp.styleSheet() == before and "@tidak-ada" in caplog.text


@pytest.fixture
def styled(qapp):
    before = qapp.styleSheet()
    app_mod.apply_style(qapp)
    yield qapp
    qapp.setStyleSheet(before)


def _pixel(w, x, y):
    return w.grab().toImage().pixelColor(x, y).name()


def test_entry_badge_takes_the_palette_mutu_colour(qtbot, styled):
    from skm_desktop.ui.entry.panel import LiveResultsPanel

    panel = LiveResultsPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    badge = panel.mutu
    assert _pixel(badge, 4, badge.height() // 2) == palette.MUTU_NONE
    for m in ("A", "D", "C"):
        panel._set_mutu_color(m)
        QApplication.processEvents()
        assert _pixel(badge, 4, badge.height() // 2) == palette.MUTU[m], m
    panel._set_mutu_color(None)
    assert _pixel(badge, 4, badge.height() // 2) == palette.MUTU_NONE


def test_hasil_figure_and_status_label_follow_the_stylesheet(qtbot, styled):
    from skm_desktop.ui.hasil import Figure
    from skm_desktop.ui.widgets import StatusLabel

    fig = Figure("Mutu pelayanan")
    qtbot.addWidget(fig)
    fig.show()
    fig.set("B", "B")
    QApplication.processEvents()
    assert fig.value.palette().color(fig.value.foregroundRole()).name() == palette.MUTU["B"]
    fig.set("–", None)
    QApplication.processEvents()
    assert fig.value.palette().color(fig.value.foregroundRole()).name() != palette.MUTU["B"]
    s = StatusLabel()
    qtbot.addWidget(s)
    s.error("Gagal")
    QApplication.processEvents()
    red = s.palette().color(s.foregroundRole()).name()
    assert s.font().bold()
    s.ok("Tersimpan")
    QApplication.processEvents()
    assert s.palette().color(s.foregroundRole()).name() != red and not s.font().bold()


def test_pdf_and_screen_charts_share_the_mutu_palette():
    from skm_desktop.reports import styles
    from skm_desktop.ui import charts

    for m, c in palette.MUTU.items():
        assert charts.MUTU_COLORS[m].name() == c
        assert styles.MUTU_COLORS[m].hexval().lower() == "0x" + c[1:]


def test_no_colour_literal_in_reports():
    """The PDF and XLSX documents take their colours from the palette too (openpyxl's
    "RRGGBB" strings included)."""
    bare = re.compile(r"""^["'][0-9A-Fa-f]{6}["']$""")
    bad = []
    for f in sorted((PKG / "reports").rglob("*.py")):
        src = f.read_text(encoding="utf-8")
        where = f.relative_to(PKG).as_posix()
        bad += [b for b in colour_offences(src, where) if "colour in a string" in b]
        bad += [
            f"{where}:{t.start[0]} {t.string}"
            for t in tokenize.generate_tokens(io.StringIO(src).readline)
            if t.type == tokenize.STRING and bare.match(t.string)
        ]
    assert bad == []
