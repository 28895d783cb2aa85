"""The service objects the GUI talks to: bound to one database, one transaction
per method, plain results, Indonesian refusals, and no Session left open."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from sqlalchemy import text, update

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.scoring import Summary
from skm_desktop.services import ServiceError, audit, auditing, results, setup, survey
from skm_desktop.services.auditing import AuditFilter, AuditService
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.results import ResultsService
from skm_desktop.services.setup import SetupService
from skm_desktop.storage.models import Audit


def plan(nama="Puskesmas Melati", layanan=("Poli Umum", "Poli Gigi")):
    return setup.SetupPlan(
        setup.UnitProfile(nama=nama),
        list(layanan),
        "Tahun 2025",
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        standard_unsur_set(),
        choices=setup.default_choices(),
    )


def rec(no, answers=(3, 3, 4, 2, 3, 3, 4, 3, 3), **kw):
    base = dict(
        no_kuesioner=no,
        answers=answers,
        tanggal=dt.date(2025, 3, 4),
        layanan="Poli Umum",
        jenis_kelamin="Perempuan",
        usia=30,
        pendidikan="SMA",
        pekerjaan="Swasta",
        operator="Rina",
    )
    base.update(kw)
    return RespondentRecord(**base)


@pytest.fixture
def filled(db):
    uid, pid = SetupService(db).create_unit_setup(plan())
    for i in range(1, 6):
        survey.save_respondent(db, pid, rec(i, answers=(i % 4 + 1,) * 9, layanan="Poli Gigi" if i % 2 else "Poli Umum"))
    return db, uid, pid


def no_connection_left(db) -> bool:
    return db.engine.pool.checkedout() == 0


# ---------------------------------------------------------------- SetupService
def test_setup_service_has_a_method_for_every_database_function():
    """The object must not drift from the module: every public function of
    services.setup taking ``db`` first is a method of the same name."""
    missing = []
    for name, fn in vars(setup).items():
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != setup.__name__:
            continue
        params = list(inspect.signature(fn).parameters)
        if params[:1] == ["db"] and not hasattr(SetupService, name):
            missing.append(name)
    assert missing == []


def test_setup_service_round_trip_and_refusals(db):
    svc = SetupService(db)
    assert svc.first_unit() is None
    uid, pid = svc.create_unit_setup(plan())
    assert svc.first_unit() == (uid, pid)
    assert svc.unit_name(uid) == "Puskesmas Melati"
    assert [p.nama for p in svc.periods(uid)] == ["Tahun 2025"]
    lid = svc.add_layanan(uid, "  Poli   Anak ")
    assert [r.nama for r in svc.layanan_rows(uid, with_counts=False)] == ["Poli Umum", "Poli Gigi", "Poli Anak"]
    with pytest.raises(ServiceError, match="sudah ada"):
        svc.add_layanan(uid, "poli anak")
    svc.move_layanan(lid, -1)
    assert [r.nama for r in svc.layanan_rows(uid)][1:] == ["Poli Anak", "Poli Gigi"]
    p2 = svc.create_periode(uid, "Tahun 2026", dt.date(2026, 1, 1), None, copy_from=pid)
    assert [p.nama for p in svc.periods(uid)] == ["Tahun 2025", "Tahun 2026"]
    unit_nama, info = svc.get_periode(p2)
    assert (unit_nama, info.nama, info.n_prioritas) == ("Puskesmas Melati", "Tahun 2026", 3)
    assert svc.get_periode(p2 + 100) is None
    with pytest.raises(ServiceError, match="Nama unit pelayanan wajib diisi"):
        svc.update_profile(uid, setup.UnitProfile(nama="  "))
    assert svc.get_profile(uid).nama == "Puskesmas Melati"  # nothing stored half-done
    assert SetupService.check_nip("19700512 199803 1 004") == "19700512 199803 1 004"
    assert no_connection_left(db)


def test_setup_service_refused_setup_stores_nothing(db):
    svc = SetupService(db)
    with pytest.raises(ServiceError, match="lebih dari sekali"):
        svc.create_unit_setup(plan(layanan=("KTP", "ktp")))
    assert svc.first_unit() is None
    with db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM layanan")).scalar() == 0
    assert no_connection_left(db)


def test_unit_name_of_a_missing_unit_is_refused_in_indonesian(db):
    with pytest.raises(ServiceError, match="Unit dengan id 7 tidak ada"):
        SetupService(db).unit_name(7)


# ---------------------------------------------------------------- ResultsService
def test_results_service_gives_the_engine_figures(filled):
    db, uid, pid = filled
    svc = ResultsService(db)
    with db.read_session() as s:
        want = results.summary(s, pid)
        want_lay = results.summary(s, pid, survey.layanan_ids(s, uid)["Poli Gigi"])
        want_per = results.per_layanan(s, pid)
        want_kar = results.karakteristik(s, pid)
        want_tren = results.trend(s, uid)
        lid = survey.layanan_ids(s, uid)["Poli Gigi"]
    got = svc.summary(pid)
    assert isinstance(got, Summary) and got.respondents == 5
    assert (got.ikm, got.ikm_konversi_2dp, got.mutu) == (want.ikm, want.ikm_konversi_2dp, want.mutu)
    assert svc.summary(pid, lid).ikm == want_lay.ikm and svc.summary(pid, lid).respondents == 3
    assert [(n, sm.ikm) for n, sm in svc.per_layanan(pid)] == [(n, sm.ikm) for n, sm in want_per]
    assert {k: d.as_counts() for k, d in svc.karakteristik(pid).items()} == {
        k: d.as_counts() for k, d in want_kar.items()
    }
    assert svc.trend(uid) == want_tren
    assert sum(svc.sumber_counts(pid).values()) == 5
    assert no_connection_left(db)


@pytest.mark.parametrize("call", ["summary", "per_layanan", "karakteristik"])
def test_results_service_refuses_a_missing_period(filled, call):
    db, _uid, pid = filled
    with pytest.raises(ServiceError, match="Periode tidak ditemukan"):
        getattr(ResultsService(db), call)(pid + 99)
    assert no_connection_left(db)


# ---------------------------------------------------------------- AuditService
def test_audit_service_lists_filters_and_restores(filled):
    db, uid, pid = filled
    svc = AuditService(db)
    ids = [rid for rid, _ in survey_records(db, pid)]
    survey.delete_respondent(db, ids[0], operator="Budi")
    assert svc.periods() == svc.periods(uid) == [(pid, "Tahun 2025")]
    assert svc.operators(pid) == ["Budi", "Rina"]
    deleted = svc.entries(AuditFilter(periode_id=pid, aksi="hapus"))
    assert [(e.no_kuesioner, e.operator) for e in deleted] == [(1, "Budi")]
    assert len(svc.entries(AuditFilter(periode_id=pid))) == 6
    assert svc.entries(AuditFilter(operator="Tidak Ada")) == []
    new_id = svc.restore(deleted[0].id, operator="Sari")
    assert new_id in [rid for rid, _ in survey_records(db, pid)]
    with pytest.raises(ServiceError, match="sudah pernah dipulihkan"):
        svc.restore(deleted[0].id)
    assert no_connection_left(db)


def test_audit_service_periods_without_a_unit(db):
    with pytest.raises(ServiceError, match="belum memiliki unit"):
        AuditService(db).periods()


@pytest.mark.parametrize("stored", ['{"tanggal": "kemarin"}', "[1, 2]", '"teks"', "{rusak"])
def test_restore_of_a_damaged_audit_row_is_refused_and_stores_nothing(filled, stored):
    """The before-values are read back from the file: hostile until checked."""
    db, _uid, pid = filled
    rid = survey_records(db, pid)[0][0]
    survey.delete_respondent(db, rid, operator="Budi")
    (hapus,) = AuditService(db).entries(AuditFilter(aksi="hapus"))
    with db.session() as s:
        s.execute(update(Audit).where(Audit.id == hapus.id).values(sebelum=stored))
    before = len(survey_records(db, pid)), len(AuditService(db).entries())
    with pytest.raises(ServiceError) as err:
        auditing.restore(db, hapus.id, operator="Sari")
    assert "dipulihkan" in str(err.value)
    assert (len(survey_records(db, pid)), len(AuditService(db).entries())) == before


def test_restore_refuses_a_row_that_is_not_a_deletion(filled):
    db, _uid, pid = filled
    (tambah, *_) = AuditService(db).entries(AuditFilter(aksi="tambah"))
    with pytest.raises(ServiceError, match="Hanya kuesioner yang dihapus"):
        AuditService(db).restore(tambah.id)
    with pytest.raises(ServiceError, match="tidak ditemukan"):
        AuditService(db).restore(10_000)


def test_audit_module_no_longer_restores():
    """Restoring (which stores through survey) lives above survey and audit."""
    assert not hasattr(audit, "restore")


def survey_records(db, pid):
    with db.read_session() as s:
        return survey.load_records(s, pid)
