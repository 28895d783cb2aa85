"""Run one service call in a background thread while a progress dialog is shown;
the result comes back on the GUI thread through queued signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 400  # a quick call never flashes a dialog


class Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)  # (done, total, what) from a call that reports its steps

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            value = self._fn()
        except Exception as e:  # noqa: BLE001 — handed to the GUI thread, which explains it
            self.failed.emit(e)
        else:
            self.finished.emit(value)


def run_in_background(
    parent: QWidget | None, label: str, fn: Callable[..., Any], with_progress: bool = False
) -> tuple[bool, Any]:
    """``(True, result)`` or ``(False, exception)`` of ``fn()`` run in a QThread. A modal
    progress dialog (no cancel: the services store all or nothing, and a half-read file
    is no use) keeps the operator from starting anything else meanwhile. With
    ``with_progress`` the call is ``fn(report)``, ``report(done, total, name)`` moving the bar."""
    thread = QThread()
    worker = Worker((lambda: fn(worker.progressed.emit)) if with_progress else fn)
    worker.moveToThread(thread)
    out: list[tuple[bool, Any]] = []
    loop = QEventLoop()
    dlg = QProgressDialog(label, "", 0, 0, parent)
    dlg.setObjectName("berkasProgress")
    dlg.setWindowTitle("Mohon tunggu")
    dlg.setCancelButton(None)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(SHOW_AFTER_MS)
    dlg.setMinimumWidth(420)
    dlg.setAutoClose(False)

    def done(ok: bool, value: Any) -> None:
        out.append((ok, value))
        loop.quit()

    worker.finished.connect(lambda v: done(True, v), Qt.ConnectionType.QueuedConnection)
    worker.failed.connect(lambda e: done(False, e), Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    if with_progress:
        steps = _Steps(dlg, label)  # a child of the dialog on the GUI thread: the steps land there
        worker.progressed.connect(steps.step, Qt.ConnectionType.QueuedConnection)
    dlg.setValue(0)
    thread.start()
    if not out:
        loop.exec()
    thread.quit()
    thread.wait()
    dlg.reset()
    dlg.hide()
    dlg.deleteLater()
    worker.deleteLater()
    return out[0]


class _Steps(QObject):
    """Moves a progress dialog's bar from a worker's queued (done, total, name) signals."""

    def __init__(self, dlg: QProgressDialog, label: str) -> None:
        super().__init__(dlg)
        self._dlg, self._label = dlg, label

    @Slot(int, int, str)
    def step(self, done: int, total: int, name: str) -> None:
        self._dlg.setMaximum(max(total, 1))
        self._dlg.setValue(done)
        self._dlg.setLabelText(f"{self._label}\n{done} dari {total} berkas{': ' + name if name else ''}")


class _Relay(QObject):
    """Lives on the GUI thread: the worker's queued signals land in its slots there."""

    def __init__(self, parent: QObject, thread: QThread, done: Callable[[bool, Any], None]) -> None:
        super().__init__(parent)
        self._thread, self._done = thread, done

    @Slot(object)
    def ok(self, value: Any) -> None:
        self._finish(True, value)

    @Slot(object)
    def failed(self, exc: Any) -> None:
        self._finish(False, exc)

    def _finish(self, ok: bool, value: Any) -> None:
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self.deleteLater()
        self._done(ok, value)


def send_in_background(parent: QObject, fn: Callable[[Any], Any], arg: Any, done: Callable[[bool, Any], None]) -> None:
    """``fn(arg)`` in a QThread with no dialog (work the operator should not wait for,
    such as sending queued forms); ``done(ok, result_or_exception)`` runs on the GUI thread."""
    thread = QThread()
    worker = Worker(lambda: fn(arg))
    worker.moveToThread(thread)
    relay = _Relay(parent, thread, done)
    worker.finished.connect(relay.ok, Qt.ConnectionType.QueuedConnection)
    worker.failed.connect(relay.failed, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    thread.finished.connect(worker.deleteLater)
    relay._worker = worker  # kept alive until the thread has finished
    thread.start()
