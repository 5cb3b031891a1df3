"""History: date windows for backfills, WARC ingestion, its ledger and progress, live-crawl recording."""
