"""/who-said shows each speaker's role as a desk writes it after the name, for the shapes news
copy gives roles in: an article ingested through the pipeline, asked over signed HTTP."""

from __future__ import annotations

import pytest

from bot.models import RawArticle
from tests.slack.conftest import run_command

FERRY = ("Ferry crews at Tarnby stop work over rotas\n\n"
         "Union organiser Maren Solberg said the crews had not been consulted on the new rotas.\n\n"
         "“The last boat will leave at six tonight,” said harbour master Tom Vale.\n\n"
         "The operator's planner, Ines Kaur, spoke to the crews on Monday. “The rota is "
         "fair,” Kaur said.\n\n"
         "“We will be back on Friday,” said Colm Byrne, who chairs the crews' committee.")


@pytest.mark.parametrize(("words", "who"), [
    ("crews had not been consulted", "Maren Solberg, union organiser"),
    ("last boat will leave", "Tom Vale, harbour master"),
    ("rota is fair", "Ines Kaur, the operator's planner"),
    ("back on Friday", "Colm Byrne, who chairs the crews' committee"),
])
def test_who_said_shows_the_role_the_article_gives(runtime, fake_slack, pipeline, words, who):
    outcomes = list(pipeline.ingest([RawArticle(text=FERRY, origin="f1", source="Coast Wire")]))
    assert outcomes[0].status == "stored"
    answer = run_command(runtime, fake_slack, "/who-said", words)["text"]
    assert f"*{who}*" in answer
