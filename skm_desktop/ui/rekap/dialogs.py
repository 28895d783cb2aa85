"""The Rekap page's dialogs: which unit an unknown unit name is, what an add did, and
the recap's settings (kelompok and target of every unit, sasaran of the year)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, parse_angka
from skm_desktop.services.rekap import DIGANTI, DILEWATI, DITAMBAHKAN, DITOLAK, AddSummary, RekapService

from ..gaya import peran
from ..parts import button, dialog_buttons
from ..widgets import StatusLabel, ask, make_label, read_only_table

STATUS_TEXT = {DITAMBAHKAN: "Ditambahkan", DIGANTI: "Diganti", DILEWATI: "Dilewati", DITOLAK: "Ditolak"}


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
        box = dialog_buttons(self, "Tambahkan", "Lewati berkas ini")
        self.ok_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("unitOk")
        box.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("unitSkip")
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
        self.set_names(names)

    def set_names(self, names: tuple[str, ...]) -> None:
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


def _target(text: str) -> int | None:
    """A target sample typed the Indonesian way: "1.500" is 1500; "" none; "1.5", "1.50",
    "12,5" or words raise ValueError (a point in groups other than three is no thousands point)."""
    if not text:
        return None
    try:
        d = parse_angka(text, "target")
    except DomainError:
        raise ValueError(text) from None
    if d != d.to_integral_value():
        raise ValueError(text)
    return int(d)


EDITOR_PAD, HEADER_PAD = 40, 24  # around a kelompok name (the choice list's arrow); around a header


class KelompokListDialog(QDialog):
    """The recap's kelompok list: add, rename (every unit of the kelompok follows), remove
    (refused while units have it), move up and down, the standard list back. Each change is
    stored at once by :class:`RekapService` and announced by :attr:`changed`."""

    changed = Signal()

    def __init__(self, svc: RekapService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.setWindowTitle("Daftar kelompok unit")
        self.setObjectName("kelompokListDialog")
        self.resize(560, 500)
        lay = QVBoxLayout(self)
        lay.addWidget(
            peran(
                make_label(
                    "Kelompok mengelompokkan unit di tabel dan laporan rekap. Pilih satu kelompok untuk "
                    "mengganti nama, memindahkan, atau menghapusnya. Setiap perubahan langsung disimpan.",
                    wrap=True,
                ),
                "catatan",
            )
        )
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("kelompokList")
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(self._chosen)
        body.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.up_button = button("Naik", name="kelompokNaik", auto_default=False, slot=lambda: self._move(-1))
        self.down_button = button("Turun", name="kelompokTurun", auto_default=False, slot=lambda: self._move(1))
        self.remove_button = button("Hapus", name="kelompokHapus", auto_default=False, slot=self.remove)
        self.reset_button = button("Kembalikan daftar baku…", name="kelompokBaku", auto_default=False, slot=self.reset)
        for b in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(b)
        side.addStretch(1)
        side.addWidget(self.reset_button)
        body.addLayout(side)
        lay.addLayout(body, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Nama kelompok:"))
        self.name = QLineEdit()
        self.name.setObjectName("kelompokNama")
        self.name.setPlaceholderText("mis. Rumah Sakit")
        self.name.returnPressed.connect(self._enter)
        row.addWidget(self.name, 1)
        self.add_button = button("Tambah", name="kelompokTambah", auto_default=False, slot=self.add)
        self.rename_button = button("Ganti nama", name="kelompokGantiNama", auto_default=False, slot=self.rename)
        row.addWidget(self.add_button)
        row.addWidget(self.rename_button)
        lay.addLayout(row)
        self.message = StatusLabel()
        lay.addWidget(self.message)
        box = QDialogButtonBox()
        close = box.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("kelompokTutup")
        close.setAutoDefault(False)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.refresh()

    def refresh(self, chosen: str | None = None) -> None:
        """The stored list, each with how many units have it; ``chosen`` selected."""
        chosen = chosen if chosen is not None else self.current()
        usage = self.svc.kelompok_usage()
        self.list.blockSignals(True)
        self.list.clear()
        for k in self.svc.kelompok_list():
            n = usage.get(k, 0)
            it = QListWidgetItem(f"{k}  ({angka(n)} unit)" if n else f"{k}  (belum dipakai)")
            it.setData(Qt.ItemDataRole.UserRole, k)
            self.list.addItem(it)
            if k == chosen:
                self.list.setCurrentItem(it)
        self.list.blockSignals(False)
        self._update()

    def current(self) -> str:
        it = self.list.currentItem()
        return it.data(Qt.ItemDataRole.UserRole) if it is not None else ""

    def _chosen(self, *_args) -> None:
        self.name.setText(self.current())
        self._update()

    def _update(self) -> None:
        row, chosen = self.list.currentRow(), self.current()
        self.rename_button.setEnabled(bool(chosen))
        self.remove_button.setEnabled(bool(chosen))
        self.up_button.setEnabled(bool(chosen) and row > 0)
        self.down_button.setEnabled(bool(chosen) and row < self.list.count() - 1)

    def _do(self, work, chosen: str | None, done: str) -> bool:
        try:
            work()
        except DomainError as e:  # ServiceError: the service's Indonesian reason
            self.message.error(str(e))
            return False
        self.refresh(chosen)
        self.message.ok(done)
        self.changed.emit()
        return True

    def add(self) -> None:
        added: list[str] = []
        if self._do(lambda: added.append(self.svc.add_kelompok(self.name.text())), None, "Kelompok ditambahkan."):
            self.refresh(added[0])
            self.message.ok(f"Kelompok '{added[0]}' ditambahkan.")

    def rename(self) -> None:
        old, new = self.current(), " ".join(self.name.text().split())
        if not old or new == old:
            self.message.error("Ketik nama baru kelompok yang dipilih, lalu tekan “Ganti nama”.")
            return
        moved: list[int] = []
        if self._do(lambda: moved.append(self.svc.rename_kelompok(old, new)), new, ""):
            self.message.ok(f"Kelompok '{old}' sekarang bernama '{new}'; {angka(moved[0])} unit ikut berganti.")

    def remove(self) -> None:
        k = self.current()
        self._do(lambda: self.svc.remove_kelompok(k), "", f"Kelompok '{k}' dihapus dari daftar.")

    def _move(self, step: int) -> None:
        names = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        i = self.list.currentRow()
        names.insert(i + step, names.pop(i))
        k = self.current()
        self._do(lambda: self.svc.set_kelompok_list(names), k, f"Urutan kelompok disimpan ('{k}' dipindah).")

    def reset(self) -> None:
        if ask(
            self,
            "Kembalikan daftar baku",
            "Daftar kelompok dikembalikan ke daftar baku (Sekretariat … Lainnya, dengan urutannya). "
            "Kelompok tambahan yang tidak dipakai unit ikut hilang. Lanjutkan?",
            "Kembalikan",
            "Batal",
        ):
            self._do(self.svc.reset_kelompok_list, None, "Daftar kelompok baku dipakai lagi.")

    def keyPressEvent(self, e) -> None:
        """Enter never closes (only Tutup/Esc); in the name field it adds the name (nothing
        chosen) or renames the chosen kelompok (:meth:`_enter`)."""
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            e.accept()
            return
        super().keyPressEvent(e)

    def _enter(self) -> None:
        if self.current():
            self.rename()
        else:
            self.add()


class PengaturanRekapDialog(QDialog):
    """Kelompok and target sample of every unit for one year, and the year's sasaran IKM.
    Only what was changed is stored; closing with changes not stored asks first. The
    kelompok list itself is edited in :class:`KelompokListDialog` (stored at once:
    :attr:`kelompokChanged`)."""

    kelompokChanged = Signal()

    def __init__(self, svc: RekapService, tahun: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.tahun = svc, tahun
        self.stored = False  # something was saved (targets, kelompok, sasaran) since opening
        self.setWindowTitle(f"Kelompok, target sampel dan sasaran IKM tahun {tahun}")
        self.setObjectName("pengaturanRekapDialog")
        self.resize(860, 600)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"Sasaran IKM daerah tahun {tahun} (25–100, kosong = tidak ada):"))
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
        find_row = QHBoxLayout()
        find_row.addWidget(self.search, 1)
        self.kelompok_button = button(
            "Daftar kelompok…", name="pengaturanDaftarKelompok", auto_default=False, slot=self.edit_kelompok_list
        )
        find_row.addWidget(self.kelompok_button)
        lay.addLayout(find_row)
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
        self.delegate = _KelompokDelegate(svc.kelompok_list(), self.table)
        self.table.setItemDelegateForColumn(COL_KELOMPOK, self.delegate)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(COL_NAMA, QHeaderView.ResizeMode.Stretch)
        # sized once per load (ResizeToContents measured every row at every setItem: 6 s for 600 units)
        hh.setSectionResizeMode(COL_KELOMPOK, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Interactive)
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
        self._fit_columns()
        self._filter(self.search.text())

    def _fit_columns(self) -> None:
        """Kelompok as wide as its longest choice (with the editor's arrow), target as its header."""
        cell, head = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        names = [*self.svc.kelompok_list(), *(k for _, k, _ in self._stored)]
        title = self.table.horizontalHeaderItem(COL_KELOMPOK).text()
        self.table.setColumnWidth(
            COL_KELOMPOK, max([head.horizontalAdvance(title), *map(cell.horizontalAdvance, names)]) + EDITOR_PAD
        )
        title = self.table.horizontalHeaderItem(COL_TARGET).text()
        self.table.setColumnWidth(COL_TARGET, head.horizontalAdvance(title) + HEADER_PAD)

    def kelompok_dialog(self) -> KelompokListDialog:
        dlg = KelompokListDialog(self.svc, self)
        dlg.changed.connect(self._kelompok_changed)
        return dlg

    def edit_kelompok_list(self) -> None:
        self.kelompok_dialog().exec()

    def _kelompok_changed(self) -> None:
        """The list changed (a rename moved units along): the choices and the stored cells read
        again, what the operator typed and did not store yet kept."""
        self.delegate.set_names(self.svc.kelompok_list())
        typed = {self._stored[i][COL_NAMA]: (k, t) for i, k, t in self._changes()}
        sasaran = self.sasaran.text()
        self.load()
        for i, (nama, _, _) in enumerate(self._stored):
            if nama in typed:
                k, t = typed[nama]
                self.table.item(i, COL_KELOMPOK).setText(k)
                self.table.item(i, COL_TARGET).setText(t)
        self.sasaran.setText(sasaran)
        self.kelompokChanged.emit()

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
        self.stored = self.stored or self.has_unsaved()  # the page reads again when closed
        for i, k, t in self._changes():
            nama, kel, tgt = self._stored[i]
            try:
                if k != kel:
                    self.svc.set_kelompok(nama, k)
                if t != tgt:
                    self.svc.set_target(nama, self.tahun, _target(t))
            except ValueError:
                errors.append(f"{nama}: target '{t}' bukan bilangan bulat (tulis seperti 120 atau 1.500).")
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
