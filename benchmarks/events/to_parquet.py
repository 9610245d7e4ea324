"""Copy generated GDELT files to Parquet, keeping the columns the aggregation uses, for the columnar run of the events benchmark.

The files are read as ``actorgraph events`` reads them (every column as
text) and written one Parquet file per input file, with the 14 columns of
the GDELT column map, still as text: the conversion changes the layout,
not the values, so both engines then parse the same strings::

    python benchmarks/events/to_parquet.py /tmp/gdelt-10m /tmp/gdelt-10m-parquet
    python benchmarks/events/bench_events.py /tmp/gdelt-10m-parquet --engines duckdb pandas

Prints the CPU seconds and wall time of the conversion (a one-off cost the
columnar runs do not include) and the size written.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "events"))

from bench_events import event_files  # noqa: E402  (after the path is set)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, help="a folder of generate.py's files")
    p.add_argument("out", type=Path, help="where to write the Parquet files")
    args = p.parse_args(argv)

    from graph._event_formats import column_map
    from graph.eventdata import connect, read_events

    files = event_files(args.folder)
    cmap = column_map("gdelt")
    con = connect()
    args.out.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for f in files:
        name = f.name.split(".export.CSV")[0] + ".export.parquet"
        read_events(con, [f], cmap).select(*cmap.used()).to_parquet(args.out / name)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = sum(q.stat().st_size for q in args.out.glob("*.export.parquet"))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{len(files)} files -> {args.out}: {size / 1e9:.2f} GB of Parquet, {cpu:.1f} s CPU, {time.perf_counter() - t0:.1f} s wall (load average {load})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
