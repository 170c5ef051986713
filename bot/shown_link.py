"""The link a reader is shown: an article's own address as it opens the page, without what the
desk's feed or the page's promoter put in it. A paid feed's entries may carry the desk's
credentials (``user:pass@``, ``?apikey=…``), which every reader of a channel would see, and a
newsletter's or an ad's link its tracking (``utm_*``, ``fbclid``…), which tells the sender a
desk opened it; the stored address, which also names the feed entry, is kept as it came."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from bot.redact import PAIRS, is_credential

TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|"
                      r"ttclid|igshid|li_fat_id|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|vero_id|"
                      r"oly_anon_id|oly_enc_id|rb_clickid|s_cid|_ga|_gl)$", re.IGNORECASE)
"""Parameters that analytics, ad and mailing services add to a link: the page opens without
them."""


def shown_url(url: str) -> str:
    """``url`` without its userinfo, credential and tracking parameters; as it is when it cannot be
    read as a URL (the caller shows only http(s) links it could read)."""
    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return url
    query = _kept(parts.query)
    if host == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, host, parts.path, query, parts.fragment))


def _kept(query: str) -> str:
    """The query's parameters a reader may see, with the separators that came before them."""
    kept: list[str] = []
    pieces = PAIRS.split(query)
    for at in range(0, len(pieces), 2):
        name, equals, value = pieces[at].partition("=")
        if pieces[at] and not _dropped(name, equals, value):
            kept += [pieces[at - 1] if at and kept else "", pieces[at]]
    return "".join(kept)


def _dropped(name: str, equals: str, value: str) -> bool:
    return bool(TRACKING.search(unquote_plus(name))) or bool(equals) and is_credential(name, value)
