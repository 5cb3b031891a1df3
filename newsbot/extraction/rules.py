"""Names of the extraction rules added for misses on given sites, and a switch to turn them off.

The extractor is not tuned automatically; each rule added for a site's miss has a name here so the
benchmark can measure that site with the rules its pages motivated switched off (leave-one-site-out).
The sites themselves are named only in the benchmark.
Production code never switches anything off: :func:`active` is ``True`` unless inside
:func:`without`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

RULES: frozenset[str] = frozenset(
    {
        "authors-house-names",
        "authors-desk-label",
        "authors-fall-through",
        "authors-no-commenters",
        "authors-dateline-block",
        "lead-box-label",
        "lead-no-subscribe-prompt",
        "lead-article-hat",
        "dates-page-time-zone",
        "dates-no-comment-times",
        "body-sponsored-call-outs",
        "body-bracketed-plugs",
    }
)
"""Every switchable rule. Which corpus sites motivated each one is evaluation metadata, kept with the
benchmark (``benchmarks/rule_sites.py``): no rule's behaviour depends on the site it reads."""

_DISABLED: ContextVar[frozenset[str]] = ContextVar("newsbot_disabled_rules", default=frozenset())


def active(name: str) -> bool:
    """The rule ``name`` applies (always, outside a :func:`without` block)."""
    return name not in _DISABLED.get()


@contextmanager
def without(names: Iterable[str]) -> Iterator[None]:
    """Extract with the rules ``names`` switched off (benchmarks only)."""
    unknown = set(names) - RULES
    if unknown:
        raise ValueError(f"unknown extraction rules: {sorted(unknown)}")
    token = _DISABLED.set(_DISABLED.get() | frozenset(names))
    try:
        yield
    finally:
        _DISABLED.reset(token)
