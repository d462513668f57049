"""A hash table from integers to integers that numpy reads and fills for whole arrays of
keys at once: models.feature_matrix's memory of word pairs, three million lookups per
hundred thousand texts, where a dict would cost a Python call each. Open addressing
with linear probing, kept at most half full.
"""
from __future__ import annotations

import numpy as np


class IntTable:
    """Non-negative int64 key -> int32 value, for arrays of keys at once."""

    _EMPTY = -1

    def __init__(self, bits: int = 16):
        self._bits = bits
        self._keys = np.full(2**bits, self._EMPTY, dtype=np.int64)
        self._values = np.zeros(2**bits, dtype=np.int32)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        # Fibonacci hashing: the top bits of the key times 2**64 / golden ratio
        return ((keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - self._bits)).astype(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, -1 where unknown."""
        out = np.full(len(keys), -1, dtype=np.int32)
        slot = self._slots(keys)
        pending = np.arange(len(keys))
        mask = len(self._keys) - 1
        while len(pending):
            found = self._keys[slot]
            hit = found == keys[pending]
            out[pending[hit]] = self._values[slot[hit]]
            go_on = ~hit & (found != self._EMPTY)
            pending, slot = pending[go_on], (slot[go_on] + 1) & mask
        return out

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Adds distinct keys that are not in the table yet."""
        if 2 * (self._size + len(keys)) > len(self._keys):
            old = self._keys != self._EMPTY
            old_keys, old_values = self._keys[old], self._values[old]
            while 2 * (self._size + len(keys)) > 2**self._bits:
                self._bits += 1
            self._keys = np.full(2**self._bits, self._EMPTY, dtype=np.int64)
            self._values = np.zeros(2**self._bits, dtype=np.int32)
            self._size = 0
            self._place(old_keys, old_values)
        self._place(keys, values)

    def _place(self, keys: np.ndarray, values: np.ndarray) -> None:
        slot = self._slots(keys)
        pending = np.arange(len(keys))
        mask = len(self._keys) - 1
        while len(pending):
            free = self._keys[slot] == self._EMPTY
            # of the keys wanting the same free slot, the first takes it; the others probe on
            taken, first = np.unique(slot[free], return_index=True)
            placed = pending[free][first]
            self._keys[taken], self._values[taken] = keys[placed], values[placed]
            stays = np.ones(len(pending), dtype=bool)
            stays[np.flatnonzero(free)[first]] = False
            pending, slot = pending[stays], (slot[stays] + 1) & mask
        self._size += len(keys)
