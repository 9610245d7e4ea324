"""The dictionaries of :mod:`graph.ingest`, read from the CSV tables in ``graph/lexicon/``.

Every word list the extractor uses is data: names of countries that ISO 3166
lacks in everyday form (``countries.csv``), demonyms and adjectives
(``demonyms.csv``, ``peoples.csv``), capitals and seats of power (``places.csv``), cities
that datelines name but that seat no government (``cities.csv``), international organisations (``organisations.csv``), leaders
(``leaders.csv``), fixed groups of states (``groups.csv``), armed groups with the country they operate in and the
actor they stand for, if any (``armed_groups.csv``), names that only look like an actor's (``ignore.csv``), the trigger lexicon per relation type (``triggers.csv``)
and the cue words for negation, modality and attribution (``cues.csv``).
ISO 3166 names and alpha-3 codes come from pycountry; ``countries.csv`` also
names the few states that ISO 3166-1 lacks, with the code in common use.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycountry

#: Where the tables live (package data).
LEXICON = Path(__file__).parent / "lexicon"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One line of ``triggers.csv``, with its phrases split into words."""

    type: str
    phrases: tuple[tuple[str, ...], ...]
    requires: tuple[tuple[str, ...], ...]
    reverse: bool
    direct: bool  # voice "direct": its object must follow at once ("recognised Kosovo", not "recognised the threat from")
    partnered: bool  # voice "with": its other party comes with "with", "between" or "among" ("discussed X with Y")
    bilateral: bool  # voice "bilateral": as "with", and a subject of more than two is no set of pairs ("X and Y agreed")
    weight: float


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name in the text stands for: an actor of the data or a proposed one."""

    actor_id: str
    name: str
    kind: str
    new: bool  # not in actors.csv: proposed
    how: str  # name, alias, demonym, capital, seat, leader, organisation, country


def table(name: str) -> list[dict[str, str]]:
    """The rows of ``graph/lexicon/NAME.csv`` as dicts of stripped strings."""
    with (LEXICON / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def words(phrase: str) -> tuple[str, ...]:
    """A phrase as lower-case words, splitting ``n't`` and a hyphen between letters as spaCy's tokenizer does.

    >>> words("U.S.-brokered talks"), words("F-16 jets")
    (('u.s.', '-', 'brokered', 'talks'), ('f-16', 'jets'))
    """
    return tuple(re.sub(r"(?<=[a-z.])-(?=[a-z])", " - ", phrase.lower().replace("n't", " n't")).split())


@functools.cache
def triggers() -> tuple[Trigger, ...]:
    return tuple(
        Trigger(
            row["type"],
            tuple(words(p) for p in split(row["phrase"])),
            tuple(words(p) for p in split(row["requires"])),
            row["voice"] == "reverse",
            row["voice"] == "direct",
            row["voice"] in {"with", "bilateral"},
            row["voice"] == "bilateral",
            float(row["weight"]),
        )
        for row in table("triggers")
    )


@functools.cache
def cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for row in table("cues"):
        out.setdefault(row["kind"], []).append(words(row["cue"]))
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def shared_names() -> dict[str, tuple[str, ...]]:
    """Names two states share ("Congo"): name → codes, the usual one first (``shared_names.csv``); under a dateline
    of one of the others, the name is that one's ("Congo" under BRAZZAVILLE)."""
    return {row["name"]: tuple(split(row["codes"])) for row in table("shared_names")}


@functools.cache
def state_epithets() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Phrases that stand for one state of a kind ("the island", "the kingdom", "the Gulf state") as words → the codes
    of the states of that kind (``state_epithets.csv``): the phrase is the last of those named."""
    return _phrase_codes("state_epithets", "codes")


@functools.cache
def peoples() -> dict[str, str]:
    """Peoples named in the plural ("Americans", "the Danes") → state code: a demonym in -n or -i with an s
    (``demonyms.csv``), and the plurals that are not (``peoples.csv``)."""
    out = {row["demonym"] + "s": row["code"] for row in table("demonyms") if row["demonym"][-1] in "ni"}
    return out | {row["people"]: row["code"] for row in table("peoples")}


@functools.cache
def cased_epithets() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The epithets ``state_epithets.csv`` writes with a capital ("the North"), as words → as written: they stand for a
    state only when so written, and not before another capitalised word ("the north of the country", "the North
    Atlantic")."""
    return {words(p): tuple(p.split()) for row in table("state_epithets") for p in split(row["phrase"]) if p != p.lower()}


@functools.cache
def dateline_cities() -> dict[str, str]:
    """Lower-case city → state code (``cities.csv``): cities that file wire stories but seat no government."""
    return {row["city"].lower(): row["code"] for row in table("cities")}


@functools.cache
def groups() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Fixed groups of states named as one ("the Baltic states"): phrase as words → member codes (``groups.csv``)."""
    return _phrase_codes("groups", "members")


def _phrase_codes(name: str, column: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """A table of phrases (``|``-separated) and the codes they stand for: each phrase as words → its codes."""
    return {words(p): tuple(split(row[column])) for row in table(name) for p in split(row["phrase"])}


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _fold(name: str) -> str:
    return " ".join(_strip_article(name).replace(".", "").lower().split())


@functools.cache
def _iso() -> dict[str, tuple[str, list[str]]]:
    """alpha-3 → (everyday name, every name of ISO 3166 usable in running text)."""
    out = {}
    for c in pycountry.countries:
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        usable = [n for n in names if n and "," not in n and "(" not in n]
        out[c.alpha_3] = (usable[0] if usable else c.name, usable)
    for row in table("countries"):
        # A state that ISO 3166-1 lacks gets the code in use for it (Kosovo: XKX, user-assigned).
        name, names = out.get(row["code"], (row["name"], []))
        out[row["code"]] = (row["name"] or name, names + split(row["names"]))
    return out


def gazetteer(actors: Iterable[dict]) -> dict[str, Entry]:
    """Every surface form the extractor looks for → the actor it stands for.

    ``actors`` are the rows of ``actors.csv`` (``actor_id``, ``name``,
    ``kind``, ``aliases`` as a list). The data's own names win; a country or
    organisation of the tables that the data lacks becomes a proposed actor
    (``new``) with its ISO alpha-3 code or the table's id.

    Examples
    --------
    >>> g = gazetteer([{"actor_id": "PRK", "name": "North Korea", "kind": "state", "aliases": ["Pyongyang"]}])
    >>> g["North Korean"].actor_id, g["Pyongyang"].how, g["Tehran"].actor_id, g["Tehran"].new, g["Tehran"].name
    ('PRK', 'alias', 'IRN', True, 'Iran')
    """
    known = {a["actor_id"]: a for a in actors}
    by_name = {}
    for a in known.values():
        for n in [a["name"], *(a.get("aliases") or [])]:
            by_name.setdefault(_fold(n), a["actor_id"])
    iso = _iso()
    orgs = {row["org_id"]: row for row in table("organisations")}

    def entry(code: str, how: str) -> Entry | None:
        if code in known:
            return Entry(code, known[code]["name"], known[code]["kind"], False, how)
        if code in orgs:
            org = orgs[code]
            for n in [org["name"], *split(org["aliases"])]:
                if _fold(n) in by_name:
                    found = known[by_name[_fold(n)]]
                    return Entry(found["actor_id"], found["name"], found["kind"], False, how)
            return Entry(code, org["name"], org["kind"], True, how)
        if code in iso:
            for n in iso[code][1]:
                if _fold(n) in by_name:
                    found = known[by_name[_fold(n)]]
                    return Entry(found["actor_id"], found["name"], found["kind"], False, how)
            return Entry(code, iso[code][0], "state", True, how)
        return None  # a code of the tables (WST, SUN) that this data folder does not have

    out: dict[str, Entry] = {}

    def add(surface: str, code: str, how: str) -> None:
        surface = _strip_article(surface.strip())
        if surface and surface not in out and (e := entry(code, how)):
            out[surface] = e

    for row in table("ignore"):
        # Names that contain an actor's name but are not that actor ("National Security Council").
        out[row["phrase"]] = Entry("", row["phrase"], "", False, "ignore")
    for a in known.values():
        add(a["name"], a["actor_id"], "name")
        for alias in a.get("aliases") or []:
            add(alias, a["actor_id"], "alias")
    for row in table("armed_groups"):
        # An armed group the data model has no actor for is named (so it is the doer, not a state named nearby)
        # but stands for no one; where the field codes it as a state (the Houthis as Yemen), it stands for that.
        for n in split(row["names"]):
            if row["stands_for"]:
                add(n, row["stands_for"], "armed_group")
            elif n not in out:
                out[n] = Entry("", row["name"], "armed group", False, "armed_group")
    for row in table("leaders"):
        add(row["name"], row["code"], "leader")
    for code, org in orgs.items():
        for n in [org["name"], *split(org["aliases"])]:
            add(n, code, "organisation")
    for row in table("places"):
        add(row["place"], row["code"], row["kind"])
    for row in table("demonyms"):
        add(row["demonym"], row["code"], "demonym")
    for name, code in peoples().items():
        add(name, code, "demonym")
    for code, (_, names) in iso.items():
        for n in names:
            add(n, code, "country")
    return out
