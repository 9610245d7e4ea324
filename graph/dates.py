"""Dates of variable precision: ``2024``, ``2024-06``, ``2024-06-19``.

A partial date stands for the whole period it names; ``2024-06`` is the
interval 1–30 June 2024. Comparisons use the period's first or last day, as
the caller says (see ``docs/data-model.md``, *Time*).

Every date of the model lies between :data:`MIN_DATE` and :data:`MAX_DATE`;
:meth:`PartialDate.parse` refuses the rest, so the data, the edit commands and
date arguments share one range, and code that steps a day or a horizon past a
date never leaves what :mod:`datetime` can hold.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .errors import DateFormatError

__all__ = ["MAX_DATE", "MIN_DATE", "PartialDate", "parse_date"]

#: The first day the model can hold (docs/data-model.md, *Time*).
MIN_DATE = dt.date(1000, 1, 1)
#: The last day the model can hold; far from ``datetime.date.max``, so that
#: adding a horizon or a day to any date of the data cannot overflow.
MAX_DATE = dt.date(2999, 12, 31)

# ASCII digits only: \d would also take "٢٠٢٤" or "２０２４", which compare wrongly as text.
_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Examples
    --------
    >>> d = PartialDate.parse("2024-06")
    >>> d.first, d.last
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    >>> str(d), d.precision
    ('2024-06', 'month')
    >>> PartialDate.parse("2024").contains(dt.date(2024, 12, 31))
    True
    """

    first: dt.date
    last: dt.date
    text: str

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises
        ------
        DateFormatError
            If the text is not one of those forms or names no real day.

        Examples
        --------
        >>> PartialDate.parse("2024-02-30")
        Traceback (most recent call last):
        ...
        graph.errors.DateFormatError: "2024-02-30" is not a real date: day is out of range for month
        >>> PartialDate.parse("9999-12-31")
        Traceback (most recent call last):
        ...
        graph.errors.DateFormatError: "9999-12-31" is outside the dates the model holds: write a date from 1000 to 2999
        """
        return _parse(cls, text)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return {4: "year", 7: "month"}.get(len(self.text), "day")

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the period."""
        return self.first <= day <= self.last

    def __str__(self) -> str:
        return self.text


# Each distinct text parsed once per process: validation (cells, date order, recorded dates) and the graph's intervals ask for the same
# few thousand dates of a hundred thousand rows again and again. A date is immutable; a text that is no date
# raises each time (lru_cache keeps only results).
@functools.lru_cache(maxsize=1 << 16)
def _parse(cls: type[PartialDate], text: str) -> PartialDate:
    match = _PATTERN.fullmatch(text.strip())
    if not match:
        msg = f'"{text}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (2024, 2024-06, 2024-06-19)'
        raise DateFormatError(msg)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif day is None:
            first = dt.date(year, month, 1)
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            first = last = dt.date(year, month, day)
    except ValueError as err:
        msg = f'"{text}" is not a real date: {err}'
        raise DateFormatError(msg) from err
    if first < MIN_DATE or last > MAX_DATE:
        msg = f'"{text}" is outside the dates the model holds: write a date from {MIN_DATE.year} to {MAX_DATE.year}'
        raise DateFormatError(msg)
    return cls(first, last, text.strip())


def parse_date(text: str | dt.date | PartialDate, *, end: bool = True) -> dt.date:
    """One day for a date argument: the last day of its period, or the first.

    ``--as-of 2024`` asks for the map at the end of 2024, so by default a
    partial date resolves to the last day of the period it names.

    Examples
    --------
    >>> parse_date("2024")
    datetime.date(2024, 12, 31)
    >>> parse_date("2024-06", end=False)
    datetime.date(2024, 6, 1)
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    period = text if isinstance(text, PartialDate) else PartialDate.parse(str(text))
    return period.last if end else period.first
