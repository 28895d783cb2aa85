"""A print run of scannable sheets (domain.pindai.Cetakan): every number printed fits the marks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skm_desktop.domain import pindai as dp
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import PAPER_NO_MAX


@given(
    periode=st.integers(-5, dp.PERIODE_MAX + 5),
    jumlah=st.integers(-5, dp.COPIES_MAX + 5),
    mulai=st.integers(-5, PAPER_NO_MAX + 5),
)
def test_a_run_is_made_only_when_every_sheet_can_carry_its_codes(periode, jumlah, mulai):
    fits = (
        1 <= periode <= dp.PERIODE_MAX
        and 1 <= jumlah <= dp.COPIES_MAX
        and 1 <= mulai <= mulai + jumlah - 1 <= PAPER_NO_MAX
    )
    if not fits:
        with pytest.raises(DomainError):
            dp.Cetakan(periode, jumlah, mulai)
        return
    c = dp.Cetakan(periode, jumlah, mulai)
    assert list(c.nomor) == list(range(mulai, mulai + jumlah))
    assert c.terakhir == c.nomor[-1]
    for no in (c.nomor[0], c.nomor[-1]):  # the code of the first and last sheet encodes and reads back
        assert dp.decode([1.0 if b else 0.0 for b in dp.encode(no, periode, 0x5A)]) == dp.Code(no, periode, 0x5A)


def test_the_refusals_say_what_to_change():
    with pytest.raises(DomainError, match="Jumlah salinan 0 harus 1 sampai"):
        dp.Cetakan(1, 0)
    with pytest.raises(DomainError, match="melewati batas nomor kertas"):
        dp.Cetakan(1, 10, PAPER_NO_MAX - 3)
    with pytest.raises(DomainError, match="Kode periode .* terlalu besar"):
        dp.Cetakan(dp.PERIODE_MAX + 1)
