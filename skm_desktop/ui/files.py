"""Choosing a file to read or write, and telling where a written file is: the file
dialog in Indonesian that remembers its folder and gives a typed name the suffix of
the format chosen, "Berkas tersimpan di …" with Buka folder, and opening a written
document — when the system cannot, the operator is told where it is instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QSplitter,
    QTreeView,
    QWidget,
)

from .messages import Icon, choose, tell


def suffixes(filters: str) -> list[str]:
    """The suffixes a Qt name filter lists, in order: "Excel (*.xlsx);;CSV (*.csv)" → [".xlsx", ".csv"]."""
    return [s.lower() for s in re.findall(r"\*(\.\w+)", filters or "")]


def suffixed(path: str | Path, filters: str, chosen: str = "") -> Path:
    """``path`` as it is when its suffix is one of ``filters``'; otherwise with the first
    suffix of the filter ``chosen`` in the dialog (or of ``filters``) added — never a
    file without a suffix."""
    p = Path(path)
    allowed = suffixes(filters)
    if p.suffix.lower() in allowed:
        return p
    add = suffixes(chosen) or allowed
    return p.with_name(p.name + add[0]) if add else p


def choose_file(parent: QWidget | None, title: str, key: str, filters: str, save_as: str | None = None) -> str:
    """A file dialog in Indonesian that starts in the folder used last for ``key``; with
    ``save_as`` (the suggested name) a save dialog whose answer always has a suffix of
    the format chosen. "" when cancelled."""
    found = choose_files(parent, title, key, filters, save_as)
    return found[0] if found else ""


def choose_files(
    parent: QWidget | None,
    title: str,
    key: str,
    filters: str,
    save_as: str | None = None,
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
) -> list[str]:
    """:func:`choose_file` that may also pick several files (``ExistingFiles``) or a folder
    (``Directory``); [] when cancelled."""
    settings = QSettings()
    folder = settings.value(f"berkas/folder_{key}", "", str) or str(Path.home())
    dlg = QFileDialog(parent, title, folder, filters)
    dlg.setObjectName(f"fileDialog_{key}")
    _comfortable_size(dlg)
    if save_as is not None:
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.selectFile(str(Path(folder) / save_as))
        dlg.setLabelText(QFileDialog.DialogLabel.Accept, "Simpan")
    else:
        dlg.setFileMode(mode)
        dlg.setLabelText(QFileDialog.DialogLabel.Accept, "Pilih" if mode == QFileDialog.FileMode.Directory else "Buka")
    dlg.setLabelText(QFileDialog.DialogLabel.Reject, "Batal")
    dlg.setLabelText(QFileDialog.DialogLabel.LookIn, "Lihat di:")
    dlg.setLabelText(QFileDialog.DialogLabel.FileName, "Nama berkas:")
    dlg.setLabelText(QFileDialog.DialogLabel.FileType, "Jenis berkas:")
    box = dlg.findChild(QDialogButtonBox)  # Qt's own dialog (not the system's): named for keyboard tests
    if box is not None and box.buttons():
        for b in box.buttons():
            if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole:
                b.setObjectName("fileAcceptButton")
    if dlg.exec() != QDialog.DialogCode.Accepted or not dlg.selectedFiles():
        return []
    paths = dlg.selectedFiles()
    if save_as is not None:
        paths = [str(suffixed(paths[0], filters, dlg.selectedNameFilter()))]
    settings.setValue(f"berkas/folder_{key}", str(Path(paths[0]).parent))
    return paths


def _comfortable_size(dlg: QWidget) -> None:
    """Qt's own file dialog opens small (the sidebar and the date column cut off): give it
    room, within the screen (1366x768 too)."""
    screen = dlg.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width = min(900, int(room.width() * 0.85))
    dlg.resize(width, min(560, int(room.height() * 0.8)))
    split = dlg.findChild(QSplitter, "splitter")  # places | files
    if split is not None and split.count() == 2:
        split.setSizes([180, width - 180])
    files = dlg.findChild(QTreeView, "treeView")  # the detail view: no column header cut short
    if files is not None:
        head = files.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _system_open(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(parent: QWidget | None, path: Path) -> bool:
    """Open the folder of ``path`` in the system's file manager; when the system cannot,
    say where the file is."""
    if _system_open(path if path.is_dir() else path.parent):
        return True
    tell(
        parent,
        "Buka folder",
        f"Folder tidak dapat dibuka oleh sistem. Berkasnya ada di:\n{path}",
        icon=Icon.Information,
        selectable=True,
    )
    return False


def file_written(parent: QWidget | None, title: str, text: str, path: Path) -> None:
    """Say where the file is and offer "Buka folder"."""
    clicked = choose(
        parent,
        title,
        text,
        [("Buka folder", "openFolderButton")],
        cancel=("Tutup", "closeButton"),
        icon=Icon.Information,
        info=f"Berkas tersimpan di:\n{path}",
        selectable=True,
    )
    if clicked:
        open_folder(parent, path)


def open_document(parent: QWidget | None, path: Path, opener: Callable[[Path], object] | None = None) -> bool:
    """Open the written document in the program the system has for it (``opener``: tests);
    when the system cannot, say where it is and offer Buka folder. False when not opened."""
    if (opener or _system_open)(path) is not False:
        return True
    file_written(
        parent,
        "Dokumen tidak dapat dibuka",
        f"{path.name} sudah tersimpan, tetapi sistem tidak dapat membukanya "
        "(mungkin belum ada program untuk jenis berkas ini).",
        path,
    )
    return False
