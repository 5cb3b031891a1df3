"""Text normalisation: HTML entities, Unicode NFC, French spacing, collapsed whitespace, paragraphs.

The output has one paragraph per block, paragraphs separated by exactly one blank line (``\\n\\n``)
and no other line break. A line that continues the previous one (the previous line does not end a
sentence and the next starts in lower case) is a soft wrap and is joined to it with a space.

French spacing follows the Imprimerie nationale convention: a narrow no-break space (U+202F) before
``; ! ?``, a no-break space (U+00A0) before ``:`` and ``»`` and after ``«``. Only spaces already in
the text are changed; none is invented where the source wrote ``«mot»``.
"""

from __future__ import annotations

import html
import re
import unicodedata

from newsbot.text.chars import INVISIBLE

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_SPACE_LIKE = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028"
_CONTROL = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r\v\f\x1c\x1d\x1e")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}{_CONTROL}]")
_SPACE_LIKE_RE = re.compile(f"[{_SPACE_LIKE}]")
_LINE_BREAK_RE = re.compile(f"[{_LINE_BREAKS}]")
# Invisible characters and line breaks other than "\n" are rare: one scan tells whether to remove them.
_INVISIBLE_OR_LINE_BREAK_RE = re.compile(f"[{INVISIBLE}{_CONTROL}{_LINE_BREAKS}\u2029]")
_SPACE_RUN = re.compile(r" {2,}")
_SPACE_BEFORE_COMMA_OR_PERIOD = re.compile(r" +(?=[,.](?:$|[\s»”\"')\]]))", re.MULTILINE)
# (plain space + mark, replacement): str.replace is several times faster than a regex here.
_FRENCH_SPACES = (
    (" ;", NARROW_NBSP + ";"),
    (" !", NARROW_NBSP + "!"),
    (" ?", NARROW_NBSP + "?"),
    (" :", NBSP + ":"),
    (" »", NBSP + "»"),
    ("« ", "«" + NBSP),
)
_SENTENCE_END = frozenset('.!?…:;»"”)]')


def _unescape(text: str) -> str:
    """Decode HTML entities, twice at most (feeds often double-encode: ``&amp;nbsp;``)."""
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def _is_soft_wrap(previous: str, line: str) -> bool:
    return previous[-1] not in _SENTENCE_END and line[0].islower()


def _paragraphs(text: str) -> list[str]:
    """Group stripped lines into paragraphs: a blank line or a new block starts a paragraph."""
    paragraphs: list[str] = []
    previous_blank = True
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            previous_blank = True
            continue
        if paragraphs and not previous_blank and _is_soft_wrap(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_blank = False
    return paragraphs


def french_spacing(text: str) -> str:
    """Apply French no-break spacing to the spaces already present around ``; : ! ? « »``."""
    if " ," in text or " ." in text:
        text = _SPACE_BEFORE_COMMA_OR_PERIOD.sub("", text)
    for plain, typographic in _FRENCH_SPACES:
        text = text.replace(plain, typographic)  # returns ``text`` itself when ``plain`` is absent
    return text


def normalize_text(text: str) -> str:
    """NFC, HTML entities, French no-break spacing, collapsed spaces; paragraphs joined by ``\\n\\n``."""
    if not text:
        return ""
    text = _unescape(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    rare = _INVISIBLE_OR_LINE_BREAK_RE.search(text) is not None
    if rare:
        text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_LIKE_RE.sub(" ", text)
    if rare:
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        text = _LINE_BREAK_RE.sub("\n", text).replace("\u2029", "\n\n")
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return french_spacing("\n\n".join(_paragraphs(text)))
