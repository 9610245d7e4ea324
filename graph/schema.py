"""The table schema of ``data/``, read from ``schema.json``.

``schema.json`` is a Frictionless Data Package descriptor: one resource per
CSV file, one field per column, with types, constraints, primary and foreign
keys. This module turns it into small objects and knows how to parse a cell
of each type; it holds no column names of its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .dates import PartialDate
from .errors import DateFormatError

__all__ = ["Field", "ForeignKey", "Resource", "Schema", "load_schema"]

_BOOLEANS = {"true": True, "false": False}
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,300}(?:\.[0-9]{0,300})?|\.[0-9]{1,300})(?:[eE][+-]?[0-9]{1,4})?", re.ASCII)
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Field:
    """One column: its name, type and constraints.

    Examples
    --------
    >>> f = Field("confidence", "number", "How sure", {"minimum": 0, "maximum": 1})
    >>> f.parse("0.5")
    0.5
    >>> f.check("1.5")
    ('out-of-range', 'must be between 0 and 1, not 1.5')
    >>> Field("aliases", "list", "", {}, delimiter="|").parse("DPRK | Pyongyang")
    ['DPRK', 'Pyongyang']
    """

    name: str
    type: str
    description: str
    constraints: dict[str, Any]
    delimiter: str = "|"

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def unique(self) -> bool:
        return bool(self.constraints.get("unique"))

    def parse(self, text: str) -> Any:
        """The Python value of a cell: None when empty.

        Raises ``ValueError`` with a message that says what would be valid.
        """
        if text == "":
            return [] if self.type == "list" else None
        if self.type == "string":
            return text
        if self.type == "list":
            return [item.strip() for item in text.split(self.delimiter) if item.strip()]
        if self.type == "number":
            # float() alone would take "١", "1_000", " 1" and "nan": numbers are ASCII digits only.
            if not _NUMBER.fullmatch(text):
                msg = f'"{text}" is not a number (write e.g. 0.8 or -7.5, with the digits 0-9)'
                raise ValueError(msg)
            value = float(text)
            if value in (float("inf"), float("-inf")):
                msg = f'"{text}" is not a finite number'
                raise ValueError(msg)
            return value
        if self.type == "integer":
            if not _INTEGER.fullmatch(text):
                msg = f'"{text}" is not a whole number (write e.g. 30, with the digits 0-9)'
                raise ValueError(msg)
            return int(text)
        if self.type == "boolean":
            try:
                return _BOOLEANS[text.strip().lower()]
            except KeyError:
                msg = f'"{text}" is not a boolean: write true or false'
                raise ValueError(msg) from None
        if self.type in ("date", "partial-date"):
            try:
                date = PartialDate.parse(text)
            except DateFormatError as err:
                raise ValueError(str(err)) from None
            if self.type == "date" and date.precision != "day":
                msg = f'"{text}" is not a full date: write YYYY-MM-DD'
                raise ValueError(msg)
            return date.text
        msg = f"unknown field type {self.type!r} in schema.json"
        raise NotImplementedError(msg)

    def pattern_only(self) -> tuple[bool, re.Pattern | None]:
        """Whether :meth:`check` of a non-empty cell is only a full match of the pattern, and the pattern.

        True for a string column with no rule but its pattern (or none at all: the pattern is then None).

        Examples
        --------
        >>> Field("id", "string", "", {"required": True, "pattern": "^[a-z]+$"}).pattern_only()[1].pattern
        '^[a-z]+$'
        >>> Field("n", "number", "", {"minimum": 0}).pattern_only()
        (False, None)
        """
        c = self.constraints
        if self.type != "string" or c.keys() - {"required", "unique", "pattern"}:
            return False, None
        return True, _pattern(c["pattern"]) if "pattern" in c else None

    def check(self, text: str) -> tuple[str, str] | None:
        """Why a non-empty cell is invalid, as ``(code, message)``; None if valid."""
        try:
            value = self.parse(text)
        except ValueError as err:
            return ("bad-date" if "date" in self.type else "bad-value"), str(err)
        c = self.constraints
        items = value if isinstance(value, list) else [value]
        for item in items:
            if "pattern" in c and not _pattern(c["pattern"]).fullmatch(str(item)):
                return "bad-value", f'"{item}" does not match the pattern {c["pattern"]}'
            if "enum" in c and item not in c["enum"]:
                valid = ", ".join(map(str, c["enum"]))
                return "bad-value", f'"{item}" is not one of: {valid}'
        low, high = c.get("minimum"), c.get("maximum")
        if low is not None and high is not None and not low <= value <= high:
            return "out-of-range", f"must be between {low:g} and {high:g}, not {text}"
        if low is not None and value < low:
            return "out-of-range", f"must be at least {low:g}, not {text}"
        if high is not None and value > high:
            return "out-of-range", f"must be at most {high:g}, not {text}"
        return None


@cache
def _pattern(pattern: str) -> re.Pattern:
    # ASCII: an id pattern's \w or \d must not let "ＫＯＲ" or "٢" through.
    return re.compile(pattern, re.ASCII)


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """Values of ``field`` must be keys of ``resource``'s ``key``."""

    field: str
    resource: str
    key: str


@dataclass(frozen=True, slots=True)
class Resource:
    """One CSV file: its path, fields and keys."""

    name: str
    path: str
    title: str
    fields: tuple[Field, ...]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = ()
    unique_names: tuple[str, ...] = ()
    date_order: tuple[tuple[str, str], ...] = ()

    @property
    def columns(self) -> list[str]:
        """Column names in their canonical order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True, slots=True)
class Schema:
    """Every resource of the data package, in load order."""

    resources: tuple[Resource, ...] = field(default_factory=tuple)

    def __getitem__(self, name: str) -> Resource:
        for resource in self.resources:
            if resource.name == name:
                return resource
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.resources]


def _resource(desc: dict) -> Resource:
    schema = desc["schema"]
    # "x-type" is our own type where Table Schema has none (a partial date is a
    # string with a pattern to Frictionless); Frictionless ignores it.
    fields = tuple(
        Field(
            f["name"], f.get("x-type", f.get("type", "string")), f.get("description", ""), f.get("constraints", {}), f.get("delimiter", "|")
        )
        for f in schema["fields"]
    )
    # Frictionless cannot check a foreign key of a list field, so those are kept apart, in "x-foreignKeys".
    fks = tuple(
        ForeignKey(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for fk in [*schema.get("foreignKeys", []), *schema.get("x-foreignKeys", [])]
    )
    return Resource(
        name=desc["name"],
        path=desc["path"],
        title=desc.get("title", desc["name"]),
        fields=fields,
        primary_key=schema["primaryKey"][0],
        foreign_keys=fks,
        unique_names=tuple(schema.get("x-uniqueNames", ())),
        date_order=tuple(tuple(pair) for pair in schema.get("x-dateOrder", ())),
    )


@cache
def load_schema() -> Schema:
    """The schema shipped with the package.

    Examples
    --------
    >>> s = load_schema()
    >>> s["actors"].columns
    ['actor_id', 'name', 'kind', 'aliases', 'description']
    >>> s["relations"].primary_key
    'relation_id'
    """
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    return Schema(tuple(_resource(r) for r in json.loads(text)["resources"]))
