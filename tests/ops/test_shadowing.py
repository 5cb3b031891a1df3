"""Another distribution's top-level ``spiders`` or ``pipelines`` package cannot shadow ours.

The impostors sit ahead of the project on the Python path (as an installed distribution does: Scrapy
appends the project directory to ``sys.path``, scrapyd appends the egg); the processes run outside
the checkout so the current directory does not put ours first. ``test_scrapyd.py`` checks the same
inside scrapyd jobs.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.support import cli
from tests.support.crawl import REPO_ROOT
from tests.support.scrapyd import fast_env, rfi_feeds

pytestmark = pytest.mark.integration

OUTLETS = {"20minutes", "france24", "franceinfo", "lefigaro", "lemonde", "liberation", "ouestfrance", "rfi"}


def run_python(args: list[str], impostors, cwd, **env: str) -> subprocess.CompletedProcess:
    environment = fast_env(
        PYTHONPATH=f"{impostors}:{REPO_ROOT}", SCRAPY_SETTINGS_MODULE="newsbot.settings", **env
    )
    return cli.run_python(args, env=environment, cwd=cwd, timeout=120)


def test_the_impostors_do_shadow_without_the_guard(impostors, tmp_path) -> None:
    """Control: on this path, a bare import finds the impostors (so the tests below can fail)."""
    result = run_python(
        ["-c", "import pipelines, spiders; print(pipelines.__file__, spiders.__file__)"], impostors, tmp_path
    )
    assert result.stdout.split() == [
        str(impostors / "pipelines" / "__init__.py"),
        str(impostors / "spiders" / "__init__.py"),
    ]


def test_scrapy_list_shows_our_spiders(impostors, tmp_path) -> None:
    result = run_python(["-m", "scrapy", "list"], impostors, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    names = set(result.stdout.split())
    assert names >= OUTLETS
    assert "impostor" not in names


def test_a_crawl_runs_our_pipelines(
    impostors, tmp_path, rfi_site, mongo_uri, mongo_db, mongo_db_name
) -> None:
    result = run_python(
        ["-m", "scrapy", "crawl", "rfi", "-a", f"feeds={rfi_feeds(rfi_site)}"],
        impostors,
        tmp_path,
        MONGO_URI=mongo_uri,
        MONGO_DATABASE=mongo_db_name,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert mongo_db.articles.count_documents({}) == 3
    assert mongo_db.runs.find_one({"spider": "rfi"})["dropped"]["not_french"] == 1


def test_an_impostor_imported_first_is_replaced(impostors, tmp_path) -> None:
    code = "import pipelines; import newsbot; import pipelines.boilerplate as b; print(b.__file__)"
    result = run_python(["-c", code], impostors, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(REPO_ROOT / "pipelines" / "boilerplate.py")
    assert "A foreign 'pipelines' package" in result.stderr
