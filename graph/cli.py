"""The ``actorgraph`` command line: a thin shell over the library.

Each sub-command is one ``add_<name>`` function that registers its parser and
sets ``run``; :data:`COMMANDS` lists them. Exit codes: 0 success, 1 invalid
data or a refused request (one clear message, never a traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .build import build_graph
from .errors import ActorGraphError, DataError
from .io import DEFAULT_DATA, load

__all__ = ["COMMANDS", "main"]

FORMATS = ("table", "csv", "json")

#: Columns a relation table shows in the terminal; csv and json carry all.
TABLE_COLUMNS = ["relation_id", "source_name", "verb", "target_name", "status", "start", "end", "confidence"]


# -- shared helpers -------------------------------------------------------------


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR", help="the data folder (default: ./data)")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def load_graph_from(args: argparse.Namespace):
    """The graph of ``args.data``; DataError propagates to :func:`main`."""
    return build_graph(load(args.data))


def _cell(value) -> str:
    if isinstance(value, list | tuple | set):
        return "|".join(map(str, value))
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_table(frame: pd.DataFrame) -> str:
    """Left-aligned columns, two spaces apart, for reading in a terminal."""
    cells = [list(map(str, frame.columns)), *frame.map(_cell).values.tolist()]
    widths = [max(len(row[i]) for row in cells) for i in range(len(frame.columns))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells)


def emit(frame: pd.DataFrame, fmt: str, *, table_columns: list[str] | None = None, title: str | None = None) -> None:
    """Print a DataFrame as a table, CSV or JSON (records) on stdout."""
    if fmt == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
        return
    if fmt == "csv":
        frame.map(_cell).to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    shown = frame[[c for c in (table_columns or frame.columns) if c in frame.columns]]
    if title:
        print(title)
    print(text_table(shown) if not shown.empty else "(none)")


def emit_sections(sections: dict[str, pd.DataFrame], fmt: str) -> None:
    """Print several named tables: titled tables, JSON object, or CSV blocks."""
    if fmt == "json":
        print(json.dumps({k: json.loads(v.to_json(orient="records", force_ascii=False)) for k, v in sections.items()}, indent=2, ensure_ascii=False))
        return
    for i, (name, frame) in enumerate(sections.items()):
        if i:
            print()
        if fmt == "csv":
            print(f"# {name}")
            emit(frame, "csv")
        else:
            emit(frame, "table", title=f"{name}:")


# -- validate -----------------------------------------------------------------


def add_validate(sub) -> None:
    p = sub.add_parser("validate", help="check every file of the data folder", description="Check every file of the data folder and report every problem.")
    add_data_option(p)
    add_format_option(p)
    p.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    dataset = load(args.data)  # raises DataError, reported by main()
    counts = {name: len(t) for name, t in dataset.tables.items()}
    if args.format == "table":
        print(
            f"{args.data}: valid: {counts['actors']} actors, {counts['relations']} relations, "
            f"{counts['sources']} sources, {counts['relation_types']} relation types"
        )
    else:
        emit(pd.DataFrame([counts]), args.format)
    return 0


# -- query --------------------------------------------------------------------


def add_query(sub) -> None:
    p = sub.add_parser(
        "query",
        help="relations of an actor",
        description="List the relations of an actor (id, name or alias, any case), optionally with another actor.",
    )
    p.add_argument("name", help='an actor: id, name or alias ("PRK", "north korea", "Pyongyang")')
    p.add_argument("--with", dest="other", metavar="NAME", help="only relations with this actor")
    p.add_argument("--type", action="append", metavar="T", help="only this relation type (repeatable)")
    p.add_argument("--status", action="append", metavar="S", help="only this status (repeatable)")
    p.add_argument("--direction", choices=("both", "out", "in"), default="both", help="out: the actor acts; in: it is acted upon")
    p.add_argument("--history", action="store_true", help="also list rows that later rows supersede")
    add_data_option(p)
    add_format_option(p)
    p.set_defaults(run=run_query)


def run_query(args: argparse.Namespace) -> int:
    from .query import relations

    G = load_graph_from(args)
    _check_vocabulary(G, "relation_types", args.type, "--type")
    _check_vocabulary(G, "statuses", args.status, "--status")
    frame = relations(
        G, args.name, other=args.other, direction=args.direction, types=args.type, statuses=args.status, latest=not args.history
    )
    emit(frame, args.format, table_columns=TABLE_COLUMNS)
    return 0


def _check_vocabulary(G, table: str, values: list[str] | None, option: str) -> None:
    valid = G.graph.get(table, {})
    for value in values or []:
        if value not in valid:
            msg = f'{option} "{value}" is unknown; valid: {", ".join(sorted(valid))}'
            raise ActorGraphError(msg)


# -- info ---------------------------------------------------------------------


def add_info(sub) -> None:
    p = sub.add_parser("info", help="counts by type, status and actor", description="Count relations by type, by status and by actor.")
    add_data_option(p)
    add_format_option(p)
    p.set_defaults(run=run_info)


def run_info(args: argparse.Namespace) -> int:
    from .query import summary

    G = load_graph_from(args)
    if args.format == "table":
        print(f"{args.data}: {G.number_of_nodes()} actors, {G.number_of_edges()} relations\n")
    emit_sections({"by type": (s := summary(G))["type"], "by status": s["status"], "by actor": s["actor"]}, args.format)
    return 0


# -- the program --------------------------------------------------------------

#: Every sub-command, in the order ``--help`` lists them.
COMMANDS: list[Callable] = [add_validate, add_query, add_info]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="actorgraph",
        description="Map who does what to whom: validate, query, analyse and draw the actor graph in data/.",
    )
    sub = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(sub)
    return p


def report_problems(err: DataError, data: Path | None) -> None:
    """One line per problem on stderr: ``FILE:LINE: column: message``."""
    for problem in err.problems:
        where = Path(data) / problem.file if data is not None and problem.code != "missing-folder" else Path(problem.file)
        line = f"{where}" if problem.line is None else f"{where}:{problem.line}"
        what = problem.message if problem.column is None else f"{problem.column}: {problem.message}"
        print(f"{line}: {what}", file=sys.stderr)
    n = len(err.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:
        report_problems(err, getattr(args, "data", None))
        return 1
    except ActorGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (head, less) went away; that is not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
