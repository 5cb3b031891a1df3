"""scrapy.cfg deploy targets and the egg ``scrapyd-deploy`` builds from setup.py."""

from __future__ import annotations

import configparser
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.support.crawl import REPO_ROOT
from tests.support.scrapyd import fast_env

pytestmark = pytest.mark.integration


def test_deploy_targets_have_no_trailing_slash() -> None:
    config = configparser.RawConfigParser()
    config.read(REPO_ROOT / "scrapy.cfg")
    targets = [
        section for section in config.sections() if section == "deploy" or section.startswith("deploy:")
    ]
    assert targets, "scrapy.cfg has no [deploy] target"
    for section in targets:
        url = config[section]["url"]
        assert not url.endswith("/"), (
            f"[{section}] url {url!r} ends with a slash: scrapyd-client breaks on it"
        )
        assert config[section].get("project") == "newsbot"
    assert config["settings"]["default"] == "newsbot.settings"


@pytest.fixture(scope="module")
def egg(
    project_copy: Path, scrapyd_deploy: Path, tmp_path_factory: pytest.TempPathFactory
) -> zipfile.ZipFile:
    path = tmp_path_factory.mktemp("egg") / "newsbot.egg"
    result = subprocess.run(
        [str(scrapyd_deploy), "--build-egg", str(path)],
        cwd=project_copy,
        env=fast_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(path) as archive:
        yield archive


def test_egg_holds_the_three_packages_and_not_the_tests(egg: zipfile.ZipFile) -> None:
    names = egg.namelist()
    assert {name.split("/")[0] for name in names} == {"EGG-INFO", "newsbot", "spiders", "pipelines"}
    for module in (
        "newsbot/settings.py",
        "newsbot/ops/run_report.py",
        "spiders/outlets.py",
        "pipelines/mongo.py",
    ):
        assert module in names
    assert not [name for name in names if name.startswith("tests/") or "/tests/" in name]
    entry_points = egg.read("EGG-INFO/entry_points.txt").decode()
    assert "settings = newsbot.settings" in entry_points


def test_egg_holds_every_data_file_newsbot_reads(egg: zipfile.ZipFile, project_copy: Path) -> None:
    package = project_copy / "newsbot"
    data_files = sorted(
        str(path.relative_to(project_copy))
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"}
    )
    missing = sorted(set(data_files) - set(egg.namelist()))
    assert not missing, f"not in the egg (add them to setup.py package_data): {missing}"


def test_egg_is_runtime_code_only(egg: zipfile.ZipFile) -> None:
    """Benchmarks and their data live in the top-level ``benchmarks/`` package, outside every egg."""
    names = egg.namelist()
    assert not [name for name in names if name.startswith("benchmarks/") or "/bench/" in name]
    assert not [name for name in names if name.endswith((".tsv", ".html"))]
    assert all(name.endswith(".py") or name.startswith("EGG-INFO/") for name in names), "runtime code only"
    # A budget against regressions, not the 220 KB target: the egg was 208 KB once benchmarks left it;
    # the history wing, the warc spider, the one aggregator parser and the operations commands then
    # added ~58 KB of runtime code. Growth past this needs a look at what was added.
    size = Path(egg.filename).stat().st_size
    assert size <= 280 * 1024, f"the egg is {size / 1024:.0f} KB (budget 280 KB)"
