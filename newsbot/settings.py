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
LOG_FORMATTER = "newsbot.logformatter.ConciseLogFormatter"

# --- Item pipelines (boilerplate -> dates -> French filter -> dedup -> MongoDB) -------------------
ITEM_PIPELINES = {
    "pipelines.boilerplate.BoilerplatePipeline": 100,
    "pipelines.dates.DatePipeline": 200,
    "pipelines.language.FrenchFilterPipeline": 300,
    "pipelines.dedup.DedupPipeline": 400,
    "pipelines.mongo.MongoPipeline": 500,
}

EXTENSIONS = {
    "newsbot.run_report.RunReport": 500,
}

DOWNLOADER_MIDDLEWARES: dict[str, int] = {}

SPIDER_MIDDLEWARES: dict[str, int] = {}

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

# --- Cleaning ------------------------------------------------------------------------------------
NEWSBOT_TIMEZONE = env_str("NEWSBOT_TIMEZONE", "Europe/Paris")
NEWSBOT_LANGUAGE_BACKEND = env_str("NEWSBOT_LANGUAGE_BACKEND", "")
NEWSBOT_LANGUAGES = env_str("NEWSBOT_LANGUAGES", "fr")
NEWSBOT_DEDUP_CACHE_SIZE = env_int("NEWSBOT_DEDUP_CACHE_SIZE", 50_000)

# --- Asyncio and request fingerprints --------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
