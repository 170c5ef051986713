"""A quote is news only when it quotes words the story never used: through the real pipeline
(real spaCy, a real SQLite file), a snippet restating the story's lead around a quote the story
already had is a duplicate, and one quoting something new is an update."""

from tests.stories.hourly import ingest_hourly

REPORT = """Harbour board approves Vessby container terminal expansion

The Vessby harbour board approved a plan on Tuesday to double the size of the town's container terminal, despite protests from residents living next to the docks.

Board chair Ingrid Talvik said the expansion would "bring hundreds of skilled jobs back to the waterfront" and promised that night work would be limited.

Residents had collected signatures against the plan, saying lorry traffic through the old town would become unbearable.

Construction is due to start next spring."""

RESTATED = """Vessby harbour board backs terminal plan

Harbour board chair Ingrid Talvik defended the decision to double the Vessby container terminal, saying it would "bring hundreds of skilled jobs back to the waterfront" despite residents' protests."""

NEW_QUOTE = """Vessby harbour board backs terminal plan

Harbour board chair Ingrid Talvik defended the container terminal decision, saying "nobody will be woken by cranes after ten in the evening, I give my word" to residents next to the docks."""



def test_a_snippet_restating_a_quote_the_story_had_is_a_duplicate(pipeline):
    first, restated = ingest_hourly(pipeline, REPORT, RESTATED)
    assert restated.verdict.story_id == first.verdict.story_id
    assert restated.verdict.kind == "duplicate"


def test_a_snippet_quoting_new_words_is_an_update(pipeline):
    first, new = ingest_hourly(pipeline, REPORT, NEW_QUOTE)
    assert new.verdict.story_id == first.verdict.story_id
    assert new.verdict.kind == "update"
    assert any("woken by cranes" in s for s in new.verdict.whats_new)
