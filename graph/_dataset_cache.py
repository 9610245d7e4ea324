"""The validated-dataset cache on disk: tables found valid once are not checked again, nor the graph built again.

Each entry of tables is one Parquet file named by the SHA-256 of everything validity
depends on (:func:`digest`): the bytes of every data file, the schema, the
package's version and the text of the modules that check the data. Changing
one byte of a CSV, the schema or the checking code gives another name, so an
entry is never used for data it was not made from. The file holds the tables
as written (every cell a string, the physical line of each row), in one
long table: a ``resource`` column, a ``line`` column and one column per
column name of the schema.

Beside it, the graph that :func:`graph.build.build_graph` made of those tables
(``<key>.graph``, :func:`graph_digest`: the same key plus ``datapackage.json``,
the building code and the Python and networkx versions), so that a later
command neither validates nor builds: networkx's own dicts, written by
:mod:`marshal` after a header of the key and the SHA-256 of the rest.

Why Parquet and marshal, not pickle: reading a pickle runs code, so a cache file that
someone else could write would be a way in; a Parquet file is only data, read
by pyarrow (a dependency already), and marshal reads only dicts, lists,
strings and numbers here (a code object it could make is never called, and
anything but the graph's four dicts is refused). Python does not promise that
marshal withstands crafted bytes, which is one more reason for what follows:
an entry is used only if it is a
regular file owned by the user, in a folder owned by the user that nobody
else may write to, so only the user (who can run code as themselves anyway)
could have written it; anything that cannot be read back exactly as written
(truncated, corrupt, foreign, of another format) is ignored with a warning
and written afresh. Entries are written atomically (:func:`graph.write.write_atomic`),
so concurrent commands never see half a file; the last writer wins, with the
same content.

Where: ``$ACTORGRAPH_CACHE`` if set (empty or ``off``: no disk cache), else
``$XDG_CACHE_HOME/actorgraph/datasets``, else ``~/.cache/actorgraph/datasets``;
never inside the data folder, so ``git status`` stays clean. See
docs/data-model.md, *The validated-dataset cache*.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import marshal
import os
import stat
import sys
import warnings
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ._gc import gc_paused
from .descriptor import DESCRIPTOR
from .errors import WriteError
from .schema import Schema
from .write import write_atomic

__all__ = ["CACHE_ENV", "KEEP", "KEEP_GRAPHS", "cache_folder", "digest", "graph_digest", "read", "read_graph", "write", "write_graph"]

#: The environment variable naming the cache folder (empty or "off": no disk cache).
CACHE_ENV = "ACTORGRAPH_CACHE"
#: Entries of tables kept; the least recently written beyond this are deleted.
KEEP = 16
#: Entries of built graphs kept: ten times the tables' size (29 MB at 100,000 relations), and only the latest helps.
KEEP_GRAPHS = 4
#: Bumped when the layout of an entry changes.
FORMAT = "1"
#: The modules whose text decides what is valid.
_CHECKING_CODE = ("io.py", "schema.py", "dates.py", "_text.py", "descriptor.py", "_dataset_cache.py", "schema.json")
_KEY = b"actorgraph-key"
#: The modules whose text decides what a built graph holds, beyond what is valid.
_BUILDING_CODE = ("build.py", "temporal.py")
#: The first bytes of a graph entry; then its key, the SHA-256 of the rest, and the marshalled graph.
_GRAPH_MAGIC = b"actorgraph-graph-1\0"


def cache_folder() -> Path | None:
    """The folder of the cache, or None if the disk cache is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "actorgraph" / "datasets"


@cache
def _code_digest() -> bytes:
    h = hashlib.sha256(FORMAT.encode())
    try:
        h.update(metadata.version("actor-graph-explorer").encode())
    except metadata.PackageNotFoundError:
        h.update(b"not installed")
    h.update(_texts(_CHECKING_CODE))
    return h.digest()


def _texts(names: tuple[str, ...]) -> bytes:
    """The text of the package's modules ``names``, each after its name."""
    here, out = Path(__file__).parent, []
    for name in names:
        try:
            text = (here / name).read_bytes()
        except OSError:
            text = b"unreadable"  # an install without sources: the version alone then tells entries apart
        out.append(name.encode() + b"\0" + text)
    return b"\0".join(out)


def digest(files: Mapping[str, bytes | None], schema: Schema) -> str:
    """What validation depends on: the package, its checking code, the schema and the bytes of each file."""
    h = hashlib.sha256(_code_digest())
    h.update(repr(schema).encode())
    for resource in schema.resources:
        data = files.get(resource.name)
        h.update(b"-" if data is None else b"+%d:" % len(data))
        h.update(data or b"")
    return h.hexdigest()


def graph_digest(files: Mapping[str, bytes | None], schema: Schema) -> str:
    """What a built graph depends on: all that :func:`digest` covers, the map's ``datapackage.json`` (its title),
    the code that builds the graph, and the versions of Python (marshal's format) and networkx (the graph's layout)."""
    h = hashlib.sha256(digest(files, schema).encode())
    descriptor = files.get(DESCRIPTOR)
    h.update(b"-" if descriptor is None else b"+%d:" % len(descriptor))
    h.update(descriptor or b"")
    h.update(_texts(_BUILDING_CODE))
    h.update(f"{sys.version}\0{marshal.version}\0{nx.__version__}".encode())
    return h.hexdigest()


def read_graph(key: str, data: Path) -> nx.MultiDiGraph | None:
    """The graph of the data folder ``data`` built under ``key`` (:func:`graph_digest`), or None if there is no usable entry."""
    found = _read_entry(f"{key}.graph", data)
    if found is None:
        return None
    path, content = found
    head = _GRAPH_MAGIC + key.encode()
    body = memoryview(content)[len(head) + 32 :]
    if not content.startswith(head) or hashlib.sha256(body).digest() != content[len(head) : len(head) + 32]:
        _warn(f"{path} is damaged or foreign: ignored, the graph is built afresh and the entry rewritten")
        return None
    try:
        with gc_paused():  # a million fresh dicts and strings, none in a cycle
            parts = marshal.loads(body)
    except (ValueError, EOFError, TypeError) as err:
        _warn(f"{path} is damaged or foreign ({type(err).__name__}): ignored, the graph is built afresh and the entry rewritten")
        return None
    if not (isinstance(parts, tuple) and len(parts) == 4 and all(type(p) is dict for p in parts)):
        _warn(f"{path} is not a graph: ignored, the graph is built afresh and the entry rewritten")
        return None
    attrs, nodes, succ, pred = parts
    G = nx.MultiDiGraph()
    # networkx's own dicts, filled in place (as graph.build does): succ[u][v] and pred[v][u] are one object in the entry too.
    G.graph.update(attrs)
    G._node.update(nodes)
    G._succ.update(succ)
    G._pred.update(pred)
    return G


def write_graph(key: str, G: nx.MultiDiGraph, data: Path) -> None:
    """Keep the graph of the data folder ``data`` under ``key``; a graph that marshal cannot hold is not kept."""
    folder = _usable_folder(data, create=True)
    if folder is None:
        return
    try:
        # Version 4 writes an object met twice once: the dict of keys a pair shares between succ and pred stays one.
        body = marshal.dumps((G.graph, G._node, G._succ, G._pred), 4)
    except ValueError:
        return  # a value of a type marshal does not know (none comes from the CSVs): built every time
    _write_entry(folder, f"{key}.graph", b"".join((_GRAPH_MAGIC, key.encode(), hashlib.sha256(body).digest(), body)))


def _warn(message: str) -> None:
    warnings.warn(f"validated-dataset cache: {message}", UserWarning, stacklevel=3)


def _usable_folder(data: Path, *, create: bool) -> Path | None:
    """The cache folder if it is the user's own, nobody else may write to it and it is not in the data folder ``data``.

    Created (private) if asked.
    """
    folder = cache_folder()
    if folder is None:
        return None
    inside = Path(data).resolve()
    if folder.resolve() == inside or inside in folder.resolve().parents:
        _warn(f"{folder} is inside the data folder {data}: not used (set {CACHE_ENV} to a folder outside it)")
        return None
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as err:
            _warn(f"cannot create {folder} ({err.strerror or err}): the data is validated every time")
            return None
    try:
        st = folder.lstat()
    except FileNotFoundError:
        return None
    except OSError as err:
        _warn(f"cannot use {folder} ({err.strerror or err}): the data is validated every time")
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        _warn(f"{folder} is not a folder of yours that only you may write to: not used (set {CACHE_ENV} to another folder)")
        return None
    return folder


def read(key: str, schema: Schema, data: Path) -> dict[str, pd.DataFrame] | None:
    """The tables of the data folder ``data`` validated under ``key``, or None if there is no usable entry."""
    found = _read_entry(f"{key}.parquet", data)
    if found is None:
        return None
    path, content = found
    try:
        table = pq.read_table(pa.BufferReader(content), page_checksum_verification=True)
        del content
        tables = _tables(table, key, schema)
        del table
        pa.default_memory_pool().release_unused()  # Arrow's pool keeps freed memory otherwise, beside the graph about to be built
        return tables
    except (pa.ArrowException, OSError, ValueError, KeyError, TypeError) as err:
        _warn(f"{path} is damaged or foreign ({type(err).__name__}): ignored, the data is validated afresh and the entry rewritten")
        return None


def _read_entry(name: str, data: Path) -> tuple[Path, bytes] | None:
    """The path and bytes of the entry ``name``, if it is a regular file of the user's in a usable cache folder."""
    folder = _usable_folder(data, create=False)
    if folder is None:
        return None
    path = folder / name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as err:
        _warn(f"{path} cannot be read ({err.strerror or err}): ignored, the data is validated afresh")
        if path.is_symlink():
            with contextlib.suppress(OSError):
                path.unlink()  # a link in our own folder: removed (not what it leads to), so the entry can be written
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            _warn(f"{path} is not a file of yours: ignored, the data is validated afresh")
            return None
        return path, f.read()


def _tables(table: pa.Table, key: str, schema: Schema) -> dict[str, pd.DataFrame]:
    """The tables of an entry, checked to be exactly what :func:`write` writes for ``key``."""
    if (table.schema.metadata or {}).get(_KEY) != key.encode():
        msg = "made for other data"
        raise ValueError(msg)
    lines = table.column("line")
    out = {}
    for resource in schema.resources:
        mask = pc.equal(table.column("resource"), resource.name)
        part = table.select(resource.columns).filter(mask)  # the columns first: the others are empty here
        columns = {}
        for name in resource.columns:
            column = part.column(name)
            if column.null_count:
                msg = f"empty {name} in {resource.name}"
                raise ValueError(msg)
            columns[name] = column.to_numpy(zero_copy_only=False)
        index = pd.Index(lines.filter(mask).to_numpy().astype("int64"), name="line")
        out[resource.name] = pd.DataFrame(columns, index=index, columns=resource.columns, dtype=object)
    if sum(len(t) for t in out.values()) != table.num_rows:
        msg = "rows of unknown tables"
        raise ValueError(msg)
    return out


def write(key: str, tables: Mapping[str, pd.DataFrame], schema: Schema, data: Path) -> None:
    """Keep the tables of the data folder ``data`` under ``key``; a cache that cannot be written only costs time, so it warns and goes on."""
    folder = _usable_folder(data, create=True)
    if folder is None:
        return
    parts = []
    for resource in schema.resources:
        table = tables[resource.name]
        columns = {"resource": pa.array([resource.name] * len(table), pa.string()), "line": pa.array(table.index.tolist(), pa.int64())}
        columns |= {name: pa.array(table[name].tolist(), pa.string()) for name in resource.columns}
        parts.append(pa.table(columns))
    # One long table: the columns a resource lacks are null there (and cost next to nothing).
    arrow = pa.concat_tables(parts, promote_options="default").replace_schema_metadata({_KEY: key.encode()})
    del parts
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer, compression="zstd", write_page_checksum=True)
    del arrow
    pa.default_memory_pool().release_unused()
    _write_entry(folder, f"{key}.parquet", buffer.getvalue())


def _write_entry(folder: Path, name: str, content: bytes) -> None:
    """Write the entry ``name`` atomically, then prune the entries of its kind; warn, and go on, if it cannot be written."""
    try:
        write_atomic(folder / name, content)
    except WriteError as err:
        _warn(f"{err}: the next command validates the data again")
        return
    suffix = Path(name).suffix
    _prune(folder, suffix, KEEP_GRAPHS if suffix == ".graph" else KEEP)


def _prune(folder: Path, suffix: str, keep: int) -> None:
    """Delete the entries named ``*suffix`` beyond the ``keep`` most recently written."""
    entries = []
    for path in folder.glob(f"*{suffix}"):
        with contextlib.suppress(OSError):
            entries.append((path.lstat().st_mtime, path))
    for _, path in sorted(entries, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
