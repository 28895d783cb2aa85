"""The live results panel beside the grid: IKM, konversi, mutu and kinerja,
the priority unsur, respondents vs. target, and the codes of the field under
the cursor. Every figure comes from the engine's Summary; this only formats."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from skm_desktop.domain import formatting as fmt
from skm_desktop.domain.sample import Progress
from skm_desktop.domain.scoring import Summary
from skm_desktop.ui.widgets import make_label

from ..gaya import set_prop

PANEL_WIDTH = 262
NAME_CHARS = 19  # unsur names in the priority list are shortened to one line


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


class _Label(QLabel):
    """A label that skips the relayout when the text did not change (every keystroke refreshes)."""

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)


def _label(text: str = "", name: str | None = None, wrap: bool = False) -> QLabel:
    lb = make_label(text, name, wrap, cls=_Label)
    lb.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return lb


class LiveResultsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("livePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(PANEL_WIDTH - 16)
        v = QVBoxLayout(self)
        v.setContentsMargins(10, 8, 10, 8)
        v.setSpacing(4)

        v.addWidget(_label("Hasil sementara", "panelTitle"))
        box = QGridLayout()
        box.setHorizontalSpacing(8)
        box.setVerticalSpacing(0)
        self.ikm_konversi = _label("–", "ikmBig")
        self.mutu = _label("–", "mutuBig")
        self.mutu.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mutu.setFixedSize(52, 52)
        self.kinerja = _label("", "kinerja")
        self.ikm = _label("", "small")
        box.addWidget(self.ikm_konversi, 0, 0)
        box.addWidget(self.mutu, 0, 1, 2, 1, Qt.AlignmentFlag.AlignRight)
        box.addWidget(self.kinerja, 1, 0)
        v.addLayout(box)
        v.addWidget(self.ikm)

        self.responden = _label("", wrap=True)
        v.addWidget(self.responden)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setFixedHeight(16)
        v.addWidget(self.bar)
        self.per_layanan = _label("", "small", wrap=True)
        v.addWidget(self.per_layanan)

        v.addWidget(_label("Prioritas perbaikan (NRR terendah)", "section", wrap=True))
        self.prioritas = _label("–", wrap=True)
        v.addWidget(self.prioritas)
        self.perlu = _label("", "small", wrap=True)
        v.addWidget(self.perlu)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("sep")
        v.addWidget(line)
        # the codes of the field under the cursor; fixed-size so that a new text never
        # relayouts the page (the cursor moves on every keystroke)
        self.legend_title = _label("", "section", wrap=True)
        v.addWidget(self.legend_title)
        self.legend = _label("", "legend", wrap=True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        v.addWidget(self.legend, 1)
        self._legends: list[tuple[str, str]] = []
        self._mutu = None

    # ------------------------------------------------------------ figures
    def show_summary(
        self, sm: Summary, progress: list[Progress], in_progress: bool, layanan: str | None = None
    ) -> None:
        """``layanan``: the jenis layanan of the questionnaire being keyed (its progress is shown)."""
        if sm.ikm is None:
            self.ikm_konversi.setText("–")
            self.mutu.setText("–")
            self._set_mutu_color(None)
            self.kinerja.setText("Belum ada jawaban")
            self.ikm.setText("")
        else:
            self.ikm_konversi.setText(fmt.angka(sm.ikm_konversi_2dp, 2))
            self.mutu.setText(sm.mutu)
            self._set_mutu_color(sm.mutu)
            self.kinerja.setText(f"IKM konversi · {sm.kinerja}")
            self.ikm.setText(f"Nilai indeks {fmt.angka(sm.ikm, 3)} · bobot {sm.unsur_set.mode.value}")
        total = progress[-1] if progress else None
        extra = " (1 sedang diketik)" if in_progress else ""
        self.responden.setText(f"Responden: {fmt.angka(sm.respondents)}{extra}")
        if total is not None:
            self.bar.setRange(0, max(1, total.target))
            self.bar.setValue(min(total.collected, max(1, total.target)))
            self.bar.setFormat(f"{fmt.angka(total.collected)} dari target {fmt.angka(total.target)} tersimpan")
            self.bar.show()
            mine = [p for p in progress[:-1] if p.label == layanan]
            if mine:
                p = mine[0]
                self.per_layanan.setText(
                    f"{p.label}: {fmt.angka(p.collected)} dari target "
                    f"{fmt.angka(p.target)}" + (" ✓ tercapai" if p.reached else "")
                )
            else:
                self.per_layanan.setText(
                    f"Target per layanan tercapai: {sum(p.reached for p in progress[:-1])} dari {len(progress) - 1}"
                )
            self.per_layanan.show()
        else:
            self.bar.hide()
            self.per_layanan.setText("Target sampel belum ditetapkan (Pengaturan).")
            self.per_layanan.show()
        if sm.ikm is None:
            self.prioritas.setText("–")
            self.perlu.setText("")
        else:
            self.prioritas.setText(
                "\n".join(f"{r.kode}  {fmt.angka(r.nrr, 3)}  {_short(r.unsur.nama)}" for r in sm.prioritas)
            )
            self.prioritas.setToolTip(
                "\n".join(f"{r.kode} {r.unsur.nama}: NRR {fmt.angka(r.nrr, 3)}" for r in sm.prioritas)
            )
            perlu = sm.perlu_ditingkatkan
            self.perlu.setText(
                "Perlu ditingkatkan (mutu C/D): " + (", ".join(r.kode for r in perlu) if perlu else "tidak ada")
            )
        if sm.tanpa_jawaban:
            self.perlu.setText(
                self.perlu.text()
                + "\nBelum ada jawaban: "
                + ", ".join(r.kode for r in sm.tanpa_jawaban)
                + " (tidak dihitung)"
            )

    def _set_mutu_color(self, mutu: str | None) -> None:
        if mutu != self._mutu:  # restyling is costly: only when the category changes
            self._mutu = mutu
            set_prop(self.mutu, "mutu", mutu or "")  # skm.qss: QLabel#mutuBig[mutu="A"]

    def set_legends(self, legends: list[tuple[str, str]]) -> None:
        """(title, rich text) for every grid column, in column order."""
        self._legends = list(legends)

    def show_legend(self, column: int) -> None:
        if 0 <= column < len(self._legends):
            title, html = self._legends[column]
            self.legend_title.setText(title)
            self.legend.setText(html)

    def legend_text(self) -> str:
        return f"{self.legend_title.text()} {self.legend.text()}"
