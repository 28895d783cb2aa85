"""Hypothesis properties of the engine."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from skm_desktop.domain.category import kategori_of_konversi
from skm_desktop.domain.karakteristik import percentages
from skm_desktop.domain.numbers import round_half_up
from skm_desktop.domain.sample import krejcie_morgan, slovin
from skm_desktop.domain.scoring import Tally, summarize, summarize_answers
from skm_desktop.domain.unsur import BobotMode, Unsur, UnsurSet

answer = st.one_of(st.none(), st.integers(1, 4))


def unsur_set(n, mode):
    return UnsurSet(tuple(Unsur(f"U{i}", f"Unsur {i}") for i in range(1, n + 1)), mode)


@st.composite
def survey(draw):
    n = draw(st.integers(9, 12))
    rows = draw(st.lists(st.lists(answer, min_size=n, max_size=n), min_size=0, max_size=60))
    mode = draw(st.sampled_from([BobotMode.STANDAR, BobotMode.EKSAK]))
    return unsur_set(n, mode), rows


@settings(max_examples=150, deadline=None)
@given(survey(), st.randoms())
def test_order_of_respondents_does_not_matter(sv, rnd):
    us, rows = sv
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    a, b = summarize_answers(us, rows), summarize_answers(us, shuffled)
    assert a.ikm == b.ikm and [r.nrr for r in a.unsur] == [r.nrr for r in b.unsur]


@settings(max_examples=150, deadline=None)
@given(survey(), st.data())
def test_incremental_equals_full_recompute(sv, data):
    us, rows = sv
    n = len(us)
    t = Tally(n)
    live = []
    for r in rows:  # add, sometimes edit one answer, sometimes delete someone
        t.add(r)
        live.append(list(r))
        action = data.draw(st.sampled_from(["none", "edit", "delete", "replace"]))
        if action == "edit":
            i = data.draw(st.integers(0, len(live) - 1))
            j = data.draw(st.integers(0, n - 1))
            new = data.draw(answer)
            t.set_answer(j, live[i][j], new)
            live[i][j] = new
        elif action == "delete":
            i = data.draw(st.integers(0, len(live) - 1))
            t.remove(live.pop(i))
        elif action == "replace":
            i = data.draw(st.integers(0, len(live) - 1))
            new = data.draw(st.lists(answer, min_size=n, max_size=n))
            t.replace(live[i], new)
            live[i] = list(new)
    full = Tally.from_answers(n, live)
    assert t == full
    a, b = summarize(us, t), summarize(us, full)
    assert a.ikm == b.ikm and [r.nrr for r in a.unsur] == [r.nrr for r in b.unsur]


@settings(max_examples=200, deadline=None)
@given(survey())
def test_ikm_within_scale_and_category_agrees_with_print(sv):
    us, rows = sv
    s = summarize_answers(us, rows)
    if s.ikm is None:
        assert all(a is None for r in rows for a in r)
        return
    # standard weights are rounded (9 × 0,111 = 0,999; 11 × 0,091 = 1,001): the
    # index stays within the scale times the sum of the weights actually used
    used = sum(r.weight_used for r in s.unsur if r.weight_used is not None)
    assert used == 1 or (us.mode is BobotMode.STANDAR and not s.tanpa_jawaban)
    assert used * 1 <= s.ikm <= used * 4
    printed = s.ikm_konversi_2dp
    assert printed == round_half_up(s.ikm * 25, 2)
    assert s.mutu == kategori_of_konversi(printed).mutu
    for r in s.unsur:
        if r.nrr is not None:
            assert 1 <= r.nrr <= 4
            assert r.mutu == kategori_of_konversi(r.konversi_2dp).mutu
            assert r.answered + r.blank == s.respondents


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=12))
def test_percentages_each_within_half_a_hundredth_and_equal_counts_equal(counts):
    p = percentages(counts)
    if sum(counts) == 0:
        assert all(x == 0 for x in p)
        return
    total = sum(counts)
    for c, x in zip(counts, p):
        assert abs(Fraction(str(x)) - Fraction(100 * c, total)) <= Fraction(1, 200)
    for i, ci in enumerate(counts):
        for j, cj in enumerate(counts):
            if ci == cj:
                assert p[i] == p[j]
    # the printed parts miss 100 by at most half a hundredth per row
    assert abs(sum(p) - Decimal(100)) <= Decimal("0.005") * len(counts)


@settings(max_examples=300, deadline=None)
@given(st.fractions(min_value=0, max_value=10_000), st.integers(0, 4))
def test_round_half_up_matches_decimal(x, places):
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(x.numerator) / Decimal(x.denominator)
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if exact * 10**places * 2 % 1 == 0 or Fraction(exact) == x:  # representable exactly
        assert round_half_up(x, places) == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 2_000_000))
def test_sample_sizes_bounded_and_monotone(n):
    km = krejcie_morgan(n)
    assert 1 <= km <= min(n, 384)
    assert krejcie_morgan(n + 1) >= km
    s5, s10 = slovin(n, "0.05"), slovin(n, "0.10")
    assert 1 <= s10 <= s5 <= min(n, 400)
