"""Malformed settings are told in one line naming the setting and what it expects."""

from __future__ import annotations

import pytest

from newsbot.env import EnvironmentSettingError, env_bool, env_float, env_int
from newsbot.storage.uri import MongoUriError, check_mongo_uri
from spiders.arguments import SpiderArgumentError, positive_int, split_urls


@pytest.mark.parametrize(
    ("reader", "raw", "expected"),
    [(env_int, "many", "an integer"), (env_float, "1,5", "a number"), (env_bool, "maybe", "a boolean")],
)
def test_a_bad_environment_value_exits_2_with_one_line(
    reader, raw: str, expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBOT_SOMETHING", raw)
    with pytest.raises(EnvironmentSettingError) as caught:
        reader("NEWSBOT_SOMETHING", 1)
    assert caught.value.code == 2 and isinstance(caught.value, SystemExit)
    line = f"error: environment variable NEWSBOT_SOMETHING: expected {expected}"
    assert capsys.readouterr().err.startswith(line) and str(caught.value).startswith(line)


def test_good_environment_values_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_N", "12")
    monkeypatch.setenv("NEWSBOT_B", "off")
    monkeypatch.delenv("NEWSBOT_F", raising=False)
    assert env_int("NEWSBOT_N", 1) == 12 and env_bool("NEWSBOT_B", True) is False
    assert env_float("NEWSBOT_F", 2.5) == 2.5


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "mongodb://127.0.0.1:27017",
        "mongodb://reader:secret@db1.example:27017,db2.example:27017/news?replicaSet=rs0",
        "mongodb+srv://cluster0.example.net/news",
    ],
)
def test_usable_uris_pass(uri: str) -> None:
    assert check_mongo_uri(uri) == uri


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("not-a-uri", "expected mongodb://"),
        ("http://127.0.0.1:27017", "got 'http://127.0.0.1:27017'"),
        ("mongodb://", "at least one hostname"),
        ("mongodb://127.0.0.1:99999", "Port must be"),
        ("mongodb+srv://", "no host"),
        ("mongodb://u:topsecret@127.0.0.1:70000", "mongodb://***@127.0.0.1:70000"),
    ],
)
def test_unusable_uris_are_refused_by_name(uri: str, says: str) -> None:
    with pytest.raises(MongoUriError) as caught:
        check_mongo_uri(uri)
    assert str(caught.value).startswith("MONGO_URI") and says in str(caught.value)
    assert "topsecret" not in str(caught.value)


def test_spider_arguments_name_themselves() -> None:
    with pytest.raises(SpiderArgumentError, match=r"^-a max_articles: expected a positive integer, got 'x'$"):
        positive_int("x", "max_articles")
    with pytest.raises(SpiderArgumentError, match=r"^-a feeds: expected absolute http\(s\) URLs"):
        split_urls("http://ok.example/rss, ftp://nope.example/rss", "feeds")
    with pytest.raises(SpiderArgumentError, match=r"http://h\.example:99999"):
        split_urls("http://h.example:99999/rss", "urls")
    assert positive_int("3", "max_articles") == 3 and positive_int(None, "max_articles") is None
