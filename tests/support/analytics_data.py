"""A small, known articles collection for the analysts' queries: stories across outlets, tags, dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo.database import Database

from newsbot.items import ArticleItem
from newsbot.storage.documents import to_document
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.stories import ensure_stories_view

STRIKE = (
    "Les contrôleurs de la SNCF seront en grève jeudi, a confirmé un syndicat. La grève des contrôleurs "
    "devrait perturber les départs en vacances dans plusieurs régions."
)
SENEGAL = (
    "La campagne présidentielle s'est ouverte au Sénégal, où dix-neuf candidats se disputent les suffrages."
)
BUDGET = "Le gouvernement présente un budget rectificatif pour financer la rénovation des écoles."
OTHER = "Un festival de musique ancienne a réuni plusieurs milliers de visiteurs dans le centre-ville ce week-end."


@dataclass(frozen=True)
class Dataset:
    now: datetime
    documents: list[dict[str, Any]]


def build_documents(now: datetime) -> list[dict[str, Any]]:
    """Articles as the writer stores them (``to_document`` + the writer's lifecycle fields)."""
    specs: list[tuple[str, str, str, float, list[str], str]] = [
        # (source, story, text, hours ago, tags, title)
        ("rfi", "story-strike", STRIKE, 1, ["SNCF", "Grève"], "Grève des contrôleurs jeudi"),
        (
            "lefigaro",
            "story-strike",
            STRIKE + " Un train sur deux circulera.",
            2,
            ["SNCF"],
            "SNCF : un train sur deux",
        ),
        (
            "lemonde",
            "story-strike",
            STRIKE + " La direction appelle au dialogue.",
            3,
            ["Grève"],
            "La grève des contrôleurs",
        ),
        (
            "franceinfo",
            "story-strike",
            STRIKE + " Les billets seront remboursés.",
            5,
            [],
            "Contrôleurs en grève",
        ),
        ("rfi", "story-senegal", SENEGAL, 50, ["Sénégal"], "Sénégal : la campagne s'ouvre"),
        (
            "france24",
            "story-senegal",
            SENEGAL + " Le scrutin aura lieu dans douze jours.",
            52,
            ["Sénégal"],
            "Campagne au Sénégal",
        ),
        (
            "lemonde",
            "story-senegal",
            SENEGAL + " L'opposition dénonce un calendrier serré.",
            60,
            ["Sénégal", "Afrique"],
            "Présidentielle au Sénégal",
        ),
        ("lefigaro", "story-budget", BUDGET, 30, ["Budget"], "Un budget rectificatif"),
        (
            "20minutes",
            "story-budget",
            BUDGET + " Les maires saluent l'annonce.",
            31,
            [],
            "Écoles : un budget rectificatif",
        ),
    ]
    for index, source in enumerate(["rfi", "lefigaro", "lemonde", "20minutes", "liberation", "ouestfrance"]):
        specs.append(
            (
                source,
                f"story-single-{index}",
                f"{OTHER} Édition numéro {index}.",
                6 + 20 * index,
                ["Culture"],
                f"Festival {index}",
            )
        )
    specs.append(
        (
            "ouestfrance",
            "story-old-strike",
            "Une grève des éboueurs a duré trois jours.",
            80,
            ["Grève"],
            "Grève des éboueurs",
        )
    )
    documents = []
    for number, (source, story, text, hours, tags, title) in enumerate(specs):
        crawled = now - timedelta(hours=hours) + timedelta(minutes=10)
        item = ArticleItem(
            url=f"https://www.{source}.example/article-{number}",
            source=source,
            title=title,
            lead=None,
            body=text,
            tags=tags,
            published_at=now - timedelta(hours=hours),
            crawled_at=crawled,
            language="fr",
            story_id=story,
            content_hash=f"hash-{number}",
        )
        document = to_document(item)
        document.update(first_seen_at=crawled, last_seen_at=crawled, revision=1)
        documents.append(document)
    return documents


def populate(db: Database) -> Dataset:
    """Create the collection (validator, indexes, stories view) and insert the dataset."""
    now = datetime.now(UTC).replace(microsecond=0)
    documents = build_documents(now)
    ensure_articles_collection(db, "articles").insert_many([dict(d) for d in documents])
    ensure_stories_view(db, "articles")
    return Dataset(now, documents)
