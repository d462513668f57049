"""The operators config (data/operators.toml): ids, brand colours, handles, care hours.

Brand accounts met in a source but absent from the config (TWCS brings dozens of US
brands) become operators of their own, with the handle as id, so that nothing is lost.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipelines.contract.config import operators_path

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Colours for operators that the config does not list: muted, so configured brands stand out.
_FALLBACK_COLOURS = ("#6B7280", "#8B5CF6", "#0EA5E9", "#10B981", "#F59E0B", "#EC4899", "#64748B")


# DESIGN.md: "answered within the target (default 1 h)"; data/operators.toml may set another
DEFAULT_SLA_MINUTES = 60.0


class OperatorsConfigError(ValueError):
    """The operators file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Operator:
    id: str
    name: str
    color: str
    handles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    # None means 24/7; else weekday -> (open minute, close minute) or None when closed.
    care_hours: dict[str, tuple[int, int] | None] | None = None
    open_on_holidays: bool = True
    scored: bool = True
    configured: bool = True

    @property
    def all_handles(self) -> tuple[str, ...]:
        return tuple(h for hs in self.handles.values() for h in hs)


def _parse_hours(op_id: str, spec, source: Path) -> dict[str, tuple[int, int] | None] | None:
    if spec in (None, "24/7"):
        return None
    if not isinstance(spec, dict):
        raise OperatorsConfigError(f"{source}: operator {op_id!r}: care_hours must be \"24/7\" or a table of weekdays")
    hours: dict[str, tuple[int, int] | None] = {}
    for day in WEEKDAYS:
        value = str(spec.get(day, "")).strip()
        if not value:
            hours[day] = None
            continue
        try:
            start, end = value.split("-")
            sh, sm = (int(x) for x in start.split(":"))
            eh, em = (int(x) for x in end.split(":"))
        except ValueError:
            raise OperatorsConfigError(f"{source}: operator {op_id!r}: care_hours.{day} = {value!r} is not HH:MM-HH:MM") from None
        opens, closes = sh * 60 + sm, eh * 60 + em
        if not 0 <= opens < closes <= 24 * 60:
            raise OperatorsConfigError(f"{source}: operator {op_id!r}: care_hours.{day} = {value!r} closes before it opens")
        hours[day] = (opens, closes)
    return hours


@dataclass
class Operators:
    """All operators, with a case-insensitive handle index, and the scorecard's settings."""
    by_id: dict[str, Operator]
    sla_minutes: float = DEFAULT_SLA_MINUTES   # [scorecard] sla_minutes: the first-response target

    def __post_init__(self) -> None:
        self._handle_index = {h.lower(): op.id for op in self.by_id.values() for h in op.all_handles}

    @classmethod
    def load(cls, path: Path | None = None) -> "Operators":
        path = path or operators_path()
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise OperatorsConfigError(f"{path}: operators config not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise OperatorsConfigError(f"{path}: not valid TOML ({exc})") from None
        ops: dict[str, Operator] = {}
        for entry in raw.get("operator", []):
            op_id = str(entry.get("id", "")).strip()
            if not op_id:
                raise OperatorsConfigError(f"{path}: an [[operator]] has no id")
            if op_id in ops:
                raise OperatorsConfigError(f"{path}: operator id {op_id!r} is listed twice")
            handles = {ch: tuple(str(h).lstrip("@") for h in hs) for ch, hs in entry.get("handles", {}).items()}
            ops[op_id] = Operator(
                id=op_id,
                name=str(entry.get("name", op_id)),
                color=str(entry.get("color", _fallback_colour(op_id))),
                handles=handles,
                aliases=tuple(entry.get("aliases", ())),
                care_hours=_parse_hours(op_id, entry.get("care_hours", "24/7"), path),
                open_on_holidays=bool(entry.get("open_on_holidays", True)),
                scored=bool(entry.get("scored", True)),
            )
        if not ops:
            raise OperatorsConfigError(f"{path}: no [[operator]] entries")
        sla = raw.get("scorecard", {}).get("sla_minutes", DEFAULT_SLA_MINUTES)
        if isinstance(sla, bool) or not isinstance(sla, (int, float)) or sla <= 0:
            raise OperatorsConfigError(f"{path}: scorecard.sla_minutes = {sla!r} is not a positive number of minutes")
        return cls(ops, float(sla))

    def resolve(self, handle_or_id: str | None) -> str | None:
        """Operator id for a handle (with or without @, any case) or an id; None if unknown."""
        if not handle_or_id:
            return None
        key = handle_or_id.strip().lstrip("@")
        if key in self.by_id:
            return key
        return self._handle_index.get(key.lower())

    def handle_index(self) -> dict[str, str]:
        """Every handle (lower case) -> its operator's id."""
        return dict(self._handle_index)

    def is_brand_handle(self, handle: str) -> bool:
        return handle.lstrip("@").lower() in self._handle_index

    def with_brand_accounts(self, handles) -> "Operators":
        """A copy that also knows unconfigured brand accounts, each its own operator."""
        extra = {}
        for handle in handles:
            if self.resolve(handle) is None:
                op_id = handle.lstrip("@")
                extra[op_id] = unconfigured(op_id)
        if not extra:
            return self
        return Operators({**self.by_id, **extra}, self.sla_minutes)

    @property
    def scored_ids(self) -> list[str]:
        return [op.id for op in self.by_id.values() if op.scored]


def unconfigured(handle: str) -> Operator:
    """An operator for a brand account the config does not list."""
    return Operator(id=handle, name=handle, color=_fallback_colour(handle),
                    handles={"twitter": (handle,)}, configured=False)


def _fallback_colour(key: str) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=2).digest()
    return _FALLBACK_COLOURS[int.from_bytes(digest, "big") % len(_FALLBACK_COLOURS)]


def configured_sla_minutes(path: Path | None = None) -> float:
    """The config's SLA target, read again only when the file changes: every dashboard
    query sets it, and parsing the TOML each time would put file I/O on that path."""
    path = path or operators_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None   # missing: Operators.load says so, in one line
    return _sla_minutes(path, stamp)


@lru_cache(maxsize=8)
def _sla_minutes(path: Path, stamp: int | None) -> float:
    return Operators.load(path).sla_minutes
