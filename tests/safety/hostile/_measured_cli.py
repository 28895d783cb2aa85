"""Runs `python -m skm_desktop ARGS` in this process, with its address space
capped, and at exit writes the process's peak resident memory (KB) to the file
named by SKM_PEAK_FILE. On Linux the peak is VmHWM of this process's own memory
map: ru_maxrss would also count the parent's pages at fork time."""

import atexit
import os
import resource
import runpy
import sys


def _peak_kb() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report():
    with open(os.environ["SKM_PEAK_FILE"], "w") as fh:
        fh.write(str(_peak_kb()))


limit = int(os.environ.get("SKM_ADDRESS_SPACE", "0"))
if limit and hasattr(resource, "RLIMIT_AS"):
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
atexit.register(_report)
sys.argv = ["skm_desktop", *sys.argv[1:]]
runpy.run_module("skm_desktop", run_name="__main__", alter_sys=True)
