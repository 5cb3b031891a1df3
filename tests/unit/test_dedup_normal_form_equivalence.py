"""The fast normal form and sketch give exactly the reference results (stored hashes depend on them).

The references below are the implementations every stored ``content_hash`` and story signature
was computed with; they are frozen here and must never be edited.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from benchmarks.text import json_ld_bodies, page_text
from newsbot.dedup import TextSketch, normalize_for_hash, sketch_text
from newsbot.dedup.normalize import CONTEXTUAL, FOLD_TABLE_SIZE, LINE_BREAKS, fold_table
from newsbot.dedup.sketch import DEFAULT_PARAMS
from tests.support.corpus import iter_pages

STORIES_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "dedup_stories.json"

_REFERENCE_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:a )?lire (?:aussi|egalement|la suite|l article|plus)\b.*"
    r"|(?:voir|ecouter|regarder) aussi\b.*"
    r"|similar news\b.*"
    r"|vous pouvez egalement lire des articles\b.*"
    r"|france dernieres nouvelles france actualites"
    r"|(?:publicite|advertisement|abonnez vous|partager|partagez|newsletter)"
    r"|(?:tous droits reserves|all rights reserved)\b.*"
    r")$"
)
_REFERENCE_NON_WORD = re.compile(r"[\W_]+")
_REFERENCE_ACCENT = re.compile("[\u0300-\u036f]")


def reference_normal_form(text: str) -> str:
    folded = _REFERENCE_ACCENT.sub("", unicodedata.normalize("NFKD", text)).casefold()
    kept = []
    for line in folded.splitlines():
        words = _REFERENCE_NON_WORD.sub(" ", line).strip()
        if words and not _REFERENCE_BOILERPLATE_LINE.match(words):
            kept.append(words)
    return " ".join(kept)


def reference_word_hashes(words: list[str]) -> np.ndarray:
    digests = [hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest() for word in words]
    return np.array([int.from_bytes(digest, "little") for digest in digests], dtype=np.uint64)


def reference_shingle_hashes(hashed_words: np.ndarray, size: int) -> np.ndarray:
    if hashed_words.size == 0:
        return np.empty(0, dtype=np.uint64)
    size = min(size, hashed_words.size)
    count = hashed_words.size - size + 1
    combined = np.full(count, size, dtype=np.uint64)
    for offset in range(size):
        combined = combined * np.uint64(0x9E3779B97F4A7C15) + hashed_words[offset : offset + count]
    combined ^= combined >> np.uint64(30)
    combined *= np.uint64(0xBF58476D1CE4E5B9)
    combined ^= combined >> np.uint64(27)
    combined *= np.uint64(0x94D049BB133111EB)
    combined ^= combined >> np.uint64(31)
    return combined


def reference_sketch(text: str) -> TextSketch:
    params = DEFAULT_PARAMS
    normal_form = reference_normal_form(text)
    words = normal_form.split()
    hashed = reference_word_hashes(words)
    shingles = np.unique(reference_shingle_hashes(hashed, params.shingle_words))[: params.sketch_size]
    minima = np.unique((shingles >> np.uint64(32)).astype(np.uint32))
    keys = np.unique(reference_shingle_hashes(hashed, params.key_shingle_words))[: params.key_count]
    return TextSketch(
        content_hash=hashlib.blake2b(normal_form.encode("utf-8"), digest_size=16).hexdigest(),
        word_count=len(words),
        minima=minima,
        complete=shingles.size < params.sketch_size,
        keys=tuple(int(key) for key in keys),
    )


def assert_same_sketch(text: str) -> None:
    fast, reference = sketch_text(text), reference_sketch(text)
    assert (fast.content_hash, fast.word_count, fast.complete, fast.keys) == (
        reference.content_hash,
        reference.word_count,
        reference.complete,
        reference.keys,
    ), text[:200]
    assert fast.minima.dtype == reference.minima.dtype
    assert fast.minima.tolist() == reference.minima.tolist()


# Pieces the fold table resolves (accents precomposed and decomposed, compatibility spaces and
# forms, every line break, scripts without case, boilerplate lines), then pieces it leaves to the
# reference path (other combining marks, which NFKD reorders; folds to several letters; characters
# beyond the table, lone surrogates).
TABLE_PIECES = (
    list("abcxyzABCXYZ0189 _-.,;:!?'\"()[]/«»’“”—–…•€°%&@#*")
    + list("éèêëàâäîïôöùûüçœæÉÈÊËÀÂÎÏÔÖÙÛÜÇŒÆÿŸñÑåø")
    + ["e\u0301", "E\u0300", "a\u0323\u0301", "a\u0301\u0323", "o\u0308\u0304", "\u0301", "\u0345"]
    + ["\u00a0", "\u202f", "\u2009", "\t", "\x1f", "\u200b", "\u00ad", "\r\n"]
    + sorted(LINE_BREAKS)
    + ["Σ", "ς", "²", "①", "ℌ", "Å", "Ω", "й", "Ё", "ά", "ΐ", "ö", "ǖ", "ṩ", "ệ"]
    + ["ا", "٣", "ก", "ि", "Lire aussi", "À lire aussi :", "Lire la suite »", "Publicité", "Voir aussi"]
    + [
        "Similar News:",
        "France Dernières Nouvelles, France Actualités",
        "Tous droits réservés",
        "Abonnez-vous",
    ]
)
CONTEXTUAL_PIECES = (
    *["\u0483", "\u05b0", "\u0591", "\u0651", "\u093c", "\u1dc0", "\u20d0", "\u302a", "a\u0483\u0301"],
    *["ß", "ẞ", "ﬁ", "ﬀ", "™", "℃", "İ", "ŉ", "ǅ", "½", "Ａ", "ｶ", "㎏", "ῷ", "Ǆ", "\u3000", "क्ष"],
    *[
        "한",
        "글",
        "\u1100\u1161",
        "東京",
        "の",
        "ニュース",
        "中",
        "\U0001f600",
        "\U0001d400",
        "\ud800",
        "\udfff",
    ],
)


LINE_BREAKS_ORDERED = sorted(LINE_BREAKS)


def random_text(rng: random.Random, contextual_share: float) -> str:
    pieces = []
    for _ in range(rng.randrange(0, 60)):
        pool = CONTEXTUAL_PIECES if rng.random() < contextual_share else TABLE_PIECES
        pieces.append(rng.choice(pool))
    return "".join(pieces)


def takes_the_table(text: str) -> bool:
    table = fold_table()
    return all(ord(char) < FOLD_TABLE_SIZE and table[ord(char)] != CONTEXTUAL for char in text)


def test_the_fold_table_covers_latin_text_and_leaves_hard_characters_to_the_reference():
    table = fold_table()
    assert table.size == FOLD_TABLE_SIZE + 1 and table[-1] == CONTEXTUAL
    assert chr(table[ord("É")]) == "e" and table[0x0301] == 0 and chr(table[0x2028]) == "\n"
    assert table[ord("ß")] == CONTEXTUAL and table[0x0483] == CONTEXTUAL


def test_no_word_character_is_whitespace():
    """The fast path splits words with str.split: it relies on word characters never being spaces."""
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert not [char for char in spaces if re.fullmatch(r"[^\W_]", char)]


@pytest.mark.parametrize("start", range(0, FOLD_TABLE_SIZE + 0x100, 0x800))
def test_every_character_alone_and_among_others(start: int):
    for code in range(start, min(start + 0x800, FOLD_TABLE_SIZE + 0x100)):
        char = chr(code)
        for text in (char, f"Ab{char}cD", f"{char}{char}\n{char} É{char}\u0301x"):
            assert normalize_for_hash(text) == reference_normal_form(text), hex(code)


def test_randomised_texts():
    rng = random.Random(20240607)
    texts = [random_text(rng, share) for share in (0.0, 0.03) for _ in range(2500)]
    assert sum(map(takes_the_table, texts)) > 2500 and sum(not takes_the_table(t) for t in texts) > 1000
    for text in texts:
        assert normalize_for_hash(text) == reference_normal_form(text), repr(text)


BOILERPLATE_LINES = [
    "À lire aussi : le budget",
    "A LIRE ÉGALEMENT",
    "Lire la suite »",
    "» Lire l'article",
    "lire plus",
    "Voir aussi",
    "Écouter aussi - le podcast",
    "REGARDER AUSSI",
    "Similar News: Vous pouvez également lire des articles d'actualité similaires.",
    "Vous pouvez également lire des articles d'actualité similaires",
    "France Dernières Nouvelles, France Actualités",
    "PUBLICITÉ",
    "Advertisement",
    "Abonnez-vous",
    "Partager",
    "partagez",
    "Newsletter",
    "Tous droits réservés © 2024",
    "All rights reserved.",
]


def test_boilerplate_lines_in_many_spellings():
    rng = random.Random(11)
    separators = [" ", "\u00a0", "\u202f", " - ", "_", "  ", "’", " « "]
    for line in BOILERPLATE_LINES:
        for _ in range(30):
            variant = "".join(rng.choice(separators) if char == " " else char for char in line)
            variant = rng.choice([str.upper, str.lower, str.title, str])(variant)
            lead = rng.choice(["", "» ", "\u2028", "  • ", "\t"])
            text = f"Le conseil a voté.\n{lead}{variant}{rng.choice(LINE_BREAKS_ORDERED)}Il a dit non."
            assert normalize_for_hash(text) == reference_normal_form(text), repr(text)


def test_randomised_sketches():
    rng = random.Random(7)
    for share in (0.0, 0.01):
        for _ in range(150):
            assert_same_sketch(" ".join(random_text(rng, share) for _ in range(rng.randrange(1, 40))))


def test_the_dedup_benchmark_stories():
    stories = json.loads(STORIES_FILE.read_text(encoding="utf-8"))["stories"]
    for story in stories:
        assert_same_sketch(f"{story['title']}\n\n{story['body']}")


@pytest.mark.corpus
def test_corpus_pages(corpus: Path):
    """Gold titles and bodies, JSON-LD bodies and whole-page text dumps, in every language."""
    texts = []
    for page in iter_pages(corpus):
        texts += [page.gold.get("title") or "", page.gold.get("body") or "", page_text(page.html)]
        texts += json_ld_bodies(page.html)
    assert len(texts) > 300
    for text in texts:
        assert normalize_for_hash(text) == reference_normal_form(text)
        assert_same_sketch(text)


def test_the_normal_form_keeps_its_own_frozen_phrase_list():
    """The chrome phrases extraction and cleaning share (``newsbot.text.chrome``) may grow; the
    normal form's copy may not: its pattern is the reference, and phrases only the shared list knows
    stay in the hashed words."""
    from newsbot.dedup import normalize
    from newsbot.text.chrome import CHROME_LABELS

    assert normalize._BOILERPLATE_LINE.pattern == _REFERENCE_BOILERPLATE_LINE.pattern
    assert "Sauvegarder" in CHROME_LABELS
    text = "Le Journal réserve cet article à ses abonnés.\nSauvegarder\nÉcouter cet article"
    assert (
        normalize_for_hash(text)
        == "le journal reserve cet article a ses abonnes sauvegarder ecouter cet article"
    )
    # Digests computed when the normal form was frozen: a changed form changes them.
    assert hashlib.blake2b(normalize_for_hash(text).encode(), digest_size=16).hexdigest() == (
        "3b83353dec35542de8cf77a06927db95"
    )
    chrome = "Similar News: Vous pouvez également lire…\nLa Loire a atteint mardi son plus haut niveau.\nPublicité\n"
    assert normalize_for_hash(chrome + "Les digues tiennent.") == (
        "la loire a atteint mardi son plus haut niveau les digues tiennent"
    )
