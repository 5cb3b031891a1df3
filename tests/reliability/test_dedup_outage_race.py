"""The race behind the flaky spill test: MongoDB dies between a batch's lookup and its story placement.

The lookup (layers 1 and 2) succeeded, the placement (layer 3) could not run: such articles must go
to the writer ``unchecked`` and be counted so, like articles whose lookup failed. (They used to leave
with an ``insert`` and no story, uncounted: more stored articles without ``story_id`` than
``newsbot/dedup/unchecked`` said.) The server is a real SecantusDB, stopped at that exact moment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from newsbot.dedup import StoryIndex, sketch_text
from newsbot.dedup.decision import Candidate, decide, look_up
from newsbot.storage.config import MongoConfig
from newsbot.storage.embedded import EmbeddedServer, free_port, start_server
from newsbot.storage.store import ArticleStore

pytestmark = pytest.mark.integration

BODY = (
    "Le conseil départemental a voté jeudi un plan de rénovation des collèges, estimé à 120 millions "
    "d'euros sur six ans. Les travaux commenceront à la rentrée par les établissements les plus anciens."
)


class StoppedBeforePlacement(StoryIndex):
    """The real story index, whose server is stopped just before it places the batch."""

    def __init__(self, database, server: EmbeddedServer) -> None:
        super().__init__(database)
        self.server = server

    def assign_many(self, entries):
        self.server.stop()
        return super().assign_many(entries)


def test_an_article_whose_story_could_not_be_placed_is_written_unchecked(tmp_path: Path) -> None:
    server = start_server(tmp_path / "mongo", port=free_port())
    settings = Settings(
        {
            "MONGO_URI": server.uri,
            "MONGO_DATABASE": "race",
            "NEWSBOT_DATA_DIR": str(tmp_path / "data"),
            "MONGO_RETRY_BUDGET": "0.5",
            "MONGO_SERVER_SELECTION_TIMEOUT_MS": "300",
        }
    )
    store = ArticleStore.open(MongoConfig.from_settings(settings))
    try:
        stories = StoppedBeforePlacement(store.connection.database, server)
        url = "https://www.journal-du-maine.example/sarthe/colleges"
        sketch = sketch_text(BODY, stories.params)
        [lookup] = look_up(store, stories, [Candidate(url, sketch, "journal-du-maine.example", None)])
        verdict = decide(url, sketch.content_hash, False, lookup)
        assert verdict.write_mode == "unchecked" and verdict.story_id is None
        assert verdict.counters == ("unchecked",), "counted: the writer re-checks layers 1 and 2"
    finally:
        store.close()
        server.stop()
