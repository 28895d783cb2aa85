"""RekapService: the rules of rekap.md for adding data, settings, and the figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from skm_desktop.domain import rekap
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import ServiceError, survey
from skm_desktop.services.exporting import export_package
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.rekap import DIGANTI, DILEWATI, DITAMBAHKAN, DITOLAK, RekapService
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Pengaturan, RekapPaket, RekapRingkasan, Unit


def dump(db):
    with db.read_session() as s:
        units = sorted((u.nama, u.kelompok) for u in s.query(Unit))
        ps = sorted((p.unit.nama, p.nama, survey.respondent_count(s, p.id)) for p in survey.periode_list(s))
        pk = sorted((r.periode_id, r.sha256) for r in s.query(RekapPaket))
        rows = sorted((r.unit_id, r.tahun, r.periode, r.ikm) for r in s.query(RekapRingkasan))
    return units, ps, pk, rows


@pytest.fixture
def unit_db(tmp_path):
    """A unit's own database: 'Puskesmas Alpha', period 'Semester I 2025' with 30 forms."""
    db = open_database(tmp_path / "alpha.db")
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Alpha")
        pid = survey.create_periode(
            s, u.id, "Semester I 2025", standard_unsur_set(), dt.date(2025, 1, 1), dt.date(2025, 6, 30)
        ).id
    for no in range(1, 31):
        survey.save_respondent(db, pid, RespondentRecord(no, (3 + no % 2,) * 9, dt.date(2025, 2, 1)))
    yield db, pid
    db.close()


@pytest.fixture
def kota(tmp_path):
    db = open_database(tmp_path / "kota.db")
    yield db, RekapService(db)
    db.close()


def test_same_package_twice_changes_nothing_newer_replaces_older_is_skipped(tmp_path, unit_db, kota):
    src, pid = unit_db
    db, svc = kota
    old = tmp_path / "lama.skm"
    export_package(src, old)
    [r] = svc.add_files([old], baru=True).results
    assert r.status == DITAMBAHKAN and r.rows == 30 and r.unit == "Puskesmas Alpha"
    before = dump(db)
    [r] = svc.add_files([old]).results
    assert r.status == DILEWATI and "isi sama" in r.alasan
    assert dump(db) == before
    # the unit keyed 10 more forms and corrected one: the newer package replaces the period
    for no in range(31, 41):
        survey.save_respondent(src, pid, RespondentRecord(no, (2,) * 9, dt.date(2025, 3, 1)))
    with src.read_session() as s:
        rid, rec = survey.load_records(s, pid)[0]
    survey.update_respondent(src, rid, rec.with_(answers=(1,) * 9))
    new = tmp_path / "baru.skm"
    export_package(src, new)
    [r] = svc.add_files([new]).results
    assert r.status == DIGANTI and r.rows == 40
    y = svc.summary(2025)
    with src.read_session() as s:
        from skm_desktop.services import results

        expected = results.summary(s, pid).ikm_konversi
    assert [u.figure.ikm for u in y.units] == [expected] and y.respondents == 40
    assert [(p.periode, p.source) for p in y.units[0].figure.periods] == [("Semester I", "paket")]
    # the older package again: skipped, nothing changes
    before = dump(db)
    [r] = svc.add_files([old]).results
    assert r.status == DILEWATI and "lebih lama" in r.alasan
    assert dump(db) == before
    # unless the operator forces it
    [r] = svc.add_files([old], ganti=True).results
    assert r.status == DIGANTI and svc.summary(2025).respondents == 30


def test_unknown_unit_never_matched_silently(tmp_path, unit_db, kota):
    src, _ = unit_db
    db, svc = kota
    pkg = tmp_path / "alpha.skm"
    export_package(src, pkg)
    sheet = tmp_path / "r.csv"
    sheet.write_text("unit,kelompok,tahun,ikm\nPuskesmas Alfa,Puskesmas,2025,88.10\n", encoding="utf-8")
    assert svc.add_files([sheet], baru=True).results[0].status == DITAMBAHKAN
    before = dump(db)
    [r] = svc.add_files([pkg]).results
    assert r.status == DITOLAK
    assert "'Puskesmas Alpha' belum ada" in r.alasan and "Mirip dengan: 'Puskesmas Alfa'" in r.alasan
    assert dump(db) == before
    # --unit maps it explicitly; raw data then wins over the summary row, with a warning
    [r] = svc.add_files([pkg], unit="Puskesmas Alfa").results
    assert r.status == DITAMBAHKAN and r.unit == "Puskesmas Alfa"
    assert any("mengalahkan ringkasan" in w for w in r.warnings)
    y = svc.summary(2025)
    [u] = y.units
    assert u.figure.source == "paket" and u.figure.kelompok == "Puskesmas"
    assert [c.kind for c in y.checks] == [rekap.CEK_RINGKASAN_DIABAIKAN]


def test_unit_maps_one_unknown_name_only_and_each_file_is_all_or_nothing(tmp_path, kota):
    db, svc = kota
    good = tmp_path / "a.csv"
    good.write_text("unit,tahun,periode,ikm\nKelurahan A,2024,Semester I,80\nKelurahan A,2024,Semester II,82\n")
    two = tmp_path / "b.csv"
    two.write_text("unit,tahun,ikm\nKelurahan B,2024,90\nKelurahan C,2024,91\n")
    bad = tmp_path / "c.csv"
    bad.write_text("unit,tahun,ikm\nKelurahan A,2024,80\nKelurahan A,2024,x\n")
    seen = []
    res = svc.add_files([good, two, bad], unit="Kelurahan Satu", progress=lambda d, t, n: seen.append((d, t, n)))
    assert [r.status for r in res.results] == [DITAMBAHKAN, DITOLAK, DITOLAK]
    assert "--unit hanya berlaku untuk berkas ringkasan berisi satu unit" in res.results[1].alasan
    assert "Baris 3, kolom ikm" in res.results[2].alasan
    assert seen[0] == (0, 3, "a.csv") and seen[-1] == (3, 3, "")
    y = svc.summary(2024)
    assert [(u.figure.unit, u.figure.ikm) for u in y.units] == [("Kelurahan Satu", Fraction(81))]
    # a corrected sheet replaces its rows; the same sheet again is skipped
    good.write_text("unit,tahun,periode,ikm\nKelurahan Satu,2024,Semester I,80\nKelurahan Satu,2024,Semester II,84\n")
    assert svc.add_files([good]).results[0].status == DIGANTI
    assert svc.add_files([good]).results[0].status == DILEWATI
    assert svc.summary(2024).units[0].figure.ikm == 82


def test_settings_targets_sasaran_and_the_previous_year(tmp_path, kota):
    db, svc = kota
    sheet = tmp_path / "r.csv"
    sheet.write_text(
        "unit,kelompok,tahun,ikm,responden\n"
        "Dinas A,Dinas,2024,80.00,90\nDinas A,Dinas,2025,90.00,120\n"
        "Kecamatan B,Kecamatan,2024,89.00,50\nKecamatan B,Kecamatan,2025,85.00,60\nUPT C,UPTD,2024,70,10\n"
    )
    assert svc.add_files([sheet], baru=True).results[0].status == DITAMBAHKAN
    svc.set_target("Dinas A", 2025, 100)
    svc.set_target("Kecamatan B", 2025, 80)
    svc.set_sasaran(2025, "87,50")
    y = svc.summary()
    assert y.tahun == 2025 and y.not_reported == ("UPT C",)
    assert y.changes.naik == 1 and y.changes.turun == 1 and y.changes.mutu_transitions == {"A->B": 1, "B->A": 1}
    assert y.changes.only_previous == ("UPT C",)
    assert [(r.nama, r.target, r.responden) for r in y.realisasi_kelompok] == [
        ("Dinas", 100, 120),
        ("Kecamatan", 80, 60),
    ]
    assert y.realisasi_total.persen == Fraction(180 * 100, 180)
    assert y.sasaran.target == Decimal("87.50") and y.sasaran.tercapai
    doc = svc.summary_json(y)
    assert doc["target"] == 180 and doc["changes"]["mutu_transitions"] == {"A->B": 1, "B->A": 1}
    assert [r["rank"] for r in doc["unit_rows"]] == [1, 2] and doc["unit_rows"][0]["ikm_prev_2dp"] == "80.00"
    with pytest.raises(ServiceError, match="Sasaran IKM 'x'"):
        svc.set_sasaran(2025, "x")
    with pytest.raises(ServiceError, match="Kelompok 'Kantor'"):
        svc.set_kelompok("Dinas A", "Kantor")
    svc.set_kelompok_list([*rekap.KELOMPOK, "Kantor"])
    svc.set_kelompok("Dinas A", "kantor")
    assert {u.nama: u.kelompok for u in svc.units()}["Dinas A"] == "Kantor"
    # settings read back are hostile too: a damaged list or headline falls back to the standard
    with db.session() as s:
        s.get(Pengaturan, "rekap_kelompok").nilai = '{"x": 1}'
        s.add(Pengaturan(kunci="rekap_headline", nilai="apa saja"))
    assert svc.kelompok_list() == rekap.KELOMPOK and svc.headline() == rekap.HEADLINE_MEAN
    with pytest.raises(ServiceError, match="Angka utama rekap"):
        svc.set_headline("rata")


def test_template_and_empty_database(tmp_path, kota):
    _, svc = kota
    with pytest.raises(ServiceError, match="belum berisi data unit"):
        svc.summary()
    out = tmp_path / "templat.xlsx"
    svc.write_template(out)
    assert out.stat().st_size > 0
    [r] = svc.add_files([out]).results
    assert r.status == DITOLAK and "tidak berisi baris ringkasan" in r.alasan
    with pytest.raises(ServiceError, match=".xlsx atau .csv"):
        svc.write_template(tmp_path / "t.pdf")


def test_tallies_of_many_periods_equal_each_periods_own_tally(tmp_path, unit_db):
    """results.tallies (the recap's grouped read) = results.tally period by period, held forms excluded."""
    from skm_desktop.services import results
    from skm_desktop.storage.models import Respondent

    db, pid = unit_db
    with db.session() as s:
        u = survey.find_unit(s, "Puskesmas Alpha")
        other = survey.create_periode(s, u.id, "Semester II 2025", standard_unsur_set()).id
        empty = survey.create_periode(s, u.id, "Kosong", standard_unsur_set()).id
    for no in range(1, 6):
        survey.save_respondent(db, other, RespondentRecord(no, (1, 2, None, 4, 3, 2, 1, 4, 4), dt.date(2025, 8, 1)))
    with db.session() as s:
        for r in s.query(Respondent).filter(Respondent.periode_id == pid, Respondent.no_kuesioner <= 3):
            r.ditahan = True
    with db.read_session() as s:
        many = results.tallies(s, [pid, other, empty])
        for p in (pid, other, empty):
            one = results.tally(s, p)
            assert many[p] == one
            # and both equal a count made by hand from the stored records
            recs = [rec.answers for _, rec in survey.load_records(s, p)]
            assert one.respondents == len(recs)
            assert one.counts == [[0] + [sum(1 for a in recs if a[i] == v) for v in (1, 2, 3, 4)] for i in range(9)]
    assert many[pid].respondents == 27 and many[empty].respondents == 0


def _one_period_package(tmp_path, nama, mulai, selesai, n=12):
    db = open_database(tmp_path / f"{len(nama)}-{mulai}.db")
    with db.session() as s:
        u = survey.create_unit(s, "Dinas Lintas Tahun")
        pid = survey.create_periode(s, u.id, nama, standard_unsur_set(), mulai, selesai).id
    for no in range(1, n + 1):
        survey.save_respondent(db, pid, RespondentRecord(no, (3,) * 9, mulai or dt.date(2025, 2, 1)))
    out = tmp_path / f"paket-{len(nama)}-{mulai}.skm"
    export_package(db, out)
    db.close()
    return out


def test_a_period_across_two_years_counts_for_the_year_of_its_end_as_in_the_unit_report(tmp_path, kota):
    """July 2024 – June 2025 without a year in its name: counted for 2025 (domain.tahunan.tahun_of),
    never silently left out of every recap."""
    from skm_desktop.domain.tahunan import tahun_of

    db, svc = kota
    mulai, selesai = dt.date(2024, 7, 1), dt.date(2025, 6, 30)
    assert rekap.classify_periode("Survei Juli–Juni", mulai, selesai)[0] == tahun_of("Survei Juli–Juni", mulai, selesai)
    [r] = svc.add_files([_one_period_package(tmp_path, "Survei Juli–Juni", mulai, selesai)], baru=True).results
    assert r.status == DITAMBAHKAN and "2025" in r.alasan and not r.warnings
    assert svc.years() == [2025]
    y = svc.summary(2025)
    assert [u.figure.unit for u in y.units] == ["Dinas Lintas Tahun"] and y.respondents == 12


def test_a_period_with_no_year_anywhere_is_named_in_the_add_result(tmp_path, kota):
    db, svc = kota
    [r] = svc.add_files([_one_period_package(tmp_path, "Periode pertama", None, None)], baru=True).results
    assert r.status == DITAMBAHKAN
    assert any("'Periode pertama'" in w and "tidak masuk rekap" in w for w in r.warnings), r.warnings


def test_adding_a_long_sheet_reads_the_stored_rows_once_not_once_per_row(tmp_path, kota):
    """A province sheet (here 150 units × 2 years) added twice: the stored summary rows are
    read in one query, not one SELECT per row (2,000 round trips on PostgreSQL)."""
    from sqlalchemy import event

    from tests.helpers.rekap_city import write_city_sheet

    db, svc = kota
    sheet = write_city_sheet(tmp_path / "prov.csv", 150)
    selects: list[str] = []

    def seen(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "rekap_ringkasan" in statement:
            selects.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        [r] = svc.add_files([sheet], baru=True).results
        assert r.status == DITAMBAHKAN and r.rows == 297
        first = len(selects)
        text = sheet.read_text(encoding="utf-8").replace(",Tahunan,6", ",Tahunan,7")  # some IKM change
        sheet.write_text(text, encoding="utf-8")
        [r] = svc.add_files([sheet]).results
        assert r.status == DIGANTI, r.alasan
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert first <= 3 and len(selects) - first <= 3, len(selects)
    with db.read_session() as s:
        assert s.query(RekapRingkasan).count() == 297


def _with_dibuat_pada(src, out, when):
    """A copy of package ``src`` whose dibuat_pada says ``when``."""
    import json
    import zipfile

    with zipfile.ZipFile(src) as z:
        data = json.loads(z.read("paket.json"))
    data["dibuat_pada"] = when
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("paket.json", json.dumps(data))
    return out


def test_the_same_package_again_is_skipped_by_its_hash_before_it_is_parsed(tmp_path, unit_db, kota, monkeypatch):
    from skm_desktop.io import package

    src, _ = unit_db
    db, svc = kota
    pkg = tmp_path / "a.skm"
    export_package(src, pkg)
    [r] = svc.add_files([pkg], baru=True).results
    assert r.status == DITAMBAHKAN
    calls = []
    real = package.read_package
    monkeypatch.setattr(package, "read_package", lambda p: calls.append(p) or real(p))
    copy = tmp_path / "salinan.skm"
    copy.write_bytes(pkg.read_bytes())
    [r] = svc.add_files([copy]).results
    assert r.status == DILEWATI and "isi sama" in r.alasan and "'Semester I 2025'" in r.alasan
    assert r.unit == "Puskesmas Alpha" and calls == []


def test_package_times_in_other_zones_compare_as_times_not_text(tmp_path, unit_db, kota):
    """10:30+07:00 is 03:30 UTC: older than 04:00Z although its text sorts after it."""
    src, pid = unit_db
    db, svc = kota
    base = tmp_path / "base.skm"
    export_package(src, base)
    first = _with_dibuat_pada(base, tmp_path / "pertama.skm", "2025-07-01T04:00:00.000000Z")
    assert svc.add_files([first], baru=True).results[0].status == DITAMBAHKAN
    survey.save_respondent(src, pid, RespondentRecord(31, (2,) * 9, dt.date(2025, 3, 1)))
    export_package(src, base)
    earlier = _with_dibuat_pada(base, tmp_path / "lebih-awal.skm", "2025-07-01T10:30:00+07:00")
    [r] = svc.add_files([earlier]).results
    assert r.status == DILEWATI and "lebih lama" in r.alasan, r.alasan
    later = _with_dibuat_pada(base, tmp_path / "lebih-baru.skm", "2025-07-01T11:30:00+07:00")
    [r] = svc.add_files([later]).results
    assert r.status == DIGANTI and r.rows == 31, r.alasan
