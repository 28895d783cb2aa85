"""Every hostile summary sheet is refused by `skm-desktop rekap add`: exit 2, an Indonesian
message naming the row and column, no traceback, the recap database unchanged, bounded
memory and time."""

from __future__ import annotations

import pytest

from skm_desktop.services.rekap import RekapService
from skm_desktop.storage.database import open_database

from . import cases_ringkasan  # noqa: F401 - registers the cases
from .harness import REGISTRY, run_case

CASES = REGISTRY["ringkasan"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-rekap")
    sheet = folder / "awal.csv"
    sheet.write_text("unit,kelompok,tahun,ikm\nDinas Uji,Dinas,2023,82.10\n", encoding="utf-8")
    path = folder / "template.db"
    db = open_database(path)
    [r] = RekapService(db).add_files([sheet], baru=True).results
    assert r.status == "ditambahkan", r.alasan
    db.close()
    return path


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_hostile_ringkasan_refused(c, template_db, tmp_path):
    run_case(c, template_db, tmp_path)


def test_corpus_covers_the_rules_of_the_sheet():
    assert len(CASES) >= 18
