"""What the ``actorgraph`` commands print: tables, CSV and JSON, escaped for the terminal.

A DataFrame goes out through :func:`emit` (or :func:`emit_sections` for several
named tables) in the format of ``--format``; everything printed passes through
:class:`Escaping`, which :func:`graph.cli.main` puts in front of stdout and stderr.
"""

from __future__ import annotations

import json
import os
import sys

import pandas as pd

from ._text import escape, is_formula


def cell(value) -> str:
    """A value as the text of one table cell: lists joined by ``|``, missing values empty, whole floats without ``.0``.

    Examples
    --------
    >>> [cell(v) for v in (["KOR", "USA"], None, float("nan"), 3.0, 0.25)]
    ['KOR|USA', '', '', '3', '0.25']
    """
    if isinstance(value, list | tuple | set):
        return "|".join(map(str, value))
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_cell(value) -> str:
    """A cell for ``--format csv``: a leading ``'`` keeps a spreadsheet from running ``=HYPERLINK(...)``.

    Examples
    --------
    >>> _csv_cell("=1+1"), _csv_cell("-7.5")
    ("'=1+1", '-7.5')
    """
    text = cell(value)
    return "'" + text if is_formula(text) else text


def text_table(frame: pd.DataFrame) -> str:
    """Left-aligned columns, two spaces apart, for reading in a terminal.

    Examples
    --------
    >>> print(text_table(pd.DataFrame({"actor_id": ["PRK", "US"], "weight": [-10.0, 1.5]})))
    actor_id  weight
    PRK       -10
    US        1.5
    """
    cells = [list(map(str, frame.columns)), *frame.map(cell).values.tolist()]
    widths = [max(len(row[i]) for row in cells) for i in range(len(frame.columns))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: NaN becomes null, numpy scalars plain numbers."""
    # A round trip through pandas' JSON writer is what converts NaN and numpy types;
    # json.loads then undoes its escaping of "/".
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def emit(frame: pd.DataFrame, fmt: str, *, table_columns: list[str] | None = None, title: str | None = None) -> None:
    """Print a DataFrame as a table, CSV or JSON (records) on stdout."""
    if fmt == "json":
        print(json.dumps(_records(frame), indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        frame.map(_csv_cell).to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    shown = frame[[c for c in (table_columns or frame.columns) if c in frame.columns]]
    if title:
        print(title)
    print(text_table(shown) if not shown.empty else "(none)")


def emit_sections(sections: dict[str, pd.DataFrame], fmt: str) -> None:
    """Print several named tables: titled tables, one JSON object, or one CSV.

    The CSV is a single table that ``pandas.read_csv`` reads back: a
    ``section`` column first, then the columns of every section.
    """
    if fmt == "json":
        print(json.dumps({k: _records(v) for k, v in sections.items()}, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        emit(pd.concat([v.assign(section=k)[["section", *v.columns]] for k, v in sections.items()], ignore_index=True), "csv")
        return
    for i, (name, frame) in enumerate(sections.items()):
        if i:
            print()
        emit(frame, "table", title=f"{name}:")


class Escaping:
    """A text stream that escapes what could drive a terminal, and passes the rest on."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def discard_stdout() -> None:
    """Point stdout at the null device, so nothing fails when Python flushes it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
