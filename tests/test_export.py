"""actorgraph export: every format read back, with every actor, relation, attribute and interval."""

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from conftest import DATA, XSS
from lxml import etree

from graph.build import load_graph
from graph.cli import main
from graph.export import FORMATS, GEXF_TITLES, export_tables, render, unescape_cell
from graph.io import EXAMPLE_DATA
from graph.temporal import as_of

GEXF = "{http://gexf.net/1.3}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def G():
    """The project's real map: symmetric and directed relations, partial dates, supersessions, lists."""
    return load_graph(DATA)


def edge_rows(G, *, replaced=True):
    return {d["relation_id"]: d for *_, d in G.edges(data=True) if replaced or not d["replaced"]}


def read_gexf(text: str) -> tuple[dict, dict, dict]:
    """GEXF 1.3 read back with lxml: nodes and edges by id, with typed attvalues; and the declared types."""
    root = etree.fromstring(text.encode())
    assert root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("timerepresentation")) == ("dynamic", "date", "interval")
    declared = {}
    for attributes in graph.findall(f"{GEXF}attributes"):
        for a in attributes.findall(f"{GEXF}attribute"):
            declared[(attributes.get("class"), a.get("id"))] = (a.get("title"), a.get("type"))

    def values(element, cls):
        out = {}
        for v in element.iter(f"{GEXF}attvalue"):
            title, kind = declared[(cls, v.get("for"))]
            out[title] = _typed(v.get("value"), kind)
        return out

    nodes = {n.get("id"): {"label": n.get("label"), **values(n, "node")} for n in graph.iter(f"{GEXF}node")}
    edges = {e.get("id"): {**dict(e.attrib), **values(e, "edge")} for e in graph.iter(f"{GEXF}edge")}
    return nodes, edges, declared


def _typed(value: str, kind: str):
    if kind == "double":
        return float(value)
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        return {"true": True, "false": False}[value]
    if kind == "liststring":
        inner = value[1:-1]
        return [json.loads(item) if item.startswith('"') else item for item in inner.split(", ")] if inner else []
    return value


# -- every format, from the command line ----------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_writes_and_prints_its_files(tmp_path, capsys, fmt):
    out = tmp_path / "sub" / f"map{FORMATS[fmt]}"
    assert main(["export", "--data", str(EXAMPLE_DATA), "--to", fmt, "-o", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    if fmt == "csv":
        assert printed == [str(tmp_path / "sub" / "map-nodes.csv"), str(tmp_path / "sub" / "map-edges.csv")]
    else:
        assert printed == [str(out)]
    assert all(Path(p).stat().st_size > 100 for p in printed)


def test_export_default_path(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--data", str(EXAMPLE_DATA), "--to", "gexf"]) == 0
    assert capsys.readouterr().out.strip() == str(Path("build") / "actorgraph.gexf")


def test_export_refuses_a_folder_as_file(tmp_path, capsys):
    (tmp_path / "x.gexf").mkdir()
    assert main(["export", "--data", str(EXAMPLE_DATA), "--to", "gexf", "-o", str(tmp_path / "x.gexf")]) == 1
    err = capsys.readouterr().err
    assert "it is not a regular file" in err and "Traceback" not in err


def test_export_of_invalid_data_writes_nothing(tmp_path, capsys):
    folder = Path(tmp_path / "data")
    folder.mkdir()
    assert main(["export", "--data", str(folder), "--to", "graphml", "-o", str(tmp_path / "x.graphml")]) == 1
    assert "file not found" in capsys.readouterr().err
    assert not (tmp_path / "x.graphml").exists()


def test_export_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--to", "dot"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'dot'" in capsys.readouterr().err


# -- GEXF 1.3 -------------------------------------------------------------------------


def test_gexf_has_every_actor_relation_attribute_and_interval(G):
    nodes, edges, declared = read_gexf(render(G, "gexf")[""])
    assert set(nodes) == set(G.nodes)
    for actor, d in G.nodes(data=True):
        assert nodes[actor]["label"] == d["name"]
        assert nodes[actor].get("aliases", []) == d["aliases"]
        assert nodes[actor]["kind"] == d["kind"]
    expected = edge_rows(G, replaced=False)
    assert set(edges) == set(expected)
    for rid, d in expected.items():
        e = edges[rid]
        assert (e["source"], e["target"], e["kind"]) == (d["source"], d["target"], d["type"])
        assert (e.get("start"), e.get("end")) == (d["valid_from"], d["valid_to"])  # partial dates resolved to days
        assert e.get(GEXF_TITLES["start"]) == d["start"] and e.get(GEXF_TITLES["end"]) == d["end"]
        assert e.get("type", "directed") == ("directed" if d["directed"] else "undirected")
        assert float(e["weight"]) == d["confidence"]
        assert e["citation"] == d["citation"]
        assert e["sign"] == d["sign"] and e["signed_weight"] == d["weight"]
        assert e.get("magnitude") == d["magnitude"] and e["evidence"] == d["evidence"]
    assert declared[("edge", "confidence")] == ("confidence", "double")
    assert declared[("edge", "sign")] == ("sign", "integer")
    assert declared[("edge", "directed")] == ("directed", "boolean")
    assert declared[("node", "aliases")] == ("aliases", "liststring")


def test_gexf_leaves_out_only_rows_a_correction_replaced(G):
    replaced = {rid for rid, d in edge_rows(G).items() if d["replaced"]}
    _, edges, _ = read_gexf(render(G, "gexf")[""])
    assert set(edges) | replaced == set(edge_rows(G))
    assert not set(edges) & replaced


def test_gexf_timeline_covers_partial_dates(tmp_path):
    """A relation that starts "2024-06" and ends "2025" holds from 1 June 2024 to 31 December 2025 in Gephi."""
    from graph.newmap import new_map

    folder = new_map(tmp_path / "m")
    assert main(["add-actor", "AAA", "--name", "A", "--kind", "state", "--data", str(folder)]) == 0
    assert main(["add-actor", "BBB", "--name", "B", "--kind", "state", "--data", str(folder)]) == 0
    assert main(["add-source", "s-1", "--title", "S", "--data", str(folder)]) == 0
    args = ["add-relation", "A", "B", "sanctions", "--status", "confirmed", "--confidence", "1", "--citation", "s-1", "--evidence", "e"]
    assert main([*args, "--start", "2024-06", "--id", "a-b-1", "--data", str(folder)]) == 0
    assert main(["end-relation", "a-b-1", "--date", "2025", "--data", str(folder)]) == 0
    _, edges, _ = read_gexf(render(load_graph(folder), "gexf")[""])
    assert [(e["start"], e["end"]) for e in edges.values() if e["start_as_written"] == "2024-06"] == [("2024-06-01", "2025-12-31")]


# -- GraphML ----------------------------------------------------------------------


def test_graphml_reads_back_with_networkx(G, tmp_path):
    path = tmp_path / "map.graphml"
    path.write_text(render(G, "graphml")[""], encoding="utf-8")
    H = nx.read_graphml(path, force_multigraph=True)
    assert set(H.nodes) == set(G.nodes)
    assert H.nodes["PRK"]["aliases"] == "|".join(G.nodes["PRK"]["aliases"])
    rows = edge_rows(G)
    assert {k for *_, k in H.edges(keys=True)} == set(rows)
    for u, v, k, d in H.edges(keys=True, data=True):
        want = rows[k]
        assert (u, v) == (want["source"], want["target"])
        assert d["confidence"] == want["confidence"] and d["directed"] is want["directed"] and d["sign"] == want["sign"]
        assert d.get("start") == want["start"] and d.get("valid_to") == want["valid_to"]
        assert d["citation"] == "|".join(want["citation"])
    root = etree.parse(str(path)).getroot()
    types = {k.get("attr.name"): k.get("attr.type") for k in root.iter(f"{GRAPHML}key") if k.get("for") == "edge"}
    assert types["confidence"] == "double" and types["directed"] == "boolean" and types["evidence"] == "string"
    assert {k for *_, k, d in H.edges(keys=True, data=True) if not d["directed"]} == {k for k, d in rows.items() if not d["directed"]}


# -- JSON formats -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["nodelink", "cytoscape"])
def test_json_formats_read_back_with_networkx(G, fmt):
    data = json.loads(render(G, fmt)[""])
    H = nx.node_link_graph(data, edges="edges") if fmt == "nodelink" else nx.cytoscape_graph(data)
    tables = export_tables(G)
    assert H.is_multigraph() and H.is_directed()
    assert {n: {k: d[k] for k in tables.node_types} for n, d in H.nodes(data=True)} == {r["actor_id"]: r for r in tables.nodes}
    ends = {"source", "target"}  # node_link_graph keeps the ends as the edge's nodes only
    edges = {
        k: {"source": u, "target": v, **{c: d[c] for c in tables.edge_types if c not in ends}}
        for u, v, k, d in H.edges(keys=True, data=True)
    }
    assert edges == {r["relation_id"]: r for r in tables.edges}
    if fmt == "cytoscape":
        ids = [e["data"]["id"] for e in data["elements"]["nodes"] + data["elements"]["edges"]]
        assert len(ids) == len(set(ids))  # Cytoscape.js needs unique element ids


def test_kumu_blueprint(G):
    data = json.loads(render(G, "kumu")[""])
    assert {e["label"] for e in data["elements"]} == {d["name"] for _, d in G.nodes(data=True)}
    assert {e["actor id"] for e in data["elements"]} == set(G.nodes)
    names = {d["name"] for _, d in G.nodes(data=True)}
    rows = edge_rows(G)
    assert {c["relation_id"] for c in data["connections"]} == set(rows)
    for c in data["connections"]:
        d = rows[c["relation_id"]]
        assert c["from"] in names and c["to"] in names
        assert c["from"] == G.nodes[d["source"]]["name"]
        assert c["direction"] == ("directed" if d["directed"] else "undirected")
        assert c["description"] == d["evidence"]


def test_title_travels(example_dir):
    assert main(["descriptor", "--data", str(example_dir), "--title", "Tiny & <Korea>"]) == 0
    G = load_graph(example_dir)
    assert json.loads(render(G, "nodelink")[""])["graph"]["title"] == "Tiny & <Korea>"
    root = etree.fromstring(render(G, "gexf")[""].encode())
    assert root.find(f"{GEXF}meta/{GEXF}description").text == "Tiny & <Korea>"


# -- --as-of --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["nodelink", "gexf"])
def test_as_of_keeps_the_relations_in_effect_that_day(G, tmp_path, capsys, fmt):
    out = tmp_path / f"x.{fmt}"
    assert main(["export", "--data", str(DATA), "--to", fmt, "--as-of", "2024-08-01", "-o", str(out)]) == 0
    expected = {k for *_, k in as_of(G, "2024-08-01").edges(keys=True)}
    assert 0 < len(expected) < G.number_of_edges()
    text = out.read_text(encoding="utf-8")
    got = {e["relation_id"] for e in json.loads(text)["edges"]} if fmt == "nodelink" else set(read_gexf(text)[1])
    assert got == expected
    capsys.readouterr()


# -- escaping -------------------------------------------------------------------------


def test_script_payloads_come_back_as_text(xss_dir):
    G = load_graph(xss_dir)
    nodes, edges, _ = read_gexf(render(G, "gexf")[""])
    assert nodes["PRK"]["label"] == XSS["img"] and nodes["RUS"]["label"] == XSS["script"]
    assert all(e["evidence"] == " ".join(XSS.values()) for e in edges.values())
    graphml = render(G, "graphml")[""]
    assert XSS["script"] not in graphml  # escaped, not raw
    H = nx.parse_graphml(graphml, force_multigraph=True)
    assert H.nodes["USA"]["name"] == XSS["svg"]
    kumu = json.loads(render(G, "kumu")[""])
    assert {e["label"] for e in kumu["elements"]} >= set(XSS.values())


def _rename(folder: Path, actor: str, name: str) -> None:
    path = folder / "actors.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["actor_id"] == actor:
            row["name"] = name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_control_characters_do_not_break_xml(example_dir):
    # Validation refuses control characters in the data; a graph built in Python may still hold them.
    G = load_graph(example_dir)
    G.nodes["PRK"]["description"] = "North\x01Korea\x0bDPR"
    nodes, _, _ = read_gexf(render(G, "gexf")[""])
    assert nodes["PRK"]["description"] == "North\ufffdKorea\ufffdDPR"
    assert nx.parse_graphml(render(G, "graphml")[""], force_multigraph=True).nodes["PRK"]["description"] == "North\ufffdKorea\ufffdDPR"
    descriptions = {n["id"]: n["description"] for n in json.loads(render(G, "nodelink")[""])["nodes"]}
    assert descriptions["PRK"] == "North\x01Korea\x0bDPR"  # JSON holds it, escaped


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "'=already quoted"])
def test_csv_guards_formula_cells_and_import_reverses_it(example_dir, tmp_path, name):
    _rename(example_dir, "PRK", name)
    nodes = render(load_graph(example_dir), "csv")["-nodes.csv"]
    row = next(r for r in csv.DictReader(nodes.splitlines()) if r["Id"] == "PRK")
    assert row["Label"].startswith("'") and unescape_cell(row["Label"]) == name


def test_csv_numbers_are_not_guarded(G):
    edges = list(csv.DictReader(render(G, "csv")["-edges.csv"].splitlines()))
    assert any(r["signed_weight"].startswith("-") for r in edges)  # negative numbers stay numbers


def test_csv_pair_round_trips_through_import(tmp_path, capsys):
    """Export the real map as a CSV pair, import it as a new map: the same actors and relations, byte for byte per row."""
    assert main(["export", "--data", str(DATA), "--to", "csv", "-o", str(tmp_path / "out")]) == 0
    args = [str(tmp_path / "out-nodes.csv"), str(tmp_path / "out-edges.csv"), str(tmp_path / "copy")]
    assert main(["import", *args, "--sources", str(DATA / "sources.csv"), "--title", "Copy"]) == 0
    capsys.readouterr()
    for name in ("actors.csv", "relations.csv"):
        original = (DATA / name).read_text(encoding="utf-8").splitlines()
        copy = (tmp_path / "copy" / name).read_text(encoding="utf-8").splitlines()
        assert copy[0] == original[0] and sorted(copy[1:]) == sorted(original[1:])


# -- our subset grammars of GEXF 1.3 and GraphML ---------------------------------------
# Hand-written from the specs (see the header of each file): the published schemas are not shipped.

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def gexf_schema():
    return etree.RelaxNG(etree.parse(str(FIXTURES / "gexf-1.3-subset.rng")))


@pytest.fixture(scope="module")
def graphml_schema():
    return etree.XMLSchema(etree.parse(str(FIXTURES / "graphml-subset.xsd")))


@pytest.fixture(params=["real", "example", "empty", "xss"])
def any_map(request, G, tmp_path, xss_dir):
    """The real data/, the example, an empty map and the dataset of script payloads."""
    from graph.newmap import new_map

    return {
        "real": lambda: G,
        "example": lambda: load_graph(EXAMPLE_DATA),
        "empty": lambda: load_graph(new_map(tmp_path / "e")),
        "xss": lambda: load_graph(xss_dir),
    }[request.param]()


def test_gexf_is_valid_against_our_gexf_1_3_subset_grammar(gexf_schema, any_map):
    doc = etree.fromstring(render(any_map, "gexf")[""].encode())
    assert gexf_schema.validate(doc), gexf_schema.error_log


def test_graphml_is_valid_against_our_graphml_subset_schema(graphml_schema, any_map):
    doc = etree.fromstring(render(any_map, "graphml")[""].encode())
    assert graphml_schema.validate(doc), graphml_schema.error_log


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('timeformat="date"', 'timeformat="year"'),
        ('type="liststring"', 'type="list"'),
        ('type="undirected"', 'type="both"'),
        ("<nodes ", "<clusters /><nodes "),
    ],
)
def test_the_gexf_grammar_refuses_what_is_not_gexf_1_3(gexf_schema, G, old, new):
    """The check can fail: an enumeration value GEXF does not know, or an element it does not have, is refused."""
    text = render(G, "gexf")[""]
    line = text[: text.index(old)].count("\n") + 1
    assert not gexf_schema.validate(etree.fromstring(text.replace(old, new, 1).encode()))
    assert [e.line for e in gexf_schema.error_log] == [line]  # refused there, and only there


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('attr.type="double"', 'attr.type="number"', "attr.type"),
        ('edgedefault="directed"', 'edgedefault="mixed"', "edgedefault"),
        ("<node ", "<hypernode /><node ", "hypernode"),
        ('<data key="', '<data key="nokey', "data-key"),
        (' target="', ' target="nowhere-', "edge-target"),
    ],
)
def test_the_graphml_schema_refuses_what_is_not_our_graphml(graphml_schema, G, old, new, message):
    """The check can fail: a wrong enumeration value, an unknown element, an undeclared key or node is refused."""
    text = render(G, "graphml")[""]
    assert old in text
    assert not graphml_schema.validate(etree.fromstring(text.replace(old, new, 1).encode()))
    assert message in str(graphml_schema.error_log)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2024-13"], '"2024-13" is not a real date'),
        (["--as-of", "soon"], '"soon" is not a date'),
        (["-o", "{tmp}/no/such/folder/x.gexf"], "could not write"),
    ],
)
def test_bad_export_requests_get_a_message(tmp_path, capsys, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["export", "--data", str(EXAMPLE_DATA), "--to", "gexf", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "no").exists()
