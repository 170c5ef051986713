"""Linking quoted words to the reporting verb that introduces them, and that verb's subject."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Token

from bot.nlp.speakers.words import verb_lemma

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
    "remember", "press", "interrupt", "echo", "marvel", "sigh", "opine",
}
BELIEF = {"know", "hope", "fear", "expect", "feel", "worry", "doubt", "learn", "recognize",
          "recognise", "realize", "realise", "understand", "find", "show", "want", "assume",
          "figure", "guess", "reckon", "suspect", "acknowledge"}
"""Verbs of knowing, believing, finding and wanting: their clause is attributed to the subject
("the poll found that …", "she hopes that …"), though it is not speech."""
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
STANCES = {"sure", "certain", "confident", "convinced", "hopeful", "optimistic", "pessimistic",
           "skeptical", "concerned", "worried", "fearful", "aware", "adamant", "upset", "glad",
           "proud", "eager", "keen", "reluctant", "determined"}
"""Adjectives of belief, feeling and will whose clause is the subject's ("is confident [that
the pier will reopen]", "is eager [to sign the deal]"); the "to …" clause only for EAGER,
since "is sure to …" is the writer's forecast."""
EAGER = {"eager", "keen", "reluctant", "determined"}
NAMING = {"call", "label", "brand", "deem", "dub", "pronounce"}
"""Verbs that name or judge their object ("called [the mayor a liar]"): the object and what
it was called are the words, as when the name is quoted (statements.py)."""
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
                        "ask", "call", "describe", "question", "wonder", "post", "tweet",
                        "continue", "disagree", "demand", "advise", "brief",
                        "recommend", "urge", "threaten", "joke", "quip", "shout", "whisper",
                        "scoff", "plead", "accuse", "praise",
                        "criticise", "criticize", "condemn", "hail", "brand", "dismiss",
                        "chant", "yell", "scream", "snap", "gush", "beam", "interject"}
CUE_NOUNS = {
    "letter", "statement", "interview", "post", "briefing", "conference", "speech", "email",
    "e-mail", "message", "tweet", "call", "broadcast", "radio", "television", "video",
    "address", "op-ed", "article", "column", "memo", "filing", "report", "hearing", "session",
    "remarks", "podcast", "note", "newspaper", "blog", "book", "testimony", "documentary",
    "programme", "program", "show", "x", "twitter", "facebook", "telegram", "instagram",
    "website", "release", "transcript", "appearance", "parliament", "debate", "summit", "rally",
}
CUE_PREPS = {"in", "on", "at", "during", "via", "through", "to"}
TERMINALS = {".", "!", "?", ";"}
NEAR_WORDS = 10
PHRASE_POS = {"PROPN", "NOUN", "DET", "ADJ", "PART", "NUM"}
WORDED = {"read"}
"""Verbs that report words only right after them, inverted: "“…,” reads the sign."""
VIEW_NOUNS = {"view", "opinion", "words", "estimation", "telling", "judgment", "judgement"}
""""In Ruiz's view, …": the owner of the view speaks."""
REPORTER_DEPS = {"advcl"}
SET_OFF_WORDS = 30
NOMINAL = {"PROPN", "NOUN", "PRON"}
NOT_SUBJECTS = {"ADP", "ADV", "SCONJ", "CCONJ", "PUNCT", "DET", "PART"}
"""Parts of speech the parser sometimes calls a subject ("Of Carson, Levine said")."""


@dataclass(frozen=True)
class Attribution:
    """The verb that reports some words, its subject token, and how the words reached us."""

    verb: Token
    subject: Token | None
    cue: str | None


def subject_of(verb: Token, quoted: set[int], *, in_paragraph: bool = False) -> Token | None:
    """The verb's subject; for "adding"/"saying" or a relative clause, the governing subject
    (``in_paragraph``: never from a verb of another paragraph)."""
    seen = 0
    kinds = {"nsubj"}
    while seen < 4:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in kinds and c.i not in quoted
                    and c.pos_ not in NOT_SUBJECTS]
        inserted = _inserted_speaker(verb) if seen == 1 else None
        if inserted is not None:
            return inserted
        if subjects:
            subject = _named_descriptor(min(subjects, key=lambda c: abs(verb.i - c.i)), verb)
            subject = _person_before_verb(subject, verb)
            if subject.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "relcl":
            return verb.head
        stray = _stray_subject(verb, quoted)
        if stray is not None:
            return stray
        outer = _reporter(verb, quoted) if seen == 1 else None
        if outer is not None:
            verb = outer
            continue
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp", "parataxis"} and verb.head != verb:
            if in_paragraph and _in_next_paragraph(verb, verb.head):
                return None
            # "Officials were angered by the deal and predicted …": a conjoined verb shares
            # its head's subject, passive or not.
            # "X was prompted to say …": the one asked, made or forced to speak speaks.
            kinds = {"nsubj", "nsubjpass"} if verb.dep_ in {"conj", "xcomp"} else {"nsubj"}
            controller = _object_control(verb, quoted)
            if controller is not None:
                return controller
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head
            continue
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp":  # "voters are likely to say …"
            verb = verb.head
            continue
        return None
    return None


def _in_next_paragraph(verb: Token, head: Token) -> bool:
    """"“…,” says Myra Ruiz.\n\nThe paradox, says Carl Ivers, …": the parser hung the first
    "says" off a verb of the next paragraph, whose subject is not its speaker."""
    doc = verb.doc
    return any(doc[i].is_space and "\n\n" in doc[i].text for i in range(verb.i + 1, head.i))


def _inserted_speaker(verb: Token) -> Token | None:
    """"And Trump, said Sunshine, who …, doesn't forgive": a reporting verb set in the
    sentence between commas with the name after it; the parser made the name the subject of
    the reported clause and the words before the comma the verb's subject."""
    doc = verb.doc
    if verb.i < 1 or verb.i + 1 >= len(doc) or doc[verb.i - 1].text != "," or \
            doc[verb.i + 1].pos_ != "PROPN" or not is_reporting(verb):
        return None
    name = doc[verb.i + 1]
    while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
        name = name.head
    after = doc[name.i + 1] if name.i + 1 < len(doc) else None
    reported = name.head
    if name.dep_ != "nsubj" or reported.dep_ != "ccomp" or reported.head != verb or \
            after is None or after.text != ",":
        return None
    return name


def _object_control(verb: Token, quoted: set[int]) -> Token | None:
    """"The timing led Republicans to say …", "pushed the candidates to speak about …": the
    object of the verb a "to" clause completes is who speaks."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
               and c.i not in quoted and c.pos_ in {"PROPN", "NOUN", "PRON"}]
    return objects[-1] if objects else None


def _reporter(verb: Token, quoted: set[int]) -> Token | None:
    """"Ruiz said the plan reminds her of …, adding …": a reporting verb hung off a verb of
    someone's reported clause goes on with the reporter, not with the clause's subject."""
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and is_reporting(head.head) and \
            (lemma_of(verb) == "add" or lemma_of(verb) == lemma_of(head.head)) and \
            head.head.i not in quoted:
        return head.head  # "said it was too early … but added", "said … and said"
    if verb.dep_ not in REPORTER_DEPS or not is_reporting(verb, REPORTING | BELIEF | INFERENCE):
        return None
    reporter = None
    if head.dep_ == "ccomp" and is_reporting(head.head):
        reporter = head.head
    elif head.dep_ == "acl" and head.head.dep_ == "dobj" and \
            is_reporting(head.head.head, REPORTING | STATED_OBJECTS):
        reporter = head.head.head  # "dismissed claims that the firm is …, saying …"
    return reporter if reporter is not None and reporter.i not in quoted else None


def _person_before_verb(subject: Token, verb: Token) -> Token:
    """"CLEVELAND — Former Attorney General Ana Ruiz told …", "Saturday at the convention Sen.
    Ana Ruiz said …": the parser made the dateline or the time the subject, and hung the
    person named right before the verb off it in apposition."""
    if subject.ent_type_ == "PERSON" or subject.i > verb.i:
        return subject
    for token in subject.subtree:
        if token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.i != subject.i and \
                token.right_edge.i == verb.i - 1:
            return token
    return subject


def _named_descriptor(subject: Token, verb: Token) -> Token:
    """"Online retailer Kartly said": the parser made the descriptor the subject, the name stray."""
    following = subject.doc[subject.i + 1] if subject.i + 1 < len(subject.doc) else None
    if subject.pos_ == "NOUN" and following is not None and following.pos_ == "PROPN" and \
            following.head == verb and following.dep_ in {"advmod", "npadvmod", "dep", "nsubj"}:
        return following
    return subject


def _stray_subject(verb: Token, quoted: set[int]) -> Token | None:
    """A name the parser hung off the verb in the wrong role ("asked leader Marta Kowalski")."""
    for child in verb.children:
        if child.i in quoted or child.pos_ != "PROPN":
            continue
        if child.dep_ in {"dobj", "attr"} and child.i == verb.right_edge.i - 1 or \
                child.dep_ in {"advmod", "npadvmod", "dep"} and child.i < verb.i:
            return child
        if child.dep_ == "dobj" and verb.lemma_ in {"ask", "add", "say", "write"}:
            return child
    return None


def according_to(tokens: list[Token]) -> Token | None:
    """The X in "according to X" or "in X's view", if the tokens hold one."""
    for tok in tokens:
        if tok.lower_ in VIEW_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if owners:
                return owners[0]
        if tok.lower_ == "according":
            for child in list(tok.children) + list(tok.rights):
                if child.lower_ == "to":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                objects = [c for c in nxt.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


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
            if objects and objects[0].lower_ in CUE_NOUNS | {"reporters", "journalists"}:
                return _span_text(doc, child)
    return None


def _span_text(doc: Doc, head: Token) -> str:
    end = head.right_edge.i
    while end > head.i and doc[end].is_punct:
        end -= 1
    return doc[head.left_edge.i:end + 1].text


def is_reporting(tok: Token, verbs: set[str] = REPORTING) -> bool:
    if tok.pos != VERB and tok.pos != AUX:
        return False
    return lemma_of(tok) in verbs or verbs is REPORTING and (_went_on(tok) or _put_it(tok))


def _put_it(tok: Token) -> bool:
    """"As Vulture put it, “…”": "as X put it" reports the words."""
    if tok.lemma_ != "put":
        return False
    children = list(tok.children)
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in children) and \
        any(c.dep_ == "mark" and c.lower_ == "as" for c in children)


def _went_on(tok: Token) -> bool:
    """"“…,” Ruiz went on.": "go on" reports the words after a quote."""
    return tok.lemma_ == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) \
        and not any(c.dep_ in {"xcomp", "prep", "dobj"} for c in tok.children)


def lemma_of(tok: Token) -> str:
    return verb_lemma(tok.lemma_, tok.lower_)


def attribution_from(tokens: list[Token], quoted: set[int], *, last: bool,
                     in_paragraph: bool = True) -> Attribution | None:
    """The nearest reporting verb (or "according to") among tokens outside the quote
    (``in_paragraph``: its subject never from a verb of the next paragraph)."""
    source = according_to(tokens)
    if source is not None:
        return Attribution(source.head, source, None)
    colon = tokens[-1] if tokens and tokens[-1].text == ":" else None
    if colon is not None and colon.head.pos_ == "VERB" and colon.head.i not in quoted:
        subject = _chained_subject(colon.head, quoted)  # "When X suggested …, Ruiz fired back: “…”"
        if subject is not None and subject.pos_ == "PROPN":
            return Attribution(colon.head, subject, cue_of(colon.head))
    verbs = [t for t in tokens if is_reporting(t)]
    main = _main_over(tokens, verbs, quoted) if last else None
    if main is not None:
        return main
    introduced = not verbs and colon is not None
    if introduced:
        colon = tokens[-1]
        own = [t for t in tokens if t.pos_ == "VERB" and t.i not in quoted][-1:]
        verbs = [colon.head] * (colon.head.pos_ == "VERB") + own  # "Ruiz fired back: “…”"
    ordered = list(reversed(verbs)) if last else verbs
    tried: list[Token] = []
    for verb in ordered:
        if not last and any(t.is_ancestor(verb) for t in tried):
            continue  # "“…,” Ruiz, …, said when Boyle asked her": not the clause's verb
        subject = subject_of(verb, quoted, in_paragraph=in_paragraph)
        if subject is not None and (not introduced or _named(subject)):
            return Attribution(verb, subject, cue_of(verb))
        tried.append(verb)
    return None


def _chained_subject(verb: Token, quoted: set[int]) -> Token | None:
    """The subject of a verb, or of the verbs it is chained to ("Ruiz gestured …, then leaned
    in and boomed:", the parser hanging "leaned" off "gestured" with no label)."""
    subject = subject_of(verb, quoted)
    seen = 0
    while subject is None and verb.dep_ in {"conj", "dep"} and verb.head.pos_ == "VERB" and \
            verb.head.i < verb.i and seen < 3:
        verb, seen = verb.head, seen + 1
        subject = subject_of(verb, quoted)
    return subject


def _main_over(tokens: list[Token], verbs: list[Token], quoted: set[int]) -> Attribution | None:
    """"After Brown criticised Clinton in a debate, Hillary shot back, “…”": the comma before
    the quote hangs from the main verb, which has a named subject; the reporting verbs before
    it are in its subordinate clause."""
    comma = tokens[-1] if tokens and tokens[-1].text == "," else None
    if comma is None or not verbs or comma.head.pos_ != "VERB" or comma.head.i in quoted or \
            is_reporting(comma.head):
        return None
    main = comma.head
    if not all(v.i < main.i and main.is_ancestor(v) and _subordinate(v, main) for v in verbs):
        return None
    subject = subject_of(main, quoted)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return Attribution(main, subject, cue_of(main))


def _subordinate(verb: Token, main: Token) -> bool:
    """The verb is in an adverbial clause of ``main`` ("After X said …, Y …")."""
    while verb.head.i != main.i and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl"


def _named(subject: Token) -> bool:
    """A name, a pronoun or a named author's document ("Hoff's letter"), not "The rationale"."""
    return subject.pos_ in {"PROPN", "PRON"} or any(
        c.dep_ == "poss" and c.pos_ == "PROPN" for c in subject.children)


def is_passive(verb: Token) -> bool:
    """"Was criticised for", "was called a liar": the subject is the one spoken of."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def surface_attribution(tokens: list[Token], quoted: set[int]) -> Attribution | None:
    """The words after a quote read as "[Name …] verb" or "verb [Name]" when the parse gave
    the verb no subject ("“…,” Ramos, 58, told AFP", "“…!” beamed Ana Ruiz of Leeds")."""
    words = [t for t in tokens[:NEAR_WORDS] if t.i not in quoted]
    verb = next((t for t in words if is_reporting(t)), None)
    first = next((t for t in words if not t.is_punct and not t.is_space), None)
    if verb is None and first is not None and first.lemma_ in WORDED and first.pos_ == "VERB":
        verb = first  # "“…,” reads an editorial in the Register."
    if verb is None:
        return _set_off_attribution(tokens, quoted)
    if is_passive(verb):
        return None
    before = [t for t in words if t.i < verb.i and t.pos_ in NOMINAL]
    after = [t for t in words if t.i > verb.i and t.pos_ in {"PROPN", "NOUN"}]
    if before:
        subject = _phrase_head(before[0], verb.i)
    elif after and not any(t.pos_ == "ADP" for t in words if verb.i < t.i < after[0].i):
        subject = _phrase_head(after[0], NEAR_WORDS + verb.i)
    else:
        return None
    if subject.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}:
        return None
    return Attribution(verb, subject, cue_of(verb))


def _set_off_attribution(tokens: list[Token], quoted: set[int]) -> Attribution | None:
    """"“…,” William Daley, the president's former chief of staff, said": a name, then a
    description set off by commas too long for the near words, then the reporting verb."""
    words = [t for t in tokens[:SET_OFF_WORDS] if t.i not in quoted and not t.is_space]
    comma = next((i for i, t in enumerate(words) if t.text == ","), None)
    if comma is None or not 0 < comma <= 5 or words[0].pos_ not in {"PROPN", "NOUN", "DET"} or \
            any(t.pos_ in {"VERB", "AUX"} for t in words[:comma]) or \
            not any(t.pos_ in {"PROPN", "NOUN"} for t in words[:comma]):
        return None
    for i in range(comma + 2, len(words)):
        verb = words[i]
        if words[i - 1].text == "," and is_reporting(verb) and not is_passive(verb):
            subject = _phrase_head(words[0], words[comma].i)
            return Attribution(verb, subject, cue_of(verb))
    return None


def lead_in_attribution(tokens: list[Token], quoted: set[int]) -> Attribution | None:
    """The words before a quote read as "Name[, aside,] verb," when the parse gave the verb no
    subject ("Post columnist Ana Ruiz, in an attempt to …, wrote, “…”")."""
    words = [t for t in tokens if t.i not in quoted and not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 2 or not is_reporting(words[-1]) or is_passive(words[-1]):
        return None
    verb = words[-1]
    found = _set_off_attribution(words, quoted)
    if found is not None and found.verb == verb:
        return found
    phrase = words[:-1]
    if all(t.pos_ in PHRASE_POS for t in phrase) and any(t.pos_ == "PROPN" for t in phrase):
        return Attribution(verb, _phrase_head(phrase[0], verb.i), cue_of(verb))
    return None


def _phrase_head(token: Token, limit: int) -> Token:
    """From a phrase's first word to its head ("Texas delegate Bill Eastland" -> the name)."""
    while token.head.i != token.i and token.head.i < limit and \
            token.dep_ in {"compound", "poss", "case", "amod", "det", "nmod", "flat"}:
        token = token.head
    return token


def region_after(doc: Doc, index: int, quoted: set[int], stop: int) -> list[Token]:
    """Unquoted tokens after a closing mark, up to the next quote, sentence end or paragraph end."""
    tokens = []
    i = index
    while i < len(doc) and doc[i].idx < stop and i not in quoted:
        tokens.append(doc[i])
        if doc[i].text in TERMINALS:
            break
        i += 1
    return tokens


def region_before(doc: Doc, index: int, quoted: set[int], start: int) -> list[Token]:
    """Unquoted tokens before an opening mark, back to the previous quote or sentence end."""
    tokens: list[Token] = []
    i = index
    while i >= 0 and doc[i].idx >= start and i not in quoted and doc[i].text not in TERMINALS:
        if tokens or not doc[i].is_space:  # "resisted:  “…”": spaces before the mark
            tokens.append(doc[i])
        i -= 1
    return list(reversed(tokens))
