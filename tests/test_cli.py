"""The actorgraph command line: in-process through ``graph.cli.main`` (the ``cli`` fixture), and a few end-to-end runs in a subprocess."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import BROKEN, broken_dataset

from graph.cli import main
from graph.eventdata import EXAMPLE_EVENTS
from graph.io import EXAMPLE_DATA


def broken(name: str, tmp_path: Path) -> Path:
    return broken_dataset(name, tmp_path / "data")


def test_validate_passes_with_a_summary(cli):
    result = cli("validate", "--data", EXAMPLE_DATA)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("valid: 4 actors, 5 relations, 1 sources, 4 relation types")


def test_validate_reports_each_problem_on_its_own_line(cli, tmp_path):
    folder = broken("blank-line", tmp_path)
    result = cli("validate", "--data", folder)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{folder / 'relations.csv'}:3: blank line: delete it"
    assert lines[1].startswith(f'{folder / "relations.csv"}:6: status: unknown status "confimed"')
    assert lines[-1] == "2 problems found; nothing was changed."
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.iterdir() if not p.name.startswith("valid")))
def test_every_defect_exits_1_without_traceback_or_change(cli, tmp_path, name):
    folder = broken(name, tmp_path)
    before = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in folder.iterdir()}
    result = cli("validate", "--data", folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(str(folder)) and ".csv" in first
    assert {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in folder.iterdir()} == before


def test_validate_json_lists_problems_as_records(cli, tmp_path):
    result = cli("validate", "--data", broken("unknown-status", tmp_path), "--format", "json")
    assert result.returncode == 1
    assert "relations.csv:4: status:" in result.stderr
    records = json.loads(result.stdout)
    assert [(r["file"], r["line"], r["column"], r["code"]) for r in records] == [("relations.csv", 4, "status", "unknown-reference")]


def test_problems_name_the_folder_they_are_in(cli, tmp_path):
    """diff OLD loads OLD, not --data: its problems must point into OLD."""
    folder = broken("blank-line", tmp_path)
    result = cli("diff", folder, "--data", EXAMPLE_DATA)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{folder / 'relations.csv'}:3: blank line")


def test_missing_data_folder(cli, tmp_path):
    result = cli("validate", "--data", tmp_path / "nope")
    assert result.returncode == 1
    assert "data folder" in result.stderr and "not found" in result.stderr


@pytest.mark.parametrize("args", [["Pyongyang"], ["north korea", "--with", "Russia"]])
def test_query_prints_north_koreas_relations(cli, args):
    result = cli("query", *args, "--data", EXAMPLE_DATA)
    assert result.returncode == 0, result.stderr
    assert "North Korea" in result.stdout
    assert "sends troops to" in result.stdout
    assert "pact-1" not in result.stdout  # superseded: shown with --history only


def test_query_history_and_formats(cli):
    result = cli("query", "PRK", "--with", "RUS", "--history", "--format", "json", "--data", EXAMPLE_DATA)
    rows = json.loads(result.stdout)
    assert {r["relation_id"] for r in rows} == {"pact-1", "pact-2", "troops-1"}
    result = cli("query", "PRK", "--type", "troop_deployment", "--format", "csv", "--data", EXAMPLE_DATA)
    header, row = result.stdout.splitlines()
    assert header.startswith("relation_id,source,source_name,verb")
    assert row.startswith("troops-1,PRK,North Korea,sends troops to,RUS,Russia")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "Atlantis"], 'error: no actor is called "Atlantis"'),
        (["query", "PRK", "--type", "pact"], 'error: --type "pact" is unknown; valid: armed_conflict, condemns'),
        (["query", "PRK", "--status", "sure"], 'error: --status "sure" is unknown; valid: confirmed, potential, reported'),
    ],
)
def test_query_errors_are_one_clear_line(cli, args, message):
    result = cli(*args, "--data", EXAMPLE_DATA)
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_info_counts_by_type_status_and_actor(cli):
    result = cli("info", "--data", EXAMPLE_DATA)
    assert result.returncode == 0
    for words in ["4 actors, 5 relations", "by type:", "troop_deployment", "by status:", "by actor:", "North Korea"]:
        assert words in result.stdout
    sections = json.loads(cli("info", "--data", EXAMPLE_DATA, "--format", "json").stdout)
    assert set(sections) == {"by type", "by status", "by actor"}
    header, first, *_ = cli("info", "--data", EXAMPLE_DATA, "--format", "csv").stdout.splitlines()
    assert header.startswith("section,type,label,relations,status,actor_id")
    assert first == "by type,armed_conflict,Armed conflict,1,,,,,,"


ALL_COMMANDS = [
    "validate",
    "query",
    "info",
    "diff",
    "add-actor",
    "add-source",
    "add-relation",
    "end-relation",
    "supersede",
    "analyze",
    "build",
]


def test_the_list_of_commands_is_complete(cli):
    listed = cli("--help").stdout
    for command in ALL_COMMANDS:
        assert f"    {command}" in listed


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_every_command_has_help_data_and_format(cli, command):
    result = cli(command, "--help")
    assert result.returncode == 0
    assert "--data" in result.stdout and "--format" in result.stdout


@pytest.mark.parametrize("args", [["query"], ["analyze", "--top", "0"]])
def test_bad_usage_exits_2(cli, args):
    result = cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_default_data_folder_is_dot_data(run_process, tmp_path):
    """End to end: ``python -m graph``, run in another folder, validates its ./data."""
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    result = run_process("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data: valid")
    assert result.stdout.strip().endswith("valid: 4 actors, 5 relations, 1 sources, 4 relation types")


def test_an_edit_reports_its_row_as_json(cli, example_dir):
    result = cli(
        "add-source", "nis-1", "--title", "A briefing", "--url", "https://example.org/a/b", "--data", example_dir, "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["file"] == str(example_dir / "sources.csv")
    assert (row["source_id"], row["url"]) == ("nis-1", "https://example.org/a/b")


def test_build_reports_the_page_as_csv(cli, example_dir, tmp_path):
    result = cli("build", "--data", example_dir, "-o", tmp_path / "map.html", "--format", "csv")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header == "page,layout_cache,actors,relations,bytes"
    assert row.startswith(f"{tmp_path / 'map.html'},{tmp_path / 'map.layout.json'},4,5,")


def test_diff_refuses_dates_in_the_wrong_order(cli):
    result = cli("diff", "--from", "2025-05-01", "--to", "2024-10-01", "--data", EXAMPLE_DATA)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --from 2025-05-01 is after --to 2024-10-01: swap them"


# -- hostile input ------------------------------------------------------------------------


def test_an_argument_that_is_not_utf8_is_a_clear_error(example_dir):
    """End to end: only a real process gets undecodable bytes in its argv."""
    import subprocess
    import sys

    before = (example_dir / "sources.csv").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "graph", "add-source", "s", "--title", b"bad \xff", "--data", example_dir], capture_output=True, check=False
    )
    assert result.returncode == 1
    assert (
        result.stderr.decode()
        == "error: argument 4 (bad \\udcff) is not valid UTF-8 text: retype it, or set a UTF-8 locale (LANG=C.UTF-8)\n"
    )
    assert (example_dir / "sources.csv").read_bytes() == before


def test_terminal_output_escapes_control_characters(cli):
    result = cli("query", "\x1b]0;pwned\x07\x1b[2J\u202e", "--data", EXAMPLE_DATA)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert 'no actor is called "\\u001b]0;pwned\\u0007\\u001b[2J\\u202e"' in result.stderr


def test_names_with_escapes_are_refused_and_reported_escaped(cli, example_dir):
    result = cli("add-actor", "KOR", "--name", "Evil\x1b]0;x\x07\x1b[2J", "--kind", "state", "--data", example_dir)
    assert result.returncode == 1
    assert 'name: "Evil\\u001b]0;x\\u0007\\u001b[2J" holds the invisible character U+001B (ESCAPE)' in result.stderr
    assert "\x1b" not in result.stderr


def test_csv_output_defuses_formula_cells(cli, example_dir):
    import csv
    import io

    relations = example_dir / "relations.csv"
    text = relations.read_text(encoding="utf-8").replace("About 3000 soldiers sent.", '"=HYPERLINK(""http://evil.example"",""click"")"')
    relations.write_text(text, encoding="utf-8")
    result = cli("query", "PRK", "--type", "troop_deployment", "--format", "csv", "--data", example_dir)
    assert result.returncode == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["evidence"] == '\'=HYPERLINK("http://evil.example","click")'
    war = list(
        csv.DictReader(io.StringIO(cli("query", "RUS", "--type", "armed_conflict", "--format", "csv", "--data", example_dir).stdout))
    )
    assert war[0]["weight"] == "-10"  # a negative number stays a number


def test_csv_cells_are_prefixed_only_when_a_spreadsheet_would_run_them():
    from graph._cli_output import _csv_cell

    assert [_csv_cell(v) for v in ["=1+1", "+SUM(A1)", "-cmd", "@SUM(A1)", "-7.5", "+1e3", "North Korea", ""]] == [
        "'=1+1",
        "'+SUM(A1)",
        "'-cmd",
        "'@SUM(A1)",
        "-7.5",
        "+1e3",
        "North Korea",
        "",
    ]


@pytest.mark.parametrize("args", [["--start", "0001-01-01"], ["--end", "9999-12-31"]])
def test_edits_refuse_dates_outside_the_models_range(cli, example_dir, args):
    result = cli("supersede", "troops-1", *args, "--data", example_dir)
    assert result.returncode == 1
    assert "is outside the dates the model holds: write a date from 1000 to 2999" in result.stderr


def test_every_edit_has_wait(cli):
    for command in ["add-actor", "add-source", "add-relation", "end-relation", "supersede"]:
        assert "--wait SECONDS" in cli(command, "--help").stdout


# -- build -o -------------------------------------------------------------------------------


def test_build_never_writes_into_the_data_folder(cli, example_dir):
    before = (example_dir / "relations.csv").read_bytes()
    result = cli("build", "--data", example_dir, "-o", example_dir / "relations.csv")
    assert result.returncode == 1
    assert "it is inside the data folder" in result.stderr
    assert (example_dir / "relations.csv").read_bytes() == before
    assert sorted(p.name for p in example_dir.iterdir()) == sorted(p.name for p in EXAMPLE_DATA.iterdir())


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_build_replaces_its_own_page_but_no_other_file(cli, example_dir, tmp_path, renderer):
    page = tmp_path / "map.html"
    assert cli("build", "--data", example_dir, "-o", page, "--renderer", renderer).returncode == 0
    assert b'<meta name="generator" content="actorgraph">' in page.read_bytes()[:1000]  # found at once, however large the page
    assert cli("build", "--data", example_dir, "-o", page, "--renderer", renderer).returncode == 0  # an earlier output: replaced
    notes = tmp_path / "notes.html"
    notes.write_text("<p>my notes</p>", encoding="utf-8")
    result = cli("build", "--data", example_dir, "-o", notes)
    assert result.returncode == 1
    assert "it is not a page written by actorgraph" in result.stderr
    assert notes.read_text(encoding="utf-8") == "<p>my notes</p>"


@pytest.mark.parametrize("dangling", [False, True])
def test_build_refuses_a_link_and_leaves_no_layout_cache(cli, example_dir, tmp_path, dangling):
    target = tmp_path / "hostname"
    if not dangling:
        target.write_text("precious\n", encoding="utf-8")
    (tmp_path / "evil.html").symlink_to(target)
    result = cli("build", "--data", example_dir, "-o", tmp_path / "evil.html")
    assert result.returncode == 1
    assert "it is a symbolic link" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", "evil.html", *([] if dangling else ["hostname"])])
    assert dangling or target.read_text(encoding="utf-8") == "precious\n"


def test_a_failed_build_removes_the_layout_cache_it_created(cli, example_dir, tmp_path, monkeypatch):
    from graph import render

    def fail(path, data, **kw):
        raise OSError("disk full")

    monkeypatch.setattr(render, "write_atomic", fail)
    result = cli("build", "--data", example_dir, "-o", tmp_path / "map.html")
    assert result.returncode == 1
    assert not (tmp_path / "map.layout.json").exists() and not (tmp_path / "map.html").exists()


@pytest.mark.parametrize("wait", ["-1", "nan", "inf", "soon", "1e9"])
def test_wait_takes_a_number_of_seconds(cli, example_dir, wait):
    result = cli("add-source", "s", "--title", "T", "--wait", wait, "--data", example_dir)
    assert result.returncode == 2
    assert f"argument --wait: {wait!r} is not a number of seconds (0 or more)" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--to", "gexf", "-o", "{data}/relations.csv"],
        ["export", "--to", "csv", "-o", "{data}/actors"],
        ["ingest", "{article}", "--date", "2024-10-31", "--out", "{data}/relations.csv"],
        ["events", str(EXAMPLE_EVENTS), "--out", "{data}"],
    ],
)
def test_generated_files_never_go_into_the_data_folder(example_dir, tmp_path, capsys, args):
    """export -o, ingest --out and events --out refuse the data folder, as build -o does; nothing there changes."""
    article = tmp_path / "story.txt"
    article.write_text("North Korea sent troops to Russia in October 2024, officials said.", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in example_dir.iterdir()}
    argv = [a.format(data=example_dir, article=article) for a in args]
    assert main([*argv[:1], "--data", str(example_dir), *argv[1:]]) == 1
    assert "it is inside the data folder" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in example_dir.iterdir()} == before


def test_events_candidates_with_none_to_show(example_dir, capsys):
    """No pair reaches the threshold: an empty table, not a traceback."""
    assert main(["events", str(EXAMPLE_EVENTS), "--data", str(example_dir), "--candidates", "1000"]) == 0
    assert main(["events", str(EXAMPLE_EVENTS), "--data", str(example_dir), "--candidates", "1000", "--format", "json"]) == 0
    assert "Traceback" not in capsys.readouterr().err
