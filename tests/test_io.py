"""Loading and validation: every kind of defect, located to the file, line, column and value."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import BROKEN, broken_dataset

from graph.errors import DataError
from graph.io import EXAMPLE_DATA, MAX_CELL, csv_field_limit, load, validate


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
    from graph.write import write_atomic

    target = tmp_path / "page.html"
    write_atomic(target, "<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_atomic(target, b"again")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"again", 0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_write_atomic_into_a_missing_folder_is_a_clear_error(tmp_path):
    from graph.errors import WriteError
    from graph.write import write_atomic

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
    from graph.write import write_atomic

    path = Path(target) if target.startswith("/") else tmp_path
    with pytest.raises(WriteError, match="it is not a regular file"):
        write_atomic(path, "x")
    assert Path("/dev/null").is_char_device()


def test_write_atomic_refuses_a_symbolic_link_even_a_dangling_one(tmp_path):
    from graph.errors import WriteError
    from graph.write import write_atomic

    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.html"
    dangling.symlink_to(tmp_path / "nowhere.html")
    for path in (link, dangling):
        with pytest.raises(WriteError, match="it is a symbolic link"):
            write_atomic(path, "new")
    assert real.read_text() == "old" and not (tmp_path / "nowhere.html").exists()


def test_write_atomic_refuses_a_read_only_file(tmp_path):
    from graph.errors import WriteError
    from graph.write import write_atomic

    target = tmp_path / "keep.csv"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(WriteError, match="the file is read-only"):
        write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_write_atomic_checks_the_file_right_before_the_rename(tmp_path, monkeypatch):
    import os

    from graph import write
    from graph.errors import WriteError

    target = tmp_path / "sources.csv"
    target.write_bytes(b"old")
    real_chmod = os.chmod

    def hand_edit(path, mode):  # an editor saves the file while the new one is being written
        real_chmod(path, mode)
        target.write_bytes(b"hand edit")

    monkeypatch.setattr(write.os, "chmod", hand_edit)
    with pytest.raises(WriteError, match="changed while this edit ran"):
        write.write_atomic(target, b"new", expected=b"old")
    assert target.read_bytes() == b"hand edit" and [p.name for p in tmp_path.iterdir()] == ["sources.csv"]


def test_write_atomic_all_restores_a_file_that_did_not_exist(tmp_path, monkeypatch):
    import graph.write

    (tmp_path / "a.csv").write_bytes(b"old\n")
    real_replace = graph.write.os.replace

    def replace(src, dst):
        if Path(dst).name == "c.csv":
            raise OSError(5, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(graph.write.os, "replace", replace)
    files = {tmp_path / "a.csv": b"new\n", tmp_path / "b.csv": b"made\n", tmp_path / "c.csv": b"never\n"}
    with pytest.raises(graph.write.WriteError, match="Input/output error; every file is unchanged"):
        graph.write.write_atomic_all(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"old\n"


# -- hostile files ------------------------------------------------------------------


def set_cell(folder: Path, file: str, key: str, column: str, value: str) -> None:
    """Rewrite ``folder/file`` with ``column`` of the row whose first cell is ``key`` set to ``value``."""
    path = folder / file
    with path.open(encoding="utf-8", newline="") as f, csv_field_limit(path.stat().st_size + 1):
        rows = list(csv.reader(f))
    where = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[where] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.fixture
def folder(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))


@pytest.mark.parametrize("secret", ["/etc/passwd", "/proc/self/environ"])
def test_a_link_out_of_the_data_folder_is_not_read(folder, secret, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_SECRET_TOKEN", "hunter2-do-not-print")
    (folder / "sources.csv").unlink()
    (folder / "sources.csv").symlink_to(secret)
    with pytest.raises(DataError) as info:
        load(folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.code) == ("sources.csv", "outside-data-folder")
    assert "set ACTORGRAPH_ALLOW_OUTSIDE=1" in problem.message
    assert "root:" not in str(info.value) and "hunter2" not in str(info.value)


def test_a_link_out_of_the_folder_is_read_when_allowed_and_a_link_inside_always(folder, tmp_path, monkeypatch):
    outside = tmp_path / "shared-sources.csv"
    shutil.move(folder / "sources.csv", outside)
    (folder / "sources.csv").symlink_to(outside)
    monkeypatch.setenv("ACTORGRAPH_ALLOW_OUTSIDE", "1")
    assert validate(folder) == []
    monkeypatch.delenv("ACTORGRAPH_ALLOW_OUTSIDE")
    shutil.move(outside, folder / "sources-2024.csv")
    (folder / "sources.csv").unlink()
    (folder / "sources.csv").symlink_to("sources-2024.csv")
    assert validate(folder) == []


@pytest.mark.parametrize(("make", "words"), [(lambda p: p.mkdir(), "is a folder, not a file"), (os.mkfifo, "is a pipe, not a file")])
def test_a_folder_or_a_pipe_named_like_a_data_file(folder, make, words):
    (folder / "relations.csv").unlink()
    make(folder / "relations.csv")
    (problem,) = validate(folder)  # returns at once: a pipe is never read
    assert (problem.file, problem.code) == ("relations.csv", "not-a-file")
    assert words in problem.message


def test_a_huge_header_gives_a_bounded_report(folder):
    header = (folder / "statuses.csv").read_text(encoding="utf-8").splitlines()[0]
    columns = ",".join(f"c{i}" for i in range(100_000))
    (folder / "statuses.csv").write_text(f"{header},{columns}\n", encoding="utf-8")
    problems = validate(folder)
    assert len(problems) < 20 and sum(len(str(p)) for p in problems) < 5000
    assert next(p.message for p in problems if p.column is None).startswith("and 99,990 more unknown columns (100,005 in all)")


def test_cells_up_to_the_limit_load_and_a_bigger_one_is_located(folder):
    from graph.io import MAX_CELL

    assert MAX_CELL > 131_072  # the csv module's own limit, which used to crash every command
    set_cell(folder, "relations.csv", "war-1", "evidence", "x" * MAX_CELL)
    assert validate(folder) == []
    set_cell(folder, "relations.csv", "war-1", "evidence", "x" * (MAX_CELL + 1))
    (problem,) = validate(folder)
    assert (problem.file, problem.line, problem.column, problem.code) == ("relations.csv", 5, "evidence", "cell-too-large")
    assert "200,001 characters" in problem.message and len(str(problem)) < 500


def test_a_stray_quote_in_a_big_file_is_a_located_problem(folder):
    rows = "".join(f"r{i},PRK,RUS,condemns,reported,2024,,0.5,,,toy,Said so {i}.,,2024-12-01,\n" for i in range(3000))
    path = folder / "relations.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'bad,PRK,RUS,condemns,reported,2024,,0.5,,,toy,"Unclosed\n' + rows, encoding="utf-8")
    problems = validate(folder)
    assert [(p.line, p.column, p.code) for p in problems] == [(7, "notes", "missing-cell"), (7, "evidence", "cell-too-large")]
    assert "close a stray quote" in problems[1].message
    assert all(len(str(p)) < 500 for p in problems)


@pytest.mark.parametrize(
    ("file", "key", "column", "value", "words"),
    [
        ("relations.csv", "war-1", "start", "٢٠٢٢-٠٢", "is not a date"),
        ("relations.csv", "war-1", "start", "２０２２", "is not a date"),
        ("relations.csv", "war-1", "recorded", "٢٠٢٢-٠٢-٢٤", "is not a date"),
        ("relations.csv", "war-1", "confidence", "١", "is not a number"),
        ("relations.csv", "war-1", "confidence", "0.５", "is not a number"),
        ("relations.csv", "war-1", "intensity", "1_0", "is not a number"),
        ("relations.csv", "war-1", "confidence", "nan", "is not a number"),
        ("actors.csv", "UKR", "actor_id", "ＵＫＲ", "does not match the pattern"),
        ("relations.csv", "war-1", "start", "0001-01-01", "outside the dates the model holds"),
        ("relations.csv", "war-1", "end", "9999-12-31", "outside the dates the model holds"),
        ("relations.csv", "war-1", "recorded", "0999-12-31", "outside the dates the model holds"),
        ("sources.csv", "toy", "date", "3000", "outside the dates the model holds"),
        ("relation_types.csv", "condemns", "horizon_days", "999999999999", "must be between 1 and 36525"),
        ("relation_types.csv", "condemns", "half_life_days", "1e308", "must be between 1 and 36525"),
    ],
)
def test_digits_are_ascii_and_dates_in_the_models_range(folder, file, key, column, value, words):
    set_cell(folder, file, key, column, value)
    problems = validate(folder)
    assert any(p.column == column and words in p.message for p in problems), problems


@pytest.mark.parametrize("day", ["1000-01-01", "2999-12-31", "1000", "2999-12"])
def test_the_ends_of_the_range_are_valid(folder, day):
    set_cell(folder, "relations.csv", "war-1", "start", "1000-01-01")
    set_cell(folder, "relations.csv", "war-1", "end", day)
    assert validate(folder) == []


@pytest.mark.parametrize(
    ("column", "value", "char"),
    [
        ("aliases", "Moscow|North\u200b Korea", "U+200B (ZERO WIDTH SPACE)"),
        ("name", "Russia\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("name", "Rus\x00sia", "U+0000"),
        ("name", "\x1b]0;pwned\x07\x1b[2J", "U+001B"),
        ("aliases", "Kremlin|\u2066Moscow", "U+2066"),
        ("name", "Rus\tsia", "U+0009"),
    ],
)
def test_names_refuse_invisible_and_control_characters(folder, column, value, char):
    set_cell(folder, "actors.csv", "RUS", column, value)
    (problem,) = validate(folder)
    assert (problem.column, problem.code) == (column, "bad-character")
    assert char in problem.message
    assert "\x1b" not in str(problem) and "\x00" not in str(problem)  # the report escapes them


def test_free_text_keeps_line_breaks_but_not_escapes(folder):
    set_cell(folder, "relations.csv", "war-1", "evidence", "Two\nlines\twith a tab.")
    assert validate(folder) == []
    set_cell(folder, "relations.csv", "war-1", "evidence", "Clears the screen\x1b[2J")
    assert [p.code for p in validate(folder)] == ["bad-character"]


def test_names_compare_composed(folder):
    set_cell(folder, "actors.csv", "UKR", "name", "Kyi\u0308v")  # decomposed: i + combining diaeresis
    set_cell(folder, "actors.csv", "RUS", "aliases", "Ky\u00efv")  # composed
    (problem,) = validate(folder)
    assert problem.code == "duplicate-name"
    set_cell(folder, "actors.csv", "RUS", "aliases", "Kremlin")
    assert load(folder).frame("actors").set_index("actor_id").at["UKR", "name"] == "Ky\u00efv"


def test_a_long_bad_value_is_shown_as_a_short_escaped_excerpt(folder):
    set_cell(folder, "relations.csv", "war-1", "status", "\x1b[31m" + "z" * 50_000)
    problems = validate(folder)
    assert problems and all(len(str(p)) < 600 and "\x1b" not in str(p) for p in problems)
    assert problems[0].value.endswith("(50,005 characters)")


def test_unchanged_files_are_not_validated_again_and_the_cache_cannot_be_changed(folder, monkeypatch):
    from graph import io as gio

    first = load(folder)
    first.tables["actors"].loc[2, "name"] = "Changed by a caller"
    calls = []
    monkeypatch.setattr(gio, "_check_relations", lambda *a: calls.append(a) or [])
    again = load(folder)
    assert calls == [] and again.tables["actors"].loc[2, "name"] == "North Korea"
    set_cell(folder, "actors.csv", "PRK", "name", "Moscow")  # changed bytes: validated afresh
    with pytest.raises(DataError, match="already the name"):
        load(folder)


#: Cells on either side of every rule of a single cell: blank, spaces around, inner spaces, tabs and line
#: breaks, invisible and control characters, look-alike digits and letters, too large, each pattern's edges.
HOSTILE_CELLS = [
    *["", " ", "  ", "a", "a b", " a", "a ", "A1", "a-1", "a_1", "-a", "a.b", "KOR", "K", "ＫＯＲ", "٢٠٢٤", "Kyïv"],
    *["\ta", "a\tb", "a\n", "a\rb", "a\u00a0", "\u00a0", "a\u200bb", "\u202ea", "\x1b[31m", "a\x00", "\ufeffa", "a\u2028"],
    *["x" * MAX_CELL, "x" * (MAX_CELL + 1), "#FFFFFF", "#ffffff ", "2024", "2024-06", "2024-06-19", "https://e.org/x"],
    *["https://e.org/x y", "~!", "a|b", "A|B", "12|345", "0.5", "true", "é", "state", "alliance", "r-1", "A00001"],
]


def test_cells_judged_in_bulk_get_the_verdicts_judged_one_by_one():
    """The bulk path for id and name columns (io._cell_verdicts) gives every cell the verdict io._cell_verdict gives it."""
    from graph import io as gio
    from graph.schema import load_schema

    bulk = 0
    for resource in load_schema().resources:
        for f in resource.fields:
            name = f.name in resource.unique_names
            bulk += f.pattern_only()[0]
            one_by_one = {v: gio._cell_verdict(f, v, name=name) for v in HOSTILE_CELLS}
            assert gio._cell_verdicts(f, HOSTILE_CELLS, name=name) == one_by_one, (resource.name, f.name)
    assert bulk >= 10  # ids, names, free text: the path is taken
