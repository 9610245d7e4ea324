"""People a story names, and the state each speaks for, as :mod:`graph.ingest` learns them while it reads.

A wire story introduces an official once with an office and a nationality ("Argentine President Javier Milei",
"Senegal's President Bassirou Diomaye Faye", "his Chinese counterpart Qin Gang"); an official of the country the
story is filed from gets the office alone ("President Gustavo Petro" under a BOGOTA dateline). Later sentences name
the person bare ("Milei called Maduro a dictator"). Binding each introduced name to its state, per story, finds the
actor behind those officials no table lists (``leaders.csv`` lists heads of state and government and foreign
ministers, who are often named without an introduction).

The offices are data: the ``office`` cues of ``graph/lexicon/cues.csv``.
"""

from __future__ import annotations

import functools

from . import _lexicon
from ._clauses import Mention, Tok, phrase_end

#: Lower-case words inside a name ("Jean-Noel Barrot", "Ursula von der Leyen", "Mohammed bin Salman").
PARTICLES = {"-", "de", "da", "del", "der", "di", "do", "dos", "du", "van", "von", "bin", "al", "el", "la", "le", "ibn"}
#: Capitalised words that end a name ("President Javier Milei Tuesday met ..."): days, months, news agencies.
NOT_NAMES = {
    "'s", "said", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "reuters",
    "ap", "afp",
}  # fmt: skip
#: Words after which an office with no state before it is the dateline country's ("an aide to President Mohamed
#: Muizzu said"); not "talks between President X and ...", "the elected leader Aung San Suu Kyi" in a story filed
#: from Washington, "Russia said President Ilham Aliyev ..." or "hosted by President Nayib Bukele".
HOME_LEADS = {",", "to", "of", "—", "–", "-"}


@functools.cache
def offices() -> tuple[tuple[str, ...], ...]:
    """Offices as lower-case words, longest first ("foreign minister" before "minister")."""
    return tuple(sorted(_lexicon.cues()["office"], key=len, reverse=True))


def office_end(toks: list[Tok], i: int) -> int | None:
    """Where the run of offices starting at ``i`` ends ("U.S. President - elect", "Foreign Minister"), or None."""
    end = None
    while i < len(toks):
        step = next((e for p in offices() if (e := phrase_end(toks, i, p)) is not None), None)
        if step is None and end is not None and toks[i].text == "-" and i + 1 < len(toks) and toks[i + 1].lower == "elect":
            step = i + 2
        if step is None:
            return end
        end = i = step
    return end


def other_office(toks: list[Tok], mentions: list[Mention], leader: Mention) -> bool:
    """Whether ``leader`` (a name of ``leaders.csv``) is introduced with another state's office ("Portuguese Prime
    Minister Antonio Costa", whom the table lists for the EU he led later; "Dutch Prime Minister Mark Rutte")."""
    before = next((m for m in mentions if m.end < leader.start and office_end(toks, m.end) == leader.start), None)
    return before is not None and bool(before.ids) and not before.ids & leader.ids


def _name_end(toks: list[Tok], i: int, taken: set[int]) -> int:
    """Where a capitalised name starting at ``i`` ends (``i`` itself when there is none)."""
    end = i
    while end < len(toks) and end not in taken:
        word = toks[end].text
        capital = word[:1].isupper() and word.lower() not in NOT_NAMES
        # ("Abdel Fattah al - Burhan": a particle may stand before a hyphen)
        after = toks[end + 2] if end + 2 < len(toks) and toks[end + 1].text == "-" else toks[end + 1] if end + 1 < len(toks) else None
        particle = word.lower() in PARTICLES and end > i and after is not None and after.text[:1].isupper()
        if not (capital or particle):
            break
        end += 1
    return end


def _opening_place(toks: list[Tok], mentions: list[Mention], i: int) -> _lexicon.Entry | None:
    """The state of a capital that opens the sentence right before token ``i`` ("In Moscow, ..."), if any."""
    if i < 3 or toks[i - 1].lower != ",":
        return None
    place = next((m for m in mentions if m.end == i - 1 and m.how in {"capital", "seat"} and len(m.actors) == 1), None)
    if place is None or place.start != 1 or toks[0].lower not in {"in", "from"}:
        return None
    return place.actors[0]


def learn(toks: list[Tok], mentions: list[Mention], people: dict[str, _lexicon.Entry], home: _lexicon.Entry | None) -> None:
    """Bind the people this sentence introduces with an office to their state, in ``people`` (name → actor).

    The state (or organisation) is the one named just before the office ("Argentine President", "Senegal's
    President", "his Chinese counterpart", "NATO Secretary General"); an office with no actor before it is the
    dateline country's (``home``) when it opens the sentence or follows a word of :data:`HOME_LEADS`. Every name is
    learned in full and by surname (the run's last word).

    Examples
    --------
    >>> from graph._clauses import Tok
    >>> arg = _lexicon.Entry("ARG", "Argentina", "state", True, "demonym")
    >>> toks = [Tok(w, w.lower(), w.lower(), 0) for w in "Argentine President Javier Milei spoke .".split()]
    >>> people = {}
    >>> learn(toks, [Mention(0, 1, [arg], "demonym")], people, None)
    >>> sorted(people)
    ['Javier Milei', 'Milei']
    """
    # (an official named by title alone under a dateline is already a mention of the dateline's state: learn the name)
    for m in mentions:
        if m.how == "leader" and m.end - m.start > 1 and len(m.actors) == 1:
            # A leader of leaders.csv named in full ("Pedro Sanchez") is named by surname after ("Sanchez").
            people.setdefault(toks[m.end - 1].text, m.actors[0])
    taken = {k for m in mentions if m.how != "title" for k in range(m.start, m.end)}
    by_end = {m.end: m for m in mentions if len(m.actors) == 1 and m.how != "title"}
    for i in range(len(toks)):
        if i in taken or (end := office_end(toks, i)) is None:
            continue
        name = _name_end(toks, end, taken)
        if name == end or not toks[end].text[:1].isupper():
            continue
        if toks[end - 1].lower == "general" and name - end < 2:
            continue  # "General Electric", "the General Assembly": no person ("General Brice Oligui Nguema" is one)
        k = i - 1
        if k >= 0 and toks[k].lower == "'s":
            k -= 1
        state = by_end.get(k + 1)
        opening = _opening_place(toks, mentions, i)
        if state is not None:
            actor = state.actors[0]
        elif opening is not None:
            actor = opening  # "In Moscow, Foreign Minister Sergei Lavrov said": the capital's state
        elif home is not None and (i == 0 or toks[i - 1].lower in HOME_LEADS or not toks[i - 1].text.strip()):
            actor = home
        else:
            continue
        words = [t.text for t in toks[end:name]]
        for key in {" ".join(words), words[-1]}:
            people.setdefault(key, actor)
    _learn_appositions(toks, mentions, people, taken)


def _learn_appositions(toks: list[Tok], mentions: list[Mention], people: dict, taken: set[int]) -> None:
    """ "Antonio Costa, president of the European Council,", "Josep Borrell, the EU's foreign policy chief,": a name,
    then an office of an actor named in the apposition."""
    starts = {m.start: m for m in mentions if len(m.actors) == 1}
    i = 0
    while i < len(toks):
        end = _name_end(toks, i, taken) if i not in taken and toks[i].text[:1].isupper() else i
        if end - i >= 2 and end < len(toks) and toks[end].text == ",":
            k = end + 1 + (end + 1 < len(toks) and toks[end + 1].lower == "the")
            owner = starts.get(k)  # "the EU 's foreign policy chief"
            if owner is not None and owner.end < len(toks) and toks[owner.end].lower == "'s":
                office = office_end(toks, owner.end + 1)
            else:
                office = office_end(toks, k) if k < len(toks) else None
                owner = starts.get(office + 1) if office is not None and office < len(toks) and toks[office].lower == "of" else None
                owner = owner or (
                    starts.get(office + 2)
                    if office is not None and office + 1 < len(toks) and toks[office].lower == "of" and toks[office + 1].lower == "the"
                    else None
                )
            if owner is not None and office is not None:
                words = [t.text for t in toks[i:end]]
                for key in {" ".join(words), words[-1]}:
                    people.setdefault(key, owner.actors[0])
        i = max(end, i + 1)


def named(toks: list[Tok], mentions: list[Mention], people: dict[str, _lexicon.Entry]) -> list[Mention]:
    """Mentions of the people learned so far that no other mention covers ("Milei", "Petro's government").

    Examples
    --------
    >>> from graph._clauses import Tok
    >>> arg = _lexicon.Entry("ARG", "Argentina", "state", True, "demonym")
    >>> toks = [Tok(w, w.lower(), w.lower(), 0) for w in "Milei called Maduro a dictator .".split()]
    >>> [(m.start, m.end, m.actors[0].actor_id) for m in named(toks, [], {"Milei": arg})]
    [(0, 1, 'ARG')]
    """
    if not people:
        return []
    longest = max(len(name.split()) for name in people)
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    i = 0
    while i < len(toks):
        end = _name_end(toks, i, taken) if i not in taken else i
        # The longest learned name inside the capitalised run ("Javier Milei", else "Milei"); no name is longer than
        # the longest learned, so a long run of capitals costs no more than its length.
        found = next(
            ((s, e) for s in range(i, end) for e in range(min(end, s + longest), s, -1) if " ".join(t.text for t in toks[s:e]) in people),
            None,
        )
        if found is not None:
            s, e = found
            out.append(Mention(s, e, [people[" ".join(t.text for t in toks[s:e])]], "person"))
        i = max(end, i + 1)
    return out
