"""Bytes to text: the declared encoding when it is trustworthy, a safe guess otherwise, never an error."""

from __future__ import annotations

import codecs

from w3lib.encoding import html_to_unicode, resolve_encoding

_UNICODE_FAMILIES = ("utf_8", "utf_16", "utf_32", "utf_8_sig")


def decode_html(body: bytes | str, encoding: str | None = None) -> str:
    """Return the page as text.

    Order: byte-order mark, ``encoding`` (as declared by HTTP), ``<meta charset>``, then a guess
    (UTF-8 when the bytes are valid UTF-8, else Windows-1252). Two corrections cover common lies:
    a page declared in a legacy encoding (Windows-1252, GB2312...) whose bytes are valid multi-byte
    UTF-8 is read as UTF-8 (legacy text is practically never valid UTF-8), and a page declared
    UTF-8 whose bytes are mostly invalid UTF-8 is read as Windows-1252.
    Undecodable bytes become U+FFFD.
    """
    return decode_html_utf8(body, encoding)[0]


def decode_html_utf8(body: bytes | str, encoding: str | None = None) -> tuple[str, bytes | None]:
    """:func:`decode_html`, and the text's UTF-8 encoding when it is ``body`` itself, else ``None``.

    The parser takes UTF-8 bytes: a page that was plain UTF-8 (no byte-order mark, no byte replaced)
    need not be encoded back from its text, 155 kB on a typical page.
    """
    if isinstance(body, str):
        return body, None
    header = f"text/html; charset={encoding}" if encoding and _known_codec(encoding) else None
    used, text = html_to_unicode(header, body, default_encoding="utf-8", auto_detect_fun=_guess_encoding)
    codec = _codec_name(used)
    if not codec.startswith(_UNICODE_FAMILIES) and _is_multibyte_utf8(body):
        return body.decode("utf-8"), None
    if codec != "utf_8":
        return text, None
    # No U+FFFD in the UTF-8 decoding: no invalid byte, nothing to weigh (the common case, for free).
    if "\ufffd" in text:
        if _mostly_invalid_utf8(body):
            return body.decode("cp1252", errors="replace"), None
        return text, None
    # Strict UTF-8 of the whole body (w3lib strips a byte-order mark first: then the bytes differ).
    return text, (None if body.startswith(codecs.BOM_UTF8) else body)


def _known_codec(name: str) -> bool:
    return resolve_encoding(name.strip()) is not None


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return name


def _guess_encoding(body: bytes) -> str:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "utf-8" if not _mostly_invalid_utf8(body) else "cp1252"
    return "utf-8"


def _is_multibyte_utf8(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_invalid_utf8(body: bytes) -> bool:
    """More invalid bytes than well-formed multi-byte sequences: the page is not really UTF-8."""
    if body.isascii():
        return False
    decoded = body.decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd") - body.decode("utf-8", errors="ignore").count("\ufffd")
    if invalid == 0:
        return False
    valid_multibyte = sum(1 for char in decoded if ord(char) > 0x7F and char != "\ufffd")
    return invalid > valid_multibyte
