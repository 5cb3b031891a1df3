"""MongoDB URIs: credentials never reach a log line."""

from __future__ import annotations

import re

from pymongo import uri_parser
from pymongo.errors import ConfigurationError, InvalidURI

_USERINFO = re.compile(r"(?P<scheme>mongodb(?:\+srv)?://)(?P<userinfo>[^@/]+)@")
_SECRET_OPTIONS = re.compile(
    r"(?i)(?P<key>(?:tlsCertificateKeyFilePassword|password)=|AWS_SESSION_TOKEN:)(?P<value>[^&,]*)"
)


def mask_uri(uri: str) -> str:
    """``mongodb://user:secret@host`` -> ``mongodb://***@host``; secret options hidden too."""
    masked = _USERINFO.sub(lambda m: f"{m.group('scheme')}***@", uri)
    return _SECRET_OPTIONS.sub(lambda m: f"{m.group('key')}***", masked)


class MongoUriError(ValueError):
    """``MONGO_URI`` is not a MongoDB connection string."""


EXPECTED_URI = "mongodb://host[:port][/database][?options] or mongodb+srv://host"


def check_mongo_uri(uri: str) -> str:
    """``uri`` when it is a usable MongoDB URI (or empty: the embedded server), else :class:`MongoUriError`.

    pymongo takes a bare word as a host name and reports a bad port only when connecting, deep in a
    traceback; checking first gives one line naming the setting. ``mongodb+srv://`` is only checked
    for a host: parsing it would resolve DNS records.
    """
    if not uri:
        return uri
    shown = mask_uri(uri)
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme not in {"mongodb", "mongodb+srv"}:
        raise MongoUriError(f"MONGO_URI: expected {EXPECTED_URI}, got {shown!r}")
    if scheme == "mongodb+srv":
        if not rest.rpartition("@")[2].split("/")[0].split("?")[0]:
            raise MongoUriError(f"MONGO_URI: no host in {shown!r} (expected {EXPECTED_URI})")
        return uri
    try:
        uri_parser.parse_uri(uri, validate=True)
    except (InvalidURI, ConfigurationError, ValueError) as exc:
        reason = mask_uri(str(exc)).rstrip(".")
        raise MongoUriError(f"MONGO_URI {shown!r}: {reason} (expected {EXPECTED_URI})") from None
    return uri
