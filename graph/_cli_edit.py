"""The ``actorgraph`` commands that write a map: the edits, init, import and accept.

The edits (add-actor, add-source, add-relation, end-relation, supersede) and
accept append rows through :mod:`graph.edit`; init and import write a new map
folder. Each command is an ``add_<name>`` function that registers its parser
(listed in :data:`graph.cli.COMMANDS`) and the ``run_<name>`` function it runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ._cli_options import add_command, add_format_option
from ._cli_output import emit

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


# -- new maps: init and import (issue 13) ------------------------------------------


def add_init(sub) -> None:
    p = sub.add_parser(
        "init",
        help="start a new map in a new folder",
        description="Create DIR (new or empty) with the vocabularies (relation types and families, statuses, kinds of actor), "
        "empty actors, relations and sources files with their headers, a datapackage.json and a README. Nothing is overwritten.",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the new map's folder")
    p.add_argument("--title", help="the map's title (datapackage.json; the page shows it)")
    add_format_option(p)
    p.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    from .newmap import new_map

    folder = new_map(args.folder, title=args.title)
    if args.format == "table":
        print(f"{folder}: new map; next: actorgraph add-actor ID --name NAME --kind state --data {folder}")
    else:
        emit(pd.DataFrame([{"folder": str(folder), "title": args.title}]), args.format)
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


# -- accept: the reviewed rows of ingest ------------------------------------------------


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
    from .review import accept

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
