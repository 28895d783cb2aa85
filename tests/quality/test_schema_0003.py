"""Schema 0003 (verification, keying statistics): the migrated schema equals
the models, and a 0002 file migrates through 0003 to the head without losing data."""

import sqlite3

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from skm_desktop.storage import database
from skm_desktop.storage.models import Base


def test_migrated_schema_matches_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert "0003" in database.KNOWN_REVISIONS and database.SCHEMA_HEAD in database.KNOWN_REVISIONS


def test_0002_file_migrates_to_0003_without_loss(tmp_path):
    path = tmp_path / "lama.db"
    engine = database.make_engine(path)
    with engine.begin() as conn:
        command.upgrade(database._alembic_config(conn), "0002")
        conn.execute(text(f"PRAGMA application_id={database.APPLICATION_ID}"))
        conn.execute(text("INSERT INTO skm_meta VALUES ('dibuat_oleh', 'uji')"))
        conn.execute(
            text(
                "INSERT INTO unit (id, nama, alamat, kota, telepon, email, instansi_induk, "
                "pejabat_nama, pejabat_jabatan, pejabat_nip, created_at) "
                "VALUES (1, 'Kel. Lama', '', '', '', '', '', '', '', '', '2024-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO periode (id, unit_id, nama, bobot_mode, ditutup, n_prioritas, created_at) "
                "VALUES (1, 1, '2024', 'standar', 0, 3, '2024-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO responden (id, periode_id, no_kuesioner, saran, sumber, batch, operator, "
                "posisi, ditahan, created_at, updated_at) VALUES "
                "(7, 1, 12, 'baik', 'kertas', 'B01', 'Rina', 4, 0, '2024-01-01', '2024-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO audit (waktu, operator, aksi, periode_id, responden_id, no_kuesioner, "
                "keterangan) VALUES ('2024-01-02', 'Rina', 'hapus', 1, 9, 13, 'x')"
            )
        )
    engine.dispose()
    db = database.open_database(path)
    try:
        con = sqlite3.connect(path)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == database.SCHEMA_HEAD
        assert con.execute("SELECT no_kuesioner, batch, operator, posisi, saran FROM responden").fetchall() == [
            (12, "B01", "Rina", 4, "baik")
        ]
        assert con.execute("SELECT aksi, no_kuesioner, ref_id FROM audit").fetchall() == [("hapus", 13, None)]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"verifikasi", "verifikasi_item", "verifikasi_selisih", "kinerja_entri"} <= tables
        con.close()
    finally:
        db.close()
