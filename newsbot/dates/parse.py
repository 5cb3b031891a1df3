"""``parse_date``: any scraped date value to an aware UTC datetime, or ``None``.

Order of attempts (the first that applies decides):

1. ``datetime`` / ``date`` objects, epoch numbers;
2. strings: ISO 8601 (``datetime.fromisoformat``), epoch digit strings, RFC 822 feed dates
   (``email.utils``), JavaScript ``Date.toString()``;
3. the compiled French grammar (:mod:`newsbot.dates.grammar`) over the whole string (it also
   reads ISO-shaped dates ``fromisoformat`` refuses, such as ``2017-03-13|19h18``);
4. a byline — a string opening with a label, or a date followed by a label ("… (mis à jour à
   11h45)"): its publication date (else its modification date), as :func:`parse_byline` reads it;
5. dateparser, only for text :func:`newsbot.dates.guard.looks_like_a_date` lets through.

Whatever the path, the instant must fall inside the plausible window (by default
1990-01-01 UTC up to the crawl time plus one day), or the answer is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from newsbot.dates.byline import read_byline
from newsbot.dates.epoch import parse_epoch_number, parse_epoch_string
from newsbot.dates.fallback import parse_with_dateparser
from newsbot.dates.grammar import LABEL, LABEL_IN_TEXT, LEAD, TRAIL, Scanned, scan_expression
from newsbot.dates.guard import looks_like_a_date
from newsbot.dates.iso import parse_iso
from newsbot.dates.resolve import resolve
from newsbot.dates.rfc822 import parse_js_date, parse_rfc822
from newsbot.dates.text import canonical
from newsbot.dates.window import DEFAULT_WINDOW, PlausibleWindow
from newsbot.dates.zones import start_of_day_utc, wall_to_utc
from newsbot.settings import NEWSBOT_TIMEZONE

MAX_TEXT_LENGTH = 200  # longer strings are prose, not date values (bylines go to parse_byline)


@dataclass(frozen=True)
class ParseOutcome:
    """The answer and the path that decided it: ``object``, ``epoch``, ``iso``, ``rfc822``, ``french``,
    ``byline``, ``dateparser`` (the only slow one) or ``rejected``."""

    value: datetime | None
    path: str


def crawl_time(now: datetime | None) -> datetime:
    """The crawl time as an aware UTC datetime (current time by default; naive means UTC)."""
    if now is None:
        return datetime.now(UTC)
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def parse_date_traced(
    value: str | datetime | date | int | float | None,
    *,
    now: datetime | None = None,
    tz: str = NEWSBOT_TIMEZONE,
    window: PlausibleWindow = DEFAULT_WINDOW,
) -> ParseOutcome:
    """:func:`parse_date`, also telling which path produced the answer (for benchmarks and logs)."""
    crawl = crawl_time(now)
    instant, path = _read(value, crawl, tz, window)
    if instant is not None and not window.contains(instant, crawl):
        instant = None
    return ParseOutcome(instant, path)


def parse_date(
    value: str | datetime | date | int | float | None,
    *,
    now: datetime | None = None,
    tz: str = NEWSBOT_TIMEZONE,
    window: PlausibleWindow = DEFAULT_WINDOW,
) -> datetime | None:
    """Aware UTC datetime, or None when the value is not a date (garbage never becomes a date).

    ``now`` is the crawl time (aware; default: current UTC time), the reference for relative and
    year-less dates. ``tz`` is the zone of naive wall times (an unknown zone raises
    ``zoneinfo.ZoneInfoNotFoundError``). ``window`` bounds plausible instants.
    """
    return parse_date_traced(value, now=now, tz=tz, window=window).value


def _read(value: object, now: datetime, tz: str, window: PlausibleWindow) -> tuple[datetime | None, str]:
    if value is None or isinstance(value, bool):
        return None, "rejected"
    if isinstance(value, datetime):
        return wall_to_utc(value, tz), "object"
    if isinstance(value, date):
        return start_of_day_utc(value, tz), "object"
    if isinstance(value, int | float):
        return parse_epoch_number(float(value)), "epoch"
    if isinstance(value, str):
        return _read_text(value.strip(), now, tz, window)
    return None, "rejected"


def _read_text(text: str, now: datetime, tz: str, window: PlausibleWindow) -> tuple[datetime | None, str]:
    if not text or len(text) > MAX_TEXT_LENGTH:
        return None, "rejected"
    instant = parse_iso(text, tz)
    if instant is not None:
        return instant, "iso"
    instant = parse_epoch_string(text)
    if instant is not None:
        return instant, "epoch"
    instant = parse_rfc822(text, tz) or parse_js_date(text)
    if instant is not None:
        return instant, "rfc822"
    folded = canonical(text)
    scanned = scan_expression(folded)
    if scanned is not None and TRAIL.fullmatch(folded, scanned.end):
        return resolve(scanned.parts, now, tz), "french"
    if _is_byline(folded, scanned):
        byline = read_byline(folded, now, tz, window)
        return byline.published or byline.modified, "byline"
    if looks_like_a_date(folded):
        return parse_with_dateparser(_without_label(folded), now, tz), "dateparser"
    return None, "rejected"


def _is_byline(folded: str, scanned: Scanned | None) -> bool:
    """Text that opens with a byline label, or a date followed by one ("… (mis à jour à 11h45)")."""
    if LABEL.match(folded, LEAD.match(folded).end()):  # type: ignore[union-attr]
        return True
    return scanned is not None and LABEL_IN_TEXT.search(folded, scanned.end) is not None


def _without_label(folded: str) -> str:
    start = LEAD.match(folded).end()  # type: ignore[union-attr]
    label = LABEL.match(folded, start)
    return folded[label.end() if label else start :]
