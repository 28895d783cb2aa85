"""Dokumen: make the laporan, publikasi, olah data and kuesioner (export runs
in a background thread with a progress bar; the file opens when done), and
edit what goes into the laporan — texts, rencana tindak lanjut, its
realisation next period, and past IKM figures for the trend.

No SQL and no arithmetic here: everything goes through services
(documents, laporan_teks, results, survey); numbers through domain.formatting."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QProgressBar, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, persen, tanggal
from skm_desktop.domain.tanggal import FORMAT_EDIT_QT
from skm_desktop.services import documents, laporan_teks, results, survey

from .context import AppContext
from .widgets import StatusLabel

ALL_LAYANAN = "Semua jenis layanan"
ASAL = {"periode": "teks khusus periode ini", "unit": "teks unit (berlaku untuk semua periode)",
        "bawaan": "teks bawaan"}
from .widgets import read_only_table


def _table(headers: list[str], stretch: int) -> QTableWidget:
    return read_only_table(headers, stretch, word_wrap=True)

def _fill(t: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = (),
          center: tuple[int, ...] = ()) -> None:
    """Fill a read-only table; ``right``: number columns (right-aligned), ``center``: short codes."""
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            it = QTableWidgetItem(text)
            it.setToolTip(text)
            if c in right:
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            elif c in center:
                it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setItem(r, c, it)
    t.resizeRowsToContents()


def safe_filename(text: str) -> str:
    return re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-")[:80] or "dokumen"


# ---------------------------------------------------------------- background export
class ExportWorker(QObject):
    """Runs documents.build in a QThread; results come back as queued signals on the GUI thread."""
    progress = Signal(int, str)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, db, kind: str, out: Path, periode_id: int, layanan_id: int | None) -> None:
        super().__init__()
        self.db, self.kind, self.out = db, kind, out
        self.periode_id, self.layanan_id = periode_id, layanan_id

    @Slot()
    def run(self) -> None:
        try:
            path = documents.build(self.db, self.kind, self.out, self.periode_id, self.layanan_id,
                                   progress=lambda pct, msg: self.progress.emit(int(pct), msg))
        except DomainError as e:
            self.failed.emit(str(e))
        except OSError as e:
            self.failed.emit(f"Berkas tidak dapat ditulis: {e.strerror or e}.")
        except Exception as e:  # noqa: BLE001 — reported to the operator, never a silent crash
            self.failed.emit(f"Dokumen gagal dibuat: {e}")
        else:
            self.finished.emit(str(path))


class ExportTab(QWidget):
    done = Signal(str)
    error = Signal(str)

    def __init__(self, page: "DokumenPage") -> None:
        super().__init__()
        self.page = page
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.opener = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("jenisDokumen")
        for k in documents.KINDS:
            self.kind.addItem(documents.KIND_LABELS[k], k)
        self.layanan = QComboBox()
        self.layanan.setObjectName("layanan")
        self.format = QComboBox()
        self.format.setObjectName("format")
        self.format.addItem("PDF", ".pdf")
        self.format.addItem("Excel (XLSX, rumus hidup)", ".xlsx")
        out_row = QHBoxLayout()
        self.out = QLineEdit()
        self.out.setObjectName("berkasTujuan")
        self.out.setPlaceholderText("Folder dan nama berkas tujuan")
        pick = QPushButton("Pilih…")
        pick.clicked.connect(self._pick)
        out_row.addWidget(self.out, 1)
        out_row.addWidget(pick)
        self.open_after = QCheckBox("Buka dokumen setelah selesai")
        self.open_after.setChecked(True)
        date_row = QHBoxLayout()
        self.tanggal = QDateEdit()
        self.tanggal.setObjectName("tanggalLaporan")
        self.tanggal.setCalendarPopup(True)
        self.tanggal.setDisplayFormat(FORMAT_EDIT_QT)
        self.tanggal.setToolTip("Tanggal penandatanganan laporan dan publikasi; bulan penyusunan laporan pada "
                                "jadwal BAB II mengikuti tanggal ini.")
        self.save_tanggal = QPushButton("Simpan tanggal")
        self.save_tanggal.setObjectName("simpanTanggal")
        self.save_tanggal.clicked.connect(self._save_tanggal)
        self.tanggal_asal = QLabel()
        self.tanggal_asal.setStyleSheet("color: #555;")
        date_row.addWidget(self.tanggal)
        date_row.addWidget(self.save_tanggal)
        date_row.addWidget(self.tanggal_asal, 1)
        form.addRow("Dokumen:", self.kind)
        form.addRow("Jenis layanan:", self.layanan)
        form.addRow("Format:", self.format)
        form.addRow("Tanggal laporan:", date_row)
        form.addRow("Simpan ke:", out_row)
        form.addRow("", self.open_after)
        v.addLayout(form)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        v.addWidget(self.hint)
        row = QHBoxLayout()
        self.button = QPushButton("Buat dokumen")
        self.button.setObjectName("buatDokumen")
        self.button.setDefault(True)
        self.button.clicked.connect(self.start)
        row.addWidget(self.button)
        row.addStretch(1)
        v.addLayout(row)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.bar.hide()
        v.addWidget(self.bar)
        self.status = StatusLabel()
        self.status.setObjectName("status")
        v.addWidget(self.status)
        v.addStretch(1)
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.format.currentIndexChanged.connect(self._suggest_name)
        self.layanan.currentIndexChanged.connect(self._suggest_name)
        self._kind_changed()

    # ------------------------------------------------------------------
    def refresh(self) -> None:
        cur = self.layanan.currentData()
        self.layanan.blockSignals(True)
        self.layanan.clear()
        self.layanan.addItem(ALL_LAYANAN, None)
        for lid, nama in self.page.layanan_items():
            self.layanan.addItem(nama, lid)
        i = self.layanan.findData(cur)
        self.layanan.setCurrentIndex(max(0, i))
        self.layanan.blockSignals(False)
        self._load_tanggal()
        self._suggest_name()

    def _load_tanggal(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        with self.page.ctx.db.read_session() as s:
            d = laporan_teks.tanggal_laporan(s, info.unit_id, info.id)
            asal = laporan_teks.get_teks(s, info.unit_id, info.id, "tanggal_laporan").asal
        if d is not None:
            self.tanggal.setDate(QDate(d.year, d.month, d.day))
        self.tanggal_asal.setText(f"bawaan: {laporan_teks.HARI_PELAPORAN} hari setelah pengumpulan data selesai"
                                  if asal == "bawaan"
                                  else "diubah operator")

    def _save_tanggal(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        q = self.tanggal.date()
        text = tanggal(dt.date(q.year(), q.month(), q.day()))
        try:
            with self.page.ctx.db.session() as s:
                laporan_teks.set_teks(s, info.unit_id, info.id, "tanggal_laporan", text)
        except DomainError as e:
            self.status.error(str(e))
            return
        self._load_tanggal()
        self.status.ok(f"Tanggal laporan {text} tersimpan (juga bulan penyusunan laporan pada jadwal).")

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        xlsx_ok = kind == "olah-data"
        self.format.setEnabled(xlsx_ok)
        if not xlsx_ok:
            self.format.setCurrentIndex(0)
        self.hint.setText({
            "laporan": "Laporan lengkap A4: sampul, kata pengantar, daftar isi/tabel/gambar, BAB I–V, "
                       "lampiran kuesioner, olah data, dan realisasi RTL. Teks dapat diubah di tab Teks Laporan.",
            "publikasi": "Satu halaman A4 untuk papan pengumuman dan situs web: nilai IKM, mutu, kinerja, "
                         "NRR per unsur, unsur yang perlu ditingkatkan beserta RTL-nya.",
            "olah-data": "Tabel per responden dengan Σ, NRR, NRR tertimbang, dan IKM. Versi Excel memakai rumus, "
                         "sehingga koreksi jawaban langsung memperbarui hasilnya.",
            "kuesioner": "Kuesioner kosong siap cetak dari set unsur periode ini, dengan kolom nomor kuesioner.",
        }[kind])
        self._suggest_name()

    def _suffix(self) -> str:
        return self.format.currentData() if self.format.isEnabled() else ".pdf"

    def _suggest_name(self) -> None:
        """Propose a file name in the user's documents folder (kept when the operator typed a folder)."""
        info = self.page.periode_info()
        if info is None:
            return
        kind = self.kind.currentData()
        lay = self.layanan.currentText() if self.layanan.currentData() is not None else ""
        name = safe_filename("-".join(x for x in (kind, info.nama, lay) if x)) + self._suffix()
        cur = self.out.text().strip()
        folder = Path(cur).parent if cur else self.page.default_folder()
        self.out.setText(str(folder / name))

    def _pick(self) -> None:
        flt = "Excel (*.xlsx)" if self._suffix() == ".xlsx" else "PDF (*.pdf)"
        self.page.ensure_folder(Path(self.out.text()).parent)
        path, _ = QFileDialog.getSaveFileName(self, "Simpan dokumen", self.out.text(), flt)
        if path:
            if not path.lower().endswith(self._suffix()):
                path += self._suffix()
            self.out.setText(path)

    # ------------------------------------------------------------------
    def start(self) -> None:
        self.status.clear_message()
        pid = self.page.periode_id()
        if pid is None:
            self.status.error("Pilih periode terlebih dahulu.")
            return
        text = self.out.text().strip()
        if not text:
            self.status.error("Tentukan berkas tujuan (folder dan nama berkas).")
            return
        out = Path(text)
        if out.suffix.lower() != self._suffix():
            out = out.with_suffix(self._suffix())
            self.out.setText(str(out))
        self.page.ensure_folder(out.parent)
        if not out.parent.is_dir():
            self.status.error(f"Folder {out.parent} tidak ditemukan. Pilih folder lain dengan tombol Pilih….")
            return
        if self.thread is not None:
            return
        self.button.setEnabled(False)
        self.bar.setValue(0)
        self.bar.show()
        self.thread = QThread(self)
        self.worker = ExportWorker(self.page.ctx.db, self.kind.currentData(), out, pid, self.layanan.currentData())
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.thread.start()

    def shutdown(self) -> None:
        """Let a running export finish before the program closes (never kill it half-written)."""
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()

    def _stop_thread(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.worker.deleteLater()
            self.thread.deleteLater()
        self.thread = self.worker = None
        self.button.setEnabled(True)

    @Slot(int, str)
    def _on_progress(self, pct: int, msg: str) -> None:
        self.bar.setValue(pct)
        self.bar.setFormat(f"{msg} – %p%")

    @Slot(str)
    def _on_finished(self, path: str) -> None:
        self._stop_thread()
        self.bar.setValue(100)
        self.bar.setFormat("Selesai – %p%")
        self.status.ok(f"Dokumen tersimpan: {path}")
        if self.open_after.isChecked():
            self.opener(path)
        self.done.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.bar.hide()
        self.status.error(message)
        self.error.emit(message)


# ---------------------------------------------------------------- texts
class TeksTab(QWidget):
    def __init__(self, page: "DokumenPage") -> None:
        super().__init__()
        self.page = page
        h = QHBoxLayout(self)
        self.keys = QListWidget()
        self.keys.setObjectName("bagianTeks")
        self.keys.setMaximumWidth(260)
        for k in laporan_teks.TEKS_KEYS:
            judul = laporan_teks.TEKS[k][0]
            it = QListWidgetItem(judul.split(" (")[0])
            it.setToolTip(judul)
            it.setData(Qt.ItemDataRole.UserRole, k)
            self.keys.addItem(it)
        h.addWidget(self.keys)
        right = QVBoxLayout()
        self.asal = QLabel()
        self.asal.setStyleSheet("color: #555;")
        right.addWidget(self.asal)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("isiTeks")
        right.addWidget(self.edit, 1)
        scope = QHBoxLayout()
        self.for_periode = QRadioButton("Simpan untuk periode ini saja")
        self.for_unit = QRadioButton("Simpan untuk semua periode unit ini")
        self.for_periode.setChecked(True)
        grp = QButtonGroup(self)
        grp.addButton(self.for_periode)
        grp.addButton(self.for_unit)
        scope.addWidget(self.for_periode)
        scope.addWidget(self.for_unit)
        scope.addStretch(1)
        right.addLayout(scope)
        buttons = QHBoxLayout()
        self.save = QPushButton("Simpan teks")
        self.save.setObjectName("simpanTeks")
        self.reset = QPushButton("Kembalikan ke teks bawaan")
        self.reset.setObjectName("kembalikanTeks")
        self.auto = QPushButton("Isi kalimat otomatis dari hasil")
        self.auto.setObjectName("kalimatOtomatis")
        for b in (self.save, self.reset, self.auto):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right.addLayout(buttons)
        self.status = StatusLabel()
        right.addWidget(self.status)
        h.addLayout(right, 1)
        self.keys.currentRowChanged.connect(self.load)
        self.save.clicked.connect(self._save)
        self.reset.clicked.connect(self._reset)
        self.auto.clicked.connect(self._auto)

    def key(self) -> str | None:
        it = self.keys.currentItem()
        return None if it is None else it.data(Qt.ItemDataRole.UserRole)

    def refresh(self) -> None:
        if self.keys.currentRow() < 0:
            self.keys.setCurrentRow(0)
        else:
            self.load()

    def load(self, *_):
        k = self.key()
        info = self.page.periode_info()
        if k is None or info is None:
            return
        with self.page.ctx.db.read_session() as s:
            v = laporan_teks.get_teks(s, info.unit_id, info.id, k)
        self.edit.setPlainText(v.isi)
        self.edit.setPlaceholderText("Kosongkan agar laporan memakai kalimat otomatis dari hasil survei."
                                     if k in ("analisis", "kesimpulan") else "")
        judul = laporan_teks.TEKS[k][0]
        hint = judul[judul.index(" (") + 2:-1] if " (" in judul else "satu paragraf per baris"
        self.asal.setText(f"Sumber teks: {ASAL[v.asal]}. Petunjuk: {hint}.")
        self.for_unit.setChecked(v.asal == "unit")
        self.for_periode.setChecked(v.asal != "unit")
        self.auto.setVisible(k in ("analisis", "kesimpulan"))
        self.status.clear_message()

    def _save(self) -> None:
        k, info = self.key(), self.page.periode_info()
        if k is None or info is None:
            return
        try:
            with self.page.ctx.db.session() as s:
                laporan_teks.set_teks(s, info.unit_id, None if self.for_unit.isChecked() else info.id, k,
                                      self.edit.toPlainText().strip())
        except DomainError as e:
            self.status.error(str(e))
            return
        self.load()
        self.status.ok("Teks tersimpan.")

    def _reset(self) -> None:
        k, info = self.key(), self.page.periode_info()
        if k is None or info is None:
            return
        with self.page.ctx.db.session() as s:
            laporan_teks.reset_teks(s, info.unit_id, info.id, k)
            if self.for_unit.isChecked():
                laporan_teks.reset_teks(s, info.unit_id, None, k)
        self.load()
        self.status.ok("Teks dikembalikan.")

    def _auto(self) -> None:
        k, info = self.key(), self.page.periode_info()
        if k is None or info is None:
            return
        with self.page.ctx.db.read_session() as s:
            self.edit.setPlainText(laporan_teks.generated_teks(s, info.id, k))
        self.status.ok("Kalimat otomatis dimasukkan; ubah seperlunya lalu tekan Simpan teks.")


# ---------------------------------------------------------------- RTL
class RtlTab(QWidget):
    def __init__(self, page: "DokumenPage") -> None:
        super().__init__()
        self.page = page
        self.items: list[laporan_teks.RtlItem] = []
        v = QVBoxLayout(self)
        self.prioritas = QLabel()
        self.prioritas.setWordWrap(True)
        v.addWidget(self.prioritas)
        self.table = _table(["No", "Unsur", "Program / kegiatan", "Waktu", "Penanggung jawab"], 2)
        self.table.setObjectName("tabelRtl")
        v.addWidget(self.table, 1)
        box = QGroupBox("Rencana tindak lanjut")
        form = QFormLayout(box)
        self.unsur = QComboBox()
        self.unsur.setObjectName("unsurRtl")
        self.program = QLineEdit()
        self.program.setObjectName("programRtl")
        self.program.setPlaceholderText("mis. Menambah satu loket pada jam sibuk")
        tw = QHBoxLayout()
        self.tw = []
        for t in laporan_teks.TRIWULAN:
            cb = QCheckBox(t)
            cb.setObjectName("cb" + t.replace(" ", ""))
            self.tw.append(cb)
            tw.addWidget(cb)
        tw.addWidget(QLabel("atau"))
        self.jangka = QComboBox()
        self.jangka.setObjectName("jangkaRtl")
        self.jangka.addItem("—", "")
        for j in laporan_teks.JANGKA:
            self.jangka.addItem(laporan_teks.JANGKA_LABEL[j], j)
        tw.addWidget(self.jangka)
        tw.addStretch(1)
        self.pj = QLineEdit()
        self.pj.setObjectName("pjRtl")
        form.addRow("Unsur:", self.unsur)
        form.addRow("Program/kegiatan:", self.program)
        form.addRow("Waktu:", tw)
        form.addRow("Penanggung jawab:", self.pj)
        v.addWidget(box)
        row = QHBoxLayout()
        self.add = QPushButton("Tambah RTL")
        self.add.setObjectName("tambahRtl")
        self.update_btn = QPushButton("Simpan perubahan")
        self.update_btn.setObjectName("ubahRtl")
        self.delete = QPushButton("Hapus")
        self.delete.setObjectName("hapusRtl")
        for b in (self.add, self.update_btn, self.delete):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.status = StatusLabel()
        v.addWidget(self.status)
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
        with self.page.ctx.db.read_session() as s:
            us = survey.unsur_set(s, info.id)
            sm = results.summary(s, info.id)
            self.items = laporan_teks.list_rtl(s, info.id)
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
                "Unsur prioritas (NRR terendah): " + "; ".join(f"{r.kode} {r.unsur.nama} ({angka(r.nrr, 3)})"
                                                             for r in sm.prioritas)
                + ". Perlu ditingkatkan (mutu C/D): "
                + (", ".join(r.kode for r in sm.perlu_ditingkatkan) or "tidak ada") + ".")
        _fill(self.table, [[str(i), r.unsur_kode, r.program, self._waktu_text(r), r.penanggung_jawab]
                           for i, r in enumerate(self.items, 1)], right=(0,))

    @staticmethod
    def _waktu_text(r) -> str:
        if r.jangka:
            return laporan_teks.JANGKA_LABEL[r.jangka]
        return ", ".join(r.triwulan) or "–"

    def _current(self) -> laporan_teks.RtlItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

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
            with self.page.ctx.db.session() as s:
                if new:
                    laporan_teks.add_rtl(s, info.id, self.unsur.currentData() or "", self.program.text(),
                                         self.waktu(), self.pj.text())
                else:
                    laporan_teks.update_rtl(s, cur.id, self.unsur.currentData() or "", self.program.text(),
                                            self.waktu(), self.pj.text())
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
        with self.page.ctx.db.session() as s:
            laporan_teks.delete_rtl(s, cur.id)
        self.refresh()
        self.status.ok("RTL dihapus.")


# ---------------------------------------------------------------- realisation
class RealisasiTab(QWidget):
    def __init__(self, page: "DokumenPage") -> None:
        super().__init__()
        self.page = page
        self.items: list[laporan_teks.RtlItem] = []
        self.prev_id: int | None = None
        v = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        v.addWidget(self.info)
        self.table = _table(["No", "Unsur", "Rencana tindak lanjut", "Status", "Deskripsi", "Hambatan"], 2)
        self.table.setObjectName("tabelRealisasi")
        v.addWidget(self.table, 1)
        box = QGroupBox("Realisasi RTL terpilih")
        form = QFormLayout(box)
        self.state = QComboBox()
        self.state.setObjectName("statusRealisasi")
        self.state.addItem("Belum diisi", "")
        self.state.addItem("Sudah dilaksanakan", "sudah")
        self.state.addItem("Belum dilaksanakan", "belum")
        self.desc = QLineEdit()
        self.desc.setObjectName("deskripsiRealisasi")
        self.hambatan = QLineEdit()
        self.hambatan.setObjectName("hambatanRealisasi")
        form.addRow("Status:", self.state)
        form.addRow("Deskripsi:", self.desc)
        form.addRow("Hambatan:", self.hambatan)
        v.addWidget(box)
        row = QHBoxLayout()
        self.save = QPushButton("Simpan realisasi")
        self.save.setObjectName("simpanRealisasi")
        row.addWidget(self.save)
        row.addStretch(1)
        v.addLayout(row)
        self.status = StatusLabel()
        v.addWidget(self.status)
        self.save.clicked.connect(self._save)
        self.table.itemSelectionChanged.connect(self._selected)

    def refresh(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        with self.page.ctx.db.read_session() as s:
            prev = laporan_teks.previous_periode(s, info.id)
            self.prev_id = prev.id if prev else None
            prev_name = prev.nama if prev else None
            real = laporan_teks.realisasi(s, prev.id) if prev else None
        self.items = list(real.items) if real else []
        if prev_name is None:
            self.info.setText("Periode ini adalah periode pertama unit; belum ada RTL periode sebelumnya.")
        elif not self.items:
            self.info.setText(f"Periode sebelumnya ({prev_name}) tidak memiliki RTL. "
                              "Isi RTL pada periode tersebut agar realisasinya dapat dicatat di sini.")
        else:
            self.info.setText(f"Realisasi RTL periode {prev_name}: {angka(real.sudah)} dari "
                              f"{angka(real.direncanakan)} sudah dilaksanakan ({persen(real.persen)}).")
        label = {"sudah": "Sudah", "belum": "Belum"}
        _fill(self.table, [[str(i), r.unsur_kode, r.program, label.get(r.realisasi, "Belum diisi"),
                            r.realisasi_deskripsi, r.realisasi_hambatan] for i, r in enumerate(self.items, 1)],
              right=(0,))
        self.save.setEnabled(bool(self.items))

    def _current(self):
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _selected(self) -> None:
        r = self._current()
        if r is None:
            return
        self.state.setCurrentIndex(max(0, self.state.findData(r.realisasi)))
        self.desc.setText(r.realisasi_deskripsi)
        self.hambatan.setText(r.realisasi_hambatan)

    def _save(self) -> None:
        cur = self._current()
        if cur is None:
            self.status.error("Pilih dulu RTL pada tabel.")
            return
        try:
            with self.page.ctx.db.session() as s:
                laporan_teks.set_realisasi(s, cur.id, self.state.currentData(), self.desc.text(),
                                           self.hambatan.text())
        except DomainError as e:
            self.status.error(str(e))
            return
        self.refresh()
        self.status.ok("Realisasi tersimpan.")


# ---------------------------------------------------------------- past IKM
class IkmLaluTab(QWidget):
    def __init__(self, page: "DokumenPage") -> None:
        super().__init__()
        self.page = page
        self.items: list[laporan_teks.IkmManualItem] = []
        v = QVBoxLayout(self)
        note = QLabel("Nilai IKM tahun/periode lalu yang tidak ada di basis data ini (nilai konversi 25–100). "
                      "Nilai ini tampil pada tabel dan grafik tren di laporan.")
        note.setWordWrap(True)
        v.addWidget(note)
        self.table = _table(["Tahun / periode", "IKM konversi", "Mutu"], 0)
        self.table.setObjectName("tabelIkmLalu")
        v.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.label = QLineEdit()
        self.label.setObjectName("labelIkm")
        self.label.setPlaceholderText("mis. 2023")
        self.value = QLineEdit()
        self.value.setObjectName("nilaiIkm")
        self.value.setPlaceholderText("mis. 86,89")
        self.add = QPushButton("Simpan nilai")
        self.add.setObjectName("simpanIkm")
        self.delete = QPushButton("Hapus")
        self.delete.setObjectName("hapusIkm")
        row.addWidget(QLabel("Tahun/periode:"))
        row.addWidget(self.label)
        row.addWidget(QLabel("IKM:"))
        row.addWidget(self.value)
        row.addWidget(self.add)
        row.addWidget(self.delete)
        row.addStretch(1)
        v.addLayout(row)
        self.status = StatusLabel()
        v.addWidget(self.status)
        self.add.clicked.connect(self._save)
        self.value.returnPressed.connect(self._save)
        self.delete.clicked.connect(self._delete)

    def refresh(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        with self.page.ctx.db.read_session() as s:
            self.items = laporan_teks.list_ikm_manual(s, info.unit_id)
            points = {p.label: p for p in results.trend(s, info.unit_id) if p.manual}
        _fill(self.table, [[i.label, angka(i.ikm_konversi, 2),
                            points[i.label].mutu if i.label in points else "–"] for i in self.items],
              right=(1,), center=(2,))

    def _save(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        try:
            with self.page.ctx.db.session() as s:
                laporan_teks.set_ikm_manual(s, info.unit_id, self.label.text(), self.value.text())
        except DomainError as e:
            self.status.error(str(e))
            return
        self.refresh()
        self.status.ok(f"IKM {self.label.text().strip()} tersimpan.")
        self.label.clear()
        self.value.clear()

    def _delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.status.error("Pilih dulu baris yang akan dihapus.")
            return
        with self.page.ctx.db.session() as s:
            laporan_teks.delete_ikm_manual(s, self.items[rows[0].row()].id)
        self.refresh()
        self.status.ok("Nilai dihapus.")


# ---------------------------------------------------------------- the page
class DokumenPage(QWidget):
    TAB_BUAT, TAB_TEKS, TAB_RTL, TAB_REALISASI, TAB_IKM = range(5)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._folder: Path | None = None
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Periode:"))
        self.periode = QComboBox()
        self.periode.setObjectName("periode")
        self.periode.setMinimumWidth(220)
        top.addWidget(self.periode)
        top.addStretch(1)
        v.addLayout(top)
        self.tabs = QTabWidget()
        self.export = ExportTab(self)
        self.teks = TeksTab(self)
        self.rtl = RtlTab(self)
        self.realisasi = RealisasiTab(self)
        self.ikm = IkmLaluTab(self)
        self.tabs.addTab(self.export, "Buat dokumen")
        self.tabs.addTab(self.teks, "Teks Laporan")
        self.tabs.addTab(self.rtl, "Rencana Tindak Lanjut")
        self.tabs.addTab(self.realisasi, "Realisasi RTL Lalu")
        self.tabs.addTab(self.ikm, "IKM Tahun Lalu")
        v.addWidget(self.tabs, 1)
        self.periode.currentIndexChanged.connect(self._periode_changed)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        ctx.periodeChanged.connect(self._ctx_periode)
        ctx.setupChanged.connect(self.reload)
        ctx.dataChanged.connect(self._refresh_tab)
        self.reload()

    # shared state -------------------------------------------------------
    def default_folder(self) -> Path:
        """Documents/SKM Desktop (created when the first document is written there or the
        file dialog opens, not merely by showing the page)."""
        if self._folder is None:
            from PySide6.QtCore import QStandardPaths
            d = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            self._folder = (Path(d) if d else Path.home() / "Documents") / "SKM Desktop"
        return self._folder

    def ensure_folder(self, folder: Path) -> None:
        """Create the default output folder when it is the one asked for; other folders are the operator's."""
        if folder == self.default_folder() and not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # reported as a missing folder by the caller

    def set_default_folder(self, folder: Path) -> None:
        self._folder = folder
        self.export.out.clear()
        self.export._suggest_name()

    def periode_id(self) -> int | None:
        return self.periode.currentData()

    def periode_info(self):
        pid = self.periode_id()
        return self._infos.get(pid) if pid is not None else None

    def layanan_items(self) -> list[tuple[int, str]]:
        info = self.periode_info()
        if info is None:
            return []
        with self.ctx.db.read_session() as s:
            return [(l.id, l.nama) for l in survey.layanan_list(s, info.unit_id)]

    def reload(self) -> None:
        from types import SimpleNamespace
        with self.ctx.db.read_session() as s:
            periods = survey.periode_list(s, self.ctx.unit_id)
            self._infos = {p.id: SimpleNamespace(id=p.id, unit_id=p.unit_id, nama=p.nama) for p in periods}
        want = self.periode.currentData() or self.ctx.periode_id
        self.periode.blockSignals(True)
        self.periode.clear()
        for pid, info in self._infos.items():
            self.periode.addItem(info.nama, pid)
        i = self.periode.findData(want)
        self.periode.setCurrentIndex(i if i >= 0 else self.periode.count() - 1)
        self.periode.blockSignals(False)
        self._periode_changed()

    def _ctx_periode(self, pid: int) -> None:
        i = self.periode.findData(pid)
        if i >= 0:
            self.periode.setCurrentIndex(i)

    def _periode_changed(self, *_):
        pid = self.periode_id()
        if pid is not None and pid != self.ctx.periode_id:
            self.ctx.set_periode(pid)  # the window's period selector follows
        self.export.refresh()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        w = self.tabs.currentWidget()
        if w is not self.export and hasattr(w, "refresh"):
            w.refresh()
