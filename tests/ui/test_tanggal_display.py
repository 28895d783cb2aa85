"""One format to show a date (14 Desember 2024, with time 14 Desember 2024 19.41)
and one to edit it (14/12/2024) across the screens: no screen formats a date itself."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QDate

import skm_desktop.ui
from skm_desktop.domain.tanggal import FORMAT_EDIT_QT, format_edit

UI = Path(skm_desktop.ui.__file__).parent
# day-first patterns and times written by hand: strftime, f"{d:%d-%m-%Y}", "%H.%M", "pukul"
OWN_FORMAT = re.compile(r"strftime\(|%d[-/. ]%m|:%H|%H[.:]%M|\bpukul\b")
QT_FORMAT = re.compile(r"setDisplayFormat\(\s*\"([^\"]*)\"")


def test_no_screen_formats_dates_itself():
    found = []
    for path in sorted(UI.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OWN_FORMAT.search(line):
                found.append(f"{path.relative_to(UI)}:{n}: {line.strip()}")
            for pattern in QT_FORMAT.findall(line):
                if pattern != FORMAT_EDIT_QT:
                    found.append(f"{path.relative_to(UI)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_qt_edit_pattern_is_format_edit(qtbot):
    for d in (dt.date(2024, 12, 14), dt.date(2025, 1, 5)):
        assert QDate(d.year, d.month, d.day).toString(FORMAT_EDIT_QT) == format_edit(d)


def test_backup_and_kiosk_times_read_the_same_way():
    from skm_desktop.ui import safety
    from skm_desktop.ui.kualitas.common import waktu_text

    class E:
        taken = dt.datetime(2026, 12, 1, 19, 41)
        reason_label = "otomatis"

    assert safety.describe_backup(E) == "1 Desember 2026 19.41 (otomatis)"
    assert waktu_text(E.taken) == "1 Desember 2026 19.41"
