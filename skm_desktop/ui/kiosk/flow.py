"""The kiosk's flow without Qt: which screen comes next, the unfinished answers,
too-fast and double taps, the long press, the idle countdown and the response
handed to the service.

Everything here takes its time from an injected ``clock`` (milliseconds,
monotonic), so tests drive it with a fake clock and no widget. The widgets
(:mod:`.screens`, :mod:`.window`) only render a :class:`Step` and forward taps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from skm_desktop.services import ServiceError
from skm_desktop.services import kiosk as ks

Clock = Callable[[], float]

CHARACTERISTICS = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")


class Screen(str, Enum):
    WELCOME = "welcome"
    LAYANAN = "layanan"
    CHAR = "char"
    UNSUR = "unsur"
    SARAN = "saran"
    CONFIRM = "confirm"
    THANKS = "thanks"
    FAILED = "gagal"


#: screens without a respondent's unfinished answers: no idle countdown there
RESTING = frozenset({Screen.WELCOME, Screen.THANKS, Screen.FAILED})


@dataclass(frozen=True)
class Step:
    screen: Screen
    #: the characteristic asked (CHAR) or the unsur's index (UNSUR)
    char: str | None = None
    index: int | None = None

    @property
    def name(self) -> str:
        """``welcome``, ``char:usia``, ``unsur:3``… (stable names for logs and tests)."""
        if self.screen is Screen.CHAR:
            return f"char:{self.char}"
        if self.screen is Screen.UNSUR:
            return f"unsur:{self.index}"
        return self.screen.value


WELCOME, THANKS, FAILED = Step(Screen.WELCOME), Step(Screen.THANKS), Step(Screen.FAILED)


def build_steps(n_layanan: int, characteristics, n_questions: int, tanya_saran: bool) -> list[Step]:
    """The steps of one session, in order (the layanan is asked only when there is a choice)."""
    steps: list[Step] = []
    if n_layanan > 1:
        steps.append(Step(Screen.LAYANAN))
    for c in characteristics:
        if c not in CHARACTERISTICS:
            raise ValueError(f"karakteristik tidak dikenal: {c!r}")
        steps.append(Step(Screen.CHAR, char=c))
    steps += [Step(Screen.UNSUR, index=i) for i in range(n_questions)]
    if tanya_saran:
        steps.append(Step(Screen.SARAN))
    steps.append(Step(Screen.CONFIRM))
    return steps


@dataclass
class Answers:
    """The unfinished response of the respondent at the kiosk (memory only)."""

    n: int
    layanan: str | None = None
    chars: dict[str, object] = field(default_factory=dict)
    values: list[int | None] = field(default_factory=list)
    saran: str = ""
    started_ms: float | None = None

    def __post_init__(self) -> None:
        self.values = [None] * self.n

    @property
    def complete(self) -> bool:
        return all(v is not None for v in self.values)


class TapGate:
    """Ignores a double tap (sooner than ``jeda_ketuk_ms`` after the last accepted one)
    and, on question screens, a tap sooner than ``jeda_baca_ms`` after the screen appeared."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.shown_ms = clock()
        self.last_tap_ms = -1e12

    def screen_shown(self) -> None:
        self.shown_ms = self.clock()

    def accept(self, st: ks.KioskSettings, reading: bool = False) -> bool:
        now = self.clock()
        if now - self.last_tap_ms < st.jeda_ketuk_ms:
            return False
        if reading and now - self.shown_ms < st.jeda_baca_ms:
            return False
        self.last_tap_ms = now
        return True

    def read_long_enough(self, st: ks.KioskSettings) -> bool:
        return self.clock() - self.shown_ms >= st.jeda_baca_ms


class KioskFlow:
    """One respondent after another: the current step, the answers, what comes next."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.gate = TapGate(clock)
        self.steps: list[Step] = []
        self.index = 0
        self.step: Step = WELCOME
        self.answers: Answers | None = None
        self.usia_text = ""

    # ------------------------------------------------------------ moving
    def show(self, step: Step) -> Step:
        self.step = step
        if step.screen is Screen.UNSUR and self.answers is not None and self.answers.started_ms is None:
            self.answers.started_ms = self.clock()
        if step.screen is Screen.CHAR and step.char == "usia" and self.answers is not None:
            current = self.answers.chars.get("usia")
            self.usia_text = "" if current is None else str(current)
        self.gate.screen_shown()
        return step

    def reset(self) -> Step:
        """Back to the welcome; the unfinished response (if any) is discarded."""
        self.answers = None
        self.steps, self.index = [], 0
        return self.show(WELCOME)

    def start(self, setup: ks.KioskSetup, st: ks.KioskSettings) -> Step:
        self.answers = Answers(len(setup.questions))
        if len(setup.layanan) == 1:
            self.answers.layanan = setup.layanan[0]
        self.steps = build_steps(len(setup.layanan), st.characteristics(), len(setup.questions), st.tanya_saran)
        return self.go(0)

    def go(self, index: int) -> Step:
        self.index = max(0, min(index, len(self.steps) - 1))
        return self.show(self.steps[self.index])

    def next(self) -> Step:
        return self.go(self.index + 1)

    def back(self) -> Step:
        if self.index == 0 or not self.steps:
            return self.reset()
        return self.go(self.index - 1)

    @property
    def progress(self) -> tuple[int, int]:
        """(this step's number from 1, number of steps)."""
        return self.index + 1, len(self.steps)

    @property
    def in_session(self) -> bool:
        return self.step.screen not in RESTING

    # ------------------------------------------------------------ answering
    def choose_layanan(self, name: str) -> Step:
        self.answers.layanan = name
        return self.next()

    def choose_char(self, key: str, value) -> Step:
        self.answers.chars[key] = value
        return self.next()

    def answer(self, index: int, value: int) -> Step:
        if value not in (1, 2, 3, 4):
            raise ValueError(f"jawaban {value!r} di luar 1–4")
        self.answers.values[index] = value
        return self.next()

    def usia_digit(self, d: str) -> bool:
        if d.isdigit() and len(d) == 1 and ks.is_usia_prefix_possible(self.usia_text):
            self.usia_text += d
            return True
        return False

    def usia_back(self) -> None:
        self.usia_text = self.usia_text[:-1]

    def usia_done(self) -> str | None:
        """Moves on with the typed age; the Indonesian reason when it is not an age."""
        if not self.usia_text:
            self.choose_char("usia", None)
            return None
        try:
            age = ks.parse_usia_text(self.usia_text)
        except ServiceError as e:
            return str(e)
        self.choose_char("usia", age)
        return None

    def type_saran(self, ch: str) -> bool:
        if len(self.answers.saran) + len(ch) > ks.SARAN_MAX:
            return False
        self.answers.saran += ch
        return True

    def saran_back(self) -> None:
        self.answers.saran = self.answers.saran[:-1]

    def skip_saran(self) -> Step:
        self.answers.saran = ""
        return self.next()

    def response(self) -> ks.KioskResponse | None:
        """The finished response for the service (None while an unsur is unanswered)."""
        a = self.answers
        if a is None or not a.complete:
            return None
        durasi = (self.clock() - a.started_ms) / 1000.0 if a.started_ms is not None else None
        return ks.KioskResponse.of(
            tuple(a.values),
            layanan=a.layanan,
            jenis_kelamin=a.chars.get("jenis_kelamin"),
            usia=a.chars.get("usia"),
            pendidikan=a.chars.get("pendidikan"),
            pekerjaan=a.chars.get("pekerjaan"),
            saran=a.saran,
            durasi=durasi,
        )

    def finished(self, ok: bool) -> Step:
        """After "Kirim": the answers are gone from memory, thanks (or the failure screen)."""
        self.answers = None
        self.steps, self.index = [], 0
        return self.show(THANKS if ok else FAILED)


class LongPress:
    """A press that counts only when held ``ms`` milliseconds (by the injected clock)."""

    def __init__(self, clock: Clock, ms: float) -> None:
        self.clock, self.ms = clock, ms
        self.pressed_at: float | None = None

    def press(self) -> None:
        self.pressed_at = self.clock()

    def release(self) -> bool:
        """True when the press was long enough."""
        held = self.held_long_enough()
        self.pressed_at = None
        return held

    def cancel(self) -> None:
        self.pressed_at = None

    def held_long_enough(self) -> bool:
        return self.pressed_at is not None and self.clock() - self.pressed_at >= self.ms


@dataclass
class Countdown:
    """The "still there?" countdown: ``ticks`` ticks of ``step_ms`` each."""

    ticks: int
    step_ms: int

    @classmethod
    def for_settings(cls, st: ks.KioskSettings) -> Countdown:
        total_ms = max(1, int(st.hitung_mundur * 1000))
        step = min(1000, total_ms)
        return cls(max(1, round(total_ms / step)), step)

    def tick(self) -> bool:
        """One tick passed; True when the countdown ran out."""
        self.ticks -= 1
        return self.ticks <= 0

    @property
    def seconds_left(self) -> int:
        return max(1, round(self.ticks * self.step_ms / 1000))

    def text(self) -> str:
        return f"Jawaban yang belum dikirim akan dihapus dan kios kembali ke awal dalam {self.seconds_left} detik."


def idle_ms(st: ks.KioskSettings) -> int:
    return max(1, int(st.batas_diam * 1000))


def breakable(text: str, every: int = 20) -> str:
    """Let a label wrap inside very long words (a zero-width space every ``every`` letters)."""
    out, run = [], 0
    for ch in text:
        out.append(ch)
        run = 0 if ch.isspace() else run + 1
        if run >= every:
            out.append("\u200b")
            run = 0
    return "".join(out)
