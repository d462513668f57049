"""Personal data out of stored text: redaction of contact and identity data, and
pseudonyms for customers.

Customers are replaced by a keyed hash (HMAC-SHA256 with a secret salt made once per
installation), so the same customer gets the same pseudonym in every load and in every
text that @mentions them, while nobody without the salt can reverse it. Operator
accounts stay readable: they are public brands, and the product is about them.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import phonenumbers
from stdnum import iban, luhn
from stdnum.it import codicefiscale, iva

from pipelines.contract.config import salt_path

PHONE_TOKEN = "[TELEFONO]"
EMAIL_TOKEN = "[EMAIL]"
CF_TOKEN = "[CODICE_FISCALE]"
IBAN_TOKEN = "[IBAN]"
CARD_TOKEN = "[CARTA]"
VAT_TOKEN = "[PARTITA_IVA]"

# Fast patterns find candidates; the field's libraries decide (phonenumbers knows the
# Italian numbering plan, python-stdnum the check digits of IBANs, cards, codici fiscali
# and partite IVA), so a price or an order number that merely looks like one stays.
# \w is Unicode here, so internationalised addresses (mario@università.it) match whole.
_EMAIL = r"(?P<email>(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,})"
# any country's IBAN, in groups or not (its account part starts with at most four letters,
# then digits); it may run into the next words, and the longest prefix with valid check
# digits is what gets redacted
_IBAN = r"(?P<iban>\b[A-Z]{2} ?\d{2}(?=(?:[ \-]?[A-Z]){0,4}(?:[ \-]?\d){8})(?:[ \-]?[A-Z0-9]){11,32})"
# Codice fiscale; digits may be replaced by letters (omocodia), hence the letter sets.
_OMO = "[0-9LMNPQRSTUV]"
_CF = rf"(?P<cf>\b[A-Z]{{6}}{_OMO}{{2}}[ABCDEHLMPRST]{_OMO}{{2}}[A-Z]{_OMO}{{3}}[A-Z]\b)"
# ... and the same written in groups ("RSS MRA 85T10 A562S"): kept only with a valid control character
_CF_SPACED = rf"(?P<cf_spaced>\b[A-Z](?: ?[A-Z]){{5}}(?: ?{_OMO}){{2}} ?[ABCDEHLMPRST](?: ?{_OMO}){{2}} ?[A-Z](?: ?{_OMO}){{3}} ?[A-Z]\b)"
# payment cards: 13 to 19 digits, in groups or not
_CARD = r"(?P<card>(?<![\w.,])(?:\d[ \-]?){12,18}\d(?![\w]|[.,]\d))"
_VAT = r"(?P<vat>\b(?:p\.? ?iva|partita iva)\W{0,3}(?:IT)?(?P<vat_number>\d{11})\b)"
# Mobile (3xx) and landline (0x..) numbers: +39, 0039 or a bare 39 in front; spaces, dots,
# dashes, slashes or brackets between groups; glued to a word ("tel.333..."); in lists.
_PHONE = r"(?P<phone>(?<![\d+])(?:(?:\+|00)?39[ .\-/]?)?\(?(?:3\d{2}|0\d{1,3})\)?(?:[ .\-/]?\d{2,8}){1,4}(?!\d))"
# X handles are letters, digits and _; Instagram usernames also have dots inside
# (@sara.bianchi): taken whole, or half the name would stay in clear
HANDLE = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
_MENTION = rf"(?P<mention>(?<![\w@])@(?P<handle>{HANDLE}))"

_NEEDS_SCAN = re.compile(r"[\d@]")
_TWO_DIGITS = re.compile(r"\d\d")
_SPACED_CF_HINT = re.compile(r"[A-Za-z]{3} ?[A-Za-z]{3} ?\d")
# One pass, so an @handle is taken whole before its digits could look like a number; each
# alternative costs time at every position, so a text gets only those it can match: most
# posts have an @mention and no run of digits, or the reverse.
_DIGIT_KINDS = (_VAT, _IBAN, _CF, _CARD, _PHONE)
_PATTERNS = {(at, digits): re.compile("|".join(((_EMAIL,) if at else ()) + (_DIGIT_KINDS if digits else ())
                                               + ((_MENTION,) if at else ())), re.IGNORECASE)
             for at in (False, True) for digits in (False, True) if at or digits}
_PATTERN = _PATTERNS[True, True]
_CF_SPACED_PATTERN = re.compile(_CF_SPACED, re.IGNORECASE)
# A number named as something else (a ticket, an order, a practice...) is not a phone,
# whatever its digits: the words just before it say so.
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:ticket|pratica|ordine|ord|segnalazione|reclamo|fattura|contratto|codice|cliente|rif|riferimento|"
    r"protocollo|tracking|spedizione|matricola|seriale|imei|iccid|puk|pin|id|n° ordine|numero ordine)"
    r"\W{0,4}(?:n[°.]?\W{0,2})?$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}$")
_IBAN_ITALIAN_SHAPE = re.compile(r"^(?:IT|SM)\d{2}[A-Z]\d{10}[A-Z0-9]{12}$")


def _phone_ok(candidate: str, before: str) -> bool:
    """Whether a candidate is a real Italian phone number: 9-11 digits (dates and short
    numbers never qualify) that the numbering plan accepts, not named as another number."""
    if _DATE_LIKE.match(candidate.strip()) or _NOT_A_PHONE_BEFORE.search(before):
        return False
    digits = re.sub(r"\D", "", candidate)
    options = [digits]
    if digits.startswith("0039"):
        options = [digits[4:]]
    elif digits.startswith("39") and (candidate.lstrip().startswith("+") or len(digits) >= 11):
        options = [digits[2:], digits]
    for national in options:
        if not (9 <= len(national) <= (10 if national.startswith("3") else 11)):
            continue
        try:
            number = phonenumbers.parse(national, "IT")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def _card_ok(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn.is_valid(digits)


def _iban_end(candidate: str) -> int | None:
    """How many characters of the candidate are a valid IBAN (the longest such prefix),
    or None. An Italian-shaped IBAN with wrong check digits (a typo) still counts."""
    positions = [i for i, ch in enumerate(candidate) if ch.isalnum()]
    compact = "".join(candidate[i] for i in positions).upper()
    for n in range(len(compact), 14, -1):
        if iban.is_valid(compact[:n]) or _IBAN_ITALIAN_SHAPE.match(compact[:n]):
            return positions[n - 1] + 1
    return None


MIN_SALT_BYTES = 32


class SaltError(ValueError):
    """The installation's salt is unusable; the message names the file and the problem."""


def load_or_create_salt(path: Path | None = None) -> bytes:
    """The installation's secret salt, created on first use and kept out of git. A salt
    shorter than 32 bytes is refused: with an empty or short key anyone could recompute
    the pseudonyms."""
    path = path or salt_path()
    if not path.exists():
        _create_salt(path)
    salt = path.read_bytes()
    if len(salt) < MIN_SALT_BYTES:
        raise SaltError(f"{path}: the salt is {len(salt)} bytes, at least {MIN_SALT_BYTES} are needed "
                        "(restore the original file; make a new one only for a new, empty warehouse)")
    return salt


def _create_salt(path: Path) -> None:
    """Write a new salt beside the path, then link it into place: the link either makes
    the whole file appear or fails because another process was first, so processes
    starting at once all read the same complete salt, never an empty one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(MIN_SALT_BYTES))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
    finally:
        aside.unlink(missing_ok=True)


class Pseudonymiser:
    """Keyed, stable pseudonyms for customer ids and handles, and text redaction."""

    def __init__(self, salt: bytes, is_brand_handle=None):
        self._salt = salt
        self._is_brand_handle = is_brand_handle
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict:
        # a worker process gets the salt and the brand test, not this process's cache
        # (up to 500,000 pseudonyms, pickled once per worker for nothing)
        return {**self.__dict__, "_cache": {}}

    def pseudonym(self, customer_key: str) -> str:
        key = customer_key.strip().lstrip("@").lower()
        found = self._cache.get(key)
        if found is None:
            digest = hmac.new(self._salt, key.encode("utf-8"), hashlib.sha256).hexdigest()
            found = "c_" + digest[:16]
            if len(self._cache) < 500_000:  # bounded: memory stays flat on huge files
                self._cache[key] = found
        return found

    def redact(self, text: str) -> tuple[str, list[str]]:
        """Text with personal data replaced, and the @handles it mentions (lower case,
        before pseudonymisation) in order of appearance."""
        # Every pattern needs a digit or an @, and many posts have neither: skip them fast.
        if _NEEDS_SCAN.search(text) is None:
            return text, []
        mentions: list[str] = []
        digits = _TWO_DIGITS.search(text) is not None
        if digits and _SPACED_CF_HINT.search(text):
            text = _CF_SPACED_PATTERN.sub(_spaced_cf, text)
        pattern = _PATTERNS.get(("@" in text, digits))
        if pattern is None:
            return text, mentions

        def replace(match: re.Match) -> str:
            kind, found = match.lastgroup, match.group(0)
            if kind == "mention":
                handle = match.group("handle")
                mentions.append(handle.lower())
                if self._is_brand_handle is not None and self._is_brand_handle(handle):
                    return found
                return "@" + self.pseudonym(handle)
            if kind == "email":
                return EMAIL_TOKEN
            if kind == "vat":
                number = match.group("vat_number")
                return found.replace(number, VAT_TOKEN) if iva.is_valid(number) else found
            if kind == "iban":
                end = _iban_end(found)
                if end is None:   # "al 3387719902" looks like the start of an IBAN: read on past it
                    return found[:2] + _PATTERN.sub(replace, found[2:])
                return IBAN_TOKEN + _PATTERN.sub(replace, found[end:])
            if kind == "cf":
                return CF_TOKEN
            if kind == "card" and _card_ok(found):
                return CARD_TOKEN
            # a digit run that is not a valid card may still be a phone number
            before = match.string[max(0, match.start() - 30):match.start()]
            return PHONE_TOKEN if _phone_ok(found, before) else found

        return pattern.sub(replace, text), mentions


def _spaced_cf(match: re.Match) -> str:
    compact = match.group(0).replace(" ", "").upper()
    if " " in match.group(0) and sum(ch.isdigit() for ch in compact) >= 3 and codicefiscale.is_valid(compact):
        return CF_TOKEN
    return match.group(0)
