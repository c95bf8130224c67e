"""Tests for analysis.checks: the shared missing-column and option-choice messages."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.checks import check_choice, describe_columns, require_columns


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ([], "none"),
        (["a", "b"], "'a', 'b'"),
        ([f"c{i}" for i in range(8)], ", ".join(f"'c{i}'" for i in range(8))),
        ([f"c{i}" for i in range(11)], ", ".join(f"'c{i}'" for i in range(8)) + " ... and 3 more"),
        ([0, 1], "'0', '1'"),
    ],
)
def test_describe_columns(columns, expected):
    assert describe_columns(columns) == expected


def test_require_columns_message_and_no_mutation():
    df = pd.DataFrame({"doc_id": ["a"], "x": [1]})
    before = df.copy()
    require_columns(df, ["doc_id"], what="docs")  # nothing missing: no error
    with pytest.raises(ValueError) as info:
        require_columns(df, ["doc_id", "text", "outlet", "text"], what="docs")
    assert (
        str(info.value) == "docs: missing required column(s) 'text', 'outlet'; found 'doc_id', 'x'"
    )
    assert_frame_equal(df, before)


def test_check_choice():
    check_choice("measure", "count", ("count", "jaccard"))
    with pytest.raises(ValueError) as info:
        check_choice("measure", "cosine", ("count", "jaccard"))
    assert str(info.value) == "measure must be one of: count, jaccard; got 'cosine'"
