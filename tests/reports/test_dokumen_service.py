"""services.dokumen.DokumenService: what the Dokumen page reads and writes, as plain data."""

import pytest

from skm_desktop.services import ServiceError
from skm_desktop.services.dokumen import DokumenService, PeriodeInfo


def test_choices_texts_and_generated_wording(db, p100):
    svc = DokumenService(db)
    [info] = svc.periode_list(None)
    assert isinstance(info, PeriodeInfo) and info.id == p100 and info.nama == "Tahun 2024"
    assert [n for _, n in svc.layanan(info.unit_id)] == ["Pemeriksaan Umum"]
    assert svc.teks(info.unit_id, p100, "kata_pengantar").asal == "bawaan"
    svc.simpan_teks(info.unit_id, None, "kata_pengantar", "Teks unit.")
    svc.simpan_teks(info.unit_id, p100, "kata_pengantar", "Teks periode.")
    v = svc.teks(info.unit_id, p100, "kata_pengantar")
    assert (v.isi, v.asal) == ("Teks periode.", "periode")
    svc.kembalikan_teks(info.unit_id, p100, "kata_pengantar", juga_unit=False)
    assert svc.teks(info.unit_id, p100, "kata_pengantar").asal == "unit"
    svc.kembalikan_teks(info.unit_id, p100, "kata_pengantar", juga_unit=True)
    assert svc.teks(info.unit_id, p100, "kata_pengantar").asal == "bawaan"
    assert "NRR" in svc.teks_otomatis(p100, "analisis")
    with pytest.raises(ServiceError, match="kalimat otomatis"):
        svc.teks_otomatis(p100, "kata_pengantar")
    tl = svc.tanggal_laporan(info.unit_id, p100)
    assert tl.asal == "bawaan" and tl.tanggal is not None


def test_rtl_realisation_and_past_ikm(db, p100):
    svc = DokumenService(db)
    [info] = svc.periode_list(None)
    rid = svc.tambah_rtl(p100, "U1", "Papan informasi persyaratan", "jangka pendek", "Kasubag TU")
    view = svc.rtl(p100)
    assert [(r.id, r.unsur_kode, r.jangka) for r in view.items] == [(rid, "U1", "jangka pendek")]
    assert view.summary.respondents == 100 and len(view.unsur_set.unsur) == 9
    with pytest.raises(ServiceError):
        svc.tambah_rtl(p100, "U1", "   ", "", "")  # no programme: refused, nothing stored
    assert len(svc.rtl(p100).items) == 1
    svc.hapus_rtl(rid)
    assert svc.rtl(p100).items == []
    assert svc.realisasi_lalu(p100).periode_id is None  # the unit's first period
    svc.simpan_ikm_lalu(info.unit_id, "2023", "86,89")
    with pytest.raises(ServiceError, match="25–100"):
        svc.simpan_ikm_lalu(info.unit_id, "2022", "120")
    lalu = svc.ikm_lalu(info.unit_id)
    assert [(i.label, str(i.ikm_konversi)) for i in lalu.items] == [("2023", "86.89")] and lalu.mutu["2023"] == "B"
    svc.hapus_ikm_lalu(lalu.items[0].id)
    assert svc.ikm_lalu(info.unit_id).items == []
