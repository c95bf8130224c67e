"""export_table / save_figure: formats by suffix, LaTeX round trip, atomic and reproducible."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import compare_groups, load_corpus, score_sentiment  # noqa: E402
from analysis.exports import export_table, latex_escape, save_figure  # noqa: E402


@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    """A real table: VADER tone of the sample corpus compared between countries."""
    docs = load_corpus()
    scores = score_sentiment(docs, engines=["textblob", "vader"])  # tone is not the point here
    tone = scores.merge(docs[["doc_id", "outlet_country"]], on="doc_id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return compare_groups(tone, value="vader_compound", by="outlet_country", n_resamples=200)


def _parse_booktabs(text: str) -> list[list[str]]:
    body = text.split("\\midrule\n", 1)[1].split("\\bottomrule", 1)[0]
    return [line.removesuffix(" \\\\").split(" & ") for line in body.strip().splitlines()]


def test_latex_round_trips_its_numbers(tmp_path, comparison):
    table = comparison[["group", "other", "n_obs", "mean", "ci_low", "ci_high", "p_value"]]
    path = export_table(table, tmp_path / "tone.tex", digits=4)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\\begin{tabular}{llrrrrr}\n\\toprule\n")
    assert "group & other & n\\_obs & mean & ci\\_low & ci\\_high & p\\_value \\\\" in text
    rows = _parse_booktabs(text)
    assert len(rows) == len(table)
    for row, (_, expected) in zip(rows, table.iterrows(), strict=True):
        assert row[0] == expected["group"]
        assert row[2] == str(expected["n_obs"])
        for cell, column in zip(row[3:], ["mean", "ci_low", "ci_high", "p_value"], strict=True):
            value = expected[column]
            if pd.isna(value):
                assert cell == ""
            else:
                assert float(cell) == pytest.approx(round(value, 4), abs=1e-12)


def test_latex_escapes_and_caption(tmp_path):
    df = pd.DataFrame({"outlet": ["A&B_50% $x^2$ {#1} ~\\"], "share": [-0.0001]})
    text = export_table(df, tmp_path / "t.tex", caption="Tone & frames", label="tab:x").read_text()
    assert r"A\&B\_50\% \$x\textasciicircum{}2\$ \{\#1\} \textasciitilde{}\textbackslash{}" in text
    assert "0.000 \\\\" in text and "-0.000" not in text
    assert text.startswith("\\begin{table}[htbp]\n\\centering\n\\caption{Tone \\& frames}\n")
    assert "\\label{tab:x}" in text and text.endswith("\\end{table}\n")
    assert latex_escape("a\nb") == "a b"


def test_csv_keeps_every_digit_and_markdown_escapes_pipes(tmp_path, comparison):
    before = comparison.copy()
    path = export_table(comparison, tmp_path / "t.csv")
    back = pd.read_csv(path)
    np.testing.assert_allclose(back["mean"], comparison["mean"].astype(float), rtol=1e-15)
    pd.testing.assert_frame_equal(comparison, before)
    md = export_table(
        pd.DataFrame({"a|b": ["x|y", None], "n_docs": [3, 4]}), tmp_path / "t.md"
    ).read_text()
    assert md == "| a\\|b | n_docs |\n| --- | ---: |\n| x\\|y | 3 |\n|  | 4 |\n"


def test_unknown_suffix_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"t.xlsx: file type must be one of: .csv, .tex, .md"):
        export_table(pd.DataFrame({"a": [1]}), tmp_path / "t.xlsx")
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match=r"must be one of: .svg, .png, .pdf"):
        save_figure(fig, tmp_path / "f.jpg")
    plt.close(fig)


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")]
)
def test_save_figure_formats_and_same_bytes_twice(tmp_path, suffix, magic):
    fig, ax = plt.subplots()
    ax.plot([0, 1, 2], [0.1, -0.2, 0.3])
    first = save_figure(ax, tmp_path / f"a{suffix}").read_bytes()  # an Axes is accepted
    second = save_figure(fig, tmp_path / f"b{suffix}").read_bytes()
    plt.close(fig)
    assert first.startswith(magic) and first == second
    assert not list(tmp_path.glob(".*tmp*"))  # nothing half-written left behind


def test_png_resolution_follows_dpi(tmp_path):
    from matplotlib import image

    fig = plt.figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1])
    low = image.imread(save_figure(fig, tmp_path / "low.png", dpi=50))
    high = image.imread(save_figure(fig, tmp_path / "high.png", dpi=200))
    plt.close(fig)
    assert high.shape[1] == pytest.approx(4 * low.shape[1], rel=0.1)
