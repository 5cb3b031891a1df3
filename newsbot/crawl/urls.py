"""Canonical article URLs: one spelling per article, whatever link brought us to it.

:func:`canonicalize_url` lower-cases scheme and host, serves ``http`` as ``https``, drops default
ports, credentials, fragments and tracking parameters, sorts the remaining query, normalises
percent-encoding, and folds AMP and mobile variants (``/amp/``, ``.amp``, ``?amp``, ``amp.`` /
``m.`` / ``mobile.`` hosts, ``outputType=amp``, AMP-cache links) onto the main URL. The page's
``<link rel=canonical>`` wins when it stays on the same site (registrable domain) and is not the
home page or a parent section.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

import tldextract

#: Query parameters that only say how a reader arrived (analytics, ads, newsletters, sharing).
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
        "xtor", "xtref", "xts", "xtmc", "xtcr", "xtnp", "ito", "cmp", "cmpid", "ocid", "ncid",
        "sr_share", "share", "ref", "ref_src", "ref_url", "referrer", "origin", "partner",
        "s_cid", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "oly_enc_id",
        "oly_anon_id", "vero_id", "rss", "feed", "from", "usqp", "__twitter_impression",
    }
)  # fmt: skip
#: Parameter prefixes of the same kind (Google Analytics, AT Internet, Matomo/Piwik, HubSpot ads).
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "piwik_", "mtm_", "matomo_", "hsa_", "vgo_")
#: Parameters that ask for the AMP rendering of the same article (any value).
AMP_PARAMETERS = frozenset({"amp", "_amp", "amp_js_v", "amp_gsa", "amphtml"})
#: Parameters that ask for the AMP rendering only with the value ``amp`` (``?outputType=amp``).
AMP_VALUED_PARAMETERS = frozenset({"outputtype", "output", "format", "view"})
#: First host labels of mobile/AMP editions, replaced by ``www``.
EDITION_LABELS = frozenset({"m", "mobile", "mobil", "amp"})
DEFAULT_PORTS = {"http": 80, "https": 443}

_AMP_SEGMENTS = frozenset({"amp", "amphtml"})
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$|$)", re.IGNORECASE)
_AMP_CACHE = re.compile(r"^/[cirv]/(s/)?([^/]+\.[^/]+/.*)$")  # *.cdn.ampproject.org/c/s/host/path
_GOOGLE_AMP = re.compile(r"^/amp/(s/)?([^/]+\.[^/]+/.*)$")  # www.google.*/amp/s/host/path
_GOOGLE_HOST = re.compile(r"^(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$")
_SAFE_PATH = "/:@!$&'()*+,;=-._~"

_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=4096)
def _split_host(host: str) -> tuple[str, str]:
    """(domain label, public suffix) of a host; the suffix is empty for IPs and bare names."""
    parts = _extract(host)
    return parts.domain, parts.suffix


def registrable_domain(host: str) -> str:
    """The host's registrable domain (eTLD+1, e.g. ``lefigaro.fr``); IPs and bare names as they are."""
    host = host.lower().rstrip(".")
    domain, suffix = _split_host(host)
    return f"{domain}.{suffix}" if domain and suffix else host


def same_site(a: str, b: str) -> bool:
    """True when two URLs (or host names) share a registrable domain."""
    host_a, host_b = _host_of(a), _host_of(b)
    return bool(host_a) and registrable_domain(host_a) == registrable_domain(host_b)


def _host_of(url_or_host: str) -> str:
    candidate = url_or_host.strip()
    if "/" not in candidate and ":" not in candidate:
        return candidate.lower().rstrip(".")
    if "://" not in candidate and not candidate.startswith("//"):
        candidate = f"//{candidate}"
    return (urlsplit(candidate).hostname or "").rstrip(".")


def _unwrap_amp_cache(scheme: str, host: str, path: str) -> str | None:
    """The publisher URL inside an AMP-cache link, or ``None`` for any other URL."""
    if host.endswith(".cdn.ampproject.org"):
        match = _AMP_CACHE.match(path)
    elif _GOOGLE_HOST.match(host):
        match = _GOOGLE_AMP.match(path)
    else:
        return None
    if match is None:
        return None
    return f"{'https' if match.group(1) else scheme}://{match.group(2)}"


def _canonical_host(host: str) -> str:
    labels = host.lower().rstrip(".").split(".")
    host = ".".join(labels)
    if labels[0] in EDITION_LABELS and registrable_domain(host) != host:
        labels[0] = "www"
    return ".".join(labels)


def _has_public_suffix(host: str) -> bool:
    return bool(_split_host(host)[1])


def _canonical_path(path: str) -> str:
    segments = path.split("/")
    kept = [s for i, s in enumerate(segments) if i == 0 or s.lower() not in _AMP_SEGMENTS]
    path = re.sub(r"/{2,}", "/", "/" + "/".join(kept).lstrip("/"))
    head, _, last = path.rpartition("/")
    path = f"{head}/{_AMP_SUFFIX.sub('', last)}"
    return quote(unquote(path), safe=_SAFE_PATH)


def _is_noise(name: str, value: str) -> bool:
    lowered = name.lower()
    return (
        lowered in TRACKING_PARAMETERS
        or lowered.startswith(TRACKING_PREFIXES)
        or lowered in AMP_PARAMETERS
        or (lowered in AMP_VALUED_PARAMETERS and value.lower() == "amp")
    )


def _canonical_query(query: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_noise(k, v)]
    return urlencode(sorted(pairs), quote_via=quote)


@lru_cache(maxsize=8192)
def _canonicalize(url: str) -> str:
    url = url.strip()
    if not url:
        raise ValueError("empty URL")
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    inner = _unwrap_amp_cache(scheme, parts.hostname, parts.path)
    if inner is not None:
        return _canonicalize(inner)
    host = _canonical_host(parts.hostname)
    port = parts.port if parts.port != DEFAULT_PORTS[scheme] else None
    if scheme == "http" and port is None and _has_public_suffix(host):
        scheme = "https"  # the same article; sites serve https today
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, _canonical_path(parts.path), _canonical_query(parts.query), ""))


def _is_section_of(hint: str, url: str) -> bool:
    """True when ``hint``'s path is the root or a parent section of ``url``'s path."""
    hint_path = urlsplit(hint).path.rstrip("/")
    url_path = urlsplit(url).path.rstrip("/")
    return hint_path != url_path and (hint_path == "" or url_path.startswith(hint_path + "/"))


def canonicalize_url(url: str, *, canonical_hint: str | None = None) -> str:
    """The canonical form of an article URL (pure; ≈µs per call, cached).

    ``canonical_hint`` is the page's ``<link rel=canonical>`` (absolute or relative); it is used
    only when it is an http(s) URL on the same site that is neither the home page nor a section
    above the article. Non-http(s) URLs are returned stripped but otherwise unchanged.
    """
    canonical = _canonicalize(url)
    if canonical_hint and canonical_hint.strip():
        hint = _canonicalize(urljoin(url.strip(), canonical_hint.strip()))
        if (
            urlsplit(hint).scheme in DEFAULT_PORTS
            and same_site(hint, canonical)
            and not _is_section_of(hint, canonical)
        ):
            return hint
    return canonical
