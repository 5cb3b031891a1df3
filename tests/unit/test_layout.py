"""The installed code never imports the benchmarks or the tests, and storage does not import analytics."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def imports_under(folder: str) -> dict[str, set[str]]:
    return {str(path.relative_to(REPO)): imported_modules(path) for path in (REPO / folder).rglob("*.py")}


@pytest.mark.parametrize("package", ["newsbot", "spiders", "pipelines"])
def test_runtime_code_imports_neither_benchmarks_nor_tests(package: str) -> None:
    offenders = {
        path: sorted(name for name in names if name.split(".")[0] in {"benchmarks", "tests"})
        for path, names in imports_under(package).items()
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_storage_does_not_import_analytics() -> None:
    offenders = {
        path: sorted(name for name in names if name.startswith("newsbot.analytics"))
        for path, names in imports_under("newsbot/storage").items()
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_benchmarks_live_outside_the_package() -> None:
    assert not (REPO / "newsbot" / "bench").exists()
    assert (REPO / "benchmarks" / "__init__.py").is_file()
