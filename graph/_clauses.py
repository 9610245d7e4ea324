"""One sentence as :mod:`graph.ingest` reads it: tokens, the actors named in it joined into sides, the triggers
found in it, and which side governs a trigger (the clause around it, prepositions, relative clauses, passives).

The words these rules look for are data where they name things (``graph/lexicon/triggers.csv`` and ``cues.csv``);
the closed classes of English they lean on (prepositions, determiners, forms of "be") are listed here.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from . import _lexicon

# Words that make a named actor the doer (``North Korean troops``, ``Chinese warships``).
AGENT_NOUNS = {
    "troop", "troops", "soldier", "soldiers", "force", "forces", "army", "military", "navy", "jet", "jets", "warship",
    "warships", "aircraft", "drone", "drones", "missile", "missiles", "unit", "units", "official", "officials", "leader",
    "leaders", "government", "minister", "president", "diplomat", "diplomats", "ministry", "spokesman", "spokesperson",
    "envoy", "authorities", "ambassador", "delegation", "foreign", "defense", "defence", "air", "coast",
    "warplanes", "warplane", "bombers", "fighter", "fighters", "vessels", "ships", "premier", "chancellor", "police",
    "policemen", "officers", "guards", "agents", "commandos", "paratroopers", "peacekeepers",
}  # fmt: skip
#: A state's forces or ships, named by its adjective in a list of sides ("the Congolese army and Burundi", "a U.S.
#: destroyer and a Canadian frigate").
FORCES = AGENT_NOUNS | {
    "destroyer",
    "destroyers",
    "frigate",
    "frigates",
    "submarine",
    "submarines",
    "carrier",
    "corvette",
    "cruiser",
    "ship",
}
#: Nouns of what two states do together, which make a hyphened pair one side ("U.S.-Japan security treaty").
PAIR_NOUNS = {
    "talks", "treaty", "alliance", "summit", "pact", "deal", "agreement", "accord", "ties", "relations", "security",
    "defence", "defense", "partnership", "dialogue", "war", "conflict", "cooperation", "meeting", "negotiations",
}  # fmt: skip
#: Officials named by where they sit ("a spokesman in Baku", "the government in Kabul"), unlike troops ("forces in
#: Russia"), whose place is where they are, not whose they are.
SEATED = {
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "government", "authorities", "ministry",
    "leadership", "regime",
}  # fmt: skip
AGENT_PREPS = {"by", "from"}
#: Words before a hyphen that make the compound an act ("air-strikes", "counter-attack", "missile-strike").
ACT_PREFIXES = {"air", "counter", "missile", "drone", "cross", "re", "pre", "joint", "naval", "artillery", "rocket"}
#: Goods whose origin "from" names ("a tariff on imports from Colombia"): the target of a trade measure, not its doer.
GOODS = {"imports", "goods", "products", "exports", "shipments", "purchases", "oil", "gas"}
PATIENT_PREPS = {"to", "on", "against", "at", "into", "toward", "towards", "over", "about", "with", "for", "upon", "onto"}
SUBJECT_PREPS = {None, "of", "between", "by", "from", "among", "like"}
OBJECT_PREPS = PATIENT_PREPS | {"of", "in", "between", "like", "including"}
ALLY_WORDS = {"alongside"}
PREPOSITIONS = AGENT_PREPS | PATIENT_PREPS | ALLY_WORDS | {
    "of", "between", "among", "like", "in", "inside", "within", "across", "around", "throughout", "after", "before",
    "during", "under", "including", "via", "through", "than", "beyond",
}  # fmt: skip
DETERMINERS = {
    "the", "a", "an", "both", "all", "its", "their", "his", "her", "neighbouring", "neighboring", "northern", "southern", "eastern",
    "western", "central", "north", "south", "east", "west", "northeastern", "northwestern", "southeastern", "southwestern",
}  # fmt: skip
RELATIVES = {"which", "who", "whom", "whose"}
BOUNDARIES = {";", ":", "—", "–", "(", ")", "but", "while", "whereas", "although", "though", "which", "who", "whom", "whose", "however"}
BE = {"be", "is", "are", "was", "were", "been", "being", "get", "got", "gets"}
#: Words that lead a clause as well as a phrase ("after Algeria shot down a drone").
CONJUNCTIONS = {"after", "before", "since", "until", "as", "when", "once"}
#: Words that open a sentence's adverbial phrase ("Later he met ...", "On the eve of the summit he held talks"), and how
#: far into the sentence its subject may stand.
OPENERS = {"later", "earlier", "then", "meanwhile", "separately", "afterwards", "last", "this"}
OPENING = 10
#: "The three Sahel states": how many actors the phrase stands for, and its nouns.
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
LEFT, RIGHT = 16, 12  # how far (tokens) a trigger looks for its actors

#: Acts the data model has no relation type for (breaking off ties, expelling diplomats, closing a border,
#: mobilising): ``triggers.csv`` names them with this type so that a later reaction ("called the decision
#: hostile") finds its target; they are remembered as hostile events and never proposed.
ACT = "act"
#: Types whose doer a later reaction may refer to ("condemned the attack").
EVENT_TYPES = {
    ACT,
    "attacks",
    "armed_conflict",
    "troop_deployment",
    "arms_transfer",
    "sanctions",
    "threatens",
    "military_cooperation",
    "defense_pact",
}
#: Of those, the acts that a bare reaction ("Japan also voiced concern") refers to: not a pact or joint drills.
HOSTILE_EVENTS = EVENT_TYPES - {"military_cooperation", "defense_pact"}
#: Of those, the uses of force: the two sides of a clash.
FORCE = {"attacks", "armed_conflict"}
#: Reactions whose target may go unsaid ("France said it was outraged"): the last hostile act's doer.
IMPLIED_REACTIONS = {"condemns", "expresses_concern"}
#: Types of reactions to such events.
REACTION_TYPES = {"condemns", "expresses_concern", "opposes", "demands"}
#: Acts that a second doer may join without naming the target again ("Britain followed with its own asset freezes").
SHARED_TARGETS = {"sanctions", "troop_deployment", "arms_transfer", "economic_aid", "military_aid"}
#: Types of things given: what a reactor was given is not what it reacts to ("Russia delivered the batteries to Turkey").
GIVEN = {"arms_transfer", "economic_aid", "military_aid"}
#: Types of help, which a story filed from the country helped may tell without naming it ("PORT VILA - France sent aid").
AID = {"economic_aid", "military_aid"}
#: Types whose object may be the place where they happen ("struck targets in Iran", "troops to its mission in Kosovo").
PLACE_OBJECTS = {"attacks", "armed_conflict", "troop_deployment", "economic_aid"}  # (and "food to people in Syria")
#: Determiners by which a noun refers back to something told before ("the strikes").
ANAPHORA = {"the", "this", "that", "these", "those"}
#: Words that may stand between a verb and its object noun ("reaffirmed its treaty").
POSSESSIVES = {"its", "their", "a", "an", "the", "new"}


@dataclass
class Tok:
    text: str
    lower: str
    lemma: str
    idx: int


@dataclass
class Mention:
    start: int
    end: int
    actors: list[_lexicon.Entry]
    how: str

    @property
    def ids(self) -> set[str]:
        """The ids of the actors it stands for (to compare sides: "the doer's own name is no target")."""
        return {a.actor_id for a in self.actors}


@dataclass
class Group:
    """Mentions joined by "and", commas or "or": one side of a relation."""

    mentions: list[Mention] = field(default_factory=list)
    prep: str | None = None
    ally: bool = False
    agentive: bool = False

    @property
    def coref(self) -> bool:
        return any(m.how == "coref" for m in self.mentions)

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def actors(self) -> list[_lexicon.Entry]:
        return list({a.actor_id: a for m in self.mentions for a in m.actors}.values())

    @property
    def ids(self) -> set[str]:
        return {a.actor_id for m in self.mentions for a in m.actors}

    @property
    def listed(self) -> bool:
        """Whether the side names more than one: "Britain and France", not "U.S. President Joe Biden" (one named twice)."""
        return any(a.ids != b.ids for a, b in itertools.pairwise(self.mentions))

    @classmethod
    def standing_for(cls, actors: list[_lexicon.Entry], start: int = 0, end: int = 0) -> Group:
        """A side the story's memory supplies ("the country of the coup", "the parties of the agreement")."""
        return cls([Mention(start, end, list(actors), "coref")])


def governing_prep(toks: list[Tok], start: int) -> tuple[str | None, bool]:
    """The preposition governing a mention at ``start``, and whether it makes an ally."""
    j = start - 1
    titles = title_words()
    while j >= 0 and (toks[j].lower in DETERMINERS or toks[j].lower in titles):
        j -= 1
    if j < 0:
        return None, False
    word = toks[j].lower
    if word == "with" and j > 0 and toks[j - 1].lower in {"together", "along", "side"}:
        return "with", True
    return (word if word in PREPOSITIONS else None), word in ALLY_WORDS


@functools.cache
def description_nouns() -> frozenset[str]:
    """Nouns that describe the name right after them ("the South American bloc Mercosur", "the Gulf state Qatar"): the
    state nouns and the head nouns of organisations named by description ("the bloc", "the alliance")."""
    cues = _lexicon.cues()
    return frozenset(p[-1] for p in cues["state_noun"] + cues["organisation"])


@functools.cache
def title_words() -> frozenset[str]:
    """The words of officials' titles and offices ("president", "foreign", "minister", "counterpart"), which stand
    between a list's names ("the Honduran foreign minister and his Chinese counterpart")."""
    cues = _lexicon.cues()
    # (not the function words of "secretary of state", which would make "a meeting of the Council" a title)
    return frozenset(w for p in cues["title"] + cues["office"] for w in p if w not in {"-", "of", "state"})


def official(toks: list[Tok], lo: int, hi: int) -> bool:
    """Whether the words from ``lo`` to ``hi`` are "the" and an office ("the head", "the foreign minister")."""
    return hi - lo >= 2 and toks[lo].lower == "the" and all(t.lower in title_words() for t in toks[lo + 1 : hi])


def side_groups(toks: list[Tok], mentions: list[Mention]) -> list[Group]:
    groups: list[Group] = []
    # "Prime Minister Narendra Modi of India and President Xi Jinping of China": the state after a person's name is
    # that person's own, not a side of its own (else the list breaks at "of"): one mention runs on over it.
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and m.start >= 2
            and toks[m.start - 1].lower == "of"
            and prev.end == m.start - 1
            and prev.how in {"leader", "person", "title"}
            and prev.ids == m.ids
        ):
            merged[-1] = replace(prev, end=m.end)
        else:
            merged.append(m)
    mentions = merged
    for m in mentions:
        if groups:
            between = [t.lower for t in toks[groups[-1].end : m.start]]
            # ", and" after a single name starts a new clause ("concern over X, and Y said"), not a list;
            # a bare comma joins only a list that goes on ("X, Y and Z"), not "according to X, Y sent".
            # (one name, however many mentions: "U.S. President Joe Biden, and Indian ... criticised" is a new clause)
            clause = between[:2] == [",", "and"] and not groups[-1].listed
            if between == [","]:
                # (the next item, past the rest of this one: "German Chancellor Olaf Scholz and ..." names Germany
                # twice, its demonym and its leader, with a title between)
                end, after = m.end, None
                for mm in (mm for mm in mentions if mm.start >= m.end):
                    if mm.ids == m.ids and {t.lower for t in toks[end : mm.start]} <= title_words():
                        end = mm.end
                        continue
                    after = mm
                    break
                clause = after is None or not {t.lower for t in toks[end : after.start]} & {",", "and", "or"}
                # "Turkey, Azerbaijan's closest ally,": an apposition, not a list.
                clause = clause or (m.end < len(toks) and toks[m.end].lower == "'s")
            # ("between President Tshisekedi and President Kagame": titles join a list too)
            # ("the Syrian regime and its backer Russia": a possessive before a title joins the list too)
            joiners = {",", "and", "or", "the", "both", "'s", "as", "well", "his", "her", "its", "their", "backer", "ally"}
            joiners |= title_words() | set(NUMBERS)
            # ("the U.S.-Japan security treaty", "Russia-Ukraine talks": two names joined by a hyphen are a pair, before
            # a noun of what pairs do; "the Iraq-Syria border" is a place)
            if (
                between == ["-"]
                and _tight(toks[m.start - 2], toks[m.start - 1])
                and _tight(toks[m.start - 1], toks[m.start])
                and any(t.lower in PAIR_NOUNS for t in toks[m.end : m.end + 2])
            ):
                joiners = joiners | {"-"}
            # ("In Beijing, the Chinese foreign ministry said": a place opening the sentence starts no list)
            opening = groups[-1].start == 1 and toks[0].lower in {"in", "at"}
            clause = clause or ("," in between and opening)
            # ("the European Union and the South American bloc Mercosur": a short description before a name joins too)
            described = 2 <= len(between) <= 6 and between[0] in {"and", "or"} and between[-1] in description_nouns()
            # ("accused the Congolese army and Burundi": a state's forces named by its adjective, then the next side)
            # ("a U.S. destroyer and a Canadian frigate sailed together": so are two states' ships)
            head = between[:-1] if between[-1:] in (["a"], ["an"], ["the"]) else between
            # (not where the next name starts a clause: "Ukraine shot down Russian drones and Poland scrambled jets")
            after = toks[m.end] if m.end < len(toks) else None
            forces = (
                1 <= len(head) - 1 <= 2
                and head[-1] in {"and", "or"}
                and set(head[:-1]) <= FORCES
                # (a demonym or "U.S.", which is used as one)
                and (groups[-1].mentions[-1].how == "demonym" or toks[groups[-1].end - 1].text in {"U.S.", "US", "UK", "EU"})
                and (after is None or not (after.text.isalpha() and after.text.islower()) or after.lower in FORCES | PREPOSITIONS)
            )
            if m.start >= groups[-1].end and (set(between) <= joiners or described or forces) and not clause:
                groups[-1].mentions.append(m)
                continue
        groups.append(Group([m]))
    for g in groups:
        g.prep, g.ally = governing_prep(toks, g.start)
        if g.prep == "in" and g.start > 1 and toks[g.start - 2].lower in SEATED and g.mentions[0].how in {"capital", "seat"}:
            # "a spokesman in Baku said", "officials in Kyiv": the capital where an official sits names whose official
            # it is ("officials in Gaza" may be anyone's).
            g.prep = None
        g.agentive = any(t.lower in AGENT_NOUNS for t in toks[g.end : g.end + 3])
    return groups


def _tight(a: Tok, b: Tok) -> bool:
    """Whether ``b`` follows ``a`` with no space between."""
    return a.idx + len(a.text) == b.idx


def phrase_end(toks: list[Tok], i: int, phrase: tuple[str, ...]) -> int | None:
    """Where ``phrase`` ends if it starts at token ``i``; adverbs in -ly may sit between its words ("relied heavily on")."""
    k = i
    for n, w in enumerate(phrase):
        while n and k < len(toks) and toks[k].lower.endswith("ly") and w not in (toks[k].lower, toks[k].lemma):
            k += 1
        if k >= len(toks) or w not in (toks[k].lower, toks[k].lemma):
            return None
        k += 1
    return k


def find_phrase(toks: list[Tok], phrases: Iterable[tuple[str, ...]], lo: int, hi: int) -> tuple[int, int] | None:
    for i in range(max(lo, 0), min(hi, len(toks))):
        for p in phrases:
            if (end := phrase_end(toks, i, p)) is not None:
                return i, end
    return None


def requirement(toks: list[Tok], trig, i: int, end: int) -> tuple[int, int] | None:
    """Where the words a trigger requires stand ("troops" near "send"), within six words before it and ten after."""
    return find_phrase(toks, trig.requires, i - 6, end + 10)


@functools.cache
def trigger_index() -> dict[str, list[tuple[tuple[str, ...], _lexicon.Trigger]]]:
    index: dict[str, list] = {}
    for trig in _lexicon.triggers():
        for p in trig.phrases:
            index.setdefault(p[0], []).append((p, trig))
    return index


def find_triggers(toks: list[Tok], types) -> list[tuple[int, int, _lexicon.Trigger]]:
    """Every trigger in the sentence whose type the data has and whose required words are near; overlaps resolved."""
    index = trigger_index()
    hits = []
    for i, tok in enumerate(toks):
        if i > 1 and toks[i - 1].text == "-" and not toks[i - 2].text[:1].isupper() and toks[i - 2].lower not in ACT_PREFIXES:
            continue  # "quake - hit regions", "war - torn": a compound adjective, not an act ("U.S. - brokered",
            # "air - strikes", "counter - attack" are acts)
        found = []  # (end, trigger, whether read by the word's own form)
        for p, trig in index.get(tok.lower, []) + (index.get(tok.lemma, []) if tok.lemma != tok.lower else []):
            end = phrase_end(toks, i, p)
            if end is None or (trig.type not in types.index and trig.type != ACT):
                continue
            if end < len(toks) and toks[end].text == "-":
                continue  # "counter - attack": the first half of a compound is no trigger of its own
            if (tok.lower,) in _lexicon.cues()["verb_only"] and _noun_reading(toks, i):
                continue  # "strikes on military targets", "Iranian-linked targets": what is aimed at, not an act
            if not trig.requires or requirement(toks, trig, i, end):
                found.append((end, trig, p[0] == tok.lower))
        # (words read by their own form are not read again by their lemma as the same type: "alarming" is a
        # judgment, not "alarm" the other way round)
        hits += [(i, end, t) for end, t, own in found if own or not any(o and (e, u.type) == (end, t.type) for e, u, o in found)]
    hits = list(dict.fromkeys(hits))

    # Of two overlapping triggers the longer wins ("technically at war" over "at war"), then the earlier
    # ("military support for" is military support); the same words may still trigger several types.
    def beaten(h, o) -> bool:
        if (o[0], o[1]) == (h[0], h[1]) or o[1] <= h[0] or h[1] <= o[0]:
            return False
        return (o[1] - o[0], -o[0]) > (h[1] - h[0], -h[0])

    return sorted((h for h in hits if not any(beaten(h, o) for o in hits)), key=lambda h: h[0])


def _noun_reading(toks: list[Tok], i: int) -> bool:
    """Whether the word at ``i`` reads as a noun: after a lower-case word that is no adverb, modal or "to", and before
    no object ("military targets in Syria", "Iranian-linked targets, including"; not "Russia targets Kharkiv",
    "will target", "deliberately targets civilians", "the offensive targets Kharkiv")."""
    if i == 0:
        return False
    before = toks[i - 1]
    after = toks[i + 1].lower if i + 1 < len(toks) else "."
    modifier = (
        before.text[:1].islower()
        and before.lower not in {"to", "not", "also", "did"}
        and not before.lower.endswith("ly")
        and (before.lower,) not in _lexicon.cues()["modality"]
    )
    return modifier and (not after[:1].isalnum() or after in PREPOSITIONS | {"and", "or", "that", "which", "there", "including"})


def _boundary(toks: list[Tok], k: int, groups: list[Group]) -> bool:
    """Whether token ``k`` ends a clause: a boundary word, or ", and" that ends no list."""
    if toks[k].lower in BOUNDARIES:
        return True
    return (
        toks[k].lower == ","
        and k + 1 < len(toks)
        and toks[k + 1].lower == "and"
        # (any side of several mentions, not only one that is :attr:`Group.listed`: "met Ukrainian President Volodymyr
        # Zelensky, and the declaration restated support for Ukraine" must not give the meeting's subject the support)
        and not any(g.end == k and len(g.mentions) > 1 for g in groups)
    )


def clause_start(toks: list[Tok], i: int, groups: list[Group], lo: int = 0) -> int:
    """Where the clause of the word at ``i`` begins: after the last boundary before it, or at ``lo``.

    A relative clause closed before ``i`` is inside it ("China, which has ties with both, urged them").
    """
    for k in range(i - 1, lo - 1, -1):
        if _boundary(toks, k, groups) and not (toks[k].lower in RELATIVES and any(t.lower == "," for t in toks[k + 1 : i])):
            return k + 1
    return lo


def clause_span(toks: list[Tok], i: int, j: int, groups: list[Group]) -> tuple[int, int]:
    """The tokens around a trigger where its actors may be: its clause, at most :data:`LEFT` and :data:`RIGHT` words."""
    lo = clause_start(toks, i, groups, max(0, i - LEFT))
    hi = min(len(toks), j + RIGHT)
    hi = next((k for k in range(j, hi) if _boundary(toks, k, groups)), hi)
    return lo, hi


def noun_use(toks: list[Tok], i: int, groups: list[Group]) -> bool:
    """Whether the trigger at ``i`` is a noun: after a determiner, a possessive or its doer's demonym ("Thai air strikes")."""
    if i == 0:
        return False
    if toks[i - 1].lower in ANAPHORA | {"a", "an", "its", "their", "'s"}:
        return True
    # ("The Americans condemned", "the Danes agreed": a people named in the plural is a doer, not a demonym before a noun)
    return any(g.end == i and adjectival(toks, g) for g in groups)


def adjectival(toks: list[Tok], g: Group) -> bool:
    """Whether ``g`` is only demonyms before a noun ("Thai air strikes"), not a people ("the Danes")."""
    return all(m.how == "demonym" and not _people(toks, m) for m in g.mentions)


def without_minorities(toks: list[Tok], mentions: list[Mention]) -> list[Mention]:
    """The mentions but a people named in the plural as a group within another state, and the name that places it:
    "Kosovo Serbs", "Bosnian Serbs", "ethnic Uzbeks" name neither state."""
    within = [
        m
        for m in mentions
        if _people(toks, m) and m.start > 0 and (toks[m.start - 1].lower == "ethnic" or any(o.end == m.start for o in mentions))
    ]
    return [m for m in mentions if m not in within and not any(m.end == w.start for w in within)]


def without_backers(toks: list[Tok], mentions: list[Mention]) -> list[Mention]:
    """The mentions but a state named as the backer of a group ("Iranian-backed militias", "Russia-aligned
    forces"): the group is not the state, so neither what is done to it nor what it does is the state's."""
    backed = _lexicon.cues()["backing"]
    return [m for m in mentions if not (m.end + 1 < len(toks) and toks[m.end].text == "-" and (toks[m.end + 1].lower,) in backed)]


def _people(toks: list[Tok], m: Mention) -> bool:
    """Whether a demonym names a people in the plural ("the Danes", "Americans"; not "Swiss", an adjective too)."""
    return " ".join(t.text for t in toks[m.start : m.end]) in _lexicon.peoples()


def other_participle(toks: list[Tok], j: int, start: int) -> bool:
    """Whether a "by" phrase at ``start`` belongs to another participle after the trigger ("a drone launched by the Houthis").

    A participle before its noun is an adjective ("to buy 24 used jets from Denmark", "armed drones"), and one right
    after the trigger is the trigger noun's own ("sanctions imposed by the EU").
    """

    def attributive(k: int) -> bool:
        return k == j or toks[k - 1].lower in DETERMINERS or toks[k - 1].lower.replace(",", "").isdigit() or toks[k - 1].lower in NUMBERS

    return any(
        toks[k].lower.endswith("ed") and toks[k].lower not in {"based", "backed"} and not attributive(k) for k in range(j, start - 1)
    )


def relative_clause(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The ``, which ... ,`` clause that ends before token ``i``: (the comma before it, the comma after it)."""
    for r in range(i - 1, max(0, i - LEFT) - 1, -1):
        if toks[r].lower in {";", ":"}:
            return None
        # (", to which both countries belong,", ", with whom it shares a border,": a preposition may lead it)
        lead = r - 1 if r > 1 and toks[r - 1].lower in PREPOSITIONS else r
        if toks[r].lower in {"which", "who", "whom", "whose"} and lead > 0 and toks[lead - 1].lower == ",":
            close = next((k for k in range(r + 1, i) if toks[k].lower == ","), None)
            return None if close is None else (lead - 1, close)
        if toks[r].lower == "'s" and (c := next((k for k in range(r - 1, max(0, r - 4), -1) if toks[k].lower == ","), None)):
            # A possessive apposition: "Russia, Iran's closest ally, condemned ...".
            close = next((k for k in range(r + 1, i) if toks[k].lower == ","), None)
            if close is not None and i - close <= 3 and all(t.text[0].isupper() for t in toks[c + 1 : r]):
                return c, close
        if toks[r].lower in {"a", "an", "the"} and r > 1 and toks[r - 1].lower == "," and toks[r - 2].lower not in {"and", "or"}:
            # An apposition right before the verb: "Turkey, a NATO member, condemned ...".
            close = next((k for k in range(r + 1, i) if toks[k].lower == ","), None)
            # ("Britain, the US, and France condemned" is a list: "and" after the second comma.)
            if close is not None and i - close <= 3 and not any(t.lower in {"and", "or"} for t in toks[close:i]):
                return r - 1, close
    return None


def relative_spans(toks: list[Tok], i: int) -> list[tuple[int, int]]:
    """The ``, which ...`` clauses before token ``i``: (the relative word, the comma that closes it, else ``i``)."""
    return [
        (r, next((k for k in range(r + 1, i) if toks[k].lower == ","), i))
        for r in range(1, i)
        if toks[r].lower in RELATIVES and toks[r - 1].lower == ","
    ]


def second_predicate(toks: list[Tok], i: int) -> bool:
    """Whether the trigger at ``i`` is the object of a second verb of the sentence's subject ("and reaffirmed its")."""
    for k in range(max(0, i - 4), i - 1):
        if k > 0 and toks[k].lower in {"and", "but"} and toks[k - 1].lower != ",":
            verb = toks[k + 1]
            if (verb.lower.endswith("ed") or verb.lemma != verb.lower) and all(t.lower in POSSESSIVES for t in toks[k + 2 : i]):
                return True
    return False


def from_origin(toks: list[Tok], g: Group, trig: _lexicon.Trigger) -> bool:
    """Whether ``g`` follows "from" after one of the trigger's required nouns: where the goods or troops come from
    (the target of a trade measure, "halted imports from Israel"; the giver of arms or troops, "bought tanks from
    South Korea", "troops from Nigeria were deployed")."""
    k = g.start - 1
    while k > 0 and toks[k].lower != "from":
        k -= 1
    # (goods name the origin of a trade measure only: "received weapons shipments from the United States" names the
    # giver)
    goods = trig.type == "sanctions" and k > 0 and toks[k - 1].lower in GOODS
    # (a receiving trigger's "from" names the giver: "bought tanks from South Korea")
    named = not trig.reverse and any(phrase_end(toks, k - len(p), p) == k for p in trig.requires if k >= len(p))
    return g.prep == "from" and (goods or named)


def relative_antecedent(toks: list[Tok], lo: int, groups: list[Group]) -> Group | None:
    """The name before ", which" when the clause ``lo`` starts is that relative clause and has no subject of its own.

    "which Guyana administers" has its own subject (a name right after "which").
    """
    if lo < 2 or toks[lo - 1].lower not in {"which", "who"} or toks[lo - 2].lower != ",":
        return None
    if any(g.start == lo for g in groups):
        return None
    # ("according to the Joint Chiefs of Staff, which called the firing a provocation": a source is a speaker)
    return next((g for g in groups if g.end == lo - 2 and (g.prep is None or according_to(toks, g.start))), None)


def according_to(toks: list[Tok], k: int) -> bool:
    """Whether the words before ``k`` are "according to": what stands at ``k`` is named as a source."""
    return k > 1 and (toks[k - 2].lower, toks[k - 1].lower) == ("according", "to")


def is_passive(toks: list[Tok], i: int, j: int) -> bool:
    """A participle after a form of "be"; but "are concerned that/about/over" is an adjective, not a passive."""
    word = toks[i]
    participle = word.lower.endswith("ed") or (word.lemma != word.lower and not word.lower.endswith(("s", "ing")))
    adjective = j < len(toks) and toks[j].lower in {"that", "about", "over"}
    return participle and not adjective and any(t.lemma in BE or t.lower in BE for t in toks[max(0, i - 2) : i])
