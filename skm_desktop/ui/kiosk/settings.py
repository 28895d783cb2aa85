"""Operator-app page "Kios": kiosk settings, the exit PIN, and the review of
held (suspicious) kiosk responses with Terima / Hapus."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QProcess, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.formatting import angka
from skm_desktop.domain.respondent import answers_text
from skm_desktop.domain.tanggal import format_display_waktu
from skm_desktop.services import ServiceError
from skm_desktop.services import kiosk as ks
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.gaya import status
from skm_desktop.ui.unsaved import UnsavedChanges, save_pending
from skm_desktop.ui.widgets import ask, button_row, make_label

CHAR_BOXES = (
    ("tanya_jenis_kelamin", "Jenis kelamin"),
    ("tanya_usia", "Usia (angka tahun)"),
    ("tanya_pendidikan", "Pendidikan"),
    ("tanya_pekerjaan", "Pekerjaan"),
    ("tanya_saran", "Saran (papan ketik di layar)"),
)


def kiosk_command(db_path: str) -> tuple[str, list[str]]:
    """Program and arguments that open the kiosk on ``db_path`` in a new process:
    the installed program itself when frozen, else this Python with the package."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--kiosk", "--db", db_path]
    return sys.executable, ["-m", "skm_desktop", "--kiosk", "--db", db_path]


class KioskSettingsPage(QWidget, UnsavedChanges):
    UNSAVED_LABEL = "halaman Kios"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        v = QVBoxLayout(body)

        title = QLabel("<b>Kios survei (layar sentuh)</b>")
        v.addWidget(title)
        intro = QLabel(
            "Responden mengisi sendiri di layar sentuh. Tekan <b>Buka mode kios</b> untuk membuka "
            "kios dalam jendela layar penuh terpisah, memakai berkas data yang sedang dibuka ini. "
            "Untuk keluar dari kios: tekan lama (3 detik) sudut kiri atas layar, lalu masukkan PIN."
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        self.launch_button = QPushButton("Buka mode kios")
        self.launch_button.setObjectName("launchKiosk")
        self.launch_button.setToolTip(
            "Membuka kios layar sentuh untuk berkas data ini (PIN keluar harus sudah diatur)."
        )
        self.launch_button.clicked.connect(self.launch_kiosk)
        self.launch_button.setMaximumWidth(260)
        v.addWidget(self.launch_button)
        # the outcome of the last action, at the top where it is seen
        self.status = make_label(name="status", wrap=True)
        v.addWidget(self.status)

        # ---- review of held responses
        rev = QGroupBox("Kuesioner kios yang ditahan")
        rl = QVBoxLayout(rev)
        self.counts = make_label(wrap=True)
        rl.addWidget(self.counts)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["No.", "Waktu", "Layanan", "Jawaban per unsur", "Alasan ditahan"])
        self.table.horizontalHeaderItem(3).setToolTip("Jawaban U1, U2, dan seterusnya, berurutan.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        for c in range(4):  # header and contents always shown in full
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(220)
        rl.addWidget(self.table)
        self.accept_button = QPushButton("Terima (hitung)")
        self.accept_button.clicked.connect(self.accept_selected)
        self.delete_button = QPushButton("Hapus")
        self.delete_button.clicked.connect(self.delete_selected)
        rl.addLayout(button_row(self.accept_button, self.delete_button))
        v.addWidget(rev)

        # ---- what is asked
        ask = QGroupBox("Karakteristik yang ditanyakan (semua boleh dilewati responden)")
        al = QGridLayout(ask)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (name, label) in enumerate(CHAR_BOXES):
            cb = QCheckBox(label)
            cb.setObjectName(name)
            self.boxes[name] = cb
            al.addWidget(cb, i // 3, i % 3)
        v.addWidget(ask)

        # ---- behaviour
        beh = QGroupBox("Perilaku kios")
        form = QFormLayout(beh)
        self.idle = self._spin(15, 900, " detik")
        form.addRow("Kembali ke awal bila tidak disentuh selama", self.idle)
        self.countdown = self._spin(3, 60, " detik")
        form.addRow("Lama hitung mundur sebelum kembali", self.countdown)
        self.gap = self._spin(0, 600, " detik")
        form.addRow("Jeda minimum antarresponden", self.gap)
        self.per_unsur = QDoubleSpinBox()
        self.per_unsur.setRange(0, 10)
        self.per_unsur.setDecimals(1)
        self.per_unsur.setSingleStep(0.5)
        self.per_unsur.setSuffix(" detik")
        self.per_unsur.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.per_unsur.setMaximumWidth(180)
        form.addRow("Waktu baca minimum per unsur", self.per_unsur)
        self.read_ms = self._spin(0, 3000, " milidetik")
        form.addRow("Abaikan ketukan sesudah layar berganti", self.read_ms)
        self.tap_ms = self._spin(0, 2000, " milidetik")
        form.addRow("Abaikan ketukan ganda dalam", self.tap_ms)
        self.high_contrast = QCheckBox("Kontras tinggi (kuning di atas hitam)")
        form.addRow("", self.high_contrast)
        self.welcome = QPlainTextEdit()
        self.welcome.setFixedHeight(70)
        form.addRow("Teks sambutan", self.welcome)
        note = QLabel(
            "Responden yang terlalu cepat atau terlalu rapat dengan responden sebelumnya "
            "disimpan <b>ditahan</b>: tidak dihitung sampai diperiksa di bawah. "
            "Pertanyaan tidak dibacakan (suara tidak tersedia tanpa internet di aplikasi ini)."
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.save_button = QPushButton("Simpan pengaturan kios")
        self.save_button.clicked.connect(self.save)
        self.save_button.setMaximumWidth(260)
        form.addRow("", self.save_button)
        v.addWidget(beh)

        # ---- PIN
        pin = QGroupBox("PIN keluar kios")
        pl = QFormLayout(pin)
        self.pin_state = QLabel()
        pl.addRow(self.pin_state)
        self.pin1 = QLineEdit()
        self.pin2 = QLineEdit()
        for e in (self.pin1, self.pin2):
            e.setEchoMode(QLineEdit.EchoMode.Password)
            e.setMaxLength(ks.PIN_MAX)
            e.setInputMask("")
            e.setPlaceholderText(f"{ks.PIN_MIN}–{ks.PIN_MAX} angka")
        self.pin1.setObjectName("pin1")
        self.pin2.setObjectName("pin2")
        pl.addRow("PIN baru", self.pin1)
        pl.addRow("Ulangi PIN", self.pin2)
        self.pin_button = QPushButton("Simpan PIN")
        self.pin_button.clicked.connect(self.save_pin)
        self.pin_button.setMaximumWidth(260)
        for e in (self.pin1, self.pin2):
            e.setMaximumWidth(260)
        pl.addRow("", self.pin_button)
        v.addWidget(pin)

        v.addStretch(1)

        ctx.periodeChanged.connect(lambda _id: self.refresh_review())
        ctx.dataChanged.connect(self.refresh_review)
        self.load()

    def _spin(self, lo: int, hi: int, suffix: str) -> QSpinBox:
        s = QSpinBox()
        s.setRange(lo, hi)
        s.setSuffix(suffix)
        s.setMaximumWidth(180)
        return s

    # ---------------------------------------------------------- settings
    def load(self) -> None:
        st = ks.load_settings(self.ctx.db)
        for name, cb in self.boxes.items():
            cb.setChecked(getattr(st, name))
        for name, spin in self._numbers().items():
            spin.setValue(getattr(st, name))
        self.high_contrast.setChecked(st.kontras_tinggi)
        self.welcome.setPlainText(st.teks_sambutan)
        self._refresh_pin_state()
        self.refresh_review()
        self.mark_clean()

    # unsaved: the settings form differs from what was loaded or saved, or a PIN is typed
    def form_state(self) -> object:
        return self.current()

    def _pin_pending(self) -> bool:
        return bool(self.pin1.text() or self.pin2.text())

    def has_unsaved_changes(self) -> bool:
        return super().has_unsaved_changes() or self._pin_pending()

    def _settings_pending(self) -> bool:
        return super().has_unsaved_changes()

    def save_changes(self) -> bool:
        return save_pending((self._settings_pending, self.save), (self._pin_pending, self.save_pin))

    def discard_changes(self) -> None:
        self.pin1.clear()
        self.pin2.clear()
        self.load()

    def _numbers(self) -> dict:
        """The settings typed as numbers, by their KioskSettings name."""
        return {
            "batas_diam": self.idle,
            "hitung_mundur": self.countdown,
            "jeda_minimum": self.gap,
            "detik_per_unsur": self.per_unsur,
            "jeda_baca_ms": self.read_ms,
            "jeda_ketuk_ms": self.tap_ms,
        }

    def current(self) -> ks.KioskSettings:
        return ks.KioskSettings(
            **{name: cb.isChecked() for name, cb in self.boxes.items()},
            **{name: spin.value() for name, spin in self._numbers().items()},
            teks_sambutan=self.welcome.toPlainText(),
            kontras_tinggi=self.high_contrast.isChecked(),
        )

    def save(self) -> bool:
        try:
            ks.save_settings(self.ctx.db, self.current())
        except ServiceError as e:
            self._say(str(e), error=True)
            return False
        self.mark_clean()
        self._say("Pengaturan kios disimpan. Kios memakainya mulai responden berikutnya.")
        return True

    def _refresh_pin_state(self) -> None:
        problem = ks.pin_problem(self.ctx.db) if ks.has_pin(self.ctx.db) else None
        if problem:
            self.pin_state.setText(f"<b>{problem}</b>")
        elif ks.has_pin(self.ctx.db):
            self.pin_state.setText("PIN sudah diatur. Isi di bawah untuk menggantinya.")
        else:
            self.pin_state.setText("<b>PIN belum diatur.</b> Kios tidak dapat dijalankan sebelum PIN diatur.")

    def save_pin(self) -> bool:
        try:
            ks.set_pin(self.ctx.db, self.pin1.text(), self.pin2.text())
        except ServiceError as e:
            self._say(str(e), error=True)
            return False
        self.pin1.clear()
        self.pin2.clear()
        self._refresh_pin_state()
        self._say("PIN kios disimpan.")
        return True

    def launch_kiosk(self) -> bool:
        """Open the kiosk for this database as a separate program."""
        if not ks.has_pin(self.ctx.db):
            self._say(
                "Mode kios belum dapat dibuka: PIN keluar kios belum diatur. Atur PIN di bagian "
                "bawah halaman ini, lalu tekan Buka mode kios lagi.",
                error=True,
            )
            return False
        problem = ks.pin_problem(self.ctx.db)
        if problem:
            self._say(f"Mode kios belum dapat dibuka: {problem}", error=True)
            return False
        program, args = kiosk_command(str(self.ctx.db.path))
        result = QProcess.startDetached(program, args)
        ok = result[0] if isinstance(result, tuple) else bool(result)
        if not ok:
            self._say(
                "Mode kios gagal dibuka: program kios tidak dapat dijalankan. Tutup SKM Desktop, "
                "buka lagi, lalu coba sekali lagi. Bila tetap gagal, hubungi petugas yang memasang "
                "aplikasi ini.",
                error=True,
            )
            return False
        self._say(
            "Mode kios sedang dibuka di jendela terpisah (tunggu beberapa detik). Untuk keluar: tekan "
            "lama sudut kiri atas layar kios, lalu masukkan PIN."
        )
        return True

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        status(self.status, "salah" if error else "baik")

    # ---------------------------------------------------------- review
    def refresh_review(self) -> None:
        pid = self.ctx.periode_id
        self.table.setRowCount(0)
        if pid is None:
            self.counts.setText("Pilih periode untuk melihat kuesioner kios.")
            self._held = []
            self._enable_review()
            return
        counted, held = ks.kiosk_counts(self.ctx.db, pid)
        text = (
            f"Periode ini: {angka(counted, 0)} kuesioner kios dihitung dalam hasil (sumber: kios); "
            f"{angka(held, 0)} ditahan menunggu pemeriksaan."
        )
        if held:
            text = f"<b>{text}</b> Terima bila wajar (mis. antrean ramai), hapus bila tampak iseng/berulang."
        self.counts.setText(text)
        self._held = ks.held_responses(self.ctx.db, pid)
        for h in self._held:
            r = self.table.rowCount()
            self.table.insertRow(r)
            for c, text in enumerate(
                (
                    str(h.no_kuesioner),
                    format_display_waktu(h.waktu),
                    h.layanan or "—",
                    answers_text(h.answers),
                    h.alasan,
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, h.id)
                self.table.setItem(r, c, item)
        self._enable_review()

    def _enable_review(self) -> None:
        on = bool(self._held)
        self.accept_button.setEnabled(on)
        self.delete_button.setEnabled(on)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._held[r].id for r in rows]

    def _on_held(self, verb: str, action, done: str, confirm=None) -> None:
        """Run ``action(db, ids, operator)`` on the selected held responses and say ``done``
        (with the count); ``confirm(ids)`` may ask first."""
        ids = self.selected_ids()
        if not ids:
            self._say(f"Pilih dulu baris yang akan {verb}.", error=True)
            return
        if confirm is not None and not confirm(ids):
            return
        try:
            n = action(self.ctx.db, ids, self.ctx.operator)
        except ServiceError as e:
            self._say(str(e), error=True)
            return
        self._say(f"{angka(n, 0)} kuesioner kios {done}")
        self.ctx.dataChanged.emit()

    def accept_selected(self) -> None:
        self._on_held("diterima", ks.accept_held, "diterima dan kini dihitung dalam hasil.")

    def delete_selected(self) -> None:
        def sure(ids: list[int]) -> bool:
            return ask(
                self,
                "Hapus kuesioner kios",
                f"Hapus {angka(len(ids), 0)} kuesioner kios yang ditahan? Tindakan ini tidak dapat dibatalkan.",
                yes="Hapus",
                no="Batal",
            )

        self._on_held("dihapus", ks.delete_held, "dihapus.", confirm=sure)
