"""The page in a real headless Chromium, as a reader uses it, at a desktop, a laptop and a phone size.

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright; no browser
is ever downloaded. Every request that is not ``file:``, ``data:`` or
``about:`` is aborted and counted, and each test asserts that there were none.
The page is driven through the ``window.actorgraph`` hook (graph/static/page.js)
where a test needs a state, and through clicks and keys where the test is
about the clicks and keys.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import DATA, ROOT, XSS

from graph.build import load_graph
from graph.headless import block_network, launch
from graph.render import SIGNS, write_html

DESKTOP, LAPTOP, PHONE = (1440, 900), (1024, 768), (390, 844)


@dataclass
class Tab:
    """An open page, with what it tried to fetch and what it complained about."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def settle(self):
        self.page.evaluate("actorgraph.settle()")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            browser = launch(p)
        except FileNotFoundError as err:
            pytest.fail(str(err))
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def article():
    return load_graph(DATA)


@pytest.fixture(scope="module")
def article_page(tmp_path_factory, article) -> Path:
    folder = tmp_path_factory.mktemp("page")
    return write_html(article, folder / "map.html", layout_cache=folder / "layout.json")


@pytest.fixture(scope="module")
def payload(article_page) -> dict:
    text = article_page.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S).group(1))


@pytest.fixture
def open_tab(browser):
    """Open a page file in a fresh context; check afterwards that it fetched nothing."""
    contexts = []

    def open_(path: Path, size=DESKTOP, hash_: str = "") -> Tab:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, accept_downloads=True)
        contexts.append(context)
        tab = Tab(context.new_page())
        block_network(context, tab.blocked)
        tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type in ("error", "warning") and not driver_note(m.text) else None)
        tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.page.goto(path.as_uri() + hash_)
        tab.page.evaluate("actorgraph.ready")
        return tab

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def tab(open_tab, article_page) -> Tab:
    t = open_tab(article_page)
    yield t
    assert t.blocked == []
    assert t.errors == []


def driver_note(text: str) -> bool:
    """Chromium's own note on software WebGL (SwiftShader) reading pixels back: a browser notice, not the page's."""
    return text.startswith("[.WebGL-") and "GPU stall due to ReadPixels" in text


def node_point(tab: Tab, actor: str) -> tuple[float, float]:
    """Where an actor is drawn, in page coordinates."""
    x, y = tab.js("id => { const n = actorgraph.network; const p = n.canvasToDOM(n.getPositions([id])[id]); return [p.x, p.y]; }", actor)
    box = tab.page.locator("#map").bounding_box()
    return box["x"] + x, box["y"] + y


def line_point(tab: Tab, line: str) -> tuple[float, float]:
    """The middle of a drawn line (straight or curved), in page coordinates."""
    x, y = tab.js(
        "id => { const n = actorgraph.network; const e = n.body.edges[id];"
        " const p = n.canvasToDOM(e.edgeType.getPoint(0.5, e.edgeType.getViaNode())); return [p.x, p.y]; }",
        line,
    )
    box = tab.page.locator("#map").bounding_box()
    return box["x"] + x, box["y"] + y


def click_actor(tab: Tab, actor: str) -> None:
    tab.page.mouse.click(*node_point(tab, actor))
    tab.settle()


def shown(tab: Tab) -> list[str]:
    return tab.js("actorgraph.shown()")


def expected_on(payload: dict, day: str | None, history: bool = False) -> set[str]:
    """The page's rule, restated: on a day, rows in effect (events for their horizon); with all dates, each lineage's latest row."""
    if day is None:
        return {e["id"] for e in payload["edges"] if history or not e.get("superseded_by")}
    return {
        e["id"]
        for e in payload["edges"]
        if not e.get("replaced") and e.get("valid_from", "") <= day and (e.get("until") is None or day <= e["until"])
    }


def types_shown(tab: Tab, payload: dict) -> set[str]:
    by_id = {e["id"]: e["type"] for e in payload["edges"]}
    return {by_id[i] for i in shown(tab)}


def uncovered(tab: Tab, actors: list[str]) -> list[str]:
    """The actors that are not drawn inside the map, or that something else covers."""
    bad = []
    map_box = tab.page.locator("#map").bounding_box()
    panel = tab.page.locator("#panel")
    panel_box = panel.bounding_box() if panel.is_visible() else None
    for actor in actors:
        x, y = node_point(tab, actor)
        inside = map_box["x"] <= x <= map_box["x"] + map_box["width"] and map_box["y"] <= y <= map_box["y"] + map_box["height"]
        under_panel = (
            panel_box
            and panel_box["x"] <= x <= panel_box["x"] + panel_box["width"]
            and panel_box["y"] <= y <= panel_box["y"] + panel_box["height"]
        )
        on_top = tab.js("([x, y]) => { const e = document.elementFromPoint(x, y); return !!e && e.closest('#map') !== null; }", [x, y])
        if not inside or under_panel or not on_top:
            bad.append(actor)
    return bad


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
        tab.js("actorgraph.network.fit()")  # from the whole map, as a reader starts
        tab.settle()
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


def test_every_control_is_reachable_by_keyboard(tab):
    reached = set()
    tab.page.focus("body")
    for _ in range(400):
        tab.page.keyboard.press("Tab")
        reached.add(tab.js("document.activeElement.id || document.activeElement.className || document.activeElement.tagName"))
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
    assert tab.page.get_attribute("#map-frame", "aria-label").startswith(f"Map of {load_graph(DATA).number_of_nodes()} actors")


# -- encoding, pairs, magnitude ------------------------------------------------------------------------


def test_colour_by_sign_is_blue_and_orange(tab, payload):
    tab.js("actorgraph.setColorMode('sign')")
    colours = dict(tab.js("actorgraph.drawn().map(id => [id, actorgraph.edges.get(id).color.color])"))
    signs = {e["id"]: str(e["sign"]) for e in payload["edges"]}
    bundles = {i for i in colours if i not in signs}
    assert {c for i, c in colours.items() if i not in bundles} <= {SIGNS[s]["color"] for s in signs.values()}
    assert all(colours[i] == SIGNS[signs[i]]["color"] for i in colours if i not in bundles)


def test_a_pair_is_one_bundle_with_a_count_that_opens_on_click(tab, payload):
    tab.js("actorgraph.setDate('2024-12-31')")
    tab.settle()
    pair = [e["id"] for e in payload["edges"] if {e["from"], e["to"]} == {"PRK", "RUS"} and e["id"] in shown(tab)]
    assert len(pair) >= 5
    drawn = tab.js("actorgraph.drawn()")
    assert not set(pair) & set(drawn)
    bundle = tab.js(
        "actorgraph.drawn().map(id => actorgraph.edges.get(id)).find(e => e.label && e.label.startsWith('"
        + str(len(pair))
        + " relations'))"
    )
    assert "11,000 troops" in bundle["label"]
    assert bundle["arrows"] in ("to", "")  # one arrowhead at most, not one per relation
    tab.page.mouse.click(*line_point(tab, bundle["id"]))
    tab.settle()
    assert set(pair) <= set(tab.js("actorgraph.drawn()"))
    assert tab.page.text_content("#panel-title") == "North Korea and Russia"
    # strongest on top: vis draws in order, so the strongest of the pair comes last
    order = [i for i in tab.js("actorgraph.network.body.edgeIndices") if i in pair]
    strength = {e["id"]: e["importance"] for e in payload["edges"]}
    assert strength[order[-1]] == max(strength[i] for i in pair)


def test_magnitude_is_labelled_with_its_unit(tab):
    tab.js("actorgraph.selectRelation('prk-rus-troops-4')")
    assert tab.js("actorgraph.edges.get('prk-rus-troops-4').label") == "11,000 troops"
    assert tab.js("actorgraph.edges.get('prk-rus-troops-4').width") > tab.js("actorgraph.edges.get('prk-rus-milcoop-1').width")


# -- panels, tooltips ----------------------------------------------------------------------------------


def test_relation_panel_tells_type_status_dates_evidence_history_and_sources(tab, article):
    tab.js("actorgraph.selectRelation('prk-rus-troops-4')")
    panel = tab.page.text_content("#panel")
    assert tab.page.text_content("#panel-title") == "North Korea sends troops to Russia"
    for text in ("Troop deployment", "Military cooperation", "Confirmed", "since 2024-10-28", "11,000 troops", "0.97", "History (4 rows)"):
        assert text in panel
    assert article.edges["PRK", "RUS", "prk-rus-troops-4"]["evidence"] in panel
    links = tab.page.eval_on_selector_all("#panel ul.sources a", "els => els.map(a => [a.textContent, a.href, a.rel])")
    assert links and all("noopener" in rel and not text.startswith("http") and text in href for text, href, rel in links)
    assert tab.page.locator("#panel ol.history li").count() == 4
    tab.page.click("#panel ol.history li >> nth=0 >> button")
    assert tab.js("actorgraph.state.relation") == "prk-rus-troops-1"


def test_source_links_drop_tracking_parameters(open_tab, example_dir, tmp_path):
    sources = example_dir / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("https://example.org/toy", "https://example.org/toy?a=1&utm_source=x&gclid=2"),
        encoding="utf-8",
    )
    tab = open_tab(write_html(load_graph(example_dir), tmp_path / "map.html"))
    tab.js("actorgraph.selectRelation('troops-1')")
    assert tab.js("[...document.querySelectorAll('a[href]')].map(a => a.href)") == ["https://example.org/toy?a=1"] * 2
    assert tab.blocked == [] and tab.errors == []


def test_actor_panel_groups_by_counterpart_in_order_of_importance(tab):
    tab.js("actorgraph.setDate('2024-12-31')")
    tab.js("actorgraph.selectActor('PRK')")
    counterparts = tab.page.eval_on_selector_all(
        "#panel details.counterpart > summary > span:first-child", "els => els.map(e => e.textContent)"
    )
    assert counterparts[:2] == ["Ukraine", "Russia"]  # at war, then troops and the pact
    russia = tab.page.locator("#panel details.counterpart", has_text="Russia").first
    families = russia.locator("h4").all_text_contents()
    assert families[0].startswith("Military cooperation") and any(f.startswith("Agreements") for f in families)
    assert re.search(r"\d+ relations", russia.locator("summary").text_content())


def test_clicking_a_relation_in_the_map_opens_its_panel(tab):
    tab.js("actorgraph.setDate('2024-12-31')")
    tab.js("actorgraph.setFilter('family', 'verbal_conflict', false)")
    tab.js("actorgraph.setFilter('family', 'coercion', false)")
    tab.settle()
    tab.page.mouse.click(*line_point(tab, "rus-ukr-war-2"))
    tab.settle()
    assert tab.js("actorgraph.state.relation") == "rus-ukr-war-2"
    assert tab.page.text_content("#panel-title") == "Russia is at war with Ukraine"


def test_tooltip_shows_on_hover_and_vanishes_when_the_pointer_leaves(tab, article):
    x, y = node_point(tab, "PRK")
    tab.page.mouse.move(x - 3, y - 3)
    tab.page.mouse.move(x, y)
    tip = tab.page.wait_for_selector("#tooltip", state="visible", timeout=3000)
    assert tip.text_content().startswith("North Korea")
    assert article.nodes["PRK"]["description"] in tip.text_content()
    tab.page.mouse.move(5, 5)  # off the map
    tab.page.wait_for_selector("#tooltip", state="hidden", timeout=3000)


# -- filters, search, address, export --------------------------------------------------------------------


def test_only_this_and_all(tab, payload):
    tab.page.check("#all-dates")
    tab.page.click('#legend-types button.only[data-group="family"][value="military_cooperation"]')
    assert types_shown(tab, payload) <= {t for t, v in payload["types"].items() if v["family"] == "military_cooperation"}
    tab.page.click('#legend-types button.all[data-group="type"]')
    assert set(shown(tab)) == expected_on(payload, None)
    tab.page.uncheck('#legend-types input[data-group="type"][value="sanctions"]')
    assert "sanctions" not in types_shown(tab, payload)
    drawn = tab.js("actorgraph.drawn().map(id => actorgraph.relation(id)).filter(r => r !== null)")
    assert drawn and not [r for r in drawn if r["type"] == "sanctions"]


@pytest.mark.parametrize(
    ("text", "candidates"), [("pyongyang", ["PRK"]), ("korea", ["PRK", "KOR"]), ("union", ["EU", "SUN"]), ("ukr", ["UKR"]), ("Rusia", [])]
)
def test_search_finds_ids_names_and_aliases(tab, text, candidates):
    assert tab.js("t => actorgraph.search(t)", text) == candidates


def test_search_offers_candidates_and_close_names(tab):
    tab.page.fill("#search-input", "korea")
    tab.page.press("#search-input", "Enter")
    assert tab.page.locator("#search-candidates button").all_text_contents() == ["North Korea", "South Korea"]
    assert tab.js("actorgraph.state.actor") is None
    tab.page.click("#search-candidates button >> text=South Korea")
    assert tab.js("actorgraph.state.actor") == "KOR"
    tab.page.fill("#search-input", "Rusia")
    tab.page.press("#search-input", "Enter")
    assert tab.page.text_content("#search-status").startswith("No actor matches.")
    assert tab.page.locator("#search-candidates button").all_text_contents() == ["Russia"]
    tab.page.fill("#search-input", "DPRK")
    tab.page.press("#search-input", "Enter")
    assert tab.page.text_content("#panel-title") == "North Korea"


def test_the_address_keeps_the_state_across_a_reload(tab):
    tab.page.fill("#date-input", "2024-11-05")
    tab.page.dispatch_event("#date-input", "change")
    click_actor(tab, "RUS")
    tab.js("actorgraph.setFilter('status', 'potential', false)")
    tab.js("actorgraph.setColorMode('sign')")
    assert "date=2024-11-05" in tab.page.url and "actor=RUS" in tab.page.url
    tab.page.reload()
    tab.js("actorgraph.ready")
    tab.settle()
    assert tab.js("[actorgraph.state.date, actorgraph.state.actor, actorgraph.state.colorMode]") == ["2024-11-05", "RUS", "sign"]
    assert tab.page.input_value("#date-input") == "2024-11-05"
    assert tab.page.text_content("#panel-title") == "Russia"
    assert not tab.page.is_checked('input[data-group="status"][value="potential"]')
    assert uncovered(tab, ["RUS"]) == []


def test_a_shared_relation_link_opens_its_panel(open_tab, article_page):
    tab = open_tab(article_page, LAPTOP, "#date=all&relation=prk-rus-pact-2")
    assert tab.page.text_content("#panel-title") == "North Korea has a defense pact with Russia"
    assert tab.js("actorgraph.state.date") is None
    assert tab.errors == []


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1440", "390"])
def test_export_downloads_a_png_of_the_view(open_tab, article_page, tmp_path, size):
    tab = open_tab(article_page, size)
    with tab.page.expect_download() as download:
        tab.page.click("#export")
    assert download.value.suggested_filename.endswith(".png")
    out = tmp_path / download.value.suggested_filename
    download.value.save_as(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert tab.blocked == []


def test_print_shows_the_map_and_legend_without_controls(tab):
    tab.page.emulate_media(media="print")
    for hidden in ("#timeline", "#controls", "#export"):
        assert tab.page.is_hidden(hidden)
    assert tab.page.is_visible("#map") and tab.page.is_visible("#map-legend")


# -- physics, reset, hostile data --------------------------------------------------------------------------


def test_relax_lets_the_map_move_and_reset_stops_it(tab):
    before = tab.js("actorgraph.network.getPositions()")
    tab.page.check("#relax")
    assert tab.js("actorgraph.network.physics.physicsEnabled") is True
    tab.page.wait_for_function(
        "b => Object.entries(actorgraph.network.getPositions()).some(([id, p]) => Math.hypot(p.x - b[id].x, p.y - b[id].y) > 1)",
        arg=before,
        timeout=5000,
    )
    tab.page.click("#reset")
    assert tab.js("actorgraph.network.physics.physicsEnabled") is False
    assert not tab.page.is_checked("#relax")


def test_reset_restores_the_first_view(tab):
    first = shown(tab)
    tab.page.check("#all-dates")
    tab.js("actorgraph.setFilter('status', 'confirmed', false)")
    click_actor(tab, "RUS")
    tab.page.click("#reset")
    assert shown(tab) == first
    assert tab.page.is_hidden("#panel")
    assert tab.js("actorgraph.nodes.get().every(n => n.opacity === 1)")


def test_script_payloads_stay_text(open_tab, xss_dir, tmp_path):
    tab = open_tab(write_html(load_graph(xss_dir), tmp_path / "xss.html"))
    tab.page.check("#all-dates")
    for actor in ("PRK", "RUS", "USA", "UKR"):
        x, y = node_point(tab, actor)
        tab.page.mouse.move(x - 3, y - 3)
        tab.page.mouse.move(x, y)
        tab.page.wait_for_selector("#tooltip", state="visible", timeout=3000)
        click_actor(tab, actor)
    for text in (XSS["img"], XSS["svg"] + " alias", "Pyongyang", "<img"):
        tab.page.fill("#search-input", text)
        tab.page.press("#search-input", "Enter")
    tab.js("actorgraph.selectRelation('troops-1')")
    tab.page.click("header details summary")
    assert XSS["script"] in tab.page.text_content("#panel")
    tab.js("actorgraph.selectActor('PRK')")
    assert tab.page.text_content("#panel-title") == XSS["img"]
    assert tab.js("window.__xss") is None
    assert (
        tab.js(
            "document.querySelectorAll('#panel img, #source-list svg, #source-list img, #tooltip img, #tooltip svg, #search-candidates img').length"
        )
        == 0
    )
    hrefs = tab.js("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert tab.blocked == []
    assert tab.errors == []


def test_zooming_in_close_opens_the_bundles(tab, payload):
    tab.js("actorgraph.setDate('2024-12-31')")
    pair = {e["id"] for e in payload["edges"] if {e["from"], e["to"]} == {"PRK", "RUS"}} & set(shown(tab))
    assert not pair & set(tab.js("actorgraph.drawn()"))
    x, y = node_point(tab, "PRK")
    tab.page.mouse.move(x, y)
    for _ in range(12):
        tab.page.mouse.wheel(0, -400)
    tab.page.wait_for_function("actorgraph.network.getScale() >= 2", timeout=5000)
    tab.settle()
    assert pair <= set(tab.js("actorgraph.drawn()"))


@pytest.mark.parametrize(
    "hash_",
    [
        "#actor=%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E&date=2024-99-99",
        "#actor=%E0%A4%A&relation=%&off-type=%ZZ,%3Cscript%3E&colour=%3Cb%3E&date=<svg/onload=window.__xss=2>",
        "#date=0001-01-01&window=all",
        "#date=9999-12-31&actor=PRK",
    ],
)
def test_a_hostile_or_odd_address_is_ignored_safely(open_tab, article_page, hash_):
    tab = open_tab(article_page, DESKTOP, hash_)
    tab.settle()
    assert tab.js("window.__xss") is None
    assert tab.errors == [] and tab.blocked == []
    assert tab.js("actorgraph.state.date") in (None, "2025-04-28", "0001-01-01", "9999-12-31")
    assert tab.js("actorgraph.state.colorMode") == "type"


def test_the_notebook_frame_works_without_an_address(browser, tmp_path):
    """In ``graph.show``'s sandboxed iframe the page cannot write its address; it keeps working."""
    from graph.io import EXAMPLE_DATA
    from graph.render import show

    holder = tmp_path / "notebook.html"
    holder.write_text("<!DOCTYPE html><html><body>" + show(load_graph(EXAMPLE_DATA))._repr_html_() + "</body></html>", encoding="utf-8")
    context = browser.new_context()
    blocked = block_network(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(holder.as_uri())
    page.wait_for_selector("iframe")
    frame = page.frames[1]
    frame.wait_for_function("window.actorgraph !== undefined", timeout=10000)
    frame.evaluate("actorgraph.ready")
    frame.evaluate("actorgraph.selectActor('PRK')")
    frame.evaluate("actorgraph.setDate('2024-06-30')")
    assert frame.evaluate("[actorgraph.state.actor, actorgraph.state.date]") == ["PRK", "2024-06-30"]
    assert errors == [] and blocked == []
    context.close()


# -- event data beside the map (build --events) ----------------------------------------------------


def test_event_charts_show_in_the_actor_pair_and_relation_panels(open_tab, tmp_path):
    from graph import EXAMPLE_DATA
    from graph.eventdata import EXAMPLE_EVENTS, aggregate_events

    G = load_graph(EXAMPLE_DATA)
    page = write_html(G, tmp_path / "events.html", events=aggregate_events([EXAMPLE_EVENTS], EXAMPLE_DATA))
    tab = open_tab(page)
    tab.js("actorgraph.selectActor('PRK')")
    tab.settle()
    charts = tab.page.locator("#panel .event-chart img")
    assert charts.count() >= 1
    img = charts.first
    assert img.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert "North Korea" in img.get_attribute("alt")
    assert tab.js("() => [...document.querySelectorAll('#panel .event-chart img')].every(i => i.complete && i.naturalWidth > 0)")
    tab.js("actorgraph.selectRelation('troops-1')")
    tab.settle()
    assert tab.page.locator("#panel .event-chart img").count() == 1  # the relation's pair, North Korea and Russia
    assert tab.blocked == [] and tab.errors == []


# -- the WebGL view (sigma.js): large maps, forced here on the article's map -------------------------------


@pytest.fixture(scope="module")
def webgl_page(tmp_path_factory, article) -> Path:
    folder = tmp_path_factory.mktemp("webgl")
    return write_html(article, folder / "map.html", layout_cache=folder / "layout.json", renderer="webgl")


@pytest.fixture
def gl_tab(open_tab, webgl_page) -> Tab:
    t = open_tab(webgl_page)
    yield t
    assert t.blocked == []
    assert t.errors == []


def gl_point(tab: Tab, actor: str) -> tuple[float, float]:
    """Where the WebGL view draws an actor, in page coordinates."""
    x, y = tab.js("id => { const p = actorgraph.sigma.graphToViewport(actorgraph.graph.getNodeAttributes(id)); return [p.x, p.y]; }", actor)
    box = tab.page.locator("#map").bounding_box()
    return box["x"] + x, box["y"] + y


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
        "[...actorgraph.graph.edges('RUS', 'UKR'), ...actorgraph.graph.edges('UKR', 'RUS')]"
        ".find(id => !actorgraph.look(id).hidden)"
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
    looks = "ids => ids.map(id => actorgraph.sigma.getEdgeDisplayData(id).type)"
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
    payload = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S).group(1))
    for move in random_moves(payload, seed=len(payload["edges"]), count=40):
        tab.js(move)
        assert tab.js("actorgraph.audit()") == [], move
        if tab.js("actorgraph.renderer") == "webgl":  # sigma redraws lines in place: what it drew is what was asked
            tab.settle()
            assert tab.js("actorgraph.stale()") == [], move
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
