"""Helpers shared by the analysis modules: the day looked at, names, the kind of graph."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

import networkx as nx

from ..dates import PartialDate, parse_date

#: The one type of every ``as_of`` argument: a day, a partial date (its last day) or None.
AsOf = str | dt.date | PartialDate | None

#: Weights smaller than this count as zero (a status weight of 1e-320 is "nothing", not a number to divide by).
EPS = 1e-9


def is_actor_graph(G: nx.Graph) -> bool:
    """Whether ``G`` is the actor graph (a MultiDiGraph of relations), not a signed graph."""
    return G.is_multigraph() or G.is_directed()


def name(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("name") or node)


def is_view(G: nx.Graph) -> bool:
    return getattr(G, "_graph", None) is not None and bool(G.graph.get("as_of"))


def day_of(G: nx.Graph, as_of: AsOf) -> dt.date:
    """The day the analysis looks at: ``as_of``, the date of an ``as_of`` view, or today."""
    if as_of is not None:
        return parse_date(as_of)
    if G.graph.get("as_of"):
        return parse_date(G.graph["as_of"])
    return dt.date.today()


def role(G: nx.Graph, node: Hashable) -> str:
    """What an actor is in analysis, from its kind (``actor_kinds.csv``'s ``role``): party, bloc or arena."""
    kind = G.nodes[node].get("kind")
    return str(G.graph.get("actor_kinds", {}).get(kind, {}).get("role") or "party")


def overlaps(a: str | None, b: str | None) -> bool:
    """Whether two (partial) dates can name the same day; an empty date overlaps any.

    Examples
    --------
    >>> overlaps("2024-12", "2024-12-16"), overlaps("2024-11", "2024-12-16"), overlaps(None, "2024")
    (True, False, True)
    """
    if not a or not b:
        return True
    p, q = PartialDate.parse(a), PartialDate.parse(b)
    return p.first <= q.last and q.first <= p.last


def in_period(start: str | None, end: str | None, day: dt.date) -> bool:
    """Whether ``day`` falls between ``start`` (its first day) and ``end`` (its last day); empty = open."""
    if start and PartialDate.parse(start).first > day:
        return False
    return not (end and PartialDate.parse(end).last < day)
