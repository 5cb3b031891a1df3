"""Operations: the ``newsbot`` command line and its commands, crawl plans, the scrapyd client, health
checks, run reports and the guard that keeps our top-level packages from being shadowed."""
