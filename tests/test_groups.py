"""analysis.groups.lump_groups: the largest groups by name, the rest pooled and counted."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.groups import is_other_label, lump_groups, other_label

DOCS = pd.DataFrame(
    {
        "doc_id": [f"d{i}" for i in range(12)],
        "outlet_country": ["JP"] * 4 + ["KR"] * 3 + ["US", "US", "IN", "GB", None],
    }
)


def test_top_groups_kept_rest_pooled_with_counts():
    out = lump_groups(DOCS, "outlet_country", top=2)
    assert out["outlet_country"].value_counts(dropna=False).to_dict() == {
        "JP": 4, "KR": 3, "other (3 groups, 4 docs)": 4, pd.NA: 1,
    }  # fmt: skip
    assert out.attrs["lumped"] == ["GB", "IN", "US"]
    assert out.attrs["other_label"] == "other (3 groups, 4 docs)"
    assert is_other_label(out.attrs["other_label"]) and not is_other_label("other")


def test_nothing_pooled_when_one_group_would_be_renamed():
    assert lump_groups(DOCS, "outlet_country", top=3).attrs["lumped"] == ["GB", "IN"]
    out = lump_groups(DOCS, "outlet_country", top=4)  # 5 groups: pooling 1 would rename it
    assert out.attrs["lumped"] == [] and out["outlet_country"].equals(
        DOCS["outlet_country"].astype("string")
    )


def test_ties_broken_by_name_and_documents_counted_once():
    twice = pd.concat([DOCS, DOCS.iloc[[9]]])  # IN's document appears twice: still one doc
    out = lump_groups(twice, "outlet_country", top=3)
    assert out.attrs["lumped"] == ["GB", "IN"]
    assert other_label(1, 1) == "other (1 group, 1 doc)"


def test_preferred_groups_win_ties():
    one_each = pd.DataFrame({"doc_id": list("abcd"), "outlet_country": ["AU", "CA", "KR", "JP"]})
    out = lump_groups(one_each, "outlet_country", top=2, prefer=("JP", "KR", "US"))
    assert out["outlet_country"].tolist() == ["other (2 groups, 2 docs)"] * 2 + ["KR", "JP"]


def test_input_not_mutated_and_bad_arguments():
    before = DOCS.copy()
    lump_groups(DOCS, "outlet_country", top=1)
    pd.testing.assert_frame_equal(DOCS, before)
    with pytest.raises(ValueError, match="missing"):
        lump_groups(DOCS, "kind")
    with pytest.raises(ValueError, match="top must be at least 1"):
        lump_groups(DOCS, "outlet_country", top=0)
