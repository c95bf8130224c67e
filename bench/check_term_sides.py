"""Check every contested-term side against the sample's own official texts.

For each variant, counts its own uses (not glosses or quotes) in the official readouts
and statements of each government in data/sample (``kind`` official_readout or
statement, by ``outlet_country``), and flags a variant sided KR that Japanese texts use,
a variant sided JP that Korean texts use, and a variant both governments use that is
sided at all. The table is the evidence quoted in data/codebooks/README.md; the same
rules are asserted by tests/test_terms.py. Run: ``python bench/check_term_sides.py``.
"""

from __future__ import annotations

import sys

import pandas as pd

from analysis.corpus import load_corpus
from analysis.terms import count_term_variants


def side_check(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per variant used: own mentions in JP, KR and US official texts, and a verdict."""
    official = docs[docs["kind"].isin(["official_readout", "statement"])]
    counts = count_term_variants(official, by="outlet_country")
    wide = counts.pivot_table(
        index=["referent", "variant", "side"], columns="outlet_country", values="n_mentions",
        aggfunc="sum", fill_value=0,
    ).reset_index()  # fmt: skip
    for country in ("JP", "KR", "US"):
        if country not in wide.columns:
            wide[country] = 0
    wide = wide[(wide[["JP", "KR", "US"]].sum(axis=1)) > 0]

    def verdict(row) -> str:
        if row["side"] == "KR" and row["JP"] > 0:
            return "check: JP texts use a KR-sided variant"
        if row["side"] == "JP" and row["KR"] > 0:
            return "check: KR texts use a JP-sided variant"
        if row["JP"] > 0 and row["KR"] > 0 and row["side"] not in ("shared", "neutral"):
            return "check: both governments use it"
        return "consistent"

    wide = wide.assign(verdict=wide.apply(verdict, axis=1))
    return wide[["referent", "variant", "side", "JP", "KR", "US", "verdict"]]


def main() -> int:
    table = side_check(load_corpus())
    print("own uses in the sample's official texts (readouts and statements), by government")
    print("| " + " | ".join(table.columns) + " |")
    print("|" + "---|" * len(table.columns))
    for row in table.itertuples(index=False):
        print("| " + " | ".join(str(v) for v in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
