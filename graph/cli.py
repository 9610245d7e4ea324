"""The ``actorgraph`` command line: a thin shell over the library.

Each sub-command is one ``add_<name>`` function that registers its parser and
sets ``run``; :data:`COMMANDS` lists them. Exit codes: 0 success, 1 invalid
data or a refused request (one clear message, never a traceback), 2 bad usage.

Text from the data is shown as is, except characters that could drive a
terminal (escape sequences, bidirectional overrides...), which every command
prints as ``\\uXXXX`` escapes; ``--format csv`` starts a cell that a
spreadsheet would run as a formula with ``'`` (docs/data-model.md, *Output*).
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

from ._renderers import RENDERERS, WEBGL_ACTORS, WEBGL_RELATIONS
from ._text import escape, is_formula
from .build import load_graph
from .dates import parse_date
from .errors import ActorGraphError, DataError, DateFormatError
from .io import DEFAULT_DATA, load

__all__ = ["COMMANDS", "main", "run"]

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
    parser.add_argument(
        "--known", metavar="DATE", help="what was public on DATE: rows whose earliest cited source was out by then; combines with --as-of"
    )


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
    return load_graph(args.data)


def _cell(value) -> str:
    if isinstance(value, list | tuple | set):
        return "|".join(map(str, value))
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_cell(value) -> str:
    """A cell for ``--format csv``: a leading ``'`` keeps a spreadsheet from running ``=HYPERLINK(...)``."""
    text = _cell(value)
    return "'" + text if is_formula(text) else text


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
    from .edit import DEFAULT_WAIT

    p = add_command(sub, name, help, description + " Nothing is written unless the whole dataset stays valid.", run)
    p.add_argument(
        "--wait",
        type=_seconds,
        default=DEFAULT_WAIT,
        metavar="SECONDS",
        help=f"how long to wait for another edit of the folder to finish (default: {DEFAULT_WAIT:g})",
    )
    return p


def _seconds(text: str) -> float:
    """An argparse type: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1e6:
        msg = f"{text!r} is not a number of seconds (0 or more)"
        raise argparse.ArgumentTypeError(msg)
    return value


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
        add_actor(
            args.data, args.actor_id, name=args.name, kind=args.kind, aliases=args.aliases, description=args.description, wait=args.wait
        ),
        args.format,
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
    return _report_edit(add_source(args.data, args.source_id, **fields, wait=args.wait), args.format)


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
    edit = add_relation(args.data, args.source, args.target, args.type, **{k: getattr(args, k) for k in fields}, wait=args.wait)
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

    edit = end_relation(
        args.data, args.relation_id, date=args.date, evidence=args.evidence, citation=args.citation, recorded=args.recorded, wait=args.wait
    )
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
    return _report_edit(
        supersede(args.data, args.relation_id, recorded=args.recorded, new_id=args.new_id, wait=args.wait, **changes), args.format
    )


# -- analyze ------------------------------------------------------------------

#: Columns the terminal shows for each section of the analysis; csv and json carry all.
ANALYZE_COLUMNS = {
    "camps vs communities": ["name", "camp", "community"],
    "frustrated ties": ["name_a", "name_b", "sign", "weight", "camp_a", "camp_b", "why"],
    "brokers": ["name", "camp", "friendly_camps", "bridge_ties", "cross_betweenness"],
    "centrality": ["name", "allies", "adversaries", "out_pos", "out_neg", "in_pos", "in_neg", "betweenness", "betweenness_all", "pagerank"],
    "predictions": ["kind", "name_a", "name_b", "expected", "score", "triangles", "reason"],
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
    p.add_argument(
        "--blocs",
        choices=("fold", "keep", "drop"),
        default="fold",
        help="a bloc's acts: fold them into its members (default), keep them on the bloc, or drop them; never counted twice",
    )
    p.add_argument(
        "--method",
        choices=("auto", "exact", "local"),
        default="auto",
        help="the best split: enumeration or binary programming with a proven bound (auto, exact), or local search only (local)",
    )
    p.add_argument("--time-limit", type=float, default=60.0, metavar="S", help="seconds the solver may take per component (default: 60)")


def run_analyze(args: argparse.Namespace) -> int:
    from .analysis import report

    # Without --as-of the analysis looks at today (graph.analysis).
    G = time_view(load_graph_from(args), args)
    options = {"blocs": args.blocs, "method": args.method, "time_limit": args.time_limit}
    sections = report(G, weak=args.weak, include_potential=not args.no_potential, top=args.top, **options)
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
    p.add_argument(
        "--events",
        type=Path,
        metavar="DIR",
        help="an aggregate of event data (actorgraph events --out DIR): panels show each pair's monthly events",
    )
    p.add_argument(
        "--renderer",
        choices=RENDERERS,
        default="auto",
        help=f"draw with vis-network or WebGL (sigma.js); auto (default): WebGL from {WEBGL_ACTORS:,} actors or {WEBGL_RELATIONS:,} relations",
    )


def run_build(args: argparse.Namespace) -> int:
    from .render import write_html
    from .write import check_output

    G = load_graph_from(args)
    options: dict = {
        "title": args.title,
        "as_of": args.as_of,
        "renderer": args.renderer,
    }  # None: the map's own title, else one made from the data
    if args.events is not None:
        from .eventdata import events

        options["events"] = events(args.events)  # EventDataError: a message, nothing written
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
    # Never into the data folder, never over a file this tool did not write, never through a link.
    check_output(args.output, data=args.data)
    if cache is not None:
        check_output(cache, data=args.data, markers=None)
    new_cache = cache is not None and not cache.exists()
    try:
        path = write_html(G, args.output, layout_cache=cache, **options)
    except BaseException:
        if new_cache:
            cache.unlink(missing_ok=True)  # a failed build leaves nothing behind
        raise
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


# -- new maps, descriptor, export and import (issue 13) ----------------------------


def add_init(sub) -> None:
    p = sub.add_parser(
        "init",
        help="start a new map in a new folder",
        description="Create DIR (new or empty) with the vocabularies (relation types and families, statuses, kinds of actor), "
        "empty actors, relations and sources files with their headers, a datapackage.json and a README. Nothing is overwritten.",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the new map's folder")
    p.add_argument("--title", help="the map's title (datapackage.json; the page shows it)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    from .newmap import new_map

    folder = new_map(args.folder, title=args.title)
    if args.format == "table":
        print(f"{folder}: new map; next: actorgraph add-actor ID --name NAME --kind state --data {folder}")
    else:
        emit(pd.DataFrame([{"folder": str(folder), "title": args.title}]), args.format)
    return 0


def add_descriptor(sub) -> None:
    p = add_command(
        sub,
        "descriptor",
        "write the data folder's datapackage.json",
        "Write DIR/datapackage.json, the Frictionless descriptor of the data folder, from the package's schema.json, "
        "keeping the map's title (or setting it with --title). Run it after upgrading actorgraph.",
        run_descriptor,
        formats=False,
    )
    p.add_argument("--title", help="the map's title")


def run_descriptor(args: argparse.Namespace) -> int:
    from .descriptor import write_descriptor

    print(write_descriptor(args.data, title=args.title))
    return 0


def add_export(sub) -> None:
    from .export import FORMATS as EXPORTS

    p = add_command(
        sub,
        "export",
        "write the map for Gephi, yEd, Cytoscape, Kumu, D3 or a spreadsheet",
        "Write the actors and the relations in effect at some time (or on --as-of DATE) as GEXF 1.3 with time intervals "
        "(Gephi), GraphML (yEd, igraph), Cytoscape.js JSON, node-link JSON (D3), a Kumu blueprint, or a pair of CSV files "
        "(FILE-nodes.csv and FILE-edges.csv). Prints the files written.",
        run_export,
        formats=False,
    )
    p.add_argument("--to", required=True, choices=list(EXPORTS), help="the format")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to write (default: build/actorgraph.<suffix>)")
    p.add_argument("--as-of", metavar="DATE", help="only the relations in effect on DATE (2024, 2024-06 or 2024-06-19)")


def run_export(args: argparse.Namespace) -> int:
    from .export import FORMATS as EXPORTS
    from .export import write_export
    from .temporal import as_of

    G = load_graph_from(args)
    if args.as_of:
        G = as_of(G, args.as_of)
    output = args.output or Path("build") / f"actorgraph{EXPORTS[args.to]}"
    for path in write_export(G, args.to, output, data=args.data):
        print(path)
    return 0


def add_import(sub) -> None:
    p = sub.add_parser(
        "import",
        help="make a new map from a nodes and edges CSV pair (Kumu, Gephi)",
        description="Make the new map DIR from NODES and EDGES (CSV, e.g. a Kumu or Gephi spreadsheet export, or actorgraph "
        "export --to csv). Columns are found by name (Id, Label, Type, From, To, Source, Target... any case); --map names the "
        "others. Kinds, types and statuses may be given by id or label. Every value that does not fit is reported with its "
        "file, line and column; nothing is written unless the whole map is valid.",
    )
    p.add_argument("nodes", type=Path, metavar="NODES", help="the nodes (elements) CSV file")
    p.add_argument("edges", type=Path, metavar="EDGES", help="the edges (connections) CSV file")
    p.add_argument("folder", type=Path, metavar="DIR", help="the new map's folder (must not exist, or be empty)")
    p.add_argument("--title", help="the map's title")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN", help="read FIELD (kind, type, status...) from COLUMN")
    p.add_argument(
        "--default", action="append", default=[], metavar="FIELD=VALUE", help="FIELD's value where its column is missing or empty"
    )
    p.add_argument("--sources", type=Path, metavar="FILE", help="a sources.csv (our columns) with the documents the edges cite")
    p.set_defaults(run=run_import, usage=p.error)


def run_import(args: argparse.Namespace) -> int:
    from .importer import import_map

    pairs = {}
    for option, values in (("--map", args.map), ("--default", args.default)):
        pairs[option] = {}
        for text in values:
            key, sep, value = text.partition("=")
            if not sep or not key:
                args.usage(f"{option} {text!r}: write FIELD=VALUE")
            pairs[option][key.strip()] = value
    result = import_map(
        args.nodes, args.edges, args.folder, title=args.title, mapping=pairs["--map"], defaults=pairs["--default"], sources=args.sources
    )
    print(f"{result.folder}: imported {result.actors} actors and {result.relations} relations")
    for name, unused in result.unused.items():
        if unused:
            print(f"  columns of {name} not imported: {', '.join(unused)}")
    return 0


# -- ingest and accept ------------------------------------------------------------------


def add_ingest(sub) -> None:
    p = add_command(
        sub,
        "ingest",
        "propose relations found in a news article",
        "Read an article (text or HTML; - for standard input) and propose candidate relations, each with its sentence, "
        "character offsets, score and reason. Nothing is written to the data: --out writes a review file for `accept`.",
        run_ingest,
    )
    p.add_argument("article", metavar="ARTICLE", help="a text or HTML file, or - for standard input")
    p.add_argument("--date", help="the article's date (2024, 2024-10 or 2024-10-31): the start of what it reports")
    p.add_argument("--source-id", metavar="ID", help="id of the source row the candidates cite (default: from the file name)")
    p.add_argument("--title", help="title of the article, for its source row")
    p.add_argument("--publisher", help="publisher of the article, for its source row")
    p.add_argument("--url", help="address of the article, for its source row")
    p.add_argument("--keep-negated", action="store_true", help="keep negated candidates (flagged in reason) instead of dropping them")
    p.add_argument("--out", type=Path, metavar="FILE", help="write a review file (CSV with an accept column) for `actorgraph accept`")


def run_ingest(args: argparse.Namespace) -> int:
    from .ingest import extract, read_article, source_slug, write_review

    if args.date:
        parse_date(args.date)  # DateFormatError: a clear message
    text = read_article(args.article)
    source_id = args.source_id or source_slug(args.article, args.date)
    title = args.title or f"Article ingested from {'standard input' if args.article == '-' else Path(args.article).name}"
    candidates = extract(
        text, load(args.data), date=args.date, source_id=source_id, title=title, publisher=args.publisher, url=args.url,
        keep_negated=args.keep_negated,
    )  # fmt: skip
    if args.out:
        path = write_review(candidates, args.out, data=args.data)
        print(
            f"{path}: {len(candidates)} candidates; mark accept=yes, write the evidence in your own words, then run `actorgraph accept {path}`",
            file=sys.stderr,
        )
    emit(candidates, args.format, table_columns=["source", "target", "type", "status", "start", "score", "sentence"])
    return 0


def add_accept(sub) -> None:
    p = _edit_parser(
        sub,
        "accept",
        "append the accepted rows of a review file",
        "Append the rows of a review file (from `ingest --out`) marked accept=yes, with their evidence, creating the source "
        "and any new actor; rejected rows leave no trace. All or nothing.",
        run_accept,
    )
    p.add_argument("review", type=Path, metavar="FILE", help="the review file")
    _add_recorded_option(p)


def run_accept(args: argparse.Namespace) -> int:
    from .ingest import accept

    edits = accept(args.review, args.data, recorded=args.recorded)
    if not edits:
        print(f"{args.review}: no row is marked accepted; nothing was written")
        return 0
    if args.format != "table":
        emit(pd.DataFrame([{"file": str(e.file), **e.row} for e in edits]), args.format)
        return 0
    for e in edits:
        print(f"{e.file}: appended {e.id}")
    return 0


# -- events ---------------------------------------------------------------------

#: Columns the terminal shows of an event aggregate; csv and json carry all.
EVENT_COLUMNS = [
    "source",
    "target",
    "period",
    "root",
    "type",
    "events",
    "mentions",
    "goldstein_mean",
    "tone_mean",
    "first_date",
    "last_date",
]


def add_events(sub) -> None:
    from .eventdata import BACKENDS, PERIODS

    p = add_command(
        sub,
        "events",
        "aggregate GDELT, ICEWS or PLOVER event files per pair of actors and period",
        "Read event files (GDELT 2.0 exports, plain, .gz or .zip; ICEWS- or PLOVER-style CSV), keep the events between "
        "actors of actors.csv and aggregate them per pair, period and CAMEO root (or relation type): event count, "
        "mentions, sources, Goldstein sum and mean, mean tone, first and last date, example URLs. One Ibis expression, "
        "run by DuckDB (default) or Spark. The layout of --out is in docs/events.md.",
        run_events,
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="event files")
    p.add_argument("--columns", default="gdelt", metavar="MAP", help="column map: gdelt (default), icews, plover, or a JSON file")
    p.add_argument("--period", choices=list(PERIODS), default="month", help="time bucket (default: month)")
    p.add_argument("--by", choices=("root", "type"), default="root", help="CAMEO root code (default) or our relation types")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day kept (2024, 2024-06 or 2024-06-19)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day kept")
    p.add_argument("--actor", action="append", default=[], metavar="ACTOR", help="keep events of this actor (repeatable)")
    p.add_argument("--backend", choices=BACKENDS, default="duckdb", help="where the aggregation runs (default: duckdb)")
    p.add_argument("--out", type=Path, metavar="DIR", help="write events.parquet, events.csv and events.json in DIR")
    p.add_argument(
        "--candidates",
        type=positive_int,
        metavar="N",
        help="list instead the pair-periods with at least N events and no curated relation in effect (to review)",
    )


def run_events(args: argparse.Namespace) -> int:
    from .eventdata import PARQUET, aggregate_events, event_candidates, write_events
    from .write import check_output

    if args.out:
        check_output(args.out / PARQUET, data=args.data, markers=None)  # never into the data folder
    frame = aggregate_events(
        args.files,
        args.data,
        columns=args.columns,
        period=args.period,
        by=args.by,
        date_from=args.date_from,
        date_to=args.date_to,
        actors=args.actor,
        backend=args.backend,
    )
    if args.out:
        meta = {k: getattr(args, k) for k in ("period", "by", "date_from", "date_to", "backend")}
        paths = write_events(frame, args.out, column_map=str(args.columns), actors=args.actor, files=[str(f) for f in args.files], **meta)
        if args.format == "table" and not args.candidates:
            print("\n".join(map(str, paths)))
            return 0
    if args.candidates:
        frame = event_candidates(load_graph_from(args), frame, period=args.period, min_events=args.candidates)
    shown = frame.copy()
    for column in ("period", "first_date", "last_date"):
        if column in shown:
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    emit(shown, args.format, table_columns=[*EVENT_COLUMNS, "reason"] if args.candidates else EVENT_COLUMNS)
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
    add_init,
    add_descriptor,
    add_export,
    add_import,
    add_ingest,
    add_accept,
    add_events,
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


class _Escaping:
    """A text stream that escapes what could drive a terminal, and passes the rest on."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _discard_stdout() -> None:
    """Point stdout at the null device, so nothing fails when Python flushes it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Everything printed goes through :func:`graph._text.escape`, so a name
    holding terminal escapes shows as text.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaping(stdout), _Escaping(stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def run() -> None:
    """The program's entry point (``actorgraph``, ``python -m graph``): :func:`main`, then exit with its code.

    The process ends at once (``os._exit``) once its output is flushed, without
    Python's and the libraries' own teardown: everything the command writes is
    written, flushed and renamed into place before :func:`main` returns. Two
    costs of that teardown are avoided: freeing a graph of 100,000 relations
    object by object (0.6 s of a 2 s ``query``), and pyarrow's C++ teardown,
    which aborted a few commands in a hundred ("terminate called without an
    active exception", exit -6) when several ran side by side.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _check_arguments(argv: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    for i, arg in enumerate(argv, 1):
        if isinstance(arg, str) and any("\ud800" <= c <= "\udfff" for c in arg):
            msg = f"argument {i} ({escape(arg)}) is not valid UTF-8 text: retype it, or set a UTF-8 locale (LANG=C.UTF-8)"
            raise ActorGraphError(msg)


def _run(argv: list[str]) -> int:
    try:
        _check_arguments(argv)
    except ActorGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
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
