"""Benchmark loading: bare pandas, our first load (read + validate), and a repeated load of unchanged files.

Writes the example dataset with ``--rows`` extra relations and prints the best
wall and CPU time of ``--repeat`` runs of:

- ``pandas.read_csv`` of every file (no checks at all), for reference;
- ``graph.io.load`` the first time (every check);
- ``graph.io.load`` again on unchanged files: the validated tables are kept in
  the process by the digest of the files' bytes, so only reading and hashing
  remain (notebooks, tests, the edit commands' validation of unchanged files).

Run: ``python benchmarks/bench_load.py`` (``--rows 20000 --repeat 3``).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd
from _timing import best
from bench_history import write_dataset

from graph import io as gio


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=20_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = write_dataset(Path(tmp), args.rows, chain=False)  # the rows of bench_history, unlinked

        def bare():
            for f in data.glob("*.csv"):
                pd.read_csv(f, dtype=str, keep_default_na=False)

        def first():
            gio._VALID.clear()
            gio.load(data)

        for name, fn in [
            ("pandas.read_csv, no checks", bare),
            ("load, first time", first),
            ("load, unchanged files", lambda: gio.load(data)),
        ]:
            wall, cpu = best(fn, args.repeat)
            print(f"{args.rows:,} relations, {name}: {wall:.3f} s wall, {cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
