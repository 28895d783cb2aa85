"""The recap's editable kelompok list (rekap.md: "Sekretariat, … Lainnya — editable list"):
add, rename (carried to every unit that has the kelompok, in one transaction), remove
(refused while units have it, naming how many and a few), reorder, the standard list
restored; empty, duplicate and too long names refused. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from skm_desktop.domain import rekap
from skm_desktop.services import ServiceError
from skm_desktop.services.rekap import KELOMPOK_NAME_MAX, RekapService
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Pengaturan, Unit


@pytest.fixture
def kota(new_db, tmp_path):
    db = open_database(new_db("kota.db"))
    sheet = tmp_path / "r.csv"
    rows = [f"Dinas {n},Dinas,2025,80" for n in ("Sosial", "Kesehatan", "Pendidikan", "Perhubungan", "Pertanian")]
    rows += ["Kecamatan Barat,Kecamatan,2025,82", "UPT Pasar,UPT,2025,79"]
    sheet.write_text("unit,kelompok,tahun,ikm\n" + "\n".join(rows) + "\n", encoding="utf-8")
    svc = RekapService(db)
    assert {r.status for r in svc.add_files([sheet], baru=True).results} == {"ditambahkan"}
    yield db, svc
    db.close()


def kelompok_of(svc) -> dict[str, str]:
    return {u.nama: u.kelompok for u in svc.units()}


def test_add_rename_carries_units_remove_refused_while_used(kota):
    db, svc = kota
    assert svc.kelompok_list() == rekap.KELOMPOK
    assert svc.kelompok_usage() == {"Dinas": 5, "Kecamatan": 1, "UPT": 1}
    # a new kelompok goes before "Lainnya"; its name is tidied
    assert svc.add_kelompok("  Rumah   Sakit ") == "Rumah Sakit"
    assert svc.kelompok_list() == (*rekap.KELOMPOK[:-1], "Rumah Sakit", "Lainnya")
    # renaming carries every unit along, in the list's place
    assert svc.rename_kelompok("dinas", "Dinas Daerah") == 5
    lst = svc.kelompok_list()
    assert lst[2] == "Dinas Daerah" and "Dinas" not in lst
    assert [n for n, k in kelompok_of(svc).items() if k == "Dinas Daerah"] == [
        "Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan", "Dinas Pertanian", "Dinas Sosial",
    ]  # fmt: skip
    assert svc.summary(2025).units[0].figure.kelompok in {"Dinas Daerah", "Kecamatan", "UPT"}
    svc.set_kelompok("Kecamatan Barat", "dinas daerah")  # the renamed one is a choice now
    assert kelompok_of(svc)["Kecamatan Barat"] == "Dinas Daerah"
    # a case-only rename is a rename, not a duplicate
    assert svc.rename_kelompok("UPT", "Upt") == 1 and kelompok_of(svc)["UPT Pasar"] == "Upt"
    # removing one units still have: refused, naming how many and a few, nothing changed
    before = (svc.kelompok_list(), kelompok_of(svc))
    with pytest.raises(
        ServiceError, match=r"'Dinas Daerah' masih dipakai 6 unit \('Dinas Kesehatan', .* dan 3 unit lain\)"
    ):
        svc.remove_kelompok("Dinas Daerah")
    with pytest.raises(ServiceError, match=r"'Upt' masih dipakai 1 unit \('UPT Pasar'\)"):
        svc.remove_kelompok("upt")
    assert (svc.kelompok_list(), kelompok_of(svc)) == before
    # an unused one goes; a name not in the list is named
    svc.remove_kelompok("Rumah Sakit")
    assert "Rumah Sakit" not in svc.kelompok_list()
    with pytest.raises(ServiceError, match="'Kantor' tidak ada di daftar"):
        svc.remove_kelompok("Kantor")
    with pytest.raises(ServiceError, match="'Kantor' tidak ada di daftar"):
        svc.rename_kelompok("Kantor", "Biro")
    # reordering keeps every name
    rev = list(reversed(svc.kelompok_list()))
    svc.set_kelompok_list(rev)
    assert list(svc.kelompok_list()) == rev


def test_bad_names_refused_and_nothing_stored(kota):
    db, svc = kota
    svc.add_kelompok("Biro")
    before = (svc.kelompok_list(), kelompok_of(svc))
    with pytest.raises(ServiceError, match="'Biro' sudah ada di daftar"):
        svc.add_kelompok("  biro ")
    with pytest.raises(ServiceError, match="'Kecamatan' sudah ada di daftar"):
        svc.rename_kelompok("Dinas", "KECAMATAN")  # would merge two kelompok: refused, units untouched
    with pytest.raises(ServiceError, match=f"paling panjang {KELOMPOK_NAME_MAX} huruf"):
        svc.add_kelompok("x" * (KELOMPOK_NAME_MAX + 1))
    with pytest.raises(ServiceError, match=f"paling panjang {KELOMPOK_NAME_MAX} huruf"):
        svc.rename_kelompok("Dinas", "D" * 200)
    with pytest.raises(ServiceError, match="masih kosong"):
        svc.rename_kelompok("Dinas", "   ")
    with pytest.raises(ServiceError, match="masih kosong"):
        svc.add_kelompok("")
    with pytest.raises(ServiceError, match="1–50 nama"):
        svc.set_kelompok_list(["", " "])
    with pytest.raises(ServiceError, match="1–50 nama"):
        svc.set_kelompok_list([f"K{i}" for i in range(51)])
    assert (svc.kelompok_list(), kelompok_of(svc)) == before


def test_restore_the_standard_list(kota):
    db, svc = kota
    svc.add_kelompok("Biro")
    svc.rename_kelompok("Dinas", "Dinas Daerah")
    with pytest.raises(ServiceError, match="'Dinas Daerah' masih dipakai 5 unit"):
        svc.reset_kelompok_list()  # the renamed units would lose their kelompok: refused
    svc.rename_kelompok("Dinas Daerah", "Dinas")
    svc.reset_kelompok_list()
    assert svc.kelompok_list() == rekap.KELOMPOK and kelompok_of(svc)["Dinas Sosial"] == "Dinas"
    # a damaged stored list reads as the standard one, and is still replaced in one piece
    with db.session() as s:
        s.get(Pengaturan, "rekap_kelompok").nilai = '["Dinas", 7]'
    assert svc.kelompok_list() == rekap.KELOMPOK
    assert svc.add_kelompok("Biro") == "Biro" and svc.kelompok_list()[-2:] == ("Biro", "Lainnya")


def test_rename_is_one_transaction(kota, monkeypatch):
    """A failure while storing the list leaves the units' kelompok as it was."""
    db, svc = kota
    import skm_desktop.services.rekap as mod

    def broken(s, key, value):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(mod, "_put", broken)
    with pytest.raises(RuntimeError):
        svc.rename_kelompok("Dinas", "Dinas Daerah")
    with db.read_session() as s:
        assert {u.kelompok for u in s.query(Unit) if u.nama.startswith("Dinas")} == {"Dinas"}


def test_the_figures_and_documents_follow_the_operators_kelompok_order(kota):
    """Realisasi per kelompok and the documents' kelompok lists in the order of the edited
    list, not the standard one."""
    from skm_desktop.services import rekap_dokumen

    db, svc = kota
    standard = [k for k in rekap.KELOMPOK if k in ("Dinas", "Kecamatan", "UPT")]
    assert [r.nama for r in svc.summary(2025).realisasi_kelompok] == standard
    svc.set_kelompok_list(["UPT", "Kecamatan", "Dinas", "Lainnya"])
    assert [r.nama for r in svc.summary(2025).realisasi_kelompok] == ["UPT", "Kecamatan", "Dinas"]
    doc = rekap_dokumen.dokumen(db, 2025)
    assert [k for k, _ in doc.kelompok_units] == ["UPT", "Kecamatan", "Dinas"]
    assert [r.nama for r in doc.realisasi_kelompok] == ["UPT", "Kecamatan", "Dinas"]
