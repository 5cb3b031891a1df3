"""The extraction building blocks on their own: decoding, JSON-LD, titles, authors, blocks, boilerplate,
content scoring, dates and page kinds."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from newsbot.extraction import extract_article, jsonld
from newsbot.extraction.authors import clean_authors, split_signature
from newsbot.extraction.blocks import Block, iter_blocks
from newsbot.extraction.body import clean_blocks
from newsbot.extraction.boilerplate import is_chrome_line, is_read_also, negative_attributes, prune
from newsbot.extraction.datesources import find_dates, is_dateline
from newsbot.extraction.decoding import decode_html
from newsbot.extraction.document import element_text, parse_html
from newsbot.extraction.kind import detect_kind
from newsbot.extraction.metatags import MetaTags
from newsbot.extraction.page import Page
from newsbot.extraction.scoring import choose_container, token_f1, word_counts
from newsbot.extraction.titles import choose_title

PROSE = (
    "Les habitants du quartier se sont réunis mardi soir, à la salle des fêtes, pour discuter du projet de "
    "nouvelle ligne de bus, qui doit relier la gare au lycée d'ici à la fin de l'année prochaine."
)


def root(html: str):
    parsed = parse_html(html)
    assert parsed is not None
    return parsed


# -- decoding ---------------------------------------------------------------------------------------


def test_declared_meta_charset_is_used() -> None:
    raw = '<html><head><meta charset="windows-1252"></head><body><p>Été à Noël</p></body></html>'
    assert "Été à Noël" in decode_html(raw.encode("cp1252"))


def test_http_encoding_wins_over_a_guess() -> None:
    raw = "<p>Fenêtre sur l'été</p>".encode("iso-8859-15")
    assert "Fenêtre sur l'été" in decode_html(raw, "iso-8859-15")


def test_byte_order_mark_wins() -> None:
    assert decode_html(b"\xef\xbb\xbf<p>d\xc3\xa9j\xc3\xa0</p>", "iso-8859-1") == "<p>déjà</p>"


def test_utf8_bytes_declared_as_legacy_encoding_are_read_as_utf8() -> None:
    raw = '<meta charset="gb2312"><p>Pékin, capitale</p>'.encode()
    assert "Pékin, capitale" in decode_html(raw)


def test_invalid_bytes_in_declared_utf8_are_replaced_not_raised() -> None:
    raw = '<meta charset="utf-8"><p>Café crème déjà servi</p>'.encode() + b"<p>octet perdu \xff ici</p>"
    text = decode_html(raw)
    assert "Café crème déjà servi" in text and "\ufffd" in text


def test_page_declared_utf8_but_written_in_windows_1252_is_read_as_such() -> None:
    raw = '<meta charset="utf-8"><p>Élève, été, Noël, goût, façade</p>'.encode("cp1252")
    assert "Élève, été, Noël, goût, façade" in decode_html(raw)


def test_undeclared_page_defaults_to_utf8_when_valid() -> None:
    assert decode_html("<p>Où êtes-vous ?</p>".encode()) == "<p>Où êtes-vous ?</p>"


# -- JSON-LD ------------------------------------------------------------------------------------------


def scripts(*blocks: str) -> str:
    tags = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<html><head>{tags}</head><body></body></html>"


def test_json_ld_lists_graphs_and_broken_blocks() -> None:
    nodes = jsonld.parse_blocks(
        root(
            scripts(
                json.dumps([{"@type": "WebSite", "name": "Site"}, {"@type": "NewsArticle", "headline": "A"}]),
                json.dumps(
                    {"@context": "https://schema.org", "@graph": [{"@type": "Article", "headline": "B"}]}
                ),
                '{"@type": "Article", "headline": "C",}',
                "{ pas du json",
                '"une chaîne"',
                "[1, 2, null]",
            )
        )
    )
    assert [node.get("headline") or node.get("name") for node in nodes] == ["Site", "A", "B", "C"]


def test_huge_json_ld_blocks_are_skipped() -> None:
    huge = json.dumps(
        {"@type": "Article", "headline": "X", "articleBody": "a" * (jsonld.MAX_BLOCK_CHARS + 1)}
    )
    assert jsonld.parse_blocks(root(scripts(huge))) == []


def test_main_node_prefers_the_article_matching_the_page() -> None:
    nodes = [
        {"@type": "NewsArticle", "headline": "Autre", "url": "https://site.fr/autre"},
        {"@type": ["NewsArticle", "Article"], "headline": "Celle-ci", "url": "https://site.fr/celle-ci"},
        {"@type": "VideoObject", "name": "Vidéo"},
    ]
    assert jsonld.main_node(nodes, "https://www.site.fr/celle-ci/")["headline"] == "Celle-ci"
    assert jsonld.main_node([{"@type": "VideoObject", "name": "Vidéo"}])["name"] == "Vidéo"
    assert jsonld.main_node([{"@type": "WebPage"}, {"@type": 3}]) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("True", True),
        ("False", False),
        ("false", False),
        ("oui", None),
        (None, None),
    ],
)
def test_is_accessible_for_free_accepts_booleans_and_strings(value: object, expected: bool | None) -> None:
    assert jsonld.accessible_for_free({"isAccessibleForFree": value}) is expected


def test_authors_follow_id_references_and_tolerate_wrong_types() -> None:
    nodes = [{"@type": "Person", "@id": "#p1", "name": "Lina Roux"}]
    node = {
        "@type": "Article",
        "author": [{"@id": "#p1"}, {"@type": "Person", "givenName": "Yann", "familyName": "Le Bihan"}, 7],
    }
    assert jsonld.author_names(node, jsonld.id_index(nodes)) == ["Lina Roux", "Yann Le Bihan", "7"]
    assert jsonld.author_names({"author": {"@type": "Organization", "name": "AFP"}}) == ["AFP"]
    assert jsonld.author_names({"author": None}) == []


def test_keywords_from_strings_and_lists() -> None:
    assert jsonld.keywords({"keywords": "météo, grêle ,, orages"}) == ["météo", "grêle", "orages"]
    assert jsonld.keywords({"keywords": ["a", {"name": "b"}, 3]}) == ["a", "b", "3"]


# -- titles and authors -------------------------------------------------------------------------------


def test_title_drops_site_name_affixes() -> None:
    title = choose_title(None, "Un pont rouvre à Valmont | Le Courrier - Actualités locales", None, None,
                         site_names=["Le Courrier - Actualités locales"], url="https://courrier.example/a")  # fmt: skip
    assert title == "Un pont rouvre à Valmont"


def test_title_prefers_the_visible_heading_when_the_declared_one_decorates_it() -> None:
    assert choose_title(
        None, "Pétition : Sauvons la piscine", "Sauvons la piscine", None, site_names=[], url=""
    ) == ("Sauvons la piscine")
    assert (
        choose_title(None, "Le maire s'en va", "Le maire s’en va", None, site_names=[], url="")
        == "Le maire s’en va"
    )


def test_title_completes_a_truncated_headline() -> None:
    headline = "Une très longue histoire de pont qui n'en finit pas de…"
    full = "Une très longue histoire de pont qui n'en finit pas de rouvrir"
    assert choose_title(headline, None, full, None, site_names=[], url="") == full


@pytest.mark.parametrize(
    ("signature", "names"),
    [
        ("Par Claire Vasseur et Hugo Lemaire", ["Claire Vasseur", "Hugo Lemaire"]),
        ("Le Figaro et AFP", ["Le Figaro et AFP"]),
        ("Par Nina Castel, correspondante à Lyon", ["Nina Castel"]),
        ("Propos recueillis par Théo Brunel", ["Théo Brunel"]),
        ("Un documentaire de Lucie Garnier", ["Lucie Garnier"]),
        ("By: Jane Roe", ["Jane Roe"]),
        ("https://www.site.fr/auteur/42-afp", []),
        ("D.D.", ["D.D."]),
    ],
)
def test_signatures_become_person_names(signature: str, names: list[str]) -> None:
    assert split_signature(signature) == names


def test_author_lists_are_deduplicated() -> None:
    assert clean_authors(["Par Lina Roux", "lina roux", "Yann Le Bihan"]) == ["Lina Roux", "Yann Le Bihan"]


def test_visible_text_skips_screen_reader_duplicates() -> None:
    document = root('<p>Par <a>Lina Roux<span class="sr-only">Lina Roux</span></a><script>x()</script></p>')
    assert element_text(document.find(".//p")) == "Par Lina Roux"


# -- blocks and boilerplate ---------------------------------------------------------------------------


def test_blocks_join_inline_markup_without_adding_spaces() -> None:
    document = root(
        "<div><p>Il le <em>surnommait</em>le Grand, <a href='#'>dit-on</a>.</p>texte libre<br>après"
        "<h2>Intertitre</h2><ul><li>un</li></ul><table><tr><td>1</td><td>Lina</td></tr></table></div>"
    )
    blocks = iter_blocks(document.find(".//div"))
    assert [(block.text, block.tag) for block in blocks] == [
        ("Il le surnommaitle Grand, dit-on.", "p"),
        ("texte libre", "div"),
        ("après", "div"),
        ("Intertitre", "h2"),
        ("un", "li"),
        ("1 Lina", "tr"),
    ]
    assert blocks[0].link_chars == len("dit-on")


@pytest.mark.parametrize(
    "text",
    [
        "» LIRE AUSSI - Orages : comment protéger sa voiture",
        "À lire aussi : le pont rouvre",
        "VIDÉO - Le pont en images",
    ],
)
def test_read_also_lines_are_recognised(text: str) -> None:
    assert is_read_also(Block(text, "p"))


def test_prose_is_not_read_also() -> None:
    assert not is_read_also(Block(PROSE, "p"))
    assert not is_read_also(Block("Lire, écrire et compter restent la priorité de l'école.", "p"))


def test_chrome_lines() -> None:
    assert is_chrome_line("Publicité")
    assert is_chrome_line("Crédits photos : Agence Exemple")
    assert is_chrome_line("11:15")
    assert not is_chrome_line("La publicité a envahi les abribus du centre-ville.")


@pytest.mark.parametrize(
    ("attributes", "chrome"),
    [
        ('class="share-bar"', True),
        ('class="article-body"', False),
        ('class="m-block-ad"', True),
        ('class="author-box"', True),
        ('class="article-author content"', False),
        ('id="comments"', True),
        ('class="sr-only"', True),
        ('class="TypologyArticle__BlockLabel"', False),
    ],
)
def test_negative_class_names(attributes: str, chrome: bool) -> None:
    assert negative_attributes(root(f"<div {attributes}>x</div>").find(".//div")) is chrome


def test_prune_keeps_a_layout_wrapper_named_like_chrome_when_it_holds_the_prose() -> None:
    document = root(
        f'<div class="layout-with-sidebar"><p>{PROSE}</p><p>{PROSE}</p></div><div class="sidebar"><p>{PROSE}</p></div>'
    )
    prune(document)
    assert len(document.findall(".//p")) == 2
    assert document.find(".//div[@class='sidebar']") is None


def test_paywall_notice_cuts_the_body() -> None:
    blocks = [Block(PROSE, "p"), Block("Il vous reste 70 % de cet article à lire.", "p"), Block(PROSE, "p")]
    kept, truncated = clean_blocks(blocks, title=None, lead=None)
    assert kept == blocks[:1] and truncated


def test_repeated_title_and_lead_are_dropped_from_the_body_head() -> None:
    blocks = [
        Block("Le titre", "h1"),
        Block("Le chapeau.", "p"),
        Block(PROSE, "p"),
        Block("Sur le même sujet", "h2"),
    ]
    kept, _ = clean_blocks(blocks, title="Le titre", lead="Le chapeau.")
    assert kept == [Block(PROSE, "p")]


# -- content scoring ----------------------------------------------------------------------------------


def test_scoring_picks_the_article_not_the_sidebar_or_the_link_lists() -> None:
    links = "".join(
        f"<li><a href='/{n}'>Un autre article numéro {n} à lire absolument</a></li>" for n in range(15)
    )
    document = root(
        f"<body><div id='menu'><ul>{links}</ul></div><div class='story'><p>{PROSE}</p><p>{PROSE}</p>"
        f"<p>{PROSE}</p></div><div class='column'><p>Encadré court, sans grand intérêt ici.</p></div></body>"
    )
    prune(document)
    candidate = choose_container(document)
    assert candidate is not None and candidate.element.get("class") == "story"


def test_scoring_merges_a_body_split_around_a_widget() -> None:
    document = root(
        f"<body><div><div class='text'><p>{PROSE}</p><p>{PROSE}</p></div></div><div class='promo'>x</div>"
        f"<div><div class='text'><p>Seconde partie. {PROSE}</p><p>{PROSE}</p></div></div></body>"
    )
    candidate = choose_container(document)
    assert candidate is not None
    assert sum(len(element.findall(".//p")) for element in candidate.elements) == 4


def test_token_f1() -> None:
    assert token_f1(word_counts("le chat dort"), word_counts("le chat dort")) == 1.0
    assert token_f1(word_counts("le chat"), word_counts("le chien")) == pytest.approx(0.5)
    assert token_f1(Counter(), word_counts("rien")) == 0.0


# -- dates and kinds ----------------------------------------------------------------------------------


def dates(html: str, url: str = "https://site.fr/article"):
    return find_dates(Page.from_root(root(html), url))


def test_date_sources_in_order() -> None:
    json_ld = scripts('{"@type": "NewsArticle", "datePublished": "2024-03-01T10:00:00+01:00"}')
    assert dates(json_ld).source == "jsonld"
    meta = '<meta property="article:published_time" content="2024-03-01T10:00:00+01:00">'
    assert (dates(meta).published, dates(meta).source) == ("2024-03-01T10:00:00+01:00", "meta")
    time = '<article><time datetime="2024-03-01T10:00">1er mars</time></article>'
    assert dates(time).source == "time"
    byline = '<p class="infos">Publié le : 01/03/2024 - 10:00 Mis à jour le : 02/03/2024 - 08:00</p>'
    found = dates(byline)
    assert found.source == "byline" and "01/03/2024" in found.published and "02/03/2024" in found.modified
    assert (dates("<p>x</p>", "https://site.fr/2024/03/01/titre").published, dates("<p>x</p>").source) == (
        "2024-03-01",
        None,
    )


def test_a_visible_date_contradicting_its_attribute_wins() -> None:
    found = dates('<main><time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019</time></main>')
    assert (found.published, found.source) == ("Publié le 29 juin 2019", "byline")


def test_unreadable_machine_dates_fall_through() -> None:
    html = scripts('{"@type": "NewsArticle", "datePublished": "2024-99-99 bientôt"}').replace(
        "</head>",
        '<meta property="article:published_time" content="2024|13h"><meta name="date" content="2024-03-01T10:00">'
        "</head>",
    )
    assert (dates(html).published, dates(html).source) == ("2024-03-01T10:00", "meta")


def test_datelines() -> None:
    assert is_dateline("Publié le 12 février 2024 à 10h15 par Paul Verdier")
    assert is_dateline("jeudi 13 juin 2019")
    assert not is_dateline("Le 12 mars 2024, la mairie a annoncé la fermeture du pont.")


@pytest.mark.parametrize(
    ("url", "node", "og_type", "kind"),
    [
        ("https://site.fr/international/en-direct-guerre-20240101", None, None, "live"),
        ("https://site.fr/a", {"@type": "LiveBlogPosting"}, None, "live"),
        ("https://site.fr/a", {"@type": "VideoObject"}, None, "video"),
        ("https://site.fr/a", {"@type": "PodcastEpisode"}, None, "podcast"),
        ("https://site.fr/a", None, "video.other", "video"),
        ("https://site.fr/podcasts/emission/episode-3", None, None, "podcast"),
        ("https://site.fr/politique/le-direct-de-l-assemblee-est-suspendu", None, None, "article"),
        ("https://site.fr/a", {"@type": "NewsArticle"}, "article", "article"),
    ],
)
def test_page_kinds(url: str, node: dict | None, og_type: str | None, kind: str) -> None:
    meta = MetaTags({"og:type": [og_type]} if og_type else {})
    page = Page(root("<p>x</p>"), url, meta, [node] if node else [], node)
    assert detect_kind(page) == kind


def test_garbage_never_raises() -> None:
    for body in (b"", b"\x00\xff\xfe", "<" * 10_000, "<?xml version='1.0' encoding='utf-8'?><p>oui</p>"):
        article = extract_article(body, "https://site.fr/a")
        assert article.url == "https://site.fr/a"


def test_header_caught_with_the_body_is_removed() -> None:
    blocks = [
        Block("Éducation", "span"),
        Block("Le pont rouvre", "h1"),
        Block("Par Lina Roux et Yann Le Bihan", "span"),
        Block("Article réservé aux abonnés", "p"),
        Block(PROSE, "p"),
    ]
    kept, truncated = clean_blocks(
        blocks, title="Le pont rouvre", lead=None, authors=["Lina Roux", "Yann Le Bihan"]
    )
    assert kept == [Block(PROSE, "p")] and not truncated


def test_a_paragraph_naming_someone_else_is_not_a_byline() -> None:
    blocks = [Block(PROSE, "p"), Block("Par Marc Aubert", "p")]
    assert clean_blocks(blocks, title=None, lead=None, authors=["Lina Roux"])[0] == blocks


# -- authors: the publication's own name, desks and agencies ----------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Le Journal du Val avec AFP"], ["AFP"]),
        (["Rédaction en ligne (avec Belga)"], ["Belga"]),
        (["journalduval.fr"], []),
        (["La rédaction de l'Orne"], []),
        (["Nos experts maison"], []),
        (["Claire Vasseur", "Le Journal du Val"], ["Claire Vasseur"]),
        (["Reuters"], ["Reuters"]),
    ],
)
def test_house_names_and_desks_are_not_authors(names: list[str], expected: list[str]) -> None:
    from newsbot.extraction.authors import name_key, without_house_names

    own = {name_key("Le Journal du Val"), name_key("journalduval.fr"), name_key("journalduval")}
    assert without_house_names(names, own) == expected


def test_byline_falls_through_a_house_signature_to_the_dateline_block() -> None:
    html = (
        '<html><head><meta name="author" content="journalduval.fr"></head><body>'
        "<h1>Le site du Journal du Val</h1><h1>Le pont rouvre après six mois</h1>"
        "<div class='meta'><p><strong>Lina Roux</strong><br>Mis en ligne <time>samedi 2 mars</time></p></div>"
        f"<p>{PROSE}</p><div class='comments'><span class='comment-author'>troll</span></div></body></html>"
    )
    article = extract_article(html, "https://www.journalduval.fr/2024/03/02/le-pont-rouvre")
    assert article.authors == ["Lina Roux"]


def test_a_desk_signature_ends_the_search() -> None:
    html = scripts('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "La rédaction du Val"}}')
    html = html.replace("</body>", "<div class='author'>Pexels</div></body>")
    assert extract_article(html, "https://journalduval.fr/a").authors == []
