"""Map who does what to whom: actors, typed relations, evidence and time.

Load and validate ``data/`` into a networkx graph, query it, view it as of a
date, analyse it, and draw it as one offline HTML page::

    >>> import graph
    >>> G = graph.load_graph(graph.EXAMPLE_DATA)
    >>> graph.relations(G, "Pyongyang", latest=True).verb.tolist()
    ['sends troops to', 'condemns', 'has a defense pact with']
"""

from .build import build_graph, load_graph, to_frames
from .dates import PartialDate, parse_date
from .errors import (
    ActorGraphError,
    ActorNotFound,
    DataError,
    DateFormatError,
    EditError,
    Problem,
    RelationNotFound,
    VersionError,
)
from .io import EXAMPLE_DATA, Dataset, load, validate
from .query import between, neighbours, paths, relations, resolve_actor, summary
from .temporal import as_known, as_of

__all__ = [
    "EXAMPLE_DATA",
    "ActorGraphError",
    "ActorNotFound",
    "DataError",
    "Dataset",
    "DateFormatError",
    "EditError",
    "PartialDate",
    "Problem",
    "RelationNotFound",
    "VersionError",
    "as_known",
    "as_of",
    "between",
    "build_graph",
    "load",
    "load_graph",
    "neighbours",
    "parse_date",
    "paths",
    "relations",
    "resolve_actor",
    "summary",
    "to_frames",
    "validate",
]
