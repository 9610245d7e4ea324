"""Score `actorgraph ingest` against gold relations: precision, recall and F1, per article and per set.

Usage (from the repository root)::

    python benchmarks/ingest/score.py            # every set of articles.csv
    python benchmarks/ingest/score.py --set dev --errors

Sets (``articles.csv``): ``seed`` is the project's seed article, read from
``shared/sources/`` beside the checkout (never copied here), and its gold is the rows of
``data/relations.csv`` that cite the source ``article``; ``dev`` holds short
articles composed for tuning the lexicon; ``heldout`` holds stories about
other conflicts that the lexicon was never tuned on. Gold of both: ``gold.csv``.

Matching, on distinct (source, target, label) keys:

* strict: the label is the relation type;
* relaxed: the label is the type's sign (+1, 0, -1).

A candidate matches a gold row when the actor pair and the label agree, and
so does the direction, unless either type is undirected. Precision is the
share of candidate keys that match some gold key; recall the share of gold
keys matched by some candidate key. Totals are micro-averages (counts summed
over the articles of the set); ``unseen`` pools every set but seed and the dev sets (``dev``, ``dev8``);
``unseen-<set>`` the same without the blind sets written after ``<set>``
(:data:`LATER`), so that figures stay comparable with those measured before
those sets were written.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from graph.ingest import extract, read_article  # noqa: E402
from graph.io import load  # noqa: E402

#: The blind sets written last, oldest first: ``unseen-<set>`` pools every unseen set up to that one.
LATER = (
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
    "blind14",
    "blind15",
    "blind16",
    "blind17",
    "blind18",
    "blind19",
    "blind20",
    "blind21",
    "blind22",
    "blind23",
    "blind24",
    "blind25",
    "blind26",
    "blind27",
    "blind28",
    "blind29",
    "blind30",
    "blind31",
    "blind32",
    "blind33",
    "blind34",
    "blind35",
    "blind36",
    "blind37",
    "blind38",
    "blind39",
    "blind40",
    "blind41",
    "blind42",
    "blind43",
    "blind44",
    "blind45",
    "blind46",
    "blind47",
    "blind48",
    "blind49",
    "blind50",
    "blind51",
    "blind52",
    "blind53",
    "blind54",
    "blind55",
    "blind56",
    "blind57",
    "blind58",
    "blind59",
    "blind60",
    "blind61",
    "blind62",
    "blind63",
    "blind64",
    "blind65",
    "blind66",
    "blind67",
    "blind68",
    "blind69",
    "blind70",
    "blind71",
    "blind72",
    "blind73",
    "blind74",
    "blind75",
    "blind76",
    "blind77",
    "blind78",
    "blind79",
    "blind80",
    "blind81",
    "blind82",
    "blind83",
    "blind84",
    "blind85",
    "blind86",
    "blind87",
    "blind88",
    "blind89",
    "blind90",
    "blind91",
    "blind92",
    "blind93",
    "blind94",
    "blind95",
    "blind96",
    "blind97",
    "blind98",
    "blind99",
    "blind100",
    "blind101",
    "blind102",
    "blind103",
    "blind104",
    "blind105",
    "blind106",
    "blind107",
    "blind108",
    "blind109",
    "blind110",
    "blind111",
    "blind112",
    "blind113",
    "blind114",
    "blind115",
    "blind116",
    "blind117",
    "blind118",
    "blind119",
    "blind120",
    "blind121",
    "blind122",
    "blind123",
    "blind124",
    "blind125",
    "blind126",
    "blind127",
    "blind128",
    "blind129",
    "blind130",
    "blind131",
    "blind132",
    "blind133",
    "blind134",
    "blind135",
    "blind136",
    "blind137",
    "blind138",
    "blind139",
    "blind140",
    "blind141",
    "blind142",
)


def _shared(relative: str) -> Path:
    """A file of the project's shared folder, which sits beside the checkout or one level up (worktrees)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / relative).is_file():
            return base / relative
    return ROOT.parent / relative


def keys(rows, types, label: str) -> set[tuple[str, str, str, bool]]:
    """Distinct (a, b, label, directed); an undirected pair in sorted order."""
    out = set()
    for source, target, type_ in rows:
        directed = types[type_]["directed"] == "true"
        value = type_ if label == "type" else types[type_]["sign"]
        a, b = (source, target) if directed else tuple(sorted((source, target)))
        out.add((a, b, value, directed))
    return out


def matches(p, g) -> bool:
    if p[2] != g[2] or {p[0], p[1]} != {g[0], g[1]}:
        return False
    return p[0] == g[0] or not (p[3] and g[3])


def prf(pred: set, gold: set) -> tuple[int, int, int, int]:
    """(candidates that match, candidates, gold keys found, gold keys)."""
    tp_p = sum(any(matches(p, g) for g in gold) for p in pred)
    tp_g = sum(any(matches(p, g) for p in pred) for g in gold)
    return tp_p, len(pred), tp_g, len(gold)


def ratios(counts) -> tuple[float, float, float]:
    tp_p, n_p, tp_g, n_g = counts
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data")
    with (HERE / "articles.csv").open(encoding="utf-8") as f:
        all_articles = list(csv.DictReader(f))
    names = list(dict.fromkeys(a["set"] for a in all_articles))
    ap.add_argument("--set", action="append", choices=names, help="only these sets (repeatable)")
    ap.add_argument(
        "--rules-only",
        dest="learned",
        action="store_false",
        help="the rules alone, without the learned pair layer (extract(learned=False))",
    )
    ap.add_argument("--errors", action="store_true", help="list the false candidates and the gold keys missed")
    ap.add_argument("--evidence", type=Path, default=HERE / "evidence.csv", help="gold rows' evidence sentences (optional)")
    args = ap.parse_args(argv)

    dataset = load(args.data)
    types = {row["type"]: row for _, row in dataset.tables["relation_types"].iterrows()}
    with (HERE / "gold.csv").open(encoding="utf-8") as f:
        gold_rows = list(csv.DictReader(f))
    articles = [a for a in all_articles if not args.set or a["set"] in args.set]
    evidence: dict[tuple[str, str, str, str], str] = {}
    if args.evidence.is_file():
        with args.evidence.open(encoding="utf-8") as f:
            evidence = {(e["article"], e["source"], e["target"], e["type"]): " ".join(e["sentence"].split()) for e in csv.DictReader(f)}
    sentences: dict[str, list[int]] = {}  # set → [gold rows with evidence, found, found citing it, missed with other rows]
    rel = dataset.tables["relations"]
    seed_gold = [(r.source, r.target, r.type) for r in rel.itertuples() if "article" in r.citation.split("|")]

    totals: dict[tuple[str, str], list[int]] = {}
    print(
        f"{'set':8} {'article':36} {'cand':>4} {'gold':>4}  {'strict P':>8} {'R':>5} {'F1':>5}  {'relaxed P':>9} {'R':>5} {'F1':>5}  {'secs':>5}"
    )
    for art in articles:
        path = _shared(art["path"]) if art["path"] else HERE / f"{art['article']}.txt"
        if not path.is_file():
            print(f"{art['set']:8} {art['article']:36} missing: {path}")
            continue
        t0 = time.perf_counter()
        cands = extract(read_article(path), dataset, date=art["date"], learned=args.learned)
        secs = time.perf_counter() - t0
        pred_rows = list(zip(cands["source"], cands["target"], cands["type"], strict=True))
        gold = (
            seed_gold
            if art["set"] == "seed"
            else [(g["source"], g["target"], g["type"]) for g in gold_rows if g["article"] == art["article"]]
        )
        line = f"{art['set']:8} {art['article']:36} {len(cands):>4} {len(gold):>4} "
        for label in ("type", "sign"):
            pred, gk = keys(pred_rows, types, label), keys(gold, types, label)
            counts = prf(pred, gk)
            acc = totals.setdefault((art["set"], label), [0, 0, 0, 0])
            acc[:] = [x + y for x, y in zip(acc, counts, strict=True)]
            p, r, f = ratios(counts)
            line += f" {p:>8.2f} {r:>5.2f} {f:>5.2f} " if label == "type" else f" {p:>9.2f} {r:>5.2f} {f:>5.2f} "
            if args.errors and label == "sign":
                for k in sorted(pred):
                    if not any(matches(k, g) for g in gk):
                        print(f"    false candidate (relaxed): {k}")
                for k in sorted(gk):
                    if not any(matches(p_, k) for p_ in pred):
                        print(f"    missed gold (relaxed): {k}")
        print(line + f" {secs:>5.1f}")
        # (each candidate's key, as the tables above match it, and its sentence)
        said = [(next(iter(keys([k], types, "sign"))), " ".join(c.split())) for k, c in zip(pred_rows, cands["sentence"], strict=True)]
        counts = sentences.setdefault(art["set"], [0, 0, 0, 0])
        for g in gold:
            if (sentence := evidence.get((art["article"], *g))) is None:
                continue
            gk = next(iter(keys([g], types, "sign")))
            cited = [c for k, c in said if matches(k, gk)]
            here = [c for _, c in said if c in sentence or sentence in c]
            counts[0] += 1
            counts[1] += bool(cited)
            counts[2] += any(c in sentence or sentence in c for c in cited)
            counts[3] += not cited and bool(here)
    print()
    print(f"{'overall':8} {'(micro)':36} {'':>4} {'':>4}  {'strict P':>8} {'R':>5} {'F1':>5}  {'relaxed P':>9} {'R':>5} {'F1':>5}")
    # Tuning sets (seed, dev, dev8 ...) are never unseen.
    unseen = [n for n in dict.fromkeys(a["set"] for a in articles) if n != "seed" and not n.startswith("dev")]
    pools = {"unseen": unseen}
    for last, newer in itertools.pairwise(LATER):
        if newer in unseen:
            pools[f"unseen-{last}"] = [n for n in unseen if n not in LATER[LATER.index(newer) :]]
    for pool, members in pools.items():
        if len(members) > 1:
            for label in ("type", "sign"):
                sums = [totals.get((n, label), [0, 0, 0, 0]) for n in members]
                totals[pool, label] = [sum(col) for col in zip(*sums, strict=True)]
    for set_name in [*dict.fromkeys(a["set"] for a in articles), *pools]:
        if (set_name, "type") not in totals:
            continue
        s = ratios(totals[set_name, "type"])
        r = ratios(totals[set_name, "sign"])
        print(f"{set_name:<46} {'':>4}  {s[0]:>8.2f} {s[1]:>5.2f} {s[2]:>5.2f}  {r[0]:>9.2f} {r[1]:>5.2f} {r[2]:>5.2f}")
    if sentences:
        # Which sentence a candidate cites is what the analyst reviews: the gold row's own evidence sentence, or another.
        print()
        print(f"{'evidence':46} {'rows':>5} {'found':>6} {'citing it':>10} {'missed, other rows from it':>27}")
        for set_name, (n, found_, citing, other) in sentences.items():
            if n:
                print(f"{set_name:46} {n:>5} {found_:>6} {citing:>10} {other:>27}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
