"""Import a nodes and edges CSV pair (Kumu, Gephi, or ``actorgraph export --to csv``) into a new map.

Each field of ``actors.csv`` and ``relations.csv`` takes the first column of
the input whose header (any case) is one of its candidates
(:data:`CANDIDATES`), unless ``mapping`` names the column. Actor ids come from
an ``Id`` column or are made from the names; edges may name their ends by id
or by label (Kumu's ``From`` and ``To`` are labels). Kinds, relation types
and statuses match the vocabulary's id or its label, in any case. Missing
columns and empty cells take the values of ``defaults``; a relation without a
citation cites one generated source that records the import itself.

The new map is built in memory and validated as a whole by the loader; every
problem is reported against the input file, line and column it came from,
with what would be valid, and nothing is written unless the map is valid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .descriptor import DESCRIPTOR
from .errors import DataError, Problem
from .export import unescape_cell
from .io import read_dataset
from .newmap import check_new_folder, create_map, map_files
from .schema import load_schema

__all__ = ["CANDIDATES", "ImportResult", "import_map"]

#: Input headers each field is read from, first found wins (compared in lower case).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "actor_id": ("actor_id", "id", "actor id"),
    "name": ("name", "label"),
    "kind": ("kind", "type", "element type"),
    "aliases": ("aliases", "alias"),
    "description": ("description",),
    "relation_id": ("relation_id", "id", "relation id"),
    "source": ("source", "from"),
    "target": ("target", "to"),
    "type": ("relation_type", "type", "connection type"),
    "status": ("status",),
    "start": ("start", "start date"),
    "end": ("end", "end date"),
    "confidence": ("confidence",),
    "intensity": ("intensity",),
    "magnitude": ("magnitude",),
    "citation": ("citation", "citations"),
    "evidence": ("evidence", "description"),
    "notes": ("notes",),
    "recorded": ("recorded",),
    "supersedes": ("supersedes",),
}
#: Fields whose values may be given as the vocabulary's label, by table.
_VOCABULARY = {"kind": "actor_kinds", "type": "relation_types", "status": "statuses"}


@dataclass
class ImportResult:
    """The new folder, how many rows, and which input columns were not used."""

    folder: Path
    actors: int
    relations: int
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    unused: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Table:
    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]


def import_map(
    nodes: str | Path,
    edges: str | Path,
    folder: str | Path,
    *,
    title: str | None = None,
    mapping: Mapping[str, str] | None = None,
    defaults: Mapping[str, str] | None = None,
    sources: str | Path | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import ``nodes`` and ``edges`` (CSV files) into the new map ``folder``.

    Parameters
    ----------
    mapping : mapping, optional
        ``field -> input column`` for the fields the headers do not name; an
        empty column name leaves the field out.
    defaults : mapping, optional
        ``field -> value`` for missing columns and empty cells (``status``,
        ``confidence`` and ``evidence`` have no default of their own).
    sources : path, optional
        A ``sources.csv`` (our columns) holding the documents the edges cite.

    Raises
    ------
    DataError
        With every problem, located in the input files; nothing is written.
    EditError
        If ``folder`` exists and is not empty.
    """
    check_new_folder(Path(folder))  # before reading anything: a taken folder is the cheapest refusal
    mapping, defaults = dict(mapping or {}), dict(defaults or {})
    today = today or dt.date.today()
    schema = load_schema()
    problems: list[Problem] = []
    for key in [*mapping, *defaults]:
        if key not in CANDIDATES:
            msg = f'unknown field "{key}": map one of {", ".join(CANDIDATES)}'
            problems.append(Problem("(arguments)", None, None, key, "unknown-field", msg))
    tables = {}
    for name, path in (("nodes", Path(nodes)), ("edges", Path(edges))):
        table, found = _read(path)
        tables[name], problems = table, problems + found
    if problems:
        raise DataError(problems)
    node_fields, edge_fields = schema["actors"].columns, schema["relations"].columns
    vocab = read_dataset(_vocabulary_files(), "vocabularies")
    labels = {f: _labels(vocab.frame(t), schema[t].primary_key) for f, t in _VOCABULARY.items()}

    out_nodes, node_where, node_cols, problems = _rows(tables["nodes"], node_fields, mapping, defaults, labels)
    _fill_ids(out_nodes)
    ids = {r["actor_id"] for r in out_nodes}
    by_name = {r["name"].casefold(): r["actor_id"] for r in out_nodes if r["name"]}
    out_edges, edge_where, edge_cols, found = _rows(tables["edges"], edge_fields, mapping, defaults, labels)
    problems += found
    source_id = f"import-{today.isoformat()}"
    for row, (line, _) in zip(out_edges, edge_where, strict=True):
        for end in ("source", "target"):
            value = row[end]
            if value and value not in ids and value.casefold() in by_name:
                row[end] = by_name[value.casefold()]
        if not row["relation_id"]:
            row["relation_id"] = _slug(f"{row['source']}-{row['target']}-{row['type']}-{line}")
        if not row["recorded"]:
            row["recorded"] = today.isoformat()
        if not row["citation"]:
            row["citation"] = source_id
    if problems:
        raise DataError(problems)

    files = map_files(title, Path(folder).name)
    files["actors.csv"], node_lines = _csv(node_fields, out_nodes)
    files["relations.csv"], edge_lines = _csv(edge_fields, out_edges)
    generated = [_import_source(source_id, tables, today)] if any(r["citation"] == source_id for r in out_edges) else []
    files["sources.csv"], _ = _csv(schema["sources"].columns, generated)
    if sources is not None:
        try:
            files["sources.csv"] = Path(sources).read_bytes()
        except OSError as err:
            raise DataError(
                [Problem(str(sources), None, None, None, "missing-file", f"cannot read the file: {err.strerror or err}")]
            ) from None
        if generated:
            files["sources.csv"] = (
                files["sources.csv"].rstrip(b"\r\n") + b"\n" + _csv(schema["sources"].columns, generated)[0].split(b"\n", 1)[1]
            )
    by_resource = {r.name: files[r.path] for r in schema.resources}
    try:
        read_dataset({**by_resource, DESCRIPTOR: files[DESCRIPTOR]}, folder)
    except DataError as err:
        where = {
            **({"sources.csv": (_Table(Path(sources), [], []), None, None, None)} if sources is not None else {}),
            "actors.csv": (tables["nodes"], [node_where[i][0] for i in sorted(node_lines.values())], node_lines, node_cols),
            "relations.csv": (tables["edges"], [edge_where[i][0] for i in sorted(edge_lines.values())], edge_lines, edge_cols),
        }
        raise DataError([_locate(p, where) for p in err.problems]) from None
    create_map(folder, files)
    return ImportResult(
        Path(folder),
        len(out_nodes),
        len(out_edges),
        {"nodes": node_cols, "edges": edge_cols},
        {name: [h for h in t.header if h not in (node_cols if name == "nodes" else edge_cols).values()] for name, t in tables.items()},
    )


def _read(path: Path) -> tuple[_Table, list[Problem]]:
    empty = _Table(path, [], [])
    try:
        data = path.read_bytes()
    except OSError as err:
        msg = f"cannot read the file: {err.strerror or err}"
        return empty, [Problem(str(path), None, None, None, "missing-file", msg)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        msg = f"bytes {data[err.start : err.end]!r} are not UTF-8: export the file as CSV UTF-8"
        return empty, [Problem(str(path), line, None, None, "encoding-error", msg)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # an unclosed quote would swallow the rest of the file
    records, previous = [], 0
    try:
        for cells in reader:
            records.append((previous + 1, cells))
            previous = reader.line_num
    except csv.Error as err:
        return empty, [Problem(str(path), reader.line_num, None, None, "bad-csv", f"not readable as CSV: {err}")]
    if not records or not any(c.strip() for c in records[0][1]):
        return empty, [Problem(str(path), 1, None, None, "missing-header", "the file is empty: the first line must be a header")]
    header = [h.strip() for h in records[0][1]]
    rows = [(line, cells + [""] * (len(header) - len(cells))) for line, cells in records[1:] if any(c.strip() for c in cells)]
    problems = [
        Problem(str(path), line, None, ",".join(cells), "extra-cell", f"row has {len(cells)} fields but the header has {len(header)}")
        for line, cells in rows
        if len(cells) > len(header)
    ]
    return _Table(path, header, rows), problems


def _rows(table: _Table, fields: list[str], mapping: dict, defaults: dict, labels: dict) -> tuple[list[dict], list, dict, list[Problem]]:
    """Each input row as a row of our columns; where each came from; problems of mapping."""
    lower = {h.casefold(): i for i, h in reversed(list(enumerate(table.header)))}
    columns: dict[str, str] = {}
    problems = []
    for name in fields:
        wanted = mapping.get(name)
        if wanted == "":
            continue  # --map FIELD= : leave the field out
        if wanted is not None:
            if wanted.casefold() not in lower:
                msg = f'--map {name}={wanted}: no column "{wanted}" in {table.path.name}; its columns are {", ".join(table.header)}'
                problems.append(Problem(str(table.path), 1, None, wanted, "unknown-column", msg))
                continue
            columns[name] = table.header[lower[wanted.casefold()]]
            continue
        found = next((c for c in CANDIDATES[name] if c in lower), None)
        if found is not None:
            columns[name] = table.header[lower[found]]
    out, where = [], []
    for line, cells in table.rows:
        row = {}
        for name in fields:
            value = unescape_cell(cells[lower[columns[name].casefold()]].strip()) if name in columns else ""
            if not value and name in defaults:
                value = defaults[name]
            if name in labels and value:
                value = labels[name].get(value.casefold(), value)
            row[name] = value
        out.append(row)
        where.append((line, cells))
    return out, where, columns, problems


def _fill_ids(rows: list[dict]) -> None:
    """Actor ids made from names where the input has none: "South Korea" -> SOUTH_KOREA."""
    taken = {r["actor_id"] for r in rows if r["actor_id"]}
    for row in rows:
        if row["actor_id"] or not row["name"]:
            continue
        base = re.sub(r"[^A-Z0-9]+", "_", row["name"].upper()).strip("_") or "ACTOR"
        base = base if base[0].isalpha() else f"A_{base}"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        row["actor_id"] = candidate


def _labels(frame, key: str) -> dict[str, str]:
    """Vocabulary ids by their id and label, in lower case."""
    out = {}
    for _, row in frame.iterrows():
        out.setdefault(str(row["label"]).casefold(), row[key])
        out[str(row[key]).casefold()] = row[key]
    return out


def _vocabulary_files() -> dict[str, bytes]:
    files = map_files(None)
    return {r.name: files[r.path] for r in load_schema().resources}


def _import_source(source_id: str, tables: dict[str, _Table], today: dt.date) -> dict:
    names = " and ".join(t.path.name for t in tables.values())
    return {
        "source_id": source_id,
        "title": f"Imported from {names}",
        "publisher": "",
        "date": today.isoformat(),
        "url": "",
        "notes": "Generated by actorgraph import for rows that cited nothing: replace it with the documents behind each relation.",
    }


def _csv(columns: list[str], rows: list[dict]) -> tuple[bytes, dict[int, int]]:
    """The CSV text, and the row index that starts on each physical line (cells may hold line breaks)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    starts = {}
    for i, row in enumerate(rows):
        starts[out.getvalue().count("\n") + 1] = i
        writer.writerow(row)
    return out.getvalue().encode(), starts


def _locate(problem: Problem, where: dict) -> Problem:
    """A problem of the generated map, told in terms of the input file, line and column."""
    if problem.file not in where:
        return problem
    table, input_lines, starts, columns = where[problem.file]
    if starts is None:  # --sources: a file in our own format, lines as they are
        return Problem(str(table.path), problem.line, problem.column, problem.value, problem.code, problem.message)
    if problem.line is None:
        return problem
    line = input_lines[starts[problem.line]] if problem.line in starts else None
    column = problem.column
    if column is not None:
        column = columns.get(column, f"{column} (no column maps to it: pass --map {column}=COLUMN or --default {column}=VALUE)")
    message = problem.message
    if problem.code == "unknown-reference" and problem.column == "citation":
        message += " (pass --sources FILE, a sources.csv with the cited documents, or --map citation= to leave citations out)"
    return Problem(str(table.path), line, column, problem.value, problem.code, f"{message} [{problem.file} column {problem.column}]")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "relation"
