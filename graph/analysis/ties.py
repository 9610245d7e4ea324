"""From relations to one signed tie per pair of actors (rules in ``docs/analysis.md``, section 1).

A relation counts when it is in effect on the day; an *event* (a statement, a
strike: ``temporality`` in ``relation_types.csv``) also fades, halving every
``half_life_days`` after its date, and stops counting after ``horizon_days``.
A *bloc*'s acts are folded into its members (or kept, or dropped), never
counted beside the same act of a member; an *arena* (``role`` of its kind)
takes no side, so its relations make no tie.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import pandas as pd

from ..dates import PartialDate
from ..query import resolve_actor
from ..temporal import in_effect
from ._common import EPS, AsOf, day_of, in_period, is_actor_graph, is_view, name, overlaps, role

__all__ = ["BLOC_MODES", "TIE_COLUMNS", "from_signs", "members_on", "signed_graph", "signed_ties"]

#: What analysis does with a bloc's relations: fold them into its members, keep them on the bloc, or drop them.
BLOC_MODES = ("fold", "keep", "drop")

TIE_COLUMNS = ["actor_a", "actor_b", "name_a", "name_b", "weight", "sign", "relations", "positive", "negative", "relation_ids", "types"]


def members_on(G: nx.Graph, day) -> dict[Hashable, list]:
    """Each bloc's members on ``day``, from ``G.graph["memberships"]`` (``memberships.csv``).

    Examples
    --------
    >>> G = nx.MultiDiGraph(memberships={"m1": {"member": "USA", "bloc": "WST", "start": "1949", "end": None}})
    >>> G.add_nodes_from(["USA", "WST"])
    >>> import datetime as dt
    >>> members_on(G, dt.date(2024, 1, 1)), members_on(G, dt.date(1900, 1, 1))
    ({'WST': ['USA']}, {})
    """
    out: dict[Hashable, list] = {}
    for row in G.graph.get("memberships", {}).values():
        if row["member"] in G and row["bloc"] in G and in_period(row.get("start"), row.get("end"), day):
            out.setdefault(row["bloc"], []).append(row["member"])
    return {b: sorted(ms, key=str) for b, ms in out.items()}


def _status_weights(G: nx.Graph, status_weights: Mapping[str, float] | None, include_potential: bool) -> dict[str, float]:
    weights = {s: float(row.get("weight", 1.0)) for s, row in G.graph.get("statuses", {}).items()}
    weights.update(status_weights or {})
    if not include_potential:
        weights["potential"] = 0.0
    return weights


def _fade(kind: Mapping, d: Mapping, day) -> float:
    """How much an event still counts on ``day``: 0.5 ** (age / half-life) up to the horizon, then 0; 1 for a state."""
    if kind.get("temporality") != "event" or not d.get("start"):
        return 1.0
    age = (day - PartialDate.parse(d["start"]).first).days
    horizon = kind.get("horizon_days")
    if age < 0 or (horizon is not None and age > horizon):
        return 0.0
    half_life = kind.get("half_life_days")
    return 0.5 ** (age / half_life) if half_life else 1.0


def relations(
    G: nx.Graph,
    *,
    as_of: AsOf = None,
    status_weights: Mapping[str, float] | None = None,
    include_potential: bool = True,
    by_confidence: bool = False,
    blocs: str = "fold",
) -> list[tuple[Hashable, Hashable, dict, float]]:
    """``(source, target, data, effective weight)`` of each relation that counts on the day.

    On a signed ``nx.Graph`` each edge is one symmetric relation of weight ``weight``.
    """
    if not is_actor_graph(G):
        out = []
        for u, v, d in G.edges(data=True):
            w = d.get("weight", d.get("sign", 0))
            out.append(
                (u, v, {"directed": False, "type": d.get("type", "tie"), "relation_id": f"{u}-{v}", "sign": d.get("sign"), **d}, float(w))
            )
        return out
    if blocs not in BLOC_MODES:
        msg = f'blocs must be one of {", ".join(BLOC_MODES)}, not "{blocs}"'
        raise ValueError(msg)
    day = day_of(G, as_of)
    # A view from graph.temporal.as_of holds only the relations in effect on its day already.
    check_time = as_of is not None or not is_view(G)
    weights = _status_weights(G, status_weights, include_potential)
    types = G.graph.get("relation_types", {})
    out = []
    for u, v, d in G.edges(data=True):
        if check_time and not in_effect(d, day):
            continue
        factor = weights.get(d.get("status"), 1.0) * _fade(types.get(d.get("type"), {}), d, day)
        if by_confidence and d.get("confidence") is not None:
            factor *= d["confidence"]
        w = d.get("weight")
        w = float(d.get("sign") or 0 if w is None else w) * factor
        if abs(w) < EPS:
            continue
        out.append((u, v, d, w))
    return _blocs(G, out, day, blocs)


def _blocs(G: nx.Graph, rels: list[tuple], day, mode: str) -> list[tuple]:
    """Fold, keep or drop the relations of blocs, so that no act is counted twice."""
    is_bloc = {n: role(G, n) == "bloc" for n in G.nodes}
    if not any(is_bloc.values()):
        return rels
    if mode == "drop":
        return [r for r in rels if not (is_bloc[r[0]] or is_bloc[r[1]])]
    members = members_on(G, day)

    def key(a, b, d):
        return (a, b, d.get("type")) if d.get("directed", True) else (*sorted((a, b), key=str), d.get("type"))

    def grouped(n):
        return members.get(n) if is_bloc[n] and members.get(n) else None

    own: dict[tuple, list] = {}
    for u, v, d, _ in rels:
        if not (grouped(u) or grouped(v)):
            own.setdefault(key(u, v, d), []).append(d.get("start"))

    def same_act(a, b, d) -> bool:
        return any(overlaps(s, d.get("start")) for s in own.get(key(a, b, d), []))

    out = []
    for u, v, d, w in rels:
        us, vs = grouped(u), grouped(v)
        if not (us or vs):
            out.append((u, v, d, w))
            continue
        pairs = [(a, b) for a in us or [u] for b in vs or [v] if a != b]
        if mode == "keep":
            # The bloc's row is the members' own act reported once more: count the members' rows only.
            if not any(same_act(a, b, d) for a, b in pairs):
                out.append((u, v, d, w))
            continue
        for a, b in pairs:
            if not same_act(a, b, d):
                out.append((a, b, {**d, "source": a, "target": b, "folded_from": (u, v)}, w))
    return out


def signed_ties(
    G: nx.Graph,
    *,
    as_of: AsOf = None,
    status_weights: Mapping[str, float] | None = None,
    include_potential: bool = True,
    by_confidence: bool = False,
    blocs: str = "fold",
) -> pd.DataFrame:
    """One signed, weighted tie per pair of actors, from the relations that count on a day.

    The rules (``docs/analysis.md``, section 1): a relation counts when it is
    in effect on the day (``as_of``; the date of an ``as_of`` view; else
    today) with a weight above 0. Its weight is its signed −10..+10
    intensity × the weight of its status (``statuses.csv``, overridden by
    ``status_weights``) × (with ``by_confidence``) its confidence × for an
    event, ``0.5 ** (age / half_life_days)``, and 0 past ``horizon_days``.
    Between two actors, relations of one family (``relation_families.csv``)
    and one sign describe one channel: the strongest of them counts. The
    channels add up; the tie's sign is the sign of the sum. Relations of an
    arena make no tie; a bloc's are folded into its members on the day
    (``blocs="fold"``), kept on the bloc unless a member has the same act
    (``"keep"``), or dropped (``"drop"``).

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
    blocs : {"fold", "keep", "drop"}
        What to do with the relations of blocs.

    Returns
    -------
    DataFrame
        ``actor_a`` < ``actor_b``, their names, ``weight`` (the sum),
        ``sign`` (−1, 0, 1), ``relations`` (count), ``positive`` and
        ``negative`` (the sums of each sign that count), ``relation_ids``, ``types``.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> signed_ties(G, as_of="2024-12-31")[["name_a", "name_b", "weight", "sign", "relations"]].round(3)
            name_a         name_b  weight  sign  relations
    0  North Korea         Russia  14.225     1          2
    1  North Korea  United States  -1.176    -1          1
    2       Russia        Ukraine -10.000    -1          1

    The condemnation of 23 October is an event: 69 days later it counts
    0.5 ** (69 / 90) of its −2; a year and a half later, nothing.

    >>> signed_ties(G, as_of="2026-06-30").name_b.tolist()
    ['Russia', 'Ukraine']
    """
    rows: dict[tuple, dict] = {}
    families = {t: k.get("family") or t for t, k in G.graph.get("relation_types", {}).items()}
    arena = {n: role(G, n) == "arena" for n in G.nodes} if is_actor_graph(G) else {}
    rules = {"status_weights": status_weights, "include_potential": include_potential, "by_confidence": by_confidence, "blocs": blocs}
    for u, v, d, w in relations(G, as_of=as_of, **rules):
        a, b = sorted((u, v), key=str)
        if a == b or arena.get(a) or arena.get(b):
            continue
        row = rows.setdefault((a, b), {"channels": {}, "relations": 0, "relation_ids": [], "types": []})
        channel = (families.get(d.get("type"), d.get("type")), w > 0)
        row["channels"][channel] = max(row["channels"].get(channel, 0.0), w, key=abs)
        row["relations"] += 1
        if d.get("relation_id") not in row["relation_ids"]:
            row["relation_ids"].append(d.get("relation_id"))
        if d.get("type") not in row["types"]:
            row["types"].append(d.get("type"))
    records = []
    for (a, b), row in sorted(rows.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        channels = row.pop("channels").values()
        weight = round(sum(channels), 9)
        sign = 0 if abs(weight) < EPS else int(math.copysign(1, weight))
        positive = round(sum(w for w in channels if w > 0), 9)
        negative = round(sum(w for w in channels if w < 0), 9)
        row["relation_ids"] = sorted(row["relation_ids"], key=str)
        records.append(
            {"actor_a": a, "actor_b": b, "name_a": name(G, a), "name_b": name(G, b), **row, "weight": weight, "sign": sign}
            | {"positive": positive, "negative": negative}
        )
    return pd.DataFrame(records, columns=TIE_COLUMNS)


def signed_graph(G: nx.Graph, *, as_of: AsOf = None, **rules) -> nx.Graph:
    """The signed ties as an undirected ``nx.Graph``: every actor, one edge per non-zero tie.

    Nodes keep their ``name`` (and ``role``: party, bloc, arena); edges carry
    ``sign``, ``weight``, ``relations`` and ``relation_ids``. ``as_of`` and
    ``rules`` are those of :func:`signed_ties`. Ties whose relations cancel
    out (sign 0) are left out. ``S.graph["members"]`` holds each bloc's
    members on the day, so that nothing pairs a bloc with its member.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> S = signed_graph(load_graph(EXAMPLE_DATA), as_of="2024-12-31")
    >>> sorted((u, v, d["sign"]) for u, v, d in S.edges(data=True))
    [('PRK', 'RUS', 1), ('PRK', 'USA', -1), ('RUS', 'UKR', -1)]
    """
    if not is_actor_graph(G):
        return signed(G)
    day = day_of(G, as_of)
    S = nx.Graph(as_of=day.isoformat(), members=members_on(G, day))
    S.add_nodes_from((n, {"name": name(G, n), "role": role(G, n)}) for n in G.nodes)
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


def signed(G: nx.Graph, as_of: AsOf = None, **rules) -> nx.Graph:
    """A signed graph: ``G`` collapsed by the tie rules, or a signed ``G`` checked and copied."""
    if is_actor_graph(G):
        return signed_graph(G, as_of=as_of, **rules)
    S = nx.Graph(G)
    for _, _, d in S.edges(data=True):
        if d.get("sign") is None:
            w = d.get("weight", 0)
            d["sign"] = (w > 0) - (w < 0)
        d.setdefault("weight", float(d["sign"]))
    S.remove_edges_from([(u, v) for u, v, s in S.edges(data="sign") if not s])
    return S


def friendly(S: nx.Graph) -> nx.Graph:
    """Every actor of the signed graph ``S``, and its friendly ties only."""
    P = nx.Graph()
    P.add_nodes_from(S.nodes)
    P.add_edges_from((u, v) for u, v, s in S.edges(data="sign") if s > 0)
    return P


def bloc_pairs(S: nx.Graph) -> set[frozenset]:
    """Pairs of a bloc and one of its members on the day of ``S``."""
    return {frozenset((b, m)) for b, ms in S.graph.get("members", {}).items() for m in ms}


def neighbours(G: nx.MultiDiGraph, actor: str, *, sign: int | None = None, as_of=None, **rules) -> pd.DataFrame:
    """The actors ``actor`` is tied to, as partners or adversaries: its signed ties.

    One definition of partner: the tie of :func:`graph.analysis.signed_ties`
    on the day (``as_of``; the date of an ``as_of`` view; else today), from
    the relations in effect then only (superseded rows give way, events
    fade), by the same ``rules``. A neighbour's ``stance`` is ``partner``
    when the tie is positive, ``adversary`` when negative, ``neutral`` when
    its relations cancel out.

    Parameters
    ----------
    sign : {1, -1, 0}, optional
        Keep only partners (1), adversaries (-1) or neutral ties (0).

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> neighbours(load_graph(EXAMPLE_DATA), "PRK", as_of="2024-12-31")[["name", "stance", "weight", "relations"]].round(3)
                name     stance  weight  relations
    0         Russia    partner  14.225          2
    1  United States  adversary  -1.176          1
    """
    a = resolve_actor(G, actor)
    ties = signed_ties(G, as_of=as_of, **rules)
    mine = ties[(ties["actor_a"] == a) | (ties["actor_b"] == a)]
    rows = []
    for t in mine.to_dict(orient="records"):
        other, other_name = (t["actor_b"], t["name_b"]) if t["actor_a"] == a else (t["actor_a"], t["name_a"])
        if sign is not None and t["sign"] != sign:
            continue
        stance = {1: "partner", -1: "adversary", 0: "neutral"}[t["sign"]]
        rows.append(
            {
                "actor_id": other,
                "name": other_name,
                "stance": stance,
                "weight": t["weight"],
                "relations": t["relations"],
                "types": sorted(t["types"]),
            }
        )
    columns = ["actor_id", "name", "stance", "weight", "relations", "types"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["weight", "name"], ascending=[False, True], ignore_index=True)
