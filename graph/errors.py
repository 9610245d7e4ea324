"""Exceptions raised by the actor graph.

::

    ActorGraphError            every error this package raises on purpose
    ├── DataError              the CSVs in data/ are invalid (carries every Problem)
    ├── ActorNotFound          a name matches no actor (suggests the closest)
    ├── RelationNotFound       an id matches no relation
    ├── DateFormatError        a date given as an argument is not a valid date
    ├── EditError              an edit command refused to change the data
    ├── VersionError           a version of data/ could not be read from git
    ├── LayoutCacheError       the layout cache file cannot be read
    ├── EventDataError         event files or aggregates cannot be read (graph.eventdata)
    └── WriteError             a file could not be written (and is unchanged)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = [
    "ActorGraphError",
    "ActorNotFound",
    "DataError",
    "DateFormatError",
    "EditError",
    "EventDataError",
    "LayoutCacheError",
    "Problem",
    "RelationNotFound",
    "VersionError",
    "WriteError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect in the data, located as precisely as it can be.

    Attributes
    ----------
    file : str
        The file name, relative to the data folder (``relations.csv``).
    line : int or None
        The physical line in the file (the header is line 1); None for a
        problem of the whole file.
    column : str or None
        The column, where one applies.
    value : str or None
        The offending value as written.
    code : str
        A stable kebab-case code (``unknown-reference``, ``bad-date``...).
    message : str
        What is wrong and what would be valid.

    Examples
    --------
    >>> p = Problem("relations.csv", 4, "status", "confimed", "unknown-reference",
    ...             'unknown status "confimed"')
    >>> str(p)
    'relations.csv:4: status: unknown status "confimed"'
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = self.message if self.column is None else f"{self.column}: {self.message}"
        return f"{where}: {what}"

    def to_dict(self) -> dict:
        """The problem as a plain dict (for JSON and DataFrames)."""
        return asdict(self)


class ActorGraphError(Exception):
    """Catch-all for the errors this package raises on purpose."""


class DataError(ActorGraphError):
    """The data is invalid; ``problems`` lists every defect found.

    ``folder`` is the data folder the problems' files are in (None when the
    problem is the folder itself), so that a report can give full paths.

    Examples
    --------
    >>> err = DataError([Problem("actors.csv", 3, "kind", "stat", "unknown-reference", "bad")])
    >>> print(err)
    1 problem in the data:
    actors.csv:3: kind: bad
    """

    def __init__(self, problems: list[Problem], folder: str | None = None):
        self.problems = list(problems)
        self.folder = folder
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data:"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class ActorNotFound(ActorGraphError, LookupError):
    """No actor has this id, name or alias."""


class RelationNotFound(ActorGraphError, LookupError):
    """No relation has this id."""


class DateFormatError(ActorGraphError, ValueError):
    """A date argument is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""


class EditError(ActorGraphError):
    """An edit was refused; the files are unchanged."""


class VersionError(ActorGraphError):
    """A version of the data could not be read (bad revision, no git...)."""


class EventDataError(ActorGraphError, ValueError):
    """Event files (GDELT, ICEWS, PLOVER) or their aggregates cannot be read as asked."""


class LayoutCacheError(ActorGraphError, ValueError):
    """The layout cache is not a JSON object of ``actor_id: [x, y]``."""


class WriteError(ActorGraphError, OSError):
    """A file could not be written; whatever was there is unchanged."""
