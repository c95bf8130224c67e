"""The researcher's own column names: ``columns=`` / ``--columns`` on every corpus command."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import cli, config
from analysis.corpus import (
    COLUMN_ALIASES,
    MAPPABLE_COLUMNS,
    CorpusError,
    load_corpus,
    parse_columns,
    validate_corpus,
)
from analysis.report.parameters import find_notebooks, notebook_parameters, read_notebook
from analysis.report.runner import plan_reports

OWN = (
    "body,date,source,country,headline_text\n"
    "Seoul and Tokyo agreed on Monday to resume talks on export controls.,Aug 22 2019,"
    "Korea Herald,KR,Talks to resume\n"
    "Japan lodged a protest on Friday over the decision.,2019-08,Kyodo,JP,Tokyo protests\n"
)
SPEC = "text=body,published=date,outlet=source,outlet_country=country,title=headline_text"


@pytest.fixture()
def own_csv(tmp_path):
    """A researcher's CSV: an id column, then their own names for text, date, outlet, ..."""
    lines = OWN.strip().split("\n")
    rows = ["id," + lines[0]] + [f"d{i}," + line for i, line in enumerate(lines[1:], start=1)]
    path = tmp_path / "own.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_mapping_as_dict_and_as_string_load_the_same(own_csv):
    mapping = dict(pair.split("=") for pair in SPEC.split(","))
    from_dict = load_corpus(own_csv, columns=mapping)
    pdt.assert_frame_equal(from_dict, load_corpus(own_csv, columns=SPEC))
    assert from_dict["doc_id"].tolist() == ["d1", "d2"]  # 'id' is an alias
    assert from_dict["outlet"].tolist() == ["Korea Herald", "Kyodo"]
    assert from_dict["outlet_country"].tolist() == ["KR", "JP"]
    assert from_dict["title"].tolist() == ["Talks to resume", "Tokyo protests"]
    assert from_dict["published"].tolist() == [
        pd.Timestamp("2019-08-22"),
        pd.Timestamp("2019-08-01"),
    ]
    assert from_dict["published_precision"].tolist() == ["day", "month"]
    assert "body" not in from_dict.columns and "source" not in from_dict.columns


def test_a_file_needing_the_mapping_fails_without_it_and_loads_with_it(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("key,content,when\na,Seoul and Tokyo met.,2019年8月22日\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^own\.csv: field 'doc_id': missing required column"):
        load_corpus(path)
    docs = load_corpus(path, columns="doc_id=key,text=content,published=when")
    assert docs["published"].tolist() == [pd.Timestamp("2019-08-22")]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("txt=body", r"^columns: unknown target 'txt' \(valid: doc_id, text, title, byline,"),
        ("language=lang", r"^columns: unknown target 'language'"),  # derived: never read
        ("text", r"^columns: expected TARGET=COLUMN pairs separated by commas, got 'text'"),
        ("text=", r"^columns: empty input column for 'text'"),
        ("text=body,title=body", r"^columns: input column 'body' mapped to more than one"),
    ],
)
def test_bad_mappings_are_one_line_errors(spec, message):
    with pytest.raises(CorpusError, match=message):
        parse_columns(spec)


def test_unknown_target_lists_every_valid_one():
    with pytest.raises(CorpusError) as err:
        parse_columns({"body": "text"})
    assert str(err.value).endswith(f"(valid: {', '.join(MAPPABLE_COLUMNS)})")


def test_mapped_target_that_also_exists_is_an_error(tmp_path):
    path = tmp_path / "both.csv"
    path.write_text("id,text,body\na,one,two\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^both\.csv: field 'text': both 'body' \(mapped"):
        load_corpus(path, columns="text=body")


def test_validate_corpus_takes_the_mapping_and_leaves_the_input_alone():
    raw = pd.DataFrame({"key": ["a"], "content": ["Seoul and Tokyo met."]})
    before = raw.copy()
    docs = validate_corpus(raw, columns={"doc_id": "key", "text": "content"})
    pdt.assert_frame_equal(raw, before)
    assert docs["doc_id"].tolist() == ["a"] and docs["source_format"].tolist() == ["dataframe"]


def test_existing_aliases_are_the_documented_ones():
    assert COLUMN_ALIASES == {
        "id": "doc_id",
        "headline": "title",
        "body": "text",
        "date": "published",
    }


# ---- the same option on every command that takes a corpus ---------------------------

COMMANDS = {
    "corpus": ["corpus", "{path}", "--out", "{out}/c.csv"],
    "sentiment": ["sentiment", "{path}", "--out", "{out}/s.csv"],
    "frames": ["frames", "{path}", "--out", "{out}/f.csv"],
    "coding sheet": ["coding", "sheet", "{path}", "--out", "{out}/sheet.csv", "--n", "2"],
    "scale ingest": ["scale", "ingest", "{path}", "--out", "{out}/store", "--workers", "1",
                     "--no-progress", "--partition-by", "chunk"],
}  # fmt: skip


def _argv(name, path, out, spec):
    argv = [a.format(path=path, out=out) for a in COMMANDS[name]]
    return [*argv, "--columns", spec]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_corpus_command_takes_columns(name, own_csv, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    assert cli.main(_argv(name, own_csv, out, SPEC)) == 0, capsys.readouterr().err
    assert any(out.iterdir())


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_corpus_command_rejects_an_unknown_target_in_one_line(
    name, own_csv, tmp_path, capsys
):
    out = tmp_path / "out"
    out.mkdir()
    assert cli.main(_argv(name, own_csv, out, "txt=body")) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: columns: unknown target 'txt' (valid: doc_id, text,")
    assert err.count("\n") == 1
    assert not any(out.iterdir())  # nothing written


def test_corpus_command_output_uses_the_mapping(own_csv, tmp_path):
    assert (
        cli.main(["corpus", str(own_csv), "--out", str(tmp_path / "c.csv"), "--columns", SPEC]) == 0
    )
    written = pd.read_csv(tmp_path / "c.csv")
    assert written["outlet"].tolist() == ["Korea Herald", "Kyodo"]
    assert written["published_precision"].tolist() == ["day", "month"]


def test_report_parameters_carry_the_mapping_to_every_notebook(own_csv):
    jobs = plan_reports(cli_parameters=[f"corpus_columns={SPEC}"], corpus=own_csv)
    assert jobs and all(j.parameters["corpus_columns"] == SPEC for j in jobs)


def test_report_checks_the_corpus_with_the_mapping_before_any_kernel(own_csv, tmp_path, capsys):
    argv = ["report", "--corpus", str(own_csv), "--out", str(tmp_path / "r"),
            "--notebook", "corpus_overview"]  # fmt: skip
    assert cli.main([*argv, "--columns", "text=nothing"]) == 2
    err = capsys.readouterr().err
    assert (
        err == "error: own.csv: column 'nothing' (mapped to 'text') not found (found: 'id', "
        "'body', 'date', 'source', 'country', 'headline_text')\n"
    )
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("name", sorted(find_notebooks(config.NOTEBOOK_DIR)))
def test_every_notebook_declares_corpus_columns(name):
    notebook = find_notebooks(config.NOTEBOOK_DIR)[name]
    params = notebook_parameters(read_notebook(notebook))
    assert params["corpus_columns"].default == ""
    assert "columns=corpus_columns or None" in notebook.with_suffix(".py").read_text()
