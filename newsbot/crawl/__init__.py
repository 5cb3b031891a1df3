"""Crawl-side plumbing shared by spiders and pipelines: feed parsing, URL canonical forms, counted
drops and the log formatter."""
