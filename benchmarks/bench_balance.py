"""Exact balance at scale: enumeration, binary programming (HiGHS) and local search, side by side.

For planted signed graphs (two hidden camps, ties signed by them, a share of
them flipped) and random ones (signs at random), it prints one row per
instance and method: actors, ties, method, seconds, frustration found,
proven lower bound, gap, and for planted graphs the planted count (the
frustration index is at most that). Enumeration runs only where it can
(2^(n-1) splits); the solver gets ``--time-limit`` seconds.

    python benchmarks/bench_balance.py                 # the default instances, incl. 1,000 actors / 10,000 ties
    python benchmarks/bench_balance.py --quick         # small instances only
    python benchmarks/bench_balance.py --crossover     # where enumeration stops being faster than the solver

Target (issue 9): a planted graph of 1,000 actors and 10,000 ties solved
exactly (gap 0, no more than the planted count) within 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.analysis import from_signs
from graph.analysis.solver import best_split


def planted(n: int, m: int, share: float, seed: int) -> tuple[nx.Graph, int]:
    """Two hidden camps, ``m`` distinct random ties signed by them, ``share`` of them flipped."""
    rng = np.random.default_rng(seed)
    side = rng.integers(0, 2, n)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        a, b = rng.integers(0, n, 2)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    pairs_list = sorted(pairs)
    flips = round(share * m)
    flipped = set(rng.choice(len(pairs_list), flips, replace=False).tolist())
    edges = [(a, b, (1 if side[a] == side[b] else -1) * (-1 if i in flipped else 1)) for i, (a, b) in enumerate(pairs_list)]
    return from_signs(edges), flips


def random_signed(n: int, m: int, seed: int) -> nx.Graph:
    rng = np.random.default_rng(seed)
    base = nx.gnm_random_graph(n, m, seed=seed)
    return from_signs([(u, v, rng.choice([-1, 1])) for u, v in base.edges])


def run(S: nx.Graph, method: str, time_limit: float) -> dict:
    options = {
        "enumeration": {"exact_limit": 10**6},
        "solver": {"exact_limit": 0, "time_limit": time_limit},
        "local search": {"method": "local"},
    }[method]
    began = time.perf_counter()
    split = best_split(S, **options)
    seconds = time.perf_counter() - began
    return {"seconds": seconds, "found": split.cost, "bound": split.bound, "gap": split.gap}


def fmt(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if isinstance(x, float):
        return f"{x:.3g}" if abs(x) < 1000 else f"{x:.0f}"
    return str(x)


def table(rows: list[dict]) -> None:
    cols = ["instance", "actors", "ties", "planted", "method", "seconds", "found", "bound", "gap"]
    cells = [cols, *[[fmt(r.get(c)) for c in cols] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cols))]
    for row in cells:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small instances only")
    p.add_argument("--crossover", action="store_true", help="time enumeration against the solver on 8..20 actors")
    p.add_argument("--time-limit", type=float, default=60.0, help="seconds the solver may take (default: 60)")
    args = p.parse_args(argv)
    if args.crossover:
        rows = []
        for n in (8, 10, 12, 14, 16, 18, 20):
            S = random_signed(n, 3 * n, seed=n)
            for method in ("enumeration", "solver"):
                rows.append(
                    {"instance": "random", "actors": n, "ties": S.number_of_edges(), "method": method, **run(S, method, args.time_limit)}
                )
        table(rows)
        return
    instances = [
        ("planted 5%", *planted(20, 60, 0.05, 1)),
        ("random", random_signed(20, 60, 2), None),
        ("planted 5%", *planted(200, 2000, 0.05, 3)),
        ("random", random_signed(100, 300, 4), None),
    ]
    if not args.quick:
        instances += [
            ("planted 5%", *planted(1000, 10000, 0.05, 5)),
            ("planted 10%", *planted(1000, 10000, 0.10, 6)),
            ("random", random_signed(1000, 10000, 7), None),
        ]
    rows = []
    for label, S, flips in instances:
        methods = ["enumeration"] if S.number_of_nodes() <= 22 else []
        methods += ["solver", "local search"]
        for method in methods:
            row = {"instance": label, "actors": S.number_of_nodes(), "ties": S.number_of_edges(), "planted": flips, "method": method}
            row.update(run(S, method, args.time_limit))
            rows.append(row)
            print(f"  {label} {S.number_of_nodes()}/{S.number_of_edges()} {method}: {row['seconds']:.2f} s", file=sys.stderr, flush=True)
    table(rows)


if __name__ == "__main__":
    main()
