"""The tagger's token rows for a text, tokenized exactly as spaCy's tokenizer does, cached per
whitespace-separated chunk.

Why: spaCy's tokenizer splits a text at whitespace first and tokenizes each chunk on its own
(``Tokenizer._tokenize_affixes``), and the model's first layers (hash embeddings + mixer) read
a token's own text only (NORM, PREFIX, SUFFIX, SHAPE). So a chunk's tokens and their mixer
rows are a function of the chunk: computed once, by spaCy's own tokenizer and the model's own
layers, and reused for every later occurrence. Building a spaCy Doc per text (and a lexeme
for every new word, which spaCy keeps for the life of the process) was half the model's cost.

A text's chunks are looked up in one pass (a regex, then dict look-ups at C speed); the
tokens' rows and offsets are then gathered with numpy: chunk k's tokens are rows
``first[k] .. first[k] + count[k]`` of one table.

Bounded: at most MAX_ROWS cached token rows and MAX_CHUNKS chunks; past either, the cache and
the tokenizer's vocabulary start afresh (the tokenizer is reloaded from the model's files).
The cache holds chunks of recent documents in this process's memory only, as spaCy's own
string store did; nothing is written or logged.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import numpy as np

MAX_ROWS = 120_000  # x (width 64 x 4 + 16) bytes: 33 MB
MAX_CHUNKS = 100_000  # (a 3 MB sample of the real corpus has 46,000 distinct chunks)
# spaCy's split (``str.isspace``, equal to ``\s``: a test checks every code point): runs of
# non-space characters, and runs of whitespace less the one space that follows a word (that
# space belongs to the word's token); a run at the very start is kept whole.
_CHUNK = re.compile(r"\S+|(?:\A|(?<=\s)|(?<=\S)(?! ))\s+")
# the same, captured: one split gives what lies between the chunks and the chunks themselves,
# alternately (one pass over the text where findall + split took two: 0.31 -> 0.16 s on the
# 3.1 MB of a 40-document real sample)
_CHUNK_SPLIT = re.compile(f"({_CHUNK.pattern})")


class ChunkFeatures:
    """Tokens and mixer rows of texts, through a cache keyed by whitespace-separated chunk."""

    def __init__(self, path: Path, lang: str, columns: list[int],
                 embed: Callable[[np.ndarray], np.ndarray]) -> None:
        from spacy.attrs import IDX, LENGTH, ORTH

        self.path = Path(path)
        self.lang = lang
        self.columns = list(columns)
        self.embed = embed  # attribute ids (tokens x columns) -> mixer rows (tokens x width)
        self._offset_attrs = [IDX, LENGTH]
        self._orth = ORTH
        self.rows: np.ndarray | None = None  # the token table: mixer rows ...
        self.rel = np.zeros((MAX_ROWS, 2), dtype=np.int64)  # ... and offsets in their chunk
        self.first = np.zeros(MAX_CHUNKS + 1, dtype=np.int64)  # per chunk id: first row ...
        self.count = np.zeros(MAX_CHUNKS + 1, dtype=np.int64)  # ... and token count
        self.space = np.zeros(MAX_CHUNKS + 1, dtype=bool)  # a whitespace chunk
        self.reset()

    def reset(self) -> None:
        """Forget every cached chunk; a fresh tokenizer (its vocabulary grows with each new
        word it sees)."""
        import spacy

        nlp = spacy.blank(self.lang)
        nlp.vocab.from_disk(self.path / "vocab")
        nlp.tokenizer.from_disk(self.path / "tokenizer")
        # a new word's lexeme gets only the attributes the model reads: spaCy computes every
        # getter (like_num, like_url, is_ascii, ...) for each new word, ~20% of tokenizing
        # unseen text, and the tokenizer itself reads none of them
        getters = nlp.vocab.lex_attr_getters
        nlp.vocab.lex_attr_getters = {a: f for a, f in getters.items() if a in self.columns}
        self.tokenizer = nlp.tokenizer
        self.cache: dict[str, int] = {}
        self.used = 0

    def tokens(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(mixer rows, token starts, token ends, token is whitespace) of ``text``."""
        # the chunks and what lies between them (nothing or the one space after a word) as
        # strings: one C-speed pass, 4x cheaper than a match object per chunk
        parts = _CHUNK_SPLIT.split(text)
        chunks = parts[1::2]
        lengths = np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks))
        gaps = np.fromiter(map(len, parts[::2]), dtype=np.int64, count=len(chunks) + 1)
        starts = np.cumsum(gaps[:-1] + lengths) - lengths
        if len(text) <= MAX_ROWS // 2 and len(chunks) <= MAX_CHUNKS // 2:
            return self._tokens(chunks, starts)
        # a text longer than the cache holds: in parts (cut between chunks, which spaCy
        # tokenizes one by one anyway), each part's rows copied out before the next
        parts, start, size = [], 0, 0
        for i, length in enumerate(lengths.tolist()):
            size += length
            if size >= MAX_ROWS // 2 or i + 1 - start >= MAX_CHUNKS // 2 or i + 1 == len(chunks):
                parts.append(self._tokens(chunks[start : i + 1], starts[start : i + 1]))
                start, size = i + 1, 0
        parts = [p for p in parts if len(p[1])] or parts[:1]
        return tuple(np.concatenate([p[k] for p in parts]) for k in range(4))  # type: ignore[return-value]

    def _tokens(self, chunks: list[str], starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        ids = list(map(self.cache.get, chunks))
        if None in ids:
            missing = {c for c, i in zip(chunks, ids) if i is None}
            # a chunk holds at most as many tokens as characters
            if len(self.cache) + len(missing) > MAX_CHUNKS or \
                    self.used + sum(map(len, missing)) > len(self.rel):
                self.reset()
                missing = set(chunks)
            self._add(missing)
            ids = list(map(self.cache.__getitem__, chunks))
        ids = np.asarray(ids, dtype=np.int64)
        counts = self.count[ids]
        total = int(counts.sum())
        if not total:
            empty = np.zeros(0, dtype=np.int64)
            return np.zeros((0, 0), dtype=np.float32), empty, empty, np.zeros(0, dtype=bool)
        # row of each token: its chunk's first row + its place among the chunk's tokens
        ends_of = np.cumsum(counts)
        rows = np.arange(total, dtype=np.int64) + np.repeat(self.first[ids] - (ends_of - counts), counts)
        offsets = np.repeat(starts, counts)
        rel = self.rel[rows]
        assert self.rows is not None
        return (self.rows[rows], rel[:, 0] + offsets, rel[:, 1] + offsets,
                np.repeat(self.space[ids], counts))

    def _add(self, missing: set[str]) -> None:
        """Tokenize and embed the chunks not cached: words in one spaCy call (joined by single
        spaces, which spaCy splits on first, so each chunk tokenizes as it would alone),
        whitespace runs one by one (a space inside one would change it)."""
        words = sorted(c for c in missing if not c[0].isspace())
        docs = [(" ".join(words), words)] if words else []
        docs += [(c, [c]) for c in sorted(missing) if c[0].isspace()]
        for joined, parts in docs:
            doc = self.tokenizer(joined)
            where = doc.to_array(self._offset_attrs).astype(np.int64).reshape(len(doc), 2)
            first = self.used
            if first + len(doc) > len(self.rel):  # one chunk of more tokens than MAX_ROWS
                self.rel = np.concatenate([self.rel, np.zeros_like(self.rel, shape=(len(doc), 2))])
                if self.rows is not None:
                    self.rows = np.concatenate([self.rows, np.zeros_like(self.rows, shape=(len(doc), self.rows.shape[1]))])
            if len(doc):
                # each distinct token once: a token's row is a function of its text, and
                # punctuation and short words recur across the new chunks
                _, first_seen, back = np.unique(doc.to_array(self._orth), return_index=True,
                                                return_inverse=True)
                embedded = self.embed(doc.to_array(self.columns)[first_seen])[back.reshape(-1)]
                if self.rows is None:
                    self.rows = np.zeros((len(self.rel), embedded.shape[1]), dtype=np.float32)
                self.rows[first : first + len(doc)] = embedded
                self.used += len(doc)
            bases = np.cumsum([0] + [len(p) + 1 for p in parts[:-1]])
            owner = np.searchsorted(bases, where[:, 0], side="right") - 1
            cut = np.searchsorted(owner, np.arange(len(parts) + 1), side="left")
            self.rel[first : first + len(doc), 0] = where[:, 0] - bases[owner]
            self.rel[first : first + len(doc), 1] = where[:, 0] - bases[owner] + where[:, 1]
            for k, part in enumerate(parts):
                chunk_id = len(self.cache)
                self.cache[part] = chunk_id
                self.first[chunk_id] = first + cut[k]
                self.count[chunk_id] = cut[k + 1] - cut[k]
                self.space[chunk_id] = part[0].isspace()
