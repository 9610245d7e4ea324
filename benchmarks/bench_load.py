"""Benchmark loading: bare pandas, our first load (read + validate), and a repeated load of unchanged files.

Writes the example dataset with ``--rows`` extra relations and prints the best
wall and CPU time of ``--repeat`` runs of:

- ``pandas.read_csv`` of every file (no checks at all), for reference;
- ``graph.io.load`` the first time (every check; no dataset cache);
- ``graph.io.load`` as a new command on unchanged files: nothing in memory,
  the validated tables read from the dataset cache on disk
  (``graph/_dataset_cache.py``; a scratch folder here, never the user's);
- ``graph.io.load`` again in the same process: the validated tables are kept
  in memory by the digest of the files' bytes, so only reading and hashing
  remain (notebooks, tests, the edit commands' validation of unchanged files).

Run: ``python benchmarks/bench_load.py`` (``--rows 20000 --repeat 3``).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import pandas as pd
from _timing import best
from bench_history import write_dataset

from graph import io as gio
from graph._dataset_cache import CACHE_ENV


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
            os.environ[CACHE_ENV] = "off"
            gio._VALID.clear()
            gio.load(data)

        def new_command():
            os.environ[CACHE_ENV] = str(Path(tmp) / "dataset-cache")
            gio._VALID.clear()
            gio.load(data)

        new_command()  # fills the dataset cache
        for name, fn in [
            ("pandas.read_csv, no checks", bare),
            ("load, first time", first),
            ("load, unchanged files, new command (dataset cache)", new_command),
            ("load, unchanged files, same process", lambda: gio.load(data)),
        ]:
            wall, cpu = best(fn, args.repeat)
            print(f"{args.rows:,} relations, {name}: {wall:.3f} s wall, {cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
