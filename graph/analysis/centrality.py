"""Centrality and brokers (``docs/analysis.md``, section 4).

Betweenness is one Brandes pass (networkx); beyond :data:`BETWEENNESS_EXACT_LIMIT`
actors it is estimated from that many sampled sources, and the output says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

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


def _sources(nodes: list, seed: int) -> list[int]:
    n = len(nodes)
    k = _sample(n)
    return list(range(n)) if k is None else sorted(np.random.default_rng(seed).choice(n, k, replace=False).tolist())


def _brandes(A: sp.csr_matrix, sources: list[int], camps: np.ndarray | None = None, chunk: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """Brandes' betweenness for many sources at once, level by level with sparse products.

    ``A`` is the 0/1 adjacency of an undirected graph. For a block of sources,
    a breadth-first search counts shortest paths (sigma) level by level
    (``A @ frontier``); dependencies are then accumulated from the deepest
    level up: delta_v = Σ_{w one level below v} sigma_v / sigma_w × (1 + delta_w).
    With ``camps`` (camp per node, −1 for none), a second accumulation counts
    only targets in a camp other than the source's.

    Returns the summed dependencies over ordered (source, target) pairs:
    every target, and cross-camp targets.
    """
    n = A.shape[0]
    total = np.zeros(n)
    cross = np.zeros(n)
    for start in range(0, len(sources), chunk):
        src = np.asarray(sources[start : start + chunk])
        k = len(src)
        cols = np.arange(k)
        dist = np.full((n, k), -1, dtype=np.int64)
        sigma = np.zeros((n, k))
        dist[src, cols] = 0
        sigma[src, cols] = 1.0
        frontier = sigma.copy()
        depth = 0
        while True:
            reached = A @ frontier
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma[new] = reached[new]
            frontier = np.where(new, sigma, 0.0)
        safe = np.where(sigma > 0, sigma, 1.0)
        delta = np.zeros((n, k))
        if camps is not None:
            own = camps[src][None, :]
            other = ((camps[:, None] >= 0) & (own >= 0) & (camps[:, None] != own)).astype(float)
            delta_cross = np.zeros((n, k))
        for level in range(depth, 0, -1):
            at, above = dist == level, dist == level - 1
            delta += np.where(above, sigma * (A @ np.where(at, (1.0 + delta) / safe, 0.0)), 0.0)
            if camps is not None:
                delta_cross += np.where(above, sigma * (A @ np.where(at, (other + delta_cross) / safe, 0.0)), 0.0)
        reached = dist > 0
        total += np.where(reached, delta, 0.0).sum(axis=1)
        if camps is not None:
            cross += np.where(reached, delta_cross, 0.0).sum(axis=1)
    return total, cross


def _adjacency(G: nx.Graph, nodes: list) -> sp.csr_matrix:
    index = {v: i for i, v in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    data = np.ones(2 * len(pairs))
    return sp.csr_matrix((data, (np.r_[pairs[:, 0], pairs[:, 1]], np.r_[pairs[:, 1], pairs[:, 0]])), shape=(len(nodes), len(nodes)))


def betweenness(S: nx.Graph, labels: Mapping, *, seed: int = 0) -> tuple[dict, dict, dict, str]:
    """One Brandes pass per graph: betweenness on friendly ties (and its cross-camp part), and on every tie.

    Sources are every actor, or :data:`BETWEENNESS_EXACT_LIMIT` of them
    sampled with ``seed`` beyond that many (the estimate is scaled up by
    n / k, as networkx does).

    Returns
    -------
    friendly : dict
        Normalised as networkx's ``betweenness_centrality`` on the friendly ties.
    cross : dict
        Over unordered pairs of actors in different camps: the share of their
        shortest friendly paths through the actor, summed (brokers).
    every : dict
        Normalised betweenness on every tie, friendly or hostile.
    note : str
        How it was computed (exact, or sampled).

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 1), ("B", "C", 1), ("C", "D", -1)])
    >>> friendly, cross, every, note = betweenness(S, {"A": 1, "B": 1, "C": 2, "D": 2})
    >>> round(friendly["B"], 3), cross["B"], round(every["C"], 3), note
    (0.333, 1.0, 0.667, 'exact (every source)')
    """
    nodes = sorted(S.nodes, key=str)
    n = len(nodes)
    if n < 3:
        zero = dict.fromkeys(nodes, 0.0)
        return zero, dict(zero), dict(zero), betweenness_note(n, seed)
    sources = _sources(nodes, seed)
    camp_ids = {c: i for i, c in enumerate(sorted({c for c in labels.values() if c is not None}, key=str))}
    camps = np.array([camp_ids.get(labels.get(v), -1) if labels.get(v) is not None else -1 for v in nodes])
    pos, cross = _brandes(_adjacency(friendly(S), nodes), sources, camps)
    every, _ = _brandes(_adjacency(S, nodes), sources)
    scale = n / len(sources)
    norm = scale / ((n - 1) * (n - 2))
    # Ordered pairs: each unordered pair was counted from both ends.
    return (
        dict(zip(nodes, (pos * norm).tolist(), strict=True)),
        dict(zip(nodes, (cross * scale / 2).tolist(), strict=True)),
        dict(zip(nodes, (every * norm).tolist(), strict=True)),
        betweenness_note(n, seed),
    )


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


def _centrality(G: nx.Graph, S: nx.Graph, *, as_of: AsOf = None, seed: int = 0, between: tuple | None = None, **rules) -> pd.DataFrame:
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
    between_pos, _, between_all, note = between or betweenness(S, {}, seed=seed)
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
    frame.attrs["betweenness"] = note
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
    friendly paths that pass through the actor, summed (the Brandes pass of
    :func:`betweenness`, shared with :func:`centrality`'s ``betweenness``;
    beyond :data:`BETWEENNESS_EXACT_LIMIT` actors, estimated from a seeded
    sample of sources).

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


def _brokers(S: nx.Graph, split: Split, *, seed: int = 0, between: tuple | None = None) -> pd.DataFrame:
    labels = split.labels
    P = friendly(S)
    _, cross, _, note = between or betweenness(S, labels, seed=seed)
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
    frame.attrs["betweenness"] = note
    return frame.sort_values(["cross_betweenness", "bridge_ties", "actor_id"], ascending=[False, False, True], ignore_index=True)
