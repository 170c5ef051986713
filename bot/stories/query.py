"""The topic query language: AND, OR, NOT, parentheses, "phrases", prefix*, entity filters and
the article's source (``source:``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.models import BadInput

FIELDS = {
    "person": ("PERSON",),
    "org": ("ORG",),
    "gpe": ("GPE",),
    "loc": ("LOC",),
    "place": ("GPE", "LOC", "FAC"),
    "norp": ("NORP",),
    "fac": ("FAC",),
    "event": ("EVENT",),
    "product": ("PRODUCT",),
    "law": ("LAW",),
}
SOURCE = "source"
"""The field matched on the article's source name and its address's host, not on its text."""
OPERATORS = ("AND", "OR", "NOT")
MAX_QUERY_CHARS = 1000
MAX_DEPTH = 40
OPENING_QUOTES = "\"“”„«‹"
CLOSING_QUOTES = "\"“”»›"
"""A phrase's quotation marks: straight, curly, low-9 („…“) and guillemets («…», ‹…›)."""
WORD = re.compile(r"[^\s()\"“”„«‹»›:]+")
NAME_WORDS = re.compile(r"[\w][\w'’.-]*")
DEFAULT_SKIP = {"and", "or", "not", "the", "a", "an", "of", "in", "on", "for", "to"}
ORDINARY_MARKS = str.maketrans(dict.fromkeys(",.;:!?\"'“”‘’()[]-–—/", " "))
"""Punctuation a name is written with that says nothing to search for ("Port strike, Rotterdam")."""


NEEDS_A_WORD = "a topic needs at least one word to look for"
EXAMPLE_WORD = "port"
"""The example's word to look for, beside the reader's own word to leave out."""
LEAVE_OUT = "leave words out with AND NOT after what to look for"


class TopicQueryError(BadInput):
    """A topic query cannot be parsed; ``position`` is the 0-based offset of the problem."""

    def __init__(self, message: str, *, query: str, position: int) -> None:
        self.message = message
        self.query = query
        self.position = max(0, min(position, len(query)))
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line saying what and where, then the query with a caret under the problem."""
        head = f"{self.message} (at character {self.position + 1})"
        shown = self.query.replace("\n", " ").replace("\t", " ")
        if len(shown) > 120:
            return head
        return f"{head}\n  {shown}\n  {' ' * self.position}^"


@dataclass(frozen=True)
class Term:
    """A searchable item: ``kind`` is word, prefix or phrase; ``labels`` for entity filters;
    ``of_source`` for ``source:`` (``source`` is the term as the query wrote it)."""

    kind: str
    words: tuple[str, ...]
    source: str
    labels: tuple[str, ...] = ()
    of_source: bool = False


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Term | And | Or | Not


@dataclass(frozen=True)
class Token:
    kind: str  # word, phrase, lparen, rparen, op, field
    value: str
    pos: int


def parse_query(query: str) -> Node:
    """Parse ``query`` or raise TopicQueryError pointing at the problem."""
    if not isinstance(query, str):
        raise TopicQueryError("a query must be text", query="", position=0)
    if len(query) > MAX_QUERY_CHARS:
        raise TopicQueryError(f"a query may be at most {MAX_QUERY_CHARS} characters",
                              query=query, position=MAX_QUERY_CHARS)
    tokens = _tokenise(query)
    if not tokens:
        raise TopicQueryError("the query is empty", query=query, position=0)
    parser = _Parser(query, tokens)
    node = parser.parse_or(depth=0)
    if parser.index < len(tokens):
        token = tokens[parser.index]
        if token.kind == "rparen":
            raise TopicQueryError("unbalanced ')': no '(' opens it", query=query,
                                  position=token.pos)
        raise TopicQueryError(f"unexpected {token.value!r}", query=query, position=token.pos)
    return node


def topic_query(query: str) -> Node:
    """``parse_query`` for a query being typed: one matching nearly every article (``NOT
    strike``, ``strike OR NOT port``) is refused with the words to write instead."""
    node = parse_query(query)
    if (broad := too_broad(node, query)) is not None:
        raise TopicQueryError(broad.refusal(), query=query, position=0)
    return node


@dataclass(frozen=True)
class Broad:
    """Why a query matches nearly every article, and a query written as it meant."""

    why: str
    instead: str
    advice: str = "write what to look for with it"

    def refusal(self) -> str:
        return f"{self.why}: {self.advice}, as in {self.instead}"


def too_broad(node: Node, query: str) -> Broad | None:
    """The one check of add, edit and topic health: a query that matches an article with none
    of its words (only exclusions, or an OR branch that is only a NOT) matches nearly all."""
    if not _matches_without_its_words(node):
        return None
    if not _looks_for(node):
        kept = f"({query.strip()})" if isinstance(node, Or) else query.strip()
        return Broad(f"{NEEDS_A_WORD}; NOT only leaves words out", f"{EXAMPLE_WORD} AND {kept}")
    wide = _wide_or(node)
    looked = [c for c in wide.children if not _matches_without_its_words(c)] if wide else []
    if wide is None or not looked:
        return Broad("the query matches every article without its words, so nearly every article",
                     f"{EXAMPLE_WORD} AND NOT strike", advice=LEAVE_OUT)
    return _or_branch(looked, [c for c in wide.children if _matches_without_its_words(c)])


def _or_branch(looked: list[Node], left: list[Node]) -> Broad:
    """An OR whose ``left`` branches match without their words: they were meant after AND."""
    wanted = Or(tuple(looked)) if len(looked) > 1 else looked[0]
    lacking = query_text(left[0].child, inside=Not) if isinstance(left[0], Not) else "its words"
    return Broad(f"'{query_text(left[0])}' alone matches every article without {lacking}; "
                 "after OR it makes the whole query match nearly every article",
                 query_text(And((wanted, *left))), advice=LEAVE_OUT)


def _matches_without_its_words(node: Node) -> bool:
    """Whether ``node`` matches an article in which none of its terms is found."""
    if isinstance(node, Term):
        return False
    if isinstance(node, Not):
        return not _matches_without_its_words(node.child)
    results = (_matches_without_its_words(child) for child in node.children)
    return any(results) if isinstance(node, Or) else all(results)


def _wide_or(node: Node) -> Or | None:
    """The OR whose branch makes ``node`` match without its words; None under a NOT."""
    if isinstance(node, Or):
        return node
    if isinstance(node, And):
        return _wide_or(node.children[0])
    return None


def query_text(node: Node, *, inside: type | None = None) -> str:
    """``node`` written as a query, every AND or OR inside another in brackets."""
    if isinstance(node, Term):
        return node.source
    if isinstance(node, Not):
        return f"NOT {query_text(node.child, inside=Not)}"
    joint = " AND " if isinstance(node, And) else " OR "
    text = joint.join(query_text(child, inside=type(node)) for child in node.children)
    return f"({text})" if inside is not None else text


def _looks_for(node: Node, *, negated: bool = False) -> bool:
    """A term under no NOT (or an even number of them): a word the query looks for."""
    if isinstance(node, Term):
        return not negated
    if isinstance(node, Not):
        return _looks_for(node.child, negated=not negated)
    return any(_looks_for(child, negated=negated) for child in node.children)


def default_query(name: str) -> str:
    """A sensible query for a topic given only a name: all its words, each required."""
    words = [w for w in NAME_WORDS.findall(name) if w.casefold() not in DEFAULT_SKIP]
    if not words:
        raise TopicQueryError("the topic name has no words to search for", query=name,
                              position=0)
    return " AND ".join(f'"{w}"' if not w.isalnum() else w for w in words)


def unsearched(name: str) -> str:
    """The signs of a name its default query cannot search for ("++" of "C++", "%" of "10%",
    "&" of "AT&T"): the query holds its words alone, so the desk is told, not left to find out
    the topic tracks every "C"."""
    return "".join(NAME_WORDS.sub(" ", name).translate(ORDINARY_MARKS).split())


def positive_terms(node: Node) -> list[Term]:
    """Terms that count towards a match (not under a NOT)."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [t for child in node.children for t in positive_terms(child)]


def _tokenise(query: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char.isspace():
            i += 1
        elif char == "(":
            tokens.append(Token("lparen", char, i))
            i += 1
        elif char == ")":
            tokens.append(Token("rparen", char, i))
            i += 1
        elif char in OPENING_QUOTES:
            i = _phrase(query, i, tokens)
        elif char == ":":
            raise TopicQueryError("':' must follow a field name such as org: or person:",
                                  query=query, position=i)
        else:
            i = _word(query, i, tokens)
    return tokens


def _phrase(query: str, start: int, tokens: list[Token]) -> int:
    end = start + 1
    while end < len(query) and query[end] not in CLOSING_QUOTES:
        end += 1
    if end >= len(query):
        raise TopicQueryError("unclosed quotation mark", query=query, position=start)
    text = query[start + 1:end]
    if not _words(text):
        raise TopicQueryError("empty phrase", query=query, position=start)
    tokens.append(Token("phrase", text, start))
    return end + 1


def _word(query: str, start: int, tokens: list[Token]) -> int:
    match = WORD.match(query, start)
    end = match.end() if match else start + 1
    text = query[start:end]
    if end < len(query) and query[end] == ":":
        if text.casefold() not in FIELDS and text.casefold() != SOURCE:
            known = ", ".join(f"{f}:" for f in (*FIELDS, SOURCE))
            raise TopicQueryError(f"unknown field '{text}:' (known: {known})", query=query,
                                  position=start)
        tokens.append(Token("field", text.casefold(), start))
        return end + 1
    if text.casefold() in ("or", "not") and text not in OPERATORS:
        raise TopicQueryError(f"'{text}' would be searched for as a word: write "
                              f"{text.upper()} for the operator, or quote the words to search "
                              f"for them (\"… {text} …\")", query=query, position=start)
    if "|" in text:
        raise _bar(query, start + text.index("|"))
    _dashed(text, query, start, tokens)
    if text in OPERATORS:
        tokens.append(Token("op", text, start))
    else:
        tokens.append(Token("word", text, start))
    return end


BAR_SIDES = re.compile(r"[^\s()|\"“”]+")


def _bar(query: str, at: int) -> TopicQueryError:
    """A search engine's ``|`` for OR, which a query read as a space (``strike|port`` was the
    phrase "strike port"), refused with the words beside it joined by OR."""
    before = BAR_SIDES.findall(query[:at])
    after = BAR_SIDES.findall(query[at:])
    either = f"{before[-1]} OR {after[0]}" if before and after else f"{EXAMPLE_WORD} OR strike"
    return TopicQueryError(f"'|' is no operator: write OR between the words ({either})",
                           query=query, position=at)


OPTION_DASH = re.compile(r"(?:--|[—–])(?=\w)")
"""A word written as an option: ``--query``, or ``—query`` (a Mac or a phone writes -- as a
dash)."""


def _dashed(text: str, query: str, start: int, tokens: list[Token]) -> None:
    """Refuse a word a dash begins, which the query would search for as a word."""
    if option := OPTION_DASH.match(text):
        word = text[option.end():]
        raise TopicQueryError(f"'{text}' would match {word}: a query is its words alone, with no "
                              f"options (to leave {word} out, write NOT {word} after what to "
                              "look for)", query=query, position=start)
    if len(text) > 1 and text[0] in "-−" and text[1].isalnum():
        hint = (f"{NEEDS_A_WORD}, then NOT before what to leave out: {EXAMPLE_WORD} AND NOT "
                f"{text[1:]}" if not tokens else f"write NOT {text[1:]}")
        raise TopicQueryError(f"'{text}' would match {text[1:]}, not leave it out: {hint}",
                              query=query, position=start)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in re.findall(r"\w+(?:['’.-]\w+)*", text))


class _Parser:
    def __init__(self, query: str, tokens: list[Token]) -> None:
        self.query = query
        self.tokens = tokens
        self.index = 0

    def _peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _fail(self, message: str, token: Token | None) -> TopicQueryError:
        position = token.pos if token else len(self.query)
        return TopicQueryError(message, query=self.query, position=position)

    def parse_or(self, *, depth: int) -> Node:
        children = [self.parse_and(depth=depth)]
        while (token := self._peek()) and token.kind == "op" and token.value == "OR":
            self.index += 1
            if self._peek() is None:
                raise self._fail("'OR' needs something after it", token)
            children.append(self.parse_and(depth=depth))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self, *, depth: int) -> Node:
        children = [self.parse_not(depth=depth)]
        while (token := self._peek()) and not (token.kind == "rparen" or token.value == "OR"
                                               and token.kind == "op"):
            if token.kind == "op" and token.value == "AND":
                self.index += 1
                if self._peek() is None:
                    raise self._fail("'AND' needs something after it", token)
            children.append(self.parse_not(depth=depth))
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_not(self, *, depth: int) -> Node:
        token = self._peek()
        if token and token.kind == "op" and token.value == "NOT":
            self.index += 1
            if self._peek() is None:
                raise self._fail("'NOT' needs something after it", token)
            if depth > MAX_DEPTH:
                raise self._fail("the query is nested too deeply", token)
            return Not(self.parse_not(depth=depth + 1))
        return self.parse_atom(depth=depth)

    def parse_atom(self, *, depth: int) -> Node:
        token = self._peek()
        if token is None:
            raise self._fail("the query ends where a search term was expected", None)
        if token.kind == "lparen":
            return self._group(token, depth)
        if token.kind == "rparen":
            raise self._fail("unbalanced ')' or nothing before it", token)
        if token.kind == "op":
            raise self._fail(f"'{token.value}' needs a search term before it", token)
        self.index += 1
        if token.kind == "field":
            return self._field(token)
        return self._term(token, labels=())

    def _group(self, token: Token, depth: int) -> Node:
        if depth >= MAX_DEPTH:
            raise self._fail("the query is nested too deeply", token)
        self.index += 1
        if (nxt := self._peek()) and nxt.kind == "rparen":
            raise self._fail("empty parentheses", token)
        node = self.parse_or(depth=depth + 1)
        closing = self._peek()
        if closing is None or closing.kind != "rparen":
            raise self._fail("unbalanced '(': no ')' closes it", token)
        self.index += 1
        return node

    def _field(self, token: Token) -> Term:
        value = self._peek()
        if value is None or value.kind not in ("word", "phrase"):
            example = " (source:Reuters, source:\"Daily Example\")" if token.value == SOURCE else ""
            raise self._fail(f"'{token.value}:' needs a name after it{example}", value or token)
        self.index += 1
        term = self._term(value, labels=FIELDS.get(token.value, ()), field=token.value)
        return replace(term, of_source=token.value == SOURCE)

    def _term(self, token: Token, *, labels: tuple[str, ...], field: str = "") -> Term:
        prefix = f"{field}:" if field else ""
        if token.kind == "phrase":
            return Term("phrase", _words(token.value), f'{prefix}"{token.value}"', labels)
        text = token.value
        if text.endswith("*"):
            stem = _words(text.rstrip("*"))
            if len(stem) != 1 or "*" in text.rstrip("*") or len(stem[0]) < 2:
                raise self._fail("a prefix needs at least two letters before '*'", token)
            return Term("prefix", stem, prefix + text, labels)
        words = _words(text)
        if not words:
            raise self._fail(f"{text!r} has no letters or digits to search for", token)
        kind = "word" if len(words) == 1 else "phrase"
        return Term(kind, words, prefix + text, labels)
