"""Re-exports that import their module on first use (``analysis`` and ``analysis.scale``).

A package's ``__init__`` lists where each public name lives and gets its module-level
``__getattr__`` and ``__dir__`` from ``lazy_exports``, so ``import analysis`` stays
fast and ``analysis.score_sentiment`` still works.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, home: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load lazily.

    Args:
        package: the package's name (for the error message).
        home: public name -> the module that defines it.
        namespace: the package's ``globals()``; a loaded name is stored there, so the
            module is imported once.

    Returns:
        ``(__getattr__, __dir__)`` to assign in the package's ``__init__``.
    """

    def __getattr__(name: str) -> Any:
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(home))

    return __getattr__, __dir__
