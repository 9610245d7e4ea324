"""The options the ``actorgraph`` commands share, and what they mean.

``--data`` and ``--format`` (:func:`add_command` gives both to a command),
``--as-of`` and ``--known`` (:func:`add_time_options`, applied by
:func:`time_view`), and the argparse types of numeric options.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path

from .build import load_graph
from .io import DEFAULT_DATA

#: The output formats of ``--format``.
FORMATS = ("table", "csv", "json")


def add_command(sub, name: str, help: str, description: str, run: Callable, *, formats: bool = True) -> argparse.ArgumentParser:
    """Register the sub-command ``name`` that runs ``run``, with ``--data`` (and ``--format``)."""
    p = sub.add_parser(name, help=help, description=description)
    add_data_option(p)
    if formats:
        add_format_option(p)
    p.set_defaults(run=run)
    return p


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1.

    Examples
    --------
    >>> positive_int("3")
    3
    >>> positive_int("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '0' is not a whole number of at least 1
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"{text!r} is not a whole number of at least 1"
        raise argparse.ArgumentTypeError(msg)
    return value


def probability(text: str) -> float:
    """An argparse type: a number more than 0 and at most 1.

    Examples
    --------
    >>> probability("0.25")
    0.25
    >>> probability("1.5")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '1.5' is not a number more than 0 and at most 1
    """
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= 1:  # (false for nan too)
        msg = f"{text!r} is not a number more than 0 and at most 1"
        raise argparse.ArgumentTypeError(msg)
    return value


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR", help="the data folder (default: ./data)")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def add_time_options(parser: argparse.ArgumentParser, *, as_of_default: str = "") -> None:
    default = f"; default: {as_of_default}" if as_of_default else ""
    parser.add_argument(
        "--as-of", metavar="DATE", help=f"the map on DATE: only relations in effect that day (2024, 2024-06 or 2024-06-19{default})"
    )
    parser.add_argument(
        "--known", metavar="DATE", help="what was public on DATE: rows whose earliest cited source was out by then; combines with --as-of"
    )


def time_view(G, args: argparse.Namespace):
    """``G`` as known on ``--known``, then as of ``--as-of``: record time first."""
    from .temporal import as_known, as_of

    if getattr(args, "known", None):
        G = as_known(G, args.known)
    if getattr(args, "as_of", None):
        G = as_of(G, args.as_of)
    return G


def load_graph_from(args: argparse.Namespace):
    """The graph of ``args.data``; DataError propagates to :func:`graph.cli.main`."""
    return load_graph(args.data)
