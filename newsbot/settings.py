"""Scrapy settings for newsbot.

Every operational value can be overridden by an environment variable of the same name (read here),
or per run with ``scrapy crawl ... -s NAME=value`` (which wins over both).
"""

from __future__ import annotations

from newsbot import __version__
from newsbot.env import env_bool, env_float, env_int, env_str

BOT_NAME = "newsbot"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Politeness -------------------------------------------------------------------------------
USER_AGENT = env_str(
    "NEWSBOT_USER_AGENT",
    f"newsbot/{__version__} (+https://github.com/newsbot-fr/newsbot; French news archiving crawler)",
)
ROBOTSTXT_OBEY = env_bool("ROBOTSTXT_OBEY", True)
AUTOTHROTTLE_ENABLED = env_bool("AUTOTHROTTLE_ENABLED", True)
AUTOTHROTTLE_START_DELAY = env_float("AUTOTHROTTLE_START_DELAY", 1.0)
AUTOTHROTTLE_MAX_DELAY = env_float("AUTOTHROTTLE_MAX_DELAY", 30.0)
AUTOTHROTTLE_TARGET_CONCURRENCY = env_float("AUTOTHROTTLE_TARGET_CONCURRENCY", 2.0)
CONCURRENT_REQUESTS = env_int("CONCURRENT_REQUESTS", 16)
CONCURRENT_REQUESTS_PER_DOMAIN = env_int("CONCURRENT_REQUESTS_PER_DOMAIN", 4)
DOWNLOAD_DELAY = env_float("DOWNLOAD_DELAY", 0.25)
DOWNLOAD_TIMEOUT = env_int("DOWNLOAD_TIMEOUT", 30)
DOWNLOAD_MAXSIZE = env_int("DOWNLOAD_MAXSIZE", 10 * 1024 * 1024)
DOWNLOAD_WARNSIZE = env_int("DOWNLOAD_WARNSIZE", 4 * 1024 * 1024)
RETRY_TIMES = env_int("RETRY_TIMES", 2)
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMATTER = "newsbot.crawl.logformatter.ConciseLogFormatter"

# --- Item pipelines (boilerplate -> dates -> French filter -> dedup -> MongoDB) -------------------
ITEM_PIPELINES = {
    "pipelines.boilerplate.BoilerplatePipeline": 100,
    "pipelines.dates.DatePipeline": 200,
    "pipelines.language.FrenchFilterPipeline": 300,
    "pipelines.dedup.DedupPipeline": 400,
    "pipelines.mongo.MongoPipeline": 500,
}

EXTENSIONS = {
    "newsbot.storage.store.CrawlStore": 0,  # the crawl's MongoDB store, shared by pipelines and middleware
    "newsbot.ops.run_report.RunReport": 500,
    # One WARNING line per failed request (no retry duplicate, no robots.txt traceback).
    "newsbot.crawl.logformatter.NetworkErrorLogging": 0,
}

DOWNLOADER_MIDDLEWARES: dict[str, int] = {}

SPIDER_MIDDLEWARES: dict[str, int] = {
    "newsbot.incremental.IncrementalCrawl": 450,
}

# --- MongoDB ---------------------------------------------------------------------------------
# Empty MONGO_URI: newsbot starts (or reuses) an embedded SecantusDB server with data in NEWSBOT_DATA_DIR.
MONGO_URI = env_str("MONGO_URI", "")
MONGO_DATABASE = env_str("MONGO_DATABASE", "newsbot")
MONGO_COLLECTION = env_str("MONGO_COLLECTION", "articles")
MONGO_BATCH_SIZE = env_int("MONGO_BATCH_SIZE", 200)
MONGO_FLUSH_INTERVAL = env_float("MONGO_FLUSH_INTERVAL", 5.0)
MONGO_WRITE_CONCERN = env_str("MONGO_WRITE_CONCERN", "1")
MONGO_SERVER_SELECTION_TIMEOUT_MS = env_int("MONGO_SERVER_SELECTION_TIMEOUT_MS", 10_000)
NEWSBOT_DATA_DIR = env_str("NEWSBOT_DATA_DIR", ".newsbot")
# The embedded server's address: the port the analysts' snippet names; taken: the next free port.
NEWSBOT_DB_HOST = env_str("NEWSBOT_DB_HOST", "127.0.0.1")
NEWSBOT_DB_PORT = env_int("NEWSBOT_DB_PORT", 27017)

# --- Cleaning stages: dates, language, dedup -----------------------------------------------------
NEWSBOT_TIMEZONE = env_str("NEWSBOT_TIMEZONE", "Europe/Paris")
NEWSBOT_LANGUAGE_BACKEND = env_str("NEWSBOT_LANGUAGE_BACKEND", "")
NEWSBOT_LANGUAGES = env_str("NEWSBOT_LANGUAGES", "fr")
NEWSBOT_DEDUP_CACHE_SIZE = env_int("NEWSBOT_DEDUP_CACHE_SIZE", 50_000)
# Dedup looks items up in MongoDB in batches: this many items, or after this many seconds.
NEWSBOT_DEDUP_BATCH_SIZE = env_int("NEWSBOT_DEDUP_BATCH_SIZE", 64)
NEWSBOT_DEDUP_BATCH_WAIT = env_float("NEWSBOT_DEDUP_BATCH_WAIT", 0.05)

# --- Reactor (asyncio, for the async spider and pipeline code) -------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- Incremental crawling ------------------------------------------------------------------------
# Stored articles are fetched again only when their feed entry announces a change, or after this age.
NEWSBOT_INCREMENTAL = env_bool("NEWSBOT_INCREMENTAL", True)
NEWSBOT_RECHECK_HOURS = env_float("NEWSBOT_RECHECK_HOURS", 24.0)
NEWSBOT_SEEN_COLLECTION = env_str("NEWSBOT_SEEN_COLLECTION", "seen_urls")

# --- Operations: scrapyd, schedules, monitoring ----------------------------------------------------
# `scrapy crawl` from newsbot.ops.scrapy_commands exits 3 when the run fails its health checks.
COMMANDS_MODULE = "newsbot.ops.scrapy_commands"
# Health checks at spider close (newsbot.ops.health): thresholds "name=share,…" merged over the defaults.
NEWSBOT_HEALTH_ENABLED = env_bool("NEWSBOT_HEALTH_ENABLED", True)
NEWSBOT_HEALTH_MIN_ITEMS = env_int("NEWSBOT_HEALTH_MIN_ITEMS", 10)
NEWSBOT_HEALTH_MAX_DROP_SHARE = env_str("NEWSBOT_HEALTH_MAX_DROP_SHARE", "")
NEWSBOT_HEALTH_MIN_COVERAGE = env_str("NEWSBOT_HEALTH_MIN_COVERAGE", "")
# `newsbot crawl` / `newsbot schedule`: concurrent requests per outlet, "N" or "N,spider=M,…".
NEWSBOT_OUTLET_CONCURRENCY = env_str("NEWSBOT_OUTLET_CONCURRENCY", "4")

# --- Distributed crawling on Redis ----------------------------------------------------------------
# NEWSBOT_REDIS_URL set: this process is one worker of a crawl sharing a Redis frontier and dupefilter.
NEWSBOT_REDIS_URL = env_str("NEWSBOT_REDIS_URL", "")
NEWSBOT_REDIS_PREFIX = env_str("NEWSBOT_REDIS_PREFIX", "newsbot")
NEWSBOT_REDIS_IDLE_CLOSE = env_float("NEWSBOT_REDIS_IDLE_CLOSE", 10.0)
NEWSBOT_REDIS_HEARTBEAT = env_float("NEWSBOT_REDIS_HEARTBEAT", 1.0)
NEWSBOT_REDIS_WORKER_TIMEOUT = env_float("NEWSBOT_REDIS_WORKER_TIMEOUT", 60.0)
ADDONS = {"newsbot.distributed.DistributedMode": 100}

# --- MongoDB reliability: outages, spill file, durability -----------------------------------------
# MongoDB down at start: stop with a clear error and a non-zero exit (0), or crawl into the spill file (1).
MONGO_SPILL_WHEN_DOWN = env_bool("MONGO_SPILL_WHEN_DOWN", False)
# Seconds a write or a dedup lookup retries an unreachable server (with back-off) before spilling.
MONGO_RETRY_BUDGET = env_float("MONGO_RETRY_BUDGET", 30.0)
# While MongoDB is down, one ping every this many seconds checks whether it is back.
MONGO_PROBE_INTERVAL = env_float("MONGO_PROBE_INTERVAL", 5.0)
# Replay the spill file (articles saved during an earlier outage) when a crawl starts.
MONGO_REPLAY_AT_START = env_bool("MONGO_REPLAY_AT_START", True)
# Journaled acknowledgements (j=true): a write MongoDB acknowledged survives a crash of the server.
MONGO_JOURNAL = env_bool("MONGO_JOURNAL", True)

# --- History: backfills from WARC files and recording live crawls (issue 14) -------------------------
# `scrapy crawl warc`: the ledger of ingested files, the lease a worker holds on a file, a checkpoint
# (all items before it written) every N records, the items allowed between reader and writer.
NEWSBOT_WARC_LEDGER_COLLECTION = env_str("NEWSBOT_WARC_LEDGER_COLLECTION", "warc_files")
NEWSBOT_WARC_LEASE = env_float("NEWSBOT_WARC_LEASE", 600.0)
NEWSBOT_WARC_CHECKPOINT_RECORDS = env_int("NEWSBOT_WARC_CHECKPOINT_RECORDS", 5000)
NEWSBOT_WARC_MAX_IN_FLIGHT = env_int("NEWSBOT_WARC_MAX_IN_FLIGHT", 256)
# With -a since=/until=: a CC-NEWS file crawled more than this many days after the window is skipped.
NEWSBOT_WARC_FILE_SLACK_DAYS = env_float("NEWSBOT_WARC_FILE_SLACK_DAYS", 30.0)
# Seconds between two progress lines of a long ingestion (0: none).
NEWSBOT_PROGRESS_INTERVAL = env_float("NEWSBOT_PROGRESS_INTERVAL", 30.0)
# Set: every article response of a live crawl is also written to rolling WARC files in this folder.
NEWSBOT_WARC_DIR = env_str("NEWSBOT_WARC_DIR", "")
NEWSBOT_WARC_MAX_BYTES = env_int("NEWSBOT_WARC_MAX_BYTES", 1_000_000_000)
EXTENSIONS["newsbot.history.recorder.WarcRecorder"] = 600
# `scrapy crawl warc`: extraction in this many worker processes (1: in the crawl process).
NEWSBOT_WARC_PROCESSES = env_int("NEWSBOT_WARC_PROCESSES", 1)
