"""Imports flow one way: ui/cli -> services -> domain; storage and io at the edges."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "skm_desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                parts = list(path.relative_to(PKG.parent).with_suffix("").parts)[:-node.level]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            out.add(base)
    return out


def files(sub: str):
    return sorted((PKG / sub).rglob("*.py"))


def offenders(sub: str, forbidden: tuple[str, ...]):
    bad = []
    for f in files(sub):
        for m in imported_modules(f):
            if any(m == x or m.startswith(x + ".") for x in forbidden):
                bad.append(f"{f.relative_to(PKG.parent)} imports {m}")
    return bad


def test_domain_is_pure_python():
    assert offenders("domain", ("PySide6", "sqlalchemy", "alembic", "openpyxl", "reportlab",
                                "skm_desktop.storage", "skm_desktop.services", "skm_desktop.ui",
                                "skm_desktop.io", "skm_desktop.reports", "sqlite3")) == []
    for f in files("domain"):  # no files either
        assert "open(" not in f.read_text(encoding="utf-8"), f


def test_ui_has_no_sql():
    assert offenders("ui", ("sqlalchemy", "sqlite3", "skm_desktop.storage.models")) == []


def test_lower_layers_do_not_import_the_gui_or_cli():
    for sub in ("domain", "services", "storage", "io", "reports"):
        assert offenders(sub, ("skm_desktop.ui", "skm_desktop.cli", "PySide6")) == [], sub
