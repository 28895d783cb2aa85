"""The kiosk service: settings, the hashed PIN, saving, numbering, burst holds, review."""
import dataclasses
import json

import pytest
from sqlalchemy import select

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import ServiceError, results, survey
from skm_desktop.services import kiosk as ks
from skm_desktop.storage.models import Audit, Jawaban, Pengaturan, Respondent

ANS = (4, 3, 3, 4, 2, 3, 4, 1, 3)
RELAXED = ks.KioskSettings(jeda_minimum=0, detik_per_unsur=0)


def resp(**kw):
    base = dict(answers=ANS, layanan="Legalisasi Dokumen", jenis_kelamin="Perempuan", usia=37,
                pendidikan="SMA", pekerjaan=None, saran="Ruang tunggu panas", durasi=60.0)
    base.update(kw)
    return ks.KioskResponse(**base)


def test_settings_roundtrip_and_limits(kdb):
    st = ks.load_settings(kdb)
    assert st == ks.KioskSettings()
    new = dataclasses.replace(st, tanya_usia=False, batas_diam=45, jeda_minimum=30,
                              teks_sambutan="  Selamat   datang  ", kontras_tinggi=True)
    ks.save_settings(kdb, new)
    got = ks.load_settings(kdb)
    assert got.tanya_usia is False and got.batas_diam == 45 and got.kontras_tinggi
    assert got.teks_sambutan == "Selamat datang"
    assert got.characteristics() == ["jenis_kelamin", "pendidikan", "pekerjaan"]
    with kdb.read_session() as s:
        assert json.loads(s.get(Pengaturan, "kiosk.batas_diam").nilai) == 45
    with pytest.raises(ServiceError, match="Batas waktu diam harus antara 15 dan 900"):
        ks.save_settings(kdb, dataclasses.replace(st, batas_diam=5))
    assert ks.load_settings(kdb).batas_diam == 45  # refused save changed nothing


def test_pin_is_salted_hash_and_verified(kdb):
    assert ks.verify_pin(kdb, "2468")
    assert not ks.verify_pin(kdb, "2469")
    assert not ks.verify_pin(kdb, "")
    with kdb.read_session() as s:
        first = json.loads(s.get(Pengaturan, ks.PIN_KEY).nilai)
    assert "2468" not in json.dumps(first)
    assert first["iterasi"] >= 100_000 and len(bytes.fromhex(first["garam"])) == 16
    ks.set_pin(kdb, "2468")  # same PIN again: new salt, different digest
    with kdb.read_session() as s:
        second = json.loads(s.get(Pengaturan, ks.PIN_KEY).nilai)
    assert second["garam"] != first["garam"] and second["hash"] != first["hash"]
    for bad in ("12", "12a4", "123456789", ""):
        with pytest.raises(ServiceError, match="PIN harus 4 sampai 8 angka"):
            ks.set_pin(kdb, bad)
    with pytest.raises(ServiceError, match="tidak sama"):
        ks.set_pin(kdb, "1111", "2222")
    assert ks.verify_pin(kdb, "2468")


def test_setup_uses_latest_open_period(kdb, pid):
    setup = ks.load_setup(kdb)
    assert setup.periode_id == pid and setup.periode_nama == "Semester I 2025"
    assert len(setup.questions) == 9 and setup.questions[0].labels[3] == "Sangat sesuai"
    assert setup.layanan[0] == "Surat Keterangan Domisili"
    survey_close(kdb, pid)
    with pytest.raises(ServiceError, match="Tidak ada periode survei yang terbuka"):
        ks.load_setup(kdb)


def survey_close(db, pid):
    with db.session() as s:
        survey.update_periode(s, pid, ditutup=True)


def test_save_stores_one_kiosk_questionnaire(kdb, pid):
    r = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert r.no_kuesioner == ks.KIOSK_NO_BASE + 1 and not r.ditahan
    with kdb.read_session() as s:
        [(rid, rec)] = survey.load_records(s, pid)
        row = s.get(Respondent, rid)
        assert row.sumber == "kiosk" and row.ditahan is False
        summ = results.summary(s, pid)
        assert results.sumber_counts(s, pid)["kiosk"] == 1
    assert rec.answers == ANS and rec.layanan == "Legalisasi Dokumen" and rec.usia == 37
    assert rec.saran == "Ruang tunggu panas" and rec.pekerjaan is None
    assert summ.respondents == 1
    assert ks.save_response(kdb, pid, resp(), settings=RELAXED).no_kuesioner == ks.KIOSK_NO_BASE + 2


def test_kiosk_numbers_never_take_paper_numbers(kdb, pid):
    # the operator keys paper forms 1..3 meanwhile; the kiosk never uses those numbers
    for no in (1, 2, 3):
        survey.save_respondent(kdb, pid, RespondentRecord(no, ANS))
    a = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    survey.save_respondent(kdb, pid, RespondentRecord(4, ANS))
    b = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert (a.no_kuesioner, b.no_kuesioner) == (ks.KIOSK_NO_BASE + 1, ks.KIOSK_NO_BASE + 2)


def test_number_taken_meanwhile_is_retried(kdb, pid, monkeypatch):
    survey.save_respondent(kdb, pid, RespondentRecord(ks.KIOSK_NO_BASE + 1, ANS, sumber="kiosk"))
    real = ks.next_kiosk_no
    calls = []

    def stale(s, periode_id):  # the first attempt sees a number another kiosk just took
        calls.append(1)
        return ks.KIOSK_NO_BASE + 1 if len(calls) == 1 else real(s, periode_id)

    monkeypatch.setattr(ks, "next_kiosk_no", stale)
    r = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert len(calls) == 2 and r.no_kuesioner == ks.KIOSK_NO_BASE + 2


def test_invalid_response_stores_nothing(kdb, pid):
    with pytest.raises(ServiceError, match="jenis layanan 'Tidak Ada' tidak terdaftar"):
        ks.save_response(kdb, pid, resp(layanan="Tidak Ada"), settings=RELAXED)
    with pytest.raises(ServiceError, match="9 jawaban"):
        ks.save_response(kdb, pid, resp(answers=(4, 4)), settings=RELAXED)
    with kdb.read_session() as s:
        assert s.scalar(select(Respondent.id)) is None and s.scalar(select(Jawaban.nilai)) is None


def test_too_fast_and_too_close_are_held_not_counted(kdb, pid):
    st = ks.KioskSettings(jeda_minimum=20, detik_per_unsur=1.5)
    first = ks.save_response(kdb, pid, resp(durasi=40), settings=st)
    assert not first.ditahan
    fast = ks.save_response(kdb, pid, resp(durasi=5), settings=dataclasses.replace(st, jeda_minimum=0))
    assert fast.ditahan and "terlalu cepat" in fast.alasan
    close = ks.save_response(kdb, pid, resp(durasi=40), settings=st)
    assert close.ditahan and "setelah responden kios sebelumnya" in close.alasan
    with kdb.read_session() as s:
        assert survey.respondent_count(s, pid) == 1
        assert results.summary(s, pid).respondents == 1
        assert survey.respondent_count(s, pid, include_held=True) == 3
    held = ks.held_responses(kdb, pid)
    assert [h.id for h in held] == [fast.respondent_id, close.respondent_id]
    assert held[0].alasan == fast.alasan and held[0].answers == ANS
    assert ks.kiosk_counts(kdb, pid) == (1, 2)

    ks.accept_held(kdb, [fast.respondent_id], operator="Rina")
    ks.delete_held(kdb, [close.respondent_id], operator="Rina")
    with kdb.read_session() as s:
        assert survey.respondent_count(s, pid, include_held=True) == 2
        assert results.summary(s, pid).respondents == 2
        acts = s.execute(select(Audit.aksi, Audit.operator).order_by(Audit.id)).all()
    assert ("terima", "Rina") in acts and ("hapus", "Rina") in acts
    assert ks.held_responses(kdb, pid) == []
    with pytest.raises(ServiceError, match="tidak sedang ditahan"):
        ks.accept_held(kdb, [first.respondent_id])


def test_review_refused_in_closed_period(kdb, pid):
    r = ks.save_response(kdb, pid, resp(durasi=1), settings=ks.KioskSettings(jeda_minimum=0))
    assert r.ditahan
    survey_close(kdb, pid)
    with pytest.raises(ServiceError, match="sudah ditutup"):
        ks.accept_held(kdb, [r.respondent_id])
    with kdb.read_session() as s:
        assert s.get(Respondent, r.respondent_id).ditahan is True


def test_usia_text():
    assert ks.parse_usia_text("42") == 42
    assert ks.parse_usia_text("") is None
    with pytest.raises(ServiceError, match="Usia harus antara 10 dan 120 tahun"):
        ks.parse_usia_text("7")
