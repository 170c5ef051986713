"""Understanding articles with spaCy: sentences, entities, quotes and their speakers."""
