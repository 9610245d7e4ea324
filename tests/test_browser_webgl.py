"""The page's WebGL view (sigma.js, for large maps) in a real headless Chromium, forced here on the article's map.

How the page is driven, offline, and what every test checks: tests/browsing.py.
"""

from __future__ import annotations

import pytest
from browsing import LAPTOP, expected_on, gl_point, shown
from conftest import XSS

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
    assert tab.js("id => actorgraph.graph.getEdgeAttribute(id, 'color')", line) == f"rgba({r},{g},{b},1)"
    assert set(tab.js("actorgraph.search('korea')")) == {"KOR", "PRK"}
    tab.js("actorgraph.selectActor('RUS')")
    tab.settle()
    assert tab.page.text_content("#panel-title") == "Russia"
    tab.js("actorgraph.selectRelation('prk-rus-troops-4')")
    tab.settle()
    assert tab.page.text_content("#panel-title") == "North Korea sends troops to Russia"
    assert tab.js("actorgraph.graph.getEdgeAttribute('prk-rus-troops-4', 'label')") == "11,000 troops"
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
        "[...actorgraph.graph.edges('RUS', 'UKR'), ...actorgraph.graph.edges('UKR', 'RUS')]"
        ".find(id => !actorgraph.graph.getEdgeAttribute(id, 'hidden'))"
    )
    ends = tab.js("id => [actorgraph.graph.source(id), actorgraph.graph.target(id)]", line)
    (ax, ay), (bx, by) = gl_point(tab, ends[0]), gl_point(tab, ends[1])
    bend = tab.js("id => actorgraph.graph.getEdgeAttribute(id, 'curvature') || 0", line) / 2
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
