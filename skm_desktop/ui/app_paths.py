"""User data locations (default database, backups, logs) from QStandardPaths."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

APP_NAME = "SKM Desktop"
ORG_NAME = "SKM Desktop"


def data_dir() -> Path:
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not loc:
        loc = str(Path.home() / ".skm-desktop")
    p = Path(loc)
    if not p.name or p.name in ("python", "python3"):
        p = p.parent / "skm-desktop"
    p.mkdir(parents=True, exist_ok=True)
    return p


def default_database() -> Path:
    return data_dir() / "skm.db"


def backup_dir() -> Path:
    p = data_dir() / "cadangan"
    p.mkdir(parents=True, exist_ok=True)
    return p


def log_dir() -> Path:
    p = data_dir() / "log"
    p.mkdir(parents=True, exist_ok=True)
    return p
