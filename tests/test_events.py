"""Event data: GDELT, ICEWS and PLOVER files aggregated per pair and period, on DuckDB and Spark.

The files are written here with known contents, so every aggregate is
checked against numbers computed by hand or by plain Python. Goldstein
scores and tones are multiples of 0.25, so sums are exact whatever order a
backend adds them in, and DuckDB and Spark must agree to the last bit.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import XSS

import graph
from graph import EventDataError, aggregate_events, event_candidates, events, pair_charts
from graph._event_formats import column_map
from graph.cli import main
from graph.io import EXAMPLE_DATA

GDELT_COLUMNS = column_map("gdelt").columns

SVG = "{http://www.w3.org/2000/svg}"


def gdelt_line(
    day: str, a1: str, a2: str, code: str, goldstein: float, mentions: int = 1, tone: float = 0.0, url: str = "", **extra
) -> str:
    """One GDELT 2.0 export line: country codes a1 and a2, the other columns plausible or empty."""
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row.update(
        GLOBALEVENTID=str(abs(hash((day, a1, a2, code, url))) % 10**9),
        SQLDATE=day,
        MonthYear=day[:6],
        Year=day[:4],
        Actor1Code=a1 + "GOV" if a1 else "",
        Actor1CountryCode=a1,
        Actor2Code=a2 + "GOV" if a2 else "",
        Actor2CountryCode=a2,
        EventCode=code,
        EventBaseCode=code[:3],
        EventRootCode=code[:2],
        GoldsteinScale=str(goldstein),
        NumMentions=str(mentions),
        NumSources="1",
        NumArticles=str(mentions),
        AvgTone=str(tone),
        DATEADDED=day + "000000",
        SOURCEURL=url,
    )
    row.update(extra)
    return "\t".join(row[c] for c in GDELT_COLUMNS)


#: Hand-made events: (day, source, target, CAMEO code, Goldstein, mentions, tone, url).
KNOWN = [
    ("20240603", "PRK", "RUS", "057", 8.0, 10, 2.5, "https://a.example/1"),
    ("20240619", "PRK", "RUS", "057", 8.0, 4, 1.5, "https://a.example/2"),
    ("20240619", "PRK", "RUS", "0721", 8.5, 6, 3.0, "https://a.example/3"),
    ("20240702", "PRK", "RUS", "072", 8.5, 2, 1.0, "https://a.example/4"),
    ("20240610", "RUS", "UKR", "190", -10.0, 20, -7.5, "https://a.example/5"),
    ("20240611", "RUS", "UKR", "195", -10.0, 30, -8.0, "https://a.example/6"),
    ("20240612", "USA", "RUS", "111", -2.0, 8, -4.0, "https://a.example/7"),
    ("20240612", "CHN", "RUS", "040", 1.0, 3, 0.5, "https://a.example/8"),  # CHN is not ours: left out
    ("20240613", "RUS", "RUS", "010", 0.0, 2, 0.0, "https://a.example/9"),  # an actor with itself: left out
    ("20240614", "PRK", "", "010", 0.0, 2, 0.0, "https://a.example/10"),  # no target: left out
]


def write_gdelt(path: Path, rows) -> Path:
    path.write_text("".join(gdelt_line(*r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def known(tmp_path: Path) -> Path:
    return write_gdelt(tmp_path / "20240701000000.export.CSV", KNOWN)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, list[tuple]]:
    """600 random events between the example's actors and others, in two files."""
    rng = random.Random(12)
    codes = ["010", "040", "043", "057", "0571", "072", "0721", "111", "120", "190", "195"]
    countries = ["PRK", "RUS", "UKR", "USA", "CHN", ""]
    rows = []
    for i in range(600):
        day = dt.date(2023, 11, 1) + dt.timedelta(days=rng.randrange(200))
        rows.append(
            (
                day.strftime("%Y%m%d"),
                rng.choice(countries),
                rng.choice(countries),
                rng.choice(codes),
                rng.randrange(-40, 41) / 4,
                rng.randrange(1, 50),
                rng.randrange(-80, 81) / 4,
                f"https://news.example/{i:04d}",
            )
        )
    folder = tmp_path_factory.mktemp("gdelt")
    write_gdelt(folder / "a.export.CSV", rows[:300])
    with gzip.open(folder / "b.export.CSV.gz", "wt", encoding="utf-8") as f:
        f.write("".join(gdelt_line(*r) + "\n" for r in rows[300:]))
    return folder, rows


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def expected(rows, period: str, by: str) -> pd.DataFrame:
    """The aggregate computed in plain Python, from the example's actors and relation types."""
    ours = {"PRK", "RUS", "UKR", "USA"}
    types = {"057": ["defense_pact"], "072": ["troop_deployment"], "190": ["armed_conflict"], "111": ["condemns"]}
    groups = defaultdict(list)
    for day, a, b, code, gold, mentions, tone, url in rows:
        if a not in ours or b not in ours or a == b:
            continue
        d = dt.datetime.strptime(day, "%Y%m%d").date()
        for key in [code[:2]] if by == "root" else types.get(code[:3], []):
            groups[(a, b, period_start(d, period), key)].append((d, gold, mentions, tone, url))
    out = []
    for (a, b, p, key), evs in groups.items():
        top = max(evs, key=lambda e: (e[2], e[0], e[4]))
        out.append(
            {
                "source": a,
                "target": b,
                "period": pd.Timestamp(p),
                by: key,
                "events": len(evs),
                "mentions": sum(e[2] for e in evs),
                "goldstein_sum": sum(e[1] for e in evs),
                "goldstein_mean": sum(e[1] for e in evs) / len(evs),
                "tone_mean": sum(e[3] for e in evs) / len(evs),
                "first_date": pd.Timestamp(min(e[0] for e in evs)),
                "last_date": pd.Timestamp(max(e[0] for e in evs)),
                "url_first": min((e[0], e[4]) for e in evs)[1],
                "url_last": max((e[0], e[4]) for e in evs)[1],
                "url_top": top[4],
            }
        )
    return pd.DataFrame(out).sort_values(["source", "target", "period", by]).reset_index(drop=True)


def check(frame: pd.DataFrame, want: pd.DataFrame, by: str) -> None:
    columns = list(want.columns)
    got = frame[columns].copy()
    got["mentions"] = got["mentions"].astype("int64")
    pd.testing.assert_frame_equal(got, want[columns], check_dtype=False)


# -- aggregates ---------------------------------------------------------------------


def test_known_counts(known):
    frame = aggregate_events([known], EXAMPLE_DATA).set_index(["source", "target", "root"])
    assert frame.index.tolist() == [
        ("PRK", "RUS", "05"),
        ("PRK", "RUS", "07"),
        ("PRK", "RUS", "07"),
        ("RUS", "UKR", "19"),
        ("USA", "RUS", "11"),
    ]
    pact = frame.loc[("PRK", "RUS", "05")]
    assert (pact.events, pact.mentions, pact.sources, pact.goldstein_sum, pact.goldstein_mean, pact.tone_mean) == (2, 14, 2, 16.0, 8.0, 2.0)
    assert (pact.first_date, pact.last_date) == (pd.Timestamp("2024-06-03"), pd.Timestamp("2024-06-19"))
    assert (pact.url_first, pact.url_last, pact.url_top) == ("https://a.example/1", "https://a.example/2", "https://a.example/1")
    war = frame.loc[("RUS", "UKR", "19")]
    assert (war.events, war.mentions, war.goldstein_sum, war.tone_mean, war.url_top) == (2, 50, -20.0, -7.75, "https://a.example/6")
    aid = frame.loc[("PRK", "RUS", "07")]
    assert aid.period.dt.strftime("%Y-%m").tolist() == ["2024-06", "2024-07"]
    assert aid.events.tolist() == [1, 1]


def test_by_relation_type_matches_code_prefixes(known):
    frame = aggregate_events([known], EXAMPLE_DATA, by="type", period="quarter")
    rows = frame[["source", "target", "period", "type", "events"]].astype({"period": str}).values.tolist()
    assert rows == [
        ["PRK", "RUS", "2024-04-01", "defense_pact", 2],
        ["PRK", "RUS", "2024-04-01", "troop_deployment", 1],  # 0721 counts as 072
        ["PRK", "RUS", "2024-07-01", "troop_deployment", 1],
        ["RUS", "UKR", "2024-04-01", "armed_conflict", 1],  # 195 is no type of the example
        ["USA", "RUS", "2024-04-01", "condemns", 1],
    ]


@pytest.mark.parametrize("period", ["day", "week", "month", "quarter"])
@pytest.mark.parametrize("by", ["root", "type"])
def test_generated_files_exact(generated, period, by):
    folder, rows = generated
    frame = aggregate_events(sorted(folder.iterdir()), EXAMPLE_DATA, period=period, by=by)
    check(frame, expected(rows, period, by), by)


def test_filters_by_dates_and_actors(generated):
    folder, rows = generated
    frame = aggregate_events(sorted(folder.iterdir()), EXAMPLE_DATA, date_from="2024-01", date_to="2024-02-15", actors=["Kyiv"])
    kept = [r for r in rows if "20240101" <= r[0] <= "20240215" and "UKR" in (r[1], r[2])]
    check(frame, expected(kept, "month", "root"), "root")
    assert set(frame.source) | set(frame.target) >= {"UKR"}


def test_names_aliases_and_cameo_codes_map_actors(tmp_path):
    # Actor1CountryCode empty: the known-group or actor code names the actor; names and aliases count too.
    lines = [
        gdelt_line("20240601", "", "RUS", "057", 8.0, Actor1Code="DPRK", Actor1KnownGroupCode=""),
        gdelt_line("20240602", "", "RUS", "057", 8.0, Actor1Code="PYONGYANG"),
        gdelt_line("20240603", "", "", "111", -2.0, Actor1Code="USAGOV", Actor2Code="IGOWSTNAT"),  # NATO: not in the example
    ]
    path = tmp_path / "x.export.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = aggregate_events([path], EXAMPLE_DATA)
    assert frame[["source", "target", "events"]].values.tolist() == [["PRK", "RUS", 2]]


def test_zip_and_gzip_read_like_plain(known, tmp_path):
    archive = tmp_path / "20240701000000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(known, known.name)
    gz = tmp_path / "g.export.CSV.gz"
    gz.write_bytes(gzip.compress(known.read_bytes()))
    plain = aggregate_events([known], EXAMPLE_DATA)
    pd.testing.assert_frame_equal(aggregate_events([archive], EXAMPLE_DATA), plain)
    pd.testing.assert_frame_equal(aggregate_events([gz], EXAMPLE_DATA), plain)


ICEWS = """Event ID,Event Date,Source Name,Source Sectors,Source Country,Event Text,CAMEO Code,Intensity,Target Name,Target Sectors,Target Country,Story ID
1,2024-06-19,Kim Jong Un,"Government,Executive",North Korea,Sign formal agreement,057,8.0,Vladimir Putin,Government,Russia,11
2,2024-06-20,Kim Jong Un,Government,DPRK,Sign formal agreement,057,7.0,Kremlin,Government,,12
3,2024-06-21,Xi Jinping,Government,China,Consult,040,1.0,Vladimir Putin,Government,Russia,13
"""

PLOVER = """Event ID,Event Date,Event Type,Event Mode,Event Intensity,Actor Name,Actor Country,Recipient Name,Recipient Country
a,2024-06-19,AGREE,,5.5,North Korea,PRK,Russia,RUS
b,2024-07-02,SUPPORT,,3.5,North Korea,PRK,Russia,RUS
c,2024-07-03,ASSAULT,,-10,Russia,RUS,Ukraine,UKR
"""


def test_icews_style_csv(tmp_path):
    path = tmp_path / "icews.csv"
    path.write_text(ICEWS, encoding="utf-8")
    frame = aggregate_events([path], EXAMPLE_DATA, columns="icews")
    assert frame[["source", "target", "root", "events", "goldstein_sum"]].values.tolist() == [["PRK", "RUS", "05", 2, 15.0]]
    assert frame[["mentions", "tone_mean", "url_top"]].isna().all().all()  # ICEWS has neither


def test_plover_style_csv_by_type(tmp_path):
    path = tmp_path / "polecat.csv"
    path.write_text(PLOVER, encoding="utf-8")
    frame = aggregate_events([path], EXAMPLE_DATA, columns="plover", by="type")
    assert frame[["source", "target", "type", "events"]].values.tolist() == [
        ["PRK", "RUS", "defense_pact", 1],
        ["RUS", "UKR", "armed_conflict", 1],
    ]
    by_root = aggregate_events([path], EXAMPLE_DATA, columns="plover")
    assert by_root["root"].tolist() == ["AGREE", "SUPPORT", "ASSAULT"]


def test_column_map_from_a_json_file(tmp_path, known):
    spec = json.loads((Path(graph.__file__).parent / "event_formats.json").read_text(encoding="utf-8"))["formats"]["gdelt"]
    spec["source"] = ["Actor2CountryCode"]  # swap the sides
    spec["target"] = ["Actor1CountryCode"]
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"formats": {"swapped": spec}}), encoding="utf-8")
    frame = aggregate_events([known], EXAMPLE_DATA, columns=mine)
    assert ("RUS", "PRK") in set(zip(frame.source, frame.target, strict=True))
    assert ("PRK", "RUS") not in set(zip(frame.source, frame.target, strict=True))


# -- Spark: one session for the module; a few queries, since each costs seconds ------------------


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    from graph.eventdata import connect

    session = (
        SparkSession.builder.master("local[2]")
        .appName("actorgraph-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # The JVM lives for a few queries: its optimising compiler (C2) would burn about half of
        # the JVM's CPU time on code that never runs long enough to repay it. Only the JIT changes;
        # Spark plans, generates and runs the same code.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield connect("spark", session=session)
    session.stop()


@pytest.mark.parametrize(("period", "by"), [("month", "root"), ("week", "type")])
def test_spark_gives_identical_aggregates(spark, generated, period, by):
    folder, rows = generated
    files = sorted(folder.iterdir())
    on_spark = aggregate_events(files, EXAMPLE_DATA, period=period, by=by, con=spark)
    pd.testing.assert_frame_equal(on_spark, aggregate_events(files, EXAMPLE_DATA, period=period, by=by))
    check(on_spark, expected(rows, period, by), by)


def test_cli_spark_backend(spark, known, capsys):
    # The command reuses the active session (the fixture's): --backend spark is the same expression.
    assert main(["events", str(known), "--data", str(EXAMPLE_DATA), "--backend", "spark", "--format", "csv"]) == 0
    on_spark = capsys.readouterr().out
    assert main(["events", str(known), "--data", str(EXAMPLE_DATA), "--format", "csv"]) == 0
    assert capsys.readouterr().out == on_spark


# -- hostile inputs: one clear message, exit 1 ----------------------------------------------


def _zip_without_member(path: Path) -> Path:
    with zipfile.ZipFile(path, "w"):
        pass
    return path


HOSTILE = {
    "comma-separated": (
        lambda p: p.write_text(gdelt_line("20240601", "PRK", "RUS", "057", 8.0).replace("\t", ",") + "\n"),
        "1 field separated by tab, expected 61",
    ),
    "missing columns": (lambda p: p.write_text("\t".join(["x"] * 57) + "\n"), "57 fields separated by tab, expected 61"),
    "empty": (lambda p: p.write_text(""), "the file is empty"),
    "blank lines only": (lambda p: p.write_text("\n\n\n"), "the file is empty"),
    "zip with no member": (_zip_without_member, "the zip archive holds no file"),
    "not a zip": (lambda p: p.write_bytes(b"PK\x03\x04 not really"), "not a readable zip archive"),
    "huge line": (lambda p: p.write_text("x" * (2 << 20) + "\n"), "longer than 1,048,576 bytes"),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 10), "not a gdelt file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_gdelt_files(case, tmp_path, capsys):
    make, message = HOSTILE[case]
    path = tmp_path / ("f.zip" if "zip" in case else "f.export.CSV")
    make(path)
    assert main(["events", str(path), "--data", str(EXAMPLE_DATA)]) == 1
    err = capsys.readouterr().err
    assert message in err and str(path) in err
    assert "Traceback" not in err


def test_bad_row_after_the_first_lines(known, tmp_path, capsys):
    bad = tmp_path / "late.export.CSV"
    bad.write_text(known.read_text(encoding="utf-8") + "1\t20240601\tonly three\n", encoding="utf-8")
    assert main(["events", str(bad), "--data", str(EXAMPLE_DATA)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not read the gdelt files") and str(bad) in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--columns", "gdeltt"], 'unknown column map "gdeltt"'),
        (["--columns", "icews"], "the header lacks 'Event Date'"),
        (["--from", "2024-07", "--to", "2024-06"], "--from 2024-07 is after --to 2024-06"),
        (["--from", "2024-13"], "is not a real date"),
        (["--actor", "Atlantis"], "Atlantis"),
    ],
)
def test_bad_requests(known, args, message, capsys):
    assert main(["events", str(known), "--data", str(EXAMPLE_DATA), *args]) == 1
    assert message in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["events", str(tmp_path / "nope.CSV"), "--data", str(EXAMPLE_DATA)]) == 1
    assert "nope.CSV: no such file" in capsys.readouterr().err


def test_bad_column_map_file(tmp_path, known, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"formats": {"x": {"delimiter": ",", "header": true, "date": "d"}}}', encoding="utf-8")
    assert main(["events", str(known), "--data", str(EXAMPLE_DATA), "--columns", str(broken)]) == 1
    assert 'column map "x" lacks source, target, code' in capsys.readouterr().err


def test_cells_that_are_no_numbers_are_left_out_not_guessed(tmp_path):
    # A day that is no number drops its event; a score, count or tone that is no number (or empty)
    # is left out of its sum and mean, and the event still counts.
    path = tmp_path / "cells.export.CSV"
    lines = [
        gdelt_line("20240603", "PRK", "RUS", "057", 8.0, 10, 2.5, "https://a.example/1"),
        gdelt_line("2024x603", "PRK", "RUS", "057", 8.0, 10, 2.5, "https://a.example/2"),
        gdelt_line(
            "20240604", "PRK", "RUS", "057", 8.0, 10, 2.5, "https://a.example/3", GoldsteinScale="high", NumMentions="many", AvgTone=""
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (row,) = aggregate_events([path], EXAMPLE_DATA).itertuples()
    assert (row.events, row.mentions, row.goldstein_sum, row.goldstein_mean, row.tone_mean) == (2, 10, 8.0, 8.0, 2.5)
    assert (row.last_date, row.url_last) == (pd.Timestamp("2024-06-04"), "https://a.example/3")


def test_impossible_day_is_reported_for_our_events_only(tmp_path, capsys):
    theirs = gdelt_line("20241341", "CHN", "FRA", "057", 8.0)  # actors we do not map: never parsed
    path = tmp_path / "days.export.CSV"
    path.write_text(gdelt_line("20240603", "PRK", "RUS", "057", 8.0) + "\n" + theirs + "\n", encoding="utf-8")
    assert aggregate_events([path], EXAMPLE_DATA)["events"].tolist() == [1]
    path.write_text(gdelt_line("20241341", "PRK", "RUS", "057", 8.0) + "\n", encoding="utf-8")
    assert main(["events", str(path), "--data", str(EXAMPLE_DATA)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not read the gdelt files") and str(path) in err and "2024-13-41" in err
    assert "Traceback" not in err


# -- results on disk ------------------------------------------------------------------


def test_out_writes_parquet_csv_and_metadata_read_back(known, tmp_path, capsys):
    out = tmp_path / "agg"
    assert main(["events", str(known), "--data", str(EXAMPLE_DATA), "--out", str(out)]) == 0
    assert capsys.readouterr().out.split() == [str(out / "events.parquet"), str(out / "events.csv"), str(out / "events.json")]
    meta = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert (meta["rows"], meta["period"], meta["by"], meta["columns"][:4]) == (5, "month", "root", ["source", "target", "period", "root"])
    direct = aggregate_events([known], EXAMPLE_DATA)
    pd.testing.assert_frame_equal(events(out), direct)
    pd.testing.assert_frame_equal(events(out / "events.csv"), direct, check_dtype=False)
    assert events(out, actor="RUS", other="PRK").events.tolist() == [2, 1, 1]


def test_events_refuses_what_is_no_aggregate(tmp_path):
    with pytest.raises(EventDataError, match="no aggregate of events here"):
        events(tmp_path)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EventDataError, match="not an aggregate of events: it lacks source, target, period, events"):
        events(other)


def test_json_output_has_iso_dates(known, capsys):
    assert main(["events", str(known), "--data", str(EXAMPLE_DATA), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert (first["period"], first["first_date"], first["events"]) == ("2024-06-01", "2024-06-03", 2)


# -- suggestions ----------------------------------------------------------------------


def test_candidates_are_busy_pairs_without_a_relation_in_effect(known, capsys):
    G = graph.load_graph(EXAMPLE_DATA)
    frame = aggregate_events([known], EXAMPLE_DATA)
    # PRK-RUS: the pact (potential from 2024-06-19) is in effect at the end of June; RUS-UKR: the war.
    assert event_candidates(G, frame, min_events=1)[["source", "target", "root"]].values.tolist() == [["USA", "RUS", "11"]]
    assert event_candidates(G, frame, min_events=2).empty
    by_type = aggregate_events([known], EXAMPLE_DATA, by="type")
    # troop_deployment starts 2024-10: in June and July PRK-RUS aid has no relation of its type.
    got = event_candidates(G, by_type, min_events=1)[["source", "target", "period", "type"]].astype({"period": str}).values.tolist()
    assert got == [
        ["PRK", "RUS", "2024-06-01", "troop_deployment"],
        ["PRK", "RUS", "2024-07-01", "troop_deployment"],
        ["USA", "RUS", "2024-06-01", "condemns"],
    ]
    assert main(["events", "--data", str(EXAMPLE_DATA), str(known), "--candidates", "1"]) == 0
    out = capsys.readouterr().out
    assert "USA     RUS" in out and "no relation in effect on 2024-06-30" in out


# -- pair charts ---------------------------------------------------------------------


def test_pair_charts_one_svg_per_pair_with_escaped_text(known):
    frame = aggregate_events([known], EXAMPLE_DATA)
    names = {"PRK": XSS["img"], "RUS": XSS["script"], "UKR": XSS["svg"]}
    charts = pair_charts(frame, names)
    assert sorted(charts) == [("PRK", "RUS"), ("RUS", "UKR"), ("RUS", "USA")]
    for svg in charts.values():
        root = ET.fromstring(svg)  # well-formed markup
        assert root.tag == SVG + "svg"  # a standalone SVG (the page shows it as an image)
        for payload in XSS.values():
            assert payload not in svg
        loads = svg.replace('xmlns="http://www.w3.org/2000/svg"', "", 1)  # the namespace is a name, not an address to load
        assert "http" not in loads and "href" not in loads and "url(" not in loads  # nothing to load
    prk_rus = ET.fromstring(charts[("PRK", "RUS")])
    bars = prk_rus.findall(SVG + "rect")
    assert [b.find(SVG + "title").text for b in bars] == ["2024-06: 3 events, mean Goldstein +8.2", "2024-07: 1 event, mean Goldstein +8.5"]
    assert XSS["img"] in prk_rus.find(SVG + "title").text  # the name is there, as text
    assert float(bars[0].get("height")) > float(bars[1].get("height"))


def test_pair_charts_fill_quiet_months_and_survive_missing_scores():
    frame = pd.DataFrame(
        {
            "source": ["PRK", "RUS"],
            "target": ["RUS", "PRK"],
            "period": pd.to_datetime(["2024-01-15", "2024-04-01"]),
            "events": [2, 1],
            "goldstein_sum": [float("nan"), 4.0],
        }
    )
    svg = ET.fromstring(pair_charts(frame)[("PRK", "RUS")])
    assert [r.find(SVG + "title").text for r in svg.findall(SVG + "rect")] == [
        "2024-01: 2 events",
        "2024-02: 0 events",
        "2024-03: 0 events",
        "2024-04: 1 event, mean Goldstein +4.0",
    ]
    assert pair_charts(frame.iloc[0:0]) == {}
