"""Periods (create, rename, dates, N prioritas, close/reopen) and the
population / sample target per layanan with collected-vs-target progress."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
)

from skm_desktop.domain.formatting import angka, rentang_tanggal
from skm_desktop.domain.periode import suggest_after
from skm_desktop.domain.sample import METODE_SAMPEL, Progress
from skm_desktop.services import setup

from ..gaya import peran
from ..parts import button
from ..unsaved import confirm_leave
from ..widgets import ask, button_row
from ..wizard import date_edit, period_form, to_date
from .common import Tab, table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _period_box(title: str, name_label: str, nama, mulai, selesai) -> tuple[QGroupBox, QFormLayout]:
    """A group with a period's name and dates (the selected period, or a new one)."""
    box = QGroupBox(title)
    return box, period_form(QFormLayout(box), name_label, nama, mulai, selesai)


class PeriodeTab(Tab):
    TITLE = "Periode"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.use_table(
            ["Periode", "Tanggal", "Status", "Kuesioner", "Prioritas", "Dipakai"],
            tip=(5, "Periode yang sedang dipakai di semua halaman (pilihan Periode di bagian atas jendela)."),
            stretch=5,
        )
        today = dt.date.today()
        self.nama = QLineEdit()
        self.mulai = date_edit(today)
        self.selesai = date_edit(today)
        self.n_prioritas = QSpinBox()
        self.n_prioritas.setRange(1, 9)
        self.save_button = button("Simpan perubahan", self.save)
        self.nama.returnPressed.connect(self.save)
        self.close_button = button("Tutup periode", self.toggle_closed)
        self.use_button = button("Pakai periode ini", self.use)
        self.delete_button = button("Hapus periode", self.delete)
        edit, fe = _period_box("Periode terpilih", "Nama periode", self.nama, self.mulai, self.selesai)
        fe.addRow("Jumlah unsur prioritas", self.n_prioritas)
        fe.addRow(button_row(self.save_button, self.close_button, self.use_button, self.delete_button))
        self.closed_note = QLabel(
            "Periode yang ditutup tidak dapat diisi atau diubah lagi (entri dan impor ditolak) sampai dibuka kembali."
        )
        self.closed_note.setWordWrap(True)
        peran(self.closed_note, "catatan")
        fe.addRow(self.closed_note)

        self.new_nama = QLineEdit()
        self.new_nama.returnPressed.connect(self.create)
        self.new_mulai = date_edit(today)
        self.new_selesai = date_edit(today)
        self.copy_check = QCheckBox("Salin set unsur, jumlah prioritas, dan populasi dari periode terpilih")
        self.copy_check.setChecked(True)
        self.create_button = button("Buat periode", self.create)
        new, fn = _period_box("Periode baru", "Nama periode *", self.new_nama, self.new_mulai, self.new_selesai)
        fn.addRow(self.copy_check)
        fn.addRow(button_row(self.create_button))

        forms = QHBoxLayout()
        forms.addWidget(edit, 1)
        forms.addWidget(new, 1)
        self.lay_out(self.table, forms)

    def reload(self) -> None:
        if self.reload_rows(self.ctx.setup.periode_rows, self._cells, keep=self.ctx.periode_id, right=(3, 4)):
            self._suggest_new()

    def _cells(self, row: setup.PeriodeRow) -> list[str]:
        p = row.info
        return [
            p.nama,
            rentang_tanggal(p.tanggal_mulai, p.tanggal_selesai),
            "ditutup" if p.ditutup else "terbuka",
            angka(row.responden),
            angka(p.n_prioritas),
            "dipakai sekarang" if p.id == self.ctx.periode_id else "",
        ]

    def _suggest_new(self) -> None:
        """'Periode baru' suggests the period after the latest one, name and dates alike."""
        saran = suggest_after((r.info.nama, r.info.tanggal_mulai, r.info.tanggal_selesai) for r in self._rows)
        self.new_nama.setPlaceholderText(f"misalnya {saran.nama}")
        if not self.new_nama.text().strip():  # never overwrite dates the operator is setting up
            self.new_mulai.setDate(saran.mulai)
            self.new_selesai.setDate(saran.selesai)

    @staticmethod
    def row_id(row: setup.PeriodeRow) -> int:
        return row.info.id

    def selected(self) -> setup.PeriodeRow | None:
        return self.selected_row()

    def _selection_changed(self) -> None:
        row = self.selected()
        for w in (
            self.save_button,
            self.close_button,
            self.use_button,
            self.delete_button,
            self.nama,
            self.mulai,
            self.selesai,
            self.n_prioritas,
        ):
            w.setEnabled(row is not None)
        self.copy_check.setEnabled(row is not None)
        if row is None:
            return
        p = row.info
        self.nama.setText(p.nama)
        for edit, d in ((self.mulai, p.tanggal_mulai), (self.selesai, p.tanggal_selesai)):
            if d is not None:
                edit.setDate(d)
        self.n_prioritas.setValue(p.n_prioritas)
        self.close_button.setText("Buka kembali" if p.ditutup else "Tutup periode")
        self.use_button.setEnabled(p.id != self.ctx.periode_id)
        self.delete_button.setEnabled(row.responden == 0)
        self.delete_button.setToolTip("Periode yang berisi kuesioner tidak dapat dihapus." if row.responden else "")

    # unsaved: the selected period's form differs from what is stored, or a new period is being named
    def _edit_pending(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        p = row.info
        return (
            " ".join(self.nama.text().split()) != p.nama
            or self.n_prioritas.value() != p.n_prioritas
            or any(
                d is not None and to_date(edit.date()) != d
                for edit, d in ((self.mulai, p.tanggal_mulai), (self.selesai, p.tanggal_selesai))
            )
        )

    def _new_pending(self) -> bool:
        return bool(self.new_nama.text().strip())

    def pieces(self) -> tuple:
        return ((self._edit_pending, self.save), (self._new_pending, self.create))

    def discard_changes(self) -> None:
        self.new_nama.clear()
        super().discard_changes()

    def save(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        values = dict(
            nama=self.nama.text(),
            tanggal_mulai=to_date(self.mulai.date()),
            tanggal_selesai=to_date(self.selesai.date()),
            n_prioritas=self.n_prioritas.value(),
        )
        return self.change(lambda: self.ctx.setup.update_periode(row.info.id, **values), "Periode tersimpan.")

    def toggle_closed(self) -> None:
        row = self.selected()
        if row is None:
            return
        p = row.info
        if not p.ditutup and not ask(
            self,
            "Tutup periode",
            f"Tutup periode '{p.nama}'? Setelah ditutup, kuesioner periode ini tidak "
            "dapat ditambah, diubah, atau dihapus sampai dibuka kembali.",
            "Tutup periode",
        ):
            return
        done = f"Periode '{p.nama}' " + ("dibuka kembali." if p.ditutup else "ditutup.")
        self.change(lambda: self.ctx.setup.set_periode_closed(p.id, not p.ditutup), done)

    def use(self) -> None:
        row = self.selected()
        # switching period reloads every tab: ask first about what is typed here
        if row is not None and self._edit_pending() and not confirm_leave(self, [self]):
            return
        row = self.selected()
        if row is not None:
            self.ctx.set_periode(row.info.id)
            self.message.ok(f"Periode '{row.info.nama}' sekarang dipakai di semua halaman.")
            self.reload()

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not ask(self, "Hapus periode", f"Hapus periode '{row.info.nama}' beserta set unsurnya?", "Hapus"):
            return
        if self.run(lambda: self.ctx.setup.delete_periode(row.info.id), f"Periode '{row.info.nama}' dihapus."):
            if row.info.id == self.ctx.periode_id:
                rows = self.ctx.setup.periode_rows(self.ctx.unit_id)
                self.ctx.set_periode(rows[-1].info.id if rows else None)
            self.reload()

    def create(self) -> bool:
        src = self.selected()
        copy_from = src.info.id if src is not None and self.copy_check.isChecked() else None
        name = self.new_nama.text()
        mulai, selesai = to_date(self.new_mulai.date()), to_date(self.new_selesai.date())
        new_id: list[int] = []
        ok = self.run(
            lambda: new_id.append(self.ctx.setup.create_periode(self.ctx.unit_id, name, mulai, selesai, copy_from)),
            f"Periode '{' '.join(name.split())}' dibuat. Tekan 'Pakai periode ini' untuk mulai mengisinya.",
        )
        if ok:
            self.new_nama.clear()
            self.reload()
            for r, row in enumerate(self._rows):
                if row.info.id == new_id[0]:
                    self.table.selectRow(r)
        return ok


class TargetTab(Tab):
    """Population and sample target per layanan in the current period."""

    TITLE = "Target Sampel"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._rows: list[setup.TargetRow] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = table(["Jenis layanan", "Populasi", "Metode", "Target sampel", "Terkumpul", "Kemajuan"], stretch=5)
        self.total = QProgressBar()
        self.total.setMinimumWidth(320)
        self.total_label = QLabel("Total unit:")
        self.save_button = button("Simpan populasi dan target", self.save)
        hint = QLabel(
            "Target sampel dihitung dari populasi (jumlah penerima layanan dalam periode): Krejcie & "
            "Morgan sesuai tabel PermenPAN-RB 14/2017, atau rumus Slovin dengan tingkat kesalahan 5% "
            "atau 10%. Populasi 0 berarti layanan ini tidak diberi target."
        )
        hint.setWordWrap(True)
        peran(hint, "catatan")
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label)
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        lay.addWidget(hint)
        lay.addWidget(self.message)

    def form_state(self) -> object:
        return tuple(
            (self._spin(r).value(), self._combo(r).currentData())
            for r in range(self.table.rowCount())
            if self._spin(r) is not None and self._combo(r) is not None
        )

    def reload(self) -> None:
        pid = self.ctx.periode_id
        if pid is None:
            self.heading.setText("Belum ada periode.")
            self.table.setRowCount(0)
            self._rows = []
            self.mark_clean()
            return
        periods = {r.info.id: r.info for r in self.ctx.setup.periode_rows(self.ctx.unit_id)}
        p = periods.get(pid)
        self.heading.setText(f"Populasi dan target sampel periode <b>{p.nama if p else ''}</b>")
        self._rows = self.ctx.setup.target_rows(pid)
        progress = {pr.label: pr for pr in self.ctx.setup.progress(pid)}
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            self.table.setItem(r, 0, QTableWidgetItem(row.layanan))
            spin = QSpinBox()
            spin.setRange(0, 10_000_000)
            spin.setGroupSeparatorShown(True)
            spin.setLocale(self.locale_id())
            spin.setValue(row.populasi or 0)
            combo = QComboBox()
            for key, label in METODE_SAMPEL.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(row.metode or "krejcie-morgan")))
            spin.valueChanged.connect(lambda _v, r=r: self._preview(r))
            combo.currentIndexChanged.connect(lambda _i, r=r: self._preview(r))
            self.table.setCellWidget(r, 1, spin)
            self.table.setCellWidget(r, 2, combo)
            t = QTableWidgetItem(angka(row.target) if row.target is not None else "–")
            t.setTextAlignment(RIGHT)
            self.table.setItem(r, 3, t)
            c = QTableWidgetItem(angka(row.collected))
            c.setTextAlignment(RIGHT)
            self.table.setItem(r, 4, c)
            bar = QProgressBar()
            self._set_bar(bar, progress.get(row.layanan) if row.target is not None else None, row.collected)
            self.table.setCellWidget(r, 5, bar)
        self._set_bar(self.total, progress.get("Total unit"), None)
        self.mark_clean()

    @staticmethod
    def locale_id():
        from ..wizard import INDONESIA

        return INDONESIA

    @staticmethod
    def _set_bar(bar: QProgressBar, pr: Progress | None, collected: int | None) -> None:
        if pr is None:
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat("belum ada target" if collected is None else f"{angka(collected)} (tanpa target)")
            return
        bar.setRange(0, max(pr.target, 1))
        bar.setValue(pr.target if pr.reached else pr.collected)
        bar.setFormat(f"{angka(pr.collected)} dari {angka(pr.target)}" + (" — tercapai" if pr.reached else ""))

    def _spin(self, r: int) -> QSpinBox:
        return self.table.cellWidget(r, 1)

    def _combo(self, r: int) -> QComboBox:
        return self.table.cellWidget(r, 2)

    def _preview(self, r: int) -> None:
        try:
            target = setup.compute_target(self._spin(r).value(), self._combo(r).currentData())
        except Exception as e:  # noqa: BLE001 - shown to the user
            self.message.error(str(e))
            return
        self.table.item(r, 3).setText(angka(target) + " (belum disimpan)")

    def save(self) -> bool:
        pid = self.ctx.periode_id
        if pid is None:
            return False

        items = []
        for r, row in enumerate(self._rows):
            pop = self._spin(r).value()
            if pop == 0 and row.populasi is None:
                continue
            items.append((row.layanan_id, pop or None, self._combo(r).currentData()))

        def action() -> None:
            self.ctx.setup.set_targets(pid, items)

        return self.change(action, "Populasi dan target sampel tersimpan.")
