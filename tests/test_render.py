"""The page as HTML: self-contained, escaped, deterministic, and the data it hands the script."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest
from conftest import DATA, XSS, page_payload

from graph.build import load_graph
from graph.io import EXAMPLE_DATA, validate
from graph.render import render_html, show, write_html
from graph.temporal import as_of


@pytest.fixture(scope="module")
def G():
    return load_graph(EXAMPLE_DATA)


@pytest.fixture(scope="module")
def page(G) -> str:
    return render_html(G, title="Example")


payload = page_payload


def attribute_values(page: str, group: str) -> list[str]:
    """The values of the filter boxes of one group (family, type, status, sign)."""
    return re.findall(rf'<input type="checkbox" data-group="{group}" value="([^"]*)"', page)


def test_page_is_a_standalone_utf8_document(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "vis.Network" in page  # the bundle and the page script are inline


@pytest.mark.parametrize(
    "remote", [r"<script[^>]+src=", r"<link\b", r"@import", r"url\(\s*['\"]?https?:", r"cdn\.", r"bootstrap", r"tom-select"]
)
def test_page_loads_nothing_from_elsewhere(page, remote):
    assert not re.search(remote, page, re.I)


def test_same_data_and_cache_give_the_same_bytes(example_dir, tmp_path):
    G = load_graph(example_dir)
    first = write_html(G, tmp_path / "a.html", layout_cache=tmp_path / "layout.json").read_bytes()
    second = write_html(load_graph(example_dir), tmp_path / "b.html", layout_cache=tmp_path / "layout.json").read_bytes()
    assert first == second


def test_write_html_is_utf8_whatever_the_locale(tmp_path):
    """In a process whose locale encoding is ASCII, a writer that trusts the locale would crash on "▶"."""
    script = (
        "import locale, sys; from graph.build import load_graph; from graph.io import EXAMPLE_DATA; "
        "from graph.render import write_html; print(locale.getpreferredencoding(False)); "
        "write_html(load_graph(EXAMPLE_DATA), sys.argv[1])"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "page.html")], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "utf" not in done.stdout.lower()  # the premise: this process's default encoding is not UTF-8
    assert "▶" in (tmp_path / "page.html").read_bytes().decode("utf-8")


def test_a_failed_write_leaves_the_old_page_and_no_temporary_file(G, tmp_path, monkeypatch):
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_html(G, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_nodes_and_edges_match_the_graph(G, page):
    data = payload(page)
    assert [n["id"] for n in data["nodes"]] == sorted(G.nodes)
    assert sorted(e["id"] for e in data["edges"]) == sorted(k for *_, k in G.edges(keys=True))


def test_rendering_does_not_change_the_graph(G):
    before = (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph))
    render_html(G)
    assert before == (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph))


def test_legend_lists_exactly_what_is_present(G, page):
    assert sorted(attribute_values(page, "type")) == sorted({d["type"] for *_, d in G.edges(data=True)})
    assert sorted(attribute_values(page, "status")) == sorted({d["status"] for *_, d in G.edges(data=True)})
    assert sorted(attribute_values(page, "sign")) == sorted({str(d["sign"]) for *_, d in G.edges(data=True)})


def test_legend_drops_types_that_no_relation_uses(G):
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k, t in G.edges(keys=True, data="type") if t == "condemns"])
    assert "condemns" not in attribute_values(render_html(H), "type")


@pytest.mark.parametrize(
    ("relation", "directed", "dashed"),
    [("pact-1", False, [8, 6]), ("pact-2", False, False), ("troops-1", True, [2, 5]), ("condemn-1", True, False)],
)
def test_edge_style_follows_direction_and_status(page, relation, directed, dashed):
    edge = next(e for e in payload(page)["edges"] if e["id"] == relation)
    assert (edge["directed"], edge["dashed"]) == (directed, dashed)


def test_width_grows_with_intensity(page):
    width = {e["id"]: e["width"] for e in payload(page)["edges"]}
    assert width["war-1"] > width["pact-1"] > width["condemn-1"]


def test_width_grows_with_magnitude():
    edges = {e["id"]: e for e in payload(render_html(load_graph(DATA)))["edges"]}
    assert edges["prk-rus-troops-4"]["width"] > edges["prk-rus-troops-2"]["width"] > edges["prk-rus-troops-1"]["width"]
    assert edges["prk-rus-troops-4"]["magnitude"] == 11000


def test_an_event_is_drawn_for_its_horizon_and_a_state_until_its_end(G, page):
    edges = {e["id"]: e for e in payload(page)["edges"]}
    horizon = int(G.graph["relation_types"]["condemns"]["horizon_days"])
    assert edges["condemn-1"]["until"] == (dt.date(2024, 10, 23) + dt.timedelta(days=horizon - 1)).isoformat()
    assert "until" not in edges["war-1"]  # a state with no end lasts
    assert edges["pact-1"]["until"] == edges["pact-1"]["valid_to"] == "2024-12-03"


def test_types_carry_their_family_and_families_their_rank(page):
    data = payload(page)
    assert {t: v["family"] for t, v in data["types"].items()} == {
        "armed_conflict": "armed_conflict",
        "condemns": "verbal_conflict",
        "defense_pact": "agreements",
        "troop_deployment": "military_cooperation",
    }
    assert list(data["families"]) == sorted(data["families"], key=lambda f: data["families"][f]["rank"])
    assert data["types"]["condemns"]["event"] is True and "event" not in data["types"]["defense_pact"]


def test_the_lineage_of_each_row_is_handed_over(page):
    edges = {e["id"]: e for e in payload(page)["edges"]}
    assert edges["pact-2"]["lineage"] == edges["pact-1"]["lineage"] == "pact-1"
    assert edges["pact-1"]["superseded_by"] == "pact-2"


@pytest.mark.parametrize(
    ("start", "end", "first"),
    [("1000-01-01", "2999-12-31", "1000-01-01"), ("2999-12-31", "2999-12-31", "2999-12-31"), ("1000", "1000-01-01", "1000-01-01")],
)
def test_dates_at_the_ends_of_the_calendar_render(example_dir, start, end, first):
    """Issue 10: the first and last days of the model's range (graph.dates.MIN_DATE, MAX_DATE) render, events' horizons past them too."""
    rows = (example_dir / "relations.csv").read_text(encoding="utf-8")
    rows = rows.replace("war-1,RUS,UKR,armed_conflict,confirmed,2022-02-24,,", f"war-1,RUS,UKR,armed_conflict,confirmed,{start},{end},")
    rows = rows.replace("condemn-1,USA,PRK,condemns,confirmed,2024-10-23,,", f"condemn-1,USA,PRK,condemns,confirmed,{end},,")
    (example_dir / "relations.csv").write_text(rows, encoding="utf-8")
    data = payload(render_html(load_graph(example_dir)))
    edges = {e["id"]: e for e in data["edges"]}
    assert (edges["war-1"]["valid_from"], edges["war-1"]["valid_to"]) == (first, end)
    assert data["range"][0] == min(first, "2024-06-19")  # else pact-1 starts first
    assert data["range"][1] <= "9999-12-31" and edges["condemn-1"]["until"] <= "9999-12-31"


def test_the_title_comes_from_the_map_then_the_data(G, tmp_path):
    H = G.copy()
    assert "<title>North Korea, Russia and Ukraine: who does what to whom</title>" in render_html(H)
    H.graph["title"] = "Troops <to> Russia"
    assert "<h1>Troops &lt;to&gt; Russia</h1>" in render_html(H)
    assert "<title>Given</title>" in render_html(H, title="Given")


def test_build_title_option_overrides(example_dir, tmp_path, capsys):
    from graph.cli import main

    out = tmp_path / "map.html"
    assert main(["build", "--data", str(example_dir), "-o", str(out), "--title", "Pyongyang & Moscow", "--no-layout-cache"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert "<title>Pyongyang &amp; Moscow</title>" in out.read_text(encoding="utf-8")
    assert main(["build", "--data", str(example_dir), "-o", str(out), "--no-layout-cache"]) == 0
    assert "<title>North Korea, Russia and Ukraine: who does what to whom</title>" in out.read_text(encoding="utf-8")


def test_story_window_holds_most_changes_in_a_short_span():
    data = payload(render_html(load_graph(DATA)))
    window = data["window"]
    days = [d for e in data["edges"] if not e.get("replaced") for d in (e.get("valid_from"), e.get("valid_to")) if d]
    inside = sum(window[0] <= d <= window[1] for d in days)
    assert inside >= 0.75 * len(days)
    assert window[0] >= "2024-01-01" and window[0] <= data["as_of"] <= window[1]
    assert f"Story window <strong>{window[0]}</strong> to <strong>{window[1]}</strong>" in render_html(load_graph(DATA))


def test_source_addresses_lose_their_tracking_parameters(example_dir):
    sources = example_dir / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("https://example.org/toy", "https://www.example.org/toy?id=3&utm_source=news&fbclid=x"),
        encoding="utf-8",
    )
    page = render_html(load_graph(example_dir))
    assert re.findall(r'href="([^"]*)"', page) == ["https://www.example.org/toy?id=3"]
    assert re.search(r'rel="noopener noreferrer" target="_blank">example.org</a>', page)


def test_actors_and_relations_go_column_by_column(G):
    """One list per field (a field no row has is left out); read back row by row, as page.js does, each row holds its own fields only."""
    page = render_html(G, positions=dict.fromkeys(G.nodes, (1.0, 2.0)))
    raw = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1))
    assert {len(values) for values in raw["edges"].values()} == {G.number_of_edges()}
    assert {len(values) for values in raw["nodes"].values()} == {G.number_of_nodes()}
    assert "notes" not in raw["edges"] and "end" not in raw["edges"] and "description" not in raw["nodes"]  # no row has one
    assert raw["edges"]["valid_to"][0] is None and any(raw["edges"]["valid_to"])  # a row without one among rows with
    rows = payload(page)
    assert list(rows["nodes"][0].items()) == [
        ("id", "PRK"),
        ("label", "North Korea"),
        ("x", 1.0),
        ("y", 2.0),
        ("shape", "dot"),
        ("color", "#4C78A8"),
        ("kind", "state"),
        ("aliases", ["DPRK", "Pyongyang"]),
    ]
    assert list(rows["edges"][0].items()) == [
        ("id", "condemn-1"),
        ("from", "USA"),
        ("to", "PRK"),
        ("directed", True),
        ("dashed", False),
        ("width", 1.6),
        ("type", "condemns"),
        ("status", "confirmed"),
        ("sign", -1),
        ("importance", 2.0),
        ("start", "2024-10-23"),
        ("valid_from", "2024-10-23"),
        ("until", "2025-10-22"),
        ("lineage", "condemn-1"),
        ("confidence", 0.9),
        ("citation", ["toy"]),
        ("evidence", "Condemns the deployment."),
    ]


def test_data_json_cannot_break_out_of_its_script(xss_dir):
    page = render_html(load_graph(xss_dir))
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&") & set(block)
    assert payload(page)["nodes"][0]["label"] == XSS["img"]


@pytest.mark.parametrize("payload_text", XSS.values())
def test_payloads_appear_only_escaped(xss_dir, payload_text):
    page = render_html(load_graph(xss_dir))
    assert payload_text not in page
    assert "<svg onload" not in page and "<img src=x" not in page


def test_source_links_are_escaped_web_addresses(xss_dir):
    page = render_html(load_graph(xss_dir))
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs == ["https://example.org/&#34;&gt;&lt;svg/onload=window.__xss=3&gt;"]


def test_schema_refuses_javascript_urls(example_dir):
    sources = example_dir / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("https://example.org/toy", "javascript:window.__xss=4"), encoding="utf-8"
    )
    assert [(p.column, p.code) for p in validate(example_dir)] == [("url", "bad-value")]


def test_sizes_scale_nodes_and_camps_colour_them(G):
    page = render_html(
        G, sizes={"RUS": 1.0, "PRK": 0.5, "UKR": 0.0}, camps={"RUS": "East", "PRK": "East", "UKR": "West"}, size_label="betweenness"
    )
    nodes = {n["id"]: n for n in payload(page)["nodes"]}
    assert nodes["RUS"]["size"] > nodes["PRK"]["size"] > nodes["UKR"]["size"] == nodes["USA"]["size"]
    assert nodes["RUS"]["color"] == nodes["PRK"]["color"] != nodes["UKR"]["color"] != nodes["USA"]["color"]
    legend = re.search(r'<div id="legend-actors">(.*?)</div>\s*<p class="hint">Size: betweenness', page, re.S).group(1)
    assert [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"</svg>([^<]*)</div>", legend)] == [
        "East",
        "West",
        "No camp",
        "State (shape)",
    ]


def test_an_actor_mapped_to_no_camp_is_drawn_without_one(G):
    nodes = {n["id"]: n for n in payload(render_html(G, camps={"RUS": "East", "PRK": None}))["nodes"]}
    assert nodes["PRK"]["color"] == nodes["USA"]["color"] != nodes["RUS"]["color"]
    assert "camp" not in nodes["PRK"]


@pytest.mark.parametrize(("given", "expected"), [(None, "2024-12-04"), ("2024-06", "2024-06-30"), ("2024-01-01", "2024-01-01")])
def test_the_page_opens_on_a_date(G, given, expected):
    assert payload(render_html(G, as_of=given))["as_of"] == expected


def test_an_as_of_view_opens_on_its_date(G):
    assert payload(render_html(as_of(G, "2024-11-01")))["as_of"] == "2024-11-01"


def test_header_states_range_and_sources(page):
    assert "data from <strong>2022-02-24</strong> to <strong>2024-12-04</strong>" in page
    assert "A made-up source for the examples" in page


def test_show_wraps_the_page_in_an_escaped_srcdoc(G):
    frame = show(G, height=500)._repr_html_()
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "<script" not in frame
    assert "height: 500px" in frame


def test_real_data_renders(tmp_path):
    out = write_html(load_graph(DATA), tmp_path / "map.html")
    assert out.stat().st_size < 1_000_000


def test_build_command_writes_the_page_and_its_layout_cache(run_cli, example_dir, tmp_path):
    out = tmp_path / "site" / "map.html"
    done = run_cli("build", "--data", example_dir, "-o", out, "--as-of", "2024-01-01", "--size-by", "pagerank", "--color-by", "camp")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert payload(out.read_text(encoding="utf-8"))["as_of"] == "2024-01-01"
    assert (tmp_path / "site" / "map.layout.json").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2024-13"], "not a real date"),
        (["-o", "{tmp}/no/such/map.html"], "could not write"),
        (["--layout-cache", "{tmp}/no/such/layout.json"], "could not write"),
    ],
)
def test_build_command_on_bad_input_writes_nothing(run_cli, example_dir, tmp_path, args, message):
    out = tmp_path / "site" / "map.html"
    # A later -o wins over the first.
    done = run_cli("build", "--data", example_dir, "-o", out, *(a.format(tmp=tmp_path) for a in args))
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and message in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_build_command_reports_a_missing_data_folder(run_cli, tmp_path):
    done = run_cli("build", "--data", tmp_path / "nope", "-o", tmp_path / "map.html")
    assert done.returncode == 1
    assert "data folder" in done.stderr and "not found" in done.stderr


def test_a_page_path_that_is_not_a_file_writes_nothing(tmp_path):
    from graph.errors import WriteError

    folder = tmp_path / "already-a-folder.html"
    folder.mkdir()
    with pytest.raises(WriteError, match="not a regular file"):
        write_html(load_graph(EXAMPLE_DATA), folder, layout_cache=tmp_path / "cache.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["already-a-folder.html"]


def test_event_charts_are_images_of_escaped_svg(G):
    import base64

    from graph.eventdata import EXAMPLE_EVENTS, aggregate_events

    frame = aggregate_events([EXAMPLE_EVENTS], EXAMPLE_DATA)
    H = G.copy()
    H.nodes["PRK"]["name"] = "<script>alert(1)</script>"
    data = payload(render_html(H, events=frame))
    assert "PRK\u0000RUS" in data["charts"]
    assert all(a < b and {a, b} <= set(G) for a, b in (k.split("\u0000") for k in data["charts"]))
    url = data["charts"]["PRK\u0000RUS"]
    assert url.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(url.split(",", 1)[1]).decode("utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')  # a standalone image needs its namespace
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "charts" not in payload(render_html(G))  # no event data, no charts


def test_build_events_option(example_dir, tmp_path, capsys):
    from graph.cli import main
    from graph.eventdata import EXAMPLE_EVENTS

    out = tmp_path / "map.html"
    assert main(["events", str(EXAMPLE_EVENTS), "--data", str(example_dir), "--out", str(tmp_path / "ev")]) == 0
    assert main(["build", "--data", str(example_dir), "-o", str(out), "--events", str(tmp_path / "ev"), "--no-layout-cache"]) == 0
    assert "data:image/svg+xml;base64," in out.read_text(encoding="utf-8")
    assert main(["build", "--data", str(example_dir), "-o", str(tmp_path / "other.html"), "--events", str(tmp_path / "none")]) == 1
    assert "no aggregate of events here" in capsys.readouterr().err
    assert not (tmp_path / "other.html").exists()


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_the_written_page_is_the_rendered_page_byte_for_byte(xss_dir, tmp_path, monkeypatch, renderer):
    # write_html streams the data in slices; a slice of one relation makes every edge its own slice here.
    from graph import render

    monkeypatch.setattr(render, "_SLICE", 1)
    G = load_graph(xss_dir)
    out = write_html(G, tmp_path / "map.html", layout_cache=tmp_path / "layout.json", renderer=renderer)
    page = render_html(G, layout_cache=tmp_path / "layout.json", renderer=renderer)
    assert out.read_bytes() == page.encode("utf-8")
    assert page.count('<script type="application/json" id="graph-data">') == 1
    assert len(payload(page)["edges"]) == G.number_of_edges()


def test_a_page_that_fails_half_written_leaves_the_old_file(tmp_path, monkeypatch):
    from graph import render

    G = load_graph(EXAMPLE_DATA)
    path = write_html(G, tmp_path / "map.html", layout_cache=None)
    old = path.read_bytes()

    def failing(value):
        yield "{"
        raise ValueError("Out of range float values are not JSON compliant")  # as json.dumps says of a NaN

    monkeypatch.setattr(render, "_script_json_pieces", failing)
    with pytest.raises(ValueError, match="JSON compliant"):
        write_html(G, path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    assert render._DATA_MARK not in old.decode()
