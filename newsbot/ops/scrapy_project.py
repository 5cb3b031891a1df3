"""The newsbot Scrapy project as the operations commands see it: settings and spider classes."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from scrapy import Spider
from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from newsbot.ops.crawl_plan import SpiderRun, plan_from_args

SETTINGS_MODULE = "newsbot.settings"


def project_settings(overrides: Mapping[str, str] | None = None) -> Settings:
    """newsbot's settings (environment included) wherever the command runs, plus ``-s`` overrides."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE)
    settings = get_project_settings()
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


def spider_classes(settings: Settings) -> dict[str, type[Spider]]:
    """Every spider of the project by name."""
    loader = get_spider_loader(settings)
    return {name: loader.load(name) for name in loader.list()}


def planned_runs(args: argparse.Namespace, settings: Settings) -> list[SpiderRun]:
    """The runs ``newsbot crawl``/``schedule`` arguments ask for, per-outlet concurrency included."""
    configured = settings.get("NEWSBOT_OUTLET_CONCURRENCY") or ""
    return plan_from_args(args, spider_classes(settings), configured)
