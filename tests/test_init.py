"""A new map (actorgraph init), the map's datapackage.json, and Frictionless validity."""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from graph.cli import main
from graph.descriptor import DESCRIPTOR, descriptor
from graph.errors import DataError
from graph.io import EXAMPLE_DATA, load
from graph.newmap import VOCABULARIES, new_map


def frictionless_validate(descriptor_path: Path) -> dict:
    """The report of Frictionless's own validator on a map's descriptor.

    In-process, through the function its ``validate --json`` command calls:
    a process per call would spend most of its time importing Frictionless.
    """
    import frictionless

    return frictionless.validate(str(descriptor_path)).to_dict()


def test_init_makes_a_valid_empty_map(tmp_path, capsys):
    folder = tmp_path / "sahel"
    assert main(["init", str(folder), "--title", "Sahel: juntas & <Wagner>"]) == 0
    assert capsys.readouterr().out.startswith(f"{folder}: new map")
    names = {p.name for p in folder.iterdir()}
    assert names >= {
        "actors.csv",
        "relations.csv",
        "sources.csv",
        "relation_types.csv",
        "statuses.csv",
        "actor_kinds.csv",
        DESCRIPTOR,
        "README.md",
    }
    assert (folder / "actors.csv").read_text() == "actor_id,name,kind,aliases,description\n"
    for vocabulary in VOCABULARIES.iterdir():
        assert (folder / vocabulary.name).read_bytes() == vocabulary.read_bytes()
    assert "Sahel: juntas & <Wagner>" in (folder / "README.md").read_text()
    assert main(["validate", "--data", str(folder)]) == 0
    assert "valid: 0 actors, 0 relations, 0 sources" in capsys.readouterr().out
    assert load(folder).title == "Sahel: juntas & <Wagner>"


def test_init_then_edit_validate_build(tmp_path, capsys):
    """The issue's end-to-end path: init, two actors, a source, a relation, validate, build."""
    folder = str(tmp_path / "map")
    assert main(["init", folder, "--title", "Two states"]) == 0
    assert main(["add-actor", "AAA", "--name", "Alphaland", "--kind", "state", "--data", folder]) == 0
    assert main(["add-actor", "BBB", "--name", "Betastan", "--kind", "state", "--data", folder]) == 0
    assert main(["add-source", "wire-1", "--title", "A wire report", "--date", "2025-01", "--data", folder]) == 0
    args = ["add-relation", "AAA", "BBB", "condemns", "--status", "confirmed", "--confidence", "0.9", "--citation", "wire-1"]
    assert main([*args, "--evidence", "Alphaland condemned Betastan.", "--start", "2025-01-03", "--data", folder]) == 0
    assert main(["validate", "--data", folder]) == 0
    page = tmp_path / "page.html"
    assert main(["build", "--data", folder, "-o", str(page), "--no-layout-cache"]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Alphaland" in html and "Betastan" in html
    capsys.readouterr()


@pytest.mark.parametrize("actors", [0, 1])
def test_build_draws_an_empty_or_one_actor_map(tmp_path, actors):
    folder = new_map(tmp_path / "map")
    if actors:
        assert main(["add-actor", "AAA", "--name", "Alphaland", "--kind", "state", "--data", str(folder)]) == 0
    page = tmp_path / "page.html"
    assert main(["build", "--data", str(folder), "-o", str(page), "--no-layout-cache"]) == 0
    assert page.stat().st_size > 10_000
    assert ("Alphaland" in page.read_text(encoding="utf-8")) == bool(actors)


def test_init_accepts_an_existing_empty_folder(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert new_map(folder) == folder
    assert (folder / "actors.csv").is_file()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), "is not empty"),
        (lambda p: p.write_text("a file"), "is not a folder"),
        (lambda p: p.symlink_to(p.parent), "is not a folder"),
    ],
    ids=["non-empty folder", "file", "symlink"],
)
def test_init_refuses_to_overwrite(tmp_path, capsys, make, message):
    target = tmp_path / "taken"
    make(target)
    before = sorted(os.listdir(tmp_path))
    assert main(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == before  # no temporary folder left behind
    if target.is_dir() and not target.is_symlink():
        assert sorted(os.listdir(target)) == ["notes.txt"]


def test_init_refuses_a_missing_parent(tmp_path, capsys):
    assert main(["init", str(tmp_path / "no" / "such" / "map")]) == 1
    assert "does not exist: create it first" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()


def test_init_leaves_nothing_when_writing_fails(tmp_path, monkeypatch):
    import graph.newmap

    calls = []

    def failing(path, data, **kw):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return Path(path)

    monkeypatch.setattr(graph.newmap, "write_atomic", failing)
    with pytest.raises(OSError, match="No space left"):
        new_map(tmp_path / "map")
    assert os.listdir(tmp_path) == []


# -- the descriptor ---------------------------------------------------------------


def test_data_descriptor_is_in_sync_with_schema_json():
    """data/datapackage.json carries schema.json's resources: one definition, copied by a command."""
    on_disk = json.loads((DATA / DESCRIPTOR).read_text(encoding="utf-8"))
    expected = descriptor(on_disk.get("title"), on_disk.get("description"))
    assert on_disk == expected, "data/datapackage.json is out of date: run `actorgraph descriptor` (it keeps the title)"


def test_shipped_vocabularies_are_those_of_data():
    for vocabulary in VOCABULARIES.iterdir():
        assert vocabulary.read_bytes() == (DATA / vocabulary.name).read_bytes(), (
            f"graph/vocabularies/{vocabulary.name} differs from data/{vocabulary.name}: copy data/'s over it"
        )


def test_the_title_reaches_the_graph(example_dir):
    from graph.build import load_graph

    assert "title" not in load_graph(example_dir).graph
    assert main(["descriptor", "--data", str(example_dir), "--title", "Korea, <b>tiny</b>"]) == 0
    assert load_graph(example_dir).graph["title"] == "Korea, <b>tiny</b>"
    assert main(["descriptor", "--data", str(example_dir)]) == 0  # keeps the title
    assert load_graph(example_dir).graph["title"] == "Korea, <b>tiny</b>"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "datapackage.json:1: not valid JSON"),
        (b"[1, 2]", "datapackage.json: the descriptor must be a JSON object"),
        (b'{"title": ["a"]}', 'datapackage.json: title: the title must be text, not ["a"]'),
        (b'{"title": "x", "description": 7}', "datapackage.json: description: the description must be text"),
        (b"\xff\xfe{}", "datapackage.json: the file is not UTF-8 text"),
    ],
)
def test_a_broken_descriptor_is_reported_not_raised(example_dir, capsys, content, message):
    (example_dir / DESCRIPTOR).write_bytes(content)
    assert main(["validate", "--data", str(example_dir)]) == 1
    err = capsys.readouterr().err
    assert f"{example_dir / DESCRIPTOR}".replace(DESCRIPTOR, "") + message in err
    assert "Traceback" not in err
    # descriptor refuses to overwrite what it cannot read, unless given a title
    assert main(["descriptor", "--data", str(example_dir)]) == 1
    assert (example_dir / DESCRIPTOR).read_bytes() == content
    capsys.readouterr()
    assert main(["descriptor", "--data", str(example_dir), "--title", "Fixed"]) == 0
    assert load(example_dir).title == "Fixed"


def test_descriptor_of_a_missing_folder(tmp_path, capsys):
    assert main(["descriptor", "--data", str(tmp_path / "nope")]) == 1
    assert "not found" in capsys.readouterr().err


def test_read_dataset_without_descriptor_has_no_title():
    with pytest.raises(DataError):
        load(EXAMPLE_DATA / "nope")
    assert load(EXAMPLE_DATA).title is None


# -- Frictionless ----------------------------------------------------------------


def test_frictionless_validates_data(tmp_path):
    """The official validator accepts data/ as described by its datapackage.json (copied: Frictionless writes nothing, but be sure)."""
    folder = Path(shutil.copytree(DATA, tmp_path / "data"))
    report = frictionless_validate(folder / DESCRIPTOR)
    assert report["valid"], json.dumps(report["tasks"], indent=1)[:3000]
    assert len(report["tasks"]) == len(descriptor()["resources"])


def test_frictionless_validates_a_new_map(tmp_path):
    folder = new_map(tmp_path / "map", title="Empty")
    report = frictionless_validate(folder / DESCRIPTOR)
    assert report["valid"], json.dumps(report["tasks"], indent=1)[:3000]


def test_frictionless_catches_a_bad_partial_date(tmp_path):
    """The pattern of a partial date is what Frictionless checks: a broken date fails there too."""
    folder = Path(shutil.copytree(DATA, tmp_path / "data"))
    text = (folder / "sources.csv").read_text(encoding="utf-8").replace(",2024-10,", ",Oct 2024,", 1)
    (folder / "sources.csv").write_text(text, encoding="utf-8")
    report = frictionless_validate(folder / DESCRIPTOR)
    assert not report["valid"]
    errors = [e for task in report["tasks"] for e in task["errors"]]
    assert any(e["type"] == "constraint-error" and "Oct 2024" in e["message"] for e in errors)


def test_schema_json_has_no_type_frictionless_rejects():
    """Frictionless's own field types only; ours live in x-type."""
    known = {"string", "number", "integer", "boolean", "date", "list"}
    schema = json.loads((ROOT / "graph" / "schema.json").read_text(encoding="utf-8"))
    types = {f["type"] for r in schema["resources"] for f in r["schema"]["fields"]}
    assert types <= known


# -- the quick start ----------------------------------------------------------------


def test_ci_runs_the_readme_commands():
    """CI runs the README's test command as written, and its quick start through .ci/quickstart."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("## Quick start", 1)[1].split("```sh\n")[1:3]
    build, test = (block.split("\n", 1)[0] for block in blocks)
    assert build == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/actorgraph build"
    assert test == 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci and "bash .ci/quickstart" in ci
