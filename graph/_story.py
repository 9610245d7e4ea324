"""What a story has told so far, as :mod:`graph.ingest` remembers it from sentence to sentence: the acts and
their doers and targets, the last clash's two sides, who accused whom. Later sentences' reactions ("condemned the
attack", "rejected the charge", "urged restraint") take their targets from it.
"""

from __future__ import annotations

from . import _lexicon
from ._clauses import FORCE, Group, Tok, find_phrase, find_triggers

#: Relations agreed between two, whose agreement a later reaction may name ("welcomed the pact").
AGREED = {"military_cooperation", "defense_pact", "partnership_treaty"}
#: Words by which talks end in an agreement ("agreed to a ceasefire", "normalise ties", "brokered a deal").
AGREEING = {"agree", "agreed", "sign", "signed", "broker", "brokered", "normalise", "normalize", "restore", "establish"}
#: Relations made by saying something, whose words a later reaction may name ("criticised the remarks").
SPOKEN = {"threatens", "condemns", "demands", "opposes"}


def acts_of_others(memory: dict, side: Group) -> list[tuple]:
    """The acts told so far whose doer is not ``side`` (its own acts are not what it reacts to).

    Each is (doer, hostile, words, type, target, synonyms); the target may be None; synonyms are the one-word phrases of
    the line of ``triggers.csv`` that found it.
    """
    mine = side.ids
    return [e for e in memory.get("events", []) if not e[0].ids & mine]


def named_act(toks: list[Tok], span: tuple[int, int], acts: list[tuple], types) -> Group | None:
    """The doer of the act, of ``acts``, that the words ``span`` name ("condemned the strikes"), latest first.

    First by its own words ("the strikes" after "X struck ... and Y hit ..."), then by a synonym of its trigger line
    ("the intrusion" after "stormed the embassy") or its type ("criticised the attack" after a strike).
    """
    told = {t.lemma for t in toks[span[0] : span[1]]}
    kinds = {t.type for *_, t in find_triggers(toks[span[0] : span[1]], types)}
    if find_phrase(toks, _lexicon.cues()["force"], *span):
        kinds |= FORCE  # "condemned the violence", "regretted the loss of life": the last use of force
    return next(
        (d for d, _, said, *_ in reversed(acts) if said & told),
        next((e[0] for e in reversed(acts) if e[5] & told or e[3] in kinds), None),
    )


def both_used_force(memory: dict) -> bool:
    """Whether both sides of the last clash used force (strikes each way, or fighting), as told so far."""
    if "pair" not in memory:
        return False
    sides = [g.ids for g in memory["pair"]]
    doers = [e[0].ids for e in memory.get("events", []) if e[3] in FORCE]
    fighting = any(e[3] == "armed_conflict" for e in memory.get("events", []))
    return fighting or all(any(d & side for d in doers) for side in sides)


def last_accuser(memory: dict, side: Group) -> Group | None:
    """The last one who accused ``side`` of something (and is not ``side``)."""
    mine = side.ids
    return next(
        (src for src, tgt in reversed(memory.get("accusations", [])) if tgt.ids & mine and not src.ids & mine),
        None,
    )


def last_speaker(memory: dict, side: Group) -> Group | None:
    """Who last spoke, other than ``side``: threatened, condemned, demanded (:data:`SPOKEN`), said it would do
    something, said anything at all ("Macron said France bore responsibility. Kagame praised the speech") or adopted a
    resolution."""
    mine = side.ids
    return next((g for g in reversed(memory.get("speakers", [])) if not g.ids & mine), None)


def last_agreement(memory: dict, side: Group) -> Group | None:
    """The parties of the last agreement told (:func:`agreed`) as one group; None when ``side`` is one of them (a
    party welcoming its own deal backs no one by it)."""
    agreements = memory.get("agreements") or [[]]
    if not agreements[-1] or side.ids & {a.actor_id for a in agreements[-1]}:
        return None
    return Group.standing_for(agreements[-1])


def agreed(kind: str, lemmas: list[str]) -> bool:
    """Whether a relation of type ``kind`` told with these trigger words is an agreement (:data:`AGREED`, or talks
    that ended in one)."""
    return kind in AGREED or (kind == "talks" and bool(AGREEING & set(lemmas)))
