"""Rotating log file in the user's data folder (no Qt: the CLI logs too).

The GUI passes ``skm_desktop.ui.app_paths.log_dir()``; the CLI uses the same
folder, computed without Qt by ``skm_desktop.paths.user_data_dir()``.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG_NAME = "skm-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

_current: Path | None = None


def default_log_dir() -> Path:
    """The GUI's log folder when Qt is available, else a folder in the home directory."""
    override = os.environ.get("SKM_DESKTOP_LOG_DIR")
    if override:
        p = Path(override)
    else:
        # the GUI's folder (QStandardPaths), computed without importing Qt so
        # that the command line starts fast
        from skm_desktop.paths import user_data_dir

        p = user_data_dir() / "log"
    p.mkdir(parents=True, exist_ok=True)
    return p


def setup_logging(folder: Path | str | None = None, level: int = logging.INFO) -> Path | None:
    """Send the ``skm_desktop`` loggers to a rotating file; returns its path.

    Idempotent. When the folder cannot be written, logging goes nowhere and
    None is returned — a missing log must never stop the program.
    """
    global _current
    if _current is not None and folder is None:
        return _current
    try:
        folder = Path(folder) if folder is not None else default_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger("skm_desktop")
    for h in list(root.handlers):
        if getattr(h, "_skm_file", False):
            root.removeHandler(h)
            h.close()
    handler._skm_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    _current = path
    from skm_desktop import __version__

    logging.getLogger("skm_desktop").info(
        "SKM Desktop %s mulai (Python %s, %s)", __version__, sys.version.split()[0], sys.platform
    )
    return path


def current_log_file() -> Path | None:
    return _current
