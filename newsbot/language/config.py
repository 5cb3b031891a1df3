"""Language-filter settings, read from Scrapy settings (which read the environment); defaults:
``newsbot.settings``."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings

from newsbot import settings as defaults
from newsbot.language.decision import DEFAULT_BACKEND


@dataclass(frozen=True)
class LanguageConfig:
    backend: str
    """Detector backend (empty setting: :data:`~newsbot.language.decision.DEFAULT_BACKEND`)."""
    accepted: frozenset[str]
    """Language codes kept; every other language is dropped and counted."""

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> LanguageConfig:
        languages = settings.get("NEWSBOT_LANGUAGES") or defaults.NEWSBOT_LANGUAGES
        return cls(
            backend=settings.get("NEWSBOT_LANGUAGE_BACKEND")
            or defaults.NEWSBOT_LANGUAGE_BACKEND
            or DEFAULT_BACKEND,
            accepted=frozenset(code.strip() for code in languages.split(",") if code.strip()),
        )
