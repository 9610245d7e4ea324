"""A map's own ``datapackage.json``: the Frictionless descriptor of its folder.

Columns are defined once, in the package's ``schema.json``. A map folder
carries a copy of those resources, under its own name and title, so that
``frictionless validate DIR/datapackage.json`` (or any Frictionless tool)
reads the folder with no knowledge of this package. The loader takes only the
map's ``title`` from it (into ``G.graph["title"]``); the columns it checks are
always those of ``schema.json``. :func:`write_descriptor` regenerates the copy
(``actorgraph descriptor``) after ``schema.json`` changes, keeping the title.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import Problem

__all__ = ["DESCRIPTOR", "descriptor", "descriptor_text", "read_title", "write_descriptor"]

#: The file name Frictionless looks for in a data folder.
DESCRIPTOR = "datapackage.json"

_DESCRIPTION = (
    "A map of actors and the typed relations between them, with evidence and time, made with actorgraph "
    "(actor-graph-explorer). The resources are generated from the package's schema.json by `actorgraph descriptor`: "
    "edit the title and description here, never the resources."
)


@cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")


def descriptor(title: str | None = None, description: str | None = None) -> dict:
    """The Data Package descriptor of a map: ``schema.json``'s resources, the map's name and title.

    Examples
    --------
    >>> d = descriptor("Sahel: juntas, Wagner and ECOWAS")
    >>> d["name"], d["title"]
    ('sahel-juntas-wagner-and-ecowas', 'Sahel: juntas, Wagner and ECOWAS')
    >>> [r["path"] for r in d["resources"]][-3:]
    ['actors.csv', 'relations.csv', 'memberships.csv']
    """
    schema = json.loads(_schema_text())
    out: dict = {"name": _slug(title) if title else schema["name"]}
    if title:
        out["title"] = title
    out["description"] = description if description is not None else _DESCRIPTION
    out["resources"] = schema["resources"]
    return out


def descriptor_text(title: str | None = None, description: str | None = None) -> str:
    """:func:`descriptor` as the JSON text written to disk (two-space indent, UTF-8, final newline)."""
    return json.dumps(descriptor(title, description), indent=2, ensure_ascii=False) + "\n"


def read_title(data: bytes | None) -> tuple[str | None, str | None, list[Problem]]:
    """The title and description of a map's ``datapackage.json`` (None where absent), and its problems.

    A folder without the file is valid (it has no title); a file that is
    there must be a JSON object whose title and description are strings.

    Examples
    --------
    >>> read_title(b'{"title": "Korea", "resources": []}')[:2]
    ('Korea', None)
    >>> read_title(None)
    (None, None, [])
    >>> print(read_title(b'{"title": 3}')[2][0])
    datapackage.json: title: the title must be text, not 3: write "title": "My map"
    """
    if data is None:
        return None, None, []
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        msg = "the file is not UTF-8 text: save it as UTF-8, or delete it and run actorgraph descriptor --title TITLE"
        return None, None, [Problem(DESCRIPTOR, None, None, None, "bad-descriptor", msg)]
    except json.JSONDecodeError as err:
        msg = f"not valid JSON ({err.msg}): fix it, or delete it and run actorgraph descriptor --title TITLE"
        return None, None, [Problem(DESCRIPTOR, err.lineno, None, None, "bad-descriptor", msg)]
    if not isinstance(value, dict):
        msg = "the descriptor must be a JSON object: delete it and run actorgraph descriptor --title TITLE"
        return None, None, [Problem(DESCRIPTOR, None, None, None, "bad-descriptor", msg)]
    found, problems = [], []
    for key in ("title", "description"):
        text = value.get(key)
        if text is not None and not isinstance(text, str):
            msg = f'the {key} must be text, not {json.dumps(text)[:60]}: write "{key}": "My map"'
            problems.append(Problem(DESCRIPTOR, None, key, str(text)[:60], "bad-descriptor", msg))
            text = None
        found.append(text or None)
    return found[0], found[1], problems


def write_descriptor(folder: str | Path, title: str | None = None) -> Path:
    """Write ``folder/datapackage.json`` from ``schema.json``; keeps the file's title and description.

    ``title`` replaces the title. Written atomically; a descriptor that cannot
    be read is refused rather than overwritten, unless a title is given.

    Raises
    ------
    DataError
        If the existing descriptor is unreadable and no title is given.
    """
    from .errors import DataError
    from .write import write_atomic

    folder = Path(folder)
    if not folder.is_dir():
        msg = f'data folder "{folder}" not found: pass --data DIR'
        raise DataError([Problem(str(folder), None, None, str(folder), "missing-folder", msg)])
    path = folder / DESCRIPTOR
    old_title, old_description, problems = read_title(path.read_bytes() if path.is_file() else None)
    if problems and title is None:
        raise DataError(problems, str(folder))
    return write_atomic(path, descriptor_text(title or old_title, old_description))


def _slug(title: str) -> str:
    """A Data Package name: lower-case letters, digits, ``-``, ``_`` and ``.`` only."""
    return re.sub(r"[^a-z0-9._]+", "-", title.casefold()).strip("-._") or "map"
