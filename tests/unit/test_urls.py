"""Canonical article URLs and same-site checks (pure functions)."""

from __future__ import annotations

import pytest

from newsbot.crawl.urls import canonicalize_url, registrable_domain, same_site

ARTICLE = "https://www.lefigaro.fr/international/guerre-en-ukraine-20241122"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        "HTTPS://WWW.LEFIGARO.FR/international/guerre-en-ukraine-20241122",
        "http://www.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://www.lefigaro.fr:443/international/guerre-en-ukraine-20241122",
        "http://www.lefigaro.fr:80/international/guerre-en-ukraine-20241122",
        "https://www.lefigaro.fr./international/guerre-en-ukraine-20241122",
        "  https://www.lefigaro.fr/international/guerre-en-ukraine-20241122\n",
        f"{ARTICLE}#xtor=RSS-1",
        f"{ARTICLE}#comments",
        f"{ARTICLE}?utm_source=twitter&utm_medium=social&utm_campaign=fil",
        f"{ARTICLE}?UTM_Source=Newsletter",
        f"{ARTICLE}?xtor=RSS-3208",
        f"{ARTICLE}?at_medium=custom7&at_campaign=facebook",
        f"{ARTICLE}?fbclid=IwAR0abc",
        f"{ARTICLE}?gclid=Cj0KCQ&msclkid=abc&yclid=1",
        f"{ARTICLE}?mc_cid=1&mc_eid=2&_ga=2.1&pk_campaign=x&mtm_source=y",
        f"{ARTICLE}?ito=newsletter&cmpid=rss&ocid=msn",
        f"{ARTICLE}?",
        "https://m.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://mobile.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://amp.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://www.lefigaro.fr/amp/international/guerre-en-ukraine-20241122",
        "https://www.lefigaro.fr/international/amp/guerre-en-ukraine-20241122",
        "https://www.lefigaro.fr/international/guerre-en-ukraine-20241122/amp",
        "https://www.lefigaro.fr/international/guerre-en-ukraine-20241122.amp",
        f"{ARTICLE}?amp",
        f"{ARTICLE}?amp=1",
        f"{ARTICLE}?amp=true&utm_source=google",
        f"{ARTICLE}?outputType=amp",
        f"{ARTICLE}?_amp=true",
        "https://www-lefigaro-fr.cdn.ampproject.org/c/s/www.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://www.google.com/amp/s/www.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://www.google.fr/amp/s/m.lefigaro.fr/amp/international/guerre-en-ukraine-20241122?amp",
        "https://user:secret@www.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "//www.lefigaro.fr/international/guerre-en-ukraine-20241122",
        "https://www.lefigaro.fr//international//guerre-en-ukraine-20241122",
    ],
)
def test_variants_fold_onto_one_url(variant: str) -> None:
    assert canonicalize_url(variant) == ARTICLE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.rfi.fr/fr/a?b=2&a=1", "https://www.rfi.fr/fr/a?a=1&b=2"),
        ("https://www.rfi.fr/fr/a?b=2&utm_term=x&a=1", "https://www.rfi.fr/fr/a?a=1&b=2"),
        ("https://www.rfi.fr/fr/a?id=3&id=1", "https://www.rfi.fr/fr/a?id=1&id=3"),
        ("https://www.rfi.fr/fr/a?page=", "https://www.rfi.fr/fr/a?page="),
        ("https://www.rfi.fr/fr/a?outputType=print", "https://www.rfi.fr/fr/a?outputType=print"),
        ("https://www.rfi.fr/fr/a?q=a+b", "https://www.rfi.fr/fr/a?q=a%20b"),
        ("https://www.rfi.fr/fr/caf%c3%a9", "https://www.rfi.fr/fr/caf%C3%A9"),
        ("https://www.rfi.fr/fr/café", "https://www.rfi.fr/fr/caf%C3%A9"),
        ("https://www.rfi.fr/fr/a%20b", "https://www.rfi.fr/fr/a%20b"),
        ("https://www.rfi.fr/fr/article.amp.html", "https://www.rfi.fr/fr/article.html"),
        ("https://www.rfi.fr/fr/article/", "https://www.rfi.fr/fr/article/"),
        ("https://www.rfi.fr", "https://www.rfi.fr/"),
        ("https://www.rfi.fr:8443/a", "https://www.rfi.fr:8443/a"),
        ("https://naibaat.pk/amp/2022/04/08/49027/", "https://naibaat.pk/2022/04/08/49027/"),
        ("https://hindi.oneindia.com/amphtml/news/x.html", "https://hindi.oneindia.com/news/x.html"),
        ("https://m.bbc.co.uk/news/x", "https://www.bbc.co.uk/news/x"),
        ("https://amp.theguardian.com/world/x", "https://www.theguardian.com/world/x"),
        ("http://lefigaro.fr/a", "https://lefigaro.fr/a"),
        ("https://m.fr/a", "https://m.fr/a"),  # "m" is the domain itself here, not an edition
        ("https://www.example.fr/ampoule", "https://www.example.fr/ampoule"),
        ("https://www.example.fr/camp", "https://www.example.fr/camp"),
        ("https://www.example.fr/a?ref=rss&reference=7", "https://www.example.fr/a?reference=7"),
    ],
)
def test_canonical_forms(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/rfi/article.html?utm_source=x",
        "http://localhost/a",
        "http://127.0.0.1/a",
    ],
)
def test_local_servers_keep_http_and_port(url: str) -> None:
    canonical = canonicalize_url(url)
    assert canonical.startswith("http://")
    assert canonical == url.split("?")[0]


def test_non_http_urls_are_only_stripped() -> None:
    assert canonicalize_url("  mailto:redaction@example.fr ") == "mailto:redaction@example.fr"
    assert canonicalize_url("ftp://example.fr/a?utm_source=x") == "ftp://example.fr/a?utm_source=x"


def test_empty_url_is_an_error() -> None:
    with pytest.raises(ValueError):
        canonicalize_url("   ")


def test_canonical_form_is_a_fixed_point() -> None:
    urls = [
        "HTTP://M.LEFIGARO.FR/amp/a/b.amp.html?utm_source=x&z=1&a=%c3%a9#frag",
        "https://www.google.com/amp/s/amp.lemonde.fr/a?amp=1",
        "https://www.rfi.fr/fr/caf%C3%A9?q=a b",
    ]
    for url in urls:
        once = canonicalize_url(url)
        assert canonicalize_url(once) == once


def test_canonical_hint_on_same_site_wins() -> None:
    amp = "https://amp.lefigaro.fr/flash-actu/mon-article.amp?utm_source=x"
    hint = "https://www.lefigaro.fr/flash-actu/mon-article-20250101"
    assert canonicalize_url(amp, canonical_hint=hint) == hint


def test_canonical_hint_is_itself_canonicalised_and_may_be_relative() -> None:
    url = "https://m.lefigaro.fr/flash-actu/x?id=1"
    assert (
        canonicalize_url(url, canonical_hint="/flash-actu/mon-article?utm_medium=rss#top")
        == "https://www.lefigaro.fr/flash-actu/mon-article"
    )


def test_canonical_hint_on_another_subdomain_of_the_site_is_used() -> None:
    url = "https://www.lefigaro.fr/x/article"
    assert canonicalize_url(url, canonical_hint="https://madame.lefigaro.fr/x/article") == (
        "https://madame.lefigaro.fr/x/article"
    )


@pytest.mark.parametrize(
    "hint",
    [
        "https://www.lemonde.fr/international/article",  # another site
        "https://www.lefigaro.fr/",  # the home page (a common misconfiguration)
        "https://www.lefigaro.fr",
        "https://www.lefigaro.fr/international/",  # a section above the article
        "mailto:redaction@lefigaro.fr",
        "",
        "   ",
    ],
)
def test_unusable_canonical_hints_are_ignored(hint: str) -> None:
    url = "https://www.lefigaro.fr/international/article?utm_source=x"
    assert canonicalize_url(url, canonical_hint=hint) == "https://www.lefigaro.fr/international/article"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("https://www.lefigaro.fr/a", "https://m.lefigaro.fr/b", True),
        ("https://www.lefigaro.fr/a", "lefigaro.fr", True),
        ("https://madame.lefigaro.fr/a", "http://www.lefigaro.fr", True),
        ("https://www.lefigaro.fr/a", "https://www.lemonde.fr/a", False),
        ("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/b", True),
        ("https://www.bbc.co.uk/a", "https://www.other.co.uk/b", False),
        ("https://a.blogspot.com/x", "https://b.blogspot.com/x", False),  # private suffix
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b", True),
        ("http://127.0.0.1/a", "http://127.0.0.2/a", False),
        ("", "https://www.lefigaro.fr", False),
    ],
)
def test_same_site(a: str, b: str, expected: bool) -> None:
    assert same_site(a, b) is expected
    assert same_site(b, a) is expected or not a


def test_registrable_domain() -> None:
    assert registrable_domain("WWW.LeFigaro.FR.") == "lefigaro.fr"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("localhost") == "localhost"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"
