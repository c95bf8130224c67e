"""English sentence boundaries inside a line block: one regex pass and a few rules.

Every ``. ! ? …`` run followed by whitespace (with any closing quotes or
brackets after it) is a candidate; a candidate ends a sentence unless:

1. the next word starts with a lowercase letter (``co. at noon``,
   ``Yahoo! in``, ``"This is great." she said``);
2. (quotations are not protected: ``“We agreed. The talks were good,” Yoon
   said.`` is two sentences, as a reader counts them; pysbd keeps it whole.
   A quotation ending a sentence stays with it: ``"This is great." she said``
   goes on by rule 1, ``"This is great." She held`` ends after the quote);
3. it follows a title (``Mr. Abe``, ``Gen. Kim``, ``St. Louis``: the
   ``title`` entries of ``data/codebooks/abbreviations_en.txt``);
4. a digit follows an abbreviation, a number or a single letter (``No. 5``,
   ``Sept. 22``, ``p. 55``, ``N°. 1026``);
5. it follows a letter initial or a dotted abbreviation (``E.``, ``S. Korea``,
   ``U.S.``, ``p.m.``, ``H.E.``) and the next word is not a common sentence
   opener (``STARTERS``: ``The``, ``He``, ``In``, ...): ``the U.S. Government``
   and ``3 p.m. Tuesday`` go on, ``in the U.S. How about you?`` and ``at 3
   p.m. The talks`` end (pysbd splits ``p.m. Tuesday``);
6. the next word is itself a ``general`` abbreviation (``Co. Ltd.``), or it is a list
   marker that opens its sentence (``1. The first item``, ``a. The first``);
7. it is inside a spaced ellipsis (``weakened . . . was``): ``. . .`` never ends
   a sentence, ``. . . .`` (an ellipsis and a full stop) does before a
   capital, and ``compounds. . . . The`` ends after ``compounds.``; ``[...]``
   never does.

Also a boundary: run-together sentences (``agreed.The``: two lowercase
letters or digits, ``. ! ?`` and a capitalised word, or any capital after a
closing double quote: ``back."A formal``; outside e-mail addresses and URLs),
a bullet (``•``) inside the block, and the items of an inline numbered list
(``1) The first item 2) The second item``, markers counting up from the start
of the block). A piece with no letter or digit (a stray quote) is joined
to the sentence before it.
"""

from __future__ import annotations

import functools
import re

from analysis.lang.base import Span, read_word_list

# A terminal run (with closing quotes/brackets) before whitespace and a character
# that is not an ASCII lowercase letter (group 1: where the next sentence would
# start), or glued to a capitalised word ("agreed.The": group 1 is None).
_CANDIDATE = re.compile(
    r"[.!?\u2026][.!?\u2026\"'\u201d\u2019)\]]*"
    r"(?:\s+(?=[^\sa-z])()|(?=[A-Z][a-z])|(?<=[\"\u201d])(?=[A-Z]))"
)
_GLUED_BEFORE = re.compile(r"[a-z0-9]{2}")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]*([^\W\d_]+)(\.)?")
_INITIALISM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # U.S p.m H.E Ph.D
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(\d{1,2}|[a-z]|[ivx]{1,4})(\.\)|[.)])(?=\s)")
_LEADING_MARKER = re.compile(
    r"[\s\"'(\[\u2022\u2043\u25e6\u25aa\u00b7*-]*(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})"
)
_ANY_BULLET = re.compile("[\u2022\u2043\u25e6\u25aa]")
_BULLET = re.compile(r"[\u2022\u2043\u25e6\u25aa](?<=\s.)")
_NEXT_CHAR = re.compile(r"\S")
_SPACED_ELLIPSIS = re.compile(r"\.(?: \.){2,}")
_HAS_WORD = re.compile(r"[^\W_]")
_OPENING_PUNCT = "\"'\u201c\u2018([{"
_CLOSING_PUNCT = "\"'\u201d\u2019)]"

# Words that commonly open an English sentence (written for this project):
# after an initial or a dotted abbreviation, one of these means a new sentence.
STARTERS = frozenset(
    "A After Also Although An And Another Any As At Because Before Being Both But By "
    "Did Do Does During Each Even For From He Her Here His How However I If In Instead "
    "It Its Many Meanwhile More Most My No Not Now On One Only Other Our Some Since So "
    "Still Such That The Their Them Then There These They This Those Though Thus To "
    "Under Unlike Until We What When Where Whether Which While Who Why With Without Yet "
    "You Your".split()
)


def read_abbreviations() -> dict[str, str]:
    """``data/codebooks/abbreviations_en.txt``: lowercase abbreviation -> ``title``/``general``."""
    table = {}
    for line in read_word_list("abbreviations_en.txt"):
        word, _, kind = line.partition("\t")
        if kind.strip() not in ("title", "general"):
            raise ValueError(
                f"abbreviations_en.txt: {word!r} has kind {kind!r}; expected title or general"
            )
        table[word.strip()] = kind.strip()
    return table


class _Abbreviations(dict):
    """The abbreviation table, read from its file on first use."""

    def __missing__(self, key):
        if not self:
            self.update(read_abbreviations())
            return self[key] if key in self else None
        return None

    def get(self, key, default=None):
        value = self[key]
        return default if value is None else value


_ABBREVIATIONS = _Abbreviations()


def _word_before(block: str, end: int) -> str:
    """The run of non-space characters ending at ``end``, opening punctuation stripped."""
    word = block[block.rfind(" ", 0, end) + 1 : end]
    if not word.isalnum():  # another kind of space (tab, no-break) may hide inside
        parts = word.split()
        word = parts[-1] if parts and not word[-1:].isspace() else ""
    return word.lstrip(_OPENING_PUNCT)


def _is_boundary(
    block: str, match: re.Match, end: int, next_start: int, sentence_start: int
) -> bool:
    """Rules 3-6 of the module docstring for one candidate (rule 1 is checked before)."""
    following = block[next_start]
    found = block[match.start() : end]
    terminal = found.rstrip(_CLOSING_PUNCT)
    if terminal != ".":
        return not (terminal[0] == "." and block[match.start() - 1 : match.start()] == "[")
    if len(terminal) < len(found):  # ." or .) : a closed quote or bracket ends it
        return not _opens_sentence_as_marker(block, sentence_start, match.start())
    word = _word_before(block, match.start())
    kind = _ABBREVIATIONS.get(word.lower()) if len(word) < 8 else None
    if kind == "title" or (
        match.start() - sentence_start <= 8
        and _opens_sentence_as_marker(block, sentence_start, match.start())
    ):
        return False
    if following.isdigit():
        return kind is None and len(word) >= 2 and word.isalpha()
    initial = (len(word) == 1 and word.isalpha()) or (
        "." in word and _INITIALISM.fullmatch(word) is not None
    )
    if (
        not initial
        and kind is None
        and following.isupper()
        and "." not in block[match.end() : match.end() + 16]
    ):
        return True  # the common case: "word. The"
    nxt = _NEXT_WORD.match(block, next_start)
    next_word = nxt.group(1) if nxt else ""
    if nxt and nxt.group(2) and _ABBREVIATIONS.get(next_word.lower()) == "general":
        return False  # Co. Ltd.
    if initial:
        return next_word in STARTERS
    return True


def _opens_sentence_as_marker(block: str, sentence_start: int, end: int) -> bool:
    """Whether block[sentence_start:end] is only a list marker ("1", "(b", "• 9", "iv")."""
    marker = _LEADING_MARKER.fullmatch(block, sentence_start, end)
    return marker is not None and end - sentence_start <= 8


def _ellipsis_cuts(block: str) -> tuple[set[int], list[Span]]:
    """Cuts made by spaced ellipses (rule 7) and the stretches where they forbid cuts."""
    cuts, quiet = set(), []
    for match in _SPACED_ELLIPSIS.finditer(block):
        dots = match.group().count(".")
        rest = _NEXT_CHAR.search(block, match.end())
        after = rest.group() if rest else ""
        capital = not after or not after.islower()
        attached = match.start() > 0 and not block[match.start() - 1].isspace()
        if dots == 4 and attached and after and capital:
            cuts.add(match.start() + 1)  # "compounds." ends; ". . . The" begins
        elif dots >= 4 and not attached and after and capital:
            cuts.add(match.end())
        quiet.append((match.start(), match.end() + 1))
    return cuts, quiet


def _list_cuts(block: str) -> tuple[set[int], set[int]]:
    """Cuts before the items of an inline list counting up from the block's start."""
    markers = list(_LIST_MARKER.finditer(block))
    if len(markers) < 2 or markers[0].start() != 0:
        return set(), set()
    values = [int(m.group(1)) if m.group(1).isdigit() else ord(m.group(1)) for m in markers]
    run = [markers[0]]
    for marker, value, previous in zip(markers[1:], values[1:], values, strict=False):
        if value != previous + 1:
            break
        run.append(marker)
    if len(run) < 2:
        return set(), set()
    return {m.start() for m in run[1:]}, {m.start() + len(m.group(1)) for m in run}


def _url_or_email(block: str, position: int) -> bool:
    stop = block.find(" ", position)
    word = _word_before(block, position) + block[position : stop if stop >= 0 else len(block)]
    return "@" in word or "/" in word or "www." in word


def _extra_cuts(block: str) -> tuple[list[int], set[int], list[Span]]:
    """Cuts not made at candidates (lists, ellipses, bullets, run-together sentences).

    Returns:
        (sorted cut positions, list-marker stops where no candidate may cut,
        spaced-ellipsis stretches where no candidate may cut).
    """
    ellipsis_cuts, quiet = _ellipsis_cuts(block) if ". . " in block else (set(), [])
    opens_list = _LIST_MARKER.match(block) is not None
    list_cuts, list_stops = _list_cuts(block) if opens_list else (set(), set())
    extra = ellipsis_cuts | list_cuts
    if _ANY_BULLET.search(block):
        extra.update(m.start() for m in _BULLET.finditer(block))
    return sorted(extra), list_stops, quiet


def _cuts(block: str) -> list[Span]:
    """(end of sentence, start of next) for every boundary in ``block``."""
    extra, list_stops, quiet = _extra_cuts(block)
    cuts = {position: position for position in extra}
    sentence_start, upcoming = 0, 0
    for match in _CANDIDATE.finditer(block):
        position = match.start()
        following = match.start(1)
        if following < 0:  # glued: "agreed.The" after two lowercase letters or digits
            if _GLUED_BEFORE.match(block, max(position - 2, 0), position) and not _url_or_email(
                block, match.end()
            ):
                cuts[match.end()] = match.end()
            continue
        if block[following].islower():
            continue  # "Ça", "é": non-ASCII lowercase
        while upcoming < len(extra) and extra[upcoming] <= position:
            sentence_start = max(sentence_start, extra[upcoming])
            upcoming += 1
        if (list_stops and position in list_stops) or (
            quiet and any(a <= position < b for a, b in quiet)
        ):
            continue
        end = position + len(match.group().rstrip())
        if not _is_boundary(block, match, end, following, sentence_start):
            continue
        sentence_start = following
        cuts[end] = following
    return sorted(cuts.items())


@functools.lru_cache(maxsize=65536)
def block_spans(block: str) -> tuple[Span, ...]:
    """Sentence spans of one line block (no line breaks inside), memoised.

    Args:
        block: one line block of a document.

    Returns:
        Whitespace-stripped (start, end) offsets into ``block``, in order.
    """
    spans: list[Span] = []
    start = 0
    for end, next_start in [*_cuts(block), (len(block), len(block))]:
        left, right = start, end
        while left < right and block[left].isspace():
            left += 1
        while right > left and block[right - 1].isspace():
            right -= 1
        start = max(next_start, end)
        if left == right:
            continue
        if spans and not block[left].isalnum() and not _HAS_WORD.search(block, left, right):
            spans[-1] = (spans[-1][0], right)  # a stray quote or bracket
        else:
            spans.append((left, right))
    return tuple(spans)
