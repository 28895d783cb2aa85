"""The Rekap page's dialogs: which unit an unknown unit name is, what an add did, and
the recap's settings (kelompok and target of every unit, sasaran of the year)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka
from skm_desktop.services.rekap import DIGANTI, DILEWATI, DITAMBAHKAN, DITOLAK, AddSummary, RekapService

from ..gaya import peran
from ..widgets import StatusLabel, ask, make_label, read_only_table

STATUS_TEXT = {DITAMBAHKAN: "Ditambahkan", DIGANTI: "Diganti", DILEWATI: "Dilewati", DITOLAK: "Ditolak"}


def _buttons(dlg: QDialog, ok: str, cancel: str, ok_name: str, cancel_name: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    b_ok = box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    b_ok.setObjectName(ok_name)
    b_no = box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    b_no.setObjectName(cancel_name)
    box.accepted.connect(dlg.accept)
    box.rejected.connect(dlg.reject)
    return box


class UnitChoiceDialog(QDialog):
    """A file names units the database does not have: the operator says which unit
    it is (one name), or that they are new units — never matched silently."""

    def __init__(self, berkas: str, names: tuple[str, ...], units: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unit belum ada")
        self.setObjectName("unitChoiceDialog")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        shown = ", ".join(f"'{n}'" for n in names[:5]) + (f" dan {len(names) - 5} lainnya" if len(names) > 5 else "")
        lay.addWidget(make_label(f"Berkas {berkas} berisi unit {shown} yang belum ada di basis data rekap.", wrap=True))
        self.existing = QRadioButton("Simpan sebagai unit yang sudah ada:")
        self.existing.setObjectName("unitExisting")
        self.combo = QComboBox()
        self.combo.setObjectName("unitCombo")
        self.combo.addItems(units)
        self.new = QRadioButton(
            f"Buat unit baru '{names[0]}'"
            if len(names) == 1
            else f"Buat {len(names)} unit baru dengan nama dari berkas"
        )
        self.new.setObjectName("unitNew")
        group = QButtonGroup(self)
        group.addButton(self.existing)
        group.addButton(self.new)
        can_map = len(names) == 1 and bool(units)
        self.existing.setEnabled(can_map)
        self.combo.setEnabled(False)
        self.combo.setPlaceholderText("— pilih unit —")
        self.combo.setCurrentIndex(-1)  # nothing chosen for the operator: never matched silently
        self.existing.toggled.connect(self._update)
        self.new.toggled.connect(self._update)
        self.combo.currentIndexChanged.connect(self._update)
        lay.addWidget(self.existing)
        lay.addWidget(self.combo)
        lay.addWidget(self.new)
        if len(names) > 1:
            lay.addWidget(
                peran(
                    make_label(
                        "Berkas berisi beberapa unit baru: periksa ejaannya dahulu. Bila salah eja, "
                        "perbaiki nama unit di berkas lalu tambahkan lagi.",
                        wrap=True,
                    ),
                    "catatan",
                )
            )
        box = _buttons(self, "Tambahkan", "Lewati berkas ini", "unitOk", "unitSkip")
        self.ok_button = box.findChild(QPushButton, "unitOk")
        lay.addWidget(box)
        self._update()

    def _update(self, *_args) -> None:
        self.combo.setEnabled(self.existing.isChecked())
        self.ok_button.setEnabled(
            self.new.isChecked() or (self.existing.isChecked() and self.combo.currentIndex() >= 0)
        )

    def choice(self) -> tuple[str | None, bool]:
        """(existing unit the name is stored as, or None; True to create new units)."""
        if self.existing.isChecked() and self.combo.currentText():
            return self.combo.currentText(), False
        return None, True


class AddSummaryDialog(QDialog):
    """What an add did, file by file: added, replaced, skipped, refused, and why."""

    def __init__(self, summary: AddSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hasil menambahkan data")
        self.setObjectName("addSummaryDialog")
        self.resize(900, 460)
        lay = QVBoxLayout(self)
        counts = ", ".join(f"{summary.count(k)} {v.lower()}" for k, v in STATUS_TEXT.items())
        head = make_label(f"{len(summary.results)} berkas: {counts}.", "addSummaryCounts", wrap=True)
        lay.addWidget(peran(head, "subjudul"))
        t = read_only_table(["Berkas", "Hasil", "Unit", "Keterangan"], stretch=3, word_wrap=True)
        t.setObjectName("addSummaryTable")
        t.setRowCount(len(summary.results))
        for i, r in enumerate(summary.results):
            why = "\n".join([r.alasan, *(f"Catatan: {w}" for w in r.warnings)])
            for j, v in enumerate((r.berkas, STATUS_TEXT.get(r.status, r.status), r.unit or "–", why)):
                t.setItem(i, j, QTableWidgetItem(v))
        lay.addWidget(t)
        box = QDialogButtonBox()
        close = box.addButton("Tutup", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setObjectName("summaryClose")
        box.accepted.connect(self.accept)
        lay.addWidget(box)
        self.table = t

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # wrapped to the columns' real widths, known once shown


class _KelompokDelegate(QStyledItemDelegate):
    def __init__(self, names: tuple[str, ...], parent=None) -> None:
        super().__init__(parent)
        self._names = ("", *names)

    def createEditor(self, parent, option, index):
        c = QComboBox(parent)
        c.addItems(self._names)
        c.activated.connect(lambda _i, c=c: (self.commitData.emit(c), self.closeEditor.emit(c)))  # chosen: stored
        return c

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findText(index.data() or "")))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentText())


COL_NAMA, COL_KELOMPOK, COL_TARGET = range(3)


class PengaturanRekapDialog(QDialog):
    """Kelompok and target sample of every unit for one year, and the year's sasaran IKM.
    Only what was changed is stored; closing with changes not stored asks first."""

    def __init__(self, svc: RekapService, tahun: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.tahun = svc, tahun
        self.setWindowTitle(f"Kelompok, target dan sasaran tahun {tahun}")
        self.setObjectName("pengaturanRekapDialog")
        self.resize(860, 600)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"Sasaran IKM kota tahun {tahun} (25–100, kosong = tidak ada):"))
        self.sasaran = QLineEdit()
        self.sasaran.setObjectName("sasaranEdit")
        self.sasaran.setPlaceholderText("mis. 85,50")
        self.sasaran.setMaximumWidth(120)
        row.addWidget(self.sasaran)
        row.addStretch(1)
        lay.addLayout(row)
        self.search = QLineEdit()
        self.search.setObjectName("pengaturanCari")
        self.search.setPlaceholderText("Cari unit…")
        self.search.textChanged.connect(self._filter)
        lay.addWidget(self.search)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("pengaturanRekapTable")
        self.table.setHorizontalHeaderLabels(["Unit", "Kelompok", f"Target sampel {tahun}"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegateForColumn(COL_KELOMPOK, _KelompokDelegate(svc.kelompok_list(), self.table))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(COL_NAMA, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(COL_KELOMPOK, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.table)
        lay.addWidget(
            peran(
                make_label("Klik dua kali (atau ketik) pada sel Kelompok atau Target untuk mengubahnya.", wrap=True),
                "catatan",
            )
        )
        self.message = StatusLabel()
        lay.addWidget(self.message)
        box = QDialogButtonBox()
        save = box.addButton("Simpan", QDialogButtonBox.ButtonRole.ApplyRole)
        save.setObjectName("pengaturanSimpan")
        save.setDefault(True)  # Enter in the sasaran field stores, never closes
        save.clicked.connect(self.save)
        close = box.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("pengaturanTutup")
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.load()

    def load(self) -> None:
        sas = self.svc.sasaran(self.tahun)
        self._sasaran = "" if sas is None else angka(sas, 2)
        self.sasaran.setText(self._sasaran)
        units = self.svc.units()
        targets = self.svc.targets(self.tahun)
        self._stored: list[tuple[str, str, str]] = []
        self.table.setRowCount(len(units))
        for i, u in enumerate(units):
            t = targets.get(u.nama)
            vals = (u.nama, u.kelompok, "" if t is None else str(t))
            self._stored.append(vals)
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == COL_NAMA:
                    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    it.setToolTip(v)
                if j == COL_TARGET:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, it)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        for i in range(self.table.rowCount()):
            self.table.setRowHidden(i, bool(needle) and needle not in self.table.item(i, COL_NAMA).text().casefold())

    def _changes(self) -> list[tuple[int, str, str]]:
        """(row, kelompok, target text) of every row whose cells differ from what is stored."""
        out = []
        for i, (_, kel, tgt) in enumerate(self._stored):
            k = self.table.item(i, COL_KELOMPOK).text()
            t = self.table.item(i, COL_TARGET).text().strip()
            if k != kel or t != tgt:
                out.append((i, k, t))
        return out

    def has_unsaved(self) -> bool:
        return bool(self._changes()) or self.sasaran.text().strip() != self._sasaran

    def save(self) -> bool:
        errors: list[str] = []
        for i, k, t in self._changes():
            nama, kel, tgt = self._stored[i]
            try:
                if k != kel:
                    self.svc.set_kelompok(nama, k)
                if t != tgt:
                    target = None if not t else int(t.replace(".", ""))
                    self.svc.set_target(nama, self.tahun, target)
            except ValueError:
                errors.append(f"{nama}: target '{t}' bukan bilangan bulat.")
            except DomainError as e:  # ServiceError: the service's Indonesian reason
                errors.append(f"{nama}: {e}")
        if self.sasaran.text().strip() != self._sasaran:
            try:
                self.svc.set_sasaran(self.tahun, self.sasaran.text().strip() or None)
            except DomainError as e:
                errors.append(str(e))
        self.load_keeping(errors)
        return not errors

    def load_keeping(self, errors: list[str]) -> None:
        """Show what is stored now; refused cells are shown as stored, with the reasons."""
        self.load()
        if errors:
            self.message.error("Sebagian tidak disimpan:\n" + "\n".join(errors[:10]))
        else:
            self.message.ok("Tersimpan.")

    def keyPressEvent(self, e) -> None:
        """Enter stores (in the sasaran field or on the table); only Tutup/Esc closes."""
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            e.accept()
            return
        super().keyPressEvent(e)

    def reject(self) -> None:
        if self.has_unsaved() and not ask(
            self,
            "Perubahan belum disimpan",
            "Ada perubahan yang belum disimpan. Tutup tanpa menyimpan?",
            "Tutup",
            "Kembali",
        ):
            return
        super().reject()
