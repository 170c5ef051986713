"""The words that report speech, belief and intention, and how a reporting verb is told apart."""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from bot.nlp.speakers.columns import VERBAL
from bot.nlp.speakers.words import PLATFORMS, verb_lemma

REPORTING = {
    "say", "tell", "add", "write", "argue", "claim", "state", "announce", "insist", "note",
    "warn", "explain", "ask", "urge", "suggest", "acknowledge", "admit", "deny", "stress",
    "emphasise", "emphasize", "reply", "respond", "comment", "declare", "predict", "assert",
    "maintain", "contend", "recall", "conclude", "report", "confirm", "indicate", "complain",
    "promise", "vow", "pledge", "concede", "continue", "tweet", "post", "reiterate", "signal",
    "testify", "caution", "observe", "remark", "propose", "believe", "think", "accuse",
    "allege", "agree", "disagree", "counter", "retort", "quip", "joke", "boast", "lament",
    "recount", "describe", "call", "question", "wonder", "hint", "point", "threaten",
    "estimate", "forecast", "demand", "reveal", "disclose", "mention", "plead",
    "scoff", "shout", "whisper", "exclaim", "concur", "underline", "underscore", "highlight",
    "assure", "reassure", "advise", "inform", "brief", "recommend",
    "praise", "criticise", "criticize", "condemn", "hail", "brand", "dismiss",
    "answer", "charge", "interject", "chant", "yell", "scream", "muse", "snap", "gush", "beam",
    "remember", "press", "interrupt", "echo", "marvel", "sigh", "opine", "sing",
    "vent", "bemoan", "grouse", "gripe", "grumble", "snipe", "intimate",
}
BELIEF = {"know", "hope", "fear", "expect", "feel", "worry", "doubt", "learn", "recognize",
          "recognise", "realize", "realise", "understand", "find", "show", "want", "assume",
          "figure", "guess", "reckon", "suspect", "acknowledge"}
"""Verbs of knowing, believing, finding and wanting: their clause is attributed to the subject
("the poll found that …", "she hopes that …"), though it is not speech."""
NEG_RAISING = {"think", "believe", "expect", "want", "feel", "reckon", "guess", "anticipate",
               "figure"}
"""Verbs of belief and wish whose "not" goes with their clause: "she doesn't think the pier
will close" is her view that it will not, "he doesn't want to run" his wish, so the clause is
still theirs; "he did not say that …" says nothing."""
INFERENCE = {"imply", "insinuate", "prove", "demonstrate", "convince", "persuade", "remind",
             "speculate", "surmise", "presume", "posit", "theorize", "reason", "judge", "sense",
             "notice", "discover", "anticipate", "project", "calculate", "bet", "guarantee",
             "swear", "clarify", "repeat", "proclaim", "protest", "opine"}
"""Verbs of implying, proving, persuading, guessing and restating: their clause is attributed
to the subject too ("she implied that …", "the audit proves that …", "he reminded voters that
…"). Only their clause: they introduce no direct quote."""
STATED_OBJECTS = {
    "announce", "propose", "reveal", "predict", "repeat", "deny", "mention", "cite", "express",
    "discuss", "recommend", "endorse", "tout", "welcome", "applaud", "defend", "reject",
    "dismiss", "question", "oppose", "criticize", "criticise", "condemn", "denounce", "attack",
    "blast", "slam", "mock"}
"""Verbs of stating, weighing and judging whose object can be what is said or held: a plan,
a claim, a decision ("announced [plans to cut fares]", "rejected [claims that the bridge is
unsafe]"), when the object holds a clause of its own; not a thing or a person ("defended the
fare rise", "praised the coach")."""
POSITIONS = {"suggest", "support", "oppose", "consider", "advocate", "favor", "favour",
             "recommend", "endorse", "propose", "mention"}
"""Verbs whose gerund is a position taken or a proposal made ("supported [raising the levy]",
"proposed [closing the depot]")."""
ACCOUNTS = {"report"}
"""Verbs whose gerund is an account given of something done ("reported [raising $9 million]";
not "recalled hearing a bang", a memory the own sets' guideline leaves out)."""
STANCES = {"sure", "certain", "confident", "convinced", "hopeful", "optimistic", "pessimistic",
           "skeptical", "concerned", "worried", "fearful", "aware", "adamant", "upset", "glad",
           "proud", "eager", "keen", "reluctant", "determined"}
"""Adjectives of belief, feeling and will whose clause is the subject's ("is confident [that
the pier will reopen]", "is eager [to sign the deal]"); the "to …" clause only for EAGER,
since "is sure to …" is the writer's forecast."""
EAGER = {"eager", "keen", "reluctant", "determined"}
VIEWS = {"argument", "response", "answer", "reply", "message", "point", "view", "position",
         "promise", "pledge", "claim", "suggestion", "contention", "assertion", "belief",
         "complaint", "warning", "explanation", "pitch", "case", "conclusion", "prediction",
         "hope", "fear", "worry", "concern", "advice", "theory", "insistence", "refrain"}
"""Nouns of saying and holding whose owner's words a copula gives ("Ruiz's argument is [that
the pier can be repaired]", "the promise Ruiz has made is [that …]")."""
NAMING = {"call", "label", "brand", "deem", "dub", "pronounce"}
"""Verbs that name or judge their object ("called [the mayor a liar]"): the object and what
it was called are the words, as when the name is quoted (statements.py)."""
QUOTED_JUDGEMENTS = NAMING | {
    "mock", "ridicule", "deride", "decry", "blast", "slam", "attack", "knock", "rip", "chide",
    "hammer", "lambast", "lambaste", "denounce", "rail", "refer", "reference", "portray",
    "characterize", "characterise", "credit", "applaud"}
"""Verbs that judge, mock or name something in the subject's own words: a quoted phrase they
govern is the subject's ("mocked the mayor's “grand vision”", "referred to him as “…”"),
though they introduce no quote or clause of their own."""
CASTING = {
    "cast", "paint", "depict", "frame", "present", "pitch", "bill", "sell", "tout", "herald",
    "champion", "identify", "define", "classify", "rank", "defend", "justify", "see", "view",
    "regard", "reject", "wave", "shrug", "laud", "celebrate", "introduce", "position"}
"""Verbs that cast their object as something ("cast the levy as “a tax on the poor”"): quoted
words in their "as" phrase are the subject's (``casts_as``)."""
WANTS = {"seek", "want", "wish", "support", "oppose", "favor", "favour", "advocate", "endorse",
         "back", "offer"}
"""Verbs of wanting, backing and opposing: quoted words in their object are what the subject
asks for or stands against in its own words ("seeks “a full refund”", "opposes “any new
levy”"), as a judging verb's are (``wants``)."""
SPOKEN_OF = {
    "talk", "speak", "say", "tell", "write", "comment", "remark", "testify", "tweet", "post",
    "argue", "agree", "disagree", "insist", "warn", "caution", "hint", "complain", "rail",
    "joke", "brag", "boast", "lie", "apologize", "apologise", "praise", "criticize",
    "criticise", "think", "worry", "fret", "muse", "reflect", "speculate", "ask", "call",
    "push", "campaign", "vow", "pledge", "promise"}
TOPIC_PREPS = {"about", "of", "on", "over", "against", "for"}
"""Verbs of speaking and thinking whose topic, after one of TOPIC_PREPS, is what was said or
thought when it holds a clause ("talked about [raising the levy]", "called for [the council
to publish its bills]"); not a plain noun ("spoke about the weather")."""
INTENTION = {"want", "plan", "vow", "pledge", "promise", "refuse", "expect", "hope", "intend",
             "threaten", "seek", "urge", "decide", "prefer", "offer", "like", "propose", "aim",
             "opt", "wish", "commit", "demand", "decline"}
"""Verbs whose "to …" complement is an attributed intention, wish or decision ("vowed to veto
the bill", "decided to run", "would like to see", "declined to sign the deal")."""
NO_COMMENT = {"comment", "elaborate", "discuss", "speculate", "respond", "answer", "reply",
              "say", "confirm"}
"""What a refusal to speak refuses: "declined to comment" says nothing."""
CHARGES = {"criticize": {"for"}, "criticise": {"for"}, "blame": {"for"}, "praise": {"for"},
           "warn": {"of", "against"}, "push": {"for"}, "advocate": {"for"}}
"""Verbs whose charge, demand or warning is the object of a preposition ("criticised the board
[for ignoring the warnings]", "warned [of a long strike]", "pushed [for a recount]")."""
INDIRECT = (REPORTING | BELIEF | INFERENCE) - {
                        "ask", "call", "describe", "question", "wonder", "post",
                        "continue", "advise", "brief",
                        "threaten", "shout", "whisper",
                        "accuse", "praise",
                        "criticise", "criticize", "condemn", "hail", "brand", "dismiss",
                        "chant", "yell", "scream", "snap", "gush", "beam", "interject"}
CUE_NOUNS = {
    "letter", "statement", "interview", "post", "briefing", "conference", "speech", "email",
    "e-mail", "message", "tweet", "call", "broadcast", "radio", "television", "video",
    "address", "op-ed", "article", "column", "memo", "filing", "report", "hearing", "session",
    "remarks", "podcast", "note", "newspaper", "blog", "book", "testimony", "documentary",
    "programme", "program", "show", "x", "website", "release", "transcript", "appearance",
    "parliament", "debate", "summit", "rally",
} | PLATFORMS
CUE_PREPS = {"in", "on", "at", "during", "via", "through", "to"}
CUE_READERS = CUE_NOUNS | {"reporters", "journalists"}
"""What a cue's preposition may lead to: a medium or occasion ("in a letter", "on X") or the
press ("to reporters")."""

PASSIVE_DEPS = frozenset(get_string_id(d) for d in ("auxpass", "nsubjpass"))
"""The relations of a passive, as hashes (``is_passive`` reads every reporting verb's)."""
GO, PUT = get_string_id("go"), get_string_id("put")
"""Lemmas of "went on" and "put it", as hashes (read for every verb not listed as reporting)."""
RETORTS = frozenset(get_string_id(v) for v in ("fire", "shoot", "hit"))
"""Lemmas of "fired back", "shot back", "hit back", as hashes."""
MAKE = get_string_id("make")
PLAIN = {"clear", "plain"}
MADE_PLAIN = PLAIN | {"point", "case"}
"""What "made it clear", "made plain", "made the point that", "made the case that" make."""


def is_reporting(tok: Token, verbs: set[str] = REPORTING) -> bool:
    if tok.pos not in VERBAL:  # one read: each builds an enum
        return False
    return lemma_of(tok) in verbs or verbs is REPORTING and (
        _went_on(tok) or _put_it(tok) or _retort(tok) or _made_plain(tok))


def _retort(tok: Token) -> bool:
    """"Ruiz fired back that …": a retort reports the words, a firing does not."""
    return tok.lemma in RETORTS and any(c.lower_ == "back" and c.dep_ in {"advmod", "prt"}
                                        for c in tok.children)


def _made_plain(tok: Token) -> bool:
    """"She made it clear that …", "made the point that …": a point made reports the words,
    "made a ghost town of the port" does not."""
    return tok.lemma == MAKE and any(
        c.lower_ in MADE_PLAIN and c.dep_ in {"ccomp", "acomp", "oprd", "dobj", "xcomp"} and
        (c.lower_ in PLAIN or _that_clause(c)) for c in tok.children)


def made_plain_clause(clause: Token, head: Token) -> bool:
    """"She made it clear that he felt …": the clause a point made holds is reported words,
    as a reporting verb's clause is (``clause`` the clause's verb or the "clear" of it)."""
    return head.lemma == MAKE and head.pos in VERBAL and \
        (clause.dep_ == "ccomp" or clause.lower_ in PLAIN) and _made_plain(head)


def _that_clause(noun: Token) -> bool:
    """"The point that …": the point holds a clause ("the case for why …" is a thing argued)."""
    return any(c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" and m.dep_ == "mark"
                                                   for m in c.children) for c in noun.children)


def judging(verb: Token) -> bool:
    """"Ruiz mocked the mayor's “grand vision”": a verb of judging or naming speaks for its
    subject, unless it is the act of someone in another's reported words ("Vale said Ruiz had
    mocked …" is Vale's account)."""
    return is_reporting(verb, QUOTED_JUDGEMENTS) and \
        not any(is_reporting(a) for a in verb.ancestors)


def casts_as(verb: Token, word: Token) -> bool:
    """"defended the remark as “a joke”", "sees the vote as “a coup”": ``word`` lies in the
    "as" phrase of a verb that casts its object as something, which speaks for its subject
    as a verb of judging does; not "used the shed as a “depot”", nor a gerund after a
    preposition, whose subject is left unsaid ("a plan that rests on presenting it as …")."""
    if verb.pos not in VERBAL or lemma_of(verb) not in CASTING or is_passive(verb) or \
            verb.dep_ == "pcomp":
        return False
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                and c.left_edge.i <= word.i <= c.right_edge.i), None)
    return as_ is not None and any(c.dep_ == "dobj" and c.i < as_.i for c in verb.children) \
        and not any(is_reporting(a) for a in verb.ancestors)


def wants(verb: Token, word: Token) -> bool:
    """"seeks “a full refund”", "opposes “any new levy”": ``word`` lies in the object of an
    active verb of wanting or opposing, which speaks for its subject as a verb of judging does;
    not in another's reported words, nor a gerund or relative clause whose subject is unsaid."""
    if verb.pos not in VERBAL or lemma_of(verb) not in WANTS or is_passive(verb) or \
            verb.dep_ in {"pcomp", "relcl", "acl"}:
        return False
    return any(c.dep_ == "dobj" and c.left_edge.i <= word.i <= c.right_edge.i
               for c in verb.children) and not any(is_reporting(a) for a in verb.ancestors)


def _put_it(tok: Token) -> bool:
    """"As Vulture put it, “…”": "as X put it" reports the words."""
    if tok.lemma != PUT:
        return False
    children = list(tok.children)
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in children) and \
        any(c.dep_ == "mark" and c.lower_ == "as" for c in children)


def _went_on(tok: Token) -> bool:
    """"“…,” Ruiz went on.": "go on" reports the words after a quote."""
    return tok.lemma == GO and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) \
        and not any(c.dep_ in {"xcomp", "prep", "dobj"} for c in tok.children)


LEMMA_MEMO = 50_000
"""How many (lemma, word) pairs ``lemma_of`` keeps before starting afresh."""
_lemmas: dict[tuple[int, int], str] = {}


def lemma_of(tok: Token) -> str:
    """``verb_lemma`` of the word, kept by its hashes: every rule asks it of the same verbs."""
    key = (tok.lemma, tok.lower)
    lemma = _lemmas.get(key)
    if lemma is None:
        if len(_lemmas) >= LEMMA_MEMO:
            _lemmas.clear()
        lemma = _lemmas[key] = verb_lemma(tok.lemma_, tok.lower_)
    return lemma


def is_passive(verb: Token) -> bool:
    """"Was criticised for", "was called a liar": the subject is the one spoken of."""
    return any(c.dep in PASSIVE_DEPS for c in verb.children)


def cue_of(verb: Token) -> str | None:
    """How the words reached the reporter: "told Reuters", "in a letter", "on X"."""
    doc = verb.doc
    if verb.lemma_ == "tell":
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"} and child.i > verb.i:
                return doc[verb.i:child.right_edge.i + 1].text
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in CUE_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ in CUE_READERS:
                return _span_text(doc, child)
    return None


def _span_text(doc: Doc, head: Token) -> str:
    end = head.right_edge.i
    while end > head.i and doc[end].is_punct:
        end -= 1
    return doc[head.left_edge.i:end + 1].text
