"""Which links jobdesk may hand to the desktop to open.

Only web pages and mail drafts: a ``file:``, ``javascript:`` or custom
scheme link pasted into a field could run something on the machine.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
OPENABLE_SCHEMES = WEB_SCHEMES | {"mailto"}

# "name:" at the start is a scheme, unless digits follow (a port: "host:8080").
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")


def scheme_of(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def is_web_link(url: str) -> bool:
    """Whether *url* is an http(s) address with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def is_openable(url: str) -> bool:
    """Whether jobdesk may ask the desktop to open *url* (http, https, mailto only)."""
    scheme = scheme_of(url)
    if scheme == "mailto":
        return True
    return is_web_link(url)


def normalise_posting_url(text: str) -> str:
    """Tidy a pasted job-posting address, or raise ValueError saying why it cannot be kept.

    "example.com/jobs/1" becomes "https://example.com/jobs/1"; an empty field
    stays empty; other schemes are refused because they would never be opened.
    """
    url = text.strip()
    if not url:
        return ""
    if not _HAS_SCHEME.match(url):
        url = "https://" + url
    if not is_web_link(url):
        raise ValueError(
            "The posting link must be a web address starting with http:// or https://."
        )
    return url
