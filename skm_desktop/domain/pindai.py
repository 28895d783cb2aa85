"""Scanned paper forms, the pure part: the machine-readable code printed on every
sheet (form number, period, layout fingerprint, checked by a CRC) and the rule that
turns the darkness of a field's boxes into a value, a blank, or "ragu" (review).

The code is a row of cells, each either solid black (1) or empty (0), read by the
same sampler as the answer boxes: no QR decoder needed. A CRC-8 over the other bits
detects every misread of up to three cells, and a cell that is neither clearly
black nor clearly white makes the whole code unreadable: a misread is refused,
never turned into a wrong number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DomainError
from .respondent import PAPER_NO_MAX

NO_BITS = 17  # 2**17 = 131,072 > PAPER_NO_MAX
PERIODE_BITS = 16
LAYOUT_BITS = 8
CRC_BITS = 8
CODE_BITS = NO_BITS + PERIODE_BITS + LAYOUT_BITS + CRC_BITS
PERIODE_MAX = 2**PERIODE_BITS - 1

# darkness of a code cell (0 = paper, 1 = black): printed cells are solid black
CELL_ONE = 0.55
CELL_ZERO = 0.25

# a box of an answer: `mean` darkness of its inside, `ink` share of its pixels dark enough to be ink
INK_MARKED = 0.10  # a tick, a cross or a filled box covers at least this share of the inside
INK_SUSPECT = 0.025  # a few ink pixels: a stray or faint mark
MEAN_SUSPECT = 0.035  # a grey smudge (an erasure) darkens the whole inside a little

RAGU = "ragu"


def crc8(bits: Sequence[int]) -> int:
    """CRC-8 (polynomial 0x07) of a bit sequence, most significant first."""
    crc = 0
    for b in bits:
        top = (crc >> 7) & 1
        crc = (crc << 1) & 0xFF
        if top ^ (b & 1):
            crc ^= 0x07
    return crc


def _bits(value: int, n: int) -> list[int]:
    return [(value >> (n - 1 - i)) & 1 for i in range(n)]


def _value(bits: Sequence[int]) -> int:
    v = 0
    for b in bits:
        v = (v << 1) | b
    return v


def encode(no: int, periode: int, layout: int) -> list[int]:
    """The cells of the code of form ``no`` of period ``periode`` printed with layout fingerprint ``layout``."""
    if not 1 <= no <= PAPER_NO_MAX:
        raise DomainError(f"nomor kuesioner {no} harus 1 sampai {PAPER_NO_MAX}")
    if not 1 <= periode <= PERIODE_MAX:
        raise DomainError(f"kode periode {periode} harus 1 sampai {PERIODE_MAX}")
    body = _bits(no, NO_BITS) + _bits(periode, PERIODE_BITS) + _bits(layout & 0xFF, LAYOUT_BITS)
    return body + _bits(crc8(body), CRC_BITS)


@dataclass(frozen=True)
class Code:
    no: int
    periode: int
    layout: int


def decode(darkness: Sequence[float]) -> Code | None:
    """The code read from the darkness of its cells, or None when any cell is unclear,
    the CRC does not match, or the number is out of range."""
    if len(darkness) != CODE_BITS:
        return None
    bits = []
    for d in darkness:
        if d >= CELL_ONE:
            bits.append(1)
        elif d <= CELL_ZERO:
            bits.append(0)
        else:
            return None
    body, crc = bits[:-CRC_BITS], bits[-CRC_BITS:]
    if crc8(body) != _value(crc):
        return None
    no = _value(body[:NO_BITS])
    periode = _value(body[NO_BITS : NO_BITS + PERIODE_BITS])
    layout = _value(body[NO_BITS + PERIODE_BITS :])
    if not 1 <= no <= PAPER_NO_MAX or periode < 1:
        return None
    return Code(no, periode, layout)


@dataclass(frozen=True)
class Keputusan:
    """What one field says: ``value`` (None = blank), or ``ragu`` True (never guessed)."""

    value: str | None
    ragu: bool
    confidence: float  # 0..1: how far the field is from the nearest other decision


def decide(values: Sequence[str], mean: Sequence[float], ink: Sequence[float]) -> Keputusan:
    """One field from its boxes: exactly one clear mark and nothing else -> that value; no trace in
    any box -> blank; two marks, a faint mark or a grey smudge -> ragu."""
    marked = [i for i, x in enumerate(ink) if x >= INK_MARKED]
    suspect = [i for i in range(len(values)) if i not in marked and (ink[i] >= INK_SUSPECT or mean[i] >= MEAN_SUSPECT)]
    if len(marked) == 1 and not suspect:
        i = marked[0]
        others = max([max(ink[j] / INK_SUSPECT, mean[j] / MEAN_SUSPECT) for j in range(len(values)) if j != i] or [0])
        conf = min(1.0, (ink[i] - INK_MARKED) / INK_MARKED + 0.5) * (1 - min(others, 1.0))
        return Keputusan(values[i], False, round(max(conf, 0.0), 3))
    if not marked and not suspect:
        worst = max([max(ink[j] / INK_SUSPECT, mean[j] / MEAN_SUSPECT) for j in range(len(values))] or [0])
        return Keputusan(None, False, round(1 - min(worst, 1.0), 3))
    return Keputusan(None, True, 0.0)


def fingerprint(data: bytes) -> int:
    """An 8-bit fingerprint of a layout (its boxes as JSON): a form printed with other choice lists is refused."""
    return crc8([(byte >> (7 - k)) & 1 for byte in data for k in range(8)])


COPIES_MAX = 2000


@dataclass(frozen=True)
class Cetakan:
    """A print run of scannable sheets: ``jumlah`` sheets of period ``periode`` numbered from
    ``mulai``. Checked when made: the codes printed on every sheet must fit the marks."""

    periode: int
    jumlah: int = 1
    mulai: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.jumlah <= COPIES_MAX:
            raise DomainError(f"Jumlah salinan {self.jumlah} harus 1 sampai {COPIES_MAX}.")
        if not 1 <= self.mulai <= PAPER_NO_MAX:
            raise DomainError(f"Nomor awal {self.mulai} harus 1 sampai {PAPER_NO_MAX}.")
        if self.terakhir > PAPER_NO_MAX:
            raise DomainError(
                f"Nomor terakhir {self.terakhir} melewati batas nomor kertas {PAPER_NO_MAX}; kurangi salinan."
            )
        if not 1 <= self.periode <= PERIODE_MAX:
            raise DomainError(
                f"Kode periode {self.periode} terlalu besar untuk kuesioner pindai (paling besar {PERIODE_MAX})."
            )

    @property
    def terakhir(self) -> int:
        """The last sheet's number."""
        return self.mulai + self.jumlah - 1

    @property
    def nomor(self) -> range:
        """Every sheet's number, in print order."""
        return range(self.mulai, self.terakhir + 1)
