"""Text cleaning for French news: normalisation, boilerplate rules, glued-text and truncation repair.

Public API::

    normalize_text(text) -> str
    clean_text(text, *, field="body", title=None) -> CleanResult
    BOILERPLATE_RULES: tuple[Rule, ...]
    split_glued_title(text) -> tuple[str, str] | None
    parse_aggregator_text(text) -> AggregatorPage
    warm_up()  # load the French lexicon now (about 0.1-0.4 s) rather than on the first item needing it
"""

from newsbot.text.aggregator import AggregatorItem, AggregatorPage, parse_aggregator_text
from newsbot.text.clean import CleanResult, clean_text
from newsbot.text.french import warm_up
from newsbot.text.glue import split_glued_title
from newsbot.text.normalize import normalize_text
from newsbot.text.rules import BOILERPLATE_RULES, Rule
from newsbot.text.truncation import is_truncated

__all__ = [
    "BOILERPLATE_RULES",
    "AggregatorItem",
    "AggregatorPage",
    "CleanResult",
    "Rule",
    "clean_text",
    "is_truncated",
    "normalize_text",
    "parse_aggregator_text",
    "split_glued_title",
    "warm_up",
]
