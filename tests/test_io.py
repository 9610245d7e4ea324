"""Loading and validation: every kind of defect, located to the file, line, column and value."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import BROKEN, broken_dataset

from graph.errors import DataError
from graph.io import EXAMPLE_DATA, load, validate


def dataset_with(name: str, tmp_path: Path) -> Path:
    return broken_dataset(name, tmp_path / name)


WAR_ROW = "war-1,RUS,UKR,armed_conflict,confirmed,2022-02-24,,1,,,toy,Full-scale, invasion.,,2022-02-24,"

# name of the broken set -> (code, file, line, column, value, words the message must contain)
CASES = {
    "missing-column": ("missing-column", "relations.csv", 1, "confidence", None, "missing column"),
    "unknown-column": ("unknown-column", "actors.csv", 1, "descripton", "descripton", 'did you mean "description"'),
    "missing-value": ("missing-value", "relations.csv", 4, "evidence", "", "evidence is required"),
    "duplicate-id": ("duplicate-id", "actors.csv", 6, "actor_id", "PRK", "also on line 2"),
    "unknown-actor": ("unknown-reference", "relations.csv", 5, "target", "UKK", 'did you mean "UKR"'),
    "unknown-type": ("unknown-reference", "relations.csv", 6, "type", "condems", 'did you mean "condemns"'),
    "unknown-source": ("unknown-reference", "relations.csv", 3, "citation", "nope", "sources.csv"),
    "unknown-status": ("unknown-reference", "relations.csv", 4, "status", "reportd", "valid: confirmed, potential, reported"),
    "bad-date": ("bad-date", "relations.csv", 4, "start", "2024-13", "not a real date"),
    "impossible-date": ("bad-date", "relations.csv", 6, "start", "2024-02-30", "day is out of range"),
    "end-before-start": ("date-order", "relations.csv", 5, "end", "2021-12", "before start 2022-02-24"),
    "confidence-out-of-range": ("out-of-range", "relations.csv", 2, "confidence", "1.5", "between 0 and 1"),
    "confidence-not-a-number": ("bad-value", "relations.csv", 2, "confidence", "high", "not a number"),
    "extra-cell": ("extra-cell", "relations.csv", 5, None, WAR_ROW, "16 fields but the header has 15"),
    "missing-cell": ("missing-cell", "actors.csv", 4, "aliases", None, "missing aliases, description"),
    "duplicate-relation": ("duplicate-relation", "relations.csv", 7, "relation_id", "condemn-2", "already on line 6"),
    "mirrored-symmetric": ("duplicate-relation", "relations.csv", 7, "relation_id", "war-2", "armed_conflict between RUS and UKR"),
    "self-relation": ("self-relation", "relations.csv", 6, "target", "USA", "two different actors"),
    "duplicate-alias": ("duplicate-name", "actors.csv", 5, "aliases", "moscow", "line 3"),
    "supersedes-unknown": ("unknown-reference", "relations.csv", 3, "supersedes", "pact-9", 'no relation_id "pact-9" in relations.csv'),
    "supersedes-twice": ("supersedes-twice", "relations.csv", 7, "supersedes", "pact-1", "already superseded by the row on line 3"),
    "supersedes-loop": ("supersedes-loop", "relations.csv", 2, "supersedes", "pact-2", "loops back"),
    "recorded-not-a-day": ("bad-date", "relations.csv", 4, "recorded", "2024-10", "YYYY-MM-DD"),
    "blank-line": ("blank-row", "relations.csv", 3, None, None, "blank line"),
    "not-utf8": ("encoding-error", "actors.csv", 4, None, "b'\\xef'", "not UTF-8"),
    "empty-file": ("missing-header", "statuses.csv", 1, None, None, "the file is empty"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_defect_is_located(name, tmp_path):
    code, file, line, column, value, words = CASES[name]
    problems = validate(dataset_with(name, tmp_path))
    matching = [p for p in problems if p.code == code]
    assert matching, f"no {code} among {problems}"
    p = matching[0]
    assert (p.file, p.line, p.column, p.value) == (file, line, column, value)
    assert words in p.message


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    problems = validate(dataset_with("blank-line", tmp_path))
    assert [(p.code, p.line) for p in problems] == [("blank-row", 3), ("unknown-reference", 6)]


def test_multiline_cells_do_not_shift_line_numbers(tmp_path):
    problems = validate(dataset_with("multiline-cell", tmp_path))
    assert [(p.code, p.line, p.value) for p in problems] == [("unknown-reference", 7, "confimed")]


def test_every_problem_is_reported_at_once(tmp_path):
    folder = dataset_with("unknown-status", tmp_path)
    shutil.copy(BROKEN / "duplicate-id" / "actors.csv", folder / "actors.csv")
    (folder / "sources.csv").unlink()
    with pytest.raises(DataError, match=r"problems in the data") as info:
        load(folder)
    codes = {p.code for p in info.value.problems}
    assert {"duplicate-id", "missing-file", "unknown-reference"} <= codes


def test_missing_file_names_the_file_and_its_columns(tmp_path):
    folder = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    (folder / "sources.csv").unlink()
    problems = validate(folder)
    assert problems[0].code == "missing-file"
    assert problems[0].file == "sources.csv"
    assert "source_id, title, publisher, date, url, notes" in problems[0].message


def test_missing_folder(tmp_path):
    (problem,) = validate(tmp_path / "nowhere")
    assert problem.code == "missing-folder"
    assert "--data" in problem.message


@pytest.mark.parametrize("name", ["valid-bom-crlf", "valid-reordered-columns"])
def test_valid_variants_load(name, tmp_path):
    assert validate(dataset_with(name, tmp_path)) == []


def test_tables_keep_the_text_and_the_physical_lines(tmp_path):
    ds = load(dataset_with("valid-bom-crlf", tmp_path))
    actors = ds.tables["actors"]
    assert actors.index.tolist() == [2, 3, 4, 5]
    assert actors.loc[2, "actor_id"] == "PRK"  # the BOM is not part of the first column's name
    assert ds.frame("relations").loc[4, "confidence"] == 0.7


def test_validation_never_touches_the_files(tmp_path):
    folder = dataset_with("duplicate-relation", tmp_path)

    def digest():
        return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in folder.iterdir()}

    before = digest()
    validate(folder)
    assert digest() == before


def test_the_project_data_is_valid():
    assert validate(Path(__file__).resolve().parents[1] / "data") == []


def test_write_atomic_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    from graph.io import write_atomic

    target = tmp_path / "page.html"
    write_atomic(target, "<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_atomic(target, b"again")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"again", 0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_write_atomic_into_a_missing_folder_is_a_clear_error(tmp_path):
    from graph.errors import WriteError
    from graph.io import write_atomic

    with pytest.raises(WriteError, match=r"could not write .*nowhere/page.html: No such file or directory; the file is unchanged"):
        write_atomic(tmp_path / "nowhere" / "page.html", "x")


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_missing_file_is_reported_once_not_on_every_row_that_refers_to_it(tmp_path):
    folder = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    (folder / "actors.csv").unlink()
    (folder / "sources.csv").write_bytes(b"\xff\xfe")
    assert [(p.file, p.code) for p in validate(folder)] == [("sources.csv", "encoding-error"), ("actors.csv", "missing-file")]


@pytest.mark.parametrize("target", ["/dev/null", "folder"])
def test_write_atomic_refuses_what_is_not_a_file(tmp_path, target):
    from graph.errors import WriteError
    from graph.io import write_atomic

    path = Path(target) if target.startswith("/") else tmp_path
    with pytest.raises(WriteError, match="it is not a regular file"):
        write_atomic(path, "x")
    assert Path("/dev/null").is_char_device()


def test_write_atomic_follows_a_symbolic_link(tmp_path):
    from graph.io import write_atomic

    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
