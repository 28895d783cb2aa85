"""Undo/redo of stored questionnaires (QUndoStack commands).

The page stores a change first (so a refusal never lands on the stack) and
then pushes the command, whose first redo is therefore skipped. Commands find
their questionnaire by its number: ids change when a deletion is undone.
A command's text names what it did ("perubahan U3 kuesioner no. 3"): the page
shows "Dibatalkan: …" / "Diulang: …" with it."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from skm_desktop.domain.respondent import RespondentRecord


class _Done(QUndoCommand):
    def __init__(self, text: str, page) -> None:
        super().__init__(text)
        self.page = page
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.do()

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AddRowCommand(_Done):
    """A completed questionnaire was stored; undo deletes it again."""

    def __init__(self, page, rec: RespondentRecord) -> None:
        super().__init__(f"penyimpanan kuesioner no. {rec.no_kuesioner}", page)
        self.rec = rec

    def do(self) -> None:
        self.page.apply_restore(self.rec)

    def undo(self) -> None:
        self.rec = self.page.apply_delete(self.rec.no_kuesioner) or self.rec


class EditRowCommand(_Done):
    def __init__(self, page, old: RespondentRecord, new: RespondentRecord, what: str) -> None:
        super().__init__(f"perubahan {what} kuesioner no. {old.no_kuesioner}", page)
        self.old, self.new = old, new

    def do(self) -> None:
        self.page.apply_update(self.old.no_kuesioner, self.new)

    def undo(self) -> None:
        self.page.apply_update(self.new.no_kuesioner, self.old)


class DeleteRowCommand(_Done):
    def __init__(self, page, rec: RespondentRecord) -> None:
        super().__init__(f"penghapusan kuesioner no. {rec.no_kuesioner}", page)
        self.rec = rec

    def do(self) -> None:
        self.rec = self.page.apply_delete(self.rec.no_kuesioner) or self.rec

    def undo(self) -> None:
        self.page.apply_restore(self.rec)
