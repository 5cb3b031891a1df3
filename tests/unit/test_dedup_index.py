"""StoryIndex against a real MongoDB-wire server: each dedup layer, restarts, edge cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pymongo.errors import DuplicateKeyError

from newsbot.dedup import SketchParams, StoryIndex, StoryRequest, sketch_text
from newsbot.dedup.index import KEYS_INDEX
from newsbot.dedup.lru import BoundedLru
from newsbot.dedup.records import signature_document, stored_keys

STORIES_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "dedup_stories.json"
STORIES = {s["id"]: s for s in json.loads(STORIES_FILE.read_text(encoding="utf-8"))["stories"]}
DAY = datetime(2025, 3, 6, 8, 0, tzinfo=UTC)


def text_of(story_id: str) -> str:
    story = STORIES[story_id]
    return f"{story['title']}\n\n{story['body']}"


def published(story_id: str) -> datetime:
    return datetime.fromisoformat(STORIES[story_id]["published"])


def excerpt(text: str) -> str:
    """An aggregator excerpt: headline glued to the first 40 % of the text, cut mid-word."""
    title, body = text.split("\n\n", 1)
    return f"{title}{body[: int(len(body) * 0.4)]}…\nLire la suite »"


def light_edit(text: str) -> str:
    """Another outlet's print: new headline, a few words changed, a "read also" line."""
    _, body = text.split("\n\n", 1)
    words = body.split(" ")
    for position in range(7, len(words), 23):
        words[position] = "notamment"
    return "Ce qu'il faut savoir ce matin\n\n" + " ".join(words) + "\n» LIRE AUSSI - Notre dossier"


@pytest.fixture
def index(mongo_db) -> StoryIndex:
    story_index = StoryIndex(mongo_db)
    story_index.ensure_indexes()
    return story_index


def test_a_first_article_founds_a_story(index: StoryIndex) -> None:
    match = index.assign(
        url="https://a.fr/1", text=text_of("greve-trafic"), source="a", published_at=published("greve-trafic")
    )
    assert match.is_new_story and match.kind == "new" and match.matched_url is None
    assert match.similarity == 0.0
    signature = index.collection.find_one({"story_id": match.story_id})
    assert signature is not None and signature["url"] == "https://a.fr/1"
    assert len(signature["keys"]) == index.params.key_count
    assert index.collection.count_documents({}) == 1


def test_same_text_under_another_url_is_the_same_article(index: StoryIndex) -> None:
    text = text_of("budget-senat")
    first = index.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    copy = text.upper().replace(" ", "\u00a0") + "\nLire la suite »"
    second = index.assign(url="https://b.fr/2", text=copy, source="b", published_at=None)
    assert second.kind == "exact" and not second.is_new_story
    assert second.story_id == first.story_id
    assert second.matched_url == "https://a.fr/1" and second.similarity == 1.0
    assert index.collection.count_documents({}) == 1


def test_an_unchanged_recrawl_is_exact_with_its_own_url(index: StoryIndex) -> None:
    text = text_of("foot-match")
    first = index.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    again = index.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    assert (again.kind, again.story_id, again.matched_url) == ("exact", first.story_id, "https://a.fr/1")


def test_a_changed_recrawl_stays_in_its_story(index: StoryIndex) -> None:
    text = text_of("incendie-maures")
    first = index.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    updated = text + "\n\nMise à jour à 14 heures : le feu est désormais maîtrisé, selon les pompiers."
    again = index.assign(url="https://a.fr/1", text=updated, source="a", published_at=None)
    assert again.kind == "near" and again.story_id == first.story_id and again.matched_url == "https://a.fr/1"


def test_wire_copies_and_excerpts_join_one_story(index: StoryIndex) -> None:
    wire = index.assign(
        url="https://wire.fr/1", text=text_of("afp-port"), source="wire", published_at=published("afp-port")
    )
    outlet = index.assign(
        url="https://n.fr/2", text=text_of("outlet-port"), source="n", published_at=published("outlet-port")
    )
    aggregated = index.assign(
        url="https://agg.fr/3", text=excerpt(text_of("outlet-port")), source="agg", published_at=None
    )
    edited = index.assign(
        url="https://e.fr/4", text=light_edit(text_of("afp-port")), source="e", published_at=None
    )
    assert {outlet.story_id, aggregated.story_id, edited.story_id} == {wire.story_id}
    assert [m.kind for m in (outlet, aggregated, edited)] == ["near", "near", "near"]
    assert all(0.3 <= m.similarity <= 1.0 for m in (outlet, aggregated, edited))


def test_an_excerpt_seen_first_is_joined_by_its_full_article(index: StoryIndex) -> None:
    short = index.assign(
        url="https://agg.fr/1", text=excerpt(text_of("ukraine-frappes")), source="agg", published_at=None
    )
    full = index.assign(url="https://m.fr/2", text=text_of("ukraine-frappes"), source="m", published_at=None)
    assert full.story_id == short.story_id and full.kind == "near"


def test_same_topic_same_day_stories_stay_apart(index: StoryIndex) -> None:
    by_topic: dict[str, list[str]] = {}
    for story_id, story in STORIES.items():
        by_topic.setdefault(story["topic"], []).append(story_id)
    story_of = {}
    for number, story_id in enumerate(STORIES):
        match = index.assign(
            url=f"https://x.fr/{number}", text=text_of(story_id), source="x", published_at=published(story_id)
        )
        story_of[story_id] = match.story_id
    for members in by_topic.values():
        for a in members:
            for b in members:
                same_story = STORIES[a]["story"] == STORIES[b]["story"]
                assert (story_of[a] == story_of[b]) == same_story, (a, b)
    # and their excerpts go to the right one
    for story_id in STORIES:
        match = index.assign(
            url=f"https://agg.fr/{story_id}", text=excerpt(text_of(story_id)), source="agg", published_at=None
        )
        assert match.story_id == story_of[story_id], story_id


def test_state_survives_a_new_index_object(mongo_db) -> None:
    first_run = StoryIndex(mongo_db)
    founded = first_run.assign(
        url="https://a.fr/1", text=text_of("grippe-pic"), source="a", published_at=None
    )
    del first_run
    second_run = StoryIndex(mongo_db)  # another process, scrapyd job or a restart: only MongoDB is shared
    joined = second_run.assign(
        url="https://b.fr/2", text=light_edit(text_of("grippe-pic")), source="b", published_at=None
    )
    assert joined.story_id == founded.story_id and joined.kind == "near"


def test_near_duplicates_too_far_apart_in_time_do_not_join(mongo_db) -> None:
    index = StoryIndex(mongo_db, max_gap=timedelta(days=7))
    text = text_of("grippe-vaccin")
    first = index.assign(url="https://a.fr/1", text=text, source="a", published_at=DAY)
    next_year = index.assign(
        url="https://a.fr/2", text=light_edit(text), source="a", published_at=DAY + timedelta(days=365)
    )
    same_week = index.assign(
        url="https://a.fr/3",
        text=light_edit(text) + " Fin.",
        source="a",
        published_at=DAY + timedelta(days=2),
    )
    undated = index.assign(
        url="https://a.fr/4", text=light_edit(text) + " Fin!!", source="a", published_at=None
    )
    assert next_year.is_new_story and next_year.story_id != first.story_id
    assert same_week.story_id in {first.story_id, next_year.story_id}
    assert undated.story_id in {first.story_id, next_year.story_id}


def test_threshold_decides(mongo_db) -> None:
    strict = StoryIndex(mongo_db, collection="strict", threshold=0.99)
    text = text_of("foot-coach")
    first = strict.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    second = strict.assign(url="https://b.fr/2", text=light_edit(text), source="b", published_at=None)
    assert second.is_new_story and second.story_id != first.story_id


def test_empty_text_founds_its_own_story_without_storing(index: StoryIndex) -> None:
    first = index.assign(url="https://a.fr/1", text=" \n ", source="a", published_at=None)
    second = index.assign(url="https://a.fr/2", text="", source="a", published_at=None)
    assert first.is_new_story and second.is_new_story and first.story_id != second.story_id
    assert index.collection.count_documents({}) == 0


def test_a_text_sharing_a_stored_key_claims_none_of_its_keys(index: StoryIndex) -> None:
    index.ensure_indexes()
    sketch = sketch_text(text_of("incendie-prefecture"))
    first = signature_document(sketch, url="https://a.fr/1", source="a", published_at=None)
    index.collection.insert_one(first)
    other = sketch_text(text_of("grippe-pic"))
    shared = stored_keys(sketch.keys)[:1] + stored_keys(other.keys)
    clash = signature_document(other, url="https://b.fr/2", source="b", published_at=None, keys=shared)
    with pytest.raises(DuplicateKeyError):
        index.collection.insert_one(clash)
    assert index.collection.count_documents({"keys": {"$in": stored_keys(other.keys)}}) == 0


def test_joiners_store_only_the_keys_still_free(index: StoryIndex) -> None:
    text = text_of("ukraine-defense")
    first = index.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    joined = index.assign(url="https://b.fr/2", text=light_edit(text), source="b", published_at=None)
    assert joined.story_id == first.story_id
    docs = list(index.collection.find({"story_id": first.story_id}))
    assert len(docs) == 2
    all_keys = [key for doc in docs for key in doc.get("keys", [])]
    assert len(all_keys) == len(set(all_keys))


def test_assign_creates_the_unique_index_itself(mongo_db) -> None:
    StoryIndex(mongo_db).assign(
        url="https://a.fr/1", text=text_of("foot-match"), source="a", published_at=None
    )
    indexes = mongo_db["story_signatures"].index_information()
    assert indexes[KEYS_INDEX]["unique"] and indexes[KEYS_INDEX]["sparse"]


def test_repeated_texts_are_answered_from_the_bounded_cache(index: StoryIndex) -> None:
    text = text_of("budget-hcfp")
    first = index.assign(url="https://a.fr/1", text=text, source="a", published_at=None)
    index.collection.database.client.drop_database(index.collection.database.name)  # only the cache knows
    again = index.assign(url="https://b.fr/2", text=text, source="b", published_at=None)
    assert (again.kind, again.story_id, again.matched_url) == ("exact", first.story_id, "https://a.fr/1")


def test_ensure_indexes_is_idempotent(index: StoryIndex) -> None:
    index.ensure_indexes()
    index.ensure_indexes()
    assert KEYS_INDEX in index.collection.index_information()


def test_all_workers_must_share_sketch_parameters(mongo_db) -> None:
    # different key parameters index different keys: the near-duplicate is missed, not mis-joined
    a = StoryIndex(mongo_db, params=SketchParams(key_shingle_words=6))
    b = StoryIndex(mongo_db, params=SketchParams(key_shingle_words=5))
    first = a.assign(url="https://a.fr/1", text=text_of("budget-hcfp"), source="a", published_at=None)
    second = b.assign(
        url="https://b.fr/2", text=light_edit(text_of("budget-hcfp")), source="b", published_at=None
    )
    assert second.story_id != first.story_id


def test_bounded_lru_forgets_the_least_recently_used() -> None:
    lru: BoundedLru[str, dict] = BoundedLru(2)
    lru.put("a", {"n": 1})
    lru.put("b", {"n": 2})
    assert lru.get("a") == {"n": 1}
    lru.put("c", {"n": 3})
    assert lru.get("b") is None and lru.get("a") == {"n": 1} and len(lru) == 2
    with pytest.raises(ValueError):
        BoundedLru(0)


def request(url: str, text: str, source: str = "x", published_at: datetime | None = None) -> StoryRequest:
    return StoryRequest(url, sketch_text(text), source, published_at)


def test_assign_many_places_a_batch_like_one_by_one(mongo_db) -> None:
    """New texts, copies and near-duplicates mixed in one batch, and against stored ones."""
    one_by_one, batched = (
        StoryIndex(mongo_db, collection="single"),
        StoryIndex(mongo_db, collection="batched"),
    )
    stored = [("https://wire.fr/1", text_of("afp-port")), ("https://a.fr/1", text_of("greve-trafic"))]
    incoming = [
        ("https://n.fr/2", text_of("outlet-port")),  # near-duplicate of a stored text
        ("https://b.fr/2", text_of("greve-trafic")),  # exact copy of a stored text
        ("https://agg.fr/3", excerpt(text_of("ukraine-frappes"))),  # new, then joined within the batch
        ("https://m.fr/4", text_of("ukraine-frappes")),
        ("https://c.fr/5", text_of("ukraine-frappes")),  # exact copy of another entry of the batch
        ("https://e.fr/6", ""),  # empty: its own story, nothing stored
    ]
    for url, text in stored:
        one_by_one.assign(url=url, text=text, source="x", published_at=None)
    batched.assign_many([request(url, text) for url, text in stored])
    expected = [
        one_by_one.assign(url=url, text=text, source="x", published_at=None) for url, text in incoming
    ]
    got = batched.assign_many([request(url, text) for url, text in incoming])
    assert (
        [m.kind for m in got]
        == [m.kind for m in expected]
        == ["near", "exact", "new", "near", "exact", "new"]
    )
    assert [m.matched_url for m in got] == [m.matched_url for m in expected]
    story = {url: m.story_id for (url, _), m in zip(incoming, got, strict=True)}
    assert story["https://agg.fr/3"] == story["https://m.fr/4"] == story["https://c.fr/5"]
    assert batched.collection.count_documents({}) == one_by_one.collection.count_documents({}) == 5
