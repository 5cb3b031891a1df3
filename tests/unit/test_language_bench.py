"""Helpers of the language benchmark: text sets built at run time, and the scoring arithmetic."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.language import (
    OWN_QUOTED_TEXTS,
    OWN_TITLES,
    Evaluation,
    Sample,
    decider,
    decode_html,
    evaluate,
    html_text,
    own_texts,
    passages,
)


def test_decode_html_falls_back_to_the_declared_charset():
    raw = '<meta charset="windows-1250"><p>Sejm zagłosował</p>'.encode("cp1250")
    assert "zagłosował" in decode_html(raw)


def test_html_text_keeps_paragraphs_and_drops_page_chrome():
    article = "Le conseil municipal a voté le budget de la ville pour l'année prochaine. " * 3
    raw = (
        "<html><body><nav><p>Accueil Politique Économie Culture Sport Planète Vidéos</p></nav>"
        f"<p>{article}</p><p>Court.</p><footer><p>Mentions légales et politique de cookies</p></footer>"
        "</body></html>"
    ).encode()
    assert html_text(raw) == article.strip()


def test_html_text_falls_back_to_long_text_nodes_without_paragraphs():
    sentence = "Le conseil municipal a voté le budget de la ville pour l'année prochaine."
    raw = f"<html><body><div>{sentence}</div><div>{sentence}</div><div>{sentence}</div></body></html>"
    assert html_text(raw.encode()) == "\n".join([sentence] * 3)


def test_passages_group_paragraphs_into_slices_of_200_to_400_characters():
    body = "\n".join(["a" * 120, "b" * 120, "c" * 500, "d" * 90, "e" * 150, "f" * 10])
    slices = list(passages(body))
    assert slices == ["a" * 120 + "\n" + "b" * 120, "d" * 90 + "\n" + "e" * 150]


def test_own_texts_read_language_and_text_and_skip_comments(tmp_path: Path):
    path = tmp_path / "titles.tsv"
    path.write_text("# a comment\nfr\tGrève à la SNCF\n\nwa\tLi gåre di Lidje\n", encoding="utf-8")
    assert own_texts(path) == [
        Sample("titles.tsv:2", "fr", "Grève à la SNCF"),
        Sample("titles.tsv:4", "wa", "Li gåre di Lidje"),
    ]


def test_the_shipped_text_sets_cover_french_and_the_close_languages():
    languages = {sample.language for sample in own_texts(OWN_TITLES)}
    assert {"fr", "oc", "wa", "ca", "it", "es", "pt"} <= languages
    quoted = own_texts(OWN_QUOTED_TEXTS)
    assert any(sample.is_french for sample in quoted) and not all(sample.is_french for sample in quoted)


def test_evaluate_counts_french_decisions_against_gold_labels():
    samples = [
        Sample("fr-1", "fr", "Le conseil municipal a adopté le budget de la ville mardi soir"),
        Sample("en-1", "en", "The city council approved the town budget on Tuesday evening"),
        Sample("wa-1", "wa", "Li burgmaisse di Nameur a dné ene novele aidance ås scoles"),
        Sample("fr-short", "fr", "Match en direct"),
    ]
    result = evaluate(samples, decider("langdetect"))
    assert (result.true_positives, result.false_positives, result.false_negatives) == (2, 1, 0)
    assert result.too_short == 1
    assert result.wrong == ["wa-1 gold=wa got=fr"]
    assert +result.kept_by_language == Counter({"wa": 1})


def test_precision_and_recall_arithmetic():
    result = Evaluation(total=10, true_positives=6, false_positives=2, false_negatives=3)
    assert (result.precision, result.recall, result.wrong_decisions) == (0.75, 6 / 9, 5)
    assert Evaluation().precision == Evaluation().recall == 1.0
