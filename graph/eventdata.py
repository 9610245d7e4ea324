"""Event data (GDELT, ICEWS, PLOVER) aggregated per pair of actors and period.

The aggregation is one Ibis expression (:func:`aggregate`): DuckDB, embedded,
runs it by default, and the same expression runs on Spark (``backend="spark"``)
or on any Ibis backend holding a table with the file's columns (GDELT's public
BigQuery tables, for one). Event actors are mapped to our actor ids through
``actors.csv`` (ids, names and aliases) and the code map ``event_codes.csv``;
event codes to our relation types through ``relation_types.csv``'s ``cameo``
and ``plover`` columns. The results' layout is in ``docs/events.md``.

Examples
--------
>>> import graph
>>> frame = graph.aggregate_events([graph.eventdata.EXAMPLE_EVENTS], graph.EXAMPLE_DATA)
>>> print(frame[["source", "target", "period", "root", "events", "goldstein_sum"]].to_string(index=False))
source target     period root  events  goldstein_sum
   PRK    RUS 2024-06-01   05       2           16.0
   RUS    PRK 2024-06-01   05       1            8.0
   RUS    UKR 2024-06-01   19       1          -10.0
   USA    RUS 2024-06-01   11       1           -2.0
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._event_formats import ColumnMap, column_map, prepare_files
from .dates import parse_date
from .errors import EventDataError
from .io import DEFAULT_DATA, Dataset, load
from .write import write_atomic

__all__ = [
    "BACKENDS",
    "COLUMNS",
    "EXAMPLE_EVENTS",
    "PERIODS",
    "actor_codes",
    "aggregate",
    "aggregate_events",
    "aggregate_table",
    "column_map",
    "connect",
    "event_candidates",
    "events",
    "period_end",
    "read_events",
    "type_codes",
    "write_events",
]

#: Period name -> Ibis truncation unit. Weeks start on Monday (ISO), quarters on 1 January, April, July, October.
PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q"}
BACKENDS = ("duckdb", "spark")
#: What a row of the aggregate holds, in order; the group column is ``root`` or ``type`` (see ``by``).
COLUMNS = [
    "source",
    "target",
    "period",
    "events",
    "mentions",
    "sources",
    "articles",
    "goldstein_sum",
    "goldstein_mean",
    "tone_mean",
    "first_date",
    "last_date",
    "url_first",
    "url_last",
    "url_top",
]
DATE_COLUMNS = ("period", "first_date", "last_date")
CODES_FILE = Path(__file__).with_name("event_codes.csv")
#: A few GDELT rows shipped with the package, for examples and doctests.
EXAMPLE_EVENTS = Path(__file__).parent / "example" / "events.gdelt.tsv"
#: Files of an aggregate written by :func:`write_events`.
PARQUET, CSV, META = "events.parquet", "events.csv", "events.json"


# -- mappings from the vocabulary ---------------------------------------------------


def actor_codes(dataset: Dataset) -> dict[str, str]:
    """Upper-cased event actor key -> our actor id.

    Keys are, in rising priority, the names and aliases in ``actors.csv``,
    the codes of ``event_codes.csv`` (CAMEO codes that are not ISO ids, such
    as ``IGOWSTNAT`` for NATO) and the actor ids themselves (ISO alpha-3
    where one exists, as CAMEO country codes are).

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA, load
    >>> codes = actor_codes(load(EXAMPLE_DATA))
    >>> codes["PRK"], codes["DPRK"], codes["PYONGYANG"]
    ('PRK', 'PRK', 'PRK')
    """
    actors = dataset.frame("actors")
    ids = set(actors["actor_id"])
    out: dict[str, str] = {}
    for row in actors.itertuples():
        for name in [row.name, *(row.aliases or [])]:
            out[str(name).strip().upper()] = row.actor_id
    codes = pd.read_csv(CODES_FILE, dtype=str, keep_default_na=False)
    for code, actor in zip(codes["code"], codes["actor_id"], strict=True):
        if actor in ids:  # a code map may name actors another dataset does not have
            out[code.upper()] = actor
    out.update({i.upper(): i for i in ids})
    return out


def type_codes(dataset: Dataset, system: str = "cameo") -> list[tuple[str, str]]:
    """(event code, relation type) pairs from ``relation_types.csv``'s ``cameo`` or ``plover`` column.

    A code shared by several types maps to each of them (an event counts
    under every type its code stands for).

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA, load
    >>> sorted(type_codes(load(EXAMPLE_DATA)))[:3]
    [('057', 'defense_pact'), ('072', 'troop_deployment'), ('111', 'condemns')]
    """
    types = dataset.frame("relation_types")
    out = []
    for row in types.itertuples():
        value = getattr(row, system)
        for code in value if isinstance(value, list) else str(value or "").split("|"):
            if code and str(code).strip():
                out.append((str(code).strip().upper(), row.type))
    return out


# -- the expression ---------------------------------------------------------------------


def _text(t, column: str | None):
    """A column as text (empty cells are null on every backend); a null literal when the map has no such column."""
    import ibis

    if column is None:
        return ibis.null("string")
    return t[column].cast("string")


def _table(columns: dict[str, list[str]]):
    """A small in-memory table of text columns (from Arrow: Ibis's pandas path warns under pandas 3)."""
    import ibis
    import pyarrow as pa

    return ibis.memtable(pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}))


def aggregate(
    t,
    cmap: ColumnMap,
    actors: dict[str, str],
    *,
    period: str = "month",
    by: str = "root",
    types: Sequence[tuple[str, str]] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    only: Iterable[str] = (),
):
    """The aggregation of the event table ``t``, as one Ibis expression (not yet run).

    Parameters
    ----------
    t : ibis.Table
        Events with the columns ``cmap`` names (any types: each is read as text).
    cmap : ColumnMap
        Which column holds what.
    actors : dict
        Upper-cased actor key -> our actor id (:func:`actor_codes`); events
        whose source or target maps to none are left out, as are events of an
        actor with itself.
    period : {"day", "week", "month", "quarter"}
        The time bucket; ``period`` in the result is its first day.
    by : {"root", "type"}
        Group by CAMEO root code (two digits; the PLOVER category for PLOVER
        files) or by our relation types through ``types``.
    types : sequence of (code, type)
        For ``by="type"`` (:func:`type_codes`); a code matches an event code
        that starts with it.
    date_from, date_to : datetime.date, optional
        Keep events on these days or between them.
    only : iterable of str
        Actor ids: keep events in which one of them is source or target.
    """
    import ibis

    if period not in PERIODS:
        msg = f'unknown period "{period}": give one of {", ".join(PERIODS)}'
        raise EventDataError(msg)
    if by not in ("root", "type"):
        msg = f'unknown grouping "{by}": give root (CAMEO root code or PLOVER category) or type (our relation types)'
        raise EventDataError(msg)

    # The actor join comes first: it drops most events (those of actors we do not map), so the
    # parsing of dates, numbers and the URL keys below runs on the few rows kept, not on every row read.
    # Every column stays text until then: only the key columns are touched for the events dropped.
    keys = {
        # The first non-empty column of a side names its actor (GDELT: the country code; for an IGO,
        # which has none, its known-group or actor code).
        f"{side}_key": ibis.coalesce(*[_text(t, c) for c in columns]).upper()
        for side, columns in (("source", cmap.source), ("target", cmap.target))
    }
    raw = {name: _text(t, getattr(cmap, name)) for name in ("date", "code", "goldstein", "mentions", "sources", "articles", "tone", "url")}
    ev = t.select(**raw, **keys)
    # Keys are looked up by an inner join with a small table (a broadcast join on Spark), which also
    # drops the events of actors we do not map; a CASE of every name and alias would be evaluated
    # branch by branch on every row.
    lookup = _table({"key": list(actors), "actor": list(actors.values())})
    for side in ("source", "target"):
        found = lookup.select(**{f"{side}_key": lookup.key, side: lookup.actor})
        ev = ev.join(found, f"{side}_key").drop(f"{side}_key")
    keep = [ev.source != ev.target]
    only = sorted(set(only))
    if only:
        keep.append(ev.source.isin(only) | ev.target.isin(only))
    ev = ev.filter(*keep)

    if cmap.date_format == "YYYYMMDD":
        # Integer arithmetic: string slicing costs more than the rest of the parsing on DuckDB.
        n = ev.date.try_cast("int64")
        date = ibis.date((n // 10000).cast("int32"), (n // 100 % 100).cast("int32"), (n % 100).cast("int32"))
    else:
        date = ev.date[0:10].try_cast("date")
    ev = ev.select(
        "source",
        "target",
        date=date,
        code=ev.code.upper(),
        goldstein=ev.goldstein.try_cast("float64"),
        mentions=ev.mentions.try_cast("int64"),
        sources=ev.sources.try_cast("int64"),
        articles=ev.articles.try_cast("int64"),
        tone=ev.tone.try_cast("float64"),
        url=ev.url.nullif(""),
    )
    keep = [ev.date.notnull()]
    if date_from is not None:
        keep.append(ev.date >= date_from)
    if date_to is not None:
        keep.append(ev.date <= date_to)
    ev = ev.filter(*keep)
    # YYYYMMDD as text, a fixed-width prefix for picking the first, last and top URLs
    ev = ev.mutate(day=(ev.date.year() * 10000 + ev.date.month() * 100 + ev.date.day()).cast("string"))

    if by == "root":
        group = "root"
        ev = ev.mutate(root=ev.code[0:2] if cmap.code_system == "cameo" else ev.code)
    else:
        group = "type"
        if not types:
            msg = f"no relation type carries a {cmap.code_system} code: fill the {cmap.code_system} column of relation_types.csv, or use --by root"
            raise EventDataError(msg)
        parts = []
        for length in sorted({len(c) for c, _ in types}):
            pairs = [(c, k) for c, k in types if len(c) == length]
            codes = _table({"prefix": [c for c, _ in pairs], "type": [k for _, k in pairs]})
            keyed = ev.mutate(prefix=ev.code[0:length])
            parts.append(keyed.join(codes, "prefix").drop("prefix"))
        ev = parts[0] if len(parts) == 1 else ibis.union(*parts)
    ev = ev.mutate(period=ev.date.truncate(PERIODS[period]))

    return ev.group_by(["source", "target", "period", group]).aggregate(
        events=ev.count(),
        mentions=ev.mentions.sum(),
        sources=ev.sources.sum(),
        articles=ev.articles.sum(),
        goldstein_sum=ev.goldstein.sum(),
        goldstein_mean=ev.goldstein.mean(),
        tone_mean=ev.tone.mean(),
        first_date=ev.date.min(),
        last_date=ev.date.max(),
        # Deterministic examples on every backend: the first URL of the first day, of the last day,
        # and of the most mentioned event (ties: the latest day, then the greatest URL).
        url_first=ev.day.concat(ev.url).min()[8:],
        url_last=ev.day.concat(ev.url).max()[8:],
        url_top=ev.mentions.cast("string").lpad(12, "0").concat(ev.day, ev.url).max()[20:],
    )


# -- running it -------------------------------------------------------------------------


def connect(backend: str = "duckdb", *, session=None):
    """An Ibis connection: embedded DuckDB, or Spark through ``session`` or the active or default SparkSession.

    ``SparkSession.builder.getOrCreate()`` takes its master and settings from
    ``spark-submit``, ``spark-defaults.conf`` or ``SPARK_REMOTE``: the same
    call runs locally or on a cluster (``docs/events.md``).
    """
    import ibis

    if backend == "duckdb":
        import duckdb

        con = ibis.duckdb.connect()
        # The bar would write into the command's output; in a notebook without ipywidgets
        # DuckDB refuses to touch the setting, and shows no bar there either.
        with contextlib.suppress(duckdb.InvalidInputException):
            con.raw_sql("SET enable_progress_bar = false")
        return con
    if backend == "spark":
        try:
            from pyspark.sql import SparkSession
        except ImportError as err:
            msg = 'the Spark backend needs pyspark: pip install "actor-graph-explorer[spark]" (and Java 17)'
            raise EventDataError(msg) from err
        with _quiet_spark():
            session = session or SparkSession.getActiveSession() or SparkSession.builder.appName("actorgraph-events").getOrCreate()
            return ibis.pyspark.connect(session)
    msg = f'unknown backend "{backend}": give one of {", ".join(BACKENDS)}'
    raise EventDataError(msg)


def _run(con, expr):
    """Run ``expr`` on ``con`` and return an Arrow table.

    On Spark, Ibis would move the result through pandas, which PySpark 4 does
    not yet support at pandas 3 (deprecation warnings, failing Arrow
    conversion); the compiled SQL is run by the session and fetched as Arrow
    instead. The pre-execute hook registers the in-memory lookup tables.
    """
    if con.name != "pyspark":
        return con.to_pyarrow(expr)
    with _quiet_spark():
        con._run_pre_execute_hooks(expr)
        return con._session.sql(con.compile(expr)).toArrow()


@contextlib.contextmanager
def _quiet_spark():
    """Silence PySpark 4's notice that it "does not yet fully support pandas >= 3" (no pandas is used here)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support", category=FutureWarning)
        yield


def read_events(con, paths: Sequence[Path], cmap: ColumnMap):
    """The files as one Ibis table of text columns, read by the backend of ``con``."""
    files = [str(p) for p in paths]
    quoting = {} if cmap.header else {"quote": ""}  # GDELT never quotes; a stray " is data
    if con.name == "duckdb":
        options: dict = {"delim": cmap.delimiter, "header": cmap.header, "strict_mode": True, "auto_detect": False}
        if cmap.header:
            options.update(auto_detect=True, all_varchar=True)
        else:
            options.update(columns=dict.fromkeys(cmap.columns or (), "VARCHAR"), escape="", **quoting)
        return con.read_csv(files, **options)
    options = {"sep": cmap.delimiter, "header": cmap.header, "inferSchema": False, "mode": "FAILFAST", **quoting}
    if not cmap.header:
        options["schema"] = ", ".join(f"`{c}` STRING" for c in cmap.columns or ())
    return con.read_csv(files, **options)


def aggregate_events(
    paths: Sequence[str | Path],
    data: str | Path = DEFAULT_DATA,
    *,
    columns: str | Path | ColumnMap = "gdelt",
    period: str = "month",
    by: str = "root",
    date_from: str | None = None,
    date_to: str | None = None,
    actors: Iterable[str] = (),
    backend: str = "duckdb",
    con=None,
) -> pd.DataFrame:
    """Read event files and aggregate them per pair × period × code; returns a DataFrame.

    Parameters
    ----------
    paths : sequence of path
        Event files: plain, gzipped (``.gz``) or zipped (``.zip``).
    data : path
        The data folder whose ``actors.csv`` and ``relation_types.csv`` map the events.
    columns : str or path
        The column map: ``gdelt``, ``icews``, ``plover`` or a JSON file.
    period, by :
        See :func:`aggregate`.
    date_from, date_to : str, optional
        ``2024``, ``2024-06`` or ``2024-06-19``: from the first day of
        ``date_from`` to the last day of ``date_to``.
    actors : iterable of str
        Ids, names or aliases: keep the events of these actors only.
    backend : {"duckdb", "spark"}
        Where the expression runs (ignored when ``con`` is given).
    con : ibis connection, optional
        An open connection to reuse (tests share one Spark session).

    Raises
    ------
    EventDataError
        If a file does not match its column map or the backend cannot read it.
    DataError
        If the data folder is invalid.
    """
    cmap = column_map(columns)
    context = _Context.make(data, actors, date_from, date_to)  # bad requests fail before any file is read
    files = prepare_files(list(paths), cmap)
    con = con or connect(backend)
    what = f"the {cmap.name} files {', '.join(str(p) for p in paths)}"
    with _backend_errors(what):
        table = read_events(con, files, cmap)
    return _aggregate_table(table, cmap, context, period=period, by=by, what=what)


def aggregate_table(
    table,
    data: str | Path = DEFAULT_DATA,
    *,
    columns: str | Path | ColumnMap = "gdelt",
    period: str = "month",
    by: str = "root",
    date_from: str | None = None,
    date_to: str | None = None,
    actors: Iterable[str] = (),
) -> pd.DataFrame:
    """Aggregate an Ibis table of events held by any backend (a Spark table, GDELT on BigQuery...).

    The table needs the columns the column map names, of any type; the
    expression is :func:`aggregate`'s, run where the table lives, and only
    the aggregate comes back. See ``docs/events.md``.
    """
    cmap = column_map(columns)
    context = _Context.make(data, actors, date_from, date_to)
    return _aggregate_table(table, cmap, context, period=period, by=by, what="the event table")


@dataclass(frozen=True)
class _Context:
    """What a request takes from the data folder and the arguments, checked before any event is read."""

    dataset: Dataset
    only: list[str]
    start: dt.date | None
    stop: dt.date | None

    @classmethod
    def make(cls, data, actors: Iterable[str], date_from: str | None, date_to: str | None) -> _Context:
        from .build import build_graph
        from .query import resolve_actor

        dataset = load(data)
        G = build_graph(dataset)
        only = [resolve_actor(G, a) for a in actors]
        start = parse_date(date_from, end=False) if date_from else None
        stop = parse_date(date_to) if date_to else None
        if start and stop and start > stop:
            msg = f"--from {date_from} is after --to {date_to}: swap them"
            raise EventDataError(msg)
        return cls(dataset, only, start, stop)


def _aggregate_table(table, cmap: ColumnMap, context: _Context, *, period: str, by: str, what: str) -> pd.DataFrame:
    expr = aggregate(
        table,
        cmap,
        actor_codes(context.dataset),
        period=period,
        by=by,
        types=type_codes(context.dataset, cmap.code_system),
        date_from=context.start,
        date_to=context.stop,
        only=context.only,
    )
    with _backend_errors(what):
        frame = _run(table.get_backend(), expr).to_pandas()
    return _tidy(frame, by if by == "type" else "root")


@contextlib.contextmanager
def _backend_errors(what: str):
    """Turn whatever a backend raises into one EventDataError naming the input."""
    try:
        yield
    except EventDataError:
        raise
    except Exception as err:  # each backend raises its own classes; the message is what matters
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        msg = f"could not read {what}: {first}"
        raise EventDataError(msg) from err


def _tidy(frame: pd.DataFrame, group: str) -> pd.DataFrame:
    """Same dtypes and row order whichever backend computed ``frame``."""
    frame = frame.copy()
    for column in DATE_COLUMNS:
        values = pd.to_datetime(frame[column])
        if values.dt.tz is not None:  # Spark's date_trunc gives a timestamp in the session's time zone
            values = values.dt.tz_localize(None)
        frame[column] = values.dt.normalize().astype("datetime64[ns]")
    frame["events"] = frame["events"].astype("int64")
    for column in ("mentions", "sources", "articles"):
        frame[column] = frame[column].astype("Int64")
    for column in ("goldstein_sum", "goldstein_mean", "tone_mean"):
        frame[column] = frame[column].astype("float64")
    for column in ("source", "target", group, "url_first", "url_last", "url_top"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    order = ["source", "target", "period", group, *COLUMNS[3:]]
    return frame[order].sort_values(["source", "target", "period", group], kind="stable").reset_index(drop=True)


# -- results on disk ------------------------------------------------------------------------


def write_events(frame: pd.DataFrame, folder: str | Path, **meta) -> list[Path]:
    """Write an aggregate as ``events.parquet``, ``events.csv`` and ``events.json`` in ``folder``.

    Each file is written atomically; ``meta`` (period, by, column map,
    files...) goes into ``events.json`` beside the row count.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        msg = f"could not create the folder {folder}: {err.strerror or err}"
        raise EventDataError(msg) from err
    parquet = io.BytesIO()
    frame.to_parquet(parquet, index=False)
    text = frame.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n")
    info = {"rows": len(frame), "columns": list(frame.columns), **meta}
    return [
        write_atomic(folder / PARQUET, parquet.getvalue()),
        write_atomic(folder / CSV, text),
        write_atomic(folder / META, json.dumps(info, indent=2, default=str) + "\n"),
    ]


def events(path: str | Path, *, actor: str | None = None, other: str | None = None) -> pd.DataFrame:
    """The aggregate written by :func:`write_events` (``actorgraph events --out``), as a DataFrame.

    Parameters
    ----------
    path : path
        The folder, or its ``events.parquet`` or ``events.csv``.
    actor, other : str, optional
        Actor ids: keep the rows in which ``actor`` takes part (with
        ``other``, the rows of that pair, both directions).

    Examples
    --------
    >>> import tempfile, graph
    >>> frame = graph.aggregate_events([graph.eventdata.EXAMPLE_EVENTS], graph.EXAMPLE_DATA)
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_events(frame, folder)
    >>> events(folder, actor="PRK").events.tolist()
    [2, 1]
    """
    path = Path(path)
    file = path / PARQUET if path.is_dir() else path
    if path.is_dir() and not file.is_file():
        file = path / CSV
    if not file.is_file():
        msg = f"{path}: no aggregate of events here: write one with actorgraph events FILE... --out {path}"
        raise EventDataError(msg)
    try:
        if file.suffix == ".parquet":
            frame = pd.read_parquet(file)
        else:
            frame = pd.read_csv(file, dtype={"root": str, "type": str}, keep_default_na=False, na_values=[""])
    except Exception as err:  # pyarrow and pandas raise many kinds
        msg = f"{file}: cannot read the aggregate: {str(err).splitlines()[0] if str(err) else type(err).__name__}"
        raise EventDataError(msg) from err
    missing = [c for c in ("source", "target", "period", "events") if c not in frame.columns]
    if missing:
        msg = f"{file}: not an aggregate of events: it lacks {', '.join(missing)}"
        raise EventDataError(msg)
    group = "type" if "type" in frame.columns else "root"
    if {*COLUMNS, group} <= set(frame.columns):
        try:
            frame = _tidy(frame, group)  # the dtypes aggregate_events gives, from Parquet or CSV alike
        except (ValueError, TypeError) as err:
            msg = f"{file}: not an aggregate of events: {err}"
            raise EventDataError(msg) from err
    if actor:
        keep = (frame.source == actor) | (frame.target == actor)
        if other:
            keep &= (frame.source == other) | (frame.target == other)
        frame = frame[keep].reset_index(drop=True)
    return frame


# -- suggestions ---------------------------------------------------------------------------


def event_candidates(G, frame: pd.DataFrame, *, period: str = "month", min_events: int = 20) -> pd.DataFrame:
    """Pairs and periods busy with events but with no curated relation in effect: rows to review.

    A row of the aggregate is a candidate when it counts at least
    ``min_events`` events and, on the last day of its ``period`` (the one
    the aggregate was made with), the map has no
    relation between the two actors (either direction) in effect
    (:func:`graph.as_of`); when the aggregate is by relation type, none of
    that type.

    Examples
    --------
    >>> import graph
    >>> G = graph.load_graph(graph.EXAMPLE_DATA)
    >>> frame = graph.aggregate_events([graph.eventdata.EXAMPLE_EVENTS], graph.EXAMPLE_DATA)
    >>> print(event_candidates(G, frame, min_events=1)[["source", "target", "root", "events"]].to_string(index=False))
    source target root  events
       USA    RUS   11       1
    """
    from .temporal import as_of

    by_type = "type" in frame.columns
    group = "type" if by_type else "root"
    busy = frame[frame["events"] >= min_events]
    rows = []
    views: dict = {}
    for row in busy.itertuples(index=False):
        end = period_end(row.period, period)
        view = views.get(end)
        if view is None:
            view = views[end] = as_of(G, end)
        if row.source not in view or row.target not in view:
            continue
        ties = [
            d.get("type")
            for u, v in ((row.source, row.target), (row.target, row.source))
            if view.has_edge(u, v)
            for d in view[u][v].values()
        ]
        if (getattr(row, group) in ties) if by_type else ties:
            continue
        what = f"no {getattr(row, group)} relation" if by_type else "no relation"
        rows.append(
            {
                "source": row.source,
                "target": row.target,
                "period": row.period,
                group: getattr(row, group),
                "events": row.events,
                "goldstein_mean": row.goldstein_mean,
                "reason": f"{row.events} event{'s' if row.events != 1 else ''} (threshold {min_events}) and {what} in effect on {end.isoformat()}",
            }
        )
    columns = ["source", "target", "period", group, "events", "goldstein_mean", "reason"]
    out = pd.DataFrame(rows, columns=columns)
    out["period"] = pd.to_datetime(out["period"])  # a date column even with no candidate
    return out.sort_values(["events", "source", "target", "period"], ascending=[False, True, True, True], kind="stable").reset_index(
        drop=True
    )


def period_end(start, period: str) -> dt.date:
    """The last day of the ``period`` that begins on ``start``.

    Examples
    --------
    >>> period_end("2024-02-01", "month"), period_end("2024-04-01", "quarter"), period_end("2024-06-10", "week")
    (datetime.date(2024, 2, 29), datetime.date(2024, 6, 30), datetime.date(2024, 6, 16))
    """
    if period not in PERIODS:
        msg = f'unknown period "{period}": give one of {", ".join(PERIODS)}'
        raise EventDataError(msg)
    step = {
        "day": pd.DateOffset(days=1),
        "week": pd.DateOffset(weeks=1),
        "month": pd.DateOffset(months=1),
        "quarter": pd.DateOffset(months=3),
    }
    return (pd.Timestamp(start) + step[period] - pd.DateOffset(days=1)).date()
