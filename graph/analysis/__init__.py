"""Signed-network analysis: ties, structural balance, camps, brokers, explained paths, predictions.

The actor graph is a ``MultiDiGraph`` of typed relations. Balance theory
speaks of one friendly or hostile *tie* per pair of actors, so the analysis
starts by collapsing the relations that count on a day into signed ties
(:mod:`.ties`: :func:`signed_ties`, :func:`signed_graph`); every other
function accepts either the actor graph (and collapses it by the same rules)
or such a signed ``nx.Graph`` (edges with ``sign`` and ``weight``), for
instance one made by hand with :func:`from_signs`. The best split into camps
comes from :mod:`.solver`; :mod:`.balance`, :mod:`.centrality`,
:mod:`.paths` and :mod:`.predictions` answer the questions, and
:mod:`.report` asks them all at once. The rules are written out in
``docs/analysis.md``. Every result is a pandas DataFrame.
"""

from ._common import AsOf
from .balance import balance, camp_labels, camps, frustrated_ties, frustration, triangles
from .centrality import BETWEENNESS_EXACT_LIMIT, brokers, centrality
from .paths import explain_paths
from .predictions import predictions
from .report import report
from .solver import ENUMERATION_LIMIT, EXACT_LIMIT_WEAK, METHODS
from .ties import BLOC_MODES, from_signs, members_on, neighbours, signed_graph, signed_ties

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BLOC_MODES",
    "ENUMERATION_LIMIT",
    "EXACT_LIMIT_WEAK",
    "METHODS",
    "AsOf",
    "balance",
    "brokers",
    "camp_labels",
    "camps",
    "centrality",
    "explain_paths",
    "from_signs",
    "frustrated_ties",
    "frustration",
    "members_on",
    "neighbours",
    "predictions",
    "report",
    "signed_graph",
    "signed_ties",
    "triangles",
]
