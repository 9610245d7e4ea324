"""CSV -> graph -> rows: nothing is lost, and the graph carries what the types imply."""

import networkx as nx
import pandas as pd
import pytest

from graph.build import build_graph, load_graph, to_frames
from graph.io import EXAMPLE_DATA, load


@pytest.fixture(params=["example", "project"])
def dataset(request, data_dir):
    return load(EXAMPLE_DATA if request.param == "example" else data_dir)


@pytest.mark.parametrize("table", ["actors", "relations", "relation_types", "statuses", "actor_kinds", "sources"])
def test_round_trip_loses_nothing(dataset, table):
    back = to_frames(build_graph(dataset))[table]
    key = dataset.schema[table].primary_key
    original = dataset.frame(table).sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(back, original)


def test_each_relation_is_one_edge_keyed_by_its_id():
    G = load_graph(EXAMPLE_DATA)
    assert G.number_of_edges() == 5
    assert set(G["PRK"]["RUS"]) == {"pact-1", "pact-2", "troops-1"}
    assert G.edges["PRK", "RUS", "troops-1"]["magnitude"] == 3000


def test_symmetric_relations_are_stored_once_and_marked():
    G = load_graph(EXAMPLE_DATA)
    assert G.edges["RUS", "UKR", "war-1"]["directed"] is False
    assert not G.has_edge("UKR", "RUS")
    assert G.edges["PRK", "RUS", "troops-1"]["directed"] is True


def test_edges_carry_sign_weight_and_lineage():
    G = load_graph(EXAMPLE_DATA)
    war = G.edges["RUS", "UKR", "war-1"]
    assert (war["sign"], war["weight"]) == (-1, -10)
    assert G.edges["PRK", "RUS", "pact-2"]["lineage"] == "pact-1"
    assert G.edges["PRK", "RUS", "pact-1"]["superseded_by"] == "pact-2"


def test_an_intensity_in_the_row_overrides_the_type_default(example_dir):
    path = example_dir / "relations.csv"
    path.write_text(
        path.read_text()
        .replace("toy,Condemns the deployment.", "toy,Condemns the deployment.")
        .replace(",0.9,,,toy,Condemns", ",0.9,-5,,toy,Condemns")
    )
    G = load_graph(example_dir)
    assert G.edges["USA", "PRK", "condemn-1"]["weight"] == -5


def test_vocabularies_are_kept_in_the_graph():
    G = load_graph(EXAMPLE_DATA)
    assert G.graph["relation_types"]["condemns"]["verb"] == "condemns"
    assert G.graph["statuses"]["potential"]["line_style"] == "dashed"
    assert G.graph["sources"]["toy"]["url"] == "https://example.org/toy"


def _with_add_edge(dataset):
    """The graph built with networkx's public add_node / add_edge and annotate(): the reference for build_graph."""
    from graph.io import lineage_roots
    from graph.temporal import annotate

    G = nx.MultiDiGraph(data_path=str(dataset.path))
    for name in ("relation_types", "relation_families", "statuses", "actor_kinds", "sources", "memberships"):
        key = dataset.schema[name].primary_key
        G.graph[name] = {row[key]: row for row in dataset.frame(name).to_dict(orient="records")}
    for row in dataset.frame("actors").to_dict(orient="records"):
        G.add_node(row["actor_id"], **row)
    relations = dataset.frame("relations").to_dict(orient="records")
    lineage, _ = lineage_roots({r["relation_id"]: r["supersedes"] for r in relations})
    for row in relations:
        kind = G.graph["relation_types"][row["type"]]
        weight = kind["intensity"] if row["intensity"] is None else row["intensity"]
        derived = {"directed": kind["directed"], "sign": kind["sign"], "weight": weight, "lineage": lineage[row["relation_id"]]}
        G.add_edge(row["source"], row["target"], row["relation_id"], **row, **derived)
    return annotate(G)


def test_the_graph_is_what_add_edge_would_build(dataset):
    G, H = build_graph(dataset), _with_add_edge(dataset)
    assert G.graph.keys() - {"title"} == H.graph.keys()
    assert all(G.graph[k] == H.graph[k] for k in H.graph)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    # Same edges, same attributes in the same order, same adjacency order both ways.
    assert [(u, v, k, list(d.items())) for u, v, k, d in G.edges(keys=True, data=True)] == [
        (u, v, k, list(d.items())) for u, v, k, d in H.edges(keys=True, data=True)
    ]
    for n in H:
        assert list(G.pred[n]) == list(H.pred[n])
        # One dict of keys per pair, shared by both directions, as add_edge keeps it (networkx's own attributes: no view).
        assert all(G._succ[n][v] is G._pred[v][n] for v in G._succ[n])
    G.add_edge("PRK", "RUS", "new", type="x")  # and networkx goes on working on it
    assert G.pred["RUS"]["PRK"]["new"] == {"type": "x"}
