"""Jejak Audit: every addition, change, deletion, restoration, verification and
import of questionnaires, filterable by period, operator, action, number and
date range; the before/after values of the chosen row; "Pulihkan" brings a
deleted questionnaire back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from skm_desktop import palette
from skm_desktop.domain.formatting import angka, tanggal
from skm_desktop.domain.tanggal import FORMAT_EDIT_QT
from skm_desktop.services import ServiceError, audit
from skm_desktop.services.auditing import AuditFilter, AuditService
from skm_desktop.ui.context import AppContext, Page
from skm_desktop.ui.lazy import RefreshWhenShown
from skm_desktop.ui.parts import button
from skm_desktop.ui.widgets import fill_rows, make_label

from . import common
from .common import RIGHT, make_table, waktu_text

CHANGED = QColor(palette.CELL_BUSY)


def _show(key: str, value) -> str:
    if value is None or value == "":
        return "–"
    if key == "tanggal":
        try:
            return tanggal(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, int) and key in ("no_kuesioner", "posisi", "usia"):
        return str(value)
    return str(value)


class AuditPage(Page):
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "auditPage", parent)
        self.entries: list[audit.AuditEntry] = []
        self._loading = False
        self._build()
        # keying emits dataChanged after every questionnaire: refresh only when the page is looked at
        self._shown = RefreshWhenShown(self, self._reload_and_refresh)
        ctx.follow(self.reload_filters, self._shown.request)

    @property
    def audit(self) -> AuditService:
        """The audit trail and restoring deletions, bound to the open database."""
        return self.ctx.service(AuditService)

    def _build(self) -> None:
        v = QVBoxLayout(self)
        f = QHBoxLayout()
        f.addWidget(QLabel("Periode:"))
        self.periode_combo = QComboBox()
        self.periode_combo.setMinimumWidth(150)
        f.addWidget(self.periode_combo)
        f.addWidget(QLabel("Operator:"))
        self.operator_combo = QComboBox()
        self.operator_combo.setMinimumWidth(130)
        f.addWidget(self.operator_combo)
        f.addWidget(QLabel("Aksi:"))
        self.aksi_combo = QComboBox()
        self.aksi_combo.addItem("Semua aksi", None)
        for key, label in audit.AKSI.items():
            self.aksi_combo.addItem(label, key)
        f.addWidget(self.aksi_combo)
        f.addWidget(QLabel("No.:"))
        self.no_edit = QLineEdit()
        self.no_edit.setObjectName("filterNo")
        self.no_edit.setFixedWidth(80)
        self.no_edit.setPlaceholderText("semua")
        f.addWidget(self.no_edit)
        self.date_check = QCheckBox("Tanggal")
        f.addWidget(self.date_check)
        today = QDate.currentDate()
        self.dari = QDateEdit(today.addDays(-30))
        self.sampai = QDateEdit(today)
        for d in (self.dari, self.sampai):
            d.setCalendarPopup(True)
            d.setDisplayFormat(FORMAT_EDIT_QT)
            d.setEnabled(False)
        f.addWidget(self.dari)
        f.addWidget(QLabel("s.d."))
        f.addWidget(self.sampai)
        f.addStretch(1)
        v.addLayout(f)
        self.periode_combo.currentIndexChanged.connect(self._periode_filter_changed)
        for c in (self.operator_combo, self.aksi_combo):
            c.currentIndexChanged.connect(self.refresh)
        self.no_edit.textChanged.connect(self.refresh)
        self.date_check.toggled.connect(self._dates_toggled)
        self.dari.dateChanged.connect(self.refresh)
        self.sampai.dateChanged.connect(self.refresh)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = make_table(["Waktu", "Periode", "Aksi", "No. kuesioner", "Operator", "Keterangan"], stretch=5)
        self.table.setObjectName("auditTable")
        self.table.itemSelectionChanged.connect(self._show_detail)
        split.addWidget(self.table)
        box = QGroupBox("Sebelum dan sesudah")
        bl = QVBoxLayout(box)
        self.detail_title = make_label(wrap=True)
        bl.addWidget(self.detail_title)
        self.detail = make_table(["Isian", "Sebelum", "Sesudah"], stretch=2)
        self.detail.horizontalHeader().setSectionResizeMode(1, self.detail.horizontalHeader().ResizeMode.Stretch)
        self.detail.horizontalHeader().setMinimumSectionSize(120)
        self.detail.setObjectName("auditDetail")
        self.detail.setSelectionMode(self.detail.SelectionMode.NoSelection)
        bl.addWidget(self.detail, 1)
        b = QHBoxLayout()
        self.only_changed = QCheckBox("Hanya isian yang berubah")
        self.only_changed.setChecked(True)
        self.only_changed.toggled.connect(self._show_detail)
        b.addWidget(self.only_changed)
        self.count_label = QLabel()
        b.addWidget(self.count_label)
        b.addStretch(1)
        self.restore_btn = button("Pulihkan kuesioner yang dihapus", self.restore_selected, name="pulihkan")
        b.addWidget(self.restore_btn)
        bl.addLayout(b)
        split.addWidget(box)
        split.setSizes([330, 300])
        v.addWidget(split, 1)

    def _reload_and_refresh(self) -> None:
        self._reload_operators()
        self.refresh()

    # ------------------------------------------------------------ filters
    def reload_filters(self) -> None:
        self._loading = True
        try:
            self.periode_combo.clear()
            self.periode_combo.addItem("Semua periode", None)
            try:
                periods = self.audit.periods(self.ctx.unit_id or None)
            except ServiceError:
                periods = []
            for pid, nama in periods:
                self.periode_combo.addItem(nama, pid)
            i = self.periode_combo.findData(self.ctx.periode_id)
            self.periode_combo.setCurrentIndex(max(0, i))
            self._reload_operators()
        finally:
            self._loading = False
        self.refresh()

    def _reload_operators(self) -> None:
        current = self.operator_combo.currentData()
        self.operator_combo.blockSignals(True)
        self.operator_combo.clear()
        self.operator_combo.addItem("Semua operator", None)
        names = self.audit.operators(self.periode_combo.currentData())
        for n in names:
            self.operator_combo.addItem(n, n)
        self.operator_combo.setCurrentIndex(max(0, self.operator_combo.findData(current)))
        self.operator_combo.blockSignals(False)

    def _periode_filter_changed(self) -> None:
        if self._loading:
            return
        self._reload_operators()
        self.refresh()

    def _dates_toggled(self, on: bool) -> None:
        self.dari.setEnabled(on)
        self.sampai.setEnabled(on)
        self.refresh()

    # ------------------------------------------------------------ list
    def refresh(self) -> None:
        if self._loading:
            return
        no_text = self.no_edit.text().strip()
        no = int(no_text) if no_text.isdigit() else None
        bad_no = bool(no_text) and no is None
        dari = sampai = None
        if self.date_check.isChecked():
            dari, sampai = self.dari.date().toPython(), self.sampai.date().toPython()
        self.entries = (
            []
            if bad_no
            else self.audit.entries(
                AuditFilter(
                    self.periode_combo.currentData(),
                    self.operator_combo.currentData(),
                    self.aksi_combo.currentData(),
                    no,
                    dari,
                    sampai,
                )
            )
        )
        rows = []
        for e in self.entries:
            ket = e.keterangan
            if e.aksi == "hapus":
                ket = ("Sudah dipulihkan. " if e.dipulihkan else "Dapat dipulihkan. ") + ket
            elif e.aksi == "ubah" and not ket:
                ket = "Diubah: " + ", ".join(c.label for c in e.fields() if c.berubah)
            rows.append(
                [
                    waktu_text(audit.waktu_lokal(e.waktu)),
                    e.periode or "–",
                    e.aksi_label,
                    "" if e.no_kuesioner is None else str(e.no_kuesioner),
                    e.oleh,
                    ket.strip(),
                ]
            )
        fill_rows(self.table, rows, [None, None, None, RIGHT, None, None])
        for r, e in enumerate(self.entries):
            if e.aksi == "hapus":
                self.table.item(r, 2).setForeground(QColor(palette.TEXT_ERROR))
        if bad_no:
            self.count_label.setText(f"Nomor kuesioner '{no_text}' tidak sah; ketik angka saja.")
        else:
            self.count_label.setText(f"{angka(len(self.entries))} catatan")
        if self.entries:
            self.table.selectRow(0)
        else:
            self._show_detail()
        self.refreshed.emit()

    def selected(self) -> audit.AuditEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows and rows[0].row() < len(self.entries) else None

    def _show_detail(self) -> None:
        e = self.selected()
        if e is None:
            self.detail_title.setText("Pilih satu catatan untuk melihat isinya.")
            fill_rows(self.detail, [])
            self.restore_btn.setEnabled(False)
            return
        title = f"{e.aksi_label}"
        if e.no_kuesioner is not None:
            title += f" kuesioner no. {e.no_kuesioner}"
        title += f" oleh {e.operator or '(tanpa nama)'}, {waktu_text(audit.waktu_lokal(e.waktu))}."
        if e.keterangan:
            title += " " + e.keterangan
        self.detail_title.setText(title)
        changes = e.fields()
        if e.sebelum and e.sesudah and self.only_changed.isChecked():
            changes = [c for c in changes if c.berubah]
        fill_rows(
            self.detail,
            [
                [c.label, _show(c.key, c.sebelum) if e.sebelum else "–", _show(c.key, c.sesudah) if e.sesudah else "–"]
                for c in changes
            ],
        )
        bold = QFont()
        bold.setBold(True)
        if e.sebelum and e.sesudah:
            for r, c in enumerate(changes):
                if c.berubah:
                    for col in range(3):
                        self.detail.item(r, col).setBackground(CHANGED)
                        self.detail.item(r, col).setFont(bold)
        if e.aksi == "impor" and not changes:
            n = len(e.sebelum) if isinstance(e.sebelum, list) else 0
            fill_rows(self.detail, [["Keterangan", f"{angka(n)} kuesioner lama diganti" if n else "–", e.keterangan]])
        if not changes and e.aksi != "impor":
            fill_rows(self.detail, [["–", "Tidak ada isian yang berubah.", ""]])
        self.restore_btn.setEnabled(e.dapat_dipulihkan)

    def restore_selected(self) -> None:
        e = self.selected()
        if e is None or not e.dapat_dipulihkan:
            return
        if not common.confirm(
            self,
            "Pulihkan kuesioner",
            f"Simpan kembali kuesioner no. {e.no_kuesioner} seperti sebelum dihapus?",
            "Pulihkan",
        ):
            return
        try:
            self.audit.restore(e.id, operator=self.ctx.operator)
        except ServiceError as err:
            common.message(self, "Tidak dapat dipulihkan", str(err))
            return
        self.ctx.dataChanged.emit()  # also refreshes this page
        common.message(
            self, "Kuesioner dipulihkan", f"Kuesioner no. {e.no_kuesioner} sudah disimpan kembali.", error=False
        )
