"""Which view the page draws with, decided by the map's size.

Kept apart from :mod:`graph.render` so that the command line can name the
choices in its help without importing the page's machinery (jinja2, the
layout), which every other command would then pay for.
:mod:`graph.render` re-exports all of it.
"""

from __future__ import annotations

__all__ = ["RENDERERS", "WEBGL_ACTORS", "WEBGL_RELATIONS", "choose_renderer"]

#: The page's two views, and "auto": WebGL (sigma.js) from the sizes below, else vis-network.
RENDERERS = ("auto", "vis", "webgl")
#: From this many actors, or this many relations, "auto" draws with WebGL. Measured (benchmarks/bench_scale.py,
#: docs/page.md): vis-network cannot hold 100 ms per interaction at 2,000 actors / 10,000 relations, nor draw
#: them in 1 s, while sigma.js can; at 500 / 2,000 vis still holds its budgets and keeps dashes and shapes.
WEBGL_ACTORS = 1000
WEBGL_RELATIONS = 5000


def choose_renderer(n_actors: int, n_relations: int, renderer: str = "auto") -> str:
    """The view that draws a map of this size: ``"vis"`` (vis-network) or ``"webgl"`` (sigma.js).

    Raises
    ------
    ValueError
        If ``renderer`` is not one of :data:`RENDERERS`.

    Examples
    --------
    >>> choose_renderer(100, 300), choose_renderer(2000, 10000), choose_renderer(100, 300, "webgl")
    ('vis', 'webgl', 'webgl')
    >>> choose_renderer(10, 10, "canvas")
    Traceback (most recent call last):
    ...
    ValueError: unknown renderer 'canvas': use one of auto, vis, webgl
    """
    if renderer not in RENDERERS:
        msg = f"unknown renderer {renderer!r}: use one of {', '.join(RENDERERS)}"
        raise ValueError(msg)
    if renderer != "auto":
        return renderer
    return "webgl" if n_actors >= WEBGL_ACTORS or n_relations >= WEBGL_RELATIONS else "vis"
