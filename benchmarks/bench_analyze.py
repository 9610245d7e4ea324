"""``actorgraph analyze`` on a synthetic map of 1,000 actors: how long each step takes.

Writes a data folder that ``graph/schema.json`` accepts (the vocabularies of
``data/``; actors in two planted camps; relations of every type, states and
events, signed by the camps with 5 % noise, three statuses), then times:

- **load**: read, validate and build the graph;
- **report, local search**: every section of ``analyze`` with the split found
  by local search (no proof): what the target "analyze at 1,000 actors in
  10 s, without the exact solver's time" measures;
- **report, exact**: the same with the default method (enumeration or binary
  programming), and the solver's own seconds;
- **CLI**: ``actorgraph analyze --method local`` end to end, output discarded.

    python benchmarks/bench_analyze.py                  # 1,000 actors, 6,000 relations
    python benchmarks/bench_analyze.py --actors 300 --relations 1500
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.analysis import report  # noqa: E402
from graph.build import load_graph  # noqa: E402
from graph.cli import main as cli  # noqa: E402

VOCABULARIES = ("relation_types.csv", "relation_families.csv", "statuses.csv", "actor_kinds.csv")


def write_folder(folder: Path, actors: int, relations: int, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    for name in VOCABULARIES:
        shutil.copy(ROOT / "data" / name, folder / name)
    types = list(csv.DictReader((ROOT / "data" / "relation_types.csv").open(encoding="utf-8")))
    friendly = [t for t in types if t["sign"] == "1"]
    hostile = [t for t in types if t["sign"] == "-1"]
    (folder / "sources.csv").write_text("source_id,title,publisher,date,url,notes\nsyn,Synthetic,,2020-01-01,,\n", encoding="utf-8")
    (folder / "memberships.csv").write_text("membership_id,member,bloc,start,end,citation,notes\n", encoding="utf-8")
    side = rng.integers(0, 2, actors)
    with (folder / "actors.csv").open("w", encoding="utf-8") as f:
        f.write("actor_id,name,kind,aliases,description\n")
        f.writelines(f"A{i:04d},Actor {i},state,,\n" for i in range(actors))
    out = io.StringIO()
    out.write(
        "relation_id,source,target,type,status,start,end,confidence,intensity,magnitude,citation,evidence,notes,recorded,supersedes\n"
    )
    seen = set()
    i = 0
    while i < relations:
        a, b = (int(x) for x in rng.integers(0, actors, 2))
        if a == b:
            continue
        same = side[a] == side[b]
        if rng.random() < 0.05:
            same = not same
        kind = rng.choice(friendly if same else hostile)
        day = f"2024-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}"
        key = (a, b, kind["type"], day) if kind["directed"] == "true" else (min(a, b), max(a, b), kind["type"], day)
        if key in seen:
            continue
        seen.add(key)
        status = rng.choice(["confirmed", "confirmed", "reported", "potential"])
        out.write(f"r{i},A{a:04d},A{b:04d},{kind['type']},{status},{day},,0.8,,,syn,Synthetic.,,2025-01-01,\n")
        i += 1
    (folder / "relations.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def timed(f):
    began = time.perf_counter()
    result = f()
    return time.perf_counter() - began, result


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--actors", type=int, default=1000)
    p.add_argument("--relations", type=int, default=6000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(Path(tmp), args.actors, args.relations, args.seed)
        load_s, G = timed(lambda: load_graph(folder))
        local_s, local = timed(lambda: report(G, as_of="2024-12-31", method="local"))
        exact_s, exact = timed(lambda: report(G, as_of="2024-12-31"))
        with contextlib.redirect_stdout(io.StringIO()):
            cli_s, code = timed(
                lambda: cli(["analyze", "--data", str(folder), "--as-of", "2024-12-31", "--method", "local", "--format", "csv"])
            )
    s_local, s_exact = local["summary"].iloc[0], exact["summary"].iloc[0]
    rows = [
        ("load (validate + build)", load_s, ""),
        ("report, local search", local_s, f"frustration {s_local.frustration:.0f}, no bound; split {s_local.solver_seconds:.2f} s"),
        (
            "report, exact",
            exact_s,
            f"frustration {s_exact.frustration:.0f}, bound {s_exact.bound:.0f}, gap {s_exact.gap:.3g}; solver {s_exact.solver_seconds:.2f} s, "
            f"without it {exact_s - s_exact.solver_seconds:.2f} s",
        ),
        ("CLI analyze --method local", cli_s, f"exit {code}"),
    ]
    print(f"{args.actors} actors, {args.relations} relations, {s_local.ties} signed ties, betweenness {s_local.betweenness}")
    width = max(len(r[0]) for r in rows)
    for label, seconds, note in rows:
        print(f"{label.ljust(width)}  {seconds:7.2f} s  {note}")


if __name__ == "__main__":
    main()
