"""Word knowledge the corpus cannot give: lemmas (simplemma) and prior polarity (Sentix 3).

A corpus of a few thousand care messages has never seen most Italian words a real post
may use ("deludente", "vergognoso", "stupendo"). Sentix 3.1.1 (Basile, Nissim, Bosco,
Vassallo, Gabrieli 2025, CC BY-SA 4.0; data/lexicon/README.md) gives 23 000 Italian lemmas a
positive or negative polarity; simplemma (MIT, its data inside the wheel) maps an inflected
form to its lemma ("vergognose" -> "vergognoso"), which is what Sentix lists.
models/features.py looks each distinct word up once and caches what it found.
"""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

SENTIX = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "sentix_v3.1.1.csv"
# Words that turn the polarity of the next few words ("non è male", "mai più veloce").
NEGATORS = frozenset({"non", "mai", "nessun", "nessuno", "nessuna", "niente", "nulla", "senza", "nemmeno",
                      "neanche", "neppure", "not", "never", "no"})
NEGATION_SPAN = 3
# Sentix scores words by all their WordNet senses; function words and negators carry a
# polarity there ("non" is negative) that would only duplicate what the negation does.
_IGNORED = NEGATORS | {"piu", "meno", "molto", "poco", "tanto", "troppo", "ancora", "anche", "solo"}
_POLARITY = {"Positive": 1, "Negative": -1}

_lexicon: dict[str, int] | None = None


def plain(text: str) -> str:
    """Lower case without accents, as features.tokens writes words."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sentix(path: Path = SENTIX) -> dict[str, int]:
    """Lemma (plain) -> +1 / -1 for the lemmas Sentix classes positive or negative; single
    words only (its multi-word entries are joined by "_", which our tokens never are)."""
    global _lexicon
    if _lexicon is not None and path == SENTIX:
        return _lexicon
    lexicon: dict[str, int] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sign = _POLARITY.get(row["polarity"])
            lemma = plain(row["lemma"])
            if sign and "_" not in lemma and lemma not in _IGNORED:
                lexicon.setdefault(lemma, sign)
    if path == SENTIX:
        _lexicon = lexicon
    return lexicon


def look_up(word: str) -> tuple[str | None, int]:
    """(lemma when it differs from the word, prior polarity +1 / -1 / 0) of a plain word."""
    import simplemma

    if len(word) < 3 or not word.isalpha() or word in _IGNORED:
        return None, 0
    lexicon = sentix()
    lemma = plain(simplemma.lemmatize(word, lang="it"))
    return (lemma if lemma != word else None), lexicon.get(word) or lexicon.get(lemma, 0)
