"""Benchmark validation of long supersedes chains, and of plain rows for comparison.

Writes the example dataset with ``--rows`` extra relations in ``relations.csv``,
either one linear supersedes chain (each row supersedes the one before) or
unlinked rows, and times ``graph.io.load`` (read + validate) and
``graph.io.lineage_roots`` alone, best of ``--repeat`` runs.

Run: ``python benchmarks/bench_history.py`` (``--rows 20000 --repeat 3``).
Target (issue 10): a 20,000-row chain validates in under 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from _timing import best

from graph import io as gio
from graph.io import EXAMPLE_DATA, lineage_roots, load


def write_dataset(folder: Path, rows: int, *, chain: bool) -> Path:
    data = Path(shutil.copytree(EXAMPLE_DATA, folder / ("chain" if chain else "plain")))
    lines = []
    for i in range(rows):
        day = (dt.date(1900, 1, 1) + dt.timedelta(days=i)).isoformat()
        supersedes = f"h-{i - 1}" if chain and i else ""
        start = "2000" if chain else day  # plain rows differ by start, so none is a duplicate
        lines.append(f"h-{i},USA,UKR,condemns,reported,{start},,0.5,,,toy,Row {i}.,,2024-01-01,{supersedes}\n")
    with (data / "relations.csv").open("a", encoding="utf-8") as f:
        f.writelines(lines)
    return data


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=20_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for chain in (True, False):
            data = write_dataset(Path(tmp), args.rows, chain=chain)
            ds = load(data)
            rel = ds.tables["relations"]
            links = dict(zip(rel["relation_id"], rel["supersedes"], strict=True))
            # Every check, each time: the loader keeps datasets it found valid (graph.io._VALID).
            wall, cpu = best(lambda data=data: (gio._VALID.clear(), load(data)), args.repeat)
            lineage, _ = best(lambda links=links: lineage_roots(links), args.repeat)
            kind = "one supersedes chain" if chain else "unlinked rows"
            print(f"{args.rows:,} rows, {kind}: load + validate {wall:.2f} s wall, {cpu:.2f} s CPU; lineage_roots {lineage * 1000:.1f} ms")


if __name__ == "__main__":
    main()
