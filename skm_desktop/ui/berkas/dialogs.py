"""Dialogs of the Berkas menu: the import preview, the list of problems of a refused
file (save as XLSX, print or PDF), and "berkas tersimpan" with Buka folder."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.io.problem_sheet import PROBLEM_COLUMNS, problem_cells
from skm_desktop.io.problems import Problem
from skm_desktop.services.berkas import FilePreview

KIND_NAMES = {"csv": "CSV", "xlsx": "Excel (.xlsx)", "skm": "paket SKM (.skm)"}


def _item(text: object) -> QTableWidgetItem:
    it = QTableWidgetItem("" if text is None else str(text))
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return it


def _table(name: str, headers: list[str], rows: list[list[object]]) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.setItem(i, j, _item(v))
    t.resizeColumnsToContents()
    return t


def choose_file(parent: QWidget | None, title: str, key: str, filters: str, save_as: str | None = None) -> str:
    """A file dialog in Indonesian that starts in the folder used last for ``key``."""
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
    """:func:`choose_file` that may pick several files (``ExistingFiles``) or a folder (``Directory``)."""
    settings = QSettings()
    folder = settings.value(f"berkas/folder_{key}", "", str) or str(Path.home())
    dlg = QFileDialog(parent, title, folder, filters)
    dlg.setObjectName(f"fileDialog_{key}")
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
    settings.setValue(f"berkas/folder_{key}", str(Path(paths[0]).parent))
    return paths


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons=QMessageBox.StandardButton.NoButton,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box that shows its texts as plain text (a file or unit name is never markup)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def open_folder(parent: QWidget | None, path: Path) -> bool:
    """Open the folder of ``path`` in the system's file manager; when the system cannot,
    say where the file is."""
    folder = path if path.is_dir() else path.parent
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    box = message_box(
        QMessageBox.Icon.Information,
        "Buka folder",
        f"Folder tidak dapat dibuka oleh sistem. Berkasnya ada di:\n{path}",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.button(QMessageBox.StandardButton.Ok).setObjectName("okButton")
    box.exec()
    return False


def file_written(parent: QWidget | None, title: str, text: str, path: Path) -> None:
    """Say where the file is and offer "Buka folder"."""
    box = message_box(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(f"Berkas tersimpan di:\n{path}")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    folder = box.addButton("Buka folder", QMessageBox.ButtonRole.ActionRole)
    folder.setObjectName("openFolderButton")
    ok = box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
    ok.setObjectName("closeButton")
    box.setDefaultButton(ok)
    box.exec()
    if box.clickedButton() is folder:
        open_folder(parent, path)


class PreviewDialog(QDialog):
    """What a file holds and where it goes, before anything is checked or stored."""

    def __init__(self, pv: FilePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(f"Impor — {pv.path.name}")
        v = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("Berkas:", plain(str(pv.path)))
        form.addRow("Jenis:", plain(KIND_NAMES.get(pv.kind, pv.kind)))
        rows = plain(f"{pv.n_rows} baris data")
        rows.setObjectName("previewRowCount")
        form.addRow("Isi:", rows)
        if pv.package_unit is not None:
            form.addRow("Dari unit:", plain(pv.package_unit))
            form.addRow("Periode paket:", plain(pv.periode))
        else:
            target = plain(f"{pv.unit} — periode {pv.periode}" if pv.periode else pv.unit)
            target.setObjectName("previewTarget")
            form.addRow("Disimpan ke:", target)
        for i in range(form.rowCount()):
            w = form.itemAt(i, QFormLayout.ItemRole.FieldRole).widget()
            if isinstance(w, QLabel):
                w.setWordWrap(True)
                w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addLayout(form)
        if pv.kind != "skm":
            v.addWidget(QLabel("<b>Pemetaan kolom</b> (kolom berkas → isian):"))
            mrows = [[m.column, m.field or "— tidak dikenali —", m.note] for m in pv.mapping]
            self.mapping = _table("mappingTable", ["Kolom di berkas", "Isian", "Keterangan"], mrows)
            for i, m in enumerate(pv.mapping):
                if m.field is None:
                    for j in range(3):
                        it = self.mapping.item(i, j)
                        f = it.font()
                        f.setBold(True)
                        it.setFont(f)
            self.mapping.setMaximumHeight(170)
            self.mapping.horizontalHeader().setStretchLastSection(True)
            v.addWidget(self.mapping)
            if pv.unrecognised:
                warn = plain("Kolom yang tidak dikenali diabaikan: " + ", ".join(pv.unrecognised))
                warn.setObjectName("unrecognisedLabel")
                warn.setWordWrap(True)
                v.addWidget(warn)
        shown = len(pv.rows)
        v.addWidget(QLabel(f"<b>Baris pertama</b> ({shown} dari {pv.n_rows}):"))
        self.rows = _table("previewTable", pv.header, pv.rows)
        v.addWidget(self.rows, 1)
        self.replace = QCheckBox("Ganti kuesioner bernomor sama yang sudah tersimpan di periode ini")
        self.replace.setObjectName("replaceCheck")
        if pv.kind != "skm":
            v.addWidget(self.replace)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("Periksa dan impor", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("importButton")
        cancel = buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.resize(900, 600)


class ProblemsDialog(QDialog):
    """Every problem of a refused file, as a table that can be saved as XLSX or printed."""

    def __init__(
        self, title: str, summary: str, problems: list[Problem], total: int, save_xlsx, parent: QWidget | None = None
    ) -> None:
        """``save_xlsx(path)`` writes the list (the service's writer)."""
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(title)
        self.problems, self.total, self._save_xlsx = problems, total, save_xlsx
        v = QVBoxLayout(self)
        head = plain(summary)
        head.setObjectName("problemsSummary")
        head.setWordWrap(True)
        v.addWidget(head)
        rows = [problem_cells(p) for p in problems]
        self.table = _table("problemsTable", list(PROBLEM_COLUMNS), rows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)  # the whole message, on as many lines as it needs
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        v.addWidget(self.table, 1)
        if total > len(problems):
            more = QLabel(
                f"… dan {total - len(problems)} masalah lain (hanya {len(problems)} pertama yang "
                "dicantumkan). Perbaiki dulu yang tercantum, lalu impor kembali."
            )
            more.setWordWrap(True)
            v.addWidget(more)
        buttons = QDialogButtonBox()
        for text, name, slot in (
            ("Simpan sebagai Excel…", "saveXlsxButton", self.save_xlsx),
            ("Simpan PDF…", "savePdfButton", self.save_pdf),
            ("Cetak…", "printButton", self.print_list),
        ):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.resize(900, 560)

    def document(self) -> QTextDocument:
        esc = html.escape
        cells = "".join(
            "<tr>" + "".join(f"<td>{esc('' if c is None else str(c))}</td>" for c in problem_cells(p)) + "</tr>"
            for p in self.problems
        )
        more = (
            f"<p>… dan {self.total - len(self.problems)} masalah lain.</p>" if self.total > len(self.problems) else ""
        )
        doc = QTextDocument()
        doc.setHtml(
            f"<h3>{esc(self.windowTitle())}</h3><p>{esc(self.findChild(QLabel, 'problemsSummary').text())}"
            "</p><table border='1' cellspacing='0' cellpadding='3'><tr>"
            + "".join(f"<th>{h}</th>" for h in PROBLEM_COLUMNS)
            + f"</tr>{cells}</table>{more}"
        )
        return doc

    def save_xlsx(self) -> None:
        path = choose_file(self, "Simpan daftar kesalahan", "kesalahan", "Excel (*.xlsx)", "daftar-kesalahan.xlsx")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            self._save_xlsx(path)
        except Exception as e:  # noqa: BLE001 — explained to the operator
            message_box(
                QMessageBox.Icon.Warning,
                "Simpan daftar kesalahan",
                f"Daftar tidak dapat disimpan ke {path}: {e}",
                QMessageBox.StandardButton.Ok,
                self,
            ).exec()
            return
        file_written(self, "Simpan daftar kesalahan", "Daftar kesalahan tersimpan.", Path(path))

    def save_pdf(self) -> None:
        from PySide6.QtPrintSupport import QPrinter

        path = choose_file(
            self, "Simpan daftar kesalahan sebagai PDF", "kesalahan", "PDF (*.pdf)", "daftar-kesalahan.pdf"
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.document().print_(printer)
        if not Path(path).is_file():
            message_box(
                QMessageBox.Icon.Warning,
                "Simpan PDF",
                f"PDF tidak dapat ditulis ke {path}. Pilih folder lain.",
                QMessageBox.StandardButton.Ok,
                self,
            ).exec()
            return
        file_written(self, "Simpan PDF", "Daftar kesalahan tersimpan sebagai PDF.", Path(path))

    def print_list(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle("Cetak daftar kesalahan")
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
