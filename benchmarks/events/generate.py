"""Write GDELT 2.0 event export files of generated rows, for the events benchmark.

Each row has the codebook's 61 tab-separated columns with plausible values
(actor and country codes, CAMEO codes, Goldstein scores, tone, geography, a
source URL), drawn deterministically from the row number, so a run is
reproducible. DuckDB writes the files (fast, and gzip on the fly), split in
shards as GDELT publishes its 15-minute files::

    python benchmarks/events/generate.py 10000000 /tmp/gdelt-10m --shards 4
    python benchmarks/events/generate.py 50000000 /tmp/gdelt-50m --shards 20 --compress gzip
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

#: Country codes events name: ours (PRK, RUS...) and others the aggregation leaves out.
COUNTRIES = ["PRK", "RUS", "USA", "KOR", "JPN", "UKR", "CHN", "FRA", "GBR", "DEU", "IRN", "SYR", "IND", "TUR", "POL", "ISR"]
#: CAMEO event codes and a Goldstein score for each (one decimal, as GDELT writes it).
CODES = {
    "010": 0.0,
    "020": 3.0,
    "036": 4.0,
    "040": 1.0,
    "042": 1.9,
    "043": 2.8,
    "046": 7.0,
    "051": 3.4,
    "057": 8.0,
    "061": 6.4,
    "062": 7.4,
    "071": 7.4,
    "072": 8.3,
    "074": 8.5,
    "111": -2.0,
    "112": -2.0,
    "120": -4.0,
    "130": -4.4,
    "138": -7.0,
    "150": -7.2,
    "163": -8.0,
    "172": -5.0,
    "190": -10.0,
    "193": -10.0,
    "195": -10.0,
}
ROLES = ["", "GOV", "MIL", "BUS", "MED", "COP"]


def _pick(values: list[str], h: str) -> str:
    """A SQL expression choosing one of ``values`` by the hash expression ``h``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"([{quoted}])[1 + ({h} % {len(values)})::INTEGER]"


def select_sql(start: int, stop: int) -> str:
    """The SELECT that makes rows ``start`` to ``stop - 1``, in the codebook's column order."""

    def h(k: int) -> str:
        return f"hash(i * 31 + {k})"

    codes = list(CODES)
    scores = [str(CODES[c]) for c in codes]
    c1, c2 = _pick(COUNTRIES, h(1)), _pick(COUNTRIES, h(2))
    role1, role2 = _pick(ROLES, h(3)), _pick(ROLES, h(4))
    day = f"(DATE '2015-02-18' + ({h(5)} % 3800)::INTEGER)"
    code_index = f"({h(6)} % {len(codes)})::INTEGER"
    code = f"([{', '.join(repr(c) for c in codes)}])[1 + {code_index}]"
    score = f"([{', '.join(scores)}])[1 + {code_index}]"
    geo = "'Moskva, Moscow City, Russia'"
    return f"""
    SELECT
      i AS GLOBALEVENTID, strftime(d, '%Y%m%d') AS SQLDATE, strftime(d, '%Y%m') AS MonthYear, year(d) AS Year,
      round(year(d) + dayofyear(d) / 365.0, 4) AS FractionDate,
      c1 || r1 AS Actor1Code, upper(c1) AS Actor1Name, c1 AS Actor1CountryCode, NULL AS Actor1KnownGroupCode, NULL AS Actor1EthnicCode,
      NULL AS Actor1Religion1Code, NULL AS Actor1Religion2Code, nullif(r1, '') AS Actor1Type1Code, NULL AS Actor1Type2Code, NULL AS Actor1Type3Code,
      c2 || r2 AS Actor2Code, upper(c2) AS Actor2Name, c2 AS Actor2CountryCode, NULL AS Actor2KnownGroupCode, NULL AS Actor2EthnicCode,
      NULL AS Actor2Religion1Code, NULL AS Actor2Religion2Code, nullif(r2, '') AS Actor2Type1Code, NULL AS Actor2Type2Code, NULL AS Actor2Type3Code,
      ({h(7)} % 2)::INTEGER AS IsRootEvent, code AS EventCode, code AS EventBaseCode, left(code, 2) AS EventRootCode,
      1 + ({h(8)} % 4)::INTEGER AS QuadClass, score AS GoldsteinScale,
      1 + ({h(9)} % 20)::INTEGER AS NumMentions, 1 + ({h(10)} % 5)::INTEGER AS NumSources, 1 + ({h(11)} % 20)::INTEGER AS NumArticles,
      round((({h(12)} % 2000)::INTEGER - 1000) / 100.0, 6) AS AvgTone,
      4 AS Actor1Geo_Type, {geo} AS Actor1Geo_FullName, 'RS' AS Actor1Geo_CountryCode, 'RS48' AS Actor1Geo_ADM1Code, '' AS Actor1Geo_ADM2Code,
      55.7522 AS Actor1Geo_Lat, 37.6156 AS Actor1Geo_Long, '-2960561' AS Actor1Geo_FeatureID,
      4 AS Actor2Geo_Type, {geo} AS Actor2Geo_FullName, 'RS' AS Actor2Geo_CountryCode, 'RS48' AS Actor2Geo_ADM1Code, '' AS Actor2Geo_ADM2Code,
      55.7522 AS Actor2Geo_Lat, 37.6156 AS Actor2Geo_Long, '-2960561' AS Actor2Geo_FeatureID,
      4 AS ActionGeo_Type, {geo} AS ActionGeo_FullName, 'RS' AS ActionGeo_CountryCode, 'RS48' AS ActionGeo_ADM1Code, '' AS ActionGeo_ADM2Code,
      55.7522 AS ActionGeo_Lat, 37.6156 AS ActionGeo_Long, '-2960561' AS ActionGeo_FeatureID,
      strftime(d, '%Y%m%d') || '234500' AS DATEADDED,
      'https://news.example.org/world/' || strftime(d, '%Y/%m/%d') || '/story-' || i || '.html' AS SOURCEURL
    FROM (
      SELECT i, {day} AS d, {c1} AS c1, {c2} AS c2, {role1} AS r1, {role2} AS r2, {code} AS code, {score} AS score
      FROM range({start}, {stop}) t(i)
    )
    """


def generate(rows: int, folder: Path, *, shards: int = 1, compress: str = "none", jobs: int = 1) -> list[Path]:
    """Write ``rows`` rows in ``shards`` files under ``folder``; returns the paths.

    ``jobs`` shards are written at once (DuckDB compresses a file on one
    thread, so gzipped shards written side by side use every core).
    """
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    suffix = {"none": "", "gzip": ".gz"}[compress]
    options = f"FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '', COMPRESSION {'gzip' if compress == 'gzip' else 'none'}"
    per = -(-rows // shards)
    todo = [(k, k * per, min(rows, (k + 1) * per)) for k in range(shards) if k * per < rows]

    def write(shard: tuple[int, int, int]) -> Path:
        k, start, stop = shard
        path = folder / f"{20240101000000 + k * 1500}.export.CSV{suffix}"
        con.cursor().execute(f"COPY ({select_sql(start, stop)}) TO '{path}' ({options})")
        return path

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(write, todo))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rows", type=int, help="how many rows in all")
    p.add_argument("folder", type=Path, help="where to write the files")
    p.add_argument("--shards", type=int, default=1, help="how many files (default: 1)")
    p.add_argument("--compress", choices=("none", "gzip"), default="none", help="gzip the files (DuckDB and Spark read them as they are)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="shards written at once (default: one per core)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    paths = generate(args.rows, args.folder, shards=args.shards, compress=args.compress, jobs=args.jobs)
    size = sum(p.stat().st_size for p in paths)
    print(f"{args.rows:,} rows in {len(paths)} files, {size / 1e9:.2f} GB, {time.perf_counter() - t0:.1f} s: {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
