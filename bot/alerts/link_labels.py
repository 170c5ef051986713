"""A link's label never names another web address than the one the link opens: a headline is
the article's to write, and `https://harbourwire.example/…` labelling a link to another host
would send a reader, trusting what they read, somewhere else (a deceptive label)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ADDRESS = re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s<>|]+|\bwww\.[^\s<>|]+|"
                     r"\b(?:[a-z0-9\-]+\.)+[a-z]{2,}/[^\s<>|]*", re.IGNORECASE)
"""What reads as a web address in a headline: a scheme, ``www.``, or a dotted name and a path
("Amazon.com shares fall" names no address)."""


def linked(target: str, label: str) -> str:
    """``<target|label>`` (both mrkdwn-ready); when the label names another host than the
    target's, the label stands unlinked and the link beside it reads its own host."""
    ours = host_of(target)
    if ours is not None and all(host_of(found.group()) == ours
                                for found in ADDRESS.finditer(label)):
        return f"<{target}|{label}>"
    return f"{label} (<{target}|{ours or 'link'}>)"


def host_of(address: str) -> str | None:
    """The host an address names, lower case, without ``www.``; None when it names none."""
    try:
        host = urlsplit(address if "://" in address else f"http://{address}").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
