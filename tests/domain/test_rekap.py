"""City recap figures (domain/rekap.py): the rules of rekap.md, exact."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skm_desktop.domain import rekap
from skm_desktop.domain.category import kategori_of_konversi
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.numbers import round_half_up
from skm_desktop.domain.scoring import Tally, summarize
from skm_desktop.domain.unsur import Unsur, UnsurSet

US9 = UnsurSet(tuple(Unsur(f"U{i}", f"Unsur {i}") for i in range(1, 10)))
answers = st.lists(st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9), min_size=1, max_size=60)


def raw(rows):
    t = Tally.from_answers(9, rows)
    return rekap.RawYear(US9, t)


def ring(periode, ikm, **kw):
    return rekap.RingkasanFigure(periode, None if ikm is None else Decimal(ikm), **kw)


@settings(max_examples=60, deadline=None)
@given(answers, st.integers(1, 6), st.randoms())
def test_units_split_from_one_survey_pool_to_the_undivided_figure(rows, k, rnd):
    parts = [[] for _ in range(k)]
    for r in rows:
        parts[rnd.randrange(k)].append(r)
    inputs = [rekap.UnitYearInput(f"Unit {i}", raw=raw(p)) for i, p in enumerate(parts) if p]
    year = rekap.compute(2025, inputs)
    whole = summarize(US9, Tally.from_answers(9, rows))
    if whole.ikm is None:
        return
    assert year.ikm_pooled == whole.ikm_konversi
    figs = [u.figure.ikm for u in year.units]
    assert year.ikm_mean_units == sum(figs, Fraction(0)) / len(figs)
    assert year.respondents == len(rows)


@given(st.lists(st.decimals(Decimal("25"), Decimal("100"), places=2), min_size=1, max_size=40))
def test_competition_ranking(values):
    ranks = rekap.rank_competition(values)
    for v, r in zip(values, ranks):
        assert r == 1 + sum(1 for w in values if w > v)


@settings(max_examples=80)
@given(
    st.decimals(Decimal("25"), Decimal("100"), places=3),
    st.decimals(Decimal("25"), Decimal("100"), places=3),
    st.decimals(Decimal("25"), Decimal("100"), places=2),
)
def test_annual_is_the_mean_of_semesters_and_a_wrong_tahunan_is_listed(s1, s2, tahunan):
    inp = rekap.UnitYearInput(
        "Dinas A", ringkasan=(ring("Semester I", s1), ring("Semester II", s2), ring("Tahunan", tahunan))
    )
    fig, checks = rekap.unit_figure(inp)
    mean = (Fraction(s1) + Fraction(s2)) / 2
    assert fig.ikm == mean and fig.metode == rekap.METODE_SEMESTER
    assert [p.periode for p in fig.periods] == ["Semester I", "Semester II"]
    listed = [c for c in checks if c.kind == rekap.CEK_TAHUNAN]
    assert bool(listed) == (round_half_up(mean, 2) != tahunan)


@given(st.decimals(Decimal("25"), Decimal("100"), places=2), st.sampled_from("ABCD"))
def test_mutu_is_recomputed_and_a_wrong_one_listed(ikm, published):
    fig, checks = rekap.unit_figure(rekap.UnitYearInput("U", ringkasan=(ring("Tahunan", ikm, mutu=published),)))
    assert fig.mutu == kategori_of_konversi(ikm).mutu
    assert bool([c for c in checks if c.kind == rekap.CEK_MUTU]) == (published != fig.mutu)


@settings(max_examples=80)
@given(st.lists(st.decimals(Decimal("25"), Decimal("100"), places=2), min_size=9, max_size=9))
def test_ikm_rounded_from_its_unsur_passes_and_a_wrong_one_is_listed(us):
    from_u = rekap.ikm_from_unsur([Fraction(u) for u in us])
    good = round_half_up(from_u, 2)
    _, checks = rekap.unit_figure(rekap.UnitYearInput("U", ringkasan=(ring("Tahunan", str(good), unsur=tuple(us)),)))
    assert not [c for c in checks if c.kind == rekap.CEK_IKM_UNSUR]
    bad = good + Decimal("0.50") if good < 99 else good - Decimal("0.50")
    fig, checks = rekap.unit_figure(rekap.UnitYearInput("U", ringkasan=(ring("Tahunan", str(bad), unsur=tuple(us)),)))
    assert rekap.CEK_IKM_UNSUR in [c.kind for c in checks]
    assert fig.ikm == Fraction(bad)  # the published figure is kept


def test_ikm_computed_from_unsur_when_empty_with_the_standard_weights():
    us = tuple(Decimal(x) for x in ("80", "82", "84", "86", "88", "90", "92", "94", "96"))
    fig, _ = rekap.unit_figure(rekap.UnitYearInput("U", ringkasan=(ring("Tahunan", None, unsur=us),)))
    assert fig.ikm == sum(Fraction(u) for u in us) * Fraction(111, 1000)
    assert fig.unsur["U1"] == 80


def test_raw_wins_over_a_summary_row_with_a_check_item():
    rows = [[4] * 9, [3] * 9]
    fig, checks = rekap.unit_figure(
        rekap.UnitYearInput("Puskesmas", raw=raw(rows), ringkasan=(ring("Tahunan", "70.00"),))
    )
    assert fig.source == "paket" and fig.metode == rekap.METODE_RESPONDEN
    assert fig.ikm == summarize(US9, Tally.from_answers(9, rows)).ikm_konversi
    assert [c.kind for c in checks] == [rekap.CEK_RINGKASAN_DIABAIKAN]


@settings(max_examples=60)
@given(
    st.dictionaries(
        st.sampled_from([f"Unit {i}" for i in range(12)]), st.decimals(Decimal("60"), Decimal("100"), places=2)
    ),
    st.dictionaries(
        st.sampled_from([f"Unit {i}" for i in range(12)]), st.decimals(Decimal("60"), Decimal("100"), places=2)
    ),
)
def test_changes_and_transitions_against_the_previous_year(now, before):
    cur = [rekap.UnitYearInput(u, ringkasan=(ring("Tahunan", v),)) for u, v in now.items()]
    prev = [rekap.UnitYearInput(u, ringkasan=(ring("Tahunan", v),)) for u, v in before.items()]
    known = [f"Unit {i}" for i in range(12)]
    y = rekap.compute(2025, cur, prev, known_units=known)
    both = set(now) & set(before)
    assert y.changes.compared == len(both)
    assert y.changes.naik == sum(1 for u in both if now[u] > before[u])
    assert y.changes.turun == sum(1 for u in both if now[u] < before[u])
    assert y.changes.tetap == sum(1 for u in both if now[u] == before[u])
    moved = sum(1 for u in both if kategori_of_konversi(now[u]).mutu != kategori_of_konversi(before[u]).mutu)
    assert sum(y.changes.mutu_transitions.values()) == moved
    assert set(y.changes.only_current) == set(now) - set(before)
    assert set(y.changes.only_previous) == set(before) - set(now)
    assert set(y.not_reported) == set(known) - set(now)
    assert sum(y.mutu_counts.values()) == len(now)
    assert y.ikm_pooled is None  # summary rows only: no pooled figure
    if now:
        assert y.ikm_mean_units == sum(Fraction(v) for v in now.values()) / len(now)


def test_target_lowest_unsur_and_sasaran():
    u_a = tuple(Decimal(x) for x in ("80", "82", "70", "86", "88", "90", "92", "94", "96"))
    u_b = tuple(Decimal(x) for x in ("90", "60", "90", "90", "90", "90", "90", "90", "90"))
    cur = [
        rekap.UnitYearInput(
            "Dinas A", "Dinas", ringkasan=(ring("Tahunan", None, unsur=u_a, responden=90),), target=100
        ),
        rekap.UnitYearInput("Dinas B", "Dinas", ringkasan=(ring("Tahunan", None, unsur=u_b, responden=50, target=40),)),
        rekap.UnitYearInput("Kel C", "Kelurahan", ringkasan=(ring("Tahunan", "91.00", responden=10),), target=20),
    ]
    y = rekap.compute(2025, cur, sasaran=Decimal("85.00"))
    assert y.lowest_unsur.kode == "U2" and y.lowest_unsur.konversi == 71
    assert y.lowest_unsur_kelompok["Dinas"].kode == "U2"
    assert "Kelurahan" not in y.lowest_unsur_kelompok  # no unsur values given
    assert [(r.nama, r.target, r.responden) for r in y.realisasi_kelompok] == [
        ("Dinas", 140, 140),
        ("Kelurahan", 20, 10),
    ]
    assert y.realisasi_total.persen == Fraction(150 * 100, 160)
    assert y.sasaran.realisasi == y.ikm_mean_units and y.sasaran.tercapai == (y.ikm_2dp >= Decimal("85.00"))


def test_pooled_headline_only_when_every_unit_is_raw():
    cur = [rekap.UnitYearInput("A", raw=raw([[4] * 9])), rekap.UnitYearInput("B", raw=raw([[2] * 9, [3] * 9]))]
    y = rekap.compute(2025, cur, headline=rekap.HEADLINE_POOLED)
    assert y.headline == rekap.HEADLINE_POOLED
    assert y.ikm == summarize(US9, Tally.from_answers(9, [[4] * 9, [2] * 9, [3] * 9])).ikm_konversi
    y = rekap.compute(2025, [*cur, rekap.UnitYearInput("C", ringkasan=(ring("Tahunan", "80"),))], headline="pooled")
    assert y.ikm_pooled is None and y.headline == rekap.HEADLINE_MEAN and y.source == "campuran"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.decimals(Decimal("25"), Decimal("100"), places=2), min_size=9, max_size=9),
    st.lists(st.decimals(Decimal("25"), Decimal("100"), places=2), min_size=9, max_size=9),
    st.integers(1, 500),
    answers,
    answers,
)
def test_each_period_row_keeps_its_own_unsur_and_respondents(u1, u2, n1, rows1, rows2):
    """The per-unit table prints each semester's own u1…u9 and responden beside the annual
    row (their mean): from a summary sheet as sent, from raw data as the engine computes."""
    sent = (
        ring("Semester I", "80", unsur=tuple(u1), responden=n1),
        ring("Semester II", "82", unsur=tuple(u2), responden=None),
    )
    fig, _ = rekap.unit_figure(rekap.UnitYearInput("Dinas A", ringkasan=sent))
    s1, s2 = fig.periods
    assert [s1.unsur[f"U{i}"] for i in range(1, 10)] == [Fraction(v) for v in u1] and s1.responden == n1
    assert [s2.unsur[f"U{i}"] for i in range(1, 10)] == [Fraction(v) for v in u2] and s2.responden is None
    assert fig.unsur == {f"U{i}": (Fraction(a) + Fraction(b)) / 2 for i, (a, b) in enumerate(zip(u1, u2), 1)}
    partial, _ = rekap.unit_figure(
        rekap.UnitYearInput("Dinas B", ringkasan=(ring("Semester I", "80", unsur=(Decimal(90),)),))
    )
    assert partial.periods[0].unsur == {}  # an incomplete row's values are not shown as if whole
    t1, t2 = Tally.from_answers(9, rows1), Tally.from_answers(9, rows2)
    sm1, sm2 = summarize(US9, t1), summarize(US9, t2)
    if sm1.ikm_konversi is None or sm2.ikm_konversi is None:
        return
    inp = rekap.UnitYearInput(
        "Puskesmas C",
        raw=rekap.RawYear(US9, Tally.merged([t1, t2]), (("Semester I", sm1), ("Semester II", sm2))),
    )
    fig, _ = rekap.unit_figure(inp)
    for p, sm in zip(fig.periods, (sm1, sm2)):
        assert p.responden == sm.respondents
        assert p.unsur == {r.kode.upper(): r.konversi for r in sm.unsur if r.konversi is not None}


def test_tally_merged_counts_every_respondent_once_and_refuses_other_unsur_counts():
    a = [(4, 3, None), (2, 2, 1)]
    b = [(1, None, 4)]
    t1, t2 = Tally.from_answers(3, a), Tally.from_answers(3, b)
    merged = Tally.merged([t1, t2])
    assert merged == Tally.from_answers(3, a + b) and merged.respondents == 3
    assert t1 == Tally.from_answers(3, a)  # the inputs are left as they were
    with pytest.raises(DomainError, match="4 unsur tidak dapat digabung dengan 3"):
        Tally.merged([t1, Tally(4)])
    with pytest.raises(DomainError, match="tidak ada tally"):
        Tally.merged([])


def test_period_sort_key_orders_the_recap_periods_and_puts_others_last():
    names = ["Triwulan II", "Lain", "Semester II", "Tahunan", "Semester I"]
    assert sorted(names, key=rekap.period_sort_key) == ["Tahunan", "Semester I", "Semester II", "Triwulan II", "Lain"]
