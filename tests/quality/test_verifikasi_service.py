"""Double-entry verification service: blind items, comparison, resolution,
statistics, batch status and the laporan's verified share."""

import pytest
from sqlalchemy import select

from skm_desktop.services import ServiceError, audit, survey
from skm_desktop.services import verifikasi as vf
from skm_desktop.storage.models import VerifikasiSelisih
from tests.helpers.verifikasi import second_entry, verifikasi_unit


@pytest.fixture
def setup(db):
    return verifikasi_unit(db)


def test_batch_double_entry_finds_resolves_and_applies(db, setup):
    pid = setup
    job = vf.mulai_batch(db, pid, "B01", "Agus")
    with db.read_session() as s:
        stored = {r.no_kuesioner: r for _, r in survey.load_records(s, pid)}
        assert [b.status for b in vf.batch_status(s, pid)] == [vf.STATUS_SEDANG, vf.STATUS_BELUM]
    planted = {2: {"u3": "3"}, 4: {"usia": "43", "jenis_kelamin": "1"}}
    keyed = []
    while True:
        with db.read_session() as s:
            item = vf.next_item(s, job)
        if item is None:
            break
        assert not hasattr(item, "answers") and item.batch == "B01"
        keyed.append(item.no_kuesioner)
        vf.simpan_entri_kedua(
            db,
            item.item_id,
            second_entry(stored[item.no_kuesioner], **planted.get(item.no_kuesioner, {})),
            ketukan=40,
            durasi_ms=20_000,
        )
    assert keyed == [1, 2, 3, 4, 5]
    with db.read_session() as s:
        diffs = vf.daftar_selisih(s, job)
        info = vf.job_info(s, job)
    assert [(d.no_kuesioner, d.isian, d.nilai_1, d.nilai_2) for d in diffs] == [
        (2, "u3", "4", "3"),
        (4, "jenis_kelamin", "Perempuan", "Laki-laki"),
        (4, "usia", "34", "43"),
    ]
    assert info.n_selisih_terbuka == 3 and info.selesai is None
    # paper says: no. 2 U3 = 3 (second right), no. 4 Perempuan (first right), usia 44 (both wrong)
    vf.selesaikan(db, diffs[0].id, "kedua", "Sari")
    vf.selesaikan(db, diffs[1].id, "pertama", "Sari")
    with pytest.raises(ServiceError, match="isian Usia"):
        vf.selesaikan(db, diffs[2].id, "lain", "Sari", "seratus")
    vf.selesaikan(db, diffs[2].id, "lain", "Sari", "44")
    with db.read_session() as s:
        now = {r.no_kuesioner: r for _, r in survey.load_records(s, pid)}
        assert now[2].answers[2] == 3 and now[4].usia == 44 and now[4].jenis_kelamin == "Perempuan"
        assert {n: now[n] for n in (1, 3, 5)} == {n: stored[n] for n in (1, 3, 5)}
        trail = audit.list_audit(s, pid, aksi="verifikasi")
        assert sorted(t.no_kuesioner for t in trail) == [2, 4]
        t4 = next(t for t in trail if t.no_kuesioner == 4)
        assert {f.key: (f.sebelum, f.sesudah) for f in t4.fields() if f.berubah} == {"usia": (34, 44)}
        assert t4.operator == "Sari"
        rec_rows = s.scalars(select(VerifikasiSelisih).order_by(VerifikasiSelisih.id)).all()
        assert [(r.pilihan, r.nilai_final, r.operator) for r in rec_rows] == [
            ("kedua", "3", "Sari"),
            ("pertama", "Perempuan", "Sari"),
            ("lain", "44", "Sari"),
        ]
        assert vf.job_info(s, job).selesai is not None
        assert [(b.batch, b.status, b.n_terverifikasi) for b in vf.batch_status(s, pid)] == [
            ("B01", vf.STATUS_SELESAI, 5),
            ("B02", vf.STATUS_BELUM, 0),
        ]
        stats = {o.operator: o for o in vf.statistik_operator(s, pid)}
        n_fields = 6 + 9
        assert stats["Rina"].kuesioner_entri == 10 and stats["Rina"].isian_diperiksa == 5 * n_fields
        assert stats["Rina"].selisih == 3 and stats["Rina"].kesalahan == 2  # U3 of no. 2, usia of no. 4
        assert stats["Agus"].kuesioner_verifikasi == 5 and stats["Agus"].kesalahan == 2
        assert stats["Agus"].ketukan_per_jam == 40 * 3600 // 20
        est = vf.perkiraan_kesalahan(s, pid)
        assert (est.n_kertas, est.n_terverifikasi, est.isian_diperiksa) == (10, 5, 75)
        assert est.kesalahan_per_1000 * 75 == 2 * 1000
        assert est.perkiraan_isian_salah * 75 == 2 * 5 * n_fields
        lo, hi = est.selang_95
        assert lo < est.kesalahan_per_1000 < hi
        share = vf.verified_share(s, pid)
        assert (share.n_terverifikasi, share.n_kertas, share.n_batch_terverifikasi, share.n_batch) == (5, 10, 1, 2)
        assert share.kalimat().startswith("Sebanyak 5 dari 10 kuesioner kertas (50,00%) telah diverifikasi")
    with pytest.raises(ServiceError, match="sudah terverifikasi"):
        vf.mulai_batch(db, pid, "B01", "Agus")


def test_bad_second_entry_names_field_and_stores_nothing(db, setup):
    job = vf.mulai_batch(db, setup, "B02", "Agus")
    with db.read_session() as s:
        item = vf.next_item(s, job)
        rec = dict(survey.load_records(s, setup))
    first = next(r for r in rec.values() if r.no_kuesioner == item.no_kuesioner)
    with pytest.raises(ServiceError, match="Isian U5"):
        vf.simpan_entri_kedua(db, item.item_id, second_entry(first, u5="7"))
    with pytest.raises(ServiceError, match="Isian Pendidikan: kode 9 tidak ada"):
        vf.simpan_entri_kedua(db, item.item_id, second_entry(first, pendidikan="9"))
    with db.read_session() as s:
        assert vf.next_item(s, job).item_id == item.item_id
        assert vf.job_info(s, job).n_diketik == 0


def test_sample_excludes_kiosk_and_verified_and_is_reproducible(db, setup):
    a = vf.mulai_sampel(db, setup, 30, "Agus", seed=7)
    with db.read_session() as s:
        info = vf.job_info(s, a)
        assert info.n_item == 3 and info.label == "Sampel acak 30%"  # ceil(30% of 10 paper forms)
    vf.batalkan(db, a)
    b = vf.mulai_sampel(db, setup, 30, "Agus", seed=7)
    with db.read_session() as s:
        nos = []
        while (it := vf.next_item(s, b)) is not None:
            nos.append(it.no_kuesioner)
            s.close()
            vf.lewati(db, it.item_id)
        assert 11 not in nos and len(nos) == 3
    with pytest.raises(ServiceError, match="Persentase sampel"):
        vf.mulai_sampel(db, setup, 0, "Agus")
    with pytest.raises(ServiceError, match="operator verifikasi wajib"):
        vf.mulai_sampel(db, setup, 10, " ")


def test_parse_values():
    f = vf.Isian("tanggal", "Tanggal")
    assert vf.parse_value(f, "04032025") == "2025-03-04" == vf.parse_value(f, "4/3/2025")
    assert vf.parse_value(f, "040325") == "2025-03-04" and vf.parse_value(f, "") == ""
    jk = vf.Isian("jenis_kelamin", "Jenis kelamin", ("Laki-laki", "Perempuan"))
    assert vf.parse_value(jk, "2") == "Perempuan" == vf.parse_value(jk, "p")
    assert vf.parse_value(vf.Isian("u1", "U1"), "-") == ""
    with pytest.raises(Exception, match="tidak ada di kalender"):
        vf.parse_value(f, "31022025")


def test_open_sample_does_not_mark_batches_in_progress(db, setup):
    vf.mulai_sampel(db, setup, 20, "Agus", seed=1)  # 2 of the 10 paper forms
    with db.read_session() as s:
        assert {b.status for b in vf.batch_status(s, setup)} == {vf.STATUS_BELUM}
        in_sample = {it.no_kuesioner for it in s.scalars(select(vf.VerifikasiItem))}
    job = vf.mulai_batch(db, setup, "B01", "Dewi")
    with db.read_session() as s:
        statuses = {b.batch: b.status for b in vf.batch_status(s, setup)}
        assert statuses == {"B01": vf.STATUS_SEDANG, "B02": vf.STATUS_BELUM}
        items = s.scalars(select(vf.VerifikasiItem).where(vf.VerifikasiItem.verifikasi_id == job)).all()
        assert {i.no_kuesioner for i in items} == set(range(1, 6)) - in_sample
    with pytest.raises(ServiceError, match="sedang diverifikasi"):
        vf.mulai_batch(db, setup, "B01", "Dewi")


def test_form_deleted_during_verification(db, setup):
    job = vf.mulai_batch(db, setup, "B01", "Agus")
    with db.read_session() as s:
        recs = {r.no_kuesioner: (rid, r) for rid, r in survey.load_records(s, setup)}
    while True:
        with db.read_session() as s:
            it = vf.next_item(s, job)
        if it is None:
            break
        vf.simpan_entri_kedua(db, it.item_id, second_entry(recs[it.no_kuesioner][1], usia="70"))
    survey.delete_respondent(db, recs[1][0], operator="Rina")
    with db.read_session() as s:
        diffs = vf.daftar_selisih(s, job)
    for d in diffs:
        vf.selesaikan(db, d.id, "pertama", "Sari")
    with db.read_session() as s:
        assert vf.job_info(s, job).selesai is not None
        assert vf.verified_share(s, setup).n_terverifikasi == 4  # the deleted form is not counted
        assert len(audit.list_audit(s, setup, aksi="verifikasi")) == 4
