"""``python -m skm_desktop.ui.kiosk --db FILE``: run the kiosk alone (manual runs, checks)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m skm_desktop.ui.kiosk", description="Kios survei SKM")
    ap.add_argument("--db", required=True, help="berkas basis data SKM")
    args = ap.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from skm_desktop.services.safety import DatabaseError, open_for

    app = QApplication(sys.argv[:1])
    try:
        db = open_for(args.db, "kiosk", create=False)
    except DatabaseError as e:
        print(str(e), file=sys.stderr)
        return 2
    from . import start_kiosk

    w = start_kiosk(db)
    w.exited.connect(app.quit)
    try:
        return app.exec()
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
