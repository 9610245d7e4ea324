"""The page in a real headless Chromium: loads offline, counts, legend, search, panel, filters, timeline, XSS.

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright; no browser
is ever downloaded. Every request that is not ``file:``, ``data:`` or
``about:`` is aborted and counted, and each test asserts that there were none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import DATA, XSS

from graph.build import load_graph
from graph.headless import block_network, launch
from graph.render import SIGNS, write_html
from graph.temporal import as_of


@dataclass
class Tab:
    """An open page, with what it tried to fetch and what it complained about."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


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


@pytest.fixture
def open_tab(browser):
    """Open a page file in a fresh context; check afterwards that it fetched nothing."""
    contexts = []

    def open_(path: Path) -> Tab:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        tab = Tab(context.new_page())
        block_network(context, tab.blocked)
        tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type in ("error", "warning") else None)
        tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.page.goto(path.as_uri())
        tab.page.wait_for_selector("body[data-drawn=true]", state="attached", timeout=15000)
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


def actor_point(tab: Tab, actor: str) -> tuple[float, float]:
    """Where an actor is drawn, in page coordinates."""
    x, y = tab.js("id => { const n = actorGraph.network; const p = n.canvasToDOM(n.getPositions([id])[id]); return [p.x, p.y]; }", actor)
    box = tab.page.locator("#map").bounding_box()
    return box["x"] + x, box["y"] + y


def click_actor(tab: Tab, actor: str) -> None:
    tab.page.mouse.click(*actor_point(tab, actor))


def hover_actor(tab: Tab, actor: str) -> None:
    x, y = actor_point(tab, actor)
    tab.page.mouse.move(x - 3, y - 3)
    tab.page.mouse.move(x, y)


def shown_edges(tab: Tab) -> int:
    return tab.js("actorGraph.edgeView.length")


def test_loads_offline_without_errors(tab):
    assert tab.js("typeof vis") == "object"
    assert tab.page.title()


def test_counts_match_the_data(tab, article):
    assert tab.js("actorGraph.nodes.length") == article.number_of_nodes()
    assert tab.js("Object.keys(actorGraph.network.body.nodes).length") == article.number_of_nodes()
    assert shown_edges(tab) == as_of(article, tab.js("actorGraph.state.date")).number_of_edges()
    tab.page.check("#all-dates")
    assert shown_edges(tab) == article.number_of_edges()
    assert tab.page.text_content("#shown") == str(article.number_of_edges())


def test_legend_lists_exactly_the_types_present(tab, article):
    shown = tab.page.eval_on_selector_all("#legend-types input", "els => els.map(e => e.value)")
    assert sorted(shown) == sorted({t for *_, t in article.edges(data="type")})


def test_search_by_alias_focuses_the_actor(tab):
    tab.page.fill("#search-input", "pyongyang")
    tab.page.press("#search-input", "Enter")
    assert tab.js("actorGraph.network.getSelectedNodes()") == ["PRK"]
    assert tab.page.text_content("#panel-title") == "North Korea"


def test_unknown_name_says_so(tab):
    tab.page.fill("#search-input", "Atlantis")
    tab.page.press("#search-input", "Enter")
    assert tab.page.text_content("#search-status") == "No actor matches."


def test_click_opens_the_panel_with_the_relations(tab, article):
    tab.page.check("#all-dates")
    click_actor(tab, "PRK")
    assert tab.page.is_visible("#panel")
    assert tab.page.text_content("#panel-title") == "North Korea"
    assert tab.page.locator("#panel-relations > li").count() == len(article.in_edges("PRK")) + len(article.out_edges("PRK"))
    faded = tab.js("actorGraph.nodes.get().filter(n => n.opacity < 1).map(n => n.id)")
    assert set(faded) == set(article.nodes) - {"PRK"} - set(article.predecessors("PRK")) - set(article.successors("PRK"))


def test_unticking_a_type_hides_its_edges(tab, article):
    tab.page.check("#all-dates")
    kind = "sanctions" if "sanctions" in article.graph["relation_types"] else next(iter(article.graph["relation_types"]))
    count = sum(1 for *_, t in article.edges(data="type") if t == kind)
    tab.page.uncheck(f'#legend-types input[value="{kind}"]')
    assert shown_edges(tab) == article.number_of_edges() - count
    drawn = tab.js("Object.values(actorGraph.network.body.edges).map(e => e.options.id)")
    assert not {k for *_, k, t in article.edges(keys=True, data="type") if t == kind} & set(drawn)


def test_colour_by_sign(tab, article):
    tab.page.check("#colour-by-sign")
    colours = dict(tab.js("actorGraph.edges.get().map(e => [String(e.sign), e.color.color])"))
    assert colours == {str(s): SIGNS[str(s)]["color"] for *_, s in article.edges(data="sign")}


def test_hover_shows_a_text_tooltip(tab, article):
    hover_actor(tab, "PRK")
    tip = tab.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    assert tip.text_content().startswith("North Korea")
    assert article.nodes["PRK"]["description"] in tip.text_content()


@pytest.mark.parametrize("day", ["2024-01-01", "2024-10-31", "2025-04-28"])
def test_slider_shows_the_map_as_of_the_date(tab, article, day):
    start = tab.js("actorGraph.network && document.getElementById('date-slider').min")
    assert start == "0"
    tab.js(
        """day => { const s = document.getElementById('date-slider');
                   s.value = String(Math.round((Date.parse(day) - Date.parse(s.parentElement.querySelector('.range-end').textContent)) / 864e5));
                   s.dispatchEvent(new Event('input')); }""",
        day,
    )
    assert tab.page.text_content("#as-of") == f"as of {day}"
    assert shown_edges(tab) == as_of(article, day).number_of_edges()
    starting = {k for *_, k, d in article.edges(keys=True, data=True) if day in (d["valid_from"], d["valid_to"])}
    marked = tab.js("actorGraph.edges.get().filter(e => e.shadow && e.shadow.enabled).map(e => e.id)")
    assert set(marked) == starting


def test_play_walks_through_the_changes(tab):
    tab.page.click("#play")
    tab.page.wait_for_function("actorGraph.state.date !== null && actorGraph.state.date > '1950-01-01'", timeout=5000)
    tab.page.click("#play")
    assert tab.page.text_content("#play") == "▶ Play"


def test_relax_lets_the_map_move_and_reset_stops_it(tab):
    before = tab.js("actorGraph.network.getPositions()")
    tab.page.check("#relax")
    assert tab.js("actorGraph.network.physics.physicsEnabled") is True
    tab.page.wait_for_function(
        "b => Object.entries(actorGraph.network.getPositions()).some(([id, p]) => Math.hypot(p.x - b[id].x, p.y - b[id].y) > 1)",
        arg=before,
        timeout=5000,
    )
    tab.page.click("#reset")
    assert tab.js("actorGraph.network.physics.physicsEnabled") is False
    assert not tab.page.is_checked("#relax")


def test_reset_restores_the_first_view(tab, article):
    first = shown_edges(tab)
    tab.page.check("#all-dates")
    tab.page.uncheck("#legend-statuses input >> nth=0")
    click_actor(tab, "RUS")
    tab.page.click("#reset")
    assert shown_edges(tab) == first
    assert tab.page.is_hidden("#panel")
    assert tab.js("actorGraph.nodes.get().every(n => n.opacity === 1)")


def test_script_payloads_stay_text(open_tab, xss_dir, tmp_path):
    tab = open_tab(write_html(load_graph(xss_dir), tmp_path / "xss.html"))
    tab.page.check("#all-dates")
    for actor in ("PRK", "RUS", "USA", "UKR"):
        hover_actor(tab, actor)
        tab.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
        click_actor(tab, actor)
    for text in (XSS["img"], XSS["svg"] + " alias", "Pyongyang"):
        tab.page.fill("#search-input", text)
        tab.page.press("#search-input", "Enter")
    click_actor(tab, "PRK")
    tab.page.click("header details summary")
    assert tab.page.text_content("#panel-title") == XSS["img"]
    assert XSS["script"] in tab.page.text_content("#panel-relations")
    assert tab.js("window.__xss") is None
    assert (
        tab.js(
            "document.querySelectorAll('#panel svg, #panel img, #source-list svg, #source-list img, .vis-tooltip img, .vis-tooltip svg').length"
        )
        == 0
    )
    hrefs = tab.js("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert tab.blocked == []
    assert tab.errors == []
