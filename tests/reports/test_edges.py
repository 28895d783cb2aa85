"""Edge cases: a period without questionnaires, 14 unsur (landscape olah data,
questionnaire still on one sheet), a logo on the cover, names with & and <."""

import datetime as dt

import pytest
from pypdf import PdfReader

from skm_desktop.domain.unsur import Unsur, UnsurSet
from skm_desktop.services import demo, documents, importing, survey

from .conftest import flat, pdf_pages

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)


@pytest.fixture
def edge(db):
    with db.session() as s:
        u = survey.create_unit(s, "Dinas A & <B>", logo=PNG_1x1)
        empty = survey.create_periode(s, u.id, "Kosong", None, None, None)
        us = UnsurSet(tuple(Unsur(f"U{i}", f"Unsur {i}", f"Pertanyaan nomor {i}?") for i in range(1, 15)))
        wide = survey.create_periode(s, u.id, "Lebar", us, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        recs = demo.generate_records(30, seed=2)
        importing.bulk_insert(s, wide, [r.with_(answers=r.answers + r.answers[:5], layanan=None) for r in recs])
        return empty.id, wide.id


@pytest.mark.parametrize(
    "kind,suffix",
    [("laporan", ".pdf"), ("publikasi", ".pdf"), ("olah-data", ".pdf"), ("olah-data", ".xlsx"), ("kuesioner", ".pdf")],
)
def test_empty_period_builds_every_document(db, edge, tmp_path, kind, suffix):
    out = documents.build(db, kind, tmp_path / f"d{suffix}", edge[0], invariant=True)
    assert out.exists()
    if suffix == ".pdf":
        text = flat("\n".join(pdf_pages(out)))
        assert "Dinas A & <B>" in text or "DINAS A & <B>" in text
        if kind == "laporan":
            assert "Tidak ada kuesioner yang terkumpul" in text


def test_wide_unsur_set_goes_landscape_and_kuesioner_fits(db, edge, tmp_path):
    od = documents.build(db, "olah-data", tmp_path / "o.pdf", edge[1], invariant=True)
    page = PdfReader(str(od)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert "U14" in pdf_pages(od)[0]
    k = documents.build(db, "kuesioner", tmp_path / "k.pdf", edge[1], invariant=True)
    pages = pdf_pages(k)
    assert len(pages) == 1 and "14. Unsur 14" in flat(pages[0])
    lap = documents.build(db, "laporan", tmp_path / "l.pdf", edge[1], invariant=True)
    r = PdfReader(str(lap))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in r.pages}
    assert sizes == {(595, 842), (842, 595)}  # A4 portrait, landscape for the olah-data lampiran
    assert any(
        "/Image" in str(p.get("/Resources", {}).get("/XObject", {})) or "/XObject" in p.get("/Resources", {})
        for p in r.pages[:1]
    )  # the logo on the cover
