"""Italian, English or other, from function words: cheap enough to run on every row,
and right on the short, informal posts where n-gram detectors guess."""
from __future__ import annotations

import re

IT_WORDS = frozenset("""il lo la i gli le un una uno di da in con su per tra fra che non è e ma se mi ti ci vi si
ho hai ha abbiamo avete hanno sono sei siamo siete del della dei delle al alla ai alle nel nella
come perché perche quando ancora già gia più piu anche sempre mai niente nulla grazie buongiorno
ciao salve questo questa mio mia vostro vostra linea fibra bolletta servizio clienti cosa xke nn
cmq qualcuno nessuno tutto tutti oggi ieri domani giorni settimana""".split())
EN_WORDS = frozenset("""the a an of to in on for with and but or not is are was were be been have has had
do does did my your our you i we they it this that what why when how still just no any can cant
can't won't don't doesnt doesn't please thanks thank hi hello service phone bill internet""".split())
# tags that say "language unknown" (X's und, ISO's zxx, the private-use q* codes)
UNKNOWN_CODES = ("un", "zx", "qm", "qs", "qc", "qh", "qo", "qr", "qt")
_WORD = re.compile(r"[a-zàèéìòóù']+")


def detect(text: str) -> str:
    words = _WORD.findall(text.lower())
    it = sum(1 for w in words if w in IT_WORDS)
    en = sum(1 for w in words if w in EN_WORDS)
    if it == en == 0:
        return "other"
    return "it" if it >= en else "en"


def normalise_code(code: str | None) -> str | None:
    """A source's own language tag (X gives 'it', 'en', 'und'...) as it / en / other."""
    if not code:
        return None
    code = str(code).strip().lower()[:2]
    if code in ("it", "en"):
        return code
    return None if code in UNKNOWN_CODES else "other"
