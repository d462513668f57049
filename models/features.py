"""Text to features: one cheap analyzer shared by every task.

Social posts are short, misspelt and full of emoji. Character n-grams would absorb the
misspellings but cost ten times the time (DESIGN.md field notes), so the analyzer
normalises instead (accents, lengthened letters, handles, links, numbers) and adds, to
word unigrams and bigrams, each word's first four and first six letters: a poor man's
stemmer (funziona, funzionava, funzionante) that also absorbs the typos made at the end
of Italian words. Measured by cross-validation, this beat five-letter prefixes, suffixes,
and in-word character 4-grams (which also halved the speed).
"""
from __future__ import annotations

import re

# Links, handles and long numbers are rewritten by C-level substitutions, so the Python
# loop below touches each token once at most.
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
_LONG_NUMBER = re.compile(r"(?<![a-z0-9])\d{4,}(?![a-z0-9])")  # care lines (187, 190, 159) stay
_LONG_RUN = re.compile(r"(\w)\1\1+")  # as (\w)\1{2,}, a third faster
_TOKEN = re.compile(r"[a-z0-9_]+|[!?]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# str.translate with a table is ten times slower than a few replace calls on the
# non-ASCII text that most Italian posts are.
_ACCENTS = tuple(zip("àáèéìíòóùú", "aaeeiioouu"))


def tokens(text: str) -> list[str]:
    """Normalised tokens: lower case, no accents, runs of a letter cut ("nooo" -> "no"),
    links as `_url`, handles dropped, numbers of four digits or more as `_num`."""
    text = text.lower()
    if not text.isascii():
        for accented, plain in _ACCENTS:
            if accented in text:
                text = text.replace(accented, plain)
    if "@" in text:
        text = _HANDLE.sub(" ", text)
    if "http" in text or "www." in text:
        text = _URL.sub(" _url ", text)
    text = _LONG_NUMBER.sub(" _num ", _LONG_RUN.sub(r"\1", text))
    return _TOKEN.findall(text)


def analyze(text: str) -> list[str]:
    """Features of one text: words, word pairs, and word prefixes."""
    words = tokens(text)
    features = words + [a + " " + b for a, b in zip(words, words[1:])]
    long_words = [t for t in words if len(t) > 5]
    features += ["p4:" + t[:4] for t in long_words]
    features += ["p6:" + t[:6] for t in long_words if len(t) > 7]
    return features
