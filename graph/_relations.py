"""The candidate relations of one sentence. For each trigger, in order: its clause (:func:`_clause`), its doer
(:func:`_agent` for a by- or from-phrase, :func:`_subject`, and :func:`_main`, the sentence's subject), its object
(:func:`_object`), who acts on whom (:func:`_roles`) and its status (:func:`trigger_status`); then, in :func:`candidates`,
the story's memory for what a reaction answers, the pairs and their scores (see :mod:`graph._clauses` for the
sentence's parts and :mod:`graph._story` for the memory). :func:`graph.ingest.extract` calls :func:`candidates` per
sentence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from . import _lexicon
from ._clauses import (
    ACT,
    AGENT_NOUNS,
    AGENT_PREPS,
    AID,
    ALLY_WORDS,
    ANAPHORA,
    BOUNDARIES,
    CONJUNCTIONS,
    EVENT_TYPES,
    GIVEN,
    HOSTILE_EVENTS,
    IMPLIED_REACTIONS,
    OBJECT_PREPS,
    PATIENT_PREPS,
    PLACE_OBJECTS,
    PREPOSITIONS,
    REACTION_TYPES,
    SHARED_TARGETS,
    SUBJECT_PREPS,
    Group,
    Tok,
    anaphoric,
    clause_span,
    clause_start,
    find_phrase,
    from_origin,
    is_passive,
    noun_use,
    official,
    other_participle,
    reaction_content,
    reaction_object,
    relative_antecedent,
    relative_clause,
    second_predicate,
    title_words,
)
from ._story import SPOKEN, acts_of_others, agreed, both_used_force, last_accuser, last_agreement, last_speaker, named_act

STATUS_FACTOR = {"confirmed": 1.0, "reported": 0.9, "potential": 0.8}
#: The people a military training trigger may name ("Russian military instructors"): their state trains their host.
TRAINERS = frozenset({"instructors", "trainers", "advisers", "advisors"})
#: How a pair read from "as did" is named in its reason, so the analyst sees it was not told of that actor directly.
LIKEWISE = 'the same act ("as did")'
#: Acts done with troops, arms or force: whose troops they are says who acts.
MATERIAL = frozenset({"troop_deployment", "attacks", "military_training", "arms_transfer"})
#: Of those, the acts whose "of X troops" is the doer ("the deployment of Russian troops"), not the one acted on
#: ("the training of Ukrainian troops").
OWNER_ACTS = MATERIAL - {"military_training"}


def candidates(toks: list[Tok], groups: list[Group], hits, types, memory: dict) -> Iterable[dict]:
    """The candidates of one sentence with triggers ``hits`` (:func:`graph._clauses.find_triggers`); ``memory``
    carries the doers of the events told in the sentences before."""
    cue = _lexicon.cues()
    # A reaction's object ("condemned the attack") is not an event of its own.
    hits = [h for h in hits if not reaction_object(toks, h, hits)]
    parties_here: list[_lexicon.Entry] = []  # the last several actors a trigger of this sentence acted on
    if (said := find_phrase(toks, cue["speech"], 0, len(toks))) is not None and (
        speaker := next((g for g in reversed(groups) if g.end <= said[0] and g.prep is None and g.actors), None)
    ):
        memory.setdefault("speakers", []).append(speaker)  # for "praised the speech"
    ditto = _likewise(toks, groups, hits)
    for i, j, trig in hits:
        if anaphoric(toks, i, j, trig, groups) or reaction_content(toks, i, trig, hits, groups):
            continue
        if trig.type == "talks" and toks[i - 1].lower == "to" and any(_demanded(toks, e, i) for _, e, t in hits if t.type == "demands"):
            continue  # "pressed Israeli leaders to agree to pauses": talks demanded are not talks held
        if trig.type == "economic_aid" and any(t.type == "military_aid" and k == i for k, _, t in hits):
            continue  # "sent military aid": the same words' more specific reading
        if trig.type in AID and any(t.type == "sanctions" and 0 <= i - e <= 2 for _, e, t in hits):
            continue  # "froze military aid", "suspended budget support": aid withheld is a sanction, not aid
        if (
            trig.type == "talks"
            and find_phrase(toks, cue["signing"], i, j)
            and any(t.type not in {"talks", ACT} and j <= k <= j + 6 for k, _, t in hits)
        ):
            continue  # "signed a defense pact": what was signed has a type of its own
        rel = relative_clause(toks, i)
        lo, hi = _clause(toks, groups, hits, i, j, trig, rel)
        directed = trig.type == ACT or bool(types.at[trig.type, "directed"])
        cooperative = trig.type == "military_cooperation"
        left = [g for g in groups if lo <= g.start and g.end <= i and (cooperative or not g.ally)]
        # ("hosted U.S. President Joe Biden, Indian Prime Minister Narendra Modi and ...": a list of officials that
        # begins in the clause is its object whole, however far their titles and names run on)
        right = [g for g in groups if j <= g.start < hi and (g.end <= hi or _officials(g)) and (cooperative or not g.ally)]
        # A noun's doer comes right after it ("condemnation from Western nations"), not from a later by-phrase
        # ("a Chinese attack on Taiwan could justify a response by Japan").
        noun = noun_use(toks, i, groups)
        agent = _agent(toks, hits, i, j, trig, left, right, noun)
        subject, alleged = _subject(toks, groups, hits, i, j, trig, lo, left, agent, rel)
        # The subject of the sentence, or of the clause when another clause came first ("X condemned ..., while Y said").
        main = _main(toks, groups, hits, i, lo)
        if subject is not None and agent is None and subject is relative_antecedent(toks, lo, groups):
            main = subject  # ("..., according to the army, which called the firing a provocation": it speaks itself)
        obj, agent = _object(toks, groups, hits, i, j, trig, right, agent, subject, noun, directed)
        src, tgt, how, fallback, passive = _roles(toks, groups, hits, i, j, trig, left, agent, subject, main, obj)
        negated, status, announced = trigger_status(toks, groups, hits, i, j, lo, noun, alleged)
        if tgt is not None and src is not None and tgt.ids <= src.ids:
            tgt = None  # "Iran warned that Tehran would respond": the speaker itself, not a target
        src, tgt, how = _placed_roles(toks, groups, hits, i, j, trig, left, right, src, tgt, how)
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
        event_word = find_phrase(toks, cue["event"], j, j + 3)
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
            # (and the one-word synonyms of its line of triggers.csv: "condemned the intrusion" names "stormed")
            synonyms = {p[0] for p in trig.phrases if len(p) == 1}
            # "The strikes came hours after Hamas fired rockets": an act told as the background of another is not
            # what a later bare reaction ("Macron said he was outraged") is about.
            background = doer.start > 0 and toks[doer.start - 1].lower in {"after", "following"}
            # "called on both sides to cease hostilities": an act demanded is not an act told.
            background = background or any(t.type == "demands" and e <= i <= e + 8 for _, e, t in hits)
            memory.setdefault("events", []).append((doer, trig.type in HOSTILE_EVENTS and not background, words, trig.type, tgt, synonyms))
            if tgt is not None and trig.type in {"attacks", "armed_conflict"} and doer.actors and tgt.actors:
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
                tgt = next((g for g in right if g.prep == "by" and g.start > event_word[0] and not g.ids & mine), None)
                how = how if tgt is None else "the doer of the act it names"

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


def _placed_roles(toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, left, right, src, tgt, how: str):
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


def _agentive(toks: list[Tok], hits, n: int) -> bool:
    """Whether token ``n`` names the doer's agents or its act as a noun ("troops", "Revolutionary Guards", "air strikes")."""
    return toks[n].lower in AGENT_NOUNS or any(k <= n < e for k, e, _ in hits)


def _means(toks: list[Tok], i: int) -> bool:
    """Whether the trigger at ``i`` is told as the means of another act: "in a phone call", "by telephone"."""
    return toks[i - 1].lower == "by" or _in_a(toks, i)


def _in_a(toks: list[Tok], i: int) -> bool:
    """Whether the trigger at ``i`` is a noun told as an event the clause happened in: "in a strike", "during a call"."""
    return i > 1 and toks[i - 1].lower in {"a", "an"} and toks[i - 2].lower in {"in", "during"}


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


def _officials(g: Group) -> bool:
    """Whether ``g`` is a list of officials named by title or name ("Indian Prime Minister Narendra Modi and ...")."""
    return (
        len(g.ids) > 1
        and all(m.how in {"leader", "person", "title", "demonym", "alias", "name"} for m in g.mentions)
        and sum(m.how in {"leader", "person", "title"} for m in g.mentions) >= 2
    )


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


def _demanded(toks: list[Tok], e: int, i: int) -> bool:
    """Whether the words at ``i`` are what a demand ending at ``e`` asks for ("urged Iran to hold talks"), not a second
    predicate ("urged calm and sent its minister to talks")."""
    return i - 8 <= e < i and not any(t.lower in {"and", ",", ";", "but"} for t in toks[e:i])


def _clause(toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, rel) -> tuple[int, int]:
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


def _agent(toks: list[Tok], hits, i: int, j: int, trig, left: list[Group], right: list[Group], noun: bool) -> Group | None:
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


def _subject(
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
        # subject's (not the name inside the object, "an Iranian general").
        subject = bare(i) or subject
    if agent is None and i > 0 and toks[i - 1].lower in {"and", "but"} and subject is None:
        # A second predicate shares the sentence's subject: "Ukraine said ..., and accused Tehran";
        # "Russia said the European decision had no basis and urged ...".
        subject = bare(i) or subject
    alleged = agent is None and i > 1 and toks[i - 1].lower == "of" and toks[i].lower.endswith("ing")
    alleged = alleged and (accused := next((g for g in groups if g.end == i - 1), None)) is not None
    if alleged:
        # "accused Washington and London of bombing a sovereign state": the accused did it (so it is said), not
        # the accuser.
        subject = accused
    return subject, alleged


def _main(toks: list[Tok], groups: list[Group], hits, i: int, lo: int) -> Group | None:
    """The subject of the sentence, or of the trigger's clause when another clause came first."""
    new_clause = lo > 0 and toks[lo - 1].lower in BOUNDARIES | {","}  # not where another trigger's words end
    main = next((g for g in groups if lo <= g.start and g.end <= i and g.prep is None), None) if new_clause else None
    # ("The military governments of Mali and Burkina Faso warned ...": a subject's head noun may be no actor.)
    head = next((g for g in groups if g.end <= i and g.prep == "of" and toks[0].lower == "the" and g.start <= 5), None)
    head = head if head is not None and not any(e <= head.start for _, e, _ in hits) else None
    main = main or next((g for g in groups if g.end <= i and (g.prep is None or g is head)), None)
    return main


def _object(
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
    reach = 9 if (j < len(toks) and toks[j].lower in {"on", "against", "at", "to"}) or trig.type == "economic_aid" else 6
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


def _roles(toks: list[Tok], groups: list[Group], hits, i: int, j: int, trig, left: list[Group], agent, subject, main, obj):
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
        and (subject.agentive or (trig.type != "attacks" and from_origin(toks, subject, trig)))
    ):
        src, tgt, how = subject, obj, "passive with the doer's troops as subject"
    elif (
        trig.reverse
        and (obj is None or trig.type == "threatens")
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


def trigger_status(
    toks: list[Tok], groups: list[Group], hits, i: int, j: int, lo: int, noun: bool, alleged: bool
) -> tuple[bool, str, bool]:
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
