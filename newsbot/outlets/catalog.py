"""The outlets newsbot crawls with dedicated spiders."""

from __future__ import annotations

from typing import Any

from newsbot.outlets.profile import OutletProfile

_FMM_REMOVE = (
    ".m-interstitial", ".m-em-image", ".m-em-flash", ".m-em-video", ".m-em-audio", ".m-em-embed",
    ".m-block-ad", ".m-share-bar", ".t-content__tags", ".a-media-legend", "figcaption",
)  # fmt: skip


def _france_medias_monde(**outlet: Any) -> OutletProfile:
    """An outlet on the France Médias Monde template (RFI, France 24): ``t-content__*`` blocks,
    ``m-*`` widgets; ``outlet`` gives what differs (id, name, domains, feeds, kinds)."""
    return OutletProfile(
        article_url_pattern=r"^/[a-z]{2}/(?:[^?#]+/)?\d{8}-[^/?#]+",
        title_selectors=(".t-content__title",),
        lead_selectors=(".t-content__chapo",),
        body_selectors=(".t-content__body",),
        remove_selectors=_FMM_REMOVE,
        byline_selectors=(".m-from-author__name",),
        date_selectors=(".t-content__dates", ".m-pub-dates"),
        section_selectors=(".t-content__section",),
        tag_selectors=(".t-content__tags a", ".m-tags-list a"),
        **outlet,
    )


RFI = _france_medias_monde(
    id="rfi",
    name="RFI",
    domains=("rfi.fr",),
    feeds=("https://www.rfi.fr/fr/rss",),
    sitemaps=("https://www.rfi.fr/sitemaps/fr/news.xml",),
    archives=("https://www.rfi.fr/robots.txt",),
    kind_url_patterns=((r"/(?:podcasts|emission|emissions)/", "podcast"), (r"/(?:video|videos)/", "video")),
    kind_selectors=((".t-content--podcast", "podcast"), (".t-content--live", "live")),
)

FRANCE24 = _france_medias_monde(
    id="france24",
    name="France 24",
    domains=("france24.com",),
    feeds=("https://www.france24.com/fr/rss",),
    sitemaps=("https://www.france24.com/sitemaps/fr/news.xml",),
    archives=("https://www.france24.com/robots.txt",),
    kind_url_patterns=((r"/(?:vid%C3%A9o|vidéo|video|emissions)/", "video"), (r"/(?:podcasts?)/", "podcast")),
    kind_selectors=((".t-content--live", "live"),),
)

LEFIGARO = OutletProfile(
    id="lefigaro",
    name="Le Figaro",
    domains=("lefigaro.fr",),
    feeds=(
        "https://www.lefigaro.fr/rss/figaro_actualites.xml",
        "https://www.lefigaro.fr/rss/figaro_flash-actu.xml",
    ),
    sitemaps=("https://www.lefigaro.fr/sitemap_news.xml",),
    archives=("https://sitemaps.lefigaro.fr/lefigaro.fr/articles.xml",),
    article_url_pattern=r"^/[^?#]+-\d{8}/?$",
    title_selectors=("h1.fig-headline", "h1.fig-main-title"),
    lead_selectors=("p.fig-standfirst", ".fig-standfirst"),
    body_selectors=(".fig-content-body", ".fig-live-posts"),
    remove_selectors=(
        ".fig-crosslinking",
        ".fig-body-link",
        ".fig-newsletter-box",
        ".fig-ad-content",
        ".fig-media-photo",
        ".fig-premium-paywall",
        ".fig-embed",
        ".fig-sharebar",
        ".fig-share-tools",
    ),
    byline_selectors=(".fig-content-metas__authors", ".fig-content-metas__author"),
    date_selectors=(".fig-content-metas__pub-date", ".fig-content-metas__pub"),
    tag_selectors=(".fig-tags__link",),
    paywall_selectors=(".fig-premium-paywall",),
    kind_url_patterns=(
        (r"^https?://video\.lefigaro\.fr/", "video"),
        (r"^https?://podcasts\.lefigaro\.fr/", "podcast"),
    ),
    kind_selectors=((".fig-live-posts", "live"), (".fig-live", "live")),
)

LEMONDE = OutletProfile(
    id="lemonde",
    name="Le Monde",
    domains=("lemonde.fr",),
    feeds=("https://www.lemonde.fr/rss/une.xml", "https://www.lemonde.fr/rss/en_continu.xml"),
    sitemaps=("https://www.lemonde.fr/sitemap_news.xml",),
    archives=("https://www.lemonde.fr/sitemap_index.xml",),
    article_url_pattern=r"^/[^?#]*/(?:article|live)/\d{4}/\d{2}/\d{2}/[^/?#]+\.html",
    title_selectors=("h1.article__title",),
    lead_selectors=("p.article__desc", ".article__desc"),
    body_selectors=("article.article__content", ".article__content"),
    remove_selectors=(
        ".catcher",
        ".dfp-slot",
        ".dfp__slot",
        ".article__siblings",
        ".inread",
        ".services",
        ".paywall",
        ".article__reactions",
        ".article__legend",
        ".article__credit",
        ".meta__social",
    ),
    byline_selectors=(".article__author-link", ".meta__author", ".article__author-name"),
    date_selectors=(".meta__date",),
    section_selectors=(".breadcrumb__parent",),
    paywall_selectors=(".paywall", ".article__status"),
    kind_url_patterns=(
        (r"/live/\d{4}/", "live"),
        (r"/(?:video|videos)/", "video"),
        (r"/podcasts?/", "podcast"),
    ),
    kind_selectors=((".post__live-container", "live"),),
)

FRANCEINFO = OutletProfile(
    id="franceinfo",
    name="franceinfo",
    domains=("francetvinfo.fr", "franceinfo.fr"),
    feeds=("https://www.francetvinfo.fr/titres.rss",),
    sitemaps=("https://www.francetvinfo.fr/sitemap_news.xml",),
    archives=("https://www.francetvinfo.fr/robots.txt",),
    article_url_pattern=r"^/[^?#]+_\d+\.html",
    title_selectors=("h1.c-title",),
    lead_selectors=(".c-chapo",),
    body_selectors=(".c-body",),
    remove_selectors=(".c-signature", ".related-content", ".p-article__related", ".c-cover", ".ad-wrapper"),
    byline_selectors=(".c-signature__names", ".c-signature__authors", ".publication-author"),
    date_selectors=(".publication-date", ".c-signature__time"),
    tag_selectors=(".related-tags a", ".c-tags a"),
    kind_url_patterns=((r"/replay-radio/", "podcast"), (r"/(?:replay-jt|videos?)/", "video")),
    kind_selectors=((".c-live", "live"), (".live-timeline", "live")),
)

VINGT_MINUTES = OutletProfile(
    id="20minutes",
    name="20 Minutes",
    domains=("20minutes.fr",),
    feeds=("https://www.20minutes.fr/feeds/rss-une.xml",),
    sitemaps=("https://www.20minutes.fr/sitemap-news.xml",),
    archives=("https://www.20minutes.fr/robots.txt",),
    article_url_pattern=r"^/(?:[^?#]+/)?\d+-\d{8}-[^/?#]+",
    title_selectors=("h1.nodeheader-title",),
    lead_selectors=(".hat-summary",),
    body_selectors=(".qiota_reserve", ".lt-endor-body"),
    remove_selectors=(".summary", ".ad", ".onf-ad", ".placeholder", ".media", ".sharebar", ".tags"),
    byline_selectors=(".authorsign-label", ".authorsign"),
    date_selectors=(".nodeheader-infos .datetime", ".datetime"),
    tag_selectors=(".tags a",),
    kind_url_patterns=((r"/(?:videos?)/", "video"),),
    kind_selectors=((".live-timeline", "live"), (".lt-live", "live")),
)

LIBERATION = OutletProfile(
    id="liberation",
    name="Libération",
    domains=("liberation.fr",),
    feeds=("https://www.liberation.fr/arc/outboundfeeds/rss-all/?outputType=xml",),
    sitemaps=("https://www.liberation.fr/arc/outboundfeeds/sitemap_news.xml?outputType=xml",),
    archives=("https://www.liberation.fr/robots.txt",),
    article_url_pattern=r"^/[^?#]+_[A-Z0-9]{20,}/?$",
    title_selectors=("h1",),
    lead_selectors=("[class*='BlockSubHeadline']", ".article-subheadline"),
    body_selectors=("article.article-body-wrapper", ".article-body-wrapper"),
    remove_selectors=(".article-dossier", "[class*='mailmunch']", ".article-tags", "[class*='Newsletter']"),
    byline_selectors=("a[href^='/auteur/']", "[class*='AuthorName']"),
    date_selectors=(".header-date",),
    kind_url_patterns=((r"/(?:video|videos)/", "video"),),
    kind_selectors=((".live-article", "live"),),
)

OUEST_FRANCE = OutletProfile(
    id="ouestfrance",
    name="Ouest-France",
    domains=("ouest-france.fr",),
    feeds=("https://www.ouest-france.fr/rss/une",),
    sitemaps=("https://www.ouest-france.fr/googlenews-0.xml",),
    archives=("https://www.ouest-france.fr/robots.txt",),
    article_url_pattern=r"^/[^?#]+-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}",
    title_selectors=("h1",),
    lead_selectors=(".su-content-chapo", ".article-chapo", "[itemprop='description']"),
    body_selectors=("[itemprop='articleBody']", "#article-detail .article-content", ".article-content"),
    remove_selectors=(".su-content-related", ".article-related", ".ad-wrapper", ".newsletter"),
    byline_selectors=("[itemprop='author'] [itemprop='name']", ".signature-name", ".article-author"),
    date_selectors=(".article-date", "[itemprop='datePublished']"),
    paywall_selectors=(".article-premium-paywall", ".paywall"),
    kind_url_patterns=((r"/(?:video|videos)/", "video"), (r"/(?:podcasts?)/", "podcast")),
    kind_selectors=((".live-container", "live"),),
)

OUTLETS: dict[str, OutletProfile] = {
    profile.id: profile
    for profile in (RFI, LEFIGARO, LEMONDE, FRANCE24, FRANCEINFO, VINGT_MINUTES, LIBERATION, OUEST_FRANCE)
}
