"""Which trigger words of a sentence tell an act of their own, for :mod:`graph._relations`.

A word of an act may only refer back to one told before ("the strikes"), name what a reaction condemns ("condemned
the attack"), judge an act rather than be one ("Russia's unprovoked invasion"), be what was talked about ("spoke
about strikes") or be imagined by a warning ("further attacks would meet a harsh response"): then it is no act of
this sentence, and no candidate comes of it.
"""

from __future__ import annotations

from . import _lexicon
from ._clauses import (
    ANAPHORA,
    BE,
    EVENT_TYPES,
    PREPOSITIONS,
    REACTION_TYPES,
    Group,
    Tok,
    adjectival,
    find_phrase,
    phrase_end,
)
from ._trigger import accused_of

#: Words before a judging word that make it a comparison, not a judgment ("urged the West to be more aggressive").
COMPARATIVES = {"more", "less", "most"}


def not_told(toks: list[Tok], i: int, j: int, trig, hits, groups: list[Group]) -> bool:
    """Whether the trigger at ``i``..``j`` tells no act of this sentence (see the module's text)."""
    return (
        anaphoric(toks, i, j, trig, groups)
        or reaction_content(toks, i, trig, hits, groups)
        or topic(toks, i, trig)
        or hypothetical(toks, i, j, trig)
        or (trig.reverse and trig.type in REACTION_TYPES and i > 0 and toks[i - 1].lower in COMPARATIVES)
    )


def anaphoric(toks: list[Tok], i: int, j: int, trig, groups: list[Group]) -> bool:
    """Whether an event noun refers back to an event told before ("the strikes", "the bombing") rather than telling a new one.

    "The deployment of North Korean troops" names its doer, so it is an event of its own, as does "blamed Ukrainian
    drones for the strike".
    """
    if trig.type not in EVENT_TYPES or i == 0 or toks[i - 1].lower not in ANAPHORA:
        return False
    # ("massed troops on the border with Ukraine": a trigger that ends in "with" names the other side; "the war
    # between Russia and Ukraine" may still be the war told before)
    named = toks[j - 1].lower == "with" and any(j <= g.start <= j + 1 for g in groups)
    # ("blamed Ukrainian drones for the strike": an act laid at a name tells who did it)
    named = named or accused_of(toks, groups, i) is not None
    return not named and not any(g.prep in {"by", "from", "of"} and j <= g.start <= j + 3 for g in groups)


def reaction_object(toks: list[Tok], hit, hits, groups: list[Group]) -> bool:
    """Whether ``hit`` is a determiner's noun right after a reaction ("condemned the attack"); not one laid at a name
    between ("blamed Ukrainian drones for the strike")."""
    i, j, trig = hit
    if trig.type in REACTION_TYPES or i == 0 or toks[i - 1].lower not in {"the", "this", "that", "these", "those", "its"}:
        return False
    if not any(t.type in REACTION_TYPES and i - 4 <= e <= i for _, e, t in hits):
        return False
    # ("blamed Pakistan for the attacks by the Taliban": an act whose doer its "by" names is still what is blamed)
    return accused_of(toks, groups, i) is None or (j < len(toks) and toks[j].lower == "by")


def past_naming(toks: list[Tok], k: int) -> int:
    """Where the words named begin when ``k`` opens "what it called" or "what the ministry described as", else ``k``.

    ("condemned what it called Iran's reckless strikes": the "it" of the naming is no event, and what follows
    is the object as if no naming stood between)
    """
    if k >= len(toks) or toks[k].lower != "what":
        return k
    for n in range(k + 2, min(k + 5, len(toks))):
        if not (toks[n].text[:1].isalnum() or toks[n].lower == "'s"):
            return k
        if (end := next((e for p in _lexicon.cues()["naming"] if (e := phrase_end(toks, n, p)) is not None), None)) is not None:
            return end + (end < len(toks) and toks[end].lower == "as")
    return k


def _act_named(toks: list[Tok], lo: int, hi: int) -> bool:
    """Whether an act's noun (``cues.csv`` kind ``event``) stands from ``lo`` to ``hi``: "strikes", "the attack";
    not the pronoun "it", which the cues list for "condemned it" but which also begins "it said"."""
    named = find_phrase(toks, _lexicon.cues()["event"], lo, hi)
    return named is not None and toks[named[0]].lower != "it"


def reaction_content(toks: list[Tok], i: int, trig, hits, groups: list[Group]) -> bool:
    """Whether an event word only describes what a reaction condemns ("denounced the attack as a deliberate targeting").

    So does a second reaction word of the same reaction ("condemned the strikes as a dangerous escalation").
    """
    if trig.type not in EVENT_TYPES | REACTION_TYPES:
        return False
    before = [e for _, e, t in hits if t.type in REACTION_TYPES and i - 8 <= e <= i]
    if not before or any(t.lower in {"and", ",", ";", "but"} for t in toks[max(before) : i]):
        return False  # "condemned the attack and promised arms to Kyiv": a second act
    # (a name that only modifies the object leaves a word that qualifies the event, "condemned Iran's reckless
    # strikes", the reaction's own; not "Petro's accusation", a reaction of that name's own)
    j = next(e for k, e, _ in hits if k == i)
    modifier = trig.type in REACTION_TYPES and _act_named(toks, j, j + 2)
    return not any(
        max(before) <= g.start and g.end <= i and not (modifier and (toks[g.end].lower == "'s" or adjectival(toks, g))) for g in groups
    )


def attributive(toks: list[Tok], hit, hits, groups: list[Group]) -> bool:
    """Whether a judging word only qualifies an act's noun right after it ("Russia's unprovoked invasion", "condemned
    horrific Russian strikes", "carried out a terrorist attack"), not a judgment someone makes: that one names it
    ("called the raids a terrorist attack") or says what it was ("the strike was a cowardly attack")."""
    i, j, trig = hit
    # (a judging word: a reverse trigger, or one plain word that is no verb's form; not "accused Tehran of supplying")
    plain = j == i + 1 and toks[i].lemma == toks[i].lower and not toks[i].lower.endswith(("ed", "ing"))
    if trig.type not in REACTION_TYPES or not (trig.reverse or plain):
        return False
    k = j
    while k < len(toks) and (g := next((g for g in groups if g.start == k), None)) is not None:
        k = g.end  # ("horrific Russian strikes": the doer's demonym may stand between)
    # ("cowardly drone strikes": or one more word of the act's noun)
    at = (k, k + 1) if k < len(toks) and toks[k].text.isalpha() and toks[k].text.islower() and toks[k].lower not in PREPOSITIONS else (k,)
    act = any(n in at and t.type in EVENT_TYPES for n, _, t in hits) or _act_named(toks, k, k + 1)
    said = find_phrase(toks, _lexicon.cues()["naming"], max(0, i - 4), i) is not None
    said = said or any(t.lower in BE for t in toks[max(0, i - 3) : i])
    return act and not said


def topic(toks: list[Tok], i: int, trig) -> bool:
    """Whether an event word is only what was talked about ("spoke with Trump about air defence and long-range
    strikes", "talks on arms supplies"): lower-case words only between it and "about"."""
    if trig.type not in EVENT_TYPES:
        return False
    for k in range(i - 1, max(i - 9, 0), -1):
        if toks[k].lower == "about":
            return True
        if not (toks[k].text.islower() or toks[k].text in {"-", ","}):
            return False
    return False


def hypothetical(toks: list[Tok], i: int, j: int, trig) -> bool:
    """Whether an act's noun is only imagined by a warning: "further attacks on Russian territory would meet a harsh
    response", "any strike on its soil will be answered" (``cues.csv`` kind ``hypothetical`` before it, a modal
    after it in the same clause, and "any" or a warning before it); not "launched further attacks on Kyiv"."""
    cue = find_phrase(toks, _lexicon.cues()["hypothetical"], max(0, i - 2), i)
    if trig.type not in EVENT_TYPES or cue is None:
        return False
    # ("further attacks" is only imagined in a warning; "further strikes ... may have killed three" were made)
    warned = toks[cue[0]].lower == "any" or any(t.lemma in {"warn", "threaten", "vow"} for t in toks[:i])
    for tok in toks[j : j + 8]:
        # ("further sanctions on Russia that will target its fleet": a relative clause's modal is its own)
        if tok.lower in {",", ";", "and", "but", "that", "which", "who"}:
            return False
        if tok.lower in {"would", "will", "could", "might", "may", "should"}:
            return warned
    return False
