"""Report kernels beside each other: why one died before replying to kernel_info, and that
report commands started at once into one folder all succeed (analysis.report.kernel)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from traitlets.config import Config

from analysis import config
from analysis.cli import main
from analysis.report.index import list_reports
from analysis.report.kernel import DIED, kernel_config, run_notebook

PROBE = (
    "from ipykernel import get_connection_info\n"
    "import IPython\n"
    "info = get_connection_info(unpack=True)\n"
    "(info['transport'], info['ip'], IPython.get_ipython().history_manager.enabled)"
)
TINY = """# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Tiny {name}

# %% tags=["parameters"]
corpus_path: str = ""  # corpus file or folder; empty = the sample corpus
kind: str = ""  # only this kind of document

# %%
print("{name}", kind)
"""


def _notebook(source: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    return nb


def test_kernel_config_uses_private_unix_sockets(tmp_path):
    cfg = kernel_config(str(tmp_path))
    assert cfg.KernelManager.transport == "ipc"
    assert cfg.KernelManager.ip == str(tmp_path / "kernel")
    assert "transport" not in kernel_config(None).KernelManager


@pytest.mark.slow
def test_a_port_taken_before_the_kernel_binds_it_is_the_death_before_kernel_info(tmp_path):
    """The race of parallel report commands, made certain: the launcher chose a free TCP port
    and something else took it before the kernel bound it."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    cfg = Config()
    cfg.KernelManager.cache_ports = False
    cfg.KernelManager.shell_port = taken.getsockname()[1]
    try:
        with pytest.raises(RuntimeError, match=DIED):
            papermill.execute_notebook(
                _notebook("1 + 1"), str(tmp_path / "out.ipynb"), kernel_name="python3",
                progress_bar=False, config=cfg, start_timeout=120,
            )  # fmt: skip
    finally:
        taken.close()


@pytest.mark.slow
def test_report_kernels_talk_over_unix_sockets_and_keep_no_history(tmp_path):
    nbformat.write(_notebook(PROBE), tmp_path / "probe.ipynb")
    out = run_notebook(tmp_path / "probe.ipynb", tmp_path / "out.ipynb", parameters={})
    transport, ip, history = eval(out.cells[0].outputs[0]["data"]["text/plain"])  # noqa: S307
    assert transport == "ipc" and "kj-kernel-" in ip and history is False
    assert not list(tmp_path.glob("kernel-ipc*"))  # no socket files beside the notebook


def _signals_sent(manager_class, tmp_path) -> list[int]:
    """The signals the kernel manager sent to one notebook's kernel, start to shutdown."""
    sent: list[int] = []

    class Recording(manager_class):
        async def _async_signal_kernel(self, signum):
            sent.append(signum)
            await super()._async_signal_kernel(signum)

    tmp_path.mkdir()
    cfg = kernel_config(str(tmp_path))
    cfg.NotebookClient.kernel_manager_class = Recording
    nbformat.write(_notebook("1 + 1"), tmp_path / "probe.ipynb")
    papermill.execute_notebook(
        str(tmp_path / "probe.ipynb"), str(tmp_path / "out.ipynb"), kernel_name="python3",
        progress_bar=False, config=cfg, start_timeout=120,
    )  # fmt: skip
    return sent


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX kernels are interrupted by SIGINT")
def test_a_finished_report_kernel_is_shut_down_without_an_interrupt(tmp_path):
    # jupyter_client interrupts every kernel before asking it to shut down; the SIGINT
    # landed while the kernel handled that request and it printed "KeyboardInterrupt
    # caught in kernel." on the report command's terminal. Report kernels get none.
    import signal

    from jupyter_client.manager import AsyncKernelManager

    from analysis.report.kernel import ReportKernelManager

    assert kernel_config(None).NotebookClient.kernel_manager_class is ReportKernelManager
    assert signal.SIGINT not in _signals_sent(ReportKernelManager, tmp_path / "report")
    # jupyter_client's own manager does send it (so this test can fail)
    assert signal.SIGINT in _signals_sent(AsyncKernelManager, tmp_path / "plain")


@pytest.fixture
def tiny_notebooks(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("alpha", "beta"):
        (folder / f"{name}.py").write_text(TINY.replace("{name}", name), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_three_report_commands_at_once_into_one_folder_all_succeed(tiny_notebooks, tmp_path):
    out = tmp_path / "reports"
    command = [sys.executable, "-m", "analysis", "report", "--notebook-dir", str(tiny_notebooks),
               "--out", str(out), "--force"]  # fmt: skip
    runs = [command + ["-p", f"kind={kind}"] for kind in ("news", "statement", "official_readout")]
    procs = [
        subprocess.Popen(run, cwd=config.PROJECT_ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for run in runs
    ]  # fmt: skip
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0, 0], results
    reports = list_reports(out)
    assert sorted(reports["slug"]) == sorted(
        f"{name}--kind-{kind}" for name in ("alpha", "beta")
        for kind in ("news", "statement", "official_readout")
    )  # fmt: skip
    index = (out / "index.html").read_text(encoding="utf-8")
    for slug in reports["slug"]:
        assert index.count(f'href="{slug}.html"') == 1
    assert set(reports["status"]) == {"ok"}


@pytest.mark.slow
def test_jobs_renders_in_parallel_and_lists_each_report_once(tiny_notebooks, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(["report", "--notebook-dir", str(tiny_notebooks), "--out", str(out), "--jobs", "2"])
    assert code == 0
    assert capsys.readouterr().out.count("rendered: ") == 2
    records = [json.loads(p.read_text()) for p in (out / "_executed").glob("*.json")]
    assert sorted(r["slug"] for r in records) == ["alpha", "beta"]


def test_jobs_must_be_positive(tiny_notebooks, tmp_path, capsys):
    code = main(["report", "--notebook-dir", str(tiny_notebooks), "--out", str(tmp_path), "--jobs",
                 "0"])  # fmt: skip
    assert code == 2 and "--jobs must be at least 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("News", "parameter 'kind': no document has kind 'News'; the corpus has: statement (28)"),
        ("News", "(did you mean 'news'?)"),
        ("memo", "official_readout (16)"),
    ],
)
def test_a_filter_value_that_selects_nothing_is_an_error_naming_the_values(
    tiny_notebooks, tmp_path, capsys, value, message
):
    code = main(["report", "--notebook-dir", str(tiny_notebooks), "--out", str(tmp_path / "r"),
                 "-p", f"kind={value}"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r").exists()  # nothing ran, nothing written
