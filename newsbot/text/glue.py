"""Glued text: a title fused to its summary with no separator ("…scène mondialeLe leader chinois…").

A junction is a place where one text ends and the next begins with nothing between them. It is
accepted only when it cannot be a normal word, so brand and party names ("McDonald", "iPhone",
"easyJet", "LaREM", "MoDem", "TousAntiCovid") and acronyms ("LREM", "CNRS") are left alone:

- sentence end (``? ! » ” …`` or ``...``) followed by a capitalised word: "l’Occident ?La Russie";
- a word followed by a capitalised sentence starter (Le, La, Selon, Il…): "mondialeLe leader",
  "Moscou…RFILe président", "2024Le gouvernement", "(AFP)Le";
- a complete lower-case French word (four letters or more, or a function word a cut title ends
  on) followed by a capitalised word ending the token: "pour laXi Jinping" (``la`` ends a cut
  title, ``Xi`` closes the token; "easyJet" is not split because "easy" is not French,
  "TousAntiCovid" because the token goes on with another capital, "déBondade" because "dé" is short).
"""

from __future__ import annotations

import re

from newsbot.text.french import DANGLING_WORDS, LOWER, UPPER, is_french_word, is_sentence_starter

# A junction is a capital right after one of these characters; _is_glue decides.
_JUNCTION_LEFT = re.compile(rf"[{LOWER}0-9?!»”)….{UPPER}]")
_JUNCTION_LEFT_CHARS = frozenset(  # the class spelt out: no member is above its pattern's largest character
    filter(_JUNCTION_LEFT.fullmatch, map(chr, range(max(map(ord, _JUNCTION_LEFT.pattern)) + 1)))
)
_CAPITAL = re.compile(f"[{UPPER}]")
_WORD_AFTER = re.compile(rf"[{UPPER}][{LOWER}]*")
_LETTERS_BEFORE = re.compile(rf"[{UPPER}{LOWER}]+$")
_TOKEN_NOT_PROSE = re.compile(r"://|www\.|[@#/=_\\]|\.(?:fr|com|org|net|eu)\b", re.IGNORECASE)
_SENTENCE_PUNCTUATION = "?!»”…"
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")
# Possessives open many camel-case product names ("monCompte", "maBanque"): never a glue's left side.
_CAMEL_CASE_PREFIXES = frozenset({"mon", "ma", "mes", "ton", "ta", "tes", "my"})


def _token_around(text: str, position: int) -> str:
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = position
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _is_lowercase_word_glue(text: str, position: int, right: str, next_char: str, starter: bool) -> bool:
    left_match = _LETTERS_BEFORE.search(text, max(0, position - 40), position)
    left = left_match.group() if left_match else ""
    if len(left) < 2 or not left[1:].islower() or not _VOWELS.intersection(left.lower()):
        return False  # too short, already camel-case ("BlaBla|Car") or a unit ("mm|Hg")
    if starter:
        return True
    return (
        left[0].islower()
        and (len(left) >= 4 or left in DANGLING_WORDS)  # "pour laXi", not the pun "déBondade"
        and left not in _CAMEL_CASE_PREFIXES
        and len(right) >= 2
        and not (next_char.isalpha() and next_char.isupper())
        and is_french_word(left)
        and not is_french_word(left + right)
    )


def _is_glue(text: str, position: int) -> bool:
    """Decide whether the junction candidate at ``position`` joins two separate texts."""
    right_match = _WORD_AFTER.match(text, position)
    if right_match is None:
        return False
    right = right_match.group()
    next_char = text[right_match.end() : right_match.end() + 1]
    starter = is_sentence_starter(right, next_char)
    before = text[position - 1]
    if before.isupper():  # an acronym glued to a sentence: "RFILe"
        glue = starter and len(right) >= 2 and text[position - 2 : position - 1].isupper()
    elif text.endswith("...", 0, position) or before in _SENTENCE_PUNCTUATION:
        glue = starter or (len(right) >= 2 and not next_char.isupper())
    elif before == ".":  # "…matin.Les candidats", never "M.Dupont" or "U.S.A"
        glue = (
            starter
            and position >= 3
            and text[position - 3 : position - 1].isalpha()
            and text[position - 2].islower()
        )
    elif before in ")0123456789":
        glue = starter
    else:
        glue = _is_lowercase_word_glue(text, position, right, next_char, starter)
    return glue and _TOKEN_NOT_PROSE.search(_token_around(text, position)) is None


def junction_candidates(text: str) -> list[int]:
    """Every place where a capital follows a letter, digit or mark with no space: the cases examined.

    Capitals are few: finding them first and looking one character back is several times faster
    than testing the character before every position."""
    left = _JUNCTION_LEFT_CHARS
    return [start for start in map(re.Match.start, _CAPITAL.finditer(text, 1)) if text[start - 1] in left]


def glue_positions(text: str) -> list[int]:
    """Positions where two texts were fused without a separator, left to right."""
    return [position for position in junction_candidates(text) if _is_glue(text, position)]


def split_at_glue(text: str) -> list[str]:
    """Cut ``text`` at every glue junction; a text with none comes back as a one-item list."""
    pieces: list[str] = []
    start = 0
    for position in glue_positions(text):
        piece = text[start:position].strip()
        if piece:
            pieces.append(piece)
        start = position
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def split_glued_title(text: str) -> tuple[str, str] | None:
    """Split "TitleSummary" at its first glue junction into ``(title, summary)``; ``None`` if unglued."""
    for position in glue_positions(text):
        title, summary = text[:position].strip(), text[position:].strip()
        if title and summary:
            return title, summary
    return None
