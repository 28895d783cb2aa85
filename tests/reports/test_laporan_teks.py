"""Editable laporan texts (period > unit > default), RTL and its realisation,
past IKM typed in by hand."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from skm_desktop.services import ServiceError, survey
from skm_desktop.services import laporan_teks as lt


@pytest.fixture
def unit_periods(db):
    with db.session() as s:
        u = survey.create_unit(s, "Kecamatan Maju", kota="Kota Uji")
        a = survey.create_periode(s, u.id, "2023", None, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        b = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        return u.id, a.id, b.id


def test_text_precedence_and_default_wording(db, unit_periods):
    uid, a, b = unit_periods
    with db.session() as s:
        v = lt.get_teks(s, uid, b, "kata_pengantar")
        assert v.asal == "bawaan" and "Kecamatan Maju" in v.isi and "2024" in v.isi
        jadwal = lt.jadwal_rows(lt.get_teks(s, uid, b, "jadwal").isi)
        assert jadwal[1] == ("Pengumpulan data", "1 Januari – 31 Desember 2024")
        assert jadwal[0][1] == "Desember 2023"
        lt.set_teks(s, uid, None, "pelaksana", "Tim unit.")
        lt.set_teks(s, uid, b, "pelaksana", "Tim khusus 2024.")
    with db.session() as s:
        assert lt.get_teks(s, uid, a, "pelaksana").isi == "Tim unit."
        assert lt.get_teks(s, uid, b, "pelaksana").asal == "periode"
        lt.reset_teks(s, uid, b, "pelaksana")
        assert lt.get_teks(s, uid, b, "pelaksana").isi == "Tim unit."
        with pytest.raises(ServiceError, match="tidak dikenal"):
            lt.set_teks(s, uid, b, "bab_vi", "x")
        with pytest.raises(ServiceError, match="14-12-2024"):
            lt.set_teks(s, uid, b, "tanggal_laporan", "32-13-2024")
        lt.set_teks(s, uid, b, "tanggal_laporan", "14-12-2024")
        assert lt.tanggal_laporan(s, uid, b) == dt.date(2024, 12, 14)
        assert lt.tanggal_laporan(s, uid, a) == dt.date(2024, 1, 20)  # default: 20 days after collection
        assert lt.get_teks(s, uid, a, "tanggal_laporan").isi == "20 Januari 2024"
        assert lt.jadwal_rows(lt.get_teks(s, uid, a, "jadwal").isi)[-1][1] == "Januari 2024"
        # the jadwal's reporting month follows the report date the operator set
        assert lt.jadwal_rows(lt.get_teks(s, uid, b, "jadwal").isi)[-1][1] == "Desember 2024"
        lt.set_teks(s, uid, b, "tanggal_laporan", "3 Februari 2025")
        assert lt.tanggal_laporan(s, uid, b) == dt.date(2025, 2, 3)
        assert lt.jadwal_rows(lt.get_teks(s, uid, b, "jadwal").isi)[-1][1] == "Februari 2025"


def test_rtl_crud_waktu_and_realisasi(db, unit_periods):
    uid, a, b = unit_periods
    with db.session() as s:
        r1 = lt.add_rtl(s, a, "u3", "Menambah loket", "TW III, tw i", "Kasi")
        r2 = lt.add_rtl(s, a, "U8", "Kanal pengaduan daring", "Jangka Pendek", "Humas")
        items = lt.list_rtl(s, a)
        assert [i.unsur_kode for i in items] == ["U3", "U8"]
        assert items[0].waktu == "TW I,TW III" and items[0].triwulan == ("TW I", "TW III")
        assert items[1].jangka == "jangka pendek" and items[1].triwulan == ()
        with pytest.raises(ServiceError, match="TW I–TW IV"):
            lt.add_rtl(s, a, "U1", "x", "bulan depan")
        with pytest.raises(ServiceError, match="wajib diisi"):
            lt.add_rtl(s, a, "U1", "   ")
        assert lt.realisasi(s, a).persen == 0
        lt.set_realisasi(s, r1, "Sudah", "Loket dibuka.")
        with pytest.raises(ServiceError, match="sudah atau belum"):
            lt.set_realisasi(s, r2, "mungkin")
    with db.session() as s:
        real = lt.realisasi(s, a)
        assert (real.sudah, real.direncanakan, real.persen) == (1, 2, Fraction(50))
        assert lt.previous_periode(s, b).id == a and lt.previous_periode(s, a) is None
        assert lt.realisasi(s, b).persen is None
        lt.delete_rtl(s, r2)
        assert len(lt.list_rtl(s, a)) == 1


def test_manual_ikm(db, unit_periods):
    uid, _, _ = unit_periods
    with db.session() as s:
        lt.set_ikm_manual(s, uid, "2021", "86,885")
        lt.set_ikm_manual(s, uid, "2022", "79.5")
        assert [(i.label, i.ikm_konversi) for i in lt.list_ikm_manual(s, uid)] == [
            ("2021", Decimal("86.89")),
            ("2022", Decimal("79.50")),
        ]
        lt.set_ikm_manual(s, uid, "2022", "80")
        assert lt.list_ikm_manual(s, uid)[1].ikm_konversi == Decimal("80.00")
        for bad, msg in (("abc", "bukan angka"), ("120", "25–100"), ("10", "25–100")):
            with pytest.raises(ServiceError, match=msg):
                lt.set_ikm_manual(s, uid, "2020", bad)
        with pytest.raises(ServiceError, match="wajib diisi"):
            lt.set_ikm_manual(s, uid, " ", "80")
        lt.delete_ikm_manual(s, lt.list_ikm_manual(s, uid)[0].id)
        assert len(lt.list_ikm_manual(s, uid)) == 1
