"""Word lists that tell a speaker's kind, gender and role from the words around a name."""

from __future__ import annotations

from bot.ingest.possessive import POSSESSIVE_S as POSSESSIVE_S
from bot.ingest.possessive import without_possessive as without_possessive

HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "ms": "f", "ms.": "f",
              "mrs": "f", "mrs.": "f", "miss": "f", "lady": "f", "dame": "f"}
TITLE_WORDS = {
    "dr", "prof", "gen", "col", "sen", "rep", "gov", "capt", "lt", "sgt", "president", "minister",
    "secretary", "senator", "governor", "mayor", "judge", "justice", "chancellor", "premier",
    "chairman", "chairwoman", "chair", "chief", "director", "manager", "coach", "captain",
    "general", "colonel", "commander", "officer", "inspector", "detective", "sergeant",
    "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "professor", "doctor",
    "farmer", "lawyer", "attorney", "prosecutor", "economist", "analyst", "scientist", "bishop",
    "father", "pope", "king", "queen", "prince", "princess", "sheikh", "emir", "rabbi", "imam",
    "deputy", "vice", "former", "acting", "leader", "executive", "ceo", "founder", "owner",
    "star", "striker", "goalkeeper", "player", "champion", "singer", "actor", "actress",
    "author", "editor", "reporter", "councillor", "councilor", "commissioner", "speaker",
    "representative", "congressman", "congresswoman", "mp", "lord", "lady", "sir", "dame",
    "candidate", "nominee", "activist", "campaigner", "resident", "witness", "worker", "teacher",
    "nurse", "engineer", "researcher", "historian", "chef", "architect", "pilot", "driver",
    "headteacher", "headmaster", "headmistress", "superintendent", "constable", "sheriff",
    "marshal", "admiral", "lieutenant", "corporal", "commodore", "brigadier", "treasurer",
    "alderman", "reverend", "rev", "pastor", "cardinal", "archbishop", "coroner", "magistrate",
    "barrister", "solicitor", "auditor", "surgeon", "paramedic", "firefighter", "warden",
    "provost", "rector", "vicar", "sen.", "rep.", "gov.", "dr.", "prof.", "gen.", "col.",
    "capt.", "lt.", "sgt.", "supt", "insp", "det", "cllr", "conductor", "composer",
    "photographer", "director-general", "secretary-general", "skipper", "midfielder",
    "defender", "winger", "batsman", "bowler", "substitute", "challenger", "incumbent",
    "assemblyman", "assemblywoman", "assemblymember", "councilman", "councilwoman",
    "councilmember", "whip",
}
GENDERED_NOUNS = {
    "m": {"spokesman", "chairman", "businessman", "congressman", "father", "husband", "son",
          "brother", "king", "prince", "uncle", "boy", "man", "grandfather", "nephew"},
    "f": {"spokeswoman", "chairwoman", "businesswoman", "congresswoman", "mother", "wife",
          "daughter", "sister", "queen", "princess", "aunt", "girl", "woman", "actress",
          "grandmother", "niece", "duchess"},
}
PLACE_WORDS = {"county", "street", "road", "avenue", "square", "park", "hall", "center",
               "centre", "tower", "building", "plaza", "arena", "stadium", "field", "station",
               "airport", "bridge", "river", "island", "valley", "city", "town", "district"}
"""Last words of a place or building's name ("Halden's Murray Hall"), never a surname here."""
KIN = {"father", "mother", "husband", "wife", "son", "daughter", "brother", "sister", "uncle",
       "aunt", "nephew", "niece", "cousin", "grandfather", "grandmother", "grandson",
       "granddaughter", "widow", "widower", "stepson", "stepdaughter"}
"""Family words: "Ruiz's daughter, Lena Ruiz" is not whom "Ruiz" alone means."""
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
PLURAL_PRONOUNS = {"they", "them", "their"}
ORG_PRONOUNS = {"it", "its"}
ORG_NOUNS = {
    "ministry", "government", "company", "agency", "department", "office", "police", "army",
    "military", "council", "committee", "court", "bank", "group", "firm", "union", "party",
    "commission", "administration", "alliance", "embassy", "parliament", "cabinet", "board",
    "authority", "authorities", "regulator", "airline", "club", "team", "organisation",
    "organization", "campaign", "coalition", "university", "hospital", "school", "service",
    "kremlin", "pentagon", "statement", "spokesperson's office", "operator", "insurer", "network",
    "newspaper", "broadcaster", "prosecutor's office", "federation", "league", "institute",
    "foundation", "charity", "association", "senate", "house", "congress", "panel",
}
RECENT_CHARS = 600
ACTING = {"nsubj", "nsubjpass", "poss", "appos"}
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Verb tags of a clause with its own tense (past, present, modal)."""
COMPANY_ROLES = {"owner", "founder", "champion", "leader", "star", "player", "operator"}
WEAK_TITLES = {"dr", "prof", "mr", "ms", "mrs", "miss", "sir", "dame", "lord", "lady", "rev"}
COMPANY_NOUNS = {"company", "firm", "group", "airline", "operator", "insurer", "carmaker",
                 "retailer", "bank", "lender", "maker", "manufacturer", "producer", "developer",
                 "supplier", "chain", "brand", "business", "startup", "miner", "carrier"}
PUBLIC_BODIES = {"court", "university", "college", "school", "department", "agency", "ministry",
                 "council", "commission", "senate", "house", "congress", "government",
                 "administration", "parliament", "assembly", "office", "police", "army", "navy",
                 "bureau", "embassy", "legislature"}
"""Last words of a public body's name: never what news calls "the company" or "the group"."""
AGENCIES = {"agency", "bureau", "department", "office", "service", "administration",
            "commission", "ministry"}
"""What news calls a government agency it has named ("the agency", "the department")."""
INSTITUTIONS = PUBLIC_BODIES | {"committee", "party", "caucus", "campaign"}
"""Last words of an institution's name: never what news calls "the company" or "the firm"."""
GOVERNMENTS = {"government", "regime"}
"""What a country's rulers are called when named by their nationality ("the Mexican government")."""
INDEFINITE = {"a", "an", "some", "several", "many", "two", "three", "four", "five", "one"}
NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens"}
COLLECTIVE = {"police", "authorities", "military", "government"}
DOCUMENT_NOUNS = {"letter", "statement", "post", "tweet", "email", "memo", "note", "message",
                  "speech", "report", "filing", "submission", "testimony", "op-ed", "column"}
PUBLICATIONS = {"newspaper", "paper", "publication", "outlet", "tabloid", "magazine", "network",
                "broadcaster", "channel", "website", "site", "daily", "weekly", "journal"}
"""What news calls a newspaper, broadcaster or site it has named ("the paper said")."""
NEWSROOM_STAFF = {"editor", "publisher", "editorial", "columnist", "newsroom"}
"""Who works for a paper: "the editors of X", "X's publisher" name X as a news medium."""
PERIODICALS = {"post", "times", "journal", "news", "tribune", "herald", "gazette", "review",
               "magazine", "register", "globe", "telegraph", "guardian", "observer", "chronicle",
               "examiner", "inquirer", "standard", "daily", "weekly", "press", "courier",
               "bulletin", "dispatch", "mirror", "express", "independent", "monitor",
               "sentinel", "radio", "tv", "television", "network", "broadcasting"}
"""Last words of a periodical's or broadcaster's name ("The Northfield Post")."""
REMARKS = {"remark", "comment", "communication", "word", "answer", "response", "reply",
           "rhetoric"}
"""Someone's words as a subject ("his remarks suggest"): the owner speaks."""
ACCOUNTS = {"account", "feed", "page", "profile", "handle", "blog", "channel", "timeline"}
"""Where someone posts ("her Twitter account"): what it says, its owner says."""
PIECES = frozenset({"article", "story", "piece", "column", "op-ed", "editorial", "report"})
"""What a paper runs: "an article in the Ledger", "the Ledger ran a piece" are the paper's."""
ISSUED_NOUNS = DOCUMENT_NOUNS | PIECES | {
    "poll", "survey", "study", "analysis", "ad", "advert", "advertisement", "commercial",
    "result", "finding", "research", "paper", "review", "release", "website",
    "video", "audit", "lawsuit", "suit", "complaint"}
"""Things an organisation or person issues, which speak for whoever issued them."""
SPEAKING_THINGS = {
    "bill", "law", "act", "rule", "measure", "proposal", "plan", "policy", "order", "agreement",
    "deal", "treaty", "contract", "lawsuit", "suit", "complaint", "ruling", "decision",
    "verdict", "judgment", "guidance", "regulation", "legislation", "amendment", "document",
    "book", "film", "movie", "song", "page", "sign", "card", "label", "program", "programme",
    "budget", "index", "model", "forecast", "estimate", "platform", "manifesto", "resolution",
    "indictment", "warrant", "motion", "petition", "application", "constitution",
}
"""Things that "say" in news ("the revised bill says"): never a description of a person."""
FINDINGS = {"result", "finding", "number", "figure", "data"}
"""What a poll or study gives: "the results" speak for the poll the article names."""
STATEMENTS = {"statement", "release", "email", "memo", "letter", "message", "note"}
"""What an organisation puts out when it answers: "the statement said" means the one that spoke."""
SURVEYS = {"poll", "survey", "study", "analysis", "research", "report", "audit", "review"}
ISSUER_PREPS = {"by", "from"}
ISSUING_VERBS = {"release", "issue", "conduct", "publish", "commission", "post", "send", "run",
                 "air", "launch", "sponsor", "unveil", "produce", "put", "file", "sign", "pay",
                 "cut", "field", "circulate", "distribute", "email", "tweet", "write"}
"""Verbs whose subject issued their object ("the campaign released an ad")."""
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
ARTICLES = frozenset({"the", "a", "an"})
"""Words that open a role or a body's name capitalised without being part of what it names
("The senator from Vermont", "The Tide Collective")."""
UNTYPED_LABELS = {"WORK_OF_ART"}
"""Entity labels a body's name may wrongly get ("Black Lives Matter" as a work of art)."""
NP_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "prep",
           "acl", "advmod", "predet", "npadvmod"}
ROLE_PREPOSITIONS = {"of", "for", "at", "in", "to", "from", "with", "on", "who", "and"}
"""Words after which a role as written no longer names the title ("governor of Ohio")."""
ROLE_DEPS = {"amod", "compound", "nmod", "poss", "case", "npadvmod"}
DESCRIBED_PEOPLE = {
    "billionaire", "tycoon", "magnate", "mogul", "businessman", "businesswoman", "millionaire",
    "frontrunner", "front-runner", "hopeful", "contender", "rival", "opponent", "politician",
    "lawmaker", "legislator", "republican", "democrat", "conservative", "liberal", "progressive",
    "populist", "socialist", "host", "anchor", "moderator", "comedian", "celebrity",
    "entrepreneur", "investor", "developer", "veteran", "lawman", "defendant", "plaintiff",
    "victim", "suspect", "journalist", "commentator", "columnist", "pundit", "strategist",
    "pollster", "governor-elect", "president-elect", "nominee-elect", "filmmaker", "rapper",
    "musician", "novelist", "playwright", "poet", "artist", "designer", "screenwriter",
    "ally", "predecessor", "successor", "protege", "protégé", "mentor", "confidant",
    "confidante",
}
UNNAMED_SOURCES = {
    "official", "source", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser",
    "advisor", "person", "man", "woman", "resident", "witness", "voter", "analyst", "expert",
    "observer", "insider", "staffer", "worker", "employee", "member", "supporter", "critic",
    "protester", "participant", "attendee", "delegate", "student", "officer", "agent",
}
POSITION_VERBS = {
    "organise": "organiser", "organize": "organizer", "run": "", "chair": "chair",
    "lead": "leader", "head": "head", "manage": "manager", "direct": "director", "own": "owner",
    "edit": "editor", "represent": "representative", "coach": "coach", "teach": "teacher",
    "oversee": "", "advise": "adviser", "supervise": "supervisor", "co-chair": "co-chair",
    "co-own": "co-owner",
}
"""Verbs of a position held, in "Roe, who chairs the committee": a "who" clause that is a role;
each with the title its holder is then called ("the committee's chair"), if any."""
ACQUAINTANCES = {
    "friend", "colleague", "classmate", "schoolmate", "roommate", "housemate", "flatmate",
    "teammate", "neighbor", "neighbour", "coworker", "co-worker", "boss", "girlfriend",
    "boyfriend", "fiance", "fiancé", "fiancée", "acquaintance", "pal", "buddy",
}
"""Whom someone knows ("his friend at …", "a neighbour"): only a person is one, though no job
or title; never the one whose friend it is."""
JOB_WORDS = DESCRIBED_PEOPLE | UNNAMED_SOURCES
"""What someone is or does ("comedian", "aide"): before a name, never a word of it."""
MISREAD_LEMMAS = {"hop": ("hope", "pp")}
"""Lemmas the small English model gets wrong for a reporting verb ("hoped" -> "hop"), with the
spelling of the verb it really is the lemma of ("hopped")."""

PLURAL_TAGS = {"NNS", "NNPS"}
SHARES = {"PERCENT", "CARDINAL"}
"""Entity types of a noun that can be a share of people ("half", "two-thirds", "percent"): a
group no one named."""


def verb_lemma(lemma: str, lower: str) -> str:
    """The lemma, lower-cased, put right where the model misreads it."""
    lemma = lemma.lower()
    fixed, real = MISREAD_LEMMAS.get(lemma, (lemma, ""))
    return lemma if real in lower else fixed


PLATFORMS = {"twitter", "facebook", "telegram", "instagram", "youtube", "tiktok", "snapchat",
             "reddit", "linkedin", "whatsapp", "periscope", "tumblr", "weibo", "wechat"}
"""Where people post: a medium someone speaks on ("wrote on Twitter"), never a person."""

CALENDAR_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}
"""Days and months: capitalised like names, never a person when they stand alone."""
HEADLINE_WORDS = 15
"""Words of four letters or more a headline holds at most."""
HEADLINE_CHARS = 160
"""Characters a headline's line holds at most."""
PUNCTUATION = ".,;:!?\"'“”‘’()[]—–-"
"""What a word of a line may be wrapped in."""

ABBREVIATED_TITLES = {
    "sen": "senator", "rep": "representative", "gov": "governor", "lt": "lieutenant",
    "gen": "general", "col": "colonel", "capt": "captain", "sgt": "sergeant", "adm": "admiral",
    "maj": "major", "cmdr": "commander", "cpl": "corporal", "pvt": "private",
    "prof": "professor", "atty": "attorney", "supt": "superintendent", "insp": "inspector",
    "det": "detective", "cllr": "councillor", "sec": "secretary", "amb": "ambassador",
    "pres": "president", "asst": "assistant", "ag": "attorney general",
}
"""A title as abbreviated before a name ("Sen. Ana Ruiz"), as a desk writes it after the name."""
TITLE_MODIFIERS = {
    "former", "acting", "vice", "retired", "interim", "incoming", "outgoing", "then", "late",
    "ex", "current", "senior", "junior", "first", "prime", "majority", "minority", "elect",
    "designate", "rear", "assistant", "associate",
}
"""Words that qualify a title ("former", "vice") but are never a role on their own."""
SECOND_RANK = {"vice", "deputy", "assistant", "associate"}
"""Words that make a title someone else's second ("vice president" is no "president")."""
HANDLE_MARK = "@"
"""What a social-media handle starts with ("@ana_ruiz"): never a role."""
PARTY_ADJECTIVES = {"R": "Republican", "D": "Democratic", "I": "independent"}
PARTY_NOUNS = {"R": "Republican", "D": "Democrat", "I": "independent"}
"""The party letter of a US party tag after a name ("Sen. Ana Ruiz (D-Ore.)")."""
PARTY_TITLES = {"senator": "from", "representative": "from", "congressman": "from",
                "congresswoman": "from", "delegate": "from", "governor": "of"}
"""Titles a party tag's party and state qualify, with the word before the state."""
ORGANISATION = "ORG"
"""The entity type of a newsroom, firm or body whose name before a person ("NBC's") credits them."""
PROPER_ENTITIES = {"NORP", "ORG", "GPE", "LOC", "FAC"}
"""Entity types whose words keep their capitals in a role ("Republican", "General Motors")."""
NOT_ROLE_ENTITIES = {"GPE", "LOC", "DATE", "TIME", "PERSON"}
"""Entity types of a role that is only a place, a time (a dateline) or a name: not a role."""
DASHES = frozenset({"-", "–", "—", "--"})
"""A dash, or two hyphens typed for one. Set off by spaces it ends a dateline
("HALIFAX, N.S. - Sen. Ana Ruiz"), and no name holds it ("HALDEN - Ana Ruiz")."""
POSSESSIVE_MARKS = POSSESSIVE_S | {"'", "’"}
"""What makes the name before it an owner ("Vale's", "Vale’s", "Jones'")."""


DATELINE_LETTERS = 4
"""An all-capitals word longer than this, standing as the whole role, is a dateline."""
US_STATES = """Alabama ala al|Alaska alaska ak|Arizona ariz az|Arkansas ark ar|California calif
 cal ca|Colorado colo co|Connecticut conn ct|Delaware del de|Florida fla fl|Georgia ga|Hawaii
 hawaii hi|Idaho idaho id|Illinois ill il|Indiana ind in|Iowa iowa ia|Kansas kan kans ks|Kentucky
 ky|Louisiana la|Maine maine me|Maryland md|Massachusetts mass ma|Michigan mich mi|Minnesota minn
 mn|Mississippi miss ms|Missouri mo|Montana mont mt|Nebraska neb nebr ne|Nevada nev nv|New
 Hampshire nh|New Jersey nj|New Mexico nm|New York ny|North Carolina nc|North Dakota nd|Ohio ohio
 oh|Oklahoma okla ok|Oregon ore or|Pennsylvania pa penn|Rhode Island ri|South Carolina sc|South
 Dakota sd|Tennessee tenn tn|Texas tex tx|Utah utah ut|Vermont vt|Virginia va|Washington wash
 wa|West Virginia wva wv|Wisconsin wis wisc wi|Wyoming wyo wy"""
"""US states, each with its AP and postal abbreviations (lower case, without full stops)."""
STANCE_PREFIXES = {"pro", "anti", "non", "ex", "post", "pre", "neo", "counter", "pan", "ultra",
                   "semi", "quasi", "un", "mid", "self"}
"""English prefixes hyphened onto a name make a word for a side or a time ("pro-Ruiz",
"anti-Vale"), not a name; a name's own particle ("al-", "el-") is none of them."""
