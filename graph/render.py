"""The interactive page: one self-contained HTML file built from the graph.

The page draws with vis-network 9.1.2, the bundle that pyvis ships, read
from the installed pyvis package and inlined, so the file opens offline and
makes no network request. The rest of pyvis is left aside on purpose (see
``docs`` and the pyvis notes): its template loads Bootstrap from a CDN and
prints the heading unescaped, ``from_nx`` mutates the graph and keeps one
relation per pair of actors, and ``Network.add_edge`` is quadratic. Here the
node and edge dicts, the options and the template are our own; the template
is Jinja with autoescape on, and the data reaches the page script as JSON in
a ``<script type="application/json">`` block, with ``<``, ``>`` and ``&``
escaped so that no value can close the block.

The same graph, positions and arguments always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from .dates import parse_date
from .io import writable_path, write_atomic
from .layout import LABEL_FONT_SIZE, compute_layout

__all__ = ["DEFAULT_TITLE", "render_html", "show", "vis_options", "write_html"]

DEFAULT_TITLE = "Actors and relations"
#: Above this many actors the page draws cheaply: straight edges, no edges while dragging.
LARGE = 500
#: Node size without ``sizes``, and the range that ``sizes`` is scaled to, in pixels.
NODE_SIZE = 12
SIZE_RANGE = (8.0, 30.0)
#: Colours of the sign toggle: cooperation, conflict, neutral.
SIGNS = {
    "1": {"label": "Cooperation", "color": "#2E8B57"},
    "-1": {"label": "Conflict", "color": "#C62828"},
    "0": {"label": "Neutral", "color": "#8A8F96"},
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
    title: str = DEFAULT_TITLE,
    positions: Mapping[str, tuple[float, float]] | None = None,
    sizes: Mapping[str, float] | None = None,
    camps: Mapping[str, str] | None = None,
    as_of: str | dt.date | None = None,
    size_label: str | None = None,
    layout_cache: str | Path | None = None,
) -> str:
    """The page for ``G``, as one HTML string.

    Parameters
    ----------
    G : MultiDiGraph
        As :func:`graph.build.build_graph` makes it (or a view of it, such as
        :func:`graph.temporal.as_of`).
    title : str
        Shown in the header and the window title.
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
    if as_of is None:
        as_of = G.graph.get("as_of")
    # The date first: a bad one must fail before the layout cache is written.
    day = parse_date(as_of).isoformat() if as_of is not None else None
    if positions is None:
        positions = compute_layout(G, cache=layout_cache)
    payload = _payload(G, positions, sizes, camps, day, size_label)
    context = _context(G, payload, title, camps, size_label)
    return _template().render(**context)


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
    return write_atomic(path, render_html(G, **kw), make_folder=True)


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
            "keyboard": False,
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
        },
    }


# -- the data handed to the page ------------------------------------------------------


def _payload(G, positions, sizes, camps, day, size_label) -> dict:
    kinds = G.graph.get("actor_kinds", {})
    types = G.graph.get("relation_types", {})
    statuses = G.graph.get("statuses", {})
    camp_colour = _camp_colours(camps) if camps is not None else {}
    scaled = _scale_sizes(sizes) if sizes is not None else {}

    nodes = []
    for n in sorted(G.nodes, key=str):
        d = G.nodes[n]
        kind = kinds.get(d.get("kind"), {})
        x, y = positions[n]
        node = {
            "id": str(n),
            "label": str(d.get("name") or n),
            "x": x,
            "y": y,
            "shape": _shape(kind.get("shape")),
            "color": _colour(
                camp_colour[str(camps[n])]
                if camps and camps.get(n) is not None
                else NO_CAMP["color"]
                if camps is not None
                else kind.get("color")
            ),
            "kind": d.get("kind"),
            "aliases": list(d.get("aliases") or []),
            "description": d.get("description"),
        }
        if camps is not None:
            node["camp"] = camps.get(n)
        if sizes is not None:
            node["size"] = scaled.get(n, SIZE_RANGE[0])
            if n in scaled:
                node["measure"] = _number(sizes[n])
        nodes.append(_clean(node))

    edges = []
    curves = _curves(G)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        status = statuses.get(d["status"], {})
        edge = {
            "id": str(k),
            "from": str(u),
            "to": str(v),
            "arrows": "to" if d.get("directed", True) else "",
            "dashes": _DASHES.get(status.get("line_style"), False),
            "width": round(1 + abs(float(d.get("weight") or 0)) * 0.4, 2),
            "smooth": curves.get(k),
            "type": d["type"],
            "status": d["status"],
            "sign": int(d.get("sign") or 0),
            "start": d.get("start"),
            "end": d.get("end"),
            "valid_from": d.get("valid_from"),
            "valid_to": d.get("valid_to"),
            "replaced": bool(d.get("replaced")) or None,
            "superseded_by": d.get("superseded_by"),
            "confidence": _number(d.get("confidence")),
            "magnitude": _number(d.get("magnitude")),
            "citation": list(d.get("citation") or []),
            "evidence": d.get("evidence") or "",
            "notes": d.get("notes"),
        }
        edges.append(_clean(edge))

    present_types = sorted({e["type"] for e in edges})
    present_statuses = [s for s in statuses if s in {e["status"] for e in edges}]
    present_signs = [s for s in SIGNS if int(s) in {e["sign"] for e in edges}]
    span = _date_range(G, day)
    return {
        "nodes": nodes,
        "edges": edges,
        "types": {
            t: {
                "label": types.get(t, {}).get("label", t),
                "verb": types.get(t, {}).get("verb", t),
                "color": _colour(types.get(t, {}).get("color")),
                "unit": types.get(t, {}).get("unit"),
            }
            for t in present_types
        },
        "statuses": {s: {"label": statuses[s].get("label", s)} for s in present_statuses},
        "signs": {s: SIGNS[s] for s in present_signs},
        "kinds": {k: {"label": kinds.get(k, {}).get("label", k)} for k in sorted({str(n.get("kind")) for n in nodes})},
        "camps": bool(camps is not None) or None,
        "size_label": size_label,
        "sources": {
            s: _clean({"title": r.get("title"), "publisher": r.get("publisher"), "date": r.get("date"), "url": r.get("url")})
            for s, r in G.graph.get("sources", {}).items()
        },
        "range": list(span) if span else None,
        "changes": _change_days(G) if span else None,
        # The page opens on the map of the last day of the data (the map now, as far as the data knows).
        "as_of": day or (span[1] if span else None),
        "options": vis_options(G.number_of_nodes()),
    }


def _curves(G) -> dict:
    """Per-edge curvature, so that several relations between two actors are drawn apart.

    Relations of a pair are ordered by id and fanned out symmetrically; the
    one in the middle of an odd fan stays straight. vis-network bends
    ``curvedCW`` relative to the edge's direction, so edges drawn against
    the pair's order get the opposite turn and land on the intended side.
    """
    pairs = defaultdict(list)
    for u, v, k in G.edges(keys=True):
        pairs[tuple(sorted((str(u), str(v))))].append((str(k), str(u)))
    out = {}
    for (first, _), members in pairs.items():
        if len(members) < 2:
            continue
        members.sort()
        middle = (len(members) - 1) / 2
        # Fan out evenly, but never rounder than 0.6: wider arcs reach across the map.
        step = min(0.2, 0.6 / middle)
        for i, (key, source) in enumerate(members):
            offset = i - middle
            if offset == 0:
                continue
            clockwise = (offset > 0) == (source == first)
            out[key] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(step * abs(offset) + 0.05 * (len(members) % 2 == 0), 3),
            }
    return out


def _date_range(G, day: str | None) -> tuple[str, str] | None:
    days = [d for *_, e in G.edges(data=True) for d in (e.get("valid_from"), e.get("valid_to")) if d]
    if day:
        days.append(day)
    return (min(days), max(days)) if days else None


def _change_days(G) -> list[str]:
    """The days the map changes: a relation starts, or the day after one ends."""
    days = set()
    for *_, e in G.edges(data=True):
        if e.get("replaced"):
            continue
        if e.get("valid_from"):
            days.add(e["valid_from"])
        if e.get("valid_to"):
            days.add((dt.date.fromisoformat(e["valid_to"]) + dt.timedelta(days=1)).isoformat())
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


def _context(G, payload: dict, title: str, camps: Mapping[str, str] | None, size_label: str | None) -> dict:
    kinds = G.graph.get("actor_kinds", {})
    types = G.graph.get("relation_types", {})
    statuses = G.graph.get("statuses", {})
    if camps is not None:
        node_legend = [{"label": c, "color": colour, "shape": "dot"} for c, colour in _camp_colours(camps).items()]
        if any("camp" not in n for n in payload["nodes"]):
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
    span = payload["range"]
    sources = []
    for r in payload["sources"].values():
        url = r.get("url")
        sources.append({**r, "href": url if url and _WEB.match(url) else None})
    return {
        "title": title,
        "n_actors": len(payload["nodes"]),
        "n_relations": len(payload["edges"]),
        "range": span,
        "days": (dt.date.fromisoformat(span[1]) - dt.date.fromisoformat(span[0])).days if span else 0,
        "sources": sources,
        "node_legend_title": "Camps" if camps is not None else "Actors",
        "node_legend": node_legend,
        "size_label": size_label,
        "types": [{"id": t, **v, "directed": types.get(t, {}).get("directed", True)} for t, v in payload["types"].items()],
        "statuses": [
            {"id": s, **v, "line_style": statuses[s].get("line_style"), "description": statuses[s].get("description")}
            for s, v in payload["statuses"].items()
        ],
        "signs": [{"id": s, **v} for s, v in payload["signs"].items()],
        "data_json": Markup(_script_json(payload)),
        "css": Markup(_asset("static", "page.css")),
        "page_js": Markup(_asset("static", "page.js")),
        "vis_js": Markup(_vis_bundle()),
    }


def _script_json(value) -> str:
    r"""JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left.

    Examples
    --------
    >>> _script_json({"name": "</script><b>&"})
    '{"name":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
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
