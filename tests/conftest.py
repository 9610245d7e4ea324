"""Fixtures shared by the tests: copies of data folders that a test may break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.io import EXAMPLE_DATA

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A writable copy of the tiny example dataset (4 actors, 5 relations)."""
    return Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the project's real data/."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


@pytest.fixture
def run_cli():
    """Run ``python -m graph ARGS`` in a subprocess; returns the CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "graph", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            input=input,
            check=False,
            encoding="utf-8",
        )

    return run
