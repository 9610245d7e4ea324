"""Dates of variable precision."""

import datetime as dt

import pytest

from graph.dates import PartialDate, parse_date
from graph.errors import DateFormatError


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28), "month"),
        ("2024-06-19", dt.date(2024, 6, 19), dt.date(2024, 6, 19), "day"),
    ],
)
def test_a_partial_date_is_the_period_it_names(text, first, last, precision):
    d = PartialDate.parse(text)
    assert (d.first, d.last, d.precision, str(d)) == (first, last, precision, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24-06", "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024/06/19", "is not a date"),
        ("June 2024", "is not a date"),
        ("2024-13", "not a real date: month must be in 1..12"),
        ("2023-02-29", "not a real date: day is out of range for month"),
    ],
)
def test_bad_dates_say_what_is_valid(text, message):
    with pytest.raises(DateFormatError, match=message):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("arg", "end", "day"),
    [
        ("2024", True, dt.date(2024, 12, 31)),
        ("2024", False, dt.date(2024, 1, 1)),
        ("2024-06", True, dt.date(2024, 6, 30)),
        (dt.date(2020, 5, 5), True, dt.date(2020, 5, 5)),
    ],
)
def test_parse_date_resolves_a_period_to_one_day(arg, end, day):
    assert parse_date(arg, end=end) == day


@pytest.mark.parametrize("text", ["٢٠٢٤", "２０２４-０６", "2024-٠٦", "۲۰۲۴-06-19", "2024-06-1\u0669"])
def test_only_ascii_digits(text):
    with pytest.raises(DateFormatError, match="is not a date"):
        PartialDate.parse(text)


@pytest.mark.parametrize("text", ["0001-01-01", "0999-12-31", "3000", "9999-12-31"])
def test_dates_outside_the_models_range_are_refused(text):
    with pytest.raises(DateFormatError, match="outside the dates the model holds: write a date from 1000 to 2999"):
        PartialDate.parse(text)


def test_the_range_leaves_room_for_a_horizon():
    from graph.dates import MAX_DATE, MIN_DATE

    assert PartialDate.parse("1000").first == MIN_DATE and PartialDate.parse("2999").last == MAX_DATE
    assert MAX_DATE + dt.timedelta(days=36525) < dt.date.max and MIN_DATE - dt.timedelta(days=36525) > dt.date.min
