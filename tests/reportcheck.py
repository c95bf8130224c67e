"""What a rendered report must be, checked the same way by every notebook test.

- ``noisy_outputs``: stderr streams and error outputs of the executed notebook;
- ``paragraphs``: the computed findings (``kj-finding``) and the "not shown" sentences
  (``kj-limit``) of the HTML, as plain text;
- ``unquoted_numbers``: numbers a finding quotes that the rest of the page does not show.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|[A-Za-z]+Error: ")
# Result numbers: decimals and percentages, not thresholds ("p < 0.05", "|z| > 1.96").
NUMBER = re.compile(r"(?<![<>] )(?<![<>])(?:-?\d+\.\d+|\d+%)")


def noisy_outputs(executed: Path) -> list[str]:
    """Every stderr stream and error output of an executed notebook, with cell and first line."""
    found = []
    for index, cell in enumerate(nbformat.read(executed, as_version=4).cells):
        first = next((line for line in cell.source.splitlines() if line.strip()), "")[:60]
        for out in cell.get("outputs", []):
            if out.output_type == "error" or out.get("name") == "stderr":
                text = out.get("text") or f"{out.get('ename')}: {out.get('evalue')}"
                found.append(
                    f"{executed.name}: cell {index} ({first!r}): {' '.join(text.split())[:200]}"
                )
    return found


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def paragraphs(page: str, kind: str) -> list[str]:
    """The text of every ``<p class="kj-<kind>">`` paragraph (without its bold label)."""
    pattern = re.compile(rf'<p class="kj-{kind}"><strong>[^<]*</strong>(.*?)</p>', re.S)
    return [_text(m) for m in pattern.findall(page)]


def page_text(page: str) -> str:
    """The visible text of a report without its findings, limits and provenance."""
    body = re.sub(r'<p class="kj-(?:finding|limit)">.*?</p>', " ", page, flags=re.S)
    body = re.sub(r'<section id="provenance".*', " ", body, flags=re.S)
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.S)
    return _text(body)


def unquoted_numbers(page: str) -> list[str]:
    """Decimal numbers and percentages in findings that appear nowhere else on the page."""
    shown = page_text(page)
    missing = []
    for finding in paragraphs(page, "finding"):
        for number in NUMBER.findall(finding):
            if number not in shown:
                missing.append(f"{number} (in: {finding[:160]})")
    return missing
