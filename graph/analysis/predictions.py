"""Ties that structural balance expects to form or to flip (``docs/analysis.md``, section 6)."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pandas as pd

from ._common import EPS, AsOf, name
from .balance import triangle_balanced
from .ties import bloc_pairs, signed

__all__ = ["predictions"]

PREDICTION_COLUMNS = [
    "kind",
    "actor_a",
    "actor_b",
    "name_a",
    "name_b",
    "current",
    "expected",
    "score",
    "support",
    "against",
    "via",
    "triangles",
    "reason",
]


def _stance(sign: int) -> str:
    return "friendly" if sign > 0 else "hostile"


def _triad_words(S: nx.Graph, a, b, c) -> str:
    """How ``a`` and ``c`` are linked through ``b``, in words."""
    sab, sbc = S[a][b]["sign"], S[b][c]["sign"]
    na, nb, nc = name(S, a), name(S, b), name(S, c)
    if sab > 0 and sbc > 0:
        return f"{na} and {nc} are both friendly with {nb}: a friend of a friend is a friend"
    if sab < 0 and sbc < 0:
        return f"{na} and {nc} are both hostile to {nb}: the enemy of my enemy is a friend"
    friend, enemy = (a, c) if sab > 0 else (c, a)
    return f"{name(S, friend)} is friendly with {nb}, which is hostile to {name(S, enemy)}: a friend's enemy is an enemy"


def _triangle(S: nx.Graph, a, b, c) -> str:
    """A triangle named by its actors and the signs of a–b and b–c (and a–c when tied)."""

    def sign(x, y):
        return ("+" if S[x][y]["sign"] > 0 else "−") if S.has_edge(x, y) else "?"

    return f"{name(S, a)} {sign(a, b)} {name(S, b)} {sign(b, c)} {name(S, c)} ({sign(a, c)})"


def predictions(G: nx.Graph, *, weak: bool = False, as_of: AsOf = None, **rules) -> pd.DataFrame:
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

    No prediction pairs a bloc with one of its members on the day, and an
    arena, which makes no tie, is in none. ``rules`` are the tie rules of
    :func:`~graph.analysis.signed_ties`.

    Returns
    -------
    DataFrame
        ``kind``, ``actor_a``, ``actor_b``, ``name_a``, ``name_b``,
        ``current`` (sign now, 0 for no tie), ``expected``, ``score``,
        ``support`` and ``against`` (triads for and against), ``via``
        (the third actors that support it), ``triangles`` (those triads, as
        ``A ± B ± C (a–c sign)``), ``reason``; highest score first.

    Examples
    --------
    >>> from graph.analysis import from_signs
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
    >>> p.at[1, "triangles"]
    ['A + B + C (−)']
    """
    return _predictions(signed(G, as_of, **rules), weak)


def _predictions(S: nx.Graph, weak: bool, *, top: int | None = None) -> pd.DataFrame:
    """Score every candidate pair, then word only the ``top`` (all without it): words cost more than numbers."""
    sign: dict[tuple, int] = {}
    weight: dict[tuple, float] = {}
    for u, v, d in S.edges(data=True):
        sign[u, v] = sign[v, u] = d["sign"]
        weight[u, v] = weight[v, u] = abs(d["weight"])

    def strength(x, y, z):
        return math.sqrt(weight[x, y] * weight[y, z])

    excluded = bloc_pairs(S)
    order = {n: i for i, n in enumerate(sorted(S.nodes, key=str))}
    neighbours = {b: sorted(S[b], key=order.get) for b in S.nodes}
    common: dict[tuple, list] = {}
    for b, around in neighbours.items():
        for a, c in itertools.combinations(around, 2):
            common.setdefault((a, c), []).append(b)
    found = []
    for (a, c), via in common.items():
        if frozenset((a, c)) in excluded:
            continue
        via = sorted(via, key=order.get)
        now = sign.get((a, c), 0)
        if now:
            votes = []
            for b in via:
                sab, sbc = sign[a, b], sign[b, c]
                before, after = triangle_balanced((now, sab, sbc), weak), triangle_balanced((-now, sab, sbc), weak)
                if before != after:
                    votes.append((b, (after - before) * strength(a, b, c)))
            score = sum(v for _, v in votes)
            if score <= EPS:
                continue
            pro = [x[0] for x in sorted((x for x in votes if x[1] > 0), key=lambda x: -x[1])]
            found.append(("flip", a, c, now, -now, score, len(pro), len(votes) - len(pro), pro))
        else:
            votes = []
            for b in via:
                sab, sbc = sign[a, b], sign[b, c]
                if weak and sab < 0 and sbc < 0:
                    continue
                votes.append((b, sab * sbc * strength(a, b, c), sab * sbc))
            total = sum(v for _, v, _ in votes)
            if abs(total) <= EPS:
                continue
            expected = 1 if total > 0 else -1
            pro = [x[0] for x in sorted((x for x in votes if x[2] == expected), key=lambda x: -abs(x[1]))]
            found.append(("close", a, c, 0, expected, abs(total), len(pro), len(votes) - len(pro), pro))
    found.sort(key=lambda r: (-round(r[5], 6), r[0] != "flip", str(r[1]), str(r[2])))
    rows = []
    for kind, a, c, now, expected, score, support, against, pro in found[:top]:
        if kind == "flip":
            more = f" (and {len(pro) - 1} more triangle{'s' if len(pro) > 2 else ''})" if len(pro) > 1 else ""
            reason = f"{name(S, a)} and {name(S, c)} are {_stance(now)}, but {_triad_words(S, a, pro[0], c)}{more}; balance theory expects the tie to turn {_stance(-now)}"
        else:
            more = f" (and {len(pro) - 1} more)" if len(pro) > 1 else ""
            reason = f"{_triad_words(S, a, pro[0], c)}{more}; balance theory expects them to become {_stance(expected)}"
        rows.append(
            {
                "kind": kind,
                "actor_a": a,
                "actor_b": c,
                "name_a": name(S, a),
                "name_b": name(S, c),
                "current": now,
                "expected": expected,
                "score": round(score, 6),
                "support": support,
                "against": against,
                "via": pro,
                "triangles": [_triangle(S, a, b, c) for b in pro],
                "reason": reason,
            }
        )
    frame = pd.DataFrame(rows, columns=PREDICTION_COLUMNS)
    frame["score"] = frame["score"].astype(float)
    return frame
