"""What a key does in each kind of cell of the entry grid — without Qt.

The grid turns a key press into a plain character (or a name such as
``"backspace"``) and asks the cell's :class:`Field` what to do; the field
answers with an :data:`Action` (Edit, Confirm, Commit or Refuse), which the
grid applies.

The rules themselves are the domain's: answers go through
:func:`domain.scoring.parse_answer`, numbers through
:func:`domain.respondent.parse_no_kuesioner`, dates through
:mod:`domain.tanggal`, ages through :func:`domain.karakteristik.parse_usia`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from skm_desktop.domain import formatting as fmt
from skm_desktop.domain import tanggal
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.karakteristik import parse_usia
from skm_desktop.domain.respondent import PAPER_NO_MAX, parse_no_kuesioner
from skm_desktop.domain.scoring import parse_answer

BLANK_KEYS = (" ", "-", "0")  # a blank answer or choice ("kosong")
DIGITS = "0123456789"  # ASCII only: "²".isdigit() is true, int("²") is not a number
DATE_CHARS = DIGITS + "/-."
DATE_MAX = 10  # 14/12/2024
PAPER_NO_DIGITS = len(str(PAPER_NO_MAX))
SARAN_MAX = 2000  # characters of one saran keyed in the grid


@dataclass(frozen=True)
class Edit:
    """Keep typing: the cell now shows ``text`` (not stored yet)."""

    text: str


@dataclass(frozen=True)
class Confirm:
    """The typing is complete: ``text`` is to be confirmed now (the usia field does this
    by itself after two digits)."""

    text: str


@dataclass(frozen=True)
class Commit:
    """Store ``value`` in the cell and move on."""

    value: object


@dataclass(frozen=True)
class Refuse:
    """Beep and show ``message``; nothing changes."""

    message: str


Action = Edit | Confirm | Commit | Refuse


class Field:
    """A cell kind. ``buffered`` fields collect typed text until it is confirmed."""

    buffered = False

    def __init__(self, label: str) -> None:
        self.label = label  # names the field in messages, e.g. "Usia (tahun)"

    def key(self, ch: str, buf: str | None) -> Action:  # pragma: no cover - overridden
        raise NotImplementedError

    def confirm(self, text: str, base: dt.date | None = None) -> Commit | Refuse:
        """The value of the typed ``text`` (buffered fields)."""
        return Commit(text)

    def backspace(self, buf: str) -> Edit:
        return Edit(buf[:-1])

    def clear(self) -> Commit | Refuse:
        """The Delete key: empty the cell."""
        return Commit(None)

    def _refused(self, e: DomainError) -> Refuse:
        return Refuse(f"{self.label}: {e}.")


class AnswerField(Field):
    """An unsur: 1–4 or a–d store at once; Spasi, - or 0 store a blank."""

    def key(self, ch: str, buf: str | None) -> Action:
        if ch in BLANK_KEYS:
            return Commit(None)
        try:
            return Commit(parse_answer(ch))
        except DomainError:
            return Refuse(f"Jawaban {self.label}: tekan 1–4 atau a–d; kosong: Spasi, - atau 0.")


class ChoiceField(Field):
    """Jenis layanan, jenis kelamin, pendidikan, pekerjaan: the one-key codes."""

    def __init__(self, label: str, choices: Sequence) -> None:  # choices: services.entry.Choice
        super().__init__(label)
        self.by_code = {c.kode: c.label for c in choices}

    def key(self, ch: str, buf: str | None) -> Action:
        if ch in BLANK_KEYS:
            return Commit(None)
        label = self.by_code.get(ch.upper())
        if label is None:
            return Refuse(f"Kode {self.label.lower()} '{ch}' tidak ada; lihat daftar kode.")
        return Commit(label)


class TypedField(Field):
    """Typed as text, stored on Enter: characters of ``CHARS`` (None: any) up to ``MAX`` of
    them; blank text is :meth:`blank`, other text :meth:`commit` (a DomainError from the
    domain's parser is refused with the field's label)."""

    buffered = True
    CHARS: str | None = None
    MAX = 0

    def key(self, ch: str, buf: str | None) -> Action:
        cur = buf or ""
        if self.CHARS is not None and ch not in self.CHARS:
            return Refuse(self.wrong_key())
        if len(cur) >= self.MAX:
            return Refuse(self.too_long())
        return Edit(cur + ch)

    def confirm(self, text: str, base: dt.date | None = None) -> Commit | Refuse:
        if not text.strip():
            return self.blank()
        try:
            return self.commit(text, base)
        except DomainError as e:
            return self._refused(e)

    def wrong_key(self) -> str:
        return self.too_long()

    def too_long(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def blank(self) -> Commit | Refuse:
        return Commit(None)

    def commit(self, text: str, base: dt.date | None) -> Commit | Refuse:  # pragma: no cover - overridden
        raise NotImplementedError


class UsiaField(TypedField):
    """Two digits confirm by themselves, except 10–12, which may still become 100–129."""

    def key(self, ch: str, buf: str | None) -> Action:
        cur = buf or ""
        if ch in (" ", "-") and not cur:
            return Commit(None)
        if ch in DIGITS:
            cur += ch
            if len(cur) >= 3 or (len(cur) == 2 and not (cur[0] == "1" and cur[1] in "012")):
                return Confirm(cur)
            return Edit(cur)
        return Refuse("Usia: ketik angka tahun; kosong: Spasi.")

    def commit(self, text: str, base: dt.date | None) -> Commit | Refuse:
        return Commit(parse_usia(text))


class NumberField(TypedField):
    """The questionnaire number on the paper: digits up to PAPER_NO_MAX, then Enter."""

    CHARS = DIGITS
    MAX = PAPER_NO_DIGITS

    def wrong_key(self) -> str:
        return "Nomor kuesioner: ketik angka saja."

    def too_long(self) -> str:
        return f"Nomor kuesioner di kertas paling besar {fmt.angka(PAPER_NO_MAX)} ({PAPER_NO_DIGITS} angka)."

    def blank(self) -> Commit | Refuse:
        return Refuse("Nomor kuesioner wajib diisi.")

    def commit(self, text: str, base: dt.date | None) -> Commit | Refuse:
        no = parse_no_kuesioner(text)
        if no > PAPER_NO_MAX:
            return Refuse(
                f"Nomor kuesioner {fmt.angka(no)} terlalu besar; nomor di kertas paling besar "
                f"{fmt.angka(PAPER_NO_MAX)}."
            )
        return Commit(no)

    def live(self, buf: str) -> int | None:
        """The number being typed (for the duplicate warning while typing), or None."""
        return int(buf) if buf and all(c in DIGITS for c in buf) else None

    def clear(self) -> Commit | Refuse:
        return Refuse("Nomor kuesioner tidak boleh kosong.")


class DateField(TypedField):
    """Tanggal: the keypad forms of :mod:`domain.tanggal`, then Enter."""

    CHARS = DATE_CHARS
    MAX = DATE_MAX

    def too_long(self) -> str:
        return "Tanggal: ketik angka, mis. 14122024."

    def commit(self, text: str, base: dt.date | None) -> Commit | Refuse:
        return Commit(tanggal.parse(text, base))


class TextField(TypedField):
    """Saran: free text, then Enter."""

    MAX = SARAN_MAX

    def too_long(self) -> str:
        return f"Saran paling panjang {fmt.angka(SARAN_MAX)} huruf."

    def blank(self) -> Commit | Refuse:
        return Commit("")

    def commit(self, text: str, base: dt.date | None) -> Commit | Refuse:
        return Commit(text.strip())

    def clear(self) -> Commit | Refuse:
        return Commit("")


def field_for(kind: str, label: str, choices: Sequence = ()) -> Field:
    """The handler of a grid column of ``kind`` (see ui/entry/columns.py)."""
    if kind == "unsur":
        return AnswerField(label)
    if kind == "choice":
        return ChoiceField(label, choices)
    if kind == "usia":
        return UsiaField(label)
    if kind == "no":
        return NumberField(label)
    if kind == "tanggal":
        return DateField(label)
    if kind == "saran":
        return TextField(label)
    raise ValueError(f"unknown column kind {kind!r}")
