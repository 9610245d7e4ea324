"""Would a learned layer over the rule reader find more? A logistic regression over actor pairs the rules left alone.

Usage (from the repository root)::

    python benchmarks/ingest/learned_pairs.py --hold dev9 --hold dev10 --hold dev11

For every sentence with a trigger, each ordered pair of actors the rules proposed nothing for becomes a row: features
of the pair (the nearest trigger's type, the triggers between them, their order, distance, prepositions, how each was
named, whether the first is the sentence's subject) and a label (whether the article's gold has that pair with the
nearest trigger's sign, as ``score.py`` matches keys). The model is trained on every tuned set but the held ones (never
on the seed or a blind set from blind7 on), then the held sets are scored with the pairs it accepts added to the
rules' candidates, at several thresholds. Relaxed precision and recall, micro over the held articles; the first line
(threshold above 1) is the rules alone. An experiment, not part of the extractor: nothing here is used by
``actorgraph ingest``.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from score import LATER, keys, matches  # noqa: E402

import graph._relations as relations  # noqa: E402
from graph._clauses import find_triggers  # noqa: E402
from graph.ingest import extract, read_article  # noqa: E402
from graph.io import load  # noqa: E402

#: Sets never trained on: the seed and every blind set from blind7 on (the unseen sets, and blind10, used to find
#: regressions), whichever rounds wrote them.
NEVER = {"seed", *LATER[LATER.index("blind7") :]}


def pair_features(toks, groups, hits, first, second) -> dict[str, float]:
    f: dict[str, float] = defaultdict(float)
    lo, hi = min(first.end, second.end), max(first.start, second.start)
    near = min(hits, key=lambda h: min(abs(h[0] - first.start), abs(h[0] - second.start)))
    f["bias"] = 1
    f["first_before"] = float(first.start < second.start)
    f["near_" + near[2].type] = 1
    f["near_reverse"] = float(near[2].reverse)
    f["first_before_trigger"] = float(first.start < near[0])
    f["second_after_trigger"] = float(second.start >= near[1])
    for h in [h for h in hits if lo <= h[0] < hi][:2]:
        f["between_" + h[2].type] = 1
    distance = abs(second.start - first.start)
    f["distance_le5"], f["distance_le12"] = float(distance <= 5), float(distance <= 12)
    f[f"first_prep_{first.prep}"] = 1
    f[f"second_prep_{second.prep}"] = 1
    f["first_how_" + first.mentions[0].how] = 1
    f["second_how_" + second.mentions[0].how] = 1
    f["first_is_subject"] = float(first is next((g for g in groups if g.prep is None), None))
    for word in (",", "and", "said"):
        f["between_" + word] = float(any(t.lower == word for t in toks[lo:hi]))
    return f


def article_rows(article, dataset):
    """The rules' candidates, and one row per pair they left alone: (key, features)."""
    sentences = []
    rules = relations.candidates

    def watch(toks, groups, types, memory):
        out = list(rules(toks, groups, types, memory))
        sentences.append((toks, groups, find_triggers(toks, types), {(c["source"], c["target"]) for c in out}))
        return out

    relations.candidates = watch
    try:
        found = extract(read_article(HERE / (article["article"] + ".txt")), dataset, date=article["date"])
    finally:
        relations.candidates = rules
    rows = []
    for toks, groups, hits, proposed in sentences:
        if not hits:
            continue
        for first in groups:
            for second in groups:
                near = min(hits, key=lambda h: min(abs(h[0] - first.start), abs(h[0] - second.start))) if hits else None
                if first is second or near[2].type == "act":
                    continue
                for a in first.actors:
                    for b in second.actors:
                        if a.actor_id != b.actor_id and (a.actor_id, b.actor_id) not in proposed:
                            key = (a.actor_id, b.actor_id, near[2].type)
                            rows.append((key, pair_features(toks, groups, hits, first, second), "".join(t.text for t in toks)))
    return [(r.source, r.target, r.type) for r in found.itertuples()], rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hold", action="append", required=True, help="a tuned set to score, not train on (repeatable)")
    ap.add_argument(
        "--evidence", action="store_true", help="where evidence.csv gives a gold row's sentence, label only that sentence's pair"
    )
    args = ap.parse_args(argv)
    dataset = load(ROOT / "data")
    with (ROOT / "data" / "relation_types.csv").open(encoding="utf-8") as f:
        types = {r["type"]: r for r in csv.DictReader(f)}
    evidence: dict[tuple, list[str]] = defaultdict(list)
    if args.evidence and (HERE / "evidence.csv").is_file():
        with (HERE / "evidence.csv").open(encoding="utf-8") as f:
            for e in csv.DictReader(f):
                key = next(iter(keys([(e["source"], e["target"], e["type"])], types, "sign")))
                evidence[e["article"], key].append("".join(e["sentence"].split()))
    with (HERE / "gold.csv").open(encoding="utf-8") as f:
        gold_rows = list(csv.DictReader(f))
    with (HERE / "articles.csv").open(encoding="utf-8") as f:
        articles = [a for a in csv.DictReader(f) if a["set"] not in NEVER]
    data = []
    for art in articles:
        found, rows = article_rows(art, dataset)
        gold = keys([(g["source"], g["target"], g["type"]) for g in gold_rows if g["article"] == art["article"]], types, "sign")
        data.append((art["set"], keys(found, types, "sign"), gold, rows, art["article"]))
    names = sorted({k for _, _, _, rows, _ in data for _, f, _ in rows for k in f})
    index = {k: n for n, k in enumerate(names)}

    def vector(f):
        x = np.zeros(len(names))
        for k, v in f.items():
            x[index[k]] = v
        return x

    def label(article, key, sentence, gold) -> float:
        for p in keys([key], types, "sign"):
            for g in gold:
                if matches(p, g):
                    said = evidence.get((article, g))
                    if not said or any(sentence in e or e.endswith(sentence) for e in said):
                        return 1.0
        return 0.0

    train = [(vector(f), label(article, key, sentence, gold))
             for st, _, gold, rows, article in data if st not in args.hold for key, f, sentence in rows]  # fmt: skip
    x, y = np.array([t[0] for t in train]), np.array([t[1] for t in train])
    w = np.zeros(len(names))
    for _ in range(3000):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * (x.T @ (p - y) / len(y) + 1e-3 * w)
    print(f"trained on {len(y)} pairs ({int(y.sum())} in gold), held: {', '.join(args.hold)}")
    print(f"{'threshold':>9}  {'relaxed P':>9}  {'R':>5}")
    for threshold in (1.01, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5):
        hit_p = n_p = hit_g = n_g = 0
        for st, pred, gold, rows, _ in data:
            if st not in args.hold:
                continue
            extra = {k for key, f, _ in rows if 1 / (1 + math.exp(-vector(f) @ w)) >= threshold for k in keys([key], types, "sign")}
            both = pred | extra
            hit_p += sum(any(matches(p, g) for g in gold) for p in both)
            n_p += len(both)
            hit_g += sum(any(matches(p, g) for p in both) for g in gold)
            n_g += len(gold)
        print(f"{threshold:>9}  {hit_p / max(n_p, 1):>9.2f}  {hit_g / max(n_g, 1):>5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
