"""The ``actorgraph`` commands that read the data and change nothing: validate, query, info, diff, analyze.

Each command is an ``add_<name>`` function that registers its parser (listed in
:data:`graph.cli.COMMANDS`) and the ``run_<name>`` function it runs.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from ._cli_options import add_command, add_time_options, load_graph_from, positive_int, time_view
from ._cli_output import cell, discard_stdout, emit, emit_sections
from .dates import parse_date
from .errors import ActorGraphError, DataError, DateFormatError
from .io import load

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
                discard_stdout()  # the reader left; the data is still invalid: exit 1
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

#: Columns a relation table shows in the terminal; csv and json carry all.
TABLE_COLUMNS = ["relation_id", "source_name", "verb", "target_name", "status", "start", "end", "confidence"]


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
            "summary": pd.DataFrame({"measure": summary.index, "value": summary.map(cell).to_numpy()}),
            **{name: frame[ANALYZE_COLUMNS.get(name, list(frame.columns))].round(3) for name, frame in list(sections.items())[1:]},
        }
    emit_sections(sections, args.format)
    return 0
