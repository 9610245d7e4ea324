"""Benchmark what the command line imports before it does anything: ``query --help`` and a cached ``query``.

Runs each command ``--repeat`` times in a fresh ``python -X importtime``
process and prints, per command: how many modules were imported, how many of
them are the package's own (``graph.*``), the median of the import time that
``-X importtime`` reports for the package's entry (``graph.__main__`` and all it
pulls in, in microseconds summed over its top-level imports), and the median
wall and CPU time of the whole process (CPU time does not grow when other
processes share the machine; the load is printed too).

The cached ``query`` runs on a copy of the example data, with a dataset cache in
a scratch folder (never the user's) warmed by one run first, so it measures
what every later ``actorgraph query`` costs.

Run: ``python benchmarks/bench_cli_import.py`` (``--repeat 5``; ``--modules``
also lists the package's own modules each command imports).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph._dataset_cache import CACHE_ENV
from graph.io import EXAMPLE_DATA


def importtime(args: list[str], env: dict[str, str]) -> tuple[list[tuple[str, int]], float, float]:
    """The top-level imports with their cumulative microseconds, the wall seconds and the CPU seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "graph", *args], capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        msg = f"{' '.join(args)} exited {result.returncode}: {result.stderr[-500:]}"
        raise SystemExit(msg)
    modules = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        modules.append((name[1:], int(cumulative)))  # the name keeps its indent, two spaces a level of nesting
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return modules, wall, cpu


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--modules", action="store_true", help="list the graph.* modules each command imports")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(EXAMPLE_DATA, data)
        env = {**os.environ, CACHE_ENV: str(Path(tmp) / "cache")}
        commands = {"query --help": ["query", "--help"], "query PRK (cached)": ["query", "PRK", "--data", str(data)]}
        importtime(commands["query PRK (cached)"], env)  # warms the dataset cache
        print(f"load before: {os.getloadavg()[0]:.2f}; {args.repeat} runs each, medians")
        print(f"{'command':<22} {'modules':>7} {'graph.*':>7} {'import ms':>9} {'wall s':>7} {'cpu s':>6}")
        for label, argv in commands.items():
            runs = [importtime(argv, env) for _ in range(args.repeat)]
            modules = runs[-1][0]
            names = [name.strip() for name, _ in modules]
            own = sorted(n for n in names if n == "graph" or n.startswith("graph."))
            # Top-level entries (no indent) are what the process itself imported, each with all it pulled in.
            imports = [sum(us for name, us in run[0] if not name.startswith(" ")) / 1000 for run in runs]
            print(
                f"{label:<22} {len(names):>7} {len(own):>7} {statistics.median(imports):>9.0f} "
                f"{statistics.median(r[1] for r in runs):>7.2f} {statistics.median(r[2] for r in runs):>6.2f}"
            )
            if args.modules:
                print("  " + " ".join(own))
        print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
