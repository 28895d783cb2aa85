"""The forms kept on this PC that the server refused when they were sent (most often:
another PC stored the same questionnaire number meanwhile). The operator checks the
paper and gives the form its right number, or drops it when it was keyed twice."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.respondent import PAPER_NO_MAX
from skm_desktop.services import ServiceError
from skm_desktop.ui.parts import intro
from skm_desktop.ui.widgets import read_only_table


class ConflictDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("antreanBentrok")
        self.setWindowTitle("Kuesioner antrean yang ditolak server")
        self.setMinimumWidth(640)
        v = QVBoxLayout(self)
        v.addWidget(
            intro(
                "Kuesioner berikut diketik saat server tidak terjangkau dan ditolak ketika dikirim. Periksa "
                "kertasnya: beri nomor yang benar, atau buang bila kuesioner itu sudah diketik di komputer lain."
            )
        )
        self.table = read_only_table(["No. kuesioner", "Jawaban", "Alasan"], 2)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        v.addWidget(self.table)
        row = QHBoxLayout()
        self.renumber_button = QPushButton("&Ganti nomor…")
        self.renumber_button.clicked.connect(self.renumber)
        self.drop_button = QPushButton("&Buang")
        self.drop_button.clicked.connect(self.drop)
        row.addWidget(self.renumber_button)
        row.addWidget(self.drop_button)
        row.addStretch(1)
        v.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.fill()

    def conflicts(self):
        return [f for f in self.session.queue.forms() if f.bentrok]

    def fill(self) -> None:
        self.forms = self.conflicts()
        self.table.setRowCount(len(self.forms))
        for r, f in enumerate(self.forms):
            answers = " ".join("-" if a is None else str(a) for a in f.rec.answers)
            for c, text in enumerate((str(f.rec.no_kuesioner), answers, f.bentrok)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        if self.forms:
            self.table.selectRow(0)
        has = bool(self.forms)
        self.renumber_button.setEnabled(has)
        self.drop_button.setEnabled(has)

    def _current(self):
        r = self.table.currentRow()
        return self.forms[r] if 0 <= r < len(self.forms) else None

    def renumber(self) -> None:
        f = self._current()
        if f is None:
            return
        no, ok = QInputDialog.getInt(
            self,
            "Ganti nomor",
            f"Nomor kuesioner yang benar (sekarang {f.rec.no_kuesioner}):",
            f.rec.no_kuesioner,
            1,
            PAPER_NO_MAX,
        )
        if not ok:
            return
        problem = self.session.no_problem(no, maximum=PAPER_NO_MAX)
        if problem:
            QMessageBox.warning(self, "Ganti nomor", problem)
            return
        try:
            self.session.queue.renumber(f.id, no)  # sent by the page's background sender, not here
        except ServiceError as e:
            QMessageBox.warning(self, "Ganti nomor", str(e))
        self.fill()
        if not self.forms:
            self.accept()

    def drop(self) -> None:
        f = self._current()
        if f is None:
            return
        asked = QMessageBox.question(
            self,
            "Buang kuesioner",
            f"Buang kuesioner no. {f.rec.no_kuesioner} dari antrean? Kuesioner itu tidak akan disimpan.",
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        self.session.queue.drop(f.id)
        self.fill()
        if not self.forms:
            self.accept()
