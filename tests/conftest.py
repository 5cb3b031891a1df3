"""Suite-wide fixtures: real services started once per test session.

MongoDB: a SecantusDB process (real wire protocol) on a free 127.0.0.1 port, unless
``NEWSBOT_TEST_MONGO_URI`` names a server to use instead (e.g. a real MongoDB).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pymongo
import pytest

from newsbot.storage.embedded import start_server
from tests.support.corpus import corpus_dir


@pytest.fixture(scope="session")
def mongo_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URI of a MongoDB-wire server shared by the whole session."""
    configured = os.environ.get("NEWSBOT_TEST_MONGO_URI")
    if configured:
        yield configured
        return
    server = start_server(tmp_path_factory.mktemp("secantus"))
    try:
        yield server.uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def mongo_client(mongo_uri: str) -> Iterator[pymongo.MongoClient]:
    client: pymongo.MongoClient = pymongo.MongoClient(
        mongo_uri, serverSelectionTimeoutMS=10_000, tz_aware=True
    )
    client.admin.command("ping")
    yield client
    client.close()


@pytest.fixture
def mongo_db_name(mongo_client: pymongo.MongoClient) -> Iterator[str]:
    """A fresh database name for one test, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    yield name
    mongo_client.drop_database(name)


@pytest.fixture
def mongo_db(mongo_client: pymongo.MongoClient, mongo_db_name: str):
    """A fresh, empty database for one test."""
    return mongo_client[mongo_db_name]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real saved pages; the test is skipped when the folder is absent."""
    path = corpus_dir()
    if path is None:
        pytest.skip("../shared/corpus is not available on this machine")
    return path
