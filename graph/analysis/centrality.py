"""Centrality and brokers (``docs/analysis.md``, section 4).

Betweenness is one Brandes pass (networkx); beyond :data:`BETWEENNESS_EXACT_LIMIT`
actors it is estimated from that many sampled sources, and the output says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from ._common import EPS, AsOf, is_actor_graph, name
from .balance import signed_and_split, split_options
from .solver import Split
from .ties import friendly, relations, signed

__all__ = ["BETWEENNESS_EXACT_LIMIT", "brokers", "centrality"]

#: Up to this many actors (or sources), betweenness is exact; beyond, estimated from this many sampled sources.
BETWEENNESS_EXACT_LIMIT = 300

CENTRALITY_COLUMNS = [
    "actor_id",
    "name",
    "out_pos",
    "out_neg",
    "in_pos",
    "in_neg",
    "allies",
    "adversaries",
    "betweenness",
    "betweenness_all",
    "pagerank",
]
BROKER_COLUMNS = ["actor_id", "name", "camp", "friendly_camps", "bridge_ties", "cross_betweenness"]


def _sample(n: int) -> int | None:
    return None if n <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_EXACT_LIMIT


def betweenness_note(n: int, seed: int = 0) -> str:
    """How betweenness was computed for ``n`` actors, for the report.

    Examples
    --------
    >>> betweenness_note(12), betweenness_note(1000)
    ('exact (every source)', 'estimated from 300 of 1000 sampled sources (seed 0)')
    """
    k = _sample(n)
    return "exact (every source)" if k is None else f"estimated from {k} of {n} sampled sources (seed {seed})"


def centrality(G: nx.Graph, *, as_of: AsOf = None, seed: int = 0, **rules) -> pd.DataFrame:
    """Degree by sign and direction, betweenness and PageRank of every actor.

    - ``out_pos``, ``out_neg``, ``in_pos``, ``in_neg``: relations that count
      (see :func:`~graph.analysis.signed_ties`) that the actor makes (out) or
      receives (in), by sign; a symmetric relation counts both ways. (On a
      signed ``nx.Graph`` each tie is one symmetric relation.)
    - ``allies``, ``adversaries``: its positive and negative ties.
    - ``betweenness``: normalised betweenness on the friendly ties (the
      channels of cooperation); ``betweenness_all`` on every tie, friendly
      or hostile. Both unweighted; estimated from
      :data:`BETWEENNESS_EXACT_LIMIT` sampled sources beyond that many actors.
    - ``pagerank``: PageRank on the directed positive view (a relation
      points from the actor who gives to the one who receives; symmetric
      ones both ways), weighted by the relation's effective weight.

    Returns
    -------
    DataFrame
        Sorted by PageRank, highest first.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 1), ("B", "C", 1), ("C", "D", -1)])
    >>> c = centrality(S).set_index("actor_id")
    >>> int(c.at["B", "allies"]), int(c.at["C", "adversaries"]), round(float(c.at["B", "betweenness"]), 3)
    (2, 1, 0.333)
    """
    rules, _ = split_options(rules)
    return _centrality(G, signed(G, as_of, **rules), as_of=as_of, seed=seed, **rules)


def _centrality(G: nx.Graph, S: nx.Graph, *, as_of: AsOf = None, seed: int = 0, **rules) -> pd.DataFrame:
    counts = {n: {"out_pos": 0, "out_neg": 0, "in_pos": 0, "in_neg": 0} for n in G.nodes}
    pos_view = nx.DiGraph()
    pos_view.add_nodes_from(G.nodes)
    for u, v, d, w in relations(G, as_of=as_of, **(rules if is_actor_graph(G) else {})):
        if u == v:
            continue
        suffix = "pos" if w > 0 else "neg"
        pairs = [(u, v)] if d.get("directed", True) else [(u, v), (v, u)]
        for a, b in pairs:
            counts[a][f"out_{suffix}"] += 1
            counts[b][f"in_{suffix}"] += 1
            if w > 0:
                prev = pos_view.get_edge_data(a, b, {}).get("weight", 0.0)
                pos_view.add_edge(a, b, weight=prev + w)
    n = S.number_of_nodes()
    between_pos = nx.betweenness_centrality(friendly(S), k=_sample(n), seed=seed)
    between_all = nx.betweenness_centrality(S, k=_sample(n), weight=None, seed=seed)
    pagerank = _pagerank(pos_view)
    rows = []
    for node in G.nodes:
        signs = [S[node][m]["sign"] for m in S[node]] if node in S else []
        rows.append(
            {
                "actor_id": node,
                "name": name(G, node),
                **counts[node],
                "allies": sum(s > 0 for s in signs),
                "adversaries": sum(s < 0 for s in signs),
                "betweenness": between_pos.get(node, 0.0),
                "betweenness_all": between_all.get(node, 0.0),
                "pagerank": pagerank[node],
            }
        )
    frame = pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)
    frame.attrs["betweenness"] = betweenness_note(n, seed)
    return frame.sort_values(["pagerank", "actor_id"], ascending=[False, True], ignore_index=True)


def _pagerank(D: nx.DiGraph) -> dict:
    """PageRank of the positive view; weights rescaled to at most 1, so tiny ones neither vanish nor stall it."""
    if not D.number_of_edges():
        return {n: 1 / max(1, len(D)) for n in D.nodes}
    top = max(w for *_, w in D.edges(data="weight"))
    scaled = nx.DiGraph()
    scaled.add_nodes_from(D.nodes)
    scaled.add_weighted_edges_from((u, v, w / top) for u, v, w in D.edges(data="weight") if w / top > EPS)
    return nx.pagerank(scaled, weight="weight", max_iter=1000)


def brokers(
    G: nx.Graph, *, camps: Mapping[Hashable, int | None] | None = None, as_of: AsOf = None, seed: int = 0, **options
) -> pd.DataFrame:
    """The actors that bridge the camps through friendly ties.

    An actor is a broker when it has friendly ties into a camp other than
    its own (``bridge_ties``), or, without a camp, into two camps. Brokers
    are ranked by ``cross_betweenness``: over every pair of actors in
    different camps joined by friendly paths, the share of their shortest
    friendly paths that pass through the actor, summed (one Brandes pass,
    ``networkx.betweenness_centrality_subset``; beyond
    :data:`BETWEENNESS_EXACT_LIMIT` sources, estimated from a seeded sample
    of them).

    Parameters
    ----------
    camps : mapping, optional
        Actor → camp; by default the camps of :func:`~graph.analysis.camps`.

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``camp``, ``friendly_camps`` (the camps it
        has friendly ties into), ``bridge_ties``, ``cross_betweenness``;
        brokers only, the strongest first.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1),
    ...                 ("X", "B", 1), ("X", "D", 1)])
    >>> brokers(S, camps={"A": 1, "B": 1, "C": 2, "D": 2, "X": 1})[["actor_id", "friendly_camps", "bridge_ties", "cross_betweenness"]]
      actor_id friendly_camps  bridge_ties  cross_betweenness
    0        X         [1, 2]            1                4.0
    1        D         [1, 2]            1                3.0
    """
    if camps is None:
        S, split = signed_and_split(G, as_of, {"seed": seed, **options})
    else:
        rules, _ = split_options(options)
        S = signed(G, as_of, **rules)
        split = Split({n: camps.get(n) for n in S.nodes}, 0.0, None, "given")
    return _brokers(S, split, seed=seed)


def _brokers(S: nx.Graph, split: Split, *, seed: int = 0) -> pd.DataFrame:
    labels = split.labels
    P = friendly(S)
    by_camp: dict[int, list] = {}
    for n in sorted(S.nodes, key=str):
        if labels[n] is not None:
            by_camp.setdefault(labels[n], []).append(n)
    order = sorted(by_camp)
    sources_total = sum(len(by_camp[c]) for c in order[:-1])
    k = _sample(sources_total)
    rng = np.random.default_rng(seed)
    cross = dict.fromkeys(S.nodes, 0.0)
    for i, c in enumerate(order[:-1]):
        sources = by_camp[c]
        if k is not None:
            take = max(1, round(k * len(sources) / sources_total))
            sources = list(rng.choice(np.array(sources, dtype=object), size=min(take, len(sources)), replace=False))
        targets = [n for later in order[i + 1 :] for n in by_camp[later]]
        scale = len(by_camp[c]) / len(sources)
        # networkx halves unnormalised betweenness on undirected graphs; each cross pair is counted once here.
        for n, b in nx.betweenness_centrality_subset(P, sources, targets, normalized=False).items():
            cross[n] += 2 * b * scale
    rows = []
    for n in S.nodes:
        friendly_camps = sorted({labels[m] for m in P[n] if labels[m] is not None})
        bridge = sum(1 for m in P[n] if labels[m] is not None and labels[m] != labels[n])
        if bridge or len(friendly_camps) > 1:
            rows.append(
                {
                    "actor_id": n,
                    "name": name(S, n),
                    "camp": labels[n],
                    "friendly_camps": friendly_camps,
                    "bridge_ties": bridge,
                    "cross_betweenness": round(cross[n], 9),
                }
            )
    frame = pd.DataFrame(rows, columns=BROKER_COLUMNS)
    frame.attrs["betweenness"] = betweenness_note(sources_total, seed)
    return frame.sort_values(["cross_betweenness", "bridge_ties", "actor_id"], ascending=[False, False, True], ignore_index=True)
