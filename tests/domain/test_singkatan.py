from hypothesis import given
from hypothesis import strategies as st

from skm_desktop.domain.formatting import singkat, singkatan_layanan


def test_layanan_short_names_tell_them_apart():
    names = [
        "Surat Keterangan Domisili",
        "Surat Keterangan Tidak Mampu",
        "Surat Pengantar Nikah",
        "Legalisasi Dokumen",
        "Pengantar KTP-el dan KK",
    ]
    short = [singkatan_layanan(n) for n in names]
    assert short[:4] == ["SK Domisili", "SK Tidak Mampu", "S Pengantar Nikah", "Legalisasi Dokumen"]
    assert len(set(short)) == len(short)
    assert singkatan_layanan("Surat Pengantar Nikah", maks=10) == "SP Nikah"


def test_option_short_forms():
    assert singkat("Pelajar/Mahasiswa", 8) == "Pelajar"
    assert singkat("SD ke bawah", 8) == "SD"
    assert singkat("Wirausaha", 8) == "Wirausa…"
    assert singkat("Perempuan", 10) == "Perempuan"
    assert singkat("PNS", 8) == "PNS"


@given(st.text(min_size=1, max_size=120), st.integers(min_value=4, max_value=40))
def test_short_names_never_exceed_the_bound(text, maks):
    assert len(singkatan_layanan(text, maks)) <= maks
    assert len(singkat(text, maks)) <= maks
