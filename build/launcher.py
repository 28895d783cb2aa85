"""Entry point of the frozen program (PyInstaller): GUI without arguments,
the command line (../shared/spec/cli.md) with them.

A windowed Windows executable has no console: ``sys.stdout`` is None. When it
is started with arguments from a console (cmd, PowerShell) it attaches to
that console so ``SKM Desktop.exe --version`` still answers; ``skm-desktop.exe``
(a console build of the same program, in the same folder) is the one to use
in scripts because it waits and returns the exit code.
"""

import os
import sys


def _attach_console() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    if os.name == "nt" and len(sys.argv) > 1:
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")
                sys.stderr = sys.stdout
                return
        except Exception:  # noqa: BLE001 - no console: fall through to null streams
            pass
    null = open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:
        sys.stdout = null
    if sys.stderr is None:
        sys.stderr = null


def _main() -> int:
    _attach_console()
    from skm_desktop.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
