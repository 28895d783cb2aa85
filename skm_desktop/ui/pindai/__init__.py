"""Berkas › Pindai kuesioner…: read scanned questionnaires in the background, then
the review of the sheets the reader was not sure about (ui/pindai/tinjau.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from skm_desktop.domain.errors import DomainError
from skm_desktop.services.pindai import PindaiService
from skm_desktop.ui.berkas.worker import run_in_background
from skm_desktop.ui.files import choose_files
from skm_desktop.ui.messages import message_box

from .tinjau import TinjauDialog

if TYPE_CHECKING:
    from skm_desktop.ui.context import AppContext

TITLE = "Pindai kuesioner"
REASONS_SHOWN = 12
FILTERS = "Hasil pindai (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Semua berkas (*)"


def _choose(parent: QWidget) -> list[str]:
    box = message_box(
        QMessageBox.Icon.Question,
        TITLE,
        "Baca hasil pindai kuesioner pindai: satu PDF dari mesin pindai, beberapa gambar, atau satu folder.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    files = box.addButton("Pilih &berkas…", QMessageBox.ButtonRole.AcceptRole)
    files.setObjectName("pindaiBerkas")
    folder = box.addButton("Pilih &folder…", QMessageBox.ButtonRole.AcceptRole)
    folder.setObjectName("pindaiFolder")
    box.exec()
    if box.clickedButton() is files:  # one PDF or several images: each is read in turn
        return choose_files(parent, "Pilih hasil pindai", "pindai", FILTERS, mode=QFileDialog.FileMode.ExistingFiles)
    if box.clickedButton() is folder:
        return choose_files(
            parent, "Pilih folder hasil pindai", "pindai", FILTERS, mode=QFileDialog.FileMode.Directory
        )[:1]
    return []


def pindai_dialog(parent: QWidget, ctx: AppContext, targets: list[str] | None = None) -> None:
    """Reads the chosen scans, tells what happened, then opens the review of held sheets."""
    targets = targets if targets is not None else _choose(parent)
    if not targets:
        return
    svc = ctx.service(PindaiService)
    totals = {"stored": 0, "review": 0, "refused": 0, "pages": 0}
    reasons: list[str] = []
    for t in targets:
        ok, r = run_in_background(
            parent, f"Membaca {Path(t).name}…", lambda t=t: svc.baca(Path(t), operator=ctx.operator)
        )
        if not ok:
            text = str(r) if isinstance(r, (DomainError, OSError)) else f"Kesalahan tak terduga: {type(r).__name__}"
            message_box(
                QMessageBox.Icon.Warning, TITLE, f"{Path(t).name}: {text}", QMessageBox.StandardButton.Ok, parent
            ).exec()
            continue
        for k in totals:
            totals[k] += getattr(r, k)
        reasons += [f"• {d.berkas} hal. {d.halaman}: {d.pesan}" for d in r.ditolak]
    if totals["stored"]:
        ctx.dataChanged.emit()
    text = (
        f"{totals['pages']} halaman dibaca: {totals['stored']} kuesioner disimpan, "
        f"{totals['review']} menunggu pemeriksaan, {totals['refused']} ditolak."
    )
    box = message_box(QMessageBox.Icon.Information, TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setObjectName("pindaiOk")
    if reasons:
        more = len(reasons) - REASONS_SHOWN
        box.setInformativeText(
            "Ditolak:\n" + "\n".join(reasons[:REASONS_SHOWN]) + (f"\n… dan {more} lainnya." if more > 0 else "")
        )
    box.exec()
    if svc.antrean():
        tinjau_dialog(parent, ctx)


def tinjau_dialog(parent: QWidget, ctx: AppContext) -> int:
    """The review of held sheets; returns how many were confirmed."""
    dlg = TinjauDialog(ctx.service(PindaiService), ctx.operator, parent)
    dlg.exec()
    if dlg.confirmed:
        ctx.dataChanged.emit()
    return dlg.confirmed
