"""Author signatures to clean name lists: "Par X et Y" → ["X", "Y"]; agency signatures kept whole."""

from __future__ import annotations

import re

from newsbot.extraction.textnorm import clean_inline, comparable

AGENCIES = (
    "afp", "reuters", "ap", "associated press", "belga", "ats", "dpa", "ansa", "efe", "xinhua", "upi",
    "france presse", "agence france-presse", "agence france presse", "la rédaction", "rédaction",
    "avec agences", "agences", "le figaro", "le monde", "libération", "liberation", "20 minutes", "20minutes",
    "franceinfo", "france info", "france 24", "rfi", "ouest-france", "ouest france", "radio france",
    "france télévisions", "le parisien", "l'équipe", "bfmtv", "euronews", "la croix", "les echos",
    "radio-canada", "le devoir", "la presse", "rtbf", "rts", "le soir", "jeune afrique", "l'express",
    "le point", "l'obs", "marianne", "mediapart", "huffpost", "sud ouest", "la dépêche", "le progrès",
    "la voix du nord",
    "le télégramme", "europe 1", "rtl", "france inter", "france bleu", "tf1", "lci", "cnews", "relaxnews",
    "keystone", "apa", "anadolu", "kyodo",
)  # fmt: skip
_AGENCY = re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in AGENCIES) + r")(?!\w)", re.IGNORECASE)
_PREFIX = re.compile(
    r"^\s*(?:(?:texte|textes|propos recueillis|reportage|entretien|interview|enquête|photos?|vidéo|"
    r"illustrations?)(?:\s+(?:et\s+)?(?:\w+\s+)?)?\s*(?:par|:)\s*|par\s*:?\s+|"
    r"(?:un|une)\s+(?:documentaire|reportage|enquête|film|chronique|podcast|entretien|série)\s+(?:de|d')\s*|"
    r"de\s+notre\s+(?:envoyée?|correspondante?)(?:\s+spéciale?)?(?:\s+(?:à|au|aux|en)\s+[^,]+)?,?\s*|"
    r"by\s*:?\s+|écrit par\s+|auteur\s*:\s*|auteurs\s*:\s*)",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|;|\s&\s|\s+et\s+|\s+and\s+|\s*\|\s*|\s+/\s+)\s*", re.IGNORECASE)
_ROLE = re.compile(
    r"^(?:(?:à|au|aux|en|pour|avec|correspondante?s?|envoyée?s?\s+spéciale?s?|journaliste|rédactrice|rédacteur|"
    r"chef|cheffe|directeur|directrice|service|publié|mis à jour|modifié|le\s+\d|il y a)\b|\d)",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"https?://|www\.|@|\.(?:com|fr|net|org)\b|^\W*$", re.IGNORECASE)
_URL_LIKE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$|@\w+\.\w", re.IGNORECASE)
MAX_NAME_CHARS = 80


def clean_authors(signatures: list[str]) -> list[str]:
    """Clean and split signatures, dropping duplicates, URLs, e-mails and role words."""
    names: list[str] = []
    seen: set[str] = set()
    for signature in signatures:
        for name in split_signature(signature):
            key = comparable(name)
            if key and key not in seen:
                seen.add(key)
                names.append(name)
    return names


def split_signature(signature: str | None) -> list[str]:
    """One byline string to person names; agency/outlet signatures ("Le Figaro et AFP") stay as given."""
    text = clean_inline(signature)
    if not text:
        return []
    text = _PREFIX.sub("", text, count=1).strip(" -–—:|,")
    text = (
        re.sub(r"\s*\((?:avec\s+)?(?:afp|reuters|ap)\)\s*$", "", text, flags=re.IGNORECASE)
        if _has_person(text)
        else text
    )
    if not text or _URL_LIKE.search(text) or (_NOT_A_NAME.search(text) and not _AGENCY.search(text)):
        return []
    if _AGENCY.search(text):
        return [text] if len(text) <= MAX_NAME_CHARS else []
    names = []
    for part in _SEPARATORS.split(text):
        part = part.strip(" -–—:|")
        if not part or _ROLE.match(part) or _NOT_A_NAME.search(part) or len(part) > MAX_NAME_CHARS:
            continue
        if not any(char.isalpha() for char in part):
            continue
        names.append(part)
    return names


def _has_person(text: str) -> bool:
    return bool(re.sub(r"\((?:avec\s+)?(?:afp|reuters|ap)\)", "", text, flags=re.IGNORECASE).strip())
