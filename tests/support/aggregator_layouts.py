"""Aggregator pages in many markups, generated from a seed, with the items and chrome they hold.

Every page shows a main excerpt (title, optional source line, one to three paragraphs, the last
one sometimes cut mid-word) and related items (title, summary, closer), surrounded by the
aggregator's chrome: a header with the site name and section links, a tagline, a "Similar News"
marker, a footer. The French texts are assembled here from word lists; no sentence comes from a
real site. Families differ in markup (lists, cards, tables, definition lists, ``<br>`` blobs…);
each page also varies the closer's spelling, where the chrome sits, whether items link to the
aggregator's own item pages, to an original outlet, or nowhere, and whether a title is glued to its
summary. ``generate(family, seed)`` is deterministic.
"""

from __future__ import annotations

import html
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

AGGREGATOR = "https://www.infofil.example"
"""Where generated pages claim to live (tests serve them elsewhere and rewrite nothing)."""

DEV_FAMILIES = ("list", "cards", "br_blob", "paragraphs", "articles", "teasers")
"""Families the extractor was developed against."""
HELD_OUT_FAMILIES = ("table", "definitions", "spans", "grid", "mixed")
"""Families written after the extractor (grid and mixed were fixed after their first measurement)."""
SEALED_FAMILIES = ("blog", "nested")
"""Families written last and measured once: the extractor was not changed after seeing them."""
FAMILIES = DEV_FAMILIES + HELD_OUT_FAMILIES + SEALED_FAMILIES

# -- French text assembled from parts -------------------------------------------------------------

_SUBJECTS = (
    "La préfecture",
    "Le gouvernement",
    "Le syndicat des cheminots",
    "La mairie",
    "La fédération des agriculteurs",
    "Le conseil régional",
    "Une association de riverains",
    "Le service départemental d'incendie",
    "Le ministre de la Santé",
    "Le rectorat",
    "La cour d'appel",
    "Le collectif des éleveurs",
    "Une équipe de chercheurs",
    "Le club de football",
    "L'union des commerçants",
)
_ACTIONS = (
    "annonce un plan d'urgence",
    "réclame des moyens supplémentaires",
    "dévoile un projet controversé",
    "suspend les travaux prévus",
    "lance une consultation publique",
    "conteste la décision du tribunal",
    "renonce à la hausse des tarifs",
    "présente un budget en baisse",
    "ouvre une enquête administrative",
    "prolonge le dispositif d'aide",
)
_PLACES = (
    "à Nantes",
    "en Bretagne",
    "à Lyon",
    "dans les Alpes",
    "à Marseille",
    "en Guyane",
    "à Strasbourg",
    "dans le Nord",
    "à Bordeaux",
    "en Corse",
    "à Lille",
    "dans le Massif central",
)
_TOPICS = (
    "Crue",
    "Grève",
    "Incendie",
    "Élections municipales",
    "Transports",
    "Santé",
    "Logement",
    "Agriculture",
    "Climat",
    "Justice",
    "Éducation",
    "Sécheresse",
)
_QUESTIONS = (
    "Pourquoi {s} {a} {p} ?",
    "Faut-il craindre une nouvelle {t} {p} ?",
    "Que change la décision annoncée {p} ?",
)
_SENTENCES = (
    "{s} {a} {p}, une mesure attendue depuis plusieurs mois par les habitants.",
    "Selon les premiers chiffres, plus de {n} personnes sont concernées {p}.",
    "Les élus locaux dénoncent un calendrier trop serré et demandent un report de {n} jours.",
    "Une réunion est prévue la semaine prochaine avec les représentants de l'État {p}.",
    "Le dossier sera examiné en commission avant la fin du mois, indique un porte-parole.",
    "Sur place, les habitants se disent inquiets mais restent mobilisés depuis {n} jours.",
    "Les services techniques ont recensé {n} interventions depuis le début de la semaine.",
    "La décision intervient après une longue période de négociations entre les partenaires.",
    "Plusieurs communes voisines ont déjà annoncé qu'elles suivraient le même chemin.",
    "Le coût total de l'opération est estimé à {n} millions d'euros par les services de l'État.",
)
_CUT_WORDS = ("l'hégémo", "la manifes", "une déci", "les habi", "la circu", "un accompa")

KNOWN_OUTLETS = (
    (
        "Le Monde",
        "lemonde.fr",
        "lemonde",
        "https://www.lemonde.fr/societe/article/2026/03/12/{slug}_6{n}.html",
    ),
    ("Le Figaro", "lefigaro.fr", "lefigaro", "https://www.lefigaro.fr/actualite-france/{slug}-2026031{d}"),
    ("RFI", "rfi.fr", "rfi", "https://www.rfi.fr/fr/france/2026031{d}-{slug}"),
    ("franceinfo", "francetvinfo.fr", "franceinfo", "https://www.francetvinfo.fr/societe/{slug}_{n}.html"),
    ("Ouest-France", "ouest-france.fr", "ouestfrance", "https://www.ouest-france.fr/bretagne/{slug}-{n}"),
)
OTHER_OUTLETS = (
    ("Le Courrier du Val", "courrierduval.example", "https://www.courrierduval.example/actu/{slug}-{n}.html"),
    ("La Gazette des Monts", "gazette-monts.example", "https://gazette-monts.example/{d}/{slug}"),
    ("Radio Littoral", "radiolittoral.example", "https://www.radiolittoral.example/info/{slug}"),
)

# -- chrome, in several spellings ------------------------------------------------------------------

SITE_NAMES = ("InfoFil", "Actu Express", "Le Fil Info", "NewsFrance 24/7")
TAGLINES = (
    "France Dernières Nouvelles, France Actualités",
    "FRANCE DERNIÈRES NOUVELLES, FRANCE ACTUALITÉS",
    "France Dernières nouvelles | France actualités",
    "France dernières nouvelles - France actualités",
)
MARKERS = (
    "Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci que nous avons "
    "collectés auprès d'autres sources d'information.",
    "Similar News:",
    "Articles similaires",
    "Sur le même sujet",
    "Vous pouvez également lire des articles d’actualité similaires à celui-ci",
)
CLOSERS = (
    "Lire la suite »",
    "Lire la suite...",
    "Lire la suite…",
    "LIRE LA SUITE",
    "Lire la suite →",
    "[Lire la suite]",
    "Lire l'article",
    "Lire l’article »",
    "» Lire la suite",
)
SECTIONS = ("Accueil", "France", "Monde", "Économie", "Sport", "Culture")
FOOTERS = (
    "© 2026 {site}. Tous droits réservés.",
    "{site} agrège automatiquement les titres de la presse française.",
    "Les articles appartiennent à leurs auteurs et à leurs éditeurs respectifs.",
)
FOOTER_LINKS = ("Mentions légales", "Contact", "Confidentialité", "Plan du site")
HARD_CLOSERS = (
    "Voir l'article »",
    "Continuer la lecture »",
    "Lire la suite sur le site »",
    "→ Lire l'article",
)
PROSE_WITH_CLOSER_WORDS = "Les élus ont demandé à lire la suite du rapport avant de voter."
"""Prose that holds closer words: it must be kept."""
SIDEBAR_HEADINGS = ("Les plus lus", "À la une", "Tendances", "Les plus partagés")
CHROME_PHRASES = ("Lire la suite", "Lire l'article", "Lire l’article", "Similar News", "Dernières Nouvelles")
"""What must never appear in any stored text, in any case and spacing."""


@dataclass(frozen=True)
class ExpectedItem:
    """One excerpt as a reader sees it, and where its link points."""

    title: str
    summary: str
    url: str | None
    """The link the item's closer (or title) points to, absolute; ``None`` without a link."""
    internal: bool
    """The link leads to the aggregator's own item page (which carries the outbound link)."""
    outlet: str | None
    """The outlet named by the source line (as written), ``None`` without a source line."""
    outlet_id: str | None
    """The outlet id we know it by (a crawled outlet's id, else its domain), ``None`` if unknown."""
    minutes_ago: int | None
    """The source line's relative date in minutes, ``None`` without one."""
    original: str | None = None
    """The original article's URL: the link itself, or the one on the aggregator's item page."""


@dataclass(frozen=True)
class Layout:
    family: str
    seed: int
    page_url: str
    html: str
    main: ExpectedItem
    related: tuple[ExpectedItem, ...]
    chrome: tuple[str, ...]
    """Chrome strings shown on the page (site name lines, tagline, marker, closers, footer)."""
    item_pages: dict[str, str]
    """The aggregator's own item pages the internal links lead to: URL -> HTML."""

    @property
    def items(self) -> tuple[ExpectedItem, ...]:
        return (self.main, *self.related)


class _Writer:
    """Random choices for one page."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.hard = random.Random(seed ^ 0x5F3759DF)
        """Choices added later (harder variations), drawn apart so the base pages stay the same."""
        self.used_titles: set[str] = set()

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)

    def title(self) -> str:
        while True:
            r = self.rng.random()
            s, a, p = self.pick(_SUBJECTS), self.pick(_ACTIONS), self.pick(_PLACES)
            if r < 0.45:
                title = f"{self.pick(_TOPICS)} : {s[0].lower() + s[1:]} {a} {p}"
            elif r < 0.6:
                question = self.pick(_QUESTIONS)
                title = question.format(s=s.lower(), a=a, p=p, t=self.pick(_TOPICS).lower())
            else:
                title = f"{s} {a} {p}"
            if title not in self.used_titles:
                self.used_titles.add(title)
                return title

    def sentence(self) -> str:
        template = self.pick(_SENTENCES)
        return template.format(
            s=self.pick(_SUBJECTS), a=self.pick(_ACTIONS), p=self.pick(_PLACES), n=self.rng.randint(3, 900)
        )

    def summary(self, sentences: int, cut: str | None = None) -> str:
        text = " ".join(self.sentence() for _ in range(sentences))
        if cut == "ellipsis":
            text = text.rstrip(".") + "…"
        elif cut == "dots":
            text = text.rstrip(".") + "..."
        elif cut == "word":
            text = text.rstrip(".") + ", notamment pour " + self.pick(_CUT_WORDS)
        return text

    def slug(self, title: str) -> str:
        ascii_title = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode()
        words = "".join(c if c.isalnum() else " " for c in ascii_title).split()
        return "-".join(words[:8])

    def source(self, title: str) -> tuple[str, str | None, str | None, str, bool]:
        """(outlet as written, outlet id, original url, domain, known outlet)."""
        slug, n, d = self.slug(title), self.rng.randint(1000, 9999), self.rng.randint(0, 9)
        if self.rng.random() < 0.6:
            name, domain, outlet_id, pattern = self.pick(KNOWN_OUTLETS)
            written = name if self.rng.random() < 0.5 else domain
            return written, outlet_id, pattern.format(slug=slug, n=n, d=d), domain, True
        name, domain, pattern = self.pick(OTHER_OUTLETS)
        written = name if self.rng.random() < 0.5 else domain
        return written, domain, pattern.format(slug=slug, n=n, d=d), domain, False

    def source_line(self, outlet: str, minutes: int) -> str:
        hours = minutes // 60
        ago = f"il y a {hours} heure{'s' if hours > 1 else ''}" if hours else f"il y a {minutes} minutes"
        form = self.rng.randrange(4)
        if self.hard.random() < 0.25:
            short = f"il y a {hours} h" if hours else f"il y a {minutes} min"
            return f"{short} · {outlet}" if self.hard.random() < 0.5 else f"Publié {ago} — {outlet}"
        if form == 0:
            return f"{outlet} · {ago}"
        if form == 1:
            return f"Source : {outlet} · {ago}"
        if form == 2:
            return f"{ago[0].upper()}{ago[1:]} — {outlet}"
        return f"{outlet} | {ago}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class _Item:
    expected: ExpectedItem
    source_line: str | None
    closer: str
    link_closer: bool
    glued: bool
    shown: str = ""
    """The title as printed (with the outlet's name appended, sometimes)."""

    def __post_init__(self) -> None:
        self.shown = self.shown or self.expected.title


def _items(w: _Writer, count: int, internal_share: float, link_share: float) -> list[_Item]:
    items = []
    for index in range(count):
        title = w.title()
        cut = w.pick((None, None, "ellipsis", "dots", "word"))
        summary = w.summary(w.rng.randint(1, 2), cut)
        outlet, outlet_id, original, _domain, _known = w.source(title)
        with_source = w.rng.random() < 0.6
        minutes = w.pick((5, 35, 50)) if w.rng.random() < 0.2 else 60 * w.rng.randint(1, 23)
        has_link = w.rng.random() < link_share
        internal = has_link and w.rng.random() < internal_share
        url = f"{AGGREGATOR}/actu/{w.slug(title)}-{index}{w.rng.randint(100, 999)}" if internal else original
        if w.hard.random() < 0.1:
            summary = PROSE_WITH_CLOSER_WORDS + " " + summary
        shown = title
        known = [
            name for name, domain, _id, _p in KNOWN_OUTLETS if "-" not in name and domain in (original or "")
        ]
        if known and w.hard.random() < 0.3:
            shown = f"{title} - {known[0]}"
        closer = w.pick(CLOSERS)
        if w.hard.random() < 0.2:
            closer = w.hard.choice(HARD_CLOSERS)
        items.append(
            _Item(
                ExpectedItem(
                    title=title,
                    summary=summary,
                    url=url if has_link else None,
                    internal=internal,
                    outlet=outlet if with_source else None,
                    outlet_id=outlet_id if with_source else None,
                    minutes_ago=minutes if with_source else None,
                    original=original if has_link else None,
                ),
                w.source_line(outlet, minutes) if with_source else None,
                closer,
                has_link,
                w.rng.random() < 0.4,
                shown,
            )
        )
    return items


def _main(w: _Writer) -> tuple[_Item, list[str]]:
    title = w.title()
    paragraphs = [w.summary(w.rng.randint(2, 3)) for _ in range(w.rng.randint(1, 3))]
    cut = w.pick((None, "word", "ellipsis"))
    if cut:
        paragraphs[-1] = w.summary(2, cut)
    outlet, outlet_id, original, _domain, _known = w.source(title)
    with_source = w.rng.random() < 0.7
    minutes = 60 * w.rng.randint(1, 12)
    with_link = w.rng.random() < 0.85
    expected = ExpectedItem(
        title=title,
        summary="\n\n".join(paragraphs),
        url=original if with_link else None,
        internal=False,
        outlet=outlet if with_source else None,
        outlet_id=outlet_id if with_source else None,
        minutes_ago=minutes if with_source else None,
        original=original if with_link else None,
    )
    item = _Item(
        expected, w.source_line(outlet, minutes) if with_source else None, w.pick(CLOSERS), with_link, False
    )
    return item, paragraphs


def _closer_html(item: _Item, w: _Writer) -> str:
    if item.link_closer and item.expected.url:
        return f'<a class="{w.pick(("more", "suite", "read", "lien"))}" href="{_e(item.expected.url)}">{_e(item.closer)}</a>'
    return f"<span>{_e(item.closer)}</span>"


def _title_html(item: _Item, tag: str = "span") -> str:
    """The title, a link to the item when the closer is not one (items with a link either way)."""
    title = _e(item.shown)
    if item.expected.url and not item.link_closer:
        return f'<a href="{_e(item.expected.url)}">{title}</a>'
    return f"<{tag}>{title}</{tag}>"


def _header(w: _Writer, site: str) -> str:
    links = " ".join(f'<a href="/{w.slug(s)}/">{_e(s)}</a>' for s in SECTIONS[: w.rng.randint(3, 6)])
    logo = f'<a href="/" class="logo">{_e(site)}</a>'
    if w.hard.random() < 0.3:  # the site's name as the page's <h1>, as many sites do
        logo = f"<h1>{logo}</h1>"
    if w.rng.random() < 0.5:
        return f"<header>{logo}<nav>{links}</nav></header>"
    return f'<div class="top"><div class="brand">{logo}</div><div class="menu">{links}</div></div>'


def _footer(w: _Writer, site: str) -> tuple[str, list[str]]:
    texts = [f.format(site=site) for f in w.rng.sample(FOOTERS, w.rng.randint(1, 3))]
    links = " · ".join(f'<a href="/{w.slug(s)}">{_e(s)}</a>' for s in FOOTER_LINKS)
    tag = w.pick(("footer", "div"))
    body = "".join(f"<p>{_e(t)}</p>" for t in texts)
    return f'<{tag} class="bottom">{body}<p>{links}</p></{tag}>', texts


def _main_html(item: _Item, paragraphs: list[str], w: _Writer) -> str:
    source = f'<p class="src">{_e(item.source_line)}</p>' if item.source_line else ""
    if w.rng.random() < 0.5:
        text = "".join(f"<p>{_e(p)}</p>" for p in paragraphs)
    else:
        text = "<div>" + "<br><br>".join(_e(p) for p in paragraphs) + "</div>"
    block, heading = w.pick(("section", "article", "div")), w.pick(("h1", "h1", "h2"))
    closer = _closer_html(item, w) if item.expected.url or w.rng.random() < 0.5 else ""
    return f'<{block} class="une"><{heading}>{_e(item.shown)}</{heading}>{source}{text}{closer}</{block}>'


def _glued_or_apart(item: _Item, w: _Writer, apart_tag: str) -> str:
    """Title and summary glued into one text (as aggregators print them) or in elements of their own."""
    if item.glued:
        text = _e(item.shown + item.expected.summary)
        if item.expected.url and not item.link_closer:
            return f'<a href="{_e(item.expected.url)}">{text}</a>'
        return text
    return f"{_title_html(item, apart_tag)} <p>{_e(item.expected.summary)}</p>"


def _source_html(item: _Item, tag: str = "small") -> str:
    return f"<{tag}>{_e(item.source_line)}</{tag}>" if item.source_line else ""


def _render_list(items: list[_Item], w: _Writer) -> str:
    rows = []
    for item in items:
        rows.append(
            f"<li>{_source_html(item)} {_glued_or_apart(item, w, 'strong')} {_closer_html(item, w)}</li>"
        )
    return f"<ul>{''.join(rows)}</ul>"


def _render_cards(items: list[_Item], w: _Writer) -> str:
    cards = []
    for item in items:
        title = _title_html(item, "span")
        source_first = w.rng.random() < 0.5
        parts = [
            f"<h3>{title}</h3>",
            f"<p>{_e(item.expected.summary)}</p>",
            _closer_html(item, w),
        ]
        if item.source_line:
            parts.insert(0 if source_first else 3, f"<div class='meta'>{_e(item.source_line)}</div>")
        cards.append(f'<div class="card">{"".join(parts)}</div>')
    return f"<aside>{''.join(cards)}</aside>"


def _render_br_blob(items: list[_Item], w: _Writer) -> str:
    lines = []
    for item in items:
        if item.source_line:
            lines.append(_e(item.source_line))
        if item.glued or not item.expected.url:
            lines.append(_e(item.shown + item.expected.summary))
        else:
            lines.append(_title_html(item, "b") + "<br>" + _e(item.expected.summary))
        lines.append(_closer_html(item, w))
    return "<div>" + "<br>".join(lines) + "</div>"


def _render_paragraphs(items: list[_Item], w: _Writer) -> str:
    out = []
    for item in items:
        if item.source_line:
            out.append(f"<p>{_e(item.source_line)}</p>")
        out.append(f"<p>{_glued_or_apart(item, w, 'b')}</p>")
        out.append(f"<p>{_closer_html(item, w)}</p>")
    return "".join(out)


def _render_articles(items: list[_Item], w: _Writer) -> str:
    out = []
    for item in items:
        out.append(
            f"<article><h2>{_title_html(item)}</h2>{_source_html(item, 'p')}"
            f"<p>{_e(item.expected.summary)}</p><footer>{_closer_html(item, w)}</footer></article>"
        )
    return f"<section>{''.join(out)}</section>"


def _render_table(items: list[_Item], w: _Writer) -> str:
    rows = []
    for item in items:
        source = f"<td>{_e(item.source_line)}</td>" if item.source_line else "<td></td>"
        rows.append(
            f"<tr><td>{_title_html(item, 'b')}</td><td>{_e(item.expected.summary)}</td>{source}"
            f"<td>{_closer_html(item, w)}</td></tr>"
        )
    return f"<table><tbody>{''.join(rows)}</tbody></table>"


def _render_definitions(items: list[_Item], w: _Writer) -> str:
    out = []
    for item in items:
        out.append(
            f"<dt>{_title_html(item, 'span')}</dt><dd>{_e(item.expected.summary)} "
            f"{_source_html(item, 'em')} {_closer_html(item, w)}</dd>"
        )
    return f"<dl>{''.join(out)}</dl>"


def _render_spans(items: list[_Item], w: _Writer) -> str:
    out = []
    for item in items:
        out.append(
            f'<div class="r"><span class="t">{_e(item.shown)}</span><span class="s">'
            f"{_e(item.expected.summary)}</span>{_source_html(item, 'i')}{_closer_html(item, w)}</div>"
        )
    return "".join(out)


def _render_teasers(items: list[_Item], w: _Writer) -> str:
    """No closer at all: each item is a title link and a summary, in repeated list items."""
    rows = []
    for item in items:
        title = _e(item.shown)
        link = f'<a href="{_e(item.expected.url)}">{title}</a>' if item.expected.url else f"<b>{title}</b>"
        rows.append(f"<li>{link}{_source_html(item)}<p>{_e(item.expected.summary)}</p></li>")
    return f"<ul>{''.join(rows)}</ul>"


def _render_grid(items: list[_Item], w: _Writer) -> str:
    cells = []
    for item in items:
        caption = f"<figcaption>{_e(item.source_line)}</figcaption>" if item.source_line else ""
        closer = _closer_html(item, w)
        if w.rng.random() < 0.5:
            closer = (
                f"<div><button>{closer}</button></div>" if "<a " not in closer else f"<div>{closer}</div>"
            )
        cells.append(
            f'<div class="cell"><figure><img src="/img/{w.slug(item.expected.title)}.jpg" alt="">{caption}</figure>'
            f'<div class="txt"><div class="h">{_title_html(item, "span")}</div>'
            f"<div>{_e(item.expected.summary)}</div></div>{closer}</div>"
        )
    return f'<div class="grid"><div class="row">{"".join(cells)}</div></div>'


def _render_mixed(items: list[_Item], w: _Writer) -> str:
    """Half the items in a list, chrome (an ad, share buttons) in between, the rest as cards."""
    half = max(1, len(items) // 2)
    ad = w.pick(("<div>Publicité</div>", "<p>PUBLICITÉ</p>", "<div><span>Annonce</span></div>"))
    share = "<div>Partager : <a href='/s/f'>Facebook</a> <a href='/s/t'>Twitter</a> <a href='/s/m'>E-mail</a></div>"
    return _render_list(items[:half], w) + ad + share + _render_cards(items[half:], w)


def _render_blog(items: list[_Item], w: _Writer) -> str:
    """Blog-like posts: source in bold, a small heading, the closer inside the summary paragraph."""
    posts = []
    for item in items:
        source = f"<p><strong>{_e(item.source_line)}</strong></p>" if item.source_line else ""
        closer = _closer_html(item, w)
        if w.rng.random() < 0.5:
            closer = f"({closer})"
        posts.append(
            f'<div class="post">{source}<h4>{_title_html(item, "span")}</h4>'
            f"<p>{_e(item.expected.summary)} {closer}</p></div>"
        )
    return "".join(posts)


def _render_nested(items: list[_Item], w: _Writer) -> str:
    """Deeply wrapped list items, with a sponsored teaser (no closer) among them."""
    rows = []
    for item in items:
        source = f"<div><div><em>{_e(item.source_line)}</em></div></div>" if item.source_line else ""
        rows.append(
            f"<li><div><div><div><span>{_title_html(item, 'span')}</span></div>{source}"
            f"<div><div>{_e(item.expected.summary)}</div></div></div></div><div>{_closer_html(item, w)}</div></li>"
        )
    ad = (
        '<li><div><div><span><a href="https://pub.example/offre">Offre spéciale : un mois offert sur votre '
        "abonnement</a></span></div><div>Sponsorisé</div><div>Profitez de notre offre découverte avant dimanche "
        'minuit.</div></div><div><a href="https://pub.example/offre">En savoir plus</a></div></li>'
    )
    rows.insert(w.rng.randrange(1, len(rows) + 1), ad)
    return f"<ul>{''.join(rows)}</ul>"


_RENDERERS = {
    "list": _render_list,
    "cards": _render_cards,
    "br_blob": _render_br_blob,
    "paragraphs": _render_paragraphs,
    "articles": _render_articles,
    "table": _render_table,
    "definitions": _render_definitions,
    "spans": _render_spans,
    "teasers": _render_teasers,
    "grid": _render_grid,
    "mixed": _render_mixed,
    "blog": _render_blog,
    "nested": _render_nested,
}


def generate(family: str, seed: int) -> Layout:
    """One aggregator page of ``family`` (see :data:`FAMILIES`), the same for the same seed."""
    if family not in _RENDERERS:
        raise ValueError(f"unknown layout family {family!r}; one of {', '.join(FAMILIES)}")
    w = _Writer(seed * 7919 + FAMILIES.index(family))
    site = w.pick(SITE_NAMES)
    main, paragraphs = _main(w)
    related = _items(
        w, w.rng.randint(3, 8), internal_share=w.pick((0.0, 0.5, 1.0)), link_share=w.pick((0.0, 0.8, 1.0))
    )
    tagline, marker = w.pick(TAGLINES), w.pick(MARKERS)
    footer, footer_texts = _footer(w, site)
    marker_tag = w.pick(("h2", "p", "div", "h3"))
    marker_html = f"<{marker_tag}>{_e(marker)}</{marker_tag}>"
    tagline_html = f"<p>{_e(tagline)}</p>"
    chrome_block = tagline_html + marker_html if w.rng.random() < 0.7 else marker_html + tagline_html
    main_html = _main_html(main, paragraphs, w)
    related_html = _RENDERERS[family](related, w)
    sidebar = ""
    if w.hard.random() < 0.4:
        links = "".join(
            f'<li><a href="{AGGREGATOR}/actu/{w.slug(t)}">{_e(t)}</a></li>'
            for t in (w.title() for _ in range(4))
        )
        sidebar = f"<div><h3>{_e(w.hard.choice(SIDEBAR_HEADINGS))}</h3><ul>{links}</ul></div>"
    if w.hard.random() < 0.3:
        chrome_block = "<div>Publicité</div>" + chrome_block
    if sidebar and w.hard.random() < 0.5:
        chrome_block, sidebar = sidebar + chrome_block, ""
    page_slug = w.slug(main.expected.title)
    page_url = f"{AGGREGATOR}/actu/{page_slug}"
    document = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{_e(main.expected.title)} - {_e(site)}</title></head><body>"
        f"{_header(w, site)}<main>{main_html}{chrome_block}{related_html}{sidebar}</main>{footer}</body></html>"
    )
    chrome = (tagline, marker, site, *footer_texts, main.closer, *(item.closer for item in related))
    item_pages = {
        item.expected.url: _item_page(item, site, tagline, w) for item in related if item.expected.internal
    }
    expected = tuple(i.expected for i in related)
    return Layout(family, seed, page_url, document, main.expected, expected, chrome, item_pages)


def _item_page(item: _Item, site: str, tagline: str, w: _Writer) -> str:
    """The aggregator's page for one item: its title, source, summary and a closer to the original."""
    assert item.expected.original is not None
    source = f"<p>{_e(item.source_line)}</p>" if item.source_line else ""
    closer = f'<a href="{_e(item.expected.original)}">{_e(w.pick(CLOSERS))}</a>'
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{_e(item.expected.title)} - {_e(site)}</title></head><body>{_header(w, site)}"
        f"<main><h1>{_e(item.expected.title)}</h1>{source}<p>{_e(item.expected.summary)}</p>{closer}"
        f"<p>{_e(tagline)}</p></main>{_footer(w, site)[0]}</body></html>"
    )


def layouts(families: tuple[str, ...] = FAMILIES, seeds: range = range(20)) -> list[Layout]:
    """Every family rendered with every seed."""
    return [generate(family, seed) for family in families for seed in seeds]


def sample_as_html(text: str, *, title: str = "Page d'agrégateur", markup: str = "p") -> str:
    """A text page (one item per line, as ``../shared/samples/aggregator_page.txt``) as minimal HTML.

    ``markup``: ``p`` (a paragraph per line), ``br`` (lines in one ``<div>`` split by ``<br>``) or
    ``list`` (the lines before the marker as paragraphs, each related item and its closer — a link to an
    item page — as one ``<li>``)."""
    lines = [line for line in text.splitlines() if line.strip()]
    head = f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{_e(title)}</title></head>'
    if markup == "p":
        return head + "<body>" + "".join(f"<p>{_e(line)}</p>" for line in lines) + "</body></html>"
    if markup == "br":
        return head + "<body><div>" + "<br>".join(_e(line) for line in lines) + "</div></body></html>"
    if markup != "list":
        raise ValueError(f"unknown markup {markup!r}: p, br or list")
    marker = next(index for index, line in enumerate(lines) if line.lower().startswith("similar news"))
    items: list[list[str]] = [[]]
    for line in lines[marker + 1 :]:
        if line.lower().startswith("lire la suite"):
            items.append([])
        else:
            items[-1].append(line)
    rows = "".join(
        f'<li>{_e(" ".join(item))} <a href="/actu/{number}">Lire la suite »</a></li>'
        for number, item in enumerate(items)
        if item
    )
    before = "".join(f"<p>{_e(line)}</p>" for line in lines[:marker])
    return head + f"<body>{before}<h2>{_e(lines[marker])}</h2><ul>{rows}</ul></body></html>"
