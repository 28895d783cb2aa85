"""The pre-flight dialog: before a laporan or publikasi is made, what it would still
miss (services.pemeriksaan), each with a button that opens the place to fill it in,
and "Buat juga" / "Batal". Opened window-modal with ``open()`` so the page goes on
when it closes (see ExportTab.start)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.services import dokumen as svc
from skm_desktop.ui.gaya import peran
from skm_desktop.ui.widgets import make_label


class PemeriksaanDialog(QDialog):
    """``result()`` Accepted = build anyway; ``tujuan`` set = the operator chose to fix an item first."""

    def __init__(self, judul_dokumen: str, temuan: Sequence[svc.Temuan], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pemeriksaanDokumen")
        self.setWindowTitle("Periksa sebelum membuat dokumen")
        self.tujuan: str | None = None
        v = QVBoxLayout(self)
        v.addWidget(
            make_label(
                f"<b>{judul_dokumen}</b> masih kekurangan {len(temuan)} isian. Dokumen tetap dapat dibuat: "
                "tanda tangan yang kosong dicetak sebagai garis isian, bagian yang kosong dilewati.",
                "pemeriksaanJudul",
                wrap=True,
            )
        )
        box = QWidget()
        grid = QGridLayout(box)
        grid.setColumnStretch(0, 1)
        self.buka: dict[str, QPushButton] = {}
        for i, t in enumerate(temuan):
            msg = make_label(t.pesan, f"temuan_{t.kunci}", wrap=True)
            where = QLabel(f"Isi di {t.tempat}")
            peran(where, "catatan")
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(msg)
            cell.addWidget(where)
            grid.addLayout(cell, i, 0)
            b = QPushButton("Buka")
            b.setObjectName(f"buka_{t.kunci}")
            b.setToolTip(f"Buka {t.tempat} untuk mengisinya")
            b.setAutoDefault(False)
            b.clicked.connect(lambda _=False, tujuan=t.tujuan: self._buka(tujuan))
            grid.addWidget(b, i, 1, Qt.AlignmentFlag.AlignTop)
            self.buka[t.kunci] = b
        scroll = QScrollArea()
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        v.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        self.buat = buttons.addButton("Buat juga", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buat.setObjectName("buatJuga")
        self.batal = buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        self.batal.setObjectName("batal")
        self.buat.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.resize(640, min(160 + 58 * len(temuan), 600))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.batal.setDefault(True)  # Enter never makes an incomplete document by accident
        self.batal.setFocus()

    def _buka(self, tujuan: str) -> None:
        self.tujuan = tujuan
        self.reject()
