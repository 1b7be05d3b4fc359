"""Rules for the text people type: accepted as it is, within sane limits."""

from __future__ import annotations

import re

#: Any single text field may hold this many characters: a pasted job
#: description of a megabyte fits; an accidental paste of a whole disk image
#: gets a clear message instead of a frozen program.
MAX_TEXT_LENGTH = 2_000_000

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return *value* unchanged except for lone UTF-16 surrogates.

    Everything a person can type — right-to-left text, emoji, NUL, control
    characters — is kept exactly. Lone surrogates (which a clipboard can
    carry but UTF-8 cannot encode) become U+FFFD so the write cannot fail.
    """
    if _LONE_SURROGATE.search(value):
        return _LONE_SURROGATE.sub("\ufffd", value)
    return value


def parse_tags(text: str) -> list[str]:
    """Tags from comma-separated text, trimmed, without blanks or repeats (case-insensitive)."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in text.split(","):
        tag = " ".join(raw.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def format_tags(tags: list[str]) -> str:
    return ", ".join(tags)
