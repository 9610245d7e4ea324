"""Driving the page in headless Chromium: shared by the browser tests (tests/test_browser*.py; their fixtures are in conftest.py).

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright; no browser
is ever downloaded. Every request that is not ``file:``, ``data:`` or
``about:`` is aborted and counted, and each test asserts that there were none
and that the page reported no error. The page is driven through the
``window.actorgraph`` hook (graph/static/page.js) where a test needs a state,
and through clicks and keys where the test is about the clicks and keys. The
tests are in three files so that two workers can share them.

Each helper asks the page for what it needs in one evaluation where it can:
a round trip to the browser costs more than the JavaScript it runs, and the
browser tests make thousands of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


def driver_note(text: str) -> bool:
    """Chromium's own note on software WebGL (SwiftShader) reading pixels back: a browser notice, not the page's."""
    return text.startswith("[.WebGL-") and "GPU stall due to ReadPixels" in text


# Where the vis view draws an actor, in page coordinates (the map's box plus the canvas point).
_NODE_POINT = """id => { const n = actorgraph.network; const p = n.canvasToDOM(n.getPositions([id])[id]);
                         const box = document.getElementById('map').getBoundingClientRect(); return [box.x + p.x, box.y + p.y]; }"""


def node_point(tab: Tab, actor: str) -> tuple[float, float]:
    """Where an actor is drawn, in page coordinates."""
    x, y = tab.js(_NODE_POINT, actor)
    return x, y


def line_point(tab: Tab, line: str) -> tuple[float, float]:
    """The middle of a drawn line (straight or curved), in page coordinates."""
    x, y = tab.js(
        "id => { const n = actorgraph.network; const e = n.body.edges[id];"
        " const p = n.canvasToDOM(e.edgeType.getPoint(0.5, e.edgeType.getViaNode()));"
        " const box = document.getElementById('map').getBoundingClientRect(); return [box.x + p.x, box.y + p.y]; }",
        line,
    )
    return x, y


def gl_point(tab: Tab, actor: str) -> tuple[float, float]:
    """Where the WebGL view draws an actor, in page coordinates."""
    x, y = tab.js(
        "id => { const p = actorgraph.sigma.graphToViewport(actorgraph.graph.getNodeAttributes(id));"
        " const box = document.getElementById('map').getBoundingClientRect(); return [box.x + p.x, box.y + p.y]; }",
        actor,
    )
    return x, y


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


# For each actor: drawn outside the map, under the panel (when it shows: a box and not visibility:hidden),
# or under something else at its point. Boxes are the viewport's, as elementFromPoint takes them.
_UNCOVERED = (
    "ids => { const pointOf = "
    + _NODE_POINT
    + """;
    const inBox = (b, [x, y]) => b.x <= x && x <= b.x + b.width && b.y <= y && y <= b.y + b.height;
    const map = document.getElementById('map').getBoundingClientRect();
    const panel = document.getElementById('panel');
    const panelBox = panel.getBoundingClientRect();
    const panelShown = panelBox.width > 0 && panelBox.height > 0 && getComputedStyle(panel).visibility !== 'hidden';
    return ids.filter(id => { const point = pointOf(id); const top = document.elementFromPoint(...point);
      return !inBox(map, point) || (panelShown && inBox(panelBox, point)) || !(top && top.closest('#map') !== null); });
  }"""
)


def uncovered(tab: Tab, actors: list[str]) -> list[str]:
    """The actors that are not drawn inside the map, or that something else covers."""
    return tab.js(_UNCOVERED, actors)
