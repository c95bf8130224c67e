"""Key events and event windows: any per-document measure before vs after a dated event.

Events are data (``data/codebooks/events.yaml``), validated on load by the generic
codebook loader. A window around an event is two half-open intervals of whole days,
so each side is exactly as long as asked:

- ``before``: ``event - before <= date < event`` (days -before .. -1);
- ``after``:  ``event <= date < event + after`` (days 0 .. after-1).

**The event day itself counts as "after"**: texts dated on the day of an announcement
usually report it. Dates are compared as calendar days (time of day is dropped).
Documents outside both sides are left out; undated documents (NaT) are left out and
counted (logged, and in ``attrs["n_undated"]`` of the result); so are documents whose
``<date_col>_precision`` is "month" or "year" (``attrs["n_imprecise"]``): a month-only
date is stored on the 1st and must not be read as that day.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import warnings
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.checks import require_columns
from analysis.codebooks import CodebookError, load_yaml_entries, read_term_sets
from analysis.compare import compare_groups
from analysis.small_groups import warn_small_groups

logger = logging.getLogger(__name__)

EVENTS_PATH = config.CODEBOOK_DIR / "events.yaml"
EVENT_REQUIRED = {
    "id": str,
    "date": (dt.date, str),
    "label": str,
    "description": str,
    "sources": list[str],
    "countries": list[str],
}
# ko / ja: the names Korean and Japanese media give the event (codebook term syntax),
# for finding texts about it in those languages
EVENT_OPTIONAL = {
    "end_date": (dt.date, str),
    "notes": str,
    "ko": (list[str], dict),
    "ja": (list[str], dict),
}
EVENT_COLUMNS = [
    "event_id",
    "date",
    "end_date",
    "label",
    "description",
    "sources",
    "countries",
    "notes",
    "names_ko",
    "names_ja",
]
WINDOWS = ("before", "after")


def _parse_date(value, where: str, field: str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value) if isinstance(value, dt.date) else None
        if stamp is None:
            stamp = pd.to_datetime(str(value).strip(), format="%Y-%m-%d")
    except (ValueError, TypeError):
        raise CodebookError(
            f"{where}, field '{field}': unparseable date {value!r} (want YYYY-MM-DD)"
        ) from None
    return stamp


def load_events(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate the event list.

    Args:
        path: YAML file; None = ``data/codebooks/events.yaml``.

    Returns:
        One row per event, sorted by date. Columns: ``event_id``, ``date`` and
        ``end_date`` (datetime64, ``end_date`` NaT when absent), ``label``,
        ``description``, ``sources`` (URLs joined by ``"; "``), ``countries``
        (codes joined by ``","``), ``notes``, ``names_ko``, ``names_ja`` (the event's
        names in Korean and Japanese media, joined by ``"; "``; NA when not given).

    Raises:
        CodebookError: one line naming file, entry and field (bad date, duplicate
            id, unknown or missing key, wrong type).
    """
    path = Path(path) if path is not None else EVENTS_PATH
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    return _load_events_cached(path, stamp).copy()


@functools.lru_cache(maxsize=8)
def _load_events_cached(path: Path, stamp: int | None) -> pd.DataFrame:
    """Parse once per file version (``stamp`` = modification time); callers get copies."""
    # load_yaml_entries itself reports a date YAML cannot build (2019-13-40) with line,
    # entry and field; _parse_date checks quoted dates ("2019-08-22") the same way
    entries = load_yaml_entries(
        path, required=EVENT_REQUIRED, optional=EVENT_OPTIONAL, list_key="events"
    )
    rows = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path.name}: entry {i} (id {entry['id']!r})"
        date = _parse_date(entry["date"], where, "date")
        end = _parse_date(entry["end_date"], where, "end_date") if "end_date" in entry else pd.NaT
        if end is not pd.NaT and end < date:
            raise CodebookError(
                f"{where}, field 'end_date': {end.date()} is before date {date.date()}"
            )
        names = read_term_sets(entry, where, term_key="label_terms")
        rows.append(
            {
                "names_ko": "; ".join(names["ko"].terms) if "ko" in names else pd.NA,
                "names_ja": "; ".join(names["ja"].terms) if "ja" in names else pd.NA,
                "event_id": entry["id"],
                "date": date,
                "end_date": end,
                "label": entry["label"],
                "description": " ".join(entry["description"].split()),
                "sources": "; ".join(entry["sources"]),
                "countries": ",".join(entry["countries"]),
                "notes": entry.get("notes", pd.NA),
            }
        )
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    table = table.astype({c: "string" for c in EVENT_COLUMNS if c not in ("date", "end_date")})
    table["date"] = pd.to_datetime(table["date"]).astype("datetime64[ns]")
    table["end_date"] = pd.to_datetime(table["end_date"]).astype("datetime64[ns]")
    return table.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def resolve_event(event, *, events: pd.DataFrame | None = None) -> tuple[str, pd.Timestamp, str]:
    """Turn an event id, a ``YYYY-MM-DD`` date or a Timestamp into ``(event_id, date, label)``.

    A date that is not an event's date gets the id and label of the date itself.

    Raises:
        ValueError: the text is neither a known event id nor a date.
    """
    table = load_events() if events is None else events
    if isinstance(event, str) and event in set(table["event_id"]):
        row = table.loc[table["event_id"] == event].iloc[0]
        return (str(row["event_id"]), pd.Timestamp(row["date"]), str(row["label"]))
    try:
        date = pd.Timestamp(event).normalize()
    except (ValueError, TypeError):
        known = ", ".join(table["event_id"])
        raise ValueError(
            f"unknown event {event!r}: give a date (YYYY-MM-DD) or one of: {known}"
        ) from None
    same_day = table.loc[table["date"] == date]
    if len(same_day):
        return (str(same_day["event_id"].iloc[0]), date, str(same_day["label"].iloc[0]))
    return (date.strftime("%Y-%m-%d"), date, date.strftime("%Y-%m-%d"))


def _days(span, name: str) -> int:
    delta = pd.Timedelta(days=span) if isinstance(span, int) else pd.Timedelta(span)
    if delta <= pd.Timedelta(0) or delta % pd.Timedelta(days=1) != pd.Timedelta(0):
        raise ValueError(
            f"{name} must be a positive whole number of days (e.g. '90D' or 90); got {span!r}"
        )
    return delta.days


def _imprecise(docs: pd.DataFrame, date_col: str) -> pd.Series:
    """True where ``<date_col>_precision`` says the date is known to the month or year only."""
    column = f"{date_col}_precision"
    if column not in docs.columns:
        return pd.Series(False, index=docs.index)
    return docs[column].isin(["month", "year"]).fillna(False).astype(bool)


def event_window(
    docs: pd.DataFrame,
    event,
    *,
    before: str | int | pd.Timedelta = "90D",
    after: str | int | pd.Timedelta = "90D",
    date_col: str = "published",
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Keep the documents in the window around ``event`` and label their side.

    Args:
        docs: Any per-document table with a date column.
        event: Event id (``"2023-03-06-compensation-plan"``), date string or Timestamp.
        before: Length of the before side ("90D", 90 or a Timedelta; whole days).
        after: Length of the after side; the event day is the first "after" day.
        date_col: Date column of ``docs``.
        events: Event table (default: ``load_events()``).

    Returns:
        The rows of ``docs`` inside the window, in input order, with two added
        columns: ``window`` ("before"/"after", categorical in that order) and
        ``days_from_event`` (int, negative before). ``attrs`` holds ``event_id``,
        ``event_date``, ``n_undated`` (NaT dates left out), ``n_imprecise`` (month- or
        year-only dates left out) and ``n_outside``.
    """
    require_columns(docs, [date_col], what="event_window")
    event_id, date, _ = resolve_event(event, events=events)
    n_before, n_after = _days(before, "before"), _days(after, "after")
    dates = pd.to_datetime(docs[date_col]).dt.normalize()
    imprecise = _imprecise(docs, date_col)
    dates = dates.mask(imprecise)
    days = (dates - date).dt.days
    undated = dates.isna() & ~imprecise
    side = pd.Series(pd.NA, index=docs.index, dtype="object")
    side[(days >= -n_before) & (days < 0)] = "before"
    side[(days >= 0) & (days < n_after)] = "after"
    inside = side.notna().to_numpy()
    result = docs.loc[inside].assign(
        window=pd.Categorical(side[inside], categories=list(WINDOWS)),
        days_from_event=days[inside].astype("int64"),
    )
    n_undated, n_imprecise = int(undated.sum()), int(imprecise.sum())
    n_outside = int((~inside).sum()) - n_undated - n_imprecise
    if n_undated or n_imprecise:
        logger.info(
            "event_window(%s): %d undated and %d month- or year-only document(s) left out",
            event_id,
            n_undated,
            n_imprecise,
        )
    result.attrs = {
        "event_id": event_id,
        "event_date": date,
        "n_undated": n_undated,
        "n_imprecise": n_imprecise,
        "n_outside": n_outside,
    }
    return result


def compare_event_window(
    measures: pd.DataFrame,
    event,
    *,
    value: str,
    by: str | None = None,
    before: str | int | pd.Timedelta = "90D",
    after: str | int | pd.Timedelta = "90D",
    **options,
) -> pd.DataFrame:
    """Compare a per-document measure before vs after an event, per group.

    Args:
        measures: Per-document table with ``value``, ``published`` and ``by``.
        event: Event id, date string or Timestamp.
        value: Numeric column (tone, 0/1 frame presence, ...).
        by: Grouping column (e.g. ``outlet_country``); None = all documents together.
        before: Length of the before side (see ``event_window``).
        after: Length of the after side.
        **options: Passed on: ``date_col``, ``events`` to ``event_window``;
            ``n_resamples``, ``seed``, ``min_n``, ``share`` to ``compare_groups``
            (a 0/1 integer column gets Wilson / Newcombe intervals).

    Returns:
        Per group three rows (``window`` before, after, and after-vs-before with
        ``other`` = "before"): columns ``event_id``, ``group`` (value of ``by`` or
        "all"), ``window``, then the ``compare_groups`` columns from ``other`` on.
        A side without documents has ``n`` 0 and a warning, never a missing row.
    """
    window_keys = {k: options.pop(k) for k in ("date_col", "events") if k in options}
    if by is not None:
        require_columns(measures, [by], what="compare_event_window")
    inside = event_window(measures, event, before=before, after=after, **window_keys)
    keys = (
        inside[by].astype("string").fillna("(none)") if by else pd.Series("all", index=inside.index)
    )
    tables = []
    for name in sorted(set(keys)) or ["all"]:
        part = inside.loc[keys == name].assign(window=lambda d: d["window"].astype("string"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # reported once below
            table = compare_groups(
                part, value=value, by="window", reference="before", groups=list(WINDOWS), **options
            )
        tables.append(table.rename(columns={"group": "window"}).assign(group=name))
    result = pd.concat(tables, ignore_index=True)
    result.insert(0, "event_id", inside.attrs["event_id"])
    result = result[
        ["event_id", "group", *[c for c in result.columns if c not in ("event_id", "group")]]
    ]
    rows = result.loc[result["other"].isna(), ["group", "window", "n_obs"]]
    sizes = {f"{g}/{w}": n for g, w, n in rows.itertuples(index=False)}
    min_n = options.get("min_n", 5)
    warn_small_groups(f"compare_event_window({value!r})", sizes, min_n=min_n)
    result.attrs = dict(inside.attrs)
    return result.astype({"group": "string", "event_id": "string"})


def _run(args) -> int:
    from analysis.io import write_csv_or_stdout

    table = load_events(args.path)
    write_csv_or_stdout(table, args.out)
    return 0


def register(subparsers) -> None:
    """Add ``events [--path FILE] [--out FILE.csv]``: validate and list the key events."""
    parser = subparsers.add_parser(
        "events",
        help="validate and list the key events (data/codebooks/events.yaml)",
        description="Write event_id, date, end_date, label, description, sources, countries.",
    )
    parser.add_argument("--path", help="events YAML file (default: data/codebooks/events.yaml)")
    parser.add_argument("--out", help="CSV file to write (default: standard output)")
    parser.set_defaults(func=_run)
