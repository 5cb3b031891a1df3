"""The ingestion ledger on a real MongoDB-wire server: atomic claims, leases, checkpoints."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from newsbot.history.ledger import Ledger, file_digest

LEASE = timedelta(minutes=10)
EXPIRED = timedelta(minutes=-1)  # a lease already over when taken: its worker is as good as dead


def test_one_claim_wins_among_concurrent_workers(mongo_db) -> None:
    ledgers = [Ledger(mongo_db.warc_files, f"w{n}", LEASE) for n in range(8)]
    with ThreadPoolExecutor(8) as pool:
        claims = list(pool.map(lambda ledger: ledger.claim("d1", "/a.warc.gz", 10), ledgers))
    assert sorted(claim.outcome for claim in claims) == ["held"] * 7 + ["resume"]


def test_done_files_are_skipped_and_expired_leases_resume_at_the_checkpoint(mongo_db) -> None:
    dead = Ledger(mongo_db.warc_files, "dead", EXPIRED)
    assert dead.claim("d2", "/b.warc.gz", 100).outcome == "resume"
    assert dead.checkpoint("d2", offset=40, records=7, stored=3)
    heir = Ledger(mongo_db.warc_files, "heir", LEASE)
    claim = heir.claim("d2", "/elsewhere/b.warc.gz", 100)
    assert (claim.outcome, claim.offset, claim.records) == ("resume", 40, 7)
    assert not dead.checkpoint("d2", offset=60, records=9, stored=1)  # the lease moved on
    assert heir.finish("d2", offset=100, records=12, stored=2)
    assert Ledger(mongo_db.warc_files, "late", LEASE).claim("d2", "/b.warc.gz", 100).outcome == "done"
    doc = mongo_db.warc_files.find_one({"_id": "d2"})
    assert (
        doc["state"] == "done"
        and doc["stored"] == 5
        and doc["runs"] == 2
        and doc["path"] == "/elsewhere/b.warc.gz"
    )


def test_release_lets_another_run_resume_at_once(mongo_db) -> None:
    first = Ledger(mongo_db.warc_files, "first", LEASE)
    first.claim("d3", "/c.warc.gz", 5)
    assert Ledger(mongo_db.warc_files, "second", LEASE).claim("d3", "/c.warc.gz", 5).outcome == "held"
    first.release("d3")
    assert Ledger(mongo_db.warc_files, "third", LEASE).claim("d3", "/c.warc.gz", 5).outcome == "resume"


def test_digest_depends_on_size_and_head() -> None:
    assert file_digest(10, b"abc") == file_digest(10, b"abc")
    assert file_digest(10, b"abc") != file_digest(11, b"abc") != file_digest(None, b"abc")
    assert file_digest(10, b"abc") != file_digest(10, b"abd")
