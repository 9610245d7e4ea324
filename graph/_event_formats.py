"""Column maps of event files, and the checks a file passes before a backend reads it.

The maps are data (``event_formats.json`` beside this module, or a JSON file
of the same shape); this module only reads them, checks a few lines of each
input file against its map, and unpacks zip archives, so that a wrong file
gets one clear message instead of a backend's stack trace.
"""

from __future__ import annotations

import atexit
import csv
import io
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import EventDataError

__all__ = ["FIELDS", "ColumnMap", "column_map", "column_map_names", "prepare_files"]

FORMATS_FILE = Path(__file__).with_name("event_formats.json")
#: The fields a map may point at a column; ``date``, ``source``, ``target`` and ``code`` are required.
FIELDS = ("date", "source", "target", "code", "goldstein", "mentions", "sources", "articles", "tone", "url")
REQUIRED = ("date", "source", "target", "code")
DATE_FORMATS = ("YYYYMMDD", "YYYY-MM-DD")
CODE_SYSTEMS = ("cameo", "plover")
#: How many lines of each file are checked before reading, and the longest line accepted there.
SNIFF_LINES = 5
MAX_LINE = 1 << 20


@dataclass(frozen=True)
class ColumnMap:
    """How one kind of event file lays out its columns (one entry of ``event_formats.json``).

    Examples
    --------
    >>> m = column_map("gdelt")
    >>> len(m.columns), m.delimiter, m.header, m.code_system
    (61, '\\t', False, 'cameo')
    >>> m.source
    ('Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1Code')
    """

    name: str
    title: str
    delimiter: str
    header: bool
    columns: tuple[str, ...] | None
    date: str
    date_format: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    code: str
    code_system: str
    goldstein: str | None = None
    mentions: str | None = None
    sources: str | None = None
    articles: str | None = None
    tone: str | None = None
    url: str | None = None

    def used(self) -> list[str]:
        """Every column of the file the aggregation reads."""
        out: list[str] = []
        for name in FIELDS:
            value = getattr(self, name)
            for column in value if isinstance(value, tuple) else [value]:
                if column and column not in out:
                    out.append(column)
        return out


def column_map_names() -> list[str]:
    """The names of the column maps shipped with the package.

    Examples
    --------
    >>> column_map_names()
    ['gdelt', 'icews', 'plover']
    """
    return sorted(_read_json(FORMATS_FILE)["formats"])


def column_map(name: str | Path | ColumnMap) -> ColumnMap:
    """The column map ``name`` (gdelt, icews, plover) or the one in the JSON file ``name``.

    A file holds ``{"formats": {"NAME": {...}}}`` with one map, as in
    ``event_formats.json``.

    Raises
    ------
    EventDataError
        If there is no such map or the map is incomplete.

    Examples
    --------
    >>> column_map("icews").date
    'Event Date'
    >>> column_map("gdeltt")
    Traceback (most recent call last):
    ...
    graph.errors.EventDataError: unknown column map "gdeltt": give one of gdelt, icews, plover, or the path of a JSON file shaped like graph/event_formats.json
    """
    if isinstance(name, ColumnMap):
        return name
    text = str(name)
    if text in column_map_names():
        return _parse_map(text, _read_json(FORMATS_FILE)["formats"][text], FORMATS_FILE)
    path = Path(text)
    if path.suffix != ".json" or not path.is_file():
        msg = f'unknown column map "{text}": give one of {", ".join(column_map_names())}, or the path of a JSON file shaped like graph/event_formats.json'
        raise EventDataError(msg)
    formats = _read_json(path).get("formats")
    if not isinstance(formats, dict) or len(formats) != 1:
        msg = f'{path}: expected {{"formats": {{"NAME": {{...}}}}}} with exactly one column map'
        raise EventDataError(msg)
    ((key, spec),) = formats.items()
    return _parse_map(key, spec, path)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        msg = f"{path}: cannot read the column map: {err}"
        raise EventDataError(msg) from err
    if not isinstance(data, dict):
        msg = f"{path}: a column map file is a JSON object"
        raise EventDataError(msg)
    return data


def _parse_map(name: str, spec: object, path: Path) -> ColumnMap:
    where = f'{path}: column map "{name}"'
    if not isinstance(spec, dict):
        msg = f"{where} is not a JSON object"
        raise EventDataError(msg)
    missing = [k for k in (*REQUIRED, "delimiter", "header", "date_format", "code_system") if not spec.get(k) and spec.get(k) is not False]
    if missing:
        msg = f"{where} lacks {', '.join(missing)}"
        raise EventDataError(msg)
    if spec["date_format"] not in DATE_FORMATS:
        msg = f'{where}: date_format "{spec["date_format"]}" is not one of {", ".join(DATE_FORMATS)}'
        raise EventDataError(msg)
    if spec["code_system"] not in CODE_SYSTEMS:
        msg = f'{where}: code_system "{spec["code_system"]}" is not one of {", ".join(CODE_SYSTEMS)}'
        raise EventDataError(msg)
    if len(spec["delimiter"]) != 1:
        msg = f"{where}: the delimiter must be one character, not {spec['delimiter']!r}"
        raise EventDataError(msg)
    columns = tuple(spec["columns"]) if spec.get("columns") else None
    if not spec["header"] and not columns:
        msg = f"{where}: a file without a header needs its list of columns"
        raise EventDataError(msg)
    cmap = ColumnMap(
        name=name,
        title=spec.get("title", name),
        delimiter=spec["delimiter"],
        header=bool(spec["header"]),
        columns=columns,
        date=spec["date"],
        date_format=spec["date_format"],
        source=_names(spec["source"]),
        target=_names(spec["target"]),
        code=spec["code"],
        code_system=spec["code_system"],
        **{k: spec.get(k) for k in ("goldstein", "mentions", "sources", "articles", "tone", "url")},
    )
    unknown = [c for c in cmap.used() if columns and c not in columns]
    if unknown:
        msg = f"{where} names columns it does not list: {', '.join(unknown)}"
        raise EventDataError(msg)
    return cmap


def _names(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# -- input files ------------------------------------------------------------------


def prepare_files(paths: list[str | Path], cmap: ColumnMap) -> list[Path]:
    """Check each file against ``cmap`` and return the paths a backend should read.

    A ``.zip`` archive (as GDELT publishes them) is unpacked into a temporary
    folder removed when Python exits; ``.gz`` files are read as they are.
    Only the first few lines are checked here; the backend reads the rest
    strictly and its errors are reported by the caller.

    Raises
    ------
    EventDataError
        If a file is missing, empty, an empty archive, too long a line, or
        its first lines do not have the map's columns.
    """
    if not paths:
        msg = "no event files given: pass one or more GDELT, ICEWS or PLOVER files"
        raise EventDataError(msg)
    out = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            msg = f"{path}: no such file"
            raise EventDataError(msg)
        if path.suffix.lower() == ".zip":
            out.extend(_unzip(path, cmap))
        else:
            _check_head(path, _head(path), cmap)
            out.append(path)
    return out


def _unzip(path: Path, cmap: ColumnMap) -> list[Path]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if not members:
                msg = f"{path}: the zip archive holds no file; GDELT's archives hold one .CSV file each"
                raise EventDataError(msg)
            folder = Path(tempfile.mkdtemp(prefix="actorgraph-events-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            out = []
            for i, member in enumerate(members):
                target = folder / f"{i}-{Path(member.filename).name}"
                with archive.open(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                _check_head(Path(f"{path}:{member.filename}"), _head(target), cmap)
                out.append(target)
            return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as err:
        msg = f"{path}: not a readable zip archive ({err})"
        raise EventDataError(msg) from err


def _head(path: Path) -> list[str]:
    """The first lines of a plain or gzipped file, each read with a length cap."""
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    lines = []
    try:
        with opener(path, "rb") as f:
            for _ in range(SNIFF_LINES):
                line = f.readline(MAX_LINE + 1)
                if not line:
                    break
                if len(line) > MAX_LINE:
                    msg = f"{path}:{len(lines) + 1}: the line is longer than {MAX_LINE:,} bytes: this is not an event file"
                    raise EventDataError(msg)
                lines.append(line.decode("utf-8", errors="replace").rstrip("\r\n"))
    except (OSError, EOFError) as err:
        msg = f"{path}: cannot read the file: {err}"
        raise EventDataError(msg) from err
    return lines


def _check_head(path: Path, lines: list[str], cmap: ColumnMap) -> None:
    if not any(line.strip() for line in lines):
        msg = f"{path}: the file is empty: expected {cmap.title}"
        raise EventDataError(msg)
    quoting = csv.QUOTE_MINIMAL if cmap.header else csv.QUOTE_NONE
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=cmap.delimiter, quoting=quoting))
    except csv.Error as err:
        msg = f"{path}: not a {cmap.name} file ({cmap.title}): {err}"
        raise EventDataError(msg) from err
    delim = "tab" if cmap.delimiter == "\t" else repr(cmap.delimiter)
    if cmap.header:
        header = rows[0]
        missing = [c for c in cmap.used() if c not in header]
        if missing:
            seen = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
            msg = (
                f"{path}:1: the header lacks {', '.join(repr(c) for c in missing)} that the {cmap.name} column map needs "
                f"(fields separated by {delim}; the header read is: {seen})"
            )
            raise EventDataError(msg)
        width, body, first = len(header), rows[1:], 2
    else:
        width, body, first = len(cmap.columns or ()), rows, 1
    for n, row in enumerate(body, start=first):
        if len(row) != width:
            msg = (
                f"{path}:{n}: {len(row)} field{'s' if len(row) != 1 else ''} separated by {delim}, expected {width} "
                f"({cmap.title}); is this a {cmap.name} file?"
            )
            raise EventDataError(msg)
