"""Sizes and colours of the kiosk, derived from the screen size and density.

Touch targets are at least 15 mm (converted with the screen's logical dpi),
type is large and scales with the shorter side of the screen, and there is a
high-contrast palette (yellow on black)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from skm_desktop import palette
from skm_desktop.paths import resources_dir

MIN_TARGET_MM = 15.0


@dataclass(frozen=True)
class Metrics:
    width: int
    height: int
    dpi: float
    high_contrast: bool = False

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def target(self) -> int:
        """Smallest touch target side in pixels (15 mm, never under 57 px)."""
        return max(57, round(MIN_TARGET_MM / 25.4 * self.dpi))

    @property
    def font(self) -> int:
        """Body text size in pixels."""
        return max(20, min(44, round(min(self.width, self.height) / 30)))

    @property
    def title_font(self) -> int:
        return round(self.font * 1.45)

    @property
    def question_font(self) -> int:
        return round(self.font * 1.3)

    @property
    def small_font(self) -> int:
        return max(18, round(self.font * 0.8))

    @property
    def button_height(self) -> int:
        return max(self.target, round(self.font * 2.6))

    @property
    def margin(self) -> int:
        return max(16, round(min(self.width, self.height) / 40))

    @property
    def spacing(self) -> int:
        return max(10, round(self.font * 0.6))

    @property
    def face(self) -> int:
        """Side of an answer face icon."""
        if self.portrait:
            return max(self.target, min(round(self.height / 13), round(self.width / 6)))
        return max(self.target, min(round(self.width / 9), round(self.height / 6)))

    def key(self) -> tuple[str, str, str, str, str]:
        """(background, text, button, button text, border)."""
        c = self.colors()
        return (c["bg"], c["fg"], c["button"], c["button_fg"], c["border"])

    def colors(self) -> dict[str, str]:
        """The kiosk's colours from the one palette (normal or high contrast)."""
        return palette.KIOSK_HIGH_CONTRAST if self.high_contrast else palette.KIOSK


def stylesheet(m: Metrics) -> str:
    bg, fg, btn, btn_fg, border = m.key()
    c = m.colors()
    primary_bg, primary_fg, pressed = c["primary"], c["primary_fg"], c["pressed"]
    bw = 4 if m.high_contrast else 2
    return f"""
    KioskWindow, QWidget#kiosk-screen, QFrame#kiosk-screen {{ background: {bg}; }}
    QLabel {{ color: {fg}; font-size: {m.font}px; background: transparent; }}
    QLabel#judul {{ font-size: {m.title_font}px; font-weight: bold; }}
    QLabel#pertanyaan {{ font-size: {m.question_font}px; font-weight: bold; }}
    QLabel#kecil {{ font-size: {m.small_font}px; }}
    QLabel#unit {{ font-size: {m.title_font}px; font-weight: bold; }}
    QLabel#kecil-tebal {{ font-size: {m.small_font}px; font-weight: bold; }}
    QLabel#pesan-salah {{ color: {c["error"]}; font-weight: bold; }}
    QPlainTextEdit#layar-teks {{ color: {fg}; background: {btn}; border: {bw}px solid {border};
                                 border-radius: 8px; padding: {m.spacing // 2}px; font-size: {m.font}px; }}
    QLabel#layar-teks {{ background: {btn}; border: {bw}px solid {border}; border-radius: 8px;
                         padding: {m.spacing}px; font-size: {m.font}px; }}
    QPushButton {{ background: {btn}; color: {btn_fg}; border: {bw}px solid {border};
                   border-radius: 12px; font-size: {m.font}px; padding: 4px {m.spacing}px; }}
    QPushButton:pressed {{ background: {pressed}; }}
    QPushButton#utama {{ background: {primary_bg}; color: {primary_fg}; font-weight: bold;
                         border-color: {primary_bg}; }}
    QPushButton#navigasi {{ font-weight: bold; }}
    QPushButton[terpilih="true"] {{ border: {bw + 3}px solid {c["chosen"]};
                                    background: {c["chosen_bg"]}; }}
    QFrame#lapisan {{ background: {c["overlay"]}; }}
    QFrame#kotak {{ background: {bg}; border: {bw}px solid {border}; border-radius: 16px; }}
    """


def face_path(value: int) -> Path:
    return resources_dir() / "kiosk" / f"face-{value}.svg"


def face_icon(value: int) -> QIcon:
    return QIcon(str(face_path(value)))


@lru_cache(maxsize=64)
def face_pixmap(value: int, side: int) -> QPixmap:
    return face_icon(value).pixmap(QSize(side, side))
