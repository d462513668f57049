"""The competitor a customer says they move to: a lexicon rule, the one place where a
list is clearly right (operator names are a closed set, kept in data/operators.toml).

A name after a destination cue ("passo a", "vado con", "portato il numero su",
"switching to") wins; failing that, in a message already known to be a threat or a
switch, the first other operator named is the destination ("Iliad mi fa 9,99 con 150
giga: o mi abbassate il prezzo o..."). The operator being complained about never is, nor
one named as where the customer comes from ("vengo da TIM", "ex cliente Vodafone") or as
the one they are bounced back to ("TIM dice che...", "anche con Fastweb avevo").
"""
from __future__ import annotations

import re

from pipelines.contract.operators import Operators

# Words that announce where the customer goes; the name must follow within a few words.
# A move ("passo a", "vado con", "portato il numero su") is read before a weaker cue (a bare
# "con", "su", "cliente"), which also opens sentences about the past: in "Con TIM e
# Vodafone ho chiuso, vado con Iliad" the destination is Iliad.
_MOVES = r"""
    pass[oaie]\w* | passer\w* | sono\s+passat[oaie] | siamo\s+passati | vado | andr[oò] | andiamo |
    torn[oa]\w* | migr\w* | scapp\w* | emigr\w* | cambio\s+(?:operatore\s+)?(?:e\s+)?(?:vado\s+)?(?:con|a|in) |
    (?:portabilit[aà]|portabilita|porto\s+(?:il\s+)?numero|portare\s+il\s+numero)\s+(?:verso|a|in|con|da\s+\w+\s+a) |
    verso | messo | firm\w* | prendo | preso | fatto\s+la\s+\w+\s+con | sono\s+con | sar[oò]\s+con |
    attivat[oa]\s+con | firmato\s+con | preso\s+(?:la\s+sim\s+)?(?:di|con) |
    switch\w*\s+to | moving\s+to | going\s+(?:back\s+)?to | port\w*\s+to | signed\s+up\s+with | went\s+with
"""
_WEAK_CUES = r"""
    su | cliente | con | clienti | meglio | offerta\s+di | contratto\s+con | sim\s+(?:di|con)
"""
# Words that make the name after them an origin or a comparison, never a destination.
_ORIGINS = r"""
    veng[oa]\s+da | venivo\s+da | arrivo\s+da | provengo\s+da | ero\s+(?:cliente\s+)?(?:di|con|da) | ex\s+(?:cliente\s+)?(?:di\s+)? |
    lasciat[oa]\s+ | dopo\s+\w+\s+anni\s+(?:con|di|in) | prima\s+(?:avevo|ero\s+con|con) | anche\s+con | come\s+con |
    gi[aà]\s+con | came\s+from | used\s+to\s+be\s+with | left
"""
_ORIGIN = re.compile(rf"(?:{_ORIGINS})\s*$", re.IGNORECASE | re.VERBOSE)
# A name followed by what it says is reported speech ("TIM dice che non sono più loro
# cliente"): the customer is bounced between two operators, not moving.
_REPORTED = re.compile(r"^\s*(?:mi\s+)?(?:dice|dicono|sostiene|risponde|rispondono|says|said)\b", re.IGNORECASE)
# "da TIM a Fastweb": the first of a from-to pair is the origin.
_FROM = re.compile(r"\b(?:da|dalla|dal|from)\s+$", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:a|ad|verso|to)\s", re.IGNORECASE)
# Aliases that are also ordinary words ("tre giorni", "very", "poste"): they must be
# written as names (capitalised) and follow a cue.
AMBIGUOUS = frozenset({"tre", "very", "poste", "sky", "wind", "ho."})
_MOVE = re.compile(rf"(?:{_MOVES})\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE | re.VERBOSE)
_WEAK_CUE = re.compile(rf"(?:{_WEAK_CUES})\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE | re.VERBOSE)


class CompetitorFinder:
    def __init__(self, operators: Operators):
        names = []
        for op in operators.by_id.values():
            for alias in {op.name, *op.aliases}:
                names.append((alias, op.id))
        # Longest first, so "Wind Tre" wins over "Wind" and "ho. Mobile" over "ho.".
        names.sort(key=lambda pair: -len(pair[0]))
        self._ids = {alias.lower(): op_id for alias, op_id in names}
        plain = "|".join(re.escape(a) for a, _ in names if a.lower() not in AMBIGUOUS)
        exact = "|".join(re.escape(a) for a, _ in names if a.lower() in AMBIGUOUS)
        # the letters a name can start with, looked at first: most positions of a text then
        # fail at once instead of trying every name (7.5 s to 6.3 s over 270 000 churn
        # texts of the 10 M demo, the same answers)
        starts = "".join(sorted({re.escape(a[0]) for a, _ in names if a.lower() not in AMBIGUOUS}))
        exact_starts = "".join(sorted({re.escape(a[0]) for a, _ in names if a.lower() in AMBIGUOUS}))
        first = "(?=" + "|".join([f"(?i:[{starts}])"] * bool(starts) + [f"[{exact_starts}@]"]) + ")"
        self._mention = re.compile(
            rf"{first}(?:(?<![\w#])(?i:{plain})(?!\w)|(?<![\w#])(?:{exact})(?!\w)|@\w+)")
        self._operators = operators

    def _named(self, text: str):
        for match in self._mention.finditer(text):
            word = match.group(0)
            op_id = self._operators.resolve(word) if word.startswith("@") else self._ids.get(word.lower())
            if not op_id:
                continue
            before, after = text[max(0, match.start() - 40):match.start()], text[match.end():match.end() + 20]
            if _ORIGIN.search(before) or _REPORTED.search(after) or (_FROM.search(before) and _TO.search(after)):
                continue
            yield match.start(), op_id, word.lower() in AMBIGUOUS

    def candidates(self, text: str) -> tuple[list[str], list[str]]:
        """Every operator `text` names as a possible destination, in order: those after a
        destination cue, and those named plainly (the ambiguous aliases left out). With
        `pick`, the same answer as `find` for any own operator, so that a text is read
        once however many operators' customers wrote it."""
        named = list(self._named(text))
        # each name's cue: a move (2), a weak cue only (1), none (0)
        cue = [2 if _MOVE.search(text[max(0, start - 60):start]) else
               1 if _WEAK_CUE.search(text[max(0, start - 60):start]) else 0 for start, _, _ in named]
        cued = [op_id for strength in (2, 1) for (_, op_id, _), found in zip(named, cue) if found == strength]
        plain = [op_id for _, op_id, ambiguous in named if not ambiguous]
        return cued, plain

    def find(self, text: str, own_operator: str | None = None, is_churn: bool = True) -> str:
        """The destination operator id named in `text`, or "". Without a cue, a name is
        taken only when the message is a threat or a switch (`is_churn`)."""
        return pick(*self.candidates(text), own_operator, is_churn)


def pick(cued: list[str], plain: list[str], own_operator: str | None, is_churn: bool = True) -> str:
    """The destination among a text's candidates for a customer of `own_operator`: the
    first cued name that is not their operator, else (for a threat or a switch) the first
    plain one. pipelines/sql/labels/03_store_labels.sql does the same in SQL."""
    for op_id in cued:
        if op_id != own_operator:
            return op_id
    if is_churn:
        for op_id in plain:
            if op_id != own_operator:
                return op_id
    return ""
