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
