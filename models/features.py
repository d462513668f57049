"""Text to features: one cheap analyzer shared by every task.

Social posts are short, misspelt and full of emoji. Character n-grams would absorb the
misspellings but cost ten times the time (DESIGN.md field notes), so the analyzer
normalises instead (accents, lengthened letters, handles, links, numbers) and adds, to
word unigrams and bigrams, each word's first four and first six letters: a poor man's
stemmer (funziona, funzionava, funzionante) that also absorbs the typos made at the end
of Italian words. Measured by cross-validation, this beat five-letter prefixes, suffixes,
and in-word character 4-grams (which also halved the speed). Lemmas and the prior
polarity of words (models/lexicon.py) carry what the corpus has never seen.
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
_WORDS: dict[str, tuple[tuple[str, ...], int]] = {}
_TOKENS: dict[str, str] = {}   # raw token -> normal form (care lines 187, 190, 159 stay numbers)
# What the word knowledge adds; switched off only by `python -m models tune`, to measure it.
WORD_KNOWLEDGE = {"lemmas": True, "polarity": True}
_MAX_WORDS = 2_000_000   # distinct words cached; past this they are looked up each time


def tokens(text: str) -> list[str]:
    """Normalised tokens: lower case, no accents, runs of a letter cut ("nooo" -> "no"),
    links as `_url`, handles dropped, numbers of four digits or more as `_num`, ASCII
    emoticons as `_smile` / `_frown`, runs of "!" and "?" as one emphasis token."""
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
    known = _TOKENS
    return [known.get(t) or _token(t) for t in _TOKEN.findall(text)]


def _token(raw: str) -> str:
    """A raw token's normal form, computed once per distinct token: letter runs cut
    ("nooo" -> "no"), numbers of four digits or more (after the cut) as `_num`; a per-token
    lookup is cheaper than two regular expressions over every text."""
    token = _LONG_RUN.sub(r"\1", raw) if len(raw) > 2 else raw
    if len(token) >= 4 and token.isdigit():
        token = "_num"
    if len(_TOKENS) < _MAX_WORDS:
        _TOKENS[raw] = token
    return token


def _emphasis(match: re.Match) -> str:
    run = match.group(0)
    return " ?! " if "?" in run and "!" in run else (" !! " if "!" in run else " ?? ")


def _word(word: str) -> tuple[tuple[str, ...], int]:
    """What a word adds besides itself (prefixes, lemma) and its prior polarity; computed
    once per distinct word, then read from _WORDS."""
    extra = []
    if len(word) > 5 and word[0] != "_":
        extra.append("p4:" + word[:4])
        if len(word) > 7:
            extra.append("p6:" + word[:6])
    lemma, sign = lexicon.look_up(word)
    lemma = lemma if WORD_KNOWLEDGE["lemmas"] else None
    sign = sign if WORD_KNOWLEDGE["polarity"] else 0
    if lemma:
        extra.append("lem:" + lemma)
    found = (tuple(extra), sign)
    if len(_WORDS) < _MAX_WORDS:
        _WORDS[word] = found
    return found


def configure(lemmas: bool = True, polarity: bool = True) -> None:
    """Switch the lemma and polarity features on or off (for comparisons only: a model
    is saved with them on) and forget what was cached under the old setting."""
    WORD_KNOWLEDGE.update(lemmas=lemmas, polarity=polarity)
    _WORDS.clear()


def analyze(text: str) -> list[str]:
    """Features of one text: words, word pairs, word prefixes, lemmas, and the words'
    prior polarity (`lex:+`, `lex:-`; `lex:~+`, `lex:~-` just after a negation)."""
    words = tokens(text)
    features = words + [a + " " + b for a, b in zip(words, words[1:])]
    negated = 0
    known = _WORDS
    for word in words:
        if word in NEGATORS:
            negated = NEGATION_SPAN
            continue
        extra, sign = known.get(word) or _word(word)
        if extra:
            features += extra
        if sign:
            features.append(_POLARITY[negated > 0][sign])
        if negated:
            negated -= 1
    return features
