"""The dialog of queued forms the server refused: renumbering a form only renumbers it in
this PC's queue (the entry page's background sender sends it; sending here, on the GUI
thread, froze the dialog while the server did not answer)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services.antrean import QueuedForm
from skm_desktop.ui.entry.antrean_dialog import ConflictDialog


@dataclass
class Queue:
    items: list[QueuedForm]
    renumbered: list[tuple[int, int]] = field(default_factory=list)

    def forms(self) -> list[QueuedForm]:
        return list(self.items)

    def renumber(self, form_id: int, no: int) -> None:
        self.renumbered.append((form_id, no))
        self.items = [
            QueuedForm(f.id, f.token, f.periode_id, f.operator, f.rec.with_(no_kuesioner=no), "")
            if f.id == form_id
            else f
            for f in self.items
        ]


@dataclass
class Session:
    queue: Queue
    sent: list[int] = field(default_factory=list)

    def no_problem(self, no: int, maximum: int) -> str | None:
        return None

    def send_waiting(self) -> None:  # what the dialog must no longer call
        self.sent.append(1)


def test_renumbering_a_refused_form_does_not_send_from_the_dialog(qtbot):
    rec = RespondentRecord(12, (4,) * 9)
    session = Session(Queue([QueuedForm(1, "t", 1, "ani", rec, "nomor 12 sudah dipakai")]))
    dlg = ConflictDialog(session)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 0).text() == "12"

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QInputDialog)
        box.setIntValue(13)
        box.accept()

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(dlg.renumber_button, Qt.MouseButton.LeftButton)
    assert session.queue.renumbered == [(1, 13)]
    assert session.sent == []
    assert dlg.result() == ConflictDialog.DialogCode.Accepted  # nothing refused is left
