"""Queries: actor resolution, relations, neighbours, paths, summary."""

import pytest

from graph.analysis import neighbours
from graph.build import load_graph
from graph.errors import ActorNotFound
from graph.io import EXAMPLE_DATA
from graph.query import RELATION_COLUMNS, between, paths, relations, resolve_actor, summary


@pytest.fixture(scope="module")
def G():
    return load_graph(EXAMPLE_DATA)


@pytest.mark.parametrize("name", ["PRK", "prk", "North Korea", "NORTH KOREA", "dprk", "Pyongyang", "  pyongyang "])
def test_resolve_by_id_name_or_alias(G, name):
    assert resolve_actor(G, name) == "PRK"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("North Kore", 'no actor is called "North Kore"; did you mean "North Korea"'),
        ("Washingtn", 'did you mean "United States"'),
        ("Atlantis", "`actorgraph info` lists the actors"),
        ("north", 'did you mean "North Korea"'),
        ("united", 'did you mean "United States"'),
    ],
)
def test_unknown_names_suggest_the_closest(G, name, message):
    with pytest.raises(ActorNotFound, match=message):
        resolve_actor(G, name)


def test_relations_have_readable_columns(G):
    frame = relations(G, "Pyongyang")
    assert list(frame.columns) == RELATION_COLUMNS
    assert set(frame.relation_id) == {"pact-1", "pact-2", "troops-1", "condemn-1"}
    row = frame.set_index("relation_id").loc["troops-1"]
    assert (row.source_name, row.verb, row.target_name) == ("North Korea", "sends troops to", "Russia")
    assert row.sources == ["A made-up source for the examples"]


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("out", {"pact-1", "pact-2", "troops-1"}),
        ("in", {"pact-1", "pact-2", "condemn-1"}),  # a symmetric pact counts both ways
    ],
)
def test_direction(G, direction, expected):
    assert set(relations(G, "PRK", direction=direction).relation_id) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"types": "defense_pact"}, {"pact-1", "pact-2"}),
        ({"statuses": ["reported", "potential"]}, {"pact-1", "troops-1"}),
        ({"signs": -1}, {"condemn-1", "war-1"}),
        ({"latest": True}, {"pact-2", "troops-1", "condemn-1", "war-1"}),
    ],
)
def test_filters(G, filters, expected):
    assert set(relations(G, **filters).relation_id) == expected


def test_between_is_either_way(G):
    assert set(between(G, "Russia", "DPRK").relation_id) == {"pact-1", "pact-2", "troops-1"}
    assert between(G, "Ukraine", "United States").empty


def test_neighbours_split_partners_and_adversaries(G):
    frame = neighbours(G, "North Korea", as_of="2024-12-31")
    assert dict(zip(frame.actor_id, frame.stance, strict=True)) == {"RUS": "partner", "USA": "adversary"}
    assert neighbours(G, "PRK", sign=-1, as_of="2024-12-31").actor_id.tolist() == ["USA"]


@pytest.mark.parametrize("day", ["2024-07-01", "2024-10-31", "2024-12-31", "2030-01-01"])
def test_neighbours_are_the_signed_ties(G, day):
    from graph.analysis import signed_ties

    ties = signed_ties(G, as_of=day)
    mine = ties[(ties.actor_a == "PRK") | (ties.actor_b == "PRK")]
    frame = neighbours(G, "PRK", as_of=day)
    assert sorted(frame.weight) == sorted(mine.weight)
    assert sorted(frame.relations) == sorted(mine.relations)


def test_neighbours_count_in_effect_rows_only(G):
    # pact-1 (signed) is superseded by pact-2 (in force): only one of them counts on a day
    frame = neighbours(G, "PRK", as_of="2024-12-31").set_index("actor_id")
    assert frame.at["RUS", "relations"] == 2
    assert frame.at["RUS", "weight"] == pytest.approx(8 + 8.3 * 0.75)
    assert neighbours(G, "PRK", as_of="2024-01-01").empty


def test_paths_ignore_direction_and_name_the_actors(G):
    frame = paths(G, "United States", "Ukraine")
    assert frame.actors.tolist() == [["USA", "PRK", "RUS", "UKR"]]
    assert paths(G, "Ukraine", "United States", cutoff=2).empty


def test_summary_counts(G):
    s = summary(G)
    assert dict(zip(s["type"].type, s["type"].relations, strict=True)) == {
        "armed_conflict": 1,
        "condemns": 1,
        "defense_pact": 2,
        "troop_deployment": 1,
    }
    assert s["actor"].set_index("actor_id").loc["PRK", "relations"] == 4
