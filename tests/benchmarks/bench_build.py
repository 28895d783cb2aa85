"""Start-up time of the GUI to a usable window, frozen and from the venv.

    python tests/benchmarks/bench_build.py [--runs 3] [--display :15]

Needs Xvfb, xdotool and a built bundle (build/build-linux.sh). Each run starts
the program on a copy of a demo database with a fresh HOME (so the operator
dialog appears), and measures with xdotool:
  A = start -> the operator dialog is on screen and takes keys (the first usable window)
  B = Enter pressed -> the main window is on screen
Reported: A, and A + B (start to main window, without the user's typing time).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "build" / "dist" / "skm-desktop" / "skm-desktop"


def find(env, name: str) -> str | None:
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env=env, capture_output=True, text=True)
    return r.stdout.split()[0] if r.returncode == 0 and r.stdout.strip() else None


MAIN = "^Kelurahan Sukamaju"  # the demo unit starts the main window's title
OPERATOR = "^Operator"  # the "who is keying today?" dialog, when the program asks


def one_run(cmd: list[str], demo: Path, display: str, timeout: float = 30) -> tuple[float, float]:
    """(start -> first usable window, start -> main window without the user's typing time)"""
    with tempfile.TemporaryDirectory() as d:
        home = Path(d)
        db = home / "skm.db"
        shutil.copy(demo, db)
        env = {
            "HOME": str(home),
            "DISPLAY": display,
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(home),
        }
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd + ["--db", str(db)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                if time.perf_counter() - t0 > timeout:
                    raise TimeoutError("no window")
                main_win = find(env, MAIN)
                if main_win:
                    t = time.perf_counter() - t0
                    return t, t
                dlg = find(env, OPERATOR)
                if dlg:
                    first = time.perf_counter() - t0
                    subprocess.run(["xdotool", "windowactivate", "--sync", dlg], env=env, capture_output=True)
                    subprocess.run(["xdotool", "type", "Rina"], env=env)
                    t1 = time.perf_counter()
                    subprocess.run(["xdotool", "key", "Return"], env=env)
                    while not find(env, MAIN):
                        if time.perf_counter() - t1 > timeout:
                            raise TimeoutError("no main window")
                        time.sleep(0.02)
                    return first, first + time.perf_counter() - t1
                time.sleep(0.02)
        finally:
            proc.kill()
            proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--display", default=":15")
    args = ap.parse_args()
    xvfb = None
    if (
        subprocess.run(["xdotool", "getdisplaygeometry"], env={"DISPLAY": args.display}, capture_output=True).returncode
        != 0
    ):
        xvfb = subprocess.Popen(
            ["Xvfb", args.display, "-screen", "0", "1366x768x24"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(1)
        subprocess.Popen(
            ["openbox"],
            env={"DISPLAY": args.display, "PATH": "/usr/bin:/bin"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)
    try:
        demo = Path(tempfile.mkdtemp()) / "demo.db"
        subprocess.run(
            [sys.executable, "-m", "skm_desktop", "demo", "--db", str(demo)], check=True, cwd=ROOT, capture_output=True
        )
        targets = [("venv", [sys.executable, "-m", "skm_desktop"])]
        if FROZEN.exists():
            targets.insert(0, ("frozen", [str(FROZEN)]))
        for label, cmd in targets:
            runs = [one_run(cmd, demo, args.display) for _ in range(args.runs)]
            a = statistics.median(r[0] for r in runs)
            ab = statistics.median(r[0] + r[1] for r in runs)
            print(
                f"{label}: start -> operator dialog {a:.2f} s; start -> main window {ab:.2f} s "
                f"(median of {args.runs}; runs: {', '.join(f'{x:.2f}+{y:.2f}' for x, y in runs)})"
            )
    finally:
        if xvfb is not None:
            xvfb.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
