"""The review of scanned sheets the reader was not sure about: the crop of the paper
beside the field's choices, keyboard only — 1–9 picks a choice (usia: type the years),
Space leaves the field blank, Enter accepts and goes on; a sheet is stored when its
last doubtful field is accepted."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from skm_desktop.domain.errors import DomainError
from skm_desktop.services.pindai import HALAMAN_DPI, PindaiService, Tinjauan

LABELS = {
    "jenis_kelamin": "Jenis kelamin",
    "usia": "Usia (tahun)",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "jenis_layanan": "Jenis layanan",
}


def field_label(key: str) -> str:
    return f"Pertanyaan {key[1:]}" if key.startswith("u") and key[1:].isdigit() else LABELS.get(key, key)


class TinjauDialog(QDialog):
    def __init__(self, svc: PindaiService, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pindaiTinjau")
        self.setWindowTitle("Periksa hasil pindai")
        self.resize(1200, 320)
        self._svc, self._operator = svc, operator
        self.confirmed = 0
        self._queue: list[Tinjauan] = svc.antrean()
        self._sheet: Tinjauan | None = None
        self._fields: list[str] = []
        self._values: dict[str, Any] = {}
        self._page: QImage | None = None
        self._part: QImage | None = None
        self._choice: Any = None
        self._typed = ""
        self.title = QLabel()
        self.title.setObjectName("pindaiJudul")
        self.crop = QLabel()
        self.crop.setObjectName("pindaiPotongan")
        self.crop.setMinimumSize(720, 140)
        self.crop.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.choices = QLabel()
        self.choices.setObjectName("pindaiPilihan")
        self.choices.setTextFormat(Qt.TextFormat.RichText)
        self.choices.setWordWrap(True)
        self.choices.setMinimumWidth(260)
        self.error = QLabel()
        self.error.setObjectName("pindaiPesan")
        self.error.setWordWrap(True)
        help_ = QLabel(
            "Tombol: <b>1–9</b> pilih jawaban (usia: ketik angkanya) · <b>Spasi</b> kosong · "
            "<b>Enter</b> terima · <b>Esc</b> tutup (lembar yang belum diterima tetap menunggu)"
        )
        help_.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.crop, 4)
        side = QVBoxLayout()
        side.addWidget(self.choices)
        side.addStretch(1)
        side.addWidget(self.error)
        row.addLayout(side, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addLayout(row, 1)
        lay.addWidget(help_)
        self._next_sheet()

    # ------------------------------------------------------------ flow
    def _next_sheet(self) -> None:
        if not self._queue:
            self._sheet = None
            self.title.setText("<b>Semua lembar sudah diperiksa.</b>")
            self.choices.setText("")
            self._part = None
            self.crop.clear()
            self.crop.setText("Tidak ada lembar yang menunggu.")
            return
        self._sheet = self._queue.pop(0)
        self._fields = list(self._sheet.ragu)
        self._values = dict(self._sheet.values)
        png = self._svc.gambar_halaman(self._sheet.id)
        self._page = QImage.fromData(png, "PNG") if png else None
        self._show_field()

    def _show_field(self) -> None:
        s = self._sheet
        assert s is not None
        key = self._fields[0]
        self._choice, self._typed = None, ""
        left = len(self._queue)
        self.title.setText(
            f"<b>Kuesioner no. {s.no_kuesioner}</b> — {escape(s.berkas)} halaman {s.halaman} · "
            f"{field_label(key)} ({len(s.ragu) - len(self._fields) + 1} dari {len(s.ragu)}) · "
            f"{left} lembar lagi"
        )
        self._show_crop(s.wilayah.get(key))
        self.error.setText("")
        self._render_choices()

    def _show_crop(self, region: tuple[float, float, float, float] | None) -> None:
        if self._page is None or region is None:
            self._part = None
            self.crop.setText("(gambar halaman tidak tersedia)")
            return
        k = HALAMAN_DPI / 25.4
        x, y, w, h = (int(v * k) for v in region)
        self._part = self._page.copy(x, y, w, h)
        self._fit_crop()

    def _fit_crop(self) -> None:
        if self._part is None:
            return
        pm = QPixmap.fromImage(self._part).scaled(
            self.crop.width(),
            self.crop.height(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.crop.setPixmap(pm)

    def resizeEvent(self, e) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(e)
        self._fit_crop()

    def _render_choices(self) -> None:
        key = self._fields[0]
        if key == "usia":
            shown = self._typed or ("kosong" if self._choice == "" else "…")
            self.choices.setText(f"<p><b>{field_label(key)}</b></p><p style='font-size:20pt'>{shown}</p>")
            return
        assert self._sheet is not None
        opts = self._options(key)
        texts = self._sheet.label.get(key, opts)
        lines = []
        for i, (o, t) in enumerate(zip(opts, texts, strict=True), 1):
            lines.append(f"{'●' if self._choice == o else '○'} <b>{i}</b> &nbsp;{escape(t)}")
        lines.append(f"{'●' if self._choice == '' else '○'} <b>Spasi</b> &nbsp;(kosong)")
        self.choices.setText(f"<p><b>{field_label(key)}</b></p>" + "<br>".join(lines))

    def _options(self, key: str) -> tuple[str, ...]:
        assert self._sheet is not None
        return self._sheet.pilihan.get(key, ())

    # ------------------------------------------------------------ keys
    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self._sheet is None:
            super().keyPressEvent(e)
            return
        key = self._fields[0]
        text = e.text()
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._accept_field()
        elif e.key() == Qt.Key.Key_Space:
            self._choice, self._typed = "", ""
            self._render_choices()
        elif e.key() == Qt.Key.Key_Backspace and key == "usia":
            self._typed = self._typed[:-1]
            self._render_choices()
        elif len(text) == 1 and "0" <= text <= "9":  # ASCII only: '²' or '٣' would break int()
            if key == "usia":
                self._typed = (self._typed + text)[:3]
                self._choice = None
            else:
                opts = self._options(key)
                n = int(text)
                if 1 <= n <= len(opts):
                    self._choice = opts[n - 1]
            self._render_choices()
        else:
            super().keyPressEvent(e)

    def _accept_field(self) -> None:
        key = self._fields[0]
        if key == "usia":
            if self._typed:
                self._values["usia"] = int(self._typed)
            elif self._choice == "":
                self._values["usia"] = None
            else:
                self.error.setText("Ketik usia atau tekan Spasi untuk kosong.")
                return
        elif self._choice is None:
            self.error.setText("Pilih jawaban dengan angka, atau Spasi untuk kosong.")
            return
        else:
            self._values[key] = self._choice or None
        self._fields.pop(0)
        if self._fields:
            self._show_field()
            return
        assert self._sheet is not None
        try:
            self._svc.konfirmasi(self._sheet.id, self._values, self._operator)
        except DomainError as err:
            # back to the first doubtful field, shown, so the next keys answer what is on screen
            self._fields = list(self._sheet.ragu)
            self._show_field()
            self.error.setText(str(err))
            return
        self.confirmed += 1
        self._next_sheet()
