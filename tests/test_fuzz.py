"""The loader under fuzzing, on a bounded budget (a few seconds); ``scripts/fuzz.py`` runs the same for as long as asked.

The oracle: loading mutated files raises nothing but DataError, and what
loads is handled by every read command (tests/fuzzing.py).
"""

from __future__ import annotations

import random

from fuzzing import KNOWN_ELSEWHERE, SEED, load_or_refuse, mutate_bytes, mutate_cells, run_commands
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

BUDGET = settings(
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(BUDGET, max_examples=80)
@given(seed=st.integers(0, 2**32), rounds=st.integers(1, 4))
def test_byte_level_fuzz_of_the_loader(seed, rounds):
    rng = random.Random(seed)
    files = dict(SEED)
    for _ in range(rounds):
        files = mutate_bytes(files, rng)
    load_or_refuse(files)


@settings(BUDGET, max_examples=40)
@given(seed=st.integers(0, 2**32), rounds=st.integers(1, 3))
def test_structured_fuzz_of_the_loader_and_the_commands(seed, rounds):
    rng = random.Random(seed)
    files = dict(SEED)
    for _ in range(rounds):
        files = mutate_cells(files, rng)
    if load_or_refuse(files) is not None:
        for args, code in run_commands(files, known=KNOWN_ELSEWHERE):
            assert code in (0, 1, "known"), args
