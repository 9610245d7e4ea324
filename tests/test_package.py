"""The public surface: one sorted __all__ that names every public member."""

import types

import graph


def test_all_is_sorted_and_complete():
    public = {name for name, value in vars(graph).items() if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert graph.__all__ == sorted(graph.__all__, key=lambda n: (not n.isupper(), n))
    assert set(graph.__all__) == public


def test_python_dash_m_graph_is_the_cli(run_process):
    result = run_process("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: actorgraph")
