"""The public surface: one sorted __all__ that names every public member."""

import subprocess
import sys
import types

import graph
from graph.io import EXAMPLE_DATA


def test_all_is_sorted_and_complete():
    # Names are imported on first use: dir() lists them, getattr() imports them.
    public = {name for name in dir(graph) if not name.startswith("_") and not isinstance(getattr(graph, name), types.ModuleType)}
    assert graph.__all__ == sorted(graph.__all__, key=lambda n: (not n.isupper(), n))
    assert set(graph.__all__) == public
    assert graph.relations.__module__ == "graph.query"


def test_an_unknown_name_is_an_attribute_error():
    try:
        graph.no_such_name  # noqa: B018
    except AttributeError as err:
        assert "no attribute 'no_such_name'" in str(err)
    else:
        raise AssertionError("graph.no_such_name did not raise")


def test_the_modules_are_reached_from_the_package():
    # As before names were imported on first use: `import graph` then graph.temporal, graph.analysis.balance.
    probe = "import graph; print(graph.temporal.as_of.__name__, graph.analysis.balance.__name__, graph._dataset_cache.KEEP)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["as_of", "balance", "16"], result.stderr


def test_python_dash_m_graph_is_the_cli(run_process):
    result = run_process("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: actorgraph")


def test_a_query_imports_neither_the_analysis_nor_the_page(tmp_path):
    # What `actorgraph query` imports is what it costs to start: scipy and jinja2 are a second of it.
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\nfrom graph.cli import main\nmain(['query', 'PRK', '--data', sys.argv[1]])\n"
        "print(sorted(m for m in ('graph.analysis', 'graph.render', 'scipy', 'jinja2', 'graph.layout') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, str(script), str(EXAMPLE_DATA)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_the_entry_point_exits_with_the_commands_code():
    # run() ends the process itself (os._exit): it runs in a child.
    result = subprocess.run(
        [sys.executable, "-m", "graph", "query", "no such actor", "--data", str(EXAMPLE_DATA)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert 'no actor is called "no such actor"' in result.stderr
