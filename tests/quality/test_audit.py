"""The audit trail records every path that changes stored questionnaires, and
restores a deletion."""

import datetime as dt

import pytest

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import ServiceError, audit, auditing, survey
from skm_desktop.services.importing import import_file
from tests.helpers.units import unit_with_periode


@pytest.fixture
def periode(db):
    return unit_with_periode(db)[1]


def rec(no, answers=(3, 3, 4, 2, 3, 3, 4, 3, 3), **kw):
    base = dict(
        no_kuesioner=no,
        answers=answers,
        tanggal=dt.date(2025, 3, 4),
        layanan="KTP",
        jenis_kelamin="Perempuan",
        usia=30,
        pendidikan="SMA",
        pekerjaan="Swasta",
        batch="B01",
        operator="Rina",
        posisi=no,
    )
    base.update(kw)
    return RespondentRecord(**base)


def test_add_edit_delete_restore_recorded(db, periode):
    rid = survey.save_respondent(db, periode, rec(1))
    survey.update_respondent(db, rid, rec(1, answers=(3, 3, 4, 2, 3, 3, 4, 3, 1), usia=31), operator="Budi")
    survey.delete_respondent(db, rid, operator="Sari")
    with db.read_session() as s:
        rows = audit.list_audit(s, periode)
    assert [r.aksi for r in rows] == ["hapus", "ubah", "tambah"]
    hapus, ubah, tambah = rows
    assert tambah.operator == "Rina" and tambah.sebelum is None and tambah.sesudah["usia"] == 30
    assert ubah.operator == "Budi"
    changed = {f.key: (f.sebelum, f.sesudah) for f in ubah.fields() if f.berubah}
    assert changed == {"u9": (3, 1), "usia": (30, 31)}
    assert hapus.operator == "Sari" and hapus.sebelum["jawaban"][8] == 1 and hapus.dapat_dipulihkan
    new_id = auditing.restore(db, hapus.id, operator="Sari")
    with db.read_session() as s:
        ((got_id, got),) = survey.load_records(s, periode)
        assert got_id == new_id
        assert got == rec(1, answers=(3, 3, 4, 2, 3, 3, 4, 3, 1), usia=31)
        rows = audit.list_audit(s, periode)
        assert rows[0].aksi == "pulih" and rows[0].ref_id == hapus.id
        assert not [r for r in rows if r.aksi == "hapus"][0].dapat_dipulihkan
    with pytest.raises(ServiceError, match="sudah pernah dipulihkan"):
        auditing.restore(db, hapus.id)


def test_unchanged_save_writes_no_audit_row(db, periode):
    rid = survey.save_respondent(db, periode, rec(1))
    survey.update_respondent(db, rid, rec(1))
    with db.read_session() as s:
        assert [r.aksi for r in audit.list_audit(s, periode)] == ["tambah"]


def test_restore_refused_when_number_reused(db, periode):
    rid = survey.save_respondent(db, periode, rec(5))
    survey.delete_respondent(db, rid)
    survey.save_respondent(db, periode, rec(5, usia=50))
    with db.read_session() as s:
        hapus = audit.list_audit(s, periode, aksi="hapus")[0]
    with pytest.raises(ServiceError, match="Nomor kuesioner 5 sudah dipakai lagi"):
        auditing.restore(db, hapus.id)
    with db.read_session() as s:
        assert [r.usia for _, r in survey.load_records(s, periode)] == [50]
        assert audit.list_audit(s, periode, aksi="pulih") == []


def test_filters(db, periode):
    a = survey.save_respondent(db, periode, rec(1))
    survey.save_respondent(db, periode, rec(2, operator="Agus"))
    survey.delete_respondent(db, a, operator="Agus")
    with db.read_session() as s:
        assert [r.no_kuesioner for r in audit.list_audit(s, periode, operator="Agus")] == [1, 2]
        assert [r.aksi for r in audit.list_audit(s, periode, no_kuesioner=1)] == ["hapus", "tambah"]
        assert len(audit.list_audit(s, periode, aksi="tambah")) == 2
        today = dt.date.today()
        assert len(audit.list_audit(s, periode, dari=today, sampai=today)) == 3
        assert audit.list_audit(s, periode, sampai=today - dt.timedelta(days=1)) == []
        assert audit.operators(s, periode) == ["Agus", "Rina"]


def test_import_writes_one_audit_row(db, tmp_path):
    rows = ["no_kuesioner;" + ";".join(f"u{i}" for i in range(1, 10)) + ";batch;posisi;operator"]
    rows += [f"{n};" + ";".join("3" for _ in range(9)) + f";B7;{n};Dewi" for n in range(1, 301)]
    f = tmp_path / "a.csv"
    f.write_text("\n".join(rows), encoding="utf-8")
    r = import_file(db, f, "Kelurahan Impor", "2025", operator="Dewi")
    with db.read_session() as s:
        p = survey.find_periode(s, "2025")
        trail = audit.list_audit(s, p.id)
        assert [(t.aksi, t.operator) for t in trail] == [("impor", "Dewi")]
        assert "300 kuesioner" in trail[0].keterangan and r.imported == 300
