"""Builds resources/translations/qt_id.qm: Indonesian for Qt's own texts
(context menus, standard buttons, file dialog), from TEXTS in skm_desktop/ui/qt_id.py.

    python build/make_qt_translation.py

Qt ships no Indonesian translation. Every text is written under each Qt context
that uses it; the .ts is compiled with PySide6's lrelease.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skm_desktop.ui.qt_id import CONTEXTS, TEXTS  # noqa: E402

OUT = ROOT / "resources" / "translations" / "qt_id.qm"


def main() -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="id_ID">']
    for ctx in CONTEXTS:
        lines.append(f"<context><name>{ctx}</name>")
        for src, dst in TEXTS.items():
            lines.append(f"<message><source>{escape(src)}</source><translation>{escape(dst)}</translation></message>")
        lines.append("</context>")
    lines.append("</TS>")
    tmp = Path(tempfile.mkdtemp()) / "qt_id.ts"
    tmp.write_text("\n".join(lines), encoding="utf-8")
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([exe, "-silent", str(tmp), "-qm", str(OUT)], check=True)
    print(f"{OUT} ({OUT.stat().st_size} bita)")


if __name__ == "__main__":
    main()
