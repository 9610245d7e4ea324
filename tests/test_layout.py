"""Layout: seeded, signed, readable at first sight, cached by actor id, fast."""

from __future__ import annotations

import itertools
import json
import random

import networkx as nx
import pytest
from conftest import DATA

from graph.build import load_graph
from graph.io import EXAMPLE_DATA
from graph.layout import compute_layout, overlapping_labels

EAST = {"PRK": "North Korea", "RUS": "Russia", "CHN": "China", "IRN": "Iran", "BLR": "Belarus"}
WEST = {
    "UKR": "Ukraine",
    "USA": "United States",
    "KOR": "South Korea",
    "JPN": "Japan",
    "NATO": "NATO",
    "EU": "European Union",
    "GBR": "United Kingdom",
}


def signed_graph(n_edges: int = 50, seed: int = 1) -> nx.MultiDiGraph:
    """Two camps: cooperation inside each, conflict across, several relations per pair."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(statuses={"confirmed": {"weight": 1.0}})
    G.add_nodes_from((k, {"name": v}) for k, v in {**EAST, **WEST}.items())
    inside = [*itertools.combinations(EAST, 2), *itertools.combinations(WEST, 2)]
    across = list(itertools.product(EAST, WEST))
    for i in range(n_edges):
        friendly = rng.random() < 0.5
        u, v = rng.choice(inside if friendly else across)
        G.add_edge(u, v, key=f"r{i}", sign=1 if friendly else -1, weight=6 if friendly else -5, status="confirmed")
    return G


def synthetic(n: int, m: int) -> nx.MultiDiGraph:
    base = nx.gnm_random_graph(n, m, seed=3, directed=True)
    G = nx.MultiDiGraph()
    G.add_nodes_from((f"A{i}", {"name": f"Actor {i}"}) for i in base)
    for u, v in base.edges():
        G.add_edge(f"A{u}", f"A{v}", sign=1 if (u + v) % 3 else -1, weight=5, status="confirmed")
    return G


@pytest.fixture(scope="module")
def article() -> nx.MultiDiGraph:
    """The article's graph, from data/."""
    return load_graph(DATA)


def test_same_graph_and_seed_same_positions():
    G = signed_graph()
    assert compute_layout(G, seed=3) == compute_layout(G, seed=3)
    assert compute_layout(G, seed=3) != compute_layout(G, seed=4)


def test_every_actor_gets_a_pair_of_floats():
    G = load_graph(EXAMPLE_DATA)
    pos = compute_layout(G)
    assert list(pos) == sorted(G.nodes)
    assert all(isinstance(c, float) for xy in pos.values() for c in xy)


@pytest.mark.parametrize("graph", ["signed", "article", "example"])
def test_no_two_labels_overlap(graph, article):
    G = {"signed": signed_graph, "article": lambda: article, "example": lambda: load_graph(EXAMPLE_DATA)}[graph]()
    assert overlapping_labels(G, compute_layout(G)) == []


def test_the_two_camps_sit_on_two_sides():
    G = signed_graph()
    pos = compute_layout(G)
    east = [pos[n][0] for n in EAST]
    west = [pos[n][0] for n in WEST]
    assert max(east) < min(west) or max(west) < min(east)


def test_the_article_camps_sit_on_two_sides(article):
    pos = compute_layout(article)
    russia_side = [pos[n][0] for n in ("RUS", "PRK")]
    west_side = [pos[n][0] for n in ("UKR", "USA", "KOR", "JPN")]
    assert max(russia_side) < min(west_side) or max(west_side) < min(russia_side)


def test_the_map_fits_a_screen_at_zoom_one(article):
    """A map much larger than the window would be drawn zoomed out, with unreadable labels."""
    pos = compute_layout(article)
    xs, ys = zip(*pos.values(), strict=True)
    assert max(xs) - min(xs) < 1600
    assert max(ys) - min(ys) < 1100


def test_cache_keeps_old_actors_in_place_and_places_new_ones(tmp_path):
    cache = tmp_path / "layout.json"
    G = signed_graph()
    before = compute_layout(G, cache=cache)
    assert json.loads(cache.read_text(encoding="utf-8")) == {k: list(v) for k, v in before.items()}

    G.add_node("BRA", name="Brazil")
    G.add_edge("BRA", "RUS", key="new", sign=1, weight=5, status="confirmed")
    after = compute_layout(G, cache=cache)
    assert {k: after[k] for k in before} == before
    assert "BRA" in json.loads(cache.read_text(encoding="utf-8"))
    assert overlapping_labels(G, after) == []


def test_cache_remembers_actors_that_leave(tmp_path):
    cache = tmp_path / "layout.json"
    G = signed_graph()
    first = compute_layout(G, cache=cache)
    G.remove_node("IRN")
    compute_layout(G, cache=cache)
    G.add_node("IRN", name="Iran")
    assert compute_layout(G, cache=cache)["IRN"] == first["IRN"]


def test_unchanged_cache_file_is_not_rewritten(tmp_path):
    cache = tmp_path / "layout.json"
    G = signed_graph()
    compute_layout(G, cache=cache)
    stamp = cache.stat().st_mtime_ns
    compute_layout(G, cache=cache)
    assert cache.stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "must map actor ids to"),
        ('{"A": 5}', "must map actor ids to"),
        ('{"A": [1]}', "must map actor ids to"),
        ('{"A": [NaN, 1]}', "must map actor ids to"),
    ],
)
def test_broken_cache_is_explained(tmp_path, text, message):
    cache = tmp_path / "layout.json"
    cache.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=f"layout cache .* {message}.*delete it"):
        compute_layout(signed_graph(), cache=cache)


def test_a_large_graph_gets_distinct_positions():
    # How fast: benchmarks/bench_layout.py (a timed assertion fails on a busy machine, not on slow code).
    pos = compute_layout(synthetic(500, 2500))
    assert len(set(pos.values())) == 500
