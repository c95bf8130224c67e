"""Report notebooks and their parameters: discovery, the declared API, strict checking.

A notebook's API is its ``parameters`` cell (``name: type = value  # help``),
read with ``papermill.inspect_notebook``. Papermill only warns about unknown
parameters; here an unknown name or a value of the wrong type is an error that
names the parameter, raised before anything runs.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import papermill
import yaml

log = logging.getLogger(__name__)

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
TRUE_WORDS = {"true", "yes", "1", "on"}
FALSE_WORDS = {"false", "no", "0", "off"}


class ReportError(ValueError):
    """Bad report input (notebook, parameter, parameter file): one line, exit status 2."""


@dataclass(frozen=True)
class Parameter:
    """One entry of a notebook's ``parameters`` cell."""

    name: str
    type_name: str  # as written in the annotation ("str", "int", "list[str]"), or "None"
    default: object
    help: str


def find_notebooks(directory: Path) -> dict[str, Path]:
    """Return ``{name: path}`` of the report notebooks in ``directory``, sorted by name.

    A jupytext ``.py`` (the source of truth) wins over its paired ``.ipynb``.
    """
    found: dict[str, Path] = {}
    for path in sorted(Path(directory).glob("*.ipynb")):
        found[path.stem] = path
    for path in sorted(Path(directory).glob("*.py")):
        if path.read_text(encoding="utf-8").lstrip().startswith("# ---"):
            found[path.stem] = path
    return dict(sorted(found.items()))


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a ``.ipynb`` or jupytext ``.py`` notebook; the kernel is always ``python3``."""
    try:
        nb = jupytext.read(path) if path.suffix == ".py" else nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any parse failure is bad input here
        raise ReportError(f"{path}: cannot read notebook: {exc}") from exc
    nb.metadata["kernelspec"] = dict(KERNEL)
    return nb


@contextlib.contextmanager
def quiet_translators():
    """Silence papermill's "unable to parse line" (``notebook_parameters`` says it clearer)."""
    translator_log = logging.getLogger("papermill.translators")
    level = translator_log.level
    translator_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        translator_log.setLevel(level)


def _parameters_cell(nb: nbformat.NotebookNode):
    return next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)


def _ast_parameters(source: str) -> dict[str, Parameter]:
    """Read ``name: type = literal  # help`` lines with Python's parser (papermill's regex
    gives up on a line with two ``=``, e.g. ``= ""  # empty = sample``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ReportError(f"parameters cell: line {exc.lineno}: not valid Python") from exc
    lines = source.splitlines()
    found = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            name, type_name = node.target.id, ast.unparse(node.annotation)
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            name, type_name = node.targets[0].id, "None"
        else:
            continue
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            default = ast.unparse(node.value)
        line = lines[node.end_lineno - 1]
        comment = line[node.end_col_offset :].partition("#")[2].strip()
        found[name] = Parameter(name, type_name, default, comment)
    return found


def notebook_parameters(nb: nbformat.NotebookNode) -> dict[str, Parameter]:
    """Return the parameters declared in the notebook's ``parameters`` cell, in order.

    ``papermill.inspect_notebook`` reads them; a line it cannot read (two ``=``) is
    read with Python's parser instead, with a warning.
    """
    params = {}
    with quiet_translators():
        inspected = papermill.inspect_notebook(nb)
    for name, info in inspected.items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        params[name] = Parameter(name, info["inferred_type_name"], default, info["help"])
    cell = _parameters_cell(nb)
    parsed = _ast_parameters(cell.source) if cell is not None else {}
    for name in parsed.keys() - params.keys():
        log.warning(
            "parameter %r: papermill cannot read its line (no '=' in the help comment)", name
        )
    order = dict.fromkeys([*parsed, *params])
    return {name: params.get(name) or parsed[name] for name in order}


def _base_type(param: Parameter) -> type | None:
    declared = re.split(r"[\[|]", param.type_name.replace("Optional[", ""))[0].strip()
    known = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}
    if declared in known:
        return known[declared]
    if declared in {"None", ""} and param.default is not None:
        return type(param.default) if type(param.default) in known.values() else None
    return None


def _type_label(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


def check_value(param: Parameter, value: object, *, where: str) -> object:
    """Return ``value`` if it fits ``param``'s declared type (int is accepted for float).

    Raises:
        ReportError: naming ``where`` and the parameter.
    """
    expected = _base_type(param)
    if expected is None or (value is None and param.default is None):
        return value
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
        return value
    hint = " (quote it in YAML)" if isinstance(value, dt.date) and expected is str else ""
    raise ReportError(
        f"{where}: parameter '{param.name}' expects {param.type_name}, "
        f"got {_type_label(value)}{hint}"
    )


def parse_value(param: Parameter, text: str, *, where: str) -> object:
    """Parse a ``-p name=value`` string to the parameter's declared type.

    Raises:
        ReportError: naming ``where`` and the parameter when the text does not parse.
    """
    expected = _base_type(param)
    bad = ReportError(f"{where}: parameter '{param.name}' expects {param.type_name}, got {text!r}")
    if expected is str:
        return text
    if expected is bool:
        if text.lower() in TRUE_WORDS | FALSE_WORDS:
            return text.lower() in TRUE_WORDS
        raise bad
    if expected in (int, float):
        try:
            return expected(text)
        except ValueError:
            raise bad from None
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        raise bad from None
    return check_value(param, value, where=where)


def check_parameters(
    name: str, declared: dict[str, Parameter], values: dict[str, object], *, where: str
) -> dict[str, object]:
    """Return ``values`` checked against ``declared``: unknown names and wrong types raise."""
    checked = {}
    for key, value in values.items():
        if key not in declared:
            known = ", ".join(declared) or "none"
            raise ReportError(
                f"{where}: notebook '{name}' has no parameter '{key}' (known: {known})"
            )
        checked[key] = check_value(declared[key], value, where=where)
    return checked


def parse_cli_parameters(
    items: list[str], name: str, declared: dict[str, Parameter]
) -> dict[str, object]:
    """Parse ``-p key=value`` items for notebook ``name``; unknown keys and bad values raise."""
    values = {}
    for item in items:
        key, sep, text = item.partition("=")
        where = f"-p {item}"
        if not sep or not key.strip():
            raise ReportError(f"{where}: expected key=value")
        key = key.strip()
        if key not in declared:
            check_parameters(name, declared, {key: text}, where=where)
        values[key] = parse_value(declared[key], text, where=where)
    return values


def load_params_file(path: Path) -> tuple[str, dict[str, object]]:
    """Read a parameter file: ``notebook: NAME`` and ``parameters: {key: value}``.

    Returns:
        The notebook name and the (unchecked) parameter values.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReportError(
            f"{path}: cannot read parameter file: {' '.join(str(exc).split())}"
        ) from exc
    if not isinstance(data, dict):
        raise ReportError(f"{path}: expected a mapping with 'notebook' and 'parameters'")
    unknown = sorted(set(data) - {"notebook", "parameters"})
    if unknown:
        raise ReportError(f"{path}: field {unknown[0]!r}: unknown (expected notebook, parameters)")
    notebook = data.get("notebook")
    if not isinstance(notebook, str) or not notebook:
        raise ReportError(f"{path}: field 'notebook': missing or not a name")
    params = data.get("parameters") or {}
    if not isinstance(params, dict):
        raise ReportError(f"{path}: field 'parameters': expected a mapping of name: value")
    return notebook, params
