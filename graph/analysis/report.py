"""Every analysis of the map on one day, as named tables: what ``actorgraph analyze`` prints.

The signed graph and its best split are computed once and handed to each section.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ._common import AsOf, is_actor_graph
from .balance import _balance, _camps, _frustrated_ties, _triangles, split_options
from .centrality import _brokers, _centrality, betweenness, betweenness_note
from .predictions import _predictions
from .solver import best_split
from .ties import signed

__all__ = ["report"]


def report(G: nx.Graph, *, as_of: AsOf = None, weak: bool = False, seed: int = 0, top: int = 10, **options) -> dict[str, pd.DataFrame]:
    """Every analysis of the map on one day, as named tables.

    Sections: ``summary``, ``camps`` (members of each camp),
    ``camps vs communities`` (actors whose balance camp and Louvain
    community disagree), ``unbalanced triangles``, ``frustrated ties``,
    ``brokers``, ``centrality`` (the ``top`` by PageRank) and
    ``predictions`` (the ``top``). ``options`` are the tie rules of
    :func:`~graph.analysis.signed_ties` and the split options of
    :func:`~graph.analysis.frustration`.

    Examples
    --------
    >>> from graph.build import load_graph
    >>> from graph.io import EXAMPLE_DATA
    >>> r = report(load_graph(EXAMPLE_DATA), as_of="2024-12-31")
    >>> list(r)
    ['summary', 'camps', 'camps vs communities', 'unbalanced triangles', 'frustrated ties', 'brokers', 'centrality', 'predictions']
    >>> r["camps"][["camp", "members"]]
       camp                 members
    0     1     North Korea, Russia
    1     2  Ukraine, United States
    """
    rules, split_opts = split_options(options)
    S = signed(G, as_of, **rules)
    split = best_split(S, weak=weak, seed=seed, **split_opts)
    tri = _triangles(S, weak)
    summary = _balance(S, split, tri, weak=weak, weighted=split_opts.get("weighted", False))
    summary.insert(0, "as_of", S.graph.get("as_of"))
    summary["blocs"] = rules.get("blocs", "fold") if is_actor_graph(G) else None
    summary["solver_seconds"] = round(split.seconds, 3)
    summary["betweenness"] = betweenness_note(S.number_of_nodes(), seed)
    per_actor = _camps(S, split, seed=seed)
    placed = per_actor.dropna(subset=["camp"])
    by_camp = placed.groupby("camp", sort=True)["name"].agg(lambda names: ", ".join(sorted(names))).rename("members").reset_index()
    by_camp.insert(1, "size", placed.groupby("camp", sort=True).size().to_numpy())
    unaligned = per_actor[per_actor["camp"].isna()]
    if len(unaligned):
        row = {"camp": pd.NA, "size": len(unaligned), "members": ", ".join(sorted(unaligned["name"])) + " (no signed tie)"}
        by_camp = pd.concat([by_camp, pd.DataFrame([row])], ignore_index=True) if len(by_camp) else pd.DataFrame([row])
    by_camp["camp"] = by_camp["camp"].astype("Int64")
    between = betweenness(S, split.labels, seed=seed)  # one Brandes pass for centrality and brokers
    centrality = _centrality(
        G if is_actor_graph(G) else S, S, as_of=as_of, seed=seed, between=between, **(rules if is_actor_graph(G) else {})
    )
    return {
        "summary": summary,
        "camps": by_camp,
        "camps vs communities": per_actor[~per_actor["agrees"].astype(bool)].reset_index(drop=True),
        "unbalanced triangles": tri.loc[~tri["balanced"].astype(bool), ["names", "signs", "reading"]].reset_index(drop=True),
        "frustrated ties": _frustrated_ties(S, split),
        "brokers": _brokers(S, split, seed=seed, between=between),
        "centrality": centrality.head(top),
        "predictions": _predictions(S, weak, top=top),
    }
