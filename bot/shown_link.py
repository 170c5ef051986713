"""The link a reader is shown: an article's own address as it opens the page, without what the
desk's feed or the page's promoter put in it. A paid feed's entries may carry the desk's
credentials (``user:pass@``, ``?apikey=…``), which every reader of a channel would see, and a
newsletter's or an ad's link its tracking (``utm_*``, ``fbclid``…), which tells the sender a
desk opened it; the stored address, which also names the feed entry, is kept as it came."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote_plus

from bot.models.web_link import web_link
from bot.redact import PAIRS, fragment_pairs, is_credential, is_path_name, secret_segments

TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|"
                      r"ttclid|igshid|li_fat_id|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|vero_id|"
                      r"oly_anon_id|oly_enc_id|rb_clickid|s_cid|_ga|_gl)$", re.IGNORECASE)
"""Parameters that analytics, ad and mailing services add to a link: the page opens without
them."""


def shown_url(url: str) -> str | None:
    """``url`` as a browser opens it (``web_link``), without its userinfo, credential and
    tracking parameters; None for no http(s) link, or one a browser could read two ways."""
    link = web_link(url)
    if link is None:
        return None
    fragment = fragment_pairs(link.fragment, _kept)
    return replace(link, path=_path(link.path), query=_kept(link.query), fragment=fragment).url


def _kept(query: str) -> str:
    """The query's parameters a reader may see, with the separators that came before them."""
    kept: list[str] = []
    pieces = PAIRS.split(query)
    for at in range(0, len(pieces), 2):
        name, equals, value = pieces[at].partition("=")
        if pieces[at] and not _dropped(name, equals, value):
            kept += [pieces[at - 1] if at and kept else "", pieces[at]]
    return "".join(kept)


def _path(path: str) -> str:
    """The path without a credential's segments: a value only an issuer writes, and one after
    a segment named as a credential, with that name (``/feed/token/abc123/a`` → ``/feed/a``);
    ``;name=value`` parameters of a segment as a query's (``/a;jsessionid=…`` → ``/a``)."""
    segments = path.split("/")
    secret = secret_segments(segments)
    named = {at - 1 for at in secret if at and is_path_name(segments[at - 1])}
    return "/".join(_matrix(segment) for at, segment in enumerate(segments)
                    if at not in secret | named)


def _matrix(segment: str) -> str:
    head, semicolon, params = segment.partition(";")
    kept = _kept(params) if semicolon else ""
    return head + semicolon + kept if kept else head


def _dropped(name: str, equals: str, value: str) -> bool:
    return bool(TRACKING.search(unquote_plus(name))) or bool(equals) and is_credential(name, value)
