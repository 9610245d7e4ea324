"""The best split of a signed graph into camps: enumeration, binary programming (HiGHS) and local search.

Rules in ``docs/analysis.md``, section 3. Under strong balance each connected
component is split in two: by enumerating every split up to
:data:`ENUMERATION_LIMIT` actors (faster there), and beyond by binary linear
programming (Aref, Mason and Wilson 2020) with HiGHS, warm-started from a local
search and given, as valid inequalities, an edge-disjoint packing of unbalanced
cycles; the result carries its proven lower bound and gap. Under weak balance
(any number of camps) partitions are enumerated up to
:data:`EXACT_LIMIT_WEAK` actors, and beyond that a local search gives a split
with no bound.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh

from ._common import EPS

__all__ = ["ENUMERATION_LIMIT", "EXACT_LIMIT_WEAK", "METHODS", "Split", "best_split", "violated"]

#: Largest component split in two by enumerating its 2^(n-1) splits (faster than the solver up to here: bench_balance.py --crossover).
ENUMERATION_LIMIT = 12
#: Largest connected component whose k-camp split is found exactly (Bell(n) partitions; Bell(10) = 115,975).
EXACT_LIMIT_WEAK = 10
#: How a split may be found: "auto" (enumeration, else the solver), "exact" (the same), "local" (local search only, no bound).
METHODS = ("auto", "exact", "local")

_CHUNK = 1 << 15


@dataclass(frozen=True, slots=True)
class Split:
    """The best split found: camps, its cost, a proven lower bound on the minimum, and how it was found."""

    labels: dict  # actor -> camp number (1, 2, ...) or None for actors without signed ties
    cost: float
    bound: float | None  # proven lower bound on the minimum cost; None when nothing is proven
    method: str
    seconds: float = 0.0

    @property
    def exact(self) -> bool:
        return self.bound is not None and self.cost - self.bound <= 1e-6 * max(1.0, self.cost)

    @property
    def gap(self) -> float:
        """(cost − bound) / cost; 0 when exact, NaN without a bound."""
        if self.bound is None:
            return math.nan
        return 0.0 if self.exact or self.cost <= 0 else (self.cost - self.bound) / self.cost


# -- enumeration ------------------------------------------------------------------


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
        if cost[k] < best_cost - EPS:
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


# -- local search -------------------------------------------------------------------


def _spectral(n: int, iu, iv, pos, w) -> np.ndarray:
    """Two camps from the sign of the leading eigenvector of the signed adjacency matrix."""
    signed = np.where(pos, w, -w)
    A = sp.coo_matrix((np.r_[signed, signed], (np.r_[iu, iv], np.r_[iv, iu])), shape=(n, n)).tocsr()
    try:
        _, vectors = eigsh(A.astype(float), k=1, which="LA", v0=np.ones(n), maxiter=5 * n, tol=1e-6)
    except Exception:
        return np.zeros(n, dtype=np.int64)
    return (vectors[:, 0] < 0).astype(np.int64)


def _bfs_colouring(n: int, adj) -> np.ndarray:
    """Two-colour a breadth-first spanning forest along the signs: optimal when the graph is balanced."""
    labels = np.zeros(n, dtype=np.int64)
    seen = np.zeros(n, dtype=bool)
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        queue = deque([root])
        while queue:
            a = queue.popleft()
            for b, p, _ in adj[a]:
                if not seen[b]:
                    seen[b] = True
                    labels[b] = labels[a] if p else 1 - labels[a]
                    queue.append(b)
    return labels


def _greedy_two(labels: np.ndarray, adj, iu, iv, pos, w) -> np.ndarray:
    """Move one actor at a time to the other camp while that lowers the cost; best move first.

    ``gain[a]`` is the weight of a's frustrated ties minus that of its satisfied ones: flipping
    a lowers the cost by exactly that. A flip toggles each of a's ties, so each neighbour's gain
    moves by twice the tie's weight: O(degree) per move.
    """
    labels = labels.copy()
    n = len(labels)
    frustrated = np.where(pos, labels[iu] != labels[iv], labels[iu] == labels[iv])
    signed_w = np.where(frustrated, w, -w)
    gains = np.bincount(iu, signed_w, minlength=n) + np.bincount(iv, signed_w, minlength=n)
    for _ in range(10 * n + 10):
        a = int(np.argmax(gains))
        if gains[a] <= EPS:
            break
        labels[a] = 1 - labels[a]
        gains[a] = -gains[a]
        for b, p, x in adj[a]:
            now = (labels[a] != labels[b]) if p else (labels[a] == labels[b])
            gains[b] += 2 * x if now else -2 * x
    return labels


def _local_strong(n: int, adj, iu, iv, pos, w, restarts: int, seed: int) -> np.ndarray:
    """Greedy descent from a spectral split, a BFS colouring and seeded random splits; the cheapest wins."""
    rng = np.random.default_rng(seed)
    starts = [_bfs_colouring(n, adj), _spectral(n, iu, iv, pos, w)]
    starts += [rng.integers(0, 2, n) for _ in range(max(0, restarts - 2))]
    best, best_cost = None, math.inf
    for start in starts:
        found = _greedy_two(start, adj, iu, iv, pos, w)
        cost = _cost(found, iu, iv, pos, w)
        if cost < best_cost - EPS:
            best, best_cost = found, cost
    return best


def _fresh(labels) -> int:
    used = set(labels.tolist())
    return next(i for i in itertools.count() if i not in used)


def _local_weak(n: int, adj, iu, iv, pos, w, *, restarts: int, seed: int) -> np.ndarray:
    """Greedy local search with restarts: move one actor at a time to the camp that lowers the cost most."""
    rng = np.random.default_rng(seed)
    first = _bfs_colouring(n, adj)
    best, best_key = None, None
    for r in range(max(1, restarts)):
        labels = first.copy() if r == 0 else rng.integers(0, max(2, n // 2), n)
        improved = True
        while improved:
            improved = False
            for a in rng.permutation(n):
                candidates = {int(labels[b]) for b, _, _ in adj[a]} | {int(labels[a])} | {_fresh(labels)}
                local = {c: sum(x for b, p, x in adj[a] if (labels[b] != c if p else labels[b] == c)) for c in sorted(candidates)}
                c_best = min(local, key=local.get)
                if local[c_best] < local[int(labels[a])] - EPS:
                    labels[a] = c_best
                    improved = True
        key = (round(_cost(labels, iu, iv, pos, w), 9), len(set(labels.tolist())))
        if best_key is None or key < best_key:
            best, best_key = labels.copy(), key
    return best


# -- binary programming -----------------------------------------------------------


def _cycle_packing(n: int, adj, labels: np.ndarray, frustrated: list[int], iu, iv, max_depth: int = 8) -> list[list[int]]:
    """Edge-disjoint unbalanced cycles: each frustrated edge closed by a path of unfrustrated ones.

    A path of edges the split satisfies keeps the camps' parity, so with one
    frustrated edge the cycle has an odd number of broken ties: every split
    frustrates at least one of its edges. Disjoint cycles add up to a lower bound.
    """
    free: list[dict[int, int]] = [{} for _ in range(n)]  # node -> {neighbour: edge index} over unfrustrated, unused edges
    bad = set(frustrated)
    for a in range(n):
        for b, _, e in adj[a]:
            if e not in bad:
                free[a][b] = e
    cycles = []
    for e in frustrated:
        s, t = int(iu[e]), int(iv[e])
        parent = {s: None}
        frontier = [s]
        for _ in range(max_depth):
            nxt = []
            for a in frontier:
                for b in free[a]:
                    if b not in parent:
                        parent[b] = a
                        nxt.append(b)
            if t in parent or not nxt:
                break
            frontier = nxt
        if t not in parent:
            continue
        path, b = [], t
        while parent[b] is not None:
            a = parent[b]
            path.append(free[a][b])
            del free[a][b], free[b][a]
            b = a
        cycles.append([e, *path])
    return cycles


def _highs():
    """A silent HiGHS instance: the library prints its banner from C on first use, which would corrupt CSV or JSON output."""
    import ctypes
    import os
    import sys

    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    return h


def _milp_strong(
    n: int, adj, iu, iv, pos, w, start: np.ndarray, *, time_limit: float, integral: bool
) -> tuple[np.ndarray, float, float, str]:
    """Binary programming after Aref, Mason and Wilson (2020): x binary per actor, f in [0, 1] per tie.

    x_i is actor i's camp; f_e ≥ |x_i − x_j| for a friendly tie, f_e ≥ |x_i + x_j − 1| for a
    hostile one; minimise Σ w_e f_e. Node 0 is fixed in camp 0. Returns labels, cost, bound, status.
    """
    import highspy

    m = len(iu)
    frustrated = [e for e in range(m) if (start[iu[e]] != start[iv[e]]) == bool(pos[e])]
    cycles = _cycle_packing(n, adj, start, frustrated, iu, iv)
    h = _highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    # With whole weights any split cheaper than the incumbent is cheaper by at least 1.
    h.setOptionValue("mip_abs_gap", 1.0 - 1e-6 if integral else 1e-9)
    inf = highspy.kHighsInf
    lower = np.zeros(n + m)
    upper = np.ones(n + m)
    upper[0] = 0.0
    h.addVars(n + m, lower, upper)
    h.changeColsCost(m, np.arange(n, n + m, dtype=np.int32), np.asarray(w, dtype=float))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger))
    # Two rows per edge: f - x_i + x_j >= 0 and f + x_i - x_j >= 0 (friendly); f - x_i - x_j >= -1 and f + x_i + x_j >= 1 (hostile).
    f = n + np.arange(m)
    s = np.full(m, -1.0)
    t = np.where(pos, 1.0, -1.0)
    rows_idx = np.concatenate([np.stack([f, iu, iv], 1), np.stack([f, iu, iv], 1)])
    rows_val = np.concatenate([np.stack([np.ones(m), s, t], 1), np.stack([np.ones(m), -s, -t], 1)])
    rows_low = np.concatenate([np.where(pos, 0.0, -1.0), np.where(pos, 0.0, 1.0)])
    h.addRows(
        2 * m,
        rows_low,
        np.full(2 * m, inf),
        6 * m,
        np.arange(0, 6 * m, 3, dtype=np.int32),
        rows_idx.ravel().astype(np.int32),
        rows_val.ravel(),
    )
    for cycle in cycles:
        idx = (n + np.asarray(cycle)).astype(np.int32)
        h.addRow(1.0, inf, len(idx), idx, np.ones(len(idx)))
    sol = highspy.HighsSolution()
    flip = np.where(pos, start[iu] != start[iv], start[iu] == start[iv]).astype(float)
    first = start if start[0] == 0 else 1 - start
    sol.col_value = np.concatenate([first.astype(float), flip]).tolist()
    sol.value_valid = True
    h.setSolution(sol)
    h.run()
    info = h.getInfo()
    values = np.asarray(h.getSolution().col_value)
    labels = np.round(values[:n]).astype(np.int64) if len(values) >= n else first
    cost = _cost(labels, iu, iv, pos, w)
    if cost > _cost(first, iu, iv, pos, w) + EPS:
        labels, cost = first, _cost(first, iu, iv, pos, w)
    # The disjoint unbalanced cycles are a bound of their own, should the solver stop before its root.
    packing = float(sum(min(w[e] for e in cycle) for cycle in cycles))
    bound = float(info.mip_dual_bound)
    bound = max(bound, packing) if math.isfinite(bound) else packing
    if integral:
        bound = math.ceil(bound - 1e-6)
    bound = min(bound, cost)
    return labels, cost, bound, str(h.getModelStatus()).split(".")[-1]


# -- one component, then the whole graph -------------------------------------------


def best_split(
    S: nx.Graph,
    *,
    weak: bool = False,
    weighted: bool = False,
    exact_limit: int | None = None,
    restarts: int = 10,
    seed: int = 0,
    method: str = "auto",
    time_limit: float = 60.0,
) -> Split:
    """The split of the signed graph ``S`` with the fewest (or, ``weighted``, lightest) frustrated ties.

    ``method``: "auto"/"exact" enumerate small components and solve the others
    by binary programming (strong balance), "local" uses local search only.
    ``exact_limit`` overrides the enumeration limit; ``time_limit`` caps the
    solver per component (then the best split found is returned with its bound).
    """
    if method not in METHODS:
        msg = f'method must be one of {", ".join(METHODS)}, not "{method}"'
        raise ValueError(msg)
    began = time.perf_counter()
    limit = exact_limit if exact_limit is not None else (EXACT_LIMIT_WEAK if weak else ENUMERATION_LIMIT)
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(S) if len(c) > 1),
        key=lambda c: (-len(c), str(c[0])),
    )
    labels: dict = dict.fromkeys(S.nodes)
    total, bound, used = 0.0, 0.0, set()
    next_camp = 1
    for nodes in components:
        index = {x: i for i, x in enumerate(nodes)}
        edges = list(S.subgraph(nodes).edges(data=True))
        iu = np.array([index[u] for u, _, _ in edges])
        iv = np.array([index[v] for _, v, _ in edges])
        pos = np.array([d["sign"] > 0 for _, _, d in edges])
        strength = np.array([abs(d.get("weight", 1.0)) for _, _, d in edges])
        w = strength if weighted else np.ones(len(edges))
        adj: list[list[tuple[int, bool, float]]] = [[] for _ in nodes]
        for a, b, p, x in zip(iu, iv, pos, w, strict=True):
            adj[a].append((int(b), bool(p), float(x)))
            adj[b].append((int(a), bool(p), float(x)))
        n = len(nodes)
        if n <= limit and method != "local":
            # Unweighted, ties between splits with as few frustrated ties go to the split whose
            # frustrated ties weigh least: a tie-breaker worth less than one tie in total.
            search = w if weighted else w + strength / (1.0 + strength.sum())
            found = _exact_weak(n, iu, iv, pos, search) if weak else _exact_strong(n, iu, iv, pos, search)
            cost = _cost(found, iu, iv, pos, w)
            low = cost
            used.add("enumeration")
        elif weak:
            found = _local_weak(n, adj, iu, iv, pos, w, restarts=restarts, seed=seed)
            cost, low = _cost(found, iu, iv, pos, w), None
            used.add("local search")
        else:
            edge_adj: list[list[tuple[int, bool, int]]] = [[] for _ in nodes]
            for e, (a, b, p) in enumerate(zip(iu, iv, pos, strict=True)):
                edge_adj[a].append((int(b), bool(p), e))
                edge_adj[b].append((int(a), bool(p), e))
            found = _local_strong(n, adj, iu, iv, pos, w, restarts, seed)
            cost, low = _cost(found, iu, iv, pos, w), None
            used.add("local search")
            if method != "local":
                integral = bool(np.all(np.abs(w - np.round(w)) < 1e-9))
                found, cost, low, _ = _milp_strong(n, edge_adj, iu, iv, pos, w, found, time_limit=time_limit, integral=integral)
                used.add("binary programming (HiGHS)")
        total += cost
        bound = None if bound is None or low is None else bound + low
        groups: dict[int, list] = {}
        for x, c in zip(nodes, found.tolist(), strict=True):
            groups.setdefault(c, []).append(x)
        for members in sorted(groups.values(), key=lambda m: (-len(m), str(m[0]))):
            for x in members:
                labels[x] = next_camp
            next_camp += 1
    kind = "k camps, weak balance" if weak else "two camps, strong balance"
    how = " + ".join(sorted(used)) or "nothing to split"
    return Split(
        labels, float(round(total, 9)), None if bound is None else float(round(bound, 9)), f"{how} ({kind})", time.perf_counter() - began
    )


def violated(S: nx.Graph, labels: Mapping) -> list[tuple]:
    """The ties a split frustrates: friendly across camps, hostile within one."""
    out = []
    for u, v, d in S.edges(data=True):
        same = labels[u] == labels[v]
        if (d["sign"] > 0 and not same) or (d["sign"] < 0 and same):
            out.append((u, v, d))
    return out
