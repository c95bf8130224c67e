"""Package layout that pyproject.toml cannot declare: inputs shipped inside the package.

The codebooks, sample corpus, validation sets and models live in ``data/`` and the
report notebooks in ``notebooks/`` (folders show the data flow). So that an installed
package works outside the repository, they are packaged as ``analysis/_data`` and
``analysis/_notebooks``; ``analysis.config`` reads them from there when no checkout is
beside the package. ``data/raw`` and ``data/processed`` (the user's files) are not shipped.
"""

from setuptools import find_packages, setup

RESOURCES = ["codebooks/*", "sample/*", "validation/*", "models/*", "outlets.yaml"]

setup(
    packages=[*find_packages(include=["analysis*"]), "analysis._data", "analysis._notebooks"],
    package_dir={"analysis._data": "data", "analysis._notebooks": "notebooks"},
    package_data={
        "analysis": ["templates/**/*"],
        "analysis._data": RESOURCES,
        "analysis._notebooks": ["*.py", "*.ipynb"],
    },
)
