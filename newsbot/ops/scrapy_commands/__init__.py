"""Scrapy commands of the project (``COMMANDS_MODULE``): ``crawl`` that exits non-zero on bad health."""
