"""How far two analysts agree: a second, blind coding of some sets, scored against the gold as ``score.py`` scores
the extractor.

Usage (from the repository root)::

    python benchmarks/ingest/agreement.py

``recode_*.csv`` (``article,source,target,type,status``) hold a second coding of whole sets by helpers who saw
neither the gold rows nor the extractor. Each set's line is the second coder's precision and recall against
``gold.csv`` (strict: pair, direction and type; relaxed: pair, direction and sign), micro over the set's articles:
a ceiling of sorts for the extractor's figures on the same stories, since an analyst coding the same story agrees
with the gold this far and no further.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import keys, prf, ratios  # noqa: E402


def _rows(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Rows by article."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[r["article"]].append((r["source"], r["target"], r["type"]))
    return out


def main() -> int:
    root = HERE.parents[1]
    with (root / "data" / "relation_types.csv").open(encoding="utf-8") as f:
        types = {r["type"]: r for r in csv.DictReader(f)}
    gold = _rows(HERE / "gold.csv")
    second: dict[str, list] = defaultdict(list)
    for path in sorted(HERE.glob("recode_*.csv")):
        for article, rows in _rows(path).items():
            second[article] += rows
    coded = {article.split("/")[0] for article in second}
    by_set: dict[str, list[str]] = defaultdict(list)  # (every article of a set coded again, even one given no row)
    with (HERE / "articles.csv").open(encoding="utf-8") as f:
        for a in csv.DictReader(f):
            if a["set"] in coded:
                by_set[a["set"]].append(a["article"])
    print(f"{'set':10} {'stories':>7} {'gold':>5} {'second':>6}  {'strict P':>8} {'R':>5}  {'relaxed P':>9} {'R':>5}")
    for name in [*sorted(by_set), "all"]:
        articles = [a for s in sorted(by_set) for a in by_set[s]] if name == "all" else by_set[name]
        figures = []
        for label in ("type", "sign"):
            counts = [0, 0, 0, 0]
            for a in articles:
                counts = [x + y for x, y in zip(counts, prf(keys(second[a], types, label), keys(gold[a], types, label)), strict=True)]
            figures.append(ratios(counts)[:2])
        n_gold, n_second = sum(len(gold[a]) for a in articles), sum(len(second[a]) for a in articles)
        (sp, sr), (rp, rr) = figures
        print(f"{name:10} {len(articles):>7} {n_gold:>5} {n_second:>6}  {sp:>8.2f} {sr:>5.2f}  {rp:>9.2f} {rr:>5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
