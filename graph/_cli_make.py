"""The ``actorgraph`` commands that make something of a map: build, descriptor, export, ingest, events.

They write files other than the map's rows (the page, exports, a descriptor, a
review file, event aggregates) or read other sources against it. Each command
is an ``add_<name>`` function that registers its parser (listed in
:data:`graph.cli.COMMANDS`) and the ``run_<name>`` function it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ._cli_options import add_command, load_graph_from, positive_int, probability
from ._cli_output import emit
from ._renderers import RENDERERS, WEBGL_ACTORS, WEBGL_RELATIONS
from .dates import parse_date
from .io import load

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


# -- descriptor and export ----------------------------------------------------------


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


# -- ingest (its review file goes to accept, graph._cli_edit) ---------------------------


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
    layer = p.add_mutually_exclusive_group()
    layer.add_argument(
        "--rules-only",
        dest="learned",
        action="store_false",
        help="propose only the rules' candidates, not also the pairs the learned layer finds likely (fewer found, more right: see docs/ingest.md)",
    )
    layer.add_argument(
        "--min-probability",
        type=probability,
        metavar="P",
        # (the default written out: importing graph._pairs for it would cost every command 30 ms; a test ties the two)
        help="propose the learned layer's pairs down to this probability (default: 0.30); lower finds more, a smaller share of them right",
    )
    p.add_argument("--learned", action="store_true", default=True, help=argparse.SUPPRESS)  # now the default; kept for old scripts
    p.add_argument("--out", type=Path, metavar="FILE", help="write a review file (CSV with an accept column) for `actorgraph accept`")


def run_ingest(args: argparse.Namespace) -> int:
    from .ingest import extract, read_article, source_slug
    from .review import write_review

    if args.date:
        parse_date(args.date)  # DateFormatError: a clear message
    text = read_article(args.article)
    source_id = args.source_id or source_slug(args.article, args.date)
    title = args.title or f"Article ingested from {'standard input' if args.article == '-' else Path(args.article).name}"
    candidates = extract(
        text, load(args.data), date=args.date, source_id=source_id, title=title, publisher=args.publisher, url=args.url,
        keep_negated=args.keep_negated, learned=args.learned, min_probability=args.min_probability,
    )  # fmt: skip
    if args.out:
        path = write_review(candidates, args.out, data=args.data)
        print(
            f"{path}: {len(candidates)} candidates; mark accept=yes, write the evidence in your own words, then run `actorgraph accept {path}`",
            file=sys.stderr,
        )
    emit(candidates, args.format, table_columns=["source", "target", "type", "status", "start", "score", "sentence"])
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
