"""newsbot: a Scrapy pipeline that turns French news sites into a clean MongoDB collection."""

__version__ = "0.1.0"
