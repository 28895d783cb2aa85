"""The entry grid's key rules without widgets (ui/entry/keys.py)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skm_desktop.domain import tanggal
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.karakteristik import parse_usia
from skm_desktop.domain.respondent import PAPER_NO_MAX, RespondentRecord
from skm_desktop.domain.scoring import parse_answer
from skm_desktop.services.entry import Choice
from skm_desktop.ui.entry import keys
from skm_desktop.ui.entry.keys import Commit, Confirm, Edit, Refuse

chars = st.characters(blacklist_categories=("Cs",))
BASE = dt.date(2024, 3, 9)


def test_no_qt_in_the_key_rules():
    tree = ast.parse(Path(keys.__file__).read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not [m for m in names if m.startswith("PySide6")]


def type_keys(field, text, buf=None):
    """Apply ``text`` key by key as the grid does; returns the last action."""
    action = None
    for ch in text:
        action = field.key(ch, buf)
        if isinstance(action, Edit):
            buf = action.text
        else:
            return action
    return action


# ---------------------------------------------------------------- answers
def test_answer_keys():
    f = keys.field_for("unsur", "U1")
    assert [f.key(k, None) for k in "1234"] == [Commit(1), Commit(2), Commit(3), Commit(4)]
    assert [f.key(k, None) for k in "abcdABCD"] == [Commit(v) for v in (1, 2, 3, 4) * 2]
    assert [f.key(k, None) for k in " -0"] == [Commit(None)] * 3
    r = f.key("5", None)
    assert isinstance(r, Refuse) and "U1" in r.message and "1–4" in r.message


@given(chars)
def test_answer_key_accepted_iff_parse_answer_accepts(ch):
    action = keys.field_for("unsur", "U1").key(ch, None)
    try:
        expected = parse_answer(ch)
    except DomainError:
        expected = "refused"
    if ch in keys.BLANK_KEYS:  # "0" is a blank key in the grid; parse_answer refuses it
        assert action == Commit(None)
    elif expected == "refused":
        assert isinstance(action, Refuse)
    else:
        assert action == Commit(expected)


# ---------------------------------------------------------------- choices
def test_choice_codes():
    f = keys.field_for("choice", "Jenis kelamin", [Choice("1", "Laki-laki"), Choice("P", "Perempuan")])
    assert f.key("1", None) == Commit("Laki-laki")
    assert f.key("p", None) == Commit("Perempuan") == f.key("P", None)
    assert f.key(" ", None) == Commit(None) == f.key("0", None)
    r = f.key("9", None)
    assert isinstance(r, Refuse) and "jenis kelamin '9' tidak ada" in r.message.lower()


# ---------------------------------------------------------------- usia
@pytest.mark.parametrize(
    "typed, action",
    [
        ("35", Confirm("35")),
        ("10", Edit("10")),
        ("104", Confirm("104")),
        ("9", Edit("9")),
        (" ", Commit(None)),
        ("x", Refuse("Usia: ketik angka tahun; kosong: Spasi.")),
        ("²", Refuse("Usia: ketik angka tahun; kosong: Spasi.")),
    ],
)
def test_usia_moves_on_by_itself(typed, action):
    assert type_keys(keys.field_for("usia", "Usia (tahun)"), typed) == action


@given(st.integers(10, 120))
def test_usia_typed_is_the_age(age):
    f = keys.field_for("usia", "Usia (tahun)")
    action = type_keys(f, str(age))
    text = action.text
    if isinstance(action, Edit):  # 10-12 wait for a third digit; Enter confirms
        assert age in (10, 11, 12)
    assert f.confirm(text) == Commit(parse_usia(str(age))) == Commit(age)


def test_usia_out_of_range_refused_with_the_domain_message():
    r = keys.field_for("usia", "Usia (tahun)").confirm("9")
    assert isinstance(r, Refuse) and r.message.startswith("Usia (tahun): usia 9 di luar rentang")


# ---------------------------------------------------------------- number
def test_number_stops_at_the_paper_length():
    f = keys.field_for("no", "Nomor kuesioner")
    assert type_keys(f, "99999") == Edit("99999")
    r = f.key("9", "99999")
    assert isinstance(r, Refuse) and "99.999" in r.message
    assert isinstance(f.key("a", ""), Refuse)
    assert isinstance(f.key("²", ""), Refuse)
    assert f.confirm("00042") == Commit(42)
    assert f.confirm("") == Refuse("Nomor kuesioner wajib diisi.")
    assert isinstance(f.confirm("0"), Refuse)
    assert isinstance(f.confirm(str(PAPER_NO_MAX + 1)), Refuse)
    assert isinstance(f.clear(), Refuse)


@given(st.text(alphabet="0123456789", max_size=12))
def test_number_typed_is_never_beyond_paper(digits):
    f = keys.field_for("no", "Nomor kuesioner")
    buf = ""
    for ch in digits:
        a = f.key(ch, buf)
        if isinstance(a, Edit):
            buf = a.text
        else:
            assert isinstance(a, Refuse) and len(buf) == keys.PAPER_NO_DIGITS
    assert len(buf) <= keys.PAPER_NO_DIGITS
    c = f.confirm(buf)
    if isinstance(c, Commit):
        assert 1 <= c.value <= PAPER_NO_MAX and c.value == int(buf)
    else:
        assert not buf or int(buf) == 0


# ---------------------------------------------------------------- tanggal
def test_date_keys_and_confirm():
    f = keys.field_for("tanggal", "Tanggal survei")
    assert type_keys(f, "14/12/2024") == Edit("14/12/2024")
    assert isinstance(f.key("1", "14/12/2024"), Refuse)  # ten characters at most
    assert isinstance(f.key("x", ""), Refuse)
    assert f.confirm("1412", BASE) == Commit(dt.date(2024, 12, 14))
    assert f.confirm("15", BASE) == Commit(dt.date(2024, 3, 15))
    assert f.confirm("", BASE) == Commit(None)
    r = f.confirm("30022024", BASE)
    assert isinstance(r, Refuse) and "tidak ada di kalender" in r.message


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["%d%m%Y", "%d%m%y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%Y"]),
)
def test_date_typed_on_the_keypad_is_the_domain_date(d, pattern):
    f = keys.field_for("tanggal", "Tanggal survei")
    typed = type_keys(f, d.strftime(pattern))
    assert isinstance(typed, Edit)
    assert f.confirm(typed.text, BASE) == Commit(tanggal.parse(typed.text, BASE)) == Commit(d)


# ---------------------------------------------------------------- saran
def test_saran_is_free_text_with_a_bound():
    f = keys.field_for("saran", "Saran")
    assert type_keys(f, "Bagus!") == Edit("Bagus!")
    assert f.confirm("  ramah  ") == Commit("ramah")
    assert f.clear() == Commit("")
    assert isinstance(f.key("x", "a" * keys.SARAN_MAX), Refuse)


def test_backspace_and_unknown_kind():
    assert keys.field_for("tanggal", "Tanggal").backspace("1412") == Edit("141")
    assert keys.field_for("no", "No").backspace("") == Edit("")
    with pytest.raises(ValueError):
        keys.field_for("bogus", "x")


@given(st.sampled_from(["unsur", "usia", "no", "tanggal", "saran"]), chars, st.text(max_size=12))
def test_every_key_gives_an_action(kind, ch, buf):
    a = keys.field_for(kind, "X").key(ch, buf)
    assert isinstance(a, (Edit, Confirm, Commit, Refuse))
    if isinstance(a, Confirm):
        assert isinstance(keys.field_for(kind, "X").confirm(a.text, BASE), (Commit, Refuse))


def test_draft_read_back_drops_what_is_not_of_its_type():
    from skm_desktop.ui.entry.model import DraftRow

    hostile = {
        "no": "12",
        "tanggal": 20240101,
        "layanan": ["x"],
        "usia": True,
        "saran": "s" * 10**5,
        "answers": [True, 5, "3"],
        "done": [1, 0, 1],
        "touched": 1,
        "pendidikan": 7,
    }
    d = DraftRow.from_json(3, hostile)
    f = d.fields
    assert (d.no, f.tanggal, f.layanan, f.usia, f.pendidikan) == (None, None, None, None, None)
    assert d.answers == [None, None, None] and d.done == [True, False, True] and len(f.saran) == keys.SARAN_MAX
    fields = RespondentRecord(0, (), dt.date(2024, 2, 1), usia=30)
    good = DraftRow(2, no=7, fields=fields, answers=[4, None], done=[True, True])
    assert DraftRow.from_json(2, good.to_json()) == good
