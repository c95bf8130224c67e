"""Media Cloud story lists (CSV from the search tool or the API): one document per story.

Media Cloud exports story metadata, not article text: ``stories_id`` or ``id``,
``publish_date`` (UTC), ``title``, ``url``, ``language``, ``media_name``,
``media_url`` (and in older exports ``ap_syndicated``, ``themes``, ``media_id``).
When the CSV has a ``text`` (or ``story_text``) column it is the document text;
otherwise the headline is the only text the export holds: ``text`` is the title,
``text_complete`` False and ``text_source`` "title" (counted in a warning), so tone and
frames of such a corpus are headline measures. A story without text or title is
skipped and named. ``outlet`` is ``media_name``, or the outlet's name in
``data/outlets.yaml`` when ``media_name`` is a known domain (``koreaherald.com`` -> The
Korea Herald; the original stays in ``mediacloud_media_name``); the declared
``language`` is checked against detection as for any CSV.
"""

from __future__ import annotations

import csv
import logging
from io import StringIO
from pathlib import Path

from analysis.corpus.outlets import outlet_by_domain, outlet_by_name
from analysis.corpus.readers.common import Read, read_text
from analysis.corpus.readers.csv_json import csv_frame

__all__ = ["looks_like_mediacloud", "read_mediacloud"]

log = logging.getLogger("analysis.corpus")

_RENAMES = {"stories_id": "doc_id", "id": "doc_id", "publish_date": "published",
            "media_name": "outlet", "story_text": "text"}  # fmt: skip


def _known(name: object, url: object) -> tuple[str, str | None] | None:
    for value in (url, name):
        if isinstance(value, str) and (found := outlet_by_domain(value) or outlet_by_name(value)):
            return found
    return None


def looks_like_mediacloud(head: str) -> bool:
    """True when the CSV header has Media Cloud's story columns."""
    try:
        header = {c.strip() for c in next(csv.reader(StringIO(head.lstrip("\ufeff"))))}
    except (StopIteration, csv.Error):  # not a readable CSV header: the CSV reader will say why
        return False
    return {"publish_date", "media_name", "url"} <= header and bool({"stories_id", "id"} & header)


def read_mediacloud(path: Path) -> Read:
    """A Media Cloud story CSV; rows are counted from 1 without the header."""
    frame = csv_frame(path, read_text(path))
    if "stories_id" in frame.columns and "id" in frame.columns:
        frame = frame.rename(columns={"id": "mediacloud_id"})
    frame = frame.rename(columns={k: v for k, v in _RENAMES.items() if k in frame.columns})
    frame = frame.assign(kind=frame.get("kind", "news"))
    if "outlet" in frame.columns:  # media_name is often the domain: name a known outlet
        frame = frame.assign(mediacloud_media_name=frame["outlet"])
        known = [
            _known(o, u)
            for o, u in zip(frame["outlet"], frame.get("media_url", frame["outlet"]), strict=True)
        ]
        frame["outlet"] = [k[0] if k else o for k, o in zip(known, frame["outlet"], strict=True)]
        if "outlet_country" not in frame.columns:
            frame["outlet_country"] = [k[1] if k else None for k in known]
    where = [f"row {i}" for i in range(1, len(frame) + 1)]
    skipped = []
    if "text" not in frame.columns:
        frame = frame.assign(text=frame["title"], text_complete="false", text_source="title")
        log.warning(
            "%s: Media Cloud exports no article text: %d documents use the headline as text "
            "(text_complete False, text_source 'title')",
            path.name,
            int(frame["title"].notna().sum()),
        )
    empty = frame["text"].isna() | (frame["text"].fillna("").str.strip() == "")
    if empty.any():
        skipped = [
            (where[i], "no text and no title") for i in map(int, empty.to_numpy().nonzero()[0])
        ]
        keep = ~empty.to_numpy()
        frame = frame.loc[keep].reset_index(drop=True)
        where = [w for w, k in zip(where, keep, strict=True) if k]
    return Read(frame, where, "mediacloud", skipped=skipped)
