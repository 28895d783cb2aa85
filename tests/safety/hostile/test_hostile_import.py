"""Every hostile CSV/XLSX file is refused by the real command line: exit 2, an
Indonesian message naming the place, no traceback, database unchanged, bounded
memory and time. Run with -s to see the corpus figures."""

from __future__ import annotations

import datetime as dt

import pytest

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.storage.database import open_database

from . import cases_import  # noqa: F401 - registers the cases
from .harness import REGISTRY, run_case, summary

CASES = REGISTRY["import"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "template.db"
    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(s, "Unit Uji")
        survey.add_layanan(s, u.id, "KTP")
        pid = survey.create_periode(
            s,
            u.id,
            "2024",
            standard_unsur_set(),
            tanggal_mulai=dt.date(2024, 1, 1),
            tanggal_selesai=dt.date(2024, 12, 31),
        ).id
    for no in (7, 8, 9):
        survey.save_respondent(db, pid, RespondentRecord(no, (3,) * 9, dt.date(2024, 2, 1), "KTP"))
    db.close()
    yield path
    print("\n" + summary())


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_hostile_import_refused(c, template_db, tmp_path):
    run_case(c, template_db, tmp_path)


def test_corpus_covers_every_class():
    names = {c.name for c in CASES}
    assert len(CASES) >= 40
    for needed in (
        "csv_unclosed_quote_at_eof",
        "csv_short_and_long_rows",
        "csv_implausible_dates",
        "csv_forged_kiosk_origin",
        "csv_number_in_kiosk_range",
        "csv_unicode_digits",
        "xlsx_sparse_cell",
        "xlsx_row_900m",
        "xlsx_zip_bomb_declared",
        "xlsx_lying_header",
        "xlsx_16384_columns",
    ):
        assert needed in names
