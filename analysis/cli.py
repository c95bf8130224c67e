"""Command line: ``python -m analysis <command> ...``.

Each subcommand lives beside the code it drives: a module in ``COMMAND_MODULES``
exposes ``register(subparsers)`` which adds its parser and sets ``func``. This
module only owns the shared contract: a one-line ``error: ...`` on stderr and
exit status 2 for bad input (1 for an unexpected failure), a traceback only
with ``--debug``.

Start-up imports only what the command uses: ``COMMANDS`` names the module
that registers each command, and ``main`` imports that module alone (so
``python -m analysis sentiment`` never imports scipy, statsmodels or
matplotlib). Without a command (``--help``), or for a command missing from
``COMMANDS``, every module in ``COMMAND_MODULES`` is registered, as before.
A new command is a line in both (tests/test_cli.py checks they agree).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import warnings
from pathlib import Path

COMMAND_MODULES = (
    "analysis.corpus",
    "analysis.sentiment",
    "analysis.framing",
    "analysis.terms",
    "analysis.coding",
    "analysis.compare",
    "analysis.events",
    "analysis.report",
    "analysis.scale",
    "analysis.browser",
    "analysis.info",
    "analysis.explore",
)
# command -> the module whose register() adds it
COMMANDS = {
    "corpus": "analysis.corpus",
    "sentiment": "analysis.sentiment",
    "tone": "analysis.sentiment",
    "frames": "analysis.framing",
    "terms": "analysis.terms",
    "coding": "analysis.coding",
    "compare": "analysis.compare",
    "events": "analysis.events",
    "report": "analysis.report",
    "scale": "analysis.scale",
    "check-browser": "analysis.browser",
    "info": "analysis.info",
    "explore": "analysis.explore",
}
_GLOBAL_FLAGS = frozenset({"--debug", "-v", "--verbose", "-h", "--help"})
COMMAND_HOMES = COMMANDS  # the name main's tone merge used for the same table


class UserError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


def _register(sub, name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return  # module not written yet
        raise
    register = getattr(module, "register", None)
    if register is not None:
        register(sub)


def add_workers_argument(parser: argparse.ArgumentParser) -> None:
    """``--workers N`` of a command that scores documents (``args.workers``; None: all cores)."""
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes to score with (default: all cores; a small corpus uses one)",
    )


def command_of(argv: list[str]) -> str | None:
    """The command named in ``argv`` (the first word that is not a global flag), or None."""
    for word in argv:
        if word not in _GLOBAL_FLAGS:
            return None if word.startswith("-") else word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: only ``command``'s module when it is in ``COMMANDS``, else all.

    Args:
        command: the command about to run (``command_of(argv)``); None registers
            every command (what ``--help`` lists).

    Returns:
        The parser; each subcommand sets ``func``.
    """
    invoked = Path(sys.argv[0]).name
    parser = argparse.ArgumentParser(
        prog=invoked if invoked == "kj-discourse" else "python -m analysis",
        description="Tone and framing of Korea-Japan relations coverage: corpus, scores, reports.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    module = COMMANDS.get(command) if command else None
    for name in [module] if module in COMMAND_MODULES else COMMAND_MODULES:
        _register(sub, name)
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning on the command line: one ``warning: ...`` line on stderr (a skipped page,
    a group too small), not Python's file-and-source-line format."""
    sys.stderr.write(f"warning: {' '.join(str(message).split())}\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:2] == ["scale", "run"]:  # every result cached: answered without pandas
        from analysis.scale.rerun import rerun_from_cache

        quick = rerun_from_cache(argv)
        if quick is not None:
            return quick
    parser = build_parser(command_of(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning  # "warning: ..." without source lines
            return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except (UserError, ValueError, FileNotFoundError, UnicodeDecodeError) as exc:
        if args.debug:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"error: {message}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the one place that turns failures into exit codes
        if args.debug:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(
            f"error: {type(exc).__name__}: {message} (rerun with --debug for a traceback)",
            file=sys.stderr,
        )
        return 1
