"""Publication and modification dates from a byline such as
"Publié le 30 août 2023 à 14h52, modifié le 30 août 2023 à 15h54".

Every date expression in the text is found in order. A date right after a "published" label
(Publié, Mis en ligne, Créé...) is the publication; right after a "modified" label (Mis à jour,
Modifié, Actualisé, MAJ...) it is the modification. An unlabelled date fills the publication
first, then the modification: the first date of a two-date byline is the publication. A partial
modification ("mis à jour à 09h42", "modifié le 2 janvier") is placed at its first occurrence at
or after the publication. An unlabelled bare hour without minutes ("3h de route") is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsbot.dates.grammar import EXPRESSION_START, LABEL_IN_TEXT, Scanned, scan_expression
from newsbot.dates.parts import Shape
from newsbot.dates.resolve import resolve
from newsbot.dates.text import canonical
from newsbot.dates.window import DEFAULT_WINDOW, PlausibleWindow

_PARTIAL_SHAPES = frozenset({Shape.TIME_ONLY, Shape.YEARLESS})


@dataclass(frozen=True)
class Byline:
    """The two dates a byline may give, as aware UTC datetimes (``None`` when absent)."""

    published: datetime | None
    modified: datetime | None


def find_expressions(canonical_text: str) -> list[Scanned]:
    """Every date expression in ``canonical_text``, left to right, with the label just before it."""
    found: list[Scanned] = []
    labels = [
        (match.end(), "published" if match["published"] else "modified")
        for match in LABEL_IN_TEXT.finditer(canonical_text)
    ]
    pos = 0
    while (start := EXPRESSION_START.search(canonical_text, pos)) is not None:
        scanned = scan_expression(canonical_text, start.start())
        if scanned is None or scanned.end == scanned.start:
            pos = start.start() + 1
            continue
        previous_end = found[-1].end if found else 0
        label = next(
            (kind for end, kind in reversed(labels) if previous_end <= end <= scanned.start), scanned.label
        )
        if label is not None or not _is_bare_hour(scanned):
            found.append(Scanned(scanned.parts, scanned.start, scanned.end, label))
        pos = scanned.end
    return found


def _is_bare_hour(scanned: Scanned) -> bool:
    """An unlabelled hour without minutes ("3h de route") is too weak to be a byline date."""
    return scanned.parts.shape is Shape.TIME_ONLY and scanned.parts.minute is None


def split_byline(expressions: list[Scanned]) -> tuple[Scanned | None, Scanned | None]:
    """Choose the publication and modification expressions among ``expressions``."""
    published: Scanned | None = None
    modified: Scanned | None = None
    for expression in expressions:
        kind = expression.label or ("published" if published is None else "modified")
        if kind == "published" and published is None:
            published = expression
        elif kind == "modified" and modified is None:
            modified = expression
    return published, modified


def read_byline(text: str, now: datetime, tz: str, window: PlausibleWindow = DEFAULT_WINDOW) -> Byline:
    """:func:`parse_byline` with an explicit, aware UTC ``now``."""
    published, modified = split_byline(find_expressions(canonical(text)))
    published_at = _plausible(resolve(published.parts, now, tz), now, window) if published else None
    modified_at = None
    if modified is not None:
        anchor = published_at if modified.parts.shape in _PARTIAL_SHAPES else None
        modified_at = _plausible(resolve(modified.parts, now, tz, anchor), now, window)
    return Byline(published_at, modified_at)


def _plausible(instant: datetime | None, now: datetime, window: PlausibleWindow) -> datetime | None:
    return instant if instant is not None and window.contains(instant, now) else None
