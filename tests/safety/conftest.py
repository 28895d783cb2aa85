import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Zygote:
    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("_zygote.py")), str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def start(self, **task) -> int:
        self.proc.stdin.write(json.dumps(task) + "\n")
        self.proc.stdin.flush()
        lines = []
        pid = None
        while pid is None or "ready" not in lines:
            line = self.proc.stdout.readline().strip()
            assert line, "helper process ended"
            assert not line.startswith("error"), line
            if line.startswith("pid "):
                pid = int(line.split()[1])
            else:
                lines.append(line)
        return pid

    def collect(self) -> list[str]:
        """Worker lines until it is gone (waits for it to finish when it was not killed)."""
        self.proc.stdin.write("reap\n")
        self.proc.stdin.flush()
        out = []
        while True:
            line = self.proc.stdout.readline().strip()
            assert line, "helper process ended"
            if line.startswith("dead"):
                return out
            out.append(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def zygote():
    if not hasattr(os, "fork"):
        pytest.skip("needs fork (POSIX)")
    z = Zygote()
    yield z
    z.close()
