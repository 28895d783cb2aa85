"""Verifikasi entri ganda: start verifying a paper batch or a random sample,
key the forms again BLIND (the first entry is never shown), then review the
mismatches field by field and resolve each against the paper. A second tab
shows the per-operator statistics and the period's error estimate, printable
to PDF. Every figure comes from services.verifikasi; numbers are formatted by
domain.formatting only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skm_desktop import palette
from skm_desktop.domain.formatting import angka, tanggal
from skm_desktop.domain.kualitas import KOLOM_OPERATOR
from skm_desktop.services import ServiceError, audit
from skm_desktop.services import verifikasi as vf
from skm_desktop.ui.context import AppContext, Page
from skm_desktop.ui.files import choose_file, suffixed
from skm_desktop.ui.gaya import peran, status
from skm_desktop.ui.lazy import RefreshWhenShown
from skm_desktop.ui.parts import button, hrow, tuned
from skm_desktop.ui.widgets import fill_rows, make_label

from . import common
from .blind_form import BlindForm
from .common import RIGHT, make_table

PDF_FILTER = "PDF (*.pdf)"
STATUS_COLORS = {
    vf.STATUS_SELESAI: QColor(palette.CELL_DONE),
    vf.STATUS_SEDANG: QColor(palette.CELL_BUSY),
    vf.STATUS_BELUM: QColor(palette.CELL_PLAIN),
}


# ---------------------------------------------------------------- page
class VerifikasiPage(Page):
    #: emitted after the page reloaded its lists (tests listen)
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "verifikasiPage", parent)
        self.job_id: int | None = None
        self.item: vf.BlindItem | None = None
        self.batches: list[vf.BatchStatus] = []
        self.open_jobs: list[vf.JobInfo] = []
        self.diffs: list[vf.Selisih] = []
        self._build()
        # keying emits dataChanged after every questionnaire: refresh only the list, only when looked at
        self._shown = RefreshWhenShown(self, self._refresh_listing)
        ctx.follow(self.show_overview, self._shown.request)

    @property
    def service(self) -> vf.VerifikasiService:
        """The verification service bound to the open database (the page never holds a Session)."""
        return self.ctx.service(vf.VerifikasiService)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.stack.addWidget(self._build_overview())
        self.stack.addWidget(self._build_keying())
        self.stack.addWidget(self._build_review())

    def _build_overview(self) -> QWidget:
        self.tabs = QTabWidget()
        # -- tab 1: start / continue
        page = QWidget()
        v = QVBoxLayout(page)
        self.operator_edit = tuned(QLineEdit(), "operatorVerifikasi", placeholder="nama operator kedua", width=220)
        top = hrow(QLabel("Operator verifikasi:"), self.operator_edit)
        note = make_label(
            "Sebaiknya orang lain dari yang mengetik pertama. Isian entri pertama tidak ditampilkan.", wrap=True
        )
        top.addWidget(peran(note, "catatan"), 1)
        v.addLayout(top)
        row = QHBoxLayout()
        g1 = QGroupBox("Status bundel kertas")
        l1 = QVBoxLayout(g1)
        self.batch_table = make_table(["Bundel", "Kuesioner", "Terverifikasi", "Status"], stretch=3)
        self.batch_table.setObjectName("batchTable")
        l1.addWidget(self.batch_table)
        self.start_batch_btn = button("Verifikasi bundel terpilih", self.start_batch)
        l1.addWidget(self.start_batch_btn)
        row.addWidget(g1, 3)
        right = QVBoxLayout()
        g2 = QGroupBox("Sampel acak")
        l2 = QHBoxLayout(g2)
        l2.addWidget(QLabel("Verifikasi"))
        self.persen_spin = QSpinBox()
        self.persen_spin.setRange(1, 100)
        self.persen_spin.setValue(10)
        self.persen_spin.setSuffix(" %")
        l2.addWidget(self.persen_spin)
        l2.addWidget(QLabel("kuesioner kertas yang belum diverifikasi"))
        l2.addStretch(1)
        self.start_sample_btn = button("Mulai sampel", self.start_sample)
        l2.addWidget(self.start_sample_btn)
        right.addWidget(g2)
        g3 = QGroupBox("Daftar verifikasi periode ini")
        l3 = QVBoxLayout(g3)
        self.jobs_table = make_table(
            ["Verifikasi", "Operator", "Diketik", "Selisih", "Belum dicocokkan", "Keadaan"], stretch=5
        )
        self.jobs_table.itemSelectionChanged.connect(self._job_selected)
        self.jobs_table.doubleClicked.connect(lambda _i: self.continue_job())
        self.jobs_table.setObjectName("jobsTable")
        l3.addWidget(self.jobs_table)
        self.continue_btn = button("Buka / lanjutkan", self.continue_job)
        self.cancel_btn = button("Batalkan verifikasi", self.cancel_job)
        l3.addLayout(hrow(self.continue_btn, self.cancel_btn, None))
        right.addWidget(g3, 1)
        self.share_label = make_label(name="shareLabel", wrap=True)
        right.addWidget(self.share_label)
        row.addLayout(right, 4)
        v.addLayout(row, 1)
        self.tabs.addTab(page, "Bundel dan Sampel")
        # -- tab 2: statistics
        stat = QWidget()
        sv = QVBoxLayout(stat)
        self.stat_table = make_table(list(KOLOM_OPERATOR), stretch=0)
        self.stat_table.setObjectName("statTable")
        sv.addWidget(self.stat_table, 1)
        explain = QLabel(
            "Selisih: isian yang berbeda antara entri pertama dan kedua. Kesalahan: selisih yang "
            "setelah dicocokkan dengan kertas ternyata salah ketik oleh operator itu."
        )
        explain.setWordWrap(True)
        peran(explain, "catatan")
        sv.addWidget(explain)
        g = QGroupBox("Perkiraan kesalahan data periode ini")
        gl = QVBoxLayout(g)
        self.estimate_label = make_label(name="estimateLabel", wrap=True)
        self.estimate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        gl.addWidget(self.estimate_label)
        sv.addWidget(g)
        self.pdf_btn = button("Cetak ke PDF…", self.print_pdf)
        sv.addLayout(hrow(None, self.pdf_btn))
        self.tabs.addTab(stat, "Kinerja Operator")
        return self.tabs

    def _build_keying(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.key_title = QLabel()
        self.key_title.setObjectName("keyTitle")
        f = self.key_title.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        self.key_title.setFont(f)
        v.addWidget(self.key_title)
        self.key_sub = QLabel()
        peran(self.key_sub, "keterangan")
        v.addWidget(self.key_sub)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        v.addWidget(line)
        self.form = BlindForm()
        self.form.submitted.connect(self.save_item)
        v.addWidget(self.form, 1)
        self.key_status = make_label(name="keyStatus", wrap=True)
        v.addWidget(self.key_status)
        self.back_btn = button("Kembali ke daftar", self.show_overview)
        self.skip_btn = button("Lewati (kertas tidak ada)", self.skip_item)
        self.save_btn = button("Simpan dan lanjut (Enter)", self.save_item, name="simpanEntriKedua")
        v.addLayout(hrow(self.back_btn, self.skip_btn, None, self.save_btn))
        return w

    def _build_review(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.review_title = QLabel()
        f = self.review_title.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        self.review_title.setFont(f)
        v.addWidget(self.review_title)
        hint = QLabel(
            "Ambil kertas kuesionernya, lalu pilih nilai yang sesuai kertas: tombol 1 = entri pertama, "
            "2 = entri kedua, 3 = nilai lain (ketik di kotak di bawah). Pilihan dicatat di jejak audit."
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.diff_table = make_table(
            [
                "No. kuesioner",
                "Bundel/posisi",
                "Isian",
                "Entri pertama",
                "Entri kedua",
                "Sesuai kertas",
                "Dicocokkan oleh",
            ],
            stretch=5,
        )
        self.diff_table.setObjectName("diffTable")
        self.diff_table.installEventFilter(self)
        self.diff_table.itemSelectionChanged.connect(self._diff_selected)
        v.addWidget(self.diff_table, 1)
        self.pick1_btn = button("1  Pakai entri pertama", lambda: self.resolve("pertama"))
        self.pick2_btn = button("2  Pakai entri kedua", lambda: self.resolve("kedua"))
        self.other_edit = tuned(QLineEdit(), "nilaiLain", placeholder="nilai lain sesuai kertas", width=200)
        self.other_edit.returnPressed.connect(lambda: self.resolve("lain"))
        self.pick3_btn = button("3  Pakai nilai lain", lambda: self.resolve("lain"))
        v.addLayout(hrow(self.pick1_btn, self.pick2_btn, self.other_edit, self.pick3_btn, None))
        self.review_status = make_label(name="reviewStatus", wrap=True)
        v.addWidget(self.review_status)
        v.addLayout(hrow(button("Kembali ke daftar", self.show_overview), None))
        return w

    # ------------------------------------------------------------ overview
    def _refresh_listing(self) -> None:
        if self.stack.currentIndex() == 0:  # never pulls the operator out of keying or review
            self.show_overview()

    def show_overview(self) -> None:
        self.stack.setCurrentIndex(0)
        if not self.operator_edit.text().strip():
            self.operator_edit.setText(self.ctx.operator or "")
        pid = self.ctx.periode_id
        if pid is None:
            self.batches, self.open_jobs = [], []
            fill_rows(self.batch_table, [])
            fill_rows(self.jobs_table, [])
            self.share_label.setText("Belum ada periode survei.")
            self.refreshed.emit()
            return
        view = self.service.ikhtisar(pid)
        self.batches, self.open_jobs = view.bundel, view.jobs
        share, stats = view.share, view.operator
        fill_rows(
            self.batch_table,
            [[b.label, angka(b.n_kuesioner), angka(b.n_terverifikasi), b.status] for b in self.batches],
            [None, RIGHT, RIGHT, None],
        )
        for r, b in enumerate(self.batches):
            for c in range(4):
                self.batch_table.item(r, c).setBackground(STATUS_COLORS[b.status])
        if self.batches and not self.batch_table.selectedItems():
            first = next((i for i, b in enumerate(self.batches) if b.status == vf.STATUS_BELUM), 0)
            self.batch_table.selectRow(first)
        fill_rows(
            self.jobs_table,
            [
                [
                    j.label,
                    j.operator,
                    f"{angka(j.n_diketik)} dari {angka(j.n_item)}",
                    angka(j.n_selisih),
                    angka(j.n_selisih_terbuka),
                    "berjalan" if j.selesai is None else f"selesai {tanggal(audit.waktu_lokal(j.selesai).date())}",
                ]
                for j in self.open_jobs
            ],
            [None, None, RIGHT, RIGHT, RIGHT, None],
        )
        if self.open_jobs:
            self.jobs_table.selectRow(0)
        self._job_selected()
        self.start_batch_btn.setEnabled(bool(self.batches))
        self.share_label.setText(share.kalimat())
        fill_rows(
            self.stat_table,
            [r.baris() for r in stats],
            [None] + [RIGHT] * 8,
        )
        self.estimate_label.setText("\n".join(view.ringkasan))
        self.refreshed.emit()

    def _operator(self) -> str | None:
        name = self.operator_edit.text().strip()
        if not name:
            common.message(self, "Operator belum diisi", "Isi nama operator verifikasi dulu.")
            self.operator_edit.setFocus()
            return None
        return name

    def start_batch(self) -> None:
        rows = self.batch_table.selectionModel().selectedRows()
        if not rows or self.ctx.periode_id is None:
            common.message(self, "Pilih bundel", "Pilih dulu bundel yang akan diverifikasi.")
            return
        b = self.batches[rows[0].row()]
        op = self._operator()
        if op is None:
            return
        if b.job_id is not None:
            self.open_job(b.job_id)
            return
        try:
            job = self.service.mulai_batch(self.ctx.periode_id, b.batch, op)
        except ServiceError as e:
            common.message(self, "Verifikasi tidak dapat dimulai", str(e))
            return
        self.open_job(job)

    def start_sample(self) -> None:
        if self.ctx.periode_id is None:
            return
        op = self._operator()
        if op is None:
            return
        try:
            job = self.service.mulai_sampel(self.ctx.periode_id, self.persen_spin.value(), op)
        except ServiceError as e:
            common.message(self, "Sampel tidak dapat dimulai", str(e))
            return
        self.open_job(job)

    def _selected_job(self) -> vf.JobInfo | None:
        rows = self.jobs_table.selectionModel().selectedRows()
        return self.open_jobs[rows[0].row()] if rows else None

    def _job_selected(self) -> None:
        j = self._selected_job()
        self.continue_btn.setEnabled(j is not None)
        self.cancel_btn.setEnabled(j is not None and j.selesai is None)

    def continue_job(self) -> None:
        j = self._selected_job()
        if j is not None:
            self.open_job(j.id)

    def cancel_job(self) -> None:
        j = self._selected_job()
        if j is None or not common.confirm(
            self,
            "Batalkan verifikasi",
            f"Batalkan {j.label}? Entri kedua yang sudah diketik ikut dibuang.",
            "Batalkan verifikasi",
        ):
            return
        try:
            self.service.batalkan(j.id)
        except ServiceError as e:
            common.message(self, "Tidak dapat dibatalkan", str(e))
        self.show_overview()

    # ------------------------------------------------------------ keying
    def open_job(self, job_id: int) -> None:
        self.job_id = job_id
        info, fields = self.service.isian(job_id)
        if info.semua_diketik:
            self.show_review()
            return
        self.form.set_fields(fields)
        self.stack.setCurrentIndex(1)
        self._next_item()

    def _next_item(self) -> None:
        info, self.item = self.service.berikutnya(self.job_id)
        if self.item is None:
            self.show_review()
            return
        it = self.item
        self.key_title.setText(f"Ketik ulang kuesioner no. {it.no_kuesioner}")
        where = "" if info.jenis == "batch" else f" · bundel {it.batch or vf.TANPA_BATCH}"
        where += f" · posisi {it.posisi} dalam bundel" if it.posisi else ""
        self.key_sub.setText(
            f"{info.label} · kuesioner {angka(it.urutan)} dari {angka(it.total)}{where} · "
            f"operator {info.operator}. Ketik persis seperti tertulis di kertas."
        )
        if it.operator_sama:
            status(self.key_status, "peringatan")
            self.key_status.setText(
                "Perhatian: kuesioner ini dulu diketik oleh operator yang sama. "
                "Verifikasi oleh orang lain lebih dapat dipercaya."
            )
        else:
            self.key_status.setText("")
        self.form.reset()

    def save_item(self) -> None:
        if self.item is None or self.stack.currentIndex() != 1:
            return
        try:
            self.service.simpan_entri_kedua(
                self.item.item_id, self.form.values(), self.form.keys, self.form.elapsed_ms()
            )
        except ServiceError as e:
            status(self.key_status, "salah")
            self.key_status.setText(str(e))
            text = str(e)
            for f in self.form.fields:
                if text.startswith(f"Isian {f.label}:"):
                    self.form.focus_field(f.key)
                    break
            return
        self._next_item()

    def skip_item(self) -> None:
        if self.item is None:
            return
        if not common.confirm(
            self, "Lewati kuesioner", f"Keluarkan kuesioner no. {self.item.no_kuesioner} dari verifikasi ini?", "Lewati"
        ):
            return
        try:
            self.service.lewati(self.item.item_id)
        except ServiceError as e:
            common.message(self, "Tidak dapat dilewati", str(e))
            return
        self._next_item()

    # ------------------------------------------------------------ review
    def show_review(self) -> None:
        self.stack.setCurrentIndex(2)
        self._load_diffs()
        self.diff_table.setFocus()

    def _load_diffs(self, select_row: int = 0) -> None:
        view = self.service.daftar_selisih(self.job_id)
        info, self.diffs, where = view.job, view.selisih, view.tempat
        rows = []
        for d in self.diffs:
            rows.append(
                [
                    str(d.no_kuesioner),
                    where[d.item_id],
                    d.label,
                    f"{d.tampil('1')}  ({d.operator_1 or 'tanpa nama'})",
                    f"{d.tampil('2')}  ({d.operator_2 or 'tanpa nama'})",
                    (d.tampil("final") + f"  — {vf.PILIHAN[d.pilihan].lower()}") if d.selesai else "belum dipilih",
                    d.operator if d.selesai else "",
                ]
            )
        fill_rows(self.diff_table, rows, [RIGHT, None, None, None, None, None, None])
        bold = QFont()
        bold.setBold(True)
        for r, d in enumerate(self.diffs):
            if not d.selesai:
                self.diff_table.item(r, 5).setForeground(QColor(palette.TEXT_ERROR))
            else:
                for c in range(7):
                    self.diff_table.item(r, c).setBackground(QColor(palette.CELL_DONE))
        n_open = sum(1 for d in self.diffs if not d.selesai)
        self.review_title.setText(f"Selisih {info.label}: {angka(len(self.diffs))} isian berbeda")
        if not self.diffs:
            text = (
                f"Tidak ada selisih: {angka(info.n_diketik)} kuesioner diketik ulang sama persis. "
                "Data sudah terverifikasi."
            )
        elif n_open:
            text = f"{angka(n_open)} selisih belum dicocokkan dengan kertas."
        else:
            text = "Semua selisih sudah dicocokkan; data tersimpan sudah dibetulkan sesuai kertas."
        status(self.review_status, "salah" if n_open else "baik")
        self.review_status.setText(text)
        for b in (self.pick1_btn, self.pick2_btn, self.pick3_btn, self.other_edit):
            b.setEnabled(bool(n_open))
        if self.diffs:
            target = next(
                (i for i in range(select_row, len(self.diffs)) if not self.diffs[i].selesai),
                next((i for i, d in enumerate(self.diffs) if not d.selesai), select_row),
            )
            self.diff_table.selectRow(min(target, len(self.diffs) - 1))

    def _diff_selected(self) -> None:
        d = self._current_diff()
        self.other_edit.clear()
        if d is not None:
            self.other_edit.setPlaceholderText(f"{d.label} sesuai kertas")

    def _current_diff(self) -> vf.Selisih | None:
        rows = self.diff_table.selectionModel().selectedRows()
        return self.diffs[rows[0].row()] if rows and rows[0].row() < len(self.diffs) else None

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if obj is self.diff_table and ev.type() == QEvent.Type.KeyPress:
            key = ev.text()
            if key in ("1", "2"):
                self.resolve("pertama" if key == "1" else "kedua")
                return True
            if key == "3":
                self.other_edit.setFocus()
                return True
        return super().eventFilter(obj, ev)

    def resolve(self, pilihan: str) -> None:
        d = self._current_diff()
        if d is None:
            return
        if d.selesai:
            self.review_status.setText(f"Selisih no. {d.no_kuesioner} ({d.label}) sudah dicocokkan.")
            return
        # an empty "nilai lain" means the paper is blank there
        other = self.other_edit.text() if pilihan == "lain" else None
        row = self.diffs.index(d)
        try:
            self.service.selesaikan(d.id, pilihan, self.operator_edit.text().strip() or self.ctx.operator, other)
        except ServiceError as e:
            status(self.review_status, "salah")
            self.review_status.setText(str(e))
            return
        self._load_diffs(row + 1)
        self.diff_table.setFocus()
        self.ctx.dataChanged.emit()

    # ------------------------------------------------------------ printing
    def print_pdf(self, path: str | None = None) -> Path | None:
        if self.ctx.periode_id is None:
            return None
        path = path or choose_file(self, "Simpan kinerja operator", "kinerja", PDF_FILTER, "kinerja-operator.pdf")
        if not path:
            return None
        path = str(suffixed(path, PDF_FILTER))
        try:
            out = self.service.cetak_statistik_pdf(self.ctx.periode_id, path)
        except (ServiceError, OSError) as e:
            common.message(self, "PDF tidak dapat disimpan", f"Berkas {path} tidak dapat ditulis: {e}")
            return None
        common.file_written(self, "PDF tersimpan", "Kinerja operator tersimpan sebagai PDF.", Path(out))
        return out
