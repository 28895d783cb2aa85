"""The one serialised shape of a questionnaire (packages and the audit trail),
and validate_all agreeing with validate record by record."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.karakteristik import JENIS_KELAMIN, PEKERJAAN, PENDIDIKAN, SUMBER
from skm_desktop.domain.respondent import (
    KIOSK_NO_MIN,
    NO_MAX,
    PAPER_NO_MAX,
    RECORD_KEYS,
    TANGGAL_MIN,
    Options,
    RespondentRecord,
    check_no_range,
    check_tanggal,
    tanggal_max,
    validate,
    validate_all,
)

texts = st.one_of(st.none(), st.text(max_size=15))
records = st.builds(
    RespondentRecord,
    no_kuesioner=st.integers(1, NO_MAX),
    answers=st.lists(st.one_of(st.none(), st.integers(1, 4)), max_size=12).map(tuple),
    tanggal=st.one_of(st.none(), st.dates(dt.date(2017, 1, 1), dt.date(2030, 12, 31))),
    layanan=texts,
    jenis_kelamin=texts,
    usia=st.one_of(st.none(), st.integers(0, 150)),
    pendidikan=texts,
    pekerjaan=texts,
    saran=st.text(max_size=30),
    sumber=st.sampled_from(SUMBER),
    batch=st.text(max_size=10),
    operator=st.text(max_size=10),
    posisi=st.one_of(st.none(), st.integers(1, 500)),
)


@settings(max_examples=200)
@given(records)
def test_round_trip(rec):
    d = rec.to_dict()
    assert tuple(d) == RECORD_KEYS
    assert RespondentRecord.from_dict(d) == rec


def test_the_audit_trail_uses_the_same_serialiser():
    from skm_desktop.services import audit

    rec = RespondentRecord(5, (1, 2, None, 4), dt.date(2024, 5, 1), sumber="impor")
    assert audit.record_to_dict(rec) == rec.to_dict()
    assert audit.record_from_dict(rec.to_dict()) == rec


def test_one_default_for_sumber():
    rec = RespondentRecord.from_dict({"no_kuesioner": 3, "jawaban": [4]})
    assert rec.sumber == RespondentRecord(3, (4,)).sumber == "kertas"


@pytest.mark.parametrize(
    "d,needle",
    [
        ([1], "objek"),
        ({"jawaban": []}, "no_kuesioner tidak ada"),
        ({"no_kuesioner": 1}, "jawaban tidak ada"),
        ({"no_kuesioner": 1, "jawaban": [], "lain": 1}, "tidak dikenal"),
        ({"no_kuesioner": True, "jawaban": []}, "no_kuesioner"),
        ({"no_kuesioner": 1.0, "jawaban": []}, "no_kuesioner"),
        ({"no_kuesioner": NO_MAX + 1, "jawaban": []}, "no_kuesioner"),
        ({"no_kuesioner": 1, "jawaban": [True]}, "U1"),
        ({"no_kuesioner": 1, "jawaban": [4, 0]}, "U2"),
        ({"no_kuesioner": 1, "jawaban": "4444"}, "daftar"),
        ({"no_kuesioner": 1, "jawaban": [4] * 61}, "paling banyak"),
        ({"no_kuesioner": 1, "jawaban": [], "tanggal": "2024-13-01"}, "tanggal"),
        ({"no_kuesioner": 1, "jawaban": [], "tanggal": 2024}, "tanggal"),
        ({"no_kuesioner": 1, "jawaban": [], "usia": "30"}, "usia"),
        ({"no_kuesioner": 1, "jawaban": [], "usia": 151}, "usia"),
        ({"no_kuesioner": 1, "jawaban": [], "saran": "x" * 5001}, "saran"),
        ({"no_kuesioner": 1, "jawaban": [], "sumber": "pos"}, "sumber"),
        ({"no_kuesioner": 1, "jawaban": [], "posisi": 0}, "posisi"),
        ({"no_kuesioner": 1, "jawaban": [], "jenis_kelamin": ["L"]}, "jenis_kelamin"),
    ],
)
def test_bad_dicts_are_refused_naming_the_field(d, needle):
    with pytest.raises(DomainError, match=needle):
        RespondentRecord.from_dict(d)


def test_number_ranges_and_sumber():
    check_no_range(PAPER_NO_MAX, "kertas")
    check_no_range(KIOSK_NO_MIN, "kiosk")
    for no, sumber in ((1, "kiosk"), (KIOSK_NO_MIN, "kertas"), (KIOSK_NO_MIN, "impor"), (PAPER_NO_MAX + 1, "kiosk")):
        with pytest.raises(DomainError):
            check_no_range(no, sumber)


def test_plausible_dates():
    today = dt.date(2025, 3, 1)
    check_tanggal(TANGGAL_MIN, today)
    check_tanggal(dt.date(2026, 3, 1), today)
    for bad in (dt.date(2016, 12, 31), dt.date(2026, 3, 2)):
        with pytest.raises(DomainError, match="di luar rentang"):
            check_tanggal(bad, today)
    assert tanggal_max(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


choice = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "",
            " Laki-laki",
            "perempuan",
            "L",
            "SMA",
            "s1",
            "Swasta",
            "x",
            "Poli Umum",
            "poli umum ",
            "Tak Ada",
            "Lainnya",
        ]
    ),
)
loose = st.builds(
    RespondentRecord,
    no_kuesioner=st.one_of(st.integers(-1, NO_MAX + 1), st.just("12")),
    answers=st.lists(st.one_of(st.none(), st.integers(0, 5), st.just("a"), st.just(3.0)), min_size=8, max_size=10).map(
        tuple
    ),
    layanan=choice,
    jenis_kelamin=choice,
    usia=st.one_of(st.none(), st.integers(-1, 200), st.just("40")),
    pendidikan=choice,
    pekerjaan=choice,
    saran=st.sampled_from(["", " ok ", "ok"]),
    sumber=st.sampled_from(["kertas", "kiosk", "impor", "", "KIOSK", "pos"]),
    batch=st.sampled_from(["", " B1", "B1"]),
    operator=st.sampled_from(["", "Rina "]),
)


@settings(max_examples=150)
@given(st.lists(loose, max_size=12))
def test_validate_all_agrees_with_validate(recs):
    opts = Options(JENIS_KELAMIN, PENDIDIKAN, PEKERJAAN, ("Poli Umum", "Poli Gigi"))
    ok, bad = validate_all(recs, 9, opts)
    expect_ok, expect_bad = [], []
    for i, r in enumerate(recs):
        try:
            expect_ok.append(validate(r, 9, opts))
        except DomainError as e:
            expect_bad.append((i, str(e)))
    assert ok == expect_ok
    assert [(i, str(e)) for i, _, e in bad] == expect_bad
