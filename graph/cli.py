"""The ``actorgraph`` command line: a thin shell over the library.

This module is the entry point: the parser, :func:`main` and :func:`run`, and
the reporting of errors. Each sub-command is one ``add_<name>`` function that
registers its parser and sets ``run``; :data:`COMMANDS` lists them. They live
by job in private modules: ``graph._cli_read`` (validate, query, info, diff,
analyze), ``graph._cli_edit`` (the edits, init, import, accept) and
``graph._cli_make`` (build, descriptor, export, ingest, events), over
``graph._cli_options`` (the shared options) and ``graph._cli_output`` (tables,
CSV and JSON, escaping). Exit codes: 0 success, 1 invalid data or a refused
request (one clear message, never a traceback), 2 bad usage.

Text from the data is shown as is, except characters that could drive a
terminal (escape sequences, bidirectional overrides...), which every command
prints as ``\\uXXXX`` escapes; ``--format csv`` starts a cell that a
spreadsheet would run as a formula with ``'`` (docs/data-model.md, *Output*).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ._cli_edit import add_accept, add_add_actor, add_add_relation, add_add_source, add_end_relation, add_import, add_init, add_supersede
from ._cli_make import add_build, add_descriptor, add_events, add_export, add_ingest
from ._cli_output import Escaping, discard_stdout
from ._cli_read import add_analyze, add_diff, add_info, add_query, add_validate
from ._text import escape
from .errors import ActorGraphError, DataError

__all__ = ["COMMANDS", "main", "run"]

# -- the program --------------------------------------------------------------

#: Every sub-command, in the order ``--help`` lists them.
COMMANDS: list[Callable] = [
    add_validate,
    add_query,
    add_info,
    add_diff,
    add_add_actor,
    add_add_source,
    add_add_relation,
    add_end_relation,
    add_supersede,
    add_analyze,
    add_build,
    add_init,
    add_descriptor,
    add_export,
    add_import,
    add_ingest,
    add_accept,
    add_events,
]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="actorgraph",
        description="Map who does what to whom: validate, query, analyse and draw the actor graph in data/.",
    )
    sub = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(sub)
    return p


def report_problems(err: DataError) -> None:
    """One line per problem on stderr: ``FOLDER/FILE:LINE: column: message``."""
    for problem in err.problems:
        where = problem.file if err.folder is None else str(Path(err.folder) / problem.file)
        print(replace(problem, file=where), file=sys.stderr)
    n = len(err.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Everything printed goes through :func:`graph._text.escape`, so a name
    holding terminal escapes shows as text.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Escaping(stdout), Escaping(stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def run() -> None:
    """The program's entry point (``actorgraph``, ``python -m graph``): :func:`main`, then exit with its code.

    The process ends at once (``os._exit``) once its output is flushed, without
    Python's and the libraries' own teardown: everything the command writes is
    written, flushed and renamed into place before :func:`main` returns. Two
    costs of that teardown are avoided: freeing a graph of 100,000 relations
    object by object (0.6 s of a 2 s ``query``), and pyarrow's C++ teardown,
    which aborted a few commands in a hundred ("terminate called without an
    active exception", exit -6) when several ran side by side.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _check_arguments(argv: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    for i, arg in enumerate(argv, 1):
        if isinstance(arg, str) and any("\ud800" <= c <= "\udfff" for c in arg):
            msg = f"argument {i} ({escape(arg)}) is not valid UTF-8 text: retype it, or set a UTF-8 locale (LANG=C.UTF-8)"
            raise ActorGraphError(msg)


def _run(argv: list[str]) -> int:
    try:
        _check_arguments(argv)
    except ActorGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:
        report_problems(err)
        return 1
    except ActorGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (head, less) went away; that is not an error.
        discard_stdout()
        return 0
    except OSError as err:
        # A file the library reads or writes outside its own checks (permissions, a full disk...).
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
