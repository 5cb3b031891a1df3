"""Which spiders a scheduled crawl runs, with which arguments and concurrency (pure: no Scrapy run).

Shared by ``newsbot crawl`` (every outlet in one process) and ``newsbot schedule`` (one scrapyd
job per outlet).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class PlanError(ValueError):
    """The command line or a setting names an unknown spider or holds a malformed value."""


@dataclass(frozen=True)
class SpiderRun:
    """One spider of the plan: its ``-a`` arguments and its concurrent requests."""

    name: str
    concurrency: int
    args: Mapping[str, str] = field(default_factory=dict)

    def settings(self) -> dict[str, int]:
        """Per-outlet concurrency: requests in flight for this spider, all to the outlet's hosts."""
        return {"CONCURRENT_REQUESTS": self.concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": self.concurrency}


def outlet_spiders(spider_classes: Mapping[str, type[Any]]) -> list[str]:
    """Names of the spiders tied to an outlet profile (``outlet_id`` set), sorted.

    The generic ``news`` and the ``aggregator`` spiders need arguments and are not outlets.
    """
    return sorted(name for name, cls in spider_classes.items() if getattr(cls, "outlet_id", None))


def split_assignment(text: str, what: str) -> tuple[str, str]:
    """``"rfi=http://…"`` -> ``("rfi", "http://…")``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise PlanError(f"{what}: expected NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def parse_assignments(values: Iterable[str], what: str) -> dict[str, str]:
    """Repeated ``NAME=VALUE`` options -> a dict (a later value for a name wins)."""
    return dict(split_assignment(value, what) for value in values)


def _positive(text: str, what: str) -> int:
    try:
        number = int(text)
    except ValueError as exc:
        raise PlanError(f"{what}: {text!r} is not an integer") from exc
    if number < 1:
        raise PlanError(f"{what}: {number} must be at least 1")
    return number


def parse_concurrency(specs: Iterable[str]) -> tuple[int | None, dict[str, int]]:
    """``["4,rfi=8", "lefigaro=2"]`` -> ``(4, {"rfi": 8, "lefigaro": 2})``; later specs win."""
    default: int | None = None
    per_spider: dict[str, int] = {}
    for spec in specs:
        for part in (part.strip() for part in spec.split(",")):
            if not part:
                continue
            if "=" in part:
                name, value = split_assignment(part, "concurrency")
                per_spider[name] = _positive(value, f"concurrency of {name}")
            else:
                default = _positive(part, "concurrency")
    return default, per_spider


def plan_runs(
    selected: Sequence[str],
    known: Sequence[str],
    *,
    feeds: Mapping[str, str] | None = None,
    concurrency: Sequence[str] = (),
    configured_concurrency: str = "",
    fallback_concurrency: int = 4,
) -> list[SpiderRun]:
    """The runs for ``selected`` spiders.

    ``feeds`` and ``concurrency`` come from the command line: they may only name selected spiders.
    ``configured_concurrency`` (``NEWSBOT_OUTLET_CONCURRENCY``) may name any known spider; a value on
    the command line wins over it, and a command-line default (``N``) replaces it entirely.
    """
    feeds = feeds or {}
    configured_default, configured = parse_concurrency([configured_concurrency])
    default, per_spider = parse_concurrency(concurrency)
    unknown = sorted((set(selected) | set(feeds) | set(per_spider) | set(configured)) - set(known))
    if unknown:
        raise PlanError(f"unknown spider(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    not_run = sorted((set(feeds) | set(per_spider)) - set(selected))
    if not_run:
        raise PlanError(f"options given for spider(s) not in this run: {', '.join(not_run)}")
    if not selected:
        raise PlanError("no spider to run")
    if default is None:  # a command-line default replaces the whole configured value
        per_spider = {**configured, **per_spider}
        default = configured_default or fallback_concurrency
    return [
        SpiderRun(
            name=name,
            concurrency=per_spider.get(name, default),
            args={"feeds": feeds[name]} if name in feeds else {},
        )
        for name in dict.fromkeys(selected)
    ]


def add_plan_options(parser: argparse.ArgumentParser) -> None:
    """The spider selection options shared by ``newsbot crawl`` and ``newsbot schedule``."""
    parser.add_argument("spiders", nargs="*", metavar="SPIDER", help="spiders to run (or --all)")
    parser.add_argument("--all", action="store_true", help="every outlet spider (not news, aggregator)")
    parser.add_argument(
        "--feeds",
        action="append",
        default=[],
        metavar="SPIDER=URL[,URL…]",
        help="replace a spider's feeds (e.g. with a local mirror's); repeatable",
    )
    parser.add_argument(
        "--concurrency",
        action="append",
        default=[],
        metavar="N|SPIDER=N",
        help="concurrent requests per outlet (default: NEWSBOT_OUTLET_CONCURRENCY); repeatable",
    )
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting; repeatable"
    )


def plan_from_args(
    args: argparse.Namespace, spider_classes: Mapping[str, type[Any]], configured_concurrency: str = ""
) -> list[SpiderRun]:
    """The runs the command line asks for (:func:`add_plan_options`)."""
    if args.all == bool(args.spiders):
        raise PlanError("give either --all or spider names")
    return plan_runs(
        outlet_spiders(spider_classes) if args.all else args.spiders,
        list(spider_classes),
        feeds=parse_assignments(args.feeds, "--feeds"),
        concurrency=args.concurrency,
        configured_concurrency=configured_concurrency,
    )
