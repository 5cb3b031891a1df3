"""Characters every text stage treats alike, defined once.

``INVISIBLE`` are format characters that carry no visible text and only get in the way of matching:
soft hyphen, zero-width space, zero-width non-joiner and joiner, word joiner and the byte-order mark.
Extraction, text normalisation and the date reader all remove them. (The dedup normal form keeps its
own frozen definition: stored content hashes depend on it.)
"""

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
