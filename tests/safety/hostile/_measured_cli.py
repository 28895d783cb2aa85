"""Runs `python -m skm_desktop ARGS` in this process and, at exit, writes the
process's peak resident memory (KB) to the file named by SKM_PEAK_FILE."""
import atexit
import os
import resource
import runpy
import sys


def _report():
    with open(os.environ["SKM_PEAK_FILE"], "w") as fh:
        fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


atexit.register(_report)
sys.argv = ["skm_desktop", *sys.argv[1:]]
runpy.run_module("skm_desktop", run_name="__main__", alter_sys=True)
