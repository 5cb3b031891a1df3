"""MongoDB URIs: credentials never reach a log line."""

from __future__ import annotations

import re

_USERINFO = re.compile(r"(?P<scheme>mongodb(?:\+srv)?://)(?P<userinfo>[^@/]+)@")
_SECRET_OPTIONS = re.compile(
    r"(?i)(?P<key>(?:tlsCertificateKeyFilePassword|password)=|AWS_SESSION_TOKEN:)(?P<value>[^&,]*)"
)


def mask_uri(uri: str) -> str:
    """``mongodb://user:secret@host`` -> ``mongodb://***@host``; secret options hidden too."""
    masked = _USERINFO.sub(lambda m: f"{m.group('scheme')}***@", uri)
    return _SECRET_OPTIONS.sub(lambda m: f"{m.group('key')}***", masked)
