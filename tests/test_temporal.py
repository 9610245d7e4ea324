"""The map as of a date (valid time) and as known on a date (record time)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import page_payload

from graph.build import load_graph
from graph.errors import DateFormatError
from graph.temporal import as_known, as_of, as_recorded, effective_intervals, known_since

HEADER = "relation_id,source,target,type,status,start,end,confidence,intensity,magnitude,citation,evidence,notes,recorded,supersedes\n"


@pytest.fixture
def graph_of(example_dir: Path):
    """Build a graph from relation rows ``(id, start, end, recorded, supersedes)``.

    Every row is a PRK–RUS defence pact; only time and history vary, which is
    what these tests are about.
    """

    def build(*rows: tuple[str, str, str, str, str]):
        lines = [
            f"{rid},PRK,RUS,defense_pact,confirmed,{start},{end},0.9,,,toy,Text.,,{recorded},{old}\n"
            for rid, start, end, recorded, old in rows
        ]
        (example_dir / "relations.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
        return load_graph(example_dir)

    return build


def ids(G) -> list[str]:
    return sorted(k for *_, k in G.edges(keys=True))


# -- valid time: one row --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "day", "expected"),
    [
        # the start day is in effect, the day before is not
        ("2024-06-19", "", "2024-06-18", False),
        ("2024-06-19", "", "2024-06-19", True),
        # a month stands for the whole month: from its first day
        ("2024-06", "", "2024-05-31", False),
        ("2024-06", "", "2024-06-01", True),
        # a year from 1 January
        ("2024", "", "2023-12-31", False),
        ("2024", "", "2024-01-01", True),
        # open start: since the beginning of time; open end: ongoing
        ("", "", "1900-01-01", True),
        ("", "", "2100-12-31", True),
        ("", "2024-03-01", "1900-01-01", True),
        # an end is inclusive, to the last day of its period
        ("2024-01-01", "2024-03-01", "2024-03-01", True),
        ("2024-01-01", "2024-03-01", "2024-03-02", False),
        ("2024-01", "2024-11", "2024-11-30", True),
        ("2024-01", "2024-11", "2024-12-01", False),
        ("2020", "2024", "2024-12-31", True),
        ("2020", "2024", "2025-01-01", False),
        # a one-day relation: the end on the day it starts
        ("2024-11-04", "2024-11-04", "2024-11-03", False),
        ("2024-11-04", "2024-11-04", "2024-11-04", True),
        ("2024-11-04", "2024-11-04", "2024-11-05", False),
    ],
)
def test_as_of_one_row(graph_of, start, end, day, expected):
    G = graph_of(("r-1", start, end, "2024-01-01", ""))
    assert ("r-1" in ids(as_of(G, day))) is expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        # a partial date asked for means the last day of its period
        ("2024", ["r-1"]),  # 31 December 2024
        ("2024-06", []),  # 30 June
        ("2024-07", ["r-1"]),
        ("2024-07-01", ["r-1"]),
        ("2024-06-30", []),
        (dt.date(2024, 7, 1), ["r-1"]),
    ],
)
def test_as_of_partial_date_asked(graph_of, asked, expected):
    G = graph_of(("r-1", "2024-07-01", "", "2024-01-01", ""))
    assert ids(as_of(G, asked)) == expected


def test_as_of_keeps_every_actor_and_attribute(graph_of):
    G = graph_of(("r-1", "2024-07-01", "", "2024-01-01", ""))
    view = as_of(G, "2024-01-01")
    assert sorted(view.nodes) == sorted(G.nodes)
    assert view.number_of_edges() == 0
    assert view.graph["as_of"] == "2024-01-01"
    assert as_of(G, "2025").edges["PRK", "RUS", "r-1"] == G.edges["PRK", "RUS", "r-1"]


@pytest.mark.parametrize("bad", ["2024-13", "24-06-01", "June 2024", "2024-02-30", ""])
def test_as_of_bad_date(graph_of, bad):
    G = graph_of(("r-1", "2024", "", "2024-01-01", ""))
    with pytest.raises(DateFormatError, match="date"):
        as_of(G, bad)


# -- valid time: history ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-06-18", []),
        ("2024-06-19", ["pact-1"]),
        ("2024-12-03", ["pact-1"]),  # the day before its successor starts
        ("2024-12-04", ["pact-2"]),
        ("2030", ["pact-2"]),
    ],
)
def test_successor_starting_later_takes_over(graph_of, day, expected):
    G = graph_of(("pact-1", "2024-06-19", "", "2024-06-19", ""), ("pact-2", "2024-12-04", "", "2024-12-05", "pact-1"))
    assert ids(as_of(G, day)) == expected


@pytest.mark.parametrize("new_start", ["2024-06-19", "2024-06", "2024", "2024-01-01", ""])
def test_successor_not_starting_later_replaces(graph_of, new_start):
    # a correction: the old row is never in effect, whatever the day
    G = graph_of(("old-1", "2024-06-19", "", "2024-06-19", ""), ("old-2", new_start, "", "2024-07-01", "old-1"))
    assert G.edges["PRK", "RUS", "old-1"]["replaced"] is True
    for day in ("2024-06-19", "2024-12-31", "2030-01-01"):
        assert ids(as_of(G, day)) == ["old-2"]


def test_end_added_by_successor(graph_of):
    # what end-relation writes: the same row with an end, replacing the old one
    G = graph_of(("t-1", "2024-10", "", "2024-10-23", ""), ("t-2", "2024-10", "2025-04-30", "2025-05-02", "t-1"))
    assert ids(as_of(G, "2025-04-30")) == ["t-2"]
    assert ids(as_of(G, "2025-05-01")) == []


def test_old_end_before_successor_start_is_kept(graph_of):
    G = graph_of(("a-1", "2024-01-01", "2024-03-31", "2024-01-01", ""), ("a-2", "2024-06-01", "", "2024-06-01", "a-1"))
    assert ids(as_of(G, "2024-04-15")) == []
    assert G.edges["PRK", "RUS", "a-1"]["valid_to"] == "2024-03-31"


def test_chain_of_three(graph_of):
    G = graph_of(
        ("c-1", "2024-01-01", "", "2024-01-01", ""),
        ("c-2", "2024-02-01", "", "2024-02-01", "c-1"),
        ("c-3", "2024-03-01", "", "2024-03-01", "c-2"),
    )
    assert [ids(as_of(G, d)) for d in ("2024-01-31", "2024-02-29", "2024-03-01")] == [["c-1"], ["c-2"], ["c-3"]]
    assert {d["lineage"] for *_, d in G.edges(data=True)} == {"c-1"}


def test_effective_intervals_month_start_successor():
    rows = [
        {"relation_id": "a", "start": "2024-10", "end": None, "supersedes": None},
        {"relation_id": "b", "start": "2024-11", "end": None, "supersedes": "a"},
    ]
    iv = effective_intervals(rows)
    assert (iv["a"].valid_from, iv["a"].valid_to) == ("2024-10-01", "2024-10-31")
    assert (iv["b"].valid_from, iv["b"].valid_to) == ("2024-11-01", None)


# -- record time --------------------------------------------------------------------


@pytest.fixture
def pact(graph_of):
    """Signed on 19 June (recorded that day), in force on 4 December (recorded the 5th)."""
    return graph_of(("pact-1", "2024-06-19", "", "2024-06-19", ""), ("pact-2", "2024-12-04", "", "2024-12-05", "pact-1"))


@pytest.mark.parametrize(
    ("known", "expected"),
    [
        ("2024-06-18", []),  # before anything was recorded
        ("2024-06-19", ["pact-1"]),  # the recorded day counts
        ("2024-12-04", ["pact-1"]),
        ("2024-12-05", ["pact-1", "pact-2"]),
        ("2024", ["pact-1", "pact-2"]),  # the end of 2024
    ],
)
def test_as_recorded_rows(pact, known, expected):
    assert ids(as_recorded(pact, known)) == expected


def test_as_recorded_sees_the_old_row_unsuperseded(pact):
    old = as_recorded(pact, "2024-12-04").edges["PRK", "RUS", "pact-1"]
    assert old["superseded_by"] is None
    assert old["valid_to"] is None  # we did not yet know it would end
    assert pact.edges["PRK", "RUS", "pact-1"]["superseded_by"] == "pact-2"  # the full graph is untouched


@pytest.mark.parametrize(
    ("known", "valid", "expected"),
    [
        # what we believed on 1 November about the end of the year: the pact not in force
        ("2024-11-01", "2024-12-31", ["pact-1"]),
        # once entry into force was recorded
        ("2024-12-05", "2024-12-31", ["pact-2"]),
        ("2024-12-05", "2024-12-03", ["pact-1"]),
        # nothing was known in May about June
        ("2024-05-01", "2024-12-31", []),
    ],
)
def test_as_recorded_then_as_of(pact, known, valid, expected):
    assert ids(as_of(as_recorded(pact, known), valid)) == expected


def test_correction_seen_only_from_its_recorded_day(graph_of):
    # a wrong start corrected later: before the correction we believed the old row
    G = graph_of(("w-1", "2024-03-01", "", "2024-03-02", ""), ("w-2", "2024-02-01", "", "2024-05-10", "w-1"))
    assert ids(as_of(as_recorded(G, "2024-05-09"), "2024-02-15")) == []
    assert ids(as_of(as_recorded(G, "2024-05-10"), "2024-02-15")) == ["w-2"]
    assert ids(as_of(G, "2024-03-15")) == ["w-2"]


def test_as_known_on_the_example_data():
    from graph.io import EXAMPLE_DATA

    G = load_graph(EXAMPLE_DATA)
    assert ids(as_known(G, "2024-10-22")) == ["pact-1", "war-1"]
    assert as_known(G, "2024-10-22").graph["as_known"] == "2024-10-22"


# -- what was public when: --known -------------------------------------------------------

SOURCES = "source_id,title,publisher,date,url,notes\n"


@pytest.fixture
def cited(example_dir: Path):
    """Rows ``(id, start, citation, recorded)`` citing dated, month-dated and undated sources."""

    def build(*rows: tuple[str, str, str, str]):
        (example_dir / "sources.csv").write_text(
            SOURCES + "toy,Undated,,,,\nday,A day,,2024-10-23,,\nmonth,A month,,2024-10,,\nlate,Later,,2025-04-28,,\n", encoding="utf-8"
        )
        lines = [
            f"{rid},PRK,RUS,troop_deployment,reported,{start},,0.9,,,{cite},Text.,,{recorded},\n" for rid, start, cite, recorded in rows
        ]
        (example_dir / "relations.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
        return load_graph(example_dir)

    return build


@pytest.mark.parametrize(
    ("start", "citation", "recorded", "known"),
    [
        ("2024-10-08", "day", "2024-10-23", "2024-10-23"),  # the source's day, not the start
        ("2024-10-08", "month", "2024-10-31", "2024-10-31"),  # a month counts from its last day
        ("2024-10-08", "month|day", "2024-10-31", "2024-10-23"),  # the earliest source
        ("2024-10-08", "day|late", "2025-04-28", "2024-10-23"),
        ("1953-10-01", "toy", "2024-10-31", "1953-10-01"),  # an undated source: the row's start
        ("1953", "toy|late", "2025-04-28", "1953-12-31"),
        ("", "toy", "2024-10-31", "2024-10-31"),  # nothing dated, no start: the recorded day
    ],
)
def test_known_since(cited, start, citation, recorded, known):
    G = cited(("r-1", start, citation, recorded))
    d = G.edges["PRK", "RUS", "r-1"]
    assert known_since(d, G.graph["sources"]).isoformat() == known
    day = dt.date.fromisoformat(known)
    assert ids(as_known(G, day)) == ["r-1"]
    assert ids(as_known(G, day - dt.timedelta(days=1))) == []


def test_as_known_keeps_a_row_whose_successor_was_not_yet_public(cited, example_dir):
    cited(("t-1", "2024-10-08", "day", "2024-10-23"))
    line = "t-2,PRK,RUS,troop_deployment,confirmed,2024-10-28,,0.9,,,late,Text.,,2025-04-28,t-1\n"
    with (example_dir / "relations.csv").open("a", encoding="utf-8") as f:
        f.write(line)
    G = load_graph(example_dir)
    then = as_known(G, "2024-12-31")
    assert ids(then) == ["t-1"]
    assert then.edges["PRK", "RUS", "t-1"]["superseded_by"] is None
    assert ids(as_of(as_known(G, "2025-04-28"), "2024-12-31")) == ["t-2"]


@pytest.mark.parametrize(
    ("citation", "recorded", "ok"),
    [("day", "2024-10-23", True), ("day", "2024-10-22", False), ("month", "2024-10-01", True), ("month", "2024-09-30", False)],
)
def test_validation_refuses_a_row_recorded_before_its_earliest_source(cited, citation, recorded, ok):
    from graph.errors import DataError

    if ok:
        cited(("r-1", "2024-10-08", citation, recorded))
        return
    with pytest.raises(DataError, match=f"recorded {recorded} is before {citation}, its earliest cited source, was published"):
        cited(("r-1", "2024-10-08", citation, recorded))


def test_validation_refuses_an_event_without_a_date(example_dir):
    from graph.errors import DataError

    line = "c-1,USA,PRK,condemns,confirmed,,,0.9,,,toy,Text.,,2024-10-23,\n"
    (example_dir / "relations.csv").write_text(HEADER + line, encoding="utf-8")
    with pytest.raises(DataError, match=r"a condemns is an event .* give the day it happened in start"):
        load_graph(example_dir)


@pytest.mark.parametrize(
    ("actor", "other", "expected"),
    [
        ("PRK", "RUS", {"prk-rus-pact-1": "potential"}),  # signed in June, in force only in December
        ("USA", "KOR", {"usa-kor-pact-2": "confirmed"}),  # the 1953 treaty, in force since 1954
        ("KOR", "PRK", {"kor-prk-hostility-1": "confirmed"}),
    ],
)
def test_real_data_known_on_1_september_2024(run_cli, actor, other, expected):
    import csv
    import io

    result = run_cli("query", actor, "--with", other, "--known", "2024-09-01", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = {r["relation_id"]: r["status"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert expected.items() <= rows.items()
    assert not any(r.startswith("prk-rus-troops") for r in rows)  # reported first on 18 October


# -- done when: the real data ----------------------------------------------------------


def prk_rus(G, day) -> dict[str, str]:
    """The status of the pact and of the troop deployment, PRK–RUS, in effect on ``day``."""
    return {
        d["type"]: d["status"]
        for u, v, d in as_of(G, day).edges(data=True)
        if {u, v} == {"PRK", "RUS"} and d["type"] in ("defense_pact", "troop_deployment")
    }


def test_real_data_no_pact_no_troops_at_the_start_of_2024(data_dir):
    assert prk_rus(load_graph(data_dir), "2024-01-01") == {}


def test_real_data_pact_in_force_and_troops_at_the_end_of_2024(data_dir):
    G = load_graph(data_dir)
    assert prk_rus(G, "2024-12-31") == {"defense_pact": "confirmed", "troop_deployment": "confirmed"}
    assert prk_rus(G, "2024-07-01") == {"defense_pact": "potential"}  # signed, not in force


def page_data(run_cli, data_dir: Path, day: str) -> dict:
    """The data embedded in the page ``actorgraph build --as-of DAY`` writes."""
    page = data_dir.parent / f"page-{day}.html"
    result = run_cli("build", "--as-of", day, "-o", page, "--no-layout-cache", "--data", data_dir)
    assert result.returncode == 0, result.stderr
    return page_payload(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("day", "expected"), [("2024-01-01", {}), ("2024-12-31", {"defense_pact": "confirmed", "troop_deployment": "confirmed"})]
)
def test_real_data_page_opens_on_the_map_of_the_date(run_cli, data_dir, day, expected):
    data = page_data(run_cli, data_dir, day)
    assert data["as_of"] == day

    def shown(e):  # the rule of graph-contract.md, which the page applies to the data it embeds
        return not e.get("replaced") and (e.get("valid_from") or "") <= day <= (e.get("valid_to") or "9999")

    pair = [e for e in data["edges"] if shown(e) and {e["from"], e["to"]} == {"PRK", "RUS"}]
    found = {e["type"]: e["status"] for e in pair if e["type"] in ("defense_pact", "troop_deployment")}
    assert found == expected
    assert sorted(e["id"] for e in data["edges"] if shown(e)) == ids(as_of(load_graph(data_dir), day))


# -- the command line: query --as-of / --known -------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--as-of", "2024-07-01"], ["pact-1"]),
        (["--as-of", "2024"], ["troops-1", "pact-2"]),
        (["--known", "2024-11-01"], ["pact-1", "troops-1"]),
        (["--known", "2024-11-01", "--as-of", "2024-12-31"], ["pact-1", "troops-1"]),
        ([], ["troops-1", "pact-2"]),
    ],
)
def test_cli_query_in_time(run_cli, example_dir, options, expected):
    result = run_cli("query", "North Korea", "--with", "Russia", *options, "--format", "csv", "--data", example_dir)
    assert result.returncode == 0, result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == expected


def test_cli_query_bad_date(run_cli, example_dir):
    result = run_cli("query", "PRK", "--as-of", "2024-02-30", "--data", example_dir)
    assert result.returncode == 1
    assert '"2024-02-30" is not a real date' in result.stderr


def test_as_of_does_not_write_its_date_into_the_full_graph():
    from graph.build import load_graph
    from graph.io import EXAMPLE_DATA
    from graph.temporal import as_of

    G = load_graph(EXAMPLE_DATA)
    first, second = as_of(G, "2024-06-01"), as_of(G, "2024-12-31")
    assert "as_of" not in G.graph
    assert (first.graph["as_of"], second.graph["as_of"]) == ("2024-06-01", "2024-12-31")


def test_as_of_judges_each_edge_once_and_only_the_edges_it_reads(monkeypatch):
    import graph.temporal as temporal
    from graph.build import load_graph
    from graph.io import EXAMPLE_DATA

    G = load_graph(EXAMPLE_DATA)
    calls = []
    real = temporal._in_effect_on
    monkeypatch.setattr(temporal, "_in_effect_on", lambda d, iso: calls.append(d["relation_id"]) or real(d, iso))
    view = temporal.as_of(G, "2024-12-31")
    assert view.has_edge("RUS", "UKR", "war-1") and calls == ["war-1"]
    first = sorted(k for *_, k in view.edges(keys=True))
    assert sorted(k for *_, k in view.edges(keys=True)) == first == ["condemn-1", "pact-2", "troops-1", "war-1"]
    assert sorted(calls) == sorted(k for *_, k in G.edges(keys=True))  # every edge judged once, over two passes
