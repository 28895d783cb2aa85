"""PySide6 6.12.0 took one reference from ``True`` on every ``emit()`` of a
Python-declared Signal, so a long keying session aborted CPython < 3.12
("bool_dealloc"). The lock file pins a release without the bug; this test fails
if an upgrade brings it back."""

import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class O(QObject):
    bare = Signal()
    number = Signal(int)
o = O()
o.bare.connect(lambda: None)
o.number.connect(lambda n: None)
before = sys.getrefcount(True)
for i in range(5000):
    o.bare.emit()
    o.number.emit(i)
print(sys.getrefcount(True) - before)
"""


def test_signal_emit_keeps_the_reference_count_of_true():
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert r.returncode == 0, r.stderr[-2000:]
    if sys.version_info < (3, 12):  # from 3.12 on True is immortal and its count is not meaningful
        assert abs(int(r.stdout.strip())) < 50, r.stdout
