"""One trigger's clause, read: where the clause runs (:func:`bounds`), the trigger's doer (:func:`agent` for a by- or
from-phrase, :func:`subject`, and :func:`main`, the sentence's subject), its object (:func:`object_of`), who acts on
whom (:func:`roles`, then :func:`placed_roles` for what the trigger's place tells) and its status (:func:`status`).
:func:`graph._relations.candidates` calls them in that order for each trigger of a sentence, then turns the sides into
candidates with the story's memory.
"""

from __future__ import annotations

from . import _lexicon
from ._clauses import (
    ACT,
    AGENT_NOUNS,
    AGENT_PREPS,
    ALLY_WORDS,
    BOUNDARIES,
    CONJUNCTIONS,
    HOSTILE_EVENTS,
    OBJECT_PREPS,
    PATIENT_PREPS,
    PLACE_OBJECTS,
    PREPOSITIONS,
    REACTION_TYPES,
    SUBJECT_PREPS,
    Group,
    Tok,
    clause_span,
    clause_start,
    find_phrase,
    from_origin,
    is_passive,
    official,
    other_participle,
    relative_antecedent,
    second_predicate,
    title_words,
)

#: The people a military training trigger may name ("Russian military instructors"): their state trains their host.
TRAINERS = frozenset({"instructors", "trainers", "advisers", "advisors"})
#: Acts done with troops, arms or force: whose troops they are says who acts.
MATERIAL = frozenset({"troop_deployment", "attacks", "military_training", "arms_transfer"})
#: Of those, the acts whose "of X troops" is the doer ("the deployment of Russian troops"), not the one acted on
#: ("the training of Ukrainian troops").
OWNER_ACTS = MATERIAL - {"military_training"}


def bounds(toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, rel) -> tuple[int, int]:
    """The trigger's clause (:func:`clause_span`), carried on past a relative clause before it and cut at another
    trigger that has actors of its own."""
    lo, hi = clause_span(toks, i, j, groups)
    if rel is not None and rel[0] < lo <= rel[1]:
        # "Iran, which backs Hezbollah, said Israel would pay": the clause goes on past the relative clause.
        lo = clause_span(toks, rel[0], rel[0], groups)[0]
    # Another trigger ends the clause: "the deployment ... has alarmed Seoul" does not send troops to Seoul.
    # (when a mention stands between the two, so the other trigger has actors of its own).
    named = [m for g in groups for m in g.mentions]
    # An act without a type of its own ends no clause ("drones that crossed into Poland's airspace during a
    # Russian attack").
    lo = max(
        [lo, *(e for s_, e, t in hits if e <= i and t.type not in {trig.type, ACT} and any(e <= m.start and m.end <= i for m in named))]
    )
    hi = min(
        [
            hi,
            *(
                s_
                for s_, _, t in hits
                if s_ >= j
                and t.type not in {trig.type, ACT}
                # or when it is a second predicate: "condemned the attack and promised arms to Kyiv"
                and (any(j <= m.start and m.end <= s_ for m in named) or toks[s_ - 1].lower in {"and", ","})
            ),
        ]
    )
    return lo, hi


def agent(toks: list[Tok], hits, i: int, j: int, trig, left: list[Group], right: list[Group], noun: bool) -> Group | None:
    """The doer a by- or from-phrase names ("troops were sent by Pyongyang", "condemnation from Western nations")."""
    if trig.partnered:
        return None  # its other party comes with "with" ("agreed to buy jets from Denmark" is no talks with Denmark)
    passive = is_passive(toks, i, j)
    agent = next(
        (
            g
            for g in right
            # ("called for restraint from Moscow": a demand's "from" names whom it is asked of)
            if (
                g.prep in AGENT_PREPS
                # ("stood by its NATO ally": a preposition that ends the trigger takes its object)
                and g.prep != toks[j - 1].lower
                and not other_participle(toks, j, g.start)
                and not from_origin(toks, g, trig)
                and (not noun or g.start <= j + 2)
                # ("approved an arms sale to Taiwan, drawing an angry response from Beijing": a "from" past a comma
                # belongs to another word; not "received jets, mainly from Denmark", which names the giver)
                and not (g.prep == "from" and any(t.text == "," for t in toks[j : g.start]) and not (trig.reverse or passive))
                # ("voiced concern over arms supplies from North Korea": the phrase is the nearer act's, right after it;
                # not "to buy attack drones from Turkey", nor a passive's own "by": "was accused of war crimes by Ukraine")
                and (passive or not any(j <= k and e < g.start and toks[e].lower == g.prep for k, e, _ in hits))
                and not (trig.type == "demands" and not passive)
                # "opposed any use of force by the bloc": an active verb's doer is its subject, not a by-phrase
                and (noun or trig.reverse or passive or g.prep != "by" or g.start <= j + 1 + (toks[j + 1].lower == "the"))
            )
            or (trig.type in OWNER_ACTS and g.prep == "of" and g.agentive)
        ),
        None,
    )
    # (a "by" before the trigger belongs to another predicate: "the emergency declared by the army and called for
    # ..."; nor is a "from" there a doer: "a tariff on imports from Colombia, ... accusing"), unless in a passive
    if passive:
        agent = agent or next((g for g in reversed(left) if g.prep == "by"), None)
    return agent


def subject(
    toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, lo: int, left: list[Group], agent, rel
) -> tuple[Group | None, bool]:
    """The trigger's subject, and whether it is one accused of the act ("accused Washington of bombing")."""
    cue = _lexicon.cues()
    # "after Algeria shot down a drone": a name right before the verb is its subject, whatever word leads the clause.
    subject = next(
        (
            g
            for g in reversed(left)
            if g is not agent
            and (
                g.prep in SUBJECT_PREPS
                or g.coref
                # ("after Ecuadorian police forced their way in", "after Iran's Revolutionary Guards seized": the doer's
                # agents may stand between, named or not)
                # ("hours after Israeli air strikes pounded": or the doer's act, named as a noun)
                or (
                    g.prep in CONJUNCTIONS
                    and all(_agentive(toks, hits, n) or toks[n].lower == "'s" or toks[n].text[:1].isupper() for n in range(g.end, i))
                    and (g.end == i or _agentive(toks, hits, i - 1))
                )
                # ("after Biden approved sending", "after the United States decided to send": a verb that only
                # governs the act leaves its subject the act's)
                or (g.prep in CONJUNCTIONS and _governing(toks, g.end, i))
            )
        ),
        None,
    )
    if subject is not None and subject.end == i and all(a.kind != "state" for a in subject.actors) and trig.type not in MATERIAL:
        # "Britain started restoring United Nations sanctions on Iran": the organisation names the regime,
        # the clause's subject is the one acting (but "Western troops", "NATO jets" are theirs).
        subject = next((g for g in groups if lo <= g.start and g.end < subject.start and g.prep is None), subject)
    if agent is None and (antecedent := relative_antecedent(toks, lo, groups)) is not None:
        # "The three states, which have turned to Russia for security support": the clause's subject is the name
        # before "which", not a name the clause's first verb governs ("which have expelled French troops and").
        subject = antecedent
    # (the sentence's subject is its clause's: not the EU of "the EU said ..., while Turkey welcomed it and urged";
    # a clause with no subject of its own, ", and condemned the drills", has the sentence's)
    opening = clause_start(toks, i, groups)

    def bare(end: int) -> Group | None:
        """The first name no preposition governs before ``end``: in the trigger's clause, else in the sentence."""
        return next((g for lo_ in (opening, 0) for g in groups if lo_ <= g.start and g.end <= end and g.prep is None), None)

    if rel is not None and not any(rel[1] < g.start and g.end <= i for g in groups):
        # "X, which has expelled French troops, condemned...": X is the subject, not a name inside the clause.
        subject = next((g for g in reversed(groups) if g.end <= rel[0] and g.prep in SUBJECT_PREPS), None)
    elif second_predicate(toks, i):
        # "The US condemned the actions of China's coast guard and reaffirmed its treaty with Manila".
        subject = bare(i) or subject
    elif i > 1 and toks[i - 1].lower == "," and toks[i].lower.endswith("ing") and toks[i].lemma != toks[i].lower:
        # "Prague expelled Russian diplomats, accusing Moscow of ...": a participle after a comma shares the
        # sentence's subject, not the name just before the comma.
        subject = bare(i) or subject
    if (
        trig.type in REACTION_TYPES
        and agent is None
        and toks[i - 1].lower == "and"
        and subject is not None
        and (speaker := next((g for g in groups if opening <= g.start and g.end <= subject.start and g.prep is None), None)) is not None
        and any((t.lower,) in cue["speech"] for t in toks[speaker.end : subject.start])
    ):
        # "Starmer said Iran should not retaliate and called for restraint": the speaker calls, not the one
        # spoken of.
        subject = speaker
    earlier = [h for h in hits if subject is not None and h[1] <= subject.start]
    # "... and offered to mediate": "and" a few words before the trigger, no name between.
    conj = next(
        (k for k in range(i - 1, max(0, i - 4), -1) if toks[k].lower in {"and", "but"} and toks[k - 1].lower != ","),
        None,
    )
    # (not the "and" inside a list: "Britain and France also condemned")
    conj = conj if conj is not None and not any(conj < g.start < i or g.start < conj < g.end for g in groups) else None
    if agent is None and conj is not None and earlier:
        # "Putin phoned both leaders and urged them": the name before "and" is the first verb's object; the
        # second verb's subject is the first's.
        subject = bare(earlier[0][0]) or subject
    if agent is None and conj is not None and subject is not None and subject.prep == "of":
        # "Russia requested a meeting of the UN Security Council and accused Washington": the sentence's subject.
        subject = next((g for g in groups if g.end <= subject.start and g.prep is None), subject)
    if agent is None and i > 0 and toks[i - 1].lower == "in" and trig.type in {"supports_verbally", *REACTION_TYPES}:
        # "expelled Russian diplomats in solidarity with their ally": an adjunct's subject is the clause's.
        subject = bare(i) or subject
    if agent is None and _in_a(toks, i) and trig.type in HOSTILE_EVENTS:
        # "Israel killed an Iranian general in a strike on Damascus": an act told as the means of the clause's is its
        # subject's (not the name inside the object, "an Iranian general"; none when the clause names no doer).
        subject = bare(i)
    if agent is None and i > 0 and toks[i - 1].lower in {"and", "but"} and subject is None:
        # A second predicate shares the sentence's subject: "Ukraine said ..., and accused Tehran";
        # "Russia said the European decision had no basis and urged ...".
        subject = bare(i) or subject
    if agent is not None:
        return subject, False, None
    # "accused Washington and London of bombing a sovereign state": the accused did it (so it is said), not the
    # accuser, who is the accusing verb's subject; "suspected Moscow of supplying" names no accuser.
    if (accused := accused_of(toks, groups, i)) is not None:
        return accused, True, next((g for g in groups if g.end <= accused.start and g.prep is None), None)
    alleged = i > 1 and toks[i - 1].lower == "of" and toks[i].lower.endswith("ing")
    if alleged and (accused := next((g for g in groups if g.end == i - 1), None)) is not None:
        return accused, True, None
    return subject, False, None


def accused_of(toks: list[Tok], groups: list[Group], i: int) -> Group | None:
    """The one an accusing verb lays the act at ``i`` on, with words between: "accused Israel on Saturday of
    assassinating", "accused Kyiv of a deliberate terrorist attack", "blamed Ukrainian naval drones for the strike"
    (``cues.csv`` kind ``accusation`` right before the accused)."""
    k = i - 1
    # ("a deliberate terrorist attack", "Monday's attack": the act's noun may come after a determiner, words that
    # qualify it, or the day it was done)
    while k > 1 and i - k <= 4:
        if toks[k].lower == "'s" and toks[k - 1].text[:1].isupper() and not any(g.end == k for g in groups):
            k -= 2
        elif toks[k].text.isalpha() and toks[k].text.islower() and toks[k].lower not in PREPOSITIONS | {"and", "or"}:
            k -= 1
        else:
            break
    cue = _lexicon.cues()
    if k <= 0 or toks[k].lower not in {"of", "for"} or any((t.lower,) in cue["plan"] for t in toks[k:i]):
        return None  # (not "accused Ukraine of preparing a dirty bomb attack": a plan laid at its door is no act done)
    # ("accused Israel on Saturday of", "blamed Armenia on Jan. 2 for": the day of the accusation may come first)
    on = next((n for n in range(k - 1, max(0, k - 4), -1) if toks[n].lower == "on"), None)
    if on is not None and all(t.text[:1].isupper() or t.text[:1].isdigit() or t.text == "." for t in toks[on + 1 : k]):
        k = on
    # ("accused Russian occupation forces of": the accused's own forces may follow its name)
    accused = next(
        (g for g in groups if g.end <= k <= g.end + 3 and all(t.text.isalpha() and t.text.islower() for t in toks[g.end : k])), None
    )
    if accused is None or accused.start == 0 or (toks[accused.start - 1].lemma,) not in cue["accusation"]:
        return None
    return accused


def main(toks: list[Tok], groups: list[Group], hits, i: int, lo: int) -> Group | None:
    """The subject of the sentence, or of the trigger's clause when another clause came first."""
    new_clause = lo > 0 and toks[lo - 1].lower in BOUNDARIES | {","}  # not where another trigger's words end
    main = next((g for g in groups if lo <= g.start and g.end <= i and g.prep is None), None) if new_clause else None
    # ("The military governments of Mali and Burkina Faso warned ...": a subject's head noun may be no actor.)
    head = next((g for g in groups if g.end <= i and g.prep == "of" and toks[0].lower == "the" and g.start <= 5), None)
    head = head if head is not None and not any(e <= head.start for _, e, _ in hits) else None
    main = main or next((g for g in groups if g.end <= i and (g.prep is None or g is head)), None)
    return main


def object_of(
    toks: list[Tok],
    groups: list[Group],
    hits,
    i: int,
    j: int,
    trig,
    right: list[Group],
    agent,
    subject,
    noun: bool,
    directed: bool,
) -> tuple[Group | None, Group | None]:
    """The trigger's object, and its agent (which a trigger taking a name right after it may drop)."""
    cue = _lexicon.cues()
    cooperative = trig.type == "military_cooperation"
    # "with" joins partners (talks with, alliance with), not a target ("attacked Kyiv with Western weapons").
    # (and an act such as breaking off ties is done "with" the other: "suspending relations with the UAE")
    preps = OBJECT_PREPS if not directed or trig.type in {"talks", ACT} else OBJECT_PREPS - {"with"}
    if trig.type == "demands":
        preps = preps | {"from"}  # "demanded an apology from India": whom it is asked of
    if cooperative:
        preps = preps | ALLY_WORDS
    # A bare name after a comma starts another clause ("struck targets in Iran, the Israeli military said"):
    # not the object.
    objects = [
        g
        for g in right
        if g is not agent
        and (g.prep is None or g.prep in preps or (g.prep == toks[j - 1].lower and g.start <= j + 1) or from_origin(toks, g, trig))
        # ("called for restraint from all sides" is no demand of both: the restraint rule below decides)
        and not (g.prep == "from" and g.coref)
        # ("Qatar sent field hospitals and Iran dispatched planes": a name after "and" before a verb starts a clause)
        and not (g.prep is None and toks[g.start - 1].lower == "and" and any(s_ == g.end for s_, _, _ in hits))
        and not (g.prep is None and any(t.lower == "," for t in toks[j : g.start]))
        # ("backing a separatist group that Algiers blames": a name after a relative "that" is its clause's
        # subject; "demanded that Rwandan troops leave" is the trigger's own clause)
        and not (g.prep is None and g.start - 1 > j and toks[g.start - 1].lower in {"that", "which", "who", "whom"})
        # ("opposed any step that threatened Sudan's unity": nor a name inside a relative clause after the object)
        and not any(t.lower in {"that", "which", "who"} for t in toks[j + 1 : g.start])
        # ("welcomed the ruling and said Israel must stop": nor the subject of what a second predicate said)
        and not any((toks[k].lower,) in cue["speech"] and toks[k - 1].lower in {"and", ","} for k in range(max(j, 1), g.start))
    ]
    # "targeting Hezbollah sites in Lebanon": an armed group without an actor yields to the place it is struck in.
    objects = [g for g in objects if g.actors]
    if trig.reverse:
        # A backwards trigger's object is the one it happens to ("alarmed Seoul", "Russia received Iranian
        # missiles"), never a target ("could use them against Ukrainian targets").
        # (nor a name of a second predicate: "called the expulsions hostile and ordered staff of the Czech embassy")
        objects = [
            g
            for g in objects
            if (g.prep in {None, "of"} or (g.prep == toks[j - 1].lower and g.start <= j + 1))
            and "and" not in {t.lower for t in toks[j : g.start]}
        ]
    if trig.type == "talks":
        # One talks with, between or to someone; "talks on Iran's programme", "a joint statement ... called on
        # Pakistan" name a topic or another predicate's object.
        objects = [g for g in objects if g.prep in {None, "with", "between", "among", "to", "of"}]
    if trig.partnered:
        # "gathered to discuss a U.S. proposal": what is discussed is a topic; the other party comes with "with".
        objects = [g for g in objects if g.prep in {"with", "between", "among"}]
    if trig.direct:
        # "recognised Kosovo": a name right after it; "recognised the threat from Iran" names no one recognised.
        # ("met the head of U.S. Southern Command": an official of the one met)
        objects = [g for g in objects if (g.prep is None and g.start <= j + 1) or (g.prep == "of" and official(toks, j, g.start - 1))]
        agent = None if not is_passive(toks, i, j) else agent
    if trig.reverse and trig.type == "condemns":
        # "called the reference unwarranted and one-sided, summoned the U.S. envoy": a judgment's object, if any,
        # follows it at once ("interference in Mali"); a name further on belongs to another predicate.
        objects = [g for g in objects if g.start <= j + 2]
    if noun:
        # "the Thai air strikes were ... and asked the UN Security Council": a noun takes its object by a preposition.
        objects = [g for g in objects if g.prep is not None]
    # "strikes on a camp for displaced people in Rafah": the place struck may come after what was struck.
    # (and aid: "delivers food and medicine to four million people in Syria")
    reach = 11 if (j < len(toks) and toks[j].lower in {"on", "against", "at", "to"}) or trig.type == "economic_aid" else 8
    # "of" names the object only when nothing else does ("spoke with the ministers of India"), and
    # "in" only the place struck ("struck targets in Iran").
    # ("South Korea demanded the release of a South Korean tanker seized by Iran": the doer's own name is no target)
    own = subject.ids if subject is not None and agent is None else set()
    objects = [g for g in objects if not own or not g.ids <= own]
    obj = (
        next((g for g in objects if g.prep not in {"of", "in"}), None)
        or next((g for g in objects if g.prep == "of" and trig.type not in OWNER_ACTS), None)
        or next(
            (
                g
                for g in right
                # ("struck the south of Lebanon", "shelled the outskirts of Kyiv": a part of a place is in it)
                if (g.prep in {"in", "inside", "within", "across"} or (g.prep == "of" and _part_of_place(toks, g.start - 1)))
                and trig.type in PLACE_OBJECTS
                and g.start - j <= reach
            ),
            None,
        )
        # ("damaged the runways of Syria's main airport", "of the Syrian capital's airport": the owner of what was
        # struck, where no place is told)
        or next((g for g in objects if g.prep == "of" and trig.type in PLACE_OBJECTS and _possessor(toks, g)), None)
        # "opposed any use of force by the bloc": a reaction's target may be the doer of the act it names.
        or next((g for g in right if g.prep == "by" and trig.type in REACTION_TYPES and g is not agent), None)
    )
    if (
        obj is None
        and trig.type in PLACE_OBJECTS
        and [t.lower for t in toks[j : j + 2]] in ([p, o] for p in PATIENT_PREPS for o in ("its", "their"))
        and "any" not in {t.lower for t in toks[max(0, i - 2) : i]}
    ):
        # "Iran suspended cooperation after Israeli and American strikes on its nuclear sites": the owner is the
        # sentence's subject (not "any further attack on its troops", which may never happen).
        obj = next((g for g in groups if g.prep is None and g.end <= i and g is not subject), None)
    return obj, agent


def roles(toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, left: list[Group], agent, subject, main, obj):
    """Who acts on whom: (source, target, how it was read, whether the source is a fallback, whether passive)."""
    cue = _lexicon.cues()
    fallback = False
    how = "clause"
    # "France was outraged": a reaction in the passive without a by-phrase still has its reactor as subject.
    passive = is_passive(toks, i, j) and not (trig.type in REACTION_TYPES and agent is None and not trig.reverse)
    if trig.reverse and not passive and (main is None or main is subject) and (late := _speaker_after(toks, groups, j)):
        # "Israel's strikes were a provocation, Iran said": the speaker comes last (not "Russia was angered, Ukraine
        # said", where the one angered is the source)
        main = late
    if agent is not None and trig.reverse and agent.prep == "by":
        # "Seoul is alarmed by the move": the one alarmed is the source of the concern.
        src, tgt, how = obj or subject, agent, "by phrase of a reverse trigger"
    elif agent is not None:
        # ("Armenia and Azerbaijan agreed ... under a deal brokered by Russia": the subject may stand far back)
        # ("Ankara's purchase of Russia's S-400": a noun's possessor is its other party)
        owner = next((g for g in left if g.end == i - 1 and toks[i - 1].lower == "'s"), None)
        far = main if agent.prep == "by" and main is not agent else None
        # ("hitting militias backed by Iran": a participle right after a noun no actor names backs that noun)
        # (not "talks mediated by China", "a deal brokered by Russia": an act's noun is the act, with its parties)
        k = _before_parties(toks, groups, i)
        act_noun = any(e in (i, k + 1) for _, e, _ in hits) or any((toks[n].lower,) in cue["event"] + cue["agreement"] for n in (i - 1, k))
        modifier = agent.prep == "by" and toks[i].lower.endswith("ed") and not any(g.end == i for g in groups)
        modifier = modifier and i > 0 and not act_noun
        # ("a joint exercise held by South Korean and U.S. forces": those who drill together are each other's partners)
        together = trig.type == "military_cooperation" and len(agent.actors) >= 2
        src, tgt, how = agent, obj or (None if modifier or together else subject or owner or far), "by/from phrase"
    elif (
        passive
        and trig.type in MATERIAL
        and subject is not None
        # ("Troops from Nigeria were deployed to Benin"; not "... were attacked", where the troops are the victims)
        # ("Syrian soldiers had been killed in the raids": troops an attack is done to are its victims)
        and trig.type != "attacks"
        and (subject.agentive or from_origin(toks, subject, trig))
    ):
        src, tgt, how = subject, obj, "passive with the doer's troops as subject"
    elif (
        trig.reverse
        # ("told Putin that Russia had violated Ukraine's sovereignty": a possessive object only owns what was violated)
        and (obj is None or trig.type == "threatens" or (trig.type == "condemns" and obj.end < len(toks) and toks[obj.end].lower == "'s"))
        and subject is not None
        and main is not None
        and main is not subject
        and trig.type in {"threatens", "supports_verbally", "condemns", "demands"}
        and main.ids != subject.ids
    ):
        # "Iran said Israel would pay": the speaker threatens the one who would pay; "the US said Israel had
        # the right to defend itself": the speaker backs the one who has the right; "Phnom Penh said the Thai
        # strikes were an act of aggression": the speaker condemns the doer; "Senegal said France would have to
        # close its bases": the speaker demands it of the one who would have to.
        src, tgt, how = main, subject, "speaker of a reverse trigger"
    elif trig.reverse and trig.type == "condemns" and obj is None:
        # "The Arab League called it an aggression": the speaker is the subject; the doer is the act's.
        src, tgt, how = subject, None, "clause"
    elif passive and not trig.reverse and obj is not None and trig.type in MATERIAL and obj.prep in {"to", "into"}:
        # "Germany said more tanks would be delivered to Ukraine": what is given to someone in the passive is still
        # given to them, by the one who tells it if anyone ("Certain weapons could not be given to Ukraine", Spain's
        # minister said, is Spain's refusal).
        speaker = main if main is not None and not main.ids & obj.ids else None
        src, tgt, how, fallback = speaker, obj, "the speaker of a passive", True
    elif passive and trig.type == "attacks" and subject is not None and subject.agentive:
        # "Three U.S. troops were killed in a drone attack on a base in Jordan": the troops are the victims; the
        # place is where it happened, not who did it.
        src, tgt, how = None, subject, "passive"
    elif passive != trig.reverse:
        src, tgt = obj, subject
        how = "passive" if passive else "reverse trigger"
    else:
        src, tgt = subject, obj
        if src is None and tgt is not None and main is not None and main is not tgt:
            # "Ukraine, which ended the transit, said it stood with Moldova": the sentence's subject.
            src, how, fallback = main, "the sentence's subject", True
    if (
        src is agent
        and src is not None
        and tgt is None
        and find_phrase(toks, cue["consequence"], max(0, i - 3), i) is not None
        and (doer := next((g for g in groups if g.prep is None and g.end <= i and g is not agent), None)) is not None
    ):
        # "Argentina backed Bolivia's claim, prompting a protest from Santiago": the reaction is to the sentence's
        # subject, whose act prompted it.
        tgt, how = doer, "the act that prompted it"
    return src, tgt, how, fallback, passive


def placed_roles(toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, left, right, src, tgt, how: str):
    """Roles that where the trigger stands tells, not its clause: trainers named by their state, talks told before the
    clause, and talks told as the means of another act. Returns (source, target, how), changed or as given."""
    trainers = trig.type == "military_training" and toks[j - 1].lower in TRAINERS
    # (not when the sentence tells the training itself: "Western instructors in Britain have trained Ukrainian recruits")
    trainers = trainers and not any(t.type == "military_training" and k != i for k, _, t in hits)
    if trainers and (own := next((g for g in groups if g.end == i), None)):
        # "Russian trainers were present in Mali", "sent military advisers to Ukraine": the trainers' state trains the
        # one that hosts them (only where a place names the host: a clause's subject is too often another's, "France
        # said Mali relied on Russian instructors").
        host = next((g for g in right if g.prep in {"in", "to"} and not g.ids & own.ids), None)
        return own, host, "the host of the trainers"
    if trig.type != "talks":
        return src, tgt, how
    if (
        src is None
        and tgt is not None
        and toks[0].lower in {"in", "after", "during", "following"}
        and (comma := next((n for n in range(tgt.end, len(toks)) if toks[n].text == ","), None)) is not None
        # (not talks that have a verb of their own: "After talks with Iran stalled, Israel launched strikes")
        and not any(t.lower.endswith("ed") or t.lemma != t.lower for t in toks[tgt.end : comma] if not t.text[:1].isupper())
    ):
        # "In a phone call with Rubio, Lavrov called for ...": talks told before the clause are its subject's.
        after = next((g for g in groups if g.start > comma and g.prep is None and not g.ids & tgt.ids), None)
        return after, tgt, how if after is None else "the subject after the talks"
    bare = [g for g in left if g.prep is None and g.actors]
    if tgt is None and _means(toks, i) and len(bare) >= 2 and not bare[0].ids & bare[-1].ids:
        # "Biden told Netanyahu in a phone call", "warned Lavrov by telephone": talks told as the means of another act
        # are the clause subject's with that act's object.
        return bare[0], bare[-1], "the one it spoke to"
    return src, tgt, how


def status(toks: list[Tok], groups: list[Group], hits, i: int, j: int, lo: int, noun: bool, alleged: bool) -> tuple[bool, str, bool]:
    """Whether the trigger is negated (or told as ended), its status, and whether it is a decision announced."""
    cue = _lexicon.cues()
    # Negation belongs to the trigger's own predicate: "had no legal basis and urged" does not negate "urged".
    neg_from = max([i - 4, *(k + 1 for k in range(max(0, i - 4), i) if toks[k].lower in {"and", ",", ";", "but"})])
    negated = find_phrase(toks, cue["negation"], neg_from, i) is not None
    # "pulling out of peace treaty negotiations", "ending its defence cooperation": a relation ended is not told as
    # one that holds (a few more words may stand between).
    ending = find_phrase(toks, cue["ending"], max(i - 8, lo), i)
    # Not across another act ("suspended talks and launched strikes"), a new subject ("after the truce ended
    # Russia attacked"), a clause's edge, or onto a second verb ("abandoned restraint and shelled Ukraine").
    governs = ending is not None and not any(ending[1] <= s_ < i for s_, _, _ in hits)
    governs = governs and not any(t.lower in {",", ";", "but"} for t in toks[ending[1] : i]) and toks[i - 1].lower != "and"
    governs = governs and not any(ending[1] <= g.start < i for g in groups)
    negated = negated or governs
    # "an attack on Taiwan could justify ...": a noun's modal comes after it.
    modal = find_phrase(toks, cue["modality"], max(lo, i - 8), i) or find_phrase(toks, cue["modality"], i, j + (6 if noun else 0))
    # "Ecuador will impose a tariff": a decision announced is an act a reaction may answer, unlike "could impose".
    announced = modal is not None and find_phrase(toks, cue["announcement"], modal[0], modal[1]) is not None
    if modal:
        status = "potential"
    elif alleged or find_phrase(toks, cue["attribution"], 0, len(toks)):
        status = "reported"
    else:
        status = "confirmed"
    return negated, status, announced


def demanded(toks: list[Tok], groups: list[Group], e: int, i: int) -> bool:
    """Whether the words at ``i`` are what a demand ending at ``e`` asks for ("urged Iran to agree to talks", "urged India
    and Pakistan to resolve the row through direct talks"), not a second predicate ("urged calm and sent its minister
    to talks") nor the demand's own occasion ("demanded at talks in Geneva")."""
    # (the "and" of a list of names is no second predicate's)
    between = [t.lower for k, t in enumerate(toks[e:i], e) if not any(g.start <= k < g.end for g in groups)]
    return i - 12 <= e < i and "to" in between and not {"and", ",", ";", "but"} & set(between)


def officials(g: Group) -> bool:
    """Whether ``g`` is a list of officials named by title or name ("Indian Prime Minister Narendra Modi and ...")."""
    return (
        len(g.ids) > 1
        and all(m.how in {"leader", "person", "title", "demonym", "alias", "name"} for m in g.mentions)
        and sum(m.how in {"leader", "person", "title"} for m in g.mentions) >= 2
    )


def _possessor(toks: list[Tok], g: Group) -> bool:
    """Whether ``g`` owns the noun after it: "Syria's airport", "the Syrian capital's airport"."""
    k = g.end + (g.end < len(toks) and (toks[g.end].lower,) in _lexicon.cues()["place"])
    return k < len(toks) and toks[k].lower == "'s"


def _part_of_place(toks: list[Tok], of: int) -> bool:
    """Whether "of" at ``of`` follows a part of a place ("the south of", "the outskirts of"), not the sea off it ("off
    the coast of Yemen" is no strike on Yemen)."""
    return of >= 1 and (toks[of - 1].lower,) in _lexicon.cues()["place"] and not (of >= 3 and toks[of - 3].lower == "off")


def _before_parties(toks: list[Tok], groups: list[Group], i: int) -> int:
    """The last word before ``i`` that is not its parties, its place or a comma: where the noun a participle at ``i``
    tells of stands ("a ceasefire between Israel and Lebanon brokered by", "talks in Istanbul, hosted by", "talks in
    the Qatari capital mediated by"). Capitalised words are skipped as names of places the gazetteer lacks."""
    skip = {",", "and", "between", "among", "of", "in", "the"}
    k = i - 1
    while k > 0 and (
        toks[k].lower in skip
        or (toks[k].lower,) in _lexicon.cues()["place"]
        or toks[k].text[:1].isupper()
        or any(g.start <= k < g.end for g in groups)
    ):
        k -= 1
    return k


def _governing(toks: list[Tok], start: int, i: int) -> bool:
    """Whether the words from ``start`` to the trigger at ``i`` are only a verb that governs it ("approved",
    "decided to", "agreed to")."""
    words = tuple(t.lower for t in toks[start:i])
    return bool(words) and words[:1] in _lexicon.cues()["governing"] and words[1:] in ((), ("to",))


def _agentive(toks: list[Tok], hits, n: int) -> bool:
    """Whether token ``n`` names the doer's agents or its act as a noun ("troops", "Revolutionary Guards", "air strikes")."""
    return toks[n].lower in AGENT_NOUNS or any(k <= n < e for k, e, _ in hits)


def _means(toks: list[Tok], i: int) -> bool:
    """Whether the trigger at ``i`` is told as the means of another act: "in a phone call", "by telephone"."""
    return toks[i - 1].lower == "by" or _in_a(toks, i)


def _in_a(toks: list[Tok], i: int) -> bool:
    """Whether the trigger at ``i`` is a noun told as an event the clause happened in: "in a strike", "during a call",
    "in separate strikes", "in two drone strikes" (lower-case words only between: "in Israeli strikes" names its doer)."""
    for k in range(i - 1, max(i - 4, 0), -1):
        if toks[k].lower in {"in", "during"}:
            return True
        if not toks[k].text.isalnum() or not toks[k].text.islower() or toks[k].lower in {"the", "its", "their", "this", "that"}:
            return False
    return False


def _speaker_after(toks: list[Tok], groups: list[Group], j: int) -> Group | None:
    """The speaker named after what was said, past ``j``: ", Iran said", ", the Iranian foreign ministry said"."""
    cue = _lexicon.cues()
    skip = AGENT_NOUNS | title_words() | {"'s"}  # ("the Iranian foreign ministry said", "Iran's supreme leader said")
    for g in groups:
        if g.start <= j or g.prep is not None:
            continue
        k = g.start - 1
        while k > j and toks[k].lower == "the":
            k -= 1
        if toks[k].lower != ",":
            continue
        k = g.end
        while k < len(toks) and toks[k].lower in skip:
            k += 1
        if find_phrase(toks, cue["speech"], k, k + 1) is not None:
            return g
    return None
