"""The engine against metode-skm.md: worked example, boundaries, weights, blanks."""

from decimal import Decimal
from fractions import Fraction

import pytest

from skm_desktop.domain.category import kategori, kategori_of_konversi, konversi_2dp
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.scoring import Tally, parse_answer, summarize, summarize_answers
from skm_desktop.domain.unsur import BobotMode, Unsur, UnsurSet

WORKED = [
    [4, 4, 3, 4, 3, 4, 4, 4, 4],
    [3, 3, 4, 4, 3, 4, 4, 4, 3],
    [4, 3, 3, 4, 4, 3, 4, 4, 4],
    [3, 4, 4, 3, 3, 4, 3, None, 3],
    [2, 3, 3, 4, 3, 3, 4, 3, 3],
]


def make_set(n=9, mode=BobotMode.STANDAR, weights=None):
    return UnsurSet(
        tuple(Unsur(f"U{i}", f"Unsur {i}", bobot=None if weights is None else weights[i - 1]) for i in range(1, n + 1)),
        mode,
    )


def test_worked_example_per_unsur(std_set):
    s = summarize_answers(std_set, WORKED)
    assert [r.answered for r in s.unsur] == [5, 5, 5, 5, 5, 5, 5, 4, 5]
    assert [r.total for r in s.unsur] == [16, 17, 17, 19, 16, 18, 19, 15, 17]
    assert [str(r.nrr_3dp) for r in s.unsur] == [
        "3.200",
        "3.400",
        "3.400",
        "3.800",
        "3.200",
        "3.600",
        "3.800",
        "3.750",
        "3.400",
    ]
    assert [r.mutu for r in s.unsur] == ["B", "B", "B", "A", "B", "A", "A", "A", "B"]
    assert s.unsur[7].blank == 1 and s.unsur[0].blank == 0


def test_worked_example_index(std_set):
    s = summarize_answers(std_set, WORKED)
    assert s.ikm_3dp == Decimal("3.502")
    assert s.ikm_konversi_2dp == Decimal("87.55")
    assert (s.mutu, s.kinerja) == ("B", "Baik")
    assert [r.kode for r in s.prioritas] == ["U1", "U5", "U2"]
    assert s.perlu_ditingkatkan == ()
    # exact: Σ NRR × 0.111 = 31.55 × 0.111
    assert s.ikm == Fraction("31.55") * Fraction("0.111")


def test_worked_example_exact_weights(std_set):
    s = summarize_answers(std_set.with_mode(BobotMode.EKSAK), WORKED)
    # Σ NRR / 9 = 31.55 / 9 = 3.50556 → 87.64 (metode-skm.md prints 3.503, which does
    # not follow from its own 87.64; 3.506 does)
    assert s.ikm == Fraction("31.55") / 9
    assert s.ikm_konversi_2dp == Decimal("87.64")
    assert s.ikm_3dp == Decimal("3.506")
    assert s.mutu == "B"


@pytest.mark.parametrize(
    "c, mutu, kinerja",
    [
        ("100.00", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25.00", "D", "Tidak Baik"),
    ],
)
def test_category_table(c, mutu, kinerja):
    k = kategori_of_konversi(Decimal(c))
    assert (k.mutu, k.kinerja) == (mutu, kinerja)


@pytest.mark.parametrize(
    "x, printed, mutu",
    [
        # values on the 1–4 scale whose ×25 sits on or beside each boundary
        (Fraction("88.31") / 25, "88.31", "A"),
        (Fraction("88.305") / 25, "88.31", "A"),  # rounds half-up into A
        (Fraction("88.3049") / 25, "88.30", "B"),
        (Fraction("76.61") / 25, "76.61", "B"),
        (Fraction("76.605") / 25, "76.61", "B"),
        (Fraction("76.6049") / 25, "76.60", "C"),
        (Fraction("65.00") / 25, "65.00", "C"),
        (Fraction("64.995") / 25, "65.00", "C"),
        (Fraction("64.9949") / 25, "64.99", "D"),
    ],
)
def test_category_follows_printed_figure(x, printed, mutu):
    assert konversi_2dp(x) == Decimal(printed)
    assert kategori(x).mutu == mutu


def _answers_for_nrr(target: Fraction, n: int):
    """n answers (1–4) whose mean is exactly target (target×n must be an integer)."""
    total = target * n
    assert total.denominator == 1
    total = int(total)
    base, extra = divmod(total - n, n)  # distribute (value-1) units
    vals = [1 + base] * n
    for i in range(extra):
        vals[i] += 1
    assert all(1 <= v <= 4 for v in vals) and sum(vals) == total
    return vals


@pytest.mark.parametrize(
    "konv, mutu", [("88.32", "A"), ("88.28", "B"), ("76.64", "B"), ("76.60", "C"), ("65.00", "C"), ("64.96", "D")]
)
def test_boundaries_on_unit_and_unsur(konv, mutu):
    # 2500 respondents answering every unsur alike → NRR and IKM on a 1/2500 grid
    nrr = Fraction(konv) / 25
    n = 2500
    col = _answers_for_nrr(nrr, n)
    rows = [[v] * 9 for v in col]
    s = summarize_answers(make_set(mode=BobotMode.EKSAK), rows)
    assert all(r.mutu == mutu for r in s.unsur)
    assert all(r.konversi_2dp == Decimal(konv) for r in s.unsur)
    assert s.ikm_konversi_2dp == Decimal(konv) and s.mutu == mutu


def test_standard_weights():
    assert make_set(9).weights == (Fraction("0.111"),) * 9
    assert make_set(10).weights == (Fraction("0.1"),) * 10
    assert make_set(11).weights == (Fraction("0.091"),) * 11
    assert make_set(14).weights == (Fraction("0.071"),) * 14
    assert make_set(9, BobotMode.EKSAK).weights == (Fraction(1, 9),) * 9


def test_custom_weights_validated():
    w = ["0.2", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1"]
    us = make_set(9, BobotMode.KUSTOM, [Fraction(x) for x in w])
    assert sum(us.weights) == 1
    s = summarize_answers(us, [[4, 1, 1, 1, 1, 1, 1, 1, 1]])
    assert s.ikm == Fraction("0.2") * 4 + Fraction("0.8")
    # within ±0.0005 is accepted
    make_set(
        9, BobotMode.KUSTOM, [Fraction("0.1114")] * 8 + [Fraction(1) - Fraction("0.1114") * 8 + Fraction("0.0004")]
    )
    with pytest.raises(DomainError, match="Jumlah bobot"):
        make_set(9, BobotMode.KUSTOM, [Fraction("0.1")] * 9)
    with pytest.raises(DomainError, match="lebih dari 0"):
        make_set(9, BobotMode.KUSTOM, [Fraction(0)] + [Fraction(1, 8)] * 8)
    with pytest.raises(DomainError, match="belum diisi"):
        make_set(9, BobotMode.KUSTOM, None)


def test_blank_excluded_only_from_its_unsur(std_set):
    rows = [[4] * 9, [None] + [2] * 8]
    s = summarize_answers(std_set, rows)
    assert s.unsur[0].answered == 1 and s.unsur[0].nrr == 4 and s.unsur[0].blank == 1
    assert all(r.answered == 2 and r.nrr == 3 for r in s.unsur[1:])
    assert s.respondents == 2


@pytest.mark.parametrize(
    "mode, expected_w", [(BobotMode.STANDAR, Fraction("0.125")), (BobotMode.EKSAK, Fraction(1, 8))]
)
def test_unsur_without_answers_left_out_and_renormalised(mode, expected_w):
    us = make_set(9, mode)
    rows = [[3, 3, 3, 3, 3, 3, 3, None, 3], [4, 4, 4, 4, 4, 4, 4, None, 4]]
    s = summarize_answers(us, rows)
    r8 = s.unsur[7]
    assert r8.nrr is None and r8.mutu is None and r8.nrr_tertimbang is None and r8.weight_used is None
    assert [r.kode for r in s.tanpa_jawaban] == ["U8"]
    assert all(r.weight_used == expected_w for r in s.unsur if r.kode != "U8")
    assert s.ikm == Fraction(7, 2) * expected_w * 8
    assert s.renormalised
    assert "U8" not in [r.kode for r in s.prioritas]


def test_custom_weights_renormalised():
    w = [Fraction("0.2")] + [Fraction("0.1")] * 8
    us = make_set(9, BobotMode.KUSTOM, w)
    s = summarize_answers(us, [[None, 2, 2, 2, 2, 2, 2, 2, 2]])
    assert s.ikm == 2  # the 8 remaining weights 0.1/0.8 each
    assert s.unsur[1].weight_used == Fraction(1, 8)


def test_no_respondents_no_division(std_set):
    s = summarize(std_set, Tally(9))
    assert s.ikm is None and s.mutu is None and s.ikm_konversi_2dp is None
    assert all(r.nrr is None for r in s.unsur)
    assert s.prioritas == () and s.perlu_ditingkatkan == ()


def test_priorities_ties_keep_order_and_cd_list(std_set):
    rows = [[2, 3, 2, 4, 2, 4, 4, 4, 3]] * 3
    s = summarize_answers(std_set, rows)
    assert [r.kode for r in s.prioritas] == ["U1", "U3", "U5"]
    # NRR 2 → 50,00 → D; NRR 3 → 75,00 → C; NRR 4 → A
    assert [r.kode for r in s.perlu_ditingkatkan] == ["U1", "U3", "U5", "U2", "U9"]
    assert [r.mutu for r in s.perlu_ditingkatkan] == ["D", "D", "D", "C", "C"]
    s5 = summarize(std_set, Tally.from_answers(9, rows), n_prioritas=5)
    assert [r.kode for r in s5.prioritas] == ["U1", "U3", "U5", "U2", "U9"]
    assert [r.kode for r in s.terkuat] == ["U4", "U6", "U7"]


@pytest.mark.parametrize(
    "raw, val",
    [(1, 1), ("4", 4), (" 3 ", 3), ("a", 1), ("D", 4), ("", None), (None, None), ("-", None), (2.0, 2), ("3.0", 3)],
)
def test_parse_answer(raw, val):
    assert parse_answer(raw) == val


@pytest.mark.parametrize("raw", [0, 5, "x", "e", "1,5", 2.5, True, "10"])
def test_parse_answer_rejects(raw):
    with pytest.raises(DomainError):
        parse_answer(raw)


def test_tally_rejects_wrong_length(std_set):
    t = Tally(9)
    with pytest.raises(DomainError):
        t.add([1, 2, 3])
    with pytest.raises(DomainError):
        summarize(std_set, Tally(8))


def test_duplicate_codes_refused():
    with pytest.raises(DomainError, match="ganda"):
        UnsurSet((Unsur("U1", "A"), Unsur("u1", "B")))
