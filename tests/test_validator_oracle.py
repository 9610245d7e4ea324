"""The vectorised checks of graph.io report exactly the problems the row-by-row checks reported (tests/oracle_io.py).

Compared on the corpus of broken datasets (tests/broken), on the fuzzers' mutated
datasets, and on cell-level mutations of the real data.
"""

from __future__ import annotations

import random

import oracle_io
import pytest
from conftest import BROKEN, DATA
from fuzzing import SEED, mutate_bytes, mutate_cells
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from graph import io as gio
from graph.errors import DataError

BUDGET = settings(deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def problems(module, files) -> list:
    module._VALID.clear()
    try:
        module.read_dataset(files, "data")
    except DataError as err:
        return err.problems
    return []


def same_problems(files) -> None:
    new, old = problems(gio, files), problems(oracle_io, files)
    assert new == old


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.iterdir()))
def test_the_broken_corpus_gives_the_same_problems(name):
    files = dict(SEED)
    for file in (BROKEN / name).iterdir():
        resource = file.name.removesuffix(".csv")
        files[resource] = file.read_bytes()
    same_problems(files)


def test_the_real_data_gives_the_same_tables():
    files = gio.read_files(DATA)
    gio._VALID.clear()
    oracle_io._VALID.clear()
    new, old = gio.read_dataset(files, DATA), oracle_io.read_dataset(files, DATA)
    assert new.tables.keys() == old.tables.keys()
    for name, table in new.tables.items():
        assert table.equals(old.tables[name]), name


@settings(BUDGET, max_examples=60)
@given(seed=st.integers(0, 2**32), rounds=st.integers(1, 4), cells=st.booleans())
def test_mutated_datasets_give_the_same_problems(seed, rounds, cells):
    rng = random.Random(seed)
    files = dict(SEED)
    for _ in range(rounds):
        files = (mutate_cells if cells else mutate_bytes)(files, rng)
    same_problems(files)


@settings(BUDGET, max_examples=15)
@given(seed=st.integers(0, 2**32), rounds=st.integers(1, 6))
def test_mutated_real_data_gives_the_same_problems(seed, rounds):
    rng = random.Random(seed)
    files = gio.read_files(DATA)
    for _ in range(rounds):
        files = mutate_cells(files, rng)
    same_problems(files)
