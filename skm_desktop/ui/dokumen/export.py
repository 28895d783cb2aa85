"""Buat dokumen: choose kind, layanan and file; the export runs in a background
thread with a progress bar and the file opens when done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import tanggal
from skm_desktop.domain.tanggal import FORMAT_EDIT_QT
from skm_desktop.services import dokumen as svc
from skm_desktop.ui.files import open_document
from skm_desktop.ui.gaya import peran
from skm_desktop.ui.parts import tuned
from skm_desktop.ui.widgets import StatusLabel, refill_combo

from .common import ALL_LAYANAN, safe_filename
from .pemeriksaan import PemeriksaanDialog

if TYPE_CHECKING:
    from .page import DokumenPage

FORMAT_LABELS = {".pdf": "PDF", ".xlsx": "Excel (XLSX, rumus hidup)", ".docx": "Word (DOCX, untuk disunting)"}
FORMAT_FILTERS = {".pdf": "PDF (*.pdf)", ".xlsx": "Excel (*.xlsx)", ".docx": "Dokumen Word (*.docx)"}
FORMAT_HINTS = {
    ".docx": "Versi Word dapat disunting. Daftar isi, tabel, dan gambar beserta nomor halamannya diperbarui "
    "saat berkas dibuka di Word (jawab Ya/Yes); di LibreOffice Writer: menu Perkakas › Mutakhirkan › "
    "Mutakhirkan Semua (Tools › Update › Update All)."
}


# ---------------------------------------------------------------- background export
class ExportWorker(QObject):
    """Runs DokumenService.build in a QThread; results come back as queued signals on the GUI thread."""

    progress = Signal(int, str)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, service: svc.DokumenService, kind: str, out: Path, **options) -> None:
        """``options``: periode_id, layanan_id, lampiran, tahun, unit_id of DokumenService.build."""
        super().__init__()
        self.service, self.kind, self.out, self.options = service, kind, out, options

    @Slot()
    def run(self) -> None:
        try:
            path = self.service.build(
                self.kind, self.out, progress=lambda pct, msg: self.progress.emit(int(pct), msg), **self.options
            )
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

    def __init__(self, page: DokumenPage) -> None:
        super().__init__()
        self.page = page
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.check: PemeriksaanDialog | None = None  # the pre-flight dialog while it is open
        self.opener = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("jenisDokumen")
        for k in svc.KINDS:
            self.kind.addItem(svc.KIND_LABELS[k], k)
        self.cakupan = QComboBox()
        self.cakupan.setObjectName("cakupan")
        self.cakupan.setToolTip(
            "Periode terpilih, atau satu tahun penuh: seluruh responden periode-periode tahun itu "
            "dihitung bersama (laporan dan publikasi tahunan)."
        )
        self.layanan = tuned(QComboBox(), "layanan")
        self.format = tuned(QComboBox(), "format")
        self.lampiran = tuned(
            QComboBox(),
            "lampiranOlahData",
            tip="Lampiran olah data: setiap responden (tata letak ringkas mendatar untuk unit besar), "
            "atau hanya tabel per unsur dengan rujukan ke berkas Excel olah data.",
        )
        for key, label in svc.LAMPIRAN_LABELS.items():
            self.lampiran.addItem(label, key)
        out_row = QHBoxLayout()
        self.out = tuned(QLineEdit(), "berkasTujuan", placeholder="Folder dan nama berkas tujuan")
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
        self.tanggal.setToolTip(
            "Tanggal penandatanganan laporan dan publikasi; bulan penyusunan laporan pada "
            "jadwal BAB II mengikuti tanggal ini."
        )
        self.save_tanggal = QPushButton("Simpan tanggal")
        self.save_tanggal.setObjectName("simpanTanggal")
        self.save_tanggal.clicked.connect(self._save_tanggal)
        self.tanggal_asal = QLabel()
        peran(self.tanggal_asal, "catatan")
        date_row.addWidget(self.tanggal)
        date_row.addWidget(self.save_tanggal)
        date_row.addWidget(self.tanggal_asal, 1)
        form.addRow("Dokumen:", self.kind)
        form.addRow("Cakupan:", self.cakupan)
        form.addRow("Jenis layanan:", self.layanan)
        form.addRow("Format:", self.format)
        form.addRow("Lampiran olah data:", self.lampiran)
        form.addRow("Tanggal laporan:", date_row)
        form.addRow("Simpan ke:", out_row)
        form.addRow("", self.open_after)
        v.addLayout(form)
        self._kind_hint = ""
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        peran(self.hint, "catatan")
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
        self.format.currentIndexChanged.connect(self._format_changed)
        self.format.currentIndexChanged.connect(self._lampiran_enabled)
        self.cakupan.currentIndexChanged.connect(self._kind_changed)
        self.layanan.currentIndexChanged.connect(self._suggest_name)
        self._kind_changed()

    # ------------------------------------------------------------------
    def refresh(self) -> None:
        refill_combo(self.layanan, [(ALL_LAYANAN, None)] + [(nama, lid) for lid, nama in self.page.layanan_items()])
        info = self.page.periode_info()
        years = self.page.service.years(info.unit_id) if info else []
        refill_combo(self.cakupan, [("Periode terpilih", None)] + [(f"Tahun {y} (gabungan)", y) for y in years])
        self._load_tanggal()
        self._kind_changed()

    def _load_tanggal(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        tl = self.page.service.tanggal_laporan(info.unit_id, info.id)
        d, asal = tl.tanggal, tl.asal
        if d is not None:
            self.tanggal.setDate(QDate(d.year, d.month, d.day))
        self.tanggal_asal.setText(
            f"bawaan: {svc.HARI_PELAPORAN} hari setelah pengumpulan data selesai"
            if asal == "bawaan"
            else "diubah operator"
        )

    def _save_tanggal(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        q = self.tanggal.date()
        text = tanggal(dt.date(q.year(), q.month(), q.day()))
        try:
            self.page.service.simpan_teks(info.unit_id, info.id, "tanggal_laporan", text)
        except DomainError as e:
            self.status.error(str(e))
            return
        self._load_tanggal()
        self.status.ok(f"Tanggal laporan {text} tersimpan (juga bulan penyusunan laporan pada jadwal).")

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        tahunan = self.cakupan.currentData() is not None
        if tahunan and kind not in svc.TAHUN_KINDS:  # a year: the laporan or the publikasi
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData("laporan"))
            self.kind.blockSignals(False)
            kind = "laporan"
        for k in svc.KINDS:  # the per-period documents cannot be chosen for a year
            item = self.kind.model().item(self.kind.findData(k))
            item.setEnabled(not tahunan or k in svc.TAHUN_KINDS)
        choices = svc.formats(kind)
        current = self.format.currentData()
        self.format.blockSignals(True)
        self.format.clear()
        for suffix in choices:
            self.format.addItem(FORMAT_LABELS[suffix], suffix)
        self.format.setCurrentIndex(max(0, self.format.findData(current)))
        self.format.blockSignals(False)
        self.format.setEnabled(len(choices) > 1)
        self._lampiran_enabled()
        self._kind_hint = {
            "laporan": "Laporan lengkap A4: sampul, kata pengantar, daftar isi/tabel/gambar, BAB I–V, "
            "lampiran kuesioner, olah data, dan realisasi RTL. Teks dapat diubah di tab Teks Laporan.",
            "publikasi": "Satu halaman A4 untuk papan pengumuman dan situs web: nilai IKM, mutu, kinerja, "
            "NRR per unsur, unsur yang perlu ditingkatkan beserta RTL-nya.",
            "olah-data": "Tabel per responden dengan Σ, NRR, NRR tertimbang, dan IKM. Versi Excel memakai rumus, "
            "sehingga koreksi jawaban langsung memperbarui hasilnya.",
            "kuesioner": "Kuesioner kosong siap cetak dari set unsur periode ini, dengan kolom nomor kuesioner.",
        }[kind] + (
            f" Cakupan tahun {self.cakupan.currentData()}: seluruh responden semua periode tahun itu dihitung "
            "bersama (bukan rata-rata IKM periode), IKM setiap periode ditampilkan sebagai pembanding, dan "
            "lampiran olah data berupa tabel per unsur (tabel per responden ada di Excel olah data tiap periode)."
            if tahunan
            else ""
        )
        self._format_changed()

    def _format_changed(self, *_) -> None:
        extra = FORMAT_HINTS.get(self._suffix())
        self.hint.setText(self._kind_hint + (" " + extra if extra else ""))
        self._suggest_name()

    def _lampiran_enabled(self) -> None:
        """The olah-data lampiran choice applies to the laporan and to the olah-data PDF."""
        kind = self.kind.currentData()
        per_periode = self.cakupan.currentData() is None  # a year's laporan has the per-unsur lampiran
        self.lampiran.setEnabled(
            per_periode and (kind == "laporan" or (kind == "olah-data" and self._suffix() == ".pdf"))
        )

    def lampiran_choice(self) -> str | None:
        return self.lampiran.currentData() if self.lampiran.isEnabled() else None

    def _suffix(self) -> str:
        return self.format.currentData() or ".pdf"

    def _suggest_name(self) -> None:
        """Propose a file name in the user's documents folder (kept when the operator typed a folder)."""
        info = self.page.periode_info()
        if info is None:
            return
        kind = self.kind.currentData()
        lay = self.layanan.currentText() if self.layanan.currentData() is not None else ""
        tahun = self.cakupan.currentData()
        scope = info.nama if tahun is None else f"Tahun {tahun}"
        name = safe_filename("-".join(x for x in (kind, scope, lay) if x)) + self._suffix()
        cur = self.out.text().strip()
        folder = Path(cur).parent if cur else self.page.default_folder()
        self.out.setText(str(folder / name))

    def _pick(self) -> None:
        flt = FORMAT_FILTERS[self._suffix()]
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
        if self.thread is not None or self.check is not None:
            return
        kind, lay = self.kind.currentData(), self.layanan.currentData()
        try:
            temuan = self.page.service.periksa(kind, pid, lay)
        except DomainError as e:
            self.status.error(str(e))
            return
        if not temuan:
            self._run(kind, out, pid, lay)
            return
        # window-modal and asynchronous: the export goes on (or not) when the dialog closes
        self.check = PemeriksaanDialog(svc.KIND_LABELS[kind], temuan, self)
        self.check.finished.connect(lambda _r, args=(kind, out, pid, lay): self._checked(*args))
        self.check.open()

    def _checked(self, kind: str, out: Path, pid: int, lay: int | None) -> None:
        dlg, self.check = self.check, None
        if dlg is None:
            return
        dlg.deleteLater()
        if dlg.tujuan is not None:
            self.page.open_tujuan(dlg.tujuan)
        elif dlg.result() == QDialog.DialogCode.Accepted:
            self._run(kind, out, pid, lay)

    def _run(self, kind: str, out: Path, pid: int, lay: int | None) -> None:
        self.button.setEnabled(False)
        self.bar.setValue(0)
        self.bar.show()
        self.thread = QThread(self)
        info = self.page.periode_info()
        self.worker = ExportWorker(
            self.page.service,
            kind,
            out,
            periode_id=pid,
            layanan_id=lay,
            lampiran=self.lampiran_choice(),
            tahun=self.cakupan.currentData(),
            unit_id=info.unit_id if info else None,
        )
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
            open_document(self, Path(path), lambda p: self.opener(str(p)))
        self.done.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.bar.hide()
        self.status.error(message)
        self.error.emit(message)
