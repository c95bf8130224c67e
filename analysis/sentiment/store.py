"""A bounded on-disk memo of sentence tones, shared by processes: re-runs cost no embedding.

Embedding is what ``tone`` costs. Reports on the same corpus, the scale
workers and notebook kernels all score the same sentences again; this store
keeps ``(model key, sha256 of the masked sentence) -> tone`` in one SQLite file
under ``config.PROCESSED_DIR`` (``tone_memo.sqlite``), so each sentence is
embedded once per model. The value stored is the float computed, so a hit gives
exactly what a fresh computation gives (the encoder is deterministic; the key
includes the model's weights and encoder version). Bounded: past ``MAX_ROWS``
the oldest rows are dropped. ``KJ_TONE_MEMO=0`` turns it off (the bench does,
to measure the real cost); a store that cannot be opened or written (read-only
folder, locked) is skipped with one warning, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable

from analysis import config

logger = logging.getLogger(__name__)

FILE_NAME = "tone_memo.sqlite"
MAX_ROWS = 2_000_000
_WARNED: set[str] = set()


def enabled() -> bool:
    """False when ``KJ_TONE_MEMO`` is ``0``/``false``/``no``/``off``."""
    return os.environ.get("KJ_TONE_MEMO", "1").strip().lower() not in {"0", "false", "no", "off"}


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _connect() -> sqlite3.Connection:
    config.PROCESSED_DIR.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(config.PROCESSED_DIR / FILE_NAME, timeout=30)
    connection.execute(
        "CREATE TABLE IF NOT EXISTS tone (model TEXT, sentence TEXT, value REAL, "
        "PRIMARY KEY (model, sentence))"
    )
    return connection


def _warn_once(error: Exception) -> None:
    message = f"tone memo skipped ({config.PROCESSED_DIR / FILE_NAME}: {error})"
    if message not in _WARNED:
        _WARNED.add(message)
        logger.warning(message)


def lookup(model: str, texts: Iterable[str]) -> dict[str, float]:
    """The stored tones of ``texts`` under ``model`` (only those found)."""
    texts = list(dict.fromkeys(texts))
    if not texts or not enabled():
        return {}
    keys = {_key(t): t for t in texts}
    found: dict[str, float] = {}
    try:
        with _connect() as connection:
            items = list(keys)
            for i in range(0, len(items), 500):
                chunk = items[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT sentence, value FROM tone WHERE model = ? AND sentence IN ({marks})",
                    [model, *chunk],
                )
                found.update({keys[k]: float(v) for k, v in rows})
    except sqlite3.Error as error:
        _warn_once(error)
    return found


def remember(model: str, values: dict[str, float]) -> None:
    """Store ``text -> tone`` under ``model``; drop the oldest rows past ``MAX_ROWS``."""
    if not values or not enabled():
        return
    try:
        with _connect() as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO tone VALUES (?, ?, ?)",
                [(model, _key(t), float(v)) for t, v in values.items()],
            )
            (n,) = connection.execute("SELECT COUNT(*) FROM tone").fetchone()
            if n > MAX_ROWS:
                connection.execute(
                    "DELETE FROM tone WHERE rowid IN (SELECT rowid FROM tone ORDER BY rowid "
                    "LIMIT ?)",
                    (n - MAX_ROWS,),
                )
    except sqlite3.Error as error:
        _warn_once(error)
