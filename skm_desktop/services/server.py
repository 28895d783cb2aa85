"""Connecting this PC to a database on a PostgreSQL server: the address from the
fields an operator fills in, and the password kept where libpq looks for it — the
user's own password file (pgpass) — never in the program's settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from skm_desktop.storage.files import atomic_write
from skm_desktop.storage.server import ServerUrl, ServerUrlError, parse_server_url

from . import ServiceError

PGPASS_MAX = 1024 * 1024  # a password file of a person: a few lines


def server_url(host: str, port: int, database: str, user: str) -> str:
    """``postgresql://USER@HOST:PORT/DB`` from the dialog's fields, checked as every address is."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host or not database or not user:
        raise ServiceError("Isi alamat server, nama basis data dan nama pengguna.")
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    text = f"postgresql://{user}@{shown}:{int(port)}/{database}"
    try:
        parse_server_url(text)
    except ServerUrlError as e:
        raise ServiceError(str(e)) from None
    return text


def pgpass_path() -> Path:
    """Where libpq reads passwords: PGPASSFILE, else %APPDATA%\\postgresql\\pgpass.conf on
    Windows, else ~/.pgpass."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform.startswith("win"):
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(v: str) -> str:
    return v.replace("\\", "\\\\").replace(":", "\\:")


def save_password(url: str, password: str) -> Path:
    """Write (or replace) the line of ``url``'s server, database and user in the user's
    pgpass file, readable by this user only. Returns the file."""
    if not password:
        raise ServiceError("Kata sandi kosong tidak disimpan.")
    if any(c in password for c in "\r\n\0"):
        raise ServiceError("Kata sandi tidak boleh berisi baris baru.")
    s: ServerUrl = parse_server_url(url)
    host = s.host.strip("[]")
    key = ":".join(_escape(x) for x in (host, str(s.port), s.database, s.user))
    path = pgpass_path()
    lines: list[str] = []
    if path.exists():
        if path.stat().st_size > PGPASS_MAX:
            raise ServiceError(f"Berkas kata sandi {path} terlalu besar; periksa berkas itu.")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise ServiceError(f"Berkas kata sandi {path} tidak dapat dibaca ({e.__class__.__name__}).") from None
    lines = [ln for ln in lines if not ln.startswith(key + ":")]
    lines.append(f"{key}:{_escape(password)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if os.name != "nt":
            os.chmod(tmp, 0o600)  # libpq ignores a password file others can read
    return path
