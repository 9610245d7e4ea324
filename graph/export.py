"""Take a map to other tools: GEXF, GraphML, Cytoscape.js, node-link JSON, Kumu and CSV.

Every format is written from one table of the map (:func:`export_tables`):
the actors with their columns, and every relation row with its columns and
what the graph derives from it (``directed``, ``sign``, ``signed_weight``,
``valid_from``/``valid_to``, the first and last day the row holds after
supersession, ISO days, empty when open, ``superseded_by`` and ``replaced``).
A row that a correction replaced is never in effect: GEXF, whose edges must
hold at some time for Gephi's timeline, leaves it out (its successor carries
the corrected facts); the other formats keep it, flagged, so that history
reads back whole. ``--as-of`` exports keep only the rows in effect that day.

- GEXF 1.3 (Gephi): edges carry ``start``/``end`` intervals (a partial date
  resolved to its first or last day) so that Gephi's timeline plays the map;
  typed attributes (``liststring`` for lists); GEXF ``weight`` is the
  confidence (Gephi expects positive weights; the signed one is an attribute);
  ``kind`` is the relation type, so parallel relations stay apart.
- GraphML (yEd, igraph, Cytoscape desktop): networkx's writer, typed keys,
  lists joined with ``|``; symmetric relations carry ``directed`` false as
  data (not as GraphML's per-edge ``directed`` attribute, which networkx's and
  igraph's readers refuse in a directed graph).
- Cytoscape.js JSON (``elements``), node-link JSON (D3): networkx's writers.
- Kumu blueprint JSON: ``elements`` (label, type...) and ``connections``
  (from, to, type, direction...); from/to are actor names, which are unique.
- CSV: a nodes file and an edges file with Gephi's spreadsheet columns first
  (``Id``, ``Label``; ``Id``, ``Source``, ``Target``, ``Type``, ``Label``,
  ``Weight``) then ours. A text cell that a spreadsheet would run as a formula
  (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is
  prefixed with ``'``; :func:`unescape_cell` undoes it and ``actorgraph
  import`` applies it, so the pair reads back as written.

Text is escaped by the XML and JSON writers; characters XML 1.0 cannot hold
(control characters) become U+FFFD in GEXF and GraphML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx

from .schema import load_schema
from .write import check_output, write_atomic

__all__ = ["FORMATS", "ExportTables", "export_tables", "render", "to_graph", "unescape_cell", "write_export"]

#: Formats of ``actorgraph export --to``, and the suffix of the file each writes.
FORMATS = {"gexf": ".gexf", "graphml": ".graphml", "cytoscape": ".cyjs", "nodelink": ".json", "kumu": ".kumu.json", "csv": ".csv"}

GEXF_NS = "http://gexf.net/1.3"
#: Columns the graph derives for each relation, with their types.
DERIVED = {
    "directed": "boolean",
    "sign": "integer",
    "signed_weight": "number",
    "valid_from": "date",
    "valid_to": "date",
    "superseded_by": "string",
    "replaced": "boolean",
}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_LIST_SPECIAL = re.compile(r'[,\[\]"]|^\s|\s$')
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class ExportTables:
    """Actors and relations as records, with the type of every column."""

    title: str | None
    nodes: list[dict]
    edges: list[dict]
    node_types: dict[str, str]
    edge_types: dict[str, str]
    kinds: dict[str, dict]
    relation_types: dict[str, dict]


def export_tables(G: nx.MultiDiGraph) -> ExportTables:
    """The records every format is written from.

    Examples
    --------
    >>> from graph import EXAMPLE_DATA, load_graph
    >>> t = export_tables(load_graph(EXAMPLE_DATA))
    >>> len(t.nodes), t.edge_types["start"], t.edge_types["valid_from"], t.edge_types["citation"]
    (4, 'partial-date', 'date', 'list')
    """
    schema = load_schema()
    actors, relations = schema["actors"], schema["relations"]
    node_types = {f.name: f.type for f in actors.fields}
    edge_types = {f.name: f.type for f in relations.fields} | DERIVED
    nodes = [{c: d.get(c) for c in node_types} for _, d in sorted(G.nodes(data=True))]
    edges = []
    for _, _, d in sorted(G.edges(data=True), key=lambda e: e[2]["relation_id"]):
        row = {c: d.get(c) for c in relations.columns}
        row.update(
            directed=d.get("directed", True),
            sign=d.get("sign"),
            signed_weight=d.get("weight"),
            valid_from=d.get("valid_from"),
            valid_to=d.get("valid_to"),
            superseded_by=d.get("superseded_by"),
            replaced=bool(d.get("replaced")),
        )
        edges.append(row)
    return ExportTables(
        G.graph.get("title"),
        nodes,
        edges,
        node_types,
        edge_types,
        dict(G.graph.get("actor_kinds", {})),
        dict(G.graph.get("relation_types", {})),
    )


def to_graph(tables: ExportTables) -> nx.MultiDiGraph:
    """The export records as a plain MultiDiGraph (node-link, Cytoscape and GraphML start here)."""
    H = nx.MultiDiGraph(**({"title": tables.title} if tables.title else {}))
    for row in tables.nodes:
        H.add_node(row["actor_id"], **row)
    for row in tables.edges:
        H.add_edge(row["source"], row["target"], key=row["relation_id"], **row)
    return H


def render(G: nx.MultiDiGraph, fmt: str) -> dict[str, str]:
    """The text of the export of ``G`` in ``fmt``, by file suffix.

    Every format gives one text, under ``""``, except ``csv``, which gives
    two: ``"-nodes.csv"`` and ``"-edges.csv"``.

    Examples
    --------
    >>> from graph import EXAMPLE_DATA, load_graph
    >>> data = json.loads(render(load_graph(EXAMPLE_DATA), "kumu")[""])
    >>> [(c["from"], c["to"]) for c in data["connections"] if c["relation_id"] == "troops-1"]
    [('North Korea', 'Russia')]
    """
    if fmt not in FORMATS:
        msg = f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    tables = export_tables(G)
    if fmt == "csv":
        nodes, edges = _csv(tables)
        return {"-nodes.csv": nodes, "-edges.csv": edges}
    return {"": _WRITERS[fmt](tables)}


def write_export(G: nx.MultiDiGraph, fmt: str, path: str | Path, *, data: str | Path | None = None) -> list[Path]:
    """Write the export of ``G`` in ``fmt`` to ``path`` (csv: ``STEM-nodes.csv`` and ``STEM-edges.csv``).

    Every target is checked before anything is written (never into the data
    folder ``data``, never through a link); each file is written atomically.
    """
    path = Path(path)
    texts = render(G, fmt)
    if fmt == "csv":
        stem = path.with_suffix("") if path.suffix == ".csv" else path
        targets = [(stem.parent / (stem.name + suffix), text) for suffix, text in texts.items()]
    else:
        targets = [(path, texts[""])]
    for target, _ in targets:
        check_output(target, data=data, markers=None)
    return [write_atomic(target, text, make_folder=True) for target, text in targets]


def unescape_cell(text: str) -> str:
    """Undo the CSV export's guard against spreadsheet formulas.

    Examples
    --------
    >>> unescape_cell("'=HYPERLINK(1)"), unescape_cell("''=x"), unescape_cell("'tis")
    ('=HYPERLINK(1)', "'=x", "'tis")
    """
    return text[1:] if text[:1] == "'" and text.lstrip("'")[:1] in _FORMULA else text


def _escape_cell(text: str) -> str:
    if text[:1] in _FORMULA or (text[:1] == "'" and text.lstrip("'")[:1] in _FORMULA):
        return "'" + text
    return text


# -- GEXF 1.3 -----------------------------------------------------------------

_GEXF_TYPES = {"string": "string", "number": "double", "integer": "integer", "boolean": "boolean", "list": "liststring"}
_GEXF_SKIP = {"relation_id", "source", "target", "valid_from", "valid_to", "replaced"}  # the edge's own XML attributes
#: Attvalue titles that would clash with the edge's own start, end and type (directedness) in readers and Gephi.
GEXF_TITLES = {"start": "start_as_written", "end": "end_as_written", "type": "relation_type"}


def _gexf(t: ExportTables) -> str:
    ET.register_namespace("", GEXF_NS)
    # No xsi:schemaLocation: the RELAX NG grammar (GEXF's normative schema) allows no foreign attribute.
    root = ET.Element(_q("gexf"), version="1.3")
    meta = ET.SubElement(root, _q("meta"), lastmodifieddate=dt.date.today().isoformat())
    ET.SubElement(meta, _q("creator")).text = "actorgraph"
    if t.title:
        ET.SubElement(meta, _q("description")).text = _xml(t.title)
    graph = ET.SubElement(root, _q("graph"), defaultedgetype="directed", mode="dynamic", timeformat="date", timerepresentation="interval")
    node_cols = [c for c in t.node_types if c != "actor_id"]
    edge_cols = [c for c in t.edge_types if c not in _GEXF_SKIP]
    for cls, cols, types in (("node", node_cols, t.node_types), ("edge", edge_cols, t.edge_types)):
        attributes = ET.SubElement(graph, _q("attributes"), {"class": cls})
        for c in cols:
            ET.SubElement(attributes, _q("attribute"), id=c, title=GEXF_TITLES.get(c, c), type=_GEXF_TYPES.get(types[c], "string"))
    nodes = ET.SubElement(graph, _q("nodes"), count=str(len(t.nodes)))
    for row in t.nodes:
        node = ET.SubElement(nodes, _q("node"), id=_xml(row["actor_id"]), label=_xml(row["name"]))
        _attvalues(node, row, node_cols, t.node_types)
    in_effect = [row for row in t.edges if not row["replaced"]]
    edges = ET.SubElement(graph, _q("edges"), count=str(len(in_effect)))
    for row in in_effect:
        attrs = {"id": _xml(row["relation_id"]), "source": _xml(row["source"]), "target": _xml(row["target"]), "kind": _xml(row["type"])}
        if not row["directed"]:
            attrs["type"] = "undirected"
        attrs["weight"] = _number(row["confidence"])
        attrs["label"] = _xml(t.relation_types.get(row["type"], {}).get("verb") or row["type"])
        if row["valid_from"]:
            attrs["start"] = row["valid_from"]
        if row["valid_to"]:
            attrs["end"] = row["valid_to"]
        edge = ET.SubElement(edges, _q("edge"), attrs)
        _attvalues(edge, row, edge_cols, t.edge_types)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _attvalues(parent: ET.Element, row: dict, cols: list[str], types: dict[str, str]) -> None:
    values = ET.SubElement(parent, _q("attvalues"))
    for c in cols:
        value = row[c]
        if value is None or value == []:
            continue
        ET.SubElement(values, _q("attvalue"), {"for": c, "value": _gexf_value(value, types[c])})
    if not len(values):
        parent.remove(values)


def _gexf_value(value, kind: str) -> str:
    if kind == "list":
        # GEXF 1.3 lists: [a, b]; an item holding "," or "]" would be ambiguous, so items are quoted JSON strings then.
        return (
            "[" + ", ".join(_xml(json.dumps(str(v), ensure_ascii=False) if _LIST_SPECIAL.search(str(v)) else str(v)) for v in value) + "]"
        )
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("number", "integer"):
        return _number(value)
    return _xml(str(value))


def _q(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


# -- GraphML --------------------------------------------------------------------


def _graphml(t: ExportTables) -> str:
    from networkx.readwrite.graphml import GraphMLWriter

    H = nx.MultiDiGraph(**({"title": _xml(t.title)} if t.title else {}))
    for row in t.nodes:
        H.add_node(_xml(row["actor_id"]), **_flat(row, t.node_types))
    for row in t.edges:
        H.add_edge(_xml(row["source"]), _xml(row["target"]), key=_xml(row["relation_id"]), **_flat(row, t.edge_types))
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(H)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + str(writer)


def _flat(row: dict, types: dict[str, str]) -> dict:
    """A record for GraphML: no None (GraphML has no null), lists joined with |, text XML-safe."""
    out = {}
    for c, value in row.items():
        if value is None or value == []:
            continue
        if types[c] == "list":
            value = "|".join(map(str, value))
        if types[c] == "integer":
            value = int(value)
        out[c] = _xml(value) if isinstance(value, str) else value
    return out


# -- JSON -------------------------------------------------------------------------


def _nodelink(t: ExportTables) -> str:
    return _json(nx.node_link_data(to_graph(t), edges="edges"))


def _cytoscape(t: ExportTables) -> str:
    data = nx.cytoscape_data(to_graph(t))
    for edge in data["elements"]["edges"]:
        edge["data"]["id"] = edge["data"]["relation_id"]  # Cytoscape.js needs an id on every element
    return _json(data)


def _kumu(t: ExportTables) -> str:
    names = {row["actor_id"]: row["name"] for row in t.nodes}
    elements = [
        {
            "label": row["name"],
            "type": t.kinds.get(row["kind"], {}).get("label") or row["kind"],
            "description": row["description"] or "",
            "tags": row["aliases"] or [],
            "actor id": row["actor_id"],
            "kind": row["kind"],
        }
        for row in t.nodes
    ]
    connections = []
    for row in t.edges:
        kind = t.relation_types.get(row["type"], {})
        connection = {
            "from": names[row["source"]],
            "to": names[row["target"]],
            "type": kind.get("label") or row["type"],
            "direction": "directed" if row["directed"] else "undirected",
            "label": kind.get("verb") or row["type"],
            "description": row["evidence"],
            "tags": [row["status"]],
        }
        connection.update({c: row[c] for c in t.edge_types if c not in ("source", "target", "evidence")})
        connections.append(connection)
    return _json({"elements": elements, "connections": connections})


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- CSV ------------------------------------------------------------------------

#: Our column names in the edges file, where Gephi's own would clash ("Type" is Directed or Undirected there).
CSV_RENAME = {"type": "relation_type"}


def _csv(t: ExportTables) -> tuple[str, str]:
    node_header = ["Id", "Label", *(c for c in t.node_types if c not in ("actor_id", "name"))]
    nodes = [[row["actor_id"], row["name"], *(row[c] for c in node_header[2:])] for row in t.nodes]
    ours = [c for c in t.edge_types if c not in ("relation_id", "source", "target")]
    edge_header = ["Id", "Source", "Target", "Type", "Label", "Weight", *(CSV_RENAME.get(c, c) for c in ours)]
    edges = [
        [
            row["relation_id"],
            row["source"],
            row["target"],
            "Directed" if row["directed"] else "Undirected",
            t.relation_types.get(row["type"], {}).get("verb") or row["type"],
            row["confidence"],
            *(row[c] for c in ours),
        ]
        for row in t.edges
    ]
    return _csv_text(node_header, nodes), _csv_text(edge_header, edges)


def _csv_text(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return out.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _escape_cell("|".join(map(str, value)))
    if isinstance(value, float | int):
        return _number(value)
    return _escape_cell(str(value))


# -- shared -----------------------------------------------------------------------


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


_WRITERS = {"gexf": _gexf, "graphml": _graphml, "nodelink": _nodelink, "cytoscape": _cytoscape, "kumu": _kumu}
