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

from . import _dataset_cache
from ._gc import gc_paused
from .io import DEFAULT_DATA, Dataset, lineage_roots, load, read_files
from .schema import load_schema
from .temporal import interval_columns

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
    with gc_paused():
        for name in _TABLES:
            key = schema[name].primary_key
            G.graph[name] = {row[key]: row for row in _records(dataset.columns(name))}

        for row in _records(dataset.columns("actors")):
            G.add_node(row[schema["actors"].primary_key], **row)

        types = G.graph["relation_types"]
        columns = dataset.columns("relations")
        rid = columns["relation_id"]
        lineage, _ = lineage_roots(dict(zip(rid, columns["supersedes"], strict=True)))
        kinds = [types[t] for t in columns["type"]]
        # What each edge carries beyond its row, column by column (annotate() sets the last four the same way).
        derived = {
            "directed": [k["directed"] for k in kinds],
            "sign": [k["sign"] for k in kinds],
            "weight": [k["intensity"] if i is None else i for k, i in zip(kinds, columns["intensity"], strict=True)],
            "lineage": [lineage[r] for r in rid],
        }
        derived |= dict(
            zip(
                ("valid_from", "valid_to", "superseded_by", "replaced"),
                interval_columns(rid, columns["start"], columns["end"], columns["supersedes"]),
                strict=True,
            )
        )
        del kinds, lineage
        names = [*columns, *derived]
        rows = (dict(zip(names, values, strict=True)) for values in zip(*columns.values(), *derived.values(), strict=True))
        _add_edges(G, columns["source"], columns["target"], rid, rows)
    return G


def _add_edges(G: nx.MultiDiGraph, sources: list, targets: list, keys: list, attrs) -> None:
    """Add the edges ``(source, target, key)`` with the dicts ``attrs`` as they are, as ``G.add_edge`` would.

    ``add_edge`` copies each dict and checks each end; for 100,000 relations that is
    most of the graph's build time. This fills the adjacency of a new, plain
    ``MultiDiGraph`` as networkx lays it out (docs of ``MultiDiGraph``: ``succ[u][v]``
    and ``pred[v][u]`` are the same dict of keys, each key's value the edge's data),
    in the same order; tests/test_build.py checks the result equals ``add_edge``'s.
    """
    succ, pred, node = G._succ, G._pred, G._node
    for u, v, key, data in zip(sources, targets, keys, attrs, strict=True):
        if u not in succ or v not in succ:  # an end that is no actor: added bare, as add_edge does
            for end in (u, v):
                if end not in succ:
                    succ[end], pred[end], node[end] = {}, {}, {}
        out = succ[u]
        if v in out:
            out[v][key] = data
        else:
            out[v] = pred[v][u] = {key: data}


def load_graph(path: str | Path = DEFAULT_DATA) -> nx.MultiDiGraph:
    """Read, validate and build the graph of the data folder ``path``.

    A later call on unchanged files reads the graph back from the cache on disk
    (graph/_dataset_cache.py, keyed by the files' SHA-256, the schema and the
    code): neither validated nor built again. Each call gives a graph of its own.

    Examples
    --------
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> G.number_of_nodes(), G.number_of_edges()
    (4, 5)
    """
    path = Path(path)
    if not path.is_dir():
        return build_graph(load(path))  # which says what is wrong
    files = read_files(path)
    key = _dataset_cache.graph_digest(files, load_schema())
    G = _dataset_cache.read_graph(key, path)
    if G is None:
        G = build_graph(load(path, files=files))
        _dataset_cache.write_graph(key, G, path)
    G.graph["data_path"] = str(path)  # the folder may have moved since the entry was made
    return G


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


def _records(columns: dict[str, list]) -> list[dict]:
    """The rows of a table held column by column, as dicts."""
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]
