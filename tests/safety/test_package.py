""".skm package: a unit hands a whole period to the city office; re-import adds nothing."""

import json
import sqlite3
import zipfile

import pytest
from sqlalchemy import select, update

from skm_desktop.cli import main
from skm_desktop.services import results, survey
from skm_desktop.services.demo import create_demo
from skm_desktop.services.exporting import export_package, import_package
from skm_desktop.services.importing import ImportRefused
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Respondent, Rtl

PERIODE = "Semester II 2024"
TABLES = ("unit", "periode", "unsur", "layanan", "opsi", "responden", "jawaban", "rtl")


def _counts(db):
    con = sqlite3.connect(db.path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _period_state(db, name=PERIODE):
    with db.read_session() as s:
        p = survey.find_periode(s, name)
        sm = results.summary_dict(s, p.id)
        return {
            "records": [r for _, r in survey.load_records(s, p.id)],
            "unsur": survey.unsur_set(s, p.id),
            "layanan": list(survey.options(s, p.unit_id).layanan),
            "rtl": [
                (r.urutan, r.unsur_kode, r.program, r.waktu, r.penanggung_jawab, r.realisasi)
                for r in s.scalars(select(Rtl).where(Rtl.periode_id == p.id).order_by(Rtl.urutan))
            ],
            "summary": json.dumps(sm, sort_keys=True, default=str),
        }


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    d = tmp_path_factory.mktemp("paket")
    db = open_database(d / "unit.db")
    create_demo(db, n=120)
    pkg = d / "periode.skm"
    n = export_package(db, pkg, PERIODE)
    yield db, pkg, n
    db.close()


def test_round_trip_into_another_installation(tmp_path, source):
    src, pkg, n = source
    assert n > 0
    city = open_database(tmp_path / "kota.db")
    r = import_package(city, pkg)
    assert (r.imported, r.skipped_identical) == (n, 0)
    a, b = _period_state(src), _period_state(city)
    assert a["rtl"], "the demo period has an RTL to carry over"
    assert a == b
    city.close()


def test_reimport_adds_nothing(tmp_path, source):
    _, pkg, n = source
    city = open_database(tmp_path / "kota.db")
    import_package(city, pkg)
    before = _counts(city)
    r = import_package(city, pkg)
    assert (r.imported, r.skipped_identical) == (0, n)
    assert _counts(city) == before
    city.close()


def test_new_questionnaires_of_a_later_package_are_added(tmp_path, source):
    src, pkg, n = source
    city = open_database(tmp_path / "kota.db")
    import_package(city, pkg)
    # the unit keys three more forms and sends the period again
    unit_copy = open_database(tmp_path / "unit2.db")
    import_package(unit_copy, pkg)
    with unit_copy.read_session() as s:
        p = survey.find_periode(s, PERIODE)
        last = survey.load_records(s, p.id)[-1][1]
        nxt = survey.next_no(s, p.id)
    for k in range(3):
        survey.save_respondent(unit_copy, p.id, last.with_(no_kuesioner=nxt + k, posisi=None))
    pkg2 = tmp_path / "periode-2.skm"
    export_package(unit_copy, pkg2, PERIODE)
    r = import_package(city, pkg2)
    assert (r.imported, r.skipped_identical) == (3, n)
    assert _period_state(city) == _period_state(unit_copy)
    city.close()
    unit_copy.close()


def test_conflicting_content_is_refused_and_nothing_stored(tmp_path, source):
    _, pkg, _ = source
    city = open_database(tmp_path / "kota.db")
    import_package(city, pkg)
    with city.read_session() as s:
        p = survey.find_periode(s, PERIODE)
        rid, rec = survey.load_records(s, p.id)[4]
    changed = rec.with_(answers=tuple(1 if a != 1 else 2 for a in rec.answers))
    survey.update_respondent(city, rid, changed)
    before = _counts(city)
    with pytest.raises(ImportRefused) as e:
        import_package(city, pkg)
    assert f"no. {rec.no_kuesioner}" in str(e.value) and "berbeda" in str(e.value)
    assert _counts(city) == before
    with city.read_session() as s:
        assert dict(survey.load_records(s, p.id))[rid] == changed
    city.close()


def test_held_questionnaire_with_the_same_number_is_not_a_crash(tmp_path, source):
    """A number held aside (ditahan) in the receiving period: refused or skipped, never a database error."""
    _, pkg, n = source
    city = open_database(tmp_path / "kota.db")
    import_package(city, pkg)
    with city.session() as s:
        p = survey.find_periode(s, PERIODE)
        s.execute(
            update(Respondent).where(Respondent.periode_id == p.id, Respondent.no_kuesioner == 3).values(ditahan=True)
        )
    before = _counts(city)
    r = import_package(city, pkg)
    assert r.imported == 0
    assert _counts(city) == before
    city.close()


def test_different_unsur_set_is_refused(tmp_path, source, std_set):
    _, pkg, _ = source
    city = open_database(tmp_path / "kota.db")
    with city.session() as s:
        u = survey.create_unit(s, "Kelurahan Sukamaju")
        from skm_desktop.services.importing import unsur_set_for_columns

        survey.create_periode(s, u.id, PERIODE, unsur_set_for_columns(11))
    before = _counts(city)
    with pytest.raises(ImportRefused, match="Set unsur"):
        import_package(city, pkg)
    assert _counts(city) == before
    city.close()


@pytest.mark.parametrize("damage", ["truncated", "not-zip", "no-json", "wrong-format", "bad-record"])
def test_broken_package_refused_with_message(tmp_path, source, damage, capsys):
    _, pkg, _ = source
    bad = tmp_path / "rusak.skm"
    raw = pkg.read_bytes()
    if damage == "truncated":
        bad.write_bytes(raw[: len(raw) // 2])
    elif damage == "not-zip":
        bad.write_text("bukan paket")
    else:
        data = json.loads(zipfile.ZipFile(pkg).read("paket.json"))
        with zipfile.ZipFile(bad, "w") as z:
            if damage == "no-json":
                z.writestr("lain.txt", "x")
            elif damage == "wrong-format":
                z.writestr("paket.json", json.dumps({**data, "format": "lain"}))
            else:
                data["responden"][7]["jawaban"] = [9] * 9
                z.writestr("paket.json", json.dumps(data))
    city = tmp_path / "kota.db"
    code = main(["import", "--db", str(city), str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and err.strip() and "Traceback" not in err
    if city.exists():
        db = open_database(city)
        assert _counts(db)["responden"] == 0
        db.close()
