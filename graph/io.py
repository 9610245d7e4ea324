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
import operator
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import _dataset_cache
from ._gc import gc_paused
from ._text import bad_character, excerpt
from .dates import PartialDate
from .descriptor import DESCRIPTOR, read_title
from .errors import DataError, Problem
from .schema import Resource, Schema, load_schema

__all__ = [
    "ALLOW_OUTSIDE",
    "EXAMPLE_DATA",
    "MAX_CELL",
    "Dataset",
    "example_copy",
    "lineage_roots",
    "load",
    "read_dataset",
    "read_files",
    "read_tables",
    "validate",
]

DEFAULT_DATA = Path("data")
#: A tiny dataset shipped with the package, for examples and doctests.
EXAMPLE_DATA = Path(__file__).parent / "example"
#: The longest cell the loader accepts, in characters (docs/data-model.md, *Limits*).
MAX_CELL = 200_000
#: Set this environment variable to 1 to read data files that are links to files
#: outside the data folder (docs/data-model.md, *Files*).
ALLOW_OUTSIDE = "ACTORGRAPH_ALLOW_OUTSIDE"


@dataclass(frozen=True)
class Dataset:
    """The validated tables of a data folder.

    ``tables`` holds each file as written: every cell a string, the index the
    physical line of the row. :meth:`frame` gives the same rows with typed
    values (numbers, booleans, lists, None for empty cells). ``title`` is the
    map's title from its ``datapackage.json`` (None without one).
    """

    path: Path
    tables: dict[str, pd.DataFrame]
    schema: Schema = field(default_factory=load_schema)
    title: str | None = None

    def frame(self, name: str) -> pd.DataFrame:
        """The table ``name`` with typed values.

        Examples
        --------
        >>> ds = load(EXAMPLE_DATA)
        >>> ds.frame("actors").set_index("actor_id").at["PRK", "aliases"]
        ['DPRK', 'Pyongyang']
        """
        return self._frames[name].copy()

    def columns(self, name: str) -> dict[str, list]:
        """The table ``name`` with typed values, as :meth:`frame`, one list per column (no DataFrame made).

        Examples
        --------
        >>> ds = load(EXAMPLE_DATA)
        >>> ds.columns("actors")["aliases"][0]
        ['DPRK', 'Pyongyang']
        """
        return _typed_columns(self.tables[name], self.schema[name])

    @cached_property
    def _frames(self) -> dict[str, pd.DataFrame]:
        return {r.name: _typed(self.tables[r.name], r) for r in self.schema.resources}


#: Field types whose valid, non-empty cells parse to their own text: a date is kept as written, and
#: validation refused any with spaces around it; parsing tens of thousands of them again cost a tenth of a second.
_AS_WRITTEN = ("string", "date", "partial-date")


def _typed(table: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    return pd.DataFrame(_typed_columns(table, resource), index=table.index, columns=resource.columns, dtype=object)


def _typed_columns(table: pd.DataFrame, resource: Resource) -> dict[str, list]:
    data = {}
    for f in resource.fields:
        values = table[f.name].tolist()
        if f.type in _AS_WRITTEN:
            column = [v or None for v in values]  # a valid cell parses to itself (dates too); an empty one to None
        else:
            # Each distinct text parsed once: vocabulary, date and number columns repeat a few values.
            parsed = {v: f.parse(v) for v in dict.fromkeys(values)}
            column = [parsed[v] for v in values]
            if f.type == "list":
                column = [list(v) for v in column]  # one list per cell: a caller may change one
        data[f.name] = column
    for name in resource.unique_names:
        # Names compare composed (NFC): "Kyïv" typed with a combining diaeresis is the same name.
        data[name] = [_nfc(v) for v in data[name]]
    return data


def _nfc(value):
    if isinstance(value, list):
        return [unicodedata.normalize("NFC", v) for v in value]
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


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
    """The bytes of each file of the schema in ``path``, and of its ``datapackage.json`` (None where missing).

    A data file must be a regular file inside the data folder: a link that
    leads out of it (to ``/etc/passwd``, ``/proc/self/environ``) could make a
    report print secrets, and a pipe or a device would block or never end.
    Set the environment variable ``ACTORGRAPH_ALLOW_OUTSIDE=1`` to read links
    that lead out of the folder on purpose.

    Raises
    ------
    DataError
        If a data file is not a regular file or leads out of the folder;
        nothing is read from it.
    """
    path = Path(path)
    out: dict[str, bytes | None] = {}
    problems = []
    allow_outside = os.environ.get(ALLOW_OUTSIDE, "") == "1"
    folder = path.resolve()
    # The map's descriptor is read through the same guard as the tables: it too could be a link to a secret.
    names = [(r.name, r.path) for r in load_schema().resources] + [(DESCRIPTOR, DESCRIPTOR)]
    for key, file in names:
        data, problem = _read_file(path / file, file, folder, allow_outside=allow_outside)
        out[key] = data
        if problem:
            problems.append(problem)
    if problems:
        raise DataError(problems, str(path))
    return out


def _read_file(file: Path, name: str, folder: Path, *, allow_outside: bool) -> tuple[bytes | None, Problem | None]:
    """The bytes of one data file, or why it may not be read."""

    def refuse(code: str, msg: str) -> tuple[None, Problem]:
        return None, Problem(name, None, None, None, code, msg)

    try:
        st = file.lstat()
    except FileNotFoundError:
        return None, None
    except OSError as err:
        return refuse("unreadable-file", f"cannot be read: {err.strerror or err}")
    if stat.S_ISLNK(st.st_mode):
        try:
            target = file.resolve(strict=True)
        except (OSError, RuntimeError):
            return refuse("not-a-file", "is a symbolic link that leads nowhere (or to itself): replace it by the file")
        if not allow_outside and folder not in target.parents:
            msg = (
                "is a symbolic link to a file outside the data folder, which is not read (it could show private files): "
                f"copy the file into the folder, or set {ALLOW_OUTSIDE}=1 to read it anyway"
            )
            return refuse("outside-data-folder", msg)
        file = target
    try:
        # Non-blocking: a pipe named like a data file must not hang the command.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as err:
        return refuse("unreadable-file", f"cannot be read: {err.strerror or err}")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        return refuse("not-a-file", f"is {kind}, not a file: replace it by the CSV file")
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read(), None
        except OSError as err:
            return refuse("unreadable-file", f"cannot be read: {err.strerror or err}")


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


def load(path: str | Path = DEFAULT_DATA, *, files: Mapping[str, bytes | None] | None = None) -> Dataset:
    """Read and validate the data folder ``path``.

    ``files``: the folder's files as :func:`read_files` just read them, so as not to read them twice.

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
    return _read_dataset(read_files(path) if files is None else files, path, disk=True)


def read_dataset(files: Mapping[str, bytes | None], path: str | Path = DEFAULT_DATA) -> Dataset:
    """Validate the contents of the files (by resource name) and build a Dataset.

    The edit commands call this on the files as they would be after an edit,
    before writing anything. ``files[DESCRIPTOR]``, where present, is the
    folder's ``datapackage.json``, read for the map's title. Files found valid
    are remembered in the process (not on disk: that is :func:`load`'s).
    """
    return _read_dataset(files, path, disk=False)


def _read_dataset(files: Mapping[str, bytes | None], path: str | Path, *, disk: bool) -> Dataset:
    """Validate, unless the same files were found valid before: in this process, or (``disk``) by an earlier command."""
    schema = load_schema()
    title, _, problems = read_title(files.get(DESCRIPTOR))
    key = _dataset_cache.digest(files, schema)
    if not problems:
        cached = _VALID.get(key)
        if cached is None and disk:
            cached = _dataset_cache.read(key, schema, Path(path))
            if cached is not None:
                _remember(key, cached)
        if cached is not None:
            _VALID.move_to_end(key)
            # Copies: a caller may change its tables; the cached ones must stay as validated.
            return Dataset(Path(path), {name: table.copy() for name, table in cached.items()}, schema, title=title)
    with gc_paused():  # hundreds of thousands of cells, rows and verdicts, none in a cycle
        tables, found = _validate(files, schema)
    problems += found
    if problems:
        raise DataError([_bounded(p) for p in problems], str(path))
    _remember(key, {name: table.copy() for name, table in tables.items()})
    if disk:
        _dataset_cache.write(key, tables, schema, Path(path))
    return Dataset(Path(path), tables, schema, title=title)


def _validate(files: Mapping[str, bytes | None], schema: Schema) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The tables of the files as written, and every problem of their cells, rows and references."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
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
    return tables, problems


#: Tables of the datasets found valid in this process, by the digest of their files (most recent last).
_VALID: OrderedDict[str, dict[str, pd.DataFrame]] = OrderedDict()
_VALID_SIZE = 8


def _remember(key: str, tables: dict[str, pd.DataFrame]) -> None:
    _VALID[key] = tables
    while len(_VALID) > _VALID_SIZE:
        _VALID.popitem(last=False)


def read_tables(files: Mapping[str, bytes | None]) -> dict[str, pd.DataFrame] | None:
    """The tables of the files as written, without checking their cells or rows.

    For the edit commands, which build a row from the current data and then
    validate the data as it will be, once. None if a file cannot be read as
    a table at all (missing, not UTF-8, no header or a missing column).
    """
    tables = {}
    for resource in load_schema().resources:
        table, problems = _read_table(files.get(resource.name), resource, check=False)
        if any(p.code in _FILE_LEVEL for p in problems):
            return None
        tables[resource.name] = table
    return tables


def _bounded(problem: Problem) -> Problem:
    """The problem with its value cut to a short, escaped excerpt, in the value and in the message.

    A bad cell may be a megabyte long or hold terminal escapes; a report shows
    enough of it to find it, never the whole of it. A column is a header
    cell when it is unknown, so it is cut the same way.
    """
    value, column, message = problem.value, problem.column, problem.message
    if value is not None and excerpt(value) != value:
        message = message.replace(value, excerpt(value)) if value else message
        value = excerpt(value)
    if column is not None and excerpt(column) != column:
        message = message.replace(column, excerpt(column))
        column = excerpt(column)
    if (value, column, message) == (problem.value, problem.column, problem.message):
        return problem
    return Problem(problem.file, problem.line, column, value, problem.code, excerpt(message, 400))


#: Problems that leave a whole file unread.
_FILE_LEVEL = {"missing-file", "encoding-error", "missing-header", "missing-column", "duplicate-column"}


# -- one file -----------------------------------------------------------------


def _read_table(data: bytes | None, resource: Resource, *, check: bool = True) -> tuple[pd.DataFrame, list[Problem]]:
    file, columns = resource.path, resource.columns
    empty = pd.DataFrame(columns=columns, dtype=object).rename_axis("line")
    if data is None:
        msg = f"file not found: every data folder needs {file} ({resource.title}) with the columns {', '.join(columns)}"
        return empty, [Problem(file, None, None, None, "missing-file", msg)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = len(re.findall(rb"\r\n|\r|\n", data[: err.start])) + 1
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
    pick = operator.itemgetter(*(where[name] for name in columns))
    width = len(header)
    lines, rows, malformed = [], [], set()
    for line, cells in records[1:]:
        if not "".join(cells).strip():
            problems.append(Problem(file, line, None, None, "blank-row", "blank line: delete it"))
            continue
        if len(cells) != width:
            malformed.add(line)
            problems.append(_width_problem(file, line, cells, header))
            cells = cells + [""] * (width - len(cells))
        lines.append(line)
        rows.append(pick(cells))
    if len(columns) == 1:
        rows = [(row,) for row in rows]
    table = pd.DataFrame(rows, columns=columns, index=pd.Index(lines, name="line"), dtype=object)
    if check:
        problems += _check_cells(table, resource, malformed)
    return table, problems


def _records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on.

    The csv module's own limit on a cell (131,072 characters, process-wide)
    is lifted while reading: the text is already in memory, and
    :func:`_check_cells` reports a cell over :data:`MAX_CELL` with its line
    and column instead of a crash.
    """
    with csv_field_limit(len(text) + 1):
        reader = csv.reader(io.StringIO(text, newline=""), strict=False)
        records, previous = [], 0
        for cells in reader:
            records.append((previous + 1, cells))
            previous = reader.line_num
    return records


@contextlib.contextmanager
def csv_field_limit(limit: int):
    """Let :mod:`csv` read cells up to ``limit`` characters while the block runs."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


#: Unknown columns reported one by one; past this, one problem says how many more.
_MAX_HEADER_PROBLEMS = 10


def _check_header(file: str, line: int, header: list[str], columns: list[str]) -> list[Problem]:
    problems = []
    seen = set()
    unknown = 0
    for name in header:
        if name in seen and name in columns:
            msg = f'column "{name}" appears twice in the header: keep one'
            problems.append(Problem(file, line, name, name, "duplicate-column", msg))
        seen.add(name)
        if name not in columns:
            unknown += 1
            if unknown <= _MAX_HEADER_PROBLEMS:
                msg = f'unknown column "{name}"{_suggest(name, columns)}; the columns are {", ".join(columns)}'
                problems.append(Problem(file, line, name, name, "unknown-column", msg))
    if unknown > _MAX_HEADER_PROBLEMS:
        more = unknown - _MAX_HEADER_PROBLEMS
        msg = f"and {more:,} more unknown columns ({len(header):,} in all): the header must hold only the columns {', '.join(columns)}"
        problems.append(Problem(file, line, None, None, "unknown-column", msg))
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
    missing = ", ".join(header[n : n + 5]) + (f" and {m - n - 5:,} more" if m - n > 5 else "")
    msg = f"row has {n} fields but the header has {m}: missing {missing}"
    return Problem(file, line, header[n], None, "missing-cell", msg)


def _check_cells(table: pd.DataFrame, resource: Resource, malformed: set[int]) -> list[Problem]:
    """Every problem of single cells, column by column.

    Each distinct value of a column is judged once (:func:`_cell_verdict`), and
    uniqueness is found with pandas over the whole column; only the rows with a
    problem are visited one by one. A row of the wrong width is already
    reported: its cells are skipped, except a huge one, which says why (a
    stray quote).
    """
    problems = []
    lines = table.index.tolist()
    skipped = [line in malformed for line in lines] if malformed else None
    for f in resource.fields:
        values = table[f.name].tolist()
        name = f.name in resource.unique_names
        verdicts = _cell_verdicts(f, dict.fromkeys(values), name=name)
        found: list[tuple[int, int, Problem]] = []
        bad = {v for v, verdict in verdicts.items() if verdict is not None}
        if not bad and skipped is None:
            eligible = range(len(values))  # the usual case: every cell is fine
        else:
            eligible = []  # rows whose value reaches the uniqueness check
            for i, (line, value) in enumerate(zip(lines, values, strict=True)):
                if value not in bad:
                    if skipped is None or not skipped[i]:
                        eligible.append(i)
                    continue
                code, message, reaches_unique = verdicts[value]
                if skipped is not None and skipped[i] and code != "cell-too-large":
                    continue
                found.append((i, 0, Problem(resource.path, line, f.name, value, code, message)))
                if reaches_unique:
                    eligible.append(i)
        # As many distinct values as rows: no value repeats, and pandas need not look for one.
        if f.unique and len(eligible) and len(verdicts) < len(values):
            if isinstance(eligible, range):
                column = pd.Series(values, index=lines, dtype=object)
            else:
                column = pd.Series([values[i] for i in eligible], index=[lines[i] for i in eligible], dtype=object)
            repeated = column.duplicated(keep="first")
            if repeated.any():
                first = {v: line for line, v in column[~repeated].items()}
                at = {line: i for i, line in enumerate(lines)}
                for line, value in column[repeated].items():
                    msg = f'duplicate {f.name} "{value}", also on line {first[value]}: ids must be unique'
                    found.append((at[line], 1, Problem(resource.path, line, f.name, value, "duplicate-id", msg)))
        problems += [p for *_, p in sorted(found, key=lambda item: item[:2])]
    if resource.unique_names:
        problems += _check_unique_names(table, resource, malformed)
    for first_col, last_col in resource.date_order:
        problems += _check_date_order(table, resource, first_col, last_col, malformed)
    return problems


#: Printable ASCII without a space at either end: such a cell is not blank, holds no character that a
#: name or a text may not hold (:func:`graph._text.bad_character`) and has no spaces around it.
_PLAIN = re.compile(r"[!-~](?:[ -~]*[!-~])?")


def _cell_verdicts(f, values, *, name: bool) -> dict:
    """:func:`_cell_verdict` of each of ``values``, the usual cells of id and name columns judged in bulk.

    A cell of a column whose only rule is a pattern (:meth:`~graph.schema.Field.pattern_only`) is valid
    if it is plain (:data:`_PLAIN`), not too large and matches the pattern: that is every check
    :func:`_cell_verdict` makes of it. Any other cell goes through :func:`_cell_verdict`, which words the problem.
    """
    bulk, pattern = f.pattern_only()
    if not bulk:
        return {v: _cell_verdict(f, v, name=name) for v in values}
    plain = _PLAIN.fullmatch
    return {
        v: None if len(v) <= MAX_CELL and plain(v) and (pattern is None or pattern.fullmatch(v)) else _cell_verdict(f, v, name=name)
        for v in values
    }


def _cell_verdict(f, value: str, *, name: bool) -> tuple[str, str, bool] | None:
    """What is wrong with one cell of the column ``f``: (code, message, whether uniqueness is still checked), or None."""
    if len(value) > MAX_CELL:
        msg = f"the cell holds {len(value):,} characters, more than the {MAX_CELL:,} a cell may hold: shorten it (or close a stray quote)"
        return "cell-too-large", msg, False
    if value.strip() == "":
        if f.required:
            return "missing-value", f"{f.name} is required ({f.description.rstrip('.')}): fill it in", False
        # Read as empty by a person, as a value by the code: say which.
        return ("bad-value", "the cell holds only spaces: empty it", False) if value else None
    why = bad_character(value, name=name)
    if why:
        return "bad-character", f'"{value}" {why}', False
    if value != value.strip():
        return "bad-value", f'"{value}" has spaces around it: remove them', False
    bad = f.check(value)
    return (*bad, True) if bad else None


def _check_unique_names(table: pd.DataFrame, resource: Resource, malformed: set[int]) -> list[Problem]:
    """Names and aliases must point to one row only, whatever their case."""
    owner: dict[str, tuple[int, str]] = {}
    problems = []
    columns = resource.unique_names
    parsers = [resource.field(c).parse for c in columns]
    for line, *cells in zip(table.index.tolist(), *(table[c].tolist() for c in columns), strict=True):
        if line in malformed:
            continue
        for column, parse, cell in zip(columns, parsers, cells, strict=True):
            value = parse(cell)
            for name in value if isinstance(value, list) else [value] if value else []:
                key = _name_key(str(name))
                if key in owner and owner[key][0] != line:
                    other_line, other_col = owner[key]
                    msg = f'"{name}" is already the {other_col} of the actor on line {other_line}: names and aliases must be unique'
                    problems.append(Problem(resource.path, line, column, name, "duplicate-name", msg))
                owner.setdefault(key, (line, column))
    return problems


def _name_key(name: str) -> str:
    """How names compare for uniqueness: composed (NFC) and case-folded, so "Kyïv" written two ways is one name."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _dates(values) -> dict[str, PartialDate | None]:
    """Each distinct text of ``values`` as a date, parsed once (None: empty or not a date, reported elsewhere)."""
    out: dict[str, PartialDate | None] = {}
    for text in dict.fromkeys(values):
        try:
            out[text] = PartialDate.parse(text) if text else None
        except ValueError:
            out[text] = None
    return out


def _check_date_order(table: pd.DataFrame, resource: Resource, first: str, last: str, malformed: set[int]) -> list[Problem]:
    problems = []
    starts, ends = table[first].tolist(), table[last].tolist()
    dates = _dates(starts + ends)
    for line, a, b in zip(table.index.tolist(), starts, ends, strict=True):
        start, end = dates[a], dates[b]
        if start is None or end is None or line in malformed:
            continue  # empty, or already reported as a bad date or a bad row
        if end.last < start.first:
            msg = f"{last} {end} is before {first} {start}: swap them or fix the date"
            problems.append(Problem(resource.path, line, last, b, "date-order", msg))
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
        values = table[fk.field].tolist()
        messages: dict[str, str] = {}
        unknown: dict[str, list[str]] = {}
        for value in dict.fromkeys(values):
            if not value.strip() or f.check(value):
                unknown[value] = []  # empty, or already reported as a bad value
                continue
            items = f.parse(value)
            unknown[value] = [item for item in (items if isinstance(items, list) else [items]) if item not in keys]
        if not any(unknown.values()):
            continue  # the usual case: every reference is known, and no row needs a visit
        for line, value in zip(table.index.tolist(), values, strict=True):
            for item in unknown[value]:
                if item not in messages:
                    hint = _suggest(item, keys, show_all=len(keys) <= 30)
                    messages[item] = f'unknown {fk.field} "{item}": no {fk.key} "{item}" in {target.path}{hint}'
                problems.append(Problem(resource.path, line, fk.field, item, "unknown-reference", messages[item]))
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
    lines = rel.index.tolist()
    rid, kind, source, target, start, recorded, supersedes = (
        rel[c].tolist() for c in ("relation_id", "type", "source", "target", "start", "recorded", "supersedes")
    )
    at = {r: i for i, r in enumerate(rid)}  # the last row of an id, as a dict of rows would keep

    successors: dict[str, int] = {}
    for i, line in enumerate(lines):
        if kind[i] in events and not start[i]:
            msg = f"a {kind[i]} is an event (temporality in relation_types.csv): give the day it happened in start"
            problems.append(Problem(file, line, "start", start[i], "event-without-date", msg))
        if source[i] and source[i] == target[i]:
            msg = f'source and target are both "{source[i]}": a relation links two different actors'
            problems.append(Problem(file, line, "target", target[i], "self-relation", msg))
        old = supersedes[i]
        if not old or old not in at:
            continue
        if old == rid[i]:
            continue  # a loop of one, reported with the other loops
        if old in successors:
            msg = f'"{old}" is already superseded by the row on line {successors[old]}: supersede the newest row of the chain instead'
            problems.append(Problem(file, line, "supersedes", old, "supersedes-twice", msg))
        successors.setdefault(old, line)
        old_recorded = recorded[at[old]]
        if recorded[i] and old_recorded and recorded[i] < old_recorded:
            msg = f'recorded {recorded[i]} is before {old_recorded}, when the row it supersedes ("{old}") was recorded'
            problems.append(Problem(file, line, "recorded", recorded[i], "supersedes-order", msg))

    lineage, loops = lineage_roots(dict(zip(rid, supersedes, strict=True)))
    for r in loops:
        problems.append(
            Problem(
                file,
                lines[at[r]],
                "supersedes",
                supersedes[at[r]],
                "supersedes-loop",
                f'the supersedes chain through "{r}" loops back on itself: one row of the chain must supersede none',
            )
        )
    seen: dict[tuple, int] = {}
    for i, line in enumerate(lines):
        pair = (source[i], target[i])
        if not directed.get(kind[i], True):
            pair = tuple(sorted(pair))
        key = (*pair, kind[i], start[i])
        if key in seen and lineage.get(rid[i]) != lineage.get(rid[seen[key]]):
            msg = (
                f'the same {kind[i]} between {pair[0]} and {pair[1]} from "{start[i]}" is already on line {lines[seen[key]]}: '
                "merge the two rows, or supersede the older one"
            )
            problems.append(Problem(file, line, "relation_id", rid[i], "duplicate-relation", msg))
        seen.setdefault(key, i)
    return problems


def _check_recorded_after_sources(tables: dict[str, pd.DataFrame], schema: Schema) -> list[Problem]:
    """A row cannot be recorded before any of the sources it cites was published.

    A partial date counts from its first day here: only what is surely wrong
    is refused (``--known`` counts from the last day, what is surely public).
    """
    source_dates = _dates(tables["sources"]["date"].tolist())
    dated = {
        sid: source_dates[d] for sid, d in zip(tables["sources"]["source_id"], tables["sources"]["date"], strict=True) if source_dates[d]
    }
    citation = schema["relations"].field("citation")
    rel = tables["relations"]
    recorded_texts, citations = rel["recorded"].tolist(), rel["citation"].tolist()
    recorded_dates = _dates(recorded_texts)
    earliest: dict[str, tuple[PartialDate, str] | None] = {}
    for cell in dict.fromkeys(citations):
        cited = [(dated[s], s) for s in citation.parse(cell) if s in dated]
        earliest[cell] = min(cited, key=lambda c: c[0].first) if cited else None
    problems = []
    for line, text, cell in zip(rel.index.tolist(), recorded_texts, citations, strict=True):
        recorded, first = recorded_dates[text], earliest[cell]
        if recorded is None or first is None:
            continue  # empty or already reported as a bad date; or no dated source
        if recorded.first < first[0].first:
            msg = (
                f"recorded {text} is before {first[1]}, its earliest cited source, was published ({first[0]}): "
                "a row cannot be recorded before its evidence; fix recorded or the citation"
            )
            problems.append(Problem(schema["relations"].path, line, "recorded", text, "recorded-before-source", msg))
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
    loops: set[str] = set()
    for start in supersedes:
        if start in roots:
            continue
        previous = supersedes[start]
        if not previous or previous not in supersedes:
            roots[start] = start  # the usual row: first of its chain (and no walk to set up)
            continue
        # Walk back until a row whose root is known, a first row, or a row already on this walk (a loop);
        # then give every row of the walk its root: each row is visited once, however long the chain.
        path, on_path, current = [], {}, start
        while True:
            if current in roots:
                root = roots[current]
                break
            if current in on_path:
                cycle = path[on_path[current] :]
                loops.update(cycle)
                root = current
                for rid in cycle:
                    roots[rid] = rid
                path = path[: on_path[current]]
                break
            on_path[current] = len(path)
            path.append(current)
            previous = supersedes.get(current)
            if not previous or previous not in supersedes:
                root = current
                break
            current = previous
        for rid in path:
            roots.setdefault(rid, root)
        # A row that leads into a loop is not on it, but its chain never reaches a first row either.
        if root in loops:
            loops.update(path)
    order = {rid: i for i, rid in enumerate(supersedes)}
    return roots, sorted(loops, key=order.__getitem__)


def _suggest(value: str, choices, *, show_all: bool = False) -> str:
    choices = sorted(str(c) for c in choices)
    if show_all and choices:
        close = difflib.get_close_matches(value, choices, n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        return f"{hint} (valid: {', '.join(choices)})"
    close = difflib.get_close_matches(value, choices, n=3)
    return "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?" if close else ""
