"""The tutorial notebook, run as a new researcher would: on their own small CSV, with an
output folder of their own; the figure and the table land there."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from analysis.report.runner import plan_reports, render_reports

TEXTS = [
    "Seoul and Tokyo agreed to restore their intelligence-sharing pact, a welcome step.",
    "Officials in Tokyo criticised the court ruling on wartime labour as deeply regrettable.",
    "The summit produced warm words but no agreement on the disputed islands.",
    "Trade ministers praised the removal of export controls on chip materials.",
]


@pytest.mark.slow
def test_tutorial_on_a_researchers_own_csv(tmp_path):
    rows = [
        {"doc_id": f"my-{i}", "text": TEXTS[i % 4] + f" Report {i}.", "title": f"Report {i}",
         "outlet": f"Paper {i % 6}", "outlet_country": ["KR", "JP"][i % 2],
         "published": f"2023-0{1 + i % 9}-15", "kind": "news"}
        for i in range(14)
    ]  # fmt: skip
    csv = tmp_path / "my_articles.csv"
    pd.DataFrame(rows).to_csv(csv, index=False)
    out = tmp_path / "paper"
    jobs = plan_reports(notebooks=["tutorial"], corpus=csv, cli_parameters=[f"out_dir={out}"])
    result = render_reports(jobs, out_dir=tmp_path / "reports")[0]
    assert result.status == "rendered", result.message
    assert sorted(p.name for p in out.iterdir()) == [
        "tone_model.csv", "tone_model.pdf", "tone_model.png", "tone_model.svg", "tone_model.tex",
    ]  # fmt: skip
    model = pd.read_csv(out / "tone_model.csv")
    assert "C(outlet_country)[T.KR]" in set(model["term"]) and model["n_obs"].iloc[0] == 14
    assert "\\toprule" in (out / "tone_model.tex").read_text()
    executed = tmp_path / "reports" / "_executed" / f"{result.html.stem}.ipynb"
    outputs = [o for c in nbformat.read(executed, as_version=4).cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("name") == "stderr" or o.output_type == "error"]
    assert str(csv) not in result.html.read_text()  # the corpus shown by name, not machine path
