"""Start a new map: a data folder with the vocabularies and empty tables.

:func:`new_map` writes, into a folder that does not exist yet (or is empty),
the vocabularies shipped with the package (``graph/vocabularies/``, a copy of
the project's own ``data/`` vocabularies), every other table of ``schema.json``
with its header only, a ``datapackage.json`` and a README explaining the
files. :func:`create_map` is the one writer of a new folder, shared with
``actorgraph import``: it validates first and writes all files or none.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from .descriptor import DESCRIPTOR, descriptor_text
from .errors import EditError, WriteError
from .io import read_dataset
from .schema import load_schema
from .write import write_atomic

__all__ = ["VOCABULARIES", "check_new_folder", "create_map", "map_files", "new_map"]

#: Shipped with the package: the vocabularies a new map starts with.
VOCABULARIES = Path(str(resources.files(__package__).joinpath("vocabularies")))

_README = """# {title}

A map of actors and the typed relations between them, made with `actorgraph`
(actor-graph-explorer). Every file is CSV (UTF-8, header on line 1); the columns
are defined in the package's `schema.json`, and `datapackage.json` describes
them for any Frictionless tool (`frictionless validate datapackage.json`).

| file | holds |
|---|---|
| `actors.csv` | the actors: a stable upper-case id, a name, a kind, aliases |
| `relations.csv` | typed relations between two actors, with status, dates, confidence and the sources they cite |
| `sources.csv` | every cited document |
| `relation_types.csv`, `relation_families.csv` | the relation vocabulary: verb, sign, direction, family |
| `statuses.csv` | how we know: confirmed, reported, potential |
| `actor_kinds.csv` | kinds of actor: state, alliance, organisation... |

Start with:

```sh
actorgraph add-actor PRK --name "North Korea" --kind state --data {folder}
actorgraph add-source my-source --title "..." --date 2024-10 --data {folder}
actorgraph add-relation ... --data {folder}
actorgraph validate --data {folder}
actorgraph build --data {folder}
```

Edit the title in `datapackage.json`; regenerate its resources with
`actorgraph descriptor --data {folder}` after upgrading actorgraph.
"""


def map_files(title: str | None, folder_name: str = "DIR") -> dict[str, bytes]:
    """The files of an empty map, by file name.

    Examples
    --------
    >>> files = map_files("Sahel")
    >>> files["actors.csv"]
    b'actor_id,name,kind,aliases,description\\n'
    >>> sorted(files)[:3]
    ['README.md', 'actor_kinds.csv', 'actors.csv']
    """
    files: dict[str, bytes] = {}
    for resource in load_schema().resources:
        shipped = VOCABULARIES / resource.path
        files[resource.path] = shipped.read_bytes() if shipped.is_file() else (",".join(resource.columns) + "\n").encode()
    files[DESCRIPTOR] = descriptor_text(title).encode()
    files["README.md"] = _README.format(title=title or "A new map", folder=folder_name).encode()
    return files


def new_map(folder: str | Path, title: str | None = None) -> Path:
    """Create the map ``folder``: vocabularies, empty tables, descriptor and README.

    Raises
    ------
    EditError
        If ``folder`` exists and is not an empty folder, or its parent is missing.

    Examples
    --------
    >>> import tempfile
    >>> folder = new_map(Path(tempfile.mkdtemp()) / "sahel", title="Sahel")
    >>> from graph.io import load
    >>> ds = load(folder)
    >>> ds.title, len(ds.tables["actors"]), len(ds.tables["relation_types"]) > 0
    ('Sahel', 0, True)
    """
    return create_map(folder, map_files(title, Path(folder).name))


def create_map(folder: str | Path, files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (by file name) as the new folder ``folder``, all or nothing.

    The files are validated together first (``DataError`` if they are not a
    valid map); they are then written into a hidden temporary folder beside
    ``folder``, which is renamed to ``folder`` at the end, so that a failure
    at any point leaves no half-made map.
    """
    folder = Path(folder)
    check_new_folder(folder)
    by_resource = {r.name: files.get(r.path) for r in load_schema().resources}
    read_dataset({**by_resource, DESCRIPTOR: files.get(DESCRIPTOR)}, folder)  # DataError: nothing written
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    except OSError as err:
        msg = f"could not create {folder}: {err.strerror or err}"
        raise WriteError(msg) from err
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes the folder private
        for name, data in files.items():
            write_atomic(tmp / name, data)
        try:
            os.rename(tmp, folder)  # replaces an empty folder; fails on a non-empty one
        except OSError as err:
            msg = f"could not create {folder}: {err.strerror or err}; nothing was written"
            raise WriteError(msg) from err
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return folder


def check_new_folder(folder: Path) -> None:
    """Refuse a path that is not a new or empty folder inside an existing one (EditError)."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        msg = f"{folder} exists and is not a folder: give the path of a new folder"
        raise EditError(msg)
    if folder.is_dir() and any(folder.iterdir()):
        msg = f"{folder} is not empty: give a new or empty folder (nothing is ever overwritten)"
        raise EditError(msg)
    if not folder.parent.is_dir():
        msg = f"{folder.parent} does not exist: create it first, or give a folder inside an existing one"
        raise EditError(msg)
