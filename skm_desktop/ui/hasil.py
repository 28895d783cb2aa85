"""Hasil: IKM per unsur (table and bar chart), the unit's IKM, per jenis
layanan, respondent characteristics, priorities, answer spread and blanks per
unsur, and the trend over the periods of the unit. Every figure comes from
services.results; numbers are formatted by domain.formatting only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skm_desktop import palette
from skm_desktop.domain.category import KATEGORI
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, persen, rentang_tanggal
from skm_desktop.domain.karakteristik import KARAKTERISTIK_FIELDS, KARAKTERISTIK_LABELS, USIA_LABELS
from skm_desktop.services import ServiceError
from skm_desktop.services.results import ResultsService
from skm_desktop.services.tahunan import TahunanService

from .charts import BANDS, KONVERSI_TICKS, Bar, BarChart, HBarChart, LineChart, mutu_bar
from .context import AppContext, Page
from .gaya import peran, set_prop
from .lazy import RefreshWhenShown
from .widgets import fill_rows, fit_height, make_label, read_only_table, refill_combo

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
NRR_TICKS = [(v, angka(v)) for v in (0, 1, 2, 3, 4)]
TAB_UNSUR, TAB_LAYANAN, TAB_KARAKTERISTIK, TAB_SEBARAN, TAB_TREN = range(5)


def make_table(headers: list[str], stretch: int | None = 1) -> QTableWidget:
    return read_only_table(headers, stretch)


def fill_table(t: QTableWidget, rows: list[list[str]], align: list | None = None, bold_last: bool = False) -> None:
    fill_rows(t, rows, align, bold_last)
    fit_height(t)


def fit_width(t: QTableWidget) -> None:
    """At least as wide as its contents, so no label is cut off with '…'."""
    hh = t.horizontalHeader()
    w = sum(max(t.sizeHintForColumn(c), hh.sectionSizeHint(c)) for c in range(t.columnCount()))
    t.setMinimumWidth(w + 2 * t.frameWidth() + 2)


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class Figure(QFrame):
    """A labelled big figure (nilai IKM, mutu…)."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        peran(self.caption, "catatan")
        self.value = QLabel("–")
        self.value.setObjectName("angkaBesar")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)

    def set(self, text: str, mutu: str | None = None) -> None:
        """``mutu`` A-D colours the figure (skm.qss: QLabel#angkaBesar[mutu="A"])."""
        self.value.setText(text)
        set_prop(self.value, "mutu", mutu or "")


def note(text: str, role: str = "catatan") -> QLabel:
    """A word-wrapped explanation under a table or chart, in the style of its ``role``."""
    label = make_label(text, wrap=True)
    peran(label, role)
    return label


def column(*parts: QWidget | QLayout) -> QWidget:
    """A tab's content: ``parts`` one under another, the rest of the height left empty."""
    w = QWidget()
    lay = QVBoxLayout(w)
    for part in parts:
        if isinstance(part, QLayout):
            lay.addLayout(part)
        else:
            lay.addWidget(part)
    lay.addStretch(1)
    return w


class HasilPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "hasilPage", parent)
        self._shown = RefreshWhenShown(self, self.refresh, pending=True)
        self.tahunan = ctx.service(TahunanService)
        self._build()
        ctx.follow(self._reload_filters, self._shown.request)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.heading = QLabel()
        peran(self.heading, "judul")
        self.heading.setWordWrap(True)
        self.layanan_filter = QComboBox()
        self.layanan_filter.setMinimumWidth(260)
        self.layanan_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton("Muat ulang")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        filter_label = QLabel("&Jenis layanan:")
        filter_label.setBuddy(self.layanan_filter)
        top.addWidget(filter_label)
        top.addWidget(self.layanan_filter)
        # a whole year: every respondent of its periods pooled (services.tahunan)
        self.cakupan = QComboBox()
        self.cakupan.setObjectName("cakupanHasil")
        self.cakupan.setMinimumWidth(200)
        self.cakupan.currentIndexChanged.connect(lambda _i: self.refresh())
        cakupan_label = QLabel("&Cakupan:")
        cakupan_label.setBuddy(self.cakupan)
        top.addWidget(cakupan_label)
        top.addWidget(self.cakupan)
        top.addWidget(self.refresh_button)

        self.tabs = QTabWidget()
        self._stale: set[int] = set()
        self._summary_cache = None
        self.tabs.addTab(scrolling(self._build_ringkasan()), "IKM per Unsur")
        self.tabs.addTab(scrolling(self._build_layanan()), "Per Jenis Layanan")
        self.tabs.addTab(scrolling(self._build_karakteristik()), "Karakteristik Responden")
        self.tabs.addTab(scrolling(self._build_sebaran()), "Sebaran Jawaban && Kosong")
        self.tabs.addTab(scrolling(self._build_tren()), "Tren")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.empty = QLabel()
        self.empty.setAlignment(CENTER)
        self.empty.setWordWrap(True)
        self.empty.hide()

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.empty)
        lay.addWidget(self.tabs, 1)

    def _build_ringkasan(self) -> QWidget:
        self.f_responden = Figure("Responden")
        self.f_ikm = Figure("Nilai indeks (IKM tertimbang)")
        self.f_konversi = Figure("Nilai IKM (konversi)")
        self.f_mutu = Figure("Mutu pelayanan")
        self.f_kinerja = Figure("Kinerja unit pelayanan")
        figs = QHBoxLayout()
        for fig in (self.f_responden, self.f_ikm, self.f_konversi, self.f_mutu, self.f_kinerja):
            figs.addWidget(fig)
        self.note = note("", "catatan-penting")
        self.unsur_table = make_table(
            ["Kode", "Unsur", "Terisi", "Kosong", "Σ Nilai", "NRR", "Bobot", "NRR tertimbang", "Konversi", "Mutu"]
        )
        self.unsur_chart = BarChart(title="NRR per unsur (skala 1–4)", ticks=NRR_TICKS)
        self.unsur_chart.setMinimumHeight(240)
        self.prioritas = QLabel()
        self.prioritas.setWordWrap(True)
        self.prioritas.setTextFormat(Qt.TextFormat.RichText)
        self.perlu = QLabel()
        self.perlu.setWordWrap(True)
        self.perlu.setTextFormat(Qt.TextFormat.RichText)
        pbox = QGroupBox("Prioritas perbaikan")
        pl = QVBoxLayout(pbox)
        pl.addWidget(self.prioritas)
        pl.addWidget(self.perlu)
        grid = QGridLayout()
        grid.addWidget(self.unsur_table, 0, 0)
        grid.addWidget(self.unsur_chart, 0, 1)
        grid.addWidget(pbox, 1, 0, 1, 2)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 3)
        return column(figs, self.note, grid)

    def _build_layanan(self) -> QWidget:
        self.layanan_table = make_table(
            ["Jenis layanan", "Responden", "Nilai indeks", "Nilai IKM", "Mutu", "Kinerja"], stretch=0
        )
        self.layanan_chart = HBarChart(title="Nilai IKM per jenis layanan (skala 25–100)", maximum=100.0, minimum=25.0)
        self.layanan_note = note(
            "Tabel ini memuat semua jenis layanan aktif (yang belum memiliki kuesioner "
            "pada periode ini ditandai “–”) dan tidak terpengaruh pilihan jenis layanan "
            "di atas."
        )
        return column(self.layanan_table, self.layanan_note, self.layanan_chart)

    def _build_karakteristik(self) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        self.kar_tables: dict[str, QTableWidget] = {}
        self.kar_charts: dict[str, HBarChart] = {}
        self.kar_notes: dict[str, QLabel] = {}
        for i, field in enumerate(KARAKTERISTIK_FIELDS):
            box = QGroupBox(KARAKTERISTIK_LABELS[field])
            bl = QHBoxLayout(box)
            t = make_table([KARAKTERISTIK_LABELS[field], "Jumlah", "Persentase"], stretch=0)
            chart = HBarChart()
            chart.setMinimumWidth(160)
            tv = QVBoxLayout()
            tv.addWidget(t)
            note = QLabel()
            note.setObjectName(f"catatanPembulatan_{field}")
            note.setWordWrap(True)
            peran(note, "catatan")
            note.hide()
            tv.addWidget(note)
            tv.addStretch(1)
            bl.addLayout(tv, 0)
            bl.addWidget(chart, 1, Qt.AlignmentFlag.AlignTop)
            self.kar_tables[field] = t
            self.kar_notes[field] = note
            self.kar_charts[field] = chart
            grid.addWidget(box, i // 2, i % 2)
        grid.setRowStretch(3, 1)
        return w

    def _build_sebaran(self) -> QWidget:
        self.sebaran_table = make_table(
            ["Kode", "Unsur", "Jawaban 1", "Jawaban 2", "Jawaban 3", "Jawaban 4", "Terisi", "Kosong"]
        )
        self.kosong_chart = BarChart(title="Jawaban kosong per unsur", ticks=[])
        self.kosong_chart.setMinimumHeight(220)
        self.kosong_note = note(
            "Jawaban kosong tidak ikut dihitung pada NRR unsur tersebut saja; "
            "unsur lain dari kuesioner yang sama tetap dihitung."
        )
        return column(self.sebaran_table, self.kosong_note, self.kosong_chart)

    def _build_tren(self) -> QWidget:
        self.tren_chart = LineChart(title="Nilai IKM (konversi) dari waktu ke waktu", ticks=KONVERSI_TICKS)
        self.tren_chart.setMinimumHeight(260)
        self.tren_table = make_table(["Periode", "Nilai IKM", "Mutu", "Responden", "Sumber angka"], stretch=0)
        self.tren_note = note(
            "Angka tahun yang diketik manual ditandai “diketik manual”; periode lain dihitung "
            "dari kuesioner di basis data ini. Tren selalu untuk seluruh unit."
        )
        return column(self.tren_chart, self.tren_table, self.tren_note)

    # ------------------------------------------------------------ data
    def layanan_id(self) -> int | None:
        return self.layanan_filter.currentData()

    def _reload_filters(self) -> None:
        layanan: list[tuple[str, object]] = [("Semua jenis layanan", None)]
        cakupan: list[tuple[str, object]] = [("Periode terpilih", None)]
        if self.ctx.unit_id is not None:
            for lay in self.ctx.setup.layanan_rows(self.ctx.unit_id, with_counts=False):
                layanan.append((lay.nama if lay.aktif else f"{lay.nama} (nonaktif)", lay.id))
            cakupan += [(f"Tahun {y} (gabungan)", y) for y in self.tahunan.years(self.ctx.unit_id)]
        refill_combo(self.layanan_filter, layanan)
        refill_combo(self.cakupan, cakupan)
        self._shown.request()

    def tahun(self) -> int | None:
        """The year chosen in Cakupan, None for the period of the window's selector."""
        return self.cakupan.currentData()

    def refresh(self) -> None:
        """Recompute the heading and the visible tab; the other tabs are
        recomputed when they are opened (a tally over 50.000 questionnaires
        takes a noticeable fraction of a second, so nothing is computed twice
        or in vain)."""
        self._shown.pending = False
        self._stale = set(range(self.tabs.count()))
        self._summary_cache = None
        pid = self.ctx.periode_id
        if pid is None or self.ctx.unit_id is None:
            self._show_empty("Belum ada periode survei. Buat periode di Pengaturan.")
            return
        lid = self.layanan_id()
        if self.tahun() is not None:
            self._refresh_tahun(self.tahun(), lid)
            return
        found = self.ctx.setup.get_periode(pid)
        if found is None:
            self._show_empty("Periode yang dipilih tidak ditemukan.")
            return
        unit_nama, p = found
        title = f"{unit_nama} — {p.nama}"
        dates = rentang_tanggal(p.tanggal_mulai, p.tanggal_selesai)
        self.empty.hide()
        self.tabs.show()
        sel = self.layanan_filter.currentText() if lid is not None else "semua jenis layanan"
        self.heading.setText(f"{title}\n{dates} · {sel}")
        self._fill_current()

    def _refresh_tahun(self, tahun: int, lid: int | None) -> None:
        """The heading of a pooled year: its label and each period's own IKM beside it."""
        try:
            th = self.tahunan.tahunan(self.ctx.unit_id, tahun, lid)
        except DomainError as e:  # e.g. the periods' unsur sets differ: said, nothing pooled
            self._show_empty(str(e))
            return
        self._summary_cache = th.summary
        parts = "; ".join(
            f"{nama}: {angka(sm.respondents)} responden, IKM {angka(sm.ikm_konversi_2dp, 2)}" for nama, sm in th.parts
        )
        sel = self.layanan_filter.currentText() if lid is not None else "semua jenis layanan"
        self.empty.hide()
        self.tabs.show()
        self.heading.setText(f"{th.label} — gabungan seluruh responden · {sel}\nPer periode: {parts}")
        self._fill_current()

    def _tab_changed(self, _index: int) -> None:
        if not self._shown.pending:
            self._fill_current()

    def _fill_current(self) -> None:
        i = self.tabs.currentIndex()
        if i not in self._stale or self.ctx.periode_id is None:
            return
        self._stale.discard(i)
        pid, lid = self.ctx.periode_id, self.layanan_id()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            hasil = self.ctx.service(ResultsService)
            if i in (TAB_UNSUR, TAB_SEBARAN):
                if self._summary_cache is None:
                    self._summary_cache = hasil.summary(pid, lid)
                (self._fill_ringkasan if i == TAB_UNSUR else self._fill_sebaran)(self._summary_cache)
            elif i == TAB_LAYANAN and self.tahun() is not None:
                self._fill_layanan(self.tahunan.per_layanan(self.ctx.unit_id, self.tahun()))
            elif i == TAB_LAYANAN:
                self._fill_layanan(hasil.per_layanan(pid))
            elif i == TAB_KARAKTERISTIK and self.tahun() is not None:
                self._fill_karakteristik(self.tahunan.karakteristik(self.ctx.unit_id, self.tahun(), lid))
            elif i == TAB_KARAKTERISTIK:
                self._fill_karakteristik(hasil.karakteristik(pid, lid))
            elif i == TAB_TREN:
                self._fill_tren(hasil.trend(self.ctx.unit_id))
        except (ServiceError, DomainError) as e:  # e.g. the period was deleted by another program meanwhile
            self._stale.add(i)
            self._show_empty(str(e))
        finally:
            QApplication.restoreOverrideCursor()

    def _show_empty(self, text: str) -> None:
        self.heading.setText("Hasil survei")
        self.empty.setText(text)
        self.empty.show()
        self.tabs.hide()

    def _fill_ringkasan(self, sm) -> None:
        self.f_responden.set(angka(sm.respondents))
        self.f_ikm.set(angka(sm.ikm, 3))
        self.f_konversi.set(angka(sm.ikm_konversi_2dp, 2))
        self.f_mutu.set(sm.mutu or "–", sm.mutu)
        self.f_kinerja.set(sm.kinerja or "–", sm.mutu)
        notes = [
            f"Bobot: {sm.unsur_set.mode.label}. Semua nilai dihitung dengan presisi penuh dan hanya "
            "dibulatkan untuk ditampilkan, sehingga jumlah atau hasil kali angka yang tampak dapat "
            "berbeda pada digit terakhir."
        ]
        if sm.respondents == 0:
            notes.append("Belum ada kuesioner pada pilihan ini.")
        if sm.tanpa_jawaban and sm.respondents:
            kode = ", ".join(r.kode for r in sm.tanpa_jawaban)
            notes.append(
                f"Unsur {kode} belum dijawab siapa pun sehingga tidak memiliki NRR dan tidak ikut "
                "dihitung; bobot unsur lain disesuaikan."
            )
        self.note.setText(" ".join(notes))
        rows = []
        bars = []
        for r in sm.unsur:
            w = r.weight_used if r.weight_used is not None else r.weight
            rows.append(
                [
                    r.kode,
                    r.unsur.nama,
                    angka(r.answered),
                    angka(r.blank),
                    angka(r.total),
                    angka(r.nrr, 3),
                    angka(w, 3),
                    angka(r.nrr_tertimbang, 3),
                    angka(r.konversi_2dp, 2),
                    r.mutu or "–",
                ]
            )
            bars.append(mutu_bar(r.kode, r.nrr, 3, r.mutu, f"{r.kode} {r.unsur.nama}: {angka(r.nrr, 3)}"))
        rows.append(
            [
                "",
                "IKM",
                angka(sm.respondents),
                "",
                "",
                "",
                "",
                angka(sm.ikm, 3),
                angka(sm.ikm_konversi_2dp, 2),
                sm.mutu or "–",
            ]
        )
        fill_table(
            self.unsur_table,
            rows,
            [CENTER, None, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, CENTER],
            bold_last=True,
        )
        self.unsur_chart.set_data(bars)
        if sm.prioritas:
            items = "".join(
                f"<li>{r.kode} {r.unsur.nama} — NRR {angka(r.nrr, 3)} ({angka(r.konversi_2dp, 2)}, mutu {r.mutu})</li>"
                for r in sm.prioritas
            )
            self.prioritas.setText(
                f"<b>{len(sm.prioritas)} unsur dengan nilai terendah</b> "
                f"(prioritas rencana tindak lanjut):<ol>{items}</ol>"
            )
        else:
            self.prioritas.setText("Belum ada unsur yang bernilai.")
        if sm.perlu_ditingkatkan:
            items = ", ".join(f"{r.kode} {r.unsur.nama} ({r.mutu})" for r in sm.perlu_ditingkatkan)
            self.perlu.setText(f"<b>Unsur bermutu C atau D (perlu ditingkatkan):</b> {items}")
        else:
            self.perlu.setText("<b>Unsur bermutu C atau D (perlu ditingkatkan):</b> tidak ada.")

    def _fill_layanan(self, per_lay) -> None:
        rows = []
        bars = []
        by_name = dict(per_lay)
        names = [
            lay.nama
            for lay in self.ctx.setup.layanan_rows(self.ctx.unit_id, with_counts=False)
            if lay.aktif or lay.nama in by_name
        ]
        names += [n for n in by_name if n not in names]
        # every active layanan in list order; one without questionnaires in the period shows "–"
        # (a deactivated one only while it still has questionnaires here)
        for nama in names:
            sm = by_name.get(nama)
            if sm is None:
                rows.append([nama, angka(0), "–", "–", "–", "–"])
                bars.append(Bar(nama, None, "–"))
                continue
            rows.append(
                [
                    nama,
                    angka(sm.respondents),
                    angka(sm.ikm, 3),
                    angka(sm.ikm_konversi_2dp, 2),
                    sm.mutu or "–",
                    sm.kinerja or "–",
                ]
            )
            bars.append(mutu_bar(nama, sm.ikm_konversi_2dp, 2, sm.mutu))
        if not rows:
            rows.append(["Belum ada jenis layanan", "", "", "", "", ""])
        fill_table(self.layanan_table, rows, [None, RIGHT, RIGHT, RIGHT, CENTER, None])
        self.layanan_chart.set_data(bars)

    def _fill_karakteristik(self, kar) -> None:
        for field in KARAKTERISTIK_FIELDS:
            dist = kar[field]
            label = (lambda x: USIA_LABELS.get(x, x)) if field == "usia" else (lambda x: x)
            rows = [[label(r.label), angka(r.count), persen(r.percent)] for r in dist.rows]
            rows.append(["Jumlah", angka(dist.total), persen(dist.jumlah_persen)])
            fill_table(self.kar_tables[field], rows, [None, RIGHT, RIGHT], bold_last=True)
            fit_width(self.kar_tables[field])
            self.kar_notes[field].setText(dist.catatan_pembulatan)
            self.kar_notes[field].setVisible(bool(dist.catatan_pembulatan))
            # scaled to the largest share so that small groups stay visible
            self.kar_charts[field].set_data(
                [Bar(label(r.label), float(r.percent), persen(r.percent)) for r in dist.rows]
            )

    def _fill_sebaran(self, sm) -> None:
        rows = []
        bars = []
        for r in sm.unsur:
            rows.append([r.kode, r.unsur.nama, *(angka(c) for c in r.counts), angka(r.answered), angka(r.blank)])
            bars.append(Bar(r.kode, float(r.blank), angka(r.blank), QColor(palette.CHART_BLANK)))
        fill_table(self.sebaran_table, rows, [CENTER, None] + [RIGHT] * 6)
        top = max([r.blank for r in sm.unsur] + [1])
        self.kosong_chart.set_data(bars, ticks=[(0.0, angka(0)), (float(top), angka(top))], maximum=float(top))

    def _fill_tren(self, points) -> None:
        rows = []
        bars = []
        for pt in points:
            rows.append(
                [
                    pt.label,
                    angka(pt.ikm_konversi_2dp, 2),
                    pt.mutu or "–",
                    angka(pt.respondents) if pt.respondents is not None else "–",
                    "diketik manual" if pt.manual else "dihitung dari kuesioner",
                ]
            )
            bars.append(mutu_bar(pt.label, pt.ikm_konversi_2dp, 2, pt.mutu))
        fill_table(self.tren_table, rows, [None, RIGHT, CENTER, RIGHT, None])
        bands = [(float(k.batas_bawah), float(k.batas_atas), BANDS[k.mutu]) for k in KATEGORI]
        self.tren_chart.set_data(bars, bands=bands)
