"""The interactive explorer: every sentence of a corpus in one self-contained page.

``python -m analysis explore PATH --out explorer.html`` writes one HTML file (no
network, no server: its script and data are inline, under a Content-Security-Policy
that allows nothing else) to filter sentences by country, outlet, kind, language,
frame, contested term and tone range, search their text, and read each sentence with
its frame matches, contested terms and tone drivers highlighted, linked to its
document. docs/explorer.md.
"""

from __future__ import annotations

from pathlib import Path

from analysis.explore.data import explorer_table
from analysis.explore.page import explorer_html

__all__ = ["explorer_html", "explorer_table", "register", "write_explorer"]


def write_explorer(
    docs,
    path: str | Path,
    *,
    codebook: str | Path = "kj_frames",
    terms: str | Path = "contested_terms",
    sentences=None,
    title: str = "Sentence explorer",
) -> Path:
    """Build the explorer of ``docs`` and write it to ``path`` atomically.

    Args:
        docs: the corpus (``load_corpus``); not modified.
        path: the HTML file to write.
        codebook: frame codebook name or path.
        terms: contested-terms list name or path.
        sentences: sentence scores if already computed (see ``explorer_table``).
        title: the page's heading.

    Returns:
        The path written.
    """
    from analysis.io import atomic_write

    table = explorer_table(docs, codebook=codebook, terms=terms, sentences=sentences)
    return atomic_write(path, explorer_html(table, docs, title=title))


def _run(args) -> int:
    import sys

    from analysis.corpus import load_corpus

    docs = load_corpus(args.path)
    title = args.title or f"Sentence explorer: {Path(args.path).name}"
    out = write_explorer(docs, args.out, codebook=args.codebook, terms=args.terms, title=title)
    sys.stdout.write(f"explorer: {out}\n")
    return 0


def register(subparsers) -> None:
    """Add ``explore PATH --out FILE``."""
    parser = subparsers.add_parser(
        "explore",
        help="write one self-contained interactive page of every sentence (filter, search)",
        description=(
            "Write one HTML file, no network and no server, to filter a corpus's sentences by "
            "country, outlet, kind, language, frame, contested term and tone, search them, and "
            "see each with its matched terms and tone drivers highlighted."
        ),
    )
    parser.add_argument("path", metavar="PATH", help="corpus file or folder")
    parser.add_argument("--out", required=True, metavar="FILE", help="HTML file to write")
    parser.add_argument("--codebook", default="kj_frames", help="frame codebook (name or path)")
    parser.add_argument("--terms", default="contested_terms", help="contested terms (name or path)")
    parser.add_argument("--title", help="page heading (default: from the corpus name)")
    parser.set_defaults(func=_run)
