"""Command line: ``python -m analysis <command> ...``.

Each subcommand lives beside the code it drives: a module in ``COMMAND_MODULES``
exposes ``register(subparsers)`` which adds its parser and sets ``func``. This
module only owns the shared contract: a one-line ``error: ...`` on stderr and
exit status 2 for bad input (1 for an unexpected failure), a traceback only
with ``--debug``.
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


# Commands whose module is known: only that module is imported to run them, so a
# command loads what it uses (start-up time). Any other command imports them all.
COMMAND_HOMES = {"sentiment": "analysis.sentiment", "tone": "analysis.sentiment"}


class UserError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


def _command_modules(argv: list[str] | None) -> tuple[str, ...]:
    words = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")]
    home = COMMAND_HOMES.get(words[0]) if words else None
    return (home,) if home else COMMAND_MODULES


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    invoked = Path(sys.argv[0]).name
    parser = argparse.ArgumentParser(
        prog=invoked if invoked == "kj-discourse" else "python -m analysis",
        description="Tone and framing of Korea-Japan relations coverage: corpus, scores, reports.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _command_modules(argv) if argv is not None else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # module not written yet
            raise
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning on the command line: one ``warning: ...`` line on stderr (a skipped page,
    a group too small), not Python's file-and-source-line format."""
    sys.stderr.write(f"warning: {' '.join(str(message).split())}\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(sys.argv[1:] if argv is None else argv)
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
