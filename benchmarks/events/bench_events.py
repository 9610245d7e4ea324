"""Time and peak memory of ``actorgraph events`` on GDELT files: DuckDB, Spark local, and a pandas baseline.

Each engine runs in a child process; the parent samples the resident memory
of the child and of everything it starts (Spark's JVM) every 0.2 s and
reports the peak of their sum. The aggregation is the command's default:
GDELT column map, month, CAMEO root, every pair of actors in data/. The
two pandas baselines share one ``groupby`` and differ in the read: ``pandas``
(tuned: ``usecols`` of the 10 columns needed, ``dtype=str``) and ``pandas-plain``
(what an analyst writes first: ``read_csv(path, sep="\\t", header=None,
names=<the 61 codebook columns>)``, types inferred). Make the files with ``generate.py``::

    python benchmarks/events/generate.py 10000000 /tmp/gdelt-10m --shards 4
    python benchmarks/events/bench_events.py /tmp/gdelt-10m --engines duckdb pandas pandas-plain spark

Prints one line per engine: rows in, seconds, peak memory, rows out and
the events they count (which must agree between engines).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: ``pandas``: the tuned baseline (10 columns as text); ``pandas-plain``: every column, types inferred.
ENGINES = ("duckdb", "spark", "pandas", "pandas-plain")


def event_files(folder: Path) -> list[Path]:
    """The GDELT files of ``folder``: generate.py's text files, or to_parquet.py's Parquet copies of them."""
    files = sorted(p for p in folder.iterdir() if ".export.CSV" in p.name or p.name.endswith(".export.parquet"))
    if not files:
        sys.exit(f"{folder}: no *.export.CSV[.gz] or *.export.parquet files: make some with benchmarks/events/generate.py")
    if len({is_parquet(f) for f in files}) > 1:
        sys.exit(f"{folder}: holds both text and Parquet files: keep one kind per folder")
    return files


def is_parquet(path: Path) -> bool:
    return path.suffix == ".parquet"


# -- the engines (run in the child) -------------------------------------------------------


def run_ibis(files: list[Path], backend: str) -> tuple[int, int]:
    from graph.eventdata import aggregate_events

    con = None
    if backend == "spark":
        from pyspark.sql import SparkSession

        from graph.eventdata import connect

        session = (
            SparkSession.builder.master("local[2]")
            .config("spark.driver.memory", "3g")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        con = connect("spark", session=session)
    if is_parquet(files[0]):
        # The command reads text; a Parquet copy goes through the same expression, read where it lies.
        from graph.eventdata import aggregate_table, connect

        con = con or connect(backend)
        frame = aggregate_table(con.read_parquet([str(f) for f in files]), ROOT / "data")
    else:
        frame = aggregate_events(files, ROOT / "data", backend=backend, con=con)
    return len(frame), int(frame["events"].sum())


def run_pandas(files: list[Path]) -> tuple[int, int]:
    """The tuned baseline: only the 10 columns needed, all read as text (no type inference)."""
    import csv

    import pandas as pd

    # SQLDATE, Actor1CountryCode, Actor2CountryCode, EventCode, GoldsteinScale, NumMentions, NumSources, NumArticles, AvgTone, SOURCEURL
    usecols = [1, 7, 17, 26, 30, 31, 32, 33, 34, 60]
    names = ["day", "a1", "a2", "code", "goldstein", "mentions", "sources", "articles", "tone", "url"]
    if is_parquet(files[0]):
        from graph._event_formats import column_map

        columns = [(column_map("gdelt").columns or ())[i] for i in usecols]
        parts = [pd.read_parquet(f, columns=columns) for f in files]
    else:
        parts = [
            pd.read_csv(f, sep="\t", header=None, usecols=usecols, names=None, dtype=str, quoting=csv.QUOTE_NONE, keep_default_na=False)
            for f in files
        ]
    df = pd.concat(parts, ignore_index=True)
    df.columns = names

    def parse(df):
        df["date"] = pd.to_datetime(df["day"], format="%Y%m%d")
        df["root"] = df["code"].str[:2]
        for c in ("goldstein", "tone", "mentions", "sources", "articles"):
            df[c] = pd.to_numeric(df[c])
        return df

    return _pandas_groupby(df, parse)


def run_pandas_plain(files: list[Path]) -> tuple[int, int]:
    """The plain baseline an analyst writes first: every one of the codebook's 61 columns, types inferred."""
    import pandas as pd

    from graph._event_formats import column_map

    if is_parquet(files[0]):
        sys.exit("pandas-plain reads the text files (every column, types inferred); to_parquet.py keeps 14 columns as text")
    names = list(column_map("gdelt").columns or ())
    df = pd.concat([pd.read_csv(f, sep="\t", header=None, names=names) for f in files], ignore_index=True)
    df = df.rename(
        columns={
            "Actor1CountryCode": "a1",
            "Actor2CountryCode": "a2",
            "GoldsteinScale": "goldstein",
            "NumMentions": "mentions",
            "NumSources": "sources",
            "NumArticles": "articles",
            "AvgTone": "tone",
            "SOURCEURL": "url",
        }
    )

    def parse(df):
        # Inferred as integers: CAMEO's root "01" reads as 1, the day 20240101 as a number.
        df["date"] = pd.to_datetime(df["SQLDATE"].astype(str), format="%Y%m%d")
        df["root"] = df["EventRootCode"].astype(str).str.zfill(2)
        return df

    return _pandas_groupby(df, parse)


def _pandas_groupby(df, parse) -> tuple[int, int]:
    """What both baselines do once the columns are read: map the country codes, ``parse`` the rows kept, ``groupby``."""
    from graph.eventdata import actor_codes
    from graph.io import load

    codes = actor_codes(load(ROOT / "data"))
    df["source"] = df["a1"].str.upper().map(codes)
    df["target"] = df["a2"].str.upper().map(codes)
    df = parse(df[df.source.notna() & df.target.notna() & (df.source != df.target)].copy())
    df["period"] = df["date"].dt.to_period("M").dt.start_time
    out = df.groupby(["source", "target", "period", "root"]).agg(
        events=("root", "size"),
        mentions=("mentions", "sum"),
        sources=("sources", "sum"),
        articles=("articles", "sum"),
        goldstein_sum=("goldstein", "sum"),
        goldstein_mean=("goldstein", "mean"),
        tone_mean=("tone", "mean"),
        first_date=("date", "min"),
        last_date=("date", "max"),
        url_first=("url", "min"),
        url_last=("url", "max"),
    )
    return len(out), int(out["events"].sum())


def child(engine: str, files: list[Path]) -> None:
    t0 = time.perf_counter()
    run = {"pandas": run_pandas, "pandas-plain": run_pandas_plain}.get(engine)
    rows, events = run(files) if run else run_ibis(files, engine)
    print(json.dumps({"seconds": time.perf_counter() - t0, "rows_out": rows, "events": events}))


# -- measuring (in the parent) -----------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(engine: str, files: list[Path]) -> dict:
    cmd = [sys.executable, __file__, "--child", engine, *map(str, files)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the child (and of what it waited for: not Spark's JVM, which is measured by wall time only).
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        return {"engine": engine, "error": (err.strip().splitlines() or ["?"])[-1]}
    result = json.loads(out.strip().splitlines()[-1])
    return {"engine": engine, "wall": wall, "cpu": cpu, "peak_gb": peak / 1e9, **result}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, nargs="?", help="a folder of generate.py's files")
    p.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    p.add_argument("--child", metavar="ENGINE", help=argparse.SUPPRESS)
    p.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.child, [args.folder, *args.files])
        return 0
    files = event_files(args.folder)
    size = sum(f.stat().st_size for f in files)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.folder}: {len(files)} files, {size / 1e9:.2f} GB; {os.cpu_count()} cores, load average {load}", flush=True)
    results = {}
    for engine in args.engines:
        r = results[engine] = measure(engine, files)
        if "error" in r:
            print(f"  {engine:12} failed: {r['error']}", flush=True)
            continue
        print(
            f"  {engine:12} {r['wall']:8.1f} s wall ({r['seconds']:.1f} s in the engine, {r['cpu']:.1f} s CPU)  peak {r['peak_gb']:.2f} GB  "
            f"{r['rows_out']:,} rows out, {r['events']:,} events",
            flush=True,
        )
    print(f"  load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    duck = results.get("duckdb", {})
    for name, what in (
        ("pandas", "the tuned pandas baseline (10 columns as text)"),
        ("pandas-plain", "the plain pandas baseline (61 columns, inferred)"),
    ):
        base = results.get(name, {})
        if "wall" in duck and "wall" in base:
            print(
                f"  duckdb is {base['wall'] / duck['wall']:.1f}x faster than {what} in wall time, {base['cpu'] / duck['cpu']:.1f}x in CPU seconds"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
