"""Own sentences for topic terms and the words they may reach by lemma: each with the term, and
whether a desk following that term wants the sentence (True) or would read it as a false alert
(False). Written for these tests (tests/stories/test_topic_forms.py); desk40 measured the
matcher on them (docs/stories.md, "A topic's word and a verb's other forms")."""

from __future__ import annotations

CASES: tuple[tuple[str, str, bool], ...] = (
    ("strike", "Dock workers began a strike at the port on Monday.", True),
    ("strike", "Two strikes closed the container terminal this month.", True),
    ("strike", "Striking dockers blocked the gates before dawn.", True),
    ("strike", "A storm struck the coast overnight, cutting power to the town.", False),
    ("strike", "The two parties struck a deal on the budget late on Friday.", False),
    ("strike", "A cyclist was struck by a van on the ring road.", False),
    ("strike", "Rail crews struck for a second day on Tuesday.", True),
    ("leave", "Nurses will get six months of paid leave from April.", True),
    ("leave", "Staff on leave will be paid in full, the council said.", True),
    ("leave", "The minister left the party after the vote.", False),
    ("lead", "Tests found lead in the water pipes of three schools.", True),
    ("lead", "The mayor led a march through the old town.", False),
    ("bear", "A bear was seen near the campsite on Sunday.", True),
    ("bear", "The council bore the cost of the repairs to the pier.", False),
    ("ring", "The ring was stolen from the museum's vault.", True),
    ("ring", "Church bells rang at noon across the valley.", False),
    ("shooting", "Police shot a man who attacked two officers with a knife.", True),
    ("shooting", "Two people were hurt in a shooting outside the stadium.", True),
    ("child", "Three children were pulled from the river by a passer-by.", True),
    ("woman", "Two women were named to the port authority's board.", True),
    ("crisis", "The region has faced three housing crises in a decade.", True),
    ("mouse", "Mice were found in the school kitchen last week.", True),
    ("flood", "The river flooded forty homes on Tuesday night.", True),
    ("fire", "Crews put out a fire at the paper mill.", True),
    ('"run out"', "Farmers ran out of netting within hours of the storm.", True),
    ('"walk out"', "Teachers walked out of the talks on Thursday.", True),
)
