"""Execute one report notebook in its own kernel, safely beside other kernels.

Why report commands started at once used to die with "Kernel died before replying
to kernel_info": by default jupyter_client gives each kernel TCP ports that the
*launching* process finds free (it binds port 0, reads the number, closes the
socket) and writes into the connection file; the kernel binds them a moment later.
Two report commands starting kernels at the same moment can be handed the same
free port; the second kernel then fails to bind (``ZMQError: Address already in
use``) and exits before its first reply. Here every kernel talks over its own Unix
domain sockets instead (``transport = "ipc"``) in a fresh private folder, so no
port is shared and nothing can collide (``tests/test_kernel.py`` reproduces the death
with a taken port and runs three report commands at once). Where Unix sockets are
unavailable (not POSIX), TCP is kept and a kernel that dies before its first reply is
started once more. Report kernels also keep no IPython history (a SQLite file every
kernel of the user would otherwise share).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError
from traitlets.config import Config

from analysis.report.artifacts import FIGURE_FORMATS
from analysis.report.parameters import quiet_translators, read_notebook

log = logging.getLogger(__name__)

CELL_TIMEOUT_S = 600
START_TIMEOUT_S = 120
DIED = "Kernel died before replying to kernel_info"
# Quiet kernel, and no IPython history: report kernels need none, and a history database
# shared by kernels running at once is one more thing to lock. Figures in PNG (the HTML)
# and SVG (`report --export`).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"] + [
    f"--InlineBackend.figure_formats={fmt}" for fmt in FIGURE_FORMATS
]


class ReportKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, without the interrupt it sends before a shutdown.

    jupyter_client interrupts (SIGINT) every kernel it is about to shut down. A report's
    kernel is shut down only after its last cell has run, or after nbclient has itself
    interrupted a cell that ran past the timeout, so there is nothing left to interrupt;
    the signal then landed while the kernel handled the shutdown request, and the kernel
    printed "ERROR | KeyboardInterrupt caught in kernel." on the report command's
    terminal. The interrupt nbclient sends on a timeout is not this one and still goes.
    """

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


def kernel_config(socket_dir: str | None) -> Config:
    """The kernel manager's configuration: Unix sockets under ``socket_dir`` (None: TCP),
    and ``ReportKernelManager``."""
    config = Config()
    config.NotebookClient.kernel_manager_class = ReportKernelManager
    if socket_dir is not None:
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(socket_dir) / "kernel")
    return config


def _execute(nb, out: Path, *, parameters: dict, cwd: Path, socket_dir: str | None):
    # The kernel starts in ``cwd`` through nbclient's ``resources`` (its documented
    # run path), not papermill's ``cwd=``: that changes the whole process's working
    # directory, and with --jobs two threads restoring it in the wrong order left the
    # caller in the notebook folder (relative paths then failed after a render).
    with quiet_translators():
        return papermill.execute_notebook(
            nb,
            str(out),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            resources={"metadata": {"path": str(cwd)}},
            start_timeout=START_TIMEOUT_S,
            execution_timeout=CELL_TIMEOUT_S,
            extra_arguments=KERNEL_ARGUMENTS,
            config=kernel_config(socket_dir),
        )


def run_notebook(path: Path, out: Path, *, parameters: dict):
    """Execute the notebook at ``path`` with ``parameters`` in its folder; write it to ``out``.

    Returns:
        The executed notebook. Raises ``PapermillExecutionError`` when a cell fails.
    """
    nb = read_notebook(path)
    options = {"parameters": dict(parameters), "cwd": Path(path).parent}
    if os.name == "posix":
        with tempfile.TemporaryDirectory(prefix="kj-kernel-") as sockets:
            return _execute(nb, out, socket_dir=sockets, **options)
    try:
        return _execute(nb, out, socket_dir=None, **options)
    except RuntimeError as exc:
        if DIED not in str(exc):
            raise
        log.warning("%s: %s; starting the kernel once more", path.name, exc)
        return _execute(read_notebook(path), out, socket_dir=None, **options)


def execute_job(job, executed: Path):
    """Run the notebook of ``job`` (a ``ReportJob``); the executed notebook goes to
    ``executed`` atomically, also when a cell fails, so the failure can be inspected.

    Returns:
        The executed notebook. Raises ``PapermillExecutionError`` when a cell fails.
    """
    executed.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{executed.stem}.tmp-", suffix=".ipynb", dir=executed.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        nb = run_notebook(job.path, tmp, parameters=job.parameters)
    except PapermillExecutionError:
        if tmp.stat().st_size:
            os.replace(tmp, executed)  # keep the failed run for inspection
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, executed)
    return nb
