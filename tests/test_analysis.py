"""Signed-network analysis on hand-made graphs with known answers, and on data/."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graph.analysis import (
    ENUMERATION_LIMIT,
    balance,
    brokers,
    camps,
    centrality,
    explain_paths,
    from_signs,
    frustrated_ties,
    frustration,
    predictions,
    report,
    signed_graph,
    signed_ties,
    triangles,
)
from graph.build import load_graph
from graph.errors import ActorNotFound
from graph.io import EXAMPLE_DATA
from graph.temporal import as_of

DATA = Path(__file__).resolve().parents[1] / "data"

# -- helpers ----------------------------------------------------------------------


def triangle(ab: int, bc: int, ac: int):
    return from_signs([("A", "B", ab), ("B", "C", bc), ("A", "C", ac)])


def two_camps(left: list[str], right: list[str], extra: list[tuple] = ()) -> nx.Graph:
    """Every pair friendly within a side, hostile across, plus ``extra`` ties."""
    edges = [(a, b, 1) for side in (left, right) for a, b in itertools.combinations(side, 2)]
    edges += [(a, b, -1) for a in left for b in right]
    return from_signs([*edges, *extra])


def camp_sets(frame) -> set[frozenset]:
    placed = frame.dropna(subset=["camp"])
    return {frozenset(g["actor_id"]) for _, g in placed.groupby("camp")}


VOCABULARY = {
    "relation_types": {
        "pact": {"verb": "has a pact with", "directed": False, "sign": 1},
        "aid": {"verb": "gives aid to", "directed": True, "sign": 1},
        "condemns": {"verb": "condemns", "directed": True, "sign": -1},
        "war": {"verb": "is at war with", "directed": False, "sign": -1},
    },
    "statuses": {"confirmed": {"weight": 1.0}, "reported": {"weight": 0.5}, "potential": {"weight": 0.25}},
}


def actor_graph(*relations: tuple) -> nx.MultiDiGraph:
    """A MultiDiGraph like build_graph's, from (id, source, target, type, weight, status[, valid_to])."""
    G = nx.MultiDiGraph(**{k: dict(v) for k, v in VOCABULARY.items()})
    for rel in relations:
        rid, u, v, kind, weight, status, *rest = rel
        G.add_node(u, name=u.title())
        G.add_node(v, name=v.title())
        spec = VOCABULARY["relation_types"][kind]
        G.add_edge(
            u, v, key=rid, relation_id=rid, source=u, target=v, type=kind, status=status, weight=weight,
            sign=spec["sign"], directed=spec["directed"], confidence=0.5,
            valid_from=None, valid_to=rest[0] if rest else None, superseded_by=None, replaced=False,
        )  # fmt: skip
    return G


@pytest.fixture(scope="module")
def example():
    return load_graph(EXAMPLE_DATA)


@pytest.fixture(scope="module")
def real():
    return load_graph(DATA)


# -- signed ties ------------------------------------------------------------------


def test_relations_in_both_directions_add_up_with_status_weights():
    G = actor_graph(
        ("r1", "a", "b", "aid", 8, "confirmed"), ("r2", "b", "a", "condemns", -2, "reported"), ("r3", "a", "b", "pact", 4, "potential")
    )
    row = signed_ties(G).iloc[0]
    assert (row.actor_a, row.actor_b, row.relations) == ("a", "b", 3)
    assert row.weight == pytest.approx(8 - 2 * 0.5 + 4 * 0.25)
    assert (row.positive, row.negative, row.sign) == (9.0, -1.0, 1)
    assert row.relation_ids == ["r1", "r2", "r3"]


@pytest.mark.parametrize(
    ("options", "weight", "relations"),
    [
        ({}, 8.0, 3),
        ({"include_potential": False}, 7.0, 2),
        ({"status_weights": {"reported": 0}}, 9.0, 2),
        ({"status_weights": {"reported": 1, "potential": 1}}, 10.0, 3),
        ({"by_confidence": True}, 4.0, 3),
    ],
)
def test_collapse_rules(options, weight, relations):
    G = actor_graph(
        ("r1", "a", "b", "aid", 8, "confirmed"), ("r2", "b", "a", "condemns", -2, "reported"), ("r3", "a", "b", "pact", 4, "potential")
    )
    row = signed_ties(G, **options).iloc[0]
    assert (row.weight, row.relations) == (pytest.approx(weight), relations)


def test_ties_that_cancel_out_have_sign_zero_and_are_not_edges():
    G = actor_graph(
        ("r1", "a", "b", "aid", 2, "confirmed"), ("r2", "a", "b", "condemns", -2, "confirmed"), ("r3", "b", "c", "war", -10, "confirmed")
    )
    assert signed_ties(G).sign.tolist() == [0, -1]
    assert list(signed_graph(G).edges) == [("b", "c")]
    assert set(signed_graph(G).nodes) == {"a", "b", "c"}


def test_only_relations_in_effect_count(example):
    assert signed_ties(example, as_of="2023-01-01")[["actor_a", "actor_b"]].values.tolist() == [["RUS", "UKR"]]
    ended = actor_graph(("r1", "a", "b", "war", -10, "confirmed", "2000-12-31"), ("r2", "a", "b", "pact", 8, "confirmed"))
    assert signed_ties(ended, as_of="2000-06-01").weight.tolist() == [-2.0]
    assert signed_ties(ended).weight.tolist() == [8.0]  # today


def test_an_as_of_view_gives_the_same_ties_as_the_option(example):
    for day in ["2024-06-30", "2024-10-31", "2024-12-31"]:
        view = as_of(example, day)
        assert signed_ties(view).equals(signed_ties(example, as_of=day))
        assert signed_graph(view).graph["as_of"] == day


# -- triangles and balance --------------------------------------------------------


@pytest.mark.parametrize(
    ("signs", "strong", "weak"),
    [
        ((1, 1, 1), True, True),
        ((1, -1, -1), True, True),
        ((-1, 1, -1), True, True),
        ((1, 1, -1), False, False),
        ((-1, 1, 1), False, False),
        ((-1, -1, -1), False, True),
    ],
)
def test_triangle_balance(signs, strong, weak):
    S = triangle(*signs)
    assert triangles(S).balanced.tolist() == [strong]
    assert triangles(S, weak=True).balanced.tolist() == [weak]
    assert balance(S).at[0, "balance_share"] == float(strong)


def test_triangles_lists_each_once_with_its_signs():
    S = from_signs([("A", "B", 1), ("B", "C", 1), ("A", "C", -1), ("C", "D", 1), ("B", "D", 1)])
    t = triangles(S)
    assert t[["names", "signs", "balanced"]].values.tolist() == [["A, B, C", "++-", False], ["B, C, D", "+++", True]]
    assert t.at[0, "reading"] == "a friend of a friend is an enemy"
    assert balance(S).at[0, "balance_share"] == 0.5


# -- frustration --------------------------------------------------------------------

PETERSEN_NEGATIVE = from_signs([(u, v, -1) for u, v in nx.petersen_graph().edges])


@pytest.mark.parametrize(
    ("S", "strong", "weak", "weak_camps"),
    [
        pytest.param(triangle(-1, -1, -1), 1, 0, 3, id="all-negative triangle"),
        pytest.param(triangle(1, 1, -1), 1, 1, 1, id="one negative triangle"),
        pytest.param(triangle(1, -1, -1), 0, 0, 2, id="balanced triangle"),
        pytest.param(two_camps(list("ABC"), list("DEF")), 0, 0, 2, id="two camps"),
        pytest.param(from_signs([(a, b, -1) for a, b in itertools.combinations("ABCD", 2)]), 2, 0, 4, id="all-negative K4"),
        pytest.param(from_signs([("A", "B", 1), ("B", "C", 1), ("C", "D", 1), ("D", "A", -1)]), 1, 1, 1, id="square, one negative"),
        pytest.param(PETERSEN_NEGATIVE, 3, 0, 3, id="all-negative Petersen: 15 - max cut 12; weak camps = chromatic number"),
        pytest.param(
            from_signs([("A", "B", 1), ("B", "C", 1), ("A", "C", -1), ("X", "Y", -1), ("Y", "Z", -1), ("X", "Z", -1)]),
            2,
            1,
            4,
            id="two components",
        ),
    ],
)
def test_frustration_of_known_graphs(S, strong, weak, weak_camps):
    assert frustration(S).at[0, "frustration"] == strong
    result = frustration(S, weak=True)
    assert result.at[0, "frustration"] == weak
    assert result.at[0, "camps"] == weak_camps
    assert bool(result.at[0, "exact"])
    assert len(frustrated_ties(S)) == strong


def test_frustrated_ties_are_the_weakest_among_equal_splits():
    S = from_signs([("A", "B", 5), ("B", "C", 5), ("A", "C", -1)])
    assert frustrated_ties(S)[["actor_a", "actor_b", "why"]].values.tolist() == [["A", "C", "hostile within a camp"]]
    S = from_signs([("A", "B", 1), ("B", "C", 5), ("A", "C", -5)])
    assert frustrated_ties(S)[["actor_a", "actor_b", "why"]].values.tolist() == [["A", "B", "friendly across camps"]]


def test_weighted_frustration_minimises_weight_not_count():
    # Flipping the two weak ties (1 + 1) beats flipping the one strong tie (5).
    S = from_signs([("A", "B", 1), ("B", "C", 1), ("A", "C", -5), ("A", "D", 1), ("D", "C", 1)])
    assert frustration(S).at[0, "frustration"] == 1
    assert frustration(S, weighted=True).at[0, "frustration"] == 2.0


def random_signed(n: int, p: float, seed: int) -> nx.Graph:
    rng = np.random.default_rng(seed)
    base = nx.gnp_random_graph(n, p, seed=seed)
    return from_signs([(f"n{u:02d}", f"n{v:02d}", rng.choice([-1, 1])) for u, v in base.edges])


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("weak", [False, True])
def test_heuristic_finds_the_exact_minimum_on_small_graphs(seed, weak):
    S = random_signed(9, 0.5, seed)
    exact = frustration(S, weak=weak)
    heuristic = frustration(S, weak=weak, method="local", seed=seed)
    assert bool(exact.at[0, "exact"]) and not bool(heuristic.at[0, "exact"])
    assert heuristic.at[0, "method"].startswith("local search")
    assert np.isnan(heuristic.at[0, "bound"])
    assert heuristic.at[0, "frustration"] == exact.at[0, "frustration"]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weighted", [False, True])
def test_the_solver_agrees_with_enumeration(seed, weighted):
    rng = np.random.default_rng(seed)
    S = from_signs([(u, v, rng.choice([-1, 1]) * rng.integers(1, 4)) for u, v in nx.gnp_random_graph(12, 0.5, seed=seed).edges])
    enumerated = frustration(S, weighted=weighted)
    solved = frustration(S, weighted=weighted, exact_limit=0)
    assert "binary programming (HiGHS)" in solved.at[0, "method"] and "enumeration" in enumerated.at[0, "method"]
    assert bool(solved.at[0, "exact"]) and solved.at[0, "gap"] == 0
    assert solved.at[0, "frustration"] == pytest.approx(enumerated.at[0, "frustration"])


def planted(n: int, m: int, flips: int, seed: int) -> tuple[nx.Graph, set]:
    """Two planted camps, ``m`` random ties signed by them, ``flips`` of them flipped."""
    rng = np.random.default_rng(seed)
    side = rng.integers(0, 2, n)
    pairs = set()
    while len(pairs) < m:
        a, b = sorted(rng.integers(0, n, 2).tolist())
        if a != b:
            pairs.add((a, b))
    pairs = sorted(pairs)
    flipped = {pairs[i] for i in rng.choice(len(pairs), flips, replace=False)}
    edges = [(a, b, (1 if side[a] == side[b] else -1) * (-1 if (a, b) in flipped else 1)) for a, b in pairs]
    return from_signs(edges), flipped


def test_a_planted_split_is_found_exactly_with_its_bound():
    S, flipped = planted(150, 900, 20, seed=1)
    result = frustration(S).iloc[0]
    assert bool(result.exact) and result.gap == 0 and result.bound == result.frustration
    assert result.frustration <= len(flipped)
    assert "binary programming (HiGHS)" in result.method


def test_enumeration_up_to_the_limit_and_the_solver_beyond():
    n = ENUMERATION_LIMIT
    left, right = [f"a{i:02d}" for i in range(n // 2)], [f"b{i:02d}" for i in range(n - n // 2)]
    at_limit = two_camps(left, right, [("a00", "b00", 1)])
    result = frustration(at_limit)
    assert (result.at[0, "frustration"], bool(result.at[0, "exact"])) == (1, True)
    assert result.at[0, "method"].startswith("enumeration")
    beyond = two_camps([*left, "a99"], right, [("a00", "b00", 1)])
    result = frustration(beyond)
    assert (result.at[0, "frustration"], bool(result.at[0, "exact"])) == (1, True)
    assert "binary programming" in result.at[0, "method"]
    assert camp_sets(camps(beyond)) == {frozenset([*left, "a99"]), frozenset(right)}


def test_a_time_limit_gives_the_best_split_found_and_its_bound():
    S, _ = planted(300, 3000, 600, seed=2)  # noisy: hard to prove within a hundredth of a second
    result = frustration(S, time_limit=0.01).iloc[0]
    assert result.bound <= result.frustration
    assert bool(result.exact) == (result.gap == 0)


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match='method must be one of auto, exact, local, not "fast"'):
        frustration(triangle(1, 1, -1), method="fast")


def test_the_heuristic_is_reproducible_with_a_seed():
    S = random_signed(30, 0.2, 7)
    runs = [camps(S, method="local", seed=3).camp.tolist() for _ in range(2)]
    assert runs[0] == runs[1]


# -- camps and communities ----------------------------------------------------------


def test_camps_of_a_balanced_graph():
    S = two_camps(["A", "B", "C"], ["D", "E"])
    S.add_node("Z", name="Z")  # no tie: no camp
    frame = camps(S)
    assert camp_sets(frame) == {frozenset("ABC"), frozenset("DE")}
    by_actor = frame.set_index("actor_id").camp
    assert by_actor.drop("Z").to_dict() == {"A": 1, "B": 1, "C": 1, "D": 2, "E": 2}
    assert pd.isna(by_actor["Z"])
    assert frame.set_index("actor_id").at["A", "camp"] == 1  # the larger camp first
    assert frame.agrees.all()


def test_weak_balance_splits_mutual_enemies_into_more_camps():
    S = from_signs([("A", "B", 1), ("A", "C", -1), ("B", "C", -1), ("C", "D", -1), ("A", "D", -1), ("B", "D", -1)])
    assert camp_sets(camps(S, weak=True)) == {frozenset("AB"), frozenset("C"), frozenset("D")}
    assert frustration(S).at[0, "frustration"] == 1


def test_a_community_that_straddles_two_camps_disagrees():
    # A strong friendly tie across two camps that are otherwise hostile: Louvain keeps A with C.
    S = two_camps(["A", "B"], ["C", "D"], [])
    S.remove_edge("A", "C")
    S.add_edge("A", "C", sign=1, weight=10.0)
    frame = camps(S).set_index("actor_id")
    assert frame.at["A", "community"] == frame.at["C", "community"]
    assert frame.at["A", "camp"] != frame.at["C", "camp"]
    assert not frame.agrees.all()


# -- centrality and brokers ------------------------------------------------------


def test_degree_by_sign_and_direction():
    G = actor_graph(
        ("r1", "a", "b", "aid", 8, "confirmed"),
        ("r2", "c", "b", "aid", 8, "confirmed"),
        ("r3", "a", "c", "condemns", -2, "confirmed"),
        ("r4", "b", "d", "war", -10, "confirmed"),
    )
    c = centrality(G).set_index("actor_id")
    assert c.loc["b", ["out_pos", "out_neg", "in_pos", "in_neg"]].tolist() == [0, 1, 2, 1]
    assert c.loc["a", ["out_pos", "out_neg", "in_pos", "in_neg"]].tolist() == [1, 1, 0, 0]
    assert (c.at["b", "allies"], c.at["b", "adversaries"]) == (2, 1)
    assert c.index[0] == "b"  # PageRank flows to the receiver of aid
    assert c.at["b", "betweenness"] == pytest.approx(1 / 3)  # the only friendly link between a and c: 1 pair of 3
    assert c.at["b", "betweenness_all"] > c.at["a", "betweenness_all"]


def test_a_broker_on_a_known_bridge():
    S = two_camps(["A", "B", "C"], ["D", "E", "F"], [("X", "A", 3), ("X", "D", 3), ("X", "B", -1), ("X", "E", -1)])
    b = brokers(S)
    assert b.at[0, "actor_id"] == "X"
    assert b.at[0, "friendly_camps"] == [1, 2]
    assert b.at[0, "bridge_ties"] == 1
    assert b.at[0, "cross_betweenness"] == 9.0  # every pair across the camps passes through X on friendly ties
    assert set(b.actor_id) <= {"X", "A", "D"}


def test_no_brokers_in_two_clean_camps():
    assert brokers(two_camps(["A", "B"], ["C", "D"])).empty


# -- explained paths ---------------------------------------------------------------


@pytest.fixture
def chain():
    return actor_graph(
        ("pact", "jp", "us", "pact", 8, "confirmed"),
        ("cond", "us", "nk", "condemns", -2, "confirmed"),
        ("troops", "nk", "ru", "aid", 8, "reported"),
        ("war", "ru", "ua", "war", -10, "confirmed"),
    )


@pytest.mark.parametrize(
    ("source", "target", "text"),
    [
        ("Jp", "ua", "Jp — has a pact with → Us — condemns → Nk — gives aid to (reported) → Ru — is at war with → Ua"),
        ("ua", "jp", "Ua — is at war with → Ru ← gives aid to (reported) — Nk ← condemns — Us — has a pact with → Jp"),
        ("nk", "us", "Nk ← condemns — Us"),
    ],
)
def test_path_wording(chain, source, target, text):
    paths = explain_paths(chain, source, target)
    assert paths.text.tolist() == [text]


def test_path_sign_is_the_product_of_the_ties(chain):
    p = explain_paths(chain, "jp", "ua").iloc[0]
    assert (p.steps, p.sign) == (4, 1)  # ally of an enemy of a friend of an enemy
    assert p.relations == ["pact", "cond", "troops", "war"]
    assert explain_paths(chain, "jp", "nk").iloc[0].sign == -1


def test_paths_cutoff_and_shortest():
    G = actor_graph(
        ("1", "a", "b", "pact", 8, "confirmed"),
        ("2", "b", "d", "pact", 8, "confirmed"),
        ("3", "a", "c", "pact", 8, "confirmed"),
        ("4", "c", "e", "pact", 8, "confirmed"),
        ("5", "e", "d", "pact", 8, "confirmed"),
    )
    assert explain_paths(G, "a", "d").steps.tolist() == [2, 3]
    assert explain_paths(G, "a", "d", cutoff=2).steps.tolist() == [2]
    assert explain_paths(G, "a", "d", shortest=True).actors.tolist() == [["a", "b", "d"]]
    assert explain_paths(G, "a", "a").empty


def test_a_step_shows_the_strongest_relation():
    G = actor_graph(("weak", "a", "b", "condemns", -2, "confirmed"), ("strong", "b", "a", "aid", 8, "confirmed"))
    assert explain_paths(G, "a", "b").text.tolist() == ["A ← gives aid to — B"]


def test_unknown_actor_in_a_path(example):
    with pytest.raises(ActorNotFound, match="Rusia"):
        explain_paths(example, "Rusia", "Kyiv")


# -- predictions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ab", "bc", "expected", "words"),
    [
        (1, 1, 1, "a friend of a friend is a friend"),
        (1, -1, -1, "a friend's enemy is an enemy"),
        (-1, 1, -1, "a friend's enemy is an enemy"),
        (-1, -1, 1, "the enemy of my enemy is a friend"),
    ],
)
def test_open_triads_close_as_balance_says(ab, bc, expected, words):
    p = predictions(from_signs([("A", "B", ab), ("B", "C", bc)]))
    assert p[["kind", "actor_a", "actor_b", "current", "expected"]].values.tolist() == [["close", "A", "C", 0, expected]]
    assert words in p.at[0, "reason"]


def test_weak_balance_predicts_nothing_from_two_common_enemies():
    assert predictions(from_signs([("A", "B", -1), ("B", "C", -1)]), weak=True).empty


def test_the_weakest_tie_of_an_unbalanced_triangle_is_expected_to_flip_first():
    p = predictions(from_signs([("A", "B", 8), ("B", "C", 5), ("A", "C", -10)]))
    assert p.kind.tolist() == ["flip"] * 3
    assert p[["actor_a", "actor_b", "expected"]].values.tolist()[0] == ["B", "C", -1]
    assert "B and C are friendly, but" in p.at[0, "reason"]


def test_votes_against_are_counted():
    p = predictions(from_signs([("A", "B", 1), ("B", "C", 1), ("A", "D", 3), ("D", "C", -3)]))
    row = p.set_index(["actor_a", "actor_b"]).loc[("A", "C")]
    assert (row.expected, row.support, row.against, row.via) == (-1, 1, 1, ["D"])


# -- the report and the real data ------------------------------------------------


def test_report_sections(example):
    r = report(example, as_of="2024-12-31")
    assert r["summary"].at[0, "as_of"] == "2024-12-31"
    assert r["camps"].members.tolist() == ["North Korea, Russia", "Ukraine, United States"]
    assert r["unbalanced triangles"].empty


def test_real_data_two_camps(real):
    frame = camps(real, as_of="2024-12-31").set_index("name")
    east = {frame.at[n, "camp"] for n in ["North Korea", "Russia"]}
    west = {frame.at[n, "camp"] for n in ["United States", "South Korea", "Japan", "Ukraine"]}
    assert len(east) == 1 and len(west) == 1 and east != west
    summary = balance(real, as_of="2024-12-31")
    assert bool(summary.at[0, "exact"])
    assert summary.at[0, "camps"] == 2


def test_real_data_paths_reach_ukraine_from_japan(real):
    texts = explain_paths(real, "Tokyo", "Kyiv", as_of="2024-12-31", cutoff=3).text.tolist()
    assert any("North Korea" in t and t.startswith("Japan") and t.endswith("Ukraine") for t in texts)


def test_cli_analyze(run_cli):
    result = run_cli("analyze", "--as-of", "2024-12-31")
    assert result.returncode == 0, result.stderr
    assert "camps:" in result.stdout and "North Korea, Russia" in result.stdout
    data = json.loads(run_cli("analyze", "--as-of", "2024-12-31", "--format", "json").stdout)
    assert {"summary", "camps", "unbalanced triangles", "brokers", "centrality", "predictions"} <= set(data)
    assert data["summary"][0]["camps"] == 2
    table = pd.read_csv(io.StringIO(run_cli("analyze", "--format", "csv").stdout))
    assert table.columns[0] == "section"
    assert {"summary", "camps", "centrality"} <= set(table.section)


@pytest.mark.parametrize("size_by", ["degree", "betweenness", "pagerank"])
def test_cli_build_sizes_by_a_centrality_and_colours_by_camp(run_cli, example_dir, tmp_path, size_by):
    out = tmp_path / "page.html"
    done = run_cli("build", "--data", example_dir, "-o", out, "--as-of", "2024-12-31", "--size-by", size_by, "--color-by", "camp")
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "camp 1: " in page and "camp 2: " in page


# -- events fade --------------------------------------------------------------------

RELATIONS_HEADER = (
    "relation_id,source,target,type,status,start,end,confidence,intensity,magnitude,citation,evidence,notes,recorded,supersedes\n"
)


def write_data(folder: Path, relations: list[str], *, actors: list[str] = (), memberships: list[str] = (), kinds: list[str] = ()) -> Path:
    """The example data with these relation rows (and extra actors, kinds and memberships)."""
    (folder / "relations.csv").write_text(RELATIONS_HEADER + "".join(r + "\n" for r in relations), encoding="utf-8")
    if actors:
        with (folder / "actors.csv").open("a", encoding="utf-8") as f:
            f.writelines(a + "\n" for a in actors)
    if kinds:
        with (folder / "actor_kinds.csv").open("a", encoding="utf-8") as f:
            f.writelines(k + "\n" for k in kinds)
    header = "membership_id,member,bloc,start,end,citation,notes\n"
    (folder / "memberships.csv").write_text(header + "".join(m + "\n" for m in memberships), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("day", "weight"),
    [
        ("2019-12-31", None),  # before it was said
        ("2020-01-01", -2.0),
        ("2020-01-02", -2 * 0.5 ** (1 / 90)),
        ("2020-03-31", -1.0),  # one half-life: 90 days
        ("2020-12-30", -2 * 0.5 ** (364 / 90)),  # the last day within the 365-day horizon
        ("2021-01-01", None),
        ("2030-01-01", None),
    ],
)
def test_a_condemnation_fades_and_then_stops_counting(example_dir, day, weight):
    write_data(example_dir, ["c-1,USA,PRK,condemns,confirmed,2020-01-01,,0.9,,,toy,Condemned.,,2020-01-02,"])
    ties = signed_ties(load_graph(example_dir), as_of=day)
    if weight is None:
        assert ties.empty
    else:
        assert ties.weight.tolist() == [pytest.approx(weight)]
        assert ties.sign.tolist() == [-1]


def test_a_state_does_not_fade(example_dir):
    write_data(example_dir, ["w-1,RUS,UKR,armed_conflict,confirmed,2020-01-01,,0.9,,,toy,War.,,2020-01-02,"])
    assert signed_ties(load_graph(example_dir), as_of="2030-01-01").weight.tolist() == [-10.0]


def test_one_channel_per_family_counts_at_its_strongest():
    G = actor_graph(
        ("r1", "a", "b", "aid", 8, "confirmed"), ("r2", "a", "b", "aid", 5, "confirmed"), ("r3", "a", "b", "pact", 4, "confirmed")
    )
    for kind in G.graph["relation_types"].values():
        kind["family"] = "cooperation"
    row = signed_ties(G).iloc[0]
    assert (row.weight, row.relations, row.relation_ids) == (8.0, 3, ["r1", "r2", "r3"])


# -- blocs and arenas ------------------------------------------------------------------

BLOC = {
    "kinds": ["bloc,Bloc,A group acting together.,#E9A23B,hexagon,bloc", "organ,Organ,A forum.,#8E6BBE,square,arena"],
    "actors": ["WST,Western powers,bloc,,", "JPN,Japan,state,,", "UNSC,UN Security Council,organ,,"],
    "memberships": ["m-usa,USA,WST,,,toy,", "m-jpn,JPN,WST,2024-01,,toy,"],
}


@pytest.fixture
def blocs(example_dir):
    relations = [
        # the bloc's package is the U.S. package reported once more; Japan has none of its own
        "s-wst,WST,PRK,sanctions,confirmed,2024-12-16,,0.9,,,toy,Package.,,2024-12-18,",
        "s-usa,USA,PRK,sanctions,confirmed,2024-12-16,,0.9,,,toy,Package.,,2024-12-18,",
        "p-1,USA,UKR,military_cooperation,confirmed,2022,,0.9,,,toy,Help.,,2024-12-18,",
        "w-1,RUS,UKR,armed_conflict,confirmed,2022-02-24,,1,,,toy,War.,,2022-02-24,",
        "u-1,UNSC,PRK,sanctions,confirmed,2006-10-14,,1,,,toy,Resolution 1718.,,2006-10-14,",
        "t-1,PRK,RUS,troop_deployment,confirmed,2024-10,,0.9,,,toy,Troops.,,2024-10-31,",
    ]
    folder = write_data(example_dir, relations, actors=BLOC["actors"], memberships=BLOC["memberships"], kinds=BLOC["kinds"])
    rt = folder / "relation_types.csv"
    rt.write_text(
        rt.read_text(encoding="utf-8")
        + "sanctions,Sanctions,coercion,imposes sanctions on,Sanctions.,true,-1,-8.0,,163,SANCTION,#AA3377,state,,\n"
        + "military_cooperation,Military cooperation,military_cooperation,cooperates militarily with,Help.,false,1,7.4,,062,COOPERATE,#0072B2,state,,\n",
        encoding="utf-8",
    )
    return load_graph(folder)


def incoming_hostile(ties, actor):
    return {(r.actor_a if r.actor_b == actor else r.actor_b) for r in ties.itertuples() if actor in (r.actor_a, r.actor_b) and r.sign < 0}


def test_fold_credits_a_blocs_act_to_its_members_once(blocs):
    ties = signed_ties(blocs, as_of="2024-12-31").set_index(["actor_a", "actor_b"])
    assert ties.at[("PRK", "USA"), "relations"] == 1  # the U.S. package, not the same package twice
    assert ties.at[("PRK", "USA"), "weight"] == -8.0
    assert ties.at[("JPN", "PRK"), "weight"] == -8.0  # Japan gets the bloc's act
    assert not any("WST" in pair for pair in ties.index)
    assert incoming_hostile(ties.reset_index(), "PRK") == {"USA", "JPN"}  # the arena takes no side


def test_fold_follows_membership_dates(blocs):
    before = signed_ties(blocs, as_of="2023-06-30")
    assert "JPN" not in set(before.actor_a) | set(before.actor_b)


def test_keep_leaves_the_bloc_but_not_the_same_act_twice(blocs):
    ties = signed_ties(blocs, as_of="2024-12-31", blocs="keep")
    assert incoming_hostile(ties, "PRK") == {"USA"}  # the bloc's row repeats the U.S. row: counted once, on the U.S.


def test_drop_leaves_blocs_out(blocs):
    ties = signed_ties(blocs, as_of="2024-12-31", blocs="drop")
    assert incoming_hostile(ties, "PRK") == {"USA"}
    with pytest.raises(ValueError, match='blocs must be one of fold, keep, drop, not "merge"'):
        signed_ties(blocs, blocs="merge")


@pytest.mark.parametrize("mode", ["fold", "keep", "drop"])
def test_no_prediction_pairs_a_bloc_with_its_member_or_an_arena_with_anyone(blocs, mode):
    p = predictions(blocs, as_of="2024-12-31", blocs=mode)
    pairs = {frozenset(x) for x in zip(p.actor_a, p.actor_b, strict=True)}
    assert not pairs & {frozenset(("WST", "USA")), frozenset(("WST", "JPN"))}
    assert not any("UNSC" in pair for pair in pairs)
    assert p.triangles.map(len).eq(p.support).all()  # each names the triangles behind it


def test_a_bloc_and_its_member_are_never_predicted_even_when_tied_to_others():
    S = from_signs([("WST", "X", -1), ("USA", "X", -1)])
    S.graph["members"] = {"WST": ["USA"]}
    assert predictions(S).empty
    del S.graph["members"]
    assert predictions(S)[["actor_a", "actor_b"]].values.tolist() == [["USA", "WST"]]


def test_an_arena_joins_no_camp(blocs):
    frame = camps(blocs, as_of="2024-12-31").set_index("actor_id")
    assert pd.isna(frame.at["UNSC", "camp"]) and pd.isna(frame.at["WST", "camp"])
    assert frame.at["USA", "camp"] == frame.at["JPN", "camp"] != frame.at["PRK", "camp"]


# -- hostile input, the report, one date type -------------------------------------------


def test_a_tiny_status_weight_does_not_break_the_report(example_dir):
    statuses = example_dir / "statuses.csv"
    statuses.write_text(
        statuses.read_text(encoding="utf-8").replace(
            "confirmed,Confirmed,In effect and acknowledged or verified.,solid,1",
            "confirmed,Confirmed,In effect and acknowledged or verified.,solid,1e-320",
        ),
        encoding="utf-8",
    )
    r = report(load_graph(example_dir), as_of="2024-12-31")
    assert r["centrality"]["pagerank"].sum() == pytest.approx(1.0)


def test_a_header_only_dataset_gives_empty_sections(example_dir):
    for file in ("actors.csv", "relations.csv", "memberships.csv"):
        path = example_dir / file
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    r = report(load_graph(example_dir), as_of="2024-12-31")
    assert r["summary"].at[0, "actors"] == 0
    assert r["centrality"].empty and list(r["centrality"].columns)[-1] == "pagerank"
    assert r["predictions"].empty and r["camps"].empty


def test_the_report_computes_the_signed_graph_and_the_split_once(example, monkeypatch):
    import importlib

    module = importlib.import_module("graph.analysis.report")  # graph.analysis.report is also the function

    calls = {"signed": 0, "split": 0}
    signed, split = module.signed, module.best_split

    def count(name, f):
        def wrapped(*args, **kwargs):
            calls[name] += 1
            return f(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(module, "signed", count("signed", signed))
    monkeypatch.setattr(module, "best_split", count("split", split))
    import graph.analysis.ties as ties

    inner = {"n": 0}
    original = ties.signed_ties

    def counted_ties(*args, **kwargs):
        inner["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(ties, "signed_ties", counted_ties)
    report(example, as_of="2024-12-31")
    assert calls == {"signed": 1, "split": 1}
    assert inner["n"] == 1


@pytest.mark.parametrize("day", ["2024-12-31", "2024-12", "2024", __import__("datetime").date(2024, 12, 31)])
def test_every_function_takes_the_same_date_types(example, day):
    expected = signed_ties(example, as_of="2024-12-31")
    assert signed_ties(example, as_of=day).equals(expected)
    assert report(example, as_of=day)["summary"].at[0, "as_of"] == "2024-12-31"
    for f in (balance, camps, centrality, frustration, predictions, triangles, frustrated_ties, brokers):
        assert isinstance(f(example, as_of=day), pd.DataFrame)


# -- done when: the real data, 31 December 2024 ---------------------------------------------


@pytest.fixture(scope="module")
def end_2024(real):
    return report(real, as_of="2024-12-31")


def test_real_data_us_and_ukraine_are_friendly(real):
    ties = signed_ties(real, as_of="2024-12-31").set_index(["actor_a", "actor_b"])
    assert ties.at[("UKR", "USA"), "sign"] == 1


def test_real_data_no_prediction_pairs_a_bloc_with_its_member(real):
    from graph.analysis import members_on

    p = predictions(real, as_of="2024-12-31")
    members = members_on(real, __import__("datetime").date(2024, 12, 31))
    pairs = {frozenset((b, m)) for b, ms in members.items() for m in ms}
    assert pairs and not pairs & {frozenset(x) for x in zip(p.actor_a, p.actor_b, strict=True)}
    assert not set(p.actor_a) & {"UNSC"} and not set(p.actor_b) & {"UNSC"}


def test_real_data_unsc_in_no_camp_and_two_defensible_camps(end_2024):
    camps_ = end_2024["camps"]
    members = {("none" if pd.isna(c) else int(c)): m for c, m in zip(camps_["camp"], camps_["members"], strict=True)}
    assert "UN Security Council" in members["none"]
    assert {"North Korea, Russia", "European Union, Japan, South Korea, Ukraine, United States"} <= set(members.values())
    assert end_2024["summary"].at[0, "exact"]


@pytest.mark.parametrize("seed", range(3))
def test_the_batched_brandes_pass_matches_networkx_and_the_pairwise_definition(seed):
    from graph.analysis.centrality import betweenness

    S = random_signed(20, 0.25, seed)
    rng = np.random.default_rng(seed)
    labels = {n: (int(rng.integers(1, 3)) if rng.random() < 0.9 else None) for n in S.nodes}
    friendly_b, cross, every, note = betweenness(S, labels)
    P = nx.Graph([(u, v) for u, v, s in S.edges(data="sign") if s > 0])
    P.add_nodes_from(S.nodes)
    expected = nx.betweenness_centrality(P)
    assert friendly_b == pytest.approx(expected)
    assert every == pytest.approx(nx.betweenness_centrality(S))
    pairwise = dict.fromkeys(S.nodes, 0.0)
    for s, t in itertools.combinations(S.nodes, 2):
        if labels[s] is None or labels[t] is None or labels[s] == labels[t] or not nx.has_path(P, s, t):
            continue
        found = list(nx.all_shortest_paths(P, s, t))
        for path in found:
            for x in path[1:-1]:
                pairwise[x] += 1 / len(found)
    assert cross == pytest.approx(pairwise)
    assert note == "exact (every source)"


def test_betweenness_beyond_the_limit_is_sampled_and_says_so(monkeypatch):
    import importlib

    module = importlib.import_module("graph.analysis.centrality")
    monkeypatch.setattr(module, "BETWEENNESS_EXACT_LIMIT", 10)
    S = random_signed(30, 0.2, 1)
    frame = centrality(S)
    assert frame.attrs["betweenness"] == "estimated from 10 of 30 sampled sources (seed 0)"
    assert report(S)["summary"].at[0, "betweenness"] == "estimated from 10 of 30 sampled sources (seed 0)"


# -- memberships.csv: the new input file -------------------------------------------------


def test_a_missing_memberships_file_says_what_it_needs(example_dir, capsys):
    from graph.cli import main

    (example_dir / "memberships.csv").unlink()
    assert main(["analyze", "--data", str(example_dir)]) == 1
    err = capsys.readouterr().err
    assert "memberships.csv: file not found: every data folder needs memberships.csv (Members of blocs)" in err
    assert "membership_id, member, bloc, start, end, citation, notes" in err


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("m-1,XXX,USA,,,toy,", "member", 'unknown member "XXX": no actor_id "XXX" in actors.csv'),
        ("m-1,PRK,USA,2024-13,,toy,", "start", '"2024-13" is not a real date'),
        ("m-1,PRK,USA,2024,2020,toy,", "end", "end 2020 is before start 2024"),
        ("m-1,PRK,USA,,,,", "citation", "citation is required"),
        ("m-1,PRK,USA,,,nope,", "citation", 'unknown citation "nope"'),
    ],
)
def test_bad_memberships_are_refused_with_file_line_and_column(example_dir, capsys, row, column, message):
    from graph.cli import main

    (example_dir / "memberships.csv").write_text("membership_id,member,bloc,start,end,citation,notes\n" + row + "\n", encoding="utf-8")
    assert main(["validate", "--data", str(example_dir)]) == 1
    err = capsys.readouterr().err
    assert f"memberships.csv:2: {column}: " in err and message in err


@pytest.mark.parametrize("mode", ["fold", "keep", "drop"])
def test_cli_analyze_blocs_and_method(capsys, mode):
    from graph.cli import main

    assert main(["analyze", "--as-of", "2024-12-31", "--blocs", mode, "--method", "local", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    summary = data["summary"][0]
    assert (summary["blocs"], summary["camps"], summary["frustration"]) == (mode, 2, 0)
    assert summary["method"].startswith("local search")
    assert not any("UN Security Council" in c["members"] for c in data["camps"] if c["camp"] is not None)
