"""Edit the data safely: every edit appends one row to one CSV file.

History is never overwritten (``docs/data-model.md``, *History*): a relation
that changes or ends gets a new row that ``supersedes`` the old one, so every
edit is an append. Each edit

1. takes the lock of the data folder (an OS lock on a file in it, released by
   the system when the process ends, however it ends), waiting for another
   edit to finish for up to ``wait`` seconds;
2. reads every file and builds the new contents in memory by appending one
   line, leaving every other byte as it was (row order, quoting, line endings);
3. validates the whole dataset as it would be after the change, once
   (:func:`graph.io.read_dataset`), and raises :class:`~graph.errors.DataError`
   without writing if it is invalid;
4. checks that no file changed since it was read, then writes the file
   atomically (:func:`graph.write.write_atomic`), checking once more right
   before the rename that the file still holds what was read.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import io
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .descriptor import DESCRIPTOR
from .errors import EditError, RelationNotFound, WriteError
from .io import Dataset, csv_field_limit, read_dataset, read_files, read_tables
from .query import resolve_actor
from .write import clean_temporary_files, write_atomic

__all__ = [
    "DEFAULT_WAIT",
    "LOCK_NAME",
    "SUPERSEDE_FIELDS",
    "Edit",
    "add_actor",
    "add_relation",
    "add_source",
    "append_line",
    "data_lock",
    "end_relation",
    "supersede",
]

#: The lock file each edit holds in the data folder while it runs.
LOCK_NAME = ".actorgraph.lock"
#: Seconds an edit waits for another edit of the same folder to finish.
DEFAULT_WAIT = 30.0

#: Fields of a relation that :func:`supersede` may change.
SUPERSEDE_FIELDS = ("status", "start", "end", "confidence", "intensity", "magnitude", "citation", "evidence", "notes")

Value = str | float | int | Iterable[str] | None


@dataclass(frozen=True, slots=True)
class Edit:
    """What an edit wrote: the file, and the row appended (cells as written)."""

    file: Path
    row: dict[str, str]

    @property
    def id(self) -> str:
        """The id of the new row (its first column, the primary key)."""
        return next(iter(self.row.values()))


# -- the edits ------------------------------------------------------------------


def add_actor(
    data: str | Path,
    actor_id: str,
    *,
    name: str,
    kind: str,
    aliases: Iterable[str] | str | None = None,
    description: str | None = None,
    wait: float = DEFAULT_WAIT,
) -> Edit:
    """Append an actor to ``actors.csv``.

    Examples
    --------
    >>> from graph.io import example_copy
    >>> data = example_copy()
    >>> add_actor(data, "KOR", name="South Korea", kind="state", aliases=["ROK", "Seoul"]).row
    {'actor_id': 'KOR', 'name': 'South Korea', 'kind': 'state', 'aliases': 'ROK|Seoul', 'description': ''}
    """
    row = {"actor_id": actor_id, "name": name, "kind": kind, "aliases": aliases, "description": description}
    return _append(data, "actors", lambda _: row, wait=wait)


def add_source(
    data: str | Path,
    source_id: str,
    *,
    title: str,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    notes: str | None = None,
    wait: float = DEFAULT_WAIT,
) -> Edit:
    """Append a cited document to ``sources.csv``."""
    row = {"source_id": source_id, "title": title, "publisher": publisher, "date": date, "url": url, "notes": notes}
    return _append(data, "sources", lambda _: row, wait=wait)


def add_relation(
    data: str | Path,
    source: str,
    target: str,
    type: str,
    *,
    status: str,
    confidence: str | float,
    citation: Iterable[str] | str,
    evidence: str,
    start: str | None = None,
    end: str | None = None,
    intensity: str | float | None = None,
    magnitude: str | float | None = None,
    notes: str | None = None,
    relation_id: str | None = None,
    recorded: str | dt.date | None = None,
    wait: float = DEFAULT_WAIT,
) -> Edit:
    """Append a relation to ``relations.csv``.

    ``source`` and ``target`` are ids, names or aliases. Without
    ``relation_id`` the id is a readable slug of the two actors and the type,
    numbered to be unique (``prk-rus-defense-pact-1``). ``recorded`` is today
    unless given.

    Examples
    --------
    >>> from graph.io import example_copy
    >>> data = example_copy()
    >>> e = add_relation(data, "Washington", "Moscow", "condemns", status="confirmed", confidence=0.9,
    ...                  citation="toy", evidence="Condemns the deployment.", start="2024-10-28", recorded="2024-10-28")
    >>> e.id, e.row["source"], e.row["target"]
    ('usa-rus-condemns-1', 'USA', 'RUS')
    """

    def make(dataset: Dataset) -> dict:
        G = _actors_graph(dataset)
        a, b = resolve_actor(G, source), resolve_actor(G, target)
        stem = f"{a}-{b}-{type}".lower().replace("_", "-")
        rid = relation_id or _unique_id(f"{stem}-1", dataset.tables["relations"]["relation_id"])
        return {
            "relation_id": rid,
            "source": a,
            "target": b,
            "type": type,
            "status": status,
            "start": start,
            "end": end,
            "confidence": confidence,
            "intensity": intensity,
            "magnitude": magnitude,
            "citation": citation,
            "evidence": evidence,
            "notes": notes,
            "recorded": recorded or dt.date.today(),
            "supersedes": None,
        }

    return _append(data, "relations", make, wait=wait)


def supersede(
    data: str | Path,
    relation_id: str,
    *,
    recorded: str | dt.date | None = None,
    new_id: str | None = None,
    wait: float = DEFAULT_WAIT,
    **changes: Value,
) -> Edit:
    """Append a row that supersedes ``relation_id``, with some fields changed.

    The new row copies the old one, applies ``changes`` (any of
    :data:`SUPERSEDE_FIELDS`; None keeps a field, ``""`` empties it), names
    the old row in ``supersedes`` and gets the next id of its chain
    (``pact-1`` → ``pact-2``). If the new ``start`` is later than the old one,
    the old row holds until the day before (a change in the world); otherwise
    the new row replaces it entirely (a correction).

    Raises
    ------
    RelationNotFound
        If no row has the id.
    EditError
        If the row is already superseded (the message names its successor),
        or nothing would change.

    Examples
    --------
    >>> from graph.io import example_copy
    >>> data = example_copy()
    >>> e = supersede(data, "troops-1", start="2024-11-07", magnitude=11000, evidence="About 11000 soldiers.",
    ...               recorded="2024-11-08")
    >>> e.id, e.row["supersedes"], e.row["magnitude"], e.row["status"]
    ('troops-2', 'troops-1', '11000', 'reported')
    >>> supersede(data, "troops-1", status="confirmed")
    Traceback (most recent call last):
    ...
    graph.errors.EditError: relation "troops-1" is already superseded by "troops-2": edit the newest row of its chain, "troops-2"
    """
    unknown = set(changes) - set(SUPERSEDE_FIELDS)
    if unknown:
        msg = f"cannot change {', '.join(sorted(unknown))} by superseding: only {', '.join(SUPERSEDE_FIELDS)}"
        raise EditError(msg)
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        msg = f"nothing to change: give at least one of {', '.join(SUPERSEDE_FIELDS)}"
        raise EditError(msg)

    def make(dataset: Dataset) -> dict:
        old = _latest_row(dataset, relation_id)
        row = {**old, **changes}
        if all(_cell(row[k]) == old[k] for k in changes):
            msg = f'nothing to change: relation "{relation_id}" already has {_describe(changes)}'
            raise EditError(msg)
        taken = dataset.tables["relations"]["relation_id"]
        row.update(relation_id=new_id or _unique_id(relation_id, taken), recorded=recorded or dt.date.today(), supersedes=relation_id)
        return row

    return _append(data, "relations", make, wait=wait)


def end_relation(
    data: str | Path,
    relation_id: str,
    *,
    date: str,
    evidence: str | None = None,
    citation: Iterable[str] | str | None = None,
    recorded: str | dt.date | None = None,
    wait: float = DEFAULT_WAIT,
) -> Edit:
    """Record that a relation ended on ``date``: a copy of its row with the end set.

    The copy supersedes the row and replaces it (it starts on the same day),
    so the relation is in effect up to and including ``date``.

    Examples
    --------
    >>> from graph.io import example_copy
    >>> data = example_copy()
    >>> e = end_relation(data, "troops-1", date="2025-04", recorded="2025-05-02")
    >>> e.id, e.row["start"], e.row["end"], e.row["supersedes"]
    ('troops-2', '2024-10', '2025-04', 'troops-1')
    """
    return supersede(data, relation_id, end=date, evidence=evidence, citation=citation, recorded=recorded, wait=wait)


def _actors_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The actors alone, as :func:`~graph.query.resolve_actor` needs them; the data is not validated yet."""
    aliases = dataset.schema["actors"].field("aliases")
    G = nx.MultiDiGraph()
    for actor_id, name, alias in zip(
        dataset.tables["actors"]["actor_id"], dataset.tables["actors"]["name"], dataset.tables["actors"]["aliases"], strict=True
    ):
        if actor_id:
            G.add_node(
                actor_id, name=unicodedata.normalize("NFC", name), aliases=[unicodedata.normalize("NFC", a) for a in aliases.parse(alias)]
            )
    return G


def _latest_row(dataset: Dataset, relation_id: str) -> dict[str, str]:
    """The row ``relation_id`` as written, if no other row supersedes it."""
    rel = dataset.tables["relations"]
    match = rel[rel["relation_id"] == relation_id]
    if match.empty:
        msg = f'no relation has the id "{relation_id}": `actorgraph query NAME --history` lists the ids'
        raise RelationNotFound(msg)
    successor = rel.loc[rel["supersedes"] == relation_id, "relation_id"]
    if not successor.empty:
        nxt = successor.iloc[0]
        msg = f'relation "{relation_id}" is already superseded by "{nxt}": edit the newest row of its chain, "{_chain_end(rel, nxt)}"'
        raise EditError(msg)
    return match.iloc[0].to_dict()


def _chain_end(rel, relation_id: str) -> str:
    successors = dict(zip(rel["supersedes"], rel["relation_id"], strict=True))
    seen = {relation_id}
    while relation_id in successors and successors[relation_id] not in seen:
        relation_id = successors[relation_id]
        seen.add(relation_id)
    return relation_id


def _describe(changes: Mapping[str, Value]) -> str:
    return ", ".join(f"{k} {_cell(v) or '(empty)'}" for k, v in changes.items())


def _unique_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or the next free number of its stem: ``pact-1`` → ``pact-2``.

    Examples
    --------
    >>> _unique_id("pact-1", ["pact-1", "pact-2"]), _unique_id("war", ["war"]), _unique_id("new-1", [])
    ('pact-3', 'war-2', 'new-1')
    """
    taken = set(taken)
    match = re.fullmatch(r"(.*)-(\d+)", wanted)
    stem, n = (match[1], int(match[2])) if match else (wanted, 1)
    candidate = wanted
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


# -- one append, safely -------------------------------------------------------------


def _append(data: str | Path, resource: str, make_row: Callable[[Dataset], Mapping[str, Value]], *, wait: float = DEFAULT_WAIT) -> Edit:
    """Lock, read, build the row from the current data, validate once, write."""
    data = Path(data)
    if not data.is_dir():
        msg = f'data folder "{data}" not found: pass --data DIR'
        raise EditError(msg)
    with data_lock(data, wait=wait):
        files = read_files(data)  # DataError if a file is a link out of the folder, a pipe...
        tables = read_tables(files)
        if tables is None:
            read_dataset(files, data)  # a file cannot be read as a table: report every problem
        current = Dataset(data, tables)
        file = data / current.schema[resource].path
        # Left by an edit killed while writing; no other edit runs while we hold the lock.
        for r in current.schema.resources:
            clean_temporary_files(data / r.path)
        before = files[resource]
        row = {k: _cell(v) for k, v in make_row(current).items()}
        after = append_line(before, row)
        read_dataset({**files, resource: after}, data)  # DataError: nothing written
        # The lock keeps other edit commands out, not editors or git: make sure
        # the data we validated against is still the data on disk.
        changed = [name for name, content in read_files(data).items() if content != files[name]]
        if changed:
            names = ", ".join(n if n == DESCRIPTOR else current.schema[n].path for n in changed)
            msg = f"{names} changed in {data} while this edit ran (another program wrote it); nothing was written: run the command again"
            raise EditError(msg)
        _write_atomic(file, after, before)
    return Edit(file, row)


def append_line(data: bytes, row: Mapping[str, str]) -> bytes:
    """``data`` (a CSV file) with ``row`` appended, every other byte unchanged.

    Cells go in the order of the file's own header and are quoted only when
    needed (``csv.QUOTE_MINIMAL``); the line ends as the file's lines do; a
    missing final newline is added first.

    Examples
    --------
    >>> append_line(b'id,name\\r\\nA,"x"\\r\\n', {"name": "b, c", "id": "B"})
    b'id,name\\r\\nA,"x"\\r\\nB,"b, c"\\r\\n'
    >>> append_line(b"id,name\\nA,x", {"id": "B", "name": "y"})
    b'id,name\\nA,x\\nB,y\\n'
    >>> append_line(b"id,name\\rA,x\\r", {"id": "B", "name": "y"})
    b'id,name\\rA,x\\rB,y\\r'
    """
    text = data.decode("utf-8-sig")
    with csv_field_limit(len(text) + 1):
        header = next(csv.reader(io.StringIO(text, newline="")), None)
    if not header:
        msg = "the file has no header line: nothing can be appended"
        raise EditError(msg)
    first = re.search(rb"\r\n|\r|\n", data)
    eol = first.group() if first else b"\n"  # a file saved with bare CR (old Mac) keeps them
    out = io.StringIO(newline="")
    try:
        csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator=eol.decode()).writerow([row.get(name, "") for name in header])
        line = out.getvalue().encode("utf-8")
    except UnicodeEncodeError as err:
        # A value from a command line that was not valid UTF-8 (Python keeps its bytes as lone surrogates).
        msg = f"a value is not valid text (bytes that are not UTF-8: {err.object[err.start : err.end]!r}): retype it"
        raise EditError(msg) from None
    head = data if not data or data.endswith((b"\n", b"\r")) else data + eol
    return head + line


def _cell(value: Value) -> str:
    """A value as a CSV cell: None empty, lists joined by ``|``, whole floats without ``.0``, text composed (NFC)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    if isinstance(value, Iterable):
        return unicodedata.normalize("NFC", "|".join(str(v).strip() for v in value))
    return str(value)


@contextlib.contextmanager
def data_lock(data: str | Path, *, wait: float = DEFAULT_WAIT) -> Iterator[Path]:
    """Hold the lock of the data folder ``data`` while the block runs.

    The lock is :func:`fcntl.flock` on the file :data:`LOCK_NAME`: the system
    releases it when the process ends, even by ``kill -9``, so a dead edit
    never blocks the next one. Another edit waits up to ``wait`` seconds.

    Raises
    ------
    EditError
        If another edit still holds the lock after ``wait`` seconds.
    """
    lock = Path(data) / LOCK_NAME
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as err:
            msg = f"cannot take the lock {lock}: {err.strerror or err}; nothing was written"
            raise EditError(msg) from err
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                msg = (
                    f"another edit of {data} still holds the lock {lock} after {wait:g} s; nothing was written. "
                    "Run the command again, or wait longer with --wait SECONDS"
                )
                raise EditError(msg) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
            continue
        # The holder before us deletes the file when it is done: if ours was deleted
        # meanwhile, a newer edit may lock a new file, so start again on that one.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock, follow_symlinks=False))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}\n".encode())
        yield lock
    finally:
        # Delete before unlocking, so no one locks a file that is about to go.
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def _write_atomic(file: Path, data: bytes, before: bytes) -> None:
    try:
        write_atomic(file, data, expected=before)
    except WriteError as err:
        raise EditError(str(err)) from err
