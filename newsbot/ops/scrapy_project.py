"""The newsbot Scrapy project as the operations commands see it: settings and spider classes."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scrapy import Spider
from scrapy.settings import BaseSettings, Settings
from scrapy.spiderloader import SpiderLoaderProtocol, get_spider_loader
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


class UsageProblem(ValueError):
    """An ordinary mistake on the command line or in a setting: reported in one line, exit code 2."""


def spider_class(loader: SpiderLoaderProtocol, name: str) -> type[Spider]:
    """The spider called ``name``, or :class:`UsageProblem` listing the ones that exist."""
    try:
        return loader.load(name)
    except KeyError:
        known = ", ".join(sorted(loader.list()))
        raise UsageProblem(f"unknown spider {name!r} (expected one of: {known})") from None


def check_spider_arguments(spidercls: type[Spider], arguments: Mapping[str, Any]) -> None:
    """Build the spider once without a crawler, so a bad ``-a`` value stops the command before any
    crawl starts (the spiders' constructors only parse their arguments)."""
    try:
        spidercls(**arguments)
    except ValueError as exc:  # SpiderArgumentError, or a date window that is not one
        raise UsageProblem(str(exc)) from None


def check_settings(settings: BaseSettings) -> None:
    """Read the settings the crawl components will read, so a malformed one is reported in one line."""
    from newsbot.ops.run_report import health_policy  # imports the storage layer: only when checking
    from newsbot.storage.config import MongoConfig

    try:
        MongoConfig.from_settings(settings)
        health_policy(settings)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    zone = settings.get("NEWSBOT_TIMEZONE") or "Europe/Paris"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageProblem(
            f"NEWSBOT_TIMEZONE: expected a zone name such as Europe/Paris, got {zone!r}"
        ) from None
