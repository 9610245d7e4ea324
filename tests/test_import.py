"""actorgraph import: a nodes and edges CSV pair (Kumu, Gephi) into a new map, or nothing."""

import datetime as dt
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph._text import bad_character
from graph.build import load_graph
from graph.cli import main
from graph.errors import DataError
from graph.export import _escape_cell, render, unescape_cell
from graph.importer import import_map
from graph.schema import load_schema

KUMU_NODES = """Label,Type,Description,Tags
North Korea,State,"Pyongyang's state, ""the DPRK"", north",asia
Russia,state,Moscow,europe
"Ukraine, the state",STATE,Kyiv,
"""
KUMU_EDGES = """From,To,Type,Direction,Description
North Korea,Russia,troop DEPLOYMENT,directed,Thousands of soldiers were sent.
Russia,"Ukraine, the state",armed_conflict,undirected,Russia's war against Ukraine.
"""
DEFAULTS = ["--default", "status=reported", "--default", "confidence=0.6"]


def write_pair(tmp_path: Path, nodes: str | bytes, edges: str | bytes) -> tuple[Path, Path]:
    paths = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    for path, content in zip(paths, (nodes, edges), strict=True):
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return paths


def run_import(tmp_path, nodes, edges, *extra) -> tuple[int, Path]:
    n, e = write_pair(tmp_path, nodes, edges)
    folder = tmp_path / "map"
    return main(["import", str(n), str(e), str(folder), *extra]), folder


def test_kumu_pair_becomes_a_valid_map(tmp_path, capsys):
    code, folder = run_import(tmp_path, KUMU_NODES, KUMU_EDGES, *DEFAULTS, "--title", "From Kumu")
    out = capsys.readouterr().out
    assert code == 0, capsys.readouterr().err
    assert out.startswith(f"{folder}: imported 3 actors and 2 relations")
    assert "columns of nodes not imported: Tags" in out and "Direction" in out
    assert main(["validate", "--data", str(folder)]) == 0
    G = load_graph(folder)
    assert G.graph["title"] == "From Kumu"
    assert sorted(G.nodes) == ["NORTH_KOREA", "RUSSIA", "UKRAINE_THE_STATE"]  # ids made from labels
    assert G.nodes["NORTH_KOREA"]["description"] == 'Pyongyang\'s state, "the DPRK", north'
    assert {d["kind"] for _, d in G.nodes(data=True)} == {"state"}  # by label, any case
    rows = {d["type"]: d for *_, d in G.edges(data=True)}
    assert rows["troop_deployment"]["source"] == "NORTH_KOREA"  # by label, any case
    assert rows["troop_deployment"]["evidence"] == "Thousands of soldiers were sent."
    assert rows["armed_conflict"]["target"] == "UKRAINE_THE_STATE"
    source = next(iter(G.graph["sources"].values()))
    assert source["title"] == "Imported from nodes.csv and edges.csv"
    assert all(d["citation"] == [source["source_id"]] and d["status"] == "reported" for *_, d in G.edges(data=True))


def test_mapping_names_the_columns(tmp_path, capsys):
    nodes = "Id,Label,Category\nA1,Alpha,state\nB2,Beta,state\n"
    edges = "Source,Target,Type,Relation,Sure,Why\nA1,B2,Directed,sanctions,0.9,Alpha sanctioned Beta.\n"
    args = ["--map", "kind=Category", "--map", "type=Relation", "--map", "confidence=Sure", "--map", "evidence=Why"]
    code, folder = run_import(tmp_path, nodes, edges, *args, "--default", "status=confirmed")
    assert code == 0, capsys.readouterr().err
    G = load_graph(folder)
    assert sorted(G.nodes) == ["A1", "B2"]
    (d,) = [d for *_, d in G.edges(data=True)]
    assert (d["type"], d["confidence"], d["status"]) == ("sanctions", 0.9, "confirmed")


def test_every_unmappable_value_is_reported_and_nothing_written(tmp_path, capsys):
    nodes = "Label,Type\nAlpha,state\nBeta,planet\n"
    edges = "From,To,Type,Description\nAlpha,Gamma,sanctions,x\nAlpha,Beta,hugs,y\nAlpha,Beta,sanctions,\n"
    code, folder = run_import(tmp_path, nodes, edges, *DEFAULTS)
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    assert any(line.startswith(f'{n}:3: Type: unknown kind "planet"') and "state" in line for line in err)
    assert any(line.startswith(f'{e}:2: To: unknown target "Gamma"') for line in err)
    assert any(line.startswith(f'{e}:3: Type: unknown type "hugs"') and "sanctions" in line for line in err)
    assert any(line.startswith(f"{e}:4: Description: evidence is required") for line in err)
    assert err[-1] == "4 problems found; nothing was changed."
    assert sorted(os.listdir(tmp_path)) == ["edges.csv", "nodes.csv"] and not folder.exists()


def test_a_field_no_column_maps_to_says_how_to_map_it(tmp_path, capsys):
    code, _ = run_import(tmp_path, KUMU_NODES, KUMU_EDGES)  # no status, no confidence
    err = capsys.readouterr().err
    assert code == 1
    assert "status (no column maps to it: pass --map status=COLUMN or --default status=VALUE)" in err
    assert "confidence (no column maps to it" in err


def test_line_numbers_follow_multiline_cells(tmp_path, capsys):
    nodes = 'Label,Type,Description\nAlpha,state,"two\nlines"\nBeta,state,x\n'
    edges = 'From,To,Type,Description\nAlpha,Beta,sanctions,"a\nb\nc"\nAlpha,Beta,nonsense,y\n'
    code, _ = run_import(tmp_path, nodes, edges, *DEFAULTS)
    assert code == 1
    assert f'{tmp_path / "edges.csv"}:5: Type: unknown type "nonsense"' in capsys.readouterr().err


def test_import_refuses_a_non_empty_folder(tmp_path, capsys):
    n, e = write_pair(tmp_path, KUMU_NODES, KUMU_EDGES)
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    assert main(["import", str(n), str(e), str(folder), *DEFAULTS]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert os.listdir(folder) == ["keep.txt"]


def test_csv_formula_guard_is_undone(tmp_path, capsys):
    nodes = "Label,Type\n'=Alpha,state\nBeta,state\n"
    edges = "From,To,Type,Description\n'=Alpha,Beta,sanctions,'+they said\n"
    code, folder = run_import(tmp_path, nodes, edges, *DEFAULTS)
    assert code == 0, capsys.readouterr().err
    G = load_graph(folder)
    assert {d["name"] for _, d in G.nodes(data=True)} == {"=Alpha", "Beta"}
    assert [d["evidence"] for *_, d in G.edges(data=True)] == ["+they said"]


def test_import_map_in_python_is_dated(tmp_path):
    n, e = write_pair(tmp_path, KUMU_NODES, KUMU_EDGES)
    result = import_map(n, e, tmp_path / "m", defaults={"status": "potential", "confidence": "0.3"}, today=dt.date(2025, 1, 2), title="T")
    assert (result.actors, result.relations) == (3, 2)
    G = load_graph(result.folder)
    assert {d["recorded"] for *_, d in G.edges(data=True)} == {"2025-01-02"}
    assert list(G.graph["sources"]) == ["import-2025-01-02"]


# -- hostile input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nodes", "edges", "expected"),
    [
        (b"", KUMU_EDGES, "nodes.csv:1: the file is empty"),
        (b"\n\n", KUMU_EDGES, "nodes.csv:1: the file is empty"),
        (b"Label,Type\n\xff\xfeAlpha,state\n", KUMU_EDGES, "nodes.csv:2: bytes b'\\xff' are not UTF-8"),
        (KUMU_NODES, b"From,To\x00,Type\nA,B,c\n", "target (no column maps to it"),
        (KUMU_NODES, "From,To,Type,Description\nNorth Korea,Russia,sanctions,x,extra\n", "edges.csv:2: row has 5 fields"),
        (
            KUMU_NODES,
            'From,To,Type,Description\nNorth Korea,Russia,sanctions,"never closed\n',
            "edges.csv:2: not readable as CSV: unexpected end of data",
        ),
        ("Label,Type\n" + "A" * 200_000 + ",state\n", KUMU_EDGES, "nodes.csv:2: not readable as CSV: field larger than field limit"),
        (KUMU_NODES.replace("North Korea,State", "<script>alert(1)</script>,State"), KUMU_EDGES, "unknown source"),
    ],
    ids=["empty", "blank", "not-utf8", "nul-byte", "extra-cell", "unclosed-quote", "huge-cell", "script-label"],
)
def test_hostile_files_get_a_message_not_a_traceback(tmp_path, capsys, nodes, edges, expected):
    code, folder = run_import(tmp_path, nodes, edges, *DEFAULTS)
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err and "Traceback" not in err
    assert not folder.exists()


def test_missing_input_file(tmp_path, capsys):
    assert main(["import", str(tmp_path / "no.csv"), str(tmp_path / "no2.csv"), str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'no.csv'}: cannot read the file" in err and f"{tmp_path / 'no2.csv'}: cannot read" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "colour=Type"], 'unknown field "colour"'),
        (["--default", "weight=3"], 'unknown field "weight"'),
        (["--map", "kind=Category"], '--map kind=Category: no column "Category" in nodes.csv'),
    ],
)
def test_bad_mappings_are_reported(tmp_path, capsys, args, message):
    code, _ = run_import(tmp_path, KUMU_NODES, KUMU_EDGES, *DEFAULTS, *args)
    assert code == 1
    assert message in capsys.readouterr().err


def test_malformed_mapping_is_a_usage_error(tmp_path, capsys):
    n, e = write_pair(tmp_path, KUMU_NODES, KUMU_EDGES)
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(n), str(e), str(tmp_path / "m"), "--map", "kind"])
    assert exit_info.value.code == 2
    assert "--map 'kind': write FIELD=VALUE" in capsys.readouterr().err


def test_import_raises_data_error_in_python(tmp_path):
    n, e = write_pair(tmp_path, "Label,Type\nA,state\n", "From,To,Type\nA,Z,sanctions\n")
    with pytest.raises(DataError) as info:
        import_map(n, e, tmp_path / "m", defaults={"status": "reported", "confidence": "1", "evidence": "x"})
    assert [(p.file, p.line, p.column, p.value, p.code) for p in info.value.problems] == [(str(e), 2, "To", "Z", "unknown-reference")]


# -- properties: whatever the text, the CSV pair reads back as written -----------------

# What validation accepts: no invisible or reordering characters (graph._text), names in NFC.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s == s.strip() and bad_character(s, name=True) is None and unicodedata.normalize("NFC", s) == s
)


@given(st.text())
def test_formula_guard_round_trips(text):
    escaped = _escape_cell(text)
    assert unescape_cell(escaped) == text
    assert escaped[:1] not in ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(TEXT, min_size=2, max_size=4, unique_by=str.casefold),
    evidence=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), min_size=1, max_size=60).filter(
        lambda s: s == s.strip() and bad_character(s) is None
    ),
)
def test_any_names_and_evidence_survive_export_and_import(names, evidence):
    import csv
    import io
    import tempfile

    from graph.newmap import new_map

    with tempfile.TemporaryDirectory() as tmp:
        folder = new_map(Path(tmp) / "m")
        actors = io.StringIO()
        writer = csv.writer(actors, lineterminator="\n")
        writer.writerow(["actor_id", "name", "kind", "aliases", "description"])
        writer.writerows([f"A{i}", name, "state", "", name] for i, name in enumerate(names))
        (folder / "actors.csv").write_text(actors.getvalue(), encoding="utf-8")
        (folder / "sources.csv").write_text("source_id,title,publisher,date,url,notes\ns-1,Source,,,,\n", encoding="utf-8")
        relations = io.StringIO()
        writer = csv.DictWriter(relations, fieldnames=load_schema()["relations"].columns, lineterminator="\n", restval="")
        writer.writeheader()
        row = {"source": "A0", "target": "A1", "type": "condemns", "status": "confirmed", "start": "2024-06", "confidence": "0.5"}
        writer.writerow({"relation_id": "r-1", **row, "citation": "s-1", "evidence": evidence, "recorded": "2024-07-01"})
        (folder / "relations.csv").write_text(relations.getvalue(), encoding="utf-8")
        G = load_graph(folder)
        texts = render(G, "csv")
        for suffix, text in texts.items():
            (Path(tmp) / f"out{suffix}").write_text(text, encoding="utf-8")
        result = import_map(Path(tmp) / "out-nodes.csv", Path(tmp) / "out-edges.csv", Path(tmp) / "copy", sources=folder / "sources.csv")
        H = load_graph(result.folder)
        assert {n: d["name"] for n, d in H.nodes(data=True)} == {n: d["name"] for n, d in G.nodes(data=True)}
        assert {n: d["description"] for n, d in H.nodes(data=True)} == {n: d["description"] for n, d in G.nodes(data=True)}
        assert [d["evidence"] for *_, d in H.edges(data=True)] == [evidence]
