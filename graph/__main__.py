"""``python -m graph``: the actorgraph command line."""

from .cli import run

run()
