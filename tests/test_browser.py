"""The page in a real headless Chromium, as a reader uses it, at a desktop, a laptop and a phone size: loading, time, layout, keyboard.

How the page is driven, offline, and what every test checks: tests/browsing.py.
"""

from __future__ import annotations

import json
import re

import pytest
from browsing import DESKTOP, LAPTOP, PHONE, click_actor, expected_on, shown, uncovered
from conftest import DATA, ROOT, page_payload

# -- loading -----------------------------------------------------------------------------------


def test_loads_offline_without_errors_and_draws_once(tab):
    tab.settle()
    tab.page.wait_for_timeout(300)
    assert tab.js("actorgraph.draws()") == 1
    assert tab.js("typeof vis") == "object"
    assert tab.page.title() == json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["title"]  # the map's own title
    assert tab.js("document.body.dataset.drawn") == "true"


def test_the_hook_is_as_the_contract_says(tab):
    kinds = tab.js(
        "Object.fromEntries(['ready','setDate','selectActor','selectRelation','search','setFilter','setColorMode','settle']"
        ".map(k => [k, typeof actorgraph[k]]))"
    )
    assert kinds == {
        "ready": "object",
        **dict.fromkeys(["setDate", "selectActor", "selectRelation", "search", "setFilter", "setColorMode", "settle"], "function"),
    }
    assert tab.js("actorgraph.ready instanceof Promise && actorgraph.settle() instanceof Promise")
    tab.js("actorgraph.setDate('2024-06-19')")
    assert tab.js("actorgraph.settle().then(() => actorgraph.state.date)") == "2024-06-19"


def test_counts_match_the_data(tab, article, payload):
    assert tab.js("actorgraph.nodes.length") == article.number_of_nodes()
    assert set(shown(tab)) == expected_on(payload, payload["as_of"])
    assert tab.page.text_content("#shown") == str(len(expected_on(payload, payload["as_of"])))


def test_the_data_read_column_by_column_is_one_object_per_row(tab, article_page):
    """page.js's fromColumns makes the rows that the Python restatement makes (conftest.page_payload): same fields, values, order."""
    script = (ROOT / "graph" / "static" / "page.js").read_text(encoding="utf-8")
    decode = re.search(r"\n  (function fromColumns\(data\) \{\n.*?\n  \})\n", script, re.S).group(1)
    text = tab.js(
        f"(() => {{ {decode}; const data = fromColumns(JSON.parse(document.getElementById('graph-data').textContent));"
        " return JSON.stringify([data.nodes, data.edges]); })()"
    )
    expected = page_payload(article_page.read_text(encoding="utf-8"))
    assert json.loads(text, object_pairs_hook=list) == [[list(row.items()) for row in expected[t]] for t in ("nodes", "edges")]
    assert tab.js("actorgraph.relation(actorgraph.shown()[0]).id") in {e["id"] for e in expected["edges"]}


def test_legend_lists_the_families_and_exactly_the_types_present(tab, article):
    types = tab.page.eval_on_selector_all('#legend-types input[data-group="type"]', "els => els.map(e => e.value)")
    assert sorted(types) == sorted({t for *_, t in article.edges(data="type")})
    families = tab.page.eval_on_selector_all('#legend-types input[data-group="family"]', "els => els.map(e => e.value)")
    assert families[:2] == ["armed_conflict", "coercion"]  # by rank


# -- time -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "drawn"), [("2024-01-01", False), ("2024-12-31", True)])
def test_date_field_draws_troops_and_pact_only_once_they_exist(tab, payload, day, drawn):
    tab.page.fill("#date-input", day)
    tab.page.dispatch_event("#date-input", "change")
    tab.settle()
    assert tab.js("actorgraph.state.date") == day
    story = {e["id"]: e["type"] for e in payload["edges"] if {e["from"], e["to"]} == {"PRK", "RUS"}}
    types = {story[i] for i in shown(tab) if i in story}
    assert ("troop_deployment" in types, "defense_pact" in types) == (drawn, drawn)
    assert set(shown(tab)) == expected_on(payload, day)
    assert tab.page.get_attribute("#date-slider", "aria-valuetext") == day


def test_events_show_for_their_horizon_then_leave(tab, payload):
    tab.js("actorgraph.setDate('2024-10-22')")
    assert "kor-prk-demands-1" in shown(tab)
    tab.js("actorgraph.setDate('2025-10-22')")  # the horizon of a demand is 365 days
    assert "kor-prk-demands-1" not in shown(tab)
    assert "prk-rus-troops-4" in shown(tab)  # a state lasts


def test_slider_covers_the_story_window_change_by_change(tab, payload):
    window = payload["window"]
    inside = [d for d in payload["changes"] if window[0] <= d <= window[1]]
    assert tab.js("Number(document.getElementById('date-slider').max)") == len(inside) - 1
    assert tab.page.text_content("#slider-start") == inside[0]
    tab.page.focus("#date-slider")
    tab.page.keyboard.press("Home")
    assert tab.js("actorgraph.state.date") == inside[0]
    tab.page.keyboard.press("ArrowRight")
    assert tab.js("actorgraph.state.date") == inside[1]
    assert tab.page.get_attribute("#date-slider", "aria-valuetext") == inside[1]
    tab.page.click("#widen")
    assert tab.js("Number(document.getElementById('date-slider').max)") == len(payload["changes"]) - 1
    assert tab.page.text_content("#slider-start") == payload["changes"][0]


def test_previous_and_next_change(tab, payload):
    changes = payload["changes"]
    tab.js("actorgraph.setDate('2024-10-24')")
    tab.page.click("#next-change")
    assert tab.js("actorgraph.state.date") == next(d for d in changes if d > "2024-10-24")
    tab.page.click("#prev-change")
    tab.page.click("#prev-change")
    assert tab.js("actorgraph.state.date") == [d for d in changes if d < "2024-10-24"][-1]


def test_play_starts_at_the_story_window_and_pauses(tab, payload):
    tab.page.select_option("#speed", "1600")  # slow: a loaded machine still reads the first date before the first step
    tab.page.click("#play")
    assert tab.js("actorgraph.state.date") == next(d for d in payload["changes"] if d >= payload["window"][0])
    tab.page.wait_for_function("d => actorgraph.state.date > d", arg=payload["window"][0], timeout=10000)
    tab.page.click("#play")
    assert tab.page.text_content("#play") == "▶ Play"


def test_all_dates_shows_each_lineage_once_unless_history_is_asked(tab, payload):
    tab.page.check("#all-dates")
    assert set(shown(tab)) == expected_on(payload, None)
    troops = [i for i in shown(tab) if i.startswith("prk-rus-troops")]
    assert troops == ["prk-rus-troops-4"]
    tab.page.check("#history")
    assert set(shown(tab)) == expected_on(payload, None, history=True)
    assert len([i for i in shown(tab) if i.startswith("prk-rus-troops")]) == 4


# -- layout: the panel never hides what was clicked -------------------------------------------------------


@pytest.mark.parametrize("size", [DESKTOP, LAPTOP, PHONE], ids=["1440", "1024", "390"])
def test_a_clicked_actor_and_its_counterparts_stay_in_view(open_tab, article_page, article, size):
    tab = open_tab(article_page, size)
    for actor in sorted(article.nodes):
        tab.page.keyboard.press("Escape")
        tab.js("actorgraph.network.fit(), actorgraph.settle()")  # from the whole map, as a reader starts
        click_actor(tab, actor)
        assert tab.js("actorgraph.state.actor") == actor
        assert tab.page.is_visible("#panel")
        counterparts = tab.js(
            """id => { const out = new Set();
                       for (const r of actorgraph.shown()) { const e = actorgraph.relation(r);
                         if (e.from === id) out.add(e.to); if (e.to === id) out.add(e.from); }
                       return [...out]; }""",
            actor,
        )
        assert uncovered(tab, [actor, *counterparts]) == [], (size, actor)
    assert tab.errors == [] and tab.blocked == []


def test_escape_closes_the_panel_and_focus_goes_in_and_back(tab):
    tab.page.focus("#search-input")
    tab.page.fill("#search-input", "Pyongyang")
    tab.page.press("#search-input", "Enter")
    assert tab.js("document.activeElement.id") == "panel-title"
    assert tab.page.text_content("#panel-title") == "North Korea"
    tab.page.keyboard.press("Escape")
    assert tab.page.is_hidden("#panel")
    assert tab.js("document.activeElement.id") == "search-input"
    click_actor(tab, "RUS")
    assert tab.js("document.activeElement.id") == "panel-title"
    tab.page.keyboard.press("Escape")
    assert tab.js("document.activeElement.id") == "map-frame"
    assert tab.js("actorgraph.state.actor") is None


def test_the_panel_docks_beside_the_map(tab):
    before = tab.page.locator("#map").bounding_box()["width"]
    tab.js("actorgraph.selectActor('RUS')")
    tab.settle()
    map_box = tab.page.locator("#map").bounding_box()
    panel_box = tab.page.locator("#panel").bounding_box()
    assert map_box["width"] < before
    assert map_box["x"] + map_box["width"] <= panel_box["x"] + 1


def test_phone_has_no_sideways_scroll_a_wide_enough_map_and_reachable_controls(open_tab, article_page):
    tab = open_tab(article_page, PHONE)
    assert tab.js("document.documentElement.scrollWidth") <= 390
    assert tab.page.locator("#map").bounding_box()["width"] >= 300
    for control in ("#date-input", "#prev-change", "#next-change", "#play", "#date-slider", "#drawer-toggle", "#export", "#reset"):
        box = tab.page.locator(control).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, control
    assert tab.page.is_hidden("#controls")
    tab.page.click("#drawer-toggle")
    assert tab.js("document.activeElement.id") == "search-input"
    boxes = tab.page.eval_on_selector_all(
        "#controls input, #controls button",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; })",
    )
    assert all(w > 0 and left >= 0 and right <= 390 for left, right, w in boxes)
    tab.page.keyboard.press("Escape")
    assert tab.page.is_hidden("#controls")
    tab.page.click("#drawer-toggle")
    tab.page.click("#drawer-close")
    assert tab.page.is_hidden("#controls")
    tab.js("actorgraph.selectActor('PRK')")
    tab.settle()
    assert tab.js("document.documentElement.scrollWidth") <= 390
    assert tab.page.locator("#map").bounding_box()["height"] >= 250


def test_every_control_is_reachable_by_keyboard(tab, article):
    # One pass through the tab order: from the top of the page until focus leaves the last control
    # and falls back to the body (about 80 stops; at most 400).
    reached = set()
    tab.page.focus("body")
    for _ in range(400):
        tab.page.keyboard.press("Tab")
        focused = tab.js("document.activeElement.id || document.activeElement.className || document.activeElement.tagName")
        if focused == "BODY":
            break
        reached.add(focused)
    for control in (
        "date-input",
        "prev-change",
        "next-change",
        "play",
        "speed",
        "date-slider",
        "widen",
        "all-dates",
        "search-input",
        "map-frame",
        "export",
        "reset",
    ):
        assert control in reached
    assert "only" in reached and "all" in reached
    assert tab.page.get_attribute("#map-frame", "aria-label").startswith(f"Map of {article.number_of_nodes()} actors")
