import datetime as dt

import pytest

from skm_desktop.services import kiosk as ks
from skm_desktop.services import survey

PIN = "2468"
LAYANAN = ("Surat Keterangan Domisili", "Pengantar KTP-el dan KK", "Legalisasi Dokumen")


@pytest.fixture(autouse=True)
def no_lockdown_left_behind():
    """A kiosk window a test leaves locked keeps its application-wide key filter (it blocks
    every Ctrl shortcut) until Qt deletes the window, which may be never in a test run:
    release every lockdown still there, so that later tests type Ctrl+A as usual."""
    yield
    from PySide6.QtWidgets import QApplication

    from skm_desktop.ui.kiosk.lockdown import Lockdown

    if QApplication.instance() is None:
        return
    for w in QApplication.topLevelWidgets():
        for lock in w.findChildren(Lockdown):
            if not lock.released:
                lock.release()


class FakeClock:
    """Milliseconds under the test's control (taps 'happen' as slowly as a person's)."""

    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, ms: float) -> None:
        self.t += ms


@pytest.fixture
def kdb(db):
    """A unit with three layanan, an open period (9 standard unsur) and a kiosk PIN."""
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Contoh")
        for name in LAYANAN:
            survey.add_layanan(s, u.id, name)
        old = survey.create_periode(s, u.id, "Tahun 2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        old.ditutup = True
        survey.create_periode(s, u.id, "Semester I 2025", None, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    ks.set_pin(db, PIN)
    return db


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def pid(kdb) -> int:
    """The open period's id."""
    with kdb.read_session() as s:
        return survey.find_periode(s, "Semester I 2025").id
