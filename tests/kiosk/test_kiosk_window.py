"""The kiosk window driven by taps (real mouse events on the real buttons)."""

import dataclasses

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from skm_desktop.services import kiosk as ks
from skm_desktop.services import results, survey
from skm_desktop.ui.kiosk.window import KioskWindow

from .conftest import LAYANAN, PIN

LAYANAN_0 = LAYANAN[0]

HUMAN = 2500  # ms between two taps of an unhurried respondent


def make(qtbot, db, clock, **kw):
    settings = kw.pop("settings", None)
    w = KioskWindow(db, settings=settings, clock=clock, **kw)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def tap(qtbot, w, clock, key, wait=HUMAN):
    clock.advance(wait)
    b = w.find_button(key)
    assert b is not None, f"tombol {key!r} tidak ada di layar {w.screen_name}"
    assert b.isVisible()
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def count(db, pid, held=False):
    with db.read_session() as s:
        return survey.respondent_count(s, pid, include_held=held)


def test_whole_session_by_taps_stores_one_kiosk_response(qtbot, kdb, pid, clock):
    w = make(qtbot, kdb, clock)
    assert w.screen_name == "welcome"
    tap(qtbot, w, clock, "mulai")
    assert w.screen_name == "layanan"
    tap(qtbot, w, clock, "opsi-2")  # Legalisasi Dokumen
    assert w.screen_name == "char:jenis_kelamin"
    tap(qtbot, w, clock, "opsi-1")  # Perempuan
    assert w.screen_name == "char:usia"
    for d in "47":
        tap(qtbot, w, clock, d, wait=300)
    tap(qtbot, w, clock, "lanjut")
    assert w.screen_name == "char:pendidikan"
    tap(qtbot, w, clock, "opsi-2")  # SMA
    tap(qtbot, w, clock, "lewati")  # pekerjaan skipped
    assert w.screen_name == "unsur:0"
    tap(qtbot, w, clock, "jawaban-2")
    assert w.screen_name == "unsur:1"
    tap(qtbot, w, clock, "kembali")  # change the first answer
    assert w.screen_name == "unsur:0"
    assert w.find_button("jawaban-2").property("terpilih") == "true"
    answers = (3, 4, 3, 4, 2, 3, 4, 1, 3)
    for a in answers:
        tap(qtbot, w, clock, f"jawaban-{a}")
    assert w.screen_name == "saran"
    for ch in "antre":
        tap(qtbot, w, clock, ch, wait=200)
    tap(qtbot, w, clock, "spasi", wait=200)
    for ch in "lamaa":
        tap(qtbot, w, clock, ch, wait=200)
    tap(qtbot, w, clock, "hapus", wait=200)
    assert count(kdb, pid, held=True) == 0  # nothing stored before the confirmation
    tap(qtbot, w, clock, "lanjut")
    assert w.screen_name == "confirm"
    with qtbot.waitSignal(w.saved) as sig:
        tap(qtbot, w, clock, "lanjut")  # "Kirim"
    assert w.screen_name == "thanks"
    result = sig.args[0]
    assert not result.ditahan
    with kdb.read_session() as s:
        [(rid, rec)] = survey.load_records(s, pid)
        assert results.sumber_counts(s, pid)["kiosk"] == 1
        assert results.summary(s, pid).respondents == 1
    assert rec.sumber == "kiosk" and rec.answers == answers
    assert rec.layanan == "Legalisasi Dokumen" and rec.jenis_kelamin == "Perempuan"
    assert rec.usia == 47 and rec.pendidikan == "SMA" and rec.pekerjaan is None
    assert rec.saran == "Antre lama"
    assert rec.no_kuesioner == result.no_kuesioner >= ks.KIOSK_NO_MIN
    tap(qtbot, w, clock, "selesai")
    assert w.screen_name == "welcome"


def test_invalid_age_is_explained_and_not_accepted(qtbot, kdb, pid, clock):
    w = make(qtbot, kdb, clock)
    tap(qtbot, w, clock, "mulai")
    tap(qtbot, w, clock, "opsi-0")
    tap(qtbot, w, clock, "lewati")
    tap(qtbot, w, clock, "7", wait=300)
    tap(qtbot, w, clock, "lanjut")
    assert w.screen_name == "char:usia"
    assert "Usia harus antara 10 dan 120 tahun" in w.screens.usia_msg.text()


def _walk_to_question(qtbot, w, clock, n_answers=3):
    tap(qtbot, w, clock, "mulai")
    tap(qtbot, w, clock, "opsi-0")
    for _ in range(4):
        tap(qtbot, w, clock, "lewati")
    for _ in range(n_answers):
        tap(qtbot, w, clock, "jawaban-4")
    assert w.screen_name == f"unsur:{n_answers}"


def test_abandoned_session_stores_nothing(qtbot, kdb, pid, clock):
    w = make(qtbot, kdb, clock)
    _walk_to_question(qtbot, w, clock)
    for _ in range(3 + 4 + 2):
        tap(qtbot, w, clock, "kembali")
    assert w.screen_name == "welcome"
    assert count(kdb, pid, held=True) == 0
    tap(qtbot, w, clock, "mulai")  # a fresh start has no old answers
    tap(qtbot, w, clock, "opsi-0")
    for _ in range(4):
        tap(qtbot, w, clock, "lewati")
    assert w.find_button("jawaban-4").property("terpilih") != "true"


def test_idle_timeout_shows_countdown_then_discards(qtbot, kdb, pid, clock):
    st = ks.KioskSettings(batas_diam=0.3, hitung_mundur=0.4)
    w = make(qtbot, kdb, clock, settings=st)
    _walk_to_question(qtbot, w, clock)
    qtbot.waitUntil(lambda: w.overlay_kind == "countdown", timeout=3000)
    assert "kembali ke awal dalam" in w.idle.label.text()
    qtbot.waitUntil(lambda: w.screen_name == "welcome", timeout=3000)
    assert w.overlay_kind == ""
    assert count(kdb, pid, held=True) == 0


def test_countdown_tap_keeps_the_answers(qtbot, kdb, pid, clock):
    st = ks.KioskSettings(batas_diam=0.3, hitung_mundur=5)
    w = make(qtbot, kdb, clock, settings=st)
    _walk_to_question(qtbot, w, clock)
    qtbot.waitUntil(lambda: w.overlay_kind == "countdown", timeout=3000)
    qtbot.mouseClick(w.find_button("lanjutkan"), Qt.MouseButton.LeftButton)
    assert w.overlay_kind == "" and w.screen_name == "unsur:3"
    clock.advance(HUMAN)
    qtbot.mouseClick(w.find_button("kembali"), Qt.MouseButton.LeftButton)
    assert w.find_button("jawaban-4").property("terpilih") == "true"


def test_double_and_too_fast_taps_are_ignored(qtbot, kdb, pid, clock):
    st = ks.KioskSettings(jeda_baca_ms=600, jeda_ketuk_ms=350)
    w = make(qtbot, kdb, clock, settings=st)
    _walk_to_question(qtbot, w, clock, n_answers=1)
    clock.advance(HUMAN)
    qtbot.mouseClick(w.find_button("jawaban-3"), Qt.MouseButton.LeftButton)
    assert w.screen_name == "unsur:2"
    # a double tap lands on the next question's button at the same place: ignored
    clock.advance(120)
    qtbot.mouseClick(w.find_button("jawaban-3"), Qt.MouseButton.LeftButton)
    assert w.screen_name == "unsur:2"
    # a tap after the double-tap gap but before anyone could read the question: ignored
    clock.advance(400)
    qtbot.mouseClick(w.find_button("jawaban-3"), Qt.MouseButton.LeftButton)
    assert w.screen_name == "unsur:2"
    clock.advance(HUMAN)
    qtbot.mouseClick(w.find_button("jawaban-3"), Qt.MouseButton.LeftButton)
    assert w.screen_name == "unsur:3"


def _quick_session(qtbot, w, clock, wait=HUMAN):
    tap(qtbot, w, clock, "mulai")
    tap(qtbot, w, clock, "opsi-1")
    for _ in range(4):
        tap(qtbot, w, clock, "lewati")
    for _ in range(9):
        tap(qtbot, w, clock, "jawaban-4", wait=wait)
    tap(qtbot, w, clock, "lewati")
    tap(qtbot, w, clock, "lanjut")


def test_bursts_are_held_for_the_operator(qtbot, kdb, pid, clock):
    st = ks.KioskSettings(jeda_minimum=30, detik_per_unsur=1.5, jeda_baca_ms=600, jeda_ketuk_ms=350)
    w = make(qtbot, kdb, clock, settings=st)
    _quick_session(qtbot, w, clock)
    assert w.last_result is not None and not w.last_result.ditahan
    tap(qtbot, w, clock, "selesai")
    _quick_session(qtbot, w, clock, wait=700)  # the same person again, right away, racing
    assert w.last_result.ditahan
    assert "terlalu cepat" in w.last_result.alasan and "sebelumnya" in w.last_result.alasan
    assert count(kdb, pid) == 1 and count(kdb, pid, held=True) == 2


BLOCKED = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
]


def test_keys_do_not_close(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    _walk_to_question(qtbot, w, clock, n_answers=1)
    for key, mods in BLOCKED:
        qtbot.keyClick(w, key, mods)
        qtbot.keyClick(w.find_button("jawaban-1"), key, mods)
        QApplication.processEvents()
        assert w.isVisible() and w.screen_name == "unsur:1", (key, mods)


def test_close_request_and_focus_loss_do_not_close(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    w.lock()  # what start_kiosk does: full screen, watched
    assert w.close() is False  # what the window manager's close asks
    assert w.isVisible() and w.isFullScreen()
    w.showMinimized()  # focus lost / minimised: comes back
    qtbot.waitUntil(lambda: not w.isMinimized(), timeout=3000)
    assert w.isVisible() and w.isFullScreen()


def _long_press(qtbot, w, clock, ms=3100):
    """Press the corner ``ms`` milliseconds by the fake clock (no real waiting)."""
    hot = w._hotspot
    assert hot.geometry().topLeft() == QPoint(0, 0) and hot.width() >= 57
    qtbot.mousePress(hot, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    clock.advance(ms)
    qtbot.mouseRelease(hot, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def test_short_press_in_corner_does_nothing(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    _long_press(qtbot, w, clock, ms=2900)
    assert w.overlay_kind == ""
    _long_press(qtbot, w, clock, ms=3000)
    assert w.overlay_kind == "pin"


def test_held_press_opens_the_pad_without_release(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock, long_press_ms=60)  # the timer path, for a finger that stays down
    qtbot.mousePress(w._hotspot, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: w.overlay_kind == "pin", timeout=2000)


def _type_pin(qtbot, w, pin):
    pad = w.overlay().findChild(QPushButton, "tombol-1").parent()
    for d in pin:
        qtbot.mouseClick(pad.key(d), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.find_button("ok"), Qt.MouseButton.LeftButton)


def test_wrong_pin_keeps_kiosk_right_pin_closes(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    _walk_to_question(qtbot, w, clock, n_answers=1)
    _long_press(qtbot, w, clock)
    assert w.overlay_kind == "pin"
    _type_pin(qtbot, w, "1357")
    assert w.isVisible() and w.overlay_kind == "pin" and "PIN salah" in w.pin.msg.text()
    qtbot.mouseClick(w.find_button("batal"), Qt.MouseButton.LeftButton)
    assert w.overlay_kind == "" and w.screen_name == "unsur:1"
    _long_press(qtbot, w, clock)
    with qtbot.waitSignal(w.exited):
        _type_pin(qtbot, w, PIN)
    assert not w.isVisible()


def test_three_wrong_pins_lock_the_pad(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    _long_press(qtbot, w, clock)
    for _ in range(3):
        _type_pin(qtbot, w, "0000")
    _type_pin(qtbot, w, PIN)  # locked: even the right PIN waits
    assert w.isVisible() and "Tunggu 30 detik" in w.pin.msg.text()
    clock.advance(31_000)
    _type_pin(qtbot, w, PIN)
    assert not w.isVisible()


def test_without_pin_the_kiosk_explains_and_does_not_start(qtbot, db, clock):
    from skm_desktop.services import demo

    demo.create_demo(db, n=20)
    w = make(qtbot, db, clock)
    assert w.find_button("mulai") is None
    msg = w.current_screen().findChild(QLabel, "pesan-salah")
    assert "PIN keluar kios belum diatur" in msg.text()
    assert w.find_button("coba-lagi") is not None
    ks.set_pin(db, "9876")
    tap(qtbot, w, clock, "coba-lagi")
    assert w.find_button("mulai") is not None


def test_period_closed_meanwhile_stores_nothing_and_says_so(qtbot, kdb, pid, clock):
    w = make(qtbot, kdb, clock)
    _quick_session_until_confirm(qtbot, w, clock)
    with kdb.session() as s:
        survey.update_periode(s, pid, ditutup=True)  # the operator closes the period meanwhile
    tap(qtbot, w, clock, "lanjut")  # "Kirim"
    assert w.screen_name == "gagal"
    msg = w.current_screen().findChild(QLabel, "pesan-salah").text()
    assert "sudah ditutup" in msg and "petugas" in msg
    assert count(kdb, pid, held=True) == 0
    tap(qtbot, w, clock, "selesai")
    assert w.screen_name == "welcome"


def _quick_session_until_confirm(qtbot, w, clock):
    tap(qtbot, w, clock, "mulai")
    tap(qtbot, w, clock, "opsi-0")
    for _ in range(4):
        tap(qtbot, w, clock, "lewati")
    for _ in range(9):
        tap(qtbot, w, clock, "jawaban-3")
    tap(qtbot, w, clock, "lewati")
    assert w.screen_name == "confirm"


def test_not_ready_kiosk_with_pin_still_needs_the_pin(qtbot, kdb, pid, clock):
    with kdb.session() as s:
        survey.update_periode(s, pid, ditutup=True)
    w = make(qtbot, kdb, clock)
    assert w.find_button("mulai") is None
    assert "Tidak ada periode survei yang terbuka" in w.current_screen().findChild(QLabel, "pesan-salah").text()
    tap(qtbot, w, clock, "tutup")
    assert w.isVisible() and w.overlay_kind == "pin"


def test_touch_taps_work(qtbot, kdb, pid, clock):
    from PySide6.QtTest import QTest

    dev = QTest.createTouchDevice()
    w = make(qtbot, kdb, clock)
    clock.advance(HUMAN)
    b = w.find_button("mulai")
    centre = b.mapTo(w, b.rect().center())
    QTest.touchEvent(w.windowHandle(), dev).press(0, centre, w.windowHandle()).commit()
    QTest.touchEvent(w.windowHandle(), dev).release(0, centre, w.windowHandle()).commit()
    qtbot.waitUntil(lambda: w.screen_name == "layanan", timeout=2000)


def test_unit_logo_on_welcome(qtbot, kdb, clock):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    img = QImage(64, 64, QImage.Format.Format_RGB32)
    img.fill(QColor("#1565c0"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    with kdb.session() as s:
        survey.get_unit(s).logo = bytes(data)
    w = make(qtbot, kdb, clock)
    pixmaps = [l.pixmap() for l in w.current_screen().findChildren(QLabel) if not l.pixmap().isNull()]
    assert any(p.width() >= 100 for p in pixmaps)  # the logo, scaled up (faces are smaller)


def test_operator_settings_apply_from_the_next_respondent(qtbot, kdb, pid, clock):
    w = make(qtbot, kdb, clock)  # settings read from the database
    st = dataclasses.replace(
        ks.load_settings(kdb),
        tanya_usia=False,
        tanya_pendidikan=False,
        tanya_pekerjaan=False,
        tanya_saran=False,
        jeda_minimum=0,
        teks_sambutan="Selamat datang di Puskesmas Contoh",
    )
    ks.save_settings(kdb, st)
    tap(qtbot, w, clock, "mulai")
    tap(qtbot, w, clock, "kembali")  # back to the welcome: settings re-read
    texts = [l.text() for l in w.current_screen().findChildren(QLabel)]
    assert "Selamat datang di Puskesmas Contoh" in texts
    tap(qtbot, w, clock, "mulai")
    tap(qtbot, w, clock, "opsi-0")
    tap(qtbot, w, clock, "opsi-0")  # jenis kelamin is still asked
    assert w.screen_name == "unsur:0"  # usia, pendidikan, pekerjaan are not
    for _ in range(9):
        tap(qtbot, w, clock, "jawaban-4")
    assert w.screen_name == "confirm"  # no saran screen
    tap(qtbot, w, clock, "lanjut")
    with kdb.read_session() as s:
        [(_, rec)] = survey.load_records(s, pid)
    assert rec.jenis_kelamin == "Laki-laki" and rec.usia is None and rec.saran == ""


# ---------------------------------------------------------------- a finished response is never lost
def _busy(monkeypatch):
    from sqlalchemy.exc import OperationalError

    def busy(*a, **k):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(ks, "_save_once", busy)
    monkeypatch.setattr(ks.time, "sleep", lambda _s: None)


def test_busy_database_still_thanks_and_stores_in_the_background(qtbot, kdb, pid, clock, monkeypatch):
    real = ks._save_once
    w = make(qtbot, kdb, clock, retry_ms=50)
    _quick_session_until_confirm(qtbot, w, clock)
    _busy(monkeypatch)
    tap(qtbot, w, clock, "lanjut")  # "Kirim" while another program holds the file
    assert w.screen_name == "thanks"
    assert count(kdb, pid, held=True) == 0 and len(w.pending) == 1
    assert w.pending.path.exists() and w.pending.path.parent == kdb.path.parent
    qtbot.wait(200)  # retried meanwhile: still busy, still kept
    assert len(w.pending) == 1
    monkeypatch.setattr(ks, "_save_once", real)  # the other program let go
    with qtbot.waitSignal(w.saved, timeout=3000) as sig:
        pass
    assert count(kdb, pid, held=True) == 1 and len(w.pending) == 0 and not w.pending.path.exists()
    assert sig.args[0].no_kuesioner >= ks.KIOSK_NO_MIN


def test_responses_left_by_a_crash_are_stored_at_start(qtbot, kdb, pid, clock):
    import datetime as dt

    store = ks.PendingStore.for_database(kdb)
    store.add(pid, ks.KioskResponse.of(answers=(3,) * 9, layanan=LAYANAN_0, saran="Dari berkas"), dt.date(2025, 2, 3))
    w = make(qtbot, kdb, clock, retry_ms=50)
    qtbot.waitUntil(lambda: count(kdb, pid, held=True) == 1, timeout=3000)
    with kdb.read_session() as s:
        [(_, rec)] = survey.load_records(s, pid)
    assert rec.saran == "Dari berkas" and rec.tanggal == dt.date(2025, 2, 3)
    assert len(w.pending) == 0


def test_refused_response_is_kept_for_the_operator(qtbot, kdb, pid, clock):
    import json

    w = make(qtbot, kdb, clock)
    _quick_session_until_confirm(qtbot, w, clock)
    with kdb.session() as s:
        survey.update_periode(s, pid, ditutup=True)
    tap(qtbot, w, clock, "lanjut")
    assert w.screen_name == "gagal"
    kept = kdb.path.with_name(kdb.path.name + ".kios-ditolak.json")
    [row] = json.loads(kept.read_text(encoding="utf-8"))["ditolak"]
    assert row["data"]["answers"] == [3] * 9 and "sudah ditutup" in row["alasan"]


# ---------------------------------------------------------------- PIN lockout and a hostile stored PIN
def test_lockout_grows_and_survives_a_restart(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    _long_press(qtbot, w, clock)
    for _ in range(3):
        _type_pin(qtbot, w, "0000")
    assert "Tunggu 30 detik" in w.pin.msg.text()
    clock.advance(31_000)
    _type_pin(qtbot, w, "1111")
    assert "PIN salah 4 kali" in w.pin.msg.text() and "Tunggu 1 menit" in w.pin.msg.text()
    w2 = make(qtbot, kdb, FakeClockAt(clock))  # the kiosk restarted: still locked
    _long_press(qtbot, w2, w2.clock)
    assert "Terlalu banyak PIN salah" in w2.pin.msg.text()
    _type_pin(qtbot, w2, PIN)
    assert w2.isVisible() and "Tunggu" in w2.pin.msg.text()


class FakeClockAt:
    """A second fake clock (a restarted kiosk) starting where ``other`` is now."""

    def __init__(self, other) -> None:
        self.t = other.t

    def __call__(self) -> float:
        return self.t

    def advance(self, ms: float) -> None:
        self.t += ms


def test_hostile_stored_pin_is_refused_and_explained(qtbot, kdb, clock):
    import json

    from skm_desktop.storage.models import Pengaturan

    with kdb.session() as s:
        row = s.get(Pengaturan, ks.PIN_KEY)
        d = json.loads(row.nilai)
        d["iterasi"] = 10**9  # would hang the kiosk for hours
        row.nilai = json.dumps(d)
    w = make(qtbot, kdb, clock)
    assert w.find_button("mulai") is None
    assert "mengatur PIN lagi" in w.current_screen().findChild(QLabel, "pesan-salah").text()
    with qtbot.waitSignal(w.exited, timeout=2000):
        tap(qtbot, w, clock, "tutup")  # no usable PIN: nothing to check against


def test_hidden_or_moved_window_comes_back_full_screen(qtbot, kdb, clock):
    w = make(qtbot, kdb, clock)
    w.lock()
    w.hide()  # something unmapped it
    qtbot.waitUntil(lambda: w.isVisible() and w.isFullScreen(), timeout=1000)
    w.showNormal()  # something took the full screen away
    qtbot.waitUntil(lambda: w.isFullScreen(), timeout=1000)
    assert w.lockdown.reasserts >= 2


def test_super_and_switch_keys_are_swallowed(qtbot, kdb, clock):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from skm_desktop.ui.kiosk.lockdown import is_blocked_key

    K, M = Qt.Key, Qt.KeyboardModifier
    for key, mods in [
        (K.Key_Super_L, M.NoModifier),
        (K.Key_D, M.MetaModifier),
        (K.Key_Tab, M.AltModifier),
        (K.Key_Right, M.ControlModifier | M.AltModifier),
        (K.Key_F4, M.AltModifier),
        (K.Key_Menu, M.NoModifier),
    ]:
        assert is_blocked_key(QKeyEvent(QEvent.Type.KeyPress, key, mods)), (key, mods)
    assert not is_blocked_key(QKeyEvent(QEvent.Type.KeyPress, K.Key_A, M.NoModifier))
