"""Rencana Tindak Lanjut: plans per unsur, priority unsur first."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka
from skm_desktop.domain.rtl import JANGKA, JANGKA_LABEL, TRIWULAN
from skm_desktop.services import dokumen as svc

from .common import DokumenTab, _fill, add_buttons_and_status, add_note, add_table, button, named, selected_item


# ---------------------------------------------------------------- RTL
class RtlTab(DokumenTab):
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
        self.add = button("Tambah RTL", "tambahRtl")
        self.update_btn = button("Simpan perubahan", "ubahRtl")
        self.delete = button("Hapus", "hapusRtl")
        self.status = add_buttons_and_status(v, [self.add, self.update_btn, self.delete])
        self.add.clicked.connect(lambda: self._save(new=True))
        self.update_btn.clicked.connect(lambda: self._save(new=False))
        self.delete.clicked.connect(self._delete)
        self.table.itemSelectionChanged.connect(self._selected)
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
        self.unsur.clear()
        order = [u for k in prio for u in us.unsur if u.kode == k] + [u for u in us.unsur if u.kode not in prio]
        for u in order:
            mark = " (prioritas)" if u.kode in prio else ""
            self.unsur.addItem(f"{u.kode} {u.nama}{mark}", u.kode)
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

    @staticmethod
    def _waktu_text(r) -> str:
        if r.jangka:
            return JANGKA_LABEL[r.jangka]
        return ", ".join(r.triwulan) or "–"

    def _current(self) -> svc.RtlItem | None:
        return selected_item(self.table, self.items)

    def _selected(self) -> None:
        r = self._current()
        if r is None:
            return
        self.unsur.setCurrentIndex(max(0, self.unsur.findData(r.unsur_kode)))
        self.program.setText(r.program)
        self.jangka.setCurrentIndex(max(0, self.jangka.findData(r.jangka or "")))
        for cb in self.tw:
            cb.setChecked(cb.text() in r.triwulan)
        self.pj.setText(r.penanggung_jawab)

    def _save(self, new: bool) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        cur = self._current()
        if not new and cur is None:
            self.status.error("Pilih dulu RTL yang akan diubah pada tabel.")
            return
        try:
            if new:
                self.page.service.tambah_rtl(
                    info.id, self.unsur.currentData() or "", self.program.text(), self.waktu(), self.pj.text()
                )
            else:
                self.page.service.ubah_rtl(
                    cur.id, self.unsur.currentData() or "", self.program.text(), self.waktu(), self.pj.text()
                )
        except DomainError as e:
            self.status.error(str(e))
            return
        self.refresh()
        self.program.clear()
        self.status.ok("RTL tersimpan.")

    def _delete(self) -> None:
        cur = self._current()
        if cur is None:
            self.status.error("Pilih dulu RTL yang akan dihapus pada tabel.")
            return
        self.page.service.hapus_rtl(cur.id)
        self.refresh()
        self.status.ok("RTL dihapus.")
