"""Where DuckDB's time goes in ``actorgraph events``: CPU seconds of each stage, and DuckDB's operator profile.

Runs in one process, on the files of ``generate.py``, the expression the
command runs (GDELT map, month, CAMEO root, every pair of actors in data/)
and two cut-down queries over the same read, so the differences give the
cost of each stage::

    python benchmarks/events/profile_events.py /tmp/gdelt-10m --reps 3 --threads 1

Prints, for each stage, the CPU seconds of this process (every DuckDB
thread included; min and median of ``--reps`` runs) and the wall time, then
the share of each operator in DuckDB's own profile of the whole
aggregation. CPU seconds are the figure to judge by on a shared machine:
wall time there mostly measures the wait for a core.

- ``start-up``: the imports (graph, Ibis, DuckDB) and reading data/;
- ``tokenise``: ``count(*)`` over the files, which splits every line into
  its 61 fields and materialises none of them;
- ``read used columns``: a count of each of the 14 columns the column map
  uses, which materialises them as text;
- ``aggregate``: the whole expression (actor keys, the two joins, parsing
  the rows kept, the group-by and its example URLs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

_START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "events"))

from bench_events import event_files  # noqa: E402  (after the path is set)


def cpu() -> float:
    """CPU seconds of this process so far, every thread included."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def operators(node: dict, out: dict[str, float]) -> dict[str, float]:
    """Sum DuckDB's per-operator timings by operator name, depth first."""
    name = node.get("operator_name") or node.get("operator_type") or "?"
    out[name.strip()] = out.get(name.strip(), 0.0) + float(node.get("operator_timing") or 0.0)
    for child in node.get("children", []):
        operators(child, out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, help="a folder of generate.py's files")
    p.add_argument("--reps", type=int, default=3, help="runs of each stage (default: 3)")
    p.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: one per core)")
    args = p.parse_args(argv)
    files = event_files(args.folder)

    from graph._event_formats import column_map
    from graph.eventdata import actor_codes, aggregate, connect, read_events, type_codes
    from graph.io import load

    dataset = load(ROOT / "data")
    con = connect()
    startup = (cpu(), time.perf_counter() - _START)
    if args.threads:
        con.raw_sql(f"SET threads = {args.threads}")
    threads = con.raw_sql("SELECT current_setting('threads')").fetchone()[0]
    cmap = column_map("gdelt")
    t = read_events(con, files, cmap)
    expr = aggregate(t, cmap, actor_codes(dataset), types=type_codes(dataset))
    stages = {
        "tokenise": t.count(),
        "read used columns": t.aggregate(**{c: t[c].count() for c in cmap.used()}),
        "aggregate": expr,
    }
    size = sum(f.stat().st_size for f in files)
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.folder}: {len(files)} files, {size / 1e9:.2f} GB; DuckDB threads {threads}; load average {load_avg}", flush=True)
    print(f"  {'start-up':18} CPU {startup[0]:6.2f} s               wall {startup[1]:6.2f} s", flush=True)
    for name, stage in stages.items():
        runs = []
        for _ in range(args.reps):
            c0, t0 = cpu(), time.perf_counter()
            con.to_pyarrow(stage)
            runs.append((cpu() - c0, time.perf_counter() - t0))
        cpus, walls = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"  {name:18} CPU {statistics.median(cpus):6.2f} s (min {min(cpus):6.2f})  wall {statistics.median(walls):6.2f} s",
            flush=True,
        )

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "profile.json"
        con.raw_sql("PRAGMA enable_profiling = 'json'")
        con.raw_sql(f"PRAGMA profiling_output = '{out}'")
        con.to_pyarrow(expr)
        con.raw_sql("PRAGMA disable_profiling")
        profile = json.loads(out.read_text())
    timings = operators(profile, {})
    total = sum(timings.values()) or 1.0
    print(f"  DuckDB's profile of the aggregation (operator time, all threads; {profile.get('cpu_time', 0):.2f} s):")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.005 * total:
            print(f"    {name:18} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    print(f"  load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
