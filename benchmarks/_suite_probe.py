"""A pytest plugin for bench_suite.py: per test file, the wall time and the CPU time of the process tree.

Loaded with ``-p _suite_probe`` (benchmarks/ on the path) in the pytest
process and in each xdist worker; each process writes one JSON file into
``$SUITE_PROBE_DIR``. The CPU time counts the process, its live children
(Chromium, the Spark JVM, subprocesses) and the children they have reaped,
so a browser or a JVM is charged to the file that uses it (each process
makes itself the subreaper of its descendants, so that the helpers a browser
leaves behind stay in the tree). A file's tests run
one after the other on one worker (``--dist loadfile``), so a reading is
taken only when the file changes.
"""

from __future__ import annotations

import ctypes
import json
import os
import time
from pathlib import Path

import psutil
import pytest

PR_SET_CHILD_SUBREAPER = 36

_readings: list[dict] = []
_current: dict = {}


def tree_cpu() -> float:
    """CPU seconds of this process and its descendants: running, exited but not yet waited for, and those they waited for."""
    total = 0
    for pid in [os.getpid(), *(c.pid for c in psutil.Process().children(recursive=True))]:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:  # gone since the listing
            continue
        # utime, stime, cutime, cstime: fields 14-17, counted after the command name (which may hold spaces)
        total += sum(int(v) for v in stat.rsplit(")", 1)[1].split()[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def _close(now: float, cpu: float) -> None:
    if _current:
        _readings.append({**_current, "wall": now - _current.pop("started"), "cpu": cpu - _current.pop("cpu0")})
        _current.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    file = item.nodeid.split("::")[0]
    if _current.get("file") != file:
        now, cpu = time.perf_counter(), tree_cpu()
        _close(now, cpu)
        _current.update(file=file, started=now, cpu0=cpu, tests=0, worker=os.environ.get("PYTEST_XDIST_WORKER", "main"), at=time.time())
    _current["tests"] += 1
    yield


def pytest_configure(config):
    # A browser's helpers outlive it by a moment: without this, they would be re-parented out of
    # the tree and their CPU time lost. Here they stay as zombies, readable, until this process ends.
    if os.environ.get("SUITE_PROBE_DIR"):
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def pytest_sessionfinish(session):
    _close(time.perf_counter(), tree_cpu())
    folder = os.environ.get("SUITE_PROBE_DIR")
    if folder and _readings:
        Path(folder, f"{os.getpid()}.json").write_text(json.dumps(_readings), encoding="utf-8")
