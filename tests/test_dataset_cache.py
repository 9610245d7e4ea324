"""The validated-dataset cache on disk (graph/_dataset_cache.py): hit, miss, invalidation, damaged and foreign entries, concurrent writers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import DATA

from graph import _dataset_cache as cache
from graph import io as gio
from graph.build import build_graph, load_graph
from graph.cli import main
from graph.errors import DataError
from graph.io import load, read_files
from graph.schema import load_schema


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own, and no dataset remembered in the process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    monkeypatch.setattr(gio, "_VALID", type(gio._VALID)())
    return folder


@pytest.fixture
def checks(monkeypatch) -> list:
    """Counts the full validations (each runs the relation checks once)."""
    calls = []
    real = gio._check_relations
    monkeypatch.setattr(gio, "_check_relations", lambda *a: calls.append(1) or real(*a))
    return calls


def fresh_process() -> None:
    """What a new command starts with: nothing remembered in memory."""
    gio._VALID.clear()


def entries(store: Path) -> list[Path]:
    return sorted(store.glob("*.parquet"))


def test_a_second_command_reads_the_validated_tables_from_the_cache(example_dir, store, checks):
    first = load(example_dir)
    assert len(entries(store)) == 1 and checks == [1]
    fresh_process()
    again = load(example_dir)
    assert checks == [1]
    for name, table in first.tables.items():
        assert table.equals(again.tables[name]) and table.index.equals(again.tables[name].index), name
    assert again.frame("actors").equals(first.frame("actors"))


def test_the_cache_is_private_and_outside_the_data_folder(example_dir, store):
    load(example_dir)
    assert os.stat(store).st_mode & 0o077 == 0
    assert not any(p.suffix == ".parquet" for p in example_dir.rglob("*"))


def test_one_changed_byte_is_seen(example_dir, store, checks):
    load(example_dir)
    fresh_process()
    path = example_dir / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"North Korea", b"North Koreb"))
    assert load(example_dir).frame("actors").set_index("actor_id").at["PRK", "name"] == "North Koreb"
    assert checks == [1, 1] and len(entries(store)) == 2


def test_an_invalid_edit_is_refused_though_the_old_files_were_cached(example_dir, store):
    load(example_dir)
    fresh_process()
    path = example_dir / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"North Korea", b"Russia"))
    with pytest.raises(DataError, match="already the name"):
        load(example_dir)


def test_a_change_of_the_checking_code_or_the_schema_invalidates_every_entry(example_dir, store, checks, monkeypatch):
    files, schema = read_files(example_dir), load_schema()
    key = cache.digest(files, schema)
    load(example_dir)
    fresh_process()
    monkeypatch.setattr(cache, "_code_digest", lambda: b"another version")
    assert cache.digest(files, schema) != key
    load(example_dir)
    assert checks == [1, 1]
    smaller = type(schema)(schema.resources[:-1])
    assert cache.digest(files, smaller) != cache.digest(files, schema)


def test_the_version_and_the_code_are_part_of_the_key(monkeypatch):
    cache._code_digest.cache_clear()
    before = cache._code_digest()
    monkeypatch.setattr(cache.metadata, "version", lambda name: "999.0")
    cache._code_digest.cache_clear()
    try:
        assert cache._code_digest() != before
    finally:
        monkeypatch.undo()
        cache._code_digest.cache_clear()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"PAR1" + os.urandom(200) + b"PAR1", id="garbage"),
        pytest.param(lambda data: data[:-200] + bytes(b ^ 0xFF for b in data[-200:-100]) + data[-100:], id="flipped-bytes"),
        pytest.param(lambda data: b"\x80\x04\x95 pickle? never", id="pickle"),
    ],
)
def test_a_damaged_entry_is_ignored_with_a_warning_and_rewritten(example_dir, store, checks, damage):
    expected = load(example_dir)
    (entry,) = entries(store)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    fresh_process()
    with pytest.warns(UserWarning, match="damaged or foreign"):
        again = load(example_dir)
    assert checks == [1, 1]
    assert all(t.equals(expected.tables[n]) for n, t in again.tables.items())
    fresh_process()
    load(example_dir)  # the entry was written afresh: no warning, no validation
    assert checks == [1, 1]


def test_an_entry_made_for_other_data_is_not_used(example_dir, store, checks, tmp_path):
    load(shutil.copytree(DATA, tmp_path / "real"))
    (other,) = entries(store)
    key = cache.digest(read_files(example_dir), load_schema())
    other.rename(store / f"{key}.parquet")  # the right name, the wrong content
    fresh_process()
    with pytest.warns(UserWarning, match="damaged or foreign"):
        ds = load(example_dir)
    assert ds.tables["actors"].equals(gio.read_dataset(read_files(example_dir)).tables["actors"])
    assert checks == [1, 1]


def test_an_entry_that_is_a_link_is_not_followed(example_dir, store, checks, tmp_path):
    load(example_dir)
    (entry,) = entries(store)
    target = tmp_path / "elsewhere.parquet"
    entry.rename(target)
    entry.symlink_to(target)
    fresh_process()
    with pytest.warns(UserWarning, match="cannot be read"):
        load(example_dir)
    assert checks == [1, 1] and not entry.is_symlink() and entry.is_file()


def test_an_entry_or_a_folder_of_someone_else_is_not_trusted(example_dir, store, checks, monkeypatch):
    load(example_dir)
    fresh_process()
    uid = os.geteuid()
    monkeypatch.setattr(cache.os, "geteuid", lambda: uid + 4242)
    with pytest.warns(UserWarning, match="not a folder of yours"):
        load(example_dir)
    assert checks == [1, 1]


def test_a_folder_others_may_write_to_is_not_used(example_dir, store, checks):
    load(example_dir)
    store.chmod(0o777)
    fresh_process()
    with pytest.warns(UserWarning, match="only you may write"):
        load(example_dir)
    assert checks == [1, 1]


def test_a_cache_folder_inside_the_data_folder_is_refused(example_dir, monkeypatch, checks):
    monkeypatch.setenv(cache.CACHE_ENV, str(example_dir / ".cache"))
    fresh_process()
    with pytest.warns(UserWarning, match="inside the data folder"):
        load(example_dir)
    assert not (example_dir / ".cache").exists()


def test_the_cache_can_be_turned_off(example_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_folder() is None
    load(example_dir)
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "actorgraph" / "datasets"


def test_only_the_most_recent_entries_are_kept(example_dir, store, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    path = example_dir / "sources.csv"
    original = path.read_bytes()
    for i in range(4):
        path.write_bytes(original + f"extra-{i},A title,,,,\n".encode())
        fresh_process()
        load(example_dir)
    assert len(entries(store)) == 2


def test_concurrent_writers_leave_one_good_entry(example_dir, store, checks):
    files, schema = read_files(example_dir), load_schema()
    tables = load(example_dir).tables
    key = cache.digest(files, schema)
    errors = []

    def write():
        try:
            for _ in range(5):
                cache.write(key, tables, schema, example_dir)
        except Exception as err:  # pragma: no cover - shown by the assertion
            errors.append(err)

    threads = [threading.Thread(target=write) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p.name for p in store.iterdir()] == [f"{key}.parquet"]  # no temporary file left
    read_back = cache.read(key, schema, example_dir)
    assert all(read_back[n].equals(t) for n, t in tables.items())


def test_concurrent_commands_all_succeed_and_share_the_entry(example_dir, store):
    env = {**os.environ, cache.CACHE_ENV: str(store)}
    command = [sys.executable, "-W", "error", "-m", "graph", "validate", "--data", str(example_dir)]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(4)]
    results = [(p.communicate(timeout=120)[1], p.returncode) for p in procs]  # every child reaped before any assert
    for err, code in results:
        assert code == 0, err.decode()
    assert len(entries(store)) == 1 and not list(store.glob(".*"))


def test_commands_skip_validation_when_nothing_changed(example_dir, store, checks, capsys):
    assert main(["info", "--data", str(example_dir)]) == 0
    fresh_process()
    assert main(["query", "PRK", "--data", str(example_dir)]) == 0
    fresh_process()
    assert main(["diff", "--from", "2024-01-01", "--to", "2024-12-31", "--data", str(example_dir)]) == 0
    assert checks == [1]
    assert "North Korea" in capsys.readouterr().out


# -- the built graph ----------------------------------------------------------------


@pytest.fixture
def builds(monkeypatch) -> list:
    """Counts the graphs built from tables (not read back from the cache)."""
    from graph import build

    calls = []
    real = build.build_graph
    monkeypatch.setattr(build, "build_graph", lambda ds: calls.append(1) or real(ds))
    return calls


def graph_entries(store: Path) -> list[Path]:
    return sorted(store.glob("*.graph"))


def same_graph(G, H) -> bool:
    return (
        G.graph == H.graph
        and list(G.nodes(data=True)) == list(H.nodes(data=True))
        and list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
        and all(list(G.pred[n]) == list(H.pred[n]) for n in H)
    )


def test_a_second_command_reads_the_built_graph_from_the_cache(example_dir, store, builds, checks):
    first = load_graph(example_dir)
    assert builds == [1] and len(graph_entries(store)) == 1
    fresh_process()
    again = load_graph(example_dir)
    assert builds == [1] and checks == [1]
    assert same_graph(first, again) and same_graph(again, build_graph(load(example_dir)))
    # One dict of keys per pair, shared by both directions, as networkx keeps it.
    assert all(again._succ[u][v] is again._pred[v][u] for u in again for v in again._succ[u])
    again.add_edge("PRK", "RUS", "new")
    assert "new" in again.pred["RUS"]["PRK"]


def test_each_command_gets_a_graph_of_its_own(example_dir, store):
    load_graph(example_dir)
    G = load_graph(example_dir)
    G.remove_node("PRK")
    G.graph["statuses"].clear()
    H = load_graph(example_dir)
    assert "PRK" in H and H.graph["statuses"]


def test_a_new_title_or_a_moved_folder_is_seen(example_dir, store, builds, tmp_path):
    load_graph(example_dir)
    from graph.descriptor import write_descriptor

    write_descriptor(example_dir, title="New map")
    assert load_graph(example_dir).graph["title"] == "New map"
    assert builds == [1, 1]
    moved = shutil.move(example_dir, tmp_path / "moved")
    assert load_graph(moved).graph["data_path"] == str(moved)
    assert builds == [1, 1]


def test_a_change_of_the_building_code_invalidates_the_graph(example_dir, store, builds, monkeypatch):
    files, schema = read_files(example_dir), load_schema()
    key = cache.graph_digest(files, schema)
    monkeypatch.setattr(cache, "_BUILDING_CODE", ("build.py",))
    assert cache.graph_digest(files, schema) != key
    assert cache.graph_digest(files, schema) != cache.digest(files, schema)


def test_invalid_data_is_refused_though_an_older_graph_was_cached(example_dir, store):
    load_graph(example_dir)
    path = example_dir / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"North Korea", b"Russia"))
    with pytest.raises(DataError, match="already the name"):
        load_graph(example_dir)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[:-50] + bytes(b ^ 0xFF for b in data[-50:]), id="flipped-bytes"),
        pytest.param(lambda data: b"\x80\x04\x95 pickle? never", id="pickle"),
    ],
)
def test_a_damaged_graph_is_ignored_with_a_warning_and_rewritten(example_dir, store, builds, damage):
    load_graph(example_dir)
    (entry,) = graph_entries(store)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    with pytest.warns(UserWarning, match="damaged or foreign"):
        G = load_graph(example_dir)
    assert builds == [1, 1] and G.number_of_edges() == 5
    assert entry.read_bytes() == good


def test_a_well_formed_entry_that_is_no_graph_is_ignored(example_dir, store, builds):
    import hashlib
    import marshal

    load_graph(example_dir)
    (entry,) = graph_entries(store)
    key = entry.stem
    for body in (marshal.dumps([1, 2, 3]), marshal.dumps(({}, {}, {}, "succ")), marshal.dumps(compile("1/0", "x", "eval"))):
        entry.write_bytes(cache._GRAPH_MAGIC + key.encode() + hashlib.sha256(body).digest() + body)
        with pytest.warns(UserWarning, match="not a graph"):
            assert load_graph(example_dir).number_of_edges() == 5
    assert len(builds) == 4


def test_a_graph_entry_that_is_a_link_or_someone_elses_is_not_used(example_dir, store, builds, monkeypatch, tmp_path):
    load_graph(example_dir)
    (entry,) = graph_entries(store)
    elsewhere = tmp_path / "elsewhere.graph"
    shutil.move(entry, elsewhere)
    entry.symlink_to(elsewhere)
    with pytest.warns(UserWarning, match="cannot be read"):
        load_graph(example_dir)
    assert builds == [1, 1] and not entry.is_symlink()
    monkeypatch.setattr(cache.os, "geteuid", lambda: os.getuid() + 1)
    with pytest.warns(UserWarning, match="not a folder of yours"):
        load_graph(example_dir)
    assert builds == [1, 1, 1]


def test_no_graph_is_kept_when_the_cache_is_off(example_dir, monkeypatch, tmp_path, builds):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    load_graph(example_dir)
    load_graph(example_dir)
    assert builds == [1, 1]


def test_fewer_graphs_than_tables_are_kept(example_dir, store, monkeypatch):
    monkeypatch.setattr(cache, "KEEP_GRAPHS", 2)
    path = example_dir / "sources.csv"
    original = path.read_bytes()
    for i in range(4):
        path.write_bytes(original + f"extra-{i},A title,,,,\n".encode())
        load_graph(example_dir)
    assert len(graph_entries(store)) == 2 and len(entries(store)) == 4
    assert load_graph(example_dir).graph["sources"]["extra-3"]["title"] == "A title"
