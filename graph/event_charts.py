"""Small inline SVG charts of event aggregates, one per pair of actors, for the page's panels.

Each chart shows, month by month, the number of events between the two
actors (both directions; bars) and their mean Goldstein score (a line on the
−10..+10 scale, zero in the middle). The SVG is plain markup meant to be
inlined in the page: it loads nothing, and every text in it (names, months,
numbers) is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

__all__ = ["pair_charts", "pair_months"]

WIDTH, HEIGHT, PAD = 240, 72, 14


def pair_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly totals per unordered pair: ``a``, ``b`` (a < b), ``month``, ``events``, ``goldstein_mean``.

    Rows of any period (day to quarter) and any grouping (root or type) are
    summed into the month their period starts in; months without events
    between a pair's first and last are filled with zero events.

    Examples
    --------
    >>> frame = pd.DataFrame({"source": ["RUS", "PRK", "PRK"], "target": ["PRK", "RUS", "RUS"],
    ...     "period": pd.to_datetime(["2024-06-01", "2024-06-01", "2024-08-01"]),
    ...     "events": [1, 3, 2], "goldstein_sum": [8.0, 6.0, -4.0]})
    >>> print(pair_months(frame).to_string(index=False))
      a   b      month  events  goldstein_mean
    PRK RUS 2024-06-01       4             3.5
    PRK RUS 2024-07-01       0             NaN
    PRK RUS 2024-08-01       2            -2.0
    """
    columns = ["a", "b", "month", "events", "goldstein_mean"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    f = pd.DataFrame(
        {
            "a": frame["source"].where(frame["source"] < frame["target"], frame["target"]),
            "b": frame["target"].where(frame["source"] < frame["target"], frame["source"]),
            "month": pd.to_datetime(frame["period"]).dt.to_period("M").dt.start_time,
            "events": frame["events"].astype("int64"),
            "goldstein_sum": frame["goldstein_sum"].astype("float64") if "goldstein_sum" in frame else float("nan"),
        }
    )
    sums = f.groupby(["a", "b", "month"]).agg(events=("events", "sum"), goldstein_sum=("goldstein_sum", lambda s: s.sum(min_count=1)))
    parts = []
    for (a, b), g in sums.groupby(level=["a", "b"]):
        g = g.droplevel(["a", "b"])
        g = g.reindex(pd.date_range(g.index.min(), g.index.max(), freq="MS"))
        part = pd.DataFrame({"a": a, "b": b, "month": g.index, "events": g["events"].fillna(0).astype("int64")})
        part["goldstein_mean"] = (g["goldstein_sum"] / g["events"].where(g["events"] > 0)).to_numpy()
        parts.append(part)
    return pd.concat(parts, ignore_index=True)[columns]


def pair_charts(frame: pd.DataFrame, names: Mapping[str, str] | None = None) -> dict[tuple[str, str], str]:
    """One inline SVG per unordered pair of actors in an event aggregate.

    Parameters
    ----------
    frame : DataFrame
        An aggregate (:func:`graph.events` or :func:`graph.aggregate_events`).
    names : mapping, optional
        Actor id -> name, for the charts' titles (ids otherwise).

    Returns
    -------
    dict
        ``(a, b)`` with ``a < b`` -> an ``<svg>`` element as a string.

    Examples
    --------
    >>> frame = pd.DataFrame({"source": ["PRK"], "target": ["RUS"], "period": pd.to_datetime(["2024-06-01"]),
    ...     "events": [3], "goldstein_sum": [24.0]})
    >>> svg = pair_charts(frame, {"PRK": "<North Korea>"})[("PRK", "RUS")]
    >>> svg.startswith("<svg") and "&lt;North Korea&gt;" in svg and "<North" not in svg
    True
    """
    names = names or {}
    months = pair_months(frame)
    return {(a, b): _svg(g, names.get(a, a), names.get(b, b)) for (a, b), g in months.groupby(["a", "b"], sort=True)}


def _svg(g: pd.DataFrame, name_a: str, name_b: str) -> str:
    esc = html.escape
    n = len(g)
    top = max(int(g["events"].max()), 1)
    inner_w, inner_h = WIDTH - 2, HEIGHT - 2 * PAD
    step = inner_w / n
    total = int(g["events"].sum())
    first, last = g["month"].iloc[0].strftime("%Y-%m"), g["month"].iloc[-1].strftime("%Y-%m")
    title = f"{name_a} – {name_b}: {total:,} events, {first} to {last}; bars: events per month, line: mean Goldstein score (−10..+10)"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="event-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<line x1="1" x2="{WIDTH - 1}" y1="{PAD + inner_h / 2:.1f}" y2="{PAD + inner_h / 2:.1f}" stroke="#bbb" stroke-dasharray="2 2"/>',
    ]
    points = []
    for i, row in enumerate(g.itertuples(index=False)):
        x = 1 + i * step
        h = inner_h * row.events / top
        month = row.month.strftime("%Y-%m")
        tone = "" if pd.isna(row.goldstein_mean) else f", mean Goldstein {row.goldstein_mean:+.1f}"
        tip = esc(f"{month}: {row.events:,} event{'s' if row.events != 1 else ''}{tone}")
        parts.append(
            f'<rect x="{x:.1f}" y="{PAD + inner_h - h:.1f}" width="{max(step - 1, 1):.1f}" height="{h:.1f}" fill="#8da0cb"><title>{tip}</title></rect>'
        )
        if not pd.isna(row.goldstein_mean):
            points.append(f"{x + step / 2:.1f},{PAD + inner_h / 2 - inner_h / 2 * row.goldstein_mean / 10:.1f}")
    if len(points) > 1:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#d95f02" stroke-width="1.5"/>')
    for p in points if len(points) == 1 else []:
        x, y = p.split(",")
        parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="#d95f02"/>')
    parts += [
        f'<text x="1" y="{PAD - 3}" font-size="9" fill="#555">{esc(f"{top:,} events/month max")}</text>',
        f'<text x="1" y="{HEIGHT - 2}" font-size="9" fill="#555">{esc(first)}</text>',
        f'<text x="{WIDTH - 1}" y="{HEIGHT - 2}" font-size="9" fill="#555" text-anchor="end">{esc(last)}</text>',
        "</svg>",
    ]
    return "".join(parts)
