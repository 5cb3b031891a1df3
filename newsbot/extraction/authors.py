"""Author signatures to clean name lists: "Par X et Y" → ["X", "Y"]; agency signatures kept whole."""

from __future__ import annotations

import re
import unicodedata

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
_DESK = re.compile(
    r"^(?:la\s+|l[’']\s*)?(?:r[ée]daction|[ée]quipe|service|desk|staff|newsroom)\b|^nos\s+\w+", re.IGNORECASE
)
_LEADING_LINK = re.compile(r"^\s*(?:avec|et|and|with)\s+", re.IGNORECASE)
_COMPANION = re.compile(r"\s*(?:\(|\)|,|;|/|\s&\s|\s+(?:avec|et|and|with)\s+)\s*", re.IGNORECASE)


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


def name_key(value: str) -> str:
    """Letters and digits only, accents folded: "Le Monde.fr" → "lemondefr", "LIBERATION" → "liberation"."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in folded if char.isalnum() and not unicodedata.combining(char))


def without_house_names(names: list[str], own_keys: set[str]) -> list[str]:
    """Drop the publication's own name and desk labels from an author list.

    A byline is the people (and news agencies) who wrote the piece: "Le Monde avec AFP" → ["AFP"],
    "Rédaction en ligne (avec Belga)" → ["Belga"], the site's own host or "La rédaction du Lot" → [].
    ``own_keys`` are :func:`name_key` forms of the site's names (``og:site_name``, publisher, host).
    """
    kept: list[str] = []
    for name in names:
        parts = [_LEADING_LINK.sub("", part).strip(" -–—:|") for part in _COMPANION.split(name)]
        parts = [part for part in parts if part]
        house = [part for part in parts if _is_house(part, own_keys)]
        if not house:
            kept.append(name)
        elif len(parts) > 1:
            kept.extend(part for part in parts if part not in house and not _PREFIX.match(part + " "))
    return kept


def _is_house(part: str, own_keys: set[str]) -> bool:
    if _DESK.match(part):
        return True
    key = name_key(part)
    return bool(key) and any(
        key == own or (key.startswith(own) and len(key) - len(own) <= 4) for own in own_keys
    )


def is_desk_label(name: str) -> bool:
    """A collective signature ("La rédaction du Lot", "Nos experts mode"): no person to list."""
    return bool(_DESK.match(name.strip()))
