"""The contested-terms file: referents, their variants per language, sides, evidence.

``load_terms`` validates a terms file (``data/codebooks/contested_terms.yaml``) and
compiles one matcher for every variant in every language; ``TermList.find`` is the one
implementation of "which variants does this text use, and how" that the in-memory
functions (``analysis.terms.term_matches``) and the scale path call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.codebooks import (
    CodebookError,
    TermMatcher,
    load_yaml_entries,
    nfkc_with_offsets,
    read_term_sets,
    resolve_codebook_path,
    validate_entry,
)
from analysis.codebooks.schema import read_while_unchanged
from analysis.lang import quote_spans
from analysis.terms.usage import classify_usage, sentence_bounds

__all__ = ["SIDES", "TermList", "Variant", "load_terms"]

SIDES = ("KR", "JP", "neutral", "critics", "shared")
REFERENT_REQUIRED = {"id": str, "label": str, "variants": list[dict]}
REFERENT_OPTIONAL = {"description": str, "context": list[list[str]]}
VARIANT_REQUIRED = {"variant": str, "side": str, "terms": list[str]}
VARIANT_OPTIONAL = {
    "exclusions": list[str],
    "regex": list[str],
    "note": str,
    "evidence": list[str],
    "ko": (list[str], dict),
    "ja": (list[str], dict),
}
LANGUAGE_EXTRA = {"side": str, "evidence": list[str], "note": str}
_BRACKETS = "(\uff08"
_NAME_OF = re.compile(
    r"の(?:韓国|日本|北朝鮮)名|의\s*(?:한국|일본)\s*(?:명|이름)|'s\s+(?:Korean|Japanese)\s+name"
)


@dataclass(frozen=True)
class Variant:
    """One name of a referent, its terms per language and the side using it in each."""

    referent: str
    variant: str
    side: str  # the side in English (and in any language without its own side)
    terms: tuple[str, ...]  # English terms
    sides: dict[str, str] = field(default_factory=dict, compare=False)  # language -> side
    evidence: tuple[str, ...] = ()

    def side_in(self, language: str) -> str:
        """The side of this variant when written in ``language``."""
        return self.sides.get(language, self.side)


@dataclass(frozen=True)
class TermList:
    """A validated contested-terms file with its compiled matchers.

    Matcher keys are ``"{variant index}|{language}"``; ``context`` holds, per referent
    with a ``context``, a matcher whose keys are the group numbers: a mention of that
    referent counts only in a sentence where every group matches.
    """

    name: str
    path: Path
    variants: tuple[Variant, ...]
    matcher: TermMatcher
    context: dict[str, tuple[TermMatcher, int]] = field(default_factory=dict)
    languages: tuple[str, ...] = ("en",)

    def table(self) -> pd.DataFrame:
        """The variants as a DataFrame: ``referent``, ``variant``, ``side``, ``terms``."""
        rows = [(v.referent, v.variant, v.side, "; ".join(v.terms)) for v in self.variants]
        return pd.DataFrame(rows, columns=["referent", "variant", "side", "terms"])

    def sides_table(self) -> pd.DataFrame:
        """One row per (referent, variant, language): ``side`` and ``evidence``."""
        rows = [
            (v.referent, v.variant, lang, v.side_in(lang), " | ".join(v.evidence))
            for v in self.variants
            for lang in ("en", *v.sides.keys() - {"en"})
        ]
        return pd.DataFrame(rows, columns=["referent", "variant", "language", "side", "evidence"])

    def find(self, text: str) -> list[tuple[int, str, str, int, int, str, str]]:
        """Every counted mention in ``text``.

        Returns:
            ``(variant_index, language, term, start, end, match, usage)`` tuples; offsets
            into ``text`` as given (NFKC-normalised for matching), ``language`` the
            language of the listed term, ``usage`` own | gloss | quote.
        """
        norm, starts, ends = nfkc_with_offsets(text)
        found = self.matcher.find_normalised(norm)
        if not found:
            return []
        quotes = quote_spans(norm)
        kept, previous = [], None
        for key, term, s, e, _ in sorted(found, key=lambda f: (f[2], -f[3])):
            index, language = key.split("|")
            variant = self.variants[int(index)]
            if variant.referent in self.context and not self._in_context(
                variant.referent, norm, s, e
            ):
                continue
            usage = classify_usage(norm, s, e, quotes=quotes)
            if usage != "gloss" and _bracket_gloss(norm, s, e, previous, variant.referent):
                usage = "gloss"
            raw_s, raw_e = starts[s], ends[e - 1]
            kept.append((int(index), language, term, raw_s, raw_e, text[raw_s:raw_e], usage))
            previous = (variant.referent, e, usage)
        return kept

    def _in_context(self, referent: str, text: str, start: int, end: int) -> bool:
        matcher, n_groups = self.context[referent]
        lo, hi = sentence_bounds(text, start, end)
        groups = {key for key, *_ in matcher.find_normalised(text[lo:hi])}
        return len(groups) == n_groups


def _bracket_gloss(text: str, start: int, end: int, previous: tuple | None, referent: str) -> bool:
    """Whether the mention ``[start, end)`` is in brackets right after a mention of ``referent``.

    "East Sea (Sea of Japan)", 元徴用工（旧朝鮮半島出身労働者）: the bracket glosses. Not when
    the bracket names the glossed word's origin: in 独島（竹島の韓国名） 竹島 is the text's
    own name.
    """
    if previous is None or previous[0] != referent:
        return False
    stripped = text[previous[1] : start].strip()
    if not stripped or stripped[0] not in _BRACKETS or len(stripped) > 12:
        return False
    return previous[2] != "gloss" or not _NAME_OF.match(text, end)


def _variants(entries: list[dict], file: str) -> list[tuple[str, dict, dict]]:
    """(referent id, variant item, {language: TermSet}) for every variant, validated."""
    out = []
    for i, entry in enumerate(entries, start=1):
        seen: set[str] = set()
        for j, item in enumerate(entry["variants"], start=1):
            where = f"{file}: entry {i} (id {entry['id']!r}), variant {j}"
            validate_entry(
                item,
                where,
                required=VARIANT_REQUIRED,
                optional=VARIANT_OPTIONAL,
                terms=("terms", "exclusions"),
                regexes=("regex",),
            )
            if item["variant"] in seen:
                raise CodebookError(
                    f"{where}, field 'variant': duplicate variant {item['variant']!r}"
                )
            if not item["terms"]:
                raise CodebookError(f"{where}, field 'terms': no terms")
            sets = read_term_sets(item, where, extra=LANGUAGE_EXTRA)
            for lang, ts in sets.items():
                side = item["side"] if lang == "en" else ts.extra.get("side", item["side"])
                if side not in SIDES:
                    here = where if lang == "en" else f"{where}, field '{lang}'"
                    raise CodebookError(
                        f"{here}, field 'side': {side!r} is not one of {', '.join(SIDES)}"
                    )
            seen.add(item["variant"])
            out.append((entry["id"], item, sets))
    return out


def _context_matchers(entries: list[dict], file: str) -> dict[str, tuple[TermMatcher, int]]:
    out = {}
    for i, entry in enumerate(entries, start=1):
        groups = entry.get("context")
        if groups is None:
            continue
        where = f"{file}: entry {i} (id {entry['id']!r}), field 'context'"
        if not groups or any(not g for g in groups):
            raise CodebookError(f"{where}: expected a non-empty list of non-empty term lists")
        schema = {"required": {"terms": list[str]}, "optional": {}, "terms": ("terms",)}
        for group in groups:
            validate_entry({"terms": group}, where, **schema)
        built = TermMatcher.build([(str(k), g, [], []) for k, g in enumerate(groups)])
        out[entry["id"]] = (built, len(groups))
    return out


def load_terms(name_or_path: str | Path | TermList = "contested_terms") -> TermList:
    """Load and validate a contested-terms file.

    Args:
        name_or_path: a name in ``config.CODEBOOK_DIR`` (``"contested_terms"``), a YAML
            path, or an already loaded ``TermList``.

    Returns:
        The ``TermList``: variants in file order, one compiled matcher for all languages.

    Raises:
        CodebookError: one line naming file, entry, variant and field (unknown key, empty
            or uncompilable term in any language, a side not in ``SIDES``, duplicates).
    """
    if isinstance(name_or_path, TermList):
        return name_or_path
    path = resolve_codebook_path(name_or_path)
    return read_while_unchanged(path, _read_terms)


def _read_terms(path: Path) -> TermList:
    """Parse and compile a contested-terms file."""
    entries = load_yaml_entries(
        path, required=REFERENT_REQUIRED, optional=REFERENT_OPTIONAL, list_key="referents"
    )
    triples = _variants(entries, path.name)
    variants, keyed = [], []
    for k, (ref, item, sets) in enumerate(triples):
        sides = {lang: ts.extra.get("side", item["side"]) for lang, ts in sets.items()}
        sides["en"] = item["side"]
        evidence = tuple(item.get("evidence", []))
        variants.append(
            Variant(ref, item["variant"], item["side"], tuple(item["terms"]), sides, evidence)
        )
        for lang, ts in sets.items():
            keyed.append((f"{k}|{lang}", list(ts.terms), list(ts.regex), list(ts.exclusions)))
    languages = [lang for lang in ("en", "ko", "ja") if any(lang in s for *_, s in triples)]
    return TermList(
        name=path.stem,
        path=path,
        variants=tuple(variants),
        matcher=TermMatcher.build(keyed),
        context=_context_matchers(entries, path.name),
        languages=tuple(languages),
    )
