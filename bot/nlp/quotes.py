"""Finding quotes in a parsed article (direct quotes only, speaker unresolved, for now)."""

from __future__ import annotations

import re

from bot.models import ParsedArticle, Quote, Speaker

DIRECT = re.compile(r"[\"“](?P<text>[^\"“”]{3,}?)[\"”]")


def extract_quotes(parsed: ParsedArticle) -> list[Quote]:
    body = parsed.article.body
    quotes = []
    for match in DIRECT.finditer(body):
        text = match.group("text").strip()
        kind = "direct" if len(text.split()) >= 4 else "fragment"
        quotes.append(Quote(text, match.start("text"), match.end("text"), kind, Speaker(None)))
    return quotes
