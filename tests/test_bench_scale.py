"""The scale benchmark runs: its smallest size, without the browser (a smoke test, not a timing)."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_scale


def test_scale_table_without_the_browser(capsys):
    assert bench_scale.main(["--sizes", "30x90", "--no-browser", "--no-pyvis", "--timeout", "300"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [c.strip() for c in lines[0].split("|")[1:3]] == ["figure", "30 / 90"]
    figures = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in lines[2:]}
    assert set(figures) == {
        "validate",
        "load",
        "load ÷ bare",
        "load, cached tables",
        "load, cached graph",
        "load, cached graph ÷ bare",
        "build cold",
        "peak memory (cold build)",
        "build warm",
        "HTML size",
        "renderer",
        "diff month",
        "diff year",
        "diff year (command)",
        "query (command)",
        "analyze (local search)",
    }
    assert all(value and value != "n/a" and not value.startswith(">") for value in figures.values()), figures
    assert figures["peak memory (cold build)"].endswith(" MB")
    assert figures["renderer"] == "vis"  # 30 actors: below the WebGL threshold
