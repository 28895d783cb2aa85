"""services.setup: one transaction per use case, Indonesian refusals, nothing half-done."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from skm_desktop.domain import sample
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.unsur import BobotMode
from skm_desktop.services import ServiceError, setup, survey
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.storage.models import Layanan, Opsi, Periode, Respondent, TargetSampel, Unit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def plan(**kw):
    base = dict(
        profile=setup.UnitProfile(nama="Kelurahan Sukamaju", pejabat_nip="19700512 199803 1 004", logo=PNG),
        layanan=["Domisili", "KTP-el"],
        periode_nama="Tahun 2025",
        tanggal_mulai=dt.date(2025, 1, 1),
        tanggal_selesai=dt.date(2025, 12, 31),
        unsur_set=standard_unsur_set(),
        choices=setup.default_choices(),
    )
    base.update(kw)
    return setup.SetupPlan(**base)


def counts(db):
    with db.read_session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Unit, Layanan, Periode, Opsi))


def test_create_unit_setup_stores_everything(db):
    uid, pid = setup.create_unit_setup(db, plan())
    with db.read_session() as s:
        u = s.get(Unit, uid)
        assert u.logo == PNG and u.pejabat_nip == "19700512 199803 1 004"
        assert [l.nama for l in survey.layanan_list(s, uid)] == ["Domisili", "KTP-el"]
        p = s.get(Periode, pid)
        assert (p.nama, p.tanggal_mulai, p.tanggal_selesai, p.bobot_mode) == (
            "Tahun 2025",
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
            "standar",
        )
        assert len(survey.unsur_rows(s, pid)) == 9
    assert setup.first_unit(db) == (uid, pid)


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(tanggal_selesai=dt.date(2024, 12, 31)), "Tanggal selesai periode tidak boleh sebelum tanggal mulai"),
        (dict(layanan=["Domisili", " domisili "]), "Jenis layanan 'domisili' tertulis lebih dari sekali"),
        (dict(layanan=["", "  "]), "Isi minimal satu jenis layanan"),
        (dict(periode_nama="  "), "Nama periode wajib diisi"),
        (dict(profile=setup.UnitProfile(nama="X", pejabat_nip="1970")), "NIP '1970' tidak sah"),
        (dict(profile=setup.UnitProfile(nama="X", logo=b"GIF89a....")), "Logo harus berupa gambar PNG atau JPEG"),
        (dict(profile=setup.UnitProfile(nama="X", email="tu at kel")), "Alamat email 'tu at kel' tidak sah"),
        (dict(profile=setup.UnitProfile(nama=" ")), "Nama unit pelayanan wajib diisi"),
        (
            dict(choices={"pendidikan": [setup.ChoiceItem("SMA", "1"), setup.ChoiceItem("SMP", "1")]}),
            "kode '1' dipakai oleh 'SMA' dan 'SMP'",
        ),
    ],
)
def test_create_unit_setup_refusals_store_nothing(db, changes, message):
    before = counts(db)
    with pytest.raises(ServiceError, match=message):
        setup.create_unit_setup(db, plan(**changes))
    assert counts(db) == before == (0, 0, 0, 0)


def test_logo_size_limit(db):
    uid, _ = setup.create_unit_setup(db, plan())
    with pytest.raises(ServiceError, match="terlalu besar"):
        setup.set_logo(db, uid, PNG + b"\x00" * setup.LOGO_MAX_BYTES)
    setup.set_logo(db, uid, None)
    assert setup.get_profile(db, uid).logo is None


def test_choices_codes_and_used_labels(db):
    uid, pid = setup.create_unit_setup(db, plan())
    with pytest.raises(ServiceError, match="kode harus satu huruf atau angka \\(tertulis 'LK'\\)"):
        setup.set_choices(db, uid, "jenis_kelamin", [setup.ChoiceItem("Laki-laki", "LK")])
    survey.save_respondent(db, pid, RespondentRecord(1, (4,) * 9, pendidikan="SMA"))
    items = [c for c in setup.get_choices(db, uid)["pendidikan"] if c.label != "SMA"]
    with pytest.raises(ServiceError, match="Pendidikan 'SMA' dipakai oleh 1 kuesioner"):
        setup.set_choices(db, uid, "pendidikan", items)
    assert "SMA" in [c.label for c in setup.get_choices(db, uid)["pendidikan"]]
    reordered = list(reversed(setup.get_choices(db, uid)["pendidikan"]))
    setup.set_choices(db, uid, "pendidikan", reordered)
    assert setup.get_choices(db, uid)["pendidikan"] == reordered


def test_targets_one_transaction(db):
    uid, pid = setup.create_unit_setup(db, plan())
    rows = setup.target_rows(db, pid)
    a, b = rows[0].layanan_id, rows[1].layanan_id
    setup.set_targets(db, pid, [(a, 550, "krejcie-morgan"), (b, 550, "slovin-10")])
    got = {r.layanan_id: r for r in setup.target_rows(db, pid)}
    assert (got[a].target, got[a].metode) == (sample.krejcie_morgan(550), "krejcie-morgan") == (226, "krejcie-morgan")
    assert got[b].target == sample.slovin(550, "0.10") == 85
    with pytest.raises(ServiceError, match="KTP-el: populasi harus bilangan bulat"):
        setup.set_targets(db, pid, [(a, 100, "slovin-5"), (b, -3, "slovin-5")])
    assert setup.target_rows(db, pid)[0].target == 226  # the first item was not stored either
    setup.set_targets(db, pid, [(a, None, "krejcie-morgan")])
    assert setup.target_rows(db, pid)[0].target is None
    prog = setup.progress(db, pid)
    assert [(p.label, p.target) for p in prog] == [("KTP-el", 85), ("Total unit", 85)]


def test_periods_close_copy_delete(db):
    uid, pid = setup.create_unit_setup(db, plan())
    with pytest.raises(ServiceError, match="Periode satu-satunya tidak dapat dihapus"):
        setup.delete_periode(db, pid)
    lid = setup.target_rows(db, pid)[0].layanan_id
    setup.set_targets(db, pid, [(lid, 300, "slovin-5")])
    setup.update_periode(db, pid, n_prioritas=5)
    p2 = setup.create_periode(db, uid, "Tahun 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), copy_from=pid)
    with db.read_session() as s:
        assert s.get(Periode, p2).n_prioritas == 5
        assert s.scalars(select(TargetSampel.populasi).where(TargetSampel.periode_id == p2)).all() == [300]
    survey.save_respondent(db, pid, RespondentRecord(1, (3,) * 9))
    with pytest.raises(ServiceError, match="berisi 1 kuesioner dan tidak dapat dihapus"):
        setup.delete_periode(db, pid)
    setup.set_periode_closed(db, pid, True)
    with pytest.raises(ServiceError, match="sudah ditutup; buka kembali di Pengaturan"):
        survey.save_respondent(db, pid, RespondentRecord(2, (3,) * 9))
    setup.set_periode_closed(db, pid, False)
    survey.save_respondent(db, pid, RespondentRecord(2, (3,) * 9))
    setup.delete_periode(db, p2)
    assert [r.info.id for r in setup.periode_rows(db, uid)] == [pid]


def test_layanan_order_rename_delete(db):
    uid, pid = setup.create_unit_setup(db, plan(layanan=["A", "B", "C"]))
    ids = [r.id for r in setup.layanan_rows(db, uid)]
    setup.move_layanan(db, ids[2], -1)
    assert [r.nama for r in setup.layanan_rows(db, uid)] == ["A", "C", "B"]
    with pytest.raises(ServiceError, match="Jenis layanan 'a' sudah ada"):
        setup.rename_layanan(db, ids[1], "a")
    survey.save_respondent(db, pid, RespondentRecord(1, (3,) * 9, layanan="B"))
    with pytest.raises(ServiceError, match="'B': Jenis layanan ini dipakai oleh 1 responden"):
        setup.delete_layanan(db, ids[1])
    setup.delete_layanan(db, ids[0])
    assert [r.nama for r in setup.layanan_rows(db, uid)] == ["C", "B"]


def test_held_questionnaires_freeze_the_unsur_set_too(db):
    uid, pid = setup.create_unit_setup(db, plan())
    survey.save_respondent(db, pid, RespondentRecord(1, (3,) * 9))
    with db.session() as s:
        s.execute(update(Respondent).values(ditahan=True))
    us, frozen, n = setup.get_unsur_set(db, pid)
    assert frozen and n == 1
    setup.save_unsur_set(db, pid, us.with_mode(BobotMode.EKSAK))  # mode only: allowed
    with pytest.raises(ServiceError, match="sudah terkunci"):
        setup.save_unsur_set(db, pid, us.with_unsur(us.unsur[:8]))
    assert setup.get_unsur_set(db, pid)[0].mode is BobotMode.EKSAK
