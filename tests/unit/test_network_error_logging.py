"""Network failures are one WARNING line without traceback; anything else keeps its traceback."""

from __future__ import annotations

import logging
import sys

from scrapy import Request
from scrapy.exceptions import CannotResolveHostError
from twisted.internet.error import ConnectionRefusedError as TwistedRefused

from newsbot.crawl.logformatter import OneLineNetworkErrors, is_network_error


def record(name: str, msg: str, args: object, error: BaseException | None, level: int = logging.ERROR):
    exc_info = None
    if error is not None:
        try:
            raise error
        except type(error):
            exc_info = sys.exc_info()
    return logging.LogRecord(name, level, __file__, 1, msg, (args,), exc_info)


def test_network_errors_are_told_from_bugs() -> None:
    assert is_network_error(CannotResolveHostError("nowhere.invalid"))
    assert is_network_error(TwistedRefused())
    assert is_network_error(ConnectionResetError())
    assert not is_network_error(ValueError("a bug"))
    assert not is_network_error(None)


def test_robots_txt_network_error_is_one_warning_line() -> None:
    args = {"request": Request("http://127.0.0.1:9/fr/rss"), "f_exception": CannotResolveHostError("x")}
    entry = record(
        "scrapy.downloadermiddlewares.robotstxt",
        "Error downloading %(request)s: %(f_exception)s",
        args,
        CannotResolveHostError("x"),
    )
    assert OneLineNetworkErrors().filter(entry)
    assert entry.levelname == "WARNING" and entry.exc_info is None
    assert (
        entry.getMessage()
        == "http://127.0.0.1:9/robots.txt not fetched (x): crawling that site without its rules"
    )


def test_a_bug_keeps_its_traceback_and_level() -> None:
    entry = record(
        "scrapy.core.scraper", "Error downloading %(request)s", {"request": "r"}, ValueError("bug")
    )
    assert OneLineNetworkErrors().filter(entry)
    assert entry.levelname == "ERROR" and entry.exc_info is not None


def test_the_retry_give_up_line_goes_to_debug() -> None:
    entry = record(
        "scrapy.downloadermiddlewares.retry", "Gave up retrying %(request)s", {"request": "r"}, None
    )
    assert OneLineNetworkErrors().filter(entry) and entry.levelname == "DEBUG"
