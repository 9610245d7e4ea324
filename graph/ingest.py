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

The work is split by job: :mod:`graph._mentions` (who "both nations", "the South
American country" or "them" stand for), :mod:`graph._people` (officials a story
introduces), :mod:`graph._clauses` (a sentence's parts), :mod:`graph._story` (what
the story told so far), :mod:`graph._trigger` (one trigger's clause: doer, object, status),
:mod:`graph._acts` (whether a trigger word tells an act of its sentence),
:mod:`graph._relations` (one sentence's candidates) and
:mod:`graph._pairs` (the learned layer, on by default, ``learned=False`` to leave it
out: pairs the rules left alone that a model finds likely); this module reads the article and walks its
sentences, and :mod:`graph.review` writes the candidates for an analyst and accepts
what they approve.

:func:`extract` returns the candidates as rows of ``relations.csv`` plus the
sentence, its character offsets, a score and the reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import _lexicon, _mentions, _pairs, _people, _relations
from ._clauses import (
    Mention,
    Tok,
    find_phrase,
    find_triggers,
    side_groups,
    without_backers,
    without_minorities,
)
from .dates import PartialDate
from .errors import ActorGraphError, EditError
from .io import Dataset
from .schema import load_schema

__all__ = [
    "CANDIDATE_COLUMNS",
    "MAX_BYTES",
    "article_text",
    "extract",
    "read_article",
    "source_slug",
]

#: Words after a place that make it a company's name ("Ukraine International Airlines", "Qatar Airways").
COMPANY_WORDS = {"airlines", "airways", "airline", "telecom", "petroleum", "railways"}
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
#: A wire dateline at the start of a paragraph: a place in capitals, perhaps its country ("KREMENCHUK, Ukraine,"),
#: perhaps a date, then a dash.
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2}(?=,))?(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s+"
)
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
    infixes = [*nlp.Defaults.infixes, r"(?<=\.)-(?=[A-Za-z])"]
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


def _entries(dataset: Dataset) -> dict[str, _lexicon.Entry]:
    """The gazetteer for the data's actors, built once per set of actors (about 13,000 names with the tables)."""
    frame = dataset.frame("actors")
    return _gazetteer(tuple((r.actor_id, r.name, r.kind, tuple(r.aliases or ())) for r in frame.itertuples()))


@functools.lru_cache(maxsize=4)
def _gazetteer(actors: tuple[tuple[str, str, str, tuple[str, ...]], ...]) -> dict[str, _lexicon.Entry]:
    return _lexicon.gazetteer([{"actor_id": a, "name": n, "kind": k, "aliases": list(al)} for a, n, k, al in actors])


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
    learned: bool = True,
    min_probability: float | None = None,
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
    learned : bool
        Also propose the pairs the learned layer (:mod:`graph._pairs`) finds
        likely beyond the rules' candidates (their ``reason`` says so, with
        the model's probability): more relations found, fewer of them right.
        The default, since only with it does the cross-validated recall meet
        the target (over 700 stories: relaxed precision 0.755 to 0.733,
        recall 0.596 to 0.617; see ``benchmarks/README.md``). ``False``
        gives the rules' candidates alone.
    min_probability : float, optional
        The lowest probability at which the learned layer proposes a pair the
        rules left alone (more than 0, at most 1); by default
        :data:`graph._pairs.ADD_AT` (0.30). Lower finds more, and a smaller
        share of them is right: cross-validated over 1,020 stories, relaxed
        precision / recall is 0.730 / 0.601 at 0.30, 0.696 / 0.621 at 0.25
        and 0.625 / 0.651 at 0.20: for an analyst who would rather reject
        more than miss more. A lower threshold only adds relations: a rule's
        row stands before the layer's, and the layer's likelier row before a
        less likely one.

    Returns
    -------
    pandas.DataFrame
        Columns of ``relations.csv`` then :data:`CANDIDATE_COLUMNS`,
        best first.

    Examples
    --------
    >>> from graph.io import load, EXAMPLE_DATA
    >>> text = "Troops were sent to Moscow by Pyongyang. Iran condemned the move."
    >>> c = extract(text, load(EXAMPLE_DATA), date="2024-10-31")
    >>> c[["source", "target", "type", "status", "start"]].values.tolist()
    [['PRK', 'RUS', 'troop_deployment', 'confirmed', '2024-10-31'], ['IRN', 'PRK', 'condemns', 'confirmed', '2024-10-31']]
    """
    if min_probability is not None:
        if not 0 < min_probability <= 1:
            msg = f"min_probability must be more than 0 and at most 1, not {min_probability!r} (the default is {_pairs.ADD_AT})"
            raise ValueError(msg)
        if not learned:
            msg = "min_probability is the learned layer's threshold: give it without learned=False"
            raise ValueError(msg)
    article_date = PartialDate.parse(date) if date else None
    types = dataset.frame("relation_types").set_index("type")
    sentences = _read(text, dataset, types, article_date)
    found: dict[tuple[str, str, str], dict] = {}
    add_at = _pairs.ADD_AT if min_probability is None else min_probability
    for n, cand in _pairs.scored(sentences, types, learned, add_at):
        if cand["negated"] and not keep_negated:
            continue
        row = {**cand, **sentences[n].where}
        key = (row["source"], row["target"], row["type"])
        if not types.at[row["type"], "directed"]:
            key = (*sorted(key[:2]), key[2])
        if key not in found or _precedence(row) > _precedence(found[key]):
            found[key] = row
    rows = []
    for row in sorted(found.values(), key=lambda r: (-r["score"], r["char_start"])):
        src, tgt = row.pop("src_entry"), row.pop("tgt_entry")
        row.pop("negated"), row.pop("how"), row.pop("probability", None)
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


def _precedence(row: dict) -> tuple[bool, float, float]:
    """Which of two rows for one relation stands for it: a rule's before the layer's, then the rules' by score and the
    layer's by probability, so that a lower ``min_probability`` only adds relations and never changes one shown at a
    higher threshold."""
    return row["how"] != "learned", row.get("probability", 0.0), row["score"]


def _read(text: str, dataset: Dataset, types: pd.DataFrame, article_date: PartialDate | None) -> list[_pairs.Sentence]:
    """The article's sentences with an actor, each with the rules' candidates and where it stands."""
    entries = _entries(dataset)
    by_id = {e.actor_id: e for e in entries.values()}  # (the actor a coreference stands for, by id)
    nlp = _nlp()
    lemma = _lemmas()
    matcher = _matcher(tuple(sorted(entries)))
    # Same-length replacements keep every character offset true to the input.
    norm = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    sentences: list[_pairs.Sentence] = []
    history: list[str] = []  # actor ids in order of mention, for "both nations"
    memory: dict = {}  # the doers of the events told so far, for "condemned the attack"
    home = None  # the country of the dateline's place, for officials named by title alone
    people: dict[str, _lexicon.Entry] = {}  # names introduced with an office → their state ("Milei" → Argentina)
    for para_start, para in _paragraphs(norm):
        # A wire story's dateline ("CAIRO, May 27 -") names where it was filed, not an actor of the story.
        if (dateline := DATELINE.match(para)) is not None:
            # Datelines are in capitals: "N'DJAMENA" is N'Djamena, so the place is looked up without case.
            named = _dateline_actor(para[: dateline.end()], entries)
            home = home or (named if named is not None and named.kind == "state" else None)
            memory["home"] = home
            para = " " * dateline.end() + para[dateline.end() :]
        doc = nlp(para)
        sents = list(doc.sents)
        for sent in sents:
            toks = [Tok(t.text, t.lower_, lemma(t.lower_), para_start + t.idx) for t in sent]
            if not toks or (len(sents) == 1 and _is_heading(toks)):
                continue
            spans = _spacy_spans(doc, matcher, sent)
            mentions = [
                Mention(s - sent.start, e - sent.start, _mentions.stands_for(entries[doc[s:e].text]), entries[doc[s:e].text].how)
                for s, e in spans
                if entries[doc[s:e].text].how != "ignore"
                # ("the Hague-based court": a place that says where something is based names no actor; nor does a
                # company's name: "a Ukraine International Airlines jet")
                and not (
                    e + 1 < sent.end
                    and doc[e].text == "-"
                    and doc[e + 1].lower_ in {"based", "born", "registered", "recognised", "recognized"}
                )
                and not (e < sent.end and doc[e].lower_ in COMPANY_WORDS)
                and not (e + 1 < sent.end and doc[e].lower_ == "international" and doc[e + 1].lower_ in COMPANY_WORDS)
            ]
            # ("Portuguese Prime Minister Antonio Costa": a leader named with another state's office held it then)
            mentions = [m for m in mentions if m.how != "leader" or not _people.other_office(toks, mentions, m)]
            mentions = without_backers(toks, without_minorities(toks, mentions))
            if home is not None:
                # ("Congo" in a story filed from Brazzaville is the Republic of the Congo)
                shared = _lexicon.shared_names()
                here = {m.start: " ".join(t.text for t in toks[m.start : m.end]) for m in mentions}
                mentions = [
                    dataclasses.replace(m, actors=[home]) if home.actor_id in shared.get(here[m.start], ())[1:] else m for m in mentions
                ]
            mentions = sorted(mentions + _mentions.titled(toks, mentions, home), key=lambda m: m.start)
            # People introduced in earlier sentences ("Milei's spokesman"), then those this one introduces ("the
            # Honduran minister and his Chinese counterpart Qin Gang signed": Qin Gang is one side of the list).
            mentions = sorted(mentions + _people.named(toks, mentions, people), key=lambda m: m.start)
            _people.learn(toks, mentions, people, home)
            mentions = sorted(mentions + _people.named(toks, mentions, people), key=lambda m: m.start)
            mentions = _mentions.opening_pronouns(toks, mentions, memory) + mentions
            memory["person"] = next((m.actors for m in mentions if m.how in {"person", "title", "leader"}), memory.get("person"))
            hits = find_triggers(toks, types)
            first_trigger = min((h[0] for h in hits), default=len(toks))
            # (kind `coup` tells one; a bare "takeover" or "attempt" names one, `coup_name` and `coup_reference`:
            # "China's takeover of the port" tells none)
            told = _lexicon.cues()["coup"]
            if memory.get("coup") is None and (seized := find_phrase(toks, told, 0, len(toks))) is not None:
                memory["coup"] = _mentions.coup_state(toks, mentions, seized, home)
            if memory.get("coup") is not None:
                mentions = sorted(mentions + _mentions.putschists(toks, mentions, memory["coup"]), key=lambda m: m.start)
            # Groups first: "them" may stand for "the three juntas" named before it.
            mentions += _mentions.coref_groups(toks, history, mentions, by_id, first_trigger, memory)
            mentions += _mentions.coref(toks, history, mentions, by_id, first_trigger, memory.get("pair"), memory.get("subject"))
            # A name inside a state described is not one of its own ("the South American country" is not America).
            described = [m for m in mentions if m.how == "coref" and m.end - m.start > 2]
            mentions = [m for m in mentions if m.how == "coref" or not any(d.start < m.start and m.end <= d.end for d in described)]
            mentions.sort(key=lambda m: m.start)
            history += (named := [a.actor_id for m in mentions if m.how != "coref" for a in m.actors])
            memory.setdefault("named", set()).update(named)  # (whether the story names the dateline's country, for help)
            if not mentions:
                continue
            groups = side_groups(toks, mentions)
            memory["plural"] = next((g.actors for g in reversed(groups) if len(g.actors) >= 2), memory.get("plural"))
            memory["subject"] = next((g.actors for g in groups if g.prep is None and g.actors), None)
            memory.setdefault("lists", []).extend(g.actors for g in groups if len(g.actors) > 2 and not g.coref)
            s0, s1 = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            start = _sentence_date(text[s0:s1], article_date) or (str(article_date) if article_date else "")
            where = {"sentence": " ".join(text[s0:s1].split()), "char_start": s0, "char_end": s1, "start": start}
            cands = list(_relations.candidates(toks, groups, hits, types, memory))
            sentences.append(_pairs.Sentence(toks, groups, hits, cands, where))
    return sentences


def _dateline_actor(dateline: str, entries: dict[str, _lexicon.Entry]) -> _lexicon.Entry | None:
    """The actor a dateline's place names ("CAIRO, May 27 -"), else the state named after the place ("KREMENCHUK,
    Ukraine, June 28 -"). Datelines are in capitals: "N'DJAMENA" is N'Djamena, so names are looked up without case.

    Examples
    --------
    >>> ukraine = _lexicon.Entry("UKR", "Ukraine", "state", True, "name")
    >>> _dateline_actor("KREMENCHUK, Ukraine, June 28 - ", {"Ukraine": ukraine}).actor_id
    'UKR'
    """
    place, *rest = (" ".join(part.lower().split()) for part in re.split(r"[,(–—]|\s-", dateline))
    by_name = {name.lower(): e for name, e in reversed(entries.items())}  # (the first entry of a name, as before)
    named = by_name.get(place) or _mentions.dateline_city(place, entries)
    if named is None and rest and (country := by_name.get(rest[0])) is not None and country.kind == "state":
        named = country
    return named


def _paragraphs(text: str) -> Iterable[tuple[int, str]]:
    """Each non-blank line with its offset: headings and paragraphs never share a sentence."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.group()


def _is_heading(toks: list[Tok]) -> bool:
    """A line of one sentence that ends without a closing mark ("Biden and Modi seal engine and drone deals; Pakistan
    protests joint statement"): a headline tells in shorthand what the story tells in full."""
    return len(toks) < 16 and toks[-1].text not in {".", "!", "?", '"', "'", "…", "...", ")", "»"}


def _spacy_spans(doc, matcher, sent) -> list[tuple[int, int]]:
    from spacy.util import filter_spans

    spans = [doc[s:e] for _, s, e in matcher(doc) if s >= sent.start and e <= sent.end]
    return sorted((s.start, s.end) for s in filter_spans(spans))


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
