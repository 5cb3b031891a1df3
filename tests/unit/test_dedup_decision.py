"""The dedup verdict for one article, from what MongoDB holds (``newsbot.dedup.decision.decide``)."""

from __future__ import annotations

from newsbot.dedup.decision import Lookup, Verdict, decide
from newsbot.dedup.index import StoryMatch

URL = "https://www.rfi.fr/fr/afrique/20240312-senegal"
NEW = StoryMatch("s-new", True, 0.0, None, "new")


def test_a_new_article_is_inserted_in_its_new_story() -> None:
    assert decide(URL, "h1", False, Lookup(match=NEW)) == Verdict("insert", "s-new")


def test_a_stored_text_under_another_url_is_a_copy() -> None:
    lookup = Lookup(other={"url": "https://www.rfi.fr/other", "content_hash": "h1"})
    assert decide(URL, "h1", False, lookup) == Verdict(copy_of="https://www.rfi.fr/other")


def test_a_recrawl_keeps_its_story_and_says_whether_it_changed() -> None:
    stored = {"url": URL, "content_hash": "h1", "story_id": "s-old", "kind": "article"}
    assert decide(URL, "h1", False, Lookup(existing=stored)) == Verdict("touch", "s-old", ("unchanged",))
    assert decide(URL, "h2", False, Lookup(existing=stored)) == Verdict("update", "s-old", ("updated",))
    # An excerpt of a stored full article only records where it was seen.
    assert decide(URL, "h2", True, Lookup(existing=stored)).write_mode == "touch"


def test_near_duplicates_join_a_story_and_late_exact_copies_are_dropped() -> None:
    near = StoryMatch("s-1", False, 0.8, "https://www.lemonde.fr/a", "near")
    assert decide(URL, "h1", False, Lookup(match=near)) == Verdict("insert", "s-1", ("near_duplicate",))
    exact = StoryMatch("s-1", False, 1.0, "https://www.lemonde.fr/a", "exact")
    assert decide(URL, "h1", False, Lookup(match=exact)) == Verdict(copy_of="https://www.lemonde.fr/a")


def test_unplaced_and_unreachable_articles_are_still_written_and_counted() -> None:
    assert decide(URL, "h1", False, Lookup()) == Verdict("insert", None, ("story_unassigned",))
    assert decide(URL, "h1", False, Lookup(unavailable=True)) == Verdict("unchecked", None, ("unchecked",))
