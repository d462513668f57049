"""The hashed feature counts of many texts at once: the matrix that the model's
`HashingVectorizer(analyzer=features.analyze)` builds, in a fraction of the time, and
without scikit-learn (a labelling worker that loads models.predictor never imports it:
its columns are the same MurmurHash3 of each feature, by `mmh3`).

Through the vectoriser, every text costs about fifty feature strings built in Python by
features.analyze, each then encoded and hashed: most of the prediction time. Here the
texts of a batch are split once at their white space into chunks ("Ciao,", "@tim", ":)"),
and the Python work is done once per distinct chunk, token and word pair, then
remembered as numbers: a chunk's tokens (features._prepare and features._TOKEN, on all
new chunks at once), a token's features (features._learn) and a pair's column (the
vectoriser's own hashing). What is left per text is numpy over arrays of numbers.

This holds because features._prepare works within chunks (none of its patterns matches
white space or looks across it) except for one switch per text: the emoticon patterns
run only on texts holding one of _EMOTICON_MARKS. tests/test_fast_features.py holds the
result equal to the vectoriser's; training keeps the vectoriser, and features.analyze
stays the definition of the features.
"""
from __future__ import annotations

import re
import threading
from itertools import repeat

import mmh3
import numpy as np
import scipy.sparse as sp

from models import features
from models.int_table import IntTable
from models.lexicon import NEGATION_SPAN

# features._prepare's test for running its emoticon patterns, copied: a text passes when
# one of its chunks does, so the chunks tell. "xD" is not among them (a lower-case x with
# an upper-case D stays a word unless the text has another mark).
_EMOTICON_MARKS = (":", ";", "<", "^", "=", "xd", "XD")
# Joins texts (and new chunks) into one string. features._prepare leaves it alone and
# features._TOKEN never matches it; a text holding one itself sends the batch the slow way.
_END = "\x00"
_JOIN = f" {_END} "
_TOKEN_OR_END = re.compile(f"(?:{features._TOKEN.pattern})|{_END}", features._TOKEN.flags)
_NEGATOR = 2             # the sign code of a negator (features._learn's None)
# What is remembered, at most; past this the memory is emptied and refilled. Every
# labelling worker holds its own: at these sizes some 150 MB each, so that the 10 M run
# stays under 2 GB with two workers beside the pipeline (with 1 M chunks and 4 M pairs
# the workers took 0.6 GB more, bench/scale.py).
_MAX_TOKENS = 500_000
_MAX_CHUNKS = 250_000
_MAX_PAIRS = 1_500_000
# texts per pass: a pass holds every chunk of its texts as a string (some 100 MB for
# 100 000 texts), the vectoriser one text's features at a time
_SLICE = 20_000


class FeatureMatrix:
    """texts -> the CSR matrix of feature counts that `HashingVectorizer(analyzer=
    features.analyze, n_features=n_features, alternate_sign=False, norm=None)` makes:
    same columns, same sorted indices, duplicates summed."""

    def __init__(self, n_features: int, dtype=np.float64):
        self.n_features = int(n_features)
        self.dtype = np.dtype(dtype)
        # negated? -> polarity sign + 1 -> column (the middle one, no polarity, unused)
        self._polarity_columns = np.zeros((2, 3), dtype=np.int32)
        for negated, by_sign in features._POLARITY.items():
            for sign, name in by_sign.items():
                self._polarity_columns[int(negated), sign + 1] = self._columns([name])[0]
        self._lock = threading.Lock()   # the memory is rewritten as it learns: one batch at a time
        self._forget_tokens()

    def __reduce__(self):
        # a copy (a model pickled after predicting) starts with an empty memory: a lock cannot travel
        return FeatureMatrix, (self.n_features, self.dtype)

    def _forget_tokens(self) -> None:
        """Empties the memory of tokens, and so of the chunks and pairs made of them."""
        self._knowledge = dict(features.WORD_KNOWLEDGE)
        self._token_ids: dict[str, int] = {_END: 0}   # token 0, the end mark, has no features
        self._words = [""]
        self._word_column = np.full(1, -1, dtype=np.int32)
        self._sign = np.zeros(1, dtype=np.int8)
        self._extra_columns = np.full((1, 0), -1, dtype=np.int32)   # left-aligned; -1: none
        self._pairs = IntTable()
        self._forget_chunks()

    def _forget_chunks(self) -> None:
        self._chunk_ids: dict[str, int] = {_END: 0}   # chunk 0, the end mark, has no tokens
        self._has_mark = np.zeros(1, dtype=bool)
        # where each chunk's tokens are in _chunk_tokens, with the emoticon patterns run
        # ("marked") and without; a chunk with a mark of its own is only ever read marked
        self._marked_start = np.zeros(1, dtype=np.int64)
        self._marked_length = np.zeros(1, dtype=np.int64)
        self._plain_start = np.zeros(1, dtype=np.int64)
        self._plain_length = np.zeros(1, dtype=np.int64)
        self._chunk_tokens = np.zeros(0, dtype=np.int32)

    def _columns(self, names: list[str]) -> np.ndarray:
        """The column of each feature name, as sklearn's FeatureHasher finds it: the signed
        32-bit MurmurHash3 (seed 0) of its UTF-8 bytes, its absolute value modulo the width."""
        hashes = np.fromiter(map(mmh3.hash, names), dtype=np.int64, count=len(names))
        columns = np.abs(hashes) % self.n_features
        # FeatureHasher's answer for the one hash whose absolute value an int32 cannot hold
        columns[hashes == -2**31] = (2**31 - 1 - (self.n_features - 1)) % self.n_features
        return columns.astype(np.int32)

    def _one_by_one(self, texts: list[str]) -> sp.csr_matrix:
        """The matrix text by text through features.analyze, as the vectoriser builds it:
        for a batch the joined way cannot take."""
        found = [self._columns(features.analyze(text)) for text in texts]
        indptr = np.concatenate([[0], np.cumsum([len(columns) for columns in found])]).astype(np.int32)
        indices = np.concatenate(found) if found else np.zeros(0, dtype=np.int32)
        counts = sp.csr_matrix((np.ones(len(indices), dtype=self.dtype), indices, indptr),
                               shape=(len(texts), self.n_features))
        counts.sum_duplicates()
        return counts

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        with self._lock:
            if len(texts) <= _SLICE:
                return self._transform(texts)
            return sp.vstack([self._transform(texts[i:i + _SLICE]) for i in range(0, len(texts), _SLICE)],
                             format="csr")

    def _transform(self, texts: list[str]) -> sp.csr_matrix:
        if (features.WORD_KNOWLEDGE != self._knowledge or len(self._token_ids) > _MAX_TOKENS
                or len(self._pairs) > _MAX_PAIRS):
            self._forget_tokens()
        if len(self._chunk_ids) > _MAX_CHUNKS:
            self._forget_chunks()
        joined = _JOIN.join(texts)
        if joined.count(_END) != len(texts) - 1:
            return self._one_by_one(texts)
        tokens, row = self._tokens(joined.split(), len(texts))
        return self._counts(tokens, row, len(texts))

    def _tokens(self, chunks: list[str], n_texts: int) -> tuple[np.ndarray, np.ndarray]:
        """The token numbers of the texts, in order, and the row (text) of each."""
        chunk = _numbers(self._chunk_ids, chunks, self._learn_chunks)
        chunk_row = np.cumsum(chunk == 0)
        is_marked = np.bincount(chunk_row, weights=self._has_mark[chunk], minlength=n_texts) > 0
        marked = is_marked[chunk_row]
        start = np.where(marked, self._marked_start[chunk], self._plain_start[chunk])
        length = np.where(marked, self._marked_length[chunk], self._plain_length[chunk])
        # position k of chunk i's run of tokens: start[i] + k
        first_of_run = np.cumsum(length) - length
        where = np.repeat(start - first_of_run, length) + np.arange(int(length.sum()))
        return self._chunk_tokens[where], np.repeat(chunk_row, length)

    def _learn_chunks(self, chunks: list[str]) -> None:
        """Tokenises new chunks, all at once, both with and without the emoticon patterns."""
        has_mark = np.array([any(mark in chunk for mark in _EMOTICON_MARKS) for chunk in chunks], dtype=bool)
        # the trailing ":" switches the emoticon patterns on and is no token itself
        marked, marked_length = self._runs(features._prepare(_JOIN.join(chunks) + " :"), len(chunks))
        # a chunk with a mark of its own is only ever read marked
        plain_chunks = [chunk for chunk, mark in zip(chunks, has_mark) if not mark]
        plain, plain_length = self._runs(features._prepare(_JOIN.join(plain_chunks)), len(plain_chunks))
        start = len(self._chunk_tokens)
        marked_start = start + np.cumsum(marked_length) - marked_length
        plain_start, plain_lengths = marked_start.copy(), marked_length.copy()
        plain_start[~has_mark] = start + len(marked) + np.cumsum(plain_length) - plain_length
        plain_lengths[~has_mark] = plain_length
        self._chunk_tokens = np.concatenate([self._chunk_tokens, marked, plain])
        self._has_mark = np.concatenate([self._has_mark, has_mark])
        self._marked_start = np.concatenate([self._marked_start, marked_start])
        self._marked_length = np.concatenate([self._marked_length, marked_length])
        self._plain_start = np.concatenate([self._plain_start, plain_start])
        self._plain_length = np.concatenate([self._plain_length, plain_lengths])
        first = len(self._chunk_ids)
        self._chunk_ids.update(zip(chunks, range(first, first + len(chunks))))

    def _runs(self, prepared: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The token numbers of the `n` prepared texts joined in `prepared`, one run after
        the other, and the length of each run."""
        found = _numbers(self._token_ids, _TOKEN_OR_END.findall(prepared), self._learn_tokens)
        is_end = found == 0
        assert is_end.sum() == max(n - 1, 0), "a chunk's preparation reached across the end mark"
        run = np.cumsum(is_end)[~is_end]
        return found[~is_end], np.bincount(run, minlength=n).astype(np.int64)

    def _learn_tokens(self, raw_tokens: list[str]) -> None:
        known = [features._KNOWN.get(raw) or features._learn(raw) for raw in raw_tokens]
        start = len(self._words)
        self._token_ids.update(zip(raw_tokens, range(start, start + len(raw_tokens))))
        self._words += [word for word, _, _ in known]
        self._word_column = np.concatenate([self._word_column, self._columns([word for word, _, _ in known])])
        self._sign = np.concatenate([self._sign, np.array([_NEGATOR if sign is None else sign
                                                           for _, _, sign in known], dtype=np.int8)])
        extras = [extra for _, extra, _ in known]
        width = max([self._extra_columns.shape[1]] + [len(extra) for extra in extras])
        extra_columns = np.full((len(self._words), width), -1, dtype=np.int32)
        extra_columns[:start, :self._extra_columns.shape[1]] = self._extra_columns
        token = np.repeat(np.arange(start, len(self._words)), [len(extra) for extra in extras])
        slot = np.concatenate([np.arange(len(extra)) for extra in extras])
        extra_columns[token, slot] = self._columns([name for extra in extras for name in extra])
        self._extra_columns = extra_columns

    def _counts(self, tokens: np.ndarray, row: np.ndarray, n_texts: int) -> sp.csr_matrix:
        """The matrix, from the token numbers: per token, its word, its pair with the token
        before (in the same text), its extras and its polarity, as features.analyze lists them."""
        has_pair = np.zeros(len(tokens), dtype=bool)
        has_pair[1:] = row[1:] == row[:-1]
        extra = self._extra_columns[tokens]
        n_extra = (extra >= 0).sum(axis=1)
        sign = self._sign[tokens]
        position = np.arange(len(tokens))
        last_negator = np.maximum.accumulate(np.where(sign == _NEGATOR, position, -1)) if len(tokens) else position
        # features.analyze: a negator turns the polarity of the NEGATION_SPAN tokens after it
        negated = (last_negator >= 0) & (row[last_negator] == row) & (position - last_negator <= NEGATION_SPAN)
        has_polarity = (sign == 1) | (sign == -1)

        size = 1 + has_pair + n_extra + has_polarity
        end = np.cumsum(size)
        start = end - size
        indices = np.empty(int(size.sum()), dtype=np.int32)
        indices[start] = self._word_column[tokens]
        indices[start[has_pair] + 1] = self._pair_columns(tokens[:-1][has_pair[1:]], tokens[has_pair])
        after_pair = start + 1 + has_pair
        for slot in range(extra.shape[1]):
            present = extra[:, slot] >= 0
            indices[after_pair[present] + slot] = extra[present, slot]
        indices[(after_pair + n_extra)[has_polarity]] = self._polarity_columns[negated[has_polarity].astype(np.int8),
                                                                               sign[has_polarity] + 1]
        indptr = np.concatenate([[0], end])[np.searchsorted(row, np.arange(n_texts + 1))]
        index_dtype = np.int32 if len(indices) < 2**31 else np.int64
        counts = sp.csr_matrix((np.ones(len(indices), dtype=self.dtype), indices.astype(index_dtype, copy=False),
                                indptr.astype(index_dtype)), shape=(n_texts, self.n_features))
        counts.sum_duplicates()   # sorts the indices too, as HashingVectorizer.transform does
        return counts

    def _pair_columns(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The column of each word pair "first second" (token numbers), hashing the new ones."""
        keys = (first.astype(np.int64) << 32) | second
        columns = self._pairs.get(keys)
        missing = columns < 0
        if missing.any():
            new = np.unique(keys[missing])
            words = self._words
            self._pairs.add(new, self._columns([words[key >> 32] + " " + words[key & 0xFFFFFFFF]
                                                for key in new.tolist()]))
            columns[missing] = self._pairs.get(keys[missing])
        return columns


def _numbers(ids: dict[str, int], names: list[str], learn) -> np.ndarray:
    """The number of each name in `ids`, after `learn(new names)` for the names not there."""
    # one pass over all the names; only the new ones are looked at again
    found = np.fromiter(map(ids.get, names, repeat(-1)), dtype=np.int32, count=len(names))
    missing = np.flatnonzero(found < 0).tolist()
    if missing:
        learn(list(dict.fromkeys(names[i] for i in missing)))
        found[missing] = [ids[names[i]] for i in missing]
    return found
