"""Map who does what to whom: actors, typed relations, evidence and time.

Load and validate ``data/`` into a networkx graph, query it, view it as of a
date, analyse it, and draw it as one offline HTML page::

    >>> import graph
    >>> G = graph.load_graph(graph.EXAMPLE_DATA)
    >>> graph.relations(G, "Pyongyang", latest=True).verb.tolist()
    ['sends troops to', 'condemns', 'has a defense pact with']
"""

from .analysis import (
    balance,
    brokers,
    camps,
    centrality,
    explain_paths,
    frustration,
    neighbours,
    predictions,
    signed_ties,
    triangles,
)
from .build import build_graph, load_graph, to_frames
from .dates import PartialDate, parse_date
from .diff import diff_dates, diff_versions
from .edit import add_actor, add_relation, add_source, end_relation, supersede
from .errors import (
    ActorGraphError,
    ActorNotFound,
    DataError,
    DateFormatError,
    EditError,
    EventDataError,
    Problem,
    RelationNotFound,
    VersionError,
    WriteError,
)
from .event_charts import pair_charts
from .eventdata import aggregate_events, event_candidates, events, write_events
from .export import write_export
from .importer import import_map
from .io import EXAMPLE_DATA, Dataset, load, validate
from .layout import compute_layout
from .newmap import new_map
from .query import between, paths, relations, resolve_actor, summary
from .render import render_html, show, write_html
from .temporal import as_known, as_of, as_recorded

__all__ = [
    "EXAMPLE_DATA",
    "ActorGraphError",
    "ActorNotFound",
    "DataError",
    "Dataset",
    "DateFormatError",
    "EditError",
    "EventDataError",
    "PartialDate",
    "Problem",
    "RelationNotFound",
    "VersionError",
    "WriteError",
    "add_actor",
    "add_relation",
    "add_source",
    "aggregate_events",
    "as_known",
    "as_of",
    "as_recorded",
    "balance",
    "between",
    "brokers",
    "build_graph",
    "camps",
    "centrality",
    "compute_layout",
    "diff_dates",
    "diff_versions",
    "end_relation",
    "event_candidates",
    "events",
    "explain_paths",
    "frustration",
    "import_map",
    "load",
    "load_graph",
    "neighbours",
    "new_map",
    "pair_charts",
    "parse_date",
    "paths",
    "predictions",
    "relations",
    "render_html",
    "resolve_actor",
    "show",
    "signed_ties",
    "summary",
    "supersede",
    "to_frames",
    "triangles",
    "validate",
    "write_events",
    "write_export",
    "write_html",
]
