"""One scale table: how the tool behaves from 500 to 10,000 actors.

For each size (actors / relations) the script writes the synthetic data
folder of ``bench_render.synthetic_data`` (the one generator) and measures:

- **validate**: ``graph.io.load`` (read and validate the CSVs), in process,
  cold: no validated-dataset cache, nothing remembered in the process;
- **load**: ``graph.build.load_graph`` (validate and build the graph), cold;
  **load, cached tables**: the graph built from the validated tables read
  from the dataset cache (``graph/_dataset_cache.py``), as a command on
  unchanged files that finds no graph kept; **load, cached graph**:
  ``load_graph`` as a later command on unchanged files (the built graph read
  back from the same cache); **÷ bare**: over bare pandas + networkx
  (``read_csv`` of every file and ``from_pandas_edgelist`` of the relations, no checks);
- **build cold / warm**: ``python -m graph build`` in a child process, first
  without a layout cache or a dataset cache, then with the caches the first
  wrote; **peak memory** is the cold build's maximum resident set
  (``ru_maxrss``, measured by a small launcher process: the command alone,
  not the benchmark's own memory, which Linux carries across ``exec``);
- **query (command)**: ``python -m graph query A00001`` in a child, on
  unchanged files (validated tables and built graph kept);
- **HTML size**, and the **renderer** the page draws with (vis-network or
  WebGL, :func:`graph.render.choose_renderer`; ``--renderer`` forces one);
- in headless Chromium (Debian's, through ``graph.headless``, offline):
  **first draw** (``window.actorgraph.ready`` resolved, from the start of
  navigation), **settled** (then ``actorgraph.settle()``), and each
  interaction's settle time, median of ``--repeat``: **filter** (a relation
  family off), **date** (from the day the page opens on to a day in the middle, and back), **search** (a name),
  **focus** (select an actor), **click** (select a relation). The page hook
  ``window.actorgraph`` is defined in graph/static/page.js; a page without it gets only the first
  draw (vis-network's first ``afterDrawing``) and a printed note;
- **diff month / year**: ``graph.diff.diff_dates`` on the loaded graph, in
  process; **diff year (command)**: ``python -m graph diff`` over the year,
  a child, on unchanged files;
- **analyze**: ``python -m graph analyze --method local`` in a child process, on
  unchanged files: the whole report with the best split found by local search,
  without the exact frustration solver (HiGHS), whose time limit would
  otherwise be the figure (issue 14 times ``analyze`` without it);
- **plain pyvis**: its build and first draw (``bench_render``), where it
  finishes within ``--timeout``.

Every child process and browser wait is bounded by ``--timeout`` seconds; a
figure that did not finish reads ``> N s``.

Run: ``python benchmarks/bench_scale.py`` (all sizes; about half an hour),
``--sizes 500x2000 2000x10000`` to choose, ``--no-browser`` / ``--no-pyvis``
/ ``--skip build diff analyze`` to leave columns out, ``--page-only`` for the
page's columns alone (the page built in process, warm layout). The dataset
cache of the run is a folder of its own, deleted at the end; the user's is
never used.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pandas as pd
from bench_render import HOOK, first_draw, synthetic_data

from graph import io as gio
from graph._dataset_cache import CACHE_ENV
from graph.build import build_graph, load_graph
from graph.diff import diff_dates
from graph.headless import block_network, launch
from graph.io import load
from graph.render import RENDERERS, choose_renderer, write_html
from graph.schema import load_schema

SIZES = ((500, 2000), (2000, 10000), (5000, 25000), (10000, 50000), (10000, 100000))
#: Windows of the diff columns, inside the synthetic data's 2000-2024.
MONTH, YEAR = ("2012-06-01", "2012-06-30"), ("2012-01-01", "2012-12-31")
#: Each interaction: the call measured, then the call that undoes it (not measured).
INTERACTIONS = {
    "filter": ('ag.setFilter("family", "armed_conflict", false)', 'ag.setFilter("family", "armed_conflict", true)'),
    # Undone by going back to the day the page opened on (`before`, the state's date before the call);
    # "all dates" (null) would not undo it, and would make every other run a move from all dates to one day.
    "date": ('ag.setDate("2012-06-30")', "ag.setDate(before)"),
    "search": ('ag.search("Actor 123")', 'ag.search("")'),
    "focus": ('ag.selectActor("A00042")', "ag.selectActor(null)"),
    "click": ('ag.selectRelation("r-7")', "ag.selectRelation(null)"),
}
ROOT = Path(__file__).resolve().parent.parent
#: CPU seconds of the last :func:`timed` or :func:`child` call.
CPU: list[float] = []


def seconds(value: float | None, timeout: float | None = None) -> str:
    if value is None:
        return f"> {timeout:.0f} s" if timeout else "n/a"
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def timed(fn, *args, **kw) -> tuple[float, object]:
    """Wall seconds of ``fn(*args, **kw)``, and its result; the CPU seconds go to ``CPU[-1]``."""
    started, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - started, out


def with_cpu(wall: float | None, cpu: float, timeout: float | None = None) -> str:
    """Wall time and, as the machine may be shared, the CPU time spent."""
    return seconds(wall, timeout) if wall is None else f"{seconds(wall)} (cpu {seconds(cpu)})"


#: Runs the command in its arguments (after the report file) and writes its CPU seconds and peak memory there.
#: Measured from this small process: Linux keeps a process's peak memory across exec, so a command started
#: straight from the benchmark (hundreds of MB of graphs) would report the benchmark's own peak, not its own.
_LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{u.ru_utime + u.ru_stime} {u.ru_maxrss}')\n"
    "sys.exit(code)\n"
)


def child(argv: list[str], timeout: float) -> tuple[float | None, float]:
    """Run ``argv``; its wall seconds (None if killed at ``timeout``) and its own peak memory in MB.

    The wall time includes starting the small launcher (tens of milliseconds); CPU and memory are the command's own.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryDirectory() as folder:  # a file, not a pipe: a chatty child cannot block
        report = Path(folder) / "usage"
        launch = [sys.executable, "-c", _LAUNCHER, str(report), *argv]
        proc = subprocess.Popen(launch, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() - started > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, _, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                CPU.append(usage.ru_utime + usage.ru_stime)  # the launcher's: the killed command's own is lost with it
                return None, 0.0
            time.sleep(0.02)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            errors.seek(0)
            msg = f"{' '.join(argv)} failed ({proc.returncode}): {errors.read().decode()[-2000:]}"
            raise RuntimeError(msg)
        cpu, peak_kb = report.read_text().split()
        CPU.append(float(cpu))
    return wall, float(peak_kb) / 1024


def bare_load(data: Path) -> nx.MultiDiGraph:
    """What loading costs without our checks: every file read by pandas, the relations made a graph."""
    frames = {r.name: pd.read_csv(data / r.path, dtype=str, keep_default_na=False) for r in load_schema().resources}
    relations = frames["relations"]
    return nx.from_pandas_edgelist(relations, "source", "target", edge_key="relation_id", edge_attr=True, create_using=nx.MultiDiGraph)


@contextlib.contextmanager
def dataset_cache(folder: Path | None):
    """Run the block (and the children it starts) with the validated-dataset cache in ``folder`` (None: off), nothing in memory."""
    old = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder) if folder is not None else "off"
    gio._VALID.clear()
    try:
        yield
    finally:
        gio._VALID.clear()
        if old is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = old


def python_columns(data: Path, work: Path, timeout: float, skip: frozenset[str] = frozenset(), renderer: str = "auto") -> dict[str, str]:
    """Every figure that needs no browser.

    Cold figures run with no validated-dataset cache (graph/_dataset_cache.py) and nothing remembered in
    the process, as the first command on new files; "cached" ones as a later command on unchanged files.
    """
    py = sys.executable
    row = {}
    store = work / "dataset-cache"  # never the user's own cache
    with dataset_cache(None):
        row["validate"] = with_cpu(timed(load, data)[0], CPU[-1])
        gio._VALID.clear()
        loading, G = timed(load_graph, data)
        load_cpu = CPU[-1]
    row["load"] = with_cpu(loading, load_cpu)
    with dataset_cache(store):
        load(data)  # fills the cache with the validated tables only
        gio._VALID.clear()
        tables, _ = timed(lambda: build_graph(load(data)))
        tables_cpu = CPU[-1]
        load_graph(data)  # the first command that builds also keeps the graph
        gio._VALID.clear()
        cached, _ = timed(load_graph, data)
        cached_cpu = CPU[-1]
    row["load, cached tables"] = with_cpu(tables, tables_cpu)
    row["load, cached graph"] = with_cpu(cached, cached_cpu)
    bare = min(timed(bare_load, data)[0] for _ in range(2))
    bare_cpu = min(CPU[-2:])
    row["load ÷ bare"] = f"{loading / bare:.1f}× (cpu {load_cpu / bare_cpu:.1f}×)"
    row["load, cached graph ÷ bare"] = f"{cached / bare:.1f}× (cpu {cached_cpu / bare_cpu:.1f}×)"
    page, cache = work / "page.html", work / "page.layout.json"
    if "build" not in skip:
        cache.unlink(missing_ok=True)
        shutil.rmtree(store, ignore_errors=True)
        build = [py, "-m", "graph", "build", "--data", str(data), "-o", str(page), "--layout-cache", str(cache), "--renderer", renderer]
        with dataset_cache(store):
            cold, peak = child(build, timeout)
            row["build cold"], row["peak memory (cold build)"] = with_cpu(cold, CPU[-1], timeout), f"{peak:.0f} MB"
            if cold is not None:
                row["build warm"] = with_cpu(child(build, timeout)[0], CPU[-1], timeout)
            else:
                row["build warm"] = "n/a"
        row["HTML size"] = f"{page.stat().st_size / 1e6:.1f} MB" if page.exists() else "n/a"
    row["renderer"] = choose_renderer(G.number_of_nodes(), G.number_of_edges(), renderer)
    with dataset_cache(store):
        load_graph(data)  # the commands below run as later commands on unchanged files (tables and graph kept)
        wall, peak = child([py, "-m", "graph", "query", "A00001", "--data", str(data), "--format", "csv"], timeout)
        row["query (command)"] = with_cpu(wall, CPU[-1], timeout)
        if "diff" not in skip:
            for name, (a, b) in (("diff month", MONTH), ("diff year", YEAR)):
                row[name] = with_cpu(timed(diff_dates, G, a, b)[0], CPU[-1])
            year = [py, "-m", "graph", "diff", "--from", YEAR[0], "--to", YEAR[1], "--data", str(data), "--format", "csv"]
            row["diff year (command)"] = with_cpu(child(year, timeout)[0], CPU[-1], timeout)
        if "analyze" not in skip:
            analyze = child([py, "-m", "graph", "analyze", "--method", "local", "--data", str(data), "--format", "csv"], timeout)[0]
            row["analyze (local search)"] = with_cpu(analyze, CPU[-1], timeout)
    return row


def page_columns(browser, page_file: Path, timeout: float, repeat: int) -> dict[str, str]:
    """First draw, settled, and each interaction's settle time, through ``window.actorgraph``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    block_network(context)
    context.add_init_script(HOOK)
    tab = context.new_page()
    row = dict.fromkeys(("first draw", "settled", *INTERACTIONS), "n/a")
    try:
        tab.goto(page_file.as_uri(), wait_until="commit", timeout=timeout * 1000)
        tab.wait_for_function("window.__drawn !== undefined || window.actorgraph !== undefined", timeout=timeout * 1000, polling=20)
        if tab.evaluate("typeof window.actorgraph") != "object":
            tab.wait_for_function("window.__drawn !== undefined", timeout=timeout * 1000, polling=20)
            row["first draw"] = seconds(tab.evaluate("window.__drawn") / 1000)
            print(f"note: {page_file.name} has no window.actorgraph hook: settle and interaction columns skipped", file=sys.stderr)
            return row
        drawn, settled = tab.evaluate(
            "async () => { await window.actorgraph.ready; const d = window.actorgraph.firstDraw();"
            " await window.actorgraph.settle(); return [d, performance.now()]; }"
        )
        row["first draw"], row["settled"] = seconds(drawn / 1000), seconds(settled / 1000)
        for name, (call, undo) in INTERACTIONS.items():
            times = []
            for _ in range(repeat):
                times.append(
                    tab.evaluate(
                        f"async () => {{ const ag = window.actorgraph; const before = ag.state.date; const t = performance.now(); {call};"
                        f" await ag.settle(); const spent = performance.now() - t; {undo}; await ag.settle(); return spent; }}"
                    )
                )
            row[name] = seconds(statistics.median(times) / 1000)
    except PlaywrightTimeout:
        row = {k: (f"> {timeout:.0f} s" if v == "n/a" else v) for k, v in row.items()}
    finally:
        context.close()
    return row


def pyvis_columns(browser, data: Path, work: Path, timeout: float) -> dict[str, str]:
    """Plain pyvis's build (a child process, bounded) and first draw."""
    out = work / "pyvis.html"
    # bench_render.build_pyvis, in a child so that the timeout can stop it.
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); from pathlib import Path; import bench_render;"
        f" bench_render.build_pyvis(Path({str(data)!r}), Path({str(out)!r}))"
    )
    built, _ = child([sys.executable, "-c", code], timeout)
    if built is None:
        return {"pyvis build": f"> {timeout:.0f} s", "pyvis first draw": "n/a"}
    drawn, _ = first_draw(browser, out, timeout) if browser is not None else (None, 0)
    return {"pyvis build": with_cpu(built, CPU[-1]), "pyvis first draw": seconds(drawn / 1000 if drawn is not None else None, timeout)}


def table(rows: dict[str, dict[str, str]]) -> str:
    """A Markdown table: one row per figure, one column per size."""
    sizes = list(rows)
    names = list(dict.fromkeys(k for r in rows.values() for k in r))
    cells = [["figure", *sizes], *[[n, *(rows[s].get(n, "") for s in sizes)] for n in names]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=[f"{a}x{r}" for a, r in SIZES], help="actors x relations, e.g. 500x2000")
    parser.add_argument("--timeout", type=float, default=300, help="seconds any one step may take (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each interaction; the median is shown (default 3)")
    parser.add_argument("--no-browser", action="store_true", help="leave out the page columns (and pyvis's draw)")
    parser.add_argument("--no-pyvis", action="store_true", help="leave out plain pyvis")
    parser.add_argument("--renderer", choices=RENDERERS, default="auto", help="the page's renderer (default: by size)")
    parser.add_argument("--page-only", action="store_true", help="only the page's columns (built in process; implies --no-pyvis)")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["build", "diff", "analyze"], help="leave out these figures (build: and the page)"
    )
    args = parser.parse_args(argv)
    rows: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        browser = playwright = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = launch(playwright)
        try:
            for size in args.sizes:
                n_actors, n_relations = map(int, size.lower().split("x"))
                work = Path(tmp) / size
                data = synthetic_data(work / "data", n_actors, n_relations)
                if args.page_only:
                    G = load_graph(data)
                    write_html(G, work / "page.html", title="Benchmark", renderer=args.renderer, layout_cache=work / "page.layout.json")
                    row = {"renderer": choose_renderer(G.number_of_nodes(), G.number_of_edges(), args.renderer)}
                else:
                    row = python_columns(data, work, args.timeout, frozenset(args.skip), args.renderer)
                if browser is not None and "build" not in args.skip:
                    row.update(page_columns(browser, work / "page.html", args.timeout, args.repeat))
                if not (args.no_pyvis or args.page_only):
                    row.update(pyvis_columns(browser, data, work, args.timeout))
                rows[f"{n_actors:,} / {n_relations:,}"] = row
                print(f"{size}: " + "; ".join(f"{k} {v}" for k, v in row.items()), file=sys.stderr, flush=True)
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
