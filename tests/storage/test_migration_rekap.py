"""Migration 0007 (city recap): an old database gains unit.kelompok = '' and empty recap
tables; a 0007 database keeps its recap rows when reopened."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from skm_desktop.storage.database import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
RECAP_TABLES = ("rekap_target", "rekap_sasaran", "rekap_ringkasan", "rekap_paket")


@pytest.mark.parametrize(
    "rev,kelompok,counts",
    [
        ("0006", [("Puskesmas Arsip", "")], (0, 0, 0, 0)),
        ("0007", [("Puskesmas Arsip", "Puskesmas"), ("Kelurahan Ringkas", "Kelurahan")], (1, 1, 1, 1)),
    ],
)
def test_saved_database_opens_with_its_recap_data(tmp_path, rev, kelompok, counts):
    path = tmp_path / "rekap.db"
    shutil.copy(FIXTURES / f"schema-{rev}.sqlite", path)
    open_database(path).close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT nama, kelompok FROM unit ORDER BY id").fetchall() == kelompok
        assert tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in RECAP_TABLES) == counts
        if rev == "0007":
            assert con.execute("SELECT ikm, periode, mutu FROM rekap_ringkasan").fetchall() == [
                ("84.39", "Semester I", "B")
            ]
    finally:
        con.close()
