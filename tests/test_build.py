"""CSV -> graph -> rows: nothing is lost, and the graph carries what the types imply."""

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
