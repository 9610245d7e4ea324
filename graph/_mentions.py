"""Who the words of a sentence stand for, beyond the names the gazetteer finds: "both nations", "the South
American country", "its NATO ally", "them", "it", "the three Sahel states", "the group", an official named by office
under a dateline. :mod:`graph.ingest` adds these mentions to each sentence's names before reading its clauses.

The phrases are data (the kinds of ``graph/lexicon/cues.csv``); the story told so far (the actors named, the last
clash's sides, the lists) comes in from :func:`graph.ingest.extract`.
"""

from __future__ import annotations

import functools

from . import _lexicon
from ._clauses import (
    AGENT_NOUNS,
    CONJUNCTIONS,
    NUMBERS,
    OPENERS,
    OPENING,
    PREPOSITIONS,
    Mention,
    Tok,
    according_to,
    governing_prep,
    phrase_end,
    relative_clause,
    relative_spans,
    side_groups,
    title_words,
)
from ._people import NOT_NAMES

#: Words that end a description of a pair ("the two nuclear-armed neighbours") before its noun: a list goes on, a
#: verb or a possessive starts another phrase.
NOT_DESCRIBING_PAIR = {"and", "or", "of", "but", "said", "say", "says", "their", "its", "his", "her", "the", "a", "an"}
PLURAL_STATES = {"states", "countries", "nations", "governments", "juntas", "neighbours", "neighbors", "allies"}
#: Words that make "the ... country" a count, a contrast or a role, not one state described ("the two countries",
#: "the other state", "the host country").
NOT_DESCRIBING = {
    "two", "three", "four", "five", "other", "same", "host", "whole", "entire", "member", "each", "every", "first",
    "last", "only", "second", "third", "home", "transit", "donor", "nuclear", "and", "or", "a", "an", "which", "this",
}  # fmt: skip
#: Words that lead a clause of reason or time whose "it" is the nearest name before it that no preposition governs
#: ("the EU would have to be involved because it had imposed sanctions").
REASONS = (CONJUNCTIONS - {"before"}) | {"because"}
#: Nouns of `organisation` cues that stand only for an organisation whose name has one of these words ("the court",
#: "the lender": the IMF or a bank); the other nouns ("the bloc") for the last organisation named.
NAMED_BY = {
    "court": ("court",),
    "bank": ("bank",),
    "fund": ("fund",),
    "council": ("council",),
    "agency": ("agency",),
    "assembly": ("assembly",),
    "lender": ("fund", "bank"),
}
#: "The group", "the rebels": the last armed group named.
GROUP_WORDS = {"group", "movement", "militia", "rebels", "militants", "insurgents"}
#: Verbs (lemmas) whose "them" is what is sent, troops or arms, not a side ("putting its troops at risk by sending them").
SENDING = {"send", "deploy", "supply", "deliver", "ship"}


def dateline_city(place: str, entries: dict[str, _lexicon.Entry]) -> _lexicon.Entry | None:
    """The state of a city that datelines name but that is no seat of power ("ALMATY", "ISTANBUL"), if listed in
    ``cities.csv``: only for the dateline, never an actor mention in the text."""
    code = _lexicon.dateline_cities().get(place)
    return next((e for e in entries.values() if e.actor_id == code and e.kind == "state"), None) if code else None


def _pair_end(toks: list[Tok], i: int, phrase: tuple[str, ...]) -> int | None:
    """Where the pair phrase ``phrase`` ("the two", "neighbours") ends if it begins at ``i``, with up to two words that
    describe the pair between its number and its noun ("the two Asian giants", "both nuclear-armed neighbours")."""
    head, noun = phrase[:-1], phrase[-1]
    at = i + len(head)
    if tuple(t.lower for t in toks[i:at]) != head:
        return None
    for gap in range(3):
        k = at + gap
        if k < len(toks) and toks[k].lower == noun:
            return k + 1
        if k >= len(toks) or not (toks[k].text.isalpha() or toks[k].text == "-") or toks[k].lower in PREPOSITIONS | {"and", "or", "of"}:
            return None
    return None


def _as_written(toks: list[Tok], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether an epithet at ``i`` is written as ``state_epithets.csv`` writes it ("the North", not "the north"), and
    not as the start of a longer name ("the North Atlantic")."""
    written = _lexicon.cased_epithets().get(phrase)
    end = i + len(phrase)
    return written is None or (tuple(t.text for t in toks[i:end]) == written and not (end < len(toks) and toks[end].text[:1].isupper()))


def stands_for(entry: _lexicon.Entry) -> list[_lexicon.Entry]:
    """The actors a mention stands for: none for an armed group the data model has no actor for."""
    return [entry] if entry.actor_id else []


def coref(
    toks: list[Tok],
    history: list[str],
    mentions: list[Mention],
    by_id: dict[str, _lexicon.Entry],
    first_trigger: int,
    parties: tuple | None = None,
    subject: list | None = None,
) -> list[Mention]:
    """ "Both nations" and kin: the last two actors named before it; "them" and a subject "it" (``subject``: the
    last sentence's subject's actors).

    After a trigger ("urged both sides", "mediate between the two
    neighbours") the phrase is the object, so the actors named earlier in the
    same sentence are the subject, not the pair it stands for.
    """
    cue = _lexicon.cues()
    out = []
    epithets = _lexicon.state_epithets()
    state_phrases = cue["other_state"] + tuple(epithets)
    for i in range(len(toks)):
        for phrase in cue["pair"]:
            if (end := _pair_end(toks, i, phrase)) is not None:
                if i > first_trigger and parties and phrase[-1] in {"sides", "parties", "members"}:
                    # "urged both sides", "mediate between its two members": the two parties of the last event.
                    out.append(Mention(i, end, [g.actors[0] for g in parties], "coref"))
                    continue
                states = [a for a in history if by_id[a].kind == "state"]
                last_at = {a: k for k, a in enumerate(states)}
                main = sorted(last_at, key=lambda a: (-states.count(a), -last_at[a]))[:2]
                if i > first_trigger and phrase[-1] in {"sides", "parties", "members"} and len(main) == 2 and states.count(main[1]) >= 2:
                    # "called on all parties" with no clash told: the two states the story is about (named most).
                    out.append(Mention(i, end, [by_id[a] for a in main], "coref"))
                    continue
                here = [] if i > first_trigger else [a.actor_id for m in mentions if m.end <= i for a in m.actors]
                # "The two countries" are states, not the organisation named last ("the EAC urged its two members");
                # "both leaders" may be an organisation's ("Sunak and von der Leyen agreed ... Biden praised both leaders").
                before = [a for a in history + here if by_id[a].kind == "state" or phrase[-1] == "leaders"]
                last = list(dict.fromkeys(reversed(before)))[:2]
                # (a name and its title, "South African President Thabo Mbeki", are one naming)
                namings = [a for k, a in enumerate(before) if k == 0 or before[k - 1] != a]
                told = list(dict.fromkeys(a for a in reversed(namings) if namings.count(a) >= 2))[:2]
                if i > first_trigger and len(told) == 2:
                    # "urged both governments" after a mediator's nationality ("... led by former South African
                    # President Thabo Mbeki"): the last two named more than once, the pair the story is about.
                    last = told
                if len(last) == 2:
                    out.append(Mention(i, end, [by_id[a] for a in reversed(last)], "coref"))
        # "The country" after a preposition ("soldiers stationed in the country") or as the first trigger's object
        # ("urged the country's leaders") is another state; as a subject ("Iran's president said the country would
        # respond") it is the speaker's (below).
        after_prep = (i > 0 and toks[i - 1].lower in PREPOSITIONS) or i == first_trigger + 1
        fixed = state_phrases + (cue["country"] if after_prep else ())
        lengths = [len(p) for p in fixed if i and tuple(t.lower for t in toks[i : i + len(p)]) == p and _as_written(toks, i, p)]
        size = max(lengths) if lengths else described_state(toks, i)
        # ("ship supplies to the island", "thanked the kingdom": the last island state or kingdom named)
        kind = epithets.get(tuple(t.lower for t in toks[i : i + size])) if lengths else None
        if size is not None and any(m.start < i + size <= m.end for m in mentions):
            size = None  # its noun is part of a name ("the Central African Republic"); "the South American country" is not
        if (
            size is not None
            and i + size + 1 < len(toks)
            and toks[i + size].lower == "of"
            and any(m.start == i + size + 1 for m in mentions)
        ):
            size = None  # "the island of Taiwan", "the kingdom of Morocco": the name says which
        if size is not None:
            # Its own neighbour is not its clause's subject (the last name before it without a preposition, or after a
            # word that leads a clause: "hours after Trump ordered tariffs against the South American country"): the
            # last other state named before it.
            doer = next(
                (m for m in reversed(mentions) if m.end <= i and governing_prep(toks, m.start)[0] in {None, *CONJUNCTIONS}),
                None,
            )
            first = doer.ids if doer else set()
            if lengths and tuple(t.lower for t in toks[i : i + size]) in _lexicon.cased_epithets():
                first = set()  # ("North Korea fired shells, and Seoul demanded that the North halt": a name, not a neighbour)
            if kind is not None and doer is not None and any((t.lower,) in cue["speech"] for t in toks[doer.end : i]):
                # "Saudi Arabia said missiles fired at the kingdom had been intercepted": in what a state says, a state
                # of the kind may be itself.
                first = set()
            # (not a name inside a relative clause: "Mexico, which has urged Washington to lift the embargo, would ship
            # supplies to the island" is Cuba)
            aside = relative_spans(toks, i)
            here = [a.actor_id for m in mentions if m.end <= i and not any(r < m.start < e for r, e in aside) for a in m.actors]
            other = next(
                (a for a in reversed(history + here) if a not in first and by_id[a].kind == "state" and (kind is None or a in kind)),
                None,
            )
            if other is not None:
                out.append(Mention(i, i + size, [by_id[other]], "coref"))
        size = described_state(toks, i, "ally_noun", fewest=0) if i else None
        if size is not None and any(m.start == i + size for m in mentions):
            size = None  # "its ally Germany": the name says who
        if size is not None:
            # "expelled Russian diplomats in solidarity with their ally", "Washington stood with its NATO ally": the
            # last state named that no bare name of this sentence before it stands for (not the doers, nor the
            # one they act against); "the U.S. ambassador to Japan" leaves Japan.
            # (of this clause: "Taiwan thanked Lithuania, and Washington stood with its NATO ally" is Lithuania)
            clause = max(
                (k + 1 for k in range(1, i) if toks[k].lower in {";", "and", "while", "but"} and toks[k - 1].lower == ","), default=0
            )
            bare = {
                a.actor_id
                for m in mentions
                if clause <= m.start and m.end <= i and governing_prep(toks, m.start)[0] is None
                for a in m.actors
            }
            here = [a.actor_id for m in mentions if m.end <= i for a in m.actors]
            ally = next((a for a in reversed(history + here) if a not in bare and by_id[a].kind == "state"), None)
            if ally is not None:
                out.append(Mention(i, i + size, [by_id[ally]], "coref"))
    for i in range(len(toks)):
        after_prep = (i > 0 and toks[i - 1].lower in PREPOSITIONS) or i == first_trigger + 1
        for phrase in cue["own_state"] + (() if after_prep else cue["country"]):
            if tuple(t.lower for t in toks[i : i + len(phrase)]) == phrase:
                # "Ruginiene said Minsk was waging an attack against her country": the speaker's, who leads the sentence.
                speaker = next((m for m in mentions if m.end <= i and m.actors and governing_prep(toks, m.start)[0] is None), None)
                if speaker is not None:
                    out.append(Mention(i, i + len(phrase), list(speaker.actors), "coref"))
    taken = {k for m in mentions + out for k in range(m.start, m.end)}
    for i, tok in enumerate(toks):
        if i in taken or i + 1 >= len(toks) or toks[i + 1].lower in {",", ".", "'s"}:
            continue
        if tok.lower == "them" and i > first_trigger and toks[i - 1].lemma not in SENDING:
            # "phoned both leaders and urged them": the last several actors named together, else the two sides.
            many = [m for m in mentions + out if m.end <= i and len(m.actors) >= 2]
            stands = many[-1].actors if many else [g.actors[0] for g in parties] if parties else []
            if not stands:
                # "ordered seven UN officials to leave, accusing them of meddling": the last one named after the subject.
                first = {a.actor_id for m in mentions[:1] for a in m.actors}
                stands = next((m.actors for m in reversed(mentions) if m.end <= i and not m.ids & first), [])
            if stands:
                out.append(Mention(i, i + 1, list(stands), "coref"))
        elif tok.lower in {"it", "they"} and (i == 0 or (toks[i - 1].lower,) in cue["speech"] or toks[i - 1].lower in REASONS):
            # "Turkey said it stood with Baku", "It said ...": the sentence's subject, else the last sentence's.
            # The nearest name before it that is no one's possessor ("Turkey, Azerbaijan's closest ally, said it").
            # ("Oman, which mediates between the group and Riyadh, said it": not a name inside the relative clause).
            rel = relative_clause(toks, i)
            own = next(
                (
                    m
                    for m in reversed(mentions)
                    if m.end <= (rel[0] if rel else i)
                    and m.actors
                    and governing_prep(toks, m.start)[0] is None
                    # (but "Kenya's foreign ministry said it": a possessor of the speaking office is the speaker)
                    and (toks[m.end].lower != "'s" or any(t.lower in AGENT_NOUNS for t in toks[m.end + 1 : m.end + 3]))
                ),
                None,
            )
            stands = own.actors if own else subject or []
            if stands and (tok.lower == "they") == (len(stands) > 1):
                out.append(Mention(i, i + 1, list(stands), "coref"))
    return out


@functools.cache
def _not_describing() -> frozenset[str]:
    """:data:`NOT_DESCRIBING` and the words of acts, which describe no state ("called the attack state terrorism")."""
    return frozenset(NOT_DESCRIBING | {w for p in _lexicon.cues()["event"] for w in p})


def described_state(toks: list[Tok], i: int, nouns: str = "state_noun", fewest: int = 1) -> int | None:
    """The length of a state described, not named, at ``i`` ("the South American country", "its former colony",
    "the self - ruled island"; with ``nouns="ally_noun"``, "its NATO ally"), else None.

    ``fewest`` to three words stand between "the", "its" or "their" and a noun of the ``nouns`` cues; not a count
    or a contrast ("the two countries", "the other state"), which other rules read.

    Examples
    --------
    >>> from graph._clauses import Tok
    >>> toks = [Tok(w, w.lower(), w.lower(), 0) for w in "tariffs against the South American country".split()]
    >>> described_state(toks, 2), described_state(toks, 0)
    (4, None)
    """
    if toks[i].lower not in {"the", "its", "their"}:
        return None
    for n in range(i + 1 + fewest, min(i + 5, len(toks))):
        # (a capitalised epithet is a name, or nothing: "the Islamic Republic" is in countries.csv, "the Sunshine State"
        # is no state)
        # (the whole noun: "city-state" is one, "the Yemeni city of Saada" none)
        noun = next((p for p in _lexicon.cues()[nouns] if tuple(t.lower for t in toks[n : n + len(p)]) == p), None)
        if noun is not None and toks[n].text.islower():
            between = toks[i + 1 : n]
            if all((t.text.isalpha() or t.text == "-") and t.lower not in _not_describing() for t in between):
                return n + len(noun) - i
            return None
        if not (toks[n - 1].text.isalpha() or toks[n - 1].text == "-"):
            return None
    return None


def titled(toks: list[Tok], mentions: list[Mention], home: _lexicon.Entry | None) -> list[Mention]:
    """ "Foreign Minister Hugo de Zela": an official named by title alone, in a wire story, is of the dateline's country.

    Not when a country, demonym or possessor stands before the title ("Mexican President Claudia Sheinbaum").
    """
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    # The sentence's subject only: "talks between President X and President Y" may be anyone's. (Blanks stand where a
    # dateline was: "KHARTOUM, May 7 - Defence Minister X said".)
    first = next((k for k, t in enumerate(toks) if t.text.strip()), len(toks))
    # "In Beijing on Friday, foreign ministry spokesman Wang Wenbin said": a capital set before the subject names
    # whose official speaks, whatever the dateline.
    if (fronted := _fronted_capital(toks, mentions, first)) is not None:
        first, home = fronted
    if home is None:
        return []
    for i in range(len(toks)):
        for phrase in _lexicon.cues()["title"] if i <= first else ():
            end = phrase_end(toks, i, phrase)
            if end is None or end >= len(toks) or not (toks[i].text[0].isupper() or i == first) or not toks[end].text[0].isupper():
                continue
            name = end
            while name < len(toks) and toks[name].text[0].isupper() and name not in taken:
                name += 1
            # (not a title before a name already known: "President Tsai Ing-wen" under a Beijing dateline is Taiwan's)
            if name > end and not taken & set(range(i, name)):
                out.append(Mention(i, name, [home], "title"))
                taken.update(range(i, name))
        # "The defence ministry said", "according to the Joint Chiefs of Staff": an institution named alone, as the
        # sentence's subject or its source, is also the dateline country's (not "the foreign ministry of Mali").
        opening = i <= first or according_to(toks, i)
        for phrase in _lexicon.cues()["institution"] if opening else ():
            end = phrase_end(toks, i, phrase)
            if end is not None and not taken & set(range(i, end)) and not (end < len(toks) and toks[end].lower in {"of", "in"}):
                out.append(Mention(i, end, [home], "title"))
                taken.update(range(i, end))
    return out


def _fronted_capital(toks: list[Tok], mentions: list[Mention], first: int) -> tuple[int, _lexicon.Entry] | None:
    """Where the subject starts and whose capital it is, when the sentence opens with "In <capital>[ on <day>],"."""
    if first + 1 >= len(toks) or toks[first].lower != "in":
        return None
    place = next((m for m in mentions if m.start == first + 1 and m.how == "capital" and len(m.actors) == 1), None)
    if place is None:
        return None
    comma = next((k for k in range(place.end, min(place.end + 4, len(toks))) if toks[k].text == ","), None)
    # (a day may stand between: "In Kabul on Tuesday,")
    if comma is None or not all(t.lower == "on" or t.text.isdigit() or t.lower in NOT_NAMES for t in toks[place.end : comma]):
        return None
    start = comma + 1 + (comma + 1 < len(toks) and toks[comma + 1].lower in {"a", "an", "the"})
    return start, place.actors[0]


def coref_groups(
    toks: list[Tok], history: list[str], mentions: list[Mention], by_id: dict[str, _lexicon.Entry], first_trigger: int, memory: dict
) -> list[Mention]:
    """ "The three Sahel states": the last three actors named; "the group", "the rebels": the last armed group named.

    An armed group the data has no actor for stands for no one, so a relation to it is not proposed.
    """
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for m in mentions:
        if m.how == "armed_group":
            memory["armed"] = m.actors
    cue = _lexicon.cues()
    for i in range(len(toks)):
        if i in taken:
            continue
        for phrase, members in _lexicon.groups().items():
            if phrase_end(toks, i, phrase) is not None and all(c in by_id for c in members):
                # "The Baltic states": a fixed group of states, whoever was named before.
                out.append(Mention(i, i + len(phrase), [by_id[c] for c in members], "group"))
                taken.update(range(i, i + len(phrase)))
        for phrase in cue["organisation"] if i not in taken else ():
            if tuple(t.lower for t in toks[i : i + len(phrase)]) == phrase:
                # "warned the bloc": the last organisation, bloc or alliance named.
                here = [a.actor_id for m in mentions if m.end <= i for a in m.actors]
                named = [a for a in reversed(history + here) if by_id[a].kind != "state"]
                # ("the court": the last organisation whose name says court; "the bloc": the last one named)
                said = NAMED_BY.get(phrase[-1])
                org = next((a for a in named if said is None or any(w in by_id[a].name.lower() for w in said)), None)
                if org is not None:
                    out.append(Mention(i, i + len(phrase), [by_id[org]], "coref"))
    for i in range(len(toks) - 1):
        if toks[i].lower != "the" or i in taken:
            continue
        words = [t.lower for t in toks[i + 1 : i + 7]]
        if words[0] in GROUP_WORDS and "armed" in memory:
            out.append(Mention(i, i + 2, memory["armed"], "coref"))
        elif words[0] in NUMBERS and len(words) > 1 and not any(phrase_end(toks, i, p) for p in cue["pair"]):
            # ("the two neighbours" is a pair of `cues.csv`, read by coref())
            # (words that describe them may stand between: "the two Gulf states", "the two nuclear-armed neighbours")
            end = next((n for n, w in enumerate(words[1:5], 2) if w in PLURAL_STATES), None)
            # (only words that describe: not "the two ministers said their countries", a noun, a verb and a possessive)
            describing = [w for w in words[1 : end - 1] if w != "-"] if end is not None else []
            if any(not w.isalpha() or w in NOT_DESCRIBING_PAIR or (w.endswith("s") and not w.endswith("ss")) for w in describing):
                end = None
            if end is None or taken & set(range(i + 1, i + 1 + end)):
                continue  # "the three Baltic states" is a fixed group (above)
            # The last list of that many actors ("Mali, Burkina Faso and Niger"), else the last that many named.
            # (this sentence's own list first: "recalled its envoys to Ireland, Norway and Spain after the three
            # countries said")
            # (not, after a trigger, the list that acts: "Saudi Arabia and the GCC urged the two neighbours")
            own = [g for g in side_groups(toks, [m for m in mentions if m.end <= i]) if i <= first_trigger or g.prep is not None]
            lists = memory.get("lists", []) + [g.actors for g in own]
            listed = next((a for a in reversed(lists) if len(a) == NUMBERS[words[0]]), None)
            here = [] if i > first_trigger else [a.actor_id for m in mentions if m.end <= i for a in m.actors]
            last = [by_id[a] for a in reversed(list(dict.fromkeys(reversed(history + here)))[: NUMBERS[words[0]]])]
            if listed or len(last) == NUMBERS[words[0]]:
                out.append(Mention(i, i + 1 + end, list(listed or last), "coref"))
    return out


def putschists(toks: list[Tok], mentions: list[Mention], state: _lexicon.Entry) -> list[Mention]:
    """In a story of a coup, "the army", "the generals", "the junta" (``cues.csv`` kind ``putschist``) are the coup's
    country: "demanded that the generals give up power" is a demand of that state.

    Examples
    --------
    >>> toks = [Tok(w, w.lower(), w.lower(), 0) for w in "urged the generals to free her".split()]
    >>> mmr = _lexicon.Entry("MMR", "Myanmar", "state", True, "name")
    >>> [(m.start, m.end, m.actors[0].actor_id) for m in putschists(toks, [], mmr)]
    [(1, 3, 'MMR')]
    """
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for i in range(len(toks)):
        for phrase in _lexicon.cues()["putschist"]:
            end = phrase_end(toks, i, phrase)
            if end is not None and not taken & set(range(i, end)):
                out.append(Mention(i, end, [state], "coref"))
                taken.update(range(i, end))
    return out


def coup_state(toks: list[Tok], mentions: list[Mention], seized: tuple[int, int], home: _lexicon.Entry | None):
    """The country of a story's coup, at its first telling (``seized``): the state whose army the sentence names
    ("Myanmar's army chief"), else the state named nearest it that is not the sentence's subject ("The United
    States, which keeps troops in Niger, said it would talk to the coup leaders"; by its own name: a person or a
    pronoun nearer the coup may be someone else's), else the dateline's ("The United States condemned the takeover"
    filed from Khartoum).

    Examples
    --------
    >>> toks = [Tok(w, w.lower(), w.lower(), 0) for w in "Niger 's army seized power".split()]
    >>> ner = _lexicon.Entry("NER", "Niger", "state", True, "name")
    >>> coup_state(toks, [Mention(0, 1, [ner], "name")], (3, 5), None).actor_id
    'NER'
    """
    states = [m for m in mentions if len(m.actors) == 1 and m.actors[0].kind == "state" and m.how not in {"person", "coref"}]
    armies = {p[-1] for p in _lexicon.cues()["putschist"]}
    for m in states:
        after = [t.lower for t in toks[m.end : m.end + 3] if t.lower != "'s"]
        # (near the coup's telling: "Russia's army chief praised the soldiers who seized power in Niger" is no coup of
        # Russia's)
        near_coup = abs(m.start - seized[0]) <= 6
        if near_coup and after and after[0] in armies | {"armed", "military", "army"}:
            return m.actors[0]
    # "seized power in Niger": a state right after the telling is its place.
    place = next((m for m in states if seized[1] <= m.start <= seized[1] + 1 and governing_prep(toks, m.start)[0] == "in"), None)
    if place is not None:
        return place.actors[0]
    subject = next((m for m in mentions if governing_prep(toks, m.start)[0] is None), None)
    others = [m for m in states if subject is None or m.actors[0].actor_id not in subject.ids]
    near = min(others, key=lambda m: abs(m.start - seized[0]), default=None)
    return near.actors[0] if near is not None else home


def opening_pronouns(toks: list[Tok], mentions: list[Mention], memory: dict) -> list[Mention]:
    """The actors a sentence's opening pronoun stands for, from the story's memory: "He had demanded a public apology",
    "On the eve of the summit he held talks" (the person named first in the last sentence that named one);
    "Their joint statement called on Pakistan", "They also extended their programme" (the last several actors named
    together, else the last two who met)."""
    out = []
    # (a pronoun opening the sentence or after an opening phrase, "On Friday", "Days earlier", with no name before it;
    # not "The chairman of the committee said he", whose words before the pronoun name someone else)
    he = next((k for k, t in enumerate(toks[:OPENING]) if t.lower in {"he", "she"}), None)
    opening = he is not None and any(t.lower in PREPOSITIONS | CONJUNCTIONS | OPENERS for t in toks[:2])
    opening = opening and not any(t.lower in AGENT_NOUNS | title_words() or (t.lower,) in _lexicon.cues()["speech"] for t in toks[:he])
    he = he if he == 0 or opening else None
    if he is not None and memory.get("person") and not any(m.start <= he for m in mentions):
        out.append(Mention(he, he + 1, memory["person"], "coref"))
    if toks[0].lower in {"their", "they"} and (memory.get("plural") or memory.get("met")) and not any(m.start == 0 for m in mentions + out):
        out.insert(0, Mention(0, 1, memory.get("plural") or memory["met"], "coref"))
    return out
