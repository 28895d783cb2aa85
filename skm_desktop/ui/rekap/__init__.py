"""The Rekap page (rekap.md): a city or province office's recap of its units.

A year, the city's headline figure, the unit table (sortable, filtered by kelompok and
name), a unit's detail, the check table, charts, and adding packages and summary
sheets. Every figure comes from :class:`~skm_desktop.services.rekap.RekapService`
(``ctx.service(RekapService)``) and is only formatted here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skm_desktop import palette
from skm_desktop.domain import rekap
from skm_desktop.domain.category import KATEGORI
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, persen
from skm_desktop.services.dokumen import DokumenService
from skm_desktop.services.rekap import AddResult, AddSummary, RekapService

from ..berkas.worker import run_in_background
from ..charts import BANDS, KONVERSI_TICKS, Bar, BarChart, HBarChart, LineChart, mutu_bar
from ..context import AppContext
from ..files import choose_file, choose_files, open_document
from ..gaya import peran, set_prop
from ..parts import buddy
from ..widgets import StatusLabel, fill_rows, fit_height, make_label, read_only_table, refill_combo, show_error
from .dialogs import AddSummaryDialog, PengaturanRekapDialog, UnitChoiceDialog
from .model import COL_IKM, COL_MUTU, COL_RANK, COL_UNIT, COLUMNS, UnitFilterProxy, UnitTableModel

FILTERS = "Paket dan ringkasan (*.skm *.xlsx *.xlsm *.csv);;Semua berkas (*)"
HEADLINES = [("Rata-rata IKM unit", rekap.HEADLINE_MEAN), ("Gabungan seluruh responden", rekap.HEADLINE_POOLED)]
HEADLINE_TEXT = {rekap.HEADLINE_MEAN: "rata-rata IKM unit", rekap.HEADLINE_POOLED: "gabungan seluruh responden"}
CEK_TEXT = {
    rekap.CEK_MUTU: "Mutu tidak sesuai IKM",
    rekap.CEK_IKM_UNSUR: "IKM tidak sesuai unsur",
    rekap.CEK_TAHUNAN: "Tahunan ≠ rata-rata periode",
    rekap.CEK_RINGKASAN_DIABAIKAN: "Ringkasan tidak dipakai",
}
TREND_YEARS = 8
UNIT_MIN_W, UNIT_MAX_W = 160, 360  # the unit name column: never narrower; its names want at most this
DETAIL_MIN_W, DETAIL_MAX_W = 180, 460  # the detail pane: what the table leaves, within these pixels
CELL_PAD, HEADER_PAD = 14, 18  # around a cell's text; around a header's text (the sort mark comes on top)
SASARAN_COLOR = QColor(*palette.rgb(palette.CHART_MUTED), 110)
SASARAN_HALF_WIDTH = 0.3  # the sasaran line drawn as a thin band on the trend chart
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _with_menu(b: QPushButton, actions: list[QAction | None]) -> None:
    """``b`` opens a menu of ``actions`` (None: a separator)."""
    menu = QMenu(b)
    for a in actions:
        if a is None:
            menu.addSeparator()
        else:
            menu.addAction(a)
    b.setMenu(menu)


#: the recap documents the page makes: (kind, suffix, menu text)
DOKUMEN = (
    ("rekap", ".pdf", "Laporan rekap (PDF)…"),
    ("rekap", ".xlsx", "Tabel rekap (Excel)…"),
    ("rekap", ".docx", "Laporan rekap (Word)…"),
    ("ekspose", ".pdf", "Ekspose satu halaman (PDF)…"),
)


class RekapPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.svc = ctx.service(RekapService)
        self.opener = None  # tests put a recorder here instead of the system opener
        self.year: rekap.RekapYear | None = None
        self._trend_stale = True
        self._stale = True
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 6)
        lay.addLayout(self._top_row())
        lay.addWidget(self._headline())
        self.message = StatusLabel()
        lay.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("rekapTabs")
        self.tabs.addTab(self._unit_tab(), "Unit")
        self.check_table = read_only_table(
            ["Unit", "Periode", "Jenis", "Tertulis", "Menurut aturan", "Keterangan"], stretch=5, word_wrap=True
        )
        self.check_table.setObjectName("rekapCheckTable")
        self.check_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.check_table, "Pemeriksaan")
        self.tabs.addTab(self._chart_tab(), "Grafik")
        self.belum_table = read_only_table(["Unit", "Kelompok"], stretch=0)
        self.belum_table.setObjectName("rekapBelumTable")
        self.tabs.addTab(self.belum_table, "Belum melapor")
        self.tabs.currentChanged.connect(self._tab_changed)
        lay.addWidget(self.tabs, 1)
        ctx.setupChanged.connect(self._changed)
        ctx.dataChanged.connect(self._changed)

    # ------------------------------------------------------------ building
    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.year_combo = QComboBox()
        row.addWidget(buddy("Ta&hun:", self.year_combo))
        self.year_combo.setObjectName("rekapTahun")
        self.year_combo.setMinimumWidth(90)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.show_year())
        row.addWidget(self.year_combo)
        row.addSpacing(12)
        self.headline_combo = QComboBox()
        row.addWidget(buddy("Angka &utama:", self.headline_combo))
        self.headline_combo.setObjectName("rekapAngkaUtama")
        for text, data in HEADLINES:
            self.headline_combo.addItem(text, data)
        self.headline_combo.activated.connect(self._headline_chosen)
        row.addWidget(self.headline_combo)
        row.addStretch(1)
        self.add_button = QPushButton("&Tambah data")
        self.add_button.setObjectName("rekapTambah")
        self.add_button.setToolTip(
            "Paket .skm dari unit, atau lembar ringkasan (Excel/CSV) untuk unit yang hanya mengirim angka"
        )
        self.add_files_action = QAction("Pilih berkas (.skm, .xlsx, .csv)…", self)
        self.add_files_action.triggered.connect(self.add_files_dialog)
        self.add_folder_action = QAction("Pilih satu folder…", self)
        self.add_folder_action.triggered.connect(self.add_folder_dialog)
        self.template_action = QAction("Unduh templat lembar ringkasan…", self)
        self.template_action.triggered.connect(self.save_template)
        _with_menu(self.add_button, [self.add_files_action, self.add_folder_action, None, self.template_action])
        row.addWidget(self.add_button)
        self.settings_button = QPushButton("Pengaturan re&kap")
        self.settings_button.setObjectName("rekapPengaturan")
        self.settings_action = QAction("Kelompok, target sampel dan sasaran IKM…", self)
        self.settings_action.triggered.connect(self.edit_settings)
        self.teks_action = QAction("Teks laporan rekap dan nama wilayah…", self)
        self.teks_action.triggered.connect(self.edit_teks)
        _with_menu(self.settings_button, [self.settings_action, self.teks_action])
        row.addWidget(self.settings_button)
        self.doc_button = QPushButton("Buat &dokumen")
        self.doc_button.setObjectName("rekapDokumen")
        self.doc_actions = {}
        for kind, suffix, label in DOKUMEN:
            act = QAction(label, self)
            act.triggered.connect(lambda _c=False, k=kind, x=suffix: self.make_document(k, x))
            self.doc_actions[(kind, suffix)] = act
        _with_menu(self.doc_button, list(self.doc_actions.values()))
        row.addWidget(self.doc_button)
        return row

    def _headline(self) -> QFrame:
        box = QFrame()
        box.setObjectName("rekapHeadline")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        self.ikm_label = make_label("–", "angkaBesar")
        self.ikm_label.setMinimumWidth(110)
        self.mutu_label = make_label("–", "mutuBig", align=Qt.AlignmentFlag.AlignCenter)
        self.mutu_label.setFixedSize(56, 48)
        self.title_label = peran(make_label("", "rekapJudul", wrap=True), "judul")
        self.facts_label = peran(make_label("", "rekapFakta", wrap=True), "keterangan")
        grid.addWidget(self.ikm_label, 0, 0, 2, 1)
        grid.addWidget(self.mutu_label, 0, 1, 2, 1)
        grid.addWidget(self.title_label, 0, 2)
        grid.addWidget(self.facts_label, 1, 2)
        grid.setColumnStretch(2, 1)
        return box

    def _unit_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        self.kelompok_combo = QComboBox()
        row.addWidget(buddy("Ke&lompok:", self.kelompok_combo))
        self.kelompok_combo.setObjectName("rekapKelompok")
        self.kelompok_combo.setMinimumWidth(140)
        self.kelompok_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_kelompok(self.kelompok_combo.currentData() or "")
        )
        row.addWidget(self.kelompok_combo)
        row.addSpacing(12)
        self.search = QLineEdit()
        row.addWidget(buddy("&Cari unit:", self.search))
        self.search.setObjectName("rekapCari")
        self.search.setPlaceholderText("ketik sebagian nama unit")
        self.search.setClearButtonEnabled(True)
        row.addWidget(self.search, 1)
        self.count_label = peran(make_label("", "rekapJumlah"), "catatan")
        row.addWidget(self.count_label)
        lay.addLayout(row)

        self.model = UnitTableModel(self)
        self.proxy = UnitFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_search)
        self.proxy.layoutChanged.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        self.view = QTableView()
        self.view.setObjectName("rekapUnitTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "Badan Pengelola … Pontianak Utara"
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        hh.sortIndicatorChanged.connect(lambda _c, _o: self._fit_columns())
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self._unit_w = UNIT_MIN_W
        self.view.viewport().installEventFilter(self)

        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("rekapSplit")
        split.addWidget(self.view)
        split.addWidget(self._detail())
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        self._split_moved = False  # once the operator drags the splitter, it stays where put
        split.splitterMoved.connect(lambda _p, _i: setattr(self, "_split_moved", True))
        split.installEventFilter(self)
        lay.addWidget(split, 1)
        return w

    def _detail(self) -> QWidget:
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(8, 0, 4, 0)
        self.detail_title = peran(make_label("Pilih satu unit di tabel.", "rekapDetailJudul", wrap=True), "subjudul")
        self.detail_source = make_label("", "rekapDetailSumber", wrap=True)
        self.detail_source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.period_table = read_only_table(["Periode", "IKM", "Sumber"], stretch=0)
        self.period_table.setObjectName("rekapDetailPeriode")
        self.unsur_table = read_only_table(["Unsur", "Nilai konversi"], stretch=0)
        self.unsur_table.setObjectName("rekapDetailUnsur")
        self.detail_rtl = make_label("", "rekapDetailRtl", wrap=True)
        self.detail_rtl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.detail_title)
        self.detail_body = QWidget()  # hidden until a unit is chosen: no empty tables
        self.detail_body.setObjectName("rekapDetailIsi")
        outer, lay = lay, QVBoxLayout(self.detail_body)
        lay.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.detail_body)
        lay.addWidget(self.detail_source)
        lay.addWidget(peran(make_label("Periode", wrap=True), "subjudul"))
        lay.addWidget(self.period_table)
        self.period_note = peran(make_label("", "rekapDetailPeriodeCatatan", wrap=True), "catatan")
        lay.addWidget(self.period_note)
        lay.addWidget(peran(make_label("Nilai unsur", wrap=True), "subjudul"))
        lay.addWidget(self.unsur_table)
        self.unsur_note = peran(make_label("", "rekapDetailUnsurCatatan", wrap=True), "catatan")
        lay.addWidget(self.unsur_note)
        lay.addWidget(peran(make_label("Unsur prioritas dan rencana tindak lanjut", wrap=True), "subjudul"))
        lay.addWidget(self.detail_rtl)
        self.detail_body.hide()
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumWidth(DETAIL_MIN_W)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _chart_tab(self) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        self.rank_chart = HBarChart(title="Peringkat IKM unit (skala 25–100)", maximum=100.0, minimum=25.0)
        self.rank_chart.setObjectName("rekapRankChart")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rank_chart)
        self.mutu_chart = BarChart(title="Jumlah unit per mutu", ticks=[])
        self.mutu_chart.setObjectName("rekapMutuChart")
        self.trend_chart = LineChart(title="IKM daerah dari tahun ke tahun, dengan sasaran", ticks=KONVERSI_TICKS)
        self.trend_chart.setObjectName("rekapTrendChart")
        self.trend_note = peran(make_label("", "rekapTrendCatatan", wrap=True), "catatan")
        grid.addWidget(scroll, 0, 0, 3, 1)
        grid.addWidget(self.mutu_chart, 0, 1)
        grid.addWidget(self.trend_chart, 1, 1)
        grid.addWidget(self.trend_note, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        return w

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            if obj is self.view.viewport():
                self._fit_unit_column()
            elif obj is self.split and not self._split_moved:
                self._share_split()
        return super().eventFilter(obj, event)

    def _fit_columns(self) -> None:
        """Every column but the unit's as wide as its widest text and its header (the sorted
        column also holds the sort mark); the unit names take the rest of the table, elided
        (the full name is the cell's tooltip): no column hides behind a scroll bar."""
        cell, head = self.view.fontMetrics(), self.view.horizontalHeader().fontMetrics()
        style = self.view.style()
        mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + style.pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin
        )
        sorted_col = self.view.horizontalHeader().sortIndicatorSection()
        for c, title in enumerate(COLUMNS):
            if c == COL_UNIT:
                continue
            w = max(
                max((cell.horizontalAdvance(t) for t in self.model.column_texts(c)), default=0) + CELL_PAD,
                head.horizontalAdvance(title) + HEADER_PAD + (mark if c == sorted_col else 0),
            )
            self.view.setColumnWidth(c, w)
        names = max((cell.horizontalAdvance(t) for t in self.model.column_texts(COL_UNIT)), default=0)
        self._unit_w = min(max(names + CELL_PAD, UNIT_MIN_W), UNIT_MAX_W)
        self._fit_unit_column()
        if not self._split_moved:
            self._share_split()

    def _others_w(self) -> int:
        hh = self.view.horizontalHeader()
        return hh.length() - hh.sectionSize(COL_UNIT)

    def _fit_unit_column(self) -> None:
        """The unit names take the table's spare width (never less than UNIT_MIN_W)."""
        self.view.setColumnWidth(COL_UNIT, max(UNIT_MIN_W, self.view.viewport().width() - self._others_w()))

    def _share_split(self) -> None:
        """The table as wide as its columns want (unit names up to UNIT_MAX_W), the detail
        pane the rest within DETAIL_MIN_W…DETAIL_MAX_W: at 1366 px the table comes first."""
        total = self.split.width() - self.split.handleWidth()
        if total <= 0:
            return
        bar = self.view.verticalScrollBar().sizeHint().width()
        want = self._others_w() + self._unit_w + bar + 2 * self.view.frameWidth()
        detail = min(max(total - want, DETAIL_MIN_W), DETAIL_MAX_W)
        self.split.setSizes([total - detail, detail])

    # ------------------------------------------------------------ showing
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the years and the chosen year's recap again (after adding or editing)."""
        self._stale = False
        self._trend_stale = True
        try:
            years = self.svc.years()
            chosen = self.svc.headline()
        except DomainError as e:
            self.message.error(str(e))
            return
        self.headline_combo.setCurrentIndex(max(0, self.headline_combo.findData(chosen)))
        refill_combo(self.year_combo, [(str(y), y) for y in years])
        self.show_year()

    def show_year(self) -> None:
        tahun = self.year_combo.currentData()
        self.year = None
        if tahun is not None:
            try:
                self.year = self.svc.summary(int(tahun))
            except DomainError as e:
                self.message.error(str(e))
        self._trend_stale = True
        used = {u.figure.kelompok for u in self.year.units if u.figure.kelompok} if self.year else set()
        order = self.svc.kelompok_list()  # the filter in the list's order, then any not in it
        kelompok = [k for k in order if k in used] + sorted(used - set(order))
        refill_combo(self.kelompok_combo, [("Semua kelompok", ""), *((k, k) for k in kelompok)])
        self.proxy.set_kelompok(self.kelompok_combo.currentData() or "")
        self.model.set_year(self.year)
        self._fit_columns()
        self._show_headline()
        self._show_checks()
        self._show_belum()
        self._show_charts()
        self._show_detail(None)
        if self.tabs.currentIndex() == 2:
            self._show_trend()

    def _show_headline(self) -> None:
        y = self.year
        if y is None:
            self.ikm_label.setText("–")
            self.mutu_label.setText("–")
            set_prop(self.mutu_label, "mutu", "")
            set_prop(self.ikm_label, "mutu", "")
            self.title_label.setText("Rekap daerah belum berisi data")
            self.facts_label.setText(
                "Tambahkan paket .skm dari unit, atau ringkasan hasil (.xlsx/.csv) unit yang hanya mengirim "
                "angkanya, dengan tombol “Tambah data”."
            )
            return
        k = y.kategori
        mutu = k.mutu if k is not None else ""
        self.ikm_label.setText(angka(y.ikm_2dp, 2))
        self.mutu_label.setText(mutu or "–")
        set_prop(self.mutu_label, "mutu", mutu)
        set_prop(self.ikm_label, "mutu", mutu)
        how = HEADLINE_TEXT[y.headline]
        if y.headline != self.headline_combo.currentData():
            how += " — gabungan responden tidak tersedia karena ada unit yang hanya mengirim ringkasan"
        kinerja = f", kinerja {k.kinerja}" if k is not None else ""
        self.title_label.setText(f"IKM tahun {y.tahun}: mutu {mutu or '–'}{kinerja} ({how})")
        tot = y.realisasi_total
        parts = [
            f"{angka(len(y.units))} unit melapor",
            f"{angka(len(y.not_reported))} belum melapor",
            f"responden {angka(y.respondents)}"
            + (
                f" dari target {angka(tot.target)} ({persen(tot.persen, 1)})" if tot.target else " (target belum diisi)"
            ),
        ]
        if y.sasaran is not None:
            s = y.sasaran
            parts.append(
                f"sasaran {angka(s.target, 2)}: "
                + ("tercapai" if s.tercapai else f"belum tercapai ({angka(s.selisih, 2)})")
            )
        if y.checks:
            parts.append(f"{angka(len(y.checks))} catatan pemeriksaan")
        self.facts_label.setText(" · ".join(parts))

    def _show_checks(self) -> None:
        checks = self.year.checks if self.year is not None else ()
        fill_rows(
            self.check_table,
            [[c.unit, c.periode, CEK_TEXT.get(c.kind, c.kind), c.published, c.recomputed, c.message] for c in checks],
        )
        self.tabs.setTabText(1, f"Pemeriksaan ({len(checks)})")

    def _show_belum(self) -> None:
        names = self.year.not_reported if self.year is not None else ()
        kel = {u.nama: u.kelompok for u in self.svc.units()} if names else {}
        fill_rows(self.belum_table, [[n, kel.get(n) or "–"] for n in names])
        self.tabs.setTabText(3, f"Belum melapor ({len(names)})")

    def _show_charts(self) -> None:
        self.rank_chart.set_data(  # the model's values: each unit's figure rounded once, not again here
            [mutu_bar(f"{t[COL_RANK]}. {v[COL_UNIT]}", v[COL_IKM], 2, v[COL_MUTU]) for v, t in self.model.ranked()]
        )
        counts = self.year.mutu_counts if self.year is not None else {}
        top = max([1, *counts.values()])
        self.mutu_chart.set_data(
            [mutu_bar(f"Mutu {m}", counts.get(m, 0), 0, m) for m in "ABCD"],
            ticks=[(0.0, angka(0)), (float(top), angka(top))],
            maximum=float(top),
        )

    def _tab_changed(self, index: int) -> None:
        if index == 2:
            self._show_trend()

    def _show_trend(self) -> None:
        """The city's figure of the last years (one recap each), read when the chart is shown."""
        if not self._trend_stale:
            return
        self._trend_stale = False
        points: list[Bar] = []
        bands = [(float(k.batas_bawah), float(k.batas_atas), BANDS[k.mutu]) for k in KATEGORI]
        notes = []
        try:
            years = sorted(self.svc.years())[-TREND_YEARS:]
            for t in years:
                y = self.year if self.year is not None and self.year.tahun == t else self.svc.summary(t)
                sas = y.sasaran.target if y.sasaran is not None else None
                label = str(t)
                points.append(mutu_bar(label, y.ikm_2dp, 2, None))
                if sas is not None:
                    bands.append((float(sas) - SASARAN_HALF_WIDTH, float(sas) + SASARAN_HALF_WIDTH, SASARAN_COLOR))
                    notes.append(f"{t}: sasaran {angka(sas, 2)}")
        except DomainError as e:
            self.message.error(str(e))
        self.trend_chart.set_data(points, bands=bands)
        self.trend_note.setText(
            "Garis abu-abu: sasaran IKM (" + "; ".join(notes) + ")."
            if notes
            else "Sasaran IKM belum diisi (Pengaturan rekap › Kelompok, target sampel dan sasaran IKM…)."
        )

    def _count(self, *_args) -> None:
        self.count_label.setText(f"{angka(self.proxy.rowCount())} dari {angka(self.model.rowCount())} unit")

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self._show_detail(None)
            return
        self._show_detail(self.model.unit_at(self.proxy.mapToSource(rows[0]).row()))

    def _show_detail(self, u: rekap.RankedUnit | None) -> None:
        if u is None or self.year is None:
            self.detail_title.setText("Pilih satu unit di tabel untuk melihat rinciannya.")
            for w in (self.detail_source, self.detail_rtl, self.period_note):
                w.setText("")
            self.period_table.setRowCount(0)
            self.unsur_table.setRowCount(0)
            self.detail_body.hide()
            return
        self.detail_body.show()
        f = u.figure
        self.detail_title.setText(f"{u.rank}. {f.unit} — IKM {angka(f.ikm_2dp, 2)}, mutu {f.mutu}")
        try:
            if f.source == "paket":
                notes = []
                files = [f"{p}: {b}" for p, b in self.svc.paket_berkas(f.unit, self.year.tahun)]
            else:
                notes = self.svc.sumber_ringkasan(f.unit, self.year.tahun)
                files = [f"{r.periode}: {r.berkas}" for r in notes]
        except DomainError as e:
            files, notes = [str(e)], []
        what = "data responden (paket .skm)" if f.source == "paket" else "ringkasan yang dikirim unit"
        prev = "" if u.previous is None else f" Tahun {self.year.previous_tahun}: {angka(u.previous.ikm_2dp, 2)}."
        self.detail_source.setText(
            f"Kelompok: {f.kelompok or '–'}. Angka tahunan dari {what}, dihitung sebagai {f.metode}.{prev}\n"
            + ("Berkas: " + "; ".join(files) if files else "")
        )
        fill_rows(self.period_table, [[p.periode, angka(p.ikm_2dp, 2), p.source] for p in f.periods], [None, RIGHT])
        fill_rows(self.unsur_table, [[k, angka(v, 2)] for k, v in f.unsur.items()], [None, RIGHT])
        fit_height(self.period_table)
        fit_height(self.unsur_table)
        self.period_table.setVisible(bool(f.periods))
        self.period_note.setText("" if f.periods else "Unit ini hanya mengirim angka tahunan.")
        self.unsur_table.setVisible(bool(f.unsur))
        self.unsur_note.setText("" if f.unsur else "Nilai per unsur tidak dikirim unit ini (atau tidak lengkap).")
        lines = [
            f"{r.periode}: unsur prioritas {r.unsur_prioritas or '–'}; RTL: {r.rtl or '–'}"
            for r in notes
            if r.unsur_prioritas or r.rtl
        ]
        if f.source == "paket":
            lines = ["Rencana tindak lanjut unit ada di laporan unit itu sendiri (paket berisi kuesioner saja)."]
        self.detail_rtl.setText("\n".join(lines) or "Ringkasan unit ini tidak memuat unsur prioritas atau RTL.")

    # ------------------------------------------------------------ actions
    def _headline_chosen(self, _index: int) -> None:
        try:
            self.svc.set_headline(self.headline_combo.currentData())
        except DomainError as e:
            self.message.error(str(e))
            return
        self.reload()

    def add_files_dialog(self) -> None:
        paths = choose_files(
            self, "Tambah paket / ringkasan", "rekap", FILTERS, mode=QFileDialog.FileMode.ExistingFiles
        )
        if paths:
            self.add_paths(paths)

    def add_folder_dialog(self) -> None:
        paths = choose_files(
            self, "Tambah semua berkas dalam folder", "rekap", FILTERS, mode=QFileDialog.FileMode.Directory
        )
        if paths:
            self.add_paths(paths[:1])

    def add_paths(self, paths: list[str]) -> AddSummary | None:
        """Add files and folders in the background, ask about unknown units, show what happened."""
        try:
            files = self.svc.expand_paths(paths)
        except DomainError as e:
            show_error(self, str(e), "Tidak dapat menambahkan")
            return None
        if not files:
            show_error(self, "Folder itu tidak berisi berkas .skm, .xlsx atau .csv.", "Tidak ada berkas")
            return None
        summary = self._run_add(files, None, False)
        if summary is None:
            return None
        for i, r in enumerate(summary.results):
            if r.unknown_units:
                again = self._ask_unit(files[i], r)
                if again is not None:
                    summary.results[i] = again
        AddSummaryDialog(summary, self).exec()
        self.ctx.setupChanged.emit()  # units may have been created: every page (this one too) reads again
        return summary

    def _run_add(self, files: list[Path], unit: str | None, baru: bool) -> AddSummary | None:
        op = self.ctx.operator

        def work(report):
            return self.svc.add_files(files, unit, baru=baru, progress=report, operator=op)

        ok, value = run_in_background(self, "Menambahkan data rekap…", work, with_progress=True)
        if not ok:
            show_error(
                self,
                str(value) if isinstance(value, DomainError) else f"Data tidak dapat ditambahkan: {value}",
                "Tidak dapat menambahkan",
            )
            return None
        return value

    def _ask_unit(self, path: Path, r: AddResult) -> AddResult | None:
        names = [u.nama for u in self.svc.units()]
        dlg = UnitChoiceDialog(r.berkas, r.unknown_units, names, self)
        if not dlg.exec():
            return None
        unit, baru = dlg.choice()
        again = self._run_add([path], unit, baru)
        return again.results[0] if again is not None and again.results else None

    def save_template(self) -> None:
        path = choose_file(
            self, "Simpan templat ringkasan", "rekap_templat", "Excel (*.xlsx);;CSV (*.csv)", "templat-ringkasan.xlsx"
        )
        if not path:
            return
        p = Path(path)  # choose_file gave it the chosen format's suffix
        try:
            self.svc.write_template(p)
        except (DomainError, OSError) as e:
            show_error(self, f"Templat tidak dapat disimpan: {e}")
            return
        self.message.ok(f"Templat ringkasan disimpan: {p}")

    def make_document(self, kind: str, suffix: str) -> Path | None:
        """The recap laporan (PDF or Excel) or the exposé of the chosen year, written in the
        background, then opened (or, when the system cannot, where it is is said)."""
        tahun = self._chosen_year()
        if tahun is None:
            return None
        filters = {".xlsx": "Excel (*.xlsx)", ".docx": "Word (*.docx)"}.get(suffix, "PDF (*.pdf)")
        path = choose_file(self, "Simpan dokumen rekap", "rekap_dokumen", filters, f"{kind}-{tahun}{suffix}")
        if not path:
            return None
        out = Path(path)
        docs = self.ctx.service(DokumenService)
        ok, value = run_in_background(self, "Menyusun dokumen rekap…", lambda: docs.build(kind, out, None, tahun=tahun))
        if not ok:
            show_error(self, f"Dokumen rekap tidak dibuat: {value}")
            return None
        self.message.ok(f"Dokumen rekap tersimpan: {value}")
        open_document(self, Path(value), self.opener)
        return Path(value)

    def _chosen_year(self) -> int | None:
        """The year chosen in the combo; None (and the operator told) when there is none yet."""
        tahun = self.year_combo.currentData()
        if tahun is None:
            show_error(self, "Pilih tahun dahulu; tambahkan data unit bila belum ada tahun.", "Belum ada tahun")
            return None
        return int(tahun)

    def edit_settings(self) -> None:
        tahun = self._chosen_year()
        if tahun is None:
            return
        dlg = self.settings_dialog(tahun)
        dlg.exec()
        if dlg.stored:  # a kelompok list change has already been shown (kelompokChanged)
            self.reload()

    def edit_teks(self) -> None:
        """The recap laporan's wilayah name and texts of the chosen year (ui/rekap/teks.py)."""
        from skm_desktop.services.rekap_dokumen import RekapDokumenService

        from .teks import edit_teks

        tahun = self._chosen_year()
        if tahun is None:
            return
        edit_teks(self.ctx.service(RekapDokumenService), tahun, self)

    def settings_dialog(self, tahun: int) -> PengaturanRekapDialog:
        """The settings dialog of ``tahun``; a change of the kelompok list shows here at once."""
        dlg = PengaturanRekapDialog(self.svc, tahun, self)
        dlg.kelompokChanged.connect(self.reload)
        return dlg


__all__ = ["RekapPage"]
