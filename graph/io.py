"""Read and validate the CSV files of a data folder.

Every problem is collected as a :class:`~graph.errors.Problem` (file, physical
line, column, value, code, message) and raised once, in a
:class:`~graph.errors.DataError`. The files are tokenised with :mod:`csv`
rather than ``pandas.read_csv`` because pandas skips blank lines and folds
quoted multi-line cells, which would make the line numbers wrong; the tables
are then held as pandas DataFrames indexed by physical line.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import difflib
import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .dates import PartialDate
from .errors import DataError, Problem, WriteError
from .schema import Resource, Schema, load_schema

__all__ = [
    "EXAMPLE_DATA",
    "Dataset",
    "example_copy",
    "lineage_roots",
    "load",
    "read_dataset",
    "read_files",
    "validate",
    "writable_path",
    "write_atomic",
]

DEFAULT_DATA = Path("data")
#: A tiny dataset shipped with the package, for examples and doctests.
EXAMPLE_DATA = Path(__file__).parent / "example"


@dataclass(frozen=True)
class Dataset:
    """The validated tables of a data folder.

    ``tables`` holds each file as written: every cell a string, the index the
    physical line of the row. :meth:`frame` gives the same rows with typed
    values (numbers, booleans, lists, None for empty cells).
    """

    path: Path
    tables: dict[str, pd.DataFrame]
    schema: Schema = field(default_factory=load_schema)

    def frame(self, name: str) -> pd.DataFrame:
        """The table ``name`` with typed values.

        Examples
        --------
        >>> ds = load(EXAMPLE_DATA)
        >>> ds.frame("actors").set_index("actor_id").at["PRK", "aliases"]
        ['DPRK', 'Pyongyang']
        """
        return self._frames[name].copy()

    @cached_property
    def _frames(self) -> dict[str, pd.DataFrame]:
        return {r.name: _typed(self.tables[r.name], r) for r in self.schema.resources}


def _typed(table: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    data = {f.name: [f.parse(v) for v in table[f.name]] for f in resource.fields}
    return pd.DataFrame(data, index=table.index, columns=resource.columns, dtype=object)


def example_copy() -> Path:
    """A scratch copy of :data:`EXAMPLE_DATA` to edit, deleted when Python exits.

    For examples and doctests of the edit commands, which must not touch
    the package's own files.

    Examples
    --------
    >>> folder = example_copy()
    >>> sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in EXAMPLE_DATA.iterdir())
    True
    """
    folder = Path(tempfile.mkdtemp(prefix="actorgraph-example-")) / "data"
    atexit.register(shutil.rmtree, folder.parent, ignore_errors=True)
    return Path(shutil.copytree(EXAMPLE_DATA, folder))


def read_files(path: str | Path = DEFAULT_DATA) -> dict[str, bytes | None]:
    """The bytes of each file of the schema in ``path`` (None where missing)."""
    path = Path(path)
    out: dict[str, bytes | None] = {}
    for resource in load_schema().resources:
        file = path / resource.path
        out[resource.name] = file.read_bytes() if file.is_file() else None
    return out


def validate(path: str | Path = DEFAULT_DATA) -> list[Problem]:
    """Every problem in the data folder ``path``; an empty list if it is valid.

    Examples
    --------
    >>> validate(EXAMPLE_DATA)
    []
    >>> validate("no/such/folder")[0].code
    'missing-folder'
    """
    try:
        load(path)
    except DataError as err:
        return err.problems
    return []


def load(path: str | Path = DEFAULT_DATA) -> Dataset:
    """Read and validate the data folder ``path``.

    Raises
    ------
    DataError
        With every problem found, if there is any.

    Examples
    --------
    >>> ds = load(EXAMPLE_DATA)
    >>> ds.tables["actors"].index.tolist()  # physical lines
    [2, 3, 4, 5]
    """
    path = Path(path)
    if not path.is_dir():
        msg = f'data folder "{path}" not found: pass --data DIR, the folder that holds actors.csv and relations.csv'
        raise DataError([Problem(str(path), None, None, str(path), "missing-folder", msg)])
    return read_dataset(read_files(path), path)


def read_dataset(files: Mapping[str, bytes | None], path: str | Path = DEFAULT_DATA) -> Dataset:
    """Validate the contents of the files (by resource name) and build a Dataset.

    The edit commands call this on the files as they would be after an edit,
    before writing anything.
    """
    schema = load_schema()
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    unreadable: set[str] = set()
    for resource in schema.resources:
        table, found = _read_table(files.get(resource.name), resource)
        tables[resource.name] = table
        problems += found
        if any(p.code in _FILE_LEVEL for p in found):
            unreadable.add(resource.name)
    for resource in schema.resources:
        # Checking against a file that could not be read would only repeat its problem on every row.
        problems += _check_references(tables, resource, schema, skip=unreadable)
    if not unreadable & {"relations", "relation_types"}:
        problems += _check_relations(tables, schema)
    if not unreadable & {"relations", "sources"}:
        problems += _check_recorded_after_sources(tables, schema)
    if problems:
        raise DataError(problems, str(path))
    return Dataset(Path(path), tables, schema)


def writable_path(path: str | Path) -> Path:
    """The file :func:`write_atomic` would replace at ``path``; refuses what is not a file.

    Callers that write several files check them all first, so that a bad path
    leaves nothing half-done.

    Raises
    ------
    WriteError
        If ``path`` is a folder or a device.

    Examples
    --------
    >>> writable_path("/dev/null")
    Traceback (most recent call last):
    ...
    graph.errors.WriteError: could not write /dev/null: it is not a regular file (a folder or a device); give the path of a file
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        msg = f"could not write {path}: it is not a regular file (a folder or a device); give the path of a file"
        raise WriteError(msg)
    return path


def write_atomic(path: str | Path, data: bytes | str, *, make_folder: bool = False) -> Path:
    """Replace ``path`` by ``data`` all at once, or not at all.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``; a crash at any point leaves the old file (or
    no file) and no half-written one. An existing file keeps its permissions;
    a new one gets the usual ones (0666 less the umask). Text is UTF-8.
    With ``make_folder``, a missing folder of the file is created, but not
    a missing folder above it: a mistyped path fails instead of growing a tree.
    A symbolic link is followed; a folder or a device is refused.

    Raises
    ------
    WriteError
        If the file cannot be written; nothing was changed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.txt", "Kyïv").read_text(encoding="utf-8")
    'Kyïv'
    """
    path = writable_path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        if make_folder:
            path.parent.mkdir(exist_ok=True)
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp makes the file private
        os.replace(tmp, path)
    except BaseException as err:
        # Ctrl-C too: never leave the temporary file behind.
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(err, OSError):
            msg = f"could not write {path}: {err.strerror or err}; the file is unchanged"
            raise WriteError(msg) from err
        raise
    _fsync_folder(path.parent)
    return path


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not every system can open a folder (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Problems that leave a whole file unread.
_FILE_LEVEL = {"missing-file", "encoding-error", "missing-header", "missing-column", "duplicate-column"}


# -- one file -----------------------------------------------------------------


def _read_table(data: bytes | None, resource: Resource) -> tuple[pd.DataFrame, list[Problem]]:
    file, columns = resource.path, resource.columns
    empty = pd.DataFrame(columns=columns, dtype=object).rename_axis("line")
    if data is None:
        msg = f"file not found: every data folder needs {file} ({resource.title}) with the columns {', '.join(columns)}"
        return empty, [Problem(file, None, None, None, "missing-file", msg)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start : err.end]
        msg = f"bytes {bad!r} are not UTF-8: save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
        return empty, [Problem(file, line, None, repr(bad), "encoding-error", msg)]

    records = _records(text)
    if not records:
        msg = f"the file is empty: the first line must be the header {','.join(columns)}"
        return empty, [Problem(file, 1, None, None, "missing-header", msg)]
    header_line, header = records[0]
    problems = _check_header(file, header_line, header, columns)
    if any(p.code in ("missing-column", "duplicate-column") for p in problems):
        return empty, problems

    where = {name: header.index(name) for name in columns}
    lines, rows, malformed = [], [], set()
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            problems.append(Problem(file, line, None, None, "blank-row", "blank line: delete it"))
            continue
        if len(cells) != len(header):
            malformed.add(line)
            problems.append(_width_problem(file, line, cells, header))
        cells = cells + [""] * (len(header) - len(cells))
        lines.append(line)
        rows.append([cells[where[name]] for name in columns])
    table = pd.DataFrame(rows, columns=columns, index=pd.Index(lines, name="line"), dtype=object)
    problems += _check_cells(table, resource, malformed)
    return table, problems


def _records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    records, previous = [], 0
    for cells in reader:
        records.append((previous + 1, cells))
        previous = reader.line_num
    return records


def _check_header(file: str, line: int, header: list[str], columns: list[str]) -> list[Problem]:
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            msg = f'column "{name}" appears twice in the header: keep one'
            problems.append(Problem(file, line, name, name, "duplicate-column", msg))
        seen.add(name)
        if name not in columns:
            msg = f'unknown column "{name}"{_suggest(name, columns)}; the columns are {", ".join(columns)}'
            problems.append(Problem(file, line, name, name, "unknown-column", msg))
    for name in columns:
        if name not in seen:
            msg = f'missing column "{name}": the header must name every column: {", ".join(columns)}'
            problems.append(Problem(file, line, name, None, "missing-column", msg))
    return problems


def _width_problem(file: str, line: int, cells: list[str], header: list[str]) -> Problem:
    n, m = len(cells), len(header)
    if n > m:
        msg = f'row has {n} fields but the header has {m}: quote values that contain commas ("a, b")'
        return Problem(file, line, None, ",".join(cells), "extra-cell", msg)
    missing = ", ".join(header[n:])
    msg = f"row has {n} fields but the header has {m}: missing {missing}"
    return Problem(file, line, header[n], None, "missing-cell", msg)


def _check_cells(table: pd.DataFrame, resource: Resource, malformed: set[int]) -> list[Problem]:
    file, problems = resource.path, []
    for f in resource.fields:
        seen: dict[str, int] = {}
        for line, value in table[f.name].items():
            if line in malformed:
                continue
            if value.strip() == "":
                if f.required:
                    msg = f"{f.name} is required ({f.description.rstrip('.')}): fill it in"
                    problems.append(Problem(file, line, f.name, value, "missing-value", msg))
                continue
            if value != value.strip():
                msg = f'"{value}" has spaces around it: remove them'
                problems.append(Problem(file, line, f.name, value, "bad-value", msg))
                continue
            bad = f.check(value)
            if bad:
                problems.append(Problem(file, line, f.name, value, bad[0], bad[1]))
            if f.unique:
                if value in seen:
                    msg = f'duplicate {f.name} "{value}", also on line {seen[value]}: ids must be unique'
                    problems.append(Problem(file, line, f.name, value, "duplicate-id", msg))
                else:
                    seen[value] = line
    if resource.unique_names:
        problems += _check_unique_names(table, resource, malformed)
    for first, last in resource.date_order:
        problems += _check_date_order(table, resource, first, last, malformed)
    return problems


def _check_unique_names(table: pd.DataFrame, resource: Resource, malformed: set[int]) -> list[Problem]:
    """Names and aliases must point to one row only, whatever their case."""
    owner: dict[str, tuple[int, str]] = {}
    problems = []
    for line, row in _rows(table):
        if line in malformed:
            continue
        for column in resource.unique_names:
            value = resource.field(column).parse(row[column])
            for name in value if isinstance(value, list) else [value] if value else []:
                key = str(name).casefold()
                if key in owner and owner[key][0] != line:
                    other_line, other_col = owner[key]
                    msg = f'"{name}" is already the {other_col} of the actor on line {other_line}: names and aliases must be unique'
                    problems.append(Problem(resource.path, line, column, name, "duplicate-name", msg))
                owner.setdefault(key, (line, column))
    return problems


def _check_date_order(table: pd.DataFrame, resource: Resource, first: str, last: str, malformed: set[int]) -> list[Problem]:
    problems = []
    for line, row in _rows(table):
        if line in malformed or not row[first] or not row[last]:
            continue
        try:
            start, end = PartialDate.parse(row[first]), PartialDate.parse(row[last])
        except ValueError:
            continue  # already reported as a bad date
        if end.last < start.first:
            msg = f"{last} {end} is before {first} {start}: swap them or fix the date"
            problems.append(Problem(resource.path, line, last, row[last], "date-order", msg))
    return problems


# -- across files -------------------------------------------------------------


def _check_references(tables: dict[str, pd.DataFrame], resource: Resource, schema: Schema, *, skip: set[str]) -> list[Problem]:
    problems = []
    table = tables[resource.name]
    for fk in resource.foreign_keys:
        if fk.resource in skip:
            continue
        target = schema[fk.resource]
        keys = set(tables[fk.resource][fk.key])
        f = resource.field(fk.field)
        for line, value in table[fk.field].items():
            if not value.strip() or f.check(value):
                continue  # empty, or already reported as a bad value
            items = f.parse(value)
            for item in items if isinstance(items, list) else [items]:
                if item not in keys:
                    msg = f'unknown {fk.field} "{item}": no {fk.key} "{item}" in {target.path}{_suggest(item, keys, show_all=len(keys) <= 30)}'
                    problems.append(Problem(resource.path, line, fk.field, item, "unknown-reference", msg))
    return problems


def _check_relations(tables: dict[str, pd.DataFrame], schema: Schema) -> list[Problem]:
    """Rules of relations that span rows: self-loops, duplicates, supersession."""
    resource = schema["relations"]
    file = resource.path
    rel = tables["relations"]
    types = tables["relation_types"]
    directed = dict(zip(types["type"], types["directed"].str.lower() != "false", strict=True))
    events = set(types["type"][types["temporality"] == "event"])
    problems = []
    line_of = {rid: line for line, rid in rel["relation_id"].items()}
    by_line = dict(_rows(rel))

    successors: dict[str, int] = {}
    for line, row in _rows(rel):
        if row["type"] in events and not row["start"]:
            msg = f"a {row['type']} is an event (temporality in relation_types.csv): give the day it happened in start"
            problems.append(Problem(file, line, "start", row["start"], "event-without-date", msg))
        if row["source"] and row["source"] == row["target"]:
            msg = f'source and target are both "{row["source"]}": a relation links two different actors'
            problems.append(Problem(file, line, "target", row["target"], "self-relation", msg))
        old = row["supersedes"]
        if not old or old not in line_of:
            continue
        if old == row["relation_id"]:
            continue  # a loop of one, reported with the other loops
        if old in successors:
            msg = f'"{old}" is already superseded by the row on line {successors[old]}: supersede the newest row of the chain instead'
            problems.append(Problem(file, line, "supersedes", old, "supersedes-twice", msg))
        successors.setdefault(old, line)
        old_row = by_line[line_of[old]]
        if row["recorded"] and old_row["recorded"] and row["recorded"] < old_row["recorded"]:
            msg = f'recorded {row["recorded"]} is before {old_row["recorded"]}, when the row it supersedes ("{old}") was recorded'
            problems.append(Problem(file, line, "recorded", row["recorded"], "supersedes-order", msg))

    lineage, loops = lineage_roots(dict(zip(rel["relation_id"], rel["supersedes"], strict=True)))
    for rid in loops:
        msg = f'the supersedes chain through "{rid}" loops back on itself: one row of the chain must supersede none'
        problems.append(Problem(file, line_of[rid], "supersedes", by_line[line_of[rid]]["supersedes"], "supersedes-loop", msg))
    seen: dict[tuple, int] = {}
    for line, row in _rows(rel):
        pair = (row["source"], row["target"])
        if not directed.get(row["type"], True):
            pair = tuple(sorted(pair))
        key = (*pair, row["type"], row["start"])
        if key in seen and lineage.get(row["relation_id"]) != lineage.get(by_line[seen[key]]["relation_id"]):
            msg = (
                f'the same {row["type"]} between {pair[0]} and {pair[1]} from "{row["start"]}" is already on line {seen[key]}: '
                "merge the two rows, or supersede the older one"
            )
            problems.append(Problem(file, line, "relation_id", row["relation_id"], "duplicate-relation", msg))
        seen.setdefault(key, line)
    return problems


def _check_recorded_after_sources(tables: dict[str, pd.DataFrame], schema: Schema) -> list[Problem]:
    """A row cannot be recorded before any of the sources it cites was published.

    A partial date counts from its first day here: only what is surely wrong
    is refused (``--known`` counts from the last day, what is surely public).
    """
    dated = {}
    for sid, date in zip(tables["sources"]["source_id"], tables["sources"]["date"], strict=True):
        with contextlib.suppress(ValueError):
            dated[sid] = PartialDate.parse(date)
    citation = schema["relations"].field("citation")
    problems = []
    for line, row in _rows(tables["relations"]):
        try:
            recorded = PartialDate.parse(row["recorded"])
        except ValueError:
            continue  # already reported as a bad date
        cited = [(dated[s], s) for s in citation.parse(row["citation"]) if s in dated]
        if cited:
            first, sid = min(cited, key=lambda c: c[0].first)
            if recorded.first < first.first:
                msg = (
                    f"recorded {row['recorded']} is before {sid}, its earliest cited source, was published ({first}): "
                    "a row cannot be recorded before its evidence; fix recorded or the citation"
                )
                problems.append(Problem(schema["relations"].path, line, "recorded", row["recorded"], "recorded-before-source", msg))
    return problems


def lineage_roots(supersedes: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The lineage of each row: the id of the first row of its supersedes chain.

    Parameters
    ----------
    supersedes : mapping
        ``relation_id -> relation_id it supersedes`` (empty string or None: none).

    Returns
    -------
    roots : dict
        ``relation_id -> lineage id``.
    loops : list
        Ids that lie on a loop (whose chain never reaches a first row).

    Examples
    --------
    >>> lineage_roots({"a": "", "b": "a", "c": "b"})
    ({'a': 'a', 'b': 'a', 'c': 'a'}, [])
    >>> lineage_roots({"x": "y", "y": "x"})[1]
    ['x', 'y']
    """
    roots: dict[str, str] = {}
    loops: list[str] = []
    for rid in supersedes:
        seen, current = {rid}, rid
        while supersedes.get(current) and supersedes[current] in supersedes:
            current = supersedes[current]
            if current in seen:
                loops.append(rid)
                break
            seen.add(current)
        roots[rid] = current
    return roots, loops


def _rows(table: pd.DataFrame) -> list[tuple[int, dict]]:
    """(line, row as a dict) pairs; far faster than DataFrame.iterrows."""
    return list(zip(table.index, table.to_dict(orient="records"), strict=True))


def _suggest(value: str, choices, *, show_all: bool = False) -> str:
    choices = sorted(str(c) for c in choices)
    if show_all and choices:
        close = difflib.get_close_matches(value, choices, n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        return f"{hint} (valid: {', '.join(choices)})"
    close = difflib.get_close_matches(value, choices, n=3)
    return "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?" if close else ""
