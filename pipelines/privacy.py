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

from pipelines.config import salt_path

PHONE_TOKEN = "[TELEFONO]"
EMAIL_TOKEN = "[EMAIL]"
CF_TOKEN = "[CODICE_FISCALE]"
IBAN_TOKEN = "[IBAN]"

_EMAIL = r"(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"
# Italian (and San Marino) IBAN: country, 2 check digits, CIN letter, ABI, CAB, account.
# People write it in groups of four, with spaces or dashes.
_IBAN = r"(?P<iban>\b(?:IT|SM)[ \-]?\d{2}[ \-]?[A-Z](?:[ \-]?[0-9]){10}(?:[ \-]?[A-Z0-9]){12}\b)"
# Codice fiscale; digits may be replaced by letters (omocodia), hence the letter sets.
_OMO = "[0-9LMNPQRSTUV]"
_CF = rf"(?P<cf>\b[A-Z]{{6}}{_OMO}{{2}}[ABCDEHLMPRST]{_OMO}{{2}}[A-Z]{_OMO}{{3}}[A-Z]\b)"
# Mobile (3xx) and landline (0x..) numbers, with optional +39/0039 and spaces, dots or
# dashes between groups. The digit count is checked in code so that dates and prices
# (08.03.2024, 1.299,00) never qualify.
_PHONE = r"(?P<phone>(?<![\w+/.,])(?:(?:\+|00)39[ .\-]?)?(?:3\d{2}|0\d{1,3})(?:[ .\-]?\d{2,4}){1,3}(?![\w/])(?![.,]\d))"
_MENTION = r"(?P<mention>(?<![\w@])@(?P<handle>[A-Za-z0-9_]{1,30}))"

_NEEDS_SCAN = re.compile(r"[\d@]")
_PATTERN = re.compile("|".join((_EMAIL, _IBAN, _CF, _PHONE, _MENTION)), re.IGNORECASE)


def _phone_digits_ok(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0039"):
        digits = digits[4:]
    elif digits.startswith("39") and number.lstrip().startswith("+"):
        digits = digits[2:]
    if digits.startswith("3"):
        return 9 <= len(digits) <= 10
    return 9 <= len(digits) <= 11


def load_or_create_salt(path: Path | None = None) -> bytes:
    """The installation's secret salt, created on first use and kept out of git."""
    path = path or salt_path()
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(32)
    # O_EXCL: two processes starting at once must not end up with two salts.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(salt)
    return salt


class Pseudonymiser:
    """Keyed, stable pseudonyms for customer ids and handles, and text redaction."""

    def __init__(self, salt: bytes, is_brand_handle=None):
        self._salt = salt
        self._is_brand_handle = is_brand_handle
        self._cache: dict[str, str] = {}

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

        def replace(match: re.Match) -> str:
            kind = match.lastgroup
            if kind == "mention":
                handle = match.group("handle")
                mentions.append(handle.lower())
                if self._is_brand_handle is not None and self._is_brand_handle(handle):
                    return match.group(0)
                return "@" + self.pseudonym(handle)
            if kind == "email":
                return EMAIL_TOKEN
            if kind == "iban":
                return IBAN_TOKEN
            if kind == "cf":
                return CF_TOKEN
            if kind == "phone":
                return PHONE_TOKEN if _phone_digits_ok(match.group(0)) else match.group(0)
            return match.group(0)

        return _PATTERN.sub(replace, text), mentions
