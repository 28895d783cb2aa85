"""A database on a PostgreSQL server: addresses, first connection, refusals, migration.
The server tests use the real test server (build/setup-test.sh); none is mocked."""

import socket
from pathlib import Path

import pytest
from sqlalchemy import text

from skm_desktop.storage import database as dbm
from skm_desktop.storage.database import DatabaseError, NewerDatabase, NotSkmDatabase, open_database
from skm_desktop.storage.network import _windows_remote, is_network_fs_type, linux_fs_type, network_share_warning
from skm_desktop.storage.server import ServerUrlError, is_server_url, parse_server_url


# ------------------------------------------------------------------ addresses (no server needed)
@pytest.mark.parametrize(
    "url",
    [
        "postgresql://skm:rahasia@db.kantor/skm",
        "postgresql://skm:@db.kantor/skm",
        "postgresql://skm@db.kantor/skm?password=rahasia",
    ],
)
def test_password_in_url_refused_with_pgpass_hint(url):
    with pytest.raises(DatabaseError) as e:
        open_database(url)
    msg = str(e.value)
    assert "kata sandi" in msg and "pgpass" in msg
    assert "rahasia" not in msg


@pytest.mark.parametrize(
    "url,word",
    [
        ("postgresql://db.kantor/skm", "pengguna"),
        ("postgresql://skm@/skm", "host"),
        ("postgresql://skm@db.kantor/", "basis data"),
        ("postgresql://skm@db.kantor:99999/skm", "tidak sah"),
        ("postgresql://skm@db.kantor/skm?sslmode=never", "sslmode"),
        ("postgresql://skm@db.kantor/skm?host=/tmp", "tidak dikenal"),
        ("postgresql://skm@db.kantor/s;drop", "tidak sah"),
        ("postgresql://skm@db.kantor/" + "x" * 2000, "terlalu panjang"),
    ],
)
def test_bad_addresses_refused_in_indonesian(url, word):
    with pytest.raises(ServerUrlError, match=word):
        parse_server_url(url)


def test_address_parsed_and_tls_left_to_libpq_default():
    s = parse_server_url("postgresql://skm_op@10.0.0.5/skm_kota")
    assert (s.user, s.host, s.port, s.database) == ("skm_op", "10.0.0.5", 5432, "skm_kota")
    assert "sslmode" not in s.sqlalchemy_url().query  # libpq's default: prefer
    assert s.display == "postgresql://skm_op@10.0.0.5:5432/skm_kota"
    assert parse_server_url("postgres://a@h:6543/d?sslmode=require").options == (("sslmode", "require"),)
    assert is_server_url("postgresql://a@h/d") and not is_server_url("C:/data/skm.db")


def test_unreachable_server_names_host_port_database():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(DatabaseError) as e:
        open_database(f"postgresql://skm@127.0.0.1:{port}/skm_kota")
    msg = str(e.value)
    assert f"127.0.0.1:{port}" in msg and "skm_kota" in msg and "Traceback" not in msg


# ------------------------------------------------------------------ network shares
MOUNTS = """sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw 0 0
//nas/skm /mnt/kantor cifs rw 0 0
nas:/export /srv/data\\040bersama nfs4 rw 0 0
tmpfs /mnt/kantor/tmp tmpfs rw 0 0
"""


def test_network_mounts_recognised():
    assert linux_fs_type(Path("/home/op/skm.db"), MOUNTS) == "ext4"
    assert is_network_fs_type(linux_fs_type(Path("/mnt/kantor/skm.db"), MOUNTS))
    assert is_network_fs_type(linux_fs_type(Path("/srv/data bersama/a/skm.db"), MOUNTS))
    assert not is_network_fs_type(linux_fs_type(Path("/mnt/kantor/tmp/skm.db"), MOUNTS))
    assert not is_network_fs_type(linux_fs_type(Path("/mnt/kantorlain/skm.db"), MOUNTS))
    assert _windows_remote(Path("\\\\server\\bersama\\skm.db"))
    assert not _windows_remote(Path("relative.db"))


@pytest.mark.sqlite_only
def test_local_file_has_no_network_warning(tmp_path):
    assert network_share_warning(tmp_path / "skm.db") is None
    d = open_database(tmp_path / "skm.db")
    assert d.peringatan is None and not d.is_server and d.label == str(tmp_path / "skm.db")
    d.close()


# ------------------------------------------------------------------ on the real server
@pytest.fixture
def server(pg_server):
    return pg_server


def _tables(url):
    eng = parse_server_url(url).make_engine("test")
    with eng.connect() as c:
        names = set(c.execute(text("select tablename from pg_tables where schemaname = current_schema()")).scalars())
    eng.dispose()
    return names


def _exec(url, *sql):
    eng = parse_server_url(url).make_engine("test")
    with eng.begin() as c:
        for q in sql:
            c.execute(text(q))
    eng.dispose()


def test_first_connection_to_empty_database_creates_schema(server):
    url = server.fresh(empty=True)
    assert _tables(url) == set()
    d = open_database(url)
    assert d.is_server and d.dialect == "postgresql" and d.path is None and d.label == url
    with d.session() as s:
        assert s.execute(text("select version_num from alembic_version")).scalar() == dbm.SCHEMA_HEAD
        assert s.execute(text("select nilai from skm_meta where kunci='application_id'")).scalar() == dbm.SERVER_MARKER
    d.close()
    open_database(url, create=False).close()  # reopened as an SKM database


def test_empty_database_not_created_when_not_allowed(server):
    url = server.fresh(empty=True)
    with pytest.raises(DatabaseError, match="masih kosong"):
        open_database(url, create=False)
    assert _tables(url) == set()


def test_foreign_database_refused_and_never_written(server):
    url = server.fresh(empty=True)
    _exec(url, "create table pelanggan (id int primary key, nama text)", "insert into pelanggan values (1, 'a')")
    with pytest.raises(NotSkmDatabase, match="bukan basis data SKM"):
        open_database(url)
    assert _tables(url) == {"pelanggan"}
    # skm-looking tables without the marker row are refused too
    url2 = server.fresh()
    _exec(url2, "delete from skm_meta where kunci='application_id'")
    with pytest.raises(NotSkmDatabase):
        open_database(url2)


def test_newer_schema_refused_and_untouched(server):
    url = server.fresh()
    _exec(url, "update alembic_version set version_num='9999'")
    with pytest.raises(NewerDatabase, match="lebih baru"):
        open_database(url)
    eng = parse_server_url(url).make_engine("test")
    with eng.connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar() == "9999"
    eng.dispose()


def test_older_schema_migrated_on_the_server(server):
    from alembic import command

    url = server.fresh(empty=True)
    eng = parse_server_url(url).make_engine("test")
    with eng.begin() as c:
        command.upgrade(dbm._alembic_config(c), dbm.KNOWN_REVISIONS[0])
        c.execute(text("insert into skm_meta (kunci, nilai) values ('application_id', :m)"), {"m": dbm.SERVER_MARKER})
        c.execute(
            text(
                "insert into unit (nama, alamat, kota, telepon, email, instansi_induk, pejabat_nama, "
                "pejabat_jabatan, pejabat_nip, created_at) values ('Unit Lama','','','','','','','','',"
                "now())"
            )
        )
    eng.dispose()
    d = open_database(url)
    with d.session() as s:
        assert s.execute(text("select version_num from alembic_version")).scalar() == dbm.SCHEMA_HEAD
        assert s.execute(text("select nama from unit")).scalars().all() == ["Unit Lama"]
    d.close()


def test_missing_database_named_in_message(server):
    url = server.url_for("skm_tidak_ada")
    with pytest.raises(DatabaseError) as e:
        open_database(url)
    assert "skm_tidak_ada" in str(e.value) and "tidak ada" in str(e.value)
