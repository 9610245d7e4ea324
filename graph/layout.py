"""Positions of the actors on the page: seeded, signed, cached by actor id.

The layout is a force simulation on the *signed* graph: cooperation ties pull
their actors together, conflict ties push theirs apart, and every pair of
actors repels a little, so that the camps of a balanced world end up on two
sides. Small graphs start from their camps (the sign of the leading
eigenvector of the signed adjacency matrix puts each camp on one side) and
finish with a pass that pushes apart actors whose labels would overlap.
Large graphs (over 400 actors) get the same forces, with the repulsion
between all pairs read from a field on a grid (particle-mesh, by FFT), so
time and memory grow with the number of actors and ties, not its square:
10,000 actors and 100,000 relations take about two CPU seconds.

Positions are in page pixels. With a ``cache`` file, the positions of actors
already in it are kept and only new actors are placed, so that adding a row
does not make the map jump.
"""

from __future__ import annotations

import functools
import json
import math
import warnings
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import numpy as np

from .errors import LayoutCacheError
from .write import write_atomic

__all__ = ["LABEL_FONT_SIZE", "NODE_RADIUS", "compute_layout", "label_boxes", "overlapping_labels"]

#: Font size of the labels on the page, in pixels (the page uses the same).
LABEL_FONT_SIZE = 14
#: The largest radius an actor is drawn with, in pixels, for label spacing.
NODE_RADIUS = 16
#: Ideal distance between two tied actors, in pixels.
_SPACING = 170.0
#: Above this many actors: no camp seeding, no label pass, and repulsion from a grid
#: instead of pair by pair (those cost O(n²) memory and time).
_SMALL = 400
#: Most cells on a side of the repulsion grid of large maps, and their simulation steps.
_GRID = 256
_LARGE_ITERATIONS = 60
#: The largest coordinate a layout cache may hold, in pixels (a page is a few thousand wide).
_MAX_COORDINATE = 1e6
#: How far (in spacings) conflict ties push their actors apart.
_CONFLICT_RANGE = 3.0
#: Height of an actor with its label under it: the node, a gap, a line and a half of text.
_BOX_HEIGHT = 2 * NODE_RADIUS + 4 + 20
#: The map area a page shows at zoom 1, in pixels, and the area an actor with its label needs.
_SCREEN = (1000.0, 640.0)
_AREA_PER_ACTOR = 260.0 * 140.0
#: Gap kept between two label boxes, in pixels, and more between tied actors.
_GAP = 10.0
_TIE_GAP = 80.0
#: Average width of a character of the label font, as a share of its size (Arial is about 0.55).
_CHAR_WIDTH = 0.62


def compute_layout(G: nx.Graph, *, cache: str | Path | None = None, seed: int = 7) -> dict[str, tuple[float, float]]:
    """A position ``(x, y)`` in pixels for every actor of ``G``.

    Parameters
    ----------
    G : networkx graph
        Nodes are actor ids; edges may carry ``sign`` (-1, 0, 1), ``weight``
        (−10..+10) and ``status``, as :func:`graph.build.build_graph` sets them.
    cache : path, optional
        A JSON file ``{actor_id: [x, y]}``. Actors found in it keep their
        position; the others are laid out around them, and the file is then
        updated (atomically) with their positions. Actors missing from ``G``
        are kept in the file, so an actor that comes back returns to its place.
        A file that cannot be read as such is ignored (with a warning) and rewritten.
    seed : int
        Seed of the random start: the same graph, seed and cache give the
        same positions.

    Returns
    -------
    dict
        ``actor_id -> (x, y)``, rounded to a tenth of a pixel, in sorted id order.

    Warns
    -----
    UserWarning
        If ``cache`` exists but is not valid JSON of ``{id: [x, y]}`` with
        finite coordinates of a sensible size.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> G = load_graph(EXAMPLE_DATA)
    >>> pos = compute_layout(G)
    >>> sorted(pos) == sorted(G.nodes) and pos == compute_layout(G)
    True
    >>> pos["RUS"][0] > pos["UKR"][0] or pos["RUS"][0] < pos["UKR"][0]  # at war: apart
    True
    >>> overlapping_labels(G, pos)
    []
    """
    ids = sorted(G.nodes, key=str)
    stored = {}
    if cache is not None:
        try:
            stored = _read_cache(cache)
        except LayoutCacheError as err:
            # Positions are a convenience: a damaged cache must not stop a build.
            warnings.warn(f"{err}: ignored; the map is laid out afresh and the file rewritten", UserWarning, stacklevel=2)
    fixed = {n: stored[n] for n in ids if n in stored}
    if len(fixed) == len(ids):
        return {n: fixed[n] for n in ids}

    xy = _place(G, ids, fixed, seed)
    pos = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(ids, xy, strict=True)}
    pos.update(fixed)  # kept exactly as stored, rounding included
    if cache is not None:
        _write_cache(cache, {**stored, **pos})
    return pos


def label_boxes(G: nx.Graph, positions: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float, float, float]]:
    """The box ``(left, top, right, bottom)`` each actor takes with its label.

    vis-network draws the label of a dot-like shape under it, centred; the
    width is estimated from the number of characters, generously.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("A", name="Abc")
    >>> label_boxes(G, {"A": (0, 0)})["A"]
    (-16, -16, 16, 40)
    """
    boxes = {}
    for n, (x, y) in positions.items():
        half = max(NODE_RADIUS, _label_width(G, n) / 2)
        boxes[n] = (x - half, y - NODE_RADIUS, x + half, y + _BOX_HEIGHT - NODE_RADIUS)
    return boxes


def overlapping_labels(G: nx.Graph, positions: Mapping[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """The pairs of actors whose label boxes (:func:`label_boxes`) overlap.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("A", {"name": "Alpha"}), ("B", {"name": "Beta"})])
    >>> overlapping_labels(G, {"A": (0, 0), "B": (20, 10)})
    [('A', 'B')]
    >>> overlapping_labels(G, {"A": (0, 0), "B": (200, 0)})
    []
    """
    boxes = sorted(label_boxes(G, positions).items())
    out = []
    for i, (a, (l1, t1, r1, b1)) in enumerate(boxes):
        for b, (l2, t2, r2, b2) in boxes[i + 1 :]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                out.append((a, b))
    return out


# -- the simulation -------------------------------------------------------------


def _place(G: nx.Graph, ids: list[str], fixed: Mapping[str, tuple[float, float]], seed: int) -> np.ndarray:
    n = len(ids)
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    index = {a: i for i, a in enumerate(ids)}
    pairs, attract, repel = _signed_pairs(G, index)
    moving = np.array([a not in fixed for a in ids])
    xy = _start(n, pairs, attract - repel, fixed, ids, index, moving, rng)
    _relax(xy, pairs, attract, repel, moving)
    if n <= _SMALL:
        if not fixed:
            xy = _fit(_close_gaps(_orient(xy, pairs, attract - repel)))
        widths = np.array([max(2 * NODE_RADIUS, _label_width(G, a)) for a in ids])
        tied = np.zeros((n, n), dtype=bool)
        tied[pairs[:, 0], pairs[:, 1]] = True
        _separate_labels(xy, widths, moving, tied | tied.T)
    return xy


def _signed_pairs(G: nx.Graph, index: Mapping[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per pair of tied actors: how strongly it attracts and repels.

    Each relation counts by its |weight| (intensity, 0..10, at least 1) times
    the weight of its status, so hints and reports shape the map less than
    facts do. Neutral relations attract weakly: the two actors deal with each other.
    """
    statuses = G.graph.get("statuses", {})
    status_weight = {k: float(v.get("weight", 1)) for k, v in statuses.items()}
    edges = [
        (index[u], index[v], abs(float(d.get("weight") or 0)), status_weight.get(d.get("status"), 1.0), d.get("sign", 1))
        for u, v, d in G.edges(data=True)
        if u != v
    ]
    if not edges:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0), np.zeros(0)
    u, v, weight, status, sign = (np.array(c) for c in zip(*edges, strict=True))
    i, j = np.minimum(u, v), np.maximum(u, v)
    strength = np.maximum(1.0, weight) / 10 * status
    codes, pair = np.unique(i * len(index) + j, return_inverse=True)
    pull = np.bincount(pair, np.where(sign > 0, strength, 0) + np.where(sign == 0, strength / 3, 0), len(codes))
    push = np.bincount(pair, np.where(sign < 0, strength, 0), len(codes))
    pairs = np.stack([codes // len(index), codes % len(index)], axis=1).astype(np.int64)
    # Several relations between one pair add up, with diminishing returns and a cap on the pull:
    # a pair with many relations needs room between them to draw their fan of curves.
    return pairs, np.minimum(np.sqrt(pull), 1.0), np.sqrt(push)


def _start(n, pairs, signed, fixed, ids, index, moving, rng) -> np.ndarray:
    """Start positions: cached ones as stored, new ones by camp or near their neighbours."""
    scale = _SPACING * math.sqrt(n)
    xy = rng.uniform(-scale / 2, scale / 2, size=(n, 2))
    if n <= _SMALL and not fixed and len(pairs):
        camp = _camp_axis(n, pairs, signed)
        xy[:, 0] = camp * scale / 2 + xy[:, 0] / 4
    for a, p in fixed.items():
        xy[index[a]] = p
    if fixed and len(pairs):
        # A new actor starts beside the placed actors it is tied to, so it joins its side of the map.
        ends = np.concatenate([pairs, pairs[:, ::-1]])
        ends = ends[moving[ends[:, 0]] & ~moving[ends[:, 1]]]
        count = np.bincount(ends[:, 0], minlength=n)
        total = np.stack([np.bincount(ends[:, 0], xy[ends[:, 1], axis], n) for axis in (0, 1)], axis=1)
        for i in np.flatnonzero(count):
            xy[i] = total[i] / count[i] + rng.normal(0, _SPACING / 3, 2)
    return xy


def _camp_axis(n: int, pairs: np.ndarray, signed: np.ndarray) -> np.ndarray:
    """-1..1 for each actor: its side in the best two-camp split, by spectral signs."""
    A = np.zeros((n, n))
    A[pairs[:, 0], pairs[:, 1]] = signed
    A[pairs[:, 1], pairs[:, 0]] = signed
    _, vectors = np.linalg.eigh(A)
    lead = vectors[:, -1]
    top = np.abs(lead).max()
    return lead / top if top > 0 else lead


def _relax(xy: np.ndarray, pairs: np.ndarray, attract: np.ndarray, repel: np.ndarray, moving: np.ndarray) -> None:
    """Fruchterman–Reingold with signs, in place.

    Every pair of actors repels (k²/d) so that nothing sits on anything else.
    Up to :data:`_SMALL` actors the repulsion is summed pair by pair; beyond,
    it is read from a field on a grid (:func:`_repulsion_field`), so memory
    and time grow with the number of actors and ties, not its square.
    """
    n = len(xy)
    if n < 2 or not moving.any():
        return
    k = _SPACING
    small = n <= _SMALL
    iterations = int(min(300, max(20, 4e7 / n**2))) if small else _LARGE_ITERATIONS
    dtype = np.float64 if small else np.float32
    xy32 = xy.astype(dtype)
    i, j = pairs[:, 0], pairs[:, 1]
    step = k * math.sqrt(n) / 4
    for it in range(iterations):
        force = _repulsion_exact(xy32, k) if small else _repulsion_field(xy32, k).astype(dtype)
        d = xy32[i] - xy32[j]
        dist = np.sqrt(_squares(d)) + 1e-3
        # Cooperation pulls like a spring (d²/k); conflict pushes like extra repulsion (k²/d) up to
        # a few spacings, so that camps part but the map stays compact enough to read unzoomed.
        push = np.where(dist < _CONFLICT_RANGE * k, repel * 2 * k * k / (dist * dist), 0)
        pull = (attract * dist / k - push)[:, None] * d
        for axis in (0, 1):
            force[:, axis] += np.bincount(j, pull[:, axis], n) - np.bincount(i, pull[:, axis], n)
        # Gravity keeps separate components on one page.
        force -= xy32 * dtype(0.02 * len(pairs) / max(n, 1) + 0.01)
        length = np.sqrt(_squares(force)) + 1e-9
        temperature = step * (1 - it / iterations) + k / 20
        move = force * (np.minimum(length, temperature) / length)[:, None]
        move[~moving] = 0
        xy32 += move
    xy[:] = xy32


def _squares(v: np.ndarray) -> np.ndarray:
    """x² + y² of each row of ``v``: the same numbers as ``(v * v).sum(axis=1)``, without numpy's slow reduction over two columns."""
    return v[:, 0] * v[:, 0] + v[:, 1] * v[:, 1]


def _repulsion_exact(xy: np.ndarray, k: float) -> np.ndarray:
    """Σ_j k² (x_i − x_j) / (|x_i − x_j|² + 1) for every actor i: n×n arrays, for small maps only."""
    dx = xy[:, 0, None] - xy[None, :, 0]
    dy = xy[:, 1, None] - xy[None, :, 1]
    inverse = dx * dx
    inverse += dy * dy
    inverse += 1
    np.divide(k * k, inverse, out=inverse)
    return np.stack([(dx * inverse).sum(axis=1), (dy * inverse).sum(axis=1)], axis=1)


def _repulsion_field(xy: np.ndarray, k: float) -> np.ndarray:
    """The same repulsion as :func:`_repulsion_exact`, in O(n + g² log g) time and memory.

    A particle-mesh scheme: each actor's unit mass is spread over the four
    corners of its cell of a g×g grid (cloud in cell), the grid of masses is
    convolved with the force kernel k² d / (|d|² + h²) by FFT (zero-padded to
    2g, so nothing wraps around), and each actor reads the field back from
    the same four corners. Far actors act exactly as the pairwise sum would;
    actors closer than a cell (h) push each other more softly.
    """
    # About two cells per actor along each side: a cell is then about half a spacing wide.
    g = int(min(_GRID, max(16, 2 ** math.ceil(math.log2(2 * math.sqrt(len(xy)))))))
    lo = xy.min(axis=0)
    h = max(float((xy.max(axis=0) - lo).max()), 1.0) / (g - 1.001)
    cell = (xy - lo) / h
    corner = np.clip(np.floor(cell).astype(np.int64), 0, g - 2)
    frac = cell - corner
    corners = [(0, 0), (1, 0), (0, 1), (1, 1)]
    flat = [(corner[:, 0] + a) * g + corner[:, 1] + b for a, b in corners]
    share = [(frac[:, 0] if a else 1 - frac[:, 0]) * (frac[:, 1] if b else 1 - frac[:, 1]) for a, b in corners]
    mass = np.zeros(g * g)
    for f, w in zip(flat, share, strict=True):
        mass += np.bincount(f, w, g * g)
    spectrum = np.fft.rfft2(mass.reshape(g, g), s=(2 * g, 2 * g))
    force = np.zeros((len(xy), 2))
    for axis, kernel in enumerate(_kernel_spectra(g)):
        # The kernel is k²/h times its shape in cell units: one transform serves every scale.
        field = np.fft.irfft2(spectrum * kernel, s=(2 * g, 2 * g))[:g, :g].ravel() * (k * k / h)
        for f, w in zip(flat, share, strict=True):
            force[:, axis] += w * field[f]
    return force


@functools.cache
def _kernel_spectra(g: int) -> tuple[np.ndarray, np.ndarray]:
    """The transforms of t / (|t|² + 1) along x and y, for offsets t in cells on a 2g×2g grid."""
    t = np.fft.fftfreq(2 * g, 1 / (2 * g))  # 0, 1, ..., g-1, -g, ..., -1
    tx, ty = np.meshgrid(t, t, indexing="ij")
    inverse = 1 / (tx * tx + ty * ty + 1)
    return np.fft.rfft2(tx * inverse), np.fft.rfft2(ty * inverse)


def _orient(xy: np.ndarray, pairs: np.ndarray, signed: np.ndarray) -> np.ndarray:
    """Turn the map so the camps sit left and right, and centre it, deterministically."""
    xy = xy - xy.mean(axis=0)
    if not len(pairs):
        return xy
    camp = _camp_axis(len(xy), pairs, signed)
    # The eigenvector's sign is arbitrary: fix it by the first actor that has a side.
    sided = np.flatnonzero(np.abs(camp) > 1e-6)
    if len(sided) and camp[sided[0]] > 0:
        camp = -camp
    axis = (xy * camp[:, None]).sum(axis=0)
    norm = np.hypot(*axis)
    if norm < 1e-9:
        return xy
    c, s = axis / norm
    return xy @ np.array([[c, -s], [s, c]])


def _close_gaps(xy: np.ndarray, widest: float = 1.6 * _SPACING) -> np.ndarray:
    """Shrink every empty band wider than ``widest`` along each axis, keeping the order.

    Repulsion between the camps and between separate components has no
    natural stop; without this the fitted map would be mostly empty space
    and its labels too small to read.
    """
    xy = xy.copy()
    for axis in (0, 1):
        order = np.argsort(xy[:, axis], kind="stable")
        gaps = np.diff(xy[order, axis])
        shift = np.concatenate([[0.0], np.cumsum(np.maximum(gaps - widest, 0))])
        xy[order, axis] -= shift
    return xy - xy.mean(axis=0)


def _fit(xy: np.ndarray) -> np.ndarray:
    """Shrink a map larger than a screen's worth of labels; the label pass then spreads it again.

    The page fits the whole map in the window: a map larger than it needs
    would be drawn zoomed out, with labels too small to read.
    """
    width = max(_SCREEN[0], math.sqrt(len(xy) * _AREA_PER_ACTOR * _SCREEN[0] / _SCREEN[1]))
    height = width * _SCREEN[1] / _SCREEN[0]
    extent = xy.max(axis=0) - xy.min(axis=0)
    scale = min(1.0, width / max(extent[0], 1), height / max(extent[1], 1))
    return xy * scale


def _separate_labels(xy: np.ndarray, widths: np.ndarray, moving: np.ndarray, tied: np.ndarray, rounds: int = 400) -> None:
    """Push apart, in place, actors whose label boxes overlap, along the cheaper axis.

    Tied actors keep a wider gap, so that the lines (and fans of curves)
    between them stay visible.
    """
    n = len(xy)
    if n < 2:
        return
    extra = np.where(tied, _TIE_GAP, 0.0)
    height = _BOX_HEIGHT + _GAP + extra
    need_x = (widths[:, None] + widths[None, :]) / 2 + _GAP + extra
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    for _ in range(rounds):
        dx = xy[None, :, 0] - xy[:, None, 0]
        dy = xy[None, :, 1] - xy[:, None, 1]
        over_x = need_x - np.abs(dx)
        over_y = height - np.abs(dy)
        clash = upper & (over_x > 0) & (over_y > 0) & (moving[:, None] | moving[None, :])
        if not clash.any():
            return
        a, b = np.nonzero(clash)
        # Move along the axis that needs the smaller push; ties in position part by index.
        along_x = over_x[a, b] < over_y[a, b]
        push = np.where(along_x, over_x[a, b], over_y[a, b]) / 2 + 0.5
        sx = np.where(dx[a, b] >= 0, 1.0, -1.0)
        sy = np.where(dy[a, b] >= 0, 1.0, -1.0)
        step = np.zeros((len(a), 2))
        step[along_x, 0] = (push * sx)[along_x]
        step[~along_x, 1] = (push * sy)[~along_x]
        # A cached actor stays; the new one then moves the whole way.
        share_a = np.where(moving[b], 1.0, 2.0) * moving[a]
        share_b = np.where(moving[a], 1.0, 2.0) * moving[b]
        np.add.at(xy, a, -step * share_a[:, None])
        np.add.at(xy, b, step * share_b[:, None])


def _label_width(G: nx.Graph, node) -> float:
    name = str(G.nodes[node].get("name") or node)
    return len(name) * LABEL_FONT_SIZE * _CHAR_WIDTH


# -- the cache file ----------------------------------------------------------------


def _read_cache(path: str | Path) -> dict[str, tuple[float, float]]:
    """The positions stored in ``path`` ({} if there is no such file).

    Raises
    ------
    LayoutCacheError
        If the file cannot be read or holds anything but ``{id: [x, y]}``
        with coordinates a page can draw.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError) as err:  # RecursionError: deeply nested [[[...
        msg = f"layout cache {path} is not valid JSON ({type(err).__name__}: {str(err)[:200]})"
        raise LayoutCacheError(msg) from err
    msg = f"layout cache {path} must map actor ids to [x, y] with |x|, |y| <= {_MAX_COORDINATE:g}"
    try:
        positions = {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}
    except (AttributeError, TypeError, ValueError, IndexError, KeyError, OverflowError) as err:
        raise LayoutCacheError(msg) from err
    # json reads NaN, Infinity and 1e308, which no page can draw nor the simulation move.
    if not all(abs(c) <= _MAX_COORDINATE for xy in positions.values() for c in xy):
        raise LayoutCacheError(msg)
    return positions


def _write_cache(path: str | Path, positions: Mapping[str, tuple[float, float]]) -> None:
    text = json.dumps({k: list(positions[k]) for k in sorted(positions)}, indent=0, separators=(",", ":")) + "\n"
    write_atomic(path, text, make_folder=True)
