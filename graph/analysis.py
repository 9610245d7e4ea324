"""Signed-network analysis: ties, structural balance, camps, brokers, explained paths.

The actor graph is a ``MultiDiGraph`` of typed relations. Balance theory
speaks of one friendly or hostile *tie* per pair of actors, so the analysis
starts by collapsing the relations in effect on a date into signed ties
(:func:`signed_ties`, :func:`signed_graph`); every other function accepts
either the actor graph (and collapses it with the default rules) or such a
signed ``nx.Graph`` (edges with ``sign`` and ``weight``), for instance one
made by hand with :func:`from_signs`. The rules are written out in
``docs/analysis.md``. Every result is a pandas DataFrame.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .dates import parse_date
from .temporal import in_effect

__all__ = [
    "EXACT_LIMIT_STRONG",
    "EXACT_LIMIT_WEAK",
    "balance",
    "brokers",
    "camp_labels",
    "camps",
    "centrality",
    "explain_paths",
    "from_signs",
    "frustrated_ties",
    "frustration",
    "predictions",
    "report",
    "signed_graph",
    "signed_ties",
    "triangles",
]

#: Largest connected component whose two-camp split is found exactly (2^(n-1) splits).
EXACT_LIMIT_STRONG = 20
#: Largest connected component whose k-camp split is found exactly (Bell(n) partitions; Bell(10) = 115,975).
EXACT_LIMIT_WEAK = 10

_EPS = 1e-9
_CHUNK = 1 << 15

TIE_COLUMNS = ["actor_a", "actor_b", "name_a", "name_b", "weight", "sign", "relations", "positive", "negative", "relation_ids", "types"]


# -- signed ties ----------------------------------------------------------------


def _is_actor_graph(G: nx.Graph) -> bool:
    return G.is_multigraph() or G.is_directed()


def _name(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("name") or node)


def _is_view(G: nx.Graph) -> bool:
    return getattr(G, "_graph", None) is not None and bool(G.graph.get("as_of"))


def _day(G: nx.Graph, as_of: str | dt.date | None) -> dt.date:
    """The day the analysis looks at: ``as_of``, the date of an ``as_of`` view, or today."""
    if as_of is not None:
        return parse_date(as_of)
    if _is_view(G):
        return parse_date(G.graph["as_of"])
    return dt.date.today()


def _status_weights(G: nx.Graph, status_weights: Mapping[str, float] | None, include_potential: bool) -> dict[str, float]:
    weights = {s: float(row.get("weight", 1.0)) for s, row in G.graph.get("statuses", {}).items()}
    weights.update(status_weights or {})
    if not include_potential:
        weights["potential"] = 0.0
    return weights


def _relations(
    G: nx.Graph,
    *,
    as_of: str | dt.date | None = None,
    status_weights: Mapping[str, float] | None = None,
    include_potential: bool = True,
    by_confidence: bool = False,
) -> list[tuple[Hashable, Hashable, dict, float]]:
    """``(source, target, data, effective weight)`` of each relation that counts.

    On a signed ``nx.Graph`` each edge is one symmetric relation of weight ``weight``.
    """
    if not _is_actor_graph(G):
        out = []
        for u, v, d in G.edges(data=True):
            w = d.get("weight", d.get("sign", 0))
            out.append(
                (u, v, {"directed": False, "type": d.get("type", "tie"), "relation_id": f"{u}-{v}", "sign": d.get("sign"), **d}, float(w))
            )
        return out
    day = _day(G, as_of)
    # A view from graph.temporal.as_of holds only the relations in effect on its day already.
    check_time = as_of is not None or not _is_view(G)
    weights = _status_weights(G, status_weights, include_potential)
    out = []
    for u, v, d in G.edges(data=True):
        if check_time and not in_effect(d, day):
            continue
        factor = weights.get(d.get("status"), 1.0)
        if factor <= 0:
            continue
        w = d.get("weight")
        if w is None:
            w = d.get("sign") or 0
        if by_confidence and d.get("confidence") is not None:
            factor *= d["confidence"]
        out.append((u, v, d, float(w) * factor))
    return out


def signed_ties(
    G: nx.Graph,
    *,
    as_of: str | dt.date | None = None,
    status_weights: Mapping[str, float] | None = None,
    include_potential: bool = True,
    by_confidence: bool = False,
) -> pd.DataFrame:
    """One signed, weighted tie per pair of actors, from the relations in effect.

    The rules (``docs/analysis.md``): a relation counts when it is in effect
    on the day (``as_of``; the date of an ``as_of`` view; else today) and its
    status weight is above 0. It contributes its ``weight`` (the signed
    −10..+10 intensity) times the weight of its status
    (``G.graph["statuses"][s]["weight"]``, overridden by ``status_weights``)
    and, with ``by_confidence``, times its confidence. Relations in either
    direction between two actors add up; the tie's sign is the sign of the sum.

    Parameters
    ----------
    G : MultiDiGraph or Graph
        The actor graph (or a view of it), or a signed ``nx.Graph``.
    as_of : str or date, optional
        The day; a partial date means the last day of its period.
    status_weights : mapping, optional
        Weight by status, e.g. ``{"reported": 1}``; 0 leaves a status out.
    include_potential : bool
        False leaves potential relations out (status weight 0).
    by_confidence : bool
        Also multiply each relation by its confidence.

    Returns
    -------
    DataFrame
        ``actor_a`` < ``actor_b``, their names, ``weight`` (the sum),
        ``sign`` (−1, 0, 1), ``relations`` (count), ``positive`` and
        ``negative`` (the sums of each sign), ``relation_ids``, ``types``.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> signed_ties(G, as_of="2024-12-31")[["name_a", "name_b", "weight", "sign", "relations"]]
            name_a         name_b  weight  sign  relations
    0  North Korea         Russia  14.225     1          2
    1  North Korea  United States  -2.000    -1          1
    2       Russia        Ukraine -10.000    -1          1
    >>> signed_ties(G, as_of="2024-12-31", status_weights={"reported": 0}).weight.tolist()
    [8.0, -2.0, -10.0]
    """
    rows: dict[tuple, dict] = {}
    for u, v, d, w in _relations(
        G, as_of=as_of, status_weights=status_weights, include_potential=include_potential, by_confidence=by_confidence
    ):
        a, b = sorted((u, v), key=str)
        if a == b:
            continue
        row = rows.setdefault((a, b), {"weight": 0.0, "relations": 0, "positive": 0.0, "negative": 0.0, "relation_ids": [], "types": []})
        row["weight"] += w
        row["relations"] += 1
        row["positive" if w > 0 else "negative"] += w
        row["relation_ids"].append(d.get("relation_id"))
        if d.get("type") not in row["types"]:
            row["types"].append(d.get("type"))
    records = []
    for (a, b), row in sorted(rows.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        weight = round(row["weight"], 9)
        sign = 0 if abs(weight) < _EPS else int(math.copysign(1, weight))
        row["relation_ids"] = sorted(row["relation_ids"], key=str)
        records.append({"actor_a": a, "actor_b": b, "name_a": _name(G, a), "name_b": _name(G, b), **row, "weight": weight, "sign": sign})
    return pd.DataFrame(records, columns=TIE_COLUMNS)


def signed_graph(G: nx.Graph, *, as_of: str | dt.date | None = None, **rules) -> nx.Graph:
    """The signed ties as an undirected ``nx.Graph``: every actor, one edge per non-zero tie.

    Nodes keep their ``name``; edges carry ``sign``, ``weight``, ``relations``
    and ``relation_ids``. ``as_of`` and ``rules`` (``status_weights``,
    ``include_potential``, ``by_confidence``) are those of :func:`signed_ties`.
    Ties whose relations cancel out (sign 0) are left out.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> S = signed_graph(load_graph(EXAMPLE_DATA), as_of="2024-12-31")
    >>> sorted((u, v, d["sign"]) for u, v, d in S.edges(data=True))
    [('PRK', 'RUS', 1), ('PRK', 'USA', -1), ('RUS', 'UKR', -1)]
    """
    S = nx.Graph(as_of=_day(G, as_of).isoformat() if _is_actor_graph(G) else G.graph.get("as_of"))
    S.add_nodes_from((n, {"name": _name(G, n)}) for n in G.nodes)
    ties = signed_ties(G, as_of=as_of, **rules)
    for row in ties.to_dict(orient="records"):
        if row["sign"]:
            S.add_edge(
                row["actor_a"],
                row["actor_b"],
                sign=row["sign"],
                weight=row["weight"],
                relations=row["relations"],
                relation_ids=row["relation_ids"],
            )
    return S


def from_signs(edges: Iterable[tuple], *, names: Mapping[Hashable, str] | None = None) -> nx.Graph:
    """A signed graph made by hand, from ``(a, b, weight)`` triples.

    The sign of each tie is the sign of its weight (so ``1`` and ``-1`` do).

    Examples
    --------
    >>> S = from_signs([("A", "B", 1), ("B", "C", -2.5)], names={"A": "Alpha"})
    >>> S.edges["B", "C"]
    {'weight': -2.5, 'sign': -1}
    >>> S.nodes["A"]["name"], S.nodes["B"]["name"]
    ('Alpha', 'B')
    """
    S = nx.Graph()
    for a, b, w in edges:
        w = float(w)
        S.add_edge(a, b, weight=w, sign=(w > 0) - (w < 0))
    for n in S.nodes:
        S.nodes[n]["name"] = (names or {}).get(n, str(n))
    return S


def _signed(G: nx.Graph, as_of=None, include_potential: bool = True) -> nx.Graph:
    """A signed graph: ``G`` collapsed by the default rules, or ``G`` itself."""
    if _is_actor_graph(G):
        return signed_graph(G, as_of=as_of, include_potential=include_potential)
    S = nx.Graph(G)
    for _, _, d in S.edges(data=True):
        if d.get("sign") is None:
            w = d.get("weight", 0)
            d["sign"] = (w > 0) - (w < 0)
        d.setdefault("weight", float(d["sign"]))
    S.remove_edges_from([(u, v) for u, v, s in S.edges(data="sign") if not s])
    return S


def _split(G: nx.Graph, as_of, include_potential: bool, **split_options) -> tuple[nx.Graph, _Split]:
    """The signed graph of ``G`` and its best split (see :func:`frustration`)."""
    S = _signed(G, as_of, include_potential)
    return S, _best_split(S, **split_options)


def _friendly(S: nx.Graph) -> nx.Graph:
    """Every actor of the signed graph ``S``, and its friendly ties only."""
    P = nx.Graph()
    P.add_nodes_from(S.nodes)
    P.add_edges_from((u, v) for u, v, s in S.edges(data="sign") if s > 0)
    return P


# -- triangles ------------------------------------------------------------------


def _triangle_balanced(signs: tuple[int, int, int], weak: bool) -> bool:
    negatives = sum(s < 0 for s in signs)
    return negatives % 2 == 0 or (weak and negatives == 3)


_READINGS = {
    0: "three friends",
    1: "a friend of a friend is an enemy",
    2: "the enemy of my enemy is my friend",
    3: "three mutual enemies",
}


def triangles(G: nx.Graph, *, weak: bool = False, as_of=None, include_potential: bool = True) -> pd.DataFrame:
    """Every triangle of signed ties, with its signs and whether it is balanced.

    Strong balance (Heider; Cartwright and Harary): a triangle is balanced
    when it has an even number of negative ties (+++ and +−−). Weak balance
    (Davis), with ``weak=True``, also counts all-negative triangles (−−−)
    as balanced.

    Returns
    -------
    DataFrame
        ``actor_a`` < ``actor_b`` < ``actor_c``, ``names``, ``sign_ab``,
        ``sign_bc``, ``sign_ac``, ``signs`` (e.g. ``"++-"``), ``negatives``,
        ``balanced`` and ``reading`` (the triangle in words).

    Examples
    --------
    >>> S = from_signs([("A", "B", -1), ("B", "C", -1), ("A", "C", -1), ("C", "D", 1), ("B", "D", -1)])
    >>> triangles(S)[["names", "signs", "balanced"]]
         names signs  balanced
    0  A, B, C   ---     False
    1  B, C, D   -+-      True
    >>> triangles(S, weak=True).balanced.tolist()
    [True, True]
    """
    S = _signed(G, as_of, include_potential)
    nodes = sorted(S.nodes, key=str)
    order = {n: i for i, n in enumerate(nodes)}
    rows = []
    for a in nodes:
        later = sorted((n for n in S[a] if order[n] > order[a]), key=order.get)
        for b, c in itertools.combinations(later, 2):
            if not S.has_edge(b, c):
                continue
            sab, sbc, sac = S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]
            negatives = (sab < 0) + (sbc < 0) + (sac < 0)
            balanced = _triangle_balanced((sab, sbc, sac), weak)
            reading = _READINGS[negatives]
            rows.append(
                {
                    "actor_a": a,
                    "actor_b": b,
                    "actor_c": c,
                    "names": ", ".join(_name(S, n) for n in (a, b, c)),
                    "sign_ab": sab,
                    "sign_bc": sbc,
                    "sign_ac": sac,
                    "signs": "".join("+" if s > 0 else "-" for s in (sab, sbc, sac)),
                    "negatives": negatives,
                    "balanced": balanced,
                    "reading": reading,
                }
            )
    columns = ["actor_a", "actor_b", "actor_c", "names", "sign_ab", "sign_bc", "sign_ac", "signs", "negatives", "balanced", "reading"]
    return pd.DataFrame(rows, columns=columns)


# -- the best split: frustration and camps ----------------------------------------


@dataclass(frozen=True, slots=True)
class _Split:
    labels: dict  # actor -> camp number (1, 2, ...) or None for actors without signed ties
    cost: float
    exact: bool
    method: str


def _exact_strong(n: int, iu, iv, pos, w) -> np.ndarray:
    """The cheapest two-camp split of nodes 0..n-1 (node 0 in camp 0), by enumeration."""
    best_cost, best_code = math.inf, 0
    shifts = np.arange(n - 1, dtype=np.int64)
    for start in range(0, 1 << (n - 1), _CHUNK):
        codes = np.arange(start, min(1 << (n - 1), start + _CHUNK), dtype=np.int64)
        side = np.zeros((len(codes), n), dtype=bool)
        side[:, 1:] = (codes[:, None] >> shifts) & 1
        differ = side[:, iu] != side[:, iv]
        cost = np.where(pos, differ, ~differ) @ w
        k = int(np.argmin(cost))
        if cost[k] < best_cost - _EPS:
            best_cost, best_code = float(cost[k]), int(codes[k])
    labels = np.zeros(n, dtype=np.int64)
    labels[1:] = (best_code >> shifts) & 1
    return labels


def _partitions(n: int) -> np.ndarray:
    """Every partition of n nodes as restricted growth strings, one row each (Bell(n) rows)."""
    P = np.zeros((1, 1), dtype=np.int8)
    top = np.zeros(1, dtype=np.int8)
    for _ in range(1, n):
        choices = top.astype(np.int64) + 2
        rows = np.repeat(np.arange(len(P)), choices)
        offsets = np.arange(choices.sum()) - np.repeat(np.cumsum(choices) - choices, choices)
        P = np.concatenate([P[rows], offsets[:, None].astype(np.int8)], axis=1)
        top = np.maximum(top[rows], offsets.astype(np.int8))
    return P


def _exact_weak(n: int, iu, iv, pos, w) -> np.ndarray:
    """The cheapest k-camp split, by enumerating every partition; ties go to fewer camps."""
    P = _partitions(n)
    same = P[:, iu] == P[:, iv]
    cost = np.where(pos, ~same, same) @ w
    k = np.lexsort((P.max(axis=1), np.round(cost, 9)))[0]
    return P[k].astype(np.int64)


def _cost(labels, iu, iv, pos, w) -> float:
    same = labels[iu] == labels[iv]
    return float(np.where(pos, ~same, same) @ w)


def _local_search(n: int, iu, iv, pos, w, *, weak: bool, restarts: int, seed: int) -> np.ndarray:
    """Greedy local search with restarts: move one actor at a time to the camp that lowers the cost most."""
    rng = np.random.default_rng(seed)
    adj: list[list[tuple[int, bool, float]]] = [[] for _ in range(n)]
    for a, b, p, x in zip(iu, iv, pos, w, strict=True):
        adj[a].append((int(b), bool(p), float(x)))
        adj[b].append((int(a), bool(p), float(x)))
    # First start: two-colour a BFS spanning tree along the signs (exact when the graph is balanced).
    first = np.zeros(n, dtype=np.int64)
    seen = {0}
    queue = [0]
    while queue:
        a = queue.pop(0)
        for b, p, _ in adj[a]:
            if b not in seen:
                seen.add(b)
                first[b] = first[a] if p else 1 - first[a]
                queue.append(b)
    best, best_key = None, None
    for r in range(max(1, restarts)):
        labels = first.copy() if r == 0 else rng.integers(0, 2 if not weak else max(2, n // 2), n)
        improved = True
        while improved:
            improved = False
            for a in rng.permutation(n):
                candidates = {0, 1} if not weak else {int(labels[b]) for b, _, _ in adj[a]} | {int(labels[a])} | {_fresh(labels)}
                local = {c: sum(x for b, p, x in adj[a] if (labels[b] != c if p else labels[b] == c)) for c in sorted(candidates)}
                c_best = min(local, key=local.get)
                if local[c_best] < local[int(labels[a])] - _EPS:
                    labels[a] = c_best
                    improved = True
        key = (round(_cost(labels, iu, iv, pos, w), 9), len(set(labels.tolist())))
        if best_key is None or key < best_key:
            best, best_key = labels.copy(), key
    return best


def _fresh(labels) -> int:
    used = set(labels.tolist())
    return next(i for i in itertools.count() if i not in used)


def _best_split(
    S: nx.Graph, *, weak: bool = False, weighted: bool = False, exact_limit: int | None = None, restarts: int = 50, seed: int = 0
) -> _Split:
    limit = exact_limit if exact_limit is not None else (EXACT_LIMIT_WEAK if weak else EXACT_LIMIT_STRONG)
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(S) if len(c) > 1),
        key=lambda c: (-len(c), str(c[0])),
    )
    labels: dict = dict.fromkeys(S.nodes)
    total, exact, used_heuristic = 0.0, True, False
    next_camp = 1
    for nodes in components:
        index = {x: i for i, x in enumerate(nodes)}
        edges = list(S.subgraph(nodes).edges(data=True))
        iu = np.array([index[u] for u, _, _ in edges])
        iv = np.array([index[v] for _, v, _ in edges])
        pos = np.array([d["sign"] > 0 for _, _, d in edges])
        strength = np.array([abs(d.get("weight", 1.0)) for _, _, d in edges])
        w = strength if weighted else np.ones(len(edges))
        # Unweighted, ties between splits with as few frustrated ties go to the split whose
        # frustrated ties weigh least: a tie-breaker worth less than one tie in total.
        search = w if weighted else w + strength / (1.0 + strength.sum())
        n = len(nodes)
        if n <= limit:
            found = _exact_weak(n, iu, iv, pos, search) if weak else _exact_strong(n, iu, iv, pos, search)
        else:
            found = _local_search(n, iu, iv, pos, search, weak=weak, restarts=restarts, seed=seed)
            exact, used_heuristic = False, True
        total += _cost(found, iu, iv, pos, w)
        groups: dict[int, list] = {}
        for x, c in zip(nodes, found.tolist(), strict=True):
            groups.setdefault(c, []).append(x)
        for members in sorted(groups.values(), key=lambda m: (-len(m), str(m[0]))):
            for x in members:
                labels[x] = next_camp
            next_camp += 1
    kind = "k camps, weak balance" if weak else "two camps, strong balance"
    if used_heuristic:
        method = f"heuristic ({kind}; local search, {restarts} restarts, seed {seed}; components over {limit} actors)"
    else:
        method = f"exact ({kind}; every split enumerated)"
    return _Split(labels, float(round(total, 9)), exact, method)


def _violated(S: nx.Graph, labels: Mapping) -> list[tuple]:
    out = []
    for u, v, d in S.edges(data=True):
        same = labels[u] == labels[v]
        if (d["sign"] > 0 and not same) or (d["sign"] < 0 and same):
            out.append((u, v, d))
    return out


def frustration(
    G: nx.Graph,
    *,
    weak: bool = False,
    weighted: bool = False,
    exact_limit: int | None = None,
    restarts: int = 50,
    seed: int = 0,
    as_of=None,
    include_potential: bool = True,
) -> pd.DataFrame:
    """The frustration index: the fewest ties to flip or remove to reach balance.

    Under strong balance the actors are split in two camps (friendly ties
    inside, hostile ties between); under weak balance (``weak=True``) in any
    number of camps. A tie is *frustrated* when it is friendly across camps
    or hostile within one; the frustration index is the fewest frustrated
    ties over every split (with ``weighted=True``, the least total |weight|).
    Each connected component is split on its own: exactly, by enumerating
    every split, up to ``exact_limit`` actors (default
    :data:`EXACT_LIMIT_STRONG` = 20, :data:`EXACT_LIMIT_WEAK` = 10), and
    beyond that by a greedy local search with ``restarts`` seeded restarts,
    which may miss the minimum.

    Returns
    -------
    DataFrame
        One row: ``frustration``, ``ties``, ``frustration_share``,
        ``camps``, ``exact`` (bool) and ``method``.

    Examples
    --------
    >>> triad = from_signs([("A", "B", -1), ("B", "C", -1), ("A", "C", -1)])
    >>> [float(frustration(triad, weak=weak).at[0, "frustration"]) for weak in (False, True)]
    [1.0, 0.0]
    >>> int(frustration(triad, weak=True).at[0, "camps"])
    3
    """
    S, split = _split(G, as_of, include_potential, weak=weak, weighted=weighted, exact_limit=exact_limit, restarts=restarts, seed=seed)
    ties = S.number_of_edges()
    n_camps = len({c for c in split.labels.values() if c is not None})
    row = {
        "frustration": float(split.cost),
        "ties": ties,
        "frustration_share": split.cost / (sum(abs(x) for *_, x in S.edges(data="weight")) if weighted else ties) if ties else 0.0,
        "camps": n_camps,
        "exact": split.exact,
        "method": split.method,
    }
    return pd.DataFrame([row])


def frustrated_ties(
    G: nx.Graph,
    *,
    as_of=None,
    include_potential: bool = True,
    **split_options,
) -> pd.DataFrame:
    """The ties that the best split (see :func:`frustration`) leaves frustrated.

    ``split_options`` (``weak``, ``weighted``, ``exact_limit``, ``restarts``,
    ``seed``) choose the split, as for :func:`frustration`.

    Examples
    --------
    >>> S = from_signs([("A", "B", 5), ("B", "C", 5), ("A", "C", -1), ("C", "D", -1)])
    >>> frustrated_ties(S)[["actor_a", "actor_b", "sign", "why"]]
      actor_a actor_b  sign                    why
    0       A       C    -1  hostile within a camp
    """
    S, split = _split(G, as_of, include_potential, **split_options)
    rows = []
    for u, v, d in _violated(S, split.labels):
        a, b = sorted((u, v), key=str)
        rows.append(
            {
                "actor_a": a,
                "actor_b": b,
                "name_a": _name(S, a),
                "name_b": _name(S, b),
                "sign": d["sign"],
                "weight": d.get("weight"),
                "camp_a": split.labels[a],
                "camp_b": split.labels[b],
                "why": "friendly across camps" if d["sign"] > 0 else "hostile within a camp",
            }
        )
    columns = ["actor_a", "actor_b", "name_a", "name_b", "sign", "weight", "camp_a", "camp_b", "why"]
    return pd.DataFrame(rows, columns=columns).sort_values(["actor_a", "actor_b"], ignore_index=True)


def _louvain(S: nx.Graph, seed: int) -> dict:
    """Louvain communities of the friendly ties, numbered 1.. by size."""
    P = nx.Graph()
    P.add_nodes_from(S.nodes)
    P.add_weighted_edges_from((u, v, abs(d["weight"])) for u, v, d in S.edges(data=True) if d["sign"] > 0)
    found = nx.community.louvain_communities(P, weight="weight", seed=seed)
    ordered = sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))
    return {n: i for i, members in enumerate(ordered, 1) for n in members}


def camps(G: nx.Graph, *, seed: int = 0, as_of=None, include_potential: bool = True, **split_options) -> pd.DataFrame:
    """The camps of the best balance split, beside the Louvain communities of the friendly ties.

    Camps come from :func:`frustration`'s best split and are numbered 1, 2,
    … by connected component (largest first), then by size; an actor with
    no signed tie has no camp (``<NA>``). Communities are networkx's Louvain
    communities of the positive ties (weighted by |weight|, seeded with
    ``seed``), numbered the same way. An actor ``agrees`` when its camp is
    the camp most members of its community are in. ``seed`` and
    ``split_options`` (``weak``, ``weighted``, ``exact_limit``,
    ``restarts``) choose the split, as for :func:`frustration`.

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``camp``, ``community``, ``agrees``; sorted
        by camp then name.

    Examples
    --------
    >>> S = from_signs([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1), ("A", "D", -1)])
    >>> camps(S)[["actor_id", "camp", "community", "agrees"]]
      actor_id  camp  community  agrees
    0        A     1          1    True
    1        B     1          1    True
    2        C     2          2    True
    3        D     2          2    True
    """
    S, split = _split(G, as_of, include_potential, seed=seed, **split_options)
    community = _louvain(S, seed)
    members: dict[int, list] = {}
    for n, c in community.items():
        members.setdefault(c, []).append(split.labels[n])
    majority = {}
    for c, labels in members.items():
        counts = Counter(labels)
        majority[c] = min(counts, key=lambda x: (-counts[x], x is None, x or 0))
    rows = [
        {
            "actor_id": n,
            "name": _name(S, n),
            "camp": split.labels[n],
            "community": community[n],
            "agrees": split.labels[n] == majority[community[n]],
        }
        for n in S.nodes
    ]
    frame = pd.DataFrame(rows, columns=["actor_id", "name", "camp", "community", "agrees"])
    frame["camp"] = frame["camp"].astype("Int64")
    return frame.sort_values(["camp", "name"], ignore_index=True, na_position="last")


def camp_labels(
    G: nx.Graph,
    *,
    weak: bool = False,
    seed: int = 0,
    as_of=None,
    include_potential: bool = True,
    members: int = 3,
) -> dict[Hashable, str]:
    """A name for each actor's camp, for colouring the page (``graph.render``'s ``camps=``).

    A camp is named by its number and its first ``members`` actors (most ties
    first, then by name); actors without a camp are left out.

    Examples
    --------
    >>> S = from_signs([("A", "B", 1), ("B", "C", 1), ("A", "D", -1), ("B", "D", -1)])
    >>> camp_labels(S, members=2)
    {'A': 'camp 1: B, A…', 'B': 'camp 1: B, A…', 'C': 'camp 1: B, A…', 'D': 'camp 2: D'}
    """
    S, split = _split(G, as_of, include_potential, weak=weak, seed=seed)
    labels = split.labels
    groups: dict[int, list] = {}
    for n, c in labels.items():
        if c is not None:
            groups.setdefault(c, []).append(n)
    names = {}
    for c, group in groups.items():
        ranked = sorted(group, key=lambda n: (-S.degree(n), _name(S, n)))
        shown = ", ".join(_name(S, n) for n in ranked[:members]) + ("…" if len(ranked) > members else "")
        names[c] = f"camp {c}: {shown}"
    return {n: names[labels[n]] for n in sorted(S.nodes, key=str) if labels[n] is not None}


def balance(G: nx.Graph, *, weak: bool = False, as_of=None, include_potential: bool = True, **split_options) -> pd.DataFrame:
    """How balanced the signed graph is, in one row.

    ``weak`` chooses the balance (see :func:`triangles`); it and
    ``split_options`` (``weighted``, ``exact_limit``, ``restarts``, ``seed``)
    choose the split, as for :func:`frustration`.

    Returns
    -------
    DataFrame
        ``actors``, ``ties``, ``positive``, ``negative``, ``triangles``,
        ``balanced_triangles``, ``balance_share`` (balanced triangles over
        all; NaN without triangles), ``frustration``, ``camps``, ``exact``,
        ``method``, ``weak``.

    Examples
    --------
    >>> S = from_signs([("A", "B", 1), ("B", "C", -1), ("A", "C", -1)])
    >>> balance(S)[["triangles", "balance_share", "frustration", "camps"]]
       triangles  balance_share  frustration  camps
    0          1            1.0          0.0      2
    """
    S = _signed(G, as_of, include_potential)
    tri = triangles(S, weak=weak)
    frus = frustration(S, weak=weak, **split_options).iloc[0]
    signs = [s for *_, s in S.edges(data="sign")]
    row = {
        "actors": S.number_of_nodes(),
        "ties": len(signs),
        "positive": sum(s > 0 for s in signs),
        "negative": sum(s < 0 for s in signs),
        "triangles": len(tri),
        "balanced_triangles": int(tri["balanced"].sum()),
        "balance_share": float(tri["balanced"].mean()) if len(tri) else math.nan,
        "frustration": frus["frustration"],
        "camps": frus["camps"],
        "exact": frus["exact"],
        "method": frus["method"],
        "weak": weak,
    }
    return pd.DataFrame([row])


# -- centrality and brokers ------------------------------------------------------


def centrality(G: nx.Graph, *, as_of=None, include_potential: bool = True) -> pd.DataFrame:
    """Degree by sign and direction, betweenness and PageRank of every actor.

    - ``out_pos``, ``out_neg``, ``in_pos``, ``in_neg``: relations in effect
      that the actor makes (out) or receives (in), by sign; a symmetric
      relation counts both ways. (On a signed ``nx.Graph`` each tie is one
      symmetric relation.)
    - ``allies``, ``adversaries``: its positive and negative ties.
    - ``betweenness``: normalised betweenness on the friendly ties (the
      channels of cooperation); ``betweenness_all`` on every tie, friendly
      or hostile. Both unweighted.
    - ``pagerank``: PageRank on the directed positive view (a relation
      points from the actor who gives to the one who receives; symmetric
      ones both ways), weighted by the relation's effective weight.

    Returns
    -------
    DataFrame
        Sorted by PageRank, highest first.

    Examples
    --------
    >>> S = from_signs([("A", "B", 1), ("B", "C", 1), ("C", "D", -1)])
    >>> c = centrality(S).set_index("actor_id")
    >>> int(c.at["B", "allies"]), int(c.at["C", "adversaries"]), round(float(c.at["B", "betweenness"]), 3)
    (2, 1, 0.333)
    """
    S = _signed(G, as_of, include_potential)
    counts = {n: {"out_pos": 0, "out_neg": 0, "in_pos": 0, "in_neg": 0} for n in G.nodes}
    pos_view = nx.DiGraph()
    pos_view.add_nodes_from(G.nodes)
    for u, v, d, w in _relations(G, as_of=as_of, include_potential=include_potential):
        if u == v or w == 0:
            continue
        suffix = "pos" if w > 0 else "neg"
        pairs = [(u, v)] if d.get("directed", True) else [(u, v), (v, u)]
        for a, b in pairs:
            counts[a][f"out_{suffix}"] += 1
            counts[b][f"in_{suffix}"] += 1
            if w > 0:
                prev = pos_view.get_edge_data(a, b, {}).get("weight", 0.0)
                pos_view.add_edge(a, b, weight=prev + w)
    between_pos = nx.betweenness_centrality(_friendly(S))
    between_all = nx.betweenness_centrality(S, weight=None)
    pagerank = nx.pagerank(pos_view, weight="weight") if pos_view.number_of_edges() else {n: 1 / max(1, len(G)) for n in G.nodes}
    rows = []
    for n in G.nodes:
        signs = [S[n][m]["sign"] for m in S[n]]
        rows.append(
            {
                "actor_id": n,
                "name": _name(G, n),
                **counts[n],
                "allies": sum(s > 0 for s in signs),
                "adversaries": sum(s < 0 for s in signs),
                "betweenness": between_pos[n],
                "betweenness_all": between_all[n],
                "pagerank": pagerank[n],
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["pagerank", "actor_id"], ascending=[False, True], ignore_index=True)


def brokers(
    G: nx.Graph,
    *,
    camps: Mapping[Hashable, int | None] | None = None,
    weak: bool = False,
    seed: int = 0,
    as_of=None,
    include_potential: bool = True,
) -> pd.DataFrame:
    """The actors that bridge the camps through friendly ties.

    An actor is a broker when it has friendly ties into a camp other than
    its own (``bridge_ties``), or, without a camp, into two camps. Brokers
    are ranked by ``cross_betweenness``: over every pair of actors in
    different camps joined by friendly paths, the share of their shortest
    friendly paths that pass through the actor, summed.

    Parameters
    ----------
    camps : mapping, optional
        Actor → camp; by default the camps of :func:`camps`.

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``camp``, ``friendly_camps`` (the camps it
        has friendly ties into), ``bridge_ties``, ``cross_betweenness``;
        brokers only, the strongest first.

    Examples
    --------
    >>> S = from_signs([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1),
    ...                 ("X", "B", 1), ("X", "D", 1)])
    >>> brokers(S, camps={"A": 1, "B": 1, "C": 2, "D": 2, "X": 1})[["actor_id", "friendly_camps", "bridge_ties", "cross_betweenness"]]
      actor_id friendly_camps  bridge_ties  cross_betweenness
    0        X         [1, 2]            1                4.0
    1        D         [1, 2]            1                3.0
    """
    S = _signed(G, as_of, include_potential)
    labels = _best_split(S, weak=weak, seed=seed).labels if camps is None else {n: camps.get(n) for n in S.nodes}
    P = _friendly(S)
    cross = dict.fromkeys(S.nodes, 0.0)
    placed = sorted((n for n in S.nodes if labels[n] is not None), key=str)
    for s, t in itertools.combinations(placed, 2):
        if labels[s] == labels[t] or not nx.has_path(P, s, t):
            continue
        found = list(nx.all_shortest_paths(P, s, t))
        for path in found:
            for x in path[1:-1]:
                cross[x] += 1 / len(found)
    rows = []
    for n in S.nodes:
        friendly = sorted({labels[m] for m in P[n] if labels[m] is not None})
        bridge = sum(1 for m in P[n] if labels[m] is not None and labels[m] != labels[n])
        if bridge or len(friendly) > 1:
            rows.append(
                {
                    "actor_id": n,
                    "name": _name(S, n),
                    "camp": labels[n],
                    "friendly_camps": friendly,
                    "bridge_ties": bridge,
                    "cross_betweenness": round(cross[n], 9),
                }
            )
    frame = pd.DataFrame(rows, columns=["actor_id", "name", "camp", "friendly_camps", "bridge_ties", "cross_betweenness"])
    return frame.sort_values(["cross_betweenness", "bridge_ties", "actor_id"], ascending=[False, False, True], ignore_index=True)


# -- explained paths --------------------------------------------------------------


def _verb(G: nx.Graph, d: Mapping) -> str:
    kind = G.graph.get("relation_types", {}).get(d.get("type"), {})
    verb = kind.get("verb") or str(d.get("type", "is tied to")).replace("_", " ")
    status = d.get("status")
    return verb if status in (None, "confirmed") else f"{verb} ({status})"


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
    as_of=None,
    include_potential: bool = True,
) -> pd.DataFrame:
    """Paths between two actors, each step a relation in words.

    Steps follow the relations in effect (see :func:`signed_ties`) in
    either direction. Each step shows the strongest relation between the
    two actors (largest |effective weight|, then relation id). A relation
    walked along its direction, or a symmetric one, reads
    ``A — verb → B`` ("A verb B"); a directed relation walked against its
    direction reads ``A ← verb — B`` ("B verb A"). A status other than
    confirmed is given in brackets.

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
    from .query import resolve_actor

    s = resolve_actor(G, source)
    t = resolve_actor(G, target)
    best: dict[frozenset, tuple[dict, float]] = {}
    for u, v, d, w in _relations(G, as_of=as_of, include_potential=include_potential):
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
    S = _signed(G, as_of, include_potential)
    columns = ["steps", "text", "sign", "actors", "relations"]
    if s == t or not nx.has_path(U, s, t):
        return pd.DataFrame([], columns=columns)
    found = nx.all_shortest_paths(U, s, t) if shortest else nx.all_simple_paths(U, s, t, cutoff=cutoff)
    rows = []
    for path in found:
        text = _name(G, path[0])
        rels, sign = [], 1
        for a, b in itertools.pairwise(path):
            d, _ = best[frozenset((a, b))]
            text += _step(G, a, d) + _name(G, b)
            rels.append(d.get("relation_id"))
            sign *= S[a][b]["sign"] if S.has_edge(a, b) else 0
        rows.append({"steps": len(path) - 1, "text": text, "sign": sign, "actors": list(path), "relations": rels})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["steps", "text"], ignore_index=True)


# -- predictions -----------------------------------------------------------------


def _stance(sign: int) -> str:
    return "friendly" if sign > 0 else "hostile"


def _triad_words(S: nx.Graph, a, b, c) -> str:
    """How ``a`` and ``c`` are linked through ``b``, in words."""
    sab, sbc = S[a][b]["sign"], S[b][c]["sign"]
    na, nb, nc = _name(S, a), _name(S, b), _name(S, c)
    if sab > 0 and sbc > 0:
        return f"{na} and {nc} are both friendly with {nb}: a friend of a friend is a friend"
    if sab < 0 and sbc < 0:
        return f"{na} and {nc} are both hostile to {nb}: the enemy of my enemy is a friend"
    friend, enemy = (a, c) if sab > 0 else (c, a)
    return f"{_name(S, friend)} is friendly with {nb}, which is hostile to {_name(S, enemy)}: a friend's enemy is an enemy"


def predictions(G: nx.Graph, *, weak: bool = False, as_of=None, include_potential: bool = True) -> pd.DataFrame:
    """Ties that structural balance expects to form or to change sign, ranked.

    - **close**: two actors without a tie but with common partners or
      adversaries. Each common neighbour ``b`` votes for the sign
      ``sign(a,b) × sign(b,c)`` with the strength ``sqrt(|w_ab| × |w_bc|)``;
      the expected sign is that of the sum, the ``score`` its absolute value.
      Under weak balance two common enemies make no prediction.
    - **flip**: a tie in unbalanced triangles. Each triangle it is in votes
      with the strength of its other two ties: for the flip when flipping
      the tie would balance the triangle, against when it would unbalance
      it. A positive sum is a prediction; the weakest tie of a triangle gets
      the strongest push, as the theory says.

    Returns
    -------
    DataFrame
        ``kind``, ``actor_a``, ``actor_b``, ``name_a``, ``name_b``,
        ``current`` (sign now, 0 for no tie), ``expected``, ``score``,
        ``support`` and ``against`` (triads for and against), ``via``
        (the third actors that support it), ``reason``; highest score first.

    Examples
    --------
    >>> S = from_signs([("A", "B", 2), ("B", "C", 2), ("A", "C", -1), ("C", "D", -3)])
    >>> p = predictions(S)
    >>> p[["kind", "actor_a", "actor_b", "current", "expected", "score"]]
        kind actor_a actor_b  current  expected     score
    0  close       B       D        0        -1  2.449490
    1   flip       A       C       -1         1  2.000000
    2  close       A       D        0         1  1.732051
    3   flip       A       B        1        -1  1.414214
    4   flip       B       C        1        -1  1.414214
    >>> p.at[1, "reason"]
    'A and C are hostile, but A and C are both friendly with B: a friend of a friend is a friend; balance theory expects the tie to turn friendly'
    """
    S = _signed(G, as_of, include_potential)

    def strength(x, y, z):
        return math.sqrt(abs(S[x][y]["weight"]) * abs(S[y][z]["weight"]))

    rows = []
    nodes = sorted(S.nodes, key=str)
    for a, c in itertools.combinations(nodes, 2):
        common = sorted(set(S[a]) & set(S[c]), key=str)
        if not common:
            continue
        if S.has_edge(a, c):
            now = S[a][c]["sign"]
            votes = []
            for b in common:
                other = S[a][b]["sign"] * S[b][c]["sign"]
                before = _triangle_balanced((now, S[a][b]["sign"], S[b][c]["sign"]), weak)
                after = _triangle_balanced((-now, S[a][b]["sign"], S[b][c]["sign"]), weak)
                if before != after:
                    votes.append((b, (after - before) * strength(a, b, c), other))
            pressure = sum(v for _, v, _ in votes)
            if pressure <= _EPS:
                continue
            pro = sorted((x for x in votes if x[1] > 0), key=lambda x: -x[1])
            b = pro[0][0]
            words = _triad_words(S, a, b, c)
            more = f" (and {len(pro) - 1} more triangle{'s' if len(pro) > 2 else ''})" if len(pro) > 1 else ""
            reason = f"{_name(S, a)} and {_name(S, c)} are {_stance(now)}, but {words}{more}; balance theory expects the tie to turn {_stance(-now)}"
            rows.append(("flip", a, c, now, -now, pressure, len(pro), len(votes) - len(pro), [x[0] for x in pro], reason))
        else:
            votes = []
            for b in common:
                expected = S[a][b]["sign"] * S[b][c]["sign"]
                if weak and S[a][b]["sign"] < 0 and S[b][c]["sign"] < 0:
                    continue
                votes.append((b, expected * strength(a, b, c), expected))
            total = sum(v for _, v, _ in votes)
            if abs(total) <= _EPS:
                continue
            expected = 1 if total > 0 else -1
            pro = sorted((x for x in votes if x[2] == expected), key=lambda x: -abs(x[1]))
            words = _triad_words(S, a, pro[0][0], c)
            more = f" (and {len(pro) - 1} more)" if len(pro) > 1 else ""
            reason = f"{words}{more}; balance theory expects them to become {_stance(expected)}"
            rows.append(("close", a, c, 0, expected, abs(total), len(pro), len(votes) - len(pro), [x[0] for x in pro], reason))
    columns = ["kind", "actor_a", "actor_b", "current", "expected", "score", "support", "against", "via", "reason"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(3, "name_a", [_name(S, a) for a in frame["actor_a"]])
    frame.insert(4, "name_b", [_name(S, b) for b in frame["actor_b"]])
    frame["score"] = frame["score"].astype(float).round(6)
    return frame.sort_values(["score", "kind", "actor_a", "actor_b"], ascending=[False, False, True, True], ignore_index=True)


# -- the report ------------------------------------------------------------------


def report(
    G: nx.Graph,
    *,
    as_of=None,
    weak: bool = False,
    include_potential: bool = True,
    seed: int = 0,
    top: int = 10,
) -> dict[str, pd.DataFrame]:
    """Every analysis of the map on one day, as named tables (what ``actorgraph analyze`` prints).

    Sections: ``summary``, ``camps`` (members of each camp),
    ``camps vs communities`` (actors whose balance camp and Louvain
    community disagree), ``unbalanced triangles``, ``frustrated ties``,
    ``brokers``, ``centrality`` (the ``top`` by PageRank) and
    ``predictions`` (the ``top``).

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> r = report(load_graph(EXAMPLE_DATA), as_of="2024-12-31")
    >>> list(r)
    ['summary', 'camps', 'camps vs communities', 'unbalanced triangles', 'frustrated ties', 'brokers', 'centrality', 'predictions']
    >>> r["camps"][["camp", "members"]]
       camp                 members
    0     1     North Korea, Russia
    1     2  Ukraine, United States
    """
    S = _signed(G, as_of, include_potential)
    day = S.graph.get("as_of")
    summary = balance(S, weak=weak, seed=seed)
    summary.insert(0, "as_of", day)
    per_actor = camps(S, weak=weak, seed=seed)
    placed = per_actor.dropna(subset=["camp"])
    by_camp = placed.groupby("camp", sort=True)["name"].agg(lambda names: ", ".join(sorted(names))).rename("members").reset_index()
    by_camp.insert(1, "size", placed.groupby("camp", sort=True).size().to_numpy())
    unaligned = per_actor[per_actor["camp"].isna()]
    if len(unaligned):
        by_camp = pd.concat(
            [
                by_camp,
                pd.DataFrame(
                    [{"camp": pd.NA, "size": len(unaligned), "members": ", ".join(sorted(unaligned["name"])) + " (no signed tie)"}]
                ),
            ],
            ignore_index=True,
        )
    labels = {r.actor_id: (None if pd.isna(r.camp) else int(r.camp)) for r in per_actor.itertuples()}
    tri = triangles(S, weak=weak)
    cent = centrality(G, as_of=as_of, include_potential=include_potential) if _is_actor_graph(G) else centrality(S)
    return {
        "summary": summary,
        "camps": by_camp,
        "camps vs communities": per_actor[~per_actor["agrees"]].reset_index(drop=True),
        "unbalanced triangles": tri.loc[~tri["balanced"].astype(bool), ["names", "signs", "reading"]].reset_index(drop=True),
        "frustrated ties": frustrated_ties(S, weak=weak, seed=seed),
        "brokers": brokers(S, camps=labels),
        "centrality": cent.head(top),
        "predictions": predictions(S, weak=weak).head(top),
    }
