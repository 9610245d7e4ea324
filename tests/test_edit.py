"""Edit commands: one appended row, whole-dataset validation, atomic writes, a lock."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from graph import edit
from graph.build import load_graph
from graph.edit import LOCK_NAME, add_actor, add_relation, add_source, append_line, data_lock, end_relation, supersede
from graph.errors import ActorNotFound, DataError, EditError, RelationNotFound
from graph.temporal import as_of

TODAY = dt.date.today().isoformat()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` by name, with its bytes (temp and lock files included)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def appended(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    """The bytes added to each file that changed; asserts nothing else changed."""
    assert after.keys() == before.keys()
    out = {}
    for name, data in after.items():
        if data != before[name]:
            assert data.startswith(before[name]), f"{name} was rewritten, not appended to"
            out[name] = data[len(before[name]) :]
    return out


RELATION = {"status": "confirmed", "confidence": "0.9", "citation": "toy", "evidence": "Says so.", "start": "2024-10-28"}


# -- each edit through the library -------------------------------------------------


def test_add_actor(example_dir):
    before = snapshot(example_dir)
    e = add_actor(example_dir, "KOR", name="South Korea", kind="state", aliases="ROK|Seoul", description="Democratic, with commas.")
    assert appended(before, snapshot(example_dir)) == {"actors.csv": b'KOR,South Korea,state,ROK|Seoul,"Democratic, with commas."\n'}
    assert e.file == example_dir / "actors.csv" and e.id == "KOR"
    assert load_graph(example_dir).nodes["KOR"]["aliases"] == ["ROK", "Seoul"]


def test_add_source(example_dir):
    before = snapshot(example_dir)
    add_source(example_dir, "kcna-2025", title="KCNA statement", date="2025-04-28", url="https://example.org/kcna")
    assert appended(before, snapshot(example_dir)) == {"sources.csv": b"kcna-2025,KCNA statement,,2025-04-28,https://example.org/kcna,\n"}


def test_add_relation_by_names_with_a_generated_id(example_dir):
    e = add_relation(example_dir, "washington", "Kremlin", "condemns", **RELATION)
    assert e.row["relation_id"] == "usa-rus-condemns-1"
    assert (e.row["source"], e.row["target"], e.row["recorded"], e.row["supersedes"]) == ("USA", "RUS", TODAY, "")
    again = add_relation(example_dir, "USA", "RUS", "condemns", **{**RELATION, "start": "2024-11-06"})
    assert again.id == "usa-rus-condemns-2"
    assert {"usa-rus-condemns-1", "usa-rus-condemns-2"} <= {k for *_, k in load_graph(example_dir).edges(keys=True)}


def test_add_relation_with_an_id_and_numbers(example_dir):
    e = add_relation(
        example_dir,
        "PRK",
        "UKR",
        "armed_conflict",
        **RELATION,
        relation_id="prk-ukr-war-1",
        intensity=-9.5,
        magnitude=11000.0,
        recorded="2024-11-05",
    )
    assert e.row["relation_id"] == "prk-ukr-war-1"
    assert (e.row["intensity"], e.row["magnitude"], e.row["recorded"]) == ("-9.5", "11000", "2024-11-05")


def test_add_relation_unknown_actor(example_dir):
    before = snapshot(example_dir)
    with pytest.raises(ActorNotFound, match='no actor is called "Rusia"; did you mean "Russia"'):
        add_relation(example_dir, "PRK", "Rusia", "condemns", **RELATION)
    assert snapshot(example_dir) == before


def test_supersede_takes_the_next_id_and_copies_the_rest(example_dir):
    e = supersede(example_dir, "troops-1", status="confirmed", magnitude=11000, start="2024-11-07", recorded="2024-11-08")
    old = load_graph(example_dir).edges["PRK", "RUS", "troops-1"]
    assert e.row["relation_id"] == "troops-2" and e.row["supersedes"] == "troops-1"
    assert (e.row["status"], e.row["magnitude"], e.row["start"]) == ("confirmed", "11000", "2024-11-07")
    assert (e.row["evidence"], e.row["confidence"], e.row["citation"]) == ("About 3000 soldiers sent.", "0.7", "toy")
    assert old["superseded_by"] == "troops-2" and old["valid_to"] == "2024-11-06"


def test_supersede_can_empty_a_field(example_dir):
    end_relation(example_dir, "war-1", date="2025", recorded="2025-01-01")
    e = supersede(example_dir, "war-2", end="", recorded="2025-01-02")
    assert e.row["end"] == "" and e.row["supersedes"] == "war-2"


def test_supersede_refuses_a_superseded_row_naming_the_newest(example_dir):
    supersede(example_dir, "pact-2", confidence=0.99, recorded="2024-12-06")
    before = snapshot(example_dir)
    with pytest.raises(EditError, match='"pact-1" is already superseded by "pact-2": edit the newest row of its chain, "pact-3"'):
        supersede(example_dir, "pact-1", status="confirmed")
    assert snapshot(example_dir) == before


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({}, EditError, "nothing to change: give at least one of status"),
        ({"status": "reported"}, EditError, 'nothing to change: relation "troops-1" already has status reported'),
        ({"source": "USA"}, EditError, "cannot change source by superseding"),
    ],
)
def test_supersede_refuses_no_change(example_dir, changes, error, message):
    with pytest.raises(error, match=message):
        supersede(example_dir, "troops-1", **changes)


def test_supersede_unknown_relation(example_dir):
    with pytest.raises(RelationNotFound, match='no relation has the id "troops-9"'):
        supersede(example_dir, "troops-9", status="confirmed")


def test_end_relation(example_dir):
    e = end_relation(example_dir, "troops-1", date="2025-04-28", evidence="Admitted, then withdrawn.", recorded="2025-05-01")
    assert (e.row["relation_id"], e.row["start"], e.row["end"], e.row["supersedes"]) == ("troops-2", "2024-10", "2025-04-28", "troops-1")
    assert e.row["evidence"] == "Admitted, then withdrawn."
    G = load_graph(example_dir)
    assert G.edges["PRK", "RUS", "troops-1"]["replaced"] is True
    assert "troops-2" in {k for *_, k in as_of(G, "2025-04-28").edges(keys=True)}
    assert not {"troops-1", "troops-2"} & {k for *_, k in as_of(G, "2025-04-29").edges(keys=True)}


def test_two_edits_in_sequence_both_land(example_dir):
    add_actor(example_dir, "KOR", name="South Korea", kind="state")
    add_relation(example_dir, "KOR", "PRK", "condemns", **RELATION)
    G = load_graph(example_dir)
    assert "KOR" in G and G.has_edge("KOR", "PRK", "kor-prk-condemns-1")


# -- invalid edits change nothing ------------------------------------------------------


@pytest.mark.parametrize(
    ("do", "message"),
    [
        (lambda d: add_actor(d, "PRK", name="Korea", kind="state"), 'duplicate actor_id "PRK"'),
        (lambda d: add_actor(d, "KOR", name="South Korea", kind="country"), 'unknown kind "country"'),
        (
            lambda d: add_actor(d, "KOR", name="South Korea", kind="state", aliases="DPRK"),
            '"DPRK" is already the aliases of the actor on line 2',
        ),
        (lambda d: add_actor(d, "kor", name="South Korea", kind="state"), "does not match the pattern"),
        (lambda d: add_relation(d, "PRK", "RUS", "condemns", **{**RELATION, "status": "rumoured"}), 'unknown status "rumoured"'),
        (lambda d: add_relation(d, "PRK", "RUS", "friendship", **RELATION), 'unknown type "friendship"'),
        (lambda d: add_relation(d, "PRK", "RUS", "condemns", **{**RELATION, "confidence": 2}), "must be between 0 and 1"),
        (lambda d: add_relation(d, "PRK", "RUS", "condemns", **{**RELATION, "citation": "nyt"}), 'unknown citation "nyt"'),
        (lambda d: add_relation(d, "PRK", "RUS", "condemns", **{**RELATION, "start": "2024-13-01"}), '"2024-13-01" is not a real date'),
        (lambda d: add_relation(d, "PRK", "PRK", "condemns", **RELATION), "a relation links two different actors"),
        (lambda d: add_relation(d, "PRK", "RUS", "condemns", **RELATION, relation_id="pact-1"), 'duplicate relation_id "pact-1"'),
        (lambda d: end_relation(d, "troops-1", date="2023"), "end 2023 is before start 2024-10"),
        (lambda d: end_relation(d, "troops-1", date="soon"), '"soon" is not a date'),
        (
            lambda d: supersede(d, "pact-2", status="confirmed", confidence=1, recorded="2024-01-01"),
            "recorded 2024-01-01 is before 2024-12-05",
        ),
    ],
)
def test_invalid_edit_leaves_every_file_byte_identical(example_dir, do, message):
    before = snapshot(example_dir)
    with pytest.raises(DataError, match=message):
        do(example_dir)
    assert snapshot(example_dir) == before


def test_edit_refuses_when_the_data_is_already_invalid(example_dir):
    (example_dir / "actors.csv").write_bytes((example_dir / "actors.csv").read_bytes() + b"XX,,state,,\n")
    before = snapshot(example_dir)
    with pytest.raises(DataError, match="name is required"):
        add_source(example_dir, "s", title="T")
    assert snapshot(example_dir) == before


def test_edit_of_a_missing_folder(tmp_path):
    with pytest.raises(EditError, match="not found"):
        add_source(tmp_path / "nope", "s", title="T")


# -- atomic writes ---------------------------------------------------------------------


def test_crash_between_write_and_rename_keeps_the_old_file(example_dir, monkeypatch):
    before = snapshot(example_dir)

    def crash(src, dst):
        assert Path(src).parent == Path(dst).parent  # the temporary file is in the same folder
        assert Path(src).read_bytes().startswith(before["relations.csv"])  # and complete
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(EditError, match=r"could not write .*relations.csv: disk on fire; the file is unchanged"):
        supersede(example_dir, "troops-1", magnitude=11000)
    assert snapshot(example_dir) == before  # no temp file, no lock, same bytes


def test_write_is_fsynced_before_the_rename(example_dir, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: calls.append("replace") or real_replace(a, b))
    add_source(example_dir, "s", title="T")
    assert calls[:2] == ["fsync", "replace"]


def test_file_mode_is_kept(example_dir):
    file = example_dir / "sources.csv"
    file.chmod(0o664)
    add_source(example_dir, "s", title="T")
    assert file.stat().st_mode & 0o777 == 0o664


# -- formatting is preserved ------------------------------------------------------------


def test_crlf_quoting_and_bom_are_kept(example_dir):
    file = example_dir / "sources.csv"
    original = (
        "\ufeffsource_id,title,publisher,date,url,notes\r\n"
        'toy,"A made-up source, for the examples",Example Press,2022,https://example.org/toy,"Said ""hello"""\r\n'
        '"quoted",Quoted id,,,,\r\n'
    ).encode()
    file.write_bytes(original)
    add_source(example_dir, "new", title='Title with "quotes", and a comma')
    assert file.read_bytes() == original + b'new,"Title with ""quotes"", and a comma",,,,\r\n'


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_missing_final_newline(example_dir, eol):
    file = example_dir / "sources.csv"
    original = file.read_bytes().rstrip(b"\n").replace(b"\n", eol)
    file.write_bytes(original)
    add_source(example_dir, "new", title="T")
    assert file.read_bytes() == original + eol + b"new,T,,,," + eol


def test_columns_in_the_files_own_order(example_dir):
    file = example_dir / "sources.csv"
    file.write_text("title,source_id,date,publisher,url,notes\nA made-up source,toy,2022,Press,,\n", encoding="utf-8")
    add_source(example_dir, "new", title="T", date="2025")
    assert file.read_text(encoding="utf-8").splitlines()[-1] == "T,new,2025,,,"


def test_append_line_multiline_cell():
    assert append_line(b"a,b\n", {"a": "x", "b": "two\nlines"}) == b'a,b\nx,"two\nlines"\n'


# -- concurrency ------------------------------------------------------------------------


def test_a_held_lock_makes_an_edit_wait_then_give_up(example_dir):
    with data_lock(example_dir) as lock:
        before = snapshot(example_dir)
        assert lock.read_text(encoding="utf-8").startswith(f"pid {os.getpid()} since ")
        with pytest.raises(EditError, match=rf"another edit of {example_dir} still holds the lock {lock} after 0.2 s; .*--wait SECONDS"):
            add_source(example_dir, "s", title="T", wait=0.2)
        assert snapshot(example_dir) == before
    assert not (example_dir / LOCK_NAME).exists()
    add_source(example_dir, "s", title="T", wait=0)  # free again


def test_an_edit_waits_for_the_lock(example_dir):
    release = threading.Event()

    def hold():
        with data_lock(example_dir):
            release.set()
            time.sleep(0.3)

    holder = threading.Thread(target=hold)
    holder.start()
    release.wait()
    add_source(example_dir, "s", title="T", wait=10)  # blocks until the holder is done, then lands
    holder.join()
    assert b"\ns,T," in (example_dir / "sources.csv").read_bytes()


def test_a_file_changed_during_the_edit_is_not_overwritten(example_dir, monkeypatch):
    real = edit.read_dataset
    file = example_dir / "relations.csv"
    other = file.read_bytes() + b"war-2,RUS,UKR,armed_conflict,confirmed,2014,,1,,,toy,Crimea.,,2014-03-01,\n"

    def validate_then_race(files, path):
        result = real(files, path)
        file.write_bytes(other)  # another program writes while we validate
        return result

    monkeypatch.setattr(edit, "read_dataset", validate_then_race)
    with pytest.raises(EditError, match=r"relations.csv changed in .* while this edit ran"):
        supersede(example_dir, "troops-1", magnitude=11000)
    assert file.read_bytes() == other
    assert not (example_dir / LOCK_NAME).exists()


# -- command line -----------------------------------------------------------------------


def test_cli_edits_in_sequence(cli, example_dir):
    steps = [
        ["add-actor", "KOR", "--name", "South Korea", "--kind", "state", "--aliases", "ROK|Seoul"],
        ["add-source", "nis", "--title", "NIS briefing", "--date", "2024-10-18"],
        [
            "add-relation",
            "Seoul",
            "DPRK",
            "condemns",
            "--status",
            "confirmed",
            "--confidence",
            "0.9",
            "--citation",
            "nis",
            "--evidence",
            "Grave threat.",
            "--start",
            "2024-10-22",
            "--recorded",
            "2024-10-22",
        ],
        ["supersede", "troops-1", "--magnitude", "11000", "--start", "2024-11-07", "--citation", "toy|nis", "--recorded", "2024-11-08"],
        ["end-relation", "troops-2", "--date", "2025-04", "--evidence", "Withdrawn.", "--recorded", "2025-05-01"],
    ]
    outputs = []
    for args in steps:
        result = cli(*args, "--data", example_dir)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout.strip())
    assert outputs == [
        f"{example_dir / 'actors.csv'}: appended KOR",
        f"{example_dir / 'sources.csv'}: appended nis",
        f"{example_dir / 'relations.csv'}: appended kor-prk-condemns-1",
        f"{example_dir / 'relations.csv'}: appended troops-2 (supersedes troops-1)",
        f"{example_dir / 'relations.csv'}: appended troops-3 (supersedes troops-2)",
    ]
    G = load_graph(example_dir)
    assert G.edges["PRK", "RUS", "troops-3"]["citation"] == ["toy", "nis"]
    assert G.edges["PRK", "RUS", "troops-3"]["end"] == "2025-04"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add-actor", "KOR", "--name", "South Korea", "--kind", "statee"],
            'actors.csv:6: kind: unknown kind "statee": no kind "statee" in actor_kinds.csv; did you mean "state"?',
        ),
        (
            [
                "add-relation",
                "PRK",
                "Rusia",
                "condemns",
                "--status",
                "confirmed",
                "--confidence",
                "1",
                "--citation",
                "toy",
                "--evidence",
                "E.",
            ],
            'error: no actor is called "Rusia"',
        ),
        (["end-relation", "pact-1", "--date", "2025"], 'error: relation "pact-1" is already superseded by "pact-2"'),
        (["end-relation", "troops-1", "--date", "2020"], "relations.csv:7: end: end 2020 is before start 2024-10"),
        (["supersede", "war-1"], "error: nothing to change"),
        (["supersede", "war-9", "--status", "reported"], 'error: no relation has the id "war-9"'),
    ],
)
def test_cli_invalid_edit_exits_1_and_changes_nothing(cli, example_dir, args, message):
    before = snapshot(example_dir)
    result = cli(*args, "--data", example_dir)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(example_dir) == before


def test_cli_held_lock(cli, example_dir):
    with data_lock(example_dir):
        result = cli("add-source", "s", "--title", "T", "--data", example_dir, "--wait", "0.1")
    assert result.returncode == 1
    assert f"still holds the lock {example_dir / LOCK_NAME} after 0.1 s" in result.stderr


def test_cli_add_relation_requires_evidence(cli, example_dir):
    result = cli(
        "add-relation", "PRK", "RUS", "condemns", "--status", "confirmed", "--confidence", "1", "--citation", "toy", "--data", example_dir
    )
    assert result.returncode == 2
    assert "--evidence" in result.stderr


# -- many editors, killed editors, hand edits -------------------------------------------


def _add_source_in_child(folder: str, i: int) -> None:
    add_source(folder, f"s{i}", title=f"Source {i}", wait=60)


def test_twelve_parallel_editors_all_land(example_dir):
    context = multiprocessing.get_context("fork")  # a forked child needs no new interpreter
    children = [context.Process(target=_add_source_in_child, args=(str(example_dir), i)) for i in range(12)]
    for child in children:
        child.start()
    for child in children:
        child.join(60)
    assert [child.exitcode for child in children] == [0] * 12
    ids = set(load_graph(example_dir).graph["sources"])
    assert {f"s{i}" for i in range(12)} <= ids
    assert sorted(p.name for p in example_dir.iterdir() if p.name.startswith(".")) == []


def _edit_then_hang(folder: str) -> None:
    def hang(src, dst):
        time.sleep(600)  # killed here: the temporary file is written, the rename not done

    os.replace = hang
    add_source(folder, "never", title="Never lands")


def test_an_edit_killed_with_sigkill_blocks_nothing(example_dir):
    before = snapshot(example_dir)
    child = multiprocessing.get_context("fork").Process(target=_edit_then_hang, args=(str(example_dir),))
    child.start()
    deadline = time.monotonic() + 30
    while not list(example_dir.glob(".sources.csv.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(example_dir.glob(".sources.csv.*.tmp")), "the child never reached the rename"
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert (example_dir / "sources.csv").read_bytes() == before["sources.csv"]  # not damaged
    add_source(example_dir, "next", title="Lands", wait=1)  # no manual step
    assert not list(example_dir.glob(".*.tmp")) and not (example_dir / LOCK_NAME).exists()
    assert (example_dir / "sources.csv").read_bytes() == before["sources.csv"] + b"next,Lands,,,,\n"


def test_a_hand_edit_saved_right_before_the_rename_is_kept(example_dir, monkeypatch):
    from graph import write

    file = example_dir / "sources.csv"
    hand = file.read_bytes() + b"hand,Typed by hand,,,,\n"
    real_chmod = os.chmod

    def save_by_hand(path, mode):
        real_chmod(path, mode)
        file.write_bytes(hand)

    monkeypatch.setattr(write.os, "chmod", save_by_hand)
    with pytest.raises(EditError, match=r"sources\.csv changed while this edit ran"):
        add_source(example_dir, "s", title="T")
    assert file.read_bytes() == hand
    assert not list(example_dir.glob(".*"))


def test_a_read_only_file_is_not_replaced(example_dir):
    file = example_dir / "sources.csv"
    file.chmod(0o444)
    before = snapshot(example_dir)
    with pytest.raises(EditError, match=r"sources\.csv: the file is read-only"):
        add_source(example_dir, "s", title="T")
    assert snapshot(example_dir) == before and file.stat().st_mode & 0o777 == 0o444


def test_a_data_file_that_is_a_link_is_not_replaced(example_dir):
    (example_dir / "sources.csv").rename(example_dir / "sources-real.csv")
    (example_dir / "sources.csv").symlink_to("sources-real.csv")  # inside the folder: read, but never replaced
    with pytest.raises(EditError, match="it is a symbolic link"):
        add_source(example_dir, "s", title="T")


def test_bare_cr_line_endings_are_kept(example_dir):
    file = example_dir / "sources.csv"
    original = file.read_bytes().replace(b"\n", b"\r")
    file.write_bytes(original)
    add_source(example_dir, "new", title="T")
    assert file.read_bytes() == original + b"new,T,,,,\r"
    add_source(example_dir, "newer", title="U")
    assert load_graph(example_dir).graph["sources"]["newer"]["title"] == "U"


def test_one_validation_per_edit(example_dir, monkeypatch):
    calls = []
    real = edit.read_dataset
    monkeypatch.setattr(edit, "read_dataset", lambda *a: calls.append(a) or real(*a))
    add_relation(example_dir, "USA", "RUS", "condemns", **RELATION)
    assert len(calls) == 1


def test_temporary_and_lock_files_are_ignored_by_git():
    root = Path(__file__).resolve().parents[1]
    names = ["data/.sources.csv.k2j3h4.tmp", "data/.actorgraph.lock", "elsewhere/.relations.csv.x.tmp"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=root, capture_output=True, text=True, check=False)
    assert result.stdout.split() == names


@pytest.mark.parametrize(
    ("do", "message"),
    [
        (lambda d: supersede(d, "troops-1", start="0001-01-01"), '"0001-01-01" is outside the dates the model holds'),
        (lambda d: add_relation(d, "USA", "RUS", "condemns", **RELATION, end="9999-12-31"), "outside the dates the model holds"),
        (lambda d: end_relation(d, "troops-1", date="9999"), "outside the dates the model holds"),
        (lambda d: add_relation(d, "USA", "RUS", "condemns", **{**RELATION, "evidence": "x" * 1_048_576}), "more than the 200,000"),
        (lambda d: add_actor(d, "KOR", name="South Korea", kind="state", aliases="ROK|North\u200b Korea"), "U+200B"),
        (lambda d: add_source(d, "s", title="T", date="٢٠٢٤"), "is not a date"),
    ],
)
def test_edits_refuse_what_validation_refuses(example_dir, do, message):
    before = snapshot(example_dir)
    with pytest.raises(DataError, match=re.escape(message)):
        do(example_dir)
    assert snapshot(example_dir) == before


def test_text_that_is_not_utf8_is_refused(example_dir):
    before = snapshot(example_dir)
    with pytest.raises(EditError, match="bytes that are not UTF-8"):
        add_source(example_dir, "s", title="bad \udcff")  # how Python passes on the byte 0xff of an argument
    assert snapshot(example_dir) == before


def test_edits_write_names_composed(example_dir):
    e = add_actor(example_dir, "KOR", name="Sou\u0308th Korea", kind="state")  # u + combining diaeresis
    assert e.row["name"] == "So\u00fcth Korea"
    assert "So\u00fcth Korea".encode() in (example_dir / "actors.csv").read_bytes()
