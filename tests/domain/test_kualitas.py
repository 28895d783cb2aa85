"""Verification statistics (domain.kualitas) and the keyed-field parsing (domain.isian)."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skm_desktop.domain import kualitas as kq
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.isian import Isian, base_and_unsur, parse_value, show_value
from skm_desktop.domain.kualitas import ItemDiketik, Kertas, SelisihNilai


def test_rates():
    assert kq.per_1000(3, 600) == Fraction(5)
    assert kq.per_1000(3, 0) is None
    assert kq.ketukan_per_jam(120, 60_000) == Fraction(7200)  # 120 keys in a minute
    assert kq.ketukan_per_jam(120, 0) is None


def test_wilson_interval_known_values():
    lo, hi = kq.selang_wilson_95(0, 1000)
    assert 0 <= lo < Decimal("1e-9") and Decimal("3.82") < hi < Decimal("3.84")  # z² / (n + z²) per 1,000
    lo, hi = kq.selang_wilson_95(10, 1000)
    assert Decimal("5.4") < lo < Decimal("5.5") and Decimal("18.2") < hi < Decimal("18.4")
    assert kq.selang_wilson_95(0, 0) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 100_000), st.data())
def test_wilson_interval_holds_the_rate(n, data):
    k = data.draw(st.integers(0, n))
    lo, hi = kq.selang_wilson_95(k, n)
    rate = Decimal(k * 1000) / Decimal(n)
    assert 0 <= lo <= rate + Decimal("1e-9") and rate - Decimal("1e-9") <= hi <= 1000


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 100), st.integers(1, 5000))
def test_sample_size_rounds_up_and_stays_in_the_pool(persen, n):
    k = kq.ukuran_sampel(persen, n)
    assert 1 <= k <= n and k * 100 >= persen * n and (k - 1) * 100 < max(persen * n, 100)


def test_sample_draw_is_reproducible_by_seed():
    pool = list(range(50))
    a, b = kq.pilih_sampel(pool, 10, benih=7), kq.pilih_sampel(pool, 10, benih=7)
    assert a == b and len(a) == 5 and len(set(a)) == 5 and set(a) <= set(pool)
    assert kq.ukuran_sampel(50, 7) == 4 and kq.ukuran_sampel(1, 3) == 1


def test_paper_order_and_natural_batches():
    forms = [
        Kertas(1, 5, "B10", 1, "a"),
        Kertas(2, 3, "B2", None, "a"),
        Kertas(3, 4, "B2", 2, "a"),
        Kertas(4, 1, None, None, "a"),
    ]
    # keying order sorts batch labels as text (as before the split); the status list sorts them naturally
    assert [f.id for f in sorted(forms, key=kq.urutan_kertas)] == [4, 1, 3, 2]
    st_ = kq.status_bundel(forms, verified={1, 2, 3}, open_batch_jobs={"B2": 9})
    assert [(b.label, b.n_kuesioner, b.n_terverifikasi, b.status, b.job_id) for b in st_] == [
        ("B2", 2, 2, kq.STATUS_SELESAI, 9),
        ("B10", 1, 1, kq.STATUS_SELESAI, None),
        (kq.TANPA_BATCH, 1, 0, kq.STATUS_BELUM, None),
    ]
    assert kq.status_bundel([Kertas(5, 1, "B1", 1, "a")], set(), {"B1": 3})[0].status == kq.STATUS_SEDANG


def scenario():
    items = [
        ItemDiketik(1, "rina", "budi", 10, "selesai"),
        ItemDiketik(2, "rina", "budi", 10, "diketik"),
        ItemDiketik(3, "", "budi", 10, "selesai"),
    ]
    diffs = [
        SelisihNilai(1, "2", "3", "3"),  # the paper says 3: rina's error
        SelisihNilai(1, "", "4", ""),  # the paper is blank: budi's error
        SelisihNilai(2, "1", "2", None),
    ]  # not resolved yet
    return items, diffs


def test_operator_statistics():
    items, diffs = scenario()
    rows = kq.statistik_operator([("rina", 3), ("", 1)], [("budi", 600, 60_000), ("rina", None, None)], items, diffs)
    by = {r.operator: r for r in rows}
    assert [r.operator for r in rows] == ["budi", "rina", "(tanpa nama)"]
    assert (
        by["rina"].kuesioner_entri,
        by["rina"].isian_diperiksa,
        by["rina"].selisih,
        by["rina"].kesalahan,
        by["rina"].belum_diselesaikan,
    ) == (3, 20, 3, 1, 1)
    assert (by["budi"].kuesioner_verifikasi, by["budi"].isian_diperiksa, by["budi"].kesalahan) == (3, 30, 1)
    assert by["budi"].ketukan_per_jam == 36_000 and by["rina"].ketukan_per_jam is None
    assert by["rina"].kesalahan_per_1000 == Fraction(50) and by["budi"].selisih_per_1000 == Fraction(100)


def test_period_estimate_counts_finished_forms_only():
    items, diffs = scenario()
    est = kq.perkiraan_kesalahan(12, 10, 2, 10, items, diffs)
    assert (est.isian_diperiksa, est.selisih, est.kesalahan, est.belum_diselesaikan) == (20, 2, 1, 1)
    assert est.kesalahan_per_1000 == Fraction(50) and est.porsi_terverifikasi == Fraction(1, 5)
    assert est.isian_belum_diverifikasi == 80 and est.perkiraan_isian_salah == Fraction(4)
    assert est.perkiraan_per_1000_data == Fraction(40)
    lines = kq.ringkasan_lines(est)
    assert "50,00 per 1.000 isian" in lines[2] and "Masih ada 1 selisih" in lines[-1]
    empty = kq.perkiraan_kesalahan(0, 0, 0, 10, [], [])
    assert empty.porsi_terverifikasi is None and empty.selang_95 is None
    assert "belum dapat diperkirakan" in kq.ringkasan_lines(empty)[1]


def test_verified_share_sentence():
    items, diffs = scenario()
    est = kq.perkiraan_kesalahan(12, 10, 2, 10, items, diffs)
    batches = [
        kq.BatchStatus("B1", 2, 2, kq.STATUS_SELESAI, None),
        kq.BatchStatus("B2", 8, 0, kq.STATUS_BELUM, None),
        kq.BatchStatus("", 3, 0, kq.STATUS_BELUM, None),
    ]
    share = kq.bagian_terverifikasi(est, batches)
    assert (share.n_batch, share.n_batch_terverifikasi) == (2, 1)
    assert share.kalimat() == (
        "Sebanyak 2 dari 10 kuesioner kertas (20,00%) telah diverifikasi dengan entri ganda; "
        "1 dari 2 batch terverifikasi penuh; kesalahan pengetikan yang ditemukan 50,00 "
        "per 1.000 isian dan sudah dibetulkan sesuai kertas."
    )
    none = kq.bagian_terverifikasi(kq.perkiraan_kesalahan(3, 3, 0, 10, [], []), [])
    assert none.kalimat() == "Belum ada kuesioner yang diverifikasi dengan entri ganda."


def test_keyed_values():
    fields = base_and_unsur({"jenis_kelamin": ("Laki-laki", "Perempuan")}, ["U1", "U2"])
    assert [f.key for f in fields][-2:] == ["u1", "u2"] and fields[2].pilihan == ("Laki-laki", "Perempuan")
    tgl = fields[0]
    assert parse_value(tgl, "04032025") == "2025-03-04"
    assert parse_value(tgl, "04/03/25") == "2025-03-04"
    assert parse_value(tgl, "") == "" and show_value("tanggal", "2025-03-04") == "4 Maret 2025"
    for bad in ("31022025", "abc"):
        with pytest.raises(DomainError):
            parse_value(tgl, bad)
    assert parse_value(fields[2], "2") == "Perempuan"
    with pytest.raises(DomainError, match="pilihan 1 sampai 2"):
        parse_value(fields[2], "3")
    assert parse_value(Isian("u1", "U1"), "3") == "3" and parse_value(Isian("u1", "U1"), "-") == ""
    assert dt.date.fromisoformat(parse_value(tgl, "1.2.2024")) == dt.date(2024, 2, 1)
