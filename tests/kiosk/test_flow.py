"""The kiosk flow without any widget: steps, answers, tap gate, long press, countdown."""

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst

from skm_desktop.services import kiosk as ks
from skm_desktop.ui.kiosk import flow as fl
from skm_desktop.ui.kiosk.flow import Countdown, KioskFlow, LongPress, Screen, Step, TapGate, build_steps

from .conftest import FakeClock


def make_setup(n_layanan=3, n_q=9):
    q = tuple(
        ks.KioskQuestion(
            f"U{i + 1}", f"Unsur {i + 1}", f"Pertanyaan {i + 1}?", ("Tidak", "Kurang", "Baik", "Sangat baik")
        )
        for i in range(n_q)
    )
    return ks.KioskSetup(
        unit_nama="Unit",
        logo=None,
        periode_id=7,
        periode_nama="P",
        layanan=tuple(f"Layanan {i}" for i in range(n_layanan)),
        questions=q,
        jenis_kelamin=("Laki-laki", "Perempuan"),
        pendidikan=("SD", "SMA"),
        pekerjaan=("PNS", "Lainnya"),
    )


def test_flow_module_imports_no_qt():
    tree = ast.parse(Path(fl.__file__).read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.startswith(("PySide6", "PyQt", "shiboken"))]


def test_whole_session_without_widgets():
    clock = FakeClock()
    f = KioskFlow(clock)
    st = ks.KioskSettings()
    assert f.reset() == Step(Screen.WELCOME) and not f.in_session
    assert f.start(make_setup(), st).screen is Screen.LAYANAN
    assert f.choose_layanan("Layanan 2") == Step(Screen.CHAR, char="jenis_kelamin")
    f.choose_char("jenis_kelamin", "Perempuan")
    for d in "47":
        assert f.usia_digit(d)
    assert not f.usia_digit("x")
    assert f.usia_done() is None and f.step.name == "char:pendidikan"
    f.choose_char("pendidikan", None)
    f.choose_char("pekerjaan", None)
    assert f.step == Step(Screen.UNSUR, index=0) and f.in_session
    clock.advance(1000)
    for i in range(9):
        clock.advance(2000)
        f.answer(i, 1 + i % 4)
    assert f.step.screen is Screen.SARAN and f.progress == (15, 16)
    for ch in "Ok":
        f.type_saran(ch)
    assert f.next().screen is Screen.CONFIRM
    r = f.response()
    assert r.answers == tuple(1 + i % 4 for i in range(9)) and r.record.layanan == "Layanan 2"
    assert r.record.usia == 47 and r.record.saran == "Ok" and r.record.jenis_kelamin == "Perempuan"
    assert r.durasi == pytest.approx(19.0)  # from the first question shown to now
    assert f.finished(True) == Step(Screen.THANKS) and f.answers is None


def test_one_layanan_is_not_asked_and_back_from_first_step_resets():
    f = KioskFlow(FakeClock())
    st = ks.KioskSettings(
        tanya_jenis_kelamin=False, tanya_usia=False, tanya_pendidikan=False, tanya_pekerjaan=False, tanya_saran=False
    )
    assert f.start(make_setup(n_layanan=1, n_q=2), st) == Step(Screen.UNSUR, index=0)
    assert f.answers.layanan == "Layanan 0"
    assert f.response() is None  # unanswered: nothing to save
    assert f.back().screen is Screen.WELCOME and f.answers is None


def test_invalid_age_is_explained():
    f = KioskFlow(FakeClock())
    f.start(make_setup(), ks.KioskSettings())
    f.choose_layanan("Layanan 0")
    f.choose_char("jenis_kelamin", None)
    f.usia_digit("7")
    assert "Usia harus antara 10 dan 120" in f.usia_done()
    assert f.step.name == "char:usia"
    for d in "9999":
        f.usia_digit(d)
    assert len(f.usia_text) == 3  # no more than three digits


def test_saran_is_bounded():
    f = KioskFlow(FakeClock())
    f.start(make_setup(), ks.KioskSettings())
    for _ in range(ks.SARAN_MAX + 10):
        f.type_saran("a")
    assert len(f.answers.saran) == ks.SARAN_MAX


@given(
    n_lay=hst.integers(0, 5),
    chars=hst.lists(hst.sampled_from(fl.CHARACTERISTICS), unique=True),
    n_q=hst.integers(1, 30),
    saran=hst.booleans(),
)
def test_steps_shape(n_lay, chars, n_q, saran):
    steps = build_steps(n_lay, chars, n_q, saran)
    screens = [s.screen for s in steps]
    assert screens[-1] is Screen.CONFIRM
    assert (Screen.LAYANAN in screens) == (n_lay > 1)
    assert [s.index for s in steps if s.screen is Screen.UNSUR] == list(range(n_q))
    assert [s.char for s in steps if s.screen is Screen.CHAR] == chars
    assert (Screen.SARAN in screens) == saran
    assert len({s.name for s in steps}) == len(steps)  # every step has its own name


@settings(max_examples=60)
@given(moves=hst.lists(hst.sampled_from(["next", "back", "answer"]), max_size=60))
def test_any_tap_sequence_stays_inside_the_steps(moves):
    f = KioskFlow(FakeClock())
    f.start(make_setup(n_q=3), ks.KioskSettings())
    for mv in moves:
        if f.step.screen is Screen.WELCOME:
            f.start(make_setup(n_q=3), ks.KioskSettings())
        elif mv == "next":
            f.next()
        elif mv == "back":
            f.back()
        elif f.step.screen is Screen.UNSUR:
            f.answer(f.step.index, 3)
        assert f.step.screen is Screen.WELCOME or f.step == f.steps[f.index]
        if f.step.screen is Screen.CONFIRM and f.answers.complete:
            assert f.response() is not None


@given(gaps=hst.lists(hst.integers(0, 3000), min_size=1, max_size=40))
def test_tap_gate_never_accepts_two_taps_closer_than_the_gap(gaps):
    clock = FakeClock()
    gate = TapGate(clock)
    st = ks.KioskSettings(jeda_ketuk_ms=350, jeda_baca_ms=600)
    accepted = []
    for g in gaps:
        clock.advance(g)
        if gate.accept(st):
            accepted.append(clock())
    assert all(b - a >= 350 for a, b in zip(accepted, accepted[1:]))


def test_tap_gate_reading_delay():
    clock = FakeClock()
    gate = TapGate(clock)
    st = ks.KioskSettings(jeda_ketuk_ms=350, jeda_baca_ms=600)
    gate.screen_shown()
    clock.advance(400)
    assert not gate.accept(st, reading=True)  # nobody reads a question in 0.4 s
    assert not gate.read_long_enough(st)
    clock.advance(300)
    assert gate.accept(st, reading=True) and gate.read_long_enough(st)
    assert not gate.accept(st)  # the same finger again at once


def test_long_press_by_the_clock():
    clock = FakeClock()
    lp = LongPress(clock, 3000)
    lp.press()
    clock.advance(2999)
    assert not lp.release()
    lp.press()
    clock.advance(3000)
    assert lp.held_long_enough() and lp.release()
    assert not lp.release()  # a release without a press


@given(seconds=hst.floats(0.1, 60))
def test_countdown_runs_out_after_its_ticks(seconds):
    c = Countdown.for_settings(ks.KioskSettings(hitung_mundur=seconds))
    n = c.ticks
    assert n >= 1 and c.step_ms <= 1000
    assert f"dalam {c.seconds_left} detik" in c.text()
    for _ in range(n - 1):
        assert not c.tick()
    assert c.tick()


def test_breakable_inserts_break_points():
    assert "\u200b" in fl.breakable("a" * 45) and fl.breakable("kata pendek") == "kata pendek"
