"""The ``actorgraph`` command line: a thin shell over the library.

Each sub-command is one ``add_<name>`` function that registers its parser and
sets ``run``; :data:`COMMANDS` lists them. Exit codes: 0 success, 1 invalid
data or a refused request (one clear message, never a traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .build import build_graph
from .dates import parse_date
from .errors import ActorGraphError, DataError, DateFormatError
from .io import DEFAULT_DATA, load

__all__ = ["COMMANDS", "main"]

FORMATS = ("table", "csv", "json")

#: Columns a relation table shows in the terminal; csv and json carry all.
TABLE_COLUMNS = ["relation_id", "source_name", "verb", "target_name", "status", "start", "end", "confidence"]


# -- shared helpers -------------------------------------------------------------


def add_command(sub, name: str, help: str, description: str, run: Callable, *, formats: bool = True) -> argparse.ArgumentParser:
    """Register the sub-command ``name`` that runs ``run``, with ``--data`` (and ``--format``)."""
    p = sub.add_parser(name, help=help, description=description)
    add_data_option(p)
    if formats:
        add_format_option(p)
    p.set_defaults(run=run)
    return p


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"{text!r} is not a whole number of at least 1"
        raise argparse.ArgumentTypeError(msg)
    return value


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR", help="the data folder (default: ./data)")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def add_time_options(parser: argparse.ArgumentParser, *, as_of_default: str = "") -> None:
    default = f"; default: {as_of_default}" if as_of_default else ""
    parser.add_argument(
        "--as-of", metavar="DATE", help=f"the map on DATE: only relations in effect that day (2024, 2024-06 or 2024-06-19{default})"
    )
    parser.add_argument("--known", metavar="DATE", help="what we had recorded by DATE (record time); combines with --as-of")


def time_view(G, args: argparse.Namespace):
    """``G`` as known on ``--known``, then as of ``--as-of``: record time first."""
    from .temporal import as_known, as_of

    if getattr(args, "known", None):
        G = as_known(G, args.known)
    if getattr(args, "as_of", None):
        G = as_of(G, args.as_of)
    return G


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
        frame.map(_cell).to_csv(sys.stdout, index=False, lineterminator="\n")
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


# -- validate -----------------------------------------------------------------


def add_validate(sub) -> None:
    add_command(
        sub,
        "validate",
        "check every file of the data folder",
        "Check every file of the data folder and report every problem.",
        run_validate,
    )


def run_validate(args: argparse.Namespace) -> int:
    try:
        dataset = load(args.data)
    except DataError as err:
        # csv and json list the problems on stdout, for programs; main() still reports them on stderr.
        if args.format != "table":
            try:
                emit(pd.DataFrame([p.to_dict() for p in err.problems]), args.format)
                sys.stdout.flush()
            except BrokenPipeError:
                _discard_stdout()  # the reader left; the data is still invalid: exit 1
        raise
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
    p = add_command(
        sub,
        "query",
        "relations of an actor",
        "List the relations of an actor (id, name or alias, any case), optionally with another actor.",
        run_query,
    )
    p.add_argument("name", help='an actor: id, name or alias ("PRK", "north korea", "Pyongyang")')
    p.add_argument("--with", dest="other", metavar="NAME", help="only relations with this actor")
    p.add_argument("--type", action="append", metavar="T", help="only this relation type (repeatable)")
    p.add_argument("--status", action="append", metavar="S", help="only this status (repeatable)")
    p.add_argument("--direction", choices=("both", "out", "in"), default="both", help="out: the actor acts; in: it is acted upon")
    p.add_argument("--history", action="store_true", help="also list rows that later rows supersede")
    add_time_options(p)


def run_query(args: argparse.Namespace) -> int:
    from .query import relations

    G = time_view(load_graph_from(args), args)
    _check_vocabulary(G, "relation_types", args.type, "--type")
    _check_vocabulary(G, "statuses", args.status, "--status")
    # A view as of a date holds only the rows in effect then, superseded or not.
    latest = not args.history and args.as_of is None
    frame = relations(G, args.name, other=args.other, direction=args.direction, types=args.type, statuses=args.status, latest=latest)
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
    add_command(sub, "info", "counts by type, status and actor", "Count relations by type, by status and by actor.", run_info)


def run_info(args: argparse.Namespace) -> int:
    from .query import summary

    G = load_graph_from(args)
    if args.format == "table":
        print(f"{args.data}: {G.number_of_nodes()} actors, {G.number_of_edges()} relations\n")
    emit_sections({"by type": (s := summary(G))["type"], "by status": s["status"], "by actor": s["actor"]}, args.format)
    return 0


# -- diff ---------------------------------------------------------------------


#: Columns the terminal shows for each kind of diff; csv and json carry all.
DIFF_DATE_COLUMNS = ["date", "change", "source_name", "verb", "target_name", "status", "magnitude", "field", "old", "new", "relation_id"]
DIFF_VERSION_COLUMNS = ["table", "change", "id", "label", "field", "old", "new"]


def add_diff(sub) -> None:
    p = add_command(
        sub,
        "diff",
        "what changed between two dates, or two versions of the data",
        "Between two dates (--from, --to): the relations that started, ended or changed status, intensity, "
        "magnitude or confidence. Between two versions (OLD [NEW]): the rows added, removed or changed; "
        "a version is a folder or a git revision of --data (HEAD~1, a commit, a branch); NEW defaults to --data.",
        run_diff,
    )
    p.add_argument("old", nargs="?", metavar="OLD", help="the earlier version: a folder or a git revision")
    p.add_argument("new", nargs="?", metavar="NEW", help="the later version (default: the --data folder)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="compare the map on this date...")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="...with the map on this date (default: today)")
    p.add_argument("--steps", action="store_true", help="with dates: list every change on its day, not only the net difference")
    p.add_argument("--known", metavar="DATE", help="with dates: both maps as recorded by DATE (record time)")
    p.add_argument(
        "--as-recorded",
        action="store_true",
        help="with dates: each map as recorded by its own date, so late news and corrections count as changes",
    )
    p.set_defaults(usage=p.error)


def run_diff(args: argparse.Namespace) -> int:
    import datetime as dt

    from .diff import diff_dates, diff_versions

    if args.old is not None:
        if args.date_from or args.date_to or args.steps or args.known or args.as_recorded:
            args.usage("give either two versions (OLD [NEW]) or --from/--to dates, not both")
        frame = diff_versions(args.old, args.new if args.new is not None else args.data, data=args.data)
        emit(frame, args.format, table_columns=DIFF_VERSION_COLUMNS)
        return 0
    if not args.date_from:
        args.usage("give --from DATE [--to DATE] to compare two dates, or OLD [NEW] to compare two versions")
    if args.known and args.as_recorded:
        args.usage("--known fixes one record date for both maps; --as-recorded uses each map's own date: give one")
    date_to = args.date_to or dt.date.today().isoformat()
    if parse_date(args.date_from) > parse_date(date_to):
        msg = f"--from {args.date_from} is after --to {date_to}: swap them"
        raise DateFormatError(msg)
    G = time_view(load_graph_from(args), args)
    frame = diff_dates(G, args.date_from, date_to, steps=args.steps, as_recorded=args.as_recorded)
    emit(frame, args.format, table_columns=DIFF_DATE_COLUMNS)
    return 0


# -- edits ----------------------------------------------------------------------
# Each edit appends one row, validates the whole dataset first and writes
# atomically under a lock (graph.edit); these functions only parse and report.


def _edit_parser(sub, name: str, help: str, description: str, run: Callable) -> argparse.ArgumentParser:
    return add_command(sub, name, help, description + " Nothing is written unless the whole dataset stays valid.", run)


def _add_recorded_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--recorded", metavar="DATE", help="record time, YYYY-MM-DD (default: today)")


def _report_edit(edit, fmt: str) -> int:
    """Say what was appended: a sentence, or the row (with its file) for other tools."""
    row = edit.row
    if fmt != "table":
        emit(pd.DataFrame([{"file": str(edit.file), **row}]), fmt)
        return 0
    after = f" (supersedes {row['supersedes']})" if row.get("supersedes") else ""
    print(f"{edit.file}: appended {edit.id}{after}")
    return 0


def add_add_actor(sub) -> None:
    p = _edit_parser(sub, "add-actor", "append an actor", "Append an actor to actors.csv.", run_add_actor)
    p.add_argument("actor_id", metavar="ID", help="stable upper-case code: ISO 3166 alpha-3 where one exists (KOR)")
    p.add_argument("--name", required=True, help="canonical English name")
    p.add_argument("--kind", required=True, help="a kind of actor_kinds.csv (state, alliance...)")
    p.add_argument("--aliases", metavar="A|B", help="other names, |-separated")
    p.add_argument("--description", help="one or two sentences of our own")


def run_add_actor(args: argparse.Namespace) -> int:
    from .edit import add_actor

    return _report_edit(
        add_actor(args.data, args.actor_id, name=args.name, kind=args.kind, aliases=args.aliases, description=args.description), args.format
    )


def add_add_source(sub) -> None:
    p = _edit_parser(sub, "add-source", "append a cited document", "Append a cited document to sources.csv.", run_add_source)
    p.add_argument("source_id", metavar="ID", help="lower-case id of the document")
    p.add_argument("--title", required=True, help="title, or our description of the document")
    p.add_argument("--publisher", help="who published it")
    p.add_argument("--date", help="publication date (2024, 2024-06 or 2024-06-19)")
    p.add_argument("--url", help="address")
    p.add_argument("--notes", help="anything else")


def run_add_source(args: argparse.Namespace) -> int:
    from .edit import add_source

    fields = {k: getattr(args, k) for k in ("title", "publisher", "date", "url", "notes")}
    return _report_edit(add_source(args.data, args.source_id, **fields), args.format)


def _add_relation_fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    """The options of a relation's row; required ones only when adding."""
    p.add_argument("--status", required=required, help="confirmed, reported or potential")
    p.add_argument("--start", metavar="DATE", help="when it began (2024, 2024-06 or 2024-06-19)")
    p.add_argument("--confidence", required=required, metavar="0..1", help="how sure we are that the row is true as stated")
    p.add_argument("--intensity", metavar="-10..10", help="overrides the type's default intensity")
    p.add_argument("--magnitude", metavar="N", help="a number in the type's unit (troops)")
    p.add_argument("--citation", required=required, metavar="ID|ID", help="source_id(s) of sources.csv, |-separated")
    p.add_argument("--evidence", required=required, help="our own paraphrase of what the sources say")
    p.add_argument("--notes", help="caveats, disagreements between sources")
    _add_recorded_option(p)


def add_add_relation(sub) -> None:
    p = _edit_parser(sub, "add-relation", "append a relation", "Append a relation to relations.csv.", run_add_relation)
    p.add_argument("source", metavar="SOURCE", help="the acting actor: id, name or alias")
    p.add_argument("target", metavar="TARGET", help="the actor acted upon: id, name or alias")
    p.add_argument("type", metavar="TYPE", help="a type of relation_types.csv")
    _add_relation_fields(p, required=True)
    p.add_argument("--end", metavar="DATE", help="when it ended (empty: ongoing)")
    p.add_argument("--id", dest="relation_id", metavar="ID", help="the new row's id (default: a slug such as prk-rus-troop-deployment-1)")


def run_add_relation(args: argparse.Namespace) -> int:
    from .edit import add_relation

    fields = ("status", "start", "end", "confidence", "intensity", "magnitude", "citation", "evidence", "notes", "relation_id", "recorded")
    edit = add_relation(args.data, args.source, args.target, args.type, **{k: getattr(args, k) for k in fields})
    return _report_edit(edit, args.format)


def add_end_relation(sub) -> None:
    p = _edit_parser(
        sub,
        "end-relation",
        "record that a relation ended",
        "Append a copy of relation ID with its end set, superseding it (the old row stays in the file).",
        run_end_relation,
    )
    p.add_argument("relation_id", metavar="ID", help="the newest row of the relation")
    p.add_argument("--date", required=True, metavar="DATE", help="the last day it held (2025, 2025-04 or 2025-04-28)")
    p.add_argument("--evidence", help="what the sources say about its end (default: the old row's)")
    p.add_argument("--citation", metavar="ID|ID", help="source_id(s) (default: the old row's)")
    _add_recorded_option(p)


def run_end_relation(args: argparse.Namespace) -> int:
    from .edit import end_relation

    edit = end_relation(args.data, args.relation_id, date=args.date, evidence=args.evidence, citation=args.citation, recorded=args.recorded)
    return _report_edit(edit, args.format)


def add_supersede(sub) -> None:
    p = _edit_parser(
        sub,
        "supersede",
        "record a change to a relation",
        "Append a copy of relation ID with the given fields changed, superseding it (the old row stays in the file). "
        "A later --start means a change in the world (the old row holds until the day before); otherwise the new row "
        "replaces the old one (a correction). Pass an empty value (--end '') to empty a field.",
        run_supersede,
    )
    p.add_argument("relation_id", metavar="ID", help="the newest row of the relation")
    _add_relation_fields(p, required=False)
    p.add_argument("--end", metavar="DATE", help="when it ended")
    p.add_argument("--id", dest="new_id", metavar="ID", help="the new row's id (default: the next of the chain, pact-1 → pact-2)")


def run_supersede(args: argparse.Namespace) -> int:
    from .edit import SUPERSEDE_FIELDS, supersede

    changes = {k: getattr(args, k) for k in SUPERSEDE_FIELDS}
    return _report_edit(supersede(args.data, args.relation_id, recorded=args.recorded, new_id=args.new_id, **changes), args.format)


# -- analyze ------------------------------------------------------------------

#: Columns the terminal shows for each section of the analysis; csv and json carry all.
ANALYZE_COLUMNS = {
    "camps vs communities": ["name", "camp", "community"],
    "frustrated ties": ["name_a", "name_b", "sign", "weight", "camp_a", "camp_b", "why"],
    "brokers": ["name", "camp", "friendly_camps", "bridge_ties", "cross_betweenness"],
    "centrality": ["name", "allies", "adversaries", "out_pos", "out_neg", "in_pos", "in_neg", "betweenness", "betweenness_all", "pagerank"],
    "predictions": ["kind", "name_a", "name_b", "expected", "score", "reason"],
}


def add_analyze(sub) -> None:
    p = add_command(
        sub,
        "analyze",
        "camps, structural balance, brokers, centrality and predictions",
        "Collapse the relations in effect on a day into one friendly or hostile tie per pair of actors, then report "
        "the camps of the best balanced split, the share of balanced triangles, the frustration index, the unbalanced "
        "triangles and frustrated ties, the brokers between camps, the top centralities and the ties balance theory "
        "expects to form or flip. The rules are in docs/analysis.md.",
        run_analyze,
    )
    add_time_options(p, as_of_default="today")
    p.add_argument("--weak", action="store_true", help="weak balance: all-negative triangles are balanced, any number of camps")
    p.add_argument(
        "--no-potential", action="store_true", help="leave potential relations out (by default they count at their status weight)"
    )
    p.add_argument("--top", type=positive_int, default=10, metavar="N", help="how many actors and predictions to list (default: 10)")


def run_analyze(args: argparse.Namespace) -> int:
    from .analysis import report

    # Without --as-of the analysis looks at today (graph.analysis).
    G = time_view(load_graph_from(args), args)
    sections = report(G, weak=args.weak, include_potential=not args.no_potential, top=args.top)
    if args.format == "table":
        summary = sections["summary"].iloc[0]
        sections = {
            "summary": pd.DataFrame({"measure": summary.index, "value": summary.map(_cell).to_numpy()}),
            **{name: frame[ANALYZE_COLUMNS.get(name, list(frame.columns))].round(3) for name, frame in list(sections.items())[1:]},
        }
    emit_sections(sections, args.format)
    return 0


# -- build ----------------------------------------------------------------------

DEFAULT_PAGE = Path("build") / "actorgraph.html"
#: Centralities the page can size actors by (columns of graph.analysis.centrality).
SIZE_MEASURES = ("degree", "pagerank", "betweenness", "betweenness_all", "allies", "adversaries")


def add_build(sub) -> None:
    p = add_command(
        sub,
        "build",
        "write the interactive page (one offline HTML file)",
        "Write the interactive map as one self-contained HTML file (no network needed) and print its path. "
        "Actor positions are kept in a layout cache between builds, so adding a row does not move the map.",
        run_build,
    )
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_PAGE, metavar="FILE", help=f"the page to write (default: {DEFAULT_PAGE})")
    p.add_argument("--title", default=None, help="the page title (default: the map's own title, else one made from its main actors)")
    p.add_argument("--as-of", metavar="DATE", help="open the timeline on DATE (default: the last day of the data)")
    p.add_argument("--size-by", choices=SIZE_MEASURES, help="size actors by this centrality (see actorgraph analyze)")
    p.add_argument(
        "--color-by", choices=("kind", "camp"), default="kind", help="colour actors by kind (default) or by camp of the best balanced split"
    )
    p.add_argument(
        "--layout-cache", type=Path, metavar="FILE", help="positions kept between builds (default: the page's name with .layout.json)"
    )
    p.add_argument("--no-layout-cache", action="store_true", help="lay the map out afresh and keep nothing")


def run_build(args: argparse.Namespace) -> int:
    from .render import write_html

    G = load_graph_from(args)
    options: dict = {"title": args.title, "as_of": args.as_of}
    if args.size_by or args.color_by == "camp":
        from . import analysis

        if args.size_by:
            table = analysis.centrality(G, as_of=args.as_of).set_index("actor_id")
            # degree: the actor's signed ties, friendly and hostile
            measures = table["allies"] + table["adversaries"] if args.size_by == "degree" else table[args.size_by]
            options.update(sizes=measures.astype(float).to_dict(), size_label=args.size_by.replace("_", " "))
        if args.color_by == "camp":
            options["camps"] = analysis.camp_labels(G, as_of=args.as_of)  # "camp 1: United States, South Korea, Japan…"
    cache = None if args.no_layout_cache else args.layout_cache or args.output.with_suffix(".layout.json")
    path = write_html(G, args.output, layout_cache=cache, **options)
    if args.format == "table":
        print(path)
    else:
        record = {
            "page": str(path),
            "layout_cache": str(cache) if cache else None,
            "actors": G.number_of_nodes(),
            "relations": G.number_of_edges(),
            "bytes": path.stat().st_size,
        }
        emit(pd.DataFrame([record]), args.format)
    return 0


# -- the program --------------------------------------------------------------

#: Every sub-command, in the order ``--help`` lists them.
COMMANDS: list[Callable] = [
    add_validate,
    add_query,
    add_info,
    add_diff,
    add_add_actor,
    add_add_source,
    add_add_relation,
    add_end_relation,
    add_supersede,
    add_analyze,
    add_build,
]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="actorgraph",
        description="Map who does what to whom: validate, query, analyse and draw the actor graph in data/.",
    )
    sub = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(sub)
    return p


def report_problems(err: DataError) -> None:
    """One line per problem on stderr: ``FOLDER/FILE:LINE: column: message``."""
    for problem in err.problems:
        where = problem.file if err.folder is None else str(Path(err.folder) / problem.file)
        print(replace(problem, file=where), file=sys.stderr)
    n = len(err.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=sys.stderr)


def _discard_stdout() -> None:
    """Point stdout at the null device, so nothing fails when Python flushes it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:
        report_problems(err)
        return 1
    except ActorGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (head, less) went away; that is not an error.
        _discard_stdout()
        return 0
    except OSError as err:
        # A file the library reads or writes outside its own checks (permissions, a full disk...).
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
