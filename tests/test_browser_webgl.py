"""The page's WebGL view (sigma.js, for large maps) in a real headless Chromium, forced here on the article's map.

How the page is driven, offline, and what every test checks: tests/browsing.py.
"""

from __future__ import annotations

import base64
import json
import random
import sys
from pathlib import Path

import pytest
from browsing import LAPTOP, expected_on, gl_point, shown
from conftest import ROOT, XSS, page_payload

from graph.build import load_graph
from graph.render import SIGNS, write_html


def test_webgl_view_loads_offline_and_draws_once(gl_tab):
    tab = gl_tab
    tab.settle()
    assert tab.js("[actorgraph.renderer, typeof vis, typeof sigmaBundle]") == ["webgl", "undefined", "object"]
    assert tab.js("actorgraph.draws()") == 1
    assert tab.js("actorgraph.firstDraw()") > 0
    assert tab.page.locator("#map canvas").count() >= 2
    assert tab.page.is_visible("#renderer-note")
    assert tab.page.locator("#relax").count() == 0
    drawn = set(tab.js("actorgraph.drawn()"))
    assert drawn and drawn <= set(tab.js("actorgraph.graph.edges()"))
    # The names are on their canvas after that one draw (setting up the view must not wipe them).
    inked = "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; return d.some((v, i) => i % 4 === 3 && v); }"
    assert tab.js(f"({inked})(actorgraph.sigma.getCanvases().labels)")


@pytest.mark.parametrize(("day", "drawn"), [("2024-01-01", False), ("2024-12-31", True)])
def test_webgl_set_date(gl_tab, payload, day, drawn):
    gl_tab.js("d => actorgraph.setDate(d)", day)
    gl_tab.settle()
    story = {e["id"]: e["type"] for e in payload["edges"] if {e["from"], e["to"]} == {"PRK", "RUS"}}
    types = {story[i] for i in shown(gl_tab) if i in story}
    assert ("troop_deployment" in types, "defense_pact" in types) == (drawn, drawn)
    assert set(shown(gl_tab)) == expected_on(payload, day)
    # No line of another date is left drawn (bundles, whose ids start with NUL, stand for shown relations).
    assert {i for i in gl_tab.js("actorgraph.drawn()") if not i.startswith("\u0000")} <= set(shown(gl_tab))


def test_webgl_filters_colours_search_and_selection(gl_tab, payload):
    tab = gl_tab
    tab.js("actorgraph.setFilter('family', 'verbal_conflict', false)")
    tab.settle()
    assert "verbal_conflict" not in {tab.js("id => actorgraph.relation(id).family", i) for i in shown(tab)}
    tab.js("actorgraph.setFilter('family', 'verbal_conflict', true)")
    edges = {e["id"]: e for e in payload["edges"]}
    # A confirmed state (solid, unfaded): its colour is the sign's own.
    solid = [
        i
        for i in tab.js("actorgraph.drawn()")
        if i in edges and edges[i]["status"] == "confirmed" and not payload["types"][edges[i]["type"]].get("event")
    ]
    line = solid[0]
    sign = str(edges[line]["sign"])
    tab.js("actorgraph.setColorMode('sign')")
    tab.settle()
    r, g, b = (int(SIGNS[sign]["color"][i : i + 2], 16) for i in (1, 3, 5))
    assert tab.js("id => actorgraph.look(id).color", line) == f"rgba({r},{g},{b},1)"
    assert set(tab.js("actorgraph.search('korea')")) == {"KOR", "PRK"}
    tab.js("actorgraph.selectActor('RUS')")
    tab.settle()
    assert tab.page.text_content("#panel-title") == "Russia"
    tab.js("actorgraph.selectRelation('prk-rus-troops-4')")
    tab.settle()
    assert tab.page.text_content("#panel-title") == "North Korea sends troops to Russia"
    assert tab.js("actorgraph.look('prk-rus-troops-4').label") == "11,000 troops"
    tab.js("actorgraph.selectActor(null)")
    assert tab.page.is_hidden("#panel")


def test_webgl_click_selects_and_the_actor_stays_in_view(gl_tab):
    tab = gl_tab
    tab.page.mouse.click(*gl_point(tab, "PRK"))
    tab.settle()
    assert tab.js("actorgraph.state.actor") == "PRK"
    box = tab.page.locator("#map").bounding_box()
    panel = tab.page.locator("#panel").bounding_box()
    x, y = gl_point(tab, "PRK")
    assert box["x"] <= x <= min(box["x"] + box["width"], panel["x"])
    assert box["y"] <= y <= box["y"] + box["height"]
    tab.page.keyboard.press("Escape")
    assert tab.page.is_hidden("#panel")
    # A line: the middle of its curve (a quadratic curve bent by len x curvature), on one side or the other.
    line = tab.js(
        "[...actorgraph.graph.edges('RUS', 'UKR'), ...actorgraph.graph.edges('UKR', 'RUS')].find(id => !actorgraph.look(id).hidden)"
    )
    ends = tab.js("id => [actorgraph.graph.source(id), actorgraph.graph.target(id)]", line)
    (ax, ay), (bx, by) = gl_point(tab, ends[0]), gl_point(tab, ends[1])
    bend = tab.js("id => actorgraph.look(id).curvature || 0", line) / 2
    points = [
        ((ax + bx) / 2 + side * (by - ay) * bend + dx, (ay + by) / 2 - side * (bx - ax) * bend) for side in (1, -1) for dx in range(-8, 9)
    ]
    for x, y in points:
        tab.page.mouse.move(x, y)
        if tab.page.is_visible("#tooltip"):  # the pointer is on the line: its tooltip shows
            tab.page.mouse.click(x, y)
            tab.settle()
            break
    assert tab.js("actorgraph.state.relation") == line
    assert tab.page.is_visible("#panel dl.facts")


def test_webgl_export_downloads_a_png(gl_tab, tmp_path):
    with gl_tab.page.expect_download() as download:
        gl_tab.page.click("#export")
    out = tmp_path / download.value.suggested_filename
    download.value.save_as(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_webgl_url_state_and_keyboard(open_tab, webgl_page):
    tab = open_tab(webgl_page, LAPTOP, "#date=2024-11-05&actor=RUS&colour=sign")
    assert tab.js("[actorgraph.state.date, actorgraph.state.actor, actorgraph.state.colorMode]") == ["2024-11-05", "RUS", "sign"]
    tab.js("actorgraph.selectActor(null)")
    tab.page.focus("#map")
    before = tab.js("actorgraph.sigma.getCamera().getState()")
    tab.page.keyboard.press("ArrowRight")
    tab.page.keyboard.press("+")
    after = tab.js("actorgraph.sigma.getCamera().getState()")
    assert after["x"] > before["x"]
    assert after["ratio"] < before["ratio"]
    assert tab.blocked == []
    assert tab.errors == []


def test_webgl_keyboard_zooms_about_the_middle_one_sees(gl_tab):
    """With the panel open the drawing runs on under it: + zooms about the middle of the visible map."""
    tab = gl_tab
    tab.js("actorgraph.selectActor('RUS')")
    tab.settle()
    middle = "() => ({ x: document.getElementById('map').clientWidth / 2, y: document.getElementById('map').clientHeight / 2 })"
    point = tab.js(f"() => actorgraph.sigma.viewportToGraph(({middle})())")
    tab.page.focus("#map")
    tab.page.keyboard.press("+")
    after = tab.js("p => actorgraph.sigma.graphToViewport(p, { cameraState: actorgraph.sigma.getCamera().getState() })", point)
    seen = tab.js(middle)
    assert abs(after["x"] - seen["x"]) < 1
    assert abs(after["y"] - seen["y"]) < 1


def test_webgl_script_payloads_stay_text(open_tab, xss_dir, tmp_path):
    tab = open_tab(write_html(load_graph(xss_dir), tmp_path / "xss.html", renderer="webgl"))
    tab.page.check("#all-dates")
    tab.settle()
    for actor in ("PRK", "RUS", "USA"):
        tab.js("actorgraph.selectActor(null); actorgraph.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 })")  # the whole map
        tab.settle()
        x, y = gl_point(tab, actor)
        tab.page.mouse.move(x - 3, y - 3)
        tab.page.mouse.move(x, y)
        tab.page.wait_for_selector("#tooltip", state="visible", timeout=3000)
        tab.page.mouse.click(x, y)
        tab.settle()
        assert tab.js("actorgraph.state.actor") == actor
    assert tab.page.text_content("#panel-title") == XSS["svg"]
    tab.js("actorgraph.selectActor('PRK')")
    assert tab.page.text_content("#panel-title") == XSS["img"]
    # sigma draws names on a canvas: the graph holds them as plain strings.
    assert tab.js("actorgraph.graph.getNodeAttribute('RUS', 'label')") == XSS["script"]
    assert tab.js("window.__xss") is None
    assert tab.js("document.querySelectorAll('#panel img, #tooltip img, #tooltip svg, #map img, #map svg').length") == 0
    assert tab.blocked == []
    assert tab.errors == []


# -- level of detail, and redrawing only what a move changes ---------------------------------------------


@pytest.fixture(scope="module")
def crowded_page(tmp_path_factory) -> Path:
    """A synthetic map with far more line in view than the WebGL view draws wide, and too many lines to fade
    them all on a selection (300 actors, 3,500 relations)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_render import synthetic_data

    folder = tmp_path_factory.mktemp("crowded")
    return write_html(load_graph(synthetic_data(folder / "data", 300, 3500)), folder / "map.html", renderer="webgl")


def test_webgl_draws_lines_thin_when_crowded_and_wide_when_picked_or_close(open_tab, crowded_page):
    tab = open_tab(crowded_page)
    tab.settle()
    looks = "ids => ids.map(id => actorgraph.look(id).type)"
    lines = [i for i in tab.js("actorgraph.drawn()") if not i.startswith("\u0000")]
    # Lines that change on the day shown are marked: they keep their width.
    marked = set(tab.js("ids => ids.filter(id => actorgraph.look(id).marked)", lines))
    lines = [i for i in lines if i not in marked]
    assert set(tab.js(looks, lines)) == {"thin"}
    # The selected actor's lines keep their width and heads; the others stay thin.
    tab.js("actorgraph.selectActor('A00042')")
    tab.settle()
    own = set(tab.js("[...actorgraph.graph.edges('A00042')].filter(id => !actorgraph.look(id).hidden)"))
    assert own
    assert "thin" not in set(tab.js(looks, sorted(own)))
    assert set(tab.js(looks, [i for i in lines if i not in own])) == {"thin"}
    # Zoomed in close (200x), little line is in view: every line is drawn wide again, directed ones with heads.
    tab.js("actorgraph.selectActor(null)")
    tab.settle()
    tab.js("new Promise(done => { actorgraph.sigma.once('afterRender', done); actorgraph.sigma.getCamera().setState({ ratio: 0.005 }); })")
    assert "thin" not in set(tab.js(looks, lines))
    assert {"curvedArrow", "curved"} <= set(tab.js(looks, lines))  # 300 actors: every line bends a little
    assert tab.blocked == []
    assert tab.errors == []


def test_webgl_draws_picked_lines_above_the_thin_ones(open_tab, crowded_page):
    """On a crowded map the selected actor's lines are drawn again, wide, on the canvas above the thin lines."""
    tab = open_tab(crowded_page)
    tab.settle()
    assert tab.js("actorgraph.thin()")
    # The middle of the line as drawn above: half way along its curve (a quadratic bent by length x curvature).
    mid = (
        "id => { const g = actorgraph.graph, s = actorgraph.sigma, bend = (actorgraph.look(id).curvature || 0) / 2;"
        " const [a, b] = [g.source(id), g.target(id)].map(n => s.graphToViewport(g.getNodeAttributes(n)));"
        " return [Math.round((a.x + b.x) / 2 + bend * (b.y - a.y)), Math.round((a.y + b.y) / 2 - bend * (b.x - a.x))]; }"
    )
    inked = (
        "([x, y]) => { const c = actorgraph.sigma.getCanvases().picked;"
        " return Math.max(...c.getContext('2d').getImageData(x - 1, y - 1, 3, 3).data.filter((v, i) => i % 4 === 3)); }"
    )
    line = tab.js("[...actorgraph.graph.edges('A00042')].find(id => !actorgraph.look(id).hidden && !actorgraph.look(id).marked)")
    tab.js("actorgraph.selectActor('A00042')")
    tab.settle()
    assert tab.js("actorgraph.thin()")
    assert tab.js("id => actorgraph.look(id).overlay", line)
    assert tab.js(inked, tab.js(mid, line)) > 0
    tab.js("actorgraph.selectActor(null)")
    tab.settle()
    assert not tab.js("id => actorgraph.look(id).overlay", line)
    assert tab.js(inked, tab.js(mid, line)) == 0


#: Pixels darker than light grey in a PNG (base64), decoded by the browser: no imaging package needed.
DARK_PIXELS = """async (png) => {
  const img = new Image();
  img.src = "data:image/png;base64," + png;
  await img.decode();
  const c = document.createElement("canvas");
  [c.width, c.height] = [img.width, img.height];
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 600) n++;
  return n;
}"""


def test_webgl_crowded_lines_are_drawn_at_half_resolution(open_tab, crowded_page):
    """Past a density of line the lines' canvas holds half the pixels each way, and what it draws is seen."""
    tab = open_tab(crowded_page)
    tab.settle()
    full = tab.js("[actorgraph.sigma.getCanvases().edges.width, actorgraph.sigma.getCanvases().edges.height]")
    # Only the lines' canvas shown: the map's picture is white where no line is drawn.
    alone = "() => { const c = actorgraph.sigma.getCanvases(); for (const k in c) if (k !== 'edges') c[k].style.visibility = 'hidden'; }"
    tab.js(alone)

    def inked() -> int:
        """Dark pixels in a screenshot of the map (as composited), counted by the page itself."""
        png = base64.b64encode(tab.page.locator("#map").screenshot()).decode()
        return tab.js(DARK_PIXELS, png)

    sharp = inked()
    tab.js("new Promise(done => { actorgraph.sigma.once('afterRender', done); actorgraph.crowdAbove(1000); })")
    assert tab.js("actorgraph.crowd()")
    assert tab.js("[actorgraph.sigma.getCanvases().edges.width, actorgraph.sigma.getCanvases().edges.height]") == [
        full[0] // 2,
        full[1] // 2,
    ]
    assert inked() > sharp / 3  # drawn and shown, not a cleared canvas
    tab.js("new Promise(done => { actorgraph.sigma.once('afterRender', done); actorgraph.crowdAbove(1e12); })")
    assert not tab.js("actorgraph.crowd()")
    assert tab.js("[actorgraph.sigma.getCanvases().edges.width, actorgraph.sigma.getCanvases().edges.height]") == full
    assert inked() > sharp / 2
    assert tab.errors == []


def test_webgl_crowded_map_redraws_in_place(open_tab, crowded_page):
    """While lines are thin, dates, filters, colours and selections change no line's drawing program, so sigma
    re-indexes nothing (at 100,000 lines a re-indexing takes seconds); every line was in the graph from the start."""
    tab = open_tab(crowded_page)
    tab.settle()
    text = crowded_page.read_text(encoding="utf-8")
    payload = page_payload(text)
    assert {e["id"] for e in payload["edges"]} <= set(tab.js("actorgraph.graph.edges()"))
    tab.js("window.__indexed = 0; actorgraph.sigma.on('beforeProcess', () => window.__indexed++)")
    checked = 0
    for move in random_moves(payload, seed=11, count=40):
        before = tab.js("actorgraph.thin()")
        tab.js("window.__indexed = 0")
        tab.js(move)
        tab.settle()
        if before and tab.js("actorgraph.thin()"):  # a view moved close enough to widen the lines re-indexes, rightly
            assert tab.js("window.__indexed") == 0, move
            checked += 1
        assert tab.js("actorgraph.stale()") == [], move
    assert checked >= 20
    assert tab.errors == []


def random_moves(payload: dict, seed: int, count: int) -> list[str]:
    """A reader's random walk through the page: dates, filters on and off, actors, relations, colours, closing."""
    rng = random.Random(seed)
    actors = [n["id"] for n in payload["nodes"]]
    lines = [e["id"] for e in payload["edges"]]
    days = sorted({e[k] for e in payload["edges"] for k in ("valid_from", "valid_to") if e.get(k)})
    filters = [("family", t["family"]) for t in payload["types"].values()] + [("type", t) for t in payload["types"]]
    filters += [("status", s) for s in ("confirmed", "reported", "potential")] + [("sign", s) for s in ("1", "-1")]
    off: set[tuple[str, str]] = set()
    moves = []
    for _ in range(count):
        kind = rng.choice(["date", "date", "filter", "actor", "relation", "back", "close", "colour"])
        if kind == "date":
            moves.append(f"actorgraph.setDate({json.dumps(rng.choice([None, *rng.sample(days, 2)]))})")
        elif kind == "filter":
            group, value = rng.choice(filters)
            moves.append(f"actorgraph.setFilter({json.dumps(group)}, {json.dumps(value)}, {json.dumps((group, value) in off)})")
            off ^= {(group, value)}
        elif kind == "actor":
            moves.append(f"actorgraph.selectActor({json.dumps(rng.choice(actors))})")
        elif kind == "relation":
            moves.append(f"actorgraph.selectRelation({json.dumps(rng.choice(lines))})")
        elif kind == "back":
            moves.append("actorgraph.selectRelation(null)")
        elif kind == "close":
            moves.append("actorgraph.selectActor(null)")
        else:
            moves.append(f"actorgraph.setColorMode({json.dumps(rng.choice(['sign', 'type']))})")
    return moves


@pytest.mark.parametrize("page", ["article_page", "crowded_page"])
def test_each_move_restyles_exactly_what_it_changes(open_tab, request, page):
    """A move restyles only the pairs it may change; after each, the drawn looks equal the whole state's, computed afresh."""
    path = request.getfixturevalue(page)
    tab = open_tab(path)
    text = path.read_text(encoding="utf-8")
    payload = page_payload(text)
    for move in random_moves(payload, seed=len(payload["edges"]), count=40):
        tab.js(move)
        assert tab.js("actorgraph.audit()") == [], move
        if tab.js("actorgraph.renderer") == "webgl":  # sigma redraws lines in place: what it drew is what was asked
            tab.settle()
            assert tab.js("actorgraph.stale()") == [], move
    assert tab.blocked == []
    assert tab.errors == []
