"""The one place that knows where the program's own files are.

User data folders (default database, backups, logs) are the GUI's business and
come from QStandardPaths in :mod:`skm_desktop.ui.app_paths`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def root_dir() -> Path:
    """Where ``forms/`` and ``resources/`` are: the source tree, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return root_dir() / "forms"


def resources_dir() -> Path:
    return root_dir() / "resources"


ORG_NAME = "SKM Desktop"
APP_NAME = "SKM Desktop"


def user_data_dir() -> Path:
    """The user's data folder, as Qt's QStandardPaths.AppDataLocation names it for
    this organisation/application, computed without importing Qt (the CLI must
    start fast). A test checks both agree on this platform."""
    import os

    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORG_NAME / APP_NAME
