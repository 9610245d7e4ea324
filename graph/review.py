"""Review files: the candidates of :func:`graph.ingest.extract` written for an analyst, and the rows they accept
appended to the data.

:func:`write_review` writes the candidates with an empty ``accept`` column first. The analyst marks rows ``yes``
(or ``no``), writes the ``evidence`` in their own words and may fix any cell; :func:`accept` then appends the rows
marked accepted, creating the source and any new actor, all of it or nothing: every edit is made on a scratch copy,
the whole new dataset is validated, and only then are the data's files replaced, under the edit lock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pandas as pd

from .edit import Edit, add_actor, add_relation, add_source, data_lock
from .errors import ActorGraphError, DataError, EditError, Problem, WriteError
from .ingest import CANDIDATE_COLUMNS, MAX_BYTES
from .io import Dataset, read_dataset, read_files
from .schema import load_schema
from .write import check_output, write_atomic, write_atomic_all

__all__ = ["NO", "REVIEW_COLUMNS", "YES", "accept", "write_review"]

#: The columns of a review file: the analyst's verdict, the columns of relations.csv (as graph/schema.json defines
#: them), then what a candidate carries beyond its row.
REVIEW_COLUMNS = ["accept", *load_schema()["relations"].columns, *CANDIDATE_COLUMNS]

#: Verdicts of the ``accept`` column (case-insensitive).
YES = frozenset({"yes", "y", "x", "1", "true", "accept", "accepted"})
NO = frozenset({"", "no", "n", "0", "false", "reject", "rejected"})


def write_review(candidates: pd.DataFrame, path: str | Path, *, data: str | Path | None = None) -> Path:
    """Write ``candidates`` as a review file (CSV) with an empty ``accept`` column first.

    The analyst marks rows ``yes`` (or ``no``), writes the ``evidence`` in
    their own words, may fix any cell, and passes the file to :func:`accept`.

    Parameters
    ----------
    candidates : DataFrame
        Rows as :func:`graph.ingest.extract` returns them; a column it lacks
        is written empty.
    path : str or Path
        The review file, written atomically.
    data : str or Path, optional
        The data folder, which the review file may not be written into.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    WriteError
        If ``path`` is a folder, a link, inside ``data``, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> c = pd.DataFrame([{"source": "JPN", "target": "RUS", "type": "condemns", "sentence": "Japan condemned Russia."}])
    >>> path = write_review(c, pathlib.Path(tempfile.mkdtemp()) / "review.csv")
    >>> path.read_text(encoding="utf-8").splitlines()[0].split(",")[:5]
    ['accept', 'relation_id', 'source', 'target', 'type']
    """
    frame = candidates.reindex(columns=REVIEW_COLUMNS[1:], fill_value="").fillna("")
    frame.insert(0, "accept", "")
    out = io.StringIO()
    frame.astype(str).to_csv(out, index=False, lineterminator="\n")
    check_output(path, data=data, markers=None)  # never into the data folder ``data``, never through a link
    return write_atomic(path, out.getvalue())


def _read_review(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        msg = f'review file "{path}" not found: write one with `actorgraph ingest ARTICLE --out FILE`'
        raise EditError(msg)
    data = path.read_bytes()
    if b"\x00" in data[:MAX_BYTES]:
        msg = f"review file {path} is binary, not CSV: give the file written by `actorgraph ingest --out`"
        raise EditError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        msg = f"review file {path} is not UTF-8 (byte {err.start}): save it as UTF-8 CSV"
        raise EditError(msg) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    missing = [c for c in ("accept", "source", "target", "type", "status", "confidence", "citation", "evidence") if c not in (header or [])]
    if missing:
        msg = f"review file {path} lacks the column(s) {', '.join(missing)}: give the file written by `actorgraph ingest --out`"
        raise EditError(msg)
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rows.append((reader.line_num, {h: (cells[n].strip() if n < len(cells) else "") for n, h in enumerate(header)}))
    return rows


def _copied(evidence: str, sentence: str, n: int = 8) -> bool:
    """Whether ``evidence`` repeats ``n`` or more words in a row of ``sentence``."""
    ev, se = re.findall(r"\w+", evidence.lower()), re.findall(r"\w+", sentence.lower())
    grams = {tuple(se[k : k + n]) for k in range(len(se) - n + 1)}
    return bool(grams) and any(tuple(ev[k : k + n]) in grams for k in range(len(ev) - n + 1))


def accept(review: str | Path, data: str | Path, *, recorded: str | dt.date | None = None) -> list[Edit]:
    """Append the rows of ``review`` marked accepted to the data folder ``data``.

    Each accepted row needs ``evidence`` in the analyst's own words (not the
    article's sentence). The source it cites is added to ``sources.csv`` from
    the ``doc_*`` columns if the data lacks it, and so is each new actor
    (``source_new``/``target_new`` name its kind). Rejected rows leave no trace.
    All edits are made on a scratch copy first and the whole new dataset is
    validated; only then are the files of ``data`` replaced, as one
    transaction under the edit lock (:func:`graph.write.write_atomic_all`):
    if any file cannot be written, those already replaced get their old
    content back. Nothing is written otherwise.

    Parameters
    ----------
    review : str or Path
        The review file, as :func:`write_review` wrote it and the analyst
        marked it.
    data : str or Path
        The data folder the rows are appended to.
    recorded : str or date, optional
        The date the rows are recorded on; by default each row's own
        ``recorded`` cell, or today.

    Returns
    -------
    list of Edit
        What was appended, in order.

    Raises
    ------
    DataError
        With a problem per bad line of the review file, or the problems an
        accepted row would cause in the data.
    EditError
        If the review file cannot be read, or the data changed meanwhile.
    """
    review, data = Path(review), Path(data)
    if not data.is_dir():
        msg = f'data folder "{data}" not found: pass --data DIR'
        raise EditError(msg)
    rows = _read_review(review)
    problems, chosen = [], []
    for line, row in rows:
        verdict = row.get("accept", "").lower()
        if verdict not in YES | NO:
            problems.append(
                Problem(
                    review.name,
                    line,
                    "accept",
                    row.get("accept"),
                    "bad-verdict",
                    'write "yes" to accept the row, or "no" (or nothing) to reject it',
                )
            )
            continue
        if verdict in NO:
            continue
        if not row.get("evidence"):
            problems.append(
                Problem(
                    review.name,
                    line,
                    "evidence",
                    "",
                    "missing-evidence",
                    "an accepted row needs evidence: a sentence of your own that says what the source reports",
                )
            )
        elif _copied(row["evidence"], row.get("sentence", "")):
            problems.append(
                Problem(
                    review.name,
                    line,
                    "evidence",
                    row["evidence"],
                    "copied-evidence",
                    "the evidence repeats the article's sentence: paraphrase it in your own words",
                )
            )
        chosen.append((line, row))
    if problems:
        raise DataError(problems, str(review.parent))
    if not chosen:
        return []
    original = read_files(data)
    with tempfile.TemporaryDirectory(prefix="actorgraph-accept-") as tmp:
        scratch = Path(tmp) / "data"
        scratch.mkdir()
        dataset = read_dataset(original, data)  # the data must be valid to begin with
        for resource in dataset.schema.resources:
            if original[resource.name] is not None:
                (scratch / resource.path).write_bytes(original[resource.name])
        edits = _apply(scratch, dataset, review, chosen, recorded)
        after = read_files(scratch)
        read_dataset(after, data)  # the whole new dataset, every table against every other: DataError, nothing written
        # Actors and sources first: should the machine crash between two renames, the data stays valid.
        changed = {data / dataset.schema[n].path: n for n in ("actors", "sources", "relations") if after[n] != original[n]}
        with data_lock(data):
            if read_files(data) != original:
                msg = f"the data in {data} changed while accept ran (another program wrote it); nothing was written: run the command again"
                raise EditError(msg)
            try:
                write_atomic_all(
                    {path: after[n] for path, n in changed.items()}, expected={path: original[n] for path, n in changed.items()}
                )
            except WriteError as err:
                raise EditError(str(err)) from err
    return [Edit(data / e.file.name, e.row) for e in edits]


def _apply(scratch: Path, dataset: Dataset, review: Path, chosen: list, recorded) -> list[Edit]:
    """Make every edit of the accepted rows on the scratch copy; the first failure stops all."""
    actors = set(dataset.tables["actors"]["actor_id"])
    sources = set(dataset.tables["sources"]["source_id"])
    edits: list[Edit] = []
    for line, row in chosen:
        try:
            for citation in [c.strip() for c in row["citation"].split("|") if c.strip()]:
                if citation not in sources and row.get("doc_title"):
                    fields = {k: row.get(f"doc_{k}") or None for k in ("publisher", "date", "url")}
                    edits.append(add_source(scratch, citation, title=row["doc_title"], **fields))
                    sources.add(citation)
            for side in ("source", "target"):
                kind = row.get(f"{side}_new")
                if kind and row[side] not in actors:
                    edits.append(add_actor(scratch, row[side], name=row.get(f"{side}_name") or row[side], kind=kind))
                    actors.add(row[side])
            fields = {k: row.get(k) or None for k in ("start", "end", "intensity", "magnitude", "notes")}
            edits.append(
                add_relation(
                    scratch,
                    row["source"],
                    row["target"],
                    row["type"],
                    status=row["status"],
                    confidence=row["confidence"],
                    citation=row["citation"],
                    evidence=row["evidence"],
                    relation_id=row.get("relation_id") or None,
                    recorded=recorded or row.get("recorded") or None,
                    **fields,
                )
            )
        except DataError as err:
            problems = [Problem(f"{review.name}:{line} -> {p.file}", p.line, p.column, p.value, p.code, p.message) for p in err.problems]
            raise DataError(problems, None) from None
        except ActorGraphError as err:
            msg = f"{review.name}:{line}: {err}; nothing was written"
            raise EditError(msg) from None
    return edits
