"""Rencana Tindak Lanjut: plans per unsur, priority unsur first."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from skm_desktop.domain.formatting import angka
from skm_desktop.domain.rtl import JANGKA, JANGKA_LABEL, TRIWULAN
from skm_desktop.services import dokumen as svc

from ..parts import button
from .common import RowFormTab, _fill, add_buttons_and_status, add_note, add_table, named, stored, words


# ---------------------------------------------------------------- RTL
class RtlTab(RowFormTab):
    TITLE = "Rencana Tindak Lanjut"

    def build(self, v: QVBoxLayout) -> None:
        self.items: list[svc.RtlItem] = []
        self.prioritas = add_note(v)
        self.table = add_table(v, ["No", "Unsur", "Program / kegiatan", "Waktu", "Penanggung jawab"], 2, "tabelRtl")
        box = QGroupBox("Rencana tindak lanjut")
        form = QFormLayout(box)
        self.unsur = named(QComboBox(), "unsurRtl")
        self.program = named(QLineEdit(), "programRtl")
        self.program.setPlaceholderText("mis. Menambah satu loket pada jam sibuk")
        tw = QHBoxLayout()
        self.tw = []
        for t in TRIWULAN:
            cb = named(QCheckBox(t), "cb" + t.replace(" ", ""))
            self.tw.append(cb)
            tw.addWidget(cb)
        tw.addWidget(QLabel("atau"))
        self.jangka = named(QComboBox(), "jangkaRtl")
        self.jangka.addItem("—", "")
        for j in JANGKA:
            self.jangka.addItem(JANGKA_LABEL[j], j)
        tw.addWidget(self.jangka)
        tw.addStretch(1)
        self.pj = named(QLineEdit(), "pjRtl")
        form.addRow("Unsur:", self.unsur)
        form.addRow("Program/kegiatan:", self.program)
        form.addRow("Waktu:", tw)
        form.addRow("Penanggung jawab:", self.pj)
        v.addWidget(box)
        self.add = button("Tambah RTL", lambda: self._save(new=True), "tambahRtl")
        self.update_btn = button("Simpan perubahan", lambda: self._save(new=False), "ubahRtl")
        self.delete = button("Hapus", self._delete, "hapusRtl")
        self.status = add_buttons_and_status(v, [self.add, self.update_btn, self.delete])
        self.connect_rows()
        self.jangka.currentIndexChanged.connect(self._jangka_changed)

    def _jangka_changed(self) -> None:
        if self.jangka.currentData():
            for cb in self.tw:
                cb.setChecked(False)

    def waktu(self) -> str:
        if self.jangka.currentData():
            return self.jangka.currentData()
        return ",".join(cb.text() for cb in self.tw if cb.isChecked())

    def refresh(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        view = self.page.service.rtl(info.id)
        us, sm, self.items = view.unsur_set, view.summary, view.items
        prio = [r.kode for r in sm.prioritas]
        typed_unsur = self.unsur.currentData()  # refilling the list keeps the unsur being typed
        self.unsur.clear()
        order = [u for k in prio for u in us.unsur if u.kode == k] + [u for u in us.unsur if u.kode not in prio]
        for u in order:
            mark = " (prioritas)" if u.kode in prio else ""
            self.unsur.addItem(f"{u.kode} {u.nama}{mark}", u.kode)
        self.unsur.setCurrentIndex(max(0, self.unsur.findData(typed_unsur)))
        if sm.ikm is None:
            self.prioritas.setText("Belum ada kuesioner pada periode ini; unsur prioritas belum diketahui.")
        else:
            self.prioritas.setText(
                "Unsur prioritas (NRR terendah): "
                + "; ".join(f"{r.kode} {r.unsur.nama} ({angka(r.nrr, 3)})" for r in sm.prioritas)
                + ". Perlu ditingkatkan (mutu C/D): "
                + (", ".join(r.kode for r in sm.perlu_ditingkatkan) or "tidak ada")
                + "."
            )
        _fill(
            self.table,
            [
                [str(i), r.unsur_kode, r.program, self._waktu_text(r), r.penanggung_jawab]
                for i, r in enumerate(self.items, 1)
            ],
            right=(0,),
        )
        self.follow_rows()

    @staticmethod
    def _waktu_text(r) -> str:
        if r.jangka:
            return JANGKA_LABEL[r.jangka]
        return ", ".join(r.triwulan) or "–"

    # the form: the RTL picked in the table, or a new one -----------------------
    def form_values(self) -> tuple:
        return (self.unsur.currentData() or "", words(self.program.text()), self.waktu(), words(self.pj.text()))

    def item_values(self, r) -> tuple:
        return (r.unsur_kode, words(r.program), r.jangka or ",".join(r.triwulan), words(r.penanggung_jawab))

    def new_pending(self) -> bool:
        return bool(self.program.text().strip())

    def show_item(self, r) -> None:
        if r is None:
            self.program.clear()
            return
        self.unsur.setCurrentIndex(max(0, self.unsur.findData(r.unsur_kode)))
        self.program.setText(r.program)
        self.jangka.setCurrentIndex(max(0, self.jangka.findData(r.jangka or "")))
        for cb in self.tw:
            cb.setChecked(cb.text() in r.triwulan)
        self.pj.setText(r.penanggung_jawab)

    def save_form(self) -> bool:
        return self._save(new=self.shown is None)

    def _save(self, new: bool) -> bool:
        info = self.page.periode_info()
        if info is None:
            return False
        cur = self.shown
        if not new and cur is None:
            self.status.error("Pilih dulu RTL yang akan diubah pada tabel.")
            return False
        values = (self.unsur.currentData() or "", self.program.text(), self.waktu(), self.pj.text())

        def write() -> None:
            if new:
                self.page.service.tambah_rtl(info.id, *values)
            else:
                self.page.service.ubah_rtl(cur.id, *values)

        def free_form() -> None:  # for the next RTL (the penanggung jawab stays)
            self.shown = None
            self.refresh()
            self.program.clear()

        return stored(self.status, write, free_form, "RTL tersimpan.")

    def _delete(self) -> None:
        cur = self.shown
        if cur is None:
            self.status.error("Pilih dulu RTL yang akan dihapus pada tabel.")
            return
        stored(self.status, lambda: self.page.service.hapus_rtl(cur.id), self.refresh, "RTL dihapus.")
