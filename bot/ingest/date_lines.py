"""The words a line stating when an article was published is made of, in English, German,
French, Spanish, Italian, Dutch and Portuguese (such a line of the copy is furniture)."""

from __future__ import annotations

import re

from bot.ingest.accents import unaccented
from bot.ingest.date_words import MONTHS
from bot.ingest.relative_dates import DAYS_BACK, UNITS, WEEKDAYS

LABELS = ("last updated|updated|last modified|modified|edited|revised|first published|"
          "originally published|published|posted|aktualisiert|ver[öo]ffentlicht|"
          "mis à jour|publi[ée]|modifi[ée]|actualizado|publicado|aggiornato|pubblicato|"
          "bijgewerkt|gepubliceerd|atualizado")
"""Labels of a publication or update date, `Published`, `Veröffentlicht`, `Mis à jour`."""
ON = "on|at|am|um|le|el|il|op|em|om"
"""The word after a label, before the date: `Published on`, `Veröffentlicht am`, `Publié le`."""
_CONNECTIVES = ("am um le la las el il op em om a as de del do da des du alle alla ore h uhr hora "
                "horas heure heures hrs e y et und en vor hace fa geleden ha atras zuletzt "
                "mittag mittags midi mediodia mezzogiorno mezzodi middaguur meio dia "
                "mitternacht minuit medianoche mezzanotte middernacht meia noite")
_LABEL_WORDS = ("edited revised modified aktualisiert veroffentlicht mis jour publie modifie "
                "actualizado publicado aggiornato pubblicato bijgewerkt gepubliceerd atualizado")


def plain_words(text: str) -> list[str]:
    """The words of ``text``, lower case and without accents."""
    return re.findall(r"[^\W\d_]+", unaccented(text))


WORDS = frozenset(plain_words(" ".join((*MONTHS.values(), *WEEKDAYS, *DAYS_BACK.values(),
                                        *UNITS.values(), _CONNECTIVES,
                                        _LABEL_WORDS))))
"""Every word of such a line, without accents (`décembre` as `decembre`), but for English ones
(``furniture.DATE_WORDS``)."""
