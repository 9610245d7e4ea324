"""The page in a real headless Chromium: encoding, panels, tooltips, filters, search, address, export, physics, hostile data.

How the page is driven, offline, and what every test checks: tests/browsing.py.
"""

from __future__ import annotations

import re

import pytest
from browsing import DESKTOP, LAPTOP, PHONE, click_actor, expected_on, line_point, node_point, shown, types_shown, uncovered
from conftest import XSS

from graph.build import load_graph
from graph.headless import block_network
from graph.render import SIGNS, write_html

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


def test_search_finds_ids_names_and_aliases(tab):
    # One page for the five: search is a pure function of the page's data, and a page load costs a second of CPU.
    candidates = {"pyongyang": ["PRK"], "korea": ["PRK", "KOR"], "union": ["EU", "SUN"], "ukr": ["UKR"], "Rusia": []}
    assert {text: tab.js("t => actorgraph.search(t)", text) for text in candidates} == candidates


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
