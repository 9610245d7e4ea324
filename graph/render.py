"""The interactive page: one self-contained HTML file built from the graph.

The page draws with vis-network 9.1.2, the bundle that pyvis ships, read
from the installed pyvis package and inlined, so the file opens offline and
makes no network request. Large maps (from :data:`WEBGL_ACTORS` actors or
:data:`WEBGL_RELATIONS` relations) draw with WebGL instead: sigma.js and
graphology, bundled from npm into ``graph/static/vendor`` by
``scripts/vendor_sigma.sh`` and inlined the same way (see
:func:`choose_renderer`). Both views share the page script; only the drawing
adapter differs (``static/draw_vis.js``, ``static/draw_sigma.js``). The rest of pyvis is left aside on purpose (see
``docs`` and the pyvis notes): its template loads Bootstrap from a CDN and
prints the heading unescaped, ``from_nx`` mutates the graph and keeps one
relation per pair of actors, and ``Network.add_edge`` is quadratic. Here the
node and edge dicts, the options and the template are our own; the template
is Jinja with autoescape on, and the data reaches the page script as JSON in
a ``<script type="application/json">`` block, with ``<``, ``>`` and ``&``
escaped so that no value can close the block. Actors and relations go in it
column by column (one list per field, :func:`_payload`); the page script makes
them one object per row again as it loads.

The same graph, positions and arguments always give the same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import networkx as nx
import pandas as pd
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from ._gc import gc_paused
from ._renderers import RENDERERS, WEBGL_ACTORS, WEBGL_RELATIONS, choose_renderer
from .dates import parse_date
from .event_charts import pair_charts
from .layout import LABEL_FONT_SIZE, compute_layout
from .write import writable_path, write_atomic

__all__ = [
    "DEFAULT_TITLE",
    "MAP_BACKGROUND",
    "RENDERERS",
    "SIGNS",
    "WEBGL_ACTORS",
    "WEBGL_RELATIONS",
    "choose_renderer",
    "clean_url",
    "derive_title",
    "render_html",
    "show",
    "story_window",
    "vis_options",
    "write_html",
]

#: The title of a page whose data names no actor at all.
DEFAULT_TITLE = "Actors and relations"
#: The map's background: every line colour of the vocabulary keeps 3:1 contrast on it (tests/test_palette.py).
MAP_BACKGROUND = "#FFFFFF"
#: The share of the dated starts and ends that the story window holds (see :func:`story_window`).
WINDOW_SHARE = 0.75
#: Above this many actors the page draws cheaply: straight edges, no edges while dragging.
LARGE = 500
#: Node size without ``sizes``, and the range that ``sizes`` is scaled to, in pixels.
NODE_SIZE = 12
SIZE_RANGE = (8.0, 30.0)
#: Colours of the sign toggle: cooperation blue, conflict orange (Okabe–Ito), never red/green.
SIGNS = {
    "1": {"label": "Cooperation", "color": "#0072B2"},
    "-1": {"label": "Conflict", "color": "#C85200"},
    "0": {"label": "Neutral", "color": "#767676"},
}
#: Camp colours (Okabe–Ito, safe for colour-blind readers), in order of camp size.
CAMP_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
NO_CAMP = {"label": "No camp", "color": "#9AA0A6"}
_DASHES = {"solid": False, "dashed": [8, 6], "dotted": [2, 5]}
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_WEB = re.compile(r"^https?://", re.IGNORECASE)
_GREY = "#888888"


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    sizes: Mapping[str, float] | None = None,
    camps: Mapping[str, str] | None = None,
    as_of: str | dt.date | None = None,
    size_label: str | None = None,
    layout_cache: str | Path | None = None,
    events: pd.DataFrame | None = None,
    renderer: str = "auto",
) -> str:
    """The page for ``G``, as one HTML string.

    Parameters
    ----------
    G : MultiDiGraph
        As :func:`graph.build.build_graph` makes it (or a view of it, such as
        :func:`graph.temporal.as_of`).
    title : str, optional
        Shown in the header and the window title. By default the map's own
        title (``G.graph["title"]``), or else one made from its most
        connected actors (:func:`derive_title`).
    positions : mapping, optional
        ``actor_id -> (x, y)`` in pixels; :func:`graph.layout.compute_layout` by default.
    sizes : mapping, optional
        ``actor_id -> number`` (a centrality, say): actors are drawn larger
        the larger it is; actors without a number get the smallest size.
    camps : mapping, optional
        ``actor_id -> camp name``: actors are coloured by camp instead of by
        kind (their shape still shows the kind), and the legend explains the camps.
    as_of : str or date, optional
        The date the timeline starts on (a partial date means the last day of
        its period). By default, the date of an :func:`~graph.temporal.as_of`
        view, or else the last day of the data. The page can also show every
        relation of every date ("all dates").
    size_label : str, optional
        What ``sizes`` measures, for the legend ("betweenness").
    layout_cache : path, optional
        Without ``positions``: the JSON file of positions kept between
        builds (see :func:`graph.layout.compute_layout`).
    events : DataFrame, optional
        An aggregate of event data (:func:`graph.events`): the actor, pair and
        relation panels then show the pair's monthly events and mean
        Goldstein score (:func:`graph.event_charts.pair_charts`), as images
        inlined in the page.
    renderer : {"auto", "vis", "webgl"}
        The view that draws the map: vis-network, WebGL (sigma.js), or by
        the map's size (:func:`choose_renderer`).

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> page = render_html(G, title="Example")
    >>> page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    True
    >>> page == render_html(G, title="Example")  # byte-identical
    True
    >>> "http://" in page.split("<script>")[0] or "cdn" in page.lower()
    False
    """
    options = {"title": title, "positions": positions, "sizes": sizes, "camps": camps, "as_of": as_of}
    options |= {"size_label": size_label, "layout_cache": layout_cache, "events": events, "renderer": renderer}
    return "".join(_page(G, **options))


def _page(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    sizes: Mapping[str, float] | None = None,
    camps: Mapping[str, str] | None = None,
    as_of: str | dt.date | None = None,
    size_label: str | None = None,
    layout_cache: str | Path | None = None,
    events: pd.DataFrame | None = None,
    renderer: str = "auto",
) -> Iterator[str]:
    """The page of :func:`render_html` in pieces, the map's data (most of a large page) in slices.

    Everything but writing the data out is done before the first piece, so a
    bad option fails before :func:`write_html` creates any file.
    """
    choose_renderer(0, 0, renderer)  # a renderer that does not exist fails first; the map's size decides below
    if as_of is None:
        as_of = G.graph.get("as_of")
    # The date first: a bad one must fail before the layout cache is written.
    day = parse_date(as_of).isoformat() if as_of is not None else None
    # The collector would walk the graph again and again while the data, a few objects per relation, is made.
    with gc_paused():
        if positions is None:
            positions = compute_layout(G, cache=layout_cache)
        if not title:
            title = G.graph.get("title") or derive_title(G)
        payload, days = _payload(G, positions, sizes, camps, day, size_label)
        # The map's size from its data: counting a multigraph's relations walks them all again.
        payload["renderer"] = choose_renderer(_count(payload["nodes"]), _count(payload["edges"]), renderer)
        if events is not None:
            payload["charts"] = _charts(G, events)
        context = _context(G, payload, days, str(title), camps, size_label)
    # The template is filled with a mark where the data goes, then the data is written there in slices:
    # at 100,000 relations the data's JSON, its escaped copy, the page and its UTF-8 bytes were 130 MB at once.
    before, mark, after = _template().render(**context, data_json=Markup(_DATA_MARK)).partition(_DATA_MARK)
    assert mark and _DATA_MARK not in after, "the data's place is marked once"
    del context

    def pieces() -> Iterator[str]:
        yield before
        yield from _script_json_pieces(payload)
        yield after

    return pieces()


def write_html(G: nx.MultiDiGraph, path: str | Path, **kw) -> Path:
    """Write the page for ``G`` to ``path``, as UTF-8, atomically; return the path.

    Keywords go to :func:`render_html`. The folder of ``path`` is created if
    it is missing, but not the folders above it.

    Examples
    --------
    >>> import tempfile
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> folder = Path(tempfile.mkdtemp())
    >>> out = write_html(load_graph(EXAMPLE_DATA), folder / "map.html", layout_cache=folder / "layout.json")
    >>> out.read_bytes()[:15], sorted(p.name for p in folder.iterdir())
    (b'<!DOCTYPE html>', ['layout.json', 'map.html'])
    """
    writable_path(path)
    if kw.get("layout_cache") is not None:
        writable_path(kw["layout_cache"])  # before the layout writes its cache
    return write_atomic(path, _page(G, **kw), make_folder=True)


class InlinePage:
    """The page in an ``<iframe srcdoc>``: shown inline by Jupyter, VS Code and Colab.

    The whole page travels inside the notebook (no file, no server), and the
    iframe keeps its styles and scripts apart from the notebook's.
    """

    def __init__(self, page: str, height: int = 650) -> None:
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd" '
            'sandbox="allow-scripts allow-popups"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<InlinePage: {len(self.page):,} characters>"


def show(G: nx.MultiDiGraph, height: int = 650, **kw) -> InlinePage:
    """The page for ``G``, for display in a notebook cell.

    Takes the keywords of :func:`render_html`.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> frame = show(load_graph(EXAMPLE_DATA), height=400)._repr_html_()
    >>> frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and "height: 400px" in frame
    True
    """
    return InlinePage(render_html(G, **kw), height)


def vis_options(n_actors: int) -> dict:
    """The vis-network options of the page: physics off, cheap drawing for large maps.

    Examples
    --------
    >>> vis_options(10)["physics"]["enabled"], vis_options(10)["layout"]["improvedLayout"]
    (False, False)
    >>> vis_options(5000)["interaction"]["hideEdgesOnDrag"]
    True
    """
    large = n_actors > LARGE
    return {
        "autoResize": True,
        "height": "100%",
        "width": "100%",
        # Positions come from Python; vis's own first layout is slow and unseeded.
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140, "avoidOverlap": 0.4},
            "stabilization": {"enabled": False},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            # Arrow keys pan and +/- zoom while the map has the focus (it is in the tab order).
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "size": NODE_SIZE,
            "borderWidth": 1.5,
            "font": {
                "size": LABEL_FONT_SIZE,
                "face": "system-ui, Arial, sans-serif",
                "color": "#1d232b",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 0.8,
            "arrowStrikethrough": False,
            "arrows": {"to": {"scaleFactor": 0.55}},
            "font": {"size": 11, "color": "#1d232b", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "horizontal"},
        },
    }


# -- the data handed to the page ------------------------------------------------------


def derive_title(G: nx.MultiDiGraph, top: int = 3) -> str:
    """A title made from the data: the actors with the most counterparts.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> derive_title(load_graph(EXAMPLE_DATA))
    'North Korea, Russia and Ukraine: who does what to whom'
    >>> derive_title(nx.MultiDiGraph())
    'Actors and relations'
    """
    # From each actor's neighbours, not from every relation: pairs with many relations are counted once anyway.
    sides = (G.succ, G.pred) if G.is_directed() else (G.adj,)
    counterparts = {n: len(set().union(*(side[n] for side in sides))) for n in G}
    tied = [n for n, count in counterparts.items() if count]
    ranked = sorted(tied, key=lambda n: (-counterparts[n], str(G.nodes[n].get("name") or n)))[:top]
    names = [str(G.nodes[n].get("name") or n) for n in ranked]
    if not names:
        return DEFAULT_TITLE
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed}: who does what to whom"


def story_window(days: list[str], share: float = WINDOW_SHARE) -> tuple[str, str] | None:
    """The shortest span of whole months that holds ``share`` of ``days`` (ISO days, repeats count).

    The page's slider covers this span first: it is where the data is dense,
    where the story is told.

    Examples
    --------
    >>> story_window(["1950-06-25", "2024-02-01", "2024-06-19", "2024-10-28", "2024-12-04"])
    ('2024-02-01', '2024-12-31')
    >>> story_window([]) is None
    True
    """
    days = sorted(days)
    if not days:
        return None
    need = max(1, math.ceil(share * len(days)))
    spans = ((dt.date.fromisoformat(days[i + need - 1]) - dt.date.fromisoformat(days[i]), i) for i in range(len(days) - need + 1))
    _, first = min(spans)
    start, end = days[first], days[first + need - 1]
    return start[:8] + "01", _month_end(end)


def _month_end(day: str) -> str:
    year, month = int(day[:4]), int(day[5:7])
    if month == 12:
        return f"{day[:4]}-12-31"
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).isoformat()


def _charts(G: nx.MultiDiGraph, events: pd.DataFrame) -> dict[str, str]:
    """Pair key ("A\\u0000B", ids sorted) -> the pair's event chart as a data: URL.

    An ``<img>`` of an SVG runs no script and loads nothing, so the page never
    parses the chart's markup itself; the chart escapes its own text too.
    """
    names = {n: d.get("name", n) for n, d in G.nodes(data=True)}
    known = events[events["source"].isin(names) & events["target"].isin(names)] if len(events) else events
    charts = pair_charts(known, names)
    return {
        f"{a}\u0000{b}": "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        for (a, b), svg in charts.items()
    }


def _payload(G, positions, sizes, camps, day, size_label) -> tuple[dict, list[str]]:
    """The page's data, and the days its relations start and end on (rows replaced by a correction left out).

    Actors and relations go column by column (:func:`_table`): one list per field, much
    smaller and faster to make than a dict per row; page.js turns them back into rows.
    """
    kinds = G.graph.get("actor_kinds", {})
    types = G.graph.get("relation_types", {})
    families = G.graph.get("relation_families", {})
    statuses = G.graph.get("statuses", {})
    nodes = _node_columns(G, positions, kinds, sizes, camps)
    edges = _edge_columns(G, types, statuses)

    present_types = sorted(set(edges["type"]))
    present_families = sorted(
        {str(types.get(t, {}).get("family") or "other") for t in present_types},
        key=lambda f: (_number(families.get(f, {}).get("rank")) or 99, f),
    )
    present_statuses = [s for s in statuses if s in set(edges["status"])]
    present_signs = [s for s in SIGNS if int(s) in set(edges["sign"])]
    current = [not r for r in edges["replaced"]]
    days = [d for keep, *pair in zip(current, edges["valid_from"], edges["valid_to"], strict=True) if keep for d in pair if d]
    changes = _change_days(current, edges["valid_from"], edges["until"], day)
    span = (changes[0], changes[-1]) if changes else None
    window = story_window(days)
    # The last day a relation starts or ends: the map as far as the data knows.
    opening = day or (max(days, default=None) if span else None)
    if window and opening:
        window = (min(window[0], opening), max(window[1], opening))
    payload = {
        "nodes": _table(nodes),
        "edges": _table(edges),
        "families": {
            f: {
                "label": families.get(f, {}).get("label", f.replace("_", " ").capitalize()),
                "color": _colour(families.get(f, {}).get("color")),
                "rank": _number(families.get(f, {}).get("rank")) or 99,
            }
            for f in present_families
        },
        "types": {
            t: _clean(
                {
                    "label": types.get(t, {}).get("label", t),
                    "verb": types.get(t, {}).get("verb", t),
                    "family": str(types.get(t, {}).get("family") or "other"),
                    "color": _colour(types.get(t, {}).get("color")),
                    "unit": types.get(t, {}).get("unit"),
                    "directed": bool(types.get(t, {}).get("directed", True)),
                    "event": types.get(t, {}).get("temporality") == "event" or None,
                    "half_life": _number(types.get(t, {}).get("half_life_days")),
                    "horizon": _number(types.get(t, {}).get("horizon_days")),
                }
            )
            for t in present_types
        },
        "statuses": {
            s: {
                "label": statuses[s].get("label", s),
                "line_style": statuses[s].get("line_style"),
                "weight": _number(statuses[s].get("weight")),
            }
            for s in present_statuses
        },
        "signs": {s: SIGNS[s] for s in present_signs},
        "kinds": {k: {"label": kinds.get(k, {}).get("label", k)} for k in sorted(set(nodes["kind"]))},
        "camps": bool(camps is not None) or None,
        "size_label": size_label,
        "sources": {
            s: _clean({"title": r.get("title"), "publisher": r.get("publisher"), "date": r.get("date"), "url": r.get("url")})
            for s, r in G.graph.get("sources", {}).items()
        },
        "range": list(span) if span else None,
        "changes": changes or None,
        "window": list(window) if window else None,
        # The page opens on the map of the last day of the data (the map now, as far as the data knows).
        "as_of": opening,
        "background": MAP_BACKGROUND,
        "options": vis_options(G.number_of_nodes()),
    }
    return payload, days


def _node_columns(G, positions, kinds, sizes, camps) -> dict[str, list]:
    """The actors' fields, one list each, in id order (None: the actor has no such field)."""
    ids = sorted(G.nodes, key=str)
    data = [G.nodes[n] for n in ids]
    kind = [kinds.get(d.get("kind"), {}) for d in data]
    if camps is not None:
        camp_colour = _camp_colours(camps)
        colours = [camp_colour[str(camps[n])] if camps.get(n) is not None else NO_CAMP["color"] for n in ids]
    else:
        colours = [k.get("color") for k in kind]
    xy = [positions[n] for n in ids]
    columns = {
        "id": [str(n) for n in ids],
        "label": [str(d.get("name") or n) for n, d in zip(ids, data, strict=True)],
        "x": [x for x, _ in xy],
        "y": [y for _, y in xy],
        "shape": [_shape(k.get("shape")) for k in kind],
        "color": [_colour(c) for c in colours],
        "kind": [str(d.get("kind")) for d in data],
        "aliases": [[str(a) for a in d.get("aliases") or []] for d in data],
        "description": [d.get("description") for d in data],
    }
    if camps is not None:
        columns["camp"] = [camps.get(n) for n in ids]
    if sizes is not None:
        scaled = _scale_sizes(sizes)
        columns["size"] = [scaled.get(n, SIZE_RANGE[0]) for n in ids]
        columns["measure"] = [_number(sizes[n]) if n in scaled else None for n in ids]
    return columns


#: The fields of a relation the page's data is made of, and their value where a relation lacks one.
_EDGE_FIELDS = {
    "type": KeyError,  # required
    "status": KeyError,
    "directed": True,
    "sign": None,
    "weight": None,
    "magnitude": None,
    "confidence": None,
    "start": None,
    "end": None,
    "valid_from": None,
    "valid_to": None,
    "replaced": None,
    "superseded_by": None,
    "lineage": None,
    "citation": None,
    "evidence": None,
    "notes": None,
}


def _edge_columns(G, types, statuses) -> dict[str, list]:
    """The relations' fields, one list each, in id order (None: the relation has no such field).

    What follows from a few values (a width from the weight and magnitude, a last day drawn from the
    type and dates, a number from its text) is worked out once per distinct value, not per relation.
    """
    # iter(): sorted() would first ask the view its length, which networkx finds by walking every relation.
    rows = sorted(iter(G.edges(keys=True, data=True)), key=lambda e: str(e[2]))
    sources, targets, keys, data = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [], [])
    f = _fields(data, _EDGE_FIELDS)
    weight = _once(lambda w: abs(float(w or 0)), f["weight"])
    magnitude = _once(_number, _no_flags(f["magnitude"]))
    # The largest magnitude of each type: widths of troops scale against troops.
    largest: dict[str, float] = defaultdict(float)
    for t, m in zip(f["type"], magnitude, strict=True):
        if m is not None and m > 0:
            largest[t] = max(largest[t], float(m))

    def width(w, m, t):
        width = 1 + w * 0.3
        if m is not None and m > 0 and largest[t]:
            width += 4 * math.sqrt(m / largest[t])
        return round(width, 2)

    # Only an event is drawn for other days than those it is in effect, each distinct date of them worked out once.
    events = {t for t, v in types.items() if v.get("temporality") == "event"}
    shown = cache(lambda t, a, b: _shown_until(a, b, types[t]))
    dashed = {s: _DASHES.get(v.get("line_style"), False) for s, v in statuses.items()}
    status_weight = {s: float(v.get("weight") or 1) for s, v in statuses.items()}
    return {
        "id": [str(k) for k in keys],
        "from": [str(u) for u in sources],
        "to": [str(v) for v in targets],
        "directed": [bool(d) for d in f["directed"]],
        "dashed": [dashed.get(s, False) for s in f["status"]],
        "width": _once(width, weight, magnitude, f["type"]),
        "type": [str(t) for t in f["type"]],
        "status": [str(s) for s in f["status"]],
        "sign": _once(lambda s: int(s or 0), f["sign"]),
        "importance": _once(lambda w, s: round(w * status_weight.get(s, 1.0), 3), weight, f["status"]),
        "start": f["start"],
        "end": f["end"],
        "valid_from": f["valid_from"],
        "valid_to": f["valid_to"],
        "until": [b if t not in events else shown(t, a, b) for t, a, b in zip(f["type"], f["valid_from"], f["valid_to"], strict=True)],
        "replaced": [bool(r) or None for r in f["replaced"]],
        "superseded_by": f["superseded_by"],
        "lineage": [str(line or k) for k, line in zip(keys, f["lineage"], strict=True)],
        "confidence": _once(_number, _no_flags(f["confidence"])),
        "magnitude": magnitude,
        "citation": [list(c or []) for c in f["citation"]],
        "evidence": [e or "" for e in f["evidence"]],
        "notes": f["notes"],
    }


def _fields(dicts: list[Mapping], defaults: Mapping[str, object]) -> dict[str, list]:
    """The fields named by ``defaults`` of each dict, one list per field.

    A dict without a field gets its default (``KeyError``: the field is required, and its absence raises).
    """
    names = list(defaults)
    try:
        # One lookup of every field per dict: graph.build gives every relation all of them.
        rows = list(map(operator.itemgetter(*names), dicts))
    except KeyError:
        rows = [tuple(d[n] if defaults[n] is KeyError else d.get(n, defaults[n]) for n in names) for d in dicts]
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in names]
    return dict(zip(names, columns, strict=True))


def _no_flags(values: list) -> list:
    """``values`` with True and False as None: a flag is no number (``_number``), though a dict takes True for 1."""
    return [None if v.__class__ is bool else v for v in values]


def _once(f, *columns: list) -> list:
    """``f`` of each row of ``columns``, called once per distinct row (columns repeat a few values)."""
    done: dict = {}
    out = []
    for key in zip(*columns, strict=True):
        if key not in done:
            done[key] = f(*key)
        out.append(done[key])
    return out


def _table(columns: dict[str, list]) -> dict[str, list]:
    """Columns as the page reads them: a field no row has is left out (page.js: ``fromColumns``)."""
    return {name: values for name, values in columns.items() if any(v is not None for v in values)}


def _count(table: dict[str, list]) -> int:
    """The rows of a :func:`_table`."""
    return len(next(iter(table.values()), ()))


def _shown_until(valid_from: str | None, valid_to: str | None, kind: Mapping) -> str | None:
    """The last day a relation is drawn: its last day in effect, or for an event its horizon."""
    until = valid_to
    horizon = _number(kind.get("horizon_days"))
    if kind.get("temporality") == "event" and valid_from and horizon:
        first = dt.date.fromisoformat(valid_from)
        last = dt.date.max if (dt.date.max - first).days < horizon else first + dt.timedelta(days=int(horizon) - 1)
        until = min(until, last.isoformat()) if until else last.isoformat()
    return until


def _after(day: str) -> str | None:
    """The next day, or None after the last day a date can name (9999-12-31)."""
    first = dt.date.fromisoformat(day)
    return None if first == dt.date.max else (first + dt.timedelta(days=1)).isoformat()


def _change_days(current: list[bool], valid_from: list, until: list, day: str | None) -> list[str]:
    """The days the map changes: a relation (of those ``current``) is first drawn, or the day after it is last drawn."""
    days = {day} if day else set()
    days.update(first for keep, first in zip(current, valid_from, strict=True) if keep and first)
    untils = {last for keep, last in zip(current, until, strict=True) if keep and last}
    days.update(_after(last) or last for last in untils)  # each distinct day once: rows share them
    return sorted(days)


def _scale_sizes(sizes: Mapping[str, float]) -> dict[str, float]:
    values = {k: float(v) for k, v in sizes.items() if v is not None and math.isfinite(float(v))}
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    lo, hi = SIZE_RANGE
    if high == low:
        return dict.fromkeys(values, round((lo + hi) / 2, 1))
    # Area, not radius, follows the number: sqrt keeps the big ones from swamping the map.
    return {k: round(lo + (hi - lo) * math.sqrt((v - low) / (high - low)), 1) for k, v in values.items()}


def _camp_colours(camps: Mapping[str, str]) -> dict[str, str]:
    counts: dict[str, int] = defaultdict(int)
    for camp in camps.values():
        if camp is not None:
            counts[str(camp)] += 1
    order = sorted(counts, key=lambda c: (-counts[c], c))
    return {c: CAMP_COLOURS[i % len(CAMP_COLOURS)] for i, c in enumerate(order)}


def _shape(shape) -> str:
    # Shapes with the label inside would hide the name in a box: draw them as the nearest dot-like shape.
    return {"box": "square", "ellipse": "dot", None: "dot"}.get(shape, shape)


def _colour(value) -> str:
    return value if isinstance(value, str) and _HEX.match(value) else _GREY


def _number(value):
    if value is None or isinstance(value, bool):
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def _clean(record: dict) -> dict:
    """Drop empty values: the page treats a missing key as empty, and the file stays small."""
    return {k: v for k, v in record.items() if v is not None}


# -- the template -----------------------------------------------------------------------


def _context(G, payload: dict, days: list[str], title: str, camps: Mapping[str, str] | None, size_label: str | None) -> dict:
    """What the template shows beside the data: ``days`` are the days relations start and end on (:func:`_payload`)."""
    kinds = G.graph.get("actor_kinds", {})
    statuses = G.graph.get("statuses", {})
    nodes, edges = payload["nodes"], payload["edges"]
    n_actors, n_relations = _count(nodes), _count(edges)
    if camps is not None:
        node_legend = [{"label": c, "color": colour, "shape": "dot"} for c, colour in _camp_colours(camps).items()]
        if n_actors and ("camp" not in nodes or None in nodes["camp"]):
            node_legend.append({**NO_CAMP, "shape": "dot"})
        node_legend += [
            {"label": f"{payload['kinds'][k]['label']} (shape)", "color": _GREY, "shape": _shape(kinds.get(k, {}).get("shape"))}
            for k in payload["kinds"]
        ]
    else:
        node_legend = [
            {
                "label": payload["kinds"][k]["label"],
                "color": _colour(kinds.get(k, {}).get("color")),
                "shape": _shape(kinds.get(k, {}).get("shape")),
            }
            for k in payload["kinds"]
        ]
    counts = Counter(edges.get("type", ()))
    families = [
        {
            "id": f,
            **v,
            "types": [{"id": t, **d, "count": counts[t]} for t, d in payload["types"].items() if d["family"] == f],
        }
        for f, v in payload["families"].items()
    ]
    window = payload["window"]
    sources = []
    for r in payload["sources"].values():
        url = r.get("url")
        sources.append({**r, "href": clean_url(url) if url and _WEB.match(url) else None, "domain": _domain(url)})
    return {
        "title": title,
        "n_actors": n_actors,
        "n_relations": n_relations,
        "span": (min(days), max(days)) if days else None,
        "range": payload["range"],
        "window": window,
        "window_share": round(100 * sum(window[0] <= d <= window[1] for d in days) / len(days)) if window and days else None,
        "sources": sources,
        "node_legend_title": "Camps" if camps is not None else "Actors",
        "node_legend": node_legend,
        "size_label": size_label,
        "families": families,
        "statuses": [{"id": s, **v, "description": statuses[s].get("description")} for s, v in payload["statuses"].items()],
        "signs": [{"id": s, **v} for s, v in payload["signs"].items()],
        "background": MAP_BACKGROUND,
        "css": Markup(_asset("static", "page.css")),
        "page_js": Markup(_asset("static", "page.js")),
        "renderer": payload["renderer"],
        "webgl_actors": f"{WEBGL_ACTORS:,}",
        "webgl_relations": f"{WEBGL_RELATIONS:,}",
        # Only the view's own library and adapter go in the page.
        "view_js": Markup(_vis_bundle() + "\n" + _asset("static", "draw_vis.js"))
        if payload["renderer"] == "vis"
        else Markup(_asset("static/vendor", "sigma-graphology.min.js") + "\n" + _asset("static", "draw_sigma.js")),
    }


#: Query parameters that track readers rather than name a page: dropped from every address shown or linked.
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hs(enc|mi)|mkt_tok|ref_src)$", re.IGNORECASE)


def clean_url(url: str) -> str:
    """``url`` without tracking parameters (``utm_*``, ``fbclid``, ...); the page does the same in its script.

    Examples
    --------
    >>> clean_url("https://example.org/a?id=7&utm_source=x&fbclid=y#top")
    'https://example.org/a?id=7#top'
    >>> clean_url("https://example.org/a?utm_medium=z")
    'https://example.org/a'
    """
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _TRACKING.match(k)]
    if len(kept) == len(pairs):
        return url  # nothing to drop: the address stays exactly as cited
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))


def _domain(url: str | None) -> str | None:
    if not url or not _WEB.match(url):
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _script_json(value) -> str:
    r"""JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left.

    Examples
    --------
    >>> _script_json({"name": "</script><b>&"})
    '{"name":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    return _script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _script_json_pieces(value) -> Iterator[str]:
    r"""``_script_json(value)`` in pieces: each long list, at the top or in a dict, in slices of :data:`_SLICE` items.

    The same text: compact JSON has no space to differ by, and the escapes are of single characters.

    Examples
    --------
    >>> value = {"edges": {"id": list(range(2 * _SLICE + 1)), "note": ["<&>"] * _SLICE}, "n": [], "t": "</script>"}
    >>> "".join(_script_json_pieces(value)) == _script_json(value)
    True
    """
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + _script_json(key) + ":"
            yield from _script_json_pieces(item)
        yield "}"
    elif isinstance(value, list) and len(value) > _SLICE:
        yield "["
        for start in range(0, len(value), _SLICE):
            yield ("," if start else "") + _script_json(value[start : start + _SLICE])[1:-1]
        yield "]"
    else:
        yield _script_json(value)


#: Items of a list serialised at once by :func:`_script_json_pieces`: a few megabytes of text.
_SLICE = 5000
#: Where the data goes in the filled template: no text of the data can be it, since the template escapes
#: every "<" of theirs.
_DATA_MARK = "<\x00actorgraph-data\x00>"


def _script_safe(text: str) -> str:
    """``text`` (JSON) with the characters that could end or confuse a ``<script>`` element escaped."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _template():
    env = Environment(loader=PackageLoader("graph", "templates"), autoescape=True, keep_trailing_newline=True)
    return env.get_template("page.html")


@cache
def _asset(folder: str, name: str) -> str:
    text = resources.files("graph").joinpath(folder, name).read_text(encoding="utf-8")
    return _inline_script(text, name)


@cache
def _vis_bundle() -> str:
    """vis-network 9.1.2 as pyvis ships it (pyvis is pinned to 0.3.2 for this file)."""
    text = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")
    return _inline_script(text, "vis-network.min.js")


def _inline_script(text: str, name: str) -> str:
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        msg = f"{name} contains a closing </script> or </style> tag and cannot be inlined"
        raise ValueError(msg)
    return text
