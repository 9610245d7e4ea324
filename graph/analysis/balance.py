"""Structural balance: triangles, the frustration index, frustrated ties and camps (``docs/analysis.md``, sections 2-3).

Each public function takes the actor graph (collapsed by the tie rules of
:mod:`graph.analysis.ties`) or a signed graph; the ``_``-prefixed ones take a
signed graph and its best split, so that the report computes both once.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Hashable

import networkx as nx
import pandas as pd

from ._common import AsOf, name
from .solver import Split, best_split, violated
from .ties import signed

__all__ = ["balance", "camp_labels", "camps", "frustrated_ties", "frustration", "triangles"]

#: Options that choose the split (see :func:`frustration`); the others are tie rules.
SPLIT_OPTIONS = ("weak", "weighted", "exact_limit", "restarts", "seed", "method", "time_limit")


def split_options(options: dict) -> tuple[dict, dict]:
    """``options`` parted into (tie rules, split options)."""
    return {k: v for k, v in options.items() if k not in SPLIT_OPTIONS}, {k: v for k, v in options.items() if k in SPLIT_OPTIONS}


def signed_and_split(G: nx.Graph, as_of: AsOf, options: dict) -> tuple[nx.Graph, Split]:
    """The signed graph of ``G`` and its best split, from mixed tie rules and split options."""
    rules, opts = split_options(options)
    S = signed(G, as_of, **rules)
    return S, best_split(S, **opts)


def triangle_balanced(signs: tuple[int, int, int], weak: bool) -> bool:
    negatives = sum(s < 0 for s in signs)
    return negatives % 2 == 0 or (weak and negatives == 3)


_READINGS = {
    0: "three friends",
    1: "a friend of a friend is an enemy",
    2: "the enemy of my enemy is my friend",
    3: "three mutual enemies",
}

TRIANGLE_COLUMNS = ["actor_a", "actor_b", "actor_c", "names", "sign_ab", "sign_bc", "sign_ac", "signs", "negatives", "balanced", "reading"]


def triangles(G: nx.Graph, *, weak: bool = False, as_of: AsOf = None, **rules) -> pd.DataFrame:
    """Every triangle of signed ties, with its signs and whether it is balanced.

    Strong balance (Heider; Cartwright and Harary): a triangle is balanced
    when it has an even number of negative ties (+++ and +−−). Weak balance
    (Davis), with ``weak=True``, also counts all-negative triangles (−−−)
    as balanced. ``rules`` are the tie rules of :func:`~graph.analysis.signed_ties`.

    Returns
    -------
    DataFrame
        ``actor_a`` < ``actor_b`` < ``actor_c``, ``names``, ``sign_ab``,
        ``sign_bc``, ``sign_ac``, ``signs`` (e.g. ``"++-"``), ``negatives``,
        ``balanced`` and ``reading`` (the triangle in words).

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", -1), ("B", "C", -1), ("A", "C", -1), ("C", "D", 1), ("B", "D", -1)])
    >>> triangles(S)[["names", "signs", "balanced"]]
         names signs  balanced
    0  A, B, C   ---     False
    1  B, C, D   -+-      True
    >>> triangles(S, weak=True).balanced.tolist()
    [True, True]
    """
    return _triangles(signed(G, as_of, **rules), weak)


def _triangles(S: nx.Graph, weak: bool) -> pd.DataFrame:
    order = {n: i for i, n in enumerate(sorted(S.nodes, key=str))}
    rows = []
    for a in sorted(S.nodes, key=str):
        later = sorted((n for n in S[a] if order[n] > order[a]), key=order.get)
        for b, c in itertools.combinations(later, 2):
            if not S.has_edge(b, c):
                continue
            sab, sbc, sac = S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]
            negatives = (sab < 0) + (sbc < 0) + (sac < 0)
            rows.append(
                {
                    "actor_a": a,
                    "actor_b": b,
                    "actor_c": c,
                    "names": ", ".join(name(S, n) for n in (a, b, c)),
                    "sign_ab": sab,
                    "sign_bc": sbc,
                    "sign_ac": sac,
                    "signs": "".join("+" if s > 0 else "-" for s in (sab, sbc, sac)),
                    "negatives": negatives,
                    "balanced": triangle_balanced((sab, sbc, sac), weak),
                    "reading": _READINGS[negatives],
                }
            )
    return pd.DataFrame(rows, columns=TRIANGLE_COLUMNS)


def frustration(G: nx.Graph, *, as_of: AsOf = None, **options) -> pd.DataFrame:
    """The frustration index: the fewest ties to flip or remove to reach balance.

    Under strong balance the actors are split in two camps (friendly ties
    inside, hostile ties between); under weak balance (``weak=True``) in any
    number of camps. A tie is *frustrated* when it is friendly across camps
    or hostile within one; the frustration index is the fewest frustrated
    ties over every split (with ``weighted=True``, the least total |weight|).
    Each connected component is split on its own (see
    :func:`graph.analysis.solver.best_split`): small ones by enumeration,
    larger ones by binary programming with HiGHS (strong balance; proven
    ``bound`` and ``gap``) or by local search (weak balance, or
    ``method="local"``; no bound). ``options``: the split options ``weak``,
    ``weighted``, ``exact_limit``, ``restarts``, ``seed``, ``method``,
    ``time_limit``, and the tie rules of :func:`~graph.analysis.signed_ties`.

    Returns
    -------
    DataFrame
        One row: ``frustration``, ``bound`` (proven lower bound, NaN
        without one), ``gap``, ``ties``, ``frustration_share``, ``camps``,
        ``exact`` (bool), ``method`` and ``seconds``.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> triad = from_signs([("A", "B", -1), ("B", "C", -1), ("A", "C", -1)])
    >>> [float(frustration(triad, weak=weak).at[0, "frustration"]) for weak in (False, True)]
    [1.0, 0.0]
    >>> int(frustration(triad, weak=True).at[0, "camps"])
    3
    """
    S, split = signed_and_split(G, as_of, options)
    return _frustration(S, split, weighted=options.get("weighted", False))


def _frustration(S: nx.Graph, split: Split, *, weighted: bool = False) -> pd.DataFrame:
    ties = S.number_of_edges()
    total = sum(abs(x) for *_, x in S.edges(data="weight")) if weighted else ties
    row = {
        "frustration": float(split.cost),
        "bound": math.nan if split.bound is None else float(split.bound),
        "gap": split.gap,
        "ties": ties,
        "frustration_share": split.cost / total if total else 0.0,
        "camps": len({c for c in split.labels.values() if c is not None}),
        "exact": split.exact,
        "method": split.method,
        "seconds": round(split.seconds, 3),
    }
    return pd.DataFrame([row])


FRUSTRATED_COLUMNS = ["actor_a", "actor_b", "name_a", "name_b", "sign", "weight", "camp_a", "camp_b", "why"]


def frustrated_ties(G: nx.Graph, *, as_of: AsOf = None, **options) -> pd.DataFrame:
    """The ties that the best split (see :func:`frustration`) leaves frustrated.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 5), ("B", "C", 5), ("A", "C", -1), ("C", "D", -1)])
    >>> frustrated_ties(S)[["actor_a", "actor_b", "sign", "why"]]
      actor_a actor_b  sign                    why
    0       A       C    -1  hostile within a camp
    """
    return _frustrated_ties(*signed_and_split(G, as_of, options))


def _frustrated_ties(S: nx.Graph, split: Split) -> pd.DataFrame:
    rows = []
    for u, v, d in violated(S, split.labels):
        a, b = sorted((u, v), key=str)
        rows.append(
            {
                "actor_a": a,
                "actor_b": b,
                "name_a": name(S, a),
                "name_b": name(S, b),
                "sign": d["sign"],
                "weight": d.get("weight"),
                "camp_a": split.labels[a],
                "camp_b": split.labels[b],
                "why": "friendly across camps" if d["sign"] > 0 else "hostile within a camp",
            }
        )
    return pd.DataFrame(rows, columns=FRUSTRATED_COLUMNS).sort_values(["actor_a", "actor_b"], ignore_index=True)


def _louvain(S: nx.Graph, seed: int) -> dict:
    """Louvain communities of the friendly ties, numbered 1.. by size."""
    P = nx.Graph()
    P.add_nodes_from(S.nodes)
    P.add_weighted_edges_from((u, v, abs(d["weight"])) for u, v, d in S.edges(data=True) if d["sign"] > 0)
    found = nx.community.louvain_communities(P, weight="weight", seed=seed)
    ordered = sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))
    return {n: i for i, members in enumerate(ordered, 1) for n in members}


def camps(G: nx.Graph, *, as_of: AsOf = None, **options) -> pd.DataFrame:
    """The camps of the best balance split, beside the Louvain communities of the friendly ties.

    Camps come from :func:`frustration`'s best split and are numbered 1, 2,
    … by connected component (largest first), then by size; an actor with
    no signed tie has no camp (``<NA>``): an arena, a bloc folded into its
    members, an actor with no relation in effect. Communities are networkx's
    Louvain communities of the positive ties (weighted by |weight|, seeded
    with ``seed``), numbered the same way. An actor ``agrees`` when its camp
    is the camp most members of its community are in.

    Returns
    -------
    DataFrame
        ``actor_id``, ``name``, ``camp``, ``community``, ``agrees``; sorted
        by camp then name.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1), ("A", "D", -1)])
    >>> camps(S)[["actor_id", "camp", "community", "agrees"]]
      actor_id  camp  community  agrees
    0        A     1          1    True
    1        B     1          1    True
    2        C     2          2    True
    3        D     2          2    True
    """
    return _camps(*signed_and_split(G, as_of, options), seed=options.get("seed", 0))


def _camps(S: nx.Graph, split: Split, *, seed: int = 0) -> pd.DataFrame:
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
            "name": name(S, n),
            "camp": split.labels[n],
            "community": community[n],
            "agrees": split.labels[n] == majority[community[n]],
        }
        for n in S.nodes
    ]
    frame = pd.DataFrame(rows, columns=["actor_id", "name", "camp", "community", "agrees"])
    frame["camp"] = frame["camp"].astype("Int64")
    return frame.sort_values(["camp", "name"], ignore_index=True, na_position="last")


def camp_labels(G: nx.Graph, *, as_of: AsOf = None, members: int = 3, **options) -> dict[Hashable, str]:
    """A name for each actor's camp, for colouring the page (``graph.render``'s ``camps=``).

    A camp is named by its number and its first ``members`` actors (most ties
    first, then by name); actors without a camp are left out.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 1), ("B", "C", 1), ("A", "D", -1), ("B", "D", -1)])
    >>> camp_labels(S, members=2)
    {'A': 'camp 1: B, A…', 'B': 'camp 1: B, A…', 'C': 'camp 1: B, A…', 'D': 'camp 2: D'}
    """
    S, split = signed_and_split(G, as_of, options)
    labels = split.labels
    groups: dict[int, list] = {}
    for n, c in labels.items():
        if c is not None:
            groups.setdefault(c, []).append(n)
    names = {}
    for c, group in groups.items():
        ranked = sorted(group, key=lambda n: (-S.degree(n), name(S, n)))
        shown = ", ".join(name(S, n) for n in ranked[:members]) + ("…" if len(ranked) > members else "")
        names[c] = f"camp {c}: {shown}"
    return {n: names[labels[n]] for n in sorted(S.nodes, key=str) if labels[n] is not None}


def balance(G: nx.Graph, *, as_of: AsOf = None, **options) -> pd.DataFrame:
    """How balanced the signed graph is, in one row.

    ``weak`` chooses the balance (see :func:`triangles`); it and the other
    ``options`` choose the split and the ties, as for :func:`frustration`.

    Returns
    -------
    DataFrame
        ``actors``, ``ties``, ``positive``, ``negative``, ``triangles``,
        ``balanced_triangles``, ``balance_share`` (balanced triangles over
        all; NaN without triangles), ``frustration``, ``bound``, ``gap``,
        ``camps``, ``exact``, ``method``, ``weak``.

    Examples
    --------
    >>> from graph.analysis import from_signs
    >>> S = from_signs([("A", "B", 1), ("B", "C", -1), ("A", "C", -1)])
    >>> balance(S)[["triangles", "balance_share", "frustration", "camps"]]
       triangles  balance_share  frustration  camps
    0          1            1.0          0.0      2
    """
    S, split = signed_and_split(G, as_of, options)
    weak = options.get("weak", False)
    return _balance(S, split, _triangles(S, weak), weak=weak, weighted=options.get("weighted", False))


def _balance(S: nx.Graph, split: Split, tri: pd.DataFrame, *, weak: bool, weighted: bool = False) -> pd.DataFrame:
    frus = _frustration(S, split, weighted=weighted).iloc[0]
    signs = [s for *_, s in S.edges(data="sign")]
    row = {
        "actors": S.number_of_nodes(),
        "ties": len(signs),
        "positive": sum(s > 0 for s in signs),
        "negative": sum(s < 0 for s in signs),
        "triangles": len(tri),
        "balanced_triangles": int(tri["balanced"].sum()),
        "balance_share": float(tri["balanced"].mean()) if len(tri) else math.nan,
        **{k: frus[k] for k in ("frustration", "bound", "gap", "camps", "exact", "method")},
        "weak": weak,
    }
    return pd.DataFrame([row])
