"""Build a networkx graph from a validated dataset, and back.

Actors are nodes keyed by ``actor_id``; each relation is one edge of a
``MultiDiGraph`` keyed by its ``relation_id``. Every column of both files
becomes an attribute, so :func:`to_frames` gives the rows back unchanged.
Each edge also carries what its type implies: ``directed``, ``sign`` and
``weight`` (the row's intensity, or its type's default). Symmetric relations
are stored once, from ``source`` to ``target``, with ``directed=False``.
The vocabularies and sources are kept in ``G.graph`` as dicts keyed by id.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

from .io import DEFAULT_DATA, Dataset, lineage_roots, load
from .schema import load_schema
from .temporal import effective_intervals

__all__ = ["build_graph", "load_graph", "to_frames"]

# Vocabulary tables kept whole in G.graph, by resource name.
_TABLES = ("relation_types", "relation_families", "statuses", "actor_kinds", "sources", "memberships")


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The dataset as a MultiDiGraph.

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA
    >>> G = build_graph(load(EXAMPLE_DATA))
    >>> G.nodes["PRK"]["name"]
    'North Korea'
    >>> all(G.edges[u, v, k]["relation_id"] == k for u, v, k in G.edges(keys=True))
    True
    """
    schema = dataset.schema
    G = nx.MultiDiGraph(data_path=str(dataset.path))
    if dataset.title:
        G.graph["title"] = dataset.title
    for name in _TABLES:
        key = schema[name].primary_key
        frame = dataset.frame(name)
        G.graph[name] = {row[key]: row for row in _records(frame)}

    for row in _records(dataset.frame("actors")):
        G.add_node(row[schema["actors"].primary_key], **row)

    types = G.graph["relation_types"]
    relations = dataset.frame("relations")
    rid, start, end, supersedes = (relations[c].tolist() for c in ("relation_id", "start", "end", "supersedes"))
    lineage, _ = lineage_roots(dict(zip(rid, supersedes, strict=True)))
    # What annotate() sets, computed before the edges exist: each edge's dict is made once.
    keys = ("relation_id", "start", "end", "supersedes")
    intervals = effective_intervals(dict(zip(keys, r, strict=True)) for r in zip(rid, start, end, supersedes, strict=True))
    # One row dict at a time (add_edge copies it): the rows of 100,000 relations are never all held beside the graph.
    for row in _records(relations, lazy=True):
        rid, kind, iv = row["relation_id"], types[row["type"]], intervals[row["relation_id"]]
        weight = row["intensity"] if row["intensity"] is not None else kind["intensity"]
        row.update(directed=kind["directed"], sign=kind["sign"], weight=weight, lineage=lineage[rid])
        row.update(valid_from=iv.valid_from, valid_to=iv.valid_to, superseded_by=iv.superseded_by, replaced=iv.replaced)
        G.add_edge(row["source"], row["target"], rid, **row)
    return G


def load_graph(path: str | Path = DEFAULT_DATA) -> nx.MultiDiGraph:
    """Read, validate and build the graph of the data folder ``path``.

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> G.number_of_nodes(), G.number_of_edges()
    (4, 5)
    """
    return build_graph(load(path))


def to_frames(G: nx.MultiDiGraph, schema=None) -> dict[str, pd.DataFrame]:
    """The rows of actors and relations back from a graph, with typed values.

    Columns are those of the schema, in its order; derived attributes are
    dropped; rows are sorted by id. ``build_graph`` then ``to_frames`` gives
    back what :meth:`Dataset.frame` gave, row for row.

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA
    >>> ds = load(EXAMPLE_DATA)
    >>> frames = to_frames(build_graph(ds))
    >>> frames["relations"].equals(ds.frame("relations").sort_values("relation_id", ignore_index=True))
    True
    """
    schema = schema or load_schema()
    rows = {
        "actors": [d for _, d in G.nodes(data=True)],
        "relations": [d for *_, d in G.edges(data=True)],
        **{name: list(G.graph.get(name, {}).values()) for name in _TABLES},
    }
    out = {}
    for name, records in rows.items():
        resource = schema[name]
        frame = pd.DataFrame([[r[c] for c in resource.columns] for r in records], columns=resource.columns, dtype=object)
        out[name] = frame.sort_values(resource.primary_key, ignore_index=True)
    return out


def _records(frame: pd.DataFrame, *, lazy: bool = False):
    """The rows as dicts; faster than ``DataFrame.to_dict(orient="records")``, which boxes every cell (the frames hold Python objects already).

    A list, or with ``lazy`` an iterator that makes each dict when it is asked for.
    """
    columns = list(frame.columns)
    rows = (dict(zip(columns, row, strict=True)) for row in zip(*(frame[c].tolist() for c in columns), strict=True))
    return rows if lazy else list(rows)
