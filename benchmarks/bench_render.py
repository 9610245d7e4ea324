"""Benchmark the page against plain pyvis on synthetic data.

For each size (actors / relations), the script writes a synthetic data folder
that graph/schema.json accepts, then for our pipeline and for plain pyvis
(``Network().from_nx(G)`` with its defaults, ``cdn_resources="in_line"``):

- times the build: loading and validating the CSVs, the graph, the layout
  (from scratch, no cache) and the HTML, written to disk;
- reports the size of the HTML;
- opens it in headless Chromium (Debian's /usr/bin/chromium, no network:
  every request that is not a local file is aborted and counted) and times
  the first draw: the network's first ``afterDrawing`` event, measured from
  the start of navigation.

Run: ``python benchmarks/bench_render.py`` (``--sizes 500x2000`` to choose,
``--timeout 60`` for the seconds plain pyvis gets to draw).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from graph.build import load_graph
from graph.headless import block_network, launch
from graph.render import choose_renderer, write_html
from graph.schema import load_schema

SIZES = ((500, 2000), (2000, 10000))

# Wraps vis.Network as the bundle defines it, so that both pages report their
# first draw the same way without any change to either page.
HOOK = """
(() => {
  let box;
  Object.defineProperty(window, "vis", { configurable: true, get: () => box, set: (v) => {
    box = v;
    let Network;
    Object.defineProperty(v, "Network", { configurable: true, enumerable: true, get: () => Network, set: (N) => {
      Network = function (...args) {
        const net = new N(...args);
        net.once("afterDrawing", () => { window.__drawn = performance.now(); });
        return net;
      };
      Network.prototype = N.prototype;
    }});
  }});
})();
"""

VOCABULARY = {
    "actor_kinds.csv": [
        ["kind", "label", "description", "color", "shape", "role"],
        ["state", "State", "A state.", "#3A6EA5", "dot", "party"],
        ["alliance", "Alliance", "An alliance.", "#2A9D8F", "diamond", "bloc"],
    ],
    "statuses.csv": [
        ["status", "label", "description", "line_style", "weight"],
        ["confirmed", "Confirmed", "Verified.", "solid", "1"],
        ["reported", "Reported", "Reported.", "dotted", "0.75"],
        ["potential", "Potential", "Expected.", "dashed", "0.5"],
    ],
    "relation_families.csv": [
        ["family", "label", "description", "rank", "color"],
        ["armed_conflict", "Armed conflict", "Fighting.", "1", "#C0392B"],
        ["coercion", "Coercion", "Sanctions.", "2", "#882255"],
        ["agreements", "Agreements", "Treaties.", "4", "#332288"],
        ["aid", "Aid", "Help.", "5", "#1B7837"],
        ["verbal_conflict", "Verbal conflict", "Words against.", "6", "#D55E00"],
    ],
    "relation_types.csv": [
        [
            "type",
            "label",
            "family",
            "verb",
            "description",
            "directed",
            "sign",
            "intensity",
            "unit",
            "cameo",
            "plover",
            "color",
            "temporality",
            "half_life_days",
            "horizon_days",
        ],
        ["alliance", "Alliance", "agreements", "is allied with", "A treaty.", "false", "1", "8", "", "", "", "#25187C", "state", "", ""],
        ["aid", "Aid", "aid", "aids", "Help.", "true", "1", "5", "", "", "", "#1B7837", "state", "", ""],
        ["trade", "Trade", "agreements", "trades with", "Trade.", "false", "1", "3", "", "", "", "#412C94", "state", "", ""],
        ["sanctions", "Sanctions", "coercion", "sanctions", "Sanctions.", "true", "-1", "-6", "", "", "", "#7C134A", "state", "", ""],
        [
            "conflict",
            "Armed conflict",
            "armed_conflict",
            "is at war with",
            "War.",
            "false",
            "-1",
            "-10",
            "",
            "",
            "",
            "#A41D17",
            "state",
            "",
            "",
        ],
        [
            "condemns",
            "Condemnation",
            "verbal_conflict",
            "condemns",
            "Words.",
            "true",
            "-1",
            "-2",
            "",
            "",
            "",
            "#BF4C00",
            "event",
            "90",
            "365",
        ],
    ],
    "sources.csv": [
        ["source_id", "title", "publisher", "date", "url", "notes"],
        # Undated: a row then counts as public from its own start (graph.temporal.known_since).
        *[[f"s{i}", f"Synthetic source {i}", "Bench Press", "", f"https://example.org/{i}", ""] for i in range(5)],
    ],
    "memberships.csv": [["membership_id", "member", "bloc", "start", "end", "citation", "notes"]],
}


def synthetic_data(folder: Path, n_actors: int, n_relations: int, seed: int = 1) -> Path:
    """Write a valid data folder with ``n_actors`` actors and ``n_relations`` relations."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in VOCABULARY.items():
        _write(folder / name, rows)
    ids = [f"A{i:05d}" for i in range(n_actors)]
    actors = [["actor_id", "name", "kind", "aliases", "description"]]
    actors += [[a, f"Actor {i}", "alliance" if i % 50 == 0 else "state", f"Alias {i}", "Synthetic."] for i, a in enumerate(ids)]
    _write(folder / "actors.csv", actors)

    types = VOCABULARY["relation_types.csv"][1:]
    directed = VOCABULARY["relation_types.csv"][0].index("directed")
    symmetric = {t[0] for t in types if t[directed] == "false"}
    first = dt.date(2000, 1, 1)
    seen = set()
    relations = [load_schema()["relations"].columns]
    while len(relations) <= n_relations:
        u, v = rng.sample(ids, 2)
        kind = rng.choice(types)[0]
        start = first + dt.timedelta(days=rng.randrange(9000))
        pair = tuple(sorted((u, v))) if kind in symmetric else (u, v)
        key = (*pair, kind, start)
        if key in seen:
            continue
        seen.add(key)
        end = (start + dt.timedelta(days=rng.randrange(30, 2000))).isoformat() if rng.random() < 0.3 else ""
        status = rng.choice(("confirmed", "confirmed", "reported", "potential"))
        relations.append(
            [
                f"r-{len(relations)}",
                u,
                v,
                kind,
                status,
                start.isoformat(),
                end,
                "0.8",
                "",
                "",
                f"s{rng.randrange(5)}",
                "Synthetic evidence.",
                "",
                start.isoformat(),
                "",
            ]
        )
    _write(folder / "relations.csv", relations)
    return folder


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def build_ours(data: Path, out: Path) -> float:
    started = time.perf_counter()
    write_html(load_graph(data), out, title="Benchmark")
    return time.perf_counter() - started


def build_pyvis(data: Path, out: Path) -> float:
    """Plain pyvis as its README shows it: defaults, with the bundle inlined."""
    from pyvis.network import Network

    started = time.perf_counter()
    G = load_graph(data)
    H = G.copy()  # from_nx changes the graph it is given
    for *_, d in H.edges(data=True):
        # Our edges carry `source`, `target` and `directed`, which collide with pyvis's own arguments.
        del d["source"], d["target"], d["directed"]
    net = Network(cdn_resources="in_line")
    net.from_nx(H)
    # pyvis's own write_html opens the file without an encoding; write UTF-8 so it runs everywhere.
    out.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - started


def first_draw(browser, page_file: Path, timeout: float) -> tuple[float | None, int]:
    """Milliseconds from navigation to the first draw (None if not within ``timeout`` s), and blocked requests."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked = block_network(context)
    context.add_init_script(HOOK)
    page = context.new_page()
    try:
        page.goto(page_file.as_uri(), wait_until="commit", timeout=timeout * 1000)
        # Plain pyvis reports through HOOK; our page through its own hook, whichever renderer it uses.
        ours = "window.actorgraph !== undefined && window.actorgraph.firstDraw() !== null"
        page.wait_for_function(f"window.__drawn !== undefined || ({ours})", timeout=timeout * 1000, polling=50)
        drawn = page.evaluate(f"({ours}) ? window.actorgraph.firstDraw() : window.__drawn")
    except PlaywrightTimeout:  # not drawn in time: a result here, not a failure
        drawn = None
    finally:
        context.close()
    return drawn, len(blocked)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=[f"{a}x{r}" for a, r in SIZES], help="actors x relations, e.g. 500x2000")
    parser.add_argument("--timeout", type=float, default=60, help="seconds plain pyvis gets to draw (default 60)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p)
        for size in args.sizes:
            n_actors, n_relations = map(int, size.split("x"))
            data = synthetic_data(Path(tmp) / size, n_actors, n_relations)
            renderers = {"actorgraph": choose_renderer(n_actors, n_relations), "plain pyvis": "vis"}
            for name, build in (("actorgraph", build_ours), ("plain pyvis", build_pyvis)):
                out = Path(tmp) / f"{size}-{name.replace(' ', '-')}.html"
                seconds = build(data, out)
                drawn, blocked = first_draw(browser, out, args.timeout)
                rows.append(
                    (
                        f"{n_actors:,} / {n_relations:,}",
                        name,
                        renderers[name],
                        f"{seconds:.2f} s",
                        f"{out.stat().st_size / 1e6:.2f} MB",
                        f"{drawn / 1000:.2f} s" if drawn is not None else f"not drawn within {args.timeout:.0f} s",
                        str(blocked),
                    )
                )
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
        browser.close()
    header = ("actors / relations", "pipeline", "renderer", "build", "HTML size", "first draw", "blocked requests")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
