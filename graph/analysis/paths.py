"""Paths between two actors, each step a relation in words (``docs/analysis.md``, section 5)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import networkx as nx
import pandas as pd

from ..query import resolve_actor, verb
from ._common import AsOf, name
from .ties import relations, signed

__all__ = ["explain_paths"]


def _verb(G: nx.Graph, d: Mapping) -> str:
    said = verb(G, d["type"]) if d.get("type") in G.graph.get("relation_types", {}) else str(d.get("type", "is tied to")).replace("_", " ")
    status = d.get("status")
    return said if status in (None, "confirmed") else f"{said} ({status})"


def _step(G: nx.Graph, u, d: Mapping) -> str:
    """One step of a path in words, walked from ``u``: ``— verb →`` forwards, ``← verb —`` backwards."""
    forwards = not d.get("directed", False) or d.get("source", u) == u
    return f" — {_verb(G, d)} → " if forwards else f" ← {_verb(G, d)} — "


def explain_paths(
    G: nx.Graph,
    source: str,
    target: str,
    *,
    cutoff: int = 4,
    shortest: bool = False,
    as_of: AsOf = None,
    **rules,
) -> pd.DataFrame:
    """Paths between two actors, each step a relation in words.

    Steps follow the relations that count on the day (see
    :func:`~graph.analysis.signed_ties`; ``rules`` are its tie rules) in
    either direction. Each step shows the strongest relation between the
    two actors (largest |effective weight|, then relation id). A relation
    walked along its direction, or a symmetric one, reads ``A — verb → B``
    ("A verb B"); a directed relation walked against its direction reads
    ``A ← verb — B`` ("B verb A"). A status other than confirmed is given in
    brackets. Blocs are kept as written (``blocs="keep"`` unless ``rules``
    say otherwise), so that each step is a row of the data, not a bloc's act
    credited to a member.

    Parameters
    ----------
    source, target : str
        Actors by id, name or alias (any case).
    cutoff : int
        The longest path, in steps (ignored with ``shortest``).
    shortest : bool
        Only the shortest paths.

    Returns
    -------
    DataFrame
        ``steps``, ``text``, ``sign`` (the product of the tie signs along
        the path: what balance theory expects between the two ends),
        ``actors`` (ids), ``relations`` (ids of the relation shown at each
        step); shortest first.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> explain_paths(G, "Washington", "Kyiv", as_of="2024-12-31").at[0, "text"]
    'United States — condemns → North Korea — has a defense pact with → Russia — is at war with → Ukraine'
    >>> explain_paths(G, "Kyiv", "US", as_of="2024-12-31").at[0, "text"]
    'Ukraine — is at war with → Russia — has a defense pact with → North Korea ← condemns — United States'
    """
    s = resolve_actor(G, source)
    t = resolve_actor(G, target)
    rules = {"blocs": "keep", **rules}
    best: dict[frozenset, tuple[dict, float]] = {}
    for u, v, d, w in relations(G, as_of=as_of, **rules):
        if u == v:
            continue
        d = {"source": u, "target": v, **d}
        key = frozenset((u, v))
        rank = (abs(w), str(d.get("relation_id")))
        if (
            key not in best
            or rank[0] > abs(best[key][1])
            or (rank[0] == abs(best[key][1]) and rank[1] < str(best[key][0].get("relation_id")))
        ):
            best[key] = (d, w)
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from(tuple(k) for k in best)
    S = signed(G, as_of, **rules)
    columns = ["steps", "text", "sign", "actors", "relations"]
    if s == t or not nx.has_path(U, s, t):
        return pd.DataFrame([], columns=columns)
    found = nx.all_shortest_paths(U, s, t) if shortest else nx.all_simple_paths(U, s, t, cutoff=cutoff)
    rows = []
    for path in found:
        text = name(G, path[0])
        rels, sign = [], 1
        for a, b in itertools.pairwise(path):
            d, _ = best[frozenset((a, b))]
            text += _step(G, a, d) + name(G, b)
            rels.append(d.get("relation_id"))
            sign *= S[a][b]["sign"] if S.has_edge(a, b) else 0
        rows.append({"steps": len(path) - 1, "text": text, "sign": sign, "actors": list(path), "relations": rels})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["steps", "text"], ignore_index=True)
