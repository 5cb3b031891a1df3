"""The drop contract as the end-to-end tests check it on a ``runs`` document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def assert_drops_add_up(run: Mapping[str, Any]) -> None:
    """``newsbot/dropped`` equals the sum of ``newsbot/dropped/<reason>``, and the run says the same."""
    stats = run["newsbot_stats"]
    reasons = {
        key.removeprefix("newsbot/dropped/"): value
        for key, value in stats.items()
        if key.startswith("newsbot/dropped/")
    }
    total = stats.get("newsbot/dropped", 0)
    assert total == sum(reasons.values()), f"newsbot/dropped {total} != sum of its reasons {reasons}"
    assert run["dropped"] == reasons and run["dropped_total"] == total
