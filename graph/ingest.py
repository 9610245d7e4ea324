"""A news article in, candidate relations out; reviewed by an analyst, then accepted.

The extractor is rule-based, in the manner of the event-data coders (CAMEO,
PETRARCH): an actor dictionary and a trigger lexicon per relation type, all
data (``graph/lexicon/*.csv``, see :mod:`graph._lexicon`). It runs on spaCy's
rule-based parts only (a blank English pipeline, its sentencizer, a
``PhraseMatcher`` and lookup lemmas from spacy-lookups-data): no model
weights, nothing downloaded.

For each sentence it finds actor mentions (names, aliases, demonyms,
capitals, seats of power, organisations, leaders; "both nations" stands for
the last two actors named), then triggers. Each trigger takes its actors from
its clause: the subject acts on the object, a ``by``/``from`` phrase names the
actor in a passive (``troops were sent by Pyongyang``), and some triggers run
backwards (``the move alarmed Seoul``: Seoul is concerned). Negation drops
the candidate; modality makes it ``potential``, attribution ``reported``.

:func:`extract` returns the candidates as rows of ``relations.csv`` plus the
sentence, its character offsets, a score and the reason. :func:`write_review`
writes them with an ``accept`` column for the analyst, and :func:`accept`
appends the rows marked accepted, with the analyst's own evidence, to the
data, creating the source and any new actor; all of it or nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import _lexicon, _people
from ._clauses import (
    ACT,
    AGENT_NOUNS,
    AGENT_PREPS,
    ALLY_WORDS,
    ANAPHORA,
    BOUNDARIES,
    CONJUNCTIONS,
    EVENT_TYPES,
    HOSTILE_EVENTS,
    IMPLIED_REACTIONS,
    NUMBERS,
    OBJECT_PREPS,
    PATIENT_PREPS,
    PLACE_OBJECTS,
    PREPOSITIONS,
    REACTION_TYPES,
    SHARED_TARGETS,
    SUBJECT_PREPS,
    Group,
    Mention,
    Tok,
    anaphoric,
    clause_span,
    find_phrase,
    find_triggers,
    from_origin,
    governing_prep,
    is_passive,
    noun_use,
    other_participle,
    phrase_end,
    reaction_content,
    reaction_object,
    relative_antecedent,
    relative_clause,
    second_predicate,
    side_groups,
)
from ._story import SPOKEN, acts_of_others, agreed, both_used_force, last_accuser, last_agreement, last_speaker, named_act
from .dates import PartialDate
from .edit import Edit, add_actor, add_relation, add_source, data_lock
from .errors import ActorGraphError, DataError, EditError, Problem, WriteError
from .io import Dataset, read_dataset, read_files
from .schema import load_schema
from .write import check_output, write_atomic, write_atomic_all

__all__ = [
    "MAX_BYTES",
    "REVIEW_COLUMNS",
    "accept",
    "article_text",
    "extract",
    "read_article",
    "source_slug",
    "write_review",
]

#: The largest article read (bytes): a news story is far smaller.
MAX_BYTES = 2_000_000

#: The columns of relations.csv, as graph/schema.json defines them.
RELATION_COLUMNS = load_schema()["relations"].columns
#: What a candidate carries beyond the relation's row.
CANDIDATE_COLUMNS = [
    "sentence",
    "char_start",
    "char_end",
    "score",
    "reason",
    "source_name",
    "target_name",
    "source_new",
    "target_new",
    "doc_title",
    "doc_publisher",
    "doc_date",
    "doc_url",
]
#: The columns of a review file: the analyst's verdict first.
REVIEW_COLUMNS = ["accept", *RELATION_COLUMNS, *CANDIDATE_COLUMNS]

#: Verdicts of the ``accept`` column (case-insensitive).
YES = {"yes", "y", "x", "1", "true", "accept", "accepted"}
NO = {"", "no", "n", "0", "false", "reject", "rejected"}

PLURAL_STATES = {"states", "countries", "nations", "governments", "juntas", "neighbours", "neighbors", "allies"}
#: Words that make "the ... country" a count, a contrast or a role, not one state described ("the two countries",
#: "the other state", "the host country").
NOT_DESCRIBING = {
    "two", "three", "four", "five", "other", "same", "host", "whole", "entire", "member", "each", "every", "first",
    "last", "only", "second", "third", "home", "transit", "donor", "nuclear", "and", "or", "a", "an", "which", "this",
}  # fmt: skip
#: "The group", "the rebels": the last armed group named.
GROUP_WORDS = {"group", "movement", "militia", "rebels", "militants", "insurgents"}
#: A wire dateline at the start of a paragraph: a place in capitals, perhaps a date, then a dash.
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s+")
STATUS_FACTOR = {"confirmed": 1.0, "reported": 0.9, "potential": 0.8}
MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1
)}  # fmt: skip


# -- reading an article ----------------------------------------------------------


def read_article(path: str | Path) -> str:
    """The plain text of the article at ``path`` (``-`` for standard input).

    Raises
    ------
    EditError
        If the file is missing, too large, binary, or has no text.
    """
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "standard input"
    else:
        path = Path(path)
        if not path.is_file():
            msg = f'article "{path}" not found or not a file: give the path of a text or HTML file, or - for standard input'
            raise EditError(msg)
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
        name = str(path)
    return article_text(data, name=name)


def article_text(data: bytes, *, name: str = "the article") -> str:
    """``data`` as clean text: decoded, HTML reduced to its text, control characters removed.

    Examples
    --------
    >>> article_text(b"<html><body><script>alert(1)</script><p>Seoul protested.</p></body></html>")
    'Seoul protested.'
    >>> article_text(b"Tokyo\\x07 objected.\\r\\n")
    'Tokyo objected.\\n'
    >>> article_text(b"\\x00\\x01\\x02")
    Traceback (most recent call last):
    ...
    graph.errors.EditError: the article is binary (it contains NUL bytes), not text: give a text or HTML file
    """
    if len(data) > MAX_BYTES:
        msg = f"{name} is larger than {MAX_BYTES:,} bytes: give one article, not a collection"
        raise EditError(msg)
    if b"\x00" in data:
        msg = f"{name} is binary (it contains NUL bytes), not text: give a text or HTML file"
        raise EditError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if re.search(r"<\s*(html|body|p|div|article|script|head)\b", text[:5000], re.IGNORECASE):
        text = _html_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # terminal colour codes: their letters are not words
    # Control characters (not newline or tab) carry no words and upset terminals.
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co"})
    if not text.strip():
        msg = f"{name} has no text to read"
        raise EditError(msg)
    return text


def _html_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    return text or ""


def source_slug(article: str | Path, date: str | None = None) -> str:
    """A source id for an article: its file name as a slug, or ``article-DATE`` for standard input.

    Examples
    --------
    >>> source_slug("news/Israel strikes Iran.html"), source_slug("-", "2024-10-26")
    ('israel-strikes-iran', 'article-2024-10-26')
    """
    stem = "" if str(article) == "-" else Path(article).stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or f"article-{date or dt.date.today().isoformat()}"


# -- the pipeline ------------------------------------------------------------------


@functools.cache
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    # "U.S.-brokered", "Iran-backed": the hyphen after an abbreviation's full stop splits the token too, as it does
    # between letters, so that the actor is a word of its own.
    infixes = [*nlp.Defaults.infixes, r"(?<=\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # the lookup tables come from spacy-lookups-data, installed, not downloaded
    return nlp


def _lemmas():
    """Lower-case word → lemma, from the lookup table (the table is case-sensitive: "Troops" is not in it)."""
    table = _nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return lambda word: table.get(word, word)


@functools.cache
def _matcher(surfaces: tuple[str, ...]):
    from spacy.matcher import PhraseMatcher

    nlp = _nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")  # case matters: "US" is not "us"
    matcher.add("ACTOR", list(nlp.tokenizer.pipe(surfaces)))
    return matcher


def _actor_rows(dataset: Dataset) -> list[dict]:
    frame = dataset.frame("actors")
    return [{k: row[k] for k in ("actor_id", "name", "kind", "aliases")} for _, row in frame.iterrows()]


def extract(
    text: str,
    dataset: Dataset,
    *,
    date: str | None = None,
    source_id: str = "article",
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    keep_negated: bool = False,
) -> pd.DataFrame:
    """Candidate relations found in ``text``, one row per (source, target, type).

    Parameters
    ----------
    text : str
        The article's text (see :func:`article_text`).
    dataset : Dataset
        The data the candidates are for: its actors, relation types and statuses.
    date : str, optional
        The article's date (2024, 2024-10 or 2024-10-31): the start of a
        candidate whose sentence gives no date of its own.
    source_id, title, publisher, url : str, optional
        The source row the candidates will cite.
    keep_negated : bool
        Keep negated candidates (``did not send``), flagged in ``reason``,
        instead of dropping them.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RELATION_COLUMNS` then :data:`CANDIDATE_COLUMNS`,
        best first.

    Examples
    --------
    >>> from graph.io import load, EXAMPLE_DATA
    >>> text = "Troops were sent to Moscow by Pyongyang. Iran condemned the move."
    >>> c = extract(text, load(EXAMPLE_DATA), date="2024-10-31")
    >>> c[["source", "target", "type", "status", "start"]].values.tolist()
    [['PRK', 'RUS', 'troop_deployment', 'confirmed', '2024-10-31'], ['IRN', 'PRK', 'condemns', 'confirmed', '2024-10-31']]
    """
    article_date = PartialDate.parse(date) if date else None
    types = dataset.frame("relation_types").set_index("type")
    entries = _lexicon.gazetteer(_actor_rows(dataset))
    nlp = _nlp()
    lemma = _lemmas()
    matcher = _matcher(tuple(sorted(entries)))
    # Same-length replacements keep every character offset true to the input.
    norm = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    found: dict[tuple[str, str, str], dict] = {}
    history: list[str] = []  # actor ids in order of mention, for "both nations"
    memory: dict = {}  # the doers of the events told so far, for "condemned the attack"
    home = None  # the country of the dateline's place, for officials named by title alone
    people: dict[str, _lexicon.Entry] = {}  # names introduced with an office → their state ("Milei" → Argentina)
    for para_start, para in _paragraphs(norm):
        # A wire story's dateline ("CAIRO, May 27 -") names where it was filed, not an actor of the story.
        if (dateline := DATELINE.match(para)) is not None:
            # Datelines are in capitals: "N'DJAMENA" is N'Djamena, so the place is looked up without case.
            place = " ".join(re.split(r"[,(–—]|\s-", para[: dateline.end()])[0].lower().split())
            named = next((e for name, e in entries.items() if name.lower() == place), None) or _dateline_city(place, entries)
            home = home or (named if named is not None and named.kind == "state" else None)
            para = " " * dateline.end() + para[dateline.end() :]
        doc = nlp(para)
        for sent in doc.sents:
            toks = [Tok(t.text, t.lower_, lemma(t.lower_), para_start + t.idx) for t in sent]
            if not toks or _is_heading(toks):
                continue
            spans = _spacy_spans(doc, matcher, sent)
            mentions = [
                Mention(s - sent.start, e - sent.start, _stands_for(entries[doc[s:e].text]), entries[doc[s:e].text].how)
                for s, e in spans
                if entries[doc[s:e].text].how != "ignore"
            ]
            mentions = sorted(mentions + _titled(toks, mentions, home), key=lambda m: m.start)
            # People introduced in earlier sentences ("Milei's spokesman"), then those this one introduces ("the
            # Honduran minister and his Chinese counterpart Qin Gang signed": Qin Gang is one side of the list).
            mentions = sorted(mentions + _people.named(toks, mentions, people), key=lambda m: m.start)
            _people.learn(toks, mentions, people, home)
            mentions = sorted(mentions + _people.named(toks, mentions, people), key=lambda m: m.start)
            if toks[0].lower in {"he", "she"} and memory.get("person") and not any(m.start == 0 for m in mentions):
                # "He had demanded a public apology": the person the last sentence was about (named first in it).
                mentions.insert(0, Mention(0, 1, memory["person"], "coref"))
            memory["person"] = next((m.actors for m in mentions if m.how in {"person", "title", "leader"}), memory.get("person"))
            first_trigger = min((h[0] for h in find_triggers(toks, types)), default=len(toks))
            # Groups first: "them" may stand for "the three juntas" named before it.
            mentions += _coref_groups(toks, history, mentions, entries, first_trigger, memory)
            mentions += _coref(toks, history, mentions, entries, first_trigger, memory.get("pair"), memory.get("subject"))
            # A name inside a state described is not one of its own ("the South American country" is not America).
            described = [m for m in mentions if m.how == "coref" and m.end - m.start > 2]
            mentions = [m for m in mentions if m.how == "coref" or not any(d.start < m.start and m.end <= d.end for d in described)]
            mentions.sort(key=lambda m: m.start)
            history += [a.actor_id for m in mentions if m.how != "coref" for a in m.actors]
            if not mentions:
                continue
            groups = side_groups(toks, mentions)
            if "coup" not in memory and (seized := find_phrase(toks, _lexicon.cues()["coup"], 0, len(toks))) is not None:
                # The country of a story's coup: the state named nearest its first telling, else the dateline's.
                states = [m for m in mentions if len(m.actors) == 1 and m.actors[0].kind == "state"]
                near = min(states, key=lambda m: abs(m.start - seized[0]), default=None)
                memory["coup"] = near.actors[0] if near is not None else home
            memory["subject"] = next((g.actors for g in groups if g.prep is None and g.actors), None)
            memory.setdefault("lists", []).extend(g.actors for g in groups if len(g.actors) > 2 and not g.coref)
            s0, s1 = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            for cand in _candidates(toks, groups, types, memory):
                if cand["negated"] and not keep_negated:
                    continue
                start = _sentence_date(text[s0:s1], article_date) or (str(article_date) if article_date else "")
                row = {**cand, "sentence": " ".join(text[s0:s1].split()), "char_start": s0, "char_end": s1, "start": start}
                key = (row["source"], row["target"], row["type"])
                if not types.at[row["type"], "directed"]:
                    key = (*sorted(key[:2]), key[2])
                if key not in found or row["score"] > found[key]["score"]:
                    found[key] = row
    rows = []
    for row in sorted(found.values(), key=lambda r: (-r["score"], r["char_start"])):
        src, tgt = row.pop("src_entry"), row.pop("tgt_entry")
        row.pop("negated")
        rows.append(
            {
                **dict.fromkeys(RELATION_COLUMNS, ""),
                **row,
                "confidence": row["score"],
                "citation": source_id,
                "source_name": src.name,
                "target_name": tgt.name,
                "source_new": src.kind if src.new else "",
                "target_new": tgt.kind if tgt.new else "",
                "doc_title": title or "",
                "doc_publisher": publisher or "",
                "doc_date": str(article_date) if article_date else "",
                "doc_url": url or "",
            }
        )
    return pd.DataFrame(rows, columns=RELATION_COLUMNS + CANDIDATE_COLUMNS)


def _dateline_city(place: str, entries: dict[str, _lexicon.Entry]) -> _lexicon.Entry | None:
    """The state of a city that datelines name but that is no seat of power ("ALMATY", "ISTANBUL"), if listed in
    ``cities.csv``: only for the dateline, never an actor mention in the text."""
    code = _lexicon.dateline_cities().get(place)
    return next((e for e in entries.values() if e.actor_id == code and e.kind == "state"), None) if code else None


def _paragraphs(text: str) -> Iterable[tuple[int, str]]:
    """Each non-blank line with its offset: headings and paragraphs never share a sentence."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.group()


def _is_heading(toks: list[Tok]) -> bool:
    return len(toks) < 12 and toks[-1].text not in {".", "!", "?", '"', "'"}


def _spacy_spans(doc, matcher, sent) -> list[tuple[int, int]]:
    from spacy.util import filter_spans

    spans = [doc[s:e] for _, s, e in matcher(doc) if s >= sent.start and e <= sent.end]
    return sorted((s.start, s.end) for s in filter_spans(spans))


def _stands_for(entry: _lexicon.Entry) -> list[_lexicon.Entry]:
    """The actors a mention stands for: none for an armed group the data model has no actor for."""
    return [entry] if entry.actor_id else []


def _coref(
    toks: list[Tok],
    history: list[str],
    mentions: list[Mention],
    entries: dict,
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
    by_id = {e.actor_id: e for e in entries.values()}
    cue = _lexicon.cues()
    out = []
    for i in range(len(toks)):
        for phrase in cue["pair"]:
            if tuple(t.lower for t in toks[i : i + len(phrase)]) == phrase:
                if i > first_trigger and parties and phrase[-1] in {"sides", "parties", "members"}:
                    # "urged both sides", "mediate between its two members": the two parties of the last event.
                    out.append(Mention(i, i + len(phrase), [g.actors[0] for g in parties], "coref"))
                    continue
                states = [a for a in history if by_id[a].kind == "state"]
                last_at = {a: k for k, a in enumerate(states)}
                main = sorted(last_at, key=lambda a: (-states.count(a), -last_at[a]))[:2]
                if i > first_trigger and phrase[-1] in {"sides", "parties", "members"} and len(main) == 2 and states.count(main[1]) >= 2:
                    # "called on all parties" with no clash told: the two states the story is about (named most).
                    out.append(Mention(i, i + len(phrase), [by_id[a] for a in main], "coref"))
                    continue
                here = [] if i > first_trigger else [a.actor_id for m in mentions if m.end <= i for a in m.actors]
                # "The two countries" are states, not the organisation named last ("the EAC urged its two members").
                before = [a for a in history + here if by_id[a].kind == "state"]
                last = list(dict.fromkeys(reversed(before)))[:2]
                if len(last) == 2:
                    out.append(Mention(i, i + len(phrase), [by_id[a] for a in reversed(last)], "coref"))
        # "The country" after a preposition ("soldiers stationed in the country") is another state; as a subject
        # ("Iran's president said the country would respond") it is the speaker's (below).
        after_prep = i > 0 and toks[i - 1].lower in PREPOSITIONS
        fixed = cue["other_state"] + (cue["country"] if after_prep else ())
        lengths = [len(p) for p in fixed if i and tuple(t.lower for t in toks[i : i + len(p)]) == p]
        if (size := lengths[0] if lengths else _described_state(toks, i)) is not None:
            # Its own neighbour is not its clause's subject (the last name before it without a preposition, or after a
            # word that leads a clause: "hours after Trump ordered tariffs against the South American country"): the
            # last other state named before it.
            subject = next(
                (m for m in reversed(mentions) if m.end <= i and governing_prep(toks, m.start)[0] in {None, *CONJUNCTIONS}),
                None,
            )
            first = {a.actor_id for a in subject.actors} if subject else set()
            here = [a.actor_id for m in mentions if m.end <= i for a in m.actors]
            other = next((a for a in reversed(history + here) if a not in first and by_id[a].kind == "state"), None)
            if other is not None:
                out.append(Mention(i, i + size, [by_id[other]], "coref"))
        if i and (size := _described_state(toks, i, "ally_noun", fewest=0)) is not None:
            # "expelled Russian diplomats in solidarity with their ally", "Washington stood with its NATO ally": the
            # last state named that no bare name of this sentence before it stands for (not the doers, nor the
            # one they act against); "the U.S. ambassador to Japan" leaves Japan.
            # (of this clause: "Taiwan thanked Lithuania, and Washington stood with its NATO ally" is Lithuania)
            clause = max((k + 1 for k in range(i) if toks[k].lower in {";", "and", "while", "but"} and toks[k - 1].lower == ","), default=0)
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
        after_prep = i > 0 and toks[i - 1].lower in PREPOSITIONS
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
        if tok.lower == "them" and i > first_trigger:
            # "phoned both leaders and urged them": the last several actors named together, else the two sides.
            many = [m for m in mentions + out if m.end <= i and len(m.actors) >= 2]
            stands = many[-1].actors if many else [g.actors[0] for g in parties] if parties else []
            if not stands:
                # "ordered seven UN officials to leave, accusing them of meddling": the last one named after the subject.
                first = {a.actor_id for m in mentions[:1] for a in m.actors}
                stands = next((m.actors for m in reversed(mentions) if m.end <= i and not {a.actor_id for a in m.actors} & first), [])
            if stands:
                out.append(Mention(i, i + 1, list(stands), "coref"))
        elif tok.lower in {"it", "they"} and (i == 0 or (toks[i - 1].lower,) in cue["speech"]):
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


def _described_state(toks: list[Tok], i: int, nouns: str = "state_noun", fewest: int = 1) -> int | None:
    """The length of a state described, not named, at ``i`` ("the South American country", "its former colony",
    "the self - ruled island"; with ``nouns="ally_noun"``, "its NATO ally"), else None.

    ``fewest`` to three words stand between "the", "its" or "their" and a noun of the ``nouns`` cues; not a count
    or a contrast ("the two countries", "the other state"), which other rules read.

    Examples
    --------
    >>> from graph._clauses import Tok
    >>> toks = [Tok(w, w.lower(), w.lower(), 0) for w in "tariffs against the South American country".split()]
    >>> _described_state(toks, 2), _described_state(toks, 0)
    (4, None)
    """
    if toks[i].lower not in {"the", "its", "their"}:
        return None
    heads = {p[0] for p in _lexicon.cues()[nouns]}
    for n in range(i + 1 + fewest, min(i + 5, len(toks))):
        if toks[n].lower in heads and toks[n].text.islower():
            between = toks[i + 1 : n]
            if all((t.text.isalpha() or t.text == "-") and t.lower not in NOT_DESCRIBING for t in between):
                return n + 1 - i
            return None
        if not (toks[n - 1].text.isalpha() or toks[n - 1].text == "-"):
            return None
    return None


def _titled(toks: list[Tok], mentions: list[Mention], home: _lexicon.Entry | None) -> list[Mention]:
    """ "Foreign Minister Hugo de Zela": an official named by title alone, in a wire story, is of the dateline's country.

    Not when a country, demonym or possessor stands before the title ("Mexican President Claudia Sheinbaum").
    """
    if home is None:
        return []
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for i in range(len(toks)):
        for phrase in _lexicon.cues()["title"]:
            end = phrase_end(toks, i, phrase)
            if end is None or end >= len(toks) or not toks[i].text[0].isupper() or not toks[end].text[0].isupper():
                continue
            if any(t.text.strip() for t in toks[:i]):
                # The sentence's subject only: "talks between President X and President Y" may be anyone's. (Blanks
                # stand where a dateline was: "KHARTOUM, May 7 - Defence Minister X said".)
                continue
            name = end
            while name < len(toks) and toks[name].text[0].isupper() and name not in taken:
                name += 1
            if not taken & set(range(i, name)):
                out.append(Mention(i, name, [home], "title"))
                taken.update(range(i, name))
    return out


def _coref_groups(
    toks: list[Tok], history: list[str], mentions: list[Mention], entries: dict, first_trigger: int, memory: dict
) -> list[Mention]:
    """ "The three Sahel states": the last three actors named; "the group", "the rebels": the last armed group named.

    An armed group the data has no actor for stands for no one, so a relation to it is not proposed.
    """
    by_id = {e.actor_id: e for e in entries.values()}
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
                org = next((a for a in reversed(history + here) if by_id[a].kind != "state"), None)
                if org is not None:
                    out.append(Mention(i, i + len(phrase), [by_id[org]], "coref"))
    for i in range(len(toks) - 1):
        if toks[i].lower != "the" or i in taken:
            continue
        words = [t.lower for t in toks[i + 1 : i + 4]]
        if words[0] in GROUP_WORDS and "armed" in memory:
            out.append(Mention(i, i + 2, memory["armed"], "coref"))
        elif words[0] in NUMBERS and len(words) > 1 and not any(phrase_end(toks, i, p) for p in cue["pair"]):
            # ("the two neighbours" is a pair of `cues.csv`, read by _coref)
            end = next((n for n, w in enumerate(words[1:3], 2) if w in PLURAL_STATES), None)
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


def _candidates(toks: list[Tok], groups: list[Group], types, memory: dict) -> Iterable[dict]:
    """The candidates of one sentence; ``memory`` carries the doers of the events told in the sentences before."""
    cue = _lexicon.cues()
    hits = find_triggers(toks, types)
    # A reaction's object ("condemned the attack") is not an event of its own.
    hits = [h for h in hits if not reaction_object(toks, h, hits)]
    parties_here: list[_lexicon.Entry] = []  # the last several actors a trigger of this sentence acted on
    for i, j, trig in hits:
        if anaphoric(toks, i, j, trig, groups) or reaction_content(toks, i, trig, hits, groups):
            continue
        lo, hi = clause_span(toks, i, j, groups)
        if (rel := relative_clause(toks, i)) is not None and rel[0] < lo <= rel[1]:
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
        directed = trig.type == ACT or bool(types.at[trig.type, "directed"])
        cooperative = trig.type == "military_cooperation"
        left = [g for g in groups if lo <= g.start and g.end <= i and (cooperative or not g.ally)]
        right = [g for g in groups if j <= g.start and g.end <= hi and (cooperative or not g.ally)]
        material = trig.type in {"troop_deployment", "attacks", "military_training", "arms_transfer"}
        # A noun's doer comes right after it ("condemnation from Western nations"), not from a later by-phrase
        # ("a Chinese attack on Taiwan could justify a response by Japan").
        noun = noun_use(toks, i, groups)
        agent = next(
            (
                g
                for g in right
                # ("called for restraint from Moscow": a demand's "from" names whom it is asked of)
                if (
                    g.prep in AGENT_PREPS
                    and not other_participle(toks, j, g.start)
                    and not from_origin(toks, g, trig)
                    and (not noun or g.start <= j + 2)
                    and not (trig.type == "demands" and not is_passive(toks, i, j))
                    # "opposed any use of force by the bloc": an active verb's doer is its subject, not a by-phrase
                    and (noun or trig.reverse or is_passive(toks, i, j) or g.prep != "by" or g.start <= j + 1)
                )
                or (material and g.prep == "of" and g.agentive)
            ),
            None,
        )
        # (a "from" before the trigger is where something came from: "a tariff on imports from Colombia, ... accusing")
        agent = agent or next((g for g in reversed(left) if g.prep == "by"), None)
        # "after Algeria shot down a drone": a name right before the verb is its subject, whatever word leads the clause.
        subject = next(
            (
                g
                for g in reversed(left)
                if g is not agent
                and (
                    g.prep in SUBJECT_PREPS
                    or g.coref
                    # ("after Ecuadorian police forced their way in": the doer's agents may stand between)
                    or (g.prep in CONJUNCTIONS and all(t.lower in AGENT_NOUNS for t in toks[g.end : i]))
                )
            ),
            None,
        )
        if subject is not None and subject.end == i and all(a.kind != "state" for a in subject.actors):
            # "Britain started restoring United Nations sanctions on Iran": the organisation names the regime,
            # the clause's subject is the one acting.
            subject = next((g for g in groups if lo <= g.start and g.end < subject.start and g.prep is None), subject)
        if agent is None and (antecedent := relative_antecedent(toks, lo, groups)) is not None:
            # "The three states, which have turned to Russia for security support": the clause's subject is the name
            # before "which", not a name the clause's first verb governs ("which have expelled French troops and").
            subject = antecedent
        if rel is not None and not any(rel[1] < g.start and g.end <= i for g in groups):
            # "X, which has expelled French troops, condemned...": X is the subject, not a name inside the clause.
            subject = next((g for g in reversed(groups) if g.end <= rel[0] and g.prep in SUBJECT_PREPS), None)
        elif second_predicate(toks, i):
            # "The US condemned the actions of China's coast guard and reaffirmed its treaty with Manila".
            subject = next((g for g in groups if g.end <= i and g.prep is None), subject)
        elif i > 1 and toks[i - 1].lower == "," and toks[i].lower.endswith("ing") and toks[i].lemma != toks[i].lower:
            # "Prague expelled Russian diplomats, accusing Moscow of ...": a participle after a comma shares the
            # sentence's subject, not the name just before the comma.
            subject = next((g for g in groups if g.end <= i and g.prep is None), subject)
        if (
            trig.type in REACTION_TYPES
            and agent is None
            and toks[i - 1].lower == "and"
            and subject is not None
            and (speaker := next((g for g in groups if g.end <= subject.start and g.prep is None), None)) is not None
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
        conj = conj if conj is not None and not any(conj < g.start < i for g in groups) else None
        if agent is None and conj is not None and earlier:
            # "Putin phoned both leaders and urged them": the name before "and" is the first verb's object; the
            # second verb's subject is the first's.
            subject = next((g for g in groups if g.end <= earlier[0][0] and g.prep is None), subject)
        if agent is None and conj is not None and subject is not None and subject.prep == "of":
            # "Russia requested a meeting of the UN Security Council and accused Washington": the sentence's subject.
            subject = next((g for g in groups if g.end <= subject.start and g.prep is None), subject)
        if agent is None and i > 0 and toks[i - 1].lower == "in" and trig.type in {"supports_verbally", *REACTION_TYPES}:
            # "expelled Russian diplomats in solidarity with their ally": an adjunct's subject is the clause's.
            subject = next((g for g in groups if lo <= g.start and g.end <= i and g.prep is None), subject)
        if agent is None and i > 0 and toks[i - 1].lower in {"and", "but"} and subject is None:
            # A second predicate shares the sentence's subject: "Ukraine said ..., and accused Tehran";
            # "Russia said the European decision had no basis and urged ...".
            subject = next((g for g in groups if g.end <= i and g.prep is None), subject)
        alleged = agent is None and i > 1 and toks[i - 1].lower == "of" and toks[i].lower.endswith("ing")
        alleged = alleged and (accused := next((g for g in groups if g.end == i - 1), None)) is not None
        if alleged:
            # "accused Washington and London of bombing a sovereign state": the accused did it (so it is said), not
            # the accuser.
            subject = accused
        # The subject of the sentence, or of the clause when another clause came first ("X condemned ..., while Y said").
        new_clause = lo > 0 and toks[lo - 1].lower in BOUNDARIES | {","}  # not where another trigger's words end
        main = next((g for g in groups if lo <= g.start and g.end <= i and g.prep is None), None) if new_clause else None
        # ("The military governments of Mali and Burkina Faso warned ...": a subject's head noun may be no actor.)
        head = next((g for g in groups if g.end <= i and g.prep == "of" and toks[0].lower == "the" and g.start <= 5), None)
        head = head if head is not None and not any(e <= head.start for _, e, _ in hits) else None
        main = main or next((g for g in groups if g.end <= i and (g.prep is None or g is head)), None)
        fallback = False
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
            and not (g.prep is None and any(t.lower == "," for t in toks[j : g.start]))
            # ("backing a separatist group that Algiers blames": a name after a relative "that" is its clause's
            # subject; "demanded that Rwandan troops leave" is the trigger's own clause)
            and not (g.prep is None and g.start - 1 > j and toks[g.start - 1].lower in {"that", "which", "who", "whom"})
            # ("opposed any step that threatened Sudan's unity": nor a name inside a relative clause after the object)
            and not any(t.lower in {"that", "which", "who"} for t in toks[j + 1 : g.start])
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
        if noun:
            # "the Thai air strikes were ... and asked the UN Security Council": a noun takes its object by a preposition.
            objects = [g for g in objects if g.prep is not None]
        # "strikes on a camp for displaced people in Rafah": the place struck may come after what was struck.
        reach = 9 if j < len(toks) and toks[j].lower in {"on", "against", "at", "to"} else 6
        # "of" names the object only when nothing else does ("spoke with the ministers of India"), and
        # "in" only the place struck ("struck targets in Iran").
        obj = (
            next((g for g in objects if g.prep not in {"of", "in"}), None)
            or next((g for g in objects if g.prep == "of" and not material), None)
            or next(
                (
                    g
                    for g in right
                    if g.prep in {"in", "inside", "within", "across"} and trig.type in PLACE_OBJECTS and g.start - j <= reach
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
        how = "clause"
        # "France was outraged": a reaction in the passive without a by-phrase still has its reactor as subject.
        passive = is_passive(toks, i, j) and not (trig.type in REACTION_TYPES and agent is None and not trig.reverse)
        if agent is not None and trig.reverse and agent.prep == "by":
            # "Seoul is alarmed by the move": the one alarmed is the source of the concern.
            src, tgt, how = obj or subject, agent, "by phrase of a reverse trigger"
        elif agent is not None:
            # ("Armenia and Azerbaijan agreed ... under a deal brokered by Russia": the subject may stand far back)
            src, tgt, how = agent, obj or subject or (main if main is not agent else None), "by/from phrase"
        elif passive and material and subject is not None and subject.agentive:
            src, tgt, how = subject, obj, "passive with the doer's troops as subject"
        elif (
            trig.reverse
            and (obj is None or trig.type == "threatens")
            and subject is not None
            and main is not None
            and main is not subject
            and trig.type in {"threatens", "supports_verbally", "condemns", "demands"}
            and {a.actor_id for a in main.actors} != {a.actor_id for a in subject.actors}
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
        # Negation belongs to the trigger's own predicate: "had no legal basis and urged" does not negate "urged".
        neg_from = max([i - 4, *(k + 1 for k in range(max(0, i - 4), i) if toks[k].lower in {"and", ",", ";", "but"})])
        negated = find_phrase(toks, cue["negation"], neg_from, i) is not None
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
        if tgt is not None and src is not None and {a.actor_id for a in tgt.actors} <= {a.actor_id for a in src.actors}:
            tgt = None  # "Iran warned that Tehran would respond": the speaker itself, not a target
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
        if trig.type == ACT and status == "potential" and src is not None and tgt is not None and not negated:
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
            if not {a.actor_id for a in last.actors} & {a.actor_id for a in src.actors}:
                tgt, how = last, "the target of the same act told before"
        elif (
            trig.type == "threatens"
            and src is not None
            and tgt is None
            and (cond := next((g for g in right if g.start > 0 and toks[g.start - 1].lower in {"if", "unless"}), None))
            and not {a.actor_id for a in cond.actors} & {a.actor_id for a in src.actors}
        ):
            # "Estonia warned it would close its crossings if Russia used the same tactics": the one whose act would
            # set off what is threatened.
            tgt, how = cond, "the condition of the threat"
        elif trig.type == "threatens" and src is not None and tgt is None and toks[i - 1].lower not in PREPOSITIONS:
            # "Iran vowed to retaliate" after Israel struck Iran: against the one who struck it (force, sanctions or an act
            # such as an expulsion; not "warned Ethiopia against threatening", which is what was warned against).
            mine = {a.actor_id for a in src.actors}
            done = [
                e
                for e in acts_of_others(memory, src)
                if e[1]
                and e[3] in {"attacks", "armed_conflict", "sanctions", ACT}
                and e[4] is not None
                and {a.actor_id for a in e[4].actors} & mine
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
            mine = {a.actor_id for a in src.actors}
            deeds = [e for e in deeds if e[4] is not None and {a.actor_id for a in e[4].actors} & mine] or deeds
            last = deeds[-1][0] if deeds else None
            last_hostile = next((d for d, hostile, *_ in reversed(deeds) if hostile), None)
            if event_word:
                last = named_act(toks, event_word, others, types) or last
            # "Mexico suspended relations after Ecuadorian police stormed its embassy. Its president called the raid
            # a violation": an act told as background is still what a reaction naming it is about, when it was
            # done to the one reacting.
            done_to_me = next((e[0] for e in reversed(deeds) if e[4] is not None and {a.actor_id for a in e[4].actors} & mine), None)
            rebuttal = tgt is None and find_phrase(toks, cue["rebuttal"], j - 1, j + 3) is not None
            coup = event_word and find_phrase(toks, cue["coup"], event_word[0], event_word[1]) and memory.get("coup")
            if coup and (tgt is None or tgt.start > event_word[0]):
                # "France condemned the coup": a coup is its own country's army's act, told as the country's.
                event, why = Group([Mention(event_word[0], event_word[1], [memory["coup"]], "coref")]), "the country of the coup"
            elif (
                event_word
                and find_phrase(toks, cue["agreement"], event_word[0], event_word[1])
                and (deal := last_agreement(memory, src)) is not None
            ):
                # "Egypt welcomed the agreement", "Australia was disappointed by the pact": its parties.
                event, why = deal, "the parties of the agreement"
            elif (
                event_word
                and find_phrase(toks, cue["utterance"], event_word[0], event_word[1])
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
            elif tgt is None and trig.type in IMPLIED_REACTIONS:
                event, why, fallback = last_hostile, "the last act told (implied)", True
            else:
                event = None
            if event is not None:
                tgt, how = event, why
            elif event_word and tgt is not None and tgt.start > event_word[0] and tgt.prep in PATIENT_PREPS:
                # "condemned the attack on the UN base" with no attacker told: the UN is the victim, not the target.
                tgt = None

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
            and (seat := next((g for g in right if g.prep == "in" and g.mentions[0].how in {"capital", "seat"}), None))
        ):
            # "held talks in Honiara": talks in a capital are with its government.
            tgt, how = seat, "the capital the talks are held in"
        if src is not None and tgt is not None:
            pairs = [(a, b) for a in src.actors for b in tgt.actors if a.actor_id != b.actor_id]
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
        elif not directed and (side := src or tgt) is not None and len(side.actors) >= 2:
            acts = side.actors
            pairs = [(a, b) for n, a in enumerate(acts) for b in acts[n + 1 :]]
            how = "pair named together"
        if tgt is not None and len(tgt.actors) >= 2:
            parties_here = tgt.actors
        if trig.type == "demands" and find_phrase(toks, cue["appeal"], i, j) is not None:
            # "asked Lima to grant safe passage" is a demand of a state; "asked the UN Security Council to hold a
            # meeting" is an appeal for help, not a demand of it.
            pairs = [(a, b) for a, b in pairs if b.kind == "state"]
        if not pairs:
            continue
        if trig.type == "condemns" and src is not None and tgt is not None:
            memory.setdefault("accusations", []).append((src, tgt))
        if agreed(trig.type, [t.lemma for t in toks[i:j]]) and not negated:
            memory.setdefault("agreements", []).append(list({e.actor_id: e for pair in pairs for e in pair}.values()))
        if (trig.type in SPOKEN or status == "potential") and src is not None:  # ("would impose tariffs": said)
            memory.setdefault("speakers", []).append(src)
        if trig.type in SHARED_TARGETS and tgt is not None and not negated:
            memory.setdefault("targets", {})[trig.type] = tgt
        coref = any(m.how == "coref" for g in (src, tgt) if g is not None for m in g.mentions)
        score = round(trig.weight * STATUS_FACTOR[status] * (0.85 if coref else 1.0) * (0.9 if fallback else 1.0), 2)
        words = " ".join(t.text for t in toks[i:j])
        for a, b in pairs:
            reason = f'trigger "{words}" ({trig.type}); {a.name} → {b.name} by {how}'
            if negated:
                reason += "; NEGATED"
            if a.new or b.new:
                reason += "; new actor " + ", ".join(f"{e.actor_id} ({e.name})" for e in (a, b) if e.new)
            yield {
                "source": a.actor_id,
                "target": b.actor_id,
                "type": trig.type,
                "status": status,
                "score": score,
                "reason": reason,
                "negated": negated,
                "src_entry": a,
                "tgt_entry": b,
            }


def _sentence_date(sentence: str, article: PartialDate | None) -> str | None:
    """The first date written in the sentence, as an ISO prefix date; a month without a year takes the article's.

    Examples
    --------
    >>> a = PartialDate.parse("2024-10-31")
    >>> _sentence_date("They signed a pact in June.", a), _sentence_date("On 24 February 2022 it began.", a)
    ('2024-06', '2022-02-24')
    >>> _sentence_date("Talks were held on November 3.", a), _sentence_date("Since 2014, and on 2023-05-02.", a)
    ('2023-11-03', '2014')
    """
    month = "(" + "|".join(m.capitalize() for m in MONTHS) + ")"
    patterns = [
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", lambda g: (g[0], g[1], g[2])),
        (rf"\b(\d{{1,2}}) {month},? (\d{{4}})\b", lambda g: (g[2], MONTHS[g[1].lower()], g[0])),
        (rf"\b{month} (\d{{1,2}}),? (\d{{4}})\b", lambda g: (g[2], MONTHS[g[0].lower()], g[1])),
        (rf"\b{month},? (\d{{4}})\b", lambda g: (g[1], MONTHS[g[0].lower()], None)),
        (rf"\b(\d{{1,2}}) {month}\b", lambda g: (None, MONTHS[g[1].lower()], g[0])),
        (rf"\b{month} (\d{{1,2}})\b", lambda g: (None, MONTHS[g[0].lower()], g[1])),
        (rf"\b(?i:in|on|during|since|from|by|until|of|early|late|mid-) ?{month}\b", lambda g: (None, MONTHS[g[0].lower()], None)),
        (r"\b(?i:in|since|from|during|until|of) ((?:19|20)\d\d)\b", lambda g: (g[0], None, None)),
    ]
    best = None
    for pattern, parts in patterns:
        m = re.search(pattern, sentence)
        # The earliest date wins; of two readings of it, the fuller ("on November 3" over "on November").
        if m and (best is None or (m.start(1), m.start(1) - m.end()) < best[0]):
            best = ((m.start(1), m.start(1) - m.end()), parts(m.groups()))
    if best is None:
        return None
    year, mon, day = best[1]
    if year is None:
        if article is None:
            return None
        last = article.last
        year = last.year if (int(mon), int(day or 1)) <= (last.month, last.day) else last.year - 1
    text = f"{int(year):04d}" + (f"-{int(mon):02d}" if mon else "") + (f"-{int(day):02d}" if mon and day else "")
    try:
        return str(PartialDate.parse(text))
    except ActorGraphError:
        return None


# -- review files --------------------------------------------------------------


def write_review(candidates: pd.DataFrame, path: str | Path, *, data: str | Path | None = None) -> Path:
    """Write ``candidates`` as a review file (CSV) with an empty ``accept`` column first.

    The analyst marks rows ``yes`` (or ``no``), writes the ``evidence`` in
    their own words, may fix any cell, and passes the file to :func:`accept`.
    """
    frame = candidates.reindex(columns=REVIEW_COLUMNS[1:], fill_value="").fillna("")
    frame.insert(0, "accept", "")
    out = io.StringIO()
    frame.astype(str).to_csv(out, index=False, lineterminator="\n")
    check_output(path, data=data, markers=None)  # never into the data folder ``data``, never through a link
    return write_atomic(path, out.getvalue())


def _read_review(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        msg = f'review file "{path}" not found: write one with `actorgraph ingest ARTICLE --out FILE`'
        raise EditError(msg)
    data = path.read_bytes()
    if b"\x00" in data[:MAX_BYTES]:
        msg = f"review file {path} is binary, not CSV: give the file written by `actorgraph ingest --out`"
        raise EditError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        msg = f"review file {path} is not UTF-8 (byte {err.start}): save it as UTF-8 CSV"
        raise EditError(msg) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    missing = [c for c in ("accept", "source", "target", "type", "status", "confidence", "citation", "evidence") if c not in (header or [])]
    if missing:
        msg = f"review file {path} lacks the column(s) {', '.join(missing)}: give the file written by `actorgraph ingest --out`"
        raise EditError(msg)
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rows.append((reader.line_num, {h: (cells[n].strip() if n < len(cells) else "") for n, h in enumerate(header)}))
    return rows


def _copied(evidence: str, sentence: str, n: int = 8) -> bool:
    """Whether ``evidence`` repeats ``n`` or more words in a row of ``sentence``."""
    ev, se = re.findall(r"\w+", evidence.lower()), re.findall(r"\w+", sentence.lower())
    grams = {tuple(se[k : k + n]) for k in range(len(se) - n + 1)}
    return bool(grams) and any(tuple(ev[k : k + n]) in grams for k in range(len(ev) - n + 1))


def accept(review: str | Path, data: str | Path, *, recorded: str | dt.date | None = None) -> list[Edit]:
    """Append the rows of ``review`` marked accepted to the data folder ``data``.

    Each accepted row needs ``evidence`` in the analyst's own words (not the
    article's sentence). The source it cites is added to ``sources.csv`` from
    the ``doc_*`` columns if the data lacks it, and so is each new actor
    (``source_new``/``target_new`` name its kind). Rejected rows leave no trace.
    All edits are made on a scratch copy first and the whole new dataset is
    validated; only then are the files of ``data`` replaced, as one
    transaction under the edit lock (:func:`graph.write.write_atomic_all`):
    if any file cannot be written, those already replaced get their old
    content back. Nothing is written otherwise.

    Returns
    -------
    list of Edit
        What was appended, in order.

    Raises
    ------
    DataError
        With a problem per bad line of the review file, or the problems an
        accepted row would cause in the data.
    EditError
        If the review file cannot be read, or the data changed meanwhile.
    """
    review, data = Path(review), Path(data)
    if not data.is_dir():
        msg = f'data folder "{data}" not found: pass --data DIR'
        raise EditError(msg)
    rows = _read_review(review)
    problems, chosen = [], []
    for line, row in rows:
        verdict = row.get("accept", "").lower()
        if verdict not in YES | NO:
            problems.append(
                Problem(
                    review.name,
                    line,
                    "accept",
                    row.get("accept"),
                    "bad-verdict",
                    'write "yes" to accept the row, or "no" (or nothing) to reject it',
                )
            )
            continue
        if verdict in NO:
            continue
        if not row.get("evidence"):
            problems.append(
                Problem(
                    review.name,
                    line,
                    "evidence",
                    "",
                    "missing-evidence",
                    "an accepted row needs evidence: a sentence of your own that says what the source reports",
                )
            )
        elif _copied(row["evidence"], row.get("sentence", "")):
            problems.append(
                Problem(
                    review.name,
                    line,
                    "evidence",
                    row["evidence"],
                    "copied-evidence",
                    "the evidence repeats the article's sentence: paraphrase it in your own words",
                )
            )
        chosen.append((line, row))
    if problems:
        raise DataError(problems, str(review.parent))
    if not chosen:
        return []
    original = read_files(data)
    with tempfile.TemporaryDirectory(prefix="actorgraph-accept-") as tmp:
        scratch = Path(tmp) / "data"
        scratch.mkdir()
        dataset = read_dataset(original, data)  # the data must be valid to begin with
        for resource in dataset.schema.resources:
            if original[resource.name] is not None:
                (scratch / resource.path).write_bytes(original[resource.name])
        edits = _apply(scratch, dataset, review, chosen, recorded)
        after = read_files(scratch)
        read_dataset(after, data)  # the whole new dataset, every table against every other: DataError, nothing written
        # Actors and sources first: should the machine crash between two renames, the data stays valid.
        changed = {data / dataset.schema[n].path: n for n in ("actors", "sources", "relations") if after[n] != original[n]}
        with data_lock(data):
            if read_files(data) != original:
                msg = f"the data in {data} changed while accept ran (another program wrote it); nothing was written: run the command again"
                raise EditError(msg)
            try:
                write_atomic_all(
                    {path: after[n] for path, n in changed.items()}, expected={path: original[n] for path, n in changed.items()}
                )
            except WriteError as err:
                raise EditError(str(err)) from err
    return [Edit(data / e.file.name, e.row) for e in edits]


def _apply(scratch: Path, dataset: Dataset, review: Path, chosen: list, recorded) -> list[Edit]:
    """Make every edit of the accepted rows on the scratch copy; the first failure stops all."""
    actors = set(dataset.tables["actors"]["actor_id"])
    sources = set(dataset.tables["sources"]["source_id"])
    edits: list[Edit] = []
    for line, row in chosen:
        try:
            for citation in [c.strip() for c in row["citation"].split("|") if c.strip()]:
                if citation not in sources and row.get("doc_title"):
                    fields = {k: row.get(f"doc_{k}") or None for k in ("publisher", "date", "url")}
                    edits.append(add_source(scratch, citation, title=row["doc_title"], **fields))
                    sources.add(citation)
            for side in ("source", "target"):
                kind = row.get(f"{side}_new")
                if kind and row[side] not in actors:
                    edits.append(add_actor(scratch, row[side], name=row.get(f"{side}_name") or row[side], kind=kind))
                    actors.add(row[side])
            fields = {k: row.get(k) or None for k in ("start", "end", "intensity", "magnitude", "notes")}
            edits.append(
                add_relation(
                    scratch,
                    row["source"],
                    row["target"],
                    row["type"],
                    status=row["status"],
                    confidence=row["confidence"],
                    citation=row["citation"],
                    evidence=row["evidence"],
                    relation_id=row.get("relation_id") or None,
                    recorded=recorded or row.get("recorded") or None,
                    **fields,
                )
            )
        except DataError as err:
            problems = [Problem(f"{review.name}:{line} -> {p.file}", p.line, p.column, p.value, p.code, p.message) for p in err.problems]
            raise DataError(problems, None) from None
        except ActorGraphError as err:
            msg = f"{review.name}:{line}: {err}; nothing was written"
            raise EditError(msg) from None
    return edits
