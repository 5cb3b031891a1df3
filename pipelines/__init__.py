"""Item pipelines, in order: boilerplate -> dates -> French filter -> dedup -> MongoDB.

Each is a thin Scrapy adapter over a pure module in ``newsbot`` (text, dates, language, dedup, storage).
"""
