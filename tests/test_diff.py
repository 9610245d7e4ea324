"""Diffs between two dates of the map and between two versions of the data."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.build import load_graph
from graph.cli import main
from graph.diff import diff_dates, diff_versions, read_revision
from graph.errors import VersionError
from graph.io import read_dataset, read_files
from graph.temporal import as_of, as_recorded

HEADER = "relation_id,source,target,type,status,start,end,confidence,intensity,magnitude,citation,evidence,notes,recorded,supersedes\n"


def write_relations(folder: Path, *lines: str) -> Path:
    """Replace the relations of ``folder`` by ``lines`` (header added)."""
    (folder / "relations.csv").write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return folder


@pytest.fixture
def history(example_dir: Path):
    """A small history with one change of each kind in the last months of 2024."""
    write_relations(
        example_dir,
        "war-1,RUS,UKR,armed_conflict,confirmed,2022-02-24,,1,,,toy,Invasion.,,2022-02-24,",
        "pact-1,PRK,RUS,defense_pact,potential,2024-06-19,,0.9,,,toy,Signed.,,2024-06-19,",
        "pact-2,PRK,RUS,defense_pact,confirmed,2024-12-04,,0.9,,,toy,In force.,,2024-12-05,pact-1",
        "troops-1,PRK,RUS,troop_deployment,reported,2024-10-08,,0.7,,1500,toy,1500 sent.,,2024-10-18,",
        "troops-2,PRK,RUS,troop_deployment,confirmed,2024-10-23,,0.8,,3000,toy,3000 sent.,,2024-10-23,troops-1",
        "troops-3,PRK,RUS,troop_deployment,confirmed,2024-11-07,,0.8,,11000,toy,11000 sent.,,2024-11-08,troops-2",
        "condemn-1,USA,PRK,condemns,confirmed,2024-06-24,2024-11-30,0.9,-3,,toy,Condemns.,,2024-06-24,",
        "condemn-2,USA,PRK,condemns,confirmed,2024-11-06,2024-11-06,0.9,,,toy,One statement.,,2024-11-06,",
    )
    return load_graph(example_dir)


def changes(frame) -> list[tuple]:
    return list(frame[["change", "relation_id", "field", "old", "new"]].itertuples(index=False, name=None))


# -- between two dates ------------------------------------------------------------


def test_diff_dates_net(history):
    d = diff_dates(history, "2024-10-01", "2024-12-31")
    assert changes(d) == [
        ("started", "troops-3", None, None, None),
        ("ended", "condemn-1", None, None, None),
        ("changed", "pact-2", "status", "potential", "confirmed"),
    ]
    # a net change is dated by its last step of that kind: the troops arrived on 8 October
    assert d["date"].tolist() == ["2024-10-08", "2024-11-30", "2024-12-04"]
    assert d.loc[0, "magnitude"] == 11000
    assert d.loc[0, ["source_name", "verb", "target_name"]].tolist() == ["North Korea", "sends troops to", "Russia"]


def test_diff_dates_steps_lists_every_change_on_its_day(history):
    d = diff_dates(history, "2024-10-01", "2024-12-31", steps=True)
    assert list(zip(d["date"], d["change"], d["relation_id"], d["field"], strict=True)) == [
        ("2024-10-08", "started", "troops-1", None),
        ("2024-10-23", "changed", "troops-2", "status"),
        ("2024-10-23", "changed", "troops-2", "magnitude"),
        ("2024-10-23", "changed", "troops-2", "confidence"),
        ("2024-11-06", "started", "condemn-2", None),
        ("2024-11-06", "ended", "condemn-2", None),  # a one-day statement, missed by the net diff
        ("2024-11-07", "changed", "troops-3", "magnitude"),
        ("2024-11-30", "ended", "condemn-1", None),
        ("2024-12-04", "changed", "pact-2", "status"),
    ]
    assert d.loc[6, ["old", "new", "previous_id"]].tolist() == [3000.0, 11000.0, "troops-2"]


def test_diff_dates_intensity_falls_back_to_the_type_default(example_dir):
    write_relations(
        example_dir,
        "i-1,PRK,RUS,troop_deployment,reported,2024-10,,0.7,,,toy,Sent.,,2024-10-23,",
        "i-2,PRK,RUS,troop_deployment,reported,2024-11-04,,0.7,9,,toy,Fighting.,,2024-11-05,i-1",
    )
    d = diff_dates(load_graph(example_dir), "2024-10-31", "2024-11-30")
    assert changes(d) == [("changed", "i-2", "intensity", 8.3, 9.0)]  # 8.3: troop_deployment's default


@pytest.mark.parametrize(("a", "b"), [("2024-12-31", "2024-12-31"), ("2030", "2031"), ("2023-01-01", "2024-01-01")])
def test_diff_dates_nothing_changed(history, a, b):
    assert diff_dates(history, a, b).empty


def test_diff_dates_backwards_swaps_started_and_ended(history):
    d = diff_dates(history, "2024-12-31", "2024-10-01")
    assert sorted(changes(d)) == [
        ("changed", "pact-1", "status", "confirmed", "potential"),
        ("ended", "troops-3", None, None, None),
        ("started", "condemn-1", None, None, None),
    ]


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        # as recorded on each date: the pact's entry into force counts from 5 December, when it was recorded
        (False, [("2024-10-18", "started", "troops-3"), ("2024-11-30", "ended", "condemn-1"), ("2024-12-05", "changed", "pact-2")]),
        (True, [("2024-10-18", "started", "troops-1"), ("2024-10-23", "changed", "troops-2"), ("2024-11-06", "started", "condemn-2")]),
    ],
)
def test_diff_dates_as_recorded(history, steps, expected):
    d = diff_dates(history, "2024-10-01", "2024-12-31", steps=steps, as_recorded=True)
    assert list(dict.fromkeys(zip(d["date"], d["change"], d["relation_id"], strict=True)))[: len(expected)] == expected


def test_diff_dates_as_recorded_shows_a_late_correction(example_dir):
    write_relations(
        example_dir,
        "t-1,PRK,RUS,troop_deployment,confirmed,2024-10-28,,0.9,,10000,toy,10000.,,2024-10-28,",
        "t-2,PRK,RUS,troop_deployment,confirmed,2024-10-28,,0.97,,11000,toy,Admitted.,,2025-04-28,t-1",
    )
    G = load_graph(example_dir)
    assert diff_dates(G, "2024-12-01", "2025-05-01").empty  # in the world, nothing changed
    d = diff_dates(G, "2024-12-01", "2025-05-01", as_recorded=True)
    assert changes(d) == [("changed", "t-2", "magnitude", 10000.0, 11000.0), ("changed", "t-2", "confidence", 0.9, 0.97)]
    assert set(d["date"]) == {"2025-04-28"}


@pytest.mark.parametrize(
    ("second", "field", "values"),
    [
        # a renewal: only the start and the evidence differ, the start says it
        ("s-2,USA,PRK,sanctions,confirmed,2024-12-16,,0.9,,,toy,Package two.,,2024-12-16,s-1", "start", ("2024-02", "2024-12-16")),
        # a correction of the evidence only
        (
            "s-2,USA,PRK,sanctions,confirmed,2024-02,,0.9,,,toy,Package one; corrected.,,2024-12-16,s-1",
            "evidence",
            ("Package one.", "Package one; corrected."),
        ),
    ],
)
def test_diff_dates_row_without_a_compared_change(example_dir, second, field, values):
    (example_dir / "relation_types.csv").write_text(
        (example_dir / "relation_types.csv").read_text(encoding="utf-8")
        + "sanctions,Sanctions,coercion,imposes sanctions on,Penalties.,true,-1,-5,,163,COERCE,#AA3377,state,,\n",
        encoding="utf-8",
    )
    write_relations(example_dir, "s-1,USA,PRK,sanctions,confirmed,2024-02,,0.9,,,toy,Package one.,,2024-02-21,", second)
    G = load_graph(example_dir)
    d = diff_dates(G, "2024-06-01", "2025-01-01") if field == "start" else diff_dates(G, "2024-06-01", "2025-01-01", as_recorded=True)
    assert changes(d) == [("changed", "s-2", field, *values)]


def test_diff_dates_correction_is_no_change_in_the_world(example_dir):
    # t-2 corrects t-1 (same start): it replaces it on every day, so the map did not change
    write_relations(
        example_dir,
        "t-1,PRK,RUS,troop_deployment,reported,2024-10,,0.7,,3000,toy,3000.,,2024-10-23,",
        "t-2,PRK,RUS,troop_deployment,reported,2024-10,,0.7,,3500,toy,3500.,,2024-11-02,t-1",
    )
    assert diff_dates(load_graph(example_dir), "2024-10-15", "2024-12-01").empty


def test_diff_dates_empty_cells_are_none(history):
    d = diff_dates(history, "2020", "2025", steps=True)
    assert not any(isinstance(v, float) and v != v for v in d.to_numpy().ravel())
    assert d["field"].iloc[0] is None


# -- between two versions ---------------------------------------------------------


def test_diff_versions_added_removed_changed(example_dir, tmp_path):
    new = Path(shutil.copytree(example_dir, tmp_path / "new"))
    actors = (new / "actors.csv").read_text(encoding="utf-8")
    actors = actors.replace("USA,United States,state,US|Washington,\n", "") + "KOR,South Korea,state,ROK,\n"
    (new / "actors.csv").write_text(actors.replace("Moscow|Kremlin", "Moscow"), encoding="utf-8")
    rel = (new / "relations.csv").read_text(encoding="utf-8")
    rel = "".join(line for line in rel.splitlines(keepends=True) if not line.startswith("condemn-1"))
    (new / "relations.csv").write_text(rel.replace(",3000,toy,", ",3500,toy,"), encoding="utf-8")

    d = diff_versions(example_dir, new)
    assert list(d[["table", "change", "id", "field", "old", "new"]].itertuples(index=False, name=None)) == [
        ("actors", "added", "KOR", None, None, None),
        ("actors", "removed", "USA", None, None, None),
        ("actors", "changed", "RUS", "aliases", "Moscow|Kremlin", "Moscow"),
        ("relations", "removed", "condemn-1", None, None, None),
        ("relations", "changed", "troops-1", "magnitude", "3000", "3500"),
    ]
    assert d.set_index("id").at["condemn-1", "label"] == "United States condemns North Korea"


def test_diff_versions_ignores_row_order_and_line_endings(example_dir):
    files = read_files(example_dir)
    lines = files["relations"].decode().splitlines()
    files["relations"] = "\r\n".join([lines[0], *reversed(lines[1:])]).encode() + b"\r\n"
    assert diff_versions(example_dir, read_dataset(files)).empty


def test_diff_versions_vocabularies(example_dir):
    files = read_files(example_dir)
    files["sources"] += b"new-src,A new page,Press,2025-04-28,https://example.org/new,\n"
    d = diff_versions(example_dir, read_dataset(files))
    assert d[["table", "change", "id", "label"]].values.tolist() == [["sources", "added", "new-src", "A new page"]]


# -- git revisions ----------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    cmd = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(cmd, cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(example_dir: Path) -> Path:
    """A git repository whose data/ has two commits: the example, then KOR added."""
    root = example_dir.parent
    git(root, "init", "-q")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "example data")
    with (example_dir / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("KOR,South Korea,state,ROK,\n")
    git(root, "commit", "-q", "-am", "add South Korea")
    return root


def test_diff_against_a_revision(repo):
    data = repo / "data"
    d = diff_versions("HEAD~1", data, data=data)
    assert d[["table", "change", "id"]].values.tolist() == [["actors", "added", "KOR"]]
    assert diff_versions("HEAD", data, data=data).empty
    assert diff_versions("HEAD~1", "HEAD", data=data)["id"].tolist() == ["KOR"]


def test_revision_does_not_touch_the_working_tree(repo):
    data = repo / "data"
    (data / "relations.csv").write_text("broken", encoding="utf-8")  # uncommitted and invalid
    assert read_revision("HEAD", data).tables["actors"]["actor_id"].tolist()[-1] == "KOR"
    assert (data / "relations.csv").read_text(encoding="utf-8") == "broken"


def test_diff_revision_from_a_subfolder_path(repo, monkeypatch):
    monkeypatch.chdir(repo / "data")
    assert diff_versions("HEAD~1", ".", data=".")["id"].tolist() == ["KOR"]


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("HEAD~5", 'unknown git revision "HEAD~5"'),
        ("no-such-branch", 'unknown git revision "no-such-branch"'),
        ("--output=x", "is not a git revision"),
        ("", "is not a git revision"),
    ],
)
def test_bad_revision(repo, rev, message):
    with pytest.raises(VersionError, match=message):
        read_revision(rev, repo / "data")


def test_revision_outside_a_repository(example_dir):
    with pytest.raises(VersionError, match="is not in a git repository"):
        read_revision("HEAD", example_dir)


def test_revision_without_git(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(VersionError, match="git is not installed"):
        read_revision("HEAD", repo / "data")


def test_revision_before_the_data_existed(repo):
    git(repo, "mv", "data", "old")
    git(repo, "commit", "-q", "-m", "move")
    shutil.copytree(repo / "old", repo / "data")
    with pytest.raises(VersionError, match='holds no data file at revision "HEAD"'):
        read_revision("HEAD", repo / "data")


def test_revision_with_invalid_data(repo):
    (repo / "data" / "actors.csv").write_text("actor_id,name\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "break")
    with pytest.raises(VersionError, match='the data at revision "HEAD" is invalid'):
        read_revision("HEAD", repo / "data")


# -- command line -----------------------------------------------------------------


def test_cli_diff_dates(run_cli, history, example_dir):
    result = run_cli("diff", "--from", "2024-10-01", "--to", "2024-12-31", "--data", example_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["date", "change", "source_name", "verb", "target_name"]
    assert "potential  confirmed" in lines[3] and lines[3].startswith("2024-12-04  changed")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_diff_dates_formats(run_cli, history, example_dir, fmt):
    result = run_cli("diff", "--from", "2024-10-01", "--to", "2024-12-31", "--steps", "--format", fmt, "--data", example_dir)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        records = json.loads(result.stdout)
        assert [r["relation_id"] for r in records][:2] == ["troops-1", "troops-2"]
        assert records[1]["old"] == "reported"
    else:
        assert result.stdout.splitlines()[1].startswith("2024-10-08,started,North Korea,sends troops to,Russia")


def test_cli_diff_known(run_cli, history, example_dir):
    # on 1 December we had not yet recorded the entry into force
    result = run_cli(
        "diff", "--from", "2024-10-01", "--to", "2024-12-31", "--known", "2024-12-01", "--format", "csv", "--data", example_dir
    )
    assert result.returncode == 0, result.stderr
    assert "pact-2" not in result.stdout and "troops-3" in result.stdout
    recorded = run_cli("diff", "--from", "2024-10-01", "--to", "2024-12-31", "--as-recorded", "--format", "json", "--data", example_dir)
    assert {r["relation_id"]: r["date"] for r in json.loads(recorded.stdout)}["pact-2"] == "2024-12-05"


def test_cli_diff_folders_and_revision(run_cli, repo, tmp_path):
    data = repo / "data"
    old = shutil.copytree(data, tmp_path / "old")
    with (data / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("JPN,Japan,state,Tokyo,\n")
    by_folder = run_cli("diff", old, data, "--format", "csv")
    assert by_folder.returncode == 0, by_folder.stderr
    assert by_folder.stdout.splitlines()[1:] == ["actors,added,JPN,Japan,,,"]
    by_rev = run_cli("diff", "HEAD~1", "--data", data, "--format", "json")
    assert [r["id"] for r in json.loads(by_rev.stdout)] == ["KOR", "JPN"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["diff"], 2, "give --from DATE"),
        (["diff", "HEAD", "--from", "2024"], 2, "not both"),
        (["diff", "--from", "2024", "--known", "2024", "--as-recorded"], 2, "give one"),
        (["diff", "--from", "2024-13"], 1, '"2024-13" is not a real date'),
        (["diff", "nope"], 1, 'unknown git revision "nope"'),
    ],
)
def test_cli_diff_errors(run_cli, repo, args, code, message):
    result = run_cli(*args, "--data", repo / "data")
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# -- done when: the real data ------------------------------------------------------


def events(frame) -> set[tuple]:
    return set(zip(frame["date"], frame["change"], frame["source"], frame["target"], frame["type"], frame["field"], strict=True))


def test_real_data_diff_lists_the_timeline_changes(data_dir):
    # the dated facts of /work/shared/sources/timeline.md, autumn 2024 to spring 2025
    G = load_graph(data_dir)
    d = diff_dates(G, "2024-10-01", "2025-05-01")
    assert {
        ("2024-10-08", "started", "PRK", "RUS", "troop_deployment", None),  # first 1,500 shipped to Vladivostok
        ("2024-11-04", "changed", "PRK", "UKR", "armed_conflict", "status"),  # first combat in Kursk
        ("2024-12-04", "changed", "PRK", "RUS", "defense_pact", "status"),  # the treaty enters into force
        ("2024-12-16", "started", "USA", "PRK", "sanctions", None),  # U.S. Treasury sanctions
    } <= events(d)
    pact = d[(d["type"] == "defense_pact") & (d["field"] == "status")].iloc[0]
    assert (pact["old"], pact["new"]) == ("potential", "confirmed")
    assert {"JPN", "KOR", "NATO", "WST"} <= set(d["source"])  # Japan's concern, Seoul, the Western condemnations


def test_real_data_troop_count_rises(data_dir):
    d = diff_dates(load_graph(data_dir), "2024-10-01", "2025-05-01", steps=True)
    assert ("2024-12-16", "changed", "EU", "PRK", "sanctions", "start") in events(d)  # the 15th package
    troops = d[(d["type"] == "troop_deployment") & (d["field"] == "magnitude")]
    counts = [troops["old"].iloc[0], *troops["new"]]
    assert counts == sorted(counts) and counts[0] == 1500 and counts[-1] >= 10000


def test_real_data_admission_shows_as_recorded(data_dir):
    # North Korea's admission of 28 April 2025 is news about the past: a record-time change
    d = diff_dates(load_graph(data_dir), "2025-04-01", "2025-05-01", as_recorded=True)
    assert "troop_deployment" in set(d.loc[d["date"] == "2025-04-28", "type"])


# -- the sweep against the map itself ------------------------------------------------


def test_diff_dates_at_the_ends_of_the_calendar(capsys, example_dir):
    """A relation that holds from the first day of the model's range (1000) or to its last (2999) is an ordinary one."""
    write_relations(
        example_dir,
        "old-1,RUS,UKR,armed_conflict,confirmed,1000-01-01,,1,,,toy,Since ever.,,2022-02-24,",
        "far-1,USA,PRK,condemns,confirmed,2024-06-24,2999-12-31,0.9,,,toy,For ever.,,2024-06-24,",
        "far-2,USA,PRK,condemns,confirmed,2999-12-31,2999-12-31,0.9,,,toy,The last day.,,2024-06-25,",
    )
    G = load_graph(example_dir)
    d = diff_dates(G, "1000-01-01", "2999-12-31", steps=True)
    assert list(zip(d["date"], d["change"], d["relation_id"], strict=True)) == [
        ("2024-06-24", "started", "far-1"),
        ("2999-12-31", "started", "far-2"),
    ]
    assert changes(diff_dates(G, "2999-12-30", "2999-12-31")) == [("started", "far-2", None, None, None)]
    assert diff_dates(G, "2999-01-01", "2999-12-31", as_recorded=True)["relation_id"].tolist() == ["far-2"]
    assert changes(diff_dates(G, "1000-01-01", "1000-01-01")) == []
    assert main(["diff", "--data", str(example_dir), "--from", "1000-01-01", "--to", "2999", "--steps", "--format", "csv"]) == 0
    assert "far-2" in capsys.readouterr().out


def random_history(folder: Path, seed: int) -> Path:
    """Rows with chains of successors that start later (renewals) or not (corrections), recorded late or not."""
    rng = random.Random(seed)
    pairs = [
        ("PRK", "RUS", "troop_deployment"),
        ("USA", "PRK", "condemns"),
        ("RUS", "UKR", "armed_conflict"),
        ("PRK", "RUS", "defense_pact"),
    ]
    lines, day = [], dt.date(2024, 1, 1)
    for n in range(12):
        source, target, kind = pairs[n % len(pairs)]
        start = day + dt.timedelta(days=rng.randrange(0, 200))
        recorded = start + dt.timedelta(days=rng.choice([0, 0, 3, 40]))
        previous = None
        for step in range(rng.randrange(1, 4)):
            rid = f"h{n}-{step}"
            end = "" if rng.random() < 0.6 else (start + dt.timedelta(days=rng.randrange(0, 120))).isoformat()
            status = rng.choice(["confirmed", "reported", "potential"])
            lines.append(
                f"{rid},{source},{target},{kind},{status},{start},{end},{rng.choice(['0.7', '0.9'])},,,toy,"
                f"Step {step}.,,{recorded},{previous or ''}"
            )
            previous = rid
            start += dt.timedelta(days=rng.choice([-20, 0, 15, 90]))
            recorded = max(recorded, start) + dt.timedelta(days=rng.choice([0, 5]))
    return write_relations(folder, *lines)


def the_map(G, day: str, recorded: bool) -> dict[str, str]:
    """Lineage -> the row in effect on ``day``, from graph.temporal (no diff involved)."""
    view = as_of(as_recorded(G, day) if recorded else G, day)
    return {d["lineage"]: d["relation_id"] for *_, d in view.edges(data=True)}


@pytest.mark.parametrize("as_recorded", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_diff_dates_replays_the_map_day_by_day(example_dir, seed, as_recorded):
    """Applying every step in turn turns the map on the first date into the map on each later date."""
    G = load_graph(random_history(example_dir, seed))
    first, last = dt.date(2024, 2, 1), dt.date(2025, 3, 31)
    steps = diff_dates(G, first, last, steps=True, as_recorded=as_recorded)
    net = diff_dates(G, first, last, as_recorded=as_recorded)
    state = the_map(G, first.isoformat(), as_recorded)
    start_state = dict(state)
    by_day = {}
    for row in steps.itertuples():
        # an end is dated by the last day it held: it leaves the map the day after
        day = dt.date.fromisoformat(row.date) + dt.timedelta(days=1 if row.change == "ended" else 0)
        by_day.setdefault(day, []).append(row)
    for day in sorted(by_day):
        for row in by_day[day]:
            if row.change == "ended":
                assert state.pop(row.lineage) == row.relation_id
            elif state.get(row.lineage) != row.relation_id:  # a change lists one row per field
                assert state.get(row.lineage) == (None if row.change == "started" else row.previous_id)
                state[row.lineage] = row.relation_id
        assert state == the_map(G, day.isoformat(), as_recorded), day
    assert state == the_map(G, last.isoformat(), as_recorded)
    # the net difference takes the first map straight to the last
    for row in net.itertuples():
        if row.change == "ended":
            start_state.pop(row.lineage)
        else:
            start_state[row.lineage] = row.relation_id
    assert start_state == state
