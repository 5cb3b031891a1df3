"""StoryIndex on the real gold bodies of ../shared/corpus (skipped when the corpus is absent)."""

from __future__ import annotations

import pytest

from newsbot.dedup import StoryIndex
from tests.support.corpus import iter_pages

pytestmark = pytest.mark.corpus


def gold_bodies(corpus) -> dict[str, str]:
    bodies = {}
    for page in iter_pages(corpus):
        body = page.gold.get("body") or ""
        if len(body.split()) >= 120:
            bodies[f"{page.folder}/{page.name}"] = f"{page.gold.get('title') or ''}\n\n{body}"
    return bodies


def test_real_articles_stay_apart_and_their_excerpts_find_them(corpus, mongo_db) -> None:
    bodies = gold_bodies(corpus)
    assert len(bodies) >= 15
    index = StoryIndex(mongo_db)
    story_of = {}
    for name, text in bodies.items():
        match = index.assign(
            url=f"https://corpus.invalid/{name}", text=text, source="corpus", published_at=None
        )
        assert match.is_new_story, f"{name} joined {match.matched_url}"
        story_of[name] = match.story_id
    for name, text in bodies.items():
        excerpt = text[: int(len(text) * 0.4)] + "…\nLire la suite »"
        match = index.assign(url=f"https://agg.invalid/{name}", text=excerpt, source="agg", published_at=None)
        assert (match.kind, match.story_id) == ("near", story_of[name]), name


def test_french_gold_bodies_reprinted_with_boilerplate_are_exact_duplicates(corpus, mongo_db) -> None:
    index = StoryIndex(mongo_db)
    french = [p for p in iter_pages(corpus, french=True) if len((p.gold.get("body") or "").split()) >= 120]
    assert french
    for page in french:
        body = page.gold["body"]
        first = index.assign(url=page.url, text=body, source="corpus", published_at=None)
        reprint = (
            "Publicité\n" + body.replace(" ", "\u00a0").upper() + "\n» LIRE AUSSI - La suite de l'affaire"
        )
        again = index.assign(url=page.url + "?utm_source=x", text=reprint, source="copy", published_at=None)
        assert (again.kind, again.story_id, again.matched_url) == ("exact", first.story_id, page.url)
