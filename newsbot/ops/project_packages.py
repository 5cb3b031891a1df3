"""Our top-level ``spiders`` and ``pipelines`` packages cannot be shadowed by another distribution's.

Scrapy's layout puts them at the top level, beside ``newsbot``, and names that generic are taken
by other distributions. Without this guard the first ``spiders``/``pipelines`` on ``sys.path``
wins, and ours usually come last: Scrapy *appends* the project directory to ``sys.path``, scrapyd
*appends* the deployed egg, and setuptools' editable finder runs after the path finder.

:func:`install` (called when ``newsbot`` is imported, which ``newsbot.settings`` always is before
Scrapy loads spiders or pipelines) puts a finder first on ``sys.meta_path`` that resolves these two
names in the directory or egg that holds ``newsbot`` itself; their submodules follow through the
package ``__path__``. A foreign package already imported under one of the names is evicted (with a
warning) so the next import gets ours.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import logging
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

logger = logging.getLogger(__name__)

PROJECT_PACKAGES = ("spiders", "pipelines")


def project_root() -> str:
    """The directory (or egg file) holding the ``newsbot`` package."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # newsbot/ (we are newsbot/ops/)
    return os.path.dirname(package)


class ProjectPackageFinder(importlib.abc.MetaPathFinder):
    """Finds ``names`` in ``root`` only (a directory or a zipped egg), before any other finder."""

    def __init__(self, root: str, names: Sequence[str] = PROJECT_PACKAGES) -> None:
        self.root = root
        self.names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.machinery.PathFinder.find_spec(fullname, [self.root])

    def owns(self, module: ModuleType) -> bool:
        """Whether ``module`` was loaded from ``root``."""
        location = getattr(module, "__file__", None) or ""
        return os.path.abspath(location).startswith(os.path.join(self.root, ""))


def _evict_foreign(finder: ProjectPackageFinder) -> None:
    for name in finder.names:
        module = sys.modules.get(name)
        if module is None or finder.owns(module) or finder.find_spec(name) is None:
            continue
        logger.warning(
            "A foreign %r package (%s) was imported before newsbot; using newsbot's own from %s",
            name,
            getattr(module, "__file__", module),
            finder.root,
        )
        for loaded in [key for key in sys.modules if key == name or key.startswith(f"{name}.")]:
            del sys.modules[loaded]


def install(root: str | None = None) -> ProjectPackageFinder | None:
    """Put the finder first on ``sys.meta_path`` (idempotent); ``None`` when ``root`` has neither package."""
    finder = ProjectPackageFinder(root or project_root())
    if not any(finder.find_spec(name) for name in finder.names):
        return None  # newsbot installed as a library without the Scrapy project packages
    for existing in sys.meta_path:
        if isinstance(existing, ProjectPackageFinder) and existing.root == finder.root:
            return existing
    sys.meta_path.insert(0, finder)
    _evict_foreign(finder)
    return finder
