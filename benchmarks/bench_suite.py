"""The test suite's own cost: wall time, CPU time, and where they go, file by file and worker by worker.

```sh
python benchmarks/bench_suite.py                  # the whole suite as configured (xdist, every core), once
python benchmarks/bench_suite.py --runs 3         # medians of three runs
python benchmarks/bench_suite.py --serial         # one process (-n 0): each file's cost without contention from the other worker
python benchmarks/bench_suite.py -- tests/test_events.py -k spark
```

Prints, per run, the wall time, the CPU time of every process the suite
started (pytest, its workers, Chromium, the Spark JVM, subprocesses: this
script makes itself their subreaper, so even orphans are counted) and the
load average before and after; then, per test file, its tests, wall time and
CPU time (medians over the runs), and per xdist worker the files it ran and
when it finished. On a shared machine the wall time follows the load; the CPU
time much less, so it is the figure to compare between versions.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Orphaned descendants (a browser or JVM whose parent exited first) are re-parented here, and counted when reaped."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("note: could not become a subreaper; orphaned processes are not counted", file=sys.stderr)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def reap(timeout: float) -> int:
    """Wait for the descendants left behind; return how many were still running after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return 0
        if pid == 0:
            if time.monotonic() > deadline:
                return len(psutil.Process().children())
            time.sleep(0.1)


def run_once(pytest_args: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as probes:
        env = {
            **os.environ,
            "SUITE_PROBE_DIR": probes,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "benchmarks"), os.environ.get("PYTHONPATH", "")]),
        }
        argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "_suite_probe", *pytest_args]
        load_before = os.getloadavg()[0]
        cpu_before = children_cpu()
        started = time.time()
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as out:
            code = subprocess.run(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
            wall = time.time() - started  # pytest's own exit; the descendants it left are waited for below, not timed
            left = reap(30)
            out.seek(0)
            lines = [line for line in out.read().splitlines() if line.strip()]
        readings = [r for f in Path(probes).glob("*.json") for r in json.loads(f.read_text(encoding="utf-8"))]
    return {
        "code": code,
        "wall": wall,
        "cpu": children_cpu() - cpu_before,
        "load": (load_before, os.getloadavg()[0]),
        "summary": lines[-1] if lines else "",
        "failed": [line for line in lines if line.startswith(("FAILED ", "ERROR "))],
        "readings": readings,
        "started": started,
        "left": left,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of the suite; medians are shown (default 1)")
    parser.add_argument("--serial", action="store_true", help="one process (-n 0) instead of the configured workers")
    parser.add_argument("--top", type=int, default=25, help="files shown, costliest first (default 25)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    pytest_args = (["-n", "0"] if args.serial else []) + args.pytest_args

    become_subreaper()
    runs = []
    for i in range(args.runs):
        run = run_once(pytest_args)
        runs.append(run)
        leak = f", {run['left']} processes left running" if run["left"] else ""
        print(
            f"run {i + 1}: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, load {run['load'][0]:.1f} -> {run['load'][1]:.1f}{leak}: {run['summary']}"
        )
        for line in run["failed"]:
            print(f"  {line}")
    if len(runs) > 1:
        print(
            f"median of {len(runs)}: {statistics.median(r['wall'] for r in runs):.1f} s wall, "
            f"{statistics.median(r['cpu'] for r in runs):.1f} s CPU"
        )

    files: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        for r in run["readings"]:
            f = files[r["file"]]
            f["wall"].append(r["wall"])
            f["cpu"].append(r["cpu"])
            f["tests"].append(r["tests"])
    print("\n| file | tests | wall s | CPU s |\n|---|---:|---:|---:|")
    order = sorted(files, key=lambda name: -statistics.median(files[name]["cpu"]))
    for name in order[: args.top]:
        f = files[name]
        print(f"| {name} | {max(f['tests'])} | {statistics.median(f['wall']):.1f} | {statistics.median(f['cpu']):.1f} |")
    rest = order[args.top :]
    if rest:
        wall = sum(statistics.median(files[n]["wall"]) for n in rest)
        cpu = sum(statistics.median(files[n]["cpu"]) for n in rest)
        print(f"| {len(rest)} other files | {sum(max(files[n]['tests']) for n in rest)} | {wall:.1f} | {cpu:.1f} |")

    last = runs[-1]
    workers: dict[str, list[dict]] = defaultdict(list)
    for r in last["readings"]:
        workers[r["worker"]].append(r)
    print("\nlast run, per worker (files in the order run; finished: seconds after the start):")
    for worker, readings in sorted(workers.items()):
        readings.sort(key=lambda r: r["at"])
        end = max(r["at"] + r["wall"] for r in readings) - last["started"]
        heavy = ", ".join(f"{Path(r['file']).name} {r['wall']:.0f}s" for r in readings if r["wall"] >= 5)
        print(
            f"  {worker}: {len(readings)} files, busy {sum(r['wall'] for r in readings):.1f} s, finished at {end:.1f} s; 5 s or more: {heavy}"
        )
    return max(r["code"] for r in runs)


if __name__ == "__main__":
    sys.exit(main())
