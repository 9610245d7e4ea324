"""What changed: between two dates of the map, and between two versions of the data.

Two different questions, two functions:

- :func:`diff_dates` compares the map *as of* two dates (valid time). Rows
  are matched by ``lineage`` (the first row of a ``supersedes`` chain), so a
  row that supersedes another shows as a change of the same relation, not as
  one relation ending and another starting.
- :func:`diff_versions` compares two versions of the files (what was written),
  row by row by id: added, removed, and changed field by field. A version is
  a folder, a :class:`~graph.io.Dataset` or a git revision of the data folder
  (read with ``git cat-file``, never checked out).
"""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
from pathlib import Path

import networkx as nx
import pandas as pd

from .dates import parse_date
from .errors import DataError, VersionError
from .io import DEFAULT_DATA, Dataset, load, read_dataset
from .query import verb
from .schema import load_schema
from .temporal import effective_intervals

__all__ = ["DATE_COLUMNS", "VERSION_COLUMNS", "diff_dates", "diff_versions", "read_revision", "resolve_version"]

#: Edge attributes compared along a lineage, and the name the report gives each.
#: ``weight`` is the row's intensity or its type's default (graph-contract.md).
COMPARED = {"status": "status", "weight": "intensity", "magnitude": "magnitude", "confidence": "confidence", "end": "end"}
#: When none of those differ, the first of these that does says what the new
#: row is about (a new start: the relation was renewed, e.g. a new sanctions package).
FALLBACK = ("start", "citation", "evidence", "notes")

#: Columns of :func:`diff_dates`.
DATE_COLUMNS = [
    "date",
    "change",
    "source_name",
    "verb",
    "target_name",
    "status",
    "field",
    "old",
    "new",
    "relation_id",
    "previous_id",
    "magnitude",
    "recorded",
    "lineage",
    "source",
    "target",
    "type",
]

#: Columns of :func:`diff_versions`.
VERSION_COLUMNS = ["table", "change", "id", "label", "field", "old", "new"]

# The order of kinds of change within a day, for a stable report.
_CHANGE_ORDER = {"started": 0, "changed": 1, "ended": 2, "added": 0, "removed": 1}


# -- between two dates ------------------------------------------------------------


def diff_dates(
    G: nx.MultiDiGraph, date_from: str | dt.date, date_to: str | dt.date, *, steps: bool = False, as_recorded: bool = False
) -> pd.DataFrame:
    """The relations that started, ended or changed between two dates.

    Parameters
    ----------
    G : MultiDiGraph
        From :func:`graph.build.load_graph`, or :func:`graph.temporal.as_known`
        of it to ask what we believed on one date about both.
    date_from, date_to : str or date
        Partial dates mean the last day of their period, as in
        :func:`graph.temporal.as_of`.
    steps : bool
        False: the net difference between the map on the two dates (a
        relation that began and ended in between does not show, several
        changes of one relation show as one). True: every change, on its day.
    as_recorded : bool
        Compare the map on each date as it was recorded by then (what we
        believed at the time), so late news and corrections count as changes
        on the day they were recorded.

    Returns
    -------
    DataFrame
        One row per change, columns :data:`DATE_COLUMNS`, by date. ``change``
        is ``started``, ``ended`` or ``changed``; ``date`` is the day a
        relation started or changed, or the last day it held. A change lists
        one row per field that differs (``field``, ``old``, ``new``;
        ``intensity`` is the row's, or its type's default). ``relation_id``
        is the row in effect after the change (before it, for ``ended``),
        ``previous_id`` the row it follows.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> d = diff_dates(G, "2024-10-01", "2024-12-31")
    >>> d[["date", "change", "relation_id", "field", "old", "new"]]
             date   change relation_id       field        old        new
    0  2024-10-23  started   condemn-1        None       None       None
    1  2024-12-04  changed      pact-2      status  potential  confirmed
    2  2024-12-04  changed      pact-2  confidence        0.9       0.95
    >>> " ".join(d.loc[0, ["source_name", "verb", "target_name"]])
    'United States condemns North Korea'
    >>> d.loc[1, ["previous_id", "lineage"]].tolist()
    ['pact-1', 'pact-1']

    The entry into force was recorded a day late:

    >>> diff_dates(G, "2024-12-01", "2024-12-31", as_recorded=True)[["date", "field"]].values.tolist()
    [['2024-12-05', 'status'], ['2024-12-05', 'confidence']]
    """
    first, last = parse_date(date_from), parse_date(date_to)
    every, before, after = _sweep(G, _spans(G, as_recorded=as_recorded), first, last)
    if steps:
        rows = every
    else:
        # Date a net change by its last step of the same kind: the day a
        # relation (last) appeared, (last) disappeared, or last changed.
        when: dict[tuple[str, str], str] = {}
        for row in every:
            when[row["lineage"], row["change"]] = row["date"]
            when[row["lineage"], "changed"] = row["date"]
        net = [row for lineage in before for row in _step(G, before[lineage], after[lineage], last)]
        rows = [{**row, "date": when.get((row["lineage"], row["change"]), row["date"])} for row in net]
    frame = pd.DataFrame(rows, columns=DATE_COLUMNS)
    order = frame["change"].map(_CHANGE_ORDER)
    frame = frame.assign(_o=order).sort_values(["date", "_o", "relation_id"], kind="stable").drop(columns="_o")
    return _with_none(frame.reset_index(drop=True))


# Days are proleptic ordinals (1 = 0001-01-01), so that "the day after" the
# last day of 9999 still has a number. Spans are half-open: [enters, leaves).
_NEVER_BEFORE, _NEVER_AFTER = 0, dt.date.max.toordinal() + 2


def _spans(G: nx.MultiDiGraph, *, as_recorded: bool) -> list[tuple[dict, list[tuple[int, int]]]]:
    """Each edge of ``G`` (in its order) with the days it is in the map: a list of spans.

    In valid time a row has one span, from its annotation (see
    :func:`graph.temporal.in_effect`: an edge without one is always in
    effect). As recorded, a row is in the map from the day it is recorded,
    with its own dates until its successor is recorded too, then as cut
    short or replaced by that successor (:func:`graph.temporal.as_recorded`
    then :func:`graph.temporal.as_of`, on every day at once).
    """
    edges = [d for *_, d in G.edges(data=True)]
    if not as_recorded:
        return [(d, _span(d.get("valid_from"), d.get("valid_to"), bool(d.get("replaced")))) for d in edges]
    successor = {d["supersedes"]: d for d in edges if d.get("supersedes")}
    together = effective_intervals(edges)
    out = []
    for d in edges:
        known = dt.date.fromisoformat(d["recorded"]).toordinal()
        nxt = successor.get(d["relation_id"])
        if nxt is None:
            phases = [(known, _NEVER_AFTER, together[d["relation_id"]])]
        else:
            alone = effective_intervals([{**d, "supersedes": None}])[d["relation_id"]]
            both_known = max(known, dt.date.fromisoformat(nxt["recorded"]).toordinal())
            phases = [(known, both_known, alone), (both_known, _NEVER_AFTER, together[d["relation_id"]])]
        spans = []
        for since, until, iv in phases:
            for enters, leaves in _span(iv.valid_from, iv.valid_to, iv.replaced):
                if max(since, enters) < min(until, leaves):
                    spans.append((max(since, enters), min(until, leaves)))
        out.append((d, spans))
    return out


def _span(valid_from: str | None, valid_to: str | None, replaced: bool) -> list[tuple[int, int]]:
    if replaced:
        return []
    enters = _ordinal(valid_from) if valid_from else _NEVER_BEFORE
    leaves = _ordinal(valid_to) + 1 if valid_to else _NEVER_AFTER
    return [(enters, leaves)] if enters < leaves else []


@functools.lru_cache(maxsize=1 << 16)
def _ordinal(iso: str) -> int:
    """The day ``iso`` as an ordinal; remembered, since 100,000 rows share a few thousand days."""
    return dt.date.fromisoformat(iso).toordinal()


def _sweep(
    G: nx.MultiDiGraph, spans: list[tuple[dict, list[tuple[int, int]]]], first: dt.date, last: dt.date
) -> tuple[list[dict], dict[str, dict | None], dict[str, dict | None]]:
    """Every change from ``first`` to ``last``, in one pass over the days rows enter and leave.

    Returns the change rows, day by day, and for each lineage that changed
    its row on ``first`` and on ``last`` (None: no row in effect).
    """
    lo, hi = first.toordinal(), last.toordinal()
    # The row a lineage shows is the last of its rows in effect, in edge
    # order (a chain has one at most; a correction of a successor may overlap).
    active: dict[str, dict[int, int]] = {}
    events: dict[int, list[tuple[int, int]]] = {}
    for e, (d, runs) in enumerate(spans):
        for enters, leaves in runs:
            if enters <= lo < leaves:
                active.setdefault(d["lineage"], {})[e] = 1
            if lo < hi:
                if lo < enters <= hi:
                    events.setdefault(enters, []).append((e, 1))
                if lo < leaves <= hi:
                    events.setdefault(leaves, []).append((e, -1))

    def shown(lineage: str) -> dict | None:
        rows = [e for e, n in active.get(lineage, {}).items() if n > 0]
        return spans[max(rows)][0] if rows else None

    if lo > hi:  # backwards: one step from the map on the first date to the map on the last
        before = {lineage: shown(lineage) for lineage in active}
        active = {}
        for e, (d, runs) in enumerate(spans):
            if any(enters <= hi < leaves for enters, leaves in runs):
                active.setdefault(d["lineage"], {})[e] = 1
        before.update({lineage: None for lineage in active if lineage not in before})
        after = {lineage: shown(lineage) for lineage in before}
        every = [row for lineage in before for row in _step(G, before[lineage], after[lineage], last)]
        return every, before, after

    before: dict[str, dict | None] = {}
    every: list[dict] = []
    for day in sorted(events):
        changes = events[day]
        touched = {spans[e][0]["lineage"] for e, _ in changes}
        was = {lineage: shown(lineage) for lineage in touched}
        for e, delta in changes:
            runs = active.setdefault(spans[e][0]["lineage"], {})
            runs[e] = runs.get(e, 0) + delta
        for lineage in touched:
            before.setdefault(lineage, was[lineage])
            every += _step(G, was[lineage], shown(lineage), dt.date.fromordinal(day))
    after = {lineage: shown(lineage) for lineage in before}
    return every, before, after


def _step(G: nx.MultiDiGraph, old: dict | None, new: dict | None, day: dt.date) -> list[dict]:
    """The change of one lineage from row ``old`` to row ``new`` (None: none) on ``day``."""
    if old is None and new is None:
        return []
    if old is None:
        return [_change_row(G, "started", day.isoformat(), new, previous=new.get("supersedes"))]
    if new is None:
        # It held until the day before; the first day of all has no day before it.
        until = dt.date.fromordinal(max(day.toordinal() - 1, 1))
        return [_change_row(G, "ended", until.isoformat(), old)]
    if old["relation_id"] == new["relation_id"]:
        return []
    fields = {name: attr for attr, name in COMPARED.items() if old.get(attr) != new.get(attr)}
    if not fields:
        fields = {attr: attr for attr in FALLBACK if old.get(attr) != new.get(attr)}
        fields = dict(list(fields.items())[:1])
    return [
        _change_row(G, "changed", day.isoformat(), new, previous=old["relation_id"], field=name, values=(old[attr], new[attr]))
        for name, attr in fields.items()
    ]


def _change_row(G, change: str, date: str | None, data: dict, *, previous=None, field=None, values=(None, None)) -> dict:
    return {
        "date": date,
        "change": change,
        "source_name": G.nodes[data["source"]].get("name"),
        "verb": verb(G, data["type"]),
        "target_name": G.nodes[data["target"]].get("name"),
        "status": data["status"],
        "field": field,
        "old": values[0],
        "new": values[1],
        "relation_id": data["relation_id"],
        "previous_id": previous,
        "magnitude": data["magnitude"],
        "recorded": data["recorded"],
        "lineage": data["lineage"],
        "source": data["source"],
        "target": data["target"],
        "type": data["type"],
    }


# -- between two versions of the data ---------------------------------------------


def diff_versions(old: str | Path | Dataset, new: str | Path | Dataset = DEFAULT_DATA, *, data: str | Path = DEFAULT_DATA) -> pd.DataFrame:
    """The rows added, removed or changed between two versions of the data.

    Rows are matched by their id (``actor_id``, ``relation_id``...), so moving
    a row or reordering columns is no change. Cells are compared as written.

    Parameters
    ----------
    old, new : str, Path or Dataset
        A data folder, a loaded dataset, or a git revision of the folder
        ``data`` (see :func:`resolve_version`).
    data : str or Path
        The data folder whose history a revision refers to.

    Returns
    -------
    DataFrame
        Columns :data:`VERSION_COLUMNS`: ``table`` (``actors``,
        ``relations``...), ``change`` (``added``, ``removed``, ``changed``),
        ``id``, a readable ``label``, and for changes one row per ``field``
        with ``old`` and ``new`` values.

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA, read_files
    >>> files = read_files(EXAMPLE_DATA)
    >>> files["actors"] += b"KOR,South Korea,state,ROK|Seoul,\\n"
    >>> files["relations"] = files["relations"].replace(b"reported,2024-10,,0.7", b"confirmed,2024-10,,0.7")
    >>> d = diff_versions(EXAMPLE_DATA, read_dataset(files))
    >>> d[["table", "change", "id", "field", "old", "new"]]
           table   change        id   field       old        new
    0     actors    added       KOR    None      None       None
    1  relations  changed  troops-1  status  reported  confirmed
    >>> d["label"].tolist()
    ['South Korea', 'North Korea sends troops to Russia']
    """
    before, after = resolve_version(old, data), resolve_version(new, data)
    schema = before.schema
    # Actors and relations first: they are what a reader of the report cares about.
    names = sorted(schema.names, key=lambda n: n not in ("actors", "relations"))
    rows = []
    for name in names:
        key = schema[name].primary_key
        a, b = before.tables[name].set_index(key), after.tables[name].set_index(key)
        labels = {**_labels(before, name), **_labels(after, name)}
        added = [i for i in b.index if i not in a.index]
        removed = [i for i in a.index if i not in b.index]
        rows += [{"table": name, "change": "added", "id": i, "label": labels[i]} for i in added]
        rows += [{"table": name, "change": "removed", "id": i, "label": labels[i]} for i in removed]
        for i in (i for i in b.index if i in a.index):
            for column in b.columns:
                if a.at[i, column] != b.at[i, column]:
                    rows.append(
                        {
                            "table": name,
                            "change": "changed",
                            "id": i,
                            "label": labels[i],
                            "field": column,
                            "old": a.at[i, column],
                            "new": b.at[i, column],
                        }
                    )
    return _with_none(pd.DataFrame(rows, columns=VERSION_COLUMNS))


def _with_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty cells as None, never NaN, as in the graph's own attributes."""
    return frame.astype(object).where(frame.notna(), None)


def _labels(dataset: Dataset, name: str) -> dict[str, str]:
    """A readable label for each row: a name, a sentence, or a title."""
    table = dataset.tables[name]
    key = dataset.schema[name].primary_key
    if name == "relations":
        actors = dict(zip(dataset.tables["actors"]["actor_id"], dataset.tables["actors"]["name"], strict=True))
        types = dataset.tables["relation_types"]
        verbs = dict(zip(types["type"], types["verb"], strict=True))
        return {
            r[
                "relation_id"
            ]: f"{actors.get(r['source'], r['source'])} {verbs.get(r['type'], r['type'])} {actors.get(r['target'], r['target'])}"
            for r in table.to_dict(orient="records")
        }
    column = next((c for c in ("name", "title", "label") if c in table.columns), key)
    return dict(zip(table[key], table[column], strict=True))


def resolve_version(version: str | Path | Dataset, data: str | Path = DEFAULT_DATA) -> Dataset:
    """A version of the data as a dataset.

    A Dataset is returned as it is; a Path, or a string naming an existing
    folder, is loaded; any other string is a git revision of ``data``
    (``HEAD~1``, a commit id, a branch or tag).

    Raises
    ------
    DataError
        If a folder is invalid.
    VersionError
        If a revision cannot be read (see :func:`read_revision`).

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA
    >>> resolve_version(str(EXAMPLE_DATA)).tables["actors"]["actor_id"].tolist()
    ['PRK', 'RUS', 'UKR', 'USA']
    """
    if isinstance(version, Dataset):
        return version
    if isinstance(version, Path) or Path(version).is_dir():
        return load(version)
    return read_revision(str(version), data)


def read_revision(rev: str, data: str | Path = DEFAULT_DATA) -> Dataset:
    """The data folder ``data`` as it was at the git revision ``rev``.

    Each file is read with ``git cat-file blob REV:./FILE`` from inside the
    folder, so nothing in the working tree changes; a file missing at that
    revision counts as missing.

    Raises
    ------
    VersionError
        If git is missing, ``data`` is not in a git repository, the revision
        is unknown, the folder did not exist then, or its data was invalid.
    """
    data = Path(data)
    if not rev or rev.startswith("-"):
        msg = f'"{rev}" is not a git revision: give e.g. HEAD~1, a commit id or a branch name'
        raise VersionError(msg)
    if not data.is_dir():
        msg = f'data folder "{data}" not found: git revisions are read from the repository that holds it (pass --data DIR)'
        raise VersionError(msg)
    if _git(data, "rev-parse", "--is-inside-work-tree").returncode != 0:
        msg = f'"{data}" is not in a git repository, so "{rev}" cannot be read: compare two folders instead'
        raise VersionError(msg)
    found = _git(data, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0:
        msg = f'unknown git revision "{rev}" (and no folder of that name): try HEAD~1, a commit id or a branch; `git log -- {data}` lists the commits that changed the data'
        raise VersionError(msg)
    commit = found.stdout.decode().strip()
    files = {}
    for resource in load_schema().resources:
        blob = _git(data, "cat-file", "blob", f"{commit}:./{resource.path}")
        files[resource.name] = blob.stdout if blob.returncode == 0 else None
    if all(v is None for v in files.values()):
        msg = f'"{data}" holds no data file at revision "{rev}" ({commit[:10]})'
        raise VersionError(msg)
    try:
        return read_dataset(files, f"{rev}:{data}")
    except DataError as err:
        msg = f'the data at revision "{rev}" is invalid, so it cannot be compared:\n{err}'
        raise VersionError(msg) from err


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run git in ``cwd`` without a shell; the caller reads the return code."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as err:
        msg = "git is not installed (or not on PATH), so a revision cannot be read: install git, or compare two folders"
        raise VersionError(msg) from err
