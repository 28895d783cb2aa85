"""Migration 0005 (city recap): an old database gains unit.kelompok = '' and empty recap tables."""

import shutil
import sqlite3
from pathlib import Path

from skm_desktop.storage.database import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def test_database_of_0004_gains_empty_recap_tables(tmp_path):
    path = tmp_path / "lama.db"
    shutil.copy(FIXTURES / "schema-0004.sqlite", path)
    open_database(path).close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT nama, kelompok FROM unit").fetchall() == [("Puskesmas Arsip", "")]
        for t in ("rekap_target", "rekap_sasaran", "rekap_ringkasan", "rekap_paket"):
            assert con.execute(f"SELECT COUNT(*) FROM {t}").fetchone() == (0,), t
    finally:
        con.close()


def test_recap_rows_of_0005_survive_reopening(tmp_path):
    path = tmp_path / "rekap.db"
    shutil.copy(FIXTURES / "schema-0005.sqlite", path)
    open_database(path).close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT ikm, periode, mutu FROM rekap_ringkasan").fetchall() == [("84.39", "Semester I", "B")]
        assert con.execute("SELECT kelompok FROM unit ORDER BY id").fetchall() == [("Puskesmas",), ("Kelurahan",)]
    finally:
        con.close()
