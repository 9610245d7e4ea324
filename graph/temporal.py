"""Time: when each relation is in effect, and the map as of a date.

Two axes (``docs/data-model.md``, *Time* and *History*):

- valid time, ``start``/``end``: a partial date stands for its whole period;
  a relation is in effect on day D when the first day of ``start`` <= D <=
  the last day of ``end``;
- what was public when: a row is *known* from the day its earliest cited
  source was published (:func:`known_since`; ``--known``), and *recorded* on
  the day it was entered (``recorded``; ``diff --as-recorded``).

A row that another row supersedes holds until the day before its successor
starts, when the successor starts later; otherwise the successor replaces it
entirely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from .dates import PartialDate, parse_date

__all__ = [
    "Interval",
    "annotate",
    "as_known",
    "as_of",
    "as_recorded",
    "effective_intervals",
    "in_effect",
    "interval_columns",
    "known_since",
]


@dataclass(frozen=True, slots=True)
class Interval:
    """When one row is in effect, after supersession.

    ``valid_from`` / ``valid_to`` are ISO days, None when open.
    """

    valid_from: str | None
    valid_to: str | None
    superseded_by: str | None
    replaced: bool

    def contains(self, day: dt.date) -> bool:
        """Whether the row is in effect on ``day``.

        Examples
        --------
        >>> Interval("2024-06-01", None, None, False).contains(dt.date(2024, 6, 1))
        True
        >>> Interval(None, "2024-05-31", "x", False).contains(dt.date(2024, 6, 1))
        False
        """
        return _holds(self.valid_from, self.valid_to, self.replaced, day.isoformat())


def _holds(valid_from: str | None, valid_to: str | None, replaced: bool, iso: str) -> bool:
    """The one definition of "in effect on the ISO day ``iso``", for :class:`Interval` and for an edge's dict."""
    return not replaced and (valid_from is None or valid_from <= iso) and (valid_to is None or iso <= valid_to)


def effective_intervals(rows: Iterable[Mapping]) -> dict[str, Interval]:
    """The interval in which each row is in effect, given the rows it competes with.

    Parameters
    ----------
    rows : iterable of mappings
        With ``relation_id``, ``start``, ``end`` and ``supersedes``.

    Examples
    --------
    >>> rows = [
    ...     {"relation_id": "a", "start": "2024-06-19", "end": None, "supersedes": None},
    ...     {"relation_id": "b", "start": "2024-12-04", "end": None, "supersedes": "a"},
    ... ]
    >>> iv = effective_intervals(rows)
    >>> iv["a"].valid_from, iv["a"].valid_to, iv["b"].valid_from
    ('2024-06-19', '2024-12-03', '2024-12-04')
    >>> rows[1]["start"] = "2024-06"  # not later: a correction replaces the row
    >>> effective_intervals(rows)["a"].replaced
    True
    """
    rows = list(rows)
    rid, start, end, supersedes = ([r.get(c) for r in rows] for c in ("relation_id", "start", "end", "supersedes"))
    columns = interval_columns(rid, start, end, supersedes)
    return {r: Interval(*values) for r, *values in zip(rid, *columns, strict=True)}


def interval_columns(rid: list, start: list, end: list, supersedes: list) -> tuple[list, list, list, list]:
    """:func:`effective_intervals` column by column: ``valid_from``, ``valid_to``, ``superseded_by`` and ``replaced``, row for row.

    For :func:`graph.build.build_graph`, which holds the table as columns: no
    dict or :class:`Interval` is made per row.

    Examples
    --------
    >>> interval_columns(["a", "b"], ["2024-06-19", "2024-12"], [None, None], [None, "a"])
    (['2024-06-19', '2024-12-01'], ['2024-11-30', None], ['b', None], [False, False])
    """
    # Rows share few distinct dates: each is parsed once.
    dates = {t: PartialDate.parse(t) for t in dict.fromkeys([*start, *end]) if t}
    first_iso = {t: d.first.isoformat() for t, d in dates.items()}
    last_iso = {t: d.last.isoformat() for t, d in dates.items()}
    valid_from = [first_iso[t] if t else None for t in start]
    valid_to = [last_iso[t] if t else None for t in end]
    superseded_by: list = [None] * len(rid)
    replaced = [False] * len(rid)
    # The last row that names a row wins, as a dict of rows keyed by what they supersede would keep.
    successor = {old: i for i, old in enumerate(supersedes) if old}
    if successor:
        for i, r in enumerate(rid):
            j = successor.get(r)
            if j is None:
                continue
            superseded_by[i] = rid[j]
            begins = dates[start[i]].first if start[i] else None
            nxt_start = dates[start[j]].first if start[j] else None
            if nxt_start is not None and (begins is None or nxt_start > begins):
                day_before = nxt_start - dt.timedelta(days=1)
                ends = dates[end[i]].last if end[i] else None
                valid_to[i] = (day_before if ends is None else min(ends, day_before)).isoformat()
            else:
                replaced[i] = True
    return valid_from, valid_to, superseded_by, replaced


def annotate(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set ``valid_from``, ``valid_to``, ``superseded_by`` and ``replaced`` on every edge, in place."""
    intervals = effective_intervals(d for *_, d in G.edges(data=True))
    for *_, d in G.edges(data=True):
        iv = intervals[d["relation_id"]]
        d.update(valid_from=iv.valid_from, valid_to=iv.valid_to, superseded_by=iv.superseded_by, replaced=iv.replaced)
    return G


def in_effect(data: Mapping, day: dt.date) -> bool:
    """Whether the edge with attributes ``data`` is in effect on ``day``.

    An edge that :func:`annotate` has not seen counts as always in effect.

    Examples
    --------
    >>> in_effect({"valid_from": "2024-06-01", "valid_to": None}, dt.date(2024, 5, 31))
    False
    >>> in_effect({}, dt.date(2024, 5, 31))
    True
    """
    return _in_effect_on(data, day.isoformat())


def _in_effect_on(data: Mapping, iso: str) -> bool:
    """:func:`in_effect` on the ISO day ``iso``, without building an :class:`Interval`."""
    return _holds(data.get("valid_from"), data.get("valid_to"), bool(data.get("replaced")), iso)


def as_of(G: nx.MultiDiGraph, date: str | dt.date) -> nx.MultiDiGraph:
    """The map on ``date``: every actor, and the relations in effect that day.

    A partial date means the last day of its period (``"2024"`` is 31
    December 2024). The result is a read-only view of ``G``; query it like
    the full graph. Whether an edge is in effect is decided the first time
    the view looks at it and then remembered: change no edge's dates in
    ``G`` while the view is in use (nothing in this package does).

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> sorted(as_of(G, "2024-01-01").edges(keys=True))
    [('RUS', 'UKR', 'war-1')]
    >>> sorted(k for *_, k in as_of(G, "2024-12-31").edges(keys=True))
    ['condemn-1', 'pact-2', 'troops-1', 'war-1']
    """
    day = parse_date(date)
    iso, succ = day.isoformat(), G.succ
    kept: dict[tuple, bool] = {}

    def shown(u, v, k) -> bool:
        # Each edge is judged once, when first looked at, then remembered: every later pass over the view
        # (queries and analyses make several) costs a lookup. Lazily, so that a view of which only a few
        # edges are read (graph.eventdata makes one per period) costs only those.
        key = (u, v, k)
        answer = kept.get(key)
        if answer is None:
            answer = kept[key] = _in_effect_on(succ[u][v][k], iso)
        return answer

    view = nx.subgraph_view(G, filter_edge=shown)
    # A view shares G.graph; give it its own, so the date does not leak into G.
    view.graph = {**G.graph, "as_of": day.isoformat()}
    return view


def known_since(data: Mapping, sources: Mapping[str, Mapping]) -> dt.date:
    """The day from which the row ``data`` was public: when its earliest cited source was published.

    A source dated to a month or a year counts from the *last* day of that
    period (it was surely out by then). A source without a date counts from
    the row's ``start`` (last day of its period): the fact is taken to be
    public when it began, as treaties and votes are. A row none of whose
    sources gives a date, and which has no start, is known from the day it
    was ``recorded``.

    Examples
    --------
    >>> sources = {"a": {"date": "2024-10"}, "b": {"date": "2024-10-23"}, "w": {"date": None}}
    >>> known_since({"citation": ["a", "b"], "start": "2024-10-08"}, sources)
    datetime.date(2024, 10, 23)
    >>> known_since({"citation": ["w"], "start": "1953-10-01"}, sources)
    datetime.date(1953, 10, 1)
    >>> known_since({"citation": ["w"], "start": None, "recorded": "2024-10-31"}, sources)
    datetime.date(2024, 10, 31)
    """
    days = []
    for sid in data.get("citation") or []:
        date = (sources.get(sid) or {}).get("date")
        if date:
            days.append(PartialDate.parse(date).last)
        elif data.get("start"):
            days.append(PartialDate.parse(data["start"]).last)
    if days:
        return min(days)
    if data.get("start"):
        return PartialDate.parse(data["start"]).last
    return parse_date(data["recorded"]) if data.get("recorded") else dt.date.min


def as_known(G: nx.MultiDiGraph, date: str | dt.date) -> nx.MultiDiGraph:
    """What was public on ``date``: the rows whose earliest cited source was out by then (:func:`known_since`).

    A row superseded by one that was not yet public is still in effect here.
    Combine with :func:`as_of` to ask what was known, on one date, about
    another.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> sorted(k for *_, k in as_known(G, "2024-11-01").edges(keys=True))
    ['condemn-1', 'pact-1', 'troops-1', 'war-1']
    >>> as_known(G, "2024-11-01").edges["PRK", "RUS", "pact-1"]["superseded_by"] is None
    True
    """
    day = parse_date(date)
    sources = G.graph.get("sources", {})
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if known_since(d, sources) > day])
    H.graph["as_known"] = day.isoformat()
    return annotate(H)


def as_recorded(G: nx.MultiDiGraph, date: str | dt.date) -> nx.MultiDiGraph:
    """What we had entered by ``date``: the rows recorded by then, as they stood then (``diff --as-recorded``).

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> sorted(k for *_, k in as_recorded(G, "2024-11-01").edges(keys=True))
    ['condemn-1', 'pact-1', 'troops-1', 'war-1']
    """
    day = parse_date(date).isoformat()
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k, r in G.edges(keys=True, data="recorded") if r > day])
    H.graph["as_recorded"] = day
    return annotate(H)
