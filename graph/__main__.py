"""``python -m graph``: the actorgraph command line."""

import sys

from .cli import main

sys.exit(main())
