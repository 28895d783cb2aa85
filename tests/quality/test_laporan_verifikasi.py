"""The laporan states how much of the keyed paper data was verified."""

import pytest

from skm_desktop.services import documents, survey
from skm_desktop.services import verifikasi as vf
from tests.helpers.verifikasi import second_entry, verifikasi_unit


@pytest.fixture
def setup(db):
    return verifikasi_unit(db)


def laporan_text(db, pid, tmp_path):
    out = documents.build(db, "laporan", tmp_path / "lap.pdf", pid, invariant=True)
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)


def test_laporan_states_verified_share(db, setup, tmp_path):  # noqa: F811 (the fixture imported above)
    pid = setup
    assert "Belum ada kuesioner yang diverifikasi dengan entri ganda." in laporan_text(db, pid, tmp_path)
    job = vf.mulai_batch(db, pid, "B01", "Agus")
    with db.read_session() as s:
        stored = {r.no_kuesioner: r for _, r in survey.load_records(s, pid)}
    while True:
        with db.read_session() as s:
            item = vf.next_item(s, job)
        if item is None:
            break
        vf.simpan_entri_kedua(db, item.item_id, second_entry(stored[item.no_kuesioner]), ketukan=40, durasi_ms=20_000)
    text = laporan_text(db, pid, tmp_path)
    assert "Sebanyak 5 dari 10 kuesioner kertas (50,00%) telah diverifikasi dengan entri ganda" in text
