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
    base = dict(
        answers=ANS,
        layanan="Legalisasi Dokumen",
        jenis_kelamin="Perempuan",
        usia=37,
        pendidikan="SMA",
        pekerjaan=None,
        saran="Ruang tunggu panas",
        durasi=60.0,
    )
    base.update(kw)
    return ks.KioskResponse.of(**base)


def test_settings_roundtrip_and_limits(kdb):
    st = ks.load_settings(kdb)
    assert st == ks.KioskSettings()
    new = dataclasses.replace(
        st, tanya_usia=False, batas_diam=45, jeda_minimum=30, teks_sambutan="  Selamat   datang  ", kontras_tinggi=True
    )
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
    assert r.no_kuesioner == ks.KIOSK_NO_MIN and not r.ditahan
    with kdb.read_session() as s:
        [(rid, rec)] = survey.load_records(s, pid)
        row = s.get(Respondent, rid)
        assert row.sumber == "kiosk" and row.ditahan is False
        summ = results.summary(s, pid)
        assert results.sumber_counts(s, pid)["kiosk"] == 1
    assert rec.answers == ANS and rec.layanan == "Legalisasi Dokumen" and rec.usia == 37
    assert rec.saran == "Ruang tunggu panas" and rec.pekerjaan is None
    assert summ.respondents == 1
    assert ks.save_response(kdb, pid, resp(), settings=RELAXED).no_kuesioner == ks.KIOSK_NO_MIN + 1


def test_kiosk_numbers_never_take_paper_numbers(kdb, pid):
    # the operator keys paper forms 1..3 meanwhile; the kiosk never uses those numbers
    for no in (1, 2, 3):
        survey.save_respondent(kdb, pid, RespondentRecord(no, ANS))
    a = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    survey.save_respondent(kdb, pid, RespondentRecord(4, ANS))
    b = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert (a.no_kuesioner, b.no_kuesioner) == (ks.KIOSK_NO_MIN, ks.KIOSK_NO_MIN + 1)


def test_number_taken_meanwhile_is_retried(kdb, pid, monkeypatch):
    survey.save_respondent(kdb, pid, RespondentRecord(ks.KIOSK_NO_MIN, ANS, sumber="kiosk"))
    real = ks.next_kiosk_no
    calls = []

    def stale(s, periode_id):  # the first attempt sees a number another kiosk just took
        calls.append(1)
        return ks.KIOSK_NO_MIN if len(calls) == 1 else real(s, periode_id)

    monkeypatch.setattr(ks, "next_kiosk_no", stale)
    r = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert len(calls) == 2 and r.no_kuesioner == ks.KIOSK_NO_MIN + 1


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


# ---------------------------------------------------------------- numbering that cannot run out
import datetime as dt  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as hst  # noqa: E402
from sqlalchemy import delete as sql_delete  # noqa: E402
from sqlalchemy import update as sql_update  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402

from skm_desktop.domain.respondent import KIOSK_NO_MIN, NO_MAX, PAPER_NO_MAX  # noqa: E402


def plant(db, pid, *numbers):
    """Questionnaires with these numbers, written behind the services' back (a hostile import)."""
    for i, no in enumerate(numbers):
        survey.save_respondent(db, pid, RespondentRecord(90_000 + i, ANS, sumber="impor"))
        with db.session() as s:
            s.execute(sql_update(Respondent).where(Respondent.no_kuesioner == 90_000 + i).values(no_kuesioner=no))


def test_kiosk_range_is_above_paper_range():
    assert KIOSK_NO_MIN > PAPER_NO_MAX and ks.KIOSK_NO_MIN == KIOSK_NO_MIN
    assert not hasattr(ks, "KIOSK_NO_BASE")


def test_a_number_at_the_top_of_the_range_does_not_stop_the_kiosk(kdb, pid):
    plant(kdb, pid, NO_MAX)
    a = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    b = ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert (a.no_kuesioner, b.no_kuesioner) == (KIOSK_NO_MIN, KIOSK_NO_MIN + 1)


def test_top_taken_falls_back_to_the_lowest_free_number(kdb, pid):
    plant(kdb, pid, KIOSK_NO_MIN, KIOSK_NO_MIN + 1, KIOSK_NO_MIN + 2, KIOSK_NO_MIN + 4, NO_MAX - 1, NO_MAX)
    got = [ks.save_response(kdb, pid, resp(), settings=RELAXED).no_kuesioner for _ in range(3)]
    assert got == [KIOSK_NO_MIN + 3, KIOSK_NO_MIN + 5, KIOSK_NO_MIN + 6]


def test_lowest_free_when_kiosk_min_is_free(kdb, pid):
    plant(kdb, pid, NO_MAX - 1, NO_MAX)
    assert ks.save_response(kdb, pid, resp(), settings=RELAXED).no_kuesioner == KIOSK_NO_MIN
    with kdb.read_session() as s:
        assert ks.lowest_free_kiosk_no(s, pid) == KIOSK_NO_MIN + 1


_taken = hst.sets(
    hst.one_of(
        hst.integers(KIOSK_NO_MIN, KIOSK_NO_MIN + 6), hst.integers(NO_MAX - 4, NO_MAX), hst.integers(1, PAPER_NO_MAX)
    ),
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(taken=_taken)
def test_next_kiosk_no_is_always_free_and_in_range(kdb, pid, taken):
    with kdb.session() as s:
        s.execute(sql_delete(Jawaban))
        s.execute(sql_delete(Respondent))
    plant(kdb, pid, *sorted(taken))
    with kdb.read_session() as s:
        no = ks.next_kiosk_no(s, pid)
    assert KIOSK_NO_MIN <= no <= NO_MAX and no not in taken


def test_busy_database_raises_kiosk_busy_and_pending_store_keeps_it(kdb, pid, monkeypatch, tmp_path):
    real = ks._save_once

    def busy(*a, **k):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(ks, "_save_once", busy)
    monkeypatch.setattr(ks.time, "sleep", lambda _s: None)
    with pytest.raises(ks.KioskBusy, match="sedang sibuk"):
        ks.save_response(kdb, pid, resp(), settings=RELAXED)
    store = ks.PendingStore(tmp_path / "x.db.kios-tertunda.json")
    store.add(pid, resp(saran="Antrean panjang"), dt.date(2025, 3, 4))
    assert store.flush(kdb, RELAXED) == [] and len(store) == 1  # still busy: kept
    again = ks.PendingStore(store.path)  # the kiosk restarted meanwhile
    assert len(again) == 1 and again.items[0][2].record.saran == "Antrean panjang"
    monkeypatch.setattr(ks, "_save_once", real)
    [done] = again.flush(kdb, RELAXED)
    assert len(again) == 0 and not store.path.exists()
    with kdb.read_session() as s:
        [(_, rec)] = survey.load_records(s, pid)
    assert rec.saran == "Antrean panjang" and rec.tanggal == dt.date(2025, 3, 4) and rec.sumber == "kiosk"
    assert done.no_kuesioner == rec.no_kuesioner


def test_pending_response_refused_for_good_is_kept_for_the_operator(kdb, pid, tmp_path):
    store = ks.PendingStore(tmp_path / "x.db.kios-tertunda.json")
    store.add(pid, resp(layanan="Tidak Ada"), dt.date(2025, 3, 4))
    assert store.flush(kdb, RELAXED) == [] and len(store) == 0
    refused = json.loads((tmp_path / "x.db.kios-ditolak.json").read_text(encoding="utf-8"))["ditolak"]
    assert refused[0]["data"]["layanan"] == "Tidak Ada" and "tidak terdaftar" in refused[0]["alasan"]


@pytest.mark.parametrize(
    "content", [b"\x00\xff garbage", b'{"tertunda": [1, {"periode_id": "x"}]}', b"[" * 10 + b"]" * 10]
)
def test_hostile_pending_file_is_refused_with_a_message(tmp_path, content):
    path = tmp_path / "x.db.kios-tertunda.json"
    path.write_bytes(content)
    store = ks.PendingStore(path)
    assert len(store) == 0
    assert store.problem or store.refused


def test_oversized_pending_file_is_not_read(tmp_path):
    path = tmp_path / "x.db.kios-tertunda.json"
    path.write_bytes(b" " * (ks.PENDING_FILE_MAX + 1))
    store = ks.PendingStore(path)
    assert len(store) == 0 and "terlalu besar" in store.problem and str(path) in store.problem


# ---------------------------------------------------------------- the PIN read back as hostile
def _stored_pin(db):
    with db.read_session() as s:
        return json.loads(s.get(Pengaturan, ks.PIN_KEY).nilai)


def _store_pin(db, d):
    with db.session() as s:
        s.get(Pengaturan, ks.PIN_KEY).nilai = d if isinstance(d, str) else json.dumps(d)


@pytest.mark.parametrize(
    "change",
    [
        {"iterasi": 10**9},
        {"iterasi": 50_000},
        {"iterasi": "120000"},
        {"iterasi": True},
        {"garam": "ab"},
        {"hash": "00" * 31},
        {"algoritma": "md5"},
        {"garam": 5},
    ],
)
def test_unusable_stored_pin_is_refused_and_must_be_set_again(kdb, change):
    d = _stored_pin(kdb)
    d.update(change)
    _store_pin(kdb, d)
    assert not ks.verify_pin(kdb, "2468")
    assert "mengatur PIN lagi" in ks.pin_problem(kdb)
    with pytest.raises(ServiceError, match="mengatur PIN lagi"):
        ks.attempt_pin(kdb, "2468")
    ks.set_pin(kdb, "2468")
    assert ks.pin_problem(kdb) is None and ks.attempt_pin(kdb, "2468").ok


def test_oversized_or_broken_stored_pin(kdb):
    for raw in ("x" * 5000, "{not json", "[]"):
        _store_pin(kdb, raw)
        assert "mengatur PIN lagi" in ks.pin_problem(kdb)


T0 = dt.datetime(2025, 5, 1, 8, 0, 0)


def test_lockout_grows_survives_and_resets(kdb):
    t = T0
    waits = []
    for _ in range(8):
        a = ks.attempt_pin(kdb, "0000", now=t)
        assert not a.ok
        waits.append(a.locked_seconds)
        t += dt.timedelta(seconds=a.locked_seconds + 1)
    assert waits == [0, 0, 30, 60, 300, 900, 3600, 3600]
    # locked: even the right PIN is refused, and the state is in the database (a restart keeps it)
    a = ks.attempt_pin(kdb, "0000", now=t)
    r = ks.attempt_pin(kdb, "2468", now=t + dt.timedelta(seconds=10))
    assert not r.ok and "Tunggu 60 menit" in a.message and "Tunggu" in r.message
    assert ks.lockout_state(kdb, t).gagal == 9
    ok = ks.attempt_pin(kdb, "2468", now=t + dt.timedelta(seconds=3601))
    assert ok.ok and ks.lockout_state(kdb, t).gagal == 0


def test_lockout_read_back_is_clamped(kdb):
    def put(v):
        with kdb.session() as s:
            ks._put(s, ks.LOCKOUT_KEY, v)

    put(json.dumps({"gagal": 3, "kunci_sampai": "2999-01-01T00:00:00"}))
    assert ks.lockout_state(kdb, T0).seconds_left(T0) == ks.LOCKOUT_CAP
    put(json.dumps({"gagal": 10**12, "kunci_sampai": None}))
    assert ks.lockout_state(kdb, T0).gagal == ks.LOCKOUT_COUNT_MAX
    a = ks.attempt_pin(kdb, "0000", now=T0)
    assert a.locked_seconds == ks.LOCKOUT_CAP
    put("{broken")
    assert ks.lockout_state(kdb, T0).seconds_left(T0) == ks.LOCKOUT_CAP  # broken: locked, never opened


def test_save_without_waiting_gives_up_at_the_first_busy_file(kdb, pid, monkeypatch):
    calls = []

    def busy(*a, **k):
        calls.append(1)
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(ks, "_save_once", busy)
    monkeypatch.setattr(ks.time, "sleep", lambda _s: None)
    with pytest.raises(ks.KioskBusy):
        ks.save_response(kdb, pid, resp(), settings=RELAXED, wait_busy=False)
    assert len(calls) == 1
    with pytest.raises(ks.KioskBusy):
        ks.save_response(kdb, pid, resp(), settings=RELAXED)
    assert len(calls) == 1 + ks.SAVE_ATTEMPTS


def test_delayed_saves_are_not_held_for_the_gap_between_respondents(kdb, pid, tmp_path):
    store = ks.PendingStore(tmp_path / "x.db.kios-tertunda.json")
    for _ in range(3):  # three people while the file was busy
        store.add(pid, resp(durasi=60.0), dt.date(2025, 3, 4))
    st = ks.KioskSettings(jeda_minimum=30, detik_per_unsur=1.5)
    done = store.flush(kdb, st)
    assert [d.ditahan for d in done] == [False, False, False]
    store.add(pid, resp(durasi=2.0), dt.date(2025, 3, 4))  # but a racing one is still held
    [fast] = store.flush(kdb, st)
    assert fast.ditahan and "terlalu cepat" in fast.alasan
