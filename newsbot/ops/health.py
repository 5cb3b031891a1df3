"""Health of one crawl, judged from its summary (pure: no Scrapy, no I/O).

A run is healthy when it stored something whenever its feeds announced articles, when no drop
reason takes more than its share of the items, and when the stored items carry the fields analysts
need (title, body, publication date…) often enough. ``check_health`` returns every check with its
figure and threshold so the verdict can be logged, stored in the ``runs`` document and turned into a
process exit code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

OK, FAILED, SKIPPED = "ok", "failed", "skipped"

EXIT_UNHEALTHY = 3
"""Process exit code of a crawl that failed its health checks (Scrapy itself uses 1 and 2)."""

ANY_REASON = "*"

DEFAULT_MAX_DROP_SHARE: dict[str, float] = {
    ANY_REASON: 0.5,
    # Duplicates are the dedup layers doing their job (feeds and sitemaps overlap, wires are reprinted).
    "duplicate_url": 1.0,
    "duplicate_content": 1.0,
    # Extraction and storage failures are bugs or site changes: a few are already news.
    "extraction_error": 0.1,
    "invalid_document": 0.1,
}
"""Largest share of the items a drop reason may take; ``*`` applies to reasons not listed."""

DEFAULT_MIN_COVERAGE: dict[str, float] = {"title": 0.9, "body": 0.5, "published_at": 0.8}
"""Smallest share of the scraped items that must carry each field (videos and podcasts lack a body)."""

DEFAULT_MIN_ITEMS = 10
"""Below this many items the share checks are not judged: one odd page of two is not a trend."""

WRITE_TIME_DROPS = ("invalid_document",)
"""Drop reasons counted when the writer rejects an item that was already scraped (not counted twice)."""

UNJUDGED_FINISH_REASONS = ("shutdown",)
FAILED_FINISH_REASONS = ("mongodb_unavailable",)
"""Finish reasons that fail a run by themselves (the spider closed before it could do its job)."""
"""An interrupted run (Ctrl-C, SIGTERM, a JOBDIR pause) is recorded but not judged: it resumes later."""


class HealthConfigError(ValueError):
    """A health threshold setting cannot be read."""


@dataclass(frozen=True)
class HealthPolicy:
    """The thresholds a run is judged against."""

    max_drop_share: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_MAX_DROP_SHARE))
    min_coverage: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_MIN_COVERAGE))
    min_items: int = DEFAULT_MIN_ITEMS

    @classmethod
    def from_values(
        cls,
        max_drop_share: str | Mapping[str, Any] | None = None,
        min_coverage: str | Mapping[str, Any] | None = None,
        min_items: int | str | None = None,
    ) -> HealthPolicy:
        """The defaults with overrides merged in (``"reason=0.2,other=0.1"``, JSON or a dict)."""
        items = DEFAULT_MIN_ITEMS if min_items in (None, "") else _non_negative_int(min_items)
        return cls(
            max_drop_share={**DEFAULT_MAX_DROP_SHARE, **parse_shares(max_drop_share, "max drop share")},
            min_coverage={**DEFAULT_MIN_COVERAGE, **parse_shares(min_coverage, "min coverage")},
            min_items=items,
        )

    def drop_threshold(self, reason: str) -> float | None:
        return self.max_drop_share.get(reason, self.max_drop_share.get(ANY_REASON))


@dataclass(frozen=True)
class Check:
    """One health check: its name (``items_stored``, ``drop_share:not_french``, ``coverage:body``…)."""

    name: str
    status: str
    detail: str
    value: float | None = None
    threshold: float | None = None


@dataclass(frozen=True)
class HealthReport:
    status: str
    checks: tuple[Check, ...]

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if check.status == FAILED)

    def as_document(self) -> dict[str, Any]:
        """The ``health`` field of the ``runs`` document."""
        return {
            "status": self.status,
            "failed": [check.name for check in self.failed],
            "checks": [asdict(check) for check in self.checks],
        }


def parse_shares(value: str | Mapping[str, Any] | None, what: str = "shares") -> dict[str, float]:
    """``"a=0.2, b=1"`` or ``'{"a": 0.2}'`` or a dict -> ``{"a": 0.2, "b": 1.0}``, each in [0, 1]."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            try:
                pairs: Iterable[tuple[str, Any]] = json.loads(text).items()
            except (ValueError, AttributeError) as exc:
                raise HealthConfigError(f"{what}: not a JSON object: {value!r}") from exc
        else:
            pairs = [_split_pair(part, what) for part in text.split(",") if part.strip()]
    else:
        pairs = value.items()
    shares: dict[str, float] = {}
    for key, raw in pairs:
        try:
            share = float(raw)
        except (TypeError, ValueError) as exc:
            raise HealthConfigError(f"{what}: {key}={raw!r} is not a number") from exc
        if not 0.0 <= share <= 1.0:
            raise HealthConfigError(f"{what}: {key}={share} is not a share between 0 and 1")
        shares[str(key).strip()] = share
    return shares


def _split_pair(part: str, what: str) -> tuple[str, str]:
    key, sep, raw = part.partition("=")
    if not sep or not key.strip():
        raise HealthConfigError(f"{what}: expected name=share, got {part.strip()!r}")
    return key.strip(), raw.strip()


def _non_negative_int(value: int | str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise HealthConfigError(f"min items: {value!r} is not an integer") from exc
    if number < 0:
        raise HealthConfigError(f"min items: {number} is negative")
    return number


def stored_count(summary: Mapping[str, Any]) -> int:
    """Items written to MongoDB (new, changed or confirmed unchanged); spilled items are not stored."""
    stored = summary.get("stored", {})
    return int(stored.get("inserted", 0) + stored.get("updated", 0) + stored.get("unchanged", 0))


def items_seen(summary: Mapping[str, Any]) -> int:
    """Articles that reached an outcome: scraped, or dropped before being scraped."""
    dropped = summary.get("dropped", {})
    late = sum(dropped.get(reason, 0) for reason in WRITE_TIME_DROPS)
    return int(summary.get("items_scraped", 0) + summary.get("dropped_total", 0) - late)


def check_health(
    summary: Mapping[str, Any],
    policy: HealthPolicy,
    *,
    feeds_configured: int = 0,
    finish_reason: str = "finished",
    shared_frontier: bool = False,
) -> HealthReport:
    """Judge a run from its summary (``newsbot.ops.run_report.summarise``).

    ``feeds_configured``: how many feed/sitemap URLs the spider started from (0: articles given directly).
    ``shared_frontier``: one worker of a distributed crawl; the articles its feeds announced may all have
    been fetched by other workers, so whether they were stored is not judged per worker.
    """
    if finish_reason in UNJUDGED_FINISH_REASONS:
        check = Check("finish_reason", SKIPPED, f"run ended by {finish_reason}: not judged")
        return HealthReport(SKIPPED, (check,))
    if finish_reason in FAILED_FINISH_REASONS:
        check = Check("finish_reason", FAILED, f"run ended by {finish_reason}")
        return HealthReport(FAILED, (check,))
    checks = [
        _check_feeds(summary, feeds_configured),
        _check_stored(summary) if not shared_frontier else _not_judged_per_worker(summary),
        *_check_drops(summary, policy),
        *_check_coverage(summary, policy),
    ]
    checks = [check for check in checks if check is not None]
    status = FAILED if any(check.status == FAILED for check in checks) else OK
    return HealthReport(status, tuple(checks))


def _check_feeds(summary: Mapping[str, Any], feeds_configured: int) -> Check | None:
    if feeds_configured <= 0:
        return None
    feeds = summary.get("feeds", {})
    fetched, entries = int(feeds.get("fetched", 0)), int(feeds.get("entries", 0))
    rejected: Mapping[str, int] = feeds.get("rejected", {})
    why = ", ".join(f"{reason} {count}" for reason, count in sorted(rejected.items()))
    already_queued = int(feeds.get("already_queued", 0))
    if fetched == 0 and already_queued >= feeds_configured:
        detail = f"all {feeds_configured} feeds/sitemaps already read (another worker, or before a pause)"
        return Check("feeds_read", OK, detail, 0, 0)
    if fetched == 0:
        detail = f"none of the {feeds_configured} feeds/sitemaps could be fetched"
        return Check("feeds_read", FAILED, detail + (f" (rejected: {why})" if why else ""), 0, 1)
    if entries == 0 and rejected:
        detail = f"no feed entry read: {sum(rejected.values())} feeds/sitemaps rejected ({why})"
        return Check("feeds_read", FAILED, detail, 0, 1)
    detail = f"{fetched} feeds/sitemaps fetched, {entries} entries" + (f"; rejected: {why}" if why else "")
    return Check("feeds_read", OK, detail, fetched, 1)


def _not_judged_per_worker(summary: Mapping[str, Any]) -> Check:
    stored = stored_count(summary)
    detail = f"{stored} stored by this worker; the crawl's workers share the articles"
    return Check("items_stored", SKIPPED, detail)


def _check_stored(summary: Mapping[str, Any]) -> Check:
    feeds = summary.get("feeds", {})
    expected = max(int(feeds.get("entries", 0)) - int(feeds.get("skipped", 0)), 0)
    stored = stored_count(summary)
    if expected == 0:
        return Check("items_stored", OK, f"{stored} stored; feeds announced no article to fetch", stored)
    if stored == 0:
        spilled = summary.get("stored", {}).get("spilled", 0)
        detail = f"0 stored although feeds announced {expected} articles to fetch"
        return Check("items_stored", FAILED, detail + (f" ({spilled} spilled)" if spilled else ""), 0, 1)
    return Check("items_stored", OK, f"{stored} stored for {expected} feed entries", stored, 1)


def _check_drops(summary: Mapping[str, Any], policy: HealthPolicy) -> list[Check]:
    seen = items_seen(summary)
    dropped: Mapping[str, int] = summary.get("dropped", {})
    checks = []
    for reason, count in sorted(dropped.items()):
        threshold = policy.drop_threshold(reason)
        if threshold is None or count == 0:
            continue
        share = count / seen if seen else 1.0
        name = f"drop_share:{reason}"
        if seen < policy.min_items:
            detail = f"{count} of {seen} items, too few to judge (min {policy.min_items})"
            checks.append(Check(name, SKIPPED, detail, round(share, 4), threshold))
            continue
        status = FAILED if share > threshold else OK
        relation = ">" if status == FAILED else "≤"
        detail = f"{count} of {seen} items dropped as {reason}: {share:.0%} {relation} {threshold:.0%}"
        checks.append(Check(name, status, detail, round(share, 4), threshold))
    return checks


def _check_coverage(summary: Mapping[str, Any], policy: HealthPolicy) -> list[Check]:
    scraped = int(summary.get("items_scraped", 0))
    coverage: Mapping[str, float] = summary.get("coverage", {})
    checks = []
    for field_name, threshold in sorted(policy.min_coverage.items()):
        if threshold <= 0:
            continue
        name = f"coverage:{field_name}"
        share = float(coverage.get(field_name) or 0.0)
        if scraped == 0 or scraped < policy.min_items:
            detail = f"{scraped} items, too few to judge (min {max(policy.min_items, 1)})"
            checks.append(Check(name, SKIPPED, detail, round(share, 4) if scraped else None, threshold))
            continue
        status = FAILED if share < threshold else OK
        relation = "<" if status == FAILED else "≥"
        detail = f"{field_name} on {share:.0%} of {scraped} items {relation} {threshold:.0%}"
        checks.append(Check(name, status, detail, round(share, 4), threshold))
    return checks


def exit_code(statuses: Iterable[str | None]) -> int:
    """0 when no run failed its health checks, :data:`EXIT_UNHEALTHY` otherwise."""
    return EXIT_UNHEALTHY if any(status == FAILED for status in statuses) else 0
