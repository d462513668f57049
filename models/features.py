"""Text to features: one cheap analyzer shared by every task.

Social posts are short, misspelt and full of emoji. Character n-grams would absorb the
misspellings but cost ten times the time (DESIGN.md field notes), so the analyzer
normalises instead (accents, lengthened letters, handles, links, numbers) and adds, to
word unigrams and bigrams, each word's first four and first six letters: a poor man's
stemmer (funziona, funzionava, funzionante) that also absorbs the typos made at the end
of Italian words. Measured by cross-validation, this beat five-letter prefixes, suffixes,
and in-word character 4-grams (which also halved the speed). The prior polarity of words
(models/lexicon.py, Sentix through simplemma's lemmas) carries what the corpus has never seen.
"""
from __future__ import annotations

import re

from models import lexicon
from models.lexicon import NEGATION_SPAN, NEGATORS

# Links and handles are rewritten by C-level substitutions; each distinct token is then
# normalised once (_token) and each distinct word looked up once (_word), so the Python
# loops below cost a dict lookup per token.
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
# ASCII emoticons carry the feeling of many real tweets; the token pattern below would drop them.
_SMILE = re.compile(r"(?<!\w)(?:[:;=]-?[)\]dDpP]+|[xX][dD]+\b|<3+|\^_*\^)")
_FROWN = re.compile(r"(?<!\w)(?:[:;=]'?-?[(\[/\\|]+|[dD]-?:)(?!\w)")
_LONG_RUN = re.compile(r"(\w)\1\1+")  # as (\w)\1{2,}, a third faster
# a run of "!!!!!" is emphasis (anger, mostly), not five exclamations: one token "!!"
_EMPHASIS = re.compile(r"[!?]*(?:\?!|!\?)[!?]*|!!+|\?\?+")
_TOKEN = re.compile(r"[a-z0-9_]+|!!|\?\?|\?!|[!?]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# str.translate with a table is ten times slower than a few replace calls on the
# non-ASCII text that most Italian posts are.
_ACCENTS = tuple(zip("àáèéìíòóùú", "aaeeiioouu"))
# negated? -> polarity -> feature
_POLARITY = {False: {1: "lex:+", -1: "lex:-"}, True: {1: "lex:~+", -1: "lex:~-"}}
# raw token -> (normal form, what it adds besides itself, prior polarity); None as the
# polarity marks a negator. Filled once per distinct token.
_KNOWN: dict[str, tuple[str, tuple[str, ...], int | None]] = {}
_MAX_KNOWN = 2_000_000   # distinct tokens cached; past this they are worked out each time
# What the word knowledge adds. Lemmas as features of their own measured no better than
# the 4- and 6-letter prefixes and cost a tenth of the speed (models/TUNING.md), so the
# lemma serves only to find a word's polarity; `python -m models tune` switches these.
WORD_KNOWLEDGE = {"lemma_features": False, "polarity": True}


def _prepare(text: str) -> str:
    """The text with what the token pattern cannot see rewritten: lower case, no accents,
    links as `_url`, handles dropped, ASCII emoticons, runs of "!" and "?"."""
    if ":" in text or ";" in text or "<" in text or "^" in text or "=" in text or "xd" in text or "XD" in text:
        text = _FROWN.sub(" _frown ", _SMILE.sub(" _smile ", text))
    text = text.lower()
    if not text.isascii():
        for accented, plain in _ACCENTS:
            if accented in text:
                text = text.replace(accented, plain)
    if "@" in text:
        text = _HANDLE.sub(" ", text)
    if "http" in text or "www." in text:
        text = _URL.sub(" _url ", text)
    if "!!" in text or "??" in text or "?!" in text or "!?" in text:
        text = _EMPHASIS.sub(_emphasis, text)
    return text


def tokens(text: str) -> list[str]:
    """Normalised tokens: lower case, no accents, runs of a letter cut ("nooo" -> "no"),
    links as `_url`, handles dropped, numbers of four digits or more as `_num`, ASCII
    emoticons as `_smile` / `_frown`, runs of "!" and "?" as one emphasis token."""
    known = _KNOWN
    return [(known.get(t) or _learn(t))[0] for t in _TOKEN.findall(_prepare(text))]


def _learn(raw: str) -> tuple[str, tuple[str, ...], int | None]:
    """Everything about one distinct token, worked out once: its normal form (letter runs
    cut, "nooo" -> "no"; four digits or more, after the cut, as `_num`; a lookup is cheaper
    than two regular expressions over every text), its 4- and 6-letter prefixes, and its
    prior polarity found through its lemma (None for a negator)."""
    word = _LONG_RUN.sub(r"\1", raw) if len(raw) > 2 else raw
    if len(word) >= 4 and word.isdigit():
        word = "_num"
    extra = []
    if len(word) > 5 and word[0] != "_":
        extra.append("p4:" + word[:4])
        if len(word) > 7:
            extra.append("p6:" + word[:6])
    if word in NEGATORS:
        sign = None
    else:
        lemma, sign = lexicon.look_up(word)
        if lemma and WORD_KNOWLEDGE["lemma_features"]:
            extra.append("lem:" + lemma)
        sign = sign if WORD_KNOWLEDGE["polarity"] else 0
    found = (word, tuple(extra), sign)
    if len(_KNOWN) < _MAX_KNOWN:
        _KNOWN[raw] = found
    return found


def _emphasis(match: re.Match) -> str:
    run = match.group(0)
    return " ?! " if "?" in run and "!" in run else (" !! " if "!" in run else " ?? ")


def configure(lemma_features: bool = False, polarity: bool = True) -> None:
    """Switch the lemma and polarity features (for comparisons only: a saved model always
    has the defaults) and forget what was cached under the old setting."""
    WORD_KNOWLEDGE.update(lemma_features=lemma_features, polarity=polarity)
    _KNOWN.clear()


def analyze(text: str) -> list[str]:
    """Features of one text: words, word pairs, word prefixes, and the words' prior
    polarity (`lex:+`, `lex:-`; `lex:~+`, `lex:~-` just after a negation)."""
    words = []
    extras = []
    negated = 0
    known = _KNOWN
    for raw in _TOKEN.findall(_prepare(text)):
        word, extra, sign = known.get(raw) or _learn(raw)
        words.append(word)
        if extra:
            extras += extra
        if sign is None:
            negated = NEGATION_SPAN
            continue
        if sign:
            extras.append(_POLARITY[negated > 0][sign])
        if negated:
            negated -= 1
    return words + [a + " " + b for a, b in zip(words, words[1:])] + extras
