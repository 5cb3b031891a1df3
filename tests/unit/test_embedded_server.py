"""The embedded SecantusDB server starts, answers pymongo, is found again and stops."""

from pathlib import Path

import pymongo

from newsbot.storage.embedded import ensure_server, find_running, port_open


def test_start_reuse_and_stop(tmp_path: Path) -> None:
    server = ensure_server(tmp_path / "data")
    try:
        client = pymongo.MongoClient(server.uri, serverSelectionTimeoutMS=5000)
        client.db.things.insert_one({"a": 1})
        assert client.db.things.count_documents({}) == 1
        client.close()
        again = find_running(tmp_path / "data")
        assert again is not None and again.port == server.port and again.pid == server.pid
    finally:
        server.stop()
    assert not port_open(server.host, server.port)
    assert find_running(tmp_path / "data") is None
