"""Questions about the graph, answered as pandas DataFrames.

Every function takes the graph first, accepts actors by id, name or alias
(any case), and never prints.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from .errors import ActorNotFound

__all__ = [
    "RELATION_COLUMNS",
    "between",
    "paths",
    "relations",
    "resolve_actor",
    "summary",
    "verb",
]

#: Columns of the relation tables that queries return, in order.
RELATION_COLUMNS = [
    "relation_id",
    "source",
    "source_name",
    "verb",
    "target",
    "target_name",
    "type",
    "status",
    "start",
    "end",
    "confidence",
    "weight",
    "sign",
    "magnitude",
    "directed",
    "evidence",
    "citation",
    "sources",
    "notes",
    "recorded",
    "supersedes",
    "superseded_by",
]


def _fold(name: str) -> str:
    """How names are compared: any case, any spacing, no dots, no leading "the".

    Examples
    --------
    >>> _fold("  The   Kremlin "), _fold("U.S."), _fold("Theresa")
    ('kremlin', 'us', 'theresa')
    """
    words = str(name).replace(".", "").casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Every id, name and alias, folded, to its actor id."""
    index: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        for name in _names_of(node, data):
            index.setdefault(_fold(name), node)
    return index


def _names_of(node: str, data: dict) -> list[str]:
    """The id, name and aliases an actor answers to."""
    return [n for n in [node, data.get("name"), *(data.get("aliases") or [])] if n]


def resolve_actor(G: nx.MultiDiGraph, name: str) -> str:
    """The id of the actor called ``name``: an id, name or alias, in any case.

    Raises
    ------
    ActorNotFound
        If nothing matches; the message suggests the closest names.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> resolve_actor(G, "pyongyang"), resolve_actor(G, "North  Korea"), resolve_actor(G, "prk")
    ('PRK', 'PRK', 'PRK')
    >>> resolve_actor(G, "the Kremlin"), resolve_actor(G, "kremlin"), resolve_actor(G, "U.S.")
    ('RUS', 'RUS', 'USA')
    >>> resolve_actor(G, "Rusia")
    Traceback (most recent call last):
    ...
    graph.errors.ActorNotFound: no actor is called "Rusia"; did you mean "Russia"?
    """
    key = _fold(name)
    # The first actor that bears the name, in the graph's order, as the index keeps it; found without folding
    # every name of a large map when it is near the front (a name nobody bears costs one more pass, to the error).
    for node, data in G.nodes(data=True):
        if any(_fold(n) == key for n in _names_of(node, data)):
            return node
    index = _names(G)
    # Names that begin with what was typed ("north"), then near misspellings ("Rusia").
    starts = [k for k in index if len(key) >= 3 and any(word.startswith(key) for word in [k, *k.split()])]
    close = starts + difflib.get_close_matches(key, list(index), n=5, cutoff=0.8)
    suggestions = list(dict.fromkeys(G.nodes[index[c]].get("name", index[c]) for c in close))[:3]
    hint = "; did you mean " + " or ".join(f'"{n}"' for n in suggestions) + "?" if suggestions else ""
    msg = f'no actor is called "{name}"{hint or "; `actorgraph info` lists the actors"}'
    raise ActorNotFound(msg)


def verb(G: nx.MultiDiGraph, relation_type: str) -> str:
    """What a relation of this type says, as in "A *verb* B"; the type itself if it is unknown.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> verb(G, "troop_deployment"), verb(G, "no_such_type")
    ('sends troops to', 'no_such_type')
    """
    return G.graph.get("relation_types", {}).get(relation_type, {}).get("verb", relation_type)


def _as_set(values: str | Iterable | None) -> set | None:
    if values is None:
        return None
    if isinstance(values, str | int):
        return {values}
    return set(values)


def _row(G: nx.MultiDiGraph, data: dict) -> dict:
    sources = G.graph.get("sources", {})
    row = {c: data.get(c) for c in RELATION_COLUMNS}
    row["source_name"] = G.nodes[data["source"]].get("name")
    row["target_name"] = G.nodes[data["target"]].get("name")
    row["verb"] = verb(G, data["type"])
    row["sources"] = [sources[s]["title"] if s in sources else s for s in data.get("citation") or []]
    return row


def relations(
    G: nx.MultiDiGraph,
    actor: str | None = None,
    *,
    other: str | None = None,
    direction: str = "both",
    types: str | Iterable[str] | None = None,
    statuses: str | Iterable[str] | None = None,
    signs: int | Iterable[int] | None = None,
    latest: bool = False,
) -> pd.DataFrame:
    """The relations of ``actor`` (or all), filtered; one row per relation.

    Parameters
    ----------
    G : MultiDiGraph
        From :func:`graph.build.load_graph`, or a view of it (``as_of``).
    actor : str, optional
        Id, name or alias. None: every relation.
    other : str, optional
        Only relations between ``actor`` and ``other``.
    direction : {"both", "out", "in"}
        ``"out"``: ``actor`` acts; ``"in"``: ``actor`` is acted upon.
        Symmetric relations count in both directions.
    types, statuses, signs : optional
        Keep only these relation types, statuses and signs (1, 0, -1).
    latest : bool
        Keep only the newest row of each history (rows no other row supersedes).

    Returns
    -------
    DataFrame
        Columns :data:`RELATION_COLUMNS`, sorted by start date then id.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> relations(G, "Pyongyang", direction="in", signs=-1)[["source_name", "verb", "target_name"]]
         source_name      verb  target_name
    0  United States  condemns  North Korea
    >>> relations(G, "DPRK", other="moscow", statuses="confirmed").relation_id.tolist()
    ['pact-2']
    >>> relations(G, "DPRK", other="moscow", latest=True).relation_id.tolist()
    ['troops-1', 'pact-2']
    """
    if direction not in ("both", "out", "in"):
        msg = f'direction must be "both", "out" or "in", not "{direction}"'
        raise ValueError(msg)
    a = resolve_actor(G, actor) if actor is not None else None
    b = resolve_actor(G, other) if other is not None else None
    types, statuses, signs = _as_set(types), _as_set(statuses), _as_set(signs)
    rows = []
    for u, v, data in _edges_of(G, a):
        if a is not None:
            symmetric = not data.get("directed", True)
            outgoing = u == a and (b is None or v == b)
            incoming = v == a and (b is None or u == b)
            if direction == "out" and not (outgoing or (symmetric and incoming)):
                continue
            if direction == "in" and not (incoming or (symmetric and outgoing)):
                continue
            if direction == "both" and not (outgoing or incoming):
                continue
        if latest and data.get("superseded_by"):
            continue
        if types is not None and data["type"] not in types:
            continue
        if statuses is not None and data["status"] not in statuses:
            continue
        if signs is not None and data.get("sign") not in signs:
            continue
        rows.append(_row(G, data))
    frame = pd.DataFrame(rows, columns=RELATION_COLUMNS)
    if frame.empty:
        return frame
    order = frame["start"].fillna("").map(lambda s: s or "0000")
    return frame.assign(_order=order).sort_values(["_order", "relation_id"]).drop(columns="_order").reset_index(drop=True)


def _edges_of(G: nx.MultiDiGraph, actor: str | None):
    """The edges ``(u, v, data)`` that touch ``actor`` (every edge if None), each once.

    Only the actor's own adjacency is read: at 100,000 relations, a scan of
    every edge was most of a query's time.
    """
    if actor is None:
        return G.edges(data=True)
    incoming = ((u, v, d) for u, v, d in G.in_edges(actor, data=True) if u != actor)  # a loop is already outgoing
    return itertools.chain(G.out_edges(actor, data=True), incoming)


def between(G: nx.MultiDiGraph, a: str, b: str, **filters) -> pd.DataFrame:
    """The relations between two actors, either way.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> between(load_graph(EXAMPLE_DATA), "north korea", "Russia").type.tolist()
    ['defense_pact', 'troop_deployment', 'defense_pact']
    """
    return relations(G, a, other=b, **filters)


def paths(G: nx.MultiDiGraph, a: str, b: str, *, cutoff: int = 3) -> pd.DataFrame:
    """Chains of actors linking ``a`` to ``b``, ignoring direction, shortest first.

    Parameters
    ----------
    cutoff : int
        The longest path, in steps.

    Returns
    -------
    DataFrame
        ``steps``, ``path`` (names joined by " — ") and ``actors`` (ids).

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> paths(load_graph(EXAMPLE_DATA), "Washington", "Kyiv").path.tolist()
    ['United States — North Korea — Russia — Ukraine']
    """
    s, t = resolve_actor(G, a), resolve_actor(G, b)
    U = nx.Graph(G.to_undirected(as_view=True))
    found = [] if s == t else list(nx.all_simple_paths(U, s, t, cutoff=cutoff))
    rows = [{"steps": len(p) - 1, "path": " — ".join(G.nodes[n].get("name", n) for n in p), "actors": p} for p in found]
    frame = pd.DataFrame(rows, columns=["steps", "path", "actors"])
    return frame.sort_values(["steps", "path"], ignore_index=True)


def summary(G: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    """Counts of relations by type, by status and by actor.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> summary(load_graph(EXAMPLE_DATA))["status"]
          status  relations
    0  confirmed          3
    1  potential          1
    2   reported          1
    """
    edges = pd.DataFrame([d for *_, d in G.edges(data=True)], columns=["type", "status", "source", "target"])
    by_type = edges.groupby("type").size().rename("relations").reset_index()
    labels = {t: d.get("label", t) for t, d in G.graph.get("relation_types", {}).items()}
    by_type.insert(1, "label", by_type["type"].map(labels))
    by_status = edges.groupby("status").size().rename("relations").reset_index()
    actors = pd.DataFrame(
        [
            {
                "actor_id": n,
                "name": d.get("name"),
                "kind": d.get("kind"),
                "out": G.out_degree(n),
                "in": G.in_degree(n),
                "relations": G.degree(n),
            }
            for n, d in G.nodes(data=True)
        ],
        columns=["actor_id", "name", "kind", "out", "in", "relations"],
    ).sort_values(["relations", "actor_id"], ascending=[False, True], ignore_index=True)
    return {"type": by_type, "status": by_status, "actor": actors}
