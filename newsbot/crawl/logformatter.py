"""Log lines that name an item by its URL instead of dumping the whole article."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.logformatter import LogFormatter


def _describe(item: Any) -> str:
    try:
        adapter = ItemAdapter(item)
    except TypeError:
        return repr(item)[:200]
    return str(adapter.get("url") or adapter.get("fetched_url") or "<no url>")


class ConciseLogFormatter(LogFormatter):
    """Scraped items at DEBUG with their URL only; drops at INFO with reason and URL."""

    def __init__(self, log_scraped: bool = True) -> None:
        super().__init__()
        self.log_scraped = log_scraped

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConciseLogFormatter:
        return cls(log_scraped=_level(crawler.settings.get("LOG_LEVEL")) <= logging.DEBUG)

    def scraped(self, item: Any, response: Any, spider: Any) -> dict[str, Any] | None:
        # None (Scrapy then logs nothing) below LOG_LEVEL: Scrapy's root handler would discard the
        # record, but only after an adapter, a message and a record were built for every item.
        if not self.log_scraped:
            return None
        return {
            "level": logging.DEBUG,
            "msg": "Scraped %(item)s",
            "args": {"item": _describe(item)},
        }

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict[str, Any]:
        return {
            "level": logging.INFO,
            "msg": "Dropped %(item)s: %(exception)s",
            "args": {"item": _describe(item), "exception": exception},
        }


class OneLineNetworkErrors(logging.Filter):
    """Network failures (DNS errors, refused connections, timeouts) as one WARNING line per request.

    Scrapy logs a request that failed for good twice ("Gave up retrying" from the retry middleware,
    then the request's own errback) and the robots.txt middleware adds a full traceback. newsbot's
    errbacks already log one WARNING line with the reason and count the failure, so the retry line is
    lowered to DEBUG, and the robots.txt and download errors keep their line without the traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if record.name == "scrapy.downloadermiddlewares.retry" and message.startswith("Gave up retrying"):
            _set_level(record, logging.DEBUG)
        elif not (record.exc_info and is_network_error(record.exc_info[1])):
            return True  # anything else (a bug) keeps its level and its traceback
        elif record.name == "scrapy.downloadermiddlewares.robotstxt":
            record.exc_info = record.exc_text = None
            if isinstance(record.args, Mapping) and hasattr(record.args.get("request"), "url"):
                parts = urlsplit(record.args["request"].url)
                robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
                record.args = {"robots": robots, "error": record.args.get("f_exception")}
                record.msg = "%(robots)s not fetched (%(error)s): crawling that site without its rules"
            _set_level(record, logging.WARNING)
        elif record.name == "scrapy.core.scraper" and message.startswith("Error downloading"):
            record.exc_info = record.exc_text = None
            _set_level(record, logging.WARNING)
        return True


NETWORK_ERRORS = (
    DownloadConnectionRefusedError,
    CannotResolveHostError,
    DownloadTimeoutError,
    DownloadFailedError,
    ResponseDataLossError,
    OSError,  # ConnectionError, TimeoutError, socket.gaierror
)
NETWORK_ERROR_MODULES = ("twisted.internet.error", "twisted.web._newclient", "OpenSSL.")


def is_network_error(error: BaseException | None) -> bool:
    """A failure of the network or the remote server (DNS, refused, reset, timeout, TLS), not a bug."""
    return isinstance(error, NETWORK_ERRORS) or type(error).__module__.startswith(NETWORK_ERROR_MODULES)


def _set_level(record: logging.LogRecord, level: int) -> None:
    record.levelno, record.levelname = level, logging.getLevelName(level)


NETWORK_ERROR_LOGGERS = (
    "scrapy.downloadermiddlewares.retry",
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.core.scraper",
)


class NetworkErrorLogging:
    """Extension installing :class:`OneLineNetworkErrors` on Scrapy's loggers (once per process)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> NetworkErrorLogging:
        for name in NETWORK_ERROR_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, OneLineNetworkErrors) for f in logger.filters):
                logger.addFilter(OneLineNetworkErrors())
        return cls()


def _level(value: Any) -> int:
    """A LOG_LEVEL setting (name or number) as a number; an unknown name counts as DEBUG."""
    if isinstance(value, str):
        number = logging.getLevelName(value.upper())
        return number if isinstance(number, int) else logging.DEBUG
    return int(value) if value is not None else logging.DEBUG
