"""A description of one person is an unnamed source introduced before ("a former union
leader" … "the leader") only when nothing in it says otherwise: the names before its noun
("the Senate Democratic leader") must be in the earlier phrase, and "former" in both or
neither. On text written here."""

from __future__ import annotations


def test_a_leader_named_by_the_body_he_leads_is_not_an_earlier_unnamed_leader(quotes_of, only):
    text = ("A former union leader at the plant criticised the deal on Monday. Senator Mara "
            "Lind defended it.\n\n"
            "\"Nobody loses a job,\" Lind said in an interview. Recalling her years as a shop "
            "steward, the Senate Democratic leader said, \"I never signed a bad contract.\"")
    speaker = only(quotes_of(text), "direct", "bad contract").speaker
    assert speaker.name == "Mara Lind"


def test_the_same_description_again_is_the_unnamed_source_introduced(quotes_of, only):
    text = ("A former union leader at the plant criticised the deal on Monday. The council "
            "approved it anyway.\n\n"
            "\"Nobody listened to the crews,\" the former union leader said.")
    speaker = only(quotes_of(text), "direct", "Nobody listened").speaker
    assert speaker.name == "A former union leader at the plant"
