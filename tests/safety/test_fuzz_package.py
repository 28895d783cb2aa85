"""Hypothesis fuzzes the .skm package importer: broken or hand-edited packages
are refused with a message and store nothing."""

import io
import json
import shutil
import sqlite3
import uuid
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skm_desktop.services import ServiceError
from skm_desktop.services.demo import create_demo
from skm_desktop.services.exporting import export_package, import_package
from skm_desktop.storage.database import open_database

TABLES = ("unit", "periode", "unsur", "layanan", "opsi", "responden", "jawaban", "rtl")
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.integers(-2, 6), max_size=12),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzzpkg")
    src = open_database(d / "unit.db")
    create_demo(src, n=30)
    pkg = d / "asli.skm"
    export_package(src, pkg, "Semester II 2024")
    src.close()
    data = json.loads(zipfile.ZipFile(pkg).read("paket.json"))
    target = d / "kota.db"
    open_database(target).close()
    return d, data, target


def _paths(data):
    """Every (container, key) in the package, to pick one to damage."""
    out = []

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                out.append((x, k))
                walk(v)
        elif isinstance(x, list):
            for i, v in enumerate(x[:3]):
                out.append((x, i))
                walk(v)

    walk(data)
    return out


def _counts(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data(), n=st.integers(1, 3))
def test_damaged_package_refused_or_imported_whole(setup, data, n):
    d, original, target = setup
    pkg = json.loads(json.dumps(original))
    for _ in range(n):
        paths = _paths(pkg)
        container, key = paths[data.draw(st.integers(0, len(paths) - 1))]
        if data.draw(st.booleans()) and isinstance(container, dict):
            del container[key]
        else:
            container[key] = data.draw(JUNK)
    f = d / f"{uuid.uuid4().hex}.skm"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("paket.json", json.dumps(pkg, default=str))
    f.write_bytes(buf.getvalue())
    db_path = d / f"{uuid.uuid4().hex}.db"
    shutil.copy(target, db_path)
    before = _counts(db_path)
    db = open_database(db_path, create=False)
    try:
        r = import_package(db, f)
    except ServiceError as e:
        assert str(e).strip()
        assert _counts(db_path) == before, "refused package changed the database"
        return
    finally:
        db.close()
    after = _counts(db_path)
    assert after["responden"] - before["responden"] == r.imported
