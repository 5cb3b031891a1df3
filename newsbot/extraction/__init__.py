"""Article extraction from saved or crawled HTML: JSON-LD, meta tags, outlet selectors, generic scoring."""

from newsbot.extraction.article import ExtractedArticle
from newsbot.extraction.extractor import extract_article

__all__ = ["ExtractedArticle", "extract_article"]
