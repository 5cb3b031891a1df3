"""What to do with one WARC/ARC record, decided before any extraction (pure functions).

CC-NEWS files hold every language and every record type; most records are not wanted. Each check
here is cheaper than the one after it, so a record is rejected by the first that can: record type,
HTTP status, content type, host, crawl date, then French-ness (``Content-Language``, ``<html lang>``
as a hint, then a cheap text check on a slice of the page). Every rejection names its kind, which the
spider counts under ``newsbot/warc/skipped/<kind>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from newsbot.history.window import DateWindow

# --- files --------------------------------------------------------------------------------------

_CC_NEWS_NAME = re.compile(r"CC-NEWS-(\d{14})-\d+\.warc(?:\.gz)?$")


def cc_news_time(name: str) -> datetime | None:
    """The crawl time in a CC-NEWS file name (``CC-NEWS-20240315123456-00042.warc.gz``), UTC."""
    match = _CC_NEWS_NAME.search(PurePosixPath(urlsplit(name).path or name).name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def file_in_window(name: str, window: DateWindow, slack: timedelta) -> bool:
    """A CC-NEWS file crawled before the window opened cannot hold its articles (nothing is crawled
    before it is published); one crawled more than ``slack`` after it closed is taken to hold newer news.
    Files without a dated name are always read."""
    crawled = cc_news_time(name)
    if crawled is None or window.is_open:
        return True
    if window.start is not None and crawled < window.start:
        return False
    return window.end is None or crawled < window.end + slack


# --- hosts --------------------------------------------------------------------------------------

# Country-code domains of countries where French is not a language of the press. A page there is not
# taken for French news (an outlet's own domain is always accepted before this is asked).
NON_FRENCH_TLDS = frozenset((
    "de", "at", "nl", "se", "no", "dk", "fi", "is", "it", "es", "pt", "br", "mx", "ar", "cl", "co", "pe",
    "ru", "ua", "by", "pl", "cz", "sk", "hu", "ro", "bg", "gr", "tr", "rs", "hr", "si", "ba", "cn", "jp",
    "kr", "tw", "hk", "in", "id", "my", "th", "vn", "ph", "pk", "bd", "ir", "il", "sa", "ae", "eg", "au",
    "nz", "uk", "ie", "za", "ng", "ke",
))  # fmt: skip


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def host_matches(host: str, suffixes: Iterable[str]) -> bool:
    """``host`` is one of ``suffixes`` or a subdomain of one."""
    return any(host == s or host.endswith("." + s) for s in suffixes)


def host_is_foreign(host: str) -> bool:
    return host.rpartition(".")[2] in NON_FRENCH_TLDS


# --- language -----------------------------------------------------------------------------------

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})", re.IGNORECASE)
_BODY = re.compile(rb"<body\b", re.IGNORECASE)
_SCRIPTS = re.compile(rb"<(script|style|noscript|svg)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(rb"<[^>]*>")
_WORDS = re.compile(rb"[A-Za-z\x80-\xff]+")
FRENCH_WORDS = frozenset(
    b"les des est une dans pour qui pas sur avec aux du ce cette sont mais ont plus leur nous vous "
    b"elle ils au ne se son sa ses par comme tout aussi fait deux entre selon".split()
)
"""Frequent French words that are rare in the other languages written in Latin script."""
TEXT_SLICE = 64 * 1024
MIN_WORDS = 150
MIN_FRENCH_SHARE = 0.06


def declared_languages(value: str | None) -> set[str]:
    """``"fr-FR, en"`` -> ``{"fr", "en"}`` (a ``Content-Language`` header)."""
    return {part.strip().split("-")[0].lower() for part in (value or "").split(",") if part.strip()}


def html_lang(body: bytes) -> str | None:
    """The primary language of ``<html lang=…>`` in the page's first bytes, lower-case."""
    match = _HTML_LANG.search(body, 0, 4096)
    return match.group(1).decode("ascii").lower() if match else None


def french_share(body: bytes) -> tuple[float, int]:
    """Share of frequent French words among the words of a slice of the visible text, and the word count.

    Works on bytes (UTF-8 and Latin-1 words are split alike; accented letters only split words, which
    the French function words above do not contain)."""
    start = _BODY.search(body)
    chunk = body[start.start() if start else 0 :][: TEXT_SLICE * 2]
    text = _TAGS.sub(b" ", _SCRIPTS.sub(b" ", chunk))[:TEXT_SLICE].lower()
    words = _WORDS.findall(text)
    if not words:
        return 0.0, 0
    hits = sum(1 for word in words if word in FRENCH_WORDS)
    return hits / len(words), len(words)


def looks_french(body: bytes) -> bool | None:
    """``None`` when the slice holds too little text to judge (a page rendered by scripts, a stub)."""
    share, words = french_share(body)
    if words < MIN_WORDS:
        return None
    return share >= MIN_FRENCH_SHARE


def language_rejection(content_language: str | None, body: bytes, *, trusted_host: bool) -> str | None:
    """``None`` to keep the record, else why it is obviously not French.

    A declared ``Content-Language`` without French rejects. ``<html lang="fr">`` keeps (the language
    pipeline still checks the extracted text); another ``lang`` is only a hint, confirmed by the text
    check, because templates often carry a wrong one (with too little text to judge, the hint stands).
    A record of an outlet's own host skips the checks.
    """
    if trusted_host:
        return None
    declared = declared_languages(content_language)
    if declared and "fr" not in declared:
        return "not_french_header"
    lang = html_lang(body)
    if lang == "fr" or "fr" in declared:
        return None
    verdict = looks_french(body)
    if lang is not None and not verdict:  # another language declared, and the text does not contradict it
        return "not_french_lang"
    if verdict is False:
        return "not_french_text"
    return None  # French text, or too little to judge without a hint: the language pipeline decides


# --- records ------------------------------------------------------------------------------------

HTML_TYPES = ("text/html", "application/xhtml+xml")


def content_type_of(value: str | None) -> tuple[str, str | None]:
    """``"text/html; charset=ISO-8859-1"`` -> ``("text/html", "iso-8859-1")``."""
    media, _, rest = (value or "").partition(";")
    charset = None
    for part in rest.split(";"):
        name, _, val = part.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def warc_date(value: str | None) -> datetime | None:
    """``WARC-Date`` (ISO 8601, ``Z``) or an ARC date (``20240315123456``) as aware UTC."""
    if not value:
        return None
    text = value.strip()
    try:
        if text.isdigit() and len(text) >= 14:
            return datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def crawled_before_window(crawled: datetime | None, window: DateWindow) -> bool:
    """A page crawled before the window opened was published before it too."""
    return crawled is not None and window.start is not None and crawled < window.start
