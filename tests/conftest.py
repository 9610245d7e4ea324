"""Fixtures shared by the tests: copies of data folders that a test may break, and the browser the page tests drive."""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from browsing import DESKTOP, Tab, driver_note

from graph.build import load_graph
from graph.headless import block_network, launch
from graph.io import EXAMPLE_DATA
from graph.render import write_html

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


BROKEN = Path(__file__).parent / "broken"

# The suite never writes into the user's own cache: the validated-dataset cache (graph/_dataset_cache.py) of this
# run, and of the commands and notebooks it starts, goes to a scratch folder.
os.environ["ACTORGRAPH_CACHE"] = tempfile.mkdtemp(prefix="actorgraph-test-cache-")
atexit.register(shutil.rmtree, os.environ["ACTORGRAPH_CACHE"], ignore_errors=True)


# Under xdist (--dist loadfile --no-loadscope-reorder, pyproject.toml) a worker takes a whole file at a time, in this
# order: the costliest first (CPU seconds from `python benchmarks/bench_suite.py --serial`), so that no worker starts a
# long file when the others are nearly done. Files not named follow in their usual order.
COSTLIEST_FIRST = [
    "tests/test_browser_panels.py",  # 51 s
    "tests/test_browser.py",  # 43 s
    "tests/test_events.py",  # 28 s (the Spark JVM)
    "tests/test_browser_webgl.py",  # 17 s
    "tests/test_bench_scale.py",  # 7 s
    "tests/test_dataset_cache.py",  # 7 s
    "tests/test_cli.py",  # 6 s
    "notebooks/walkthrough.ipynb",  # 5 s
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(COSTLIEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: a file's tests keep their order


def broken_dataset(name: str, folder: Path) -> Path:
    """A copy of the example dataset in ``folder`` with the files of tests/broken/<name> laid over it."""
    folder = Path(shutil.copytree(EXAMPLE_DATA, folder))
    for file in (BROKEN / name).iterdir():
        shutil.copy(file, folder / file.name)
    return folder


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A writable copy of the tiny example dataset (4 actors, 5 relations)."""
    return Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the project's real data/."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


@pytest.fixture
def run_process():
    """Run ``python -m graph ARGS`` in a subprocess; returns the CompletedProcess.

    For the few end-to-end checks (argv bytes, the real entry point); every
    other test uses :func:`cli`, which is many times faster.
    """

    def run(*args, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "graph", *(a if isinstance(a, bytes) else str(a) for a in args)],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            input=input,
            check=False,
            encoding="utf-8",
            errors="backslashreplace",
        )

    return run


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``graph.cli.main(ARGS)`` in-process, from ``cwd`` (default: the project); returns a CompletedProcess.

    Usage errors (argparse's SystemExit) become their exit code, as in a process.
    """
    import io

    from graph.cli import main

    def run(*args, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
        monkeypatch.chdir(cwd or ROOT)
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit:
            code = exit.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return run


@pytest.fixture
def run_cli(cli):
    """The command line as most tests drive it: in-process (:func:`cli`); :func:`run_process` for a real process."""
    return cli


# Payloads that must show as text in the page and run nothing (tests/test_render.py, tests/test_browser.py).
XSS = {
    "img": "<img src=x onerror=window.__xss=1>",
    "script": "</script><script>window.__xss=2</script>",
    "svg": '"><svg onload=window.__xss=3>',
}


@pytest.fixture
def xss_dir(example_dir: Path) -> Path:
    """The example data with script payloads in names, aliases, descriptions, evidence and sources.

    Every value is one the schema accepts; the url is the most hostile one
    its ``^https?://\\S+$`` pattern lets through.
    """
    import csv

    def rewrite(name: str, change) -> None:
        path = example_dir / name
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            change(row)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)

    names = {"PRK": XSS["img"], "RUS": XSS["script"], "USA": XSS["svg"]}

    def actor(row):
        row["name"] = names.get(row["actor_id"], row["name"])
        if row["actor_id"] == "PRK":
            row["aliases"] = "|".join(f"{v} alias" for v in XSS.values())
            row["description"] = " ".join(XSS.values())

    def relation(row):
        row["evidence"] = " ".join(XSS.values())
        row["notes"] = XSS["svg"]

    def source(row):
        row["title"] = XSS["script"] + XSS["img"]
        row["publisher"] = XSS["svg"]
        row["url"] = 'https://example.org/"><svg/onload=window.__xss=3>'

    rewrite("actors.csv", actor)
    rewrite("relations.csv", relation)

    def vocabulary(row):
        row["label"] = row["label"] + " " + XSS["img"]

    rewrite("sources.csv", source)
    rewrite("relation_types.csv", vocabulary)
    rewrite("actor_kinds.csv", vocabulary)
    return example_dir


# -- the page in headless Chromium (tests/test_browser*.py; helpers in tests/browsing.py) ----------------------------


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            browser = launch(p)
        except FileNotFoundError as err:
            pytest.fail(str(err))
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser_context(browser):
    """One browser context per test file, offline, and the list of addresses its pages tried to fetch.

    A test gets a new page (a new document and script realm); a new context
    per test would cost about twice as much, and would isolate nothing more:
    the page keeps no cookies or storage, only its address.
    """
    context = browser.new_context(accept_downloads=True)
    blocked: list[str] = []
    block_network(context, blocked)
    yield context, blocked
    context.close()


@pytest.fixture
def open_tab(browser_context):
    """Open a page file in a new page at a viewport size; the tab's ``blocked`` lists what any page fetched during the test."""
    context, blocked = browser_context
    blocked.clear()
    pages = []

    def open_(path: Path, size=DESKTOP, hash_: str = "") -> Tab:
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size({"width": size[0], "height": size[1]})
        tab = Tab(page, blocked)
        page.on("console", lambda m: tab.errors.append(m.text) if m.type in ("error", "warning") and not driver_note(m.text) else None)
        page.on("pageerror", lambda e: tab.errors.append(str(e)))
        page.goto(path.as_uri() + hash_)
        page.evaluate("actorgraph.ready")
        return tab

    yield open_
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def article():
    """The project's own map (data/), as the browser tests see it."""
    return load_graph(DATA)


@pytest.fixture(scope="module")
def article_page(tmp_path_factory, article) -> Path:
    folder = tmp_path_factory.mktemp("page")
    return write_html(article, folder / "map.html", layout_cache=folder / "layout.json")


@pytest.fixture(scope="module")
def webgl_page(tmp_path_factory, article) -> Path:
    folder = tmp_path_factory.mktemp("webgl")
    return write_html(article, folder / "map.html", layout_cache=folder / "layout.json", renderer="webgl")


def page_payload(page: str) -> dict:
    """The data a page embeds, its actors and relations as one dict per row: what page.js makes of them (``fromColumns``)."""
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1))
    for table in ("nodes", "edges"):
        columns = data[table]
        count = len(next(iter(columns.values()), []))
        data[table] = [{name: values[i] for name, values in columns.items() if values[i] is not None} for i in range(count)]
    return data


@pytest.fixture(scope="module")
def payload(article_page) -> dict:
    return page_payload(article_page.read_text(encoding="utf-8"))


@pytest.fixture
def tab(open_tab, article_page) -> Tab:
    """The map in the vis view at desktop size; afterwards, it fetched nothing and reported no error."""
    t = open_tab(article_page)
    yield t
    assert t.blocked == []
    assert t.errors == []


@pytest.fixture
def gl_tab(open_tab, webgl_page) -> Tab:
    """The same map in the WebGL view; the same checks afterwards."""
    t = open_tab(webgl_page)
    yield t
    assert t.blocked == []
    assert t.errors == []
