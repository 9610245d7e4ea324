"""Fuzz the loader and the read commands for a while; print what ran and every distinct crash.

    python scripts/fuzz.py --minutes 30 [--seed 1] [--crashes fuzz-crashes/]

Each round mutates the example dataset (bytes or cells, tests/fuzzing.py),
loads it, and runs the read commands in-process on what loads (build now and
then). A crash is any exception other than DataError from the loader, or any
exception that escapes ``graph.cli.main``; each distinct one (type and place)
is printed with its traceback and its input saved.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import SEED, load_or_refuse, mutate_bytes, mutate_cells, run_commands


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    p.add_argument("--build-every", type=int, default=50, help="run build on every Nth dataset that loads")
    args = p.parse_args()
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.minutes * 60
    inputs = loaded = commands = 0
    crashes: dict[tuple, int] = {}
    while time.monotonic() < deadline:
        files = dict(SEED)
        for _ in range(rng.randint(1, 3)):
            files = (mutate_bytes if rng.random() < 0.5 else mutate_cells)(files, rng)
        inputs += 1
        try:
            dataset = load_or_refuse(files)
            if dataset is not None:
                loaded += 1
                commands += len(run_commands(files, build=loaded % args.build_every == 0))
        except Exception as err:
            frames = traceback.extract_tb(err.__traceback__)
            ours = [f for f in frames if "/graph/" in f.filename]
            frame = (ours or frames)[-1]
            key = (type(err).__name__, Path(frame.filename).name, frame.lineno)
            crashes[key] = crashes.get(key, 0) + 1
            if crashes[key] == 1:
                folder = args.crashes / f"{len(crashes):03d}-{key[0]}"
                folder.mkdir(parents=True, exist_ok=True)
                for name, content in files.items():
                    if content is not None:
                        (folder / f"{name}.csv").write_bytes(content)
                print(f"crash {key} (input saved in {folder}):", flush=True)
                traceback.print_exception(err, limit=-4)
        if inputs % 500 == 0:
            print(f"{inputs} inputs, {loaded} loaded, {commands} commands, {sum(crashes.values())} crashes", flush=True)
    print(
        f"seed {args.seed}: {inputs} inputs in {args.minutes:g} min, {loaded} loaded, {commands} commands run, "
        f"{sum(crashes.values())} crashes of {len(crashes)} kinds: {sorted(crashes)}"
    )
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
