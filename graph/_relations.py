"""The candidate relations of one sentence. For each trigger, :mod:`graph._trigger` reads its clause: its bounds,
doer, object, who acts on whom and its status; then :func:`candidates` uses the story's memory for what a reaction
answers, and makes the pairs and their scores (see :mod:`graph._clauses` for the sentence's parts and
:mod:`graph._story` for the memory). :func:`graph.ingest.extract` calls :func:`candidates` per sentence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from . import _lexicon, _trigger
from ._acts import attributive, not_told, past_naming, reaction_object
from ._clauses import (
    ACT,
    AID,
    ANAPHORA,
    EVENT_TYPES,
    FORCE,
    GIVEN,
    HOSTILE_EVENTS,
    IMPLIED_REACTIONS,
    PATIENT_PREPS,
    PREPOSITIONS,
    REACTION_TYPES,
    SHARED_TARGETS,
    Group,
    Tok,
    find_phrase,
    noun_use,
    relative_antecedent,
    relative_clause,
    requirement,
)
from ._story import SPOKEN, acts_of_others, agreed, both_used_force, last_accuser, last_agreement, last_speaker, named_act

STATUS_FACTOR = {"confirmed": 1.0, "reported": 0.9, "potential": 0.8}
#: How a pair read from "as did" is named in its reason, so the analyst sees it was not told of that actor directly.
LIKEWISE = 'the same act ("as did")'


def _doer_of(toks: list[Tok], by: Group, event_word: tuple[int, int]) -> bool:
    """Whether the "by" before ``by`` names the doer of the act at ``event_word`` ("the seizure of the ship by the
    Houthis", "the attack launched by Russia"), not of another noun's participle ("with missiles supplied by the
    United States")."""
    k = next((n for n in range(by.start - 1, max(0, by.start - 4), -1) if toks[n].lower == "by"), None)
    if k is None or k < 2 or not toks[k - 1].lower.endswith("ed"):
        return True
    return k - 2 < event_word[1]


def candidates(toks: list[Tok], groups: list[Group], hits, types, memory: dict) -> Iterable[dict]:
    """The candidates of one sentence with triggers ``hits`` (:func:`graph._clauses.find_triggers`); ``memory``
    carries the doers of the events told in the sentences before."""
    cue = _lexicon.cues()
    # A reaction's object ("condemned the attack") is not an event of its own.
    hits = [h for h in hits if not reaction_object(toks, h, hits, groups)]
    # ("another horrific atrocity committed by Russia": two judging words side by side are one phrase, read at its
    # noun; not "condemned unprovoked Russian aggression", a verb and the judgment it makes)
    hits = [
        (i, j, t)
        for i, j, t in hits
        if not (t.type in REACTION_TYPES and t.reverse and any(k == j and u.type == t.type for k, _, u in hits))
    ]
    # ("Russia's unprovoked invasion of Ukraine": a judging word before an act's noun only qualifies the act)
    judging = {n for h in hits if attributive(toks, h, hits, groups) for n in range(h[0], h[1])}
    hits = [h for h in hits if h[0] not in judging]
    parties_here: list[_lexicon.Entry] = []  # the last several actors a trigger of this sentence acted on
    if (said := find_phrase(toks, cue["speech"], 0, len(toks))) is not None and (
        speaker := next((g for g in reversed(groups) if g.end <= said[0] and g.prep is None and g.actors), None)
    ):
        memory.setdefault("speakers", []).append(speaker)  # for "praised the speech"
    ditto = _likewise(toks, groups, hits)
    for i, j, trig in hits:
        if not_told(toks, i, j, trig, hits, groups):
            continue
        if trig.type == "talks" and any(_trigger.demanded(toks, groups, e, i) for _, e, t in hits if t.type == "demands"):
            continue  # "pressed Israeli leaders to agree to pauses", "urged the two to settle it through talks": talks demanded are not talks held
        if trig.type == "economic_aid" and any(t.type == "military_aid" and k == i for k, _, t in hits):
            continue  # "sent military aid": the same words' more specific reading
        if trig.type in GIVEN and any(t.type == "sanctions" and 0 <= i - e <= 2 for _, e, t in hits):
            continue  # "froze military aid", "suspended budget support": aid or arms withheld are a sanction, not aid ("halted shipments of arms")
        if (
            trig.type == "talks"
            and find_phrase(toks, cue["signing"], i, j)
            and any(t.type not in {"talks", ACT} and j <= k <= j + 6 for k, _, t in hits)
        ):
            continue  # "signed a defense pact": what was signed has a type of its own
        rel = relative_clause(toks, i)
        lo, hi = _trigger.bounds(toks, groups, hits, i, j, trig, rel)
        directed = trig.type == ACT or bool(types.at[trig.type, "directed"])
        cooperative = trig.type == "military_cooperation"
        left = [g for g in groups if lo <= g.start and g.end <= i and (cooperative or not g.ally)]
        # ("hosted U.S. President Joe Biden, Indian Prime Minister Narendra Modi and ...": a list of officials that
        # begins in the clause is its object whole, however far their titles and names run on)
        right = [g for g in groups if j <= g.start < hi and (g.end <= hi or _trigger.officials(g)) and (cooperative or not g.ally)]
        # A noun's doer comes right after it ("condemnation from Western nations"), not from a later by-phrase
        # ("a Chinese attack on Taiwan could justify a response by Japan").
        noun = noun_use(toks, i, groups)
        agent = _trigger.agent(toks, hits, i, j, trig, left, right, noun)
        subject, alleged, accuser = _trigger.subject(toks, groups, hits, i, j, trig, lo, left, agent, rel)
        # The subject of the sentence, or of the clause when another clause came first ("X condemned ..., while Y said").
        main = _trigger.main(toks, groups, hits, i, lo)
        if subject is not None and agent is None and subject is relative_antecedent(toks, lo, groups):
            main = subject  # ("..., according to the army, which called the firing a provocation": it speaks itself)
        obj, agent = _trigger.object_of(toks, groups, hits, i, j, trig, right, agent, subject, noun, directed)
        src, tgt, how, fallback, passive = _trigger.roles(toks, groups, hits, i, j, trig, left, agent, subject, main, obj)
        negated, status, announced = _trigger.status(toks, groups, hits, i, j, lo, noun, alleged)
        if tgt is not None and src is not None and tgt.ids <= src.ids:
            tgt = None  # "Iran warned that Tehran would respond": the speaker itself, not a target
        src, tgt, how = _trigger.placed_roles(toks, groups, hits, i, j, trig, left, right, src, tgt, how)
        if trig.type in REACTION_TYPES and toks[j - 1].lower == "with" and tgt is not None and all(a.kind != "state" for a in tgt.actors):
            # "lodged a complaint with the United Nations": an organisation a protest is lodged with hears it; the
            # protest is against the last act's doer, as if no one were named ("Tokyo lodged a complaint with Beijing").
            tgt = None
        if (
            trig.type in FORCE
            and accuser is not None
            and src is not None
            and tgt is None
            and not accuser.ids & src.ids
            and all(a.kind == "state" for a in accuser.actors)
            # (the act told as a noun, "blamed Ukrainian drones for the strike", or done to what is the accuser's own,
            # "of assassinating its top nuclear scientist"; not "the United States accused Russia of bombing hospitals")
            and (
                not (toks[i - 1].lower in {"of", "for"} and toks[i].lower.endswith("ing"))
                or any(t.lower in {"its", "their", "our"} for t in toks[j : j + 5])
            )
        ):
            # "Iran accused Israel of assassinating its top nuclear scientist", "Moscow blamed Ukrainian drones for the
            # strike on the bridge": force a state lays at another's door, with no one else named, was used on it.
            tgt, how = accuser, "the accuser, on whom it was used"
        if (
            subject is not None
            and src is subject
            and main is not None
            and main is not subject
            and subject.start > 0
            and (toks[subject.start - 1].lower,) in cue["condition"]
            and "demands" in types.index
        ):
            # "Turkey halted trade, saying the measures would stay until Israel allowed aid into Gaza": a condition
            # set is a demand of the one who must meet it, not an act of its.
            src, tgt, how, status = main, subject, "condition", "confirmed"
            trig = dataclasses.replace(trig, type="demands")
        at = past_naming(toks, j)
        # ("condemned an unprovoked and unjustified attack": the judging words before the act's noun are passed over)
        passed = sum(n in judging or toks[n].lower == "and" for n in range(at, min(at + 6, len(toks))))
        event_word = find_phrase(toks, cue["event"], at, at + 3 + passed)
        if event_word and {"a", "an"} & {t.lower for t in toks[j : event_word[0]]} and find_phrase(toks, cue["utterance"], *event_word):
            event_word = None  # "urged a peaceful resolution of the crisis": words not yet said answer no one
        if event_word is None and trig.type == "demands" and (stop := find_phrase(toks, cue["cessation"], j, j + 4)) is not None:
            # "called for an immediate halt to the fighting": the act a demand would stop is named a few words on.
            event_word = find_phrase(toks, cue["event"], stop[1], stop[1] + 3)
        # "Australia said the move was dangerous": the event is named just before the reaction.
        before = find_phrase(toks, cue["event"], max(lo, i - 4), i) if trig.type in REACTION_TYPES and i >= 2 else None
        if before is None and trig.type in REACTION_TYPES and trig.reverse and (naming := find_phrase(toks, cue["naming"], lo, i)):
            # "called the raid an authoritarian act and a flagrant violation": the act named right after "called".
            before = find_phrase(toks, cue["event"], naming[1], min(naming[1] + 3, i))
        named_before = before is not None and toks[before[0] - 1].lower in ANAPHORA
        if (
            trig.type in EVENT_TYPES
            and (doer := src or (subject if not passive else None)) is not None
            and (status != "potential" or announced)
        ):
            words = {t.lemma for t in toks[i:j]}
            if (required := requirement(toks, trig, i, j)) is not None:
                # ("conducted its third nuclear test": what the trigger needed names the act too, "condemned the test")
                words |= {t.lemma for t in toks[required[0] : required[1]]}
            # (and the one-word synonyms of its line of triggers.csv: "condemned the intrusion" names "stormed")
            synonyms = {p[0] for p in trig.phrases if len(p) == 1}
            # "The strikes came hours after Hamas fired rockets": an act told as the background of another is not
            # what a later bare reaction ("Macron said he was outraged") is about.
            background = doer.start > 0 and toks[doer.start - 1].lower in {"after", "following"}
            # "called on both sides to cease hostilities": an act demanded is not an act told.
            background = background or any(t.type == "demands" and e <= i <= e + 8 for _, e, t in hits)
            memory.setdefault("events", []).append((doer, trig.type in HOSTILE_EVENTS and not background, words, trig.type, tgt, synonyms))
            if tgt is not None and trig.type in FORCE and doer.actors and tgt.actors:
                memory["pair"] = (doer, tgt)  # the two sides of a clash
        if (
            trig.type == ACT
            and status == "potential"
            and src is not None
            and tgt is not None
            and not negated
            and "threatens" in types.index
        ):
            # "Ankara was considering suspending relations with the UAE": an act held over another is a threat.
            trig, how = dataclasses.replace(trig, type="threatens"), "an act it may take"
        elif trig.type == ACT:
            continue  # remembered above, never a candidate
        # "Kyrgyzstan and Tajikistan accused each other": every one of the subject's actors on every other.
        # ("Armenia and Azerbaijan traded accusations": an exchange goes both ways as "each other" does)
        mutual = find_phrase(toks, cue["reciprocal"], j, j + 2) is not None or (toks[i].lower,) in cue["exchange"]
        reciprocal = src is not None and len(src.actors) >= 2 and mutual
        if reciprocal:
            tgt, how = src, "reciprocal"
        elif trig.type in SHARED_TARGETS and src is not None and tgt is None and trig.type in memory.get("targets", {}):
            # "The EU imposed sanctions on Iran, and Britain followed with its own asset freezes"; "NATO will send
            # troops to Kosovo, and Britain offered to deploy a battalion": the same act's last target.
            last = memory["targets"][trig.type]
            if not last.ids & src.ids:
                tgt, how = last, "the target of the same act told before"
        elif (
            trig.type in AID
            and src is not None
            and tgt is None
            and (home := memory.get("home")) is not None
            and home.actor_id in memory.get("named", ())
            and home.actor_id not in src.ids
        ):
            # "PORT VILA - France dispatched aid and emergency personnel": help with no one named to receive it goes to
            # the dateline's country, when the story names that country too (a conference's host is not named so).
            tgt, how, fallback = Group.standing_for([home]), "the dateline's country", True
        elif (
            trig.type == "threatens"
            and src is not None
            and tgt is None
            and (cond := next((g for g in right if g.start > 0 and toks[g.start - 1].lower in {"if", "unless"}), None))
            and not cond.ids & src.ids
        ):
            # "Estonia warned it would close its crossings if Russia used the same tactics": the one whose act would
            # set off what is threatened.
            tgt, how = cond, "the condition of the threat"
        elif trig.type == "threatens" and src is not None and tgt is None and toks[i - 1].lower not in PREPOSITIONS:
            # "Iran vowed to retaliate" after Israel struck Iran: against the one who struck it (force, sanctions or an act
            # such as an expulsion; not "warned Ethiopia against threatening", which is what was warned against).
            mine = src.ids
            done = [
                e
                for e in acts_of_others(memory, src)
                if e[1] and e[3] in {"attacks", "armed_conflict", "sanctions", ACT} and e[4] is not None and e[4].ids & mine
            ]
            if done:
                tgt, how = done[-1][0], "the act it answers"
        elif (
            trig.type in REACTION_TYPES
            or (trig.type == "supports_verbally" and event_word and tgt is None and (toks[i].lower,) in cue["endorsement"])
        ) and src is not None:
            # ("Poland welcomed the decision": welcoming an act backs its doer, as condemning it opposes them)
            also = tgt is None and any(t.lower == "also" for t in toks[max(0, i - 3) : i])
            # "condemned the agreement" names the event; "also voiced concern", "the move was dangerous" and a
            # bare "said it was outraged" react to the last hostile act.
            others = acts_of_others(memory, src)
            # A threat is what a reaction is about only when no deed was told ("expressed concern over the
            # escalation" after a strike and a warning: the strike).
            deeds = [e for e in others if e[3] != "threatens"] or others
            if trig.type == "supports_verbally":
                deeds = [e for e in others if e[3] != "threatens"]  # one welcomes a decision, not a warning
            # "Tehran said the measures were economic terrorism": what was done to the one reacting, if anything was.
            mine = src.ids
            # (not what it was given: "Russia delivered the batteries to Turkey" is not what Turkey condemns)
            deeds = [e for e in deeds if not (e[3] in GIVEN and e[4] is not None and e[4].ids & mine)]
            deeds = [e for e in deeds if e[4] is not None and e[4].ids & mine] or deeds
            last = deeds[-1][0] if deeds else None
            last_hostile = next((d for d, hostile, *_ in reversed(deeds) if hostile), None)
            if event_word:
                last = named_act(toks, event_word, others, types) or last
            # "Mexico suspended relations after Ecuadorian police stormed its embassy. Its president called the raid
            # a violation": an act told as background is still what a reaction naming it is about, when it was
            # done to the one reacting.
            done_to_me = next((e[0] for e in reversed(deeds) if e[4] is not None and e[4].ids & mine), None)
            rebuttal = tgt is None and find_phrase(toks, cue["rebuttal"], j - 1, j + 3) is not None
            # ("the seizure of power": the coup's words may run on past the event word)
            at = (event_word[0], event_word[0] + 1) if event_word else (0, 0)
            coup = find_phrase(toks, cue["coup"] + cue["coup_name"] + cue["coup_reference"], *at)
            # ("the attempt" names only a coup already told)
            named_only = bool(coup) and (toks[event_word[0]].lower,) in cue["coup_reference"]
            if coup and memory.get("coup") is None and toks[event_word[0] - 1].lower != "'s" and not named_only:
                # "The United States condemned the takeover" before the coup is told: the dateline's country's
                # (not "China's takeover of the port").
                memory["coup"] = memory.get("home")
            coup = coup and memory.get("coup")
            law = event_word and find_phrase(toks, cue["law"], event_word[0], event_word[0] + 1)
            home = memory.get("home")
            if law and home is not None and home.actor_id not in mine and (tgt is None or tgt.start > event_word[0]):
                # "The EU condemned the legislation" in a story filed from Kampala: the law of the dateline's state.
                event, why = Group.standing_for([home], *event_word), "the state whose law it is"
            elif coup and (tgt is None or tgt.start > event_word[0]):
                # "France condemned the coup": a coup is its own country's army's act, told as the country's.
                event, why = Group.standing_for([memory["coup"]], *event_word), "the country of the coup"
            elif (
                event_word
                and find_phrase(toks, cue["agreement"], event_word[0], event_word[1])
                and (deal := last_agreement(memory, src)) is not None
            ):
                # "Egypt welcomed the agreement", "Australia was disappointed by the pact": its parties.
                event, why = deal, "the parties of the agreement"
            elif (
                (uttered := find_phrase(toks, cue["utterance"], j, j + 3)) is not None
                # (words told before are named as such: "the remarks", not "a peaceful resolution of the crisis")
                and toks[uttered[0] - 1].lower in ANAPHORA
                and (speaker := last_speaker(memory, src)) is not None
            ):
                # "Scholz criticised the remarks": what the last one to threaten, condemn or demand said.
                event, why = speaker, "the remarks it answers"
            elif rebuttal and (accuser := last_accuser(memory, src)) is not None:
                # "Kenya rejected the charge": the charge of the one who accused Kenya.
                event, why = accuser, "the accusation it answers"
            elif event_word and (tgt is None or (tgt.start > event_word[0] and tgt.prep != "by")):
                # ("denounced the move as an act of folly by Abu Dhabi": a by-phrase names the act's doer itself)
                event, why = last, "the event named before"
            elif tgt is None and named_before and (act := named_act(toks, before, others, types) or last_hostile or done_to_me):
                event, why = act, "the event named before"
            elif also:
                event, why = last_hostile, "the event named before"
            elif tgt is None and toks[i - 1].lower == "in" and (acted_on := next((g for g in reversed(left) if not g.ids & mine), None)):
                # "Jordan recalled its ambassador from Israel in protest at the war": a protest made by an act is
                # against the one the act was done to.
                event, why = acted_on, "the one its act was done to"
            elif tgt is None and (prompted := next((g for g in right if g.prep in {"after", "following"} and not g.ids & mine), None)):
                # "Australia voiced concern after a Chinese naval task group held drills": the doer of the act after
                # which it reacts, told in the same sentence.
                event, why = prompted, "the act that prompted it"
            elif tgt is None and trig.type in IMPLIED_REACTIONS:
                event, why, fallback = last_hostile, "the last act told (implied)", True
            else:
                event = None
            if event is not None:
                tgt, how = event, why
            elif event_word and tgt is not None and tgt.start > event_word[0] and tgt.prep in PATIENT_PREPS:
                # "condemned the attack on the UN base" with no attacker told: the UN is the victim, not the target;
                # "condemned the attack by Russia on Ukraine": the attacker is told by its "by".
                tgt = next(
                    (g for g in right if g.prep == "by" and g.start > event_word[0] and not g.ids & mine and _doer_of(toks, g, event_word)),
                    None,
                )
                how = how if tgt is None else "the doer of the act it names"
            elif (
                event_word
                and tgt is not None
                and tgt.start > event_word[0]
                and tgt.prep == "of"
                and (doer := next((g for g in groups if g.prep == "by" and g.start > tgt.start and not g.ids & mine), None))
                and not {t.lower for t in toks[tgt.end : doer.start]} & {",", ";", "and", "but", "while"}
                and _doer_of(toks, doer, event_word)
            ):
                # "condemned the seizure of an Emirati ship by the Houthis": the one seized is the victim; the doer is
                # told by its "by" (which may run on past the clause's bounds: "by Yemen's Houthi movement").
                tgt, how = doer, "the doer of the act it names"

        pairs: list[tuple[_lexicon.Entry, _lexicon.Entry]] = []
        named = next((g for g in right[:1] if g.prep in {"between", "among"} and len(g.actors) >= 2), None)
        if not directed and named is not None and (toks[i - 1].lower in {"after", "following", "before"} or src is None):
            # "... to join NATO after talks between Erdogan and the Swedish premier", "negotiations among Egypt,
            # Ethiopia and Sudan": the pair is the one named.
            src, tgt, how = named, None, "pair named together"
        if (
            trig.type == "talks"
            and src is not None
            and tgt is None
            and named is None
            # (a capital, not a seat of an organisation: "NATO ambassadors met in Brussels" met no EU)
            and all(a.kind == "state" for a in src.actors)  # (an organisation meeting in Cairo meets no Egypt)
            # ("the foreign ministers of Saudi Arabia and Iran met in Beijing": two who meet meet each other)
            and len(src.actors) == 1
            and (
                seat := next((g for g in right if g.prep == "in" and g.mentions[0].how == "capital"), None)
                # ("Macron arrived in Nairobi for talks": the capital reached before the talks)
                or next((g for g in left if g.prep in {"in", "to"} and g.mentions[0].how == "capital" and g.start > src.end), None)
            )
        ):
            # "held talks in Honiara": talks in a capital are with its government.
            tgt, how = seat, "the capital the talks are held in"
        if src is not None and tgt is not None:
            pairs = [(a, b) for a in src.actors for b in tgt.actors if a.actor_id != b.actor_id]
            between = tgt is named or (tgt.prep in {"between", "among"} and tgt.listed)
            if between and not directed and not src.ids & tgt.ids:
                # "Turkey hosted talks between Ethiopia and Somalia", "a ceasefire between Israel and Lebanon brokered by
                # the United States": the host meets each, and the two meet each other.
                pairs += [(a, b) for n, a in enumerate(tgt.actors) for b in tgt.actors[n + 1 :]]
        elif (
            not directed
            and (side := src or tgt) is not None
            and side.end < i
            and toks[side.end].lower == "'s"
            and i - side.end <= 3
            and side.start > 1
            and toks[side.start - 1].lower == ","
            and (head := next((g for g in groups if g.end == side.start - 1), None)) is not None
        ):
            # "Turkey, Azerbaijan's closest ally,": the apposition's head and the possessor.
            pairs = [(a, b) for a in head.actors for b in side.actors if a.actor_id != b.actor_id]
            how = "apposition"
        elif (
            src is not None
            and tgt is None
            and not noun
            and (
                (trig.type == "talks" and find_phrase(toks, cue["mediation"], i, j) is not None)
                # (a call for restraint after one side's strikes is addressed to the striker, not to both)
                or (trig.type == "demands" and find_phrase(toks, cue["restraint"], j, j + 3) is not None and both_used_force(memory))
            )
            and (parties := parties_here or [g.actors[0] for g in memory.get("pair", ())])
        ):
            # "urged Pakistan and Afghanistan to show restraint and offered to mediate", "urged restraint": between
            # the two just named, else the two sides of the last clash.
            pairs = [(a, b) for a in src.actors for b in parties if a.actor_id not in {p.actor_id for p in parties}]
            how = "the parties of the dispute"
        elif not directed and (side := src or tgt) is not None and len(side.actors) >= 2 and not (trig.bilateral and len(side.actors) > 2):
            # ("The US, the EU, Britain and Canada agreed to cut Russian banks off": allies acting together, not talks)
            acts = side.actors
            pairs = [(a, b) for n, a in enumerate(acts) for b in acts[n + 1 :]]
            how = "pair named together"
        likewise: set[tuple[str, str]] = set()
        if ditto is not None and src is ditto[1] and not ditto[0].ids & src.ids:
            # "The EU condemned the seizures, as did the United States": the same act, by the one named after "as did".
            done = {b.actor_id: b for a, b in pairs if a.actor_id in src.ids}
            more = [(y, b) for y in ditto[0].actors for b in done.values() if y.actor_id != b.actor_id]
            pairs, likewise = pairs + more, {(a.actor_id, b.actor_id) for a, b in more}
        if tgt is not None and len(tgt.actors) >= 2:
            parties_here = tgt.actors
        if trig.type == "demands" and find_phrase(toks, cue["appeal"], i, j) is not None:
            # "asked Lima to grant safe passage" is a demand of a state; "asked the UN Security Council to hold a
            # meeting" is an appeal for help, not a demand of it.
            pairs = [(a, b) for a, b in pairs if b.kind == "state"]
        if trig.type in SHARED_TARGETS and tgt is not None and not negated:
            # (even when its doer goes unnamed: "World leaders pledged aid for Lebanon. Qatar sent field hospitals")
            memory.setdefault("targets", {})[trig.type] = tgt
        if not pairs:
            continue
        if trig.type == "condemns" and src is not None and tgt is not None:
            memory.setdefault("accusations", []).append((src, tgt))
        if trig.type == "talks" and not negated:
            memory["met"] = list({e.actor_id: e for pair in pairs for e in pair}.values())  # for a later "Their"
        if agreed(trig.type, [t.lemma for t in toks[i:j]]) and not negated:
            memory.setdefault("agreements", []).append(list({e.actor_id: e for pair in pairs for e in pair}.values()))
        if (trig.type in SPOKEN or status == "potential") and src is not None:  # ("would impose tariffs": said)
            memory.setdefault("speakers", []).append(src)
        coref = any(m.how == "coref" for g in (src, tgt) if g is not None for m in g.mentions)
        score = round(trig.weight * STATUS_FACTOR[status] * (0.85 if coref else 1.0) * (0.9 if fallback else 1.0), 2)
        words = " ".join(t.text for t in toks[i:j])
        for a, b in pairs:
            read = LIKEWISE if (a.actor_id, b.actor_id) in likewise else how
            yield {
                "source": a.actor_id,
                "target": b.actor_id,
                "type": trig.type,
                "status": status,
                "score": score,
                "reason": reason_text(words, trig.type, a, b, read, negated),
                "negated": negated,
                "how": read,
                "src_entry": a,
                "tgt_entry": b,
            }


def reason_text(words: str, type_: str, a: _lexicon.Entry, b: _lexicon.Entry, how: str, negated: bool) -> str:
    """A candidate's reason: its trigger, type, actors, how the pair was read, and flags for the analyst.

    >>> from graph._lexicon import Entry
    >>> reason_text("struck", "attacks", Entry("ISR", "Israel", "state", True, "country"), Entry("IRN", "Iran", "state", False, "name"), "clause", False)
    'trigger "struck" (attacks); Israel → Iran by clause; new actor ISR (Israel)'
    """
    reason = f'trigger "{words}" ({type_}); {a.name} → {b.name} by {how}'
    if negated:
        reason += "; NEGATED"
    if a.new or b.new:
        reason += "; new actor " + ", ".join(f"{e.actor_id} ({e.name})" for e in (a, b) if e.new)
    return reason


def _likewise(toks: list[Tok], groups: list[Group], hits) -> tuple[Group, Group] | None:
    """The side named right after "as did", "and so did" (``cues.csv`` kind ``likewise``) and the one whose acts it
    did too: the subject of the last act told before it ("Russia struck Kyiv, and Britain condemned the strike, as did
    France": Britain's condemnation, not Russia's strike)."""
    said = find_phrase(toks, _lexicon.cues()["likewise"], 0, len(toks))
    if said is None:
        return None
    # ("as did the United States": an article may come first)
    also = next((g for g in groups if said[1] <= g.start <= said[1] + 1 and g.prep is None and g.actors), None)
    # (not "as did South Korea to the United States", another act on another; nor a comparison, "much as did the
    # Soviet Union invade Afghanistan")
    if also is None or (also.end < len(toks) and toks[also.end].text not in {",", ".", ";", ")"}):
        return None
    last = max((k for k, _, _ in hits if k < said[0]), default=None)
    doer = None if last is None else next((g for g in reversed(groups) if g.end <= last and g.prep is None and g.actors), None)
    return (also, doer) if doer is not None else None
