"""review files: the candidates written for an analyst; accept: the reviewed rows into the data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import DataError
from graph.ingest import extract
from graph.io import load, read_files, validate
from graph.review import REVIEW_COLUMNS, accept, write_review

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def review(tmp_path, data_dir, capsys):
    """A review file for a short wire story, written by `ingest --out`."""
    article = tmp_path / "wire.txt"
    article.write_text(
        "Israeli jets struck military sites in Iran on Saturday. Japan condemned Russia over the strikes on Kyiv.\n", encoding="utf-8"
    )
    out = tmp_path / "review.csv"
    args = ["ingest", str(article), "--data", str(data_dir), "--date", "2024-10-26", "--title", "Wire story", "--out", str(out)]
    assert main(args) == 0
    capsys.readouterr()
    return out


def edit_review(path: Path, verdicts: dict[tuple[str, str], dict]) -> None:
    """Set cells of the rows whose (source, target) is given."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.update(verdicts.get((row["source"], row["target"]), {}))
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=REVIEW_COLUMNS)
        w.writeheader()
        w.writerows(rows)


def test_review_file_has_an_accept_column_and_the_candidates(review):
    with review.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == REVIEW_COLUMNS
    assert {(r["source"], r["target"], r["accept"]) for r in rows} == {("ISR", "IRN", ""), ("JPN", "RUS", "")}


def test_accept_appends_exactly_the_accepted_rows(review, data_dir, capsys):
    before = read_files(data_dir)
    edit_review(
        review,
        {
            ("ISR", "IRN"): {"accept": "yes", "evidence": "Israel hit Iranian military sites from the air."},
            ("JPN", "RUS"): {"accept": "no", "evidence": "ignored"},
        },
    )
    assert main(["accept", str(review), "--data", str(data_dir), "--recorded", "2024-10-27"]) == 0
    out = capsys.readouterr().out
    assert "appended isr-irn-attacks-1" in out
    assert validate(data_dir) == []
    after = read_files(data_dir)
    added = {name: after[name][len(before[name]) :].decode() for name in after if after[name] != before[name]}
    assert set(added) == {"actors", "sources", "relations"}
    assert added["actors"].splitlines() == ["ISR,Israel,state,,", "IRN,Iran,state,,"]
    assert added["sources"].splitlines() == ["wire,Wire story,,2024-10-26,,"]
    assert added["relations"].splitlines() == [
        "isr-irn-attacks-1,ISR,IRN,attacks,confirmed,2024-10-26,,0.8,,,wire,Israel hit Iranian military sites from the air.,,2024-10-27,"
    ]
    assert "Japan condemned" not in after["relations"].decode()  # neither the rejected row nor the article's sentence


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"accept": "maybe"}, 'write "yes" to accept the row'),
        ({"accept": "yes", "evidence": ""}, "needs evidence"),
        ({"accept": "yes", "evidence": "Israeli jets struck military sites in Iran on Saturday."}, "paraphrase"),
    ],
)
def test_a_bad_review_row_changes_nothing(review, data_dir, capsys, cells, message):
    before = read_files(data_dir)
    edit_review(review, {("ISR", "IRN"): cells, ("JPN", "RUS"): {"accept": "yes", "evidence": "Tokyo denounced Moscow."}})
    assert main(["accept", str(review), "--data", str(data_dir)]) == 1
    assert message in capsys.readouterr().err
    assert read_files(data_dir) == before


def test_an_invalid_accepted_row_changes_nothing(review, data_dir):
    before = read_files(data_dir)
    edit_review(
        review,
        {
            ("ISR", "IRN"): {"accept": "yes", "evidence": "Israel hit Iran."},
            ("JPN", "RUS"): {"accept": "yes", "evidence": "Tokyo denounced Moscow.", "type": "scolds"},
        },
    )
    with pytest.raises(DataError) as err:
        accept(review, data_dir)
    assert any("scolds" in p.message for p in err.value.problems)
    assert read_files(data_dir) == before  # not even the first, valid row


def _accept_everything(review: Path) -> None:
    edit_review(
        review,
        {
            ("ISR", "IRN"): {"accept": "yes", "evidence": "Israel hit Iran."},
            ("JPN", "RUS"): {"accept": "yes", "evidence": "Tokyo denounced Moscow."},
        },
    )


@pytest.mark.parametrize("failing", [1, 2, 3])
def test_accept_is_one_transaction_when_a_rename_fails(review, data_dir, monkeypatch, capsys, failing):
    """A failure between the writes of actors, sources and relations puts every file back; no temporary file stays."""
    import graph.write

    _accept_everything(review)
    before = read_files(data_dir)
    listing = sorted(p.name for p in data_dir.iterdir())
    real_replace, calls = graph.write.os.replace, []

    def replace(src, dst):
        if Path(dst).parent == data_dir:  # not the scratch copy that accept edits first
            calls.append(Path(dst).name)
            if len(calls) == failing:
                raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(graph.write.os, "replace", replace)  # os.replace itself: the module is shared
    assert main(["accept", str(review), "--data", str(data_dir)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    # The failure struck after failing - 1 files were replaced; the renames after it put them back.
    assert calls[:failing] == ["actors.csv", "sources.csv", "relations.csv"][:failing]
    assert calls[failing:] == ["actors.csv", "sources.csv"][: failing - 1][::-1]
    monkeypatch.undo()
    assert read_files(data_dir) == before
    assert sorted(p.name for p in data_dir.iterdir()) == listing
    assert validate(data_dir) == []


def test_accept_writes_nothing_when_staging_fails(review, data_dir, monkeypatch):
    """A failure while the new contents are written out (before any rename) leaves the data as it was."""
    import graph.write

    _accept_everything(review)
    before = read_files(data_dir)
    real_stage, staged = graph.write._stage, []

    def stage(path, data, **kw):
        if path.parent == data_dir:
            staged.append(path.name)
            if len(staged) == 3:  # the new actors.csv and its old copy are staged, not yet sources.csv
                raise KeyboardInterrupt  # Ctrl-C in the middle
        return real_stage(path, data, **kw)

    monkeypatch.setattr(graph.write, "_stage", stage)
    with pytest.raises(KeyboardInterrupt):
        accept(review, data_dir)
    monkeypatch.undo()
    assert read_files(data_dir) == before
    assert not list(data_dir.glob(".*.tmp"))


def test_accept_without_accepted_rows_writes_nothing(review, data_dir, capsys):
    before = read_files(data_dir)
    assert main(["accept", str(review), "--data", str(data_dir)]) == 0
    assert "nothing was written" in capsys.readouterr().out
    assert read_files(data_dir) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "lacks the column"), (b"a,b\n1,2\n", "lacks the column"), (b"\x00\x01", "binary"), (b"accept\xff,b\n", "not UTF-8")],
)
def test_hostile_review_files(tmp_path, data_dir, capsys, content, message):
    path = tmp_path / "review.csv"
    path.write_bytes(content)
    assert main(["accept", str(path), "--data", str(data_dir)]) == 1
    assert message in capsys.readouterr().err


def test_write_review_round_trips(tmp_path):
    c = extract("Japan condemned Russia.", load(ROOT / "data"))
    path = write_review(c, tmp_path / "r.csv")
    with path.open(encoding="utf-8") as f:
        assert next(csv.DictReader(f))["source"] == "JPN"
