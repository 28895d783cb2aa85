"""Every kiosk screen at the four target sizes: touch targets of at least 15 mm,
nothing outside the screen, no overlapping buttons, no clipped wrapped text."""

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from skm_desktop.services import kiosk as ks
from skm_desktop.ui.kiosk.window import KioskWindow

SIZES = [(1024, 768), (1280, 800), (1920, 1080), (1080, 1920)]
FAST = dict(jeda_baca_ms=0, jeda_ketuk_ms=0, jeda_minimum=0, detik_per_unsur=0)


def where_size(where: str) -> tuple[int, int]:
    a, b = where.split(")")[0].strip("(").split(",")
    return int(a), int(b)


def check_screen(w: KioskWindow, where: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    root = w.overlay() or w.current_screen()
    win = w.rect()
    assert (w.width(), w.height()) == where_size(where), f"{where}: ukuran jendela berubah {w.size()}"
    target = w.metrics().target
    rects = []
    for b in root.findChildren(QPushButton):
        if not b.isVisibleTo(w):
            continue
        r = QRect(b.mapTo(w, QPoint(0, 0)), b.size())
        assert b.height() >= target and b.width() >= target, (
            f"{where}: tombol '{b.text()}' {b.width()}x{b.height()} < {target} px"
        )
        assert win.contains(r), f"{where}: tombol '{b.text()}' keluar layar: {r}"
        rects.append((b.text(), r))
    for i, (ta, ra) in enumerate(rects):
        for tb, rb in rects[i + 1 :]:
            assert not ra.intersects(rb), f"{where}: '{ta}' {ra} menimpa '{tb}' {rb}"
    for lab in root.findChildren(QLabel):
        if lab.isVisibleTo(w) and lab.wordWrap() and lab.text():
            need = lab.heightForWidth(lab.width())
            assert need <= lab.height() + 2, f"{where}: teks '{lab.text()[:40]}' terpotong"


def walk(w: KioskWindow, size) -> list[str]:
    seen = []

    def press(key):
        b = w.find_button(key)
        assert b is not None, (key, w.screen_name)
        b.click()

    def visit():
        check_screen(w, f"{size} {w.screen_name}")
        seen.append(w.screen_name)

    visit()
    press("mulai")
    visit()  # layanan
    press("opsi-0")
    for _ in range(4):  # characteristics
        visit()
        press("lewati")
    for i in range(9):
        visit()
        press(f"jawaban-{1 + i % 4}")
    visit()  # saran
    for ch in "pelayanan cepat":
        press("spasi" if ch == " " else ch)
    press("lanjut")
    visit()  # confirm
    w.idle.start_countdown()
    visit()
    w.idle.continue_session()
    w.open_pin()
    visit()
    w.pin.cancel()
    press("lanjut")
    visit()  # thanks
    return seen


@pytest.mark.parametrize("size", SIZES, ids=[f"{a}x{b}" for a, b in SIZES])
def test_every_screen_fits(qtbot, kdb, size):
    w = KioskWindow(kdb, settings=ks.KioskSettings(**FAST))
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    QApplication.processEvents()
    assert (w.width(), w.height()) == size
    seen = walk(w, size)
    assert seen[0] == "welcome" and seen[-1] == "thanks" and "confirm" in seen and "saran" in seen
    assert w.last_result is not None


def test_high_contrast_fits(qtbot, kdb):
    w = KioskWindow(kdb, settings=ks.KioskSettings(kontras_tinggi=True, **FAST))
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    assert "#ffff00" in w.styleSheet()
    walk(w, (1024, 768))


def test_target_size_follows_screen_density():
    from skm_desktop.ui.kiosk.style import Metrics

    assert Metrics(1280, 800, 96).target == 57  # 15 mm at 96 dpi
    assert Metrics(1280, 800, 192).target == 113  # a dense tablet: still 15 mm


def test_longest_saran_fits_on_small_screen(qtbot, kdb):
    w = KioskWindow(kdb, settings=ks.KioskSettings(**FAST))
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    w.find_button("mulai").click()
    w.find_button("opsi-0").click()
    for _ in range(4):
        w.find_button("lewati").click()
    for _ in range(9):
        w.find_button("jawaban-3").click()
    for _ in range(ks.SARAN_MAX + 20):  # typing past the limit is refused
        w.find_button("a").click()
    assert len(w.flow.answers.saran) == ks.SARAN_MAX
    check_screen(w, "(1024, 768) saran penuh")
    w.find_button("lanjut").click()
    check_screen(w, "(1024, 768) konfirmasi saran penuh")
