"""Whatever validate accepts, every command handles: property tests on generated valid datasets.

Each example is the example dataset with its dates drawn anywhere in the
model's range (its very first and last days included), its weights and
confidences drawn down to the smallest floats, and some tables emptied.
It must load, and every read command must end with exit code 0 or 1 — our own
errors — never an exception.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from fuzzing import KNOWN_ELSEWHERE, SEED, run_commands
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from graph.dates import MAX_DATE, MIN_DATE, PartialDate
from graph.io import read_dataset

TINY = ["0", "5e-324", "1e-320", "1e-300", "1e-9", "0.5", "1"]


def table(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(SEED[name].decode("utf-8"), newline="")))


def text(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


days = st.one_of(st.sampled_from([MIN_DATE, MAX_DATE]), st.dates(min_value=MIN_DATE, max_value=MAX_DATE))


@st.composite
def periods(draw, *, dated: bool = False) -> tuple[str, str]:
    """A start and an end (either may be empty, the start not when ``dated``) with the end not before the start, at any precision."""
    a, b = sorted([draw(days), draw(days)])
    start = draw(st.sampled_from([*([] if dated else [""]), a.isoformat(), a.isoformat()[:7], a.isoformat()[:4]]))
    end = draw(st.sampled_from(["", b.isoformat(), b.isoformat()[:7], b.isoformat()[:4]]))
    if start and end and PartialDate.parse(end).last < PartialDate.parse(start).first:
        end = ""
    return start, end


@st.composite
def datasets(draw) -> dict[str, bytes | None]:
    files = dict(SEED)
    statuses = table("statuses")
    for row in statuses[1:]:
        row[4] = draw(st.sampled_from(TINY))
    files["statuses"] = text(statuses)
    relations = table("relations")
    head = relations[0]
    col = {name: i for i, name in enumerate(head)}
    recorded = sorted(draw(st.lists(days, min_size=len(relations) - 1, max_size=len(relations) - 1)))
    types = table("relation_types")
    events = {t[types[0].index("type")] for t in types[1:] if t[types[0].index("temporality")] == "event"}
    for row, day in zip(relations[1:], recorded, strict=True):
        row[col["start"]], row[col["end"]] = draw(periods(dated=row[col["type"]] in events))  # an event needs its day
        row[col["confidence"]] = draw(st.sampled_from(TINY))
        row[col["intensity"]] = draw(st.sampled_from(["", "-10", "10", "-5e-324", "1e-320"]))
        row[col["recorded"]] = day.isoformat()  # sorted: pact-2 is recorded after the pact-1 it supersedes
    # pact-1 and pact-2 are one lineage: the same start would be fine, a different one too.
    empty = draw(st.sampled_from(["", "relations", "relations+sources", "everything"]))
    if empty:
        relations = relations[:1]
    files["relations"] = text(relations)
    if empty in ("relations+sources", "everything"):
        files["sources"] = text(table("sources")[:1])
    if empty == "everything":
        files["actors"] = text(table("actors")[:1])
    return files


# A bounded budget for CI: no shrinking (a failing example is printed as drawn), a fixed seed.
BUDGET = {
    "deadline": None,
    "derandomize": True,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


@settings(max_examples=8, **BUDGET)
@given(files=datasets())
def test_every_read_command_handles_every_valid_dataset(files):
    read_dataset(files)  # valid by construction: a DataError here is a bug of the generator or the validator
    for args, code in run_commands(files, known=KNOWN_ELSEWHERE):
        assert code in (0, 1, "known"), args


@settings(max_examples=2, **BUDGET)
@given(files=datasets())
def test_build_handles_every_valid_dataset(files):
    read_dataset(files)
    results = {tuple(a[:1]): c for a, c in run_commands(files, build=True, known=KNOWN_ELSEWHERE)}
    assert results[("build",)] == 0


@pytest.mark.parametrize("day", [MIN_DATE, MAX_DATE])
def test_the_first_and_last_days_with_every_command(day):
    relations = table("relations")
    for row in relations[1:]:
        row[5] = day.isoformat()
        row[6] = ""
    files = {**SEED, "relations": text(relations)}
    read_dataset(files)
    assert all(code == 0 for args, code in run_commands(files, build=True) if args[0] != "query" or "--as-of" not in args)
    assert dt.date.today() < MAX_DATE


@settings(max_examples=60, **BUDGET)
@given(cells=st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.text(alphabet="aZ09-_.|# \t", max_size=6)))
def test_cells_judged_in_bulk_as_one_by_one(cells):
    """Any text gets from the bulk path of id and name columns the verdict io._cell_verdict gives it."""
    from graph import io as gio
    from graph.schema import load_schema

    for resource in load_schema().resources:
        for f in resource.fields:
            name = f.name in resource.unique_names
            assert gio._cell_verdicts(f, cells, name=name) == {v: gio._cell_verdict(f, v, name=name) for v in cells}
