"""The report matrix: every notebook rendered on corpora built to break it (tests/corpora.py).

Each (notebook, corpus) pair must render (exit 0), leave no error output, stderr or
traceback, say in a sentence what it cannot show where the corpus lacks something
(``kj-limit`` paragraphs), and state findings whose numbers are shown in the same
report. Findings must change with the corpus. The 5,000-document corpus is rendered
by its own test. Everything here is ``slow`` (it starts kernels); ``make test`` runs it.

Cost: ``tone`` embeds every sentence (about 10-20 sentences a second per core), so the
matrix computes it only where it is what the cell is about: on the Korean-only,
Japanese-only and one-document corpora every notebook runs with its default (``tone``);
elsewhere the tone measure is VADER (``CHEAP``), which exercises the same tables and
figures. Measured on this 2-core machine under load from other engineers' jobs (load
average about 5), ``pytest --durations``: the 80 renders of the matrix fixture 1,331 s
(about 33 s per render per slot, two at a time); the 5,000-document test 700 s before
its voices render hit the 600 s cell timeout (since fixed: directed tone no longer
computes tone). A quiet machine takes roughly half.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import corpora  # tests/corpora.py
import pandas as pd
import pytest
import reportcheck  # tests/reportcheck.py

from analysis import config
from analysis.report.parameters import find_notebooks
from analysis.report.runner import plan_reports, render_reports

NOTEBOOKS = sorted(find_notebooks(config.NOTEBOOK_DIR))
CORPORA = [name for name in corpora.BUILDERS if name != "large"]
# Where tone is computed: the corpora whose language only tone reads, and one document.
TONE_CORPORA = {"korean_only", "japanese_only", "mixed_languages", "one_document"}
CHEAP = {
    "event": ["tone=vader_compound"],
    "models": ["tone=vader_compound"],
    "profile": ["tone=vader_compound"],
    "sentiment": ["score=vader_compound", "engines=textblob,vader"],
    "tutorial": ["outcome=vader_compound"],
}
# Where the sentiment report computes tone, the driver words of its extreme sentences
# embed every sentence once per word left out (36 s of the one-document render at
# n_extreme=5): two sentences a side exercise the same table.
TONE_SENTIMENT = ["n_extreme=2"]
TIME_NOTEBOOKS = {"corpus_overview", "event", "profile", "sentiment", "framing"}
# What each corpus lacks, and the words a report must use to say so (in a kj-limit
# paragraph), for the notebooks that would otherwise show it.
EXPECTED_LIMITS = {
    "no_dates": (TIME_NOTEBOOKS, ("date", "dated")),
    "one_document": ({"profile", "event", "sentiment"}, ("no ", "fewer than", "only")),
    "no_frame_matches": ({"framing"}, ("no term", "no co-occurrence", "0 frame")),
    "korean_only": ({"sentiment"}, ("TextBlob",)),
    "one_country": ({"profile"}, ("every document is",)),
}

# Reports that show intervals state the small-sample rule once (the overview and the
# tutorial show none of their own).
POLICY_NOTEBOOKS = {"event", "framing", "models", "profile", "sentiment", "voices"}
# Reports that show a tone measure show its validity card (issue 10).
CARD_NOTEBOOKS = {"event", "models", "profile", "sentiment", "tutorial"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def matrix(tmp_path_factory, sample_reports) -> dict[tuple[str, str], object]:
    """Every matrix notebook rendered on every matrix corpus, two at a time, plus the
    sample-corpus renders every notebook test shares (``sample_reports``)."""
    work = tmp_path_factory.mktemp("matrix")
    paths = corpora.build_all(work / "corpora", CORPORA)
    jobs, keys = [], []
    for name, path in paths.items():
        for notebook in NOTEBOOKS:
            cheap = CHEAP.get(notebook, []) if name not in TONE_CORPORA else []
            if name in TONE_CORPORA and notebook == "sentiment":
                cheap = TONE_SENTIMENT
            jobs += plan_reports(notebooks=[notebook], corpus=path, cli_parameters=cheap)
            keys.append((notebook, name))
    results = render_reports(jobs, out_dir=work / "reports", n_jobs=2)
    rendered = dict(zip(keys, results, strict=True))
    return rendered | {(name, "sample"): result for name, result in sample_reports.items()}


def _page(matrix, notebook: str, corpus: str) -> str:
    result = matrix[(notebook, corpus)]
    assert result.status == "rendered", result.message
    return Path(result.html).read_text(encoding="utf-8")


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_renders_without_error_stderr_or_traceback(matrix, notebook, corpus):
    page = _page(matrix, notebook, corpus)
    result = matrix[(notebook, corpus)]
    executed = Path(result.html).parent / "_executed" / f"{result.job.slug}.ipynb"
    noisy = reportcheck.noisy_outputs(executed)
    assert not noisy, "\n".join(noisy)
    assert not reportcheck.TRACEBACK.search(reportcheck.page_text(page))


@pytest.mark.parametrize("corpus", [*CORPORA, "sample"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_findings_quote_numbers_the_report_shows(matrix, notebook, corpus):
    page = _page(matrix, notebook, corpus)
    missing = reportcheck.unquoted_numbers(page)
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("corpus", list(EXPECTED_LIMITS))
def test_reports_say_what_they_cannot_show_and_why(matrix, corpus):
    notebooks, words = EXPECTED_LIMITS[corpus]
    for notebook in sorted(notebooks & set(NOTEBOOKS)):
        limits = reportcheck.paragraphs(_page(matrix, notebook, corpus), "limit")
        assert any(any(w in text for w in words) for text in limits), (
            f"{notebook} on {corpus}: no sentence saying what it cannot show ({limits})"
        )


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_findings_change_with_the_corpus(matrix, notebook):
    sample = reportcheck.paragraphs(_page(matrix, notebook, "sample"), "finding")
    japan = reportcheck.paragraphs(_page(matrix, notebook, "one_country"), "finding")
    assert sample, f"{notebook}: no finding on the sample corpus"
    assert sample != japan


POOLING = sorted({"corpus_overview", "framing", "sentiment", "voices"} & set(NOTEBOOKS))


@pytest.mark.parametrize("notebook", POOLING)
def test_twenty_countries_are_pooled_into_other(matrix, notebook):
    """Eight countries by name (JP, KR, US first), the other twelve as one pooled group."""
    page = _page(matrix, notebook, "twenty_countries")
    assert "other (12 groups, 12 docs)" in page


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_the_small_sample_rule_is_stated_once_where_intervals_are_shown(matrix, notebook):
    page = _page(matrix, notebook, "sample")
    rules = reportcheck.paragraphs(page, "policy")
    assert len(rules) == (1 if notebook in POLICY_NOTEBOOKS else 0)


@pytest.mark.parametrize("corpus", ["sample", "korean_only", "japanese_only"])
@pytest.mark.parametrize("notebook", sorted(CARD_NOTEBOOKS & set(NOTEBOOKS)))
def test_reports_that_show_tone_show_its_validity_card(matrix, notebook, corpus):
    page = _page(matrix, notebook, corpus)
    assert "Validity card:" in page
    card = [t for t in reportcheck.paragraphs(page, "finding") if "human coders" in t]
    language = {"sample": "en", "korean_only": "ko", "japanese_only": "ja"}[corpus]
    assert card and f"held-out data: {language} " in card[0], card


ANALYSED = ("English (en)", "Korean (ko)", "Japanese (ja)")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_mixed_corpus_is_analysed_in_every_language(matrix, notebook):
    """Issue 9: English, Korean and Japanese documents in one corpus (ten each); every
    report shows, per language, how many documents its measure left out: none."""
    page = _page(matrix, notebook, "mixed_languages")
    tables = pd.read_html(StringIO(page), match="Documents (analysed|read)")
    assert tables, f"{notebook}: no table of the documents analysed per language"
    for table in tables:
        rows = table.set_index("language")
        assert set(rows.index) == {*ANALYSED, "all"}, table
        assert rows.loc[list(ANALYSED), "n_docs"].tolist() == [10, 10, 10]
        assert rows["n_unanalysed"].tolist() == [0, 0, 0, 0], table
        assert rows.loc["all", "unanalysed_share"] == 0


# The notebooks whose every table and figure covers the whole corpus. event and profile
# show a window or one country of it, tutorial is models' walk-through: all three render
# on the ten matrix corpora above; leaving them out here keeps `.ci/run` under 30 minutes.
LARGE_NOTEBOOKS = sorted({"corpus_overview", "framing", "models", "sentiment", "voices"})


def test_five_thousand_documents(tmp_path):
    """The large corpus (real sentences, 5,000 documents) renders every whole-corpus
    notebook; tone is VADER here (``CHEAP``): at 10-20 sentences a second, ``tone`` on
    5,000 documents would take most of an hour on this machine."""
    path = corpora.large(tmp_path)
    jobs = []
    for notebook in sorted(set(LARGE_NOTEBOOKS) & set(NOTEBOOKS)):
        jobs += plan_reports(notebooks=[notebook], corpus=path,
                             cli_parameters=CHEAP.get(notebook, []))  # fmt: skip
    results = render_reports(jobs, out_dir=tmp_path / "reports", n_jobs=2)
    failed = [r.message for r in results if r.status != "rendered"]
    assert not failed, "\n".join(failed)
