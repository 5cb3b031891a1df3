"""Extraction in worker processes, for ``NEWSBOT_WARC_PROCESSES`` > 1.

Extraction is most of a record's CPU and needs nothing but the record's bytes: on a machine with spare
cores, worker processes extract while the crawl process reads records and runs the item pipelines.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.outlets import OUTLETS


def extract_in_worker(body: bytes, url: str, charset: str | None, outlet_id: str | None) -> ExtractedArticle:
    """``extract_article`` with the outlet given by id (profiles are looked up in the worker)."""
    profile = OUTLETS[outlet_id] if outlet_id else None
    return extract_article(body, url, encoding=charset, profile=profile)


def start_pool(processes: int) -> ProcessPoolExecutor:
    """Workers started fresh (``spawn``): the crawl process runs threads and a reactor, unsafe to fork."""
    return ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"))
