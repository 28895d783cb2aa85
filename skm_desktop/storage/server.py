"""A database on a PostgreSQL server: ``postgresql://USER@HOST[:PORT]/DB``.

The password is never part of the address (it would end up in shell history,
shortcuts and settings): libpq reads it from its own password file — the
``PGPASSFILE`` variable, ``~/.pgpass``, or ``%APPDATA%\\postgresql\\pgpass.conf``
on Windows. TLS follows libpq's default (``sslmode=prefer``: encrypted whenever
the server offers it); a ``sslmode`` given in the address is passed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine

from .errors import DatabaseError

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
#: query options a user may put in the address (libpq's own names); anything else is refused
ALLOWED_OPTIONS = {"sslmode", "sslrootcert", "connect_timeout", "application_name", "target_session_attrs"}
SSLMODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}
MAX_URL = 1000
CONNECT_TIMEOUT = 10  # seconds: a server that does not answer is reported, not waited for
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,63}$")
_URL = re.compile(r"^[A-Za-z+]+://(?P<netloc>[^/?#]*)(?:/(?P<path>[^?#]*))?(?:\?(?P<query>[^#]*))?$")
_HOSTPORT = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[^:\[\]]*)(?::(?P<port>[0-9]{1,5}))?$")

PGPASS_HINT = (
    "Simpan kata sandi di berkas kata sandi PostgreSQL (pgpass): %APPDATA%\\postgresql\\pgpass.conf "
    "di Windows, ~/.pgpass di Linux, atau berkas yang ditunjuk variabel PGPASSFILE; "
    "satu baris: host:port:basisdata:pengguna:katasandi."
)


class ServerUrlError(ValueError):
    """An address that cannot be used; ``str(err)`` is an Indonesian message."""


def is_server_url(target) -> bool:
    return isinstance(target, str) and target.strip().lower().startswith(tuple(s + "://" for s in SCHEMES))


@dataclass(frozen=True)
class ServerUrl:
    user: str
    host: str
    port: int
    database: str
    options: tuple[tuple[str, str], ...] = ()

    @property
    def display(self) -> str:
        """The address as the user typed it, normalised (never holds a password)."""
        q = "&".join(f"{k}={v}" for k, v in self.options)
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}" + (f"?{q}" if q else "")

    def describe(self) -> str:
        return f"'{self.database}' di server {self.host}:{self.port} (pengguna {self.user})"

    def sqlalchemy_url(self) -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            host=self.host,
            port=self.port,
            database=self.database,
            query=dict(self.options),
        )

    def make_engine(self, program: str) -> Engine:
        args = {"connect_timeout": CONNECT_TIMEOUT, "application_name": program[:63]}
        args.update(dict(self.options))
        return create_engine(self.sqlalchemy_url(), future=True, pool_pre_ping=True, connect_args=args)

    def connection_error(self, exc: BaseException):
        """An Indonesian :class:`DatabaseError` for a failed connection or query."""
        raw = str(getattr(exc, "orig", None) or exc).strip()
        reason = raw.splitlines()[0][:300] if raw else exc.__class__.__name__
        low = raw.lower()
        where = self.describe()
        if "password" in low and ("no password" in low or "authentication failed" in low):
            return DatabaseError(
                f"Server menolak login ke basis data {where}: kata sandi tidak ada atau salah. {PGPASS_HINT}"
            )
        if "does not exist" in low and "database" in low:
            return DatabaseError(
                f"Basis data {where} tidak ada. Minta pengelola server membuatnya "
                "(basis data kosong; SKM Desktop mengisi skemanya sendiri)."
            )
        if "role" in low and "does not exist" in low:
            return DatabaseError(f"Pengguna '{self.user}' tidak dikenal server {self.host}:{self.port}.")
        if any(
            w in low
            for w in (
                "connection refused",
                "timeout",
                "timed out",
                "could not translate host",
                "name or service not known",
                "no route",
                "network is unreachable",
            )
        ):
            return DatabaseError(
                f"Tidak dapat terhubung ke server PostgreSQL {self.host}:{self.port} "
                f"(basis data '{self.database}'): server tidak menjawab atau alamatnya salah. "
                f"Periksa jaringan dan server. ({reason})"
            )
        if "permission denied" in low:
            return DatabaseError(
                f"Pengguna '{self.user}' tidak punya izin yang cukup pada basis data {where}. ({reason})"
            )
        return DatabaseError(f"Basis data {where} tidak dapat dipakai: {reason}")


def parse_server_url(text: str) -> ServerUrl:
    """Check ``postgresql://USER@HOST[:PORT]/DB[?sslmode=...]``; refused with
    :class:`ServerUrlError` (an Indonesian message)."""
    refuse = ServerUrlError
    text = text.strip()
    if len(text) > MAX_URL:
        raise refuse(f"Alamat server basis data terlalu panjang ({len(text)} karakter).")
    if any(ord(c) < 32 for c in text):
        raise refuse("Alamat server basis data berisi karakter kendali.")
    # parsed by hand (no urllib: the program imports no network module of its own; libpq connects)
    m = _URL.match(text)
    if m is None:
        raise refuse(
            f"Alamat server basis data tidak sah: {text}. Bentuknya postgresql://PENGGUNA@HOST:PORT/BASISDATA."
        )
    netloc, database, query = m.group("netloc"), m.group("path") or "", m.group("query") or ""
    userinfo, _, hostport = netloc.rpartition("@")
    if ":" in userinfo:
        raise refuse(
            "Alamat server tidak boleh berisi kata sandi (kata sandi akan tersimpan terbuka di "
            f"riwayat perintah dan pengaturan). Tulis postgresql://PENGGUNA@HOST/BASISDATA saja. {PGPASS_HINT}"
        )
    user = userinfo
    hm = _HOSTPORT.match(hostport)
    if hm is None:
        raise refuse(f"Host atau port '{hostport}' pada alamat server tidak sah.")
    host = hm.group("host").strip("[]")
    port = int(hm.group("port")) if hm.group("port") else None
    if port is not None and not 0 < port < 65536:
        raise refuse(f"Port {port} pada alamat server tidak sah.")
    if not user:
        raise refuse(f"Alamat server {text} belum menyebut pengguna: postgresql://PENGGUNA@HOST/BASISDATA.")
    if not host:
        raise refuse(f"Alamat server {text} belum menyebut host: postgresql://PENGGUNA@HOST/BASISDATA.")
    if not database or "/" in database:
        raise refuse(f"Alamat server {text} belum menyebut satu nama basis data: postgresql://PENGGUNA@HOST/BASISDATA.")
    for label, value in (("pengguna", user), ("basis data", database)):
        if not _NAME.match(value):
            raise refuse(
                f"Nama {label} '{value}' tidak sah: pakai huruf, angka, garis bawah, titik atau "
                "tanda hubung (paling banyak 63 karakter)."
            )
    if not re.match(r"^[A-Za-z0-9.\-:\[\]]{1,253}$", host):
        raise refuse(f"Nama host '{host}' tidak sah.")
    options = []
    pairs = [item.partition("=") for item in query.split("&") if item]
    for k, _, v in pairs:
        if "%" in k or "%" in v:
            raise refuse("Pilihan pada alamat server tidak boleh berisi kode persen (%).")
        if k == "password":
            raise refuse(f"Alamat server tidak boleh berisi kata sandi. {PGPASS_HINT}")
        if k not in ALLOWED_OPTIONS:
            raise refuse(
                f"Pilihan '{k}' pada alamat server tidak dikenal; yang boleh: {', '.join(sorted(ALLOWED_OPTIONS))}."
            )
        if k == "sslmode" and v not in SSLMODES:
            raise refuse(f"sslmode '{v}' tidak dikenal; pilih salah satu: {', '.join(sorted(SSLMODES))}.")
        options.append((k, v))
    return ServerUrl(user=user, host=host, port=port or 5432, database=database, options=tuple(options))


def describe_failure(exc: BaseException) -> str | None:
    """An Indonesian sentence for a database error met in the middle of a command (the
    transaction was rolled back: nothing of it is stored), or None when it is not one."""
    from sqlalchemy.exc import DataError, IntegrityError, OperationalError

    raw = str(getattr(exc, "orig", None) or exc).strip()
    first = raw.splitlines()[0][:300] if raw else exc.__class__.__name__
    if isinstance(exc, DataError):
        if "too long" in raw:
            return (
                "Data ditolak server basis data: ada teks yang lebih panjang dari batas kolomnya "
                f"({first}). Perpendek teks itu lalu ulangi; tidak ada yang tersimpan."
            )
        return f"Data ditolak server basis data ({first}); tidak ada yang tersimpan."
    if isinstance(exc, IntegrityError):
        return f"Data bertentangan dengan isi basis data ({first}); tidak ada yang tersimpan."
    if isinstance(exc, OperationalError):
        return (
            f"Hubungan dengan basis data terputus atau ditolak ({first}). Periksa jaringan dan server, "
            "lalu ulangi; pekerjaan yang belum selesai tidak tersimpan."
        )
    return None


_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def setup_sql(database: str = "skm", owner: str = "skm_pemilik", operator: str = "skm_operator") -> str:
    """The SQL a unit's IT staff runs once to give SKM Desktop a database on their server
    with least privilege: ``owner`` creates and migrates the schema (the first
    connection, or after an upgrade), ``operator`` — the role every operator and kiosk
    PC connects as — may read and write rows and nothing else (no CREATE, ALTER, DROP).
    Passwords are set with psql's ``\\password`` so they never stand in a file."""
    for what, name in (("basis data", database), ("pemilik", owner), ("operator", operator)):
        if not _IDENT.match(name):
            raise ServerUrlError(
                f"Nama {what} '{name}' tidak dapat dipakai: huruf kecil, angka dan garis bawah saja, "
                "diawali huruf, paling panjang 63."
            )
    if owner == operator:
        raise ServerUrlError("Peran pemilik dan peran operator harus berbeda.")
    return f"""-- SKM Desktop: basis data '{database}' di server PostgreSQL, hak akses sekecil mungkin.
-- Langkah 1 - sebagai superuser (psql -U postgres), sekali saja:
CREATE ROLE {owner} LOGIN;
CREATE ROLE {operator} LOGIN;
\\password {owner}
\\password {operator}
CREATE DATABASE {database} OWNER {owner} ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE {database} FROM PUBLIC;
GRANT CONNECT ON DATABASE {database} TO {operator};
-- Langkah 2 - tersambung ke basis data itu sebagai pemilik (psql -U {owner} -d {database}):
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO {operator};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {operator};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {operator};
-- Langkah 3 - isi skemanya sekali sebagai pemilik, dari PC mana saja yang memasang SKM Desktop:
--   skm-desktop summary --db postgresql://{owner}@ALAMAT-SERVER/{database}
--   (atau pindahkan basis data yang sudah ada: skm-desktop pindah --from data.db --to postgresql://{owner}@ALAMAT-SERVER/{database})
-- Bila skema sudah ada sebelum langkah 2, berikan juga hak atas tabel yang sudah ada:
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {operator};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {operator};
-- PC operator dan kios tersambung sebagai: postgresql://{operator}@ALAMAT-SERVER/{database}
"""
