"""The learned layer over the rules: a logistic regression that scores the actor pairs of a sentence with a trigger.

The rules (:mod:`graph._relations`) propose what a construction they know joins. On stories they were never tuned
on, most of what they miss are pairs whose two actors were both found in one sentence with a trigger, joined by a
construction no rule knows. This layer scores, once the whole article is read, every ordered pair of actors in such
a sentence, and adds the likely pairs the rules left alone, typed by the trigger of the sentence nearest to them; the
rules' own candidates all stand (how the rules read them is a feature). Its features are the rule parse's (the
trigger's type and position, each side's preposition and how it was named, which side is the sentence's subject,
what stands between) and the article's (how often the two are named together, the story's two main actors).

The weights are data, ``graph/lexicon/pair_model.csv`` (feature, weight), written by
``benchmarks/ingest/train_pairs.py`` from the benchmark's stories that the rules were never tuned on; the
threshold below was chosen there by cross-validation over those stories (one set held out at a time).
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import _lexicon, _trigger
from ._clauses import Group, Tok, clause_start, find_phrase, noun_use
from ._lexicon import LEXICON, Entry
from ._relations import STATUS_FACTOR, reason_text

#: A pair the rules left alone is proposed at this probability or above: the lowest threshold at which the
#: cross-validated precision (``train_pairs.py --cv``, 127 sets) stays three points above 0.7, the margin by which
#: fresh stories have read below the cross-validation.
ADD_AT = 0.30
#: Words whose presence between the two sides is a feature.
BETWEEN_WORDS = (",", "and", "said", "but", "while", "after", "which", "who", "that", "to")


@dataclass
class Sentence:
    """One sentence as the rules read it: its tokens, sides, triggers and the rules' candidates."""

    toks: list[Tok]
    groups: list[Group]
    hits: list
    candidates: list[dict]
    where: dict = field(default_factory=dict)  # what the caller needs to write a row (offsets, date)

    @functools.cached_property
    def hedged(self) -> tuple[bool, bool]:
        """Whether the sentence holds a modality cue and an attribution cue (``cues.csv``), anywhere in it: the rules
        read the same phrases, modality near the trigger only."""
        cue = _lexicon.cues()
        return tuple(find_phrase(self.toks, cue[k], 0, len(self.toks)) is not None for k in ("modality", "attribution"))


@dataclass
class Story:
    """What the whole article tells about a pair: how often its actors are named, together and alone."""

    together: Counter
    named: Counter
    rule_pairs: set
    rule_signs: set

    @classmethod
    def of(cls, sentences: list[Sentence], signs: dict[str, str]) -> Story:
        together: Counter = Counter()
        named: Counter = Counter()
        for s in sentences:
            ids = sorted({i for g in s.groups for i in g.ids})
            named.update(ids)
            together.update(frozenset((x, y)) for n, x in enumerate(ids) for y in ids[n + 1 :])
        made = [c for s in sentences for c in s.candidates if not c["negated"]]
        return cls(
            together,
            named,
            {(c["source"], c["target"]) for c in made},
            {(c["source"], c["target"], signs[c["type"]]) for c in made},
        )


@dataclass
class Row:
    """One pair to score: a candidate of the rules (``rule`` is set) or a pair they left alone."""

    sentence: int
    source: Entry
    target: Entry
    type: str
    features: dict[str, float]
    hit: tuple | None = None
    rule: dict | None = None


def _rank(items: list[Group], g: Group) -> str:
    n = next((n for n, x in enumerate(items) if x is g), None)
    return "x" if n is None else str(min(n, 2))


def features(
    s: Sentence, first: Group | None, second: Group | None, typ: str, story: Story, a: Entry, b: Entry, signs: dict[str, str]
) -> dict[str, float]:
    """The features of the pair ``a`` → ``b`` (sides ``first`` and ``second``) typed ``typ`` in sentence ``s``."""
    f: dict[str, float] = {"bias": 1.0, "type_" + typ: 1.0, f"sign_{signs[typ]}": 1.0}
    toks, groups = s.toks, s.groups
    if first is None or second is None:
        f["offsentence"] = 1.0  # a side the story's memory supplied ("condemned the attack")
    else:
        lo, hi = min(first.end, second.end), max(first.start, second.start)
        typed = [h for h in s.hits if h[2].type == typ] or s.hits
        near = min(typed, key=lambda h: min(abs(h[0] - first.start), abs(h[0] - second.start)))
        subject = next((g for g in groups if g.prep is None), None)
        before, after = int(first.start < near[0]), int(second.start >= near[1])
        f["first_before"] = float(first.start < second.start)
        f["near_reverse"] = float(near[2].reverse)
        f["first_before_trigger"], f["second_after_trigger"] = float(before), float(after)
        f["trigger_between"] = float(lo <= near[0] < hi)
        for h in [h for h in s.hits if lo <= h[0] < hi][:2]:
            f["between_" + h[2].type] = 1.0
        d = abs(second.start - first.start)
        f["d_le3"], f["d_le6"], f["d_le12"], f["d_gt20"] = float(d <= 3), float(d <= 6), float(d <= 12), float(d > 20)
        f[f"first_prep_{first.prep}"] = f[f"second_prep_{second.prep}"] = 1.0
        f["first_how_" + first.mentions[0].how] = f["second_how_" + second.mentions[0].how] = 1.0
        f["first_is_subject"], f["second_is_subject"] = float(first is subject), float(second is subject)
        f[f"conj_{typ}_{before}{after}"] = 1.0
        f[f"conj_prep_{first.prep}_{second.prep}"] = 1.0
        f[f"conj_how_{first.mentions[0].how}_{second.mentions[0].how}"] = 1.0
        f[f"conj_sign_{signs[typ]}_{before}{after}_{int(first is subject)}"] = 1.0
        # How near each side is to the trigger, counted in sides: the nearest on the left and right are its usual doer
        # and object.
        lefts = sorted((g for g in groups if g.end <= near[0]), key=lambda g: -g.end)
        rights = sorted((g for g in groups if g.start >= near[1]), key=lambda g: g.start)
        left, right = _rank(lefts, first), _rank(rights, second)
        f["first_rank_left_" + left] = f["second_rank_right_" + right] = f[f"conj_rank_{left}_{right}"] = 1.0
        f["trig_first_dist_le3"] = float(abs(near[0] - first.end) <= 3)
        f["trig_second_dist_le3"] = float(abs(second.start - near[1]) <= 3)
        for w in BETWEEN_WORDS:
            f["between_w_" + w] = float(any(t.lower == w for t in toks[lo:hi]))
    f["modal"], f["attr"] = map(float, s.hedged)
    f["n_groups_ge4"] = float(len(groups) >= 4)
    f["a_kind_" + a.kind] = f["b_kind_" + b.kind] = 1.0
    f["a_new"], f["b_new"] = float(a.new), float(b.new)
    together = story.together.get(frozenset((a.actor_id, b.actor_id)), 0)
    f["co_1"], f["co_2"], f["co_3p"] = float(together == 1), float(together == 2), float(together >= 3)
    f["rules_pair_any"] = float((a.actor_id, b.actor_id) in story.rule_pairs or (b.actor_id, a.actor_id) in story.rule_pairs)
    f["rules_pair_same"] = float((a.actor_id, b.actor_id) in story.rule_pairs)
    f["rules_pair_sign"] = float((a.actor_id, b.actor_id, signs[typ]) in story.rule_signs)
    top = [x for x, _ in story.named.most_common(2)]
    f["a_top1"], f["b_top1"] = float(top[:1] == [a.actor_id]), float(top[:1] == [b.actor_id])
    f["a_top2"], f["b_top2"] = float(a.actor_id in top), float(b.actor_id in top)
    f["a_freq_3p"], f["b_freq_3p"] = float(story.named[a.actor_id] >= 3), float(story.named[b.actor_id] >= 3)
    return f


def rows(sentences: list[Sentence], types) -> Iterator[Row]:
    """Every pair to score in the article: the rules' candidates, then the pairs they left alone."""
    signs = types["sign"].to_dict()
    story = Story.of(sentences, signs)
    for n, s in enumerate(sentences):
        proposed = {(c["source"], c["target"]) for c in s.candidates}
        side = {i: g for g in reversed(s.groups) for i in g.ids}  # (the first side naming each actor)
        for c in s.candidates:
            f = features(s, side.get(c["source"]), side.get(c["target"]), c["type"], story, c["src_entry"], c["tgt_entry"], signs)
            f["rule"], f["rule_score"], f["rule_negated"] = 1.0, c["score"], float(c["negated"])
            f["rule_status_" + c["status"]] = f["rule_how_" + re.sub(r"[^a-z]+", "_", c["how"].lower())[:30]] = 1.0
            yield Row(n, c["src_entry"], c["tgt_entry"], c["type"], f, rule=c)
        typed = [h for h in s.hits if h[2].type in signs]
        if not typed:
            continue
        for first in s.groups:
            for second in s.groups:
                if first is second:
                    continue
                near = min(typed, key=lambda h: min(abs(h[0] - first.start), abs(h[0] - second.start)))
                for a in first.actors:
                    for b in second.actors:
                        if a.actor_id != b.actor_id and (a.actor_id, b.actor_id) not in proposed:
                            f = features(s, first, second, near[2].type, story, a, b, signs)
                            yield Row(n, a, b, near[2].type, f, hit=near)


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The model's weights, ``graph/lexicon/pair_model.csv``; none when the table is absent (the rules stand alone)."""
    path = LEXICON / "pair_model.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {r["feature"]: float(r["weight"]) for r in csv.DictReader(f)}


def probability(f: dict[str, float], w: dict[str, float] | None = None) -> float:
    """The model's probability that the pair is one an analyst would code."""
    w = weights() if w is None else w
    z = sum(v * w.get(k, 0.0) for k, v in f.items())
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


def select(rows: list[Row], probabilities, types, add_at: float = ADD_AT) -> list[tuple[Row, float]]:
    """The rows kept, with their probabilities: every candidate of the rules, and the pairs they left alone at
    ``add_at`` or above, but one direction per sentence, type and pair (the likelier), and not a directed pair whose
    reverse the rules proposed with the same sign ("South Korea voiced concern about North Korea" is no concern of
    North Korea's)."""
    directed, sign = types["directed"].to_dict(), types["sign"].to_dict()
    scored = list(zip(rows, probabilities, strict=True))
    kept = [(r, p) for r, p in scored if r.rule is not None]
    told = {(r.source.actor_id, r.target.actor_id, sign[r.type]) for r, _ in kept if not r.rule["negated"]}
    best: dict[tuple, tuple[Row, float]] = {}
    for r, p in scored:
        a, b = r.source.actor_id, r.target.actor_id
        if r.rule is not None or p < add_at or (directed[r.type] and (b, a, sign[r.type]) in told):
            continue
        key = (r.sentence, r.type, *sorted((a, b)))
        if key not in best or p > best[key][1]:
            best[key] = (r, p)
    return kept + list(best.values())


def scored(sentences: list[Sentence], types, learned: bool = True, add_at: float = ADD_AT) -> Iterator[tuple[int, dict]]:
    """The candidates of the article, by sentence index: the rules', then (``learned``) the pairs the layer adds at
    ``add_at`` or above."""
    w = weights() if learned else {}
    if not w:
        yield from ((n, c) for n, s in enumerate(sentences) for c in s.candidates)
        return
    found = list(rows(sentences, types))
    yield from kept(sentences, found, [probability(r.features, w) for r in found], types, add_at)


def kept(sentences: list[Sentence], found: list[Row], probabilities, types, add_at: float = ADD_AT) -> Iterator[tuple[int, dict]]:
    """The candidates :func:`select` keeps, by sentence index; a pair added is negated or not as the rules would read
    its trigger (the trainer's cross-validation counts what this gives, as :func:`graph.ingest.extract` does)."""
    for row, p in select(found, probabilities, types, add_at):
        if row.rule is not None:
            yield row.sentence, row.rule
            continue
        s = sentences[row.sentence]
        i, j = row.hit[0], row.hit[1]
        negated, status, _ = _trigger.status(
            s.toks, s.groups, s.hits, i, j, clause_start(s.toks, i, s.groups), noun_use(s.toks, i, s.groups), False
        )
        words = " ".join(t.text for t in s.toks[i:j])
        reason = reason_text(words, row.type, row.source, row.target, f"the learned pair model (p = {p:.2f})", negated)
        yield (
            row.sentence,
            {
                "source": row.source.actor_id,
                "target": row.target.actor_id,
                "type": row.type,
                "status": status,
                "score": round(p * row.hit[2].weight * STATUS_FACTOR[status], 2),
                "reason": reason,
                "negated": negated,
                "how": "learned",
                "probability": p,
                "src_entry": row.source,
                "tgt_entry": row.target,
            },
        )
